package tui

import (
	"io"
	"os"
	"path/filepath"
	"slices"
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
	tt.t.Fatal("the program never reached the expected state")
}

func onLetters(m *model) bool { _, ok := m.screen.(*lettersScreen); return ok && m.flow == flowLetters }

func onPane(p pane) func(*model) bool {
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
	"denial.letter_date": "2026-09-14", "denial.received": "2026-09-18", "denial.policy.number": "0117",
	"plan.state": "TX", "member.member_id": "U1234567801", "member.group_number": "3345678",
	"member.address": "418 Alder Street, Austin, TX 78704", "member.phone": "512-555-0142",
	"member.email": "dana@example.com", "appeals[0].filed": "2026-11-20", "appeals[0].decision_received": "2026-11-23",
	"appeals[0].decision": string(workflow.DecisionUpheld), "appeals[0].method": string(workflow.MethodCertifiedMail),
	"plan.type": string(workflow.PlanEmployer), "plan.funding": string(workflow.FundingSelf), "denial.review": string(workflow.ReviewPostService),
}

func answerFor(def fieldDef) string {
	if v, ok := answers[def.Path]; ok {
		return v
	}
	switch def.Kind {
	case kindDate:
		return "2026-09-18"
	case kindDateTime:
		return "2026-09-20 10:00"
	case kindMoney:
		return "100.00"
	case kindInt:
		return "20"
	case kindCodes:
		return "CO-50"
	case kindChoice:
		return def.Choices[len(def.Choices)-1].Value
	}
	return "Example for " + def.Path
}

// fill moves the form's cursor from cursor to field i and answers it.
func (tt *term) fill(i, cursor int, def fieldDef, stored string) {
	for ; cursor < i; cursor++ {
		tt.keys("down")
	}
	for ; cursor > i; cursor-- {
		tt.keys("up")
	}
	tt.keys("enter")
	tt.answer(def, stored)
}

// answer types the answer to the field being edited and saves it.
func (tt *term) answer(def fieldDef, stored string) {
	v := answerFor(def)
	if def.Kind == kindChoice {
		from := max(choiceIndex(def, stored), 0)
		for range (choiceIndex(def, v) - from + len(def.Choices)) % len(def.Choices) {
			tt.keys("right")
		}
	} else {
		tt.tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
		tt.typ(v)
	}
	tt.keys("enter")
}

func choiceIndex(def fieldDef, v string) int {
	for i, c := range def.Choices {
		if c.Value == v {
			return i
		}
	}
	return 0
}

// addDocument adds a document of kind held, in the documents pane.
func (tt *term) addDocument(kind workflow.DocKind) {
	tt.keys("o", "a")
	tt.until(func(m *model) bool { return m.screen.(*caseScreen).formFocus })
	docKind := withIndex(docFields, 0)[0]
	for range (choiceIndex(docKind, string(kind)) - choiceIndex(docKind, string(workflow.DocOther)) + len(docKindChoices)) % len(docKindChoices) {
		tt.keys("right")
	}
	tt.keys("enter", "enter", "right", "right", "enter", "enter", "esc", "esc")
	tt.until(onPane(paneStep))
}

func TestProgramNewCaseToExportedLetter(t *testing.T) {
	st := newMemStore()
	path := filepath.Join(t.TempDir(), "level1.txt")
	tt := newTermModel(t, inspectable{newModel(programOptions(t, st, nil))})
	tt.waitFor("Press n to start your first case.")
	tt.keys("n")
	tt.waitFor("A short name for this case")
	for _, answer := range []string{"MRI denied", "Dana Reyes", "", "E2026091400871", "2026-09-02", "Austin Imaging",
		"2026-09-14", "2026-09-18", "CO-50", "Not medically necessary"} {
		tt.typ(answer)
		tt.keys("enter")
	}
	tt.keys("enter")
	tt.waitFor("Step 1 of 7")
	docs := 0
	for step := workflow.StepEOB; step < workflow.StepEscalate; step++ {
		for tries := 0; ; tries++ {
			var (
				missing     []workflow.Missing
				idx, cursor int
				def         fieldDef
				stored      string
			)
			tt.inspect(func(m *model) {
				cs := m.screen.(*caseScreen)
				missing = workflow.StepMissing(m.sess.c, step)
				if len(missing) > 0 {
					def = findField(missing[0].Field, missing[0].Label)
					idx = slices.IndexFunc(cs.form.fields, func(d fieldDef) bool { return d.Path == def.Path })
					cursor, stored = cs.form.cursor, m.sess.value(def.Path)
				}
			})
			if len(missing) == 0 {
				break
			}
			if tries > 40 {
				t.Fatalf("step %d still needs %v", step, missing)
			}
			switch p := missing[0].Field; {
			case checklistIndex(p) >= 0:
				tt.keys("x")
				tt.until(onPane(paneChecklist))
				for ; cursor < idx; cursor++ {
					tt.keys("down")
				}
				for ; cursor > idx; cursor-- {
					tt.keys("up")
				}
				tt.keys("o", "esc")
				tt.until(onPane(paneStep))
			case p == "documents":
				kinds := []workflow.DocKind{workflow.DocPhysicianLetter, workflow.DocEOB, workflow.DocMedicalRecords, workflow.DocDenialLetter}
				tt.addDocument(kinds[docs%len(kinds)])
				docs++
			case p == "calls":
				tt.keys("c", "a", "enter", "enter", "enter", "enter", "enter", "esc", "esc")
				tt.until(onPane(paneStep))
			default:
				tt.fill(idx, cursor, def, stored)
			}
		}
		tt.keys("f")
		tt.until(func(m *model) bool { return m.sess.c.Step == step+1 })
	}
	tt.waitFor("Step 7 of 7")
	tt.keys("l")
	tt.until(onLetters)
	for tries := 0; ; tries++ {
		var missing []letter.Gap
		tt.inspect(func(m *model) {
			l := m.screen.(*lettersScreen)
			l.refresh()
			if l.letter != nil {
				missing = l.letter.MustFill()
			}
		})
		if len(missing) == 0 {
			break
		}
		if tries > 20 {
			t.Fatalf("the letter still needs %v", missing)
		}
		if missing[0].Field == "documents" {
			tt.keys("1")
			tt.until(onPane(paneDocs))
			tt.addDocument(workflow.DocDenialLetter)
			tt.keys("l")
			tt.until(onLetters)
			continue
		}
		tt.keys("1")
		tt.until(func(m *model) bool { return len(m.overlays) > 0 })
		tt.answer(findField(missing[0].Field, missing[0].Label), "")
	}
	tt.waitFor(letterReady)
	var shown letter.Kind
	tt.inspect(func(m *model) { shown, _ = m.screen.(*lettersScreen).kind() })
	tt.keys("s")
	tt.waitFor(exportTitle)
	tt.tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	tt.typ(path)
	tt.keys("enter")
	tt.waitFor("Saved the letter to")
	tt.keys("q")
	m := tt.tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(inspectable).model
	c, err := st.Get(m.sess.id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != workflow.StepEscalate {
		t.Fatalf("the case is at step %d, want 7", c.Step)
	}
	data, err := os.ReadFile(path)
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
	defer func(d time.Duration) { retryAfter = d }(retryAfter)
	retryAfter = 200 * time.Millisecond
	st := newMemStore()
	id := seed(t, st, nil)
	st.setFail(true)
	tt := newTerm(t, programOptions(t, st, func(o *Options) { o.OpenID = id }))
	tt.waitFor("Step 1 of 7")
	tt.keys("down", "down", "enter")
	tt.typ("Dr. Lee")
	tt.keys("enter")
	tt.waitFor("Not saved (disk full)")
	tt.keys("q")
	tt.waitFor(confirmQuitTitle)
	st.setFail(false)
	tt.keys("n")
	tt.waitFor("saved 14:02")
	tt.keys("q")
	tt.final()
	if got := st.get(t, id).Claim.Provider.Name; got != "Dr. Lee" {
		t.Fatalf("after the retry the provider is %q", got)
	}
}
