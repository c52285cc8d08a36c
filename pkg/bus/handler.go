package bus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Message is one delivery handed to a Handler.
type Message struct {
	// Subject is the logical subject (the Conn's prefix removed).
	Subject string
	Data    []byte
	Header  nats.Header
	// NumDelivered is 1 on the first delivery.
	NumDelivered uint64
	StreamSeq    uint64
	// Timestamp is when the stream stored the message.
	Timestamp time.Time

	inProgress func() error
}

// InProgress tells the server the handler is still working, resetting the
// ack timer. The runner already sends it periodically; call it from loops
// that may outlast the consumer's AckWait.
func (m *Message) InProgress() error {
	if m.inProgress == nil {
		return nil
	}
	return m.inProgress()
}

// Handler processes one message. The runner maps its result:
//   - nil: the message is acknowledged;
//   - an error for which IsPermanent is true (including undecodable or
//     wrong-version payloads): the message is terminated and copied to the
//     dead-letter stream at once;
//   - any other error: negative ack with backoff, until MaxDeliver, then
//     terminated and dead-lettered.
//
// A Handler must be safe for concurrent use and idempotent: the same
// message may be delivered more than once.
type Handler func(ctx context.Context, m *Message) error

// ErrPermanent marks failures that no retry can fix.
var ErrPermanent = errors.New("permanent failure")

type permanentError struct{ err error }

func (p permanentError) Error() string        { return p.err.Error() }
func (p permanentError) Unwrap() []error      { return []error{p.err, ErrPermanent} }
func (p permanentError) Is(target error) bool { return target == ErrPermanent }

// Permanent wraps err so the runner dead-letters the message instead of
// retrying it. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err: err}
}

// Permanentf is Permanent(fmt.Errorf(format, args...)).
func Permanentf(format string, args ...any) error {
	return Permanent(fmt.Errorf(format, args...))
}

// IsPermanent reports whether err should not be retried: it was marked
// with Permanent, or it is a decoding or schema-version error from
// pkg/model.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrPermanent) || errors.Is(err, model.ErrDecode) || errors.Is(err, model.ErrVersion)
}

// Publisher publishes payloads on logical subjects.
type Publisher interface {
	// Publish stores data on the stream holding subject and waits for the
	// server's acknowledgement. A non-empty msgID is sent as Nats-Msg-Id so
	// the stream drops a re-publish inside its duplicate window. It is safe
	// for concurrent use.
	Publish(ctx context.Context, subject, msgID string, data []byte) error
}

// Outgoing is one message of a PublishBatch.
type Outgoing struct {
	Subject string
	MsgID   string
	Data    []byte
}

// BatchPublisher publishes many messages without a round trip each.
type BatchPublisher interface {
	// PublishBatch sends every message before waiting for the server's
	// acknowledgements and returns how many leading messages are known to
	// be stored, and the first error. Messages after a failed one may be
	// stored too; re-publishing them with the same MsgID is harmless.
	PublishBatch(ctx context.Context, msgs []Outgoing) (int, error)
}
