package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/tui"
	"github.com/overturn/overturn/workflow"
)

// wizardStore is the store the wizard uses. Tests replace it to make the
// wizard fail as only a bug would.
var wizardStore = func(s *store.Store) tui.Store { return s }

// wizardStart says where the wizard begins.
type wizardStart struct {
	newCase bool
	openID  uint64
}

// wizard runs the full-screen wizard, which needs a terminal on both
// ends: without one it says what to do instead and exits 2. Its plain
// question-and-answer form (--accessible or ACCESSIBLE=1; TERM=dumb in a
// terminal) needs none: it reads answers a line each, from a terminal, a
// pipe or a file.
func (a *app) wizard(ctx context.Context, start wizardStart) error {
	asked := a.accessible || a.getenv("ACCESSIBLE") != ""
	in, inOK := a.stdin.(*os.File)
	out, outOK := fileOf(a.stdout)
	terminal := inOK && outOK && term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd())
	if !asked && !terminal {
		return usagef("", "the wizard needs a terminal. Run overturn in a terminal window, or use a command such as "+
			"'overturn list', or 'overturn --accessible' for plain questions and answers")
	}
	// A dumb terminal gets the plain questions too; TERM=dumb alone, with
	// no terminal (as on many build machines), is no request for them.
	accessible := asked || a.getenv("TERM") == "dumb"
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
	// The program is given the terminal's own files, not the writer
	// around standard output, so that it sees a terminal there.
	var input io.Reader = a.stdin
	var output io.Writer = a.stdout
	if inOK {
		input = in
	}
	if outOK {
		output = out
	}
	err = tui.Run(ctx, tui.Options{
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
		Accessible: accessible,
		Input:      input,
		Output:     output,
		NoColor:    a.noColor(),
		LetterDir:  a.lettersDir(),
	})
	if errors.Is(err, tui.ErrInterrupted) {
		// Ctrl+C: exit 130. A change that could not be saved, which the
		// person chose to leave, is said first.
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				if e != tui.ErrInterrupted {
					fmt.Fprintf(a.stderr, "overturn: %s\n", workflow.Sanitize(e.Error()))
				}
			}
		}
		return errInterrupted
	}
	return err
}

// lettersDir is the folder the wizard saves letters in: Overturn in the
// person's documents folder ($XDG_DOCUMENTS_DIR, or the one named in
// ~/.config/user-dirs.dirs, else ~/Documents).
func (a *app) lettersDir() string {
	return filepath.Join(documentsDir(a.getenv), "Overturn")
}

// documentsDir is the person's documents folder.
func documentsDir(getenv func(string) string) string {
	home, err := os.UserHomeDir()
	if h := getenv("HOME"); h != "" {
		home, err = h, nil
	}
	if err != nil {
		home = "."
	}
	if d := getenv("XDG_DOCUMENTS_DIR"); filepath.IsAbs(d) {
		return d
	}
	config := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(config) {
		config = filepath.Join(home, ".config")
	}
	if f, err := os.Open(filepath.Join(config, "user-dirs.dirs")); err == nil {
		defer f.Close()
		if d := userDirsDocuments(f, home); d != "" {
			return d
		}
	}
	return filepath.Join(home, "Documents")
}

// userDirsDocuments reads the documents folder from a user-dirs.dirs file:
// a line XDG_DOCUMENTS_DIR="$HOME/Documents".
func userDirsDocuments(r io.Reader, home string) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if rest, ok := strings.CutPrefix(v, "$HOME"); ok {
			v = home + rest
		}
		// A documents folder set to the home folder itself means none.
		if filepath.IsAbs(v) && filepath.Clean(v) != filepath.Clean(home) {
			return filepath.Clean(v)
		}
	}
	return ""
}
