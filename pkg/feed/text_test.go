package feed

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs become blank-line separated", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"a br is a line break", "<p>Line one<br>line two</p>", "Line one\nline two"},
		{"source newlines inside a paragraph are spaces", "<p>Hello\n   world</p>", "Hello world"},
		{"scripts and styles are dropped", "<p>A</p><script>var x=1;</script><style>p{}</style><p>B</p>", "A\n\nB"},
		{"nested skipped elements are dropped whole", "<p>A <svg><svg>x</svg>y</svg>B</p>", "A B"},
		{"entities are decoded", "<p>Tom &amp; Jerry&nbsp;&#8220;quote&#8221;</p>", "Tom & Jerry “quote”"},
		{"inline elements keep words together", "<p>a <b>bold</b> <a href=x>link</a>.</p>", "a bold link."},
		{"list items are paragraphs", "<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"},
		{"headings are paragraphs", "<h2>Title</h2>Body text", "Title\n\nBody text"},
		{"plain text keeps its paragraphs", "First para.\n\n\n  Second   para.", "First para.\n\nSecond para."},
		{"plain text with a less-than sign", "3 < 4 and 5 > 2", "3 < 4 and 5 > 2"},
		{"plain text entities are decoded", "AT&amp;T says &quot;hi&quot;", "AT&T says \"hi\""},
		{"empty input", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(tt.in); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func BenchmarkHTMLToText(b *testing.B) {
	in := ""
	for range 50 {
		in += "<p>The <b>quick</b> brown fox &amp; the lazy dog, said <a href='x'>someone</a>.<br>Next line.</p>\n"
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		_ = htmlToText(in)
	}
}
