package main

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/charmbracelet/x/term"
)

// wizardStart says where the wizard begins.
type wizardStart struct {
	newCase bool
	openID  uint64
}

// wizard runs the full-screen wizard. It needs a terminal on both ends:
// without one it says what to do instead and exits 2.
func (a *app) wizard(ctx context.Context, start wizardStart) error {
	in, inOK := a.stdin.(*os.File)
	out, outOK := a.stdout.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return usagef("", "the wizard needs a terminal. Run overturn in a terminal window, or use a command such as 'overturn list'")
	}
	s, err := a.openStore(time.Now)
	if err != nil {
		return err
	}
	defer s.Close()
	if start.openID != 0 {
		if _, err := getCase(s, start.openID); err != nil {
			return err
		}
	}
	return errors.New("the wizard is not part of this build yet; use the commands ('overturn --help')")
}
