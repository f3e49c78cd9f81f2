package main

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/internal/ptytest"
)

// completionEnv makes a case file with two cases at db, in dir with a
// few other files, and writes the script for shell to script. The
// overturn on PATH is this test binary, which TestMain runs as overturn
// under that name.
func completionEnv(t *testing.T, shell string) (env []string, dir, db, script string) {
	t.Helper()
	bin, err := exec.LookPath("overturn")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	home := t.TempDir()
	env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"OVERTURN_NOW=" + scriptNow,
	}
	db = filepath.Join(dir, "my cases.db")
	run := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Dir = env, dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("overturn %s: %v", strings.Join(args, " "), err)
		}
		return string(out)
	}
	cases, _ := filepath.Abs("testdata/cases")
	run("--db", db, "import", filepath.Join(cases, "vitamin-d.json"), filepath.Join(cases, "pet-scan.json"))
	for _, name := range []string{"dana.json", "appeal.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	script = filepath.Join(dir, "overturn."+shell)
	if err := os.WriteFile(script, []byte(run("completion", shell)), 0o600); err != nil {
		t.Fatal(err)
	}
	return env, dir, db, script
}

// TestBashCompletion completes as bash does on Tab: the completion
// function with the words of the line, the last one the one to complete.
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is not installed; the bash completion is always tested")
	}
	env, dir, db, script := completionEnv(t, "bash")
	complete := func(words ...string) []string {
		t.Helper()
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, shQuote(w))
		}
		prog := "source " + shQuote(script) + "\nCOMP_WORDS=(overturn " + strings.Join(quoted, " ") + ")\n" +
			"COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_overturn\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog)
		cmd.Env, cmd.Dir = env, dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", words, err, out)
		}
		got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if len(got) == 1 && got[0] == "" {
			return nil
		}
		return got
	}
	for _, tc := range []struct {
		words []string
		want  []string
	}{
		{[]string{"le"}, []string{"letter"}},
		{[]string{"de"}, []string{"deadlines"}},
		{[]string{"--db", db, "sh"}, []string{"show"}},
		{[]string{"letter", "--k"}, []string{"--kind"}},
		{[]string{"letter", "--kind", "cl"}, []string{"claim-file"}},
		{[]string{"letter", "--kind", "le"}, []string{"level1", "level2"}},
		{[]string{"letter", "--kind", "=", "ph"}, []string{"physician"}},
		{[]string{"letter", "--kind", "="}, choices("KIND")},
		{[]string{"--db", db, "letter", ""}, []string{"2  (PET scan for lymphoma denied by eviCore (urgent))", "1  (Vitamin D test denied as not necessary)"}},
		{[]string{"--db", db, "show", "2"}, []string{"2"}},
		{[]string{"show", "--db", "=", db, "1"}, []string{"1"}},
		{[]string{"--db", db, "letter", "1", ""}, nil},
		{[]string{"letter", "1", "-o", "app"}, []string{"appeal.txt"}},
		{[]string{"letter", "1", "--output", "="}, []string{"appeal.txt", "backups", "dana.json", "my cases.db", "my cases.db.txid", "overturn.bash"}},
		{[]string{"import", "dana.json", "d"}, []string{"dana.json"}},
		{[]string{"backup", "my"}, []string{"my cases.db", "my cases.db.txid"}},
		{[]string{"--db", "my"}, []string{"my cases.db", "my cases.db.txid"}},
		{[]string{"completion", "f"}, []string{"fish"}},
		{[]string{"list", "--sort", ""}, []string{"updated", "deadline", "title"}},
		{[]string{"list", "--st"}, []string{"--status"}},
		{[]string{"deadlines", "--w"}, []string{"--within"}},
		{[]string{"deadlines", "--within", ""}, nil},
		{[]string{"deadlines", "--i"}, []string{"--ics"}},
		{[]string{"letter", "--f"}, []string{"--force  (replace FILE if it exists)", "--format  (FORMAT of the letter)"}},
	} {
		got := complete(tc.words...)
		if tc.words[len(tc.words)-1] == "=" || slices.Contains(tc.words, "--output") || tc.words[len(tc.words)-1] == "my" {
			slices.Sort(got)
			slices.Sort(tc.want)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("overturn %s<Tab>: got %q, want %q", strings.Join(tc.words, " "), got, tc.want)
		}
	}
	// Without a case file, or with one that cannot be read, case ids
	// complete to nothing, and nothing is printed.
	if got := complete("--db", filepath.Join(dir, "nowhere.db"), "show", ""); got != nil {
		t.Errorf("without a case file: %q", got)
	}
	if got := complete("--db", filepath.Join(dir, "dana.json"), "show", ""); got != nil {
		t.Errorf("with a file that is no case file: %q", got)
	}
}

// TestCaseCompletionWritesNothing: completing case ids on a day after the
// file was last opened, when opening it would take the day's backup and
// rewrite the file beside it, lists the cases and leaves every file and
// folder as it was.
func TestCaseCompletionWritesNothing(t *testing.T) {
	env, dir, db, _ := completionEnv(t, "bash")
	state := func() map[string]string {
		files := map[string]string{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err == nil {
				files[p] = fmt.Sprint(info.Mode(), info.Size(), info.ModTime().UnixNano())
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	before := state()
	cmd := exec.Command("overturn", "--db", db, completeName, "cases")
	cmd.Env, cmd.Dir = append(env, "OVERTURN_NOW=2026-11-28T15:00:00Z"), dir
	out, err := cmd.Output()
	want := "2\tPET scan for lymphoma denied by eviCore (urgent)\n1\tVitamin D test denied as not necessary\n"
	if err != nil || string(out) != want {
		t.Errorf("case ids: %q, %v; want %q", out, err, want)
	}
	if after := state(); !maps.Equal(before, after) {
		t.Errorf("completing case ids changed the folder:\nbefore %v\nafter  %v", before, after)
	}
}

// TestFishCompletion asks fish what it would offer (complete -C).
func TestFishCompletion(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("fish is not installed")
	}
	env, dir, db, script := completionEnv(t, "fish")
	complete := func(line string) string {
		t.Helper()
		cmd := exec.Command(fish, "--no-config", "-c", "source "+fishQuote(script)+"; complete -C "+fishQuote(line))
		cmd.Env, cmd.Dir = append(env, "XDG_CONFIG_HOME="+dir), dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		return string(out)
	}
	for _, tc := range []struct{ line, want string }{
		{"overturn le", "letter\tWrite a letter for a case\n"},
		{"overturn letter --kind le", "level1\twhich letter\nlevel2\twhich letter\n"},
		{"overturn --db " + fishEscape(db) + " show ", "1\tVitamin D test denied as not necessary\n2\tPET scan for lymphoma denied by eviCore (urgent)\n"},
		{"overturn --db " + fishEscape(db) + " letter 1 ", ""},
		{"overturn letter 1 -o app", "appeal.txt\n"},
		{"overturn import da", "dana.json\n"},
		{"overturn import dana.json da", "dana.json\n"},
		{"overturn restore my", "my cases.db\nmy cases.db.txid\n"},
		{"overturn --db my", "my cases.db\nmy cases.db.txid\n"},
		{"overturn list --sort d", "deadline\tthe ORDER of the list\n"},
		{"overturn completion z", "zsh\n"},
		{"overturn deadlines --within ", ""},
	} {
		if got := complete(tc.line); got != tc.want {
			t.Errorf("%s<Tab>: got %q, want %q", tc.line, got, tc.want)
		}
	}
}

func fishEscape(s string) string { return strings.ReplaceAll(s, " ", `\ `) }

// TestZshCompletion types into an interactive zsh in a pseudo-terminal,
// with the script loaded by compinit's compsys, and reads the screen.
func TestZshCompletion(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("zsh is not installed")
	}
	if testing.Short() {
		t.Skip("drives zsh in a pseudo-terminal")
	}
	env, dir, db, script := completionEnv(t, "zsh")
	rc := "autoload -Uz compinit && compinit -u -D\nsource " + shQuote(script) + "\nPROMPT='%% '\n"
	if err := os.WriteFile(filepath.Join(dir, ".zshrc"), []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(zsh, "-i")
	cmd.Env, cmd.Dir = append(env, "ZDOTDIR="+dir), dir
	term := ptytest.Start(t, cmd)
	term.WaitFor("%")
	try := func(line string, want ...string) {
		t.Helper()
		term.Type("\x15" + line + "\t")
		for _, w := range want {
			term.WaitFor(w)
		}
		time.Sleep(200 * time.Millisecond)
		if s := term.Screen(); strings.Contains(s, "unrecognized") || strings.Contains(s, "_overturn:") {
			t.Fatalf("zsh reports an error:\n%s", s)
		}
	}
	try("overturn lett", "% overturn letter")
	try("overturn letter --kind cl", "--kind claim-file")
	try("overturn --db "+strings.ReplaceAll(db, " ", `\ `)+" show ", "Vitamin D test denied as not necessary", "PET scan for lymphoma")
	try("overturn letter 1 -o app", "-o appeal.txt")
	try("overturn import da", "import dana.json")
	try("overturn list --", "--sort", "-- the ORDER of the list")
}
