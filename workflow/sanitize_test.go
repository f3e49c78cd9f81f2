package workflow

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want, line string
	}{
		{"plain", "Vitamin D test", "Vitamin D test", "Vitamin D test"},
		{"trim", "  \t claim 42 \n\n", "claim 42", "claim 42"},
		{"trim unicode spaces", "\u00a0x\u3000", "x", "x"},
		{"empty", "", "", ""},
		{"only controls", "\x00\x01\x7f\x1b", "", ""},
		{"keeps newline and tab", "line one\n\tline two", "line one\n\tline two", "line one line two"},
		{"crlf", "a\r\nb\r\n\r\nc", "a\nb\n\nc", "a b c"},
		{"carriage return cannot overwrite", "approved\rDENIED", "approved\nDENIED", "approved DENIED"},
		{"backspace", "paid\b\b\b\bdenied", "paiddenied", "paiddenied"},
		{"bell, vertical tab, form feed", "a\a\vb\fc", "abc", "abc"},
		{"DEL", "a\x7fb", "ab", "ab"},
		{"SGR colour", "\x1b[31mred\x1b[0m", "red", "red"},
		{"CSI with intermediates", "a\x1b[1 qb", "ab", "ab"},
		{"CSI private params", "a\x1b[?1049hb", "ab", "ab"},
		{"CSI clear screen", "\x1b[2J\x1b[Hhello", "hello", "hello"},
		{"CSI malformed stops at odd byte", "a\x1b[12\x01b", "ab", "ab"},
		{"OSC 52 clipboard with BEL", "x\x1b]52;c;aGVsbG8=\x07y", "xy", "xy"},
		{"OSC hyperlink with ST", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "click", "click"},
		{"OSC title", "\x1b]0;pwned\x07ok", "ok", "ok"},
		{"OSC cancelled by CAN", "a\x1b]0;x\x18b", "ab", "ab"},
		{"OSC ended by new escape", "a\x1b]0;x\x1b[31mb", "ab", "ab"},
		{"OSC unterminated swallows rest", "keep\x1b]52;c;secret and more", "keep", "keep"},
		{"DCS", "a\x1bPq#0;2;0;0;0#0~~@@vv\x1b\\b", "ab", "ab"},
		{"APC", "a\x1b_Gf=100;AAAA\x1b\\b", "ab", "ab"},
		{"PM", "a\x1b^private\x1b\\b", "ab", "ab"},
		{"SOS", "a\x1bXstring\x1b\\b", "ab", "ab"},
		{"charset designation", "a\x1b(0b\x1b(Bc", "abc", "abc"},
		{"two-byte escapes", "a\x1b7b\x1b8c\x1bcd", "abcd", "abcd"},
		{"ESC then control", "a\x1b\nb", "a\nb", "a b"},
		{"ESC then non-ASCII", "a\x1béb", "aéb", "aéb"},
		{"ESC at end", "abc\x1b", "abc", "abc"},
		{"8-bit CSI", "a\u009b31mb", "ab", "ab"},
		{"8-bit OSC with 8-bit ST", "a\u009d0;t\u009cb", "ab", "ab"},
		{"8-bit OSC with BEL", "a\u009d52;c;eA==\u0007b", "ab", "ab"},
		{"8-bit DCS", "a\u0090q\u009cb", "ab", "ab"},
		{"other C1 controls", "a\u0085b\u008dc\u0080d", "abcd", "abcd"},
		{"raw C1 byte is invalid UTF-8", "a\x9b31mb", "a31mb", "a31mb"},
		{"invalid UTF-8", "a\xffb\xc3(c\xe2\x82", "ab(c", "ab(c"},
		{"replacement char itself is kept", "a\ufffdb", "a\ufffdb", "a\ufffdb"},
		{"bidi override", "invoice\u202etxt.exe", "invoicetxt.exe", "invoicetxt.exe"},
		{"bidi embeddings", "\u202aa\u202bb\u202cc\u202dd", "abcd", "abcd"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc", "abc"},
		{"direction marks", "a\u200eb\u200fc\u061cd", "abcd", "abcd"},
		{"byte order mark", "\ufeffClaim", "Claim", "Claim"},
		{"line separators", "a\u2028b\u2029c", "a\nb\nc", "a b c"},
		{"CJK", "请求复议 审查", "请求复议 审查", "请求复议 审查"},
		{"accents", "José Núñez-Müller", "José Núñez-Müller", "José Núñez-Müller"},
		{"emoji with ZWJ and variation selector", "👩‍⚕️ ok 👨‍👩‍👧", "👩‍⚕️ ok 👨‍👩‍👧", "👩‍⚕️ ok 👨‍👩‍👧"},
		{"flag with tag characters", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"},
		{"arabic and hebrew text kept", "مرحبا שלום", "مرحبا שלום", "مرحبا שלום"},
		{"line mode collapses a run of breaks", "a\n\t\r\n\u2028b", "a\n\t\n\nb", "a b"},
		{"line mode keeps existing spaces", "a \n b", "a \n b", "a   b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := SanitizeLine(tt.in); got != tt.line {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.line)
			}
		})
	}
}

// checkSanitized reports what is wrong with s as the output of Sanitize
// (line: of SanitizeLine), or "" when it meets every invariant.
func checkSanitized(s string, line bool) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	if s != strings.TrimSpace(s) {
		return "not trimmed"
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if line {
				return "line break or tab in a single-line value"
			}
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			return "control character"
		case isBidi(r):
			return "bidirectional control"
		case r == 0xfeff || r == 0x2028 || r == 0x2029:
			return "byte order mark or Unicode line separator"
		}
	}
	return ""
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "approved\rDENIED", "\x1b]52;c;aGVsbG8=\x07", "\x1b[31mred\x1b[0m",
		"\x1bP1$r\x1b\\", "a\u009b31mb", "\u202eevil", "\xff\xfe", "👩‍⚕️", "a\r\n\r\nb", " \t\n ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, line := range []bool{false, true} {
			out := sanitize(in, line)
			if why := checkSanitized(out, line); why != "" {
				t.Fatalf("sanitize(%q, %v) = %q: %s", in, line, out, why)
			}
			if again := sanitize(out, line); again != out {
				t.Fatalf("not idempotent: sanitize(%q, %v) = %q, then %q", in, line, out, again)
			}
			if len(out) > len(in) {
				t.Fatalf("sanitize(%q, %v) = %q grew the text", in, line, out)
			}
		}
	})
}

// dirtyText holds every kind of trouble Sanitize removes.
const dirtyText = " \x1b[31m\u202eX\r\x07\xff\x1b]52;c;eA==\x07 "

// sanitizeFill sets every string reachable from v (fields, slice
// elements, map keys) to dirtyText, growing empty slices and maps to one
// element so that nothing is left unvisited.
func sanitizeFill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(dirtyText)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				sanitizeFill(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			sanitizeFill(v.Index(i))
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		sanitizeFill(k)
		m.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
		v.Set(m)
	}
}

// sanitizeVisit calls f with the path and value of every string reachable
// from v.
func sanitizeVisit(path string, v reflect.Value, f func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				sanitizeVisit(path+"."+v.Type().Field(i).Name, v.Field(i), f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			sanitizeVisit(path+"[]", v.Index(i), f)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			sanitizeVisit(path+"{key}", k, f)
		}
	}
}

func TestCaseSanitizeCoversEveryString(t *testing.T) {
	c := NewCase(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), "Cigna")
	sanitizeFill(reflect.ValueOf(c).Elem())
	count := 0
	sanitizeVisit("case", reflect.ValueOf(c).Elem(), func(string, string) { count++ })
	if count < 60 {
		t.Fatalf("filled only %d strings: the walk missed parts of the case", count)
	}
	c.Sanitize()
	multiLine := map[string]bool{
		"case.Member.Address": true, "case.Representative.Address": true, "case.EOB.Reason": true,
		"case.Denial.Policy.Criteria[].Text": true, "case.Denial.Policy.Criteria[].Evidence": true,
		"case.Calls[].Outcome": true, "case.Documents[].Description": true,
	}
	sanitizeVisit("case", reflect.ValueOf(c).Elem(), func(path, s string) {
		line := !multiLine[path] && !strings.HasSuffix(path, ".Details")
		if why := checkSanitized(s, line); why != "" {
			t.Errorf("%s = %q after Case.Sanitize: %s", path, s, why)
		}
		if want := "X"; strings.Trim(s, " \n") != want {
			t.Errorf("%s = %q after Case.Sanitize, want %q", path, s, want)
		}
	})
}

func TestCaseSanitizeKeepsMultiLineText(t *testing.T) {
	c := NewCase(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), "Cigna")
	c.Member.Address = "418 Alder Street\r\nAustin, TX 78704\n"
	c.Member.Name = "Dana\nReyes"
	c.Denial.Notice = map[string]bool{"reason\x1b[0m": true, "plan-provision": false}
	c.Sanitize()
	if want := "418 Alder Street\nAustin, TX 78704"; c.Member.Address != want {
		t.Errorf("address = %q, want %q", c.Member.Address, want)
	}
	if want := "Dana Reyes"; c.Member.Name != want {
		t.Errorf("name = %q, want %q", c.Member.Name, want)
	}
	if want := map[string]bool{"reason": true, "plan-provision": false}; !reflect.DeepEqual(c.Denial.Notice, want) {
		t.Errorf("notice = %v, want %v", c.Denial.Notice, want)
	}
}
