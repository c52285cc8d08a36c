package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
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
