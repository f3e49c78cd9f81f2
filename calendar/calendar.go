// Package calendar writes deadlines as an iCalendar file (RFC 5545), for
// the person's own calendar program: one event per deadline, all day, or
// at its time for a deadline counted in hours, with reminders a week and
// a day before. Each event's UID is made from the case file, the case and
// the deadline, so importing a newer file updates the events rather than
// adding them again, and never another case file's.
package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/overturn/overturn/workflow"
)

// Event is an open deadline of a case.
type Event struct {
	// File is the identity of the case file the case is in (see
	// store.Store.FileID): every case file numbers its cases from 1, and
	// case 1 of one must not update the events of case 1 of another. Its
	// first 16 characters go into the UID.
	File      string
	CaseID    uint64
	CaseTitle string
	Deadline  workflow.Deadline
}

// UID is the event's identity across calendar files: the case file, the
// case and which of its deadlines it is.
func (e Event) UID() string {
	uid := "overturn-"
	if e.File != "" {
		uid += e.File[:min(len(e.File), fileIDLen)] + "-"
	}
	uid += "case-" + strconv.FormatUint(e.CaseID, 10) + "-" + string(e.Deadline.Kind)
	if e.Deadline.Level != "" {
		uid += "-level-" + string(e.Deadline.Level)
	}
	return uid + "@overturn"
}

// fileIDLen is how much of the case file's identity a UID carries: 16
// hexadecimal digits, 64 random bits, keep any two files apart.
const fileIDLen = 16

// reminders are how long before a deadline the calendar reminds of it.
var reminders = []string{"-P7D", "-P1D"}

// Write writes the events as a calendar, stamped at now.
func Write(w io.Writer, events []Event, now time.Time) error {
	cw := &writer{w: bufio.NewWriter(w)}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Overturn//Appeal deadlines//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:PUBLISH")
	cw.prop("X-WR-CALNAME", "Appeal deadlines")
	stamp := now.UTC().Format("20060102T150405Z")
	seen := map[string]int{}
	for _, e := range events {
		d := e.Deadline
		uid := e.UID()
		// Two deadlines of one kind and level in a case keep apart.
		if seen[uid]++; seen[uid] > 1 {
			uid = strings.TrimSuffix(uid, "@overturn") + "-" + strconv.Itoa(seen[uid]) + "@overturn"
		}
		title := workflow.SanitizeLine(d.Title)
		cw.line("BEGIN:VEVENT")
		cw.line("UID:" + uid)
		cw.line("DTSTAMP:" + stamp)
		if d.DueTime.IsZero() {
			cw.line("DTSTART;VALUE=DATE:" + d.Due.Time().Format("20060102"))
			cw.line("DTEND;VALUE=DATE:" + d.Due.Time().AddDate(0, 0, 1).Format("20060102"))
		} else {
			cw.line("DTSTART:" + d.DueTime.UTC().Format("20060102T150405Z"))
		}
		cw.prop("SUMMARY", title+" ("+caseName(e)+")")
		desc := []string{workflow.Sanitize(d.Rule), "Source: " + workflow.SanitizeLine(d.Cite)}
		if d.Note != "" {
			desc = append(desc, workflow.Sanitize(d.Note))
		}
		desc = append(desc, "Case "+strconv.FormatUint(e.CaseID, 10)+" in Overturn: "+workflow.SanitizeLine(e.CaseTitle))
		cw.prop("DESCRIPTION", strings.Join(desc, "\n\n"))
		cw.line("CATEGORIES:Overturn")
		cw.line("TRANSP:TRANSPARENT")
		for _, trigger := range reminders {
			cw.line("BEGIN:VALARM")
			cw.line("ACTION:DISPLAY")
			cw.line("TRIGGER:" + trigger)
			cw.prop("DESCRIPTION", title)
			cw.line("END:VALARM")
		}
		cw.line("END:VEVENT")
	}
	cw.line("END:VCALENDAR")
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

func caseName(e Event) string {
	if t := workflow.SanitizeLine(e.CaseTitle); strings.TrimSpace(t) != "" {
		return t
	}
	return "case " + strconv.FormatUint(e.CaseID, 10)
}

// writer writes content lines: ended by CRLF, folded at 75 octets.
type writer struct {
	w   *bufio.Writer
	err error
}

// prop writes a property whose value is text, escaped.
func (cw *writer) prop(name, text string) {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	cw.line(name + ":" + r.Replace(text))
}

// line writes s, folding it: no line is longer than 75 octets, and a
// fold never splits a character.
func (cw *writer) line(s string) {
	if cw.err != nil {
		return
	}
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if _, cw.err = fmt.Fprintf(cw.w, "%s\r\n ", s[:cut]); cw.err != nil {
			return
		}
		s = s[cut:]
		limit = 74 // after the leading space
	}
	_, cw.err = fmt.Fprintf(cw.w, "%s\r\n", s)
}
