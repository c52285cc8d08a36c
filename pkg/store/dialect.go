package store

import (
	"context"

	"github.com/claimwatch/claimwatch/pkg/model"
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
	// indexClaims and indexArticle maintain external full-text tables
	// (SQLite FTS5); nil where the index is a generated column. Claims
	// are indexed once, when first inserted; an article is re-indexed
	// (replace) when a new revision arrives.
	indexClaims  func(ctx context.Context, q querier, fresh []*model.Claim) error
	indexArticle func(ctx context.Context, q querier, id, title, text string, replace bool) error
	// lockKeys takes transaction-scoped locks on keys, in the order given,
	// so writers in other processes touching the same claim or subject
	// wait (pg_advisory_xact_lock); nil where there is one writer.
	lockKeys func(ctx context.Context, q querier, keys []string) error
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
	claimMatch: "c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH %s)",
	ftsQuery: func(q string) string {
		words := ftsWords(q)
		for i, w := range words {
			// A quoted FTS5 string is a literal term; "" escapes a quote.
			words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		}
		return strings.Join(words, " ")
	},
	indexClaims: func(ctx context.Context, q querier, fresh []*model.Claim) error {
		// The FTS rowid is the claim's seq, looked up by id (SQLite names
		// the VALUES columns column1, column2).
		return multiRow(ctx, q, `INSERT INTO claims_fts (rowid, body) SELECT c.seq, v.column2 FROM (VALUES `,
			`) AS v JOIN claims c ON c.id = v.column1`, len(fresh), 2,
			func(i int) []any {
				c := fresh[i]
				return []any{c.ID, c.Text + " " + c.Content + " " + c.Speaker}
			}, nil)
	},
	indexArticle: func(ctx context.Context, q querier, id, title, text string, replace bool) error {
		// article_id is UNINDEXED: deleting by it scans the FTS table,
		// so it is done only for a new revision, never on first insert.
		if replace {
			if _, err := q.exec(ctx, `DELETE FROM articles_fts WHERE article_id = $1`, id); err != nil {
				return err
			}
		}
		_, err := q.exec(ctx, `INSERT INTO articles_fts (article_id, title, body) VALUES ($1, $2, $3)`, id, title, text)
		return err
	},
}

var postgresDialect = dialect{
	name: "postgres",
	// plainto_tsquery ANDs the words and reads no operators.
	claimMatch: "c.tsv @@ plainto_tsquery('english', %s)",
	ftsQuery: func(q string) string {
		return strings.Join(ftsWords(q), " ")
	},
	lockKeys: func(ctx context.Context, q querier, keys []string) error {
		// WITH ORDINALITY + ORDER BY: locks are taken in the caller's
		// (sorted) order, which is what prevents deadlocks.
		_, err := q.exec(ctx, `SELECT pg_advisory_xact_lock(hashtext(k))
			FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n`, keys)
		return err
	},
}
