package claims

import (
	"strconv"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// dropUnlikely removes the quotes and statements whose attribution the
// confidence model finds unlikely to be right. Figures pass untouched,
// and so does a quoted phrase whose owner a possessive names ("Putin’s
// “our business” declaration"): the construction leaves no doubt about
// the speaker, and it is too rare in PolNeAR for the model to weigh.
func (d *doc) dropUnlikely(drafts []draft) []draft {
	out := drafts[:0]
	var fs featureSet
	for i := range drafts {
		if !d.unlikely(&drafts[i], &fs) {
			out = append(out, drafts[i])
		}
	}
	return out
}

// unlikely reports a draft the confidence model judges and rejects,
// judging it once and recording the verdict; fs is scratch space.
func (d *doc) unlikely(dr *draft, fs *featureSet) bool {
	if dr.verdict == 0 {
		dr.verdict = 1
		if scored(*dr) {
			fs.reset(false)
			d.features(*dr, fs)
			if fs.score < confThreshold {
				dr.verdict = -1
			}
		}
	}
	return dr.verdict < 0
}

// scored reports whether the confidence model judges a draft. The
// tagger's drafts carry their own calibrated confidence.
func scored(dr draft) bool {
	if dr.how == "possessive" || dr.how == "tagged" || dr.how == "turn" {
		return false
	}
	return dr.claim.Kind == model.KindStatement || dr.claim.Kind == model.KindQuote
}

// featureSet sums the weights of a draft's features as they are named,
// so scoring allocates nothing: each name is assembled in buf and looked
// up there. With keep set it also records the names, for training.
type featureSet struct {
	buf   []byte
	score float64
	keep  bool
	names []string
}

func (fs *featureSet) reset(keep bool) {
	fs.score = float64(confBias)
	fs.keep = keep
	fs.names = fs.names[:0]
}

// add adds the feature named by the concatenation of parts.
func (fs *featureSet) add(parts ...string) {
	fs.buf = fs.buf[:0]
	for _, p := range parts {
		fs.buf = append(fs.buf, p...)
	}
	fs.score += float64(confWeights[string(fs.buf)])
	if fs.keep {
		fs.names = append(fs.names, string(fs.buf))
	}
}

// features describes a quote or statement draft for the confidence
// model: how it was attributed, the cue, the shape of the speaker and of
// the content. Words enter only as lower-case function or cue words,
// never as names, so the model learns constructions, not people.
func (d *doc) features(dr draft, fs *featureSet) {
	c := &dr.claim
	kind := "s"
	if c.Kind == model.KindQuote {
		kind = "q"
		if c.Fragment {
			kind = "f"
		}
	}
	how := dr.how
	if how == "" {
		how = "clause"
	}
	fs.add("k:", kind)
	fs.add("how:", kind, ":", how)
	if dr.cue != "" {
		fs.add("cue:", dr.cue)
		fs.add("cueclass:", cueClass(dr.cue))
		fs.add("howcue:", how, ":", dr.cue)
		fs.add("kcc:", kind, ":", cueClass(dr.cue))
	}
	sp := strings.TrimSpace(c.Speaker)
	first, last, n := edgeWords(sp)
	switch {
	case n == 0:
		fs.add("sp:none")
	case n == 1 && isPronoun(first):
		fs.add("sp:pron:", asciiLower(first))
	default:
		if d.persons[sp] > 0 {
			fs.add("sp:person")
		} else if d.isPerson(sp) {
			fs.add("sp:personlike")
		}
		fs.add("sp:n", smallInts[min(n, 6)])
		if isUpperStart(first) {
			fs.add("sp0:CAP")
		} else {
			fs.add("sp0:", asciiLower(first))
		}
		if isUpperStart(last) {
			fs.add("sph:CAP")
		} else {
			fs.add("sph:", asciiLower(strings.Trim(last, ".,")))
		}
		if strings.ContainsAny(sp, "0123456789") {
			fs.add("sp:digit")
		}
		if strings.Contains(c.Content, last) {
			fs.add("sp:incontent")
		}
		if lw := lowerWords(sp); lw > 0 {
			fs.add("sp:lower", smallInts[min(lw, 3)])
			fs.add("sp:lowerhow", smallInts[min(lw, 3)], ":", how)
		}
		if strings.ContainsAny(sp, ",()") {
			fs.add("sp:punct")
		}
	}
	cfirst, nw := firstWord(c.Content)
	fs.add("cn:", kind, ":", lengthBucket(nw))
	if nw > 0 {
		if t := strings.TrimLeft(c.Content, " “\"‘'("); isUpperStart(t) {
			fs.add("c0:CAP")
		} else {
			fs.add("c0:", asciiLower(cfirst))
		}
	}
	if hasDoubleMark(c.Content) {
		fs.add("c:quoted")
	}
	fs.add("cend:", kind, ":", endClass(c.Content))
	if d.headline[dr.para] {
		fs.add("hl")
	}
	if dr.sentence == 0 {
		fs.add("s0")
	}
}

var smallInts = [...]string{"0", "1", "2", "3", "4", "5", "6"}

// edgeWords returns the first and last space-separated words of s and
// how many there are, without splitting s into a slice.
func edgeWords(s string) (first, last string, n int) {
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		w := s
		if i >= 0 {
			w, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if w == "" {
			continue
		}
		if n == 0 {
			first = w
		}
		last = w
		n++
	}
	return first, last, n
}

// firstWord returns the first word of s as words() splits it (letters
// and digits) and the number of such words, without allocating.
func firstWord(s string) (string, int) {
	first, n := "", 0
	for w := range wordRuns(s) {
		if n == 0 {
			first = w
		}
		n++
	}
	return first, n
}

// asciiLower lower-cases s, allocating only when s has an upper-case
// ASCII letter.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func isPronoun(w string) bool {
	_, ok := pronouns[asciiLower(w)]
	return ok
}

func cueClass(cue string) string {
	switch {
	case cue == "according to" || cue == ":":
		return cue
	case beliefCues.has(cue):
		return "belief"
	case cues.has(cue):
		return "speech"
	case fragmentCues.has(cue):
		return "characterise"
	case stanceCues.has(cue) || particleCues[cue] != "":
		return "stance"
	}
	return "other"
}

func lengthBucket(n int) string {
	for _, b := range [...]int{2, 4, 7, 12, 20, 35} {
		if n <= b {
			return strconv.Itoa(b)
		}
	}
	return "more"
}

// lowerWords counts the words of a speaker that start in lower case,
// other than the particles names carry ("of", "de"): a name has none, a
// description ("party officials") some, a mis-read clause many.
func lowerWords(sp string) int {
	n := 0
	for w := range wordRuns(sp) {
		if w[0] >= 'a' && w[0] <= 'z' && w != "of" && w != "the" && w != "de" && w != "and" {
			n++
		}
	}
	return n
}

// endClass names how a content ends: a full stop, a comma, a question
// or exclamation, a closing quotation mark, or a word.
func endClass(s string) string {
	s = strings.TrimRight(s, " ")
	switch {
	case s == "":
		return "none"
	case strings.HasSuffix(s, "."):
		return "."
	case strings.HasSuffix(s, ","):
		return ","
	case strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!"):
		return "?"
	case strings.HasSuffix(s, "”") || strings.HasSuffix(s, "\""):
		return "q"
	}
	return "w"
}
