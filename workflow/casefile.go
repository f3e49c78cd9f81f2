package workflow

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
	"time"
)

// The case file is read strictly: every key must be one the format
// defines, every value must have the right type and be one of the allowed
// values, and nothing may exceed these limits (docs/case-file.md). They
// keep a hostile or broken file from using up memory.
const (
	// MaxCaseFileSize is the largest case file read, in bytes.
	MaxCaseFileSize = 10 << 20
	// MaxListItems is the most items one list may hold.
	MaxListItems = 1000
	// MaxTextBytes is the longest text value, in bytes.
	MaxTextBytes = 100_000
	// maxValues bounds the JSON values (objects, lists, texts, numbers...)
	// of one file.
	maxValues = 200_000
	// maxObjectKeys bounds the keys of one object: the largest the format
	// defines has 22, denial.notice a dozen.
	maxObjectKeys = 100
)

// FormatV0 is the format written before the provider became an object:
// it had claim.provider_name and claim.provider_npi. Files in it are
// upgraded when read.
const FormatV0 = "overturn-case/0"

const formatPrefix = "overturn-case/"

// CaseFileError says where a case file is wrong and why. Path is the JSON
// path of the value ("claim.procedures[2].billed"), or "" when the problem
// is with the file as a whole.
type CaseFileError struct {
	Path   string
	Reason string
}

func (e *CaseFileError) Error() string {
	if e.Path == "" {
		return "case file: " + e.Reason
	}
	return "case file: at " + e.Path + ": " + e.Reason
}

// ParseCaseFile reads one case file. It rejects unknown keys, wrong types,
// values outside the allowed ones and anything after the case, with a
// *CaseFileError naming the path and the reason. Omitted keys, null and ""
// all mean "not known yet". Files in an older format are upgraded; files in
// a newer one are refused. Every text of the case read is sanitized
// (Case.Sanitize): no terminal escape or control sequence survives.
func ParseCaseFile(data []byte) (*Case, error) {
	if len(data) > MaxCaseFileSize {
		return nil, errTooLarge()
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	d := NewCaseFileDecoder(bytes.NewReader(data))
	c, err := d.next()
	if err == io.EOF {
		return nil, &CaseFileError{Reason: "the file is empty: a case file is a JSON object that starts with {"}
	}
	if err != nil {
		return nil, err
	}
	end := d.dec.InputOffset()
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		at := d.in.position(int64(len(data) - len(rest)))
		return nil, &CaseFileError{Reason: fmt.Sprintf("there is more after the end of the case (%s): a case file holds exactly one case", at)}
	}
	return c, nil
}

// MarshalCaseFile returns the case file of c: indented with two spaces,
// keys in a fixed order, empty lists written as [], ending in a newline,
// every text sanitized (Case.Sanitize; c itself is not changed). The same
// case always gives the same bytes, and ParseCaseFile reads them back to
// an equal case (an empty list reads back as nil, and text as sanitized).
// A case that would not read back (a value outside the allowed ones, a
// list over the limit) is refused with the reason.
func MarshalCaseFile(c *Case) ([]byte, error) {
	if c == nil {
		return nil, errors.New("case file: there is no case to write")
	}
	cp := withEmptyLists(reflect.ValueOf(*c)).Interface().(Case)
	cp.Format = Format
	if cp.Step == 0 {
		cp.Step = StepEOB
	}
	cp.Sanitize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cp); err != nil {
		return nil, fmt.Errorf("case file: %w", err)
	}
	if _, err := ParseCaseFile(buf.Bytes()); err != nil {
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

// CaseFileDecoder reads case files one after another from a stream, as
// `overturn import` does with several files concatenated on standard input.
type CaseFileDecoder struct {
	in    *trackingReader
	dec   *json.Decoder
	count int
	err   error // sticky: after a JSON syntax error the stream cannot be resumed
}

// utf8BOM is the byte order mark some Windows editors put at the start of
// a file; it is skipped.
var utf8BOM = []byte("\ufeff")

// NewCaseFileDecoder returns a decoder reading from r. A byte order mark at
// the start of the stream is skipped.
func NewCaseFileDecoder(r io.Reader) *CaseFileDecoder {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	in := &trackingReader{r: br}
	dec := json.NewDecoder(in)
	dec.UseNumber()
	return &CaseFileDecoder{in: in, dec: dec}
}

// Next returns the next case, or io.EOF when the stream ends cleanly. A
// case that is wrong gives an error naming which case of the stream it
// is (wrapping a *CaseFileError); when the JSON itself is broken, the rest
// of the stream cannot be read and every later call returns the same error.
func (d *CaseFileDecoder) Next() (*Case, error) {
	c, err := d.next()
	if err == nil || err == io.EOF {
		return c, err
	}
	return nil, fmt.Errorf("case %d of the input: %w", d.count, err)
}

func (d *CaseFileDecoder) next() (*Case, error) {
	if d.err != nil {
		return nil, d.err
	}
	start := d.dec.InputOffset()
	d.in.startValue(start)
	b := &builder{d: d, budget: maxValues}
	root, err := b.value("")
	if err == io.EOF {
		return nil, io.EOF
	}
	d.count++
	if err != nil {
		d.err = err
		return nil, err
	}
	return decodeCase(root)
}

// trackingReader keeps the bytes of the case being read, so that a JSON
// syntax error can say "line 12, column 5", and stops a single case at
// MaxCaseFileSize.
type trackingReader struct {
	r        io.Reader
	read     int64  // bytes read so far
	limit    int64  // read may not pass this
	buf      []byte // the bytes read since bufStart
	bufStart int64
	lines    int // newlines before bufStart
	col0     int // bytes between the last of those newlines and bufStart
	tooLong  bool
}

var errSizeLimit = errors.New("size limit")

// startValue forgets the bytes before start, where the next case begins.
func (t *trackingReader) startValue(start int64) {
	drop := t.buf[:start-t.bufStart]
	if i := bytes.LastIndexByte(drop, '\n'); i >= 0 {
		t.lines += bytes.Count(drop, []byte{'\n'})
		t.col0 = len(drop) - i - 1
	} else {
		t.col0 += len(drop)
	}
	t.buf = append(t.buf[:0], t.buf[len(drop):]...)
	t.bufStart = start
	t.limit = start + MaxCaseFileSize
}

func (t *trackingReader) Read(p []byte) (int, error) {
	if t.read >= t.limit {
		t.tooLong = true
		return 0, errSizeLimit
	}
	if rest := t.limit - t.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	t.read += int64(n)
	return n, err
}

// position describes the byte at offset off as "line L, column C".
func (t *trackingReader) position(off int64) string {
	before := t.buf[:min(max(off-t.bufStart, 0), int64(len(t.buf)))]
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		return fmt.Sprintf("line %d, column %d", t.lines+bytes.Count(before, []byte{'\n'})+1, len(before)-i)
	}
	return fmt.Sprintf("line %d, column %d", t.lines+1, t.col0+len(before)+1)
}

// syntaxError finds the first JSON syntax error in the case being read.
// The decoder's own offsets are not reliable in token mode, so the bytes
// are scanned again.
func (t *trackingReader) syntaxError() error {
	var syn *json.SyntaxError
	if err := json.Unmarshal(t.buf, new(json.RawMessage)); errors.As(err, &syn) {
		return &CaseFileError{Reason: fmt.Sprintf("this is not valid JSON at %s: %s", t.position(t.bufStart+syn.Offset-1), syn.Error())}
	}
	return &CaseFileError{Reason: "this is not valid JSON"}
}

func errTooLarge() *CaseFileError {
	return &CaseFileError{Reason: fmt.Sprintf("the file is larger than %d MB, the most a case file may be", MaxCaseFileSize>>20)}
}

// object is a JSON object with its keys in file order.
type object struct {
	keys []string
	vals map[string]any
}

// builder reads one JSON value into a tree of nil, bool, json.Number,
// string, *object and []any, enforcing the limits as it goes.
type builder struct {
	d      *CaseFileDecoder
	budget int
	depth  int
}

func (b *builder) token() (json.Token, error) {
	tok, err := b.d.dec.Token()
	if err == nil {
		return tok, nil
	}
	if b.d.in.tooLong {
		return nil, errTooLarge()
	}
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return nil, b.d.in.syntaxError()
	case err == io.ErrUnexpectedEOF || (err == io.EOF && b.depth > 0):
		return nil, &CaseFileError{Reason: "the file ends in the middle of the case: it may have been cut short"}
	}
	return nil, err
}

func (b *builder) value(path string) (any, error) {
	tok, err := b.token()
	if err != nil {
		return nil, err
	}
	if b.budget--; b.budget < 0 {
		return nil, &CaseFileError{Reason: fmt.Sprintf("the file holds more than %d values, far more than a case has", maxValues)}
	}
	switch t := tok.(type) {
	case json.Delim:
		b.depth++
		defer func() { b.depth-- }()
		if t == '[' {
			return b.list(path)
		}
		return b.object(path)
	case string:
		if len(t) > MaxTextBytes {
			return nil, &CaseFileError{Path: path, Reason: fmt.Sprintf("the text is %d bytes long; the most allowed is %d", len(t), MaxTextBytes)}
		}
		return t, nil
	}
	return tok, nil
}

func (b *builder) list(path string) (any, error) {
	items := []any{}
	for b.d.dec.More() {
		if len(items) == MaxListItems {
			return nil, &CaseFileError{Path: path, Reason: fmt.Sprintf("the list has more than %d items, the most allowed", MaxListItems)}
		}
		v, err := b.value(fmt.Sprintf("%s[%d]", path, len(items)))
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	if _, err := b.token(); err != nil { // ]
		return nil, err
	}
	return items, nil
}

func (b *builder) object(path string) (any, error) {
	o := &object{vals: map[string]any{}}
	for b.d.dec.More() {
		tok, err := b.token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		kp := joinPath(path, key)
		if len(key) > 200 {
			return nil, &CaseFileError{Path: path, Reason: "a key is longer than 200 bytes: no case-file key is"}
		}
		if _, dup := o.vals[key]; dup {
			return nil, &CaseFileError{Path: kp, Reason: fmt.Sprintf("the key %q appears twice: keep one", key)}
		}
		if len(o.keys) == maxObjectKeys {
			return nil, &CaseFileError{Path: path, Reason: fmt.Sprintf("the object has more than %d keys, far more than the format defines", maxObjectKeys)}
		}
		v, err := b.value(kp)
		if err != nil {
			return nil, err
		}
		o.keys = append(o.keys, key)
		o.vals[key] = v
	}
	if _, err := b.token(); err != nil { // }
		return nil, err
	}
	return o, nil
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// decodeCase checks the format, upgrades older formats and decodes the
// tree strictly into a Case.
func decodeCase(root any) (*Case, error) {
	o, ok := root.(*object)
	if !ok {
		return nil, &CaseFileError{Reason: fmt.Sprintf("a case file is a JSON object that starts with {, but this is %s", describe(root))}
	}
	format, present := o.vals["format"]
	switch f := format.(type) {
	case string:
		if f == "" {
			present = false
		}
	case nil:
		present = false
	default:
		return nil, &CaseFileError{Path: "format", Reason: fmt.Sprintf("expected text like %q, found %s", Format, describe(format))}
	}
	if !present {
		return nil, &CaseFileError{Path: "format", Reason: fmt.Sprintf("missing: a case file must say which format it is in, with \"format\": %q", Format)}
	}
	switch f := format.(string); {
	case f == Format:
	case f == FormatV0:
		if err := upgradeV0(o); err != nil {
			return nil, err
		}
	case newerFormat(f):
		return nil, &CaseFileError{Path: "format", Reason: fmt.Sprintf("this file is in format %s, written by a newer version of Overturn; this version reads %s and older: update Overturn to open it", f, Format)}
	default:
		return nil, &CaseFileError{Path: "format", Reason: fmt.Sprintf("%q is not a case-file format this program knows: expected %q", f, Format)}
	}
	var c Case
	if err := decodeValue(reflect.ValueOf(&c).Elem(), o, ""); err != nil {
		return nil, err
	}
	c.Format = Format
	if c.Step == 0 {
		c.Step = StepEOB
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
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				applyDefaults(f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			applyDefaults(v.Index(i))
		}
	case reflect.String:
		if def, ok := enumDefaults[v.Type()]; ok && v.String() == "" {
			v.SetString(def)
		}
	}
}

// newerFormat reports whether f is "overturn-case/N" with N above the
// version this program writes.
func newerFormat(f string) bool {
	n, ok := strings.CutPrefix(f, formatPrefix)
	if !ok {
		return false
	}
	v, err := strconv.Atoi(n)
	cur, _ := strconv.Atoi(strings.TrimPrefix(Format, formatPrefix))
	return err == nil && v > cur
}

// upgradeV0 turns a format 0 tree into a format 1 tree: the flat
// claim.provider_name and claim.provider_npi become claim.provider.name
// and claim.provider.npi.
func upgradeV0(root *object) error {
	claim, ok := root.vals["claim"].(*object)
	if !ok {
		return nil
	}
	name, hasName := claim.vals["provider_name"]
	npi, hasNPI := claim.vals["provider_npi"]
	if !hasName && !hasNPI {
		return nil
	}
	if _, has := claim.vals["provider"]; has {
		return &CaseFileError{Path: "claim.provider", Reason: fmt.Sprintf("a file in format %s gives the provider as provider_name and provider_npi, not as provider", FormatV0)}
	}
	provider := &object{vals: map[string]any{}}
	var keys []string
	for _, k := range claim.keys {
		switch k {
		case "provider_name", "provider_npi":
			if provider.keys == nil {
				keys = append(keys, "provider")
			}
			provider.keys = append(provider.keys, strings.TrimPrefix(k, "provider_"))
		default:
			keys = append(keys, k)
		}
	}
	if hasName {
		provider.vals["name"] = name
	}
	if hasNPI {
		provider.vals["npi"] = npi
	}
	delete(claim.vals, "provider_name")
	delete(claim.vals, "provider_npi")
	claim.keys = keys
	claim.vals["provider"] = provider
	return nil
}

var (
	dateType  = reflect.TypeFor[Date]()
	moneyType = reflect.TypeFor[Money]()
	timeType  = reflect.TypeFor[time.Time]()
	stepType  = reflect.TypeFor[Step]()
)

// enumValues lists the values each enumerated type allows besides "",
// which always means "not known yet".
var enumValues = map[reflect.Type][]string{
	reflect.TypeFor[PlanType](): {string(PlanEmployerSelfFunded), string(PlanEmployerFullyInsured), string(PlanIndividual),
		string(PlanGovernment), string(PlanUnknownStated)},
	reflect.TypeFor[Category](): {string(CategoryMedicalNecessity), string(CategoryExperimental), string(CategoryPriorAuth),
		string(CategoryNotCovered), string(CategoryNetwork), string(CategoryCoding), string(CategoryDuplicate),
		string(CategoryCostShare), string(CategoryEligibility), string(CategoryOther)},
	reflect.TypeFor[Review]():      {string(ReviewPostService), string(ReviewPreService), string(ReviewUrgent)},
	reflect.TypeFor[BHLevel]():     {string(BHInpatient), string(BHResidential), string(BHPartial), string(BHIntensive), string(BHOutpatient)},
	reflect.TypeFor[Reviewer]():    {string(ReviewerCigna), string(ReviewerEviCore)},
	reflect.TypeFor[CheckStatus](): {string(CheckNotChecked), string(CheckOK), string(CheckError)},
	reflect.TypeFor[Network]():     {string(NetworkIn), string(NetworkOut)},
	reflect.TypeFor[CallWith](): {string(CallMemberServices), string(CallBehavioralHealth), string(CallProviderBilling),
		string(CallEviCore), string(CallOther)},
	reflect.TypeFor[DocKind](): {string(DocPhysicianLetter), string(DocMedicalRecords), string(DocPriorAuthApproval),
		string(DocGuidelines), string(DocEOB), string(DocDenialLetter), string(DocOther)},
	reflect.TypeFor[DocStatus](): {string(DocNeeded), string(DocRequested), string(DocHave)},
	reflect.TypeFor[Level]():     {string(Level1), string(Level2), string(LevelExternal)},
	reflect.TypeFor[Method]():    {string(MethodPortal), string(MethodCertifiedMail), string(MethodFax), string(MethodMail)},
	reflect.TypeFor[Decision](): {string(DecisionPending), string(DecisionOverturned), string(DecisionPartlyOverturned),
		string(DecisionUpheld)},
	reflect.TypeFor[Status](): {string(StatusOpen), string(StatusResolved), string(StatusExhausted), string(StatusClosed)},
}

// enumDefaults gives the value an omitted, null or "" enumerated value
// takes, for types where "not known yet" has a natural meaning.
var enumDefaults = map[reflect.Type]string{
	reflect.TypeFor[CheckStatus](): string(CheckNotChecked),
	reflect.TypeFor[DocStatus]():   string(DocNeeded),
	reflect.TypeFor[Decision]():    string(DecisionPending),
	reflect.TypeFor[Status]():      string(StatusOpen),
}

// noticeIDs are the keys denial.notice allows (see NoticeElement).
var noticeIDs = []string{NoticeReason, NoticeProvision, NoticeCode, NoticeClaimInfo, NoticeCodesAvailable, NoticeProcedures,
	NoticeHowToAppeal, NoticeAssistance, NoticeMissingInfo, NoticeClinicalJudgment, NoticeExpedited, NoticeGuideline}

// intRanges bounds the plain whole numbers of the case file, by path.
var intRanges = map[string][2]int{
	"plan.internal_levels":       {0, 2},
	"cost_share.coinsurance_pct": {0, 100},
}

// decodeValue stores node, found at path, into v, checking it strictly.
func decodeValue(v reflect.Value, node any, path string) error {
	switch v.Type() {
	case dateType:
		s, err := stringOrNull(node, path, `a date in quotes, like "2026-03-14"`)
		if err != nil {
			return err
		}
		d, err := ParseDate(s)
		if err != nil {
			return &CaseFileError{Path: path, Reason: err.Error()}
		}
		v.Set(reflect.ValueOf(d))
		return nil
	case moneyType:
		if n, ok := node.(json.Number); ok {
			node = string(n)
		}
		s, err := stringOrNull(node, path, `an amount in quotes, like "1850.00"`)
		if err != nil {
			return err
		}
		m, err := ParseMoney(s)
		if err != nil {
			return &CaseFileError{Path: path, Reason: err.Error()}
		}
		v.Set(reflect.ValueOf(m))
		return nil
	case timeType:
		s, err := stringOrNull(node, path, `a date and time in quotes, like "2026-03-14T09:30:00-05:00"`)
		if err != nil || s == "" {
			return err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return &CaseFileError{Path: path, Reason: fmt.Sprintf("%q is not a date and time: write it like 2026-03-14T09:30:00-05:00", s)}
		}
		// The same instant and offset always reads back the same, whatever
		// this machine's own zone is.
		if _, off := t.Zone(); off == 0 {
			t = t.UTC()
		} else {
			t = t.In(time.FixedZone("", off))
		}
		v.Set(reflect.ValueOf(t))
		return nil
	case stepType:
		n, err := intOrNull(node, path)
		if err != nil {
			return err
		}
		if n < 0 || n > int(StepEscalate) {
			return &CaseFileError{Path: path, Reason: fmt.Sprintf("%d is not a step: the steps are numbered 1 to 7", n)}
		}
		v.SetInt(int64(n))
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		return decodeStruct(v, node, path)
	case reflect.Slice:
		if node == nil {
			return nil
		}
		items, ok := node.([]any)
		if !ok {
			return typeError(path, "a list [ ... ]", node)
		}
		if len(items) == 0 {
			return nil
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			if err := decodeValue(s.Index(i), item, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		return decodeNotice(v, node, path)
	case reflect.String:
		s, err := stringOrNull(node, path, "text in quotes")
		if err != nil {
			return err
		}
		if allowed, isEnum := enumValues[v.Type()]; isEnum && s != "" {
			if !slices.Contains(allowed, s) {
				return &CaseFileError{Path: path, Reason: fmt.Sprintf("%q is not allowed here: use one of %s", s, strings.Join(allowed, ", "))}
			}
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		switch b := node.(type) {
		case nil:
			return nil
		case bool:
			v.SetBool(b)
			return nil
		}
		return typeError(path, "true or false", node)
	case reflect.Int:
		n, err := intOrNull(node, path)
		if err != nil {
			return err
		}
		if r, ok := intRanges[path]; ok && (n < r[0] || n > r[1]) {
			return &CaseFileError{Path: path, Reason: fmt.Sprintf("%d is out of range: use a whole number from %d to %d", n, r[0], r[1])}
		}
		v.SetInt(int64(n))
		return nil
	}
	return &CaseFileError{Path: path, Reason: "this value cannot be read"}
}

func decodeStruct(v reflect.Value, node any, path string) error {
	if node == nil {
		return nil
	}
	o, ok := node.(*object)
	if !ok {
		return typeError(path, "an object { ... }", node)
	}
	fields := jsonFields(v.Type())
	for _, key := range o.keys {
		kp := joinPath(path, key)
		i, ok := fields[key]
		if !ok {
			return &CaseFileError{Path: kp, Reason: unknownField(key, fields)}
		}
		if err := decodeValue(v.Field(i), o.vals[key], kp); err != nil {
			return err
		}
	}
	return nil
}

func decodeNotice(v reflect.Value, node any, path string) error {
	if node == nil {
		return nil
	}
	o, ok := node.(*object)
	if !ok {
		return typeError(path, "an object { ... }", node)
	}
	if len(o.keys) == 0 {
		return nil
	}
	m := reflect.MakeMapWithSize(v.Type(), len(o.keys))
	for _, key := range o.keys {
		kp := joinPath(path, key)
		if !slices.Contains(noticeIDs, key) {
			return &CaseFileError{Path: kp, Reason: fmt.Sprintf("%q is not an element of a denial notice: use one of %s", key, strings.Join(noticeIDs, ", "))}
		}
		b, ok := o.vals[key].(bool)
		if !ok {
			return typeError(kp, "true (the notice has it) or false (it does not)", o.vals[key])
		}
		m.SetMapIndex(reflect.ValueOf(key), reflect.ValueOf(b))
	}
	v.Set(m)
	return nil
}

// jsonFields maps the JSON keys of struct type t to field indexes.
func jsonFields(t reflect.Type) map[string]int {
	fields := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields[name] = i
		}
	}
	return fields
}

func unknownField(key string, fields map[string]int) string {
	msg := fmt.Sprintf("unknown field %q", key)
	best, bestDist := "", 3
	for name := range fields {
		if d := editDistance(key, name); d < bestDist || (d == bestDist && name < best) {
			best, bestDist = name, d
		}
	}
	if best != "" {
		return msg + fmt.Sprintf(": did you mean %q?", best)
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	return msg + ": the keys here are " + strings.Join(names, ", ")
}

// editDistance is the Levenshtein distance between a and b, used to
// suggest the key a typo meant.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func stringOrNull(node any, path, want string) (string, error) {
	switch s := node.(type) {
	case nil:
		return "", nil
	case string:
		return s, nil
	}
	return "", typeError(path, want, node)
}

func intOrNull(node any, path string) (int, error) {
	switch n := node.(type) {
	case nil:
		return 0, nil
	case json.Number:
		i, err := strconv.Atoi(string(n))
		if err != nil {
			return 0, &CaseFileError{Path: path, Reason: fmt.Sprintf("%s is not a whole number: write it without a decimal point", n)}
		}
		return i, nil
	}
	return 0, typeError(path, "a whole number", node)
}

func typeError(path, want string, node any) error {
	return &CaseFileError{Path: path, Reason: fmt.Sprintf("expected %s, found %s", want, describe(node))}
}

// describe names the kind of a JSON value for an error message.
func describe(node any) string {
	switch n := node.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("%t", n)
	case json.Number:
		return "the number " + string(n)
	case string:
		return "text"
	case []any:
		return "a list"
	case *object:
		return "an object"
	}
	return "something else"
}
