package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/overturn/overturn/workflow"
)

var now = time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)

func events() []Event {
	return []Event{{
		CaseID:    3,
		CaseTitle: "Vitamin D test; denied, \"not necessary\"",
		Deadline: workflow.Deadline{
			Kind: workflow.DeadlineInternalAppeal, Level: workflow.Level1,
			Title: "Send your level 1 appeal", Due: workflow.NewDate(2027, 4, 30),
			Rule: "You have at least 180 days from the day you receive a denial to file an internal appeal; " +
				"the plan may give more, never less, and a late appeal can be refused, so send it well before.",
			Cite: "29 CFR 2560.503-1(h)(3)(i)",
			Note: "Counted from November 2, 2026.\nDay 180 is a Saturday.",
		},
	}, {
		CaseID:    1,
		CaseTitle: "PET scan for Nguyễn Thị Hồng (urgent)",
		Deadline: workflow.Deadline{
			Kind: workflow.DeadlinePlanDecision, Level: workflow.Level1,
			Title: "Cigna must decide your urgent appeal", Due: workflow.NewDate(2026, 11, 29),
			DueTime: time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC),
			Rule:    "The plan decides an urgent appeal within 72 hours.",
			Cite:    "29 CFR 2560.503-1(i)(2)(i)",
		},
	}}
}

func write(t *testing.T, evs []Event, at time.Time) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, evs, at); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestContentLines: every line ends in CRLF and is at most 75 octets,
// folded lines go on with a space, and no fold splits a character.
func TestContentLines(t *testing.T) {
	out := write(t, events(), now)
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatalf("does not end with END:VCALENDAR CRLF: %q", out[max(len(out)-40, 0):])
	}
	folded := 0
	for i, ln := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if strings.ContainsAny(ln, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, ln)
		}
		if len(ln) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(ln), ln)
		}
		if !utf8.ValidString(ln) {
			t.Errorf("line %d splits a character: %q", i+1, ln)
		}
		if strings.HasPrefix(ln, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded: the folding went untested")
	}
}

// TestParsesBack reads the calendar with an iCalendar parser: one event
// per deadline, all day or at its time, with the rule, the source and
// the case, and reminders a week and a day before.
func TestParsesBack(t *testing.T) {
	evs := events()
	cal, err := ics.ParseCalendar(strings.NewReader(write(t, evs, now)))
	if err != nil {
		t.Fatal(err)
	}
	got := cal.Events()
	if len(got) != len(evs) {
		t.Fatalf("%d events, want %d", len(got), len(evs))
	}
	for i, ev := range got {
		d := evs[i].Deadline
		prop := func(p ics.ComponentProperty) string {
			if v := ev.GetProperty(p); v != nil {
				return unescape(v.Value)
			}
			return ""
		}
		if ev.Id() != evs[i].UID() {
			t.Errorf("event %d: UID %q, want %q", i, ev.Id(), evs[i].UID())
		}
		if s := prop(ics.ComponentPropertySummary); s != d.Title+" ("+evs[i].CaseTitle+")" {
			t.Errorf("event %d: SUMMARY %q", i, s)
		}
		desc := prop(ics.ComponentPropertyDescription)
		for _, want := range []string{d.Rule, "Source: " + d.Cite, d.Note, "Case", evs[i].CaseTitle} {
			if !strings.Contains(desc, want) {
				t.Errorf("event %d: DESCRIPTION %q lacks %q", i, desc, want)
			}
		}
		start := ev.GetProperty(ics.ComponentPropertyDtStart)
		if d.DueTime.IsZero() {
			at, err := ev.GetAllDayStartAt()
			if err != nil || !at.Equal(d.Due.Time()) || start.ICalParameters["VALUE"][0] != "DATE" {
				t.Errorf("event %d: all-day start %v (%v), want %v", i, at, err, d.Due)
			}
			end, err := ev.GetAllDayEndAt()
			if err != nil || !end.Equal(d.Due.Time().AddDate(0, 0, 1)) {
				t.Errorf("event %d: ends %v (%v), want the next day", i, end, err)
			}
		} else {
			at, err := ev.GetStartAt()
			if err != nil || !at.Equal(d.DueTime) {
				t.Errorf("event %d: starts %v (%v), want %v", i, at, err, d.DueTime)
			}
		}
		var triggers []string
		for _, a := range ev.Alarms() {
			triggers = append(triggers, a.GetProperty(ics.ComponentPropertyTrigger).Value)
			if a.GetProperty(ics.ComponentPropertyAction).Value != "DISPLAY" {
				t.Errorf("event %d: an alarm that does not display", i)
			}
		}
		if strings.Join(triggers, " ") != "-P7D -P1D" {
			t.Errorf("event %d: alarms %v, want a week and a day before", i, triggers)
		}
	}
}

// TestUIDsAreStable: the UIDs do not depend on when the file is written
// or on the date a deadline moves to, so a calendar updates its events;
// and two deadlines never share one.
func TestUIDsAreStable(t *testing.T) {
	uids := func(out string) []string {
		var u []string
		for _, ln := range strings.Split(out, "\r\n") {
			if v, ok := strings.CutPrefix(ln, "UID:"); ok {
				u = append(u, v)
			}
		}
		return u
	}
	first := uids(write(t, events(), now))
	moved := events()
	moved[0].Deadline.Due = workflow.NewDate(2027, 5, 3)
	later := uids(write(t, moved, now.Add(72*time.Hour)))
	if strings.Join(first, " ") != strings.Join(later, " ") {
		t.Errorf("UIDs changed: %v, then %v", first, later)
	}
	twice := append(events(), events()[0])
	all := uids(write(t, twice, now))
	seen := map[string]bool{}
	for _, u := range all {
		if seen[u] {
			t.Errorf("UID %s twice", u)
		}
		seen[u] = true
	}
}

func TestEscapes(t *testing.T) {
	out := write(t, events(), now)
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{`SUMMARY:Send your level 1 appeal (Vitamin D test\; denied\, "not necessary")`, `Counted from November 2\, 2026.\nDay 180`} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
}

func unescape(s string) string {
	return strings.NewReplacer(`\n`, "\n", `\N`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(s)
}

// TestUIDsKeepFilesApart: case 1 of one case file and case 1 of another
// have different UIDs, so importing one file's calendar never updates the
// other's events; the same file gives the same UIDs.
func TestUIDsKeepFilesApart(t *testing.T) {
	ev := events()[0]
	ev.File = "73a0f1f7dba3977607a2f567085c68e0"
	other := ev
	other.File = "0c5e2b9a41d7f3e8a9b0c1d2e3f40516"
	if ev.UID() == other.UID() {
		t.Errorf("two case files share the UID %s", ev.UID())
	}
	if want := "overturn-73a0f1f7dba39776-case-3-internal-appeal-level-1@overturn"; ev.UID() != want {
		t.Errorf("UID %s, want %s", ev.UID(), want)
	}
	out := write(t, []Event{ev}, now)
	if !strings.Contains(out, "\r\nUID:"+ev.UID()+"\r\n") {
		t.Errorf("the UID line is not whole on one line:\n%s", out)
	}
}
