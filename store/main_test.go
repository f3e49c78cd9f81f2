package store

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

// The test binary doubles as the child processes the tests need: it runs
// one of these commands instead of the tests when its first argument names
// one, as the real binary runs its hidden __verify-db command.
var children = map[string]func(args []string) int{
	"__verify-db":    func(args []string) int { return RunVerify(args[0], os.Stderr) },
	"__hold-lock":    holdLock,
	"__crash-writer": crashWriter,
	"__busy-writer":  busyWriter,
	"__restore":      restoreUntil,
}

// restoreUntil restores the case file at args[0] from the backup at
// args[1], and ends the process (exit status 3) as a crash would at the
// step of Restore named by args[2].
func restoreUntil(args []string) int {
	crashAt = func(step string) {
		if step == args[2] {
			os.Exit(3)
		}
	}
	if _, err := Restore(args[0], args[1], Options{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

var benchDir string

func TestMain(m *testing.M) {
	if len(os.Args) > 2 {
		if child, ok := children[os.Args[1]]; ok {
			os.Exit(child(os.Args[2:]))
		}
	}
	flag.Parse()
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// testBinary returns the path of the running test binary.
func testBinary(t testing.TB) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// verifyChild is the Options.Verify the real binary uses, with the test
// binary as the child.
func verifyChild(t testing.TB) func(string) error {
	return VerifyInChild([]string{testBinary(t), "__verify-db"})
}

// holdLock opens the store at args[0], says "ready" and keeps it open until
// its standard input closes.
func holdLock(args []string) int {
	s, err := Open(args[0], Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	fmt.Println("ready")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}

// crashCases is how many cases the crash writer keeps changing.
const crashCases = 5

// crashCase is the content of case id at version v in the crash test:
// small, changing in size, and checkable.
func crashCase(id uint64, v int, now time.Time) *workflow.Case {
	c := workflow.NewCase(now, "Cigna")
	c.Title = fmt.Sprintf("crash case %d version %d", id, v)
	c.Claim.Number = strconv.Itoa(v)
	c.EOB.Reason = strings.TrimSpace(strings.Repeat(fmt.Sprintf("reason %d/%d ", id, v), v%13))
	return c
}

// crashVersion reads the version of a crash case back, checking its content.
func crashVersion(id uint64, c *workflow.Case) (int, error) {
	v, err := strconv.Atoi(c.Claim.Number)
	if err != nil {
		return 0, fmt.Errorf("case %d: claim %q", id, c.Claim.Number)
	}
	want := crashCase(id, v, c.Created)
	if c.Title != want.Title || c.EOB.Reason != want.EOB.Reason {
		return 0, fmt.Errorf("case %d: content of version %d does not match: %q", id, v, c.Title)
	}
	return v, nil
}

// crashWriter saves a stream of changing cases to the store at args[0],
// printing "saved ID VERSION" after each save returns, until killed.
func crashWriter(args []string) int { return writeCases(args[0], 0) }

// busyWriter is crashWriter with a pause of a millisecond between saves:
// a program that saves all the time, though not without a pause.
func busyWriter(args []string) int { return writeCases(args[0], time.Millisecond) }

func writeCases(path string, pause time.Duration) int {
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	versions := map[uint64]int{}
	for id := uint64(1); id <= crashCases; id++ {
		c, err := s.Get(id)
		if err == nil {
			versions[id], err = crashVersion(id, c)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	fmt.Println("ready")
	for {
		id := uint64(rand.IntN(crashCases)) + 1
		v := versions[id] + 1
		if err := s.Save(id, crashCase(id, v, time.Now())); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		versions[id] = v
		fmt.Printf("saved %d %d\n", id, v)
		time.Sleep(pause)
	}
}
