package tui

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// term runs the real Bubble Tea program on the model and rebuilds the
// screen from its output with a virtual terminal.
type term struct {
	t   *testing.T
	tm  *teatest.TestModel
	emu *vt.Emulator
	out io.Reader
}

func newTerm(t *testing.T, opts Options) *term {
	return newTermModel(t, newModel(opts))
}

func newTermModel(t *testing.T, m tea.Model) *term {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	emu := vt.NewEmulator(80, 24)
	// The emulator answers the program's queries; nobody reads them here.
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	return &term{t: t, tm: tm, emu: emu, out: tm.Output()}
}

// waitFor reads the output until the screen shows want.
func (tt *term) waitFor(want string) {
	tt.t.Helper()
	buf := make([]byte, 32*1024)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		n, _ := tt.out.Read(buf)
		if n > 0 {
			// The output is no terminal, so nothing turns \n into \r\n.
			_, _ = tt.emu.Write([]byte(strings.ReplaceAll(string(buf[:n]), "\n", "\r\n")))
		}
		if strings.Contains(tt.emu.String(), want) {
			return
		}
		if n == 0 {
			time.Sleep(10 * time.Millisecond)
		}
	}
	tt.t.Fatalf("the screen never showed %q:\n%s", want, tt.emu.String())
}

func (tt *term) keys(ks ...string) {
	for _, k := range ks {
		tt.tm.Send(keyMsg(k))
	}
}

func (tt *term) typ(s string) {
	for _, r := range s {
		tt.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (tt *term) final() *model {
	tt.t.Helper()
	return tt.tm.FinalModel(tt.t, teatest.WithFinalTimeout(10*time.Second)).(*model)
}

// noSettle lets keys act at once after a form closes, for the tests of
// the real program, whose keys come faster than a person's.
func noSettle(t *testing.T) {
	t.Helper()
	old := settleFor
	settleFor = 0
	t.Cleanup(func() { settleFor = old })
}

func programOptions(t *testing.T, st Store, mod func(*Options)) Options {
	opts := Options{Store: st, Now: func() time.Time { return testNow }, NoColor: true}
	engine(t)(&opts)
	if mod != nil {
		mod(&opts)
	}
	return opts
}

// inspectable wraps the root model so that a test can look at it from inside
// the program's own goroutine, without a data race.
type inspectable struct{ *model }

type inspectMsg struct {
	fn   func(*model)
	done chan struct{}
}

func (i inspectable) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if im, ok := msg.(inspectMsg); ok {
		im.fn(i.model)
		close(im.done)
		return i, nil
	}
	_, cmd := i.model.Update(msg)
	return i, cmd
}

func (tt *term) inspect(fn func(*model)) {
	done := make(chan struct{})
	tt.tm.Send(inspectMsg{fn: fn, done: done})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		tt.t.Fatal("the program did not answer")
	}
}

// until asks the program until ok holds.
func (tt *term) until(ok func(*model) bool) {
	tt.t.Helper()
	for range 500 {
		var done bool
		tt.inspect(func(m *model) { done = ok(m) })
		if done {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	tt.t.Fatalf("the program never reached the expected state:\n%s", tt.emu.String())
}

func onLetters(m *model) bool { _, ok := m.screen.(*lettersScreen); return ok && m.flow == flowLetters }

func onPane(p paneID) func(*model) bool {
	return func(m *model) bool {
		cs, ok := m.screen.(*caseScreen)
		return ok && m.flow == flowCase && cs.pane == p
	}
}

// answers are what the person types, by field; other fields get a
// plausible value of their kind.
var answers = map[string]string{
	"claim.provider.npi": "1234567893", "claim.procedures[0].code": "70551", "claim.billed": "1850.00",
	"claim.member_owes": "1850.00", "claim.allowed": "0.00", "claim.plan_paid": "0.00",
	"denial.letter_date": "09/14/2026", "denial.received": "09/18/2026", "denial.policy.number": "0117",
	"plan.state": "TX", "member.member_id": "U1234567801", "member.group_number": "3345678",
	"member.address": "418 Alder Street, Austin, TX 78704", "member.phone": "512-555-0142",
	"member.email": "dana@example.com", "appeals[0].filed": "11/20/2026", "appeals[0].decision_received": "11/23/2026",
	"appeals[0].decision": string(workflow.DecisionUpheld), "appeals[0].method": string(workflow.MethodCertifiedMail),
	"appeals[0].tracking": "9407 1118", "eob.received": "09/18/2026", "eob.date": "09/14/2026",
	"plan.type": string(workflow.PlanEmployer), "plan.funding": string(workflow.FundingSelf), "denial.review": string(workflow.ReviewPostService),
	"denial.category": string(workflow.CategoryMedicalNecessity), "claim.date_of_service": "09/02/2026",
	"title": "MRI denied", "member.name": "Dana Reyes", "patient.name": "", "representative.name": "",
	"claim.number": "E2026091400871", "claim.provider.name": "Austin Imaging", "member.date_of_birth": "06/02/1979",
	"claim.emergency": "false", "denial.behavioral_health": "false", "eob.codes": "CO-50", "eob.reason": "Not medically necessary",
}

func answerFor(def fieldDef) string {
	if v, ok := answers[def.Path]; ok {
		return v
	}
	switch def.Kind {
	case kindDate:
		return "09/18/2026"
	case kindDateTime:
		return "09/20/2026 10:00"
	case kindMoney:
		return "100.00"
	case kindPercent, kindCount:
		return "20"
	case kindCodes:
		return "CO-50"
	case kindChoice:
		return def.Choices[len(def.Choices)-1].Value
	case kindState:
		return "Texas"
	}
	return "Example for " + def.Path
}

// answer types the answer to the field being typed in and saves it: a
// choice by its number, text after clearing what is there.
func (tt *term) answer(def fieldDef) {
	v := answerFor(def)
	if def.Kind == kindChoice {
		tt.keys(strconv.Itoa(choiceIndex(def, v) + 1))
	} else {
		tt.keys("ctrl+u")
		tt.typ(v)
	}
	tt.keys("enter")
}

// closeOverlay presses enter until the dialog of a fact is closed: the
// fields asked with it are left as they are.
func (tt *term) closeOverlay() {
	tt.t.Helper()
	for range 10 {
		open := false
		tt.inspect(func(m *model) { open = len(m.overlays) > 0 })
		if !open {
			return
		}
		tt.keys("enter")
		time.Sleep(20 * time.Millisecond)
	}
	tt.t.Fatal("the dialog did not close")
}

func TestProgramNewCaseToExportedLetter(t *testing.T) {
	noSettle(t)
	st := newMemStore()
	dir := t.TempDir()
	tt := newTermModel(t, inspectable{newModel(programOptions(t, st, func(o *Options) { o.LetterDir = dir }))})
	tt.waitFor("Press n to start your first case.")
	tt.keys("n")
	tt.waitFor("When is the care?")
	for range 40 {
		var def fieldDef
		var done bool
		tt.inspect(func(m *model) {
			f := m.screen.(*newCaseForm).form
			done = f.atEnd
			if !done {
				def = f.current()
			}
		})
		if done {
			break
		}
		tt.answer(def)
	}
	tt.keys("enter")
	tt.waitFor("Step 1 of 7")
	for step := workflow.StepEOB; step < workflow.StepEscalate; step++ {
		for tries := 0; ; tries++ {
			var missing []workflow.Missing
			tt.inspect(func(m *model) { missing = workflow.StepMissing(m.sess.c, step) })
			if len(missing) == 0 {
				break
			}
			if tries > 40 {
				t.Fatalf("step %d still needs %v", step, missing)
			}
			switch p := missing[0].Field; paneFor(p) {
			case paneChecklist:
				tt.keys("x")
				tt.until(onPane(paneChecklist))
				tt.keys("y", "y", "y", "y", "y")
				tt.until(func(m *model) bool { return m.sess.c.EOBErrors.PriorAuth.Status == workflow.CheckOK })
				tt.keys("esc")
				tt.until(onPane(paneStep))
			case paneDocs:
				// Every suggested document, in hand.
				tt.keys("o")
				tt.until(onPane(paneDocs))
				var n int
				tt.inspect(func(m *model) { n = len(workflow.SuggestedDocuments(m.sess.c)) + len(m.sess.c.Documents) })
				for range n {
					tt.keys("space", "down")
				}
				tt.until(func(m *model) bool { return len(workflow.SuggestedDocuments(m.sess.c)) == 0 })
				tt.keys("esc")
				tt.until(onPane(paneStep))
			case paneCalls:
				tt.keys("c")
				tt.until(onPane(paneCalls))
				tt.keys("a", "enter", "enter", "enter", "enter", "enter", "enter")
				tt.until(func(m *model) bool { return len(m.sess.c.Calls) > 0 && !m.current().Typing() })
				tt.keys("esc")
				tt.until(onPane(paneStep))
			default:
				tt.tm.Send(jumpMsg{missing: missing[0]})
				tt.until(func(m *model) bool { return m.current().Typing() || len(m.overlays) > 0 })
				var def fieldDef
				tt.inspect(func(m *model) {
					if len(m.overlays) > 0 {
						def = m.overlays[0].(*fieldOverlay).form.current()
						return
					}
					def = m.screen.(*caseScreen).step().form.current()
				})
				tt.answer(def)
				tt.closeOverlay()
			}
		}
		var at workflow.Step
		tt.inspect(func(m *model) { at = m.sess.c.Step })
		if at == step {
			tt.keys("f")
		}

		tt.until(func(m *model) bool { return m.sess.c.Step > step })
	}
	tt.waitFor("Step 7 of 7")
	tt.keys("l")
	tt.until(onLetters)
	for tries := 0; ; tries++ {
		var missing []letter.Gap
		var pending []string
		tt.inspect(func(m *model) {
			l := m.screen.(*lettersScreen)
			if l.letter != nil {
				missing, pending = l.letter.MustFill(), l.pending
			}
		})
		if len(missing) == 0 && len(pending) == 0 {
			break
		}
		if tries > 20 {
			t.Fatalf("the letter still needs %v and %v", missing, pending)
		}
		if len(missing) == 0 || missing[0].Field == "documents" {
			tt.tm.Send(jumpMsg{missing: workflow.Missing{Field: "documents"}})
			tt.until(onPane(paneDocs))
			tt.keys("space", "esc", "l")
			tt.until(onLetters)
			continue
		}
		tt.keys("1")
		tt.until(func(m *model) bool { return len(m.overlays) > 0 })
		var def fieldDef
		tt.inspect(func(m *model) { def = m.overlays[0].(*fieldOverlay).form.current() })
		tt.answer(def)
		tt.closeOverlay()
	}
	tt.waitFor(letterReady)
	var shown letter.Kind
	tt.inspect(func(m *model) { shown, _ = m.screen.(*lettersScreen).kind() })
	tt.keys("s")
	tt.waitFor(exportTitle)
	tt.keys("enter")
	tt.waitFor("Saved to")
	tt.keys("q")
	m := tt.tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(inspectable).model
	c, err := st.Get(m.sess.id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != workflow.StepEscalate {
		t.Fatalf("the case is at step %d, want 7", c.Step)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) != 1 {
		t.Fatalf("letters saved: %v", paths)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.com.Letters.Render(shown, c, testNow)
	if err != nil || string(data) != want.Text {
		t.Fatalf("exported letter differs from the rendered one (%v)", err)
	}
}

func TestProgramQuitAndResume(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	tt := newTerm(t, programOptions(t, st, func(o *Options) { o.OpenID = id }))
	tt.waitFor("Step 1 of 7")
	tt.keys("]", "down", "down")
	tt.waitFor("▸ Date on the denial")
	tt.keys("q")
	tt.final()
	if r := st.get(t, id).Resume; r.Step != workflow.StepReason || r.Field != "denial.letter_date" {
		t.Fatalf("resume = %+v", r)
	}
	tt2 := newTerm(t, programOptions(t, st, func(o *Options) { o.OpenID = id }))
	tt2.waitFor("▸ Date on the denial")
	tt2.keys("q")
	tt2.final()
}

func TestProgramFailedSaveIsShown(t *testing.T) {
	noSettle(t)
	defer func(d time.Duration) { retryAfter = d }(retryAfter)
	retryAfter = 200 * time.Millisecond
	st := newMemStore()
	id := seed(t, st, nil)
	st.setFail(true)
	tt := newTerm(t, programOptions(t, st, func(o *Options) { o.OpenID = id }))
	tt.waitFor("Step 1 of 7")
	tt.tm.Send(jumpMsg{missing: workflow.Missing{Field: "claim.provider.name"}})
	tt.waitFor("Provider (doctor")
	tt.typ("Dr. Lee")
	tt.keys("enter")
	tt.waitFor("Not saved (disk full)")
	tt.keys("q")
	tt.waitFor(confirmQuitTitle)
	st.setFail(false)
	tt.keys("enter")
	tt.waitFor("saved 14:02")
	tt.keys("q")
	tt.final()
	if got := st.get(t, id).Claim.Provider.Name; got != "Dr. Lee" {
		t.Fatalf("after the retry the provider is %q", got)
	}
}
