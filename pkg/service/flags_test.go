package service

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newTestFlags(t *testing.T) (*Flags, *string, *int, *time.Duration) {
	t.Helper()
	f := NewFlags("test", "test command")
	f.SetOutput(io.Discard)
	var s string
	var n int
	var d time.Duration
	f.String(&s, "name", "CW_TEST_NAME", "default", "a name")
	f.Int(&n, "count", "CW_TEST_COUNT", 1, "a count")
	f.Duration(&d, "wait", "", time.Second, "a wait")
	return f, &s, &n, &d
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cw.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFlagPrecedence(t *testing.T) {
	cfg := writeConfig(t, "name: from-file\ncount: 7\nwait: 3s\n")
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantName string
		wantN    int
		wantWait time.Duration
	}{
		{"defaults apply with nothing given", nil, nil, "default", 1, time.Second},
		{"the config file fills what is not given", []string{"--config", cfg}, nil, "from-file", 7, 3 * time.Second},
		{"the environment beats the file", []string{"--config", cfg}, map[string]string{"CW_TEST_NAME": "from-env"}, "from-env", 7, 3 * time.Second},
		{"the command line beats the environment", []string{"--config", cfg, "--name", "from-flag"}, map[string]string{"CW_TEST_NAME": "from-env"}, "from-flag", 7, 3 * time.Second},
		{"CW_CONFIG names the file", nil, map[string]string{"CW_CONFIG": cfg}, "from-file", 7, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			f, s, n, d := newTestFlags(t)
			if err := f.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if *s != tt.wantName || *n != tt.wantN || *d != tt.wantWait {
				t.Errorf("got name=%q count=%d wait=%v, want %q %d %v", *s, *n, *d, tt.wantName, tt.wantN, tt.wantWait)
			}
		})
	}
}

func TestFlagErrorsAreClear(t *testing.T) {
	tests := []struct {
		name    string
		args    func(t *testing.T) []string
		env     map[string]string
		wantErr string
	}{
		{"an unknown key in the config file", func(t *testing.T) []string { return []string{"--config", writeConfig(t, "nmae: x\n")} }, nil, `unknown option "nmae"`},
		{"a bad value in the environment", func(t *testing.T) []string { return nil }, map[string]string{"CW_TEST_COUNT": "many"}, "CW_TEST_COUNT"},
		{"a missing config file", func(t *testing.T) []string { return []string{"--config", "/nonexistent/cw.yaml"} }, nil, "no such file"},
		{"an unknown flag", func(t *testing.T) []string { return []string{"--bogus"} }, nil, "bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			f, _, _, _ := newTestFlags(t)
			err := f.Parse(tt.args(t))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Parse error = %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestUnknownFlagIsAUsageError(t *testing.T) {
	f, _, _, _ := newTestFlags(t)
	if err := f.Parse([]string{"--bogus"}); !errors.Is(err, ErrUsage) || ExitCode(err) != ExitUsage {
		t.Errorf("err = %v, exit %d; want a usage error and exit %d", err, ExitCode(err), ExitUsage)
	}
}

func TestHelpNamesEveryFlagAndItsVariable(t *testing.T) {
	f, _, _, _ := newTestFlags(t)
	var b strings.Builder
	f.SetOutput(&b)
	if err := f.Parse([]string{"--help"}); ExitCode(err) != ExitOK {
		t.Fatalf("--help: %v", err)
	}
	for _, want := range []string{"--name", "CW_TEST_NAME", "--count", "--wait", "--config", "CW_CONFIG", "test command"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("--help lacks %q:\n%s", want, b.String())
		}
	}
}
