package dedupeval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Doc is one line of a labelled corpus file. Group is set in neardup files,
// Story in story files, Category in the BBC file; Published may be zero.
type Doc struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Published time.Time `json:"published"`
	Group     string    `json:"group"`
	Story     string    `json:"story"`
	Category  string    `json:"category"`
}

// maxLine bounds one JSON line; corpus articles are a few kilobytes.
const maxLine = 16 << 20

// ReadDocs reads JSON Lines documents from r. Blank lines are skipped; a
// line that is not a JSON object with an "id" is an error naming the line.
func ReadDocs(r io.Reader) ([]Doc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var docs []Doc
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(trimSpace(b)) == 0 {
			continue
		}
		var d Doc
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if d.ID == "" {
			return nil, fmt.Errorf("line %d: no id", line)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return docs, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// ReadFile reads a JSON Lines corpus file.
func ReadFile(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ReadDocs(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// ErrNoCorpus is returned by FindCorpus when no shared corpus directory is
// found; tests skip on it.
var ErrNoCorpus = errors.New("shared corpus not found")

// FindCorpus returns the shared corpus directory: $CW_CORPUS when set,
// else the first "shared/corpus" found beside the module root, looking
// up from dir (the module is at <root>, the corpus at <root>/../shared/corpus).
func FindCorpus(dir string) (string, error) {
	if env := os.Getenv("CW_CORPUS"); env != "" {
		if st, err := os.Stat(env); err == nil && st.IsDir() {
			return env, nil
		}
		return "", fmt.Errorf("%w: CW_CORPUS=%s is not a directory", ErrNoCorpus, env)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoCorpus, err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w above %s (set CW_CORPUS)", ErrNoCorpus, abs)
		}
	}
}

// Synthesize fills in missing publication times the way score.py does:
// the i-th of n documents is published at 2024-10-01T00:00Z + i*(24h/n).
func Synthesize(docs []Doc) {
	base := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	step := 24 * time.Hour / time.Duration(max(1, len(docs)))
	for i := range docs {
		if docs[i].Published.IsZero() {
			docs[i].Published = base.Add(time.Duration(i) * step)
		}
	}
}
