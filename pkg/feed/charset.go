package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

var (
	xmlDeclRe  = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']`)
	metaCharRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
)

// toUTF8 returns body as UTF-8, whatever its declarations say, and with
// characters XML forbids removed. The rules follow what real feeds need:
//   - a body that is valid UTF-8 is UTF-8, even when its XML prolog or the
//     Content-Type header claims another charset (a common mistake of
//     templates that copy a prolog and then emit UTF-8);
//   - otherwise the XML prolog, then an HTML meta tag anywhere in the
//     document, then the Content-Type charset name the encoding, the first
//     one that is known wins;
//   - with nothing usable, windows-1252 (a superset of ISO-8859-1, the most
//     common undeclared legacy encoding of Western feeds).
//
// An XML prolog is rewritten to declare UTF-8, so the XML decoder does not
// convert the text a second time.
func toUTF8(body []byte, contentType string) []byte {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		body = body[3:]
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}), bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		if b, err := decode(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), body); err == nil {
			body = b
		}
	}
	if !utf8.Valid(body) {
		enc := declaredEncoding(body, contentType)
		if enc == nil {
			enc = charmap.Windows1252
		}
		if b, err := decode(enc, body); err == nil {
			body = b
		} else {
			body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
	}
	if m := xmlDeclRe.FindSubmatchIndex(body); m != nil {
		body = append(append(append([]byte{}, body[:m[2]]...), "utf-8"...), body[m[3]:]...)
	}
	return stripIllegalXML(body)
}

// declaredEncoding returns the first known encoding that the document or
// its Content-Type header names, or nil.
func declaredEncoding(body []byte, contentType string) encoding.Encoding {
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	var labels []string
	if m := xmlDeclRe.FindSubmatch(head); m != nil {
		labels = append(labels, string(m[1]))
	}
	if m := metaCharRe.FindSubmatch(body); m != nil {
		labels = append(labels, string(m[1]))
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		labels = append(labels, params["charset"])
	}
	for _, l := range labels {
		if enc, _ := charset.Lookup(strings.TrimSpace(l)); enc != nil {
			return enc
		}
	}
	return nil
}

func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	return out, err
}

// stripIllegalXML removes control characters XML 1.0 forbids (all below
// U+0020 except tab, newline and carriage return, and U+FFFE/U+FFFF). One
// stray byte of that kind otherwise makes a whole feed unparseable.
func stripIllegalXML(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if illegalXML(r) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !illegalXML(r) {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

func illegalXML(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF
}
