package letterpdf

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/internal/pdftext"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var created = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// render parses a text letter and writes it as PDF.
func render(t *testing.T, text, claim string) []byte {
	t.Helper()
	l, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	l.Title, l.Claim = "Level 1 appeal", claim
	var b bytes.Buffer
	if err := Write(&b, l, created); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readBack reads the PDF's text back and checks the line at the top of
// every page after the first. It returns the words of the letter itself,
// in the order the pages set them, a list's bullet read as the "-" of the
// text letter.
func readBack(t *testing.T, name string, pdf []byte, claim string) ([]pdftext.Page, []string) {
	t.Helper()
	pages, err := pdftext.Read(pdf)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var words []string
	for i, p := range pages {
		runs := p.Runs
		if i > 0 {
			want := []string{"Claim number " + claim, fmt.Sprintf("page %d of %d", i+1, len(pages))}
			if len(runs) < 2 || runs[0].Text != want[0] || runs[1].Text != want[1] {
				t.Errorf("%s: page %d starts with %v, want %q", name, i+1, runs[:min(2, len(runs))], want)
			} else {
				runs = runs[2:]
			}
		}
		for _, r := range runs {
			if r.Text == "•" {
				r.Text = "-"
			}
			if strings.Contains(r.Text, "page ") && strings.Contains(r.Text, " of ") && i == 0 {
				t.Errorf("%s: the first page is numbered: %q", name, r.Text)
			}
			words = append(words, strings.Fields(r.Text)...)
		}
	}
	return pages, words
}

// TestPDFHasTheTextLetter writes every golden text letter of the letter
// engine as PDF and reads it back: the same words in the same order, and
// from page 2 on, the claim number and "page N of M".
func TestPDFHasTheTextLetter(t *testing.T) {
	multi := 0
	for name, text := range textLetters(t) {
		_, words := readBack(t, name, render(t, text, "E2026"), "E2026")
		pages, _ := pdftext.Read(render(t, text, "E2026"))
		if len(pages) > 1 {
			multi++
		}
		if want := strings.Fields(text); !slices.Equal(words, want) {
			t.Errorf("%s: the PDF's words differ from the text letter's:\n%s", name, wordDiff(words, want))
		}
	}
	if multi == 0 {
		t.Error("no letter took more than one page: the page heads went untested")
	}
}

// TestGoldenPDF checks the layout of testdata/*.txt as PDF by the text
// of each page, line by line, and the number of pages (go test -update
// rewrites the .golden files; review the diff).
func TestGoldenPDF(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txt")
	if len(paths) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages, words := readBack(t, p, render(t, string(text), "E2026110100042"), "E2026110100042")
		if want := strings.Fields(string(text)); !slices.Equal(words, want) {
			t.Errorf("%s: the PDF's words differ from the text letter's:\n%s", p, wordDiff(words, want))
		}
		var b strings.Builder
		fmt.Fprintf(&b, "pages: %d\n", len(pages))
		for i, pg := range pages {
			fmt.Fprintf(&b, "\n--- page %d (each line: points from the left edge and from the top, text)\n", i+1)
			for _, ln := range pg.Lines {
				fmt.Fprintf(&b, "%3.0f %3.0f  %s\n", ln.X, pageHeight-ln.Y, ln.Text)
			}
		}
		golden := strings.TrimSuffix(p, ".txt") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if b.String() != string(want) {
			t.Errorf("%s as PDF differs from %s:\n%s", p, golden, lineDiff(b.String(), string(want)))
		}
	}
}

// TestNamesPrintAsWritten: the font has every letter of these names, so
// the PDF shows them (and its text holds them) as written.
func TestNamesPrintAsWritten(t *testing.T) {
	text, err := os.ReadFile("testdata/unicode.txt")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Read(render(t, string(text), "E2026110100042"))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range pages {
		for _, ln := range p.Lines {
			all = append(all, ln.Text)
		}
	}
	joined := strings.Join(all, "\n")
	for _, name := range []string{"Nguyễn Thị Hồng", "Ruiz-Peña", "Łukasz Wiśniewski", "Clínica São João", "“not", "necessary”"} {
		if !strings.Contains(joined, name) {
			t.Errorf("%q is not in the PDF's text", name)
		}
	}
	if pages[0].Runs[0].Text != "Nguyễn Thị Hồng" {
		t.Errorf("the first text on the page is %q, want the sender's name", pages[0].Runs[0].Text)
	}
}

// TestWindowEnvelope: the sender's address at the top left, the date at
// the top right, the recipient's address where a #10 envelope's window
// shows it, and the body inside 1-inch margins.
func TestWindowEnvelope(t *testing.T) {
	text, err := os.ReadFile("testdata/unicode.txt")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Read(render(t, string(text), "E2026110100042"))
	if err != nil {
		t.Fatal(err)
	}
	top := func(r pdftext.Run) float64 { return pageHeight - r.Y } // of the baseline, in points
	for _, r := range pages[0].Runs {
		switch {
		case r.Text == "Nguyễn Thị Hồng" && top(r) < 90:
			if r.X != margin || top(r) < margin {
				t.Errorf("sender's name at %v, %v", r.X, top(r))
			}
		case r.Text == "December 1, 2026":
			if top(r) > margin+addrLeading || r.X < pageWidth/2 {
				t.Errorf("date at %v, %v: want it at the top right", r.X, top(r))
			}
		case r.Text == "Cigna Healthcare":
			// The window of a #10 envelope: 2 to 3 1/4 inches from the top.
			if r.X != margin || top(r) < 2*72 || top(r) > 3.25*72 {
				t.Errorf("recipient's first line at %v, %v in from the top: not in the window", r.X, top(r))
			}
		case r.Text == "Chattanooga, TN 37422":
			if top(r) > 3.25*72 {
				t.Errorf("recipient's last line %v in from the top: below the window", top(r))
			}
		}
	}
	for i, p := range pages {
		for _, r := range p.Runs {
			if r.X < margin || top(r) > pageHeight-margin || (i > 0 && top(r) < margin && !strings.HasPrefix(r.Text, "Claim number") && !strings.HasPrefix(r.Text, "page ")) {
				t.Errorf("page %d: %q at %v, %v is outside the margins", i+1, r.Text, r.X, top(r))
			}
		}
	}
}

func TestUnprintableWritesNothing(t *testing.T) {
	text := "Wang Wei 王伟\n\nDecember 1, 2026\n\nCigna\n\nDear Reviewer 🙂:\n"
	l, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = Write(&b, l, created)
	var ue *UnprintableError
	if !errors.As(err, &ue) {
		t.Fatalf("Write = %v, want an UnprintableError", err)
	}
	if got := string(ue.Chars); got != "王伟🙂" {
		t.Errorf("unprintable = %q, want 王伟🙂", got)
	}
	if !strings.Contains(err.Error(), "王 (U+738B)") || !strings.Contains(err.Error(), ".txt") {
		t.Errorf("message %q does not name the character and what to do", err)
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written", b.Len())
	}
}

// TestPdftotext reads the PDF with poppler's pdftotext, where it is
// installed: the words of the text letter, each page's its own.
func TestPdftotext(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	text, err := os.ReadFile("testdata/unicode.txt")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, render(t, string(text), "E2026110100042"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(strings.ReplaceAll(string(out), "•", "-"))
	got = slices.DeleteFunc(got, func(w string) bool { return w == "\f" })
	want := strings.Fields(string(text))
	// pdftotext reads by position, the date beside the sender's name, and
	// adds the line at the top of each later page: compare as sets.
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, w := range got {
		count[w]--
	}
	for w, n := range count {
		if n > 0 {
			t.Errorf("pdftotext does not find %q (%d times)", w, n)
		}
	}
	if !strings.Contains(string(out), "Nguyễn Thị Hồng") || !strings.Contains(string(out), "page 2 of") {
		t.Errorf("pdftotext output lacks the name or the page number:\n%s", out)
	}
}

// wordDiff shows where two lists of words first differ.
func wordDiff(got, want []string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-5, 0)
	return fmt.Sprintf("at word %d:\n got  %q\n want %q", i, got[from:min(i+5, len(got))], want[from:min(i+5, len(want))])
}
