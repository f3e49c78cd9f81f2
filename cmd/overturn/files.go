package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/export"
	"github.com/overturn/overturn/internal/plainfile"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/letterpdf"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

func letterCmd() *command {
	return &command{
		name:  "letter",
		args:  "ID --kind KIND",
		short: "Write a letter for a case",
		long: "Writes the letter to FILE, or to standard output with -o - or no -o, and lists on standard error " +
			"what it still lacks (what must be filled before sending, and what would strengthen it), the " +
			"contradictions found in the case, and how to send it. A letter that would be wrong for the case " +
			"(no one to write it, no claim, no recipient, or a letter the case contradicts) is not written: " +
			"the reason is given and the exit status is 1. A FILE ending in .pdf gets a print-ready PDF " +
			"(US Letter, the addresses placed for a window envelope), any other the text letter; --format " +
			"says which whatever the name. The kinds are: " + letterKindNames() + ".",
		example: "overturn letter 3 --kind level1 -o appeal.pdf\noverturn letter 3 --kind level1 -o appeal.txt\noverturn letter 3 --kind claim-file",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			kind := fs.String("kind", "", "which letter: `KIND` is one of "+letterKindNames())
			out := outputFlag(fs)
			format := fs.String("format", "", "`FORMAT` of the letter: pdf or txt (default: from FILE's name, else txt)")
			force := fs.Bool("force", false, "replace FILE if it exists")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("letter", args, "ID"); err != nil {
					return err
				}
				k, err := parseLetterKind("letter", *kind)
				if err != nil {
					return err
				}
				pdf, err := a.letterFormat(*format, *out)
				if err != nil {
					return err
				}
				id, c, now, err := a.caseArg("letter", args)
				if err != nil {
					return err
				}
				eng, err := loadEngine()
				if err != nil {
					return err
				}
				l, err := eng.letters.Render(k, c, now)
				var refused *letter.RefusedError
				if errors.As(err, &refused) {
					a.reportRefused(id, refused)
					return errReported
				}
				if err != nil {
					return err
				}
				data := []byte(l.Text)
				if pdf {
					if data, err = letterpdf.Render(l.Text, l.Title, workflow.SanitizeLine(l.Claim), now); err != nil {
						return fmt.Errorf("cannot write the %s as PDF: %w", strings.ToLower(l.Title), err)
					}
				}
				if err := a.output(*out, data, *force); err != nil {
					return err
				}
				a.reportBeside(id, l)
				return nil
			}
		},
	}
}

var letterFormats = []string{"pdf", "txt"}

// letterFormat says whether the letter is to be a PDF: --format, else
// the name of the file. A PDF is not written to a terminal.
func (a *app) letterFormat(format, out string) (bool, error) {
	var pdf bool
	switch format {
	case "pdf":
		pdf = true
	case "txt", "text":
	case "":
		pdf = strings.EqualFold(filepath.Ext(out), ".pdf")
	default:
		return false, usagef("letter", "--format %q is not a format; use pdf or txt", workflow.SanitizeLine(format))
	}
	if f, ok := fileOf(a.stdout); pdf && (out == "" || out == "-") && ok && term.IsTerminal(f.Fd()) {
		return false, usagef("letter", "a PDF would garble the terminal: write it to a file with -o FILE.pdf, or redirect standard output")
	}
	return pdf, nil
}

// reportRefused says why a letter was not written.
func (a *app) reportRefused(id uint64, e *letter.RefusedError) {
	fmt.Fprintf(a.stderr, "overturn: %s; nothing was written.\n", workflow.SanitizeLine(e.Error()))
	if e.Field != "" {
		fmt.Fprintf(a.stderr, "The fact to look at is %s: 'overturn open %d', or the case file.\n", e.Field, id)
	}
}

// reportBeside lists on standard error what goes beside a letter: its
// gaps by severity, the contradictions found in the case, and the notes.
func (a *app) reportBeside(id uint64, l *letter.Letter) {
	w := a.stderr
	switch {
	case l.Ready:
		fmt.Fprintf(w, "The %s is ready to send.\n", strings.ToLower(l.Title))
	case l.Option:
		fmt.Fprintf(w, "The %s is an option beside your appeal: read the note below before sending it.\n", strings.ToLower(l.Title))
	default:
		fmt.Fprintf(w, "The %s is written, but not ready to send.\n", strings.ToLower(l.Title))
	}
	for _, sev := range []letter.Severity{letter.MustFill, letter.Strengthens} {
		head := false
		for _, g := range l.Gaps {
			if g.Severity != sev {
				continue
			}
			if !head {
				fmt.Fprintf(w, "%s:\n", upperFirst(sev.String()))
				head = true
			}
			fmt.Fprintf(w, "  - %s (%s)\n", workflow.SanitizeLine(g.Label), g.Field)
		}
	}
	if len(l.Gaps) > 0 {
		fmt.Fprintf(w, "Fill them in with 'overturn open %d', or in the case file, and write the letter again.\n", id)
	}
	for _, warn := range l.Warnings {
		fmt.Fprintf(w, "Check: %s (%s)\n", workflow.SanitizeLine(warn.Text), warn.Field)
	}
	for _, n := range l.Notes {
		fmt.Fprintf(w, "Note: %s\n", workflow.SanitizeLine(n))
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// output writes data to path, or to stdout when path is "" or "-".
func (a *app) output(path string, data []byte, force bool) error {
	if path == "" || path == "-" {
		_, err := a.stdout.Write(data)
		return err
	}
	if err := export.WriteFile(path, data, force); err != nil {
		return withForceHint(err)
	}
	fmt.Fprintf(a.stderr, "Wrote %s\n", workflow.SanitizeLine(path))
	return nil
}

func withForceHint(err error) error {
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%w; add --force to replace it", err)
	}
	return err
}

func importCmd() *command {
	return &command{
		name:  "import",
		args:  "FILE...",
		short: "Add cases from case files",
		long: "Reads case files and stores each as a new case, printing its id on its own line as soon " +
			"as it is stored. Files named on the command line are all checked before any is stored: one " +
			"bad file stores nothing. - reads one or more case files, one after another, from standard " +
			"input; each is stored as soon as it is read, and a bad one stops the import.",
		example: "overturn import dana.json\ncat a.json b.json | overturn import -",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 0 {
					return usagef("import", "missing FILE: name one or more case files, or - for standard input")
				}
				// Every named file is read and checked first; nil stands
				// for standard input, read in its place.
				var cases []*workflow.Case
				stdin := false
				for _, name := range args {
					if name == "-" {
						if stdin {
							return usagef("import", "- is given twice")
						}
						stdin = true
						cases = append(cases, nil)
						continue
					}
					if ctx.Err() != nil {
						return errInterrupted // nothing stored yet
					}
					c, err := readCaseFile(name)
					if err != nil {
						return err
					}
					cases = append(cases, c)
				}
				now, err := a.now()
				if err != nil {
					return err
				}
				s, err := a.openStore(func() time.Time { return now })
				if err != nil {
					return err
				}
				defer s.Close()
				// The files on either side of - are stored in one
				// transaction each: all of them or none.
				for len(cases) > 0 {
					n := slices.Index(cases, nil)
					if n < 0 {
						n = len(cases)
					}
					if err := a.storeAll(ctx, s, cases[:n]); err != nil {
						return err
					}
					if n < len(cases) {
						if err := a.importStream(ctx, s, a.stdin); err != nil {
							return err
						}
						n++
					}
					cases = cases[n:]
				}
				return nil
			}
		},
	}
}

// readCaseFile reads and checks the case file name. Anything but a plain
// file (a FIFO, a device) is refused before it is opened for reading: it
// could keep the import waiting, deaf to signals, for ever.
func readCaseFile(name string) (*workflow.Case, error) {
	info, err := os.Stat(name)
	switch {
	case err != nil:
		return nil, readError(name, err)
	case info.IsDir():
		return nil, fmt.Errorf("cannot read %s: it is a folder, not a case file", name)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("cannot read %s: it is %s, not a case file; to import from a pipe, give - and send the case files to standard input",
			name, plainfile.Kind(info.Mode()))
	case info.Size() > casefile.MaxSize:
		return nil, fmt.Errorf("cannot read %s: at %d bytes it is too large to be a case file", name, info.Size())
	}
	f, err := plainfile.Open(name, true)
	if err != nil {
		return nil, readError(name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, casefile.MaxSize+1))
	switch {
	case err != nil:
		return nil, readError(name, err)
	case len(data) > casefile.MaxSize:
		return nil, fmt.Errorf("cannot read %s: it is too large to be a case file", name)
	}
	c, err := casefile.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// readError says why the file name could not be read, and what to do.
func readError(name string, err error) error {
	var np *plainfile.NotPlainError
	switch {
	case errors.As(err, &np):
		return fmt.Errorf("cannot read %s: it is %s, not a case file", name, plainfile.Kind(np.Mode))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot read %s: permission denied. If the file is yours, make it readable: chmod u+r %s", name, shellWord(name))
	}
	return fmt.Errorf("cannot read %s: %w", name, plainErr(err))
}

// creator is what an import needs of the store.
type creator interface {
	CreateMany(cases []*workflow.Case) ([]uint64, error)
}

// storeAll stores cases in one transaction and prints their ids.
func (a *app) storeAll(ctx context.Context, s creator, cases []*workflow.Case) error {
	if len(cases) == 0 {
		return nil
	}
	if ctx.Err() != nil {
		return errInterrupted
	}
	ids, err := s.CreateMany(cases)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if _, err := fmt.Fprintln(a.stdout, id); err != nil {
			return &lostIDsError{ids: ids[i:], err: err}
		}
	}
	return nil
}

// errOutputLost marks an error that says itself what output was lost.
var errOutputLost = errors.New("output lost")

// lostIDsError is an import whose cases were stored but whose ids could
// not be printed: said plainly, so that nobody imports them a second time.
type lostIDsError struct {
	ids []uint64
	err error
}

func (e *lostIDsError) Error() string {
	ids := make([]string, len(e.ids))
	for i, id := range e.ids {
		ids[i] = strconv.FormatUint(id, 10)
	}
	what := "case " + ids[0] + " was stored, but its id"
	if len(ids) > 1 {
		what = "cases " + strings.Join(ids, ", ") + " were stored, but their ids"
	}
	return fmt.Sprintf("%s could not be written to the output (%v). They are in the case file: do not import them again ('overturn list' shows them)", what, e.err)
}

func (e *lostIDsError) Unwrap() []error { return []error{e.err, errOutputLost} }

func exportCaseCmd() *command {
	return &command{
		name:    "export-case",
		args:    "ID",
		short:   "Write a case as a case file",
		long:    "Writes the case file of a case to FILE, or to standard output. 'overturn import' reads it back, here or on another machine.",
		example: "overturn export-case 3 -o dana.json",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			out := outputFlag(fs)
			force := fs.Bool("force", false, "replace FILE if it exists")
			return func(ctx context.Context, a *app, args []string) error {
				_, c, _, err := a.caseArg("export-case", args)
				if err != nil {
					return err
				}
				data, err := casefile.Marshal(c)
				if err != nil {
					return err
				}
				return a.output(*out, data, *force)
			}
		},
	}
}

func backupCmd() *command {
	return &command{
		name:    "backup",
		args:    "FILE",
		short:   "Copy the case file to FILE",
		long:    "Writes a consistent copy of the whole case file. 'overturn restore FILE' brings it back.",
		example: "overturn backup ~/cases-backup.db",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			force := fs.Bool("force", false, "replace FILE if it exists")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("backup", args, "FILE"); err != nil {
					return err
				}
				path, err := a.dbPath()
				if err != nil {
					return err
				}
				clock, err := a.clock()
				if err != nil {
					return err
				}
				s, err := a.openExisting(clock)
				if err != nil {
					return err
				}
				if s == nil {
					return fmt.Errorf("there is no case file at %s to back up", path)
				}
				defer s.Close()
				err = export.Write(args[0], *force, func(f *os.File) error {
					_, err := s.Backup(f)
					return err
				})
				if err != nil {
					return withForceHint(err)
				}
				fmt.Fprintf(a.stderr, "Backed up %s to %s\n", workflow.SanitizeLine(path), workflow.SanitizeLine(args[0]))
				return nil
			}
		},
	}
}

func restoreCmd() *command {
	return &command{
		name:  "restore",
		args:  "FILE",
		short: "Replace the case file with a backup",
		long: "Checks the backup, then makes it the case file. When a case file already exists, " +
			"--force is needed to replace it.",
		example: "overturn restore ~/cases-backup.db",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			force := fs.Bool("force", false, "replace the existing case file")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("restore", args, "FILE"); err != nil {
					return err
				}
				path, err := a.dbPath()
				if err != nil {
					return err
				}
				if _, err := os.Stat(path); err == nil && !*force {
					return fmt.Errorf("%s already exists; add --force to replace it with the backup", path)
				}
				clock, err := a.clock()
				if err != nil {
					return err
				}
				replaced, err := store.Restore(path, args[0], storeOptions(clock))
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "Restored %s from %s\n", workflow.SanitizeLine(path), workflow.SanitizeLine(args[0]))
				if replaced != "" {
					fmt.Fprintf(a.stderr, "The file it replaced is kept as %s\n", workflow.SanitizeLine(replaced))
				}
				return nil
			}
		},
	}
}

func checkCmd() *command {
	return &command{
		name:  "check",
		short: "Check the case file and its backups for damage",
		long: "Checks every record of the case file and of each backup, newest first, without changing " +
			"anything, and exits 1 when the case file or a backup is damaged. With --json, one object " +
			"(see the README).",
		example: "overturn check\noverturn check --json",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("check", args); err != nil {
					return err
				}
				path, err := a.dbPath()
				if err != nil {
					return err
				}
				if info, err := os.Stat(path); err != nil {
					return fmt.Errorf("cannot check %s: %w", path, plainErr(err))
				} else if !info.Mode().IsRegular() {
					return fmt.Errorf("cannot check %s: it is %s, not a case file", path, plainfile.Kind(info.Mode()))
				}
				clock, err := a.clock()
				if err != nil {
					return err
				}
				r, err := store.Check(path, storeOptions(clock))
				if err != nil {
					return err
				}
				var damaged int
				if *asJSON {
					v := newCheckJSON(r)
					if err := a.writeJSON(v); err != nil {
						return err
					}
					damaged = v.Damaged
				} else {
					damaged = writeCheckText(a.stdout, r)
				}
				if damaged > 0 {
					fmt.Fprintf(a.stderr, "overturn: %d of %d files are damaged: what to do is above\n", damaged, len(r.Backups)+1)
					return errReported
				}
				return nil
			}
		},
	}
}

const verifyDBName = "__verify-db"

func verifyDBCmd() *command {
	return &command{
		name:   verifyDBName,
		args:   "PATH",
		short:  "Check a case file in a separate process (used by overturn itself)",
		hidden: true,
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(verifyDBName, args, "PATH"); err != nil {
					return err
				}
				if code := store.RunVerify(args[0], a.stderr); code != 0 {
					return exitCode(code)
				}
				return nil
			}
		},
	}
}

// plainErr turns common file errors into words.
func plainErr(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}
