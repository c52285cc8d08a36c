package feed

import (
	"html"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end a paragraph: text before and after them is separated by a
// blank line in the plain-text output.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Blockquote: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Pre: true, atom.Figure: true, atom.Figcaption: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Hr: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Center: true,
}

// skipTags hold no article text: their whole subtree is dropped.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Svg: true,
	atom.Template: true, atom.Object: true, atom.Embed: true, atom.Head: true, atom.Button: true,
	atom.Select: true, atom.Form: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
}

// looksLikeHTML reports whether s contains markup rather than plain text
// with the odd "<" in it.
func looksLikeHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if c == '/' || c == '!' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// plainText turns an item's content into clean text: HTML is reduced to
// its text with paragraphs separated by "\n\n" and line breaks kept; plain
// text gets its entities decoded and whitespace normalised the same way.
func plainText(s string) string {
	if !looksLikeHTML(s) {
		return normaliseParagraphs(html.UnescapeString(s))
	}
	return htmlToText(s)
}

// htmlToText walks the tokens of an HTML fragment or document.
func htmlToText(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s) / 2)
	skip := 0
	var skipTag atom.Atom
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return normaliseParagraphs(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				// Line breaks in HTML source are only whitespace; <br> and
				// block elements make the breaks that show.
				for _, c := range z.Text() {
					if c == '\n' || c == '\r' {
						c = ' '
					}
					b.WriteByte(c)
				}
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip > 0 {
				if a == skipTag && tt == xhtml.StartTagToken {
					skip++
				}
				continue
			}
			switch {
			case skipTags[a] && tt == xhtml.StartTagToken && a != atom.Head:
				skip, skipTag = 1, a
			case a == atom.Br:
				b.WriteByte('\n')
			case blockTags[a]:
				b.WriteString("\n\n")
			case a == atom.Td || a == atom.Th:
				b.WriteByte(' ')
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip > 0 {
				if a == skipTag {
					skip--
				}
				continue
			}
			if blockTags[a] {
				b.WriteString("\n\n")
			}
		}
	}
}

// normaliseParagraphs collapses runs of spaces inside lines, keeps single
// line breaks, turns two or more line breaks into one blank line and trims
// the ends. Non-breaking and other Unicode spaces count as spaces.
func normaliseParagraphs(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	newlines := 0
	space := false
	started := false
	for _, r := range s {
		switch {
		case r == '\n':
			newlines++
			space = false
		case r == '\r':
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b':
			space = true
		default:
			if started {
				switch {
				case newlines >= 2:
					b.WriteString("\n\n")
				case newlines == 1:
					b.WriteByte('\n')
				case space:
					b.WriteByte(' ')
				}
			}
			b.WriteRune(r)
			started = true
			newlines = 0
			space = false
		}
	}
	return b.String()
}
