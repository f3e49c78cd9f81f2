package workflow

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
)

// LetterKind names a letter; the values are those of `overturn letter --kind`.
type LetterKind string

// The letter kinds.
const (
	LetterLevel1         LetterKind = "level1"
	LetterLevel2         LetterKind = "level2"
	LetterExternal       LetterKind = "external"
	LetterFollowUp       LetterKind = "followup"
	LetterPhysician      LetterKind = "physician"
	LetterCorrectedClaim LetterKind = "corrected-claim"
	LetterAudit          LetterKind = "audit"
	LetterClaimFile      LetterKind = "claim-file"
	LetterComplaint      LetterKind = "complaint"
)

var letterTitles = map[LetterKind]string{
	LetterLevel1:         "Level 1 appeal",
	LetterLevel2:         "Level 2 appeal",
	LetterExternal:       "External review request",
	LetterFollowUp:       "Follow-up on a pending appeal",
	LetterPhysician:      "Request for a letter of medical necessity",
	LetterCorrectedClaim: "Corrected-claim request",
	LetterAudit:          "Claim audit request",
	LetterClaimFile:      "Claim-file request",
	LetterComplaint:      "Complaint to the regulator",
}

// LetterKinds returns every letter kind.
func LetterKinds() []LetterKind {
	return []LetterKind{
		LetterLevel1, LetterLevel2, LetterExternal, LetterFollowUp, LetterPhysician,
		LetterCorrectedClaim, LetterAudit, LetterClaimFile, LetterComplaint,
	}
}

// Title names the letter in plain words: "Level 1 appeal".
func (k LetterKind) Title() string {
	if t, ok := letterTitles[k]; ok {
		return t
	}
	return string(k)
}

// Letters renders letters from templates parsed once.
type Letters struct {
	t *template.Template
}

// NewLetters parses the letter templates in fsys: every *.tmpl file at its
// root. Each letter kind must have a template of its own name ("level1").
// In a template, a backslash at the end of a line joins it to the next, so
// that a paragraph can be written over several source lines.
func NewLetters(fsys fs.FS) (*Letters, error) {
	names, err := fs.Glob(fsys, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("letter templates: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("letter templates: no *.tmpl files found")
	}
	root := template.New("letters").Option("missingkey=error")
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("letter templates: %w", err)
		}
		t := root.New(strings.TrimSuffix(path.Base(name), ".tmpl"))
		if _, err := t.Parse(letterJoinContinued(string(src))); err != nil {
			return nil, fmt.Errorf("letter templates: %w", err)
		}
	}
	for _, k := range LetterKinds() {
		if root.Lookup(string(k)) == nil {
			return nil, fmt.Errorf("letter templates: no template for the %s (%s.tmpl)", strings.ToLower(k.Title()), k)
		}
	}
	return &Letters{t: root}, nil
}

// letterJoinContinued joins each line that ends in a backslash to the next,
// dropping the next line's indentation.
func letterJoinContinued(src string) string {
	if !strings.Contains(src, "\\\n") {
		return src
	}
	var b strings.Builder
	for {
		before, after, found := strings.Cut(src, "\\\n")
		b.WriteString(before)
		if !found {
			return b.String()
		}
		src = strings.TrimLeft(after, " \t")
	}
}

// NotApplicableError says a letter does not fit the case at all (not that
// facts are missing): a level 2 appeal on a one-level plan, a federal
// appeal letter for a Medicare or Medicaid plan.
type NotApplicableError struct {
	Kind   LetterKind
	Reason string
}

func (e *NotApplicableError) Error() string {
	return "the " + strings.ToLower(e.Kind.Title()) + " does not apply to this case: " + e.Reason
}

// Render writes the letter of the given kind for the case, dated today.
// When required facts are missing it returns a *MissingError and no text;
// when the letter does not fit the case, a *NotApplicableError.
func (l *Letters) Render(kind LetterKind, c *Case, today Date) (string, error) {
	if _, ok := letterTitles[kind]; !ok {
		return "", fmt.Errorf("there is no letter kind %q: use one of %s", kind, letterKindList())
	}
	if c == nil {
		return "", errors.New("no case to write the letter for")
	}
	if today.IsZero() {
		return "", errors.New("the letter needs today's date")
	}
	if reason := letterNotApplicable(kind, c); reason != "" {
		return "", &NotApplicableError{Kind: kind, Reason: reason}
	}
	if m := l.Missing(kind, c); len(m) > 0 {
		return "", &MissingError{What: "write the " + strings.ToLower(kind.Title()), Missing: m}
	}
	var b bytes.Buffer
	if err := l.t.ExecuteTemplate(&b, string(kind), newLetterData(kind, c, today)); err != nil {
		return "", fmt.Errorf("writing the %s: %w", strings.ToLower(kind.Title()), err)
	}
	return letterLayout(b.String()), nil
}

func letterKindList() string {
	ks := LetterKinds()
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
