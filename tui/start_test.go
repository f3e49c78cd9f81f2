package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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
