package claims

import "testing"

func TestCliticStart(t *testing.T) {
	for _, tt := range []struct {
		word string
		want int
	}{
		{"I've", 1},
		{"we’d", 2},
		{"they'll", 4},
		{"you’re", 3},
		{"I'm", 1},
		{"O'Reilly", 0},
		{"ma'am", 0},
		{"can't", 0},
		{"'d", 0},
		{"Ive", 0},
	} {
		if got := cliticStart(tt.word); got != tt.want {
			t.Errorf("cliticStart(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}
