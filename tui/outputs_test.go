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

// TestDeadlinesToCalendar: c on the case list saves the deadlines of the
// open cases as a calendar.
func TestDeadlinesToCalendar(t *testing.T) {
	st := newMemStore()
	seedFiles(t, st)
	d := newDriver(t, st, 120, 40, engine(t))
	d.keys("c")
	d.contains(calendarHead, calendarName)
	path := filepath.Join(t.TempDir(), "deadlines.ics")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter")
	d.contains("Saved the deadlines of your open cases")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ics := string(data)
	want := 0
	sums, err := st.List(store.ListQuery{Status: workflow.StatusOpen})
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		want += len(workflow.Deadlines(st.get(t, sum.ID), testNow))
	}
	if got := strings.Count(ics, "BEGIN:VEVENT\r\n"); got != want || want == 0 {
		t.Errorf("%d events, want one per open deadline: %d", got, want)
	}
	if !strings.Contains(ics, "Vitamin D test denied as not necessary") {
		t.Errorf("the calendar does not name the cases")
	}
	d.keys("?")
	d.contains("deadlines to calendar")
}
