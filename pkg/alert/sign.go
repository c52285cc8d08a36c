package alert

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of a webhook request.
const (
	HeaderTimestamp   = "X-Claimwatch-Timestamp"
	HeaderSignature   = "X-Claimwatch-Signature"
	HeaderIdempotency = "Idempotency-Key"
)

// Errors VerifySignature returns.
var (
	ErrNoSignature  = errors.New("missing signature headers")
	ErrBadSignature = errors.New("signature mismatch")
	ErrStale        = errors.New("timestamp outside the allowed skew")
)

// Sign returns the X-Claimwatch-Signature value for a body sent at unix
// time ts: "sha256=" + hex HMAC-SHA256(secret, ts + "." + body).
func Sign(secret []byte, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strconv.FormatInt(ts, 10)))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature checks a webhook request's signature headers against its
// body. maxSkew > 0 also rejects a timestamp further than maxSkew from now,
// which stops replays of an old request; redeliveries of an alert are
// signed afresh, so a receiver that was down still accepts them. The
// comparison is constant-time.
func VerifySignature(secret []byte, h http.Header, body []byte, maxSkew time.Duration, now time.Time) error {
	tsStr, sig := h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if tsStr == "" || sig == "" {
		return ErrNoSignature
	}
	ts, err := strconv.ParseInt(tsStr, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %q is not unix seconds", ErrBadSignature, tsStr)
	}
	if maxSkew > 0 {
		if d := now.Sub(time.Unix(ts, 0)); d > maxSkew || d < -maxSkew {
			return fmt.Errorf("%w: %s", ErrStale, d.Round(time.Second))
		}
	}
	if !strings.HasPrefix(sig, "sha256=") {
		return fmt.Errorf("%w: unknown scheme", ErrBadSignature)
	}
	if !hmac.Equal([]byte(sig), []byte(Sign(secret, ts, body))) {
		return ErrBadSignature
	}
	return nil
}
