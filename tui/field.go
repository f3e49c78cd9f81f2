package tui

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// fieldKind says how a field is typed and checked.
type fieldKind int

const (
	kindText     fieldKind = iota // one line
	kindLong                      // free text, may be long
	kindDate                      // a date, US or ISO
	kindDateTime                  // a date and time, or a date alone
	kindMoney                     // 1850.00
	kindPercent                   // a whole number from 0 to 100
	kindCount                     // a whole number
	kindCodes                     // a list of reason codes
	kindList                      // a list of texts (diagnoses)
	kindState                     // a state, by code or name
	kindChoice                    // one of Choices
)

// fieldDef is one fact a form asks for. Path is the fact's place in the case
// file ("claim.number", "appeals[0].filed"), the same path workflow.Missing
// and the letters' gaps name, so any missing fact can be jumped to. Help,
// when set, explains the question; it is shown whole while the field has
// the cursor.
type fieldDef struct {
	Path        string
	Label       string
	Placeholder string
	Help        string
	Kind        fieldKind
	Choices     []choice
	// When, if set, says whether the case needs the field asked.
	When func(c *workflow.Case) bool
}

// applies reports whether the field is asked for case c.
func (d fieldDef) applies(c *workflow.Case) bool { return d.When == nil || d.When(c) }

// fieldsFor returns the fields of defs that case c needs asked.
func fieldsFor(c *workflow.Case, defs []fieldDef) []fieldDef {
	var out []fieldDef
	for _, d := range defs {
		if d.applies(c) {
			out = append(out, d)
		}
	}
	return out
}

// choice is one option of a choice field: the value stored and its words.
type choice struct{ Value, Label string }

// withIndex fills the %d of an entry field's path.
func withIndex(defs []fieldDef, i int) []fieldDef {
	out := make([]fieldDef, len(defs))
	for j, d := range defs {
		d.Path = fmt.Sprintf(d.Path, i)
		out[j] = d
	}
	return out
}

// indexed matches the list index of a path: "calls[3].rep".
var indexed = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\[\d+\]`)
})

// findField returns the definition of the field at path from every form of
// the program; a path no form knows is asked for as plain text, labelled.
func findField(path, label string) fieldDef {
	generic := indexed().ReplaceAllString(path, "[%d]")
	for _, defs := range allFieldTables() {
		for _, d := range defs {
			if d.Path == path || d.Path == generic {
				d.Path = path
				return d
			}
		}
	}
	return fieldDef{Path: path, Label: label, Kind: kindText}
}

// valueOf reads the field at def.Path of c as a form shows it.
func valueOf(c *workflow.Case, def fieldDef) string {
	v, err := casefile.Get(c, def.Path)
	if err != nil {
		return ""
	}
	return displayValue(def, v)
}

// parseValue checks raw text typed into a field and returns the value to
// store, or an error that says how to write it. now gives the year of a
// two-digit year and the zone of a time.
func parseValue(def fieldDef, raw string, now time.Time) (any, error) {
	s := strings.TrimSpace(raw)
	if len(s) > casefile.MaxTextBytes {
		return nil, fmt.Errorf(tooLong, len(s), casefile.MaxTextBytes)
	}
	switch def.Kind {
	case kindLong:
		return workflow.Sanitize(strings.TrimSpace(raw)), nil
	case kindDate:
		d, err := parseDate(s, now)
		if err != nil || d.IsZero() {
			return nil, err
		}
		return d, nil
	case kindDateTime:
		return parseDateTime(s, now)
	case kindMoney:
		m, err := workflow.ParseMoney(s)
		if err != nil || !m.Known() {
			return nil, err
		}
		return m, nil
	case kindPercent, kindCount:
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		top := 100
		if def.Kind == kindCount {
			top = 9999
		}
		if err != nil || n < 0 || n > top {
			return nil, fmt.Errorf("%q is not a whole number from 0 to %d: write it like %s", safe(raw), top, placeholderOr(def, "20"))
		}
		return n, nil
	case kindCodes:
		return splitCodes(raw), nil
	case kindList:
		return splitList(raw), nil
	case kindState:
		if s == "" {
			return nil, nil
		}
		if code := workflow.StateCode(s); code != "" {
			return code, nil
		}
		return nil, fmt.Errorf("%q is not a US state: write its name or its 2-letter code, like Texas or TX", safe(s))
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
		return nil, errors.New("choose one of the options with ↑ and ↓")
	}
	return workflow.SanitizeLine(s), nil
}

func placeholderOr(def fieldDef, s string) string {
	if def.Placeholder != "" {
		return def.Placeholder
	}
	return s
}

// dateFormats are the ways people write a date: ISO, US numeric with a
// four- or two-digit year, and the month in words.
var dateFormats = []string{"2006-01-02", "1/2/2006", "1-2-2006", "1.2.2006", "1/2/06", "1-2-06",
	"Jan 2 2006", "Jan 2, 2006", "January 2 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006"}

// parseDate reads a date as people write it in the US: 2026-09-08,
// 09/08/2026, 9/8/26, Sep 8 2026, September 8, 2026. A two-digit year is
// in this century unless that is more than a year ahead of now. A year the
// case file does not take (casefile.CheckYear) is refused by name, so
// that no deadline counted from it gets five digits.
func parseDate(s string, now time.Time) (workflow.Date, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return workflow.Date{}, nil
	}
	t, ok := readDate(s, now)
	if !ok {
		return workflow.Date{}, fmt.Errorf("%q is not a date: write it like 09/14/2026 or 2026-09-14", safe(s))
	}
	if err := casefile.CheckYear(t.Year()); err != nil {
		return workflow.Date{}, err
	}
	return workflow.DateOf(t), nil
}

// readDate reads s in one of dateFormats.
func readDate(s string, now time.Time) (time.Time, bool) {
	for _, f := range dateFormats {
		t, err := time.Parse(f, s)
		if err != nil {
			continue
		}
		if strings.HasSuffix(f, "06") && !strings.HasSuffix(f, "2006") {
			// time.Parse puts 69 to 99 in the 1900s; decide by now instead.
			y := 2000 + t.Year()%100
			if y > now.Year()+1 {
				y -= 100
			}
			t = time.Date(y, t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		return t, true
	}
	return time.Time{}, false
}

// timeFormats are the ways a time of day is written after a date.
var timeFormats = []string{"15:04", "3:04pm", "3:04 pm", "3pm", "3 pm"}

// parseDateTime reads a date and time ("09/14/2026 10:30", "2026-09-14
// 2:15pm"), or a date alone, which is taken as noon of that day. It
// returns nil for empty text.
func parseDateTime(s string, now time.Time) (any, error) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if s == "" {
		return nil, nil
	}
	at := func(d time.Time, hour, minute int) (any, error) {
		if err := casefile.CheckYear(d.Year()); err != nil {
			return nil, err
		}
		return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, now.Location()), nil
	}
	if d, ok := readDate(s, now); ok {
		return at(d, 12, 0)
	}
	for i := strings.LastIndexByte(s, ' '); i > 0; i = strings.LastIndexByte(s[:i], ' ') {
		d, ok := readDate(s[:i], now)
		if !ok {
			continue
		}
		for _, f := range timeFormats {
			if t, err := time.Parse(f, s[i+1:]); err == nil {
				return at(d, t.Hour(), t.Minute())
			}
		}
	}
	return nil, fmt.Errorf("%q is not a date and time: write it like 09/14/2026 10:30, or the date alone", safe(s))
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

// splitList reads a list of codes typed with commas or spaces ("I63.9,
// r47.01") into upper-case entries.
func splitList(raw string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(workflow.SanitizeLine(raw), func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if c := strings.ToUpper(f); !slices.Contains(out, c) {
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

// displayValue is how a stored value reads in a form: a choice by its
// words, a date US style, a time without its zone.
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
	case kindDate:
		if d, err := workflow.ParseDate(stored); err == nil && !d.IsZero() {
			return d.Time().Format("01/02/2006")
		}
	case kindDateTime:
		if t, err := time.Parse(time.RFC3339, stored); err == nil {
			return t.Format("01/02/2006 15:04")
		}
	case kindCount:
		if stored == "0" {
			return ""
		}
	}
	return stored
}

// choiceLabel is the words of value v among choices.
func choiceLabel(choices []choice, v string) string {
	for _, c := range choices {
		if c.Value == v {
			return c.Label
		}
	}
	return v
}
