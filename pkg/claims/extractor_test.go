package claims

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
)

var published = time.Date(2024, 10, 25, 9, 0, 0, 0, time.UTC) // a Friday

func extract(t *testing.T, text string) []model.Claim {
	t.Helper()
	cs, err := NewRules(0).Extract(context.Background(), Input{ArticleID: "art", Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// brief is the part of a claim the behaviour tests compare.
type brief struct {
	Kind, Speaker, Content string
	Fragment               bool
}

func quotesOf(cs []model.Claim) []brief {
	var out []brief
	for _, c := range cs {
		if c.Kind == model.KindQuote {
			out = append(out, brief{c.Kind, c.Speaker, strings.TrimRight(c.Content, ",. "), c.Fragment})
		}
	}
	return out
}

func TestQuotePatterns(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"quote then speaker and cue",
			"Officials met on Monday.\n\n“We will not retreat,” Volodymyr Zelenskyy said.",
			[]brief{{"quote", "Volodymyr Zelenskyy", "We will not retreat", false}}},
		{"speaker, cue and colon before the quote, straight marks",
			`Prime Minister Keir Starmer said: "The deal is done."`,
			[]brief{{"quote", "Keir Starmer", "The deal is done", false}}},
		{"a lost paragraph break after a quotation inside the quotation reopens it",
			"Tunnel row.\n\n\"In the tunnel Wenger was criticising my players,\" Ferguson said. \"He ran at me saying 'what do you want to do about it?' \"To not apologise is unthinkable.\"\n\nThe allegations were put to Wenger.",
			[]brief{{"quote", "Ferguson", "In the tunnel Wenger was criticising my players, He ran at me saying 'what do you want to do about it?' To not apologise is unthinkable", false}}},
		{"inverted cue with an appositive",
			"“Prices will fall,” said Jane Doe, the bank’s chief economist.",
			[]brief{{"quote", "Jane Doe", "Prices will fall", false}}},
		{"a pronoun resolves to the fullest name and a second quote continues the speaker",
			"Russian President Vladimir Putin spoke in Kazan.\n\n“When we have to decide, we will decide,” he said. “This is our business.”",
			[]brief{{"quote", "Vladimir Putin", "When we have to decide, we will decide", false}, {"quote", "Vladimir Putin", "This is our business", false}}},
		{"a role resolves to the entity it introduced",
			"Russian President Vladimir Putin arrived on Thursday. “Images are a serious thing,” the Russian president said.",
			[]brief{{"quote", "Vladimir Putin", "Images are a serious thing", false}}},
		{"a quote over two paragraphs without a closing mark is one quote",
			"Austin said: “We are seeing evidence.\n\n“What they are doing is left to be seen.”",
			[]brief{{"quote", "Austin", "We are seeing evidence. What they are doing is left to be seen", false}}},
		{"single quotes inside double quotes stay in the quote",
			"“He told me, ‘We’ve got to win Loudoun,’ and left,” Smith said.",
			[]brief{{"quote", "Smith", "He told me, ‘We’ve got to win Loudoun,’ and left", false}}},
		{"a characterisation in quotation marks is carried by its statement, not a quote of its own",
			"Ruben Brekelmans spoke on Friday.\n\nHe described it as a “first step to the World War.”",
			nil},
		{"a name in quotation marks is not speech",
			"The two leaders signed a “comprehensive strategic partnership” in June.",
			nil},
		{"“as X puts it” introduces a quotation",
			"As The Post’s Dana Milbank puts it, “Senate Republicans are unmoved.”",
			[]brief{{"quote", "Dana Milbank", "Senate Republicans are unmoved", false}}},
		{"a speaker phrase holding a currency sign, and the listener after the cue is no clause",
			"“They have to decide whether to feed their kids,” Fight for $15 organizing director Kendall Fells told Fox News 6 in Milwaukee.",
			[]brief{{"quote", "Kendall Fells", "They have to decide whether to feed their kids", false}}},
		{"a full stop where the colon belongs before a quotation",
			"Sam Lau, a party spokesman, said in a statement.\n\n“There are no paper ballots to recount.”",
			[]brief{{"quote", "Sam Lau", "There are no paper ballots to recount", false}}},
		{"a quotation after a sentence that reports something goes on from its speaker",
			"Jane Smith said the plan would fail. “It is over.”",
			[]brief{{"quote", "Jane Smith", "It is over", false}}},
		{"“put” alone introduces nothing",
			"Dana Milbank put the book down, “Senate Republicans” on its cover.",
			nil},
		{"British single quotes when the text has no double quotes",
			"‘We are ready,’ the minister said. Mr Smith’s plan was approved.",
			[]brief{{"quote", "minister", "We are ready", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, quotesOf(extract(t, tt.in))); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFragmentWithSpeakerIsKeptWhenNoStatementCarriesIt(t *testing.T) {
	cs := extract(t, "Russian President Vladimir Putin spoke in Kazan.\n\nPutin’s “our business” declaration is a clear message to the world.")
	got := quotesOf(cs)
	want := []brief{{"quote", "Vladimir Putin", "our business", true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name, in, speaker, content string
	}{
		{"said that", "Ukrainian President Volodymyr Zelenskyy said on Friday that Kyiv expects the first troops by the end of the month.",
			"Volodymyr Zelenskyy", "Kyiv expects the first troops by the end of the month"},
		{"stated with an aside", "President Yoon Suk-yeol stated on October 24 that South Korea could adopt a more flexible approach.",
			"Yoon Suk-yeol", "South Korea could adopt a more flexible approach"},
		{"clause first, speaker last", "The talks will resume next week, the ministry said.",
			"ministry", "The talks will resume next week"},
		{"according to", "According to the United Nations, more aid is needed in the region.",
			"United Nations", "more aid is needed in the region"},
		{"denied that", "The Kremlin denied that any troops had crossed the border.",
			"Kremlin", "any troops had crossed the border"},
		{"a characterisation in the speaker's words", "The Netherlands’ minister of defense, Ruben Brekelmans, spoke on Friday. He described it as a “first step to the World War.”",
			"Ruben Brekelmans", "it as a “first step to the World War"},
		{"an attribution inside the sentence", "Within marriages, analysts said, women now steer decisions about political giving.",
			"analysts", "Within marriages women now steer decisions about political giving"},
		{"according to in the middle", "Among the precedents at risk, according to Ms. Epstein, are 16 cases involving unions.",
			"Epstein", "Among the precedents at risk are 16 cases involving unions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []brief
			for _, c := range extract(t, tt.in) {
				if c.Kind == model.KindStatement {
					got = append(got, brief{c.Kind, c.Speaker, c.Content, false})
				}
			}
			want := []brief{{model.KindStatement, tt.speaker, tt.content, false}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestNegatedCueIsNoStatement(t *testing.T) {
	for _, c := range extract(t, "Putin did not deny that troops were in Kursk.") {
		if c.Kind == model.KindStatement {
			t.Errorf("negated cue produced %+v", c)
		}
	}
}

func TestQuantities(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		in   string
		want model.Quantity
		subj string
		src  string // "" skips the check, "-" wants no source
	}{
		{"hedge and demonym", "Dutch intelligence had confirmed that at least 1,500 North Korean troops had been sent to Russia.",
			model.Quantity{Value: 1500, Unit: "troops", Hedge: "at least", Low: f(1500)}, "North Korea", "Dutch intelligence"},
		{"subject from the clause", "Reports from the United States indicate that North Korea has dispatched approximately 3,000 soldiers to Russia.",
			model.Quantity{Value: 3000, Unit: "soldiers", Hedge: "approximately", Low: f(2700), High: f(3300)}, "North Korea", ""},
		{"nearly is just below", "North Korea has already sent nearly 12,000 troops to Russia, according to Ukrainian intelligence.",
			model.Quantity{Value: 12000, Unit: "troops", Hedge: "nearly", Low: f(10800), High: f(12000)}, "North Korea", "Ukrainian intelligence"},
		{"scale words and money", "The government will spend $1.5 billion on the program, the ministry said.",
			model.Quantity{Value: 1.5e9, Unit: "usd", Low: f(1.5e9), High: f(1.5e9)}, "", "ministry"},
		{"a pronoun source is the organisation it stands for", "The NIS monitored the border and, on Oct. 18, said that it observed ships carrying 1,500 North Korean soldiers.",
			model.Quantity{Value: 1500, Unit: "soldiers", Low: f(1500), High: f(1500)}, "North Korea", "NIS"},
		{"a pronoun source with nothing named before it is none", "On Friday it counted 1,500 soldiers at the border.",
			model.Quantity{Value: 1500, Unit: "soldiers", Low: f(1500), High: f(1500)}, "", "-"},
		{"a dozen in words", "A dozen soldiers were wounded in the attack.",
			model.Quantity{Value: 12, Unit: "soldiers", Low: f(12), High: f(12)}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []model.Claim
			for _, c := range extract(t, tt.in) {
				if c.Kind == model.KindQuantity {
					got = append(got, c)
				}
			}
			if len(got) != 1 {
				t.Fatalf("want one quantity, got %+v", got)
			}
			if diff := cmp.Diff(tt.want, *got[0].Quantity); diff != "" {
				t.Errorf("quantity (-want +got):\n%s", diff)
			}
			if got[0].Subject != tt.subj {
				t.Errorf("subject = %q, want %q", got[0].Subject, tt.subj)
			}
			if want := strings.TrimPrefix(tt.src, "-"); tt.src != "" && got[0].Source != want {
				t.Errorf("source = %q, want %q", got[0].Source, want)
			}
		})
	}
}

func TestNotQuantities(t *testing.T) {
	in := "On October 25, 2024, Article 4 of the 1990 treaty was discussed for two years in Room 304. The summit on Oct. 18 lasted 3 hours."
	for _, c := range extract(t, in) {
		if c.Kind == model.KindQuantity {
			t.Errorf("dates, years, article numbers and durations are not figures: %+v", c.Quantity)
		}
	}
}

func TestVagueFigureDroppedWhenPreciseOneExists(t *testing.T) {
	cs := extract(t, "North Korea will send thousands of soldiers, with about 1,500 special forces already in Russia.")
	var values []float64
	for _, c := range cs {
		if c.Kind == model.KindQuantity {
			values = append(values, c.Quantity.Value)
		}
	}
	if diff := cmp.Diff([]float64{1500}, values); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	cs = extract(t, "Thousands of people protested in the capital, police said.")
	if len(cs) == 0 || cs[len(cs)-1].Kind != model.KindQuantity && !hasKind(cs, model.KindQuantity) {
		t.Errorf("a lone magnitude is still a figure: %+v", cs)
	}
}

func hasKind(cs []model.Claim, kind string) bool {
	for _, c := range cs {
		if c.Kind == kind {
			return true
		}
	}
	return false
}

func TestDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Putin said on Friday that it was over.", "2024-10-25"},
		{"Putin said on Thursday that it was over.", "2024-10-24"},
		{"The NIS said on Oct. 18 that ships had sailed.", "2024-10-18"},
		{"The ministry said yesterday that the talks had failed.", "2024-10-24"},
		{"The ministry said on 3 December 2023 that the talks had failed.", "2023-12-03"},
		{"The ministry said that the talks had failed.", "2024-10-25"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			cs := extract(t, tt.in)
			if len(cs) == 0 {
				t.Fatal("no claim")
			}
			if cs[0].Date != tt.want {
				t.Errorf("date = %q, want %q", cs[0].Date, tt.want)
			}
		})
	}
}

func TestMentionsPointIntoCleanedText(t *testing.T) {
	text := "Физика — “Тест,” said Иван Петров.\n\n“We coordinate with our North Korean friends,” Putin said on Friday. About 3,000 soldiers were sent, officials said."
	cs := extract(t, text)
	clean := []rune(Clean(text))
	if len(cs) == 0 {
		t.Fatal("no claims")
	}
	for _, c := range cs {
		for _, m := range c.Mentions {
			if m.ArticleID != "art" || m.Start < 0 || m.End > len(clean) || m.Start >= m.End {
				t.Fatalf("mention out of range: %+v (text has %d runes)", m, len(clean))
			}
			if got := string(clean[m.Start:m.End]); got != c.Text {
				t.Errorf("mention text %q != claim text %q", got, c.Text)
			}
		}
		if c.Score < 0 || c.Score > 1 || c.ID == "" || !utf8.ValidString(c.Content) {
			t.Errorf("bad claim %+v", c)
		}
	}
}

func TestEntitiesOfAClaim(t *testing.T) {
	cs := extract(t, "Russian President Vladimir Putin met Kim Jong Un in Pyongyang.\n\n“We coordinate with our North Korean friends,” Putin said in Kazan.")
	for _, c := range cs {
		if c.Kind == model.KindQuote {
			want := []string{"Vladimir Putin", "North Korea", "Kazan"}
			if diff := cmp.Diff(want, c.Entities); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
			return
		}
	}
	t.Fatal("no quote")
}

func TestExtractIsDeterministicAndRespectsContext(t *testing.T) {
	text := strings.Repeat("“We coordinate with our friends,” Putin said. About 3,000 soldiers were sent, officials said.\n\n", 50)
	a, b := extract(t, text), extract(t, text)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewRules(0).Extract(ctx, Input{Text: text}); err == nil {
		t.Error("a cancelled context should stop extraction")
	}
}
