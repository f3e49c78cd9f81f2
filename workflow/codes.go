package workflow

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// CodeInfo is what one denial code on an EOB means and where it points.
type CodeInfo struct {
	Code         string // as X12 writes it: "50", "N130"
	Group        string // the group typed with it: "CO", "PR", "OA", "PI", or ""
	GroupMeaning string // the group in plain words, or ""
	Meaning      string // the official wording, lightly shortened
	PointsTo     string // what to look at next, in plain words
	Category     Category
	// Check is the EOB checklist item to look at, by its case-file key:
	// "network", "cpt", "duplicate", "cost_share", "prior_auth", or "".
	Check string
	// Retired is true for codes X12 no longer uses (38, 57, 62).
	Retired bool
}

// String returns the code as an EOB prints it: "CO-50", "N130".
func (i CodeInfo) String() string {
	if i.Group == "" {
		return i.Code
	}
	return i.Group + "-" + i.Code
}

// CodeTable decodes the denial codes of an EOB: the claim adjustment
// reason codes with their group codes, and the remark codes.
type CodeTable struct {
	groups map[string]string // group code -> meaning
	codes  map[string]codeEntry
}

type codeEntry struct {
	info   CodeInfo
	remark bool
}

// ErrUnknownCode is wrapped by Decode's error for a code that has the
// shape of a denial code but is not in the table.
var ErrUnknownCode = errors.New("not in Overturn's table of denial codes")

// The files LoadCodes reads, and their columns.
const (
	groupsFile = "groups.tsv"
	reasonFile = "reason.tsv"
	remarkFile = "remark.tsv"
)

var (
	groupColumns = []string{"group", "meaning"}
	codeColumns  = []string{"code", "category", "check", "retired", "meaning", "points_to", "source"}
)

// LoadCodes reads the code tables from fsys (assets.Codes()): groups.tsv,
// reason.tsv and remark.tsv, tab-separated with a header line; lines
// starting with # are comments. Every row is checked: a table with a
// malformed or repeated code is an error naming the file and line.
func LoadCodes(fsys fs.FS) (*CodeTable, error) {
	t := &CodeTable{groups: map[string]string{}, codes: map[string]codeEntry{}}
	err := readTSV(fsys, "denial codes", groupsFile, groupColumns, func(f []string) error {
		g := f[0]
		if len(g) != 2 || !isUpperASCII(g) {
			return fmt.Errorf("group %q is not two capital letters", g)
		}
		if _, dup := t.groups[g]; dup {
			return fmt.Errorf("group %s appears twice", g)
		}
		t.groups[g] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, file := range []string{reasonFile, remarkFile} {
		remark := file == remarkFile
		err := readTSV(fsys, "denial codes", file, codeColumns, func(f []string) error {
			return t.addCode(f, remark)
		})
		if err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *CodeTable) addCode(f []string, remark bool) error {
	code, cat, check, retired, meaning, pointsTo, source := f[0], f[1], f[2], f[3], f[4], f[5], f[6]
	var buf [maxCodeLen]byte
	norm, ok := codeShape([]byte(code), buf[:0])
	if !ok || string(norm) != code {
		return fmt.Errorf("code %q is not written as X12 writes codes (like 50 or N130)", code)
	}
	if isRemark := code[0] == 'N' || code[0] == 'M'; isRemark != remark {
		return fmt.Errorf("code %s belongs in %s", code, map[bool]string{true: remarkFile, false: reasonFile}[isRemark])
	}
	if _, dup := t.codes[code]; dup {
		return fmt.Errorf("code %s appears twice", code)
	}
	if !tableCategory(Category(cat)) || cat == "" {
		return fmt.Errorf("code %s: unknown category %q", code, cat)
	}
	switch check {
	case "network", "cpt", "duplicate", "cost_share", "prior_auth":
	case "-":
		check = ""
	default:
		return fmt.Errorf("code %s: unknown check %q (network, cpt, duplicate, cost_share, prior_auth or -)", code, check)
	}
	if retired != "yes" && retired != "no" {
		return fmt.Errorf("code %s: retired must be yes or no, not %q", code, retired)
	}
	if meaning == "" || pointsTo == "" {
		return fmt.Errorf("code %s: meaning and points_to must not be empty", code)
	}
	if source != "rules.md" && source != "x12" {
		return fmt.Errorf("code %s: source must be rules.md or x12, not %q", code, source)
	}
	t.codes[code] = codeEntry{
		info: CodeInfo{
			Code: code, Meaning: meaning, PointsTo: pointsTo,
			Category: Category(cat), Check: check, Retired: retired == "yes",
		},
		remark: remark,
	}
	return nil
}

// readTSV calls row with the fields of every data line of name, after
// checking the header. Errors begin with what: "denial codes".
func readTSV(fsys fs.FS, what, name string, columns []string, row func([]string) error) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			if strings.Join(f, ",") != strings.Join(columns, ",") {
				return fmt.Errorf("%s: %s line %d: the header must be %s", what, name, n, strings.Join(columns, " "))
			}
			header = true
			continue
		}
		if len(f) != len(columns) {
			return fmt.Errorf("%s: %s line %d: %d columns, want %d separated by tabs", what, name, n, len(f), len(columns))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := row(f); err != nil {
			return fmt.Errorf("%s: %s line %d: %w", what, name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %s: %w", what, name, err)
	}
	if !header {
		return fmt.Errorf("%s: %s is empty", what, name)
	}
	return nil
}

// maxCodeLen bounds a typed code once separators are removed: a group,
// two letters and four digits, with room for leading zeros.
const maxCodeLen = 16

// Decode reads one code as people type it from an EOB: "CO-50", "co 50",
// "50", "PR242", "CO-045", "N130", "m62". The group (CO, PR, OA, PI) is
// optional; remark codes take none, and a group typed before one is
// ignored. A code of the right shape that is not in the table gives an
// error wrapping ErrUnknownCode: Decode never guesses.
func (t *CodeTable) Decode(s string) (CodeInfo, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			s = SanitizeLine(s)
			break
		}
	}
	var buf [maxCodeLen]byte
	group, code, err := parseCode(s, buf[:0])
	if err != nil {
		return CodeInfo{}, err
	}
	e, ok := t.codes[string(code)]
	if !ok {
		label := string(code)
		if group != "" {
			label = group + "-" + label
		}
		return CodeInfo{}, fmt.Errorf("code %s is %w: it may be newer or rare; look it up in the official list kept by X12 (x12.org), or ask Member Services what it means", label, ErrUnknownCode)
	}
	info := e.info
	if group != "" && !e.remark {
		info.Group = group
		info.GroupMeaning = t.groups[group]
	}
	return info, nil
}

// groupCodes are the claim adjustment group codes Decode accepts.
var groupCodes = [...]string{"CO", "PR", "OA", "PI"}

// parseCode splits a typed code into its group ("" when none) and the
// code as X12 writes it, appended to out. Spaces, tabs, dashes,
// underscores, colons and dots between the parts are ignored, and letters
// may be typed in either case.
func parseCode(s string, out []byte) (group string, code []byte, err error) {
	var buf [maxCodeLen]byte
	c := buf[:0]
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == ' ' || b == '\t' || b == '-' || b == '_' || b == ':' || b == '.':
		case b >= '0' && b <= '9' || b >= 'A' && b <= 'Z':
			if len(c) == maxCodeLen {
				return "", nil, badCode(s)
			}
			c = append(c, b)
		case b >= 'a' && b <= 'z':
			if len(c) == maxCodeLen {
				return "", nil, badCode(s)
			}
			c = append(c, b-'a'+'A')
		default:
			return "", nil, badCode(s)
		}
	}
	if len(c) == 0 {
		return "", nil, errors.New("type the denial code printed on the EOB, like CO-50, PR-2 or N130")
	}
	if len(c) > 2 {
		for _, g := range groupCodes {
			if string(c[:2]) == g {
				if norm, ok := codeShape(c[2:], out); ok {
					return g, norm, nil
				}
			}
		}
	}
	if norm, ok := codeShape(c, out); ok {
		return "", norm, nil
	}
	if len(c) == 2 {
		for _, g := range groupCodes {
			if string(c) == g {
				return "", nil, fmt.Errorf("%s is only the group: type the code after it too, like %s-50", g, g)
			}
		}
	}
	if len(c) > 2 && isUpperASCII(string(c[:2])) {
		if _, ok := codeShape(c[1:], out); ok && c[1] >= 'A' {
			return "", nil, fmt.Errorf("%s: %s is not a group code; the group is CO, PR, OA or PI, like CO-50", quoteInput(s), string(c[:2]))
		}
	}
	return "", nil, badCode(s)
}

func badCode(s string) error {
	return fmt.Errorf("%s is not a denial code: type it as the EOB prints it, like CO-50, PR-2 or N130", quoteInput(s))
}

// codeShape checks that c is a code without its group (optionally one
// letter or MA, then one to four digits) and appends it to out with the
// leading zeros of its number removed.
func codeShape(c, out []byte) ([]byte, bool) {
	i := 0
	for i < len(c) && c[i] >= 'A' && c[i] <= 'Z' {
		i++
	}
	if i > 2 || i == 2 && string(c[:2]) != "MA" {
		return nil, false
	}
	digits := c[i:]
	if len(digits) == 0 {
		return nil, false
	}
	for j := 0; j < len(digits); j++ {
		if digits[j] < '0' || digits[j] > '9' {
			return nil, false
		}
	}
	for len(digits) > 1 && digits[0] == '0' {
		digits = digits[1:]
	}
	if len(digits) > 4 {
		return nil, false
	}
	out = append(out, c[:i]...)
	return append(out, digits...), true
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// tableCategory reports whether c is one of the case file's categories.
func tableCategory(c Category) bool {
	switch c {
	case CategoryUnknown, CategoryMedicalNecessity, CategoryExperimental, CategoryPriorAuth,
		CategoryNotCovered, CategoryNetwork, CategoryCoding, CategoryDuplicate,
		CategoryCostShare, CategoryEligibility, CategoryOther:
		return true
	}
	return false
}
