package hostile

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap/zaptest"
	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// pipeline runs the real dedup, extractor and store stages on one
// in-process JetStream with a real SQLite store, until the test ends.
func startPipeline(t *testing.T) (*bus.Conn, store.Store) {
	t.Helper()
	conn := natstest.Start(t)
	log := zaptest.NewLogger(t)
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "cw.db"), log)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := dedup.NewMemory()
	if err != nil {
		t.Fatal(err)
	}
	dd := dedup.NewStage(idx, dedup.NewClusterer(dedup.StoryConfig{}), conn, log, nil)
	ex := claims.NewStage(claims.NewRules(0), conn, log, nil)
	ss := store.NewStage(st, log, nil)
	ctx, cancel := context.WithCancel(context.Background())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return dd.Run(gctx, conn, 2) })
	g.Go(func() error {
		return conn.RunStage(gctx, bus.StageSpec{Consumer: bus.ConsumerExtractor, Concurrency: 2}, ex.Handle)
	})
	g.Go(func() error { return ss.Run(gctx, conn, 2) })
	t.Cleanup(func() {
		cancel()
		if err := g.Wait(); err != nil {
			t.Errorf("stages: %v", err)
		}
		cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer ccancel()
		_ = st.Close(cctx)
	})
	return conn, st
}

func seedArticle(t *testing.T, i int) model.Article {
	t.Helper()
	seeds, err := demo.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	s := seeds[i%len(seeds)]
	return model.Article{ID: "good-" + s.File, URL: s.URL, Title: s.Title, Text: s.Text,
		Published: s.Published, Fetched: time.Now().UTC(), ContentHash: s.File}
}

func publish(t *testing.T, conn *bus.Conn, subject, id string, data []byte) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	return conn.Publish(ctx, subject, id, data)
}

// dlqEntry is one dead-lettered message: which stage gave up on it and the
// first bytes of its payload.
type dlqEntry struct {
	Stage   string
	Subject string
	Prefix  string
}

// readDLQ returns what the dead-letter stream holds once it has stopped
// growing for a second (or after want entries).
func readDLQ(t *testing.T, conn *bus.Conn, want int, wait time.Duration) []dlqEntry {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	stream, err := conn.JetStream().Stream(ctx, conn.Names().Stream(bus.StreamDLQ))
	if err != nil {
		t.Fatal(err)
	}
	for {
		info, err := stream.Info(ctx)
		if err == nil && int(info.State.Msgs) >= want {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("dead-letter stream did not reach %d messages within %s", want, wait)
		case <-time.After(100 * time.Millisecond):
		}
	}
	time.Sleep(time.Second) // let a surplus show up, if any
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []dlqEntry
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := stream.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		p := string(m.Data)
		if len(p) > 12 {
			p = p[:12]
		}
		out = append(out, dlqEntry{Stage: m.Header.Get(bus.HeaderStage), Subject: m.Header.Get(bus.HeaderOrigSubject), Prefix: p})
		if m.Header.Get(bus.HeaderError) == "" {
			t.Errorf("dead-lettered message %d carries no %s header", seq, bus.HeaderError)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Stage+out[i].Prefix < out[j].Stage+out[j].Prefix })
	return out
}

// waitStored waits until every id is a stored (non-stub) article.
func waitStored(t *testing.T, st store.Store, ids ...string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for _, id := range ids {
		for {
			a, err := st.GetArticle(t.Context(), id)
			if err == nil && a != nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("article %s was never stored (last error %v)", id, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
}

// TestPoisonMessagesAreDeadLetteredAndGoodOnesKept publishes good
// articles around poison messages on every subject a stage consumes. Each
// poison message must end in the dead-letter stream, once per stage that
// consumes its subject, with its stage and error; the good articles must
// be stored with their claims; an oversized message is refused at publish
// time with a clear error and reaches nobody.
func TestPoisonMessagesAreDeadLetteredAndGoodOnesKept(t *testing.T) {
	conn, st := startPipeline(t)
	before, after := seedArticle(t, 0), seedArticle(t, 3)
	enc := func(a model.Article) []byte {
		b, err := model.Encode(&a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if err := publish(t, conn, bus.SubjectArticlesRaw, before.ID, enc(before)); err != nil {
		t.Fatal(err)
	}
	waitStored(t, st, before.ID)

	good := enc(seedArticle(t, 1))
	wrongVersion := bytes.Replace(good, []byte(`"v":1`), []byte(`"v":2`), 1)
	if bytes.Equal(wrongVersion, good) {
		t.Fatal("could not rewrite the schema version: the encoding changed")
	}
	poison := map[string][]byte{
		"wrong-version": wrongVersion,
		"truncated":     good[:len(good)/2],
		"not-json":      []byte("\x00\xffGARBAGE"),
	}
	subjects := []string{bus.SubjectArticlesRaw, bus.SubjectArticlesUnique, bus.SubjectArticlesDuplicate, bus.SubjectClaimsExtracted}
	for _, subj := range subjects {
		for name, data := range poison {
			if err := publish(t, conn, subj, subj+"/"+name, data); err != nil {
				t.Fatalf("publish %s on %s: %v", name, subj, err)
			}
		}
	}

	// Oversized: above the streams' 8 MiB message limit. The server refuses
	// it, the publisher gets the error, and no consumer ever sees it.
	huge := enc(model.Article{ID: "huge", URL: "https://example.com/huge", Text: strings.Repeat("word ", 2<<20), Published: time.Now()})
	err := publish(t, conn, bus.SubjectArticlesRaw, "huge", huge)
	if err == nil {
		t.Fatal("a 10 MiB message was accepted by the stream")
	}
	if !errors.Is(err, nats.ErrMaxPayload) && !strings.Contains(strings.ToLower(err.Error()), "maximum") && !strings.Contains(strings.ToLower(err.Error()), "payload") {
		t.Errorf("oversized publish error %q does not say the message is too large", err)
	}

	if err := publish(t, conn, bus.SubjectArticlesRaw, after.ID, enc(after)); err != nil {
		t.Fatal(err)
	}
	waitStored(t, st, before.ID, after.ID)

	// Who consumes what: raw -> dedup; unique -> extractor and store;
	// duplicate -> store; claims -> store.
	consumers := map[string][]string{
		bus.SubjectArticlesRaw:       {bus.ConsumerDedup},
		bus.SubjectArticlesUnique:    {bus.ConsumerExtractor, bus.ConsumerStoreArticles},
		bus.SubjectArticlesDuplicate: {bus.ConsumerStoreDuplicates},
		bus.SubjectClaimsExtracted:   {bus.ConsumerStore},
	}
	var want []dlqEntry
	for subj, stages := range consumers {
		for _, stage := range stages {
			for _, data := range poison {
				p := string(data)
				if len(p) > 12 {
					p = p[:12]
				}
				want = append(want, dlqEntry{Stage: stage, Subject: subj, Prefix: p})
			}
		}
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Stage+want[i].Prefix < want[j].Stage+want[j].Prefix })
	got := readDLQ(t, conn, len(want), 2*time.Minute)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("dead-letter stream (-want +got):\n%s", d)
	}

	// The good articles were stored with their claims, and the poison left
	// no rows behind.
	for _, a := range []model.Article{before, after} {
		stored, err := st.GetArticle(t.Context(), a.ID)
		if err != nil {
			t.Fatalf("article %s: %v", a.ID, err)
		}
		if stored.Title != a.Title && a.Title != "" {
			t.Errorf("article %s stored with title %q, want %q", a.ID, stored.Title, a.Title)
		}
	}
	deadline := time.Now().Add(time.Minute)
	for {
		c, err := st.Counts(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if c.Claims > 0 || time.Now().After(deadline) {
			if c.Claims == 0 {
				t.Error("the good articles produced no stored claims")
			}
			if c.Articles != 2 {
				t.Errorf("%d articles stored, want the 2 good ones", c.Articles)
			}
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if _, err := st.GetArticle(t.Context(), "huge"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the oversized article was stored (err %v)", err)
	}
}

// TestArticleAtTheSizeLimit publishes an article just under the streams'
// 8 MiB message limit. The stream accepts it; the stages wrap it in larger
// messages. Whatever happens next must end: the article is stored, or it
// is dead-lettered with an error saying why — never retried for ever, and
// never blocking the article published after it.
func TestArticleAtTheSizeLimit(t *testing.T) {
	conn, st := startPipeline(t)
	big := model.Article{ID: "big", URL: "https://example.com/big", Title: "big", Published: time.Now().UTC(), ContentHash: "big"}
	empty, err := model.Encode(&big)
	if err != nil {
		t.Fatal(err)
	}
	big.Text = strings.Repeat("All work and no play makes Jack a dull boy. ", (8<<20-len(empty)-1024)/45)
	data, err := model.Encode(&big)
	if err != nil {
		t.Fatal(err)
	}
	if err := publish(t, conn, bus.SubjectArticlesRaw, big.ID, data); err != nil {
		t.Fatalf("a %d-byte article under the limit was refused: %v", len(data), err)
	}
	next := seedArticle(t, 2)
	nb, err := model.Encode(&next)
	if err != nil {
		t.Fatal(err)
	}
	if err := publish(t, conn, bus.SubjectArticlesRaw, next.ID, nb); err != nil {
		t.Fatal(err)
	}
	waitStored(t, st, next.ID)

	deadline := time.Now().Add(4 * time.Minute)
	for {
		if _, err := st.GetArticle(t.Context(), big.ID); err == nil {
			t.Logf("the %d-byte article was stored", len(data))
			return
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		msgs, err := conn.JetStream().Stream(ctx, conn.Names().Stream(bus.StreamDLQ))
		if err == nil {
			if info, err := msgs.Info(ctx); err == nil && info.State.Msgs > 0 {
				m, err := msgs.GetMsg(ctx, info.State.FirstSeq)
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("the %d-byte article was dead-lettered by %s: %s", len(data), m.Header.Get(bus.HeaderStage), m.Header.Get(bus.HeaderError))
				if m.Header.Get(bus.HeaderError) == "" {
					t.Error("dead-lettered without an error")
				}
				return
			}
		}
		cancel()
		if time.Now().After(deadline) {
			t.Fatalf("the %d-byte article was neither stored nor dead-lettered after 4 minutes", len(data))
		}
		time.Sleep(time.Second)
	}
}
