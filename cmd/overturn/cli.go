package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/overturn/overturn/internal/crash"
	"github.com/overturn/overturn/internal/suggest"
	"github.com/overturn/overturn/workflow"
)

// Usage of the flags every command shares.
const (
	dbUsage         = "use the case file at `PATH` (default: $OVERTURN_DB, else ~/.local/share/overturn/cases.db)"
	accessibleUsage = "plain prompts for screen readers instead of the full-screen wizard"
)

// outputFlag declares -o and its long name --output.
func outputFlag(fs *flag.FlagSet) *string {
	out := fs.String("o", "", "write to `FILE` (- for standard output)")
	fs.StringVar(out, "output", "", aliasOf+"-o")
	return out
}

// aliasOf starts the usage of a flag that is another's long name: help
// shows the two as one.
const aliasOf = "same as "

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// app holds what every command reads and writes.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	db         string // --db
	accessible bool   // --accessible
}

// command is one subcommand. setup declares its flags on fs and returns
// the function that runs it with the positional arguments.
type command struct {
	name    string
	args    string // the positional arguments in the usage line
	short   string // one line
	long    string // paragraphs, optional
	example string // lines, optional
	hidden  bool
	setup   func(fs *flag.FlagSet) func(ctx context.Context, a *app, args []string) error
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct {
	cmd string // "" for the root
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// errInterrupted reports that the person pressed Ctrl+C: exit status 130.
var errInterrupted = errors.New("interrupted")

// exitCode is an exit status to return as it is, with nothing printed.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errReported is returned when the command has already written its own
// message on stderr and only the exit status remains.
var errReported = errors.New("failed")

// stdoutWriter is standard output, remembering the first write that
// failed (a full disk, a closed pipe): a command whose output was lost
// must not exit 0, whichever way it wrote.
type stdoutWriter struct {
	f   *os.File
	err error
}

func (w *stdoutWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.f.Write(p)
	if err != nil {
		w.err = err
	}
	return n, err
}

// outputErr returns the error that lost some of the command's output.
func (a *app) outputErr() error {
	if w, ok := a.stdout.(*stdoutWriter); ok {
		return w.err
	}
	return nil
}

// fileOf returns the file behind w (os.Stdout, or standard output behind
// a stdoutWriter): the wizard needs a terminal there, help colours it.
func fileOf(w io.Writer) (*os.File, bool) {
	switch w := w.(type) {
	case *os.File:
		return w, true
	case *stdoutWriter:
		return w.f, true
	}
	return nil, false
}

func (a *app) main(ctx context.Context, args []string) (status int) {
	defer func() {
		if r := recover(); r != nil {
			status = a.crashed(crash.New(r), nil)
		}
	}()
	err := a.dispatch(ctx, args)
	var report *crash.Report
	if errors.As(err, &report) {
		var unsaved error
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				if e != report {
					unsaved = e
				}
			}
		}
		return a.crashed(report, unsaved)
	}
	// A signal decides the status even when the command wound down
	// without an error (the wizard saves and quits cleanly).
	var sig *stopSignal
	if errors.As(context.Cause(ctx), &sig) {
		what := "interrupted"
		if sig.sig != syscall.SIGINT {
			what = "stopped (" + sig.sig.String() + ")"
		}
		if err != nil && !errors.Is(err, errInterrupted) && !errors.Is(err, context.Canceled) {
			fmt.Fprintf(a.stderr, "overturn: %s\noverturn: %s\n", workflow.Sanitize(err.Error()), what)
		} else {
			fmt.Fprintf(a.stderr, "overturn: %s; everything finished before was saved\n", what)
		}
		return sig.status()
	}
	if out := a.outputErr(); out != nil && (err == nil || errors.Is(err, out)) {
		if err == nil || !errors.Is(err, errOutputLost) {
			fmt.Fprintf(a.stderr, "overturn: the output could not be written (%s)\n", workflow.Sanitize(out.Error()))
		} else {
			fmt.Fprintf(a.stderr, "overturn: %s\n", workflow.Sanitize(err.Error()))
		}
		return exitFailure
	}
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var code exitCode
	switch {
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, errInterrupted):
		fmt.Fprintln(a.stderr, "overturn: interrupted; everything finished before was saved")
		return exitInterrupted
	case errors.As(err, &ue):
		prog := "overturn"
		if ue.cmd != "" {
			prog += " " + ue.cmd
		}
		fmt.Fprintf(a.stderr, "%s: %s\nRun '%s --help' to see how to use it.\n", prog, ue.msg, prog)
		return exitUsage
	case errors.Is(err, errReported):
		return exitFailure
	}
	fmt.Fprintf(a.stderr, "overturn: %s\n", workflow.Sanitize(err.Error()))
	return exitFailure
}

// crashed writes the report of a panic next to the case file and says
// where; also, sanitized, why the open case could not be saved, if
// unsaved says so. The report holds no case data.
func (a *app) crashed(report *crash.Report, unsaved error) int {
	fmt.Fprintln(a.stderr, "overturn: sorry, Overturn crashed. This is a bug in Overturn, not something you did.")
	if unsaved != nil {
		fmt.Fprintf(a.stderr, "overturn: %s\n", workflow.Sanitize(unsaved.Error()))
	}
	dir := ""
	if path, err := a.dbPath(); err == nil {
		dir = filepath.Dir(path)
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o700); err == nil {
			if name, err := report.Write(dir, time.Now()); err == nil {
				fmt.Fprintf(a.stderr, "overturn: a crash report, with no case data in it, is in %s\n", workflow.SanitizeLine(name))
				return exitFailure
			}
		}
	}
	fmt.Fprintf(a.stderr, "overturn: the crash report could not be written; here it is:\n%s\n%s", report.What, report.Stack)
	return exitFailure
}

// rootFlags declares the flags of overturn alone on fs.
func (a *app) rootFlags(fs *flag.FlagSet) (version *bool) {
	fs.StringVar(&a.db, "db", a.db, dbUsage)
	fs.BoolVar(&a.accessible, "accessible", a.accessible, accessibleUsage)
	return fs.Bool("version", false, "print the version")
}

// commandFlags declares the flags of cmd on a new flag set.
func (a *app) commandFlags(cmd *command) (*flag.FlagSet, func(context.Context, *app, []string) error) {
	fs := newFlagSet(cmd.name)
	fs.StringVar(&a.db, "db", a.db, dbUsage)
	return fs, cmd.setup(fs)
}

func (a *app) dispatch(ctx context.Context, args []string) error {
	root := rootCommand()
	fs := newFlagSet(root.name)
	version := a.rootFlags(fs)
	rest, err := parseFlags(fs, "", args, true)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return a.help(root, fs)
	case err != nil:
		return err
	case *version:
		return a.printVersion()
	case len(rest) == 0:
		return a.wizard(ctx, wizardStart{})
	}
	name := rest[0]
	cmd := findCommand(name)
	if cmd == nil {
		if name == "help" {
			return a.helpFor(rest[1:])
		}
		return notACommand("", name)
	}
	cfs, runner := a.commandFlags(cmd)
	pos, err := parseFlags(cfs, cmd.name, rest[1:], false)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return a.help(cmd, cfs)
	case err != nil:
		return err
	}
	return runner(ctx, a, pos)
}

func (a *app) helpFor(args []string) error {
	if len(args) == 0 {
		root := rootCommand()
		fs := newFlagSet(root.name)
		a.rootFlags(fs)
		return a.help(root, fs)
	}
	cmd := findCommand(args[0])
	if cmd == nil {
		return notACommand("help", args[0])
	}
	fs, _ := a.commandFlags(cmd)
	return a.help(cmd, fs)
}

// notACommand is the mistake of a word that names no command, with the
// command it most likely meant.
func notACommand(cmd, name string) error {
	if near := suggest.Closest(name, commandNames()); near != "" {
		return usagef(cmd, "%q is not a command; did you mean %s? The commands are: %s", workflow.SanitizeLine(name), near, strings.Join(commandNames(), ", "))
	}
	return usagef(cmd, "%q is not a command; the commands are: %s", workflow.SanitizeLine(name), strings.Join(commandNames(), ", "))
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags reads flags anywhere among the arguments (GNU style: "--"
// ends them; "-" alone is an argument) and returns the positional ones.
// With stopAtArg it stops at the first positional argument and returns it
// with everything after it.
func parseFlags(fs *flag.FlagSet, cmd string, args []string, stopAtArg bool) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			if stopAtArg {
				pos = append(pos, args[i:]...)
				break
			}
			pos = append(pos, arg)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "h" || name == "help" {
			return nil, flag.ErrHelp
		}
		f := fs.Lookup(name)
		if f == nil {
			var names []string
			fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			if near := suggest.Closest(name, names); near != "" {
				return nil, usagef(cmd, "unknown flag %s; did you mean %s?", workflow.SanitizeLine(flagName(name)), flagName(near))
			}
			return nil, usagef(cmd, "unknown flag %s", workflow.SanitizeLine(flagName(name)))
		}
		flags = append(flags, arg)
		if hasValue || isBoolFlag(f) {
			continue
		}
		if i+1 >= len(args) {
			return nil, usagef(cmd, "flag %s needs a value", flagName(name))
		}
		i++
		flags = append(flags, args[i])
	}
	if err := fs.Parse(flags); err != nil {
		return nil, usagef(cmd, "%s", workflow.SanitizeLine(err.Error()))
	}
	return pos, nil
}

func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// parseID reads a case id.
func parseID(cmd, s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, usagef(cmd, "%q is not a case id: ids are whole numbers such as 3 (see 'overturn list')", workflow.SanitizeLine(s))
	}
	return id, nil
}

// wantArgs checks the number of positional arguments.
func wantArgs(cmd string, args []string, names ...string) error {
	switch {
	case len(args) < len(names):
		return usagef(cmd, "missing %s", strings.Join(names[len(args):], " and "))
	case len(args) > len(names):
		return usagef(cmd, "unexpected argument %q", workflow.SanitizeLine(args[len(names)]))
	}
	return nil
}

// clock returns the clock: the real one, or one stopped at $OVERTURN_NOW
// (RFC 3339) when set, so output that depends on today can be reproduced.
func (a *app) clock() (func() time.Time, error) {
	s := a.getenv("OVERTURN_NOW")
	if s == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, fmt.Errorf("OVERTURN_NOW=%q is not a time: write it as 2026-03-14T09:00:00-05:00, or unset it", workflow.SanitizeLine(s))
	}
	return func() time.Time { return t }, nil
}

// now reads the clock once.
func (a *app) now() (time.Time, error) {
	clock, err := a.clock()
	if err != nil {
		return time.Time{}, err
	}
	return clock(), nil
}

// noColor reports whether NO_COLOR asks for no colour (any non-empty value).
func (a *app) noColor() bool { return a.getenv("NO_COLOR") != "" }

// shellWord quotes s for a POSIX shell when it needs it, for commands the
// messages tell people to type.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:,@%=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
