package main

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestKillDuringImport kills 'overturn import -' with SIGKILL while it
// stores a long stream of cases, 50 times on one case file, each time at a
// point it has seen: right after the case file appears (the first round),
// or right after the import printed a number of ids chosen at random:
// after each kill, 'overturn check' passes and every id the import printed
// is there.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 150 processes")
	}
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "cases.db")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	printed := map[uint64]bool{}
	for round := range 50 {
		cmd := overturnCmd(t, nil, "--db", db, "import", "-")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		guard(t, cmd)
		go func() {
			// A stream that outlasts every kill: the write fails once
			// the process is gone.
			for {
				if _, err := stdin.Write(data); err != nil {
					return
				}
			}
		}()
		ids := make(chan uint64)
		go func() {
			defer close(ids)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				id, err := strconv.ParseUint(sc.Text(), 10, 64)
				if err != nil {
					t.Errorf("round %d: import printed %q", round, sc.Text())
					return
				}
				ids <- id
			}
		}()
		if round == 0 {
			for {
				if _, err := os.Stat(db); err == nil {
					break
				}
				time.Sleep(time.Millisecond)
			}
			cmd.Process.Kill()
		}
		killAfter := 1 + rng.IntN(8)
		n := 0
		for id := range ids {
			printed[id] = true
			if n++; n == killAfter {
				cmd.Process.Kill()
			}
		}
		cmd.Wait()

		if out, err := overturnCmd(t, nil, "--db", db, "check").CombinedOutput(); err != nil {
			t.Fatalf("round %d: check after SIGKILL: %v\n%s", round, err, out)
		}
	}
	list := overturnCmd(t, nil, "--db", db, "list", "--json")
	out, err := list.Output()
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	var cases []struct {
		ID uint64 `json:"id"`
	}
	if err := json.Unmarshal(out, &cases); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	stored := map[uint64]bool{}
	for _, c := range cases {
		stored[c.ID] = true
	}
	for id := range printed {
		if !stored[id] {
			t.Errorf("import printed id %d, but the case is not there", id)
		}
	}
	t.Logf("%d ids printed, %d cases stored", len(printed), len(stored))
}

// TestKillDuringAutosave kills the wizard with SIGKILL while it saves
// answer after answer, 15 times on one case file, each time at a point it
// has seen: half the rounds as soon as the answers are typed (saves under
// way), the others once the screen shows the case saved. After each kill,
// 'overturn check' passes, and every case the screen showed as saved is
// there.
func TestKillDuringAutosave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 45 processes")
	}
	db := filepath.Join(t.TempDir(), "cases.db")
	var saved []string
	for round := range 15 {
		r := startTerm(t, overturnCmd(t, nil, "--db", db, "new"))
		r.toCaseName()
		title := "Round " + strconv.Itoa(round) + " knee MRI"
		r.Type(title + "\r" + "Dana Reyes\r\r\r\rE2026091400871\r")
		if round%2 == 1 {
			r.WaitFor("saved 15:00")
		}
		shown := strings.Contains(r.Screen(), "saved 15:00")
		r.Cmd.Process.Kill()
		r.Wait()
		if shown {
			saved = append(saved, title)
		}
		if out, err := overturnCmd(t, nil, "--db", db, "check").CombinedOutput(); err != nil {
			t.Fatalf("round %d: check after SIGKILL: %v\n%s", round, err, out)
		}
	}
	list, err := overturnCmd(t, nil, "--db", db, "list").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range saved {
		if !strings.Contains(string(list), title) {
			t.Errorf("%q was shown saved, but it is not in the list:\n%s", title, list)
		}
	}
	if len(saved) < 7 {
		t.Errorf("only %d of 15 rounds were killed after a save was shown", len(saved))
	}
}
