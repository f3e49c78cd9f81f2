package casefile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/overturn/overturn/internal/suggest"
	"github.com/overturn/overturn/workflow"
)

// The case file is read strictly: every key must be one the format
// defines, every value must have the right type and be one of the allowed
// values, and nothing may exceed these limits (docs/case-file.md). They
// keep a hostile or broken file from using up memory.
const (
	// MaxSize is the largest case file read, in bytes.
	MaxSize = 10 << 20
	// MaxListItems is the most items one list may hold.
	MaxListItems = workflow.MaxListItems
	// MaxTextBytes is the longest text value, in bytes.
	MaxTextBytes = 100_000
	// maxValues bounds the JSON values (objects, lists, texts, numbers...)
	// of one file.
	maxValues = 200_000
	// maxObjectKeys bounds the keys of one object: the largest the format
	// defines has 22, denial.notice a dozen.
	maxObjectKeys = 100
	// MaxDepth is the deepest objects and lists may nest: a case file
	// nests four deep (claim.procedures[0].code), and without a bound a
	// file of brackets nested hundreds of thousands deep cost seconds and
	// hundreds of megabytes.
	MaxDepth = 32
	// maxQuoted is the most runes of a value from the file an error
	// message repeats, so that no error line runs to pages.
	maxQuoted = 40
)

// The years a date or time in a case file may have: every deadline
// counted from them then still has a four-digit year.
const (
	MinYear = 1900
	MaxYear = 2199
)

// CheckYear refuses the year of a date or time outside MinYear to MaxYear,
// saying so; the wizard checks a date typed in with it too.
func CheckYear(year int) error {
	if year < MinYear || year > MaxYear {
		return fmt.Errorf("the year %d is not one Overturn takes: write a year from %d to %d", year, MinYear, MaxYear)
	}
	return nil
}

// short is s for an error message: at most maxQuoted runes, cut with an
// ellipsis.
func short(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	i, n := 0, 0
	for i = range s {
		if n == maxQuoted-1 {
			break
		}
		n++
	}
	return s[:i] + "…"
}

// FormatV0 is the format written before the provider became an object:
// it had claim.provider_name and claim.provider_npi. Files in it are
// upgraded when read.
const FormatV0 = "overturn-case/0"

// FormatV1 is the format written before denial.appeals_address and
// physician. Nothing in it changed meaning until format 3.
const FormatV1 = "overturn-case/1"

// FormatV2 is the format written before the plan's funding became a key
// of its own and the insurer's names left the enumerated values. Files in
// it (and in formats 0 and 1) are upgraded when read (upgradeV2).
const FormatV2 = "overturn-case/2"

const formatPrefix = "overturn-case/"

// Error says where a case file is wrong and why. Path is the JSON
// path of the value ("claim.procedures[2].billed"), or "" when the problem
// is with the file as a whole.
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return "case file: " + e.Reason
	}
	return "case file: at " + e.Path + ": " + e.Reason
}

// Parse reads one case file. It rejects unknown keys, wrong types,
// values outside the allowed ones and anything after the case, with a
// *Error naming the path and the reason. Omitted keys, null and ""
// all mean "not known yet". Files in an older format are upgraded; files in
// a newer one are refused. Every text of the case read is sanitized
// (workflow.Case.Sanitize): no terminal escape or control sequence survives.
func Parse(data []byte) (*workflow.Case, error) {
	if len(data) > MaxSize {
		return nil, errTooLarge()
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	d := &Decoder{buf: data, str: string(data)}
	c, err := d.next()
	if err == io.EOF {
		return nil, &Error{Reason: "the file is empty: a case file is a JSON object that starts with {"}
	}
	if err != nil {
		return nil, err
	}
	if rest := bytes.TrimLeft(d.buf[d.pos:], " \t\r\n"); len(rest) > 0 {
		at := d.position(len(d.buf) - len(rest))
		return nil, &Error{Reason: fmt.Sprintf("there is more after the end of the case (%s): a case file holds exactly one case", at)}
	}
	return c, nil
}

// Marshal returns the case file of c: indented with two spaces,
// keys in a fixed order, empty lists written as [], ending in a newline,
// every text sanitized (workflow.Case.Sanitize; c itself is not changed). The same
// case always gives the same bytes, and Parse reads them back to
// an equal case (an empty list reads back as nil, and text as sanitized).
// A case that would not read back (a value outside the allowed ones, a
// list over the limit) is refused with the reason.
func Marshal(c *workflow.Case) ([]byte, error) {
	if c == nil {
		return nil, errors.New("case file: there is no case to write")
	}
	cp := withEmptyLists(reflect.ValueOf(*c)).Interface().(workflow.Case)
	cp.Format = workflow.Format
	if cp.Step == 0 {
		cp.Step = workflow.StepEOB
	}
	cp.Sanitize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cp); err != nil {
		return nil, fmt.Errorf("case file: %w", err)
	}
	if _, err := Parse(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("cannot write this case: %w", err)
	}
	return buf.Bytes(), nil
}

// withEmptyLists returns a deep copy of v (every slice copied) in which
// every nil slice is an empty one, so that lists are written as [] rather
// than null. v itself is not changed.
func withEmptyLists(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if f := out.Field(i); f.CanSet() {
				f.Set(withEmptyLists(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(withEmptyLists(v.Index(i)))
		}
		return out
	}
	return v
}

// Decoder reads case files one after another from a stream, as
// `overturn import` does with several files concatenated on standard input.
type Decoder struct {
	r     io.Reader // nil when buf holds the whole input
	buf   []byte    // the input read, from the start of the case being read
	str   string    // buf as a string, when it holds the whole input
	pos   int       // the next byte of buf to parse
	lines int       // newlines in the input before buf
	col0  int       // bytes between the last of those newlines and buf
	count int
	size  int   // bytes of the last case read, with the white space before it
	err   error // sticky: after a JSON syntax error the stream cannot be resumed
}

// utf8BOM is the byte order mark some Windows editors put at the start of
// a file; it is skipped.
var utf8BOM = []byte("\ufeff")

// NewDecoder returns a decoder reading from r. A byte order mark at
// the start of the stream is skipped.
func NewDecoder(r io.Reader) *Decoder {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	return &Decoder{r: br}
}

// Next returns the next case, or io.EOF when the stream ends cleanly. A
// case that is wrong gives an error naming which case of the stream it
// is (wrapping a *Error); when the JSON itself is broken, the rest
// of the stream cannot be read and every later call returns the same error.
func (d *Decoder) Next() (*workflow.Case, error) {
	c, err := d.next()
	if err == nil || err == io.EOF {
		return c, err
	}
	return nil, fmt.Errorf("case %d of the input: %w", d.count, err)
}

func (d *Decoder) next() (*workflow.Case, error) {
	if d.err != nil {
		return nil, d.err
	}
	d.startCase()
	p := parsers.Get().(*parser)
	defer p.release()
	p.d, p.budget = d, maxValues
	root, err := p.value()
	if err == io.EOF {
		return nil, io.EOF
	}
	d.count++
	if err != nil {
		d.err = err
		return nil, err
	}
	d.size = d.pos
	return decodeCase(&root)
}

// Size returns the number of bytes of the stream the case Next last
// returned took, with the white space before it.
func (d *Decoder) Size() int { return d.size }

// startCase forgets the input before the case about to be read, keeping
// count of its lines so that positions stay those of the whole input.
func (d *Decoder) startCase() {
	drop := d.buf[:d.pos]
	if i := bytes.LastIndexByte(drop, '\n'); i >= 0 {
		d.lines += bytes.Count(drop, []byte{'\n'})
		d.col0 = len(drop) - i - 1
	} else {
		d.col0 += len(drop)
	}
	if d.r != nil {
		d.buf = append(d.buf[:0], d.buf[d.pos:]...)
	} else {
		d.buf, d.str = d.buf[d.pos:], d.str[d.pos:]
	}
	d.pos = 0
}

// more reads more of the stream into buf and reports whether there was
// more. No case may reach past MaxSize bytes from its start.
func (d *Decoder) more() (bool, error) {
	if d.r == nil {
		return false, nil
	}
	for {
		if len(d.buf) >= MaxSize {
			return false, errTooLarge()
		}
		if len(d.buf) == cap(d.buf) {
			d.buf = slices.Grow(d.buf, min(max(2*cap(d.buf), 4096), MaxSize)-len(d.buf))
		}
		n, err := d.r.Read(d.buf[len(d.buf):min(cap(d.buf), MaxSize)])
		d.buf = d.buf[:len(d.buf)+n]
		switch {
		case n > 0:
			return true, nil
		case err == io.EOF:
			return false, nil
		case err == io.ErrUnexpectedEOF:
			return false, errCutShort()
		case err != nil:
			return false, err
		}
	}
}

// slice returns buf[i:j] as a string. When the whole input was turned
// into one string, it is part of that string and costs no allocation.
func (d *Decoder) slice(i, j int) string {
	if d.r == nil {
		return d.str[i:j]
	}
	return string(d.buf[i:j])
}

// position describes the byte at buf[off] as "line L, column C", counting
// from the start of the input.
func (d *Decoder) position(off int) string {
	before := d.buf[:min(max(off, 0), len(d.buf))]
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		return fmt.Sprintf("line %d, column %d", d.lines+bytes.Count(before, []byte{'\n'})+1, len(before)-i)
	}
	return fmt.Sprintf("line %d, column %d", d.lines+1, d.col0+len(before)+1)
}

// syntaxError describes the first JSON syntax error in the case being
// read, in the words of encoding/json.
func (d *Decoder) syntaxError() error {
	var syn *json.SyntaxError
	if err := json.Unmarshal(d.buf, new(json.RawMessage)); errors.As(err, &syn) {
		return &Error{Reason: fmt.Sprintf("this is not valid JSON at %s: %s", d.position(int(syn.Offset)-1), syn.Error())}
	}
	return &Error{Reason: "this is not valid JSON"}
}

func errTooLarge() *Error {
	return &Error{Reason: fmt.Sprintf("the file is larger than %d MB, the most a case file may be", MaxSize>>20)}
}

func errCutShort() *Error {
	return &Error{Reason: "the file ends in the middle of the case: it may have been cut short"}
}

// node is a JSON value read by the parser.
type node struct {
	kind kind
	text string   // of a text, or a number as written
	kids []member // of an object, in file order; of a list, without keys
}

// kind is the type of a JSON value.
type kind uint8

const (
	kindNull kind = iota
	kindFalse
	kindTrue
	kindNumber
	kindText
	kindList
	kindObject
)

// member is a key of an object with its value, or an item of a list.
type member struct {
	key string
	val node
}

// get returns the value of key in object n, or nil when n has no such key.
func (n *node) get(key string) *node {
	for i := range n.kids {
		if n.kids[i].key == key {
			return &n.kids[i].val
		}
	}
	return nil
}

// parser reads one JSON value from the decoder's input into a tree of
// nodes, enforcing the limits as it goes. It accepts exactly what
// encoding/json accepts, and lets encoding/json describe a syntax error.
// It reads no further into a stream than encoding/json's Decoder.Token
// would: one byte past a text, number, true, false or null, none past a }
// or ].
type parser struct {
	d      *Decoder
	budget int
	depth  int
	path   pathStack
	// open holds the members and items of the objects and lists being
	// read, whose ends are not known yet; closed ones move to slab, which
	// holds them all with few allocations.
	open []member
	slab []member
}

// parsers keeps parsers to use again, with the memory of the trees they
// built: a tree is only needed until its case is decoded.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// maxKept is the most members a parser's open or slab may have room for
// for it to be kept: a case file has a few hundred values, a hostile one
// up to maxValues.
const maxKept = 4096

// release puts p back in parsers, once the tree it built is no longer
// needed.
func (p *parser) release() {
	if cap(p.slab) > maxKept || cap(p.open) > maxKept {
		return
	}
	*p = parser{path: p.path[:0], open: p.open[:0], slab: p.slab[:0]}
	parsers.Put(p)
}

// at reports whether buf[i] is there, reading more of the stream if need
// be.
func (p *parser) at(i int) (bool, error) {
	for i >= len(p.d.buf) {
		more, err := p.d.more()
		if err != nil || !more {
			return false, err
		}
	}
	return true, nil
}

// need is at for a byte a value cannot end without.
func (p *parser) need(i int) error {
	ok, err := p.at(i)
	if err == nil && !ok {
		return errCutShort()
	}
	return err
}

// peek skips white space and returns the next byte. At the end of the
// input it returns io.EOF before the first value and errCutShort within
// one.
func (p *parser) peek() (byte, error) {
	d := p.d
	for {
		for ; d.pos < len(d.buf); d.pos++ {
			if c := d.buf[d.pos]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return c, nil
			}
		}
		more, err := d.more()
		switch {
		case err != nil:
			return 0, err
		case !more && p.depth == 0:
			return 0, io.EOF
		case !more:
			return 0, errCutShort()
		}
	}
}

// value reads the next value.
func (p *parser) value() (node, error) {
	c, err := p.peek()
	if err != nil {
		return node{}, err
	}
	var n node
	switch c {
	case '{', '[':
		if p.depth == MaxDepth {
			return node{}, p.fail(fmt.Sprintf("the objects and lists here nest more than %d deep, far deeper than a case file does", MaxDepth))
		}
		p.d.pos++
		if err := p.count(); err != nil {
			return node{}, err
		}
		p.depth++
		if c == '[' {
			n, err = p.list()
		} else {
			n, err = p.object()
		}
		p.depth--
		return n, err
	case '"':
		s, err := p.text()
		if err != nil {
			return node{}, err
		}
		if err := p.count(); err != nil {
			return node{}, err
		}
		if len(s) > MaxTextBytes {
			return node{}, p.fail(fmt.Sprintf("the text is %d bytes long; the most allowed is %d", len(s), MaxTextBytes))
		}
		return node{kind: kindText, text: s}, nil
	case 't':
		n, err = p.literal("true", kindTrue)
	case 'f':
		n, err = p.literal("false", kindFalse)
	case 'n':
		n, err = p.literal("null", kindNull)
	default:
		n, err = p.number()
	}
	if err != nil {
		return node{}, err
	}
	return n, p.count()
}

// count counts one more value against the budget.
func (p *parser) count() error {
	if p.budget--; p.budget < 0 {
		return &Error{Reason: fmt.Sprintf("the file holds more than %d values, far more than a case has", maxValues)}
	}
	return nil
}

func (p *parser) fail(reason string) error {
	return &Error{Path: p.path.String(), Reason: reason}
}

func (p *parser) list() (node, error) {
	d := p.d
	mark := len(p.open)
	for n := 0; ; n++ {
		c, err := p.peek()
		if err != nil {
			return node{}, err
		}
		if c == ']' || c == '}' {
			break
		}
		if n == MaxListItems {
			return node{}, p.fail(fmt.Sprintf("the list has more than %d items, the most allowed", MaxListItems))
		}
		if (c == ',') != (n > 0) { // a comma before each item but the first
			return node{}, d.syntaxError()
		}
		if c == ',' {
			d.pos++
		}
		p.path.push(pathElem{index: n})
		v, err := p.value()
		if err != nil {
			return node{}, err
		}
		p.path.pop()
		p.open = append(p.open, member{val: v})
	}
	if d.buf[d.pos] != ']' {
		return node{}, d.syntaxError()
	}
	d.pos++
	return p.close(kindList, mark), nil
}

func (p *parser) object() (node, error) {
	d := p.d
	mark := len(p.open)
	for n := 0; ; n++ {
		c, err := p.peek()
		if err != nil {
			return node{}, err
		}
		if c == ']' || c == '}' {
			break
		}
		if (c == ',') != (n > 0) { // a comma before each member but the first
			return node{}, d.syntaxError()
		}
		if c == ',' {
			d.pos++
			if c, err = p.peek(); err != nil {
				return node{}, err
			}
		}
		if c != '"' {
			return node{}, d.syntaxError()
		}
		key, err := p.text()
		if err != nil {
			return node{}, err
		}
		if len(key) > 200 {
			return node{}, p.fail("a key is longer than 200 bytes: no case-file key is")
		}
		p.path.push(pathElem{key: key, index: -1})
		if o := (node{kids: p.open[mark:]}); o.get(key) != nil {
			return node{}, p.fail(fmt.Sprintf("the key %q appears twice: keep one", short(key)))
		}
		if n == maxObjectKeys {
			p.path.pop()
			return node{}, p.fail(fmt.Sprintf("the object has more than %d keys, far more than the format defines", maxObjectKeys))
		}
		if c, err = p.peek(); err != nil {
			return node{}, err
		}
		if c != ':' {
			return node{}, d.syntaxError()
		}
		d.pos++
		v, err := p.value()
		if err != nil {
			return node{}, err
		}
		p.path.pop()
		p.open = append(p.open, member{key, v})
	}
	if d.buf[d.pos] != '}' {
		return node{}, d.syntaxError()
	}
	d.pos++
	return p.close(kindObject, mark), nil
}

// close returns the list or object whose items or members are those of
// open from mark on, moving them to slab.
func (p *parser) close(k kind, mark int) node {
	kids := p.open[mark:]
	if cap(p.slab)-len(p.slab) < len(kids) {
		p.slab = make([]member, 0, max(len(kids), 2*cap(p.slab), 64))
	}
	start := len(p.slab)
	p.slab = append(p.slab, kids...)
	p.open = p.open[:mark]
	return node{kind: k, kids: p.slab[start:len(p.slab):len(p.slab)]}
}

// text reads the string starting at the " at buf[pos].
func (p *parser) text() (string, error) {
	d := p.d
	start := d.pos
	escaped, unicode, ascii := false, false, true // \ escapes, \u ones, bytes
	i := start + 1
	for {
		for ; i < len(d.buf); i++ {
			c := d.buf[i]
			if c == '"' || c == '\\' || c < ' ' {
				break
			}
			if c >= utf8.RuneSelf {
				ascii = false
			}
		}
		// Each byte of a text takes at most six in the file (\u0041): a
		// text written longer cannot fit the limit, and is refused before
		// the rest of it is read.
		if i-start-1 > 6*MaxTextBytes {
			return "", p.fail(fmt.Sprintf("the text is more than %d bytes long; the most allowed is %d", 6*MaxTextBytes, MaxTextBytes))
		}
		if err := p.need(i); err != nil {
			return "", err
		}
		switch c := d.buf[i]; {
		case c == '"':
			d.pos = i + 1
			if _, err := p.at(d.pos); err != nil {
				return "", err
			}
			return p.unquote(start, d.pos, escaped, unicode, ascii)
		case c == '\\':
			escaped = true
			if err := p.need(i + 1); err != nil {
				return "", err
			}
			switch d.buf[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				unicode = true
				for j := i + 2; j < i+6; j++ {
					if err := p.need(j); err != nil {
						return "", err
					}
					if !isHex(d.buf[j]) {
						return "", d.syntaxError()
					}
				}
				i += 6
			default:
				return "", d.syntaxError()
			}
		case c < ' ':
			return "", d.syntaxError()
		}
	}
}

// unquote returns the text of the valid JSON string in buf[start:end],
// quotes included. Without escapes and in valid UTF-8 it is the bytes
// between the quotes. Otherwise encoding/json decodes it (replacing
// invalid UTF-8 and lone surrogates as it does), unless the only escapes
// are of one character each.
func (p *parser) unquote(start, end int, escaped, unicode, ascii bool) (string, error) {
	d := p.d
	raw := d.buf[start+1 : end-1]
	valid := ascii || utf8.Valid(raw)
	switch {
	case !escaped && valid:
		return d.slice(start+1, end-1), nil
	case !unicode && valid:
		return unescape(raw), nil
	}
	var s string
	if err := json.Unmarshal(d.buf[start:end], &s); err != nil {
		return "", d.syntaxError()
	}
	return s, nil
}

// unescape decodes the escapes of raw, none of them \u ones.
func unescape(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\\' {
			i++
			switch c = raw[i]; c { // \", \\ and \/ stand for the character
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// literal reads true, false or null, which is word, of kind k.
func (p *parser) literal(word string, k kind) (node, error) {
	d := p.d
	for i := range len(word) {
		if err := p.need(d.pos + i); err != nil {
			return node{}, err
		}
		if d.buf[d.pos+i] != word[i] {
			return node{}, d.syntaxError()
		}
	}
	d.pos += len(word)
	if _, err := p.at(d.pos); err != nil {
		return node{}, err
	}
	return node{kind: k}, nil
}

// number reads the number starting at buf[pos]. Any other value starting
// there is a syntax error.
func (p *parser) number() (node, error) {
	d := p.d
	start, i := d.pos, d.pos
	if d.buf[i] == '-' {
		i++
		if err := p.need(i); err != nil {
			return node{}, err
		}
	}
	var err error
	switch c := d.buf[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		if i, err = p.digits(i + 1); err != nil {
			return node{}, err
		}
	default:
		return node{}, d.syntaxError()
	}
	for _, part := range [...]string{".", "eE"} {
		ok, err := p.at(i)
		if err != nil {
			return node{}, err
		}
		if !ok || strings.IndexByte(part, d.buf[i]) < 0 {
			continue
		}
		i++
		if err := p.need(i); err != nil {
			return node{}, err
		}
		if c := d.buf[i]; part != "." && (c == '+' || c == '-') {
			i++
			if err := p.need(i); err != nil {
				return node{}, err
			}
		}
		if c := d.buf[i]; c < '0' || c > '9' {
			return node{}, d.syntaxError()
		}
		if i, err = p.digits(i + 1); err != nil {
			return node{}, err
		}
	}
	d.pos = i
	return node{kind: kindNumber, text: d.slice(start, i)}, nil
}

// digits returns the index of the first byte from buf[i] on that is not a
// digit, or of the end of the input.
func (p *parser) digits(i int) (int, error) {
	for {
		ok, err := p.at(i)
		if err != nil || !ok {
			return i, err
		}
		if c := p.d.buf[i]; c < '0' || c > '9' {
			return i, nil
		}
		i++
	}
}

// pathStack is the JSON path of the value being read, made into text
// ("claim.procedures[2].billed") only for an error message.
type pathStack []pathElem

// pathElem is an object key, or a list index when index is not -1.
type pathElem struct {
	key   string
	index int
}

// String is the path for an error message, built in one pass: a key from
// the file is cut to maxPathKey runes, and a path deeper than any in the
// format (a hostile file's) shows only its first and last levels, so that
// the message stays a line.
func (s pathStack) String() string {
	if len(s) > maxPathLevels {
		return s[:maxPathLevels-2].write(true) + "…" + s[len(s)-2:].write(true)
	}
	return s.write(true)
}

// The most levels and the longest keys a path in an error message shows.
const (
	maxPathLevels = 6
	maxPathKey    = 24
)

// pattern is the path with every list index left out:
// "claim.procedures[].units".
func (s pathStack) pattern() string { return s.write(false) }

func (s pathStack) write(indexes bool) string {
	var b strings.Builder
	for _, e := range s {
		switch {
		case e.index >= 0 && indexes:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.index))
			b.WriteByte(']')
		case e.index >= 0:
			b.WriteString("[]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			if utf8.RuneCountInString(e.key) > maxPathKey {
				b.WriteString(string([]rune(e.key)[:maxPathKey-1]) + "…")
			} else {
				b.WriteString(e.key)
			}
		}
	}
	return b.String()
}

func (s *pathStack) push(e pathElem) { *s = append(*s, e) }
func (s *pathStack) pop()            { *s = (*s)[:len(*s)-1] }

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// decodeCase checks the format, upgrades older formats and decodes the
// tree strictly into a workflow.Case.
func decodeCase(root *node) (*workflow.Case, error) {
	if root.kind != kindObject {
		return nil, &Error{Reason: fmt.Sprintf("a case file is a JSON object that starts with {, but this is %s", describe(root))}
	}
	format := root.get("format")
	switch {
	case format == nil || format.kind == kindNull || format.kind == kindText && format.text == "":
		return nil, &Error{Path: "format", Reason: fmt.Sprintf("missing: a case file must say which format it is in, with \"format\": %q", workflow.Format)}
	case format.kind != kindText:
		return nil, &Error{Path: "format", Reason: fmt.Sprintf("expected text like %q, found %s", workflow.Format, describe(format))}
	}
	switch f := format.text; {
	case f == workflow.Format:
	case f == FormatV0, f == FormatV1, f == FormatV2:
		if f == FormatV0 {
			if err := upgradeV0(root); err != nil {
				return nil, err
			}
		}
		if err := upgradeV2(root); err != nil {
			return nil, err
		}
	case newerFormat(f):
		return nil, &Error{Path: "format", Reason: fmt.Sprintf("this file is in format %s, written by a newer version of Overturn; this version reads %s and older: update Overturn to open it", short(f), workflow.Format)}
	default:
		return nil, &Error{Path: "format", Reason: fmt.Sprintf("%q is not a case-file format this program knows: expected %q", short(f), workflow.Format)}
	}
	var c workflow.Case
	t := &treeDecoder{path: make(pathStack, 0, 8)} // deeper than a case file nests
	if err := t.value(reflect.ValueOf(&c).Elem(), root); err != nil {
		return nil, err
	}
	c.Format = workflow.Format
	if c.Step == 0 {
		c.Step = workflow.StepEOB
	}
	applyDefaults(reflect.ValueOf(&c).Elem())
	c.Sanitize()
	return &c, nil
}

// applyDefaults gives every enumerated value left unknown the value that
// "not known yet" means for its type (enumDefaults).
func applyDefaults(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for _, i := range defaultFields()[v.Type()] {
			applyDefaults(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			applyDefaults(v.Index(i))
		}
	case reflect.String:
		if v.String() == "" {
			v.SetString(enumDefaults()[v.Type()])
		}
	}
}

// defaultFields lists, for each struct type of the case, the fields that
// hold an enumerated value with a default (enumDefaults), directly or
// further in: the ones applyDefaults visits.
var defaultFields = sync.OnceValue(func() map[reflect.Type][]int {
	fields := map[reflect.Type][]int{}
	var has func(t reflect.Type) bool
	has = func(t reflect.Type) bool {
		switch t.Kind() {
		case reflect.Slice:
			return has(t.Elem())
		case reflect.String:
			_, ok := enumDefaults()[t]
			return ok
		case reflect.Struct:
			if f, seen := fields[t]; seen {
				return len(f) > 0
			}
			var with []int
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && has(f.Type) {
					with = append(with, i)
				}
			}
			fields[t] = with
			return len(with) > 0
		}
		return false
	}
	has(reflect.TypeFor[workflow.Case]())
	return fields
})

// newerFormat reports whether f is "overturn-case/N" with N above the
// version this program writes.
func newerFormat(f string) bool {
	n, ok := strings.CutPrefix(f, formatPrefix)
	if !ok {
		return false
	}
	v, err := strconv.Atoi(n)
	cur, _ := strconv.Atoi(strings.TrimPrefix(workflow.Format, formatPrefix))
	return err == nil && v > cur
}

// upgradeV0 turns a format 0 tree into a format 1 tree: the flat
// claim.provider_name and claim.provider_npi become claim.provider.name
// and claim.provider.npi.
func upgradeV0(root *node) error {
	claim := root.get("claim")
	if claim == nil || claim.kind != kindObject {
		return nil
	}
	if claim.get("provider_name") == nil && claim.get("provider_npi") == nil {
		return nil
	}
	if claim.get("provider") != nil {
		return &Error{Path: "claim.provider", Reason: fmt.Sprintf("a file in format %s gives the provider as provider_name and provider_npi, not as provider", FormatV0)}
	}
	members := make([]member, 0, len(claim.kids))
	at := -1 // where the provider goes: where the first of its keys was
	for _, m := range claim.kids {
		switch m.key {
		case "provider_name", "provider_npi":
			if at < 0 {
				at = len(members)
				members = append(members, member{"provider", node{kind: kindObject}})
			}
			provider := &members[at].val
			provider.kids = append(provider.kids, member{strings.TrimPrefix(m.key, "provider_"), m.val})
		default:
			members = append(members, m)
		}
	}
	claim.kids = members
	return nil
}

// upgradeV2 turns a tree of format 2 or older into format 3:
//
//   - plan.type "employer-self-funded" and "employer-fully-insured" become
//     "employer", with plan.funding "self-funded" or "fully-insured";
//   - denial.reviewer "cigna" becomes "insurer" and "evicore" "delegate";
//   - calls[].with "evicore" becomes "delegate".
//
// A format 2 file that already has a key format 3 added is refused: it is
// not what it says it is.
func upgradeV2(root *node) error {
	if plan := root.get("plan"); plan != nil && plan.kind == kindObject {
		if plan.get("funding") != nil {
			return &Error{Path: "plan.funding", Reason: "a file in format " + FormatV2 + " or older has no plan.funding: the format says " +
				"\"overturn-case/3\" or later"}
		}
		if t := plan.get("type"); t != nil && t.kind == kindText {
			funding, ok := map[string]string{"employer-self-funded": "self-funded", "employer-fully-insured": "fully-insured"}[t.text]
			if ok {
				t.text = string(workflow.PlanEmployer)
				// A full slice expression: kids is a window on the parser's
				// slab, and an append in place would overwrite its neighbour.
				plan.kids = append(plan.kids[:len(plan.kids):len(plan.kids)], member{"funding", node{kind: kindText, text: funding}})
			}
		}
	}
	rename := func(n *node, from map[string]string) {
		if n != nil && n.kind == kindText {
			if to, ok := from[n.text]; ok {
				n.text = to
			}
		}
	}
	if d := root.get("denial"); d != nil && d.kind == kindObject {
		rename(d.get("reviewer"), map[string]string{"cigna": string(workflow.ReviewerInsurer), "evicore": string(workflow.ReviewerDelegate)})
	}
	if calls := root.get("calls"); calls != nil && calls.kind == kindList {
		for i := range calls.kids {
			if call := &calls.kids[i].val; call.kind == kindObject {
				rename(call.get("with"), map[string]string{"evicore": string(workflow.CallDelegate)})
			}
		}
	}
	return nil
}

var (
	dateType   = reflect.TypeFor[workflow.Date]()
	moneyType  = reflect.TypeFor[workflow.Money]()
	timeType   = reflect.TypeFor[time.Time]()
	stepType   = reflect.TypeFor[workflow.Step]()
	stringType = reflect.TypeFor[string]()
)

// enumValues lists the values each enumerated type allows besides "",
// which always means "not known yet": the lists of package workflow.
var enumValues = sync.OnceValue(func() map[reflect.Type][]string {
	return map[reflect.Type][]string{
		reflect.TypeFor[workflow.PlanType]():     strs(workflow.PlanTypes()),
		reflect.TypeFor[workflow.Funding]():      strs(workflow.Fundings()),
		reflect.TypeFor[workflow.Category]():     strs(workflow.Categories()),
		reflect.TypeFor[workflow.Review]():       strs(workflow.Reviews()),
		reflect.TypeFor[workflow.BHLevel]():      strs(workflow.BHLevels()),
		reflect.TypeFor[workflow.Reviewer]():     strs(workflow.Reviewers()),
		reflect.TypeFor[workflow.CheckStatus]():  strs(workflow.CheckStatuses()),
		reflect.TypeFor[workflow.Network]():      strs(workflow.Networks()),
		reflect.TypeFor[workflow.VerifySource](): strs(workflow.VerifySources()),
		reflect.TypeFor[workflow.CallWith]():     strs(workflow.CallParties()),
		reflect.TypeFor[workflow.DocKind]():      strs(workflow.DocKinds()),
		reflect.TypeFor[workflow.DocStatus]():    strs(workflow.DocStatuses()),
		reflect.TypeFor[workflow.Level]():        strs(workflow.Levels()),
		reflect.TypeFor[workflow.Method]():       strs(workflow.Methods()),
		reflect.TypeFor[workflow.Decision]():     strs(workflow.Decisions()),
		reflect.TypeFor[workflow.Status]():       strs(workflow.Statuses()),
	}
})

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// enumDefaults gives the value an omitted, null or "" enumerated value
// takes, for types where "not known yet" has a natural meaning.
var enumDefaults = sync.OnceValue(func() map[reflect.Type]string {
	return map[reflect.Type]string{
		reflect.TypeFor[workflow.CheckStatus](): string(workflow.CheckNotChecked),
		reflect.TypeFor[workflow.DocStatus]():   string(workflow.DocNeeded),
		reflect.TypeFor[workflow.Decision]():    string(workflow.DecisionPending),
		reflect.TypeFor[workflow.Status]():      string(workflow.StatusOpen),
	}
})

// noticeIDs are the keys denial.notice allows (see workflow.NoticeElement).
var noticeIDs = sync.OnceValue(workflow.NoticeIDs)

// intRanges bounds the plain whole numbers of the case file, by path
// pattern.
var intRanges = sync.OnceValue(func() map[string][2]int {
	return map[string][2]int{
		"plan.internal_levels":       {0, 2},
		"cost_share.coinsurance_pct": {0, 100},
		"claim.procedures[].units":   {0, 9999},
	}
})

// treeDecoder stores a tree read by the parser into a workflow.Case, checking it
// strictly.
type treeDecoder struct {
	path pathStack // of the value being stored
}

func (t *treeDecoder) fail(reason string) error {
	return &Error{Path: t.path.String(), Reason: reason}
}

// value stores n into v.
func (t *treeDecoder) value(v reflect.Value, n *node) error {
	switch v.Kind() {
	case reflect.Struct:
		switch v.Type() {
		case dateType:
			return t.date(v, n)
		case moneyType:
			return t.money(v, n)
		case timeType:
			return t.instant(v, n)
		}
		return t.structure(v, n)
	case reflect.Slice:
		if n.kind == kindNull {
			return nil
		}
		if n.kind != kindList {
			return t.typeError("a list [ ... ]", n)
		}
		if len(n.kids) == 0 {
			return nil
		}
		s := reflect.MakeSlice(v.Type(), len(n.kids), len(n.kids))
		for i := range n.kids {
			t.path.push(pathElem{index: i})
			if err := t.value(s.Index(i), &n.kids[i].val); err != nil {
				return err
			}
			t.path.pop()
		}
		v.Set(s)
		return nil
	case reflect.Map:
		return t.notice(v, n)
	case reflect.String:
		s, err := t.stringOrNull(n, "text in quotes")
		if err != nil {
			return err
		}
		if typ := v.Type(); s != "" && typ != stringType {
			if allowed, isEnum := enumValues()[typ]; isEnum {
				i := slices.Index(allowed, s)
				if i < 0 {
					return t.fail(fmt.Sprintf("%q is not allowed here: use one of %s", short(s), strings.Join(allowed, ", ")))
				}
				// The constant, not s: s is a piece of the whole file,
				// which a value kept after the case would keep too.
				s = allowed[i]
			}
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		switch n.kind {
		case kindNull:
			return nil
		case kindFalse, kindTrue:
			v.SetBool(n.kind == kindTrue)
			return nil
		}
		return t.typeError("true or false", n)
	case reflect.Int:
		i, err := t.intOrNull(n)
		if err != nil {
			return err
		}
		if v.Type() == stepType {
			if i < 0 || i > int(workflow.StepEscalate) {
				return t.fail(fmt.Sprintf("%d is not a step: the steps are numbered 1 to 7", i))
			}
		} else if r, ok := intRanges()[t.path.pattern()]; ok && (i < r[0] || i > r[1]) {
			return t.fail(fmt.Sprintf("%d is out of range: use a whole number from %d to %d", i, r[0], r[1]))
		}
		v.SetInt(int64(i))
		return nil
	}
	return t.fail("this value cannot be read")
}

func (t *treeDecoder) date(v reflect.Value, n *node) error {
	s, err := t.stringOrNull(n, `a date in quotes, like "2026-03-14"`)
	if err != nil {
		return err
	}
	if len(s) > len("2006-01-02") {
		return t.fail(fmt.Sprintf("%q is not a date: write it as YYYY-MM-DD, for example 2026-03-14", short(s)))
	}
	d, err := workflow.ParseDate(s)
	if err == nil && !d.IsZero() {
		err = CheckYear(d.Year())
	}
	if err != nil {
		return t.fail(err.Error())
	}
	*v.Addr().Interface().(*workflow.Date) = d
	return nil
}

func (t *treeDecoder) money(v reflect.Value, n *node) error {
	s := n.text // an amount may also be written as a number
	if n.kind != kindNumber {
		var err error
		if s, err = t.stringOrNull(n, `an amount in quotes, like "1850.00"`); err != nil {
			return err
		}
	}
	if len(s) > maxQuoted {
		return t.fail(fmt.Sprintf("%q is not an amount: write it like 1850.00", short(s)))
	}
	m, err := workflow.ParseMoney(s)
	if err != nil {
		return t.fail(err.Error())
	}
	*v.Addr().Interface().(*workflow.Money) = m
	return nil
}

func (t *treeDecoder) instant(v reflect.Value, n *node) error {
	s, err := t.stringOrNull(n, `a date and time in quotes, like "2026-03-14T09:30:00-05:00"`)
	if err != nil || s == "" {
		return err
	}
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t.fail(fmt.Sprintf("%q is not a date and time: write it like 2026-03-14T09:30:00-05:00", short(s)))
	}
	if err := CheckYear(tm.Year()); err != nil && !tm.IsZero() { // zero: not known, as Marshal writes it
		return t.fail(err.Error())
	}
	// The same instant and offset always reads back the same, whatever
	// this machine's own zone is.
	if _, off := tm.Zone(); off == 0 {
		tm = tm.UTC()
	} else {
		tm = tm.In(time.FixedZone("", off))
	}
	*v.Addr().Interface().(*time.Time) = tm
	return nil
}

func (t *treeDecoder) structure(v reflect.Value, n *node) error {
	if n.kind == kindNull {
		return nil
	}
	if n.kind != kindObject {
		return t.typeError("an object { ... }", n)
	}
	fields := jsonFields(v.Type())
	for j := range n.kids {
		m := &n.kids[j]
		t.path.push(pathElem{key: m.key, index: -1})
		i, ok := fields[m.key]
		if !ok {
			return t.fail(unknownField(m.key, fields))
		}
		if err := t.value(v.Field(i), &m.val); err != nil {
			return err
		}
		t.path.pop()
	}
	return nil
}

func (t *treeDecoder) notice(v reflect.Value, n *node) error {
	if n.kind == kindNull {
		return nil
	}
	if n.kind != kindObject {
		return t.typeError("an object { ... }", n)
	}
	if len(n.kids) == 0 {
		return nil
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.kids))
	for _, mem := range n.kids {
		t.path.push(pathElem{key: mem.key, index: -1})
		if !slices.Contains(noticeIDs(), mem.key) {
			return t.fail(fmt.Sprintf("%q is not an element of a denial notice: use one of %s", short(mem.key), strings.Join(noticeIDs(), ", ")))
		}
		if k := mem.val.kind; k != kindTrue && k != kindFalse {
			return t.typeError("true (the notice has it) or false (it does not)", &mem.val)
		}
		m.SetMapIndex(reflect.ValueOf(mem.key), reflect.ValueOf(mem.val.kind == kindTrue))
		t.path.pop()
	}
	v.Set(m)
	return nil
}

// fieldCache holds jsonFields by type: the case file has a fixed set of
// struct types.
var fieldCache sync.Map // reflect.Type → map[string]int

// jsonFields maps the JSON keys of struct type t to field indexes. The map
// is shared: it must not be changed.
func jsonFields(t reflect.Type) map[string]int {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]int)
	}
	fields := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields[name] = i
		}
	}
	fieldCache.Store(t, fields)
	return fields
}

func unknownField(key string, fields map[string]int) string {
	msg := fmt.Sprintf("unknown field %q", short(key))
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	if best := suggest.Closest(key, names); best != "" {
		return msg + fmt.Sprintf(": did you mean %q?", best)
	}
	return msg + ": the keys here are " + strings.Join(names, ", ")
}

func (t *treeDecoder) stringOrNull(n *node, want string) (string, error) {
	switch n.kind {
	case kindNull:
		return "", nil
	case kindText:
		return n.text, nil
	}
	return "", t.typeError(want, n)
}

func (t *treeDecoder) intOrNull(n *node) (int, error) {
	switch n.kind {
	case kindNull:
		return 0, nil
	case kindNumber:
		i, err := strconv.Atoi(n.text)
		if err != nil {
			return 0, t.fail(fmt.Sprintf("%s is not a whole number: write it without a decimal point", short(n.text)))
		}
		return i, nil
	}
	return 0, t.typeError("a whole number", n)
}

func (t *treeDecoder) typeError(want string, n *node) error {
	return t.fail(fmt.Sprintf("expected %s, found %s", want, describe(n)))
}

// describe names the kind of a JSON value for an error message.
func describe(n *node) string {
	switch n.kind {
	case kindNull:
		return "null"
	case kindFalse:
		return "false"
	case kindTrue:
		return "true"
	case kindNumber:
		return "the number " + short(n.text)
	case kindText:
		return "text"
	case kindList:
		return "a list"
	}
	return "an object"
}
