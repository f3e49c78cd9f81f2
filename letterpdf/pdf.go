// Package letterpdf lays out a letter as a print-ready PDF: US Letter,
// 1-inch margins, the sender's and recipient's addresses placed for a
// window envelope, headings, lists and the enclosures set out as in a
// typed letter, and from the second page on a line at the top with the
// claim number and "page N of M". The text is set in DejaVu Serif, which
// is embedded (only the characters used), so that names such as Nguyễn or
// Ruiz-Peña print as written on any computer.
//
// A PDF carries exactly the words of the text letter it is made from:
// Parse reads a text letter back into a Letter, and Write sets it.
package letterpdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/overturn/overturn/letter"
	"golang.org/x/image/font/sfnt"
)

// DejaVu Serif 2.37, under the Bitstream Vera licence (fonts/LICENSE).
var (
	//go:embed fonts/DejaVuSerif.ttf
	regularTTF []byte
	//go:embed fonts/DejaVuSerif-Bold.ttf
	boldTTF []byte
)

// The page, in points (1/72 inch).
const (
	pageWidth  = 612.0 // 8.5 inches
	pageHeight = 792.0 // 11 inches
	margin     = 72.0
	textRight  = pageWidth - margin
	textBottom = pageHeight - margin
	bodyWidth  = textRight - margin

	// The recipient's address shows through the window of a #10 envelope
	// when the page is folded in three: its first line 2 1/8 inches from
	// the top, at the left margin, at most 3 3/4 inches wide.
	windowTop   = 153.0
	windowWidth = 270.0
	// The body starts below the window, above the first fold.
	bodyTop = 234.0

	bodySize    = 10.5
	bodyLeading = 14.0
	addrSize    = 10.5
	addrLeading = 13.0
	headSize    = 8.5
	paraGap     = 9.0
	signSpace   = 28.0 // room to sign above the signature line
	listHang    = 16.0 // from a list marker to its text
)

type face int

const (
	regular face = iota
	bold
)

var family = [...]string{regular: "", bold: "B"}

// UnprintableError reports characters that the PDF's font has no glyph
// for: the PDF would not show them, so none is written.
type UnprintableError struct {
	Chars []rune
}

func (e *UnprintableError) Error() string {
	var b strings.Builder
	for i, r := range e.Chars {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 8 {
			fmt.Fprintf(&b, "and %d more", len(e.Chars)-i)
			break
		}
		fmt.Fprintf(&b, "%c (U+%04X)", r, r)
	}
	return "the PDF's font cannot print " + b.String() + "; write the letter as text (.txt) instead, which keeps every character"
}

// Write lays out l and writes it as a PDF to w, dated created. It writes
// nothing when a character of l cannot be printed (*UnprintableError).
func Write(w io.Writer, l Letter, created time.Time) error {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pageWidth, Ht: pageHeight}})
	doc.AddUTF8FontFromBytes("serif", family[regular], regularTTF)
	doc.AddUTF8FontFromBytes("serif", family[bold], boldTTF)
	if err := doc.Error(); err != nil {
		return fmt.Errorf("the PDF's font: %w", err)
	}
	lay := &layout{doc: doc, missing: map[rune]bool{}}
	for i, ttf := range [][]byte{regularTTF, boldTTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return fmt.Errorf("the PDF's font: %w", err)
		}
		lay.fonts[i] = f
	}
	lay.letter(l)
	if len(lay.missing) > 0 {
		e := &UnprintableError{}
		for _, r := range l.allText() {
			if lay.missing[r] {
				e.Chars = append(e.Chars, r)
				delete(lay.missing, r)
			}
		}
		return e
	}

	doc.SetAutoPageBreak(false, 0)
	doc.SetMargins(margin, margin, margin)
	doc.SetTitle(l.Title, true)
	doc.SetCreator("Overturn", true)
	doc.SetProducer("Overturn", true)
	doc.SetLang("en-US")
	doc.SetCreationDate(created)
	doc.SetModificationDate(created)
	doc.SetCatalogSort(true)
	for n, p := range lay.pages {
		doc.AddPage()
		if n > 0 {
			lay.pageHead(n+1, len(lay.pages), l)
		}
		for _, r := range p {
			doc.SetFont("serif", family[r.face], r.size)
			doc.Text(r.x, r.y, r.text)
		}
	}
	return doc.Output(w)
}

// Render lays out a text letter (see Parse) as a PDF: its title, the
// claim number for the top of its later pages, and the date it is made.
func Render(text, title, claim string, created time.Time) ([]byte, error) {
	l, err := Parse(text)
	if err != nil {
		return nil, err
	}
	l.Title, l.Claim = title, claim
	var b bytes.Buffer
	if err := Write(&b, l, created); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// allText is every character of l, in order.
func (l Letter) allText() string {
	return strings.Join(l.Sender, "\n") + l.Date + strings.Join(l.Recipient, "\n") + l.Body + l.Claim
}

// run is text set on a page: x at its left, y at its baseline.
type run struct {
	x, y float64
	face face
	size float64
	text string
}

// row is one line of a block: its runs, with y relative to the row's top.
type row struct {
	runs   []run
	height float64
}

// block is a paragraph, a list or another group of lines that a blank
// line ends in the text letter.
type block struct {
	rows     []row
	before   float64 // extra space above it
	keep     bool    // never split across pages
	withNext bool    // on the same page as the start of the next block
}

type layout struct {
	doc     *fpdf.Fpdf
	fonts   [2]*sfnt.Font
	buf     sfnt.Buffer
	missing map[rune]bool
	pages   [][]run
	y       float64 // the top of the next row on the last page
}

func (lay *layout) width(f face, size float64, s string) float64 {
	lay.doc.SetFont("serif", family[f], size)
	return lay.doc.GetStringWidth(s)
}

// check notes each character of s that font f has no glyph for. A space
// or other blank needs none.
func (lay *layout) check(f face, s string) {
	for _, r := range s {
		if r == ' ' || lay.missing[r] {
			continue
		}
		// The PDF maps characters to glyphs in 16 bits.
		if r > 0xffff {
			lay.missing[r] = true
			continue
		}
		if g, err := lay.fonts[f].GlyphIndex(&lay.buf, r); err != nil || g == 0 {
			lay.missing[r] = true
		}
	}
}

// text makes a run, checking that the font can print it.
func (lay *layout) text(x, y float64, f face, size float64, s string) run {
	lay.check(f, s)
	return run{x: x, y: y, face: f, size: size, text: s}
}

// wrap breaks s into lines at most width wide, at spaces; a word wider
// than a line is broken between characters. Runs of spaces are kept.
func (lay *layout) wrap(f face, size float64, s string, width float64) []string {
	var lines []string
	cur := ""
	for _, w := range glue(strings.Split(s, " ")) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur == "" || lay.width(f, size, try) <= width {
			cur = try
		} else {
			lines = append(lines, cur)
			cur = w
		}
		for lay.width(f, size, cur) > width && utf8.RuneCountInString(cur) > 1 {
			cut := len(cur)
			for cut > 0 && lay.width(f, size, cur[:cut]) > width {
				_, n := utf8.DecodeLastRuneInString(cur[:cut])
				cut -= n
			}
			if cut == 0 {
				_, cut = utf8.DecodeRuneInString(cur)
			}
			lines = append(lines, cur[:cut])
			cur = cur[cut:]
		}
	}
	return append(lines, cur)
}

// glue joins the words that the text letter keeps on one line (see
// firstUnit), so that a line does not break between them either.
func glue(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if n := len(out); n > 0 && w != "" && out[n-1] != "" && letter.KeptTogether(out[n-1], w) {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// letter lays out the whole letter into pages.
func (lay *layout) letter(l Letter) {
	lay.pages = [][]run{nil}
	p := &lay.pages[0]
	lay.check(regular, l.Claim)

	// The sender's address at the top left, the date at the top right.
	dateW := lay.width(regular, addrSize, l.Date)
	y := margin
	for i, s := range l.Sender {
		f := regular
		if i == 0 {
			f = bold
		}
		for _, part := range lay.wrap(f, addrSize, s, bodyWidth-dateW-18) {
			*p = append(*p, lay.text(margin, y+addrSize, f, addrSize, part))
			y += addrLeading
		}
	}

	*p = append(*p, lay.text(textRight-dateW, margin+addrSize, regular, addrSize, l.Date))

	// The recipient's address in the envelope's window.
	y = max(windowTop, y+addrLeading)
	for _, s := range l.Recipient {
		for _, part := range lay.wrap(regular, addrSize, s, windowWidth) {
			*p = append(*p, lay.text(margin, y+addrSize, regular, addrSize, part))
			y += addrLeading
		}
	}
	lay.y = max(bodyTop, y+2*paraGap)

	blocks := lay.body(l.Body)
	for i, b := range blocks {
		lay.place(b, blocks[i+1:])
	}
}

// place sets block b on the page, or on a new one: a block to keep whole
// that does not fit starts a new page, and so does a block of which not
// even two lines fit, or a heading whose next block would start a page.
func (lay *layout) place(b block, next []block) {
	gap := paraGap + b.before
	need := b.height()
	if !b.keep {
		need = b.heightOf(2)
	}
	if b.withNext && len(next) > 0 {
		need = b.height() + paraGap + next[0].before + next[0].heightOf(2)
	}
	if lay.y+gap+need > textBottom && lay.y > margin {
		lay.newPage()
	} else {
		lay.y += gap
	}
	for _, r := range b.rows {
		if lay.y+r.height > textBottom && lay.y > margin {
			lay.newPage()
		}
		p := &lay.pages[len(lay.pages)-1]
		for _, run := range r.runs {
			run.y += lay.y
			*p = append(*p, run)
		}
		lay.y += r.height
	}
}

func (lay *layout) newPage() {
	lay.pages = append(lay.pages, nil)
	lay.y = margin
}

func (b block) height() float64 { return b.heightOf(len(b.rows)) }

func (b block) heightOf(n int) float64 {
	h := 0.0
	for _, r := range b.rows[:min(n, len(b.rows))] {
		h += r.height
	}
	return h
}

// pageHead writes, at the top of page n of total (not the first), the
// claim number and the page number.
func (lay *layout) pageHead(n, total int, l Letter) {
	doc := lay.doc
	doc.SetFont("serif", family[regular], headSize)
	doc.SetTextColor(90, 90, 90)
	left := l.Title
	if l.Claim != "" {
		left = "Claim number " + l.Claim
	}
	right := fmt.Sprintf("page %d of %d", n, total)
	y := margin / 2
	doc.Text(margin, y, left)
	doc.Text(textRight-doc.GetStringWidth(right), y, right)
	doc.SetDrawColor(170, 170, 170)
	doc.SetLineWidth(0.5)
	doc.Line(margin, y+5, textRight, y+5)
	doc.SetTextColor(0, 0, 0)
}

// body lays out the body's paragraphs: the first one (the subject and the
// reference lines) with its subject in bold; a short line standing alone
// as a heading, in bold; lists with their markers hanging; the signature
// with room to sign above it.
func (lay *layout) body(text string) []block {
	var blocks []block
	for i, para := range strings.Split(text, "\n\n") {
		var lines []line
		for ln := range strings.SplitSeq(para, "\n") {
			lead := len(ln) - len(strings.TrimLeft(ln, " "))
			lines = append(lines, line{indent: lead, text: ln[lead:]})
		}
		b := block{}
		switch {
		case i == 0:
			b.keep = true
		case len(lines) == 1 && isHeading(lines[0].text):
			b.withNext = true
		case strings.HasPrefix(lines[0].text, "___"):
			b.before, b.keep = signSpace, true
		case len(lines) <= 3:
			b.keep = true
		}
		lay.lines(&b, lines, i == 0)
		blocks = append(blocks, b)
	}
	return blocks
}

// placed is a line as laid out: where its text starts.
type placed struct {
	line
	x, textX float64
	face     face
}

// lines lays out the lines of one block into b's rows.
func (lay *layout) lines(b *block, lines []line, subject bool) {
	var done []placed
	inRefs := false
	for _, ln := range lines {
		f := regular
		switch {
		case subject:
			inRefs = inRefs || isReference(ln.text)
			if !inRefs || isUpper(ln.text) {
				f = bold
			}
		case len(lines) == 1 && isHeading(ln.text), ln.text == "Enclosures:":
			f = bold
		}
		x := margin + lay.indentX(ln, done)
		pl := placed{line: ln, x: x, textX: x, face: f}
		mk := letter.ListMarker(ln.text)
		text := ln.text
		if mk != "" {
			shown := strings.TrimSpace(mk)
			if shown == "-" || shown == "*" {
				shown = "•"
			}
			pl.textX = x + max(listHang, lay.width(f, bodySize, shown+" "))
			b.rows = append(b.rows, row{runs: []run{lay.text(x, bodySize, f, bodySize, shown)}})
			text = text[len(mk):]
		}
		for i, part := range lay.wrap(f, bodySize, text, textRight-pl.textX) {
			r := lay.text(pl.textX, bodySize, f, bodySize, part)
			if i == 0 && mk != "" {
				last := &b.rows[len(b.rows)-1]
				last.runs = append(last.runs, r)
				last.height = bodyLeading
				continue
			}
			b.rows = append(b.rows, row{runs: []run{r}, height: bodyLeading})
		}
		done = append(done, pl)
	}
}

// indentX is where a line indented with spaces starts, from the left
// margin: under the text of the line above it that it is indented to
// (a list item's text, the names after "cc: "), else a space's width for
// each space.
func (lay *layout) indentX(ln line, done []placed) float64 {
	if ln.indent == 0 {
		return 0
	}
	for i := len(done) - 1; i >= 0; i-- {
		above := done[i]
		if above.indent >= ln.indent {
			continue
		}
		cols := ln.indent - above.indent
		if mk := letter.ListMarker(above.text); mk != "" && cols == len(mk) {
			return above.textX - margin
		}
		if cols <= len(above.text) && utf8.ValidString(above.text[:cols]) {
			return above.x - margin + lay.width(above.face, bodySize, above.text[:cols])
		}
		break
	}
	return float64(ln.indent) * lay.width(regular, bodySize, " ")
}

// isHeading reports a short line that names what follows it rather than
// saying something: "Representative authorization".
func isHeading(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return len(strings.Fields(s)) <= 6 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') && !strings.HasPrefix(s, "_")
}

// isReference reports a reference line of the subject block: "Claim
// number: E2026".
func isReference(s string) bool {
	label, _, ok := strings.Cut(s, ": ")
	return ok && len(label) <= 40 && !isUpper(s)
}

func isUpper(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }
