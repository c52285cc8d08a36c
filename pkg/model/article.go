package model

import "time"

// Article is one feed item as the fetcher publishes it on cw.articles.raw.
// ID is stable for the item's identity (canonical URL, else GUID, else a
// hash of title and content), so a re-fetched or updated item keeps its ID.
type Article struct {
	V           int       `json:"v"`
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	GUID        string    `json:"guid,omitempty"`
	FeedURL     string    `json:"feed_url,omitempty"`
	FeedTitle   string    `json:"feed_title,omitempty"`
	Title       string    `json:"title"`
	Text        string    `json:"text"`
	HTML        bool      `json:"html,omitempty"`
	Author      string    `json:"author,omitempty"`
	Published   time.Time `json:"published"`
	Fetched     time.Time `json:"fetched"`
	ContentHash string    `json:"content_hash"`
	// Revision counts content changes of the same item: 0 for the first
	// version, incremented when the fetcher sees the content change.
	Revision int `json:"revision,omitempty"`
}

// SchemaVersion implements Versioned.
func (a *Article) SchemaVersion() int { return a.V }
func (a *Article) stamp()             { a.V = Version }

// ArticleRef is the part of an article that claims and events carry so a
// consumer can show where a claim came from without the full text.
type ArticleRef struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	FeedURL   string    `json:"feed_url,omitempty"`
	Published time.Time `json:"published"`
	StoryID   string    `json:"story_id,omitempty"`
}

// Ref returns the reference form of a.
func (a *Article) Ref() ArticleRef {
	return ArticleRef{ID: a.ID, URL: a.URL, Title: a.Title, FeedURL: a.FeedURL, Published: a.Published}
}

// UniqueArticle is published on cw.articles.unique for an article that is
// not a copy of one seen before, with the story it was placed in.
type UniqueArticle struct {
	V        int     `json:"v"`
	Article  Article `json:"article"`
	StoryID  string  `json:"story_id"`
	StoryNew bool    `json:"story_new"`
}

// SchemaVersion implements Versioned.
func (u *UniqueArticle) SchemaVersion() int { return u.V }
func (u *UniqueArticle) stamp()             { u.V = Version; u.Article.V = Version }

// DuplicateArticle is published on cw.articles.duplicate for an exact or
// near copy. DuplicateOf is the earliest article of its group; Similarity
// is 1 for an exact copy. The article itself travels along so the store can
// keep the copy and link it.
type DuplicateArticle struct {
	V           int     `json:"v"`
	Article     Article `json:"article"`
	DuplicateOf string  `json:"duplicate_of"`
	StoryID     string  `json:"story_id,omitempty"`
	Similarity  float64 `json:"similarity"`
	Exact       bool    `json:"exact,omitempty"`
}

// SchemaVersion implements Versioned.
func (d *DuplicateArticle) SchemaVersion() int { return d.V }
func (d *DuplicateArticle) stamp()             { d.V = Version; d.Article.V = Version }
