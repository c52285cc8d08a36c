package feed

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
)

// ErrBodyTooLarge is wrapped when a response body, after decompression, is
// larger than Config.MaxBodyBytes.
var ErrBodyTooLarge = errors.New("response body too large")

// acceptEncoding is what we ask servers for. We decompress ourselves (the
// transport's automatic gzip is off) so the size cap applies to the
// decompressed bytes and brotli and deflate work too.
const acceptEncoding = "gzip, deflate, br"

// readBody decodes r according to a Content-Encoding header value and
// reads at most limit decompressed bytes. A body longer than limit is an
// error wrapping ErrBodyTooLarge, never a silently truncated document.
func readBody(r io.Reader, contentEncoding string, limit int64) ([]byte, error) {
	dec, closeFn, err := decoder(r, contentEncoding)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	var buf bytes.Buffer
	// Read through a LimitReader one byte past the cap: reaching it proves
	// the body is too large without decompressing the rest of a bomb.
	n, err := io.Copy(&buf, io.LimitReader(dec, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if n > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, limit)
	}
	return buf.Bytes(), nil
}

// decoder returns a reader that undoes the content codings listed in ce
// (applied in order, so they are removed in reverse).
func decoder(r io.Reader, ce string) (io.Reader, func(), error) {
	closers := []func(){}
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	codings := strings.Split(ce, ",")
	for i := len(codings) - 1; i >= 0; i-- {
		switch c := strings.ToLower(strings.TrimSpace(codings[i])); c {
		case "", "identity":
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err != nil {
				closeAll()
				return nil, nil, fmt.Errorf("gzip body: %w", err)
			}
			closers = append(closers, func() { _ = zr.Close() })
			r = zr
		case "deflate":
			// "deflate" should be zlib-wrapped (RFC 9110), but some servers
			// send raw deflate; the zlib header tells them apart.
			br := bufio.NewReader(r)
			hdr, _ := br.Peek(2)
			if len(hdr) == 2 && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
				zr, err := zlib.NewReader(br)
				if err != nil {
					closeAll()
					return nil, nil, fmt.Errorf("deflate body: %w", err)
				}
				closers = append(closers, func() { _ = zr.Close() })
				r = zr
			} else {
				fr := flate.NewReader(br)
				closers = append(closers, func() { _ = fr.Close() })
				r = fr
			}
		case "br":
			r = brotli.NewReader(r)
		default:
			closeAll()
			return nil, nil, fmt.Errorf("unsupported content encoding %q", c)
		}
	}
	return r, closeAll, nil
}
