package model

// Claim kinds.
const (
	KindQuote     = "quote"
	KindStatement = "statement"
	KindQuantity  = "quantity"
)

// Claim is one quote, reported statement or attributed figure, in the
// format of DESIGN.md. ID is a stable hash of the claim key, so the same
// claim read from many outlets has one ID and many mentions.
type Claim struct {
	ID       string    `json:"id"`
	Key      string    `json:"key,omitempty"`
	Kind     string    `json:"kind"`
	Text     string    `json:"text"`
	Content  string    `json:"content"`
	Fragment bool      `json:"fragment,omitempty"`
	Speaker  string    `json:"speaker,omitempty"`
	Source   string    `json:"source,omitempty"`
	Subject  string    `json:"subject,omitempty"`
	Quantity *Quantity `json:"quantity,omitempty"`
	Date     string    `json:"date,omitempty"`
	Entities []string  `json:"entities,omitempty"`
	Score    float64   `json:"score"`
	Mentions []Mention `json:"mentions,omitempty"`
}

// Quantity is a reported figure. Low and High bound the interval its hedge
// allows; nil means unbounded on that side.
type Quantity struct {
	Value float64  `json:"value"`
	Unit  string   `json:"unit,omitempty"`
	Hedge string   `json:"hedge,omitempty"`
	Low   *float64 `json:"low"`
	High  *float64 `json:"high"`
}

// Mention locates a claim in one article: the sentence index and the
// [Start, End) rune offsets of the claim's text in the cleaned article.
type Mention struct {
	ArticleID string `json:"article_id"`
	Sentence  int    `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// ClaimBatch is published on cw.claims.extracted: every claim of one
// article, so the store can apply an article's claims in one transaction.
type ClaimBatch struct {
	V         int        `json:"v"`
	Article   ArticleRef `json:"article"`
	Extractor string     `json:"extractor"`
	Claims    []Claim    `json:"claims"`
}

// SchemaVersion implements Versioned.
func (b *ClaimBatch) SchemaVersion() int { return b.V }
func (b *ClaimBatch) stamp()             { b.V = Version }
