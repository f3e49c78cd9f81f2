package tui

import (
	"bytes"
	"errors"
	"image/color"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// TestFirstFrameShowsTheCases: the first frame, drawn right after Init and
// before any command has run, shows the case list, its count and its
// deadlines: a start draws one frame, not an empty one and then the list.
func TestFirstFrameShowsTheCases(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	m := newModel(Options{Store: st, Now: func() time.Time { return testNow }, NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Init() // its commands are not run
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{"MRI denied as not necessary", "1 case", "Send your level 1 appeal"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the first frame lacks %q:\n%s", want, screen)
		}
	}
}

// TestEngineLoadedOnFirstUse: the letters, insurers and codes (Options.Load)
// are read when a case is first opened or begun, not for the case list,
// and once; a failure to read them is said, and the list stays.
func TestEngineLoadedOnFirstUse(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	codes, ref, letters, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	loads := 0
	d := newDriver(t, st, 80, 24, func(o *Options) {
		o.Load = func() (Engine, error) {
			loads++
			return Engine{Letters: letters, Ref: ref, Codes: codes}, nil
		}
	})
	d.contains("MRI denied as not necessary")
	if loads != 0 {
		t.Fatalf("the case list loaded the engine %d times", loads)
	}
	d.keys("enter")
	d.contains("Step 1 of 7")
	d.keys("esc")
	d.keys("n")
	d.contains(newCaseTitle)
	if loads != 1 {
		t.Errorf("the engine was loaded %d times, want once", loads)
	}

	d = newDriver(t, st, 80, 24, func(o *Options) {
		o.Load = func() (Engine, error) { return Engine{}, errors.New("the letter templates are broken") }
	})
	d.keys("enter")
	d.contains("Could not open the case: the letter tem", "MRI denied as not necessary")
}

// TestReportsKeepTheFrame: the reports Bubble Tea sends as it starts (the
// colour profile, the environment, mode reports, the size and background
// the screen already has) change nothing, so the frame is not drawn
// again for them; a new size or background is drawn at once.
func TestReportsKeepTheFrame(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	m := newModel(Options{Store: st, Now: func() time.Time { return testNow }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Init()
	first := m.View().Content
	unchanged := []tea.Msg{
		tea.ColorProfileMsg{},
		tea.EnvMsg{"TERM=xterm-256color"},
		tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeNotRecognized},
		tea.WindowSizeMsg{Width: 80, Height: 24},
		tea.BackgroundColorMsg{Color: color.Black},
	}
	for _, msg := range unchanged {
		var got string
		allocs := testing.AllocsPerRun(5, func() {
			m.Update(msg)
			got = m.View().Content
		})
		if got != first {
			t.Errorf("after %T the frame changed:\n%s", msg, got)
		}
		if allocs > 1 {
			t.Errorf("after %T the frame was drawn again (%.0f allocations)", msg, allocs)
		}
	}
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if light := m.View().Content; light == first {
		t.Error("a light background left the frame in the dark colours")
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if w := lipgloss.Width(m.View().Content); w != 100 {
		t.Errorf("after a resize to 100 columns the frame is %d wide", w)
	}
}

// TestWindowSizeAtStart: the size of the terminal the program draws on is
// known before the first frame; anything else leaves it to Bubble Tea.
func TestWindowSizeAtStart(t *testing.T) {
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptm.Close()
	defer tty.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Cols: 123, Rows: 45}); err != nil {
		t.Fatal(err)
	}
	if w, h, ok := windowSize(tty); !ok || w != 123 || h != 45 {
		t.Errorf("windowSize of a 123x45 terminal = %d, %d, %v", w, h, ok)
	}
	if _, _, ok := windowSize(&bytes.Buffer{}); ok {
		t.Error("windowSize found a terminal in a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, _, ok := windowSize(f); ok {
		t.Error("windowSize found a terminal in a plain file")
	}
}
