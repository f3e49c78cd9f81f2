package ttybench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"
)

var floorExe string

func TestMain(m *testing.M) {
	if os.Getenv("TTYBENCH_ASK_DA1") != "" {
		askDA1()
		return
	}
	dir, err := os.MkdirTemp("", "ttybench-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	floorExe, err = BuildFloor(filepath.Join(dir, "floor"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildFloor(*testing.T) string { return floorExe }

// askDA1 is the child of TestAnswers: it asks the terminal for its primary
// device attributes, as Bubble Tea does, and shows the answer, or that
// none came.
func askDA1() {
	if _, err := term.MakeRaw(os.Stdin.Fd()); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	answer := make(chan string, 1)
	go func() {
		b := make([]byte, 64)
		n, _ := os.Stdin.Read(b)
		answer <- string(b[:n])
	}()
	os.Stdout.WriteString("\x1b[c")
	select {
	case a := <-answer:
		fmt.Printf("answer %q\r\n", a)
	case <-time.After(500 * time.Millisecond):
		fmt.Print("no answer\r\n")
	}
	time.Sleep(10 * time.Second)
}

func TestAnswers(t *testing.T) {
	env := append(os.Environ(), "TTYBENCH_ASK_DA1=1")
	for _, tt := range []struct {
		silent bool
		want   string
	}{{false, `answer "\x1b[?`}, {true, "no answer"}} {
		s, err := Start([]string{os.Args[0]}, Options{Env: env, Silent: tt.silent, Ready: "answer"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Ready(5 * time.Second); err != nil {
			t.Error(err)
		}
		if !strings.Contains(s.Screen(), tt.want) {
			t.Errorf("silent %v: the screen is %q, want it to contain %q", tt.silent, s.Screen(), tt.want)
		}
		s.Close()
	}
}

func TestSessionFloor(t *testing.T) {
	exe := buildFloor(t)
	s, err := Start([]string{exe}, Options{Ready: "floor ready"})
	if err != nil {
		t.Fatal(err)
	}
	frame, err := s.Ready(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	fb, ok := s.FirstByte()
	if !ok || fb <= 0 || fb > frame {
		t.Errorf("first byte %v (seen %v), first frame %v: want 0 < first byte <= first frame", fb, ok, frame)
	}
	for i, k := range []string{"a", "b", "c"} {
		if err := s.WaitIdle(20*time.Millisecond, 5*time.Second); err != nil {
			t.Fatal(err)
		}
		d, err := s.Key([]byte(k), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if d <= 0 {
			t.Errorf("key %s: latency %v, want > 0", k, d)
		}
		want := "key " + k + ", " + string(rune('1'+i)) + " keys"
		if !strings.Contains(s.Screen(), want) {
			t.Errorf("after key %s the screen is %q, want it to contain %q", k, s.Screen(), want)
		}
	}
	rss, err := s.PeakRSS()
	if err != nil || rss < 1<<20 {
		t.Errorf("peak RSS %d, %v: want at least 1 MB", rss, err)
	}
	cpu, err := s.CPUTime()
	if err != nil || cpu <= 0 {
		t.Errorf("CPU time %v, %v: want > 0", cpu, err)
	}
	u, err := s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if u.CPU <= 0 || u.PeakRSS < 1<<20 {
		t.Errorf("usage %+v: want CPU > 0 and at least 1 MB", u)
	}
}

func TestSilentTerminal(t *testing.T) {
	exe := buildFloor(t)
	s, err := Start([]string{exe}, Options{Ready: "floor ready", Silent: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ready(10 * time.Second); err != nil {
		t.Fatalf("no first frame against a terminal that never answers: %v", err)
	}
}

func TestWaitForMissingTextFails(t *testing.T) {
	exe := buildFloor(t)
	s, err := Start([]string{exe}, Options{Ready: "floor ready"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ready(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitFor("never shown", 200*time.Millisecond); err == nil {
		t.Fatal("WaitFor found a text the screen never shows")
	}
}

func TestMeasureFloor(t *testing.T) {
	exe := buildFloor(t)
	floor := FloorTarget(exe)
	results, err := Measure(context.Background(), []Target{floor}, Config{Runs: 2, Keys: 5, Gap: 10 * time.Millisecond, Idle: 150 * time.Millisecond, Windows: 2, Settle: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	res := results[0]
	for name, s := range map[string]Summary{"first byte": res.FirstByte, "first frame": res.FirstFrame,
		"silent first frame": res.FirstFrameSilent, "start CPU": res.StartCPU, "peak RSS": res.PeakRSS} {
		if s.N < 2 || s.Min <= 0 || s.Min > s.Median || s.Median > s.P95 || s.P95 > s.Max {
			t.Errorf("%s: %+v, want at least 2 positive ordered values", name, s)
		}
	}
	if len(res.Keys) != 1 || res.Keys[0].Latency.N != 5 || res.Keys[0].Latency.Min <= 0 {
		t.Errorf("keys: %+v, want 5 positive latencies on one screen", res.Keys)
	}
	if res.IdleCPU.N != 2 || res.IdleCPU.Min < 0 {
		t.Errorf("idle CPU: %+v, want two non-negative values", res.IdleCPU)
	}
	var b strings.Builder
	if err := WriteTable(&b, Figures(res, []Result{res})); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	for _, want := range []string{"| floor", "first frame, silent terminal", "key to screen change: keys", "(1.00x)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestIdleWindowsTakeTurns(t *testing.T) {
	exe := buildFloor(t)
	a, b := FloorTarget(exe), FloorTarget(exe)
	a.Name, b.Name = "first", "second"
	// The second has two screens: its idle run is its first screen's,
	// after the other.
	b.Screens = append(b.Screens, Screen{Name: "more", Keys: [][]byte{[]byte("c")}})
	var log strings.Builder
	results, err := Measure(context.Background(), []Target{a, b},
		Config{Runs: 1, Keys: 3, Gap: 10 * time.Millisecond, Idle: 100 * time.Millisecond, Windows: 3, Settle: 10 * time.Millisecond, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for line := range strings.Lines(log.String()) {
		if name, _, ok := strings.Cut(line, ": idle window:"); ok {
			order = append(order, name)
		}
	}
	if got := strings.Join(order, " "); got != "first second first second first second" {
		t.Errorf("idle windows were taken in the order %q, want turns", got)
	}
	for _, r := range results {
		if r.IdleCPU.N != 3 || len(r.Errs) > 0 {
			t.Errorf("%s: idle CPU %+v, errors %v; want 3 windows", r.Target, r.IdleCPU, r.Errs)
		}
	}
	if keys := results[1].Keys; len(keys) != 2 || keys[0].Screen != "keys" || keys[1].Screen != "more" {
		t.Errorf("the second's key results are %+v, want keys then more, in the order of its screens", keys)
	}
}

// TestBoxFloorDrawsTheBox: the box floor's first frame has its character,
// so that it pays for the width tables; the plain floor's has none.
func TestBoxFloorDrawsTheBox(t *testing.T) {
	exe := buildFloor(t)
	for _, tc := range []struct {
		target Target
		want   bool
	}{{FloorTarget(exe), false}, {BoxFloorTarget(exe), true}} {
		s, err := Start(tc.target.Argv, Options{Ready: tc.target.Ready})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Ready(10 * time.Second)
		got := strings.Contains(s.Screen(), "floor ready ─")
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s: the first frame has the box character: %v, want %v", tc.target.Name, got, tc.want)
		}
	}
}
