package main

import (
	"context"
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/tui"
)

// wizardStore is the store the wizard uses. Tests replace it to make the
// wizard fail as only a bug would.
var wizardStore = func(s *store.Store) tui.Store { return s }

// wizardStart says where the wizard begins.
type wizardStart struct {
	newCase bool
	openID  uint64
}

// wizard runs the full-screen wizard (or, with --accessible, its plain
// question-and-answer form). It needs a terminal on both ends: without one
// it says what to do instead and exits 2.
func (a *app) wizard(ctx context.Context, start wizardStart) error {
	in, inOK := a.stdin.(*os.File)
	out, outOK := fileOf(a.stdout)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return usagef("", "the wizard needs a terminal. Run overturn in a terminal window, or use a command such as 'overturn list'")
	}
	clock, err := a.clock()
	if err != nil {
		return err
	}
	s, err := a.openStore(clock)
	if err != nil {
		return err
	}
	defer s.Close()
	if start.openID != 0 {
		if _, err := getCase(s, start.openID); err != nil {
			return err
		}
	}
	return tui.Run(ctx, tui.Options{
		Store: wizardStore(s),
		// Read when a case is first opened or begun, not before the
		// first frame: the case list needs none of it.
		Load: func() (tui.Engine, error) {
			eng, err := loadEngine()
			if err != nil {
				return tui.Engine{}, err
			}
			return tui.Engine{Letters: eng.letters, Ref: eng.ref, Codes: eng.codes}, nil
		},
		Now:        clock,
		OpenID:     start.openID,
		NewCase:    start.newCase,
		Accessible: a.accessible,
		Input:      in,
		Output:     out,
		NoColor:    a.noColor(),
	})
}
