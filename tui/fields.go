package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// fieldKind says how a field is typed and checked.
type fieldKind int

const (
	kindText     fieldKind = iota // one line
	kindLong                      // free text, may be long
	kindDate                      // YYYY-MM-DD
	kindDateTime                  // YYYY-MM-DD HH:MM, local time
	kindMoney                     // 1850.00
	kindInt                       // a whole number
	kindCodes                     // a list of reason codes
	kindChoice                    // one of Choices
)

// fieldDef is one fact a form asks for. Path is the fact's place in the case
// file ("claim.number", "appeals[0].filed"), the same path workflow.Missing
// names, so any missing fact can be jumped to.
type fieldDef struct {
	Path        string
	Label       string
	Placeholder string
	Kind        fieldKind
	Choices     []choice
}

// withIndex fills the %d of an entry field's path.
func withIndex(defs []fieldDef, i int) []fieldDef {
	out := make([]fieldDef, len(defs))
	for j, d := range defs {
		d.Path = fmt.Sprintf(d.Path, i)
		out[j] = d
	}
	return out
}

// findField returns the definition of the field at path from every form of
// the program; a path no form knows is asked for as plain text, labelled.
func findField(path, label string) fieldDef {
	for _, defs := range allFieldTables() {
		for _, d := range defs {
			if d.Path == path {
				return d
			}
		}
	}
	for _, tmpl := range [][]fieldDef{callFields, docFields} {
		for _, d := range tmpl {
			prefix, _, _ := strings.Cut(d.Path, "[")
			if strings.HasPrefix(path, prefix+"[") && strings.HasSuffix(d.Path, path[strings.LastIndex(path, "]"):]) {
				d.Path = path
				return d
			}
		}
	}
	return fieldDef{Path: path, Label: label, Kind: kindText}
}

func allFieldTables() [][]fieldDef {
	out := [][]fieldDef{newCaseFields, costShareFields}
	for s := workflow.StepEOB; s <= workflow.StepEscalate; s++ {
		out = append(out, stepFields[s])
	}
	return out
}

// caseDoc is a case in its case-file form, for reading and writing fields by
// path.
type caseDoc map[string]any

func docOf(c *workflow.Case) (caseDoc, error) {
	data, err := casefile.Marshal(c)
	if err != nil {
		return nil, err
	}
	var d caseDoc
	err = json.Unmarshal(data, &d)
	return d, err
}

// pathParts splits "appeals[0].filed" into "appeals", 0, "filed".
func pathParts(path string) ([]any, error) {
	var out []any
	for _, seg := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		if name != "" {
			out = append(out, name)
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if !ok || err != nil || n < 0 || n > 999 {
				return nil, fmt.Errorf("bad field path %q", path)
			}
			out = append(out, n)
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out, nil
}

// get returns the value at path as text, "" when absent.
func (d caseDoc) get(path string) string {
	parts, err := pathParts(path)
	if err != nil {
		return ""
	}
	var cur any = map[string]any(d)
	for _, p := range parts {
		switch k := p.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return ""
			}
			cur = m[k]
		case int:
			a, ok := cur.([]any)
			if !ok || k >= len(a) {
				return ""
			}
			cur = a[k]
		}
	}
	switch v := cur.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		var parts []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// set stores v at path, creating objects and list entries on the way.
func (d caseDoc) set(path string, v any) error {
	parts, err := pathParts(path)
	if err != nil {
		return err
	}
	var setIn func(cur any, parts []any) (any, error)
	setIn = func(cur any, parts []any) (any, error) {
		if len(parts) == 0 {
			return v, nil
		}
		switch k := parts[0].(type) {
		case string:
			m, _ := cur.(map[string]any)
			if m == nil {
				m = map[string]any{}
			}
			nv, err := setIn(m[k], parts[1:])
			m[k] = nv
			return m, err
		default:
			n := k.(int)
			a, _ := cur.([]any)
			for len(a) <= n {
				a = append(a, map[string]any{})
			}
			nv, err := setIn(a[n], parts[1:])
			a[n] = nv
			return a, err
		}
	}
	_, err = setIn(map[string]any(d), parts)
	return err
}

// parseValue checks raw text typed into a field of kind k and returns the
// value to store in the case file, or an error that says how to write it.
func parseValue(def fieldDef, raw string, loc *time.Location) (any, error) {
	switch def.Kind {
	case kindLong:
		return workflow.Sanitize(raw), nil
	case kindDate:
		s := strings.TrimSpace(raw)
		d, err := workflow.ParseDate(s)
		if err != nil {
			return nil, err
		}
		if d.IsZero() {
			return nil, nil
		}
		if err := casefile.CheckYear(d.Year()); err != nil {
			return nil, err
		}
		return d.String(), nil
	case kindDateTime:
		s := strings.TrimSpace(raw)
		if s == "" {
			return nil, nil
		}
		t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			return nil, fmt.Errorf("%q is not a date and time: write it as YYYY-MM-DD HH:MM, for example 2026-03-14 09:30", safe(s))
		}
		if err := casefile.CheckYear(t.Year()); err != nil {
			return nil, err
		}
		return t.Format(time.RFC3339), nil
	case kindMoney:
		m, err := workflow.ParseMoney(raw)
		if err != nil {
			return nil, err
		}
		if !m.Known() {
			return nil, nil
		}
		return m.String(), nil
	case kindInt:
		s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(raw), "%"))
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 100 {
			return nil, fmt.Errorf("%q is not a whole number from 0 to 100: write it like 20", safe(raw))
		}
		return n, nil
	case kindCodes:
		return splitCodes(raw), nil
	case kindChoice:
		for _, c := range def.Choices {
			if c.Value == raw {
				switch raw {
				case "true", "false":
					return raw == "true", nil
				}
				if n, err := strconv.Atoi(raw); err == nil && def.Path == "plan.internal_levels" {
					return n, nil
				}
				return raw, nil
			}
		}
		return nil, errors.New("choose one of the options with ← and →")
	}
	return workflow.SanitizeLine(raw), nil
}

// splitCodes reads "CO-50, N130 PR 2" style input into clean codes.
func splitCodes(raw string) []string {
	f := strings.FieldsFunc(workflow.SanitizeLine(raw), func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t'
	})
	out := []string{}
	for i := 0; i < len(f); i++ {
		c := strings.ToUpper(f[i])
		// A group typed apart from its number ("co 50") is one code: CO-50.
		if isGroupCode(c) && i+1 < len(f) && !isGroupCode(strings.ToUpper(f[i+1])) {
			i++
			c += "-" + strings.ToUpper(f[i])
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// isGroupCode reports whether s is a claim adjustment group code alone.
func isGroupCode(s string) bool {
	switch s {
	case "CO", "PR", "OA", "PI":
		return true
	}
	return false
}

// applyField returns a copy of c with the field at def.Path set from raw. The
// case c itself is never changed, so a failed edit leaves no trace.
func applyField(c *workflow.Case, def fieldDef, raw string, loc *time.Location) (*workflow.Case, error) {
	v, err := parseValue(def, raw, loc)
	if err != nil {
		return nil, err
	}
	d, err := docOf(c)
	if err != nil {
		return nil, err
	}
	if err := d.set(def.Path, v); err != nil {
		return nil, err
	}
	data, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	nc, err := casefile.Parse(data)
	if err != nil {
		return nil, err
	}
	for i := range nc.Appeals {
		if nc.Appeals[i].Level == "" && i == 0 {
			nc.Appeals[i].Level = workflow.Level1
		}
	}
	return nc, nil
}

// cloneCase returns a deep copy of c, for a command to save off the UI loop.
func cloneCase(c *workflow.Case) *workflow.Case {
	data, err := casefile.Marshal(c)
	if err != nil {
		cp := *c
		return &cp
	}
	nc, err := casefile.Parse(data)
	if err != nil {
		cp := *c
		return &cp
	}
	return nc
}

// displayValue is how a stored value reads in a form.
func displayValue(def fieldDef, stored string) string {
	switch def.Kind {
	case kindChoice:
		for _, c := range def.Choices {
			if c.Value == stored {
				return c.Label
			}
		}
		if stored == "" && len(def.Choices) > 0 {
			return def.Choices[0].Label
		}
	case kindDateTime:
		if t, err := time.Parse(time.RFC3339, stored); err == nil {
			return t.Format("2006-01-02 15:04")
		}
	}
	return stored
}
