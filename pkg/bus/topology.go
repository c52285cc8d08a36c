package bus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Limits bound what the streams keep. The zero value means the defaults.
type Limits struct {
	// ArticlesMaxAge is how long raw, unique and duplicate article
	// messages stay replayable (default 7 days).
	ArticlesMaxAge time.Duration
	// MaxBytes caps each stream (default 1 GiB). Servers reserve it
	// against their JetStream storage limit when the stream is created.
	MaxBytes int64
	// DuplicateWindow is the stream's Nats-Msg-Id memory (default 1 h).
	DuplicateWindow time.Duration
	// DedupWindow is how long the near-duplicate index remembers an
	// article (default 7 days).
	DedupWindow time.Duration
}

func (l Limits) withDefaults() Limits {
	if l.ArticlesMaxAge == 0 {
		l.ArticlesMaxAge = 7 * 24 * time.Hour
	}
	if l.MaxBytes == 0 {
		l.MaxBytes = 1 << 30
	}
	if l.DuplicateWindow == 0 {
		l.DuplicateWindow = time.Hour
	}
	if l.DedupWindow == 0 {
		l.DedupWindow = 7 * 24 * time.Hour
	}
	return l
}

// maxMsgSize bounds one message; an article larger than this is refused
// at publish time rather than clogging every stage.
const maxMsgSize = 8 << 20

func streamSpecs(n Names, replicas int) []jetstream.StreamConfig {
	return streamSpecsWith(n, replicas, Limits{}.withDefaults())
}

func streamSpecsWith(n Names, replicas int, l Limits) []jetstream.StreamConfig {
	stream := func(name, subjects string, age time.Duration, maxBytes int64) jetstream.StreamConfig {
		return jetstream.StreamConfig{
			Name:        n.Stream(name),
			Subjects:    []string{n.Subject(subjects)},
			Retention:   jetstream.LimitsPolicy,
			Storage:     jetstream.FileStorage,
			Replicas:    replicas,
			MaxAge:      age,
			MaxBytes:    maxBytes,
			MaxMsgSize:  maxMsgSize,
			Discard:     jetstream.DiscardOld,
			Duplicates:  l.DuplicateWindow,
			Description: "claimwatch " + subjects,
		}
	}
	return []jetstream.StreamConfig{
		stream(StreamArticles, "cw.articles.>", l.ArticlesMaxAge, l.MaxBytes),
		stream(StreamClaims, "cw.claims.>", 30*24*time.Hour, l.MaxBytes),
		stream(StreamEvents, "cw.events.>", 30*24*time.Hour, l.MaxBytes),
		stream(StreamDLQ, "cw.dlq.>", 30*24*time.Hour, min(l.MaxBytes, 1<<30)),
		stream(StreamAlerts, "cw.alerts.>", 7*24*time.Hour, min(l.MaxBytes, 1<<30)),
	}
}

// ConsumerSpec names one stage's durable consumer.
type ConsumerSpec struct {
	Durable string
	Stream  string
	Filter  string
	// AckWait is how long the server waits before redelivering; the
	// runner sends in-progress heartbeats well inside it.
	AckWait time.Duration
	// MaxAckPending bounds the messages out at once across all replicas,
	// which is what keeps a slow stage from being flooded.
	MaxAckPending int
}

// Durable consumer names, one per stage and input subject.
const (
	ConsumerStoreArticles   = "store_articles"
	ConsumerStoreDuplicates = "store_duplicates"
)

// Consumers lists every durable consumer of the pipeline.
func Consumers() []ConsumerSpec {
	return []ConsumerSpec{
		{Durable: ConsumerDedup, Stream: StreamArticles, Filter: SubjectArticlesRaw, AckWait: 30 * time.Second, MaxAckPending: 1024},
		{Durable: ConsumerExtractor, Stream: StreamArticles, Filter: SubjectArticlesUnique, AckWait: 60 * time.Second, MaxAckPending: 1024},
		{Durable: ConsumerStoreArticles, Stream: StreamArticles, Filter: SubjectArticlesUnique, AckWait: 60 * time.Second, MaxAckPending: 2048},
		{Durable: ConsumerStoreDuplicates, Stream: StreamArticles, Filter: SubjectArticlesDuplicate, AckWait: 60 * time.Second, MaxAckPending: 2048},
		{Durable: ConsumerStore, Stream: StreamClaims, Filter: SubjectClaimsExtracted, AckWait: 60 * time.Second, MaxAckPending: 2048},
		{Durable: ConsumerAlerter, Stream: StreamEvents, Filter: "cw.events.>", AckWait: 60 * time.Second, MaxAckPending: 512},
	}
}

// ConsumerByName returns the spec of a durable consumer.
func ConsumerByName(durable string) (ConsumerSpec, error) {
	for _, c := range Consumers() {
		if c.Durable == durable {
			return c, nil
		}
	}
	return ConsumerSpec{}, fmt.Errorf("bus: no consumer named %q", durable)
}

func consumerConfig(n Names, c ConsumerSpec, replicas int) jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       n.Stream(c.Durable),
		Description:   "claimwatch stage " + c.Durable,
		FilterSubject: n.Subject(c.Filter),
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.AckWait,
		// The runner dead-letters after its own MaxDeliver; the server
		// keeps redelivering so a message whose handler crashed the
		// process is never dropped silently.
		MaxDeliver:    -1,
		MaxAckPending: c.MaxAckPending,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		Replicas:      replicas,
	}
}

// BucketSpec describes one KV bucket.
type BucketSpec struct {
	Name    string
	TTL     time.Duration
	History uint8
}

func bucketSpecs(l Limits) []BucketSpec {
	return []BucketSpec{
		{Name: BucketFeeds, History: 1},
		{Name: BucketDedup, TTL: l.DedupWindow, History: 1},
		{Name: BucketStory, TTL: l.DedupWindow, History: 1},
		{Name: BucketAlerts, TTL: 30 * 24 * time.Hour, History: 1},
	}
}

// EnsureTopology creates or updates every stream, consumer and bucket.
// It is idempotent and never deletes: an existing stream keeps its data,
// and a change the server refuses to apply is reported, not forced.
// Replicas starting together race to create the same stream; the loser's
// error is retried, each request bounded, until ctx ends.
func (c *Conn) EnsureTopology(ctx context.Context, l Limits) error {
	l = l.withDefaults()
	for _, cfg := range streamSpecsWith(c.names, c.replicas, l) {
		if err := retry(ctx, "stream "+cfg.Name, func(ctx context.Context) error {
			_, err := c.js.CreateOrUpdateStream(ctx, cfg)
			return err
		}); err != nil {
			return err
		}
	}
	for _, spec := range Consumers() {
		cfg := consumerConfig(c.names, spec, c.replicas)
		if err := retry(ctx, "consumer "+cfg.Durable, func(ctx context.Context) error {
			_, err := c.js.CreateOrUpdateConsumer(ctx, c.names.Stream(spec.Stream), cfg)
			return err
		}); err != nil {
			return err
		}
	}
	for _, b := range bucketSpecs(l) {
		if err := retry(ctx, "bucket "+b.Name, func(ctx context.Context) error {
			_, err := c.ensureBucket(ctx, b)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// retry runs op with a 10 s bound per attempt, backing off from 100 ms to
// 5 s between attempts, until it succeeds, fails in a way no retry
// fixes, or ctx ends.
func retry(ctx context.Context, what string, op func(ctx context.Context) error) error {
	delay := 100 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := op(actx)
		cancel()
		if err == nil {
			return nil
		}
		if !transientTopologyError(err) {
			return fmt.Errorf("bus: %s: %w", what, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("bus: %s: %w", what, errors.Join(err, ctx.Err()))
		case <-time.After(delay):
		}
		delay = min(delay*2, 5*time.Second)
	}
}

// transientTopologyError reports errors another attempt may not see: a
// concurrent creation ("subjects overlap", "already in use"), a timeout, a
// cluster without a leader for the moment.
func transientTopologyError(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode {
		case jetstream.JSErrCodeStreamNameInUse, 10065 /* subjects overlap: a racing create */, jetstream.JSErrCodeJetStreamNotEnabled:
			return true
		}
		return apiErr.Code >= 500 || apiErr.Code == 408
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, jetstream.ErrNoHeartbeat) ||
		errors.Is(err, nats.ErrTimeout) || errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrJetStreamNotEnabled)
}

func (c *Conn) ensureBucket(ctx context.Context, b BucketSpec) (jetstream.KeyValue, error) {
	cfg := jetstream.KeyValueConfig{
		Bucket:   c.names.Stream(b.Name),
		TTL:      b.TTL,
		History:  b.History,
		Storage:  jetstream.FileStorage,
		Replicas: c.replicas,
	}
	kv, err := c.js.CreateOrUpdateKeyValue(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("bus: bucket %s: %w", cfg.Bucket, err)
	}
	return kv, nil
}

// KeyValue opens a bucket of the topology, creating it when missing.
func (c *Conn) KeyValue(ctx context.Context, bucket string) (jetstream.KeyValue, error) {
	kv, err := c.js.KeyValue(ctx, c.names.Stream(bucket))
	if err == nil {
		return kv, nil
	}
	if !errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil, fmt.Errorf("bus: bucket %s: %w", bucket, err)
	}
	for _, b := range bucketSpecs(Limits{}.withDefaults()) {
		if b.Name == bucket {
			return c.ensureBucket(ctx, b)
		}
	}
	return c.ensureBucket(ctx, BucketSpec{Name: bucket, History: 1})
}

// Backlog returns how many messages a stage's consumer has not yet
// delivered (pending) and delivered but not acknowledged (ackPending).
func (c *Conn) Backlog(ctx context.Context, durable string) (pending, ackPending uint64, err error) {
	spec, err := ConsumerByName(durable)
	if err != nil {
		return 0, 0, err
	}
	cons, err := c.js.Consumer(ctx, c.names.Stream(spec.Stream), c.names.Stream(durable))
	if err != nil {
		return 0, 0, fmt.Errorf("bus: consumer %s: %w", durable, err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("bus: consumer %s: %w", durable, err)
	}
	return info.NumPending, uint64(info.NumAckPending), nil
}
