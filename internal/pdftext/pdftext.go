// Package pdftext reads back the text of the PDFs that Overturn writes,
// for tests: it parses the file with rsc.io/pdf, an independent reader,
// and decodes the text shown with the PDF's own font maps. Only tests
// import it, so that the overturn binary never links it.
package pdftext

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"rsc.io/pdf"
)

// Run is one piece of text set at one place on a page.
type Run struct {
	X, Y float64 // from the page's bottom left, in points
	Text string
}

// Page is the text of a page: its runs in the order the page sets them,
// and its lines from top to bottom.
type Page struct {
	Runs  []Run
	Lines []Run // the runs of each baseline, left to right, joined by a space
}

// Read returns the text of every page of the PDF in data.
func Read(data []byte) (pages []Page, err error) {
	// rsc.io/pdf panics on a file it cannot parse.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("not a readable PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	for i := 1; i <= r.NumPage(); i++ {
		p, err := readPage(r.Page(i))
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// readPage interprets the page's content: each text-showing operation
// is a run, at the place the text matrix puts it, its codes decoded with
// the font's ToUnicode map. Overturn's fonts use the Identity-H encoding:
// 2-byte codes.
func readPage(p pdf.Page) (Page, error) {
	var page Page
	fonts := map[string]*cmap{}
	var font *cmap
	var x, y float64
	var err error
	show := func(s string) {
		if font == nil || len(s)%2 != 0 {
			err = errors.New("text without a font with 2-byte codes")
			return
		}
		var b strings.Builder
		for i := 0; i < len(s); i += 2 {
			code := uint16(s[i])<<8 | uint16(s[i+1])
			t, ok := font.lookup(code)
			if !ok {
				err = fmt.Errorf("code %04X has no text in the font's ToUnicode map", code)
				return
			}
			b.WriteString(t)
		}
		page.Runs = append(page.Runs, Run{X: x, Y: y, Text: b.String()})
	}
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT":
			x, y = 0, 0
		case "Td", "TD":
			x += args[0].Float64()
			y += args[1].Float64()
		case "Tm":
			x, y = args[4].Float64(), args[5].Float64()
		case "Tf":
			name := args[0].Name()
			if _, ok := fonts[name]; !ok {
				fonts[name] = toUnicode(p.Resources().Key("Font").Key(name))
			}
			font = fonts[name]
		case "Tj":
			show(args[0].RawString())
		case "TJ":
			for i := 0; i < args[0].Len(); i++ {
				if v := args[0].Index(i); v.Kind() == pdf.String {
					show(v.RawString())
				}
			}
		case "'", "\"":
			err = fmt.Errorf("unexpected operator %s", op)
		}
	})
	if err != nil {
		return page, err
	}
	byPlace := slices.Clone(page.Runs)
	slices.SortStableFunc(byPlace, func(a, b Run) int { return cmp.Or(cmp.Compare(b.Y, a.Y), cmp.Compare(a.X, b.X)) })
	for i, r := range byPlace {
		if i > 0 && r.Y == byPlace[i-1].Y {
			page.Lines[len(page.Lines)-1].Text += " " + r.Text
			continue
		}
		page.Lines = append(page.Lines, r)
	}
	return page, nil
}

var (
	bfrange = regexp.MustCompile(`<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>`)
	bfchar  = regexp.MustCompile(`<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>`)
)

// cmap is a font's ToUnicode map: from 2-byte codes to text.
type cmap struct {
	ranges []cmapRange
	chars  map[uint16]string
}

type cmapRange struct {
	lo, hi uint16
	dst    []uint16 // the text of lo, as UTF-16; its last unit counts up
}

func (m *cmap) lookup(code uint16) (string, bool) {
	if t, ok := m.chars[code]; ok {
		return t, true
	}
	for _, r := range m.ranges {
		if r.lo <= code && code <= r.hi && len(r.dst) > 0 {
			u := slices.Clone(r.dst)
			u[len(u)-1] += code - r.lo
			return string(utf16.Decode(u)), true
		}
	}
	return "", false
}

// toUnicode reads the ToUnicode map of a font with 2-byte codes: its
// bfrange and bfchar sections.
func toUnicode(font pdf.Value) *cmap {
	if font.Key("Encoding").Name() != "Identity-H" {
		return nil
	}
	rd := font.Key("ToUnicode").Reader()
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil
	}
	hex16 := func(s string) uint16 { n, _ := strconv.ParseUint(s, 16, 16); return uint16(n) }
	units := func(s string) []uint16 {
		var u []uint16
		for i := 0; i+4 <= len(s); i += 4 {
			u = append(u, hex16(s[i:i+4]))
		}
		return u
	}
	m := &cmap{chars: map[uint16]string{}}
	text := string(data)
	for sec := range sections(text, "beginbfrange", "endbfrange") {
		for _, g := range bfrange.FindAllStringSubmatch(sec, -1) {
			m.ranges = append(m.ranges, cmapRange{hex16(g[1]), hex16(g[2]), units(g[3])})
		}
	}
	for sec := range sections(text, "beginbfchar", "endbfchar") {
		for _, g := range bfchar.FindAllStringSubmatch(sec, -1) {
			m.chars[hex16(g[1])] = string(utf16.Decode(units(g[2])))
		}
	}
	return m
}

// sections yields the text between each begin and the end after it.
func sections(text, begin, end string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for {
			_, rest, ok := strings.Cut(text, begin)
			if !ok {
				return
			}
			sec, after, _ := strings.Cut(rest, end)
			if !yield(sec) {
				return
			}
			text = after
		}
	}
}

// Words returns the words of the runs, in order.
func Words(runs []Run) []string {
	var words []string
	for _, r := range runs {
		words = append(words, strings.Fields(r.Text)...)
	}
	return words
}
