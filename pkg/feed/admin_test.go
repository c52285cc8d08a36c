package feed

import (
	"errors"
	"os"
	"testing"
)

func TestAdminManagesTheSharedList(t *testing.T) {
	ctx := t.Context()
	a := NewAdmin(NewMemoryStore())
	st, err := a.AddFeed(ctx, "https://News.example.com/rss?utm_source=x")
	if err != nil {
		t.Fatal(err)
	}
	if st.ID == "" || st.Status == "" {
		t.Fatalf("status of a new feed: %+v", st)
	}
	again, err := a.AddFeed(ctx, "https://news.example.com/rss")
	if err != nil || again.ID != st.ID {
		t.Fatalf("adding the same feed again: %+v, %v", again, err)
	}
	if _, err := a.AddFeed(ctx, "ftp://example.com/feed"); !errors.Is(err, os.ErrInvalid) {
		t.Errorf("non-http feed: err = %v, want os.ErrInvalid", err)
	}
	list, err := a.Feeds(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Feeds = %+v, %v; want one feed", list, err)
	}
	if err := a.RemoveFeed(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.RemoveFeed(ctx, st.ID); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("removing twice: err = %v, want os.ErrNotExist", err)
	}
}
