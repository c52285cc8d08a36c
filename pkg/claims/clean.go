package claims

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// Clean turns an article body (plain text or HTML) into the text claims are
// read from: valid UTF-8 in NFC with curly quotes kept, one paragraph per
// block separated by a blank line, runs of spaces collapsed, and page
// furniture and scraper residue removed (addresses, cookie and newsletter
// prompts, share/follow lines, language pickers, copyright and photo
// credits, "_1" title suffixes, a leading "date 2024-10-25"). Mention
// offsets refer to the text Clean returns.
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if looksLikeHTML(s) {
		s = htmlToText(s)
	} else if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s) // a feed's plain text may keep "communiqu&#233;"
	}
	if strings.Contains(s, "\u0303") || strings.Contains(s, "\u0302") {
		// "Ã" or "Â" typed as a letter and a combining tilde or
		// circumflex: composed, the repair can see the lead character.
		s = norm.NFC.String(s)
	}
	s = norm.NFC.String(repairMojibake(s))
	// Typewriter quotes of wire copy: ``…'' and ''…'' are double quotes.
	if strings.Contains(s, "''") || strings.Contains(s, "``") {
		s = typewriterQuotes.Replace(s)
	}
	lines := splitLines(s)
	out := make([]string, 0, len(lines))
	first := true
	for _, ln := range lines {
		if first && strings.IndexByte(ln, '-') >= 0 { // no date without one
			ln = leadingDate.ReplaceAllString(ln, "")
		}
		if strings.IndexByte(ln, '_') >= 0 {
			ln = strings.TrimSpace(titleSuffix.ReplaceAllString(ln, ""))
		}
		if ln == "" || isFurniture(ln) {
			continue
		}
		first = false
		// A hard-wrapped paragraph: the previous line did not end a
		// sentence and this one continues in lower case.
		if n := len(out); n > 0 && continuesLine(out[n-1], ln) {
			out[n-1] += " " + ln
			continue
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n\n")
}

var typewriterQuotes = strings.NewReplacer("``", "\"", "''", "\"")

var (
	leadingDate = regexp.MustCompile(`^\s*(?i:date|published|updated)[:\s]+\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s*`)
	titleSuffix = regexp.MustCompile(`_\d{1,3}\s*$`)
)

// splitLines normalises line breaks and spaces and returns the trimmed
// lines of s. Blank lines are kept as "" so paragraph structure survives.
func splitLines(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	done := 0 // s[:done] is in b; s[done:i] is copied as it is
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x21 && c < 0x7f || c == ' ' && !space {
			space = c == ' '
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		repl := "" // what the rune becomes
		switch {
		case r == '\r':
		case r == '\n' || r == '\u2028' || r == '\u2029':
			repl, space = "\n", false
		case r == '\u00ad' || r == '\u200b' || r == '\ufeff' || r == '\u200e' || r == '\u200f':
			// soft hyphen, zero-width and direction marks
		case unicode.IsSpace(r) || r == '\u00a0':
			if !space {
				repl = " "
			}
			space = true
		case unicode.IsControl(r):
		case r == utf8.RuneError && size == 1:
			repl, space = "\uFFFD", false
		default:
			space = false
			i += size
			continue
		}
		b.WriteString(s[done:i])
		b.WriteString(repl)
		i += size
		done = i
	}
	b.WriteString(s[done:])
	lines := strings.Split(b.String(), "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimSpace(ln)
	}
	return lines
}

func continuesLine(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?…:\"”’)]", last) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r)
}

var (
	langPicker  = regexp.MustCompile(`^(?:[a-z]{2}_[A-Z]{2}\p{L}+[\s|/·,]*)+$`)
	streetLine  = regexp.MustCompile(`^\d{1,6}\s+(?:[A-Z][\w.'-]*\s+){1,5}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq|Suite|Court|Ct|Highway|Hwy)\.?(?:,.*)?$`)
	cityZIPLine = regexp.MustCompile(`^(?:[A-Z][\w.'-]*\s*){1,4},\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$`)
	creditLine  = regexp.MustCompile(`(?i)^(?:photo|image|picture|photograph|video|credit|source|caption)s?\s*(?:credit)?\s*[:|]`)
	onlyButtons = regexp.MustCompile(`(?i)^(?:(?:share|tweet|email|e-mail|print|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|copy link|comments?|save|listen|menu|search|home|close|next|previous|advertisement|sponsored|loading\.*)[\s|/·•,]*)+$`)
)

// furnitureWords are phrases that mark a short line as a site prompt
// rather than article text.
var furnitureWords = []string{
	"cookie", "newsletter", "subscribe", "sign up for", "sign up to", "sign in", "log in to",
	"share this", "share on", "follow us", "follow @", "all rights reserved", "copyright", "©",
	"getty images", "ap photo", "afp via", "/ reuters", "reuters/", "click here", "read more",
	"read the rest", "related:", "related articles", "recommended for you", "terms of use",
	"privacy policy", "skip to content", "skip to main", "physical address", "mailing address",
	"download our app", "join our", "support our journalism", "this article was originally",
	"enable javascript", "your browser", "watch:", "listen to this",
}

// isFurniture reports whether a whole line is page chrome. Only short
// lines are judged by keywords, so an article paragraph that mentions
// cookies survives.
func isFurniture(ln string) bool {
	// Cheap guards keep the regular expressions off most lines.
	if strings.IndexByte(ln, '_') >= 0 && langPicker.MatchString(ln) ||
		ln[0] >= '0' && ln[0] <= '9' && streetLine.MatchString(ln) ||
		ln[len(ln)-1] >= '0' && ln[len(ln)-1] <= '9' && strings.IndexByte(ln, ',') >= 0 && cityZIPLine.MatchString(ln) ||
		len(ln) < 120 && onlyButtons.MatchString(ln) ||
		strings.IndexAny(ln[:min(len(ln), 40)], ":|") >= 0 && creditLine.MatchString(ln) {
		return true
	}
	if editorsNote(ln) {
		return true
	}
	if len(ln) > 160 {
		return false
	}
	low := strings.ToLower(ln)
	for _, w := range furnitureWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// editorsNote reports an editor's note appended to an article ("An
// earlier version of this article misstated …"): the newsroom speaking
// about its own text, never a claim of the story. A "Correction:" or
// "Clarification:" stays: it restates the corrected fact.
func editorsNote(ln string) bool {
	if len(ln) > 600 {
		return false
	}
	for _, p := range editorsNotePrefixes {
		if len(ln) >= len(p) && strings.EqualFold(ln[:len(p)], p) {
			return true
		}
	}
	return false
}

var editorsNotePrefixes = []string{"an earlier version of this", "a previous version of this",
	"editor's note:", "editor’s note:", "this article has been updated", "this story has been updated",
	"this post has been updated"}

func looksLikeHTML(s string) bool {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	if strings.IndexByte(head, '<') < 0 {
		return false
	}
	low := strings.ToLower(head)
	for _, tag := range []string{"<p>", "<p ", "<div", "<br", "<html", "<body", "<article", "<span", "<a href", "<h1", "<h2", "<!doctype"} {
		if strings.Contains(low, tag) {
			return true
		}
	}
	return false
}

// skipTags hold no article text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "nav": true, "footer": true, "header": true,
	"aside": true, "form": true, "button": true, "select": true, "svg": true, "iframe": true,
	"template": true, "figcaption": true, "head": true,
}

// blockTags end a paragraph.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "section": true, "article": true, "tr": true,
	"table": true, "ul": true, "ol": true, "pre": true, "hr": true, "dd": true, "dt": true, "figure": true,
}

// htmlToText flattens HTML into paragraphs. The tokenizer is linear and
// never builds a tree, so a huge or broken page costs one pass.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s) / 2)
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] && tag != "br" {
				if !isVoid(tag) {
					skip++
				}
				continue
			}
			if blockTags[tag] {
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				if skip > 0 {
					skip--
				}
				continue
			}
			if blockTags[tag] {
				b.WriteString("\n\n")
			}
		}
	}
}

func isVoid(tag string) bool {
	switch tag {
	case "br", "hr", "img", "input", "meta", "link":
		return true
	}
	return false
}
