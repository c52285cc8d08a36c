package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term weights for story vectors. The headline says what the story is
// about; named entities (people, places, organisations) tell two events
// apart better than common words; the lead carries the rest of the event.
const (
	titleWeight  = 3.0
	leadWeight   = 1.0
	entityWeight = 2.0
	// leadWords is how much of the body counts as the lead: about the
	// first three sentences, where news writing puts who, what and where.
	leadWords = 80
)

// storyTerms returns the weighted terms of an article for story
// clustering: stemmed content words of the title and lead, plus entity
// phrases ("e:north korea") found as runs of capitalised words.
func storyTerms(title, text string) map[string]float64 {
	out := map[string]float64{}
	addWords := func(words []string, w float64) {
		for _, x := range words {
			if t, ok := contentTerm(x); ok {
				out[t] += w
			}
		}
	}
	tw := Words(title)
	addWords(tw, titleWeight)
	lead := leadOf(text)
	addWords(Words(lead), leadWeight)
	// Capitalisation marks names only where the writer did not capitalise
	// everything: a Title Case headline says nothing about entities.
	if !titleCase(title) {
		addEntities(out, title, entityWeight)
	}
	addEntities(out, lead, entityWeight)
	return out
}

// leadOf returns roughly the first leadWords words of text.
func leadOf(text string) string {
	n, inWord := 0, false
	for i, r := range text {
		isW := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isW && !inWord {
			n++
			if n > leadWords {
				return text[:i]
			}
		}
		inWord = isW
	}
	return text
}

// titleCase reports whether most words of s start with a capital.
func titleCase(s string) bool {
	caps, n := 0, 0
	for _, f := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*6
}

// addEntities adds runs of two to four capitalised words (names such as
// "North Korea", "Vladimir Putin") as entity terms.
func addEntities(out map[string]float64, s string, w float64) {
	fields := strings.Fields(s)
	var run []string
	runAtStart := false
	flush := func() {
		// A lone capitalised word opening a sentence is just a
		// sentence opening ("Recent reports ..."), not a name.
		if len(run) == 1 && runAtStart {
			run = run[:0]
		}
		if len(run) > 0 {
			var ws []string
			for _, r := range run {
				ws = append(ws, Words(r)...)
			}
			// A name of one word is already a content word of the
			// text; as an entity term too it would count twice, and a
			// lone shared name ("Ukraine") would pull unrelated events
			// together. Names of two to four words add the phrase,
			// which a bag of words cannot tell apart ("north korea"
			// vs "korea" and "north").
			if len(ws) > 1 && len(ws) <= 4 {
				out["e:"+strings.Join(ws, " ")] += w
			}
		}
		run = run[:0]
	}
	sentenceStart := true
	for _, f := range fields {
		if strings.ContainsRune(f, '\n') {
			sentenceStart = true
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(f, "\"'“‘(["))
		capital := unicode.IsUpper(r)
		if capital && !(sentenceStart && isStop(strings.ToLower(strings.Trim(f, "\"'“‘([.,:;!?")))) {
			if len(run) == 0 {
				runAtStart = sentenceStart
			}
			run = append(run, f)
		} else {
			flush()
		}
		last, _ := utf8.DecodeLastRuneInString(f)
		sentenceStart = last == '.' || last == '!' || last == '?' || last == ':' || last == '-'
		if last == ',' || last == ';' || sentenceStart || last == ')' || last == '"' || last == '”' {
			flush()
		}
	}
	flush()
}

// contentTerm returns the stemmed form of a word worth clustering on.
func contentTerm(w string) (string, bool) {
	if isStop(w) || (len(w) < 3 && !isDigits(w)) {
		return "", false
	}
	return stem(w), true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// stem folds the plural and possessive endings that make one name or noun
// look like two ("troops"/"troop", "putins" from "Putin's"/"Putin").
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

func isStop(w string) bool {
	_, ok := stopWords[w]
	return ok
}

var stopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves says said say new one two three first last year years week
weeks day days month months time today yesterday tomorrow monday tuesday wednesday thursday friday
saturday sunday mr mrs ms dr may might must shall get got make made many much like back still even
well way people report reports reported news update updates live video photos watch read via according
told tell amid over after per cent percent us uk vs`) {
		m[w] = struct{}{}
	}
	return m
}()
