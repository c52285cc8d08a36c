package store

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChunkRows(t *testing.T) {
	tests := []struct {
		n     int
		fixed bool
		want  []int
	}{
		{n: 7, fixed: true, want: []int{7}},
		{n: 16, fixed: true, want: []int{16}},
		{n: 45, fixed: true, want: []int{16, 16, 13}},
		{n: 7, fixed: false, want: []int{7}},
		{n: 250, fixed: false, want: []int{100, 100, 50}},
	}
	for _, tt := range tests {
		var got []int
		for left := tt.n; left > 0; {
			c := chunkRows(tt.fixed, left)
			got = append(got, c)
			left -= c
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("chunks of %d (fixed %v) (-want +got):\n%s", tt.n, tt.fixed, diff)
		}
	}
}

func TestMultiRowSQL(t *testing.T) {
	if got, want := multiRowSQL("INSERT INTO t (a, b) VALUES ", "ON CONFLICT DO NOTHING", 2, 2, false),
		"INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING"; got != want {
		t.Errorf("numbered: %q, want %q", got, want)
	}
	if got, want := multiRowSQL("INSERT INTO t (a, b) VALUES ", "", 3, 2, true),
		"INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?) "; got != want {
		t.Errorf("anonymous: %q, want %q", got, want)
	}
}

func TestInListPadsToPowerOfTwo(t *testing.T) {
	s := openTestSQLite(t)
	tx, err := s.db.begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.rollback(t.Context()) }()
	ph, args := inList(tx, 2, []string{"a", "b", "c"})
	if want := "$2, $3, $4, $5"; ph != want {
		t.Errorf("placeholders %q, want %q", ph, want)
	}
	if diff := cmp.Diff([]any{"a", "b", "c", "c"}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
	// Elsewhere (the reader pool, PostgreSQL) the list is not padded.
	ph, _ = inList(s.db, 1, []string{"a", "b", "c"})
	if strings.Count(ph, "$") != 3 {
		t.Errorf("unpadded placeholders %q, want 3", ph)
	}
}
