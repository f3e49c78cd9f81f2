// Package letter writes the letters of an appeal: the appeals themselves,
// the external review request, the follow-up, the request to the doctor,
// the claim-file and plan-documents requests, the letters to the
// provider, and the complaint to the regulator.
//
// Each kind of letter is one row of a spec table (spec.go: who it goes to,
// when it is offered, when it must be refused, the gaps it lists, whether
// it carries clinical facts) and one template (assets/letters). A letter
// is refused only when it would be wrong or useless: no writer, no claim,
// no recipient, or a letter the case contradicts. Everything else is
// written with what the case holds, and what is missing is listed beside
// it as gaps, each with a severity: never inside the letter.
//
// The rules the letters follow, and cite, are those of rules.md (version
// 2), by plan type (workflow.Law). Insurer names, addresses and phone
// lines come from the insurer's profile and the regulators from their
// tables (workflow.Reference): no insurer is named in this package's code.
package letter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
	"time"

	"github.com/overturn/overturn/workflow"
)

// Severity says how much a gap matters.
type Severity int

// The severities of a gap.
const (
	// MustFill: the letter should not be sent until the gap is filled (no
	// address to send it to, no member ID, an urgent appeal without its
	// fax number).
	MustFill Severity = iota
	// Strengthens: the letter can be sent, but the fact would make it
	// stronger.
	Strengthens
)

// String says the severity in plain words.
func (s Severity) String() string {
	if s == MustFill {
		return "must fill before sending"
	}
	return "would strengthen the letter"
}

// Gap is one fact the letter lacks. Field is the fact's path in the case
// file ("member.phone", "claim.procedures[0].code"), so a screen can jump
// to the field that fills it; Label says it in plain words.
type Gap struct {
	Field    string
	Label    string
	Severity Severity
}

// Letter is one rendered letter and what goes beside it.
type Letter struct {
	Kind  Kind
	Title string
	// Text is the whole letter, lines wrapped at 72 columns, ending in a
	// newline.
	Text string
	// Sender and Recipient are the letter's address blocks, line by line,
	// for an envelope window; Date is the date line; Claim the claim
	// number, for the header of later pages.
	Sender, Recipient []string
	Date              string
	Claim             string
	// Gaps are the facts the letter lacks, must-fill ones first.
	Gaps []Gap
	// Warnings are contradictions in the case the letter carries
	// (workflow.Consistency).
	Warnings []workflow.Warning
	// Notes say how to send the letter and what to know about it: by
	// phone and fax for an urgent appeal, an option beside the appeal.
	Notes []string
	// Option is true for a letter that takes another path than the normal
	// one (external review before the internal appeals end, on a notice
	// defect): it is explained in Notes and never Ready.
	Option bool
	// Ready is true when nothing must be filled and the letter is not an
	// option: it can be sent as it stands.
	Ready bool
}

// MustFill returns the gaps that must be filled before sending.
func (l *Letter) MustFill() []Gap {
	var out []Gap
	for _, g := range l.Gaps {
		if g.Severity == MustFill {
			out = append(out, g)
		}
	}
	return out
}

// RefusedError says why a letter cannot be written for the case: it would
// be wrong (the case contradicts it) or useless (no writer, no claim, no
// recipient). Field, when set, is the case-file path whose fact would
// change that.
type RefusedError struct {
	Kind   Kind
	Reason string
	Field  string
}

func (e *RefusedError) Error() string {
	return "cannot write the " + strings.ToLower(e.Kind.Title()) + ": " + e.Reason
}

// Engine renders letters from templates parsed once, with the reference
// data (insurer profiles, regulators, denial codes).
type Engine struct {
	t     *template.Template
	ref   *workflow.Reference
	codes *workflow.CodeTable
}

// New parses the letter templates in fsys (assets.Letters()): every *.tmpl
// file at its root; each kind must have a template of its own name
// ("level1"). In a template, a backslash at the end of a line joins it to
// the next, so that a paragraph can be written over several source lines.
// ref gives the insurer profiles and regulators and codes the meanings of
// denial codes; either may be nil (generic insurer, no regulators, codes
// not explained).
func New(fsys fs.FS, ref *workflow.Reference, codes *workflow.CodeTable) (*Engine, error) {
	names, err := fs.Glob(fsys, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("letter templates: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("letter templates: no *.tmpl files found")
	}
	root := template.New("letters").Option("missingkey=error").Funcs(template.FuncMap{"upper": upper})
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("letter templates: %w", err)
		}
		t := root.New(strings.TrimSuffix(path.Base(name), ".tmpl"))
		if _, err := t.Parse(joinContinued(string(src))); err != nil {
			return nil, fmt.Errorf("letter templates: %w", err)
		}
	}
	for _, k := range Kinds() {
		if root.Lookup(string(k)) == nil {
			return nil, fmt.Errorf("letter templates: no template for the %s (%s.tmpl)", strings.ToLower(k.Title()), k)
		}
	}
	return &Engine{t: root, ref: ref, codes: codes}, nil
}

// joinContinued joins each line that ends in a backslash to the next,
// dropping the next line's indentation.
func joinContinued(src string) string {
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

// Render writes the letter of the given kind for the case, dated the day
// of now, with its gaps, warnings and notes. It returns a *RefusedError
// when the letter would be wrong or useless; every other gap is listed
// beside the letter.
func (e *Engine) Render(kind Kind, c *workflow.Case, now time.Time) (*Letter, error) {
	sp, ok := specFor(kind)
	if !ok {
		return nil, fmt.Errorf("there is no letter kind %q: use one of %s", kind, kindList())
	}
	if c == nil {
		return nil, errors.New("no case to write the letter for")
	}
	f := e.facts(c, now)
	if err := f.refuse(sp); err != nil {
		return nil, err
	}
	d := f.data(sp)
	var b bytes.Buffer
	if err := e.t.ExecuteTemplate(&b, string(kind), d); err != nil {
		return nil, fmt.Errorf("writing the %s: %w", strings.ToLower(kind.Title()), err)
	}
	l := &Letter{
		Kind:      kind,
		Title:     kind.Title(),
		Text:      layout(b.String()),
		Sender:    d.Sender,
		Recipient: d.Recipient,
		Date:      d.Date,
		Claim:     d.ClaimNumber,
		Gaps:      f.gaps(sp),
		Warnings:  f.warnings,
		Notes:     f.notes(sp, d),
		Option:    sp.option != nil && sp.option(f),
	}
	l.Ready = !l.Option && len(l.MustFill()) == 0
	return l, nil
}

// Offer is a letter that fits the case now, with why.
type Offer struct {
	Kind Kind
	// Why says in one line why the letter fits now.
	Why string
	// Option is true for another path than the normal one, explained in
	// the letter's Notes (external review on a notice defect).
	Option bool
}

// Offers returns the letters that fit the case at now, in the order of
// Kinds. A letter not offered may still be rendered when it is not
// refused.
func (e *Engine) Offers(c *workflow.Case, now time.Time) []Offer {
	if c == nil {
		return nil
	}
	f := e.facts(c, now)
	var out []Offer
	for _, sp := range specs {
		if sp.offer == nil || f.refuse(sp) != nil {
			continue
		}
		if why := sp.offer(f); why != "" {
			out = append(out, Offer{Kind: sp.kind, Why: why, Option: sp.option != nil && sp.option(f)})
		}
	}
	return out
}
