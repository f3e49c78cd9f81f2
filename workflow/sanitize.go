package workflow

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes text safe to keep and to show in a terminal. It
//
//   - removes whole terminal escape sequences, not just their ESC byte:
//     CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ST), DCS, SOS, PM
//     and APC strings (ESC P, X, ^, _ ... ST), the other two- and
//     three-byte escapes, and the same sequences introduced by their 8-bit
//     C1 forms (U+009B, U+009D, ...). A string sequence that is never
//     terminated swallows the rest of the text, as a terminal would;
//   - removes the C0 controls other than newline and tab, DEL, and the C1
//     controls U+0080 to U+009F;
//   - turns "\r\n", a lone "\r" and the Unicode line and paragraph
//     separators (U+2028, U+2029) into "\n", so "approved\rDENIED" cannot
//     overwrite a line;
//   - removes the bidirectional overrides, embeddings and isolates
//     (U+202A to U+202E, U+2066 to U+2069), the direction marks (U+200E,
//     U+200F, U+061C) and the byte order mark U+FEFF;
//   - drops bytes that are not valid UTF-8;
//   - trims white space at both ends.
//
// Everything else, CJK, accents, emoji with their joiners and variation
// selectors, is kept. Sanitize is idempotent.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeLine is Sanitize for single-line fields: each run of newlines
// and tabs becomes one space.
func SanitizeLine(s string) string { return sanitize(s, true) }

const (
	ctlESC = 0x1b
	ctlBEL = 0x07
	ctlCAN = 0x18
	ctlSUB = 0x1a
)

func sanitize(s string, line bool) string {
	if isCleanASCII(s, line) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inBreak := false // line mode: a space already stands for this run of breaks
	brk := func(r byte) {
		if !line {
			b.WriteByte(r)
			return
		}
		if !inBreak {
			b.WriteByte(' ')
			inBreak = true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ctlESC:
				i = skipEscape(s, i+1)
			case c == '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++ // the '\n' that follows stands for both
				} else {
					brk('\n')
					i++
				}
			case c == '\n' || c == '\t':
				brk(c)
				i++
			case c < 0x20 || c == 0x7f:
				i++
			default:
				b.WriteByte(c)
				inBreak = false
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// not UTF-8: drop the byte
		case r == 0x9b: // CSI
			i = skipCSI(s, i)
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS SOS OSC PM APC
			i = skipString(s, i)
		case r >= 0x80 && r <= 0x9f, isBidi(r), r == 0xfeff:
			// C1 control, direction control, byte order mark
		case r == 0x2028 || r == 0x2029:
			brk('\n')
		default:
			b.WriteString(s[i-size : i])
			inBreak = false
		}
	}
	return strings.TrimSpace(b.String())
}

// isCleanASCII reports whether sanitize would return s unchanged because
// it is printable ASCII (with newlines and tabs, outside line mode) that
// neither starts nor ends with white space: most text is, and it costs no
// copy.
func isCleanASCII(s string, line bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 || c >= 0x7f) && (line || c != '\n' && c != '\t') {
			return false
		}
	}
	return s == "" || !isASCIISpace(s[0]) && !isASCIISpace(s[len(s)-1])
}

func isASCIISpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// isBidi reports whether r is a bidirectional formatting character.
func isBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index just past the escape sequence whose ESC
// byte ends just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // nF: intermediates, then a final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e: // Fp, Fe, Fs: one byte
		return i + 1
	default:
		// A lone ESC: drop it and read what follows normally.
		return i
	}
}

// skipCSI returns the index just past a control sequence whose
// introducer ends just before i: parameter bytes, intermediate bytes and
// a final byte. A malformed sequence ends at the first byte that does not
// fit; that byte is then read normally.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the index just past a control string (OSC, DCS,
// SOS, PM, APC) whose introducer ends just before i. It ends at BEL, at
// ST (ESC \ or U+009C), or is cancelled by CAN or SUB; an ESC that does
// not start ST ends it and starts a new sequence.
func skipString(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case ctlBEL, ctlCAN, ctlSUB:
			return i + 1
		case ctlESC:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
	}
	return i
}

// clean sanitizes a single-line field in place.
func sanitizeField[T ~string](p *T) { *p = T(SanitizeLine(string(*p))) }

// cleanText sanitizes a multi-line field in place.
func sanitizeText(p *string) { *p = Sanitize(*p) }

// Sanitize applies SanitizeLine to every single-line text field of the
// case, and Sanitize to the multi-line ones (addresses, reasons, notes,
// criteria and evidence, details, outcomes, descriptions).
func (c *Case) Sanitize() {
	sanitizeField(&c.Format)
	sanitizeField(&c.Title)
	sanitizeField(&c.Insurer)

	m := &c.Member
	sanitizeField(&m.Name)
	sanitizeField(&m.MemberID)
	sanitizeField(&m.GroupNumber)
	sanitizeText(&m.Address)
	sanitizeField(&m.Phone)
	sanitizeField(&m.Email)

	sanitizeField(&c.Patient.Name)
	sanitizeField(&c.Patient.Relationship)

	ph := &c.Physician
	sanitizeField(&ph.Name)
	sanitizeField(&ph.Credentials)
	sanitizeField(&ph.Specialty)
	sanitizeText(&ph.Address)
	sanitizeField(&ph.Phone)
	sanitizeField(&ph.Fax)

	r := &c.Representative
	sanitizeField(&r.Name)
	sanitizeField(&r.Relationship)
	sanitizeText(&r.Address)
	sanitizeField(&r.Phone)
	sanitizeField(&r.Email)

	sanitizeField(&c.Plan.Type)
	sanitizeField(&c.Plan.Funding)
	sanitizeField(&c.Plan.State)
	sanitizeField(&c.Plan.Employer)
	sanitizeText(&c.Plan.Administrator)

	cl := &c.Claim
	sanitizeField(&cl.Number)
	pr := &cl.Provider
	sanitizeField(&pr.Name)
	sanitizeField(&pr.NPI)
	sanitizeField(&pr.Specialty)
	sanitizeText(&pr.Address)
	sanitizeField(&pr.Network)
	sanitizeField(&pr.Verified.Source)
	sanitizeField(&pr.Verified.Reference)
	sanitizeField(&cl.Facility.Name)
	sanitizeField(&cl.Facility.Network)
	sanitizeText(&cl.Symptoms)
	sanitizeField(&cl.DuplicateOf)
	sanitizeText(&cl.Related)
	for i := range cl.Procedures {
		p := &cl.Procedures[i]
		sanitizeField(&p.Code)
		sanitizeText(&p.Description)
		for j := range p.Modifiers {
			sanitizeField(&p.Modifiers[j])
		}
	}
	for i := range cl.Diagnoses {
		sanitizeField(&cl.Diagnoses[i])
	}

	sanitizeField(&c.EOB.File)
	for i := range c.EOB.Codes {
		sanitizeField(&c.EOB.Codes[i])
	}
	sanitizeText(&c.EOB.Reason)
	sanitizeText(&c.EOB.ClaimsAddress)

	d := &c.Denial
	sanitizeField(&d.Category)
	sanitizeField(&d.Review)
	sanitizeField(&d.Reviewer)
	sanitizeText(&d.AppealsAddress)
	sanitizeField(&d.AppealsFax)
	sanitizeField(&d.AppealsPhone)
	sanitizeText(&d.ExternalReviewAddress)
	sanitizeField(&d.BHLevel)
	sanitizeText(&d.Limit)
	sanitizeText(&d.Argument)
	sanitizeField(&d.PriorAuth.Number)
	sanitizeField(&d.Policy.Number)
	sanitizeField(&d.Policy.Title)
	for i := range d.Policy.Criteria {
		cr := &d.Policy.Criteria[i]
		sanitizeField(&cr.ID)
		sanitizeText(&cr.Text)
		sanitizeText(&cr.Evidence)
	}
	x := &d.Experimental
	sanitizeText(&x.Definition)
	sanitizeText(&x.FDAStatus)
	for i := range x.Evidence {
		sanitizeText(&x.Evidence[i])
	}
	if d.Notice != nil {
		notice := make(map[string]bool, len(d.Notice))
		for k, v := range d.Notice {
			notice[SanitizeLine(k)] = v
		}
		d.Notice = notice
	}

	for _, ch := range []*Check{&c.EOBErrors.Network, &c.EOBErrors.CPT,
		&c.EOBErrors.Duplicate, &c.EOBErrors.CostShare, &c.EOBErrors.PriorAuth} {
		sanitizeField(&ch.Status)
		sanitizeText(&ch.Details)
	}

	sanitizeField(&c.CostShare.Network)

	for i := range c.Calls {
		call := &c.Calls[i]
		sanitizeField(&call.With)
		sanitizeField(&call.Rep)
		sanitizeField(&call.Reference)
		sanitizeText(&call.Outcome)
	}
	for i := range c.Messages {
		msg := &c.Messages[i]
		sanitizeField(&msg.Subject)
		sanitizeField(&msg.Reference)
	}
	for i := range c.Documents {
		doc := &c.Documents[i]
		sanitizeField(&doc.Kind)
		sanitizeText(&doc.Description)
		sanitizeField(&doc.Status)
		sanitizeField(&doc.File)
		for j := range doc.SentWith {
			sanitizeField(&doc.SentWith[j])
		}
	}
	for i := range c.Appeals {
		a := &c.Appeals[i]
		sanitizeField(&a.Level)
		sanitizeField(&a.Method)
		sanitizeField(&a.Tracking)
		sanitizeField(&a.CaseNumber)
		sanitizeField(&a.Decision)
		sanitizeText(&a.DecisionReason)
	}

	sanitizeField(&c.Status)
	sanitizeText(&c.Resolution)
	sanitizeField(&c.Resume.Field)
}
