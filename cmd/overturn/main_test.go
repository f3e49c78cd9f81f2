package main

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/overturn/overturn/internal/pdftext"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp files of the testscripts")

// TestMain makes this test binary act as overturn when it runs under that
// name: the scripts run the real main through it.
func TestMain(m *testing.M) {
	// Run under nohup, the tests and every overturn they start would
	// ignore SIGHUP, and the tests of a hangup would fail: caught here
	// (and dropped), it reaches the children with its default action
	// again. Not in the children themselves: TestNohup starts one that
	// must find it ignored.
	if name := filepath.Base(os.Args[0]); name != "overturn" && name != "overturn-faulty" && signal.Ignored(syscall.SIGHUP) {
		signal.Notify(make(chan os.Signal, 1), syscall.SIGHUP)
	}
	commands := map[string]func(){
		"overturn": func() { os.Exit(run()) },
		// overturn with a wizard store that fails as only a bug would.
		"overturn-faulty": func() {
			wizardStore = faultyStore(os.Getenv("OVERTURN_TEST_FAULT"))
			os.Exit(run())
		},
	}
	maps.Copy(commands, platformCommands)
	testscript.Main(m, commands)
}

// platformCommands are more programs the test binary acts as, on some
// systems only.
var platformCommands = map[string]func(){}

// The clock of every script: a Friday, after every date in testdata/cases.
const scriptNow = "2026-11-27T15:00:00Z"

func TestScripts(t *testing.T) {
	cases, err := filepath.Abs("testdata/cases")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, "data"))
			env.Setenv("OVERTURN_NOW", scriptNow)
			env.Setenv("TZ", "UTC")
			return os.CopyFS(filepath.Join(env.WorkDir, "cases"), os.DirFS(cases))
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":     cmdExits,
			"mode":      cmdMode,
			"pdfletter": cmdPDFLetter,
		},
	})
}

// exits CODE PROGRAM ARGS... runs a program and checks its exit status.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	got := 0
	var ee *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// mode PERM FILE checks a file's permission bits.
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode PERM FILE")
	}
	info, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	got := fmt.Sprintf("%04o", info.Mode().Perm())
	if (got == args[0]) == neg {
		ts.Fatalf("%s has mode %s, want %s%s", args[1], got, map[bool]string{true: "not "}[neg], args[0])
	}
}

// pdfletter PDF TXT CLAIM checks that the PDF has the words of the text
// letter, in order, and from page 2 on the claim number and "page N of M"
// at the top: what a person would see printed.
func cmdPDFLetter(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: pdfletter PDF TXT CLAIM")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	pages, err := pdftext.Read(data)
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	var words []string
	for i, p := range pages {
		runs := p.Runs
		if i > 0 {
			head := []string{"Claim number " + args[2], fmt.Sprintf("page %d of %d", i+1, len(pages))}
			if len(runs) < 2 || runs[0].Text != head[0] || runs[1].Text != head[1] {
				ts.Fatalf("page %d does not start with %q", i+1, head)
			}
			runs = runs[2:]
		}
		words = append(words, strings.Fields(strings.ReplaceAll(pdftextJoin(runs), "•", "-"))...)
	}
	text := ts.ReadFile(args[1])
	if want := strings.Fields(text); !slices.Equal(words, want) {
		ts.Fatalf("the words of %s differ from those of %s:\n%q\n%q", args[0], args[1], words, want)
	}
	ts.Logf("%s: %d pages, the words of %s", args[0], len(pages), args[1])
}

func pdftextJoin(runs []pdftext.Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}
