package claims

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/claims/attrtag"
)

// The tagger completes the rules where they have no construction for an
// attribution ("has indicated" and "has signaled" take no bare clause in
// the rules); the rules alone find none of these statements. An unquoted
// content needs more confidence than one holding a quotation: the same
// attribution without its quotation marks falls below it.
func TestTaggerAddsWhatTheRulesMiss(t *testing.T) {
	tests := []struct {
		in   string
		want []brief
	}{
		{"Hillary Clinton spoke in Ohio on Monday.\n\nClinton, however, has indicated she would not go above a “$12 minimum wage” at this time.",
			oneStatement("Hillary Clinton", "she would not go above a “$12 minimum wage” at this time")},
		{"Jeb Bush spoke on Tuesday.\n\nBush has signaled he “would support a higher gas tax” to pay for roads.",
			oneStatement("Jeb Bush", "he “would support a higher gas tax” to pay for roads")},
		{"Hillary Clinton spoke in Ohio on Monday.\n\nClinton, however, has indicated she would not go above a $12 minimum wage at this time.",
			nil},
	}
	for _, tt := range tests {
		in := Input{ArticleID: "art", Text: tt.in, Published: published}
		all, err := NewRules(0).Extract(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, statementsOf(all)); diff != "" {
			t.Errorf("%q: statements with the tagger (-want +got):\n%s", tt.in, diff)
		}
		rules, err := NewRules(0).RulesOnly().Extract(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		if got := statementsOf(rules); len(got) != 0 {
			t.Errorf("%q: the rules alone found %v; the case no longer tests the tagger", tt.in, got)
		}
	}
}

// Where the rules attributed a sentence, the tagger adds nothing to it.
func TestTaggerLeavesClaimedSentencesToTheRules(t *testing.T) {
	tagged := func(text string, tagger bool) (found int, drafted []draft) {
		d := newDoc(Clean(text), "art", published)
		if tagger {
			d.tagger = NewRules(0).tagger
		}
		if d.tagger != nil {
			found = len(d.tagger.Tag(d.text))
		}
		drafts, err := d.drafts(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, dr := range drafts {
			if dr.how == "tagged" {
				drafted = append(drafted, dr)
			}
		}
		return found, drafted
	}
	if found, drafted := tagged("Jeb Bush spoke on Tuesday.\n\nBush has signaled he “would support a higher gas tax” to pay for roads.", true); found == 0 || len(drafted) != 1 || drafted[0].sentence != 1 {
		t.Errorf("unclaimed sentence: the tagger found %d, drafted %+v; want one draft in sentence 1", found, drafted)
	}
	if found, drafted := tagged("Jeb Bush spoke on Tuesday.\n\nBush said he would support a higher gas tax to pay for roads.", true); found == 0 || len(drafted) != 0 {
		t.Errorf("claimed sentence: the tagger found %d, drafted %+v; want it to find one and draft none", found, drafted)
	}
	if found, drafted := tagged("Jeb Bush spoke on Tuesday.\n\nBush has signaled he “would support a higher gas tax” to pay for roads.", false); found != 0 || len(drafted) != 0 {
		t.Errorf("rules only: the tagger found %d, drafted %+v; want nothing", found, drafted)
	}
}

// The tagger's source span is named the way the rules name a speaker.
func TestTaggedSpeaker(t *testing.T) {
	tests := []struct {
		name, text, source, want string
	}{
		{"a part of a name is the whole name",
			"Hillary Clinton spoke on Monday.", "Clinton", "Hillary Clinton"},
		{"an appositive is cut at its comma",
			"Christopher Harvey, a delegate from Houston, said the convention was a circus.", "Christopher Harvey, a delegate from Houston,", "Christopher Harvey"},
		{"an adverb after the name is no part of it",
			"Glenn Beck spoke.\n\nThen Beck famously predicted a split.", "Beck famously", "Glenn Beck"},
		{"a relative pronoun stands for the phrase before it",
			"The group met. Glenn Beck, who has described Trump as a danger, spoke.", "who", "Glenn Beck"},
		{"a pronoun resolves to the person named before",
			"Jeb Bush spoke on Tuesday. He has signaled support for a tax.", "He", "Jeb Bush"},
		{"a source in a heading is none",
			"Beck Blasts Trump\n\nGlenn Beck spoke on Tuesday and left.", "Beck", ""},
		{"a phrase that names no one is none",
			"After the rally, the crowd went home.", "After the", ""},
		{"a weekday is no name",
			"Loretta Lynch took the official last step Wednesday of announcing the decision.", "official last step Wednesday of", ""},
		{"a phrase that opens with a preposition is the end of another",
			"An analysis of CPS records found 11 people had been prosecuted.", "of CPS records", ""},
		{"a lone nationality is no speaker",
			"German business confidence fell in February knocking hopes of a speedy recovery.", "German", ""},
		{"a lone title is no speaker",
			"The award went to Dame for her role.", "Dame", ""},
		{"a subordinator that opens the sentence is no name",
			"Whether voters know it or not, the plan is popular, Tim Kaine insisted.", "Whether voters", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(tt.text, "art", published)
			start := strings.Index(d.text, tt.source)
			if start < 0 {
				t.Fatalf("source %q not in text", tt.source)
			}
			if got := d.taggedSpeaker(start, start+len(tt.source), d.sentAt(start)); got != tt.want {
				t.Errorf("taggedSpeaker(%q) = %q, want %q", tt.source, got, tt.want)
			}
		})
	}
}

func TestPollFigureIsNoSource(t *testing.T) {
	for _, tt := range []struct {
		speaker, cue string
		want         bool
	}{
		{"28 percent", "support", true},
		{"61 percent", "said", false},
		{"Jeb Bush", "supports", false},
	} {
		if got := pollFigure(tt.speaker, tt.cue); got != tt.want {
			t.Errorf("pollFigure(%q, %q) = %v, want %v", tt.speaker, tt.cue, got, tt.want)
		}
	}
}

func TestVersionNamesTheTagger(t *testing.T) {
	if all, rules := NewRules(0).Version(), NewRules(0).RulesOnly().Version(); all == rules || rules != RulesVersion {
		t.Errorf("versions: with tagger %q, rules only %q; want them to differ and the latter to be %q", all, rules, RulesVersion)
	}
}

func TestQuotedTermNeedsACue(t *testing.T) {
	for _, tt := range []struct {
		content, cue string
		keep         bool
	}{
		{"a treaty establishing a “comprehensive strategic partnership” between Russia and North Korea", "signed", false},
		{"the deal a “comprehensive strategic partnership” between the two", "called", true},
		{"“We will decide when we have to decide, and not before,”", "signed", true},
		{"a treaty establishing a partnership between Russia and North Korea", "signed", true},
	} {
		if keep := !quotesTerm(tt.content) || attributionCue(tt.cue); keep != tt.keep {
			t.Errorf("%q after %q: kept %v, want %v", tt.content, tt.cue, keep, tt.keep)
		}
	}
}

func TestPassiveCueHasNoSource(t *testing.T) {
	for _, tt := range []struct {
		cue  string
		want bool
	}{
		{"has been named as", true},
		{"were admitted", true},
		{"was quoted as saying", false},
		{"was told by", false},
		{"is expected to", false},
		{"is said to", true},
		{"was told", true},
		{"are convinced", false},
		{"were worried", false},
		{"said", false},
	} {
		if got := passiveCue(tt.cue); got != tt.want {
			t.Errorf("passiveCue(%q) = %v, want %v", tt.cue, got, tt.want)
		}
	}
}

// A content the tagger marked in pieces reads as the text across the gap,
// unless its source stands in the gap.
func TestTaggedContentAcrossAGap(t *testing.T) {
	text := "Marco Rubio spoke on Monday.\n\nRubio also pointed out that the media has been rewarding Trump’s behavior by giving him more airtime than his rivals."
	d := newDoc(text, "art", published)
	p := &tagPlan{at: make([]int, len(d.sents)), states: make([]speakerState, len(d.sents))}
	at := func(s string) (int, int) {
		i := strings.Index(d.text, s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		return i, i + len(s)
	}
	ss, _ := at("Rubio also")
	se := ss + len("Rubio")
	a1, _ := at("that the media")
	_, b1 := at("giving him more airtime")
	a2, b2 := at("his rivals")
	a := attrtag.Attribution{Source: "Rubio", SourceStart: ss, SourceEnd: se, Cue: "pointed out",
		Content: d.text[a1:b1] + " " + d.text[a2:b2], ContentStart: a1, ContentEnd: b2, Score: 0.9}
	dr, ok := d.taggedDraft(a, p)
	if want := d.text[a1:b2]; !ok || dr.claim.Content != want || dr.claim.Speaker != "Marco Rubio" {
		t.Errorf("gap without the source: drafted %v %q by %q, want %q by Marco Rubio", ok, dr.claim.Content, dr.claim.Speaker, want)
	}
	// The source inside the gap: two clauses, not one content.
	a.SourceStart, a.SourceEnd = a1+10, a1+15
	if dr, ok := d.taggedDraft(a, p); ok {
		t.Errorf("gap holding the source: drafted %q, want nothing", dr.claim.Content)
	}
}

// A tagged content that opens with an auxiliary has lost its subject.
func TestSubjectlessContent(t *testing.T) {
	for _, tt := range []struct {
		content string
		want    bool
	}{
		{"was one of only 10 made were also stolen", true},
		{"could be announced within days", true},
		{"“Had we known, we would have acted”", false},
		{"the rules were incompatible with the convention", false},
		{"to raise rates to 5%", false},
		{"wasteful spending must end", false},
	} {
		if got := subjectless(tt.content); got != tt.want {
			t.Errorf("subjectless(%q) = %v, want %v", tt.content, got, tt.want)
		}
	}
}

// A tagged content in a sentence's opening subordinate clause ends at the
// clause's comma, as the rules' contents do; a cut that leaves too little
// drops the attribution.
func TestTaggedContentInASubordinateClause(t *testing.T) {
	text := "While a federal judge found that action unconstitutional, his decision was overturned by an appeals court."
	d := newDoc(text, "art", published)
	p := &tagPlan{at: make([]int, len(d.sents)), states: make([]speakerState, len(d.sents))}
	ss := strings.Index(text, "a federal judge")
	cs := strings.Index(text, "that action")
	a := attrtag.Attribution{Source: "a federal judge", SourceStart: ss, SourceEnd: ss + len("a federal judge"), Cue: "found",
		Content: text[cs : len(text)-1], ContentStart: cs, ContentEnd: len(text) - 1, Score: 0.9}
	dr, ok := d.taggedDraft(a, p)
	if want := "that action unconstitutional"; !ok || dr.claim.Content != want {
		t.Errorf("drafted %v %q, want %q", ok, dr.claim.Content, want)
	}
	cs = strings.Index(text, "action")
	a.Content, a.ContentStart = text[cs:len(text)-1], cs
	if dr, ok := d.taggedDraft(a, p); ok {
		t.Errorf("two words before the comma: drafted %q, want nothing", dr.claim.Content)
	}
}
