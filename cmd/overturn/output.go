package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// The --json shapes. They are documented in the README: add fields, never
// rename or remove them.

type listItem struct {
	ID           uint64        `json:"id"`
	Title        string        `json:"title"`
	Claim        string        `json:"claim"`
	Step         int           `json:"step"`
	Status       string        `json:"status"`
	Updated      time.Time     `json:"updated"`
	NextDeadline *nextDeadline `json:"next_deadline"`
}

type nextDeadline struct {
	Kind     string `json:"kind"`
	Title    string `json:"title"`
	Due      string `json:"due"`
	DueTime  string `json:"due_time,omitempty"`
	DaysLeft int    `json:"days_left"`
}

func newListItem(s store.Summary, now time.Time) listItem {
	it := listItem{
		ID:      s.ID,
		Title:   s.Title,
		Claim:   s.Claim,
		Step:    int(s.Step),
		Status:  string(s.Status),
		Updated: s.Updated.UTC(),
	}
	if d := s.NextDeadline; d != nil {
		it.NextDeadline = &nextDeadline{
			Kind:     string(d.Kind),
			Title:    d.Title,
			Due:      d.Due.String(),
			DueTime:  formatDueTime(d.DueTime),
			DaysLeft: workflow.DateOf(now).DaysUntil(d.Due),
		}
	}
	return it
}

type deadlineItem struct {
	CaseID    uint64 `json:"case_id"`
	CaseTitle string `json:"case_title"`
	Kind      string `json:"kind"`
	Level     string `json:"level,omitempty"`
	Title     string `json:"title"`
	Due       string `json:"due"`
	DueTime   string `json:"due_time,omitempty"`
	Target    string `json:"target,omitempty"`
	DaysLeft  int    `json:"days_left"`
	State     string `json:"state"`
	Rule      string `json:"rule"`
	Cite      string `json:"cite"`
	Note      string `json:"note,omitempty"`

	dueTime  string            // DueTime for people: "2026-11-29 00:00 UTC"
	deadline workflow.Deadline // the deadline itself
}

func newDeadlineItem(id uint64, title string, d workflow.Deadline) deadlineItem {
	return deadlineItem{
		CaseID:    id,
		CaseTitle: title,
		Kind:      string(d.Kind),
		Level:     string(d.Level),
		Title:     d.Title,
		Due:       d.Due.String(),
		DueTime:   formatDueTime(d.DueTime),
		Target:    d.Target.String(),
		DaysLeft:  d.DaysLeft,
		State:     string(d.State),
		Rule:      d.Rule,
		Cite:      d.Cite,
		Note:      d.Note,
		dueTime:   humanTime(d.DueTime),
		deadline:  d,
	}
}

func humanTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04 MST")
}

func formatDueTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

type showJSON struct {
	ID           uint64          `json:"id"`
	Case         json.RawMessage `json:"case"`
	StepTitle    string          `json:"step_title"`
	EOBChecklist []checkItem     `json:"eob_checklist"`
	Deadlines    []deadlineItem  `json:"deadlines"`
	NextActions  []actionItem    `json:"next_actions"`
	// Warnings are the contradictions found in the case
	// (workflow.Consistency).
	Warnings []warningItem `json:"warnings"`
}

type checkItem struct {
	Check   string `json:"check"`
	Label   string `json:"label"`
	Status  string `json:"status"`
	Details string `json:"details"`
}

type warningItem struct {
	Text  string `json:"text"`
	Field string `json:"field"`
}

type actionItem struct {
	Text   string `json:"text"`
	Due    string `json:"due,omitempty"`
	Urgent bool   `json:"urgent"`
	Field  string `json:"field,omitempty"`
}

func newShowJSON(id uint64, c *workflow.Case, ref *workflow.Reference, now time.Time) (showJSON, error) {
	data, err := casefile.Marshal(c)
	if err != nil {
		return showJSON{}, err
	}
	v := showJSON{
		ID:           id,
		Case:         json.RawMessage(data),
		StepTitle:    c.Step.TitleFor(c),
		EOBChecklist: []checkItem{},
		Deadlines:    []deadlineItem{},
		NextActions:  []actionItem{},
		Warnings:     []warningItem{},
	}
	for _, ch := range workflow.Checks(ref.Insurer(c.Insurer)) {
		st := ch.Of(&c.EOBErrors)
		v.EOBChecklist = append(v.EOBChecklist, checkItem{ch.Key, ch.Title, string(st.Status), st.Details})
	}
	for _, w := range workflow.Consistency(c, now) {
		v.Warnings = append(v.Warnings, warningItem{w.Text, w.Field})
	}
	for _, d := range workflow.Deadlines(c, now) {
		v.Deadlines = append(v.Deadlines, newDeadlineItem(id, c.Title, d))
	}
	for _, act := range workflow.NextActions(c, ref, now) {
		v.NextActions = append(v.NextActions, actionItem{act.Text, act.Due.String(), act.Urgent, act.Field})
	}
	return v, nil
}

// checkJSON is the --json report of overturn check.
type checkJSON struct {
	OK      bool            `json:"ok"`
	Damaged int             `json:"damaged"`
	File    checkFileJSON   `json:"file"`
	Backups []checkFileJSON `json:"backups"`
}

type checkFileJSON struct {
	Path     string    `json:"path"`
	OK       bool      `json:"ok"`
	Problem  string    `json:"problem,omitempty"`
	Size     int64     `json:"size"`
	Modified time.Time `json:"modified"`
	Format   int       `json:"format"`
	Writer   string    `json:"writer"`
	Cases    int       `json:"cases"`
	Trashed  int       `json:"trashed"`
	InUse    bool      `json:"in_use,omitempty"`
	Future   bool      `json:"dated_in_future,omitempty"`
}

func newCheckJSON(r store.Report) checkJSON {
	file := func(fr store.FileReport) checkFileJSON {
		v := checkFileJSON{Path: fr.Path, OK: fr.Err == nil, Size: fr.Size, Modified: fr.Modified,
			Format: fr.Format, Writer: fr.Writer, Cases: fr.Cases, Trashed: fr.Trashed, InUse: fr.InUse, Future: fr.Future}
		if fr.Err != nil {
			v.Problem = fr.Err.Error()
		}
		return v
	}
	v := checkJSON{File: file(r.File), Backups: []checkFileJSON{}}
	for _, b := range r.Backups {
		v.Backups = append(v.Backups, file(b))
	}
	for _, f := range append([]checkFileJSON{v.File}, v.Backups...) {
		if !f.OK {
			v.Damaged++
		}
	}
	v.OK = v.Damaged == 0
	return v
}

// writeCheckText prints what overturn check found, a file a line (two for
// a damaged one), and returns how many files are damaged.
func writeCheckText(w io.Writer, r store.Report) int {
	damaged := 0
	for i, fr := range append([]store.FileReport{r.File}, r.Backups...) {
		what := "backup"
		if i == 0 {
			what = "case file"
		}
		if fr.Err != nil {
			damaged++
			fmt.Fprintf(w, "DAMAGED  %-9s  %s\n         %s\n", what, workflow.SanitizeLine(fr.Path), workflow.SanitizeLine(fr.Err.Error()))
			continue
		}
		note := ""
		switch {
		case fr.InUse:
			note = " (open in another Overturn: a copy taken now was checked)"
		case fr.Future:
			note = " (dated in the future: the clock was wrong when it was taken, so it is not the newest)"
		}
		fmt.Fprintf(w, "ok       %-9s  %s: %d cases, %d in the trash%s\n", what, workflow.SanitizeLine(fr.Path), fr.Cases, fr.Trashed, note)
	}
	return damaged
}

func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeShow prints the case summary for people.
func writeShow(w io.Writer, id uint64, c *workflow.Case, ref *workflow.Reference, now time.Time) error {
	p := &printer{w: w}
	p.heading(fmt.Sprintf("Case %d: %s", id, orUnknown(c.Title)))
	p.field("Status", fmt.Sprintf("%s, step %d of 7: %s", c.Status, c.Step, c.Step.TitleFor(c)))
	p.field("Insurer", c.Insurer)
	p.field("Member", joinKnown(c.Member.Name, labelled("member ID", c.Member.MemberID), labelled("group", c.Member.GroupNumber)))
	if c.Patient.Name != "" {
		p.field("Patient", joinKnown(c.Patient.Name, c.Patient.Relationship))
	}
	if c.Representative.Name != "" {
		p.field("Representative", joinKnown(c.Representative.Name, c.Representative.Relationship))
	}
	p.field("Plan", joinKnown(string(c.Plan.Type), c.Plan.State, c.Plan.Employer, levels(c.Plan.InternalLevels)))
	p.field("Claim", joinKnown(c.Claim.Number, labelled("service", c.Claim.DateOfService.String()), c.Claim.Provider.Name, labelled("NPI", c.Claim.Provider.NPI)))
	var codes []string
	for _, pr := range c.Claim.Procedures {
		codes = append(codes, pr.Code)
	}
	p.field("Procedures", strings.Join(codes, ", "))
	p.field("Diagnoses", strings.Join(c.Claim.Diagnoses, ", "))
	p.field("Amounts", fmt.Sprintf("billed %s, allowed %s, plan paid %s, you owe %s",
		money(c.Claim.Billed), money(c.Claim.Allowed), money(c.Claim.PlanPaid), money(c.Claim.MemberOwes)))
	if related := c.Claim.RelatedClaims(); len(related) > 0 {
		p.field("Also denied", strings.Join(related, "; "))
	}
	p.field("EOB", joinKnown(labelled("dated", c.EOB.Date.String()), labelled("received", c.EOB.Received.String()), strings.Join(c.EOB.Codes, ", ")))
	if c.EOB.Reason != "" {
		p.field("Reason", c.EOB.Reason)
	}
	urgent := ""
	if c.Denial.Urgent && c.Denial.IsUrgent() && c.Denial.Review != workflow.ReviewUrgent {
		urgent = "urgent"
	}
	p.field("Denial", joinKnown(string(c.Denial.Category), string(c.Denial.Review), urgent, labelled("letter dated", c.Denial.LetterDate.String()), labelled("received", c.Denial.Received.String())))
	if c.Denial.Policy.Number != "" || c.Denial.Policy.Title != "" {
		p.field("Policy", joinKnown(c.Denial.Policy.Number, c.Denial.Policy.Title))
	}
	for _, ap := range c.Appeals {
		p.field("Appeal", joinKnown("level "+string(ap.Level), labelled("filed", ap.Filed.String()), string(ap.Method), string(ap.Decision)))
	}

	p.heading("EOB checklist")
	for _, ch := range workflow.Checks(ref.Insurer(c.Insurer)) {
		st := ch.Of(&c.EOBErrors)
		line := fmt.Sprintf("  %-12s %s", st.Status.Label(), ch.Title)
		if st.Details != "" {
			line += ": " + workflow.SanitizeLine(st.Details)
		}
		p.line(line)
	}

	if warns := workflow.Consistency(c, now); len(warns) > 0 {
		p.heading("Check")
		for _, w := range warns {
			p.bullet(w.Text)
		}
	}

	p.heading("Deadlines")
	if notice := workflow.GovernmentPlanNotice(c); notice != "" {
		p.line("  " + workflow.SanitizeLine(notice))
	}
	ds := workflow.Deadlines(c, now)
	if len(ds) == 0 {
		p.line("  none open")
	}
	for _, d := range ds {
		title := d.Title
		if !d.DueTime.IsZero() {
			title += " (by " + humanTime(d.DueTime) + ")"
		}
		p.line(fmt.Sprintf("  %s  %s (%s): %s", d.Due, daysPhrase(d.DaysLeft), d.State, title))
		p.para("      ", d.Rule)
		p.line("      Source: " + d.Cite)
		if d.Note != "" {
			p.para("      ", d.Note)
		}
	}

	p.heading("Next")
	acts := workflow.NextActions(c, ref, now)
	if len(acts) == 0 {
		p.line("  nothing to do now")
	}
	for _, act := range acts {
		text := act.Text
		if act.Urgent {
			text = "URGENT: " + text
		}
		if !act.Due.IsZero() {
			text += " (by " + act.Due.String() + ")"
		}
		p.bullet(text)
	}
	return p.err
}

// printer writes lines of user text, sanitized, and keeps the first error.
type printer struct {
	w       io.Writer
	err     error
	started bool
}

// line writes s, keeping its indentation.
func (p *printer) line(s string) {
	if p.err == nil {
		text := strings.TrimLeft(s, " ")
		indent := s[:len(s)-len(text)]
		_, p.err = fmt.Fprintln(p.w, indent+workflow.SanitizeLine(text))
	}
}

// para writes text wrapped to the width of a terminal, each line indented.
func (p *printer) para(indent, text string) {
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.w, indent+wrap(workflow.SanitizeLine(text), 78-len(indent), indent))
	}
}

// bullet writes text as a wrapped list item.
func (p *printer) bullet(text string) {
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.w, "  - "+wrap(workflow.SanitizeLine(text), 74, "    "))
	}
}

func (p *printer) heading(s string) {
	if p.started {
		p.line("")
	}
	p.started = true
	p.line(s)
}

func (p *printer) field(label, value string) {
	if p.err == nil {
		value = wrap(workflow.SanitizeLine(orUnknown(value)), 61, strings.Repeat(" ", 17))
		_, p.err = fmt.Fprintf(p.w, "  %-15s%s\n", label, value)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "(not known yet)"
	}
	return s
}

func labelled(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + value
}

func joinKnown(parts ...string) string {
	var known []string
	for _, s := range parts {
		if s != "" {
			known = append(known, s)
		}
	}
	return strings.Join(known, ", ")
}

func levels(n int) string {
	switch n {
	case 1:
		return "one internal appeal level"
	case 2:
		return "two internal appeal levels"
	}
	return ""
}

func money(m workflow.Money) string {
	if !m.Known() {
		return "?"
	}
	return m.Dollars()
}
