package store

import (
	"context"
	"strings"
	"unicode"
)

// dialect holds what differs between SQLite and PostgreSQL once the
// placeholders agree.
type dialect struct {
	name string
	// claimMatch is an SQL condition on claims aliased "c", with one
	// placeholder %s, selecting claims matching a full-text query given
	// as ftsQuery returns it.
	claimMatch string
	// ftsQuery turns user words into the dialect's query syntax.
	ftsQuery func(q string) string
	// indexClaim and indexArticle maintain external full-text tables
	// (SQLite FTS5); nil where the index is a generated column.
	indexClaim   func(ctx context.Context, q querier, id, body string) error
	indexArticle func(ctx context.Context, q querier, id, title, text string) error
	// lockKey serialises writers touching the same conflict subject across
	// processes (pg_advisory_xact_lock); nil where there is one writer.
	lockKey func(ctx context.Context, q querier, key string) error
}

// ftsWords splits a user query into words, dropping punctuation and
// operators, so no input can be a syntax error in either dialect.
func ftsWords(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

var sqliteDialect = dialect{
	name:       "sqlite",
	claimMatch: "c.id IN (SELECT claim_id FROM claims_fts WHERE claims_fts MATCH %s)",
	ftsQuery: func(q string) string {
		words := ftsWords(q)
		for i, w := range words {
			// A quoted FTS5 string is a literal term; "" escapes a quote.
			words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		}
		return strings.Join(words, " ")
	},
	indexClaim: func(ctx context.Context, q querier, id, body string) error {
		if _, err := q.exec(ctx, `DELETE FROM claims_fts WHERE claim_id = $1`, id); err != nil {
			return err
		}
		_, err := q.exec(ctx, `INSERT INTO claims_fts (claim_id, body) VALUES ($1, $2)`, id, body)
		return err
	},
	indexArticle: func(ctx context.Context, q querier, id, title, text string) error {
		if _, err := q.exec(ctx, `DELETE FROM articles_fts WHERE article_id = $1`, id); err != nil {
			return err
		}
		_, err := q.exec(ctx, `INSERT INTO articles_fts (article_id, title, body) VALUES ($1, $2, $3)`, id, title, text)
		return err
	},
}

var postgresDialect = dialect{
	name:       "postgres",
	// plainto_tsquery ANDs the words and reads no operators.
	claimMatch: "c.tsv @@ plainto_tsquery('english', %s)",
	ftsQuery: func(q string) string {
		return strings.Join(ftsWords(q), " ")
	},
	lockKey: func(ctx context.Context, q querier, key string) error {
		_, err := q.exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, key)
		return err
	},
}
