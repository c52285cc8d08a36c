package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/claimwatch/claimwatch/pkg/canon"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// entry is one feed item prepared for publishing.
type entry struct {
	identity  string // "url:…", "guid:…" or "text:…"
	id        string // model.Article.ID: hash of identity
	link      string // canonical link, or the raw one if it does not canonicalise
	guid      string
	title     string
	text      string
	author    string
	published time.Time
	hash      string // hash of title and text as the feed carried them
}

// hashHex returns the first 32 hex digits (128 bits) of SHA-256 over parts
// separated by NUL, which no part can contain ambiguously enough to matter.
func hashHex(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// hashBytes is hashHex of one byte slice, without copying it to a string.
func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// FeedID returns the ID of the feed at rawURL: a hash of its canonical
// URL, so spellings of one address are one feed. It is also the feed's key
// in the state store.
func FeedID(rawURL string) (string, error) {
	c, err := canon.URL(rawURL)
	if err != nil {
		return "", err
	}
	return hashHex("feed", c)[:16], nil
}

// entries turns parsed items into entries with stable identities.
//
// Identity is the canonical link; where the link is missing or shared by
// several items of this feed (feeds that link every item to their home
// page) it is the GUID, scoped to the feed; where that too is missing or
// shared (feeds that repeat one GUID on every item) it is a hash of title
// and text, scoped to the feed. The link comes first so an item whose GUID
// the publisher edits is still the same article.
func entries(feedID, feedURL string, items []*gofeed.Item, now time.Time) []entry {
	out := make([]entry, 0, len(items))
	links := map[string]int{}
	guids := map[string]int{}
	base, _ := url.Parse(feedURL)
	for _, it := range items {
		if it == nil {
			continue
		}
		e := entry{
			guid:  strings.TrimSpace(it.GUID),
			title: cleanTitle(it.Title),
		}
		e.link = itemLink(base, it)
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		} else if len(it.Description) > len(content) {
			// Some feeds put the full text in description and a teaser in
			// content; take the longer one.
			content = it.Description
		}
		e.text = plainText(content)
		if e.title == "" && e.text == "" && e.link == "" {
			continue
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			e.author = strings.TrimSpace(it.Authors[0].Name)
		}
		switch {
		case it.PublishedParsed != nil:
			e.published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			e.published = it.UpdatedParsed.UTC()
		}
		if e.published.IsZero() || e.published.After(now.Add(48*time.Hour)) {
			// Undated items, and dates far in the future (bad clocks, typos),
			// are dated when we first saw them.
			e.published = now
		}
		e.hash = hashHex(e.title, e.text)
		if e.link != "" {
			links[e.link]++
		}
		if e.guid != "" {
			guids[e.guid]++
		}
		out = append(out, e)
	}
	seen := map[string]bool{}
	kept := out[:0]
	for _, e := range out {
		if links[e.link] > 1 {
			// A link shared by several items (a feed linking everything to
			// its home page) names none of them: publishing it would make
			// the dedup stage see copies, and full text would fetch the
			// wrong page.
			e.link = ""
		}
		switch {
		case e.link != "" && isHTTP(e.link):
			e.identity = "url:" + e.link
		case e.guid != "" && guids[e.guid] == 1:
			e.identity = "guid:" + feedID + ":" + e.guid
		default:
			e.identity = "text:" + feedID + ":" + e.hash
		}
		if seen[e.identity] {
			continue // the same item twice in one document
		}
		seen[e.identity] = true
		e.id = hashHex(e.identity)
		kept = append(kept, e)
	}
	return kept
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// itemLink resolves the item's link against the feed URL and
// canonicalises it. A GUID that is a permalink serves when there is no
// link.
func itemLink(base *url.URL, it *gofeed.Item) string {
	raw := strings.TrimSpace(it.Link)
	if raw == "" && len(it.Links) > 0 {
		raw = strings.TrimSpace(it.Links[0])
	}
	if raw == "" && isHTTP(strings.TrimSpace(it.GUID)) {
		raw = strings.TrimSpace(it.GUID)
	}
	if raw == "" {
		return ""
	}
	if base != nil {
		if u, err := base.Parse(raw); err == nil {
			raw = u.String()
		}
	}
	if c, err := canon.URL(raw); err == nil {
		return c
	}
	return ""
}

// article builds the message for e. text is the text to publish (the
// feed's or the full text fetched from the page).
func (e *entry) article(feedURL, feedTitle, text string, rev int, fetched time.Time) model.Article {
	return model.Article{
		ID:          e.id,
		URL:         e.link,
		GUID:        e.guid,
		FeedURL:     feedURL,
		FeedTitle:   feedTitle,
		Title:       e.title,
		Text:        text,
		Author:      e.author,
		Published:   e.published,
		Fetched:     fetched,
		ContentHash: hashHex(e.title, text),
		Revision:    rev,
	}
}

// msgID is the Nats-Msg-Id of an article: its ID for the first version,
// "ID:revision" for updates, so the stream's duplicate window drops a
// re-publish but lets an update through.
func msgID(a *model.Article) string {
	if a.Revision == 0 {
		return a.ID
	}
	return a.ID + ":" + strconv.Itoa(a.Revision)
}
