package canon

import (
	"errors"
	"testing"
)

func TestURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"scheme and host are lower-cased", "HTTPS://Example.COM/Path", "https://example.com/Path"},
		{"an empty path becomes a slash", "http://example.com", "http://example.com/"},
		{"the default http port is dropped", "http://example.com:80/a", "http://example.com/a"},
		{"the default https port is dropped", "https://example.com:443/a", "https://example.com/a"},
		{"a non-default port is kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"leading zeros of a port are dropped", "http://example.com:0080/a", "http://example.com/a"},
		{"the fragment is dropped", "https://example.com/a#top", "https://example.com/a"},
		{"user information is dropped", "https://user:pw@example.com/a", "https://example.com/a"},
		{"utm parameters are removed", "https://example.com/a?utm_source=x&utm_medium=rss&id=3", "https://example.com/a?id=3"},
		{"click identifiers are removed", "https://example.com/a?fbclid=1&gclid=2&msclkid=3", "https://example.com/a"},
		{"mailchimp parameters are removed", "https://example.com/a?mc_cid=1&mc_eid=2&p=1", "https://example.com/a?p=1"},
		{"tracking names ignore case", "https://example.com/a?UTM_Source=x&FBCLID=y", "https://example.com/a"},
		{"the query is sorted", "https://example.com/a?b=2&a=1&c=3", "https://example.com/a?a=1&b=2&c=3"},
		{"repeated keys are sorted by value", "https://example.com/a?k=2&k=1", "https://example.com/a?k=1&k=2"},
		{"plus and %20 are one space", "https://example.com/s?q=a%20b", "https://example.com/s?q=a+b"},
		{"an empty query is dropped", "https://example.com/a?", "https://example.com/a"},
		{"empty parameters are dropped", "https://example.com/a?&&x=1&", "https://example.com/a?x=1"},
		{"unreserved escapes are decoded", "https://example.com/%7Euser/%61b", "https://example.com/~user/ab"},
		{"reserved escapes are upper-cased", "https://example.com/a%2fb", "https://example.com/a%2Fb"},
		{"dot segments are resolved", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"dot segments above the root stop there", "https://example.com/../../a", "https://example.com/a"},
		{"a trailing slash is kept", "https://example.com/a/", "https://example.com/a/"},
		{"a trailing dot on the host is dropped", "https://example.com./a", "https://example.com/a"},
		{"an international host becomes punycode", "https://bücher.de/x", "https://xn--bcher-kva.de/x"},
		{"an ipv6 host is written in one spelling", "http://[2001:DB8:0::1]:8080/", "http://[2001:db8::1]:8080/"},
		{"surrounding spaces are trimmed", "  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := URL(tt.in)
			if err != nil {
				t.Fatalf("URL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := URL(got)
			if err != nil || again != got {
				t.Errorf("URL is not idempotent: URL(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestURLVariantsAgree(t *testing.T) {
	base := "https://news.example.com/world/2024/10/article?id=7"
	variants := []string{
		"HTTPS://NEWS.example.com:443/world/2024/10/article?id=7#comments",
		"https://news.example.com/world/2024/10/article?utm_source=rss&id=7&utm_campaign=feed",
		"https://news.example.com/world/2024/./10/article?id=7&fbclid=IwAR0abc",
	}
	want, err := URL(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		got, err := URL(v)
		if err != nil {
			t.Fatalf("URL(%q): %v", v, err)
		}
		if got != want {
			t.Errorf("URL(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestURLErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"an empty string", "", ErrInvalid},
		{"a relative url", "/a/b", ErrInvalid},
		{"an ftp url", "ftp://example.com/a", ErrScheme},
		{"a javascript url", "javascript:alert(1)", ErrScheme},
		{"a url without host", "http:///a", ErrInvalid},
		{"a bad port", "http://example.com:99999/", ErrInvalid},
		{"a bad escape", "http://example.com/%zz", ErrInvalid},
		{"invalid utf-8", "http://example.com/\xff", ErrInvalid},
		{"a host with spaces", "http://exa mple.com/", ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := URL(tt.in)
			if !errors.Is(err, tt.want) {
				t.Errorf("URL(%q) = %q, %v; want error %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func FuzzURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?utm_source=x&b=2&a=1#f",
		"http://[::1]:80/%7e/../x?q=a+b",
		"HTTP://ÉXAMPLE.com./a/./b/",
		"https://u:p@host:0443/p;x?k&k=&=v",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := URL(in)
		if err != nil {
			return
		}
		again, err := URL(out)
		if err != nil {
			t.Fatalf("URL(%q) = %q, which URL rejects: %v", in, out, err)
		}
		if again != out {
			t.Fatalf("not idempotent: URL(%q) = %q, URL of that = %q", in, out, again)
		}
	})
}

func BenchmarkURL(b *testing.B) {
	in := "https://News.Example.com:443/world/2024/10/article?utm_source=rss&id=7&utm_campaign=feed&b=2#top"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := URL(in); err != nil {
			b.Fatal(err)
		}
	}
}
