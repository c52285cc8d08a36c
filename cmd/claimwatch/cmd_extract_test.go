package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
)

const extractArticle = `Physical Address

304 North Cardinal St.
Dorchester Center, MA 02124

Russian President Vladimir Putin spoke on Thursday.
“There is article 4. What we do within the framework of this article is our business,” Putin said.
The Netherlands’ minister of defense, Ruben Brekelmans, said on Friday that Dutch intelligence had confirmed that at least 1,500 North Korean troops had been sent to Russia.

en_USEnglish
`

func TestRunExtractPrintsClaimsJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(path, []byte(extractArticle), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := runExtract(context.Background(), []string{"--published", "2024-10-25", "--format", "json", path}, &out, &errOut); err != nil {
		t.Fatalf("runExtract: %v (stderr %s)", err, errOut.String())
	}
	var got struct {
		Claims []model.Claim `json:"claims"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not {\"claims\": [...]}: %v\n%s", err, out.String())
	}
	var quote, qty *model.Claim
	for i := range got.Claims {
		c := &got.Claims[i]
		switch c.Kind {
		case model.KindQuote:
			quote = c
		case model.KindQuantity:
			qty = c
		}
		if strings.Contains(c.Text, "Cardinal") || strings.Contains(c.Text, "en_US") {
			t.Errorf("boilerplate became a claim: %+v", c)
		}
	}
	if quote == nil || quote.Speaker != "Vladimir Putin" || quote.Date != "2024-10-25" {
		t.Errorf("quote = %+v", quote)
	}
	if qty == nil || qty.Quantity.Value != 1500 || qty.Quantity.Hedge != "at least" || qty.Subject != "North Korea" || qty.Date != "2024-10-25" {
		t.Errorf("quantity = %+v", qty)
	}
}

func TestRunExtractReadsStdinAndPrintsEmptyList(t *testing.T) {
	old := os.Stdin
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdin = r
	t.Cleanup(func() { os.Stdin = old })
	go func() {
		_, _ = w.WriteString("Nothing to see here.")
		_ = w.Close()
	}()
	var out bytes.Buffer
	if err := runExtract(context.Background(), []string{"-"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(strings.Join(strings.Fields(out.String()), "")) != `{"claims":[]}` {
		t.Errorf("want an empty list, got %s", out.String())
	}
}

func TestRunExtractUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no file", nil},
		{"two files", []string{"a", "b"}},
		{"bad date", []string{"--published", "yesterday", "x.txt"}},
		{"bad format", []string{"--format", "xml", "x.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := runExtract(context.Background(), tt.args, &bytes.Buffer{}, &bytes.Buffer{})
			if !errors.Is(err, service.ErrUsage) {
				t.Errorf("err = %v, want a usage error", err)
			}
		})
	}
	if err := runExtract(context.Background(), []string{filepath.Join(t.TempDir(), "missing.txt")}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("a missing file should fail")
	}
}

func TestRunEvalClaimsPrintsScorerFigures(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(corpus, "seeds.gold.json")); err != nil {
		t.Skipf("corpus not found at %s: %v", corpus, err)
	}
	var out bytes.Buffer
	if err := runEvalClaims(context.Background(), []string{"--corpus", corpus, "--limit", "5"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"quote_p=", "qty_r=", "precision=", "recall_quoted=", "f1_all=", "articles=5 "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
