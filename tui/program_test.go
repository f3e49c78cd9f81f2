package tui

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"
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
	t.Helper()
	tm := teatest.NewTestModel(t, newModel(opts), teatest.WithInitialTermSize(80, 24))
	emu := vt.NewEmulator(80, 24)
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	t.Cleanup(func() { _ = emu.Close() })
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

// fillStep types a plausible answer into every empty field of the step shown.
func (tt *term) fillStep(step workflow.Step, answers map[string]string) {
	for _, def := range stepFields[step] {
		if v, ok := answers[def.Path]; ok {
			tt.keys("enter")
			if def.Kind == kindChoice {
				for range choiceIndex(def, v) {
					tt.keys("right")
				}
			} else {
				tt.typ(v)
			}
			tt.keys("enter")
			continue
		}
		tt.keys("down")
	}
}

func choiceIndex(def fieldDef, v string) int {
	for i, c := range def.Choices {
		if c.Value == v {
			return i
		}
	}
	return 0
}

func TestProgramNewCaseToExportedLetter(t *testing.T) {
	st := newMemStore()
	dir := t.TempDir()
	tt := newTerm(t, programOptions(t, st, nil))
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
	answers := map[string]string{
		"claim.provider.npi": "1234567893", "claim.procedures[0].code": "70551", "claim.billed": "1850.00",
		"denial.review": "post-service", "denial.letter_date": "2026-09-14", "denial.received": "2026-09-18",
		"denial.policy.number": "0117", "plan.type": "employer-self-funded", "plan.state": "TX",
		"member.member_id": "U1234567801", "member.group_number": "3345678",
		"member.address": "418 Alder Street, Austin, TX 78704", "member.phone": "512-555-0142",
		"appeals[0].method": "certified-mail", "appeals[0].filed": "2026-11-20",
		"appeals[0].decision": "upheld", "appeals[0].decision_received": "2026-11-23",
	}
	for step := workflow.StepEOB; step < workflow.StepEscalate; step++ {
		tt.fillStep(step, answers)
		tt.keys("f")
	}
	tt.waitFor("Step 7 of 7")
	tt.keys("l")
	tt.waitFor("Letters (")
	tt.keys("esc")
	tt.keys("q")
	m := tt.final()
	c, err := st.Get(m.sess.id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != workflow.StepEscalate {
		t.Fatalf("the case is at step %d, want 7; step 1 still needs %v", c.Step, workflow.StepMissing(c, c.Step))
	}
	_ = dir
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
	tt.waitFor("NOT SAVED: disk full")
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
