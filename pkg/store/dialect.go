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
	// insertNew begins the multi-row inserts whose ON CONFLICT clause
	// skips rows already stored.
	insertNew string
	// batch is per-transaction work of the dialect's batches: SQLite
	// indexes the claims a batch inserted in its external full-text table
	// (FTS5) there; PostgreSQL's index is a generated column.
	batch batchHooks
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
	name: "sqlite",
	// OR IGNORE also turns the NOT NULL checks (never failed: the values
	// are Go strings and integers) from abort into skip, so that SQLite
	// needs no statement journal for these statements. With one, a
	// multi-row insert inside a transaction first copied every page it
	// changed into the journal: ~6% of the writer's CPU (issue 9).
	insertNew:  "INSERT OR IGNORE INTO",
	claimMatch: "c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH %s)",
	ftsQuery: func(q string) string {
		words := ftsWords(q)
		for i, w := range words {
			// A quoted FTS5 string is a literal term; "" escapes a quote.
			words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		}
		return strings.Join(words, " ")
	},
	batch: batchHooks{
		// Claims are indexed once per batch, not per op, because FTS5
		// writes its pending terms out as a new segment at every
		// statement savepoint, and every multi-row or upsert statement
		// of a later op opens one: indexing per op wrote a tiny segment
		// per op, then merged them, about a fifth of the writer's CPU in
		// claimwatch bench (issue 9). One INSERT ... SELECT after the
		// last op keeps the terms in memory until commit writes one
		// segment.
		//
		// seq is an INTEGER PRIMARY KEY, so SQLite gives a new claim the
		// largest seq plus one, and the writer holds the write lock from
		// BEGIN (_txlock=immediate): the claims this transaction inserted
		// are exactly those above the largest seq at its start. The body
		// is the columns a claim's text, content and speaker are stored in.
		begin: func(ctx context.Context, q querier) (int64, error) {
			var mark int64
			err := q.queryRow(ctx, `SELECT coalesce(max(seq), 0) FROM claims`).Scan(&mark)
			return mark, err
		},
		end: func(ctx context.Context, q querier, mark int64) error {
			_, err := q.exec(ctx, `INSERT INTO claims_fts (rowid, body)
				SELECT seq, text || ' ' || content || ' ' || speaker FROM claims WHERE seq > $1`, mark)
			return err
		},
	},
}

var postgresDialect = dialect{
	name:      "postgres",
	insertNew: "INSERT INTO",
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
