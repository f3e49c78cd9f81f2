package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

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
	testscript.Main(m, map[string]func(){
		"overturn": func() { os.Exit(run()) },
		// overturn with a wizard store that fails as only a bug would.
		"overturn-faulty": func() {
			wizardStore = faultyStore(os.Getenv("OVERTURN_TEST_FAULT"))
			os.Exit(run())
		},
	})
}

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
			"exits": cmdExits,
			"mode":  cmdMode,
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
