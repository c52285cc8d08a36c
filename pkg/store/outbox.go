package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// PendingEvents implements Outbox.
func (c *core) PendingEvents(ctx context.Context, limit int) ([]OutboxEvent, error) {
	q, err := c.reader()
	if err != nil {
		return nil, err
	}
	rs, err := q.query(ctx, `SELECT id, event_key, subject, payload, created FROM outbox WHERE sent = 0 ORDER BY id LIMIT $1`, clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("pending events: %w", err)
	}
	defer rs.Close()
	var out []OutboxEvent
	for rs.Next() {
		var e OutboxEvent
		var payload string
		var created int64
		if err := rs.Scan(&e.ID, &e.Key, &e.Subject, &payload, &created); err != nil {
			return nil, fmt.Errorf("pending events: %w", err)
		}
		e.Payload = []byte(payload)
		e.Created = fromMicros(created)
		out = append(out, e)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("pending events: %w", err)
	}
	return out, nil
}

// MarkSent implements Outbox. It goes through the batcher so that on
// SQLite it shares the single writer connection.
func (c *core) MarkSent(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	now := time.Now().UnixMicro()
	err := c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
		// Chunked IN lists keep the statement within both dialects'
		// parameter limits.
		for start := 0; start < len(ids); start += 200 {
			chunk := ids[start:min(start+200, len(ids))]
			args := make([]any, 0, len(chunk)+1)
			args = append(args, now)
			ph := make([]string, len(chunk))
			for i, id := range chunk {
				args = append(args, id)
				ph[i] = fmt.Sprintf("$%d", i+2)
			}
			if _, err := q.exec(ctx, `UPDATE outbox SET sent = $1 WHERE sent = 0 AND id IN (`+strings.Join(ph, ", ")+`)`, args...); err != nil {
				return false, err
			}
		}
		return false, nil
	})
	if err != nil {
		return fmt.Errorf("mark events sent: %w", err)
	}
	return nil
}

// pruneChunk bounds the rows one prune transaction deletes. An hour of
// events at a thousand a second is millions of rows: deleted at once they
// would hold the single writer for seconds and every write behind it.
const pruneChunk = 5000

// PruneSent implements Outbox, deleting in chunks of pruneChunk rows, each
// its own write, so other writes interleave.
func (c *core) PruneSent(ctx context.Context, before time.Time) (int64, error) {
	var total int64
	for {
		var n int64
		err := c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
			var err error
			n, err = q.exec(ctx, `DELETE FROM outbox WHERE id IN (
				SELECT id FROM outbox WHERE sent > 0 AND sent < $1 ORDER BY sent LIMIT $2)`, before.UnixMicro(), pruneChunk)
			return false, err
		})
		if err != nil {
			return total, fmt.Errorf("prune outbox: %w", err)
		}
		total += n
		if n < pruneChunk {
			return total, nil
		}
	}
}

func clampLimit(n int) int {
	if n <= 0 {
		return DefaultLimit
	}
	return min(n, MaxLimit)
}
