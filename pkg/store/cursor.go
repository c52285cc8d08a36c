package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A cursor is the sort key of the last row of a page, (time, id), tagged
// with the listing it belongs to, base64url-encoded. Keyset pagination
// stays correct and fast while rows are being added, unlike OFFSET.
type cursor struct {
	at int64
	id string
}

func encodeCursor(kind string, at int64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + "|" + strconv.FormatInt(at, 10) + "|" + id))
}

func decodeCursor(kind, s string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: not base64", ErrBadCursor)
	}
	parts := strings.SplitN(string(raw), "|", 3)
	if len(parts) != 3 || parts[0] != kind {
		return nil, fmt.Errorf("%w: not a %s cursor", ErrBadCursor, kind)
	}
	at, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: bad position", ErrBadCursor)
	}
	return &cursor{at: at, id: parts[2]}, nil
}

// keyset adds to w the condition "after cur" in the order (timeCol DESC,
// idCol DESC) and returns the ORDER BY and LIMIT clause that fetches one
// row more than limit, so cut can tell whether another page follows.
func (w *where) keyset(cur *cursor, timeCol, idCol string, limit int) string {
	if cur != nil {
		at := w.next(cur.at)
		w.conds = append(w.conds, fmt.Sprintf(`(%[1]s < %[3]s OR (%[1]s = %[3]s AND %[2]s < %[4]s))`, timeCol, idCol, at, w.next(cur.id)))
	}
	return fmt.Sprintf(` ORDER BY %s DESC, %s DESC LIMIT %s`, timeCol, idCol, w.next(limit+1))
}

// cut trims rows fetched by keyset to one page and returns the cursor of
// the next page ("" on the last one); key gives a row's sort key.
func cut[T any](kind string, rows []T, limit int, key func(T) (time.Time, string)) ([]T, string) {
	if rows == nil {
		rows = []T{}
	}
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	at, id := key(rows[limit-1])
	return rows, encodeCursor(kind, micros(at), id)
}
