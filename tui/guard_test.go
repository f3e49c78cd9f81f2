package tui

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/overturn/overturn/internal/crash"
)

// boomMsg makes panicOverlay panic.
type boomMsg struct{}

// panicOverlay panics on boomMsg, as a bug would, with a panic value
// holding a case's title.
type panicOverlay struct{ *confirmOverlay }

func (o panicOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	if _, ok := msg.(boomMsg); ok {
		panic("drawing MRI denied as not necessary")
	}
	return o.confirmOverlay.Update(msg)
}

// TestPanicSavesTheCase: a panic stops the program in order: the edit not
// saved yet is saved, the program quits (which restores the terminal), and
// the report holds no case data.
func TestPanicSavesTheCase(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	m := newModel(programOptions(t, st, nil))
	c := st.get(t, id)
	c.Claim.Provider.Name = "Dr. Lee"
	s := newSession(st, m.com.Now, id, c)
	s.rev++ // an edit whose save has not run
	m.open(s)
	m.overlays = append(m.overlays, panicOverlay{newConfirmOverlay(m.com, "Sure?", "", nil, "Yes")})
	g := &guarded{m: m}
	tm := teatest.NewTestModel(t, g, teatest.WithInitialTermSize(80, 24))
	g.send = tm.Send
	emu := vt.NewEmulator(80, 24)
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	tt := &term{t: t, tm: tm, emu: emu, out: tm.Output()}
	tt.waitFor("Sure?")
	tm.Send(boomMsg{})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if g.crashed == nil {
		t.Fatal("the panic was not recorded")
	}
	if strings.Contains(g.crashed.What+g.crashed.Stack, "MRI") {
		t.Errorf("the crash report holds case data:\n%s\n%s", g.crashed.What, g.crashed.Stack)
	}
	if !strings.Contains(g.crashed.Stack, "panicOverlay") {
		t.Errorf("the crash report lacks where it happened:\n%s", g.crashed.Stack)
	}
	if got := st.get(t, id).Claim.Provider.Name; got != "Dr. Lee" {
		t.Fatalf("after the crash the provider is %q, want the unsaved edit saved", got)
	}
	if err := m.unsavedErr(); err != nil {
		t.Fatal(err)
	}
}

// TestPanicInUpdateAndView: a panic in Update or View is caught too; a
// second panic while stopping quits at once.
func TestPanicInUpdateAndView(t *testing.T) {
	m := newModel(programOptions(t, newMemStore(), nil))
	g := &guarded{m: m}
	g.send = func(tea.Msg) {}
	m.screen, m.flow = nil, flowCase // m.current() then serves the list
	m.list = nil                     // and View and Update dereference nil
	v := g.View()
	if v.Content != "" {
		t.Errorf("a panicking View drew %q", v.Content)
	}
	res, cmd := g.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if res != g {
		t.Errorf("after a panic Update returned the model %v", res)
	}
	if g.crashed == nil {
		t.Fatal("a panic in Update was not recorded")
	}
	if !strings.Contains(g.crashed.What, "nil pointer") {
		t.Errorf("the report says %q, want the runtime's message", g.crashed.What)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("after the panic the program does not quit")
	}
	_, cmd = g.Update(panickedMsg{report: &crash.Report{What: "again"}})
	if _, ok := cmd().(tea.QuitMsg); !ok || g.crashed.What == "again" {
		t.Errorf("a second panic: the first report must stay and the program quit")
	}
}

// TestStopWithAFailingSave: a signal while saves fail: the save is tried
// once more, the program quits without asking, and Run's caller learns
// that the changes were not saved.
func TestStopWithAFailingSave(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	st.setFail(true)
	m := newModel(programOptions(t, st, nil))
	c := st.get(t, id)
	c.Claim.Provider.Name = "Dr. Lee"
	s := newSession(st, m.com.Now, id, c)
	s.rev++
	m.open(s)
	g := &guarded{m: m}
	tm := teatest.NewTestModel(t, g, teatest.WithInitialTermSize(80, 24))
	g.send = tm.Send
	tm.Send(stopMsg{})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	err := m.unsavedErr()
	if err == nil || !strings.Contains(err.Error(), "could not be saved") || !errors.Is(err, errDisk) {
		t.Fatalf("unsavedErr = %v", err)
	}
	if st.get(t, id).Claim.Provider.Name == "Dr. Lee" {
		t.Fatal("the store failed, yet the change is there")
	}
}
