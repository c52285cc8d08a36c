package alert

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestVerifySignature(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	body := []byte(`{"v":1,"trigger":"claim.new"}`)
	signed := func(secret string, ts int64, body []byte) http.Header {
		h := http.Header{}
		h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
		h.Set(HeaderSignature, Sign([]byte(secret), ts, body))
		return h
	}
	tests := []struct {
		name   string
		header http.Header
		body   []byte
		want   error
	}{
		{"a fresh signed body verifies", signed("k", now.Unix(), body), body, nil},
		{"a changed body fails", signed("k", now.Unix(), body), []byte(`{"v":1,"trigger":"claim.conflict"}`), ErrBadSignature},
		{"another secret fails", signed("other", now.Unix(), body), body, ErrBadSignature},
		{"an old timestamp fails", signed("k", now.Add(-10*time.Minute).Unix(), body), body, ErrStale},
		{"no headers fail", http.Header{}, body, ErrNoSignature},
		{"a moved timestamp fails", func() http.Header {
			h := signed("k", now.Unix(), body)
			h.Set(HeaderTimestamp, strconv.FormatInt(now.Unix()+1, 10))
			return h
		}(), body, ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifySignature([]byte("k"), tt.header, tt.body, 5*time.Minute, now)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("VerifySignature = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSignMatchesTheDocumentedFormula(t *testing.T) {
	// Computed independently of this package:
	// printf '1700000000.{}' | openssl dgst -sha256 -hmac secret
	const want = "sha256=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"
	if got := Sign([]byte("secret"), 1700000000, []byte("{}")); got != want {
		t.Errorf("Sign = %q, want %q", got, want)
	}
}

func FuzzVerifySignature(f *testing.F) {
	f.Add("1700000000", "sha256=00", []byte("{}"))
	f.Add("", "", []byte(nil))
	f.Add("-1", "sha256=", []byte("x"))
	f.Fuzz(func(t *testing.T, ts, sig string, body []byte) {
		h := http.Header{}
		h.Set(HeaderTimestamp, ts)
		h.Set(HeaderSignature, sig)
		// Arbitrary headers never verify unless they carry the right HMAC.
		if err := VerifySignature([]byte("k"), h, body, 0, time.Now()); err == nil {
			n, perr := strconv.ParseInt(ts, 10, 64)
			if perr != nil || sig != Sign([]byte("k"), n, body) {
				t.Errorf("forged signature accepted: ts=%q sig=%q", ts, sig)
			}
		}
		// A body signed by Sign always verifies.
		n := int64(len(body)) * 7919
		h.Set(HeaderTimestamp, strconv.FormatInt(n, 10))
		h.Set(HeaderSignature, Sign([]byte("k"), n, body))
		if err := VerifySignature([]byte("k"), h, body, 0, time.Now()); err != nil {
			t.Errorf("own signature rejected: %v", err)
		}
	})
}
