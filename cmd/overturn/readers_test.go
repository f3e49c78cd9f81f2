package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadCommandsBesideTheWizard: while the wizard has the case file open
// and saves answer after answer to it, every command that only reads it
// works (list, show, deadlines, letter, export-case, check, backup: each
// run just as an answer is being saved), what they show is right, and a
// second writer is still refused with the "open in another Overturn"
// message. The backup taken then is whole, and the wizard's answers are
// all saved at the end.
func TestReadCommandsBesideTheWizard(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	if out, err := overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json", "testdata/cases/pet-scan.json").CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	r := startTerm(t, overturnCmd(t, nil, "--db", db, "new"))
	r.toCaseName()
	r.Type("Knee MRI denied\r")
	r.WaitFor("saved 15:00")
	// Each answer: back to the title (shift+tab), one more letter, enter.
	answer := func() { r.Type("\x1b[Zx\r") }

	backup := filepath.Join(dir, "backup.db")
	letter := filepath.Join(dir, "appeal.txt")
	reads := []struct {
		args []string
		want string // in the output
	}{
		{[]string{"list"}, "Vitamin D test denied"},
		{[]string{"list", "--json"}, `"claim": "E2026091400871"`},
		{[]string{"show", "1"}, "Case 1: Vitamin D test denied"},
		{[]string{"show", "2", "--json"}, `"id": 2`},
		{[]string{"deadlines"}, "case 1"},
		{[]string{"deadlines", "--json", "--within", "400"}, `"case_id": 1`},
		{[]string{"letter", "1", "--kind", "level1"}, "Dana Reyes"},
		{[]string{"letter", "1", "--kind", "level1", "-o", letter}, "Wrote " + letter},
		{[]string{"export-case", "1"}, `"format": "overturn-case/`},
		{[]string{"check"}, "open in another Overturn"},
		{[]string{"check", "--json"}, `"in_use": true`},
		{[]string{"backup", backup}, "Backed up"},
	}
	for round := range 2 {
		for _, rd := range reads {
			if rd.args[0] == "backup" || strings.HasPrefix(strings.Join(rd.args, " "), "letter 1 --kind level1 -o") {
				os.Remove(rd.args[len(rd.args)-1])
			}
			answer()
			cmd := overturnCmd(t, nil, append([]string{"--db", db}, rd.args...)...)
			guard(t, cmd)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), rd.want) {
				t.Errorf("round %d: %v beside the wizard: %v\n%s", round, rd.args, err, out)
			}
		}
	}
	if _, err := os.Stat(letter); err != nil {
		t.Error(err)
	}

	// A second writer is refused, at once and with the message.
	start := time.Now()
	out, status := runStatus(t, overturnCmd(t, nil, "--db", db, "import", "testdata/cases/resolved.json"))
	if status != 1 || !strings.Contains(out, "is open in another Overturn window; close it and try again") {
		t.Errorf("a second writer: status %d\n%s", status, out)
	}
	t.Logf("the second writer was refused after %v", time.Since(start))

	// The backup holds the cases: restored elsewhere, they are listed.
	other := filepath.Join(dir, "other.db")
	if out, err := overturnCmd(t, nil, "--db", other, "restore", backup).CombinedOutput(); err != nil {
		t.Fatalf("restoring the backup: %v\n%s", err, out)
	}
	list, err := overturnCmd(t, nil, "--db", other, "list", "--json").Output()
	var items []struct{ Title string }
	if err != nil || json.Unmarshal(list, &items) != nil || len(items) != 3 || !strings.HasPrefix(items[0].Title, "Knee MRI denied") {
		t.Errorf("the backup taken beside the wizard lists %q, %v", list, err)
	}

	r.WaitFor("saved 15:00")
	r.esc() // the answer after the title is being typed: stop typing
	r.esc() // leave the form
	r.settle()
	r.Type("q")
	if status := r.Wait(); status != 0 {
		t.Fatalf("the wizard ended with %d:\n%s", status, r.Screen())
	}
	list, err = overturnCmd(t, nil, "--db", db, "list", "--json").Output()
	if err != nil || json.Unmarshal(list, &items) != nil || len(items) != 3 || items[0].Title != "Knee MRI denied"+strings.Repeat("x", 2*len(reads)) {
		t.Errorf("after the wizard, the cases are %+v, %v", items, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".cases.db.*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
