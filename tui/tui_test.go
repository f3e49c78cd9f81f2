package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// shipped loads the real code table, reference data and letter
// templates.
func shipped() (*workflow.CodeTable, *workflow.Reference, *letter.Engine, error) {
	codes, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		return nil, nil, nil, err
	}
	insurers, err := workflow.LoadInsurers(assets.Insurers())
	if err != nil {
		return nil, nil, nil, err
	}
	regulators, err := workflow.LoadRegulators(assets.Regulators())
	if err != nil {
		return nil, nil, nil, err
	}
	ref := workflow.NewReference(insurers, regulators)
	letters, err := letter.New(assets.Letters(), ref, codes)
	return codes, ref, letters, err
}

// engine sets the real code table, reference data and letter templates.
func engine(t testing.TB) func(*Options) {
	codes, ref, letters, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	return func(o *Options) { o.Codes, o.Ref, o.Letters = codes, ref, letters }
}

// seed stores a case and returns its id.
func seed(t testing.TB, st *memStore, mod func(c *workflow.Case)) uint64 {
	c := workflow.NewCase(testNow, "Cigna")
	c.Title = "MRI denied as not necessary"
	c.Claim.Number = "E2026091400871"
	c.EOB.Received = workflow.NewDate(2026, 10, 1)
	if mod != nil {
		mod(c)
	}
	id, err := st.Create(c)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (s *memStore) get(t testing.TB, id uint64) *workflow.Case {
	t.Helper()
	c, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// form returns the form that has the keys on the screen now.
func (d *driver) form() *form {
	d.t.Helper()
	if len(d.m.overlays) > 0 {
		if o, ok := d.m.overlays[len(d.m.overlays)-1].(*fieldOverlay); ok {
			return o.form
		}
	}
	switch s := d.m.current().(type) {
	case *newCaseForm:
		return s.form
	case *caseScreen:
		switch p := s.current().(type) {
		case *stepPane:
			return p.form
		case *checklistPane:
			return p.form
		case *entriesPane:
			return p.form
		}
	}
	d.t.Fatalf("no form on the screen:\n%s", d.screen())
	return nil
}

// toField presses enter (which saves a field and goes on to the next)
// until the form is typing in the field at path.
func (d *driver) toField(path string) {
	d.t.Helper()
	for range 60 {
		f := d.form()
		if f.editing && !f.atEnd && f.current().Path == path {
			return
		}
		d.keys("enter")
	}
	d.t.Fatalf("the form never reached %s:\n%s", path, d.screen())
}

// answer types text into the field being typed in, replacing what is
// there, and saves it.
func (d *driver) answer(text string) {
	d.t.Helper()
	d.keys("ctrl+u")
	d.typ(text)
	d.keys("enter")
}

// jump goes to the field at path on the case screen, typing in it.
func (d *driver) jump(path string) {
	d.t.Helper()
	d.run(d.cs().jump(path, ""))
}

// cs returns the case screen.
func (d *driver) cs() *caseScreen {
	d.t.Helper()
	cs, ok := d.m.current().(*caseScreen)
	if !ok {
		d.t.Fatalf("not on a case:\n%s", d.screen())
	}
	return cs
}

func TestEmptyListSaysWhatToDo(t *testing.T) {
	d := newDriver(t, newMemStore(), 80, 24, nil)
	d.contains(emptyLine1, emptyLine2, "Press n to start your first case.", "n new case")
}

// The new case starts from the situation: when the care is, with what
// urgent means, then emergency care, mental health care and the plan,
// before any document.
func TestNewCaseStartsFromTheSituation(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, engine(t))
	d.keys("n")
	d.contains(newCaseTitle, "▸ When is the care?", "already received", "still to come", "going on now")
	f := d.form()
	want := []string{"denial.review", "claim.emergency", "denial.behavioral_health", "plan.type"}
	for i, p := range want {
		if f.fields[i].Path != p {
			t.Fatalf("question %d is %s, want %s", i+1, f.fields[i].Path, p)
		}
	}
	// Care still to come: is it urgent, with what urgent means.
	d.keys("3", "enter")
	d.contains("▸ Is it urgent?", "Urgent means waiting")
	// Urgent: no emergency question, no EOB, no claim number, but the
	// appeals fax and phone of the denial letter.
	d.keys("2", "enter")
	if c := st.get(t, 1); !c.Denial.IsUrgent() || c.Denial.Review != workflow.ReviewPreService {
		t.Fatalf("review %q, urgent %v", c.Denial.Review, c.Denial.Urgent)
	}
	paths := map[string]bool{}
	for _, def := range d.form().fields {
		paths[def.Path] = true
	}
	for _, p := range []string{"claim.emergency", "eob.date", "claim.number"} {
		if paths[p] {
			t.Errorf("an urgent case still to come is asked %s", p)
		}
	}
	for _, p := range []string{"denial.letter_date", "denial.appeals_fax", "denial.appeals_phone", "plan.type"} {
		if !paths[p] {
			t.Errorf("an urgent case is not asked %s", p)
		}
	}
	d.contains("▸ Mental health or substance")
}

// A government plan says, as soon as it is chosen, what applies instead.
func TestGovernmentPlanSaysWhatApplies(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 100, 30, engine(t))
	d.keys("n")
	d.toField("plan.type")
	d.keys(fmt.Sprint(choiceIndex(planField, string(workflow.PlanGovernment)) + 1))
	d.contains("appeal rules and deadlines")
	d.keys("enter")
	d.toField("title")
	d.answer("Medicare denial")
	d.keys("esc", "esc")
	d.contains("government plan: follow your notice", "A government program")
}

func TestNewCaseSavesEachAnswer(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, engine(t))
	d.keys("n", "2", "enter")
	if st.saves != 1 {
		t.Fatalf("after the first answer the case should be created: %d saves", st.saves)
	}
	d.contains("saved 14:02")
	d.toField("title")
	d.answer("MRI denied")
	d.answer("Dana Reyes")
	c := st.get(t, 1)
	if c.Title != "MRI denied" || c.Member.Name != "Dana Reyes" || c.Denial.Review != workflow.ReviewPostService {
		t.Fatalf("stored case: title %q, member %q, review %q", c.Title, c.Member.Name, c.Denial.Review)
	}
}

// The facts people have, in the form they have them: US dates, state
// names, a call time given as a date, the diagnosis, dates of birth,
// units and who writes.
func TestFactsInTheFormPeopleHaveThem(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, engine(t))
	d.keys("n")
	d.toField("title")
	d.answer("Therapy for my son")
	d.answer("Dana Reyes")
	d.answer("Sam Reyes")
	d.toField("patient.relationship")
	d.answer("son")
	d.answer("3/4/11")
	d.toField("representative.name")
	d.keys("enter")
	d.toField("claim.date_of_service")
	d.answer("09/08/2026")
	c := st.get(t, 1)
	if c.Patient.Relationship != "son" || c.Patient.DateOfBirth != workflow.NewDate(2011, 3, 4) ||
		c.Claim.DateOfService != workflow.NewDate(2026, 9, 8) {
		t.Fatalf("patient %+v, service %s", c.Patient, c.Claim.DateOfService)
	}
	d.keys("esc", "esc")
	for _, tc := range []struct{ path, typed, want string }{
		{"claim.diagnoses", "f32.1, z63.8", "F32.1, Z63.8"},
		{"claim.procedures[0].units", "21", "21"},
		{"plan.state", "texas", "TX"},
	} {
		d.jump(tc.path)
		d.answer(tc.typed)
		d.keys("esc")
		if got := d.m.sess.stored(tc.path); got != tc.want {
			t.Errorf("%s: typed %q, stored %q, want %q", tc.path, tc.typed, got, tc.want)
		}
	}
	d.keys("c", "a")
	d.answer("9/20/26")
	if at := d.m.sess.c.Calls[0].At; at.Format("2006-01-02") != "2026-09-20" {
		t.Errorf("a call given by its date alone is at %v", at)
	}
}

func TestParseDatesAsPeopleWriteThem(t *testing.T) {
	for in, want := range map[string]string{
		"2026-09-08": "2026-09-08", "09/08/2026": "2026-09-08", "9/8/26": "2026-09-08", "9-8-2026": "2026-09-08",
		"Sep 8 2026": "2026-09-08", "September 8, 2026": "2026-09-08", " 9/8/2026 ": "2026-09-08",
		"1/2/58": "1958-01-02", "12/31/27": "2027-12-31", "": "",
	} {
		d, err := parseDate(in, testNow)
		if err != nil || d.String() != want {
			t.Errorf("parseDate(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"14/03/2026", "2026-02-30", "tomorrow", "9/8", "01/01/12345"} {
		if _, err := parseDate(in, testNow); err == nil {
			t.Errorf("parseDate(%q) gave no error", in)
		}
	}
	v, err := parseDateTime("09/20/2026 2:15pm", testNow)
	if err != nil || v.(time.Time).Format("2006-01-02 15:04") != "2026-09-20 14:15" {
		t.Errorf("a date and time: %v, %v", v, err)
	}
}

func TestNewCaseRejectsBadDateAndSaysHow(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n", "2", "enter")
	saves := st.saves
	d.toField("claim.date_of_service")
	d.typ("14/03/2026")
	d.keys("enter")
	d.contains("is not a date", "09/14/2026", "▸ Date of service")
	if st.saves != saves {
		t.Fatalf("a bad date must not be saved: %d saves", st.saves-saves)
	}
}

func TestDecoderExplainsCodesAndSuggestsCategory(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 120, 40, engine(t))
	d.keys("n", "2", "enter")
	d.toField("eob.codes")
	d.typ("CO-50")
	if !strings.Contains(strings.ToLower(d.screen()), "necessary") {
		t.Fatalf("the decoder should explain CO-50:\n%s", d.screen())
	}
	d.contains(fmt.Sprintf(decoderSuggest, "not medically necessary"))
	d.keys("enter", "enter")
	d.contains("▸ Kind of denial", "(•) not medically necessary")
	d.keys("enter")
	if c := st.get(t, 1); c.Denial.Category != workflow.CategoryMedicalNecessity {
		t.Fatalf("category %q, want the suggested one confirmed", c.Denial.Category)
	}
	// The meanings, in full, in a pane of their own.
	d.keys("enter")
	d.keys("r")
	d.contains(codesTitle, "CO-50: These are non-covered")
	info, _ := d.m.com.Codes.Decode("CO-50")
	if shown := strings.Join(strings.Fields(strings.Join(d.cs().panes[paneCodes].(*codesPane).lines, " ")), " "); !strings.Contains(shown, info.Meaning) {
		t.Fatalf("the pane does not give the meaning of CO-50 in full:\n%s", shown)
	}
}

// An urgent case shows the 72-hour clock and the phone-and-fax route on
// the first screen after the form.
func TestUrgentCaseShowsTheClockFirst(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, engine(t))
	d.keys("n", "3", "enter", "2", "enter")
	d.toField("denial.appeals_fax")
	d.answer("(800) 555-0199")
	d.answer("800-555-0123")
	d.keys("esc", "esc")
	d.contains(headerUrgent, "URGENT: appeal now by phone (800-555-0123) and", "fax ((800) 555-0199)", "72 hours",
		"Get the denial letter")
	d.lacks("Get the EOB")
}

// Steps explain themselves: done, ready to finish and not ready have
// marks of their own, and f says why it cannot finish.
func TestStepMarksAndFinishSaysWhy(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Step, c.Resume = workflow.StepReason, workflow.Resume{}
		c.Denial.Policy.Number, c.Denial.Policy.Title = "", ""
	})
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.contains("○ 1 Get the EOB", "○ 2 Find the denial", "○ 3 Call", "f finish step (needs 1 fact)")
	d.keys("f")
	d.contains("finish step: needs the number (or title) of the coverage policy")
	if c := st.get(t, id); c.Step != workflow.StepReason {
		t.Fatalf("a step with missing facts was finished: step %d", c.Step)
	}
	d.jump("denial.policy.number")
	d.answer("0117")
	d.keys("esc")
	// Step 1 was passed without its cost-sharing check: not done, and
	// step 2 cannot be finished before it.
	d.contains("f finish step (step 1 needs 1 fact)")
	d.keys("x", "down", "down", "down", "y", "esc")
	d.contains("✓ 1 Get the EOB", "● 2 Find the denial", "f finish step ·")
	d.lacks("finish step (")
	d.keys("f")
	d.contains("Step 2 is done", "✓ 2 Find the denial", "Step 3 of 7")
	if c := st.get(t, id); c.Step != workflow.StepCall {
		t.Fatalf("step %d after finishing step 2", c.Step)
	}
}

// A status line expires, and goes at the next key that changes screen.
func TestStatusExpires(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("f")
	d.contains("finish step: needs")
	d.send(statusExpiredMsg{id: d.m.statusID})
	d.lacks("finish step: needs")
	d.keys("f")
	d.contains("finish step: needs")
	d.keys("c")
	d.lacks("finish step: needs")
}

// The wall of typed words: a whole sentence typed on past the last field
// of a form changes nothing but that field. Letters that are commands
// elsewhere (a adds, d removes, y confirms, f finishes, q quits) are text
// or nothing.
func TestTypedSentenceAfterTheLastFieldChangesOnlyThatField(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("c", "a")
	before := st.get(t, id)
	d.toField("calls[2].outcome")
	d.typ("Said to fax it")
	d.keys("enter")
	sentence := " and they would call back; a denied claim, fax yes, quit now. dfyqxcolna"
	d.typ(sentence)
	d.frozen = true // and even with keys arriving as fast as a paste
	d.typ(sentence)
	after := st.get(t, id)
	if d.quit {
		t.Fatal("a typed q quit the program")
	}
	if len(after.Calls) != len(before.Calls) || after.Calls[2].Outcome != "Said to fax it" || after.Step != before.Step ||
		len(after.Documents) != len(before.Documents) || len(d.m.overlays) != 0 {
		t.Fatalf("the sentence changed the case: %d calls, outcome %q, step %d, %d documents, %d dialogs",
			len(after.Calls), after.Calls[2].Outcome, after.Step, len(after.Documents), len(d.m.overlays))
	}
	d.contains(formTypedPast[:30])
	// Closing a form with enter and typing on at once: the keys wait.
	d.keys("enter")
	d.typ("a")
	if n := len(st.get(t, id).Calls); n != len(before.Calls) {
		t.Fatalf("a key right after the form closed added a call: %d", n)
	}
	d.contains(settling[:20])
}

// Removing needs a dialog of its own: letters typed at it do nothing, and
// enter keeps the entry unless the other button was chosen.
func TestRemoveIsConfirmedByItsOwnDialog(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("c", "d")
	d.contains(entryRemove, "Keep", "Remove")
	d.typ("yes y")
	d.keys("enter")
	if n := len(st.get(t, id).Calls); n != 2 {
		t.Fatalf("typed letters and enter removed a call: %d left", n)
	}
	d.keys("d", "right", "enter")
	if n := len(st.get(t, id).Calls); n != 1 {
		t.Fatalf("the Remove button did not remove: %d left", n)
	}
	d.contains(entryRemoved)
}

func TestResumeLandsOnStepAndField(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.contains("Step 1 of 7")
	d.keys("]", "down", "down")
	d.contains("Step 2 of 7", "▸ Date on the denial")
	d.keys("esc")
	d.contains(listTitle)
	if r := st.get(t, id).Resume; r.Step != workflow.StepReason || r.Field != "denial.letter_date" {
		t.Fatalf("resume = %+v", r)
	}
	d2 := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d2.contains("Step 2 of 7", "▸ Date on the denial")
}

func TestFailedSaveIsShownAndRetried(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	st.setFail(true)
	d.jump("claim.provider.name")
	d.answer("Dr. Lee")
	d.contains("Not saved (disk full)")
	if st.get(t, id).Claim.Provider.Name != "" {
		t.Fatal("the failing store should hold nothing yet")
	}
	st.setFail(false)
	d.send(retrySaveMsg{session: d.m.sess})
	d.contains("saved 14:02")
	d.lacks("Not saved (")
	if got := st.get(t, id).Claim.Provider.Name; got != "Dr. Lee" {
		t.Fatalf("after the retry the provider is %q", got)
	}
}

func TestQuitWithUnsavedEditAsks(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("enter")
	d.typ("X")
	d.keys("ctrl+c")
	d.contains(confirmQuitTitle, "Claim number")
	if d.quit {
		t.Fatal("quit without asking")
	}
	d.keys("enter")
	d.lacks(confirmQuitTitle)
	d.keys("ctrl+c", "right", "enter")
	if !d.quit || !d.m.interrupted {
		t.Fatal("Quit anyway should quit, as an interruption")
	}
}

// Ctrl+C when not typing quits at once, as an interruption: Run then
// returns ErrInterrupted, which exits 130.
func TestCtrlCIsAnInterruption(t *testing.T) {
	d := newDriver(t, newMemStore(), 80, 24, nil)
	d.keys("ctrl+c")
	if !d.quit || !d.m.interrupted {
		t.Fatalf("ctrl+c: quit %v, interrupted %v", d.quit, d.m.interrupted)
	}
	d = newDriver(t, newMemStore(), 80, 24, nil)
	d.keys("q")
	if !d.quit || d.m.interrupted {
		t.Fatalf("q: quit %v, interrupted %v", d.quit, d.m.interrupted)
	}
}

func TestQuitWhileSaveFailsAsks(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	st.setFail(true)
	d.jump("claim.provider.name")
	d.answer("Dr. Lee")
	d.keys("esc", "q")
	d.contains(confirmQuitTitle, "could not be saved (disk full)")
	d.lacks("still being saved")
	if d.quit {
		t.Fatal("quit while the last change is not saved")
	}
}

// A case at the list limit stays saveable: one more call is refused, with
// the limit said, before anything is saved, and quitting asks nothing.
func TestCaseAtTheLimitStaysSaveable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		for i := range workflow.MaxListItems {
			c.Calls = append(c.Calls, workflow.Call{At: testNow.Add(-time.Duration(i) * time.Minute), With: workflow.CallMemberServices})
		}
	})
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	saves := st.saves
	d.keys("c", "a")
	d.contains("cannot add a call", "at most 1000")
	if n := len(d.m.sess.c.Calls); n != workflow.MaxListItems || st.saves != saves || d.m.sess.unsaved() {
		t.Fatalf("%d calls, %d saves, unsaved %v", n, st.saves-saves, d.m.sess.unsaved())
	}
	d.keys("q")
	if !d.quit {
		t.Fatalf("quitting asked something:\n%s", d.screen())
	}
}

func TestDeleteAsksAndCanBeUndone(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	d := newDriver(t, st, 80, 24, nil)
	d.contains("MRI denied as not necessary")
	d.keys("d")
	d.contains("Delete “MRI denied as not necessary”?")
	d.keys("enter")
	d.contains("MRI denied as not necessary")
	d.keys("d", "tab", "enter")
	d.contains("Press n to start", "Press u to bring it back")
	d.keys("u")
	d.contains("MRI denied as not necessary", "Brought back")
}

func TestFilter(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	seed(t, st, func(c *workflow.Case) { c.Title = "Anesthesia billed out of network"; c.Updated = testNow.Add(1) })
	d := newDriver(t, st, 80, 24, nil)
	d.contains("MRI denied", "Anesthesia")
	d.keys("/")
	d.typ("anest")
	d.contains("Anesthesia")
	d.lacks("MRI denied as not necessary")
	d.keys("esc")
	d.contains("MRI denied", "Anesthesia")
}

// TestFilterMatchesNamesProviderAndCodes: an advocate looks a case up by
// the member's or patient's name, the provider, a code or a number, not
// only by its title or claim number.
func TestFilterMatchesNamesProviderAndCodes(t *testing.T) {
	st := newMemStore()
	seed(t, st, func(c *workflow.Case) {
		c.Title = "Knee MRI denied as experimental"
		c.Member.Name, c.Patient.Name = "Dana Reyes", "Sam Reyes"
		c.Claim.Provider.Name = "Northside Imaging"
		c.Claim.Procedures = []workflow.Procedure{{Code: "73721"}}
		c.Claim.Diagnoses = []string{"M23.91"}
		c.EOB.Codes = []string{"CO-50"}
	})
	seed(t, st, func(c *workflow.Case) {
		c.Title = "Anesthesia billed out of network"
		c.Member.Name, c.Patient.Name = "Lee Okafor", ""
		c.Claim.Provider.Name = "Valley Anesthesia Group"
		c.Claim.Procedures = []workflow.Procedure{{Code: "00400"}}
		c.Claim.Diagnoses = nil
		c.EOB.Codes = []string{"PR-242"}
		c.Updated = testNow.Add(1)
	})
	d := newDriver(t, st, 80, 24, nil)
	for _, q := range []string{"dana", "sam reyes", "northside", "73721", "m23.9", "co-50"} {
		d.keys("/")
		d.typ(q)
		d.contains("Knee MRI denied as experimental")
		d.lacks("Anesthesia billed out of network")
		d.keys("esc")
	}
	d.keys("/")
	d.typ("okafor")
	d.contains("Anesthesia billed out of network")
	d.lacks("Knee MRI denied as experimental")
}

// A key pressed while the window is too small is not acted on, and the
// screen says so.
func TestTooSmallSaysKeysAreNotUsed(t *testing.T) {
	d := newDriver(t, newMemStore(), 79, 30, nil)
	d.contains("Make the window larger")
	d.send(tea.WindowSizeMsg{Width: 80, Height: 23})
	d.contains("Make the window larger")
	d.keys("n", "x")
	d.contains(fmt.Sprintf(keysIgnored, 2))
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.lacks("Make the window larger", newCaseTitle)
}

func TestPastedEscapesAreStripped(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n")
	d.toField("title")
	d.send(tea.PasteMsg{Content: "evil\x1b]52;c;aGk=\x07\x1b[31m red\x1b[0m"})
	d.keys("enter")
	c := st.get(t, 1)
	if strings.ContainsAny(c.Title, "\x1b\x07") || c.Title == "" {
		t.Fatalf("title %q", c.Title)
	}
	if strings.Contains(d.m.View().Content, "\x1b]52") {
		t.Fatal("the screen shows a raw OSC 52 sequence")
	}
}

// Ctrl+V in a field reads no clipboard (it would run a program such as
// xclip): only the terminal's own paste brings text in.
func TestClipboardIsReadOnlyOnPaste(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n")
	d.toField("title")
	_, cmd := d.m.Update(keyMsg("ctrl+v"))
	if cmd != nil {
		t.Fatalf("ctrl+v gave a command (%T), which would read the clipboard", cmd())
	}
	if v := d.form().input.Value(); v != "" {
		t.Fatalf("ctrl+v typed %q", v)
	}
	d.send(tea.PasteMsg{Content: "Pasted title"})
	d.keys("enter")
	if got := st.get(t, 1).Title; got != "Pasted title" {
		t.Fatalf("title %q after a paste", got)
	}
}

func TestWideTextKeepsTheLayout(t *testing.T) {
	st := newMemStore()
	seed(t, st, func(c *workflow.Case) {
		c.Title = strings.Repeat("請求が拒否されました😷", 8)
		c.EOB.Reason = strings.Repeat("医療上の必要性が認められません 🏥 ", 20)
		c.Claim.Provider.Name = strings.Repeat("Dr. Überlänge-Provider ", 10)
	})
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 48}, {97, 31}} {
		d := newDriver(t, st, size[0], size[1], nil)
		checkLayout(t, d, size[0], size[1])
		d.keys("enter")
		checkLayout(t, d, size[0], size[1])
	}
}

// checkLayout asserts that the screen fills the window and no line is
// wider; that the header and the footer keep a gap between their parts.
func checkLayout(t *testing.T, d *driver, w, h int) {
	t.Helper()
	lines := strings.Split(d.m.View().Content, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: %d lines:\n%s", w, h, len(lines), d.screen())
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%dx%d: line %d is %d wide:\n%s", w, h, i, lw, d.screen())
		}
	}
	if _, right := d.m.current().Header(); right != "" {
		head := strings.TrimRight(ansi.Strip(lines[0]), " ")
		r := ansi.Strip(right)
		if i := strings.LastIndex(head, r[:min(len(r), 8)]); i < 2 || head[i-2:i] != "  " {
			t.Fatalf("%dx%d: the header's parts touch: %q", w, h, head)
		}
	}
	if status := ansi.Strip(d.m.statusLine()); status != "" && !d.m.longStatus(d.m.statusLine()) {
		foot := strings.TrimRight(ansi.Strip(lines[h-1]), " ")
		if i := strings.LastIndex(foot, status[:min(len(status), 6)]); i < 2 || foot[i-2:i] != "  " {
			t.Fatalf("%dx%d: the footer's keys and status touch: %q", w, h, foot)
		}
	}
}

func TestChecklistFoundAsksForDetails(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("x")
	d.contains(checklistTitle, spotLabel, "Wrong network status")
	d.keys("e")
	d.contains(fixLabel, "NPI")
	d.typ("Checked on cigna.com on Sep 1")
	d.keys("enter")
	c := st.get(t, id)
	if c.EOBErrors.Network.Status != workflow.CheckError || c.EOBErrors.Network.Details != "Checked on cigna.com on Sep 1" {
		t.Fatalf("network check = %+v", c.EOBErrors.Network)
	}
	d.keys("enter", "down", "y")
	if got := st.get(t, id).EOBErrors.CPT.Status; got != workflow.CheckOK {
		t.Fatalf("cpt = %q", got)
	}
	d.keys("u")
	if got := st.get(t, id).EOBErrors.Duplicate.Status; got != workflow.CheckNotChecked {
		t.Fatalf("duplicate = %q", got)
	}
	d.keys("up", "down")
	d.contains(costShareTitle)
}

func TestCallLogAddEditRemove(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("c")
	d.contains(callsTitle, callsEmpty[:20])
	d.keys("a")
	d.contains("11/24/2026 14:02")
	d.keys("enter", "enter")
	d.typ("Maria")
	d.keys("enter")
	c := st.get(t, id)
	if len(c.Calls) != 1 || c.Calls[0].Rep != "Maria" || !c.Calls[0].At.Equal(testNow) {
		t.Fatalf("calls = %+v", c.Calls)
	}
	d.keys("esc", "esc")
	d.contains("Member Services · Maria")
	d.keys("d", "right", "enter")
	if n := len(st.get(t, id).Calls); n != 0 {
		t.Fatalf("%d calls after removal", n)
	}
}

func TestDocumentsAddAndSuggestions(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) { c.Denial.Category = workflow.CategoryMedicalNecessity })
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("o")
	d.contains(suggestedHead, "Explanation of Benefits · suggested", "Letter of medical necessity · suggested")
	d.keys("space")
	docs := st.get(t, id).Documents
	if len(docs) != 1 || docs[0].Kind != workflow.DocEOB || docs[0].Status != workflow.DocHave {
		t.Fatalf("documents after ticking the first suggestion: %+v", docs)
	}
	d.keys("space")
	if s := st.get(t, id).Documents[0].Status; s != workflow.DocNeeded {
		t.Fatalf("a second space moves have to %q, want needed", s)
	}
	d.keys("a", fmt.Sprint(choiceIndex(docFields[0], string(workflow.DocMedicalRecords))+1), "enter")
	if docs := st.get(t, id).Documents; len(docs) != 2 || docs[1].Kind != workflow.DocMedicalRecords {
		t.Fatalf("documents = %+v", docs)
	}
}

// Every key the sidebar shows works from every pane that shows it.
func TestSidebarKeysWorkFromEveryPane(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	to := map[string]paneID{"x": paneChecklist, "n": paneNotice, "r": paneCodes, "c": paneCalls, "o": paneDocs}
	for _, from := range []string{"", "x", "n", "r", "c", "o"} {
		for k, want := range to {
			d := newDriver(t, st, 80, 24, func(o *Options) { engine(t)(o); o.OpenID = id })
			if from != "" {
				d.keys(from)
			}
			d.contains(" " + k)
			d.keys(k)
			got := d.cs().pane
			if k == from && got != paneStep || k != from && got != want {
				t.Errorf("from pane %q, key %s shows pane %d, want %d", from, k, got, want)
			}
		}
		d := newDriver(t, st, 80, 24, func(o *Options) { engine(t)(o); o.OpenID = id })
		if from != "" {
			d.keys(from)
		}
		d.keys("l")
		if _, ok := d.m.current().(*lettersScreen); !ok {
			t.Errorf("from pane %q, l does not show the letters", from)
		}
	}
}

// Each key is data: what the footer shows, help lists and Update does
// come from the same list, so a key shown works.
func TestFooterKeysWork(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 120, 40, func(o *Options) { engine(t)(o); o.OpenID = id })
	for _, a := range d.m.current().Actions() {
		if a.hide || a.off != "" || a.do != nil {
			continue
		}
		if h := a.key.Help(); h.Key != "1-9" && !strings.HasPrefix(h.Key, "1-") {
			t.Errorf("the footer shows %s %s, which does nothing", h.Key, h.Desc)
		}
	}
}

func TestHelpShowsEveryKey(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("?")
	d.contains(helpTitle, "finish step", "EOB check", "calls", "documents", "letters", "quit", "reason codes")
	d.keys("esc")
	d.lacks(helpTitle)
}

// readyCase is fullCase with everything the level 1 letter needs.
func readyCase(c *workflow.Case) {
	fullCase(c)
	c.Denial.Policy.Criteria = []workflow.Criterion{{ID: "1", Text: "Documented risk of deficiency", Evidence: "Dr. Lee's letter of Sep 22"}}
	c.Documents[2].Status = workflow.DocHave
}

func TestLetterSavedInTheLettersFolder(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, readyCase)
	dir := filepath.Join(t.TempDir(), "Documents", "Overturn")
	d := newDriver(t, st, 80, 24, func(o *Options) { engine(t)(o); o.OpenID = id; o.LetterDir = dir })
	d.keys("l")
	d.contains("Level 1 appeal", letterReady)
	d.keys("s")
	name := "vitamin-d-test-denied-as-not-necessary-level1-2026-11-24.txt"
	d.keys("enter")
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The whole path is on the screen, however long.
	if scr := strings.Join(strings.Fields(strings.ReplaceAll(d.screen(), "\n  ", "")), ""); !strings.Contains(scr, path) {
		t.Fatalf("the saved path %s is not shown whole:\n%s", path, d.screen())
	}
	want, err := d.m.com.Letters.Render(letter.Level1, st.get(t, id), testNow)
	if err != nil || string(data) != want.Text {
		t.Fatalf("the saved letter differs from the rendered one (%v)", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	// Saved again: a new name, never the same file.
	d.keys("s", "enter")
	if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, ".txt")+"-2.txt")); err != nil {
		t.Fatalf("the second save did not get a name of its own: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != want.Text {
		t.Fatal("the second save changed the first file")
	}
}

func TestLetterFileNames(t *testing.T) {
	day := workflow.NewDate(2026, 11, 24)
	for _, tc := range []struct {
		title, claim, want string
	}{
		{"Knee MRI denied!", "E1", "knee-mri-denied-level1-2026-11-24.txt"},
		{"", "E2026/09 14", "e2026-09-14-level1-2026-11-24.txt"},
		{"", "", "case-level1-2026-11-24.txt"},
		{"../../etc/passwd", "", "etc-passwd-level1-2026-11-24.txt"},
		{strings.Repeat("long title ", 10), "", "long-title-long-title-long-title-long-ti-level1-2026-11-24.txt"},
	} {
		c := workflow.NewCase(testNow, "Cigna")
		c.Title, c.Claim.Number = tc.title, tc.claim
		if got := letterFileName(c, letter.Level1, day); got != tc.want {
			t.Errorf("%q, %q: %q, want %q", tc.title, tc.claim, got, tc.want)
		}
	}
}

func TestLetterOverwriteAsks(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, readyCase)
	path := filepath.Join(t.TempDir(), "appeal.txt")
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, st, 120, 40, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l", "s", "ctrl+u")
	d.typ(path)
	d.keys("enter")
	d.contains("Replace ")
	d.keys("enter")
	if data, _ := os.ReadFile(path); string(data) != "mine" {
		t.Fatal("the file was replaced without a yes")
	}
	d.keys("s", "ctrl+u")
	d.typ(path)
	d.keys("enter", "right", "enter")
	if data, _ := os.ReadFile(path); string(data) == "mine" {
		t.Fatal("Replace should replace the file")
	}
}

// "Ready to send" only when nothing must be filled and the enclosures the
// letter lists are in hand; otherwise what is left is said.
func TestLetterReadyOnlyWithEnclosuresInHand(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) { readyCase(c); c.Documents[2].Status = workflow.DocRequested })
	d := newDriver(t, st, 80, 24, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l")
	d.lacks(letterReady)
	d.contains("Not ready to send yet: 1 enclosure to get (Explanation of Benefits)")
	d.keys("esc", "o", "down", "down", "space")
	d.keys("l")
	d.contains(letterReady)
}

// The gaps are listed beside the letter by severity, each filled by its
// number.
func TestLetterGapsBySeverityJumpable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) { readyCase(c); c.Member.MemberID, c.Member.Phone = "", "" })
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		d := newDriver(t, st, size[0], size[1], func(o *Options) { engine(t)(o); o.OpenID = id })
		d.keys("l")
		d.contains(letterMustFill, letterStrengthen, "1 the member ID", "2 the member's phone number")
		d.lacks(letterReady)
	}
	d := newDriver(t, st, 120, 40, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l", "1")
	d.typ("U99")
	d.keys("enter")
	if got := st.get(t, id).Member.MemberID; got != "U99" {
		t.Fatalf("member ID %q", got)
	}
	d.contains("1 the member's phone number")
}

// TestLetterCopy copies to the system clipboard where one is reachable,
// and says so; elsewhere it sends the letter to the terminal (OSC 52)
// and says that it could only do that.
func TestLetterCopy(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status string
		osc52  bool
	}{
		{"system clipboard", nil, copied, false},
		{"none reachable", errors.New("no clipboard utilities available"), copiedOSC52, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newMemStore()
			id := seed(t, st, readyCase)
			var got string
			d := newDriver(t, st, 120, 40, func(o *Options) {
				engine(t)(o)
				o.OpenID = id
				o.Clipboard = func(text string) error { got = text; return tc.err }
			})
			d.keys("l")
			_, cmd := d.m.Update(keyMsg("y"))
			_, cmd = d.m.Update(cmd()) // the copy
			_, cmd = d.m.Update(cmd()) // its result
			sent := false
			msgs := []tea.Msg{cmd()}
			if b, ok := msgs[0].(tea.BatchMsg); ok {
				msgs = msgs[:0]
				for _, c := range b {
					msgs = append(msgs, c())
				}
			}
			for _, m := range msgs {
				sent = sent || fmt.Sprintf("%T", m) == "tea.setClipboardMsg"
			}
			if sent != tc.osc52 {
				t.Errorf("sent to the terminal's clipboard: %v, want %v", sent, tc.osc52)
			}
			if !strings.Contains(got, "E2026091400871") {
				t.Errorf("the system clipboard was given %q, not the letter", got)
			}
			d.send(statusMsg{text: tc.status})
			d.contains(tc.status)
		})
	}
}

func TestLightBackgroundAndResize(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id; o.NoColor = false })
	dark := d.m.View().Content
	d.send(tea.BackgroundColorMsg{Color: colorWhite{}})
	if d.m.com.Dark {
		t.Fatal("a white background should switch to light styles")
	}
	if light := d.m.View().Content; light == dark {
		t.Fatal("light styles render like dark ones")
	}
	for _, size := range [][2]int{{200, 60}, {40, 10}, {80, 24}, {81, 25}, {100, 30}, {160, 48}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if size[0] >= 80 && size[1] >= 24 {
			checkLayout(t, d, size[0], size[1])
		}
	}
}

type colorWhite struct{}

func (colorWhite) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestCostShareCheckShowsItsWorking(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Claim.Allowed, c.Claim.MemberOwes = workflow.Cents(100000), workflow.Cents(50000)
		c.CostShare = workflow.CostShareTerms{Network: workflow.NetworkIn, Deductible: workflow.Cents(100000),
			DeductibleMet: workflow.Cents(100000), CoinsurancePct: 20, Copay: workflow.Cents(0),
			OOPMax: workflow.Cents(500000), OOPMet: workflow.Cents(0)}
	})
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("x", "down", "down", "down")
	r := workflow.CheckCostShare(st.get(t, id))
	if !r.Complete {
		t.Fatalf("the test case should be complete: %v", r.Missing)
	}
	d.contains(costShareTitle, "$500.00", "$200.00", "$300.00")
}

func TestFailingSaveOfAnEarlierCaseStillBlocksQuit(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	st.setFail(true)
	d.jump("claim.provider.name")
	d.answer("Dr. Lee")
	d.keys("esc", "esc")
	d.contains(listTitle, "Not saved (")
	d.keys("q")
	d.contains(confirmQuitTitle)
	if d.quit {
		t.Fatal("quit with an unsaved case")
	}
}

var _ Store = (*store.Store)(nil)

func TestRealStoreSavesAndResumes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.db")
	s, err := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, s, 80, 24, nil)
	d.keys("n")
	d.toField("title")
	d.typ("Stored for real")
	d.keys("enter", "esc", "esc")
	d.contains("Step 1 of 7")
	d.keys("esc")
	d.contains(listTitle, "Stored for real")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d = newDriver(t, s, 80, 24, nil)
	d.contains("Stored for real")
}

func TestQuestionMarkIsTextWhileTyping(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n")
	d.toField("title")
	d.typ("?why")
	d.lacks(helpTitle)
	d.keys("enter")
	if got := st.get(t, 1).Title; got != "?why" {
		t.Fatalf("title %q", got)
	}
}

func TestNoticeCheck(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("n")
	d.contains(noticeTitle)
	elems := workflow.NoticeElements(st.get(t, id))
	d.contains(truncate(elems[0].Text, 40)[:20])
	d.keys("y", "m")
	c := st.get(t, id)
	if present, ok := c.Denial.Notice[elems[0].ID]; !ok || !present {
		t.Fatalf("first element not marked present: %v", c.Denial.Notice)
	}
	if present, ok := c.Denial.Notice[elems[1].ID]; !ok || present {
		t.Fatalf("second element not marked missing: %v", c.Denial.Notice)
	}
	if ok, _ := workflow.DeemedExhaustion(c); ok {
		d.contains("Your denial notice is missing")
	}
	// As in accessible mode, a mark can be taken back.
	d.keys("up", "u")
	if _, ok := st.get(t, id).Denial.Notice[elems[1].ID]; ok {
		t.Fatal("the mark was not taken back")
	}
}

func TestCostShareTermsEditable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("x", "down", "down", "down", "enter")
	d.contains("▸ Network the plan")
	d.keys("enter")
	d.answer("1500")
	if got := st.get(t, id).CostShare.Deductible; got != workflow.Cents(150000) {
		t.Fatalf("deductible %v", got)
	}
}

// failingList is a store whose list cannot be read.
type failingList struct{ *memStore }

func (failingList) List(store.ListQuery) ([]store.Summary, error) {
	return nil, errors.New("file is damaged")
}

func (f failingList) Walk(q store.ListQuery, fn func(store.Summary) error) error {
	return walkList(f.List, q, fn)
}

func TestErrorsAreShown(t *testing.T) {
	d := newDriver(t, newMemStore(), 80, 24, func(o *Options) { o.OpenID = 42 })
	d.contains("Could not open the case: " + store.ErrNotFound.Error())
	d = newDriver(t, failingList{newMemStore()}, 80, 24, nil)
	d.contains("Could not read your cases: file is damaged")
}

func TestRulesRefuseAWrongValue(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.jump("claim.provider.npi")
	d.typ("1234567890")
	d.keys("enter")
	want := workflow.ValidateNPI("1234567890").Error()
	d.contains(want[:30])
	if got := st.get(t, id).Claim.Provider.NPI; got != "" {
		t.Fatalf("a wrong NPI was stored: %q", got)
	}
	d.keys("backspace")
	d.typ("3")
	d.keys("enter")
	if got := st.get(t, id).Claim.Provider.NPI; got != "1234567893" {
		t.Fatalf("NPI %q", got)
	}
}

func TestExportToHomeDirectory(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	msg := textWriter("text")("~/letters/letter.txt", false, false)().(exportedMsg)
	if msg.err != nil || msg.path != filepath.Join(home, "letters", "letter.txt") {
		t.Fatalf("exported to %q: %v", msg.path, msg.err)
	}
}

func TestDecisionRunsTheDecisionTable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Step = workflow.StepTrack
		c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 10, 1), Method: workflow.MethodPortal,
			DecisionReceived: workflow.NewDate(2026, 11, 20)}}
		c.Resume = workflow.Resume{Step: workflow.StepTrack, Field: "appeals[0].decision"}
	})
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.contains("▸ The plan's answer")
	d.keys("enter", fmt.Sprint(choiceIndex(decisionChoices[0:], string(workflow.DecisionOverturned))+1), "enter")
	c := st.get(t, id)
	if c.Status != workflow.StatusResolved {
		t.Fatalf("an overturned level 1 appeal should resolve the case: status %q\n%s", c.Status, d.screen())
	}
	d.contains("Resolved: ")
}

// An appeal sent moves the case to tracking the answer, whatever steps
// were skipped to send it: an urgent appeal faxed at step 1 is at step 6.
func TestAppealSentMovesTheCase(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) { c.Denial.Review = workflow.ReviewUrgent })
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.jump("appeals[0].filed")
	d.answer("11/24/2026")
	if c := st.get(t, id); c.Step != workflow.StepTrack {
		t.Fatalf("step %d after the appeal was sent", c.Step)
	}
	d.contains("The case moves to step 6")
}

// choiceIndex is the index of value v among choices, -1 when absent.
func choiceIndex(def any, v string) int {
	var cs []choice
	switch d := def.(type) {
	case fieldDef:
		cs = d.Choices
	case []choice:
		cs = d
	}
	for i, c := range cs {
		if c.Value == v {
			return i
		}
	}
	return -1
}

// Every label, choice and help of every form can be read whole at 80x24:
// in the case screen's pane, as narrow as it gets, nothing is cut.
func TestLabelsAreReadableAt80x24(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	width := d.cs().mainWidth()
	for _, table := range allFieldTables() {
		for _, def := range withIndex(table, 0) {
			f := newForm(d.m.com, []fieldDef{def}, d.m.sess, d.m.sess.apply)
			f.SetSize(width, 60)
			f.startEdit()
			f.layout()
			shown := strings.Join(strings.Fields(ansi.Strip(f.View())), " ")
			texts := []string{def.Label, def.Help}
			if def.Kind == kindChoice {
				for _, c := range def.Choices {
					texts = append(texts, c.Label)
				}
			}
			for _, text := range texts {
				for _, word := range strings.Fields(text) {
					if !strings.Contains(shown, word) {
						t.Errorf("%s: %q of %q is not shown at %d columns:\n%s", def.Path, word, text, width, f.View())
						break
					}
				}
			}
			if strings.Contains(shown, "…") {
				t.Errorf("%s is cut at %d columns:\n%s", def.Path, width, f.View())
			}
		}
	}
}

// The header and the footer never run into each other, at any size from
// 80x24 up.
func TestNoCollisionsAtAnySize(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Title = strings.Repeat("A very long title for a case that keeps going ", 3)
	})
	for w := 80; w <= 170; w += 9 {
		for _, h := range []int{24, 31, 48} {
			d := newDriver(t, st, w, h, func(o *Options) { engine(t)(o); o.OpenID = id })
			d.keys("f")
			checkLayout(t, d, w, h)
			d.keys("l")
			checkLayout(t, d, w, h)
		}
	}
}
