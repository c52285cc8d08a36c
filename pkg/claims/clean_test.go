package claims

import (
	"strings"
	"testing"
)

func TestCleanRemovesFurniture(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		gone    []string
		kept    []string
		exactly string
	}{
		{
			name: "an address block and a language picker are dropped",
			in:   "Physical Address\n\n304 North Cardinal St.\nDorchester Center, MA 02124\n\nPutin said it.\n\nen_USEnglish",
			gone: []string{"Physical Address", "Cardinal", "Dorchester", "en_US"},
			kept: []string{"Putin said it."},
		},
		{
			name:    "a title suffix and a leading date are stripped",
			in:      " date 2024-10-25 President Putin affirmed it.\n\nA title_1\n\nBody.",
			exactly: "President Putin affirmed it.\n\nA title\n\nBody.",
		},
		{
			name: "prompts, share lines and credits go; a long paragraph mentioning cookies stays",
			in: "Subscribe to our newsletter\nShare | Tweet | Email\nPhoto: Getty Images\n© 2024 Example News. All rights reserved.\n" +
				"The bakery said its cookie sales rose 40 percent this year, the owner told reporters on Monday, citing a surge of tourists who came for the festival and stayed for the food.",
			gone: []string{"Subscribe", "Tweet", "Getty", "rights reserved"},
			kept: []string{"cookie sales rose 40 percent"},
		},
		{
			name: "a correction note about the article goes",
			in:   "The mayor said the bridge would reopen in May.\n\nAn earlier version of this article misstated the month in which the bridge was due to reopen, which the mayor's office later corrected in a statement sent to reporters on Friday afternoon.",
			gone: []string{"An earlier version", "misstated"},
			kept: []string{"The mayor said the bridge would reopen in May."},
		},
		{
			name: "HTML is flattened into paragraphs without scripts or navigation",
			in:   `<html><head><title>x</title><script>var a="“no”";</script></head><body><nav>Home | World</nav><p>First &amp; “quoted” paragraph.</p><p>Second<br>line.</p><footer>Copyright</footer></body></html>`,
			gone: []string{"var a", "Home | World", "Copyright"},
			kept: []string{"First & “quoted” paragraph.", "Second"},
		},
		{
			name:    "typewriter quotes become double quotes and NFC is applied",
			in:      "''It is fine,'' said Ms. Leon. Cafe\u0301 owners agreed.",
			exactly: "\"It is fine,\" said Ms. Leon. Café owners agreed.",
		},
		{
			name:    "hard-wrapped lines are joined",
			in:      "The minister said the plan\nwould be ready by June.",
			exactly: "The minister said the plan would be ready by June.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if tt.exactly != "" && got != tt.exactly {
				t.Fatalf("Clean() = %q, want %q", got, tt.exactly)
			}
			for _, g := range tt.gone {
				if strings.Contains(got, g) {
					t.Errorf("Clean() kept %q: %q", g, got)
				}
			}
			for _, k := range tt.kept {
				if !strings.Contains(got, k) {
					t.Errorf("Clean() lost %q: %q", k, got)
				}
			}
		})
	}
}

func TestCleanInvalidUTF8(t *testing.T) {
	got := Clean("ok \xff\xfe text")
	if !strings.Contains(got, "ok") || strings.ContainsRune(got, 0xfffd) == false {
		t.Errorf("invalid bytes should become U+FFFD: %q", got)
	}
}

func TestCleanRepairsDoublyEncodedText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"profits of Â£2m ($3.8m)", "profits of £2m ($3.8m)"},
		{"itâ€™s â€œfineâ€\u009d, she said", "it’s “fine”, she said"},
		{"the Ã©tÃ© festival in ZÃ¼rich", "the été festival in Zürich"},
		// The lead character typed decomposed, "A" and a combining tilde.
		{"his John Birch Society protegA\u0303\u00a9s", "his John Birch Society protegés"},
		// Written Latin-1 letters are no lead bytes followed by
		// continuation bytes: they stay.
		{"Ã is a letter, and so is â; São Paulo, café, naïve", "Ã is a letter, and so is â; São Paulo, café, naïve"},
		{"ends on a lead byte Ã", "ends on a lead byte Ã"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanDecodesEntitiesInPlainText(t *testing.T) {
	got := Clean("The communiqu&#233; was signed by AT&T &amp; Verizon; fees rose 5%.")
	want := "The communiqué was signed by AT&T & Verizon; fees rose 5%."
	if got != want {
		t.Errorf("Clean = %q, want %q", got, want)
	}
}
