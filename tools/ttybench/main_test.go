package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/internal/ttybench"
	"github.com/overturn/overturn/store"
)

// TestRunSmall runs the whole harness on small sizes: the floor, and
// overturn on stores of 0 and 12 cases when ./cmd/overturn builds.
func TestRunSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs in a pseudo-terminal")
	}
	cfg := config{
		sizes:      []int{0, 12},
		work:       t.TempDir(),
		seed:       1,
		listRuns:   2,
		durable:    20,
		importMax:  100,
		ready:      defaultReady,
		emptyReady: defaultEmptyReady,
		bench:      ttybench.Config{Runs: 2, Keys: 4, Gap: 10 * time.Millisecond, Idle: 200 * time.Millisecond, Windows: 1, Settle: 10 * time.Millisecond, Timeout: 20 * time.Second},
	}
	for _, sp := range defaultScreens {
		sc, err := ttybench.ParseScreen(sp)
		if err != nil {
			t.Fatal(err)
		}
		cfg.screens = append(cfg.screens, sc)
	}
	var out strings.Builder
	if err := run(context.Background(), cfg, "", &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	t.Log("\n" + out.String())
	got := out.String()
	want := []string{"Machine: ", "| floor ", "| floor drawing ─ ", "first frame, silent terminal", "| budget "}
	built := !strings.Contains(got, "overturn was not measured")
	if built {
		want = append(want, "| overturn list | 12 ", "| overturn import - | 12 ",
			"killed after 20 ids whose case is not in the store | 0 cases | 0 cases  | ok")
	}
	// Until cmd/overturn runs the wizard, only its commands can be
	// measured.
	wizard := !strings.Contains(got, "the wizard is not part of this build")
	if built && wizard {
		want = append(want, "| overturn, 0 cases ", "| overturn, 12 cases ", "key to screen change: list",
			"key to screen change: case", "key to screen change: form")
		if strings.Contains(got, "could not measure") {
			t.Error("a figure could not be measured")
		}
	} else if built {
		t.Log("overturn's wizard is not built in: its rows are not checked")
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("0, 10000,100000")
	if err != nil || len(got) != 3 || got[0] != 0 || got[1] != 10000 || got[2] != 100000 {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "ten", "-1", "1,,2"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) gave no error", bad)
		}
	}
}

func TestLoadStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.db")
	if err := loadStore(context.Background(), path, 1500, 1); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Count("")
	if err != nil || n != 1500 {
		t.Errorf("the store holds %d cases (%v), want 1500", n, err)
	}
}
