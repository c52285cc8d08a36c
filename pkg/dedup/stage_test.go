package dedup_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/dedup/indextest"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// output is one message the stage published.
type output struct {
	subject string
	unique  *model.UniqueArticle
	dup     *model.DuplicateArticle
}

func (o output) id() string {
	if o.unique != nil {
		return o.unique.Article.ID
	}
	return o.dup.Article.ID
}

// readOutputs reads every message on the unique and duplicate subjects,
// waiting until want have arrived or the deadline passes.
func readOutputs(t *testing.T, conn *bus.Conn, want int, wait time.Duration) []output {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	n := conn.Names()
	cons, err := conn.JetStream().OrderedConsumer(ctx, n.Stream(bus.StreamArticles), jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{n.Subject(bus.SubjectArticlesUnique), n.Subject(bus.SubjectArticlesDuplicate)},
	})
	if err != nil {
		t.Fatalf("ordered consumer: %v", err)
	}
	var outs []output
	for len(outs) < want && ctx.Err() == nil {
		batch, err := cons.Fetch(want-len(outs), jetstream.FetchMaxWait(500*time.Millisecond))
		if err != nil {
			t.Fatalf("fetch: %v", err)
		}
		for msg := range batch.Messages() {
			o := output{subject: n.Logical(msg.Subject())}
			switch o.subject {
			case bus.SubjectArticlesUnique:
				o.unique = &model.UniqueArticle{}
				err = model.Decode(msg.Data(), o.unique)
			default:
				o.dup = &model.DuplicateArticle{}
				err = model.Decode(msg.Data(), o.dup)
			}
			if err != nil {
				t.Fatalf("decode output: %v", err)
			}
			outs = append(outs, o)
		}
	}
	return outs
}

func rawArticle(id, title, text string, pub time.Time, rev int) model.Article {
	return model.Article{ID: id, URL: "https://news.example/" + id, Title: title, Text: text, Published: pub, Fetched: pub, Revision: rev}
}

func publishRaw(t *testing.T, conn *bus.Conn, a model.Article) {
	t.Helper()
	data, err := model.Encode(&a)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Publish(context.Background(), bus.SubjectArticlesRaw, fmt.Sprintf("%s.%d", a.ID, a.Revision), data); err != nil {
		t.Fatalf("publish %s: %v", a.ID, err)
	}
}

func TestStageTwoWorkersOverKV(t *testing.T) {
	conn := natstest.Start(t)
	kv, err := conn.KeyValue(t.Context(), bus.BucketDedup)
	if err != nil {
		t.Fatal(err)
	}
	const articles, copies = 50, 4
	texts := indextest.Articles(11, articles)
	pub := time.Date(2024, 10, 24, 9, 0, 0, 0, time.UTC)
	// Copies of one article are adjacent, so both workers get copies of
	// the same article at the same moment.
	for a := range texts {
		for v := 0; v < copies; v++ {
			id := fmt.Sprintf("art%02d-copy%d", a, v)
			publishRaw(t, conn, rawArticle(id, fmt.Sprintf("Headline %d (%d)", a, v), indextest.Copy(texts[a], v), pub.Add(time.Duration(a)*time.Minute), 0))
		}
	}
	stories := dedup.NewClusterer(dedup.StoryConfig{})
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		idx, err := dedup.NewKV(kv)
		if err != nil {
			t.Fatal(err)
		}
		st := dedup.NewStage(idx, stories, conn, zaptest.NewLogger(t).Named(fmt.Sprint("worker", w)), nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := st.Run(ctx, conn, 4); err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("worker: %v", err)
			}
		}()
	}
	outs := readOutputs(t, conn, articles*copies, 60*time.Second)
	cancel()
	wg.Wait()
	if len(outs) != articles*copies {
		t.Fatalf("got %d outputs, want %d", len(outs), articles*copies)
	}
	uniques := map[string][]string{}
	seen := map[string]string{}
	for _, o := range outs {
		id := o.id()
		if prev, ok := seen[id]; ok {
			t.Errorf("%s published twice (%s and %s)", id, prev, o.subject)
		}
		seen[id] = o.subject
		if o.unique != nil {
			uniques[id[:5]] = append(uniques[id[:5]], id)
		}
	}
	for _, o := range outs {
		g := o.id()[:5]
		if len(uniques[g]) != 1 {
			continue
		}
		if o.dup != nil && o.dup.DuplicateOf != uniques[g][0] {
			t.Errorf("%s: duplicate of %s, want %s", o.id(), o.dup.DuplicateOf, uniques[g][0])
		}
	}
	for a := range texts {
		g := fmt.Sprintf("art%02d", a)
		if len(uniques[g]) != 1 {
			t.Errorf("group %s: unique %v, want exactly one", g, uniques[g])
		}
	}
}

func TestStageRedeliveryAndUpdate(t *testing.T) {
	conn := natstest.Start(t)
	idx, err := dedup.NewMemory()
	if err != nil {
		t.Fatal(err)
	}
	st := dedup.NewStage(idx, dedup.NewClusterer(dedup.StoryConfig{}), conn, zaptest.NewLogger(t), nil)
	texts := indextest.Articles(3, 2)
	pub := time.Date(2024, 10, 24, 9, 0, 0, 0, time.UTC)
	handle := func(a model.Article) {
		t.Helper()
		data, err := model.Encode(&a)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Handle(t.Context(), &bus.Message{Subject: bus.SubjectArticlesRaw, Data: data, NumDelivered: 1}); err != nil {
			t.Fatalf("handle %s: %v", a.ID, err)
		}
	}
	orig := rawArticle("orig", "Original", texts[0], pub, 0)
	copyA := rawArticle("copy", "Copy", indextest.Copy(texts[0], 1), pub.Add(time.Minute), 0)
	for i := 0; i < 3; i++ { // first delivery and two redeliveries
		handle(orig)
		handle(copyA)
	}
	outs := readOutputs(t, conn, 2, 5*time.Second)
	if len(outs) != 2 || outs[0].unique == nil || outs[1].dup == nil {
		t.Fatalf("after redeliveries: got %d outputs %+v, want one unique and one duplicate", len(outs), outs)
	}
	if outs[1].dup.DuplicateOf != "orig" || outs[1].dup.StoryID != outs[0].unique.StoryID || !outs[0].unique.StoryNew {
		t.Errorf("duplicate %+v / unique %+v: want copy of orig in orig's new story", outs[1].dup, outs[0].unique)
	}
	upd := orig
	upd.Revision, upd.Text = 1, texts[0]+"\n\nUpdated with a correction."
	handle(upd)
	again, err := st.Decide(t.Context(), &upd)
	if err != nil || again.Unique == nil || again.Unique.StoryNew || again.Unique.StoryID != outs[0].unique.StoryID {
		t.Errorf("redelivered update decided %+v, %v; want the update's decision again", again, err)
	}
	handle(orig) // the old revision redelivered after the update
	outs = readOutputs(t, conn, 4, 3*time.Second)
	if len(outs) != 3 {
		t.Fatalf("after update and a stale redelivery: got %d outputs, want 3", len(outs))
	}
	u := outs[2].unique
	if u == nil || u.Article.Revision != 1 || u.StoryID != outs[0].unique.StoryID || u.StoryNew {
		t.Errorf("update: got %+v, want revision 1 republished as unique in its existing story", outs[2])
	}
}

func TestStageRejectsPoison(t *testing.T) {
	idx, _ := dedup.NewMemory()
	st := dedup.NewStage(idx, dedup.NewClusterer(dedup.StoryConfig{}), nil, nil, nil)
	for name, data := range map[string]string{
		"not json":      "{",
		"no version":    `{"id":"x"}`,
		"no article id": `{"v":1,"title":"t"}`,
	} {
		err := st.Handle(t.Context(), &bus.Message{Data: []byte(data)})
		if !bus.IsPermanent(err) {
			t.Errorf("%s: got %v, want a permanent error", name, err)
		}
	}
}
