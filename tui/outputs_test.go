package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/internal/pdftext"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// TestLetterAsPDF: p on a letter saves it as a PDF, whose words are the
// letter's, and asks before replacing a file.
func TestLetterAsPDF(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, readyCase)
	d := newDriver(t, st, 120, 40, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l")
	d.contains("p save .pdf")
	d.keys("p")
	d.contains(pdfTitle, "vitamin-d-test-denied-as-not-necessary-level1-2026-11-24.pdf")
	path := filepath.Join(t.TempDir(), "appeal.pdf")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter")
	d.contains(letterSaved)
	if got := d.m.screen.(*lettersScreen).savedTo; got != path {
		t.Fatalf("the letters screen says it was saved to %q", got)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for i, p := range pages {
		runs := p.Runs
		if i > 0 {
			runs = runs[2:] // the claim number and the page number
		}
		for _, w := range pdftext.Words(runs) {
			words = append(words, strings.ReplaceAll(w, "•", "-"))
		}
	}
	l, err := d.m.com.Letters.Render(letter.Level1, st.get(t, id), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(words, strings.Fields(l.Text)) {
		t.Errorf("the PDF's words differ from the letter's")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}

	d.keys("p")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter")
	d.contains("Replace ")
	d.keys("enter")
	if again, _ := os.ReadFile(path); string(again) != string(data) {
		t.Fatal("the PDF was replaced without a yes")
	}
}

// TestDeadlinesToCalendar: c on the case list saves every deadline of the
// cases as a calendar, as `overturn deadlines --ics` does: those of open
// cases, and the external review still open to a case closed after its
// appeal was upheld, not one whose date has passed; the UIDs name the case
// file.
func TestDeadlinesToCalendar(t *testing.T) {
	st := newMemStore()
	seedFiles(t, st)
	// closedAfter seeds a case closed after its level 1 appeal was upheld,
	// the decision received on the given day.
	closedAfter := func(title string, received workflow.Date) uint64 {
		id := seed(t, st, func(c *workflow.Case) {
			c.Title = title
			c.Status = workflow.StatusClosed
			c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: received.AddDays(-28),
				Decision: workflow.DecisionUpheld, DecisionReceived: received}}
		})
		ds := workflow.Deadlines(st.get(t, id), testNow)
		if len(ds) != 1 || ds[0].Kind != workflow.DeadlineExternalReview {
			t.Fatalf("%s: deadlines %+v, want its external review", title, ds)
		}
		return id
	}
	closedAfter("Closed after the appeal was upheld", workflow.NewDate(2026, 11, 2))
	passed := closedAfter("Closed, its external review date passed", workflow.NewDate(2026, 4, 2))
	d := newDriver(t, st, 120, 40, engine(t))
	d.keys("c")
	d.contains(calendarHead, calendarName)
	path := filepath.Join(t.TempDir(), "deadlines.ics")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter")
	d.contains("Saved your appeal deadlines")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ics := string(data)
	want := 0
	sums, err := st.List(store.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		if sum.ID != passed {
			want += len(workflow.Deadlines(st.get(t, sum.ID), testNow))
		}
	}
	if got := strings.Count(ics, "BEGIN:VEVENT\r\n"); got != want || want == 0 {
		t.Errorf("%d events, want one per deadline: %d", got, want)
	}
	for _, name := range []string{"Vitamin D test denied as not necessary", "Closed after the appeal was upheld"} {
		if !strings.Contains(strings.ReplaceAll(ics, "\r\n ", ""), name) {
			t.Errorf("the calendar does not name the case %q", name)
		}
	}
	if strings.Contains(strings.ReplaceAll(ics, "\r\n ", ""), "its external review date passed") {
		t.Error("the calendar has the external review of a closed case after its date")
	}
	file := st.FileID()[:16]
	if n := strings.Count(ics, "\r\nUID:overturn-"+file+"-case-"); n != want {
		t.Errorf("%d UIDs name the case file %s, want %d", n, file, want)
	}
	d.keys("?")
	d.contains("deadlines to calendar")
}
