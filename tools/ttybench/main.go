// Command ttybench measures Overturn against the smallest Bubble Tea v2
// program (the floor) in an 80x24 pseudo-terminal, on generated case
// stores of several sizes, and prints one table with every figure as a
// ratio to the floor's, then the budgets of the performance issue. The
// floor is also measured drawing one box-drawing character ("floor
// drawing ─"), which costs it the terminal library's character-width
// tables, as it costs every program that draws one: a reference, not a
// budget.
//
// scripts/bench runs it with the full sizes:
//
//	go run ./tools/ttybench -sizes 0,10000,100000
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/overturn/overturn/internal/casegen"
	"github.com/overturn/overturn/internal/ttybench"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

type screens []string

func (s *screens) String() string     { return strings.Join(*s, " ") }
func (s *screens) Set(v string) error { *s = append(*s, v); return nil }

type config struct {
	sizes      []int
	overturn   string
	work       string
	keep       bool
	seed       int64
	listRuns   int
	ready      string
	emptyReady string
	screens    []ttybench.Screen
	bench      ttybench.Config
	command    string // how the harness was run, for the report
	importMax  int    // stores of at most this many cases are made with overturn import, larger ones with the store package
	durable    int    // kill an import after this many ids and check them (0: do not)
}

func main() {
	var (
		cfg      config
		sizes    = flag.String("sizes", "0,10000,100000", "case-store sizes to measure overturn on, comma-separated")
		specs    screens
		storeDir string
	)
	flag.StringVar(&cfg.overturn, "overturn", "", "overturn binary to measure (default: build ./cmd/overturn)")
	flag.StringVar(&cfg.work, "work", "", "directory for the binaries and case stores (default: a new temporary one, removed at the end)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work directory")
	flag.Int64Var(&cfg.seed, "seed", 1, "seed of the generated cases")
	flag.IntVar(&cfg.bench.Runs, "runs", 20, "start-up runs per target, each against an answering and a silent terminal")
	flag.IntVar(&cfg.bench.Keys, "keys", 200, "keystrokes per screen")
	flag.DurationVar(&cfg.bench.Gap, "gap", 50*time.Millisecond, "least idle time before each key (jittered up to twice this)")
	flag.DurationVar(&cfg.bench.Idle, "idle", 10*time.Second, "idle CPU window")
	flag.IntVar(&cfg.bench.Windows, "windows", 3, "idle CPU windows per target, taken in turns across the targets")
	flag.DurationVar(&cfg.bench.Timeout, "timeout", 30*time.Second, "longest wait for a screen")
	flag.IntVar(&cfg.listRuns, "list-runs", 10, "runs of overturn list on each store with cases (0: skip)")
	flag.StringVar(&cfg.ready, "ready", defaultReady, "text of overturn's first frame with cases (the case list)")
	flag.StringVar(&cfg.emptyReady, "empty-ready", defaultEmptyReady, "text of overturn's first frame with no cases")
	flag.Var(&specs, "screen", "a screen to measure keystrokes on, NAME|SETUP|KEYS (repeatable; default: list, case and form)")
	flag.IntVar(&cfg.importMax, "import-max", 10000, "make stores of at most this many cases with overturn import (timed), larger ones with the store package in batches (-1: all with the store package)")
	flag.IntVar(&cfg.durable, "kill-import-after", 300, "kill an import after this many ids and check each printed id is in the store (0: skip)")
	flag.StringVar(&storeDir, "stores", "", "directory of case stores kept between runs (cases-N-seed-S.db), made when missing")
	quiet := flag.Bool("q", false, "no progress lines on stderr")
	flag.Parse()
	// scripts/bench says how it was run; the report names that command.
	cfg.command = os.Getenv("TTYBENCH_COMMAND")
	if cfg.command == "" {
		cfg.command = strings.Join(append([]string{"go run ./tools/ttybench"}, os.Args[1:]...), " ")
	}
	if !*quiet {
		cfg.bench.Log = os.Stderr
	}
	var err error
	if cfg.sizes, err = parseSizes(*sizes); err != nil {
		fail(err)
	}
	if len(specs) == 0 {
		specs = defaultScreens
	}
	for _, sp := range specs {
		sc, err := ttybench.ParseScreen(sp)
		if err != nil {
			fail(err)
		}
		cfg.screens = append(cfg.screens, sc)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, storeDir, os.Stdout); err != nil {
		fail(err)
	}
}

// The texts of overturn's first frame: the case list with cases shows
// "step N of 7" under each; without cases it says "Press n to start your
// first case".
const (
	defaultReady      = "of 7"
	defaultEmptyReady = "first case"
)

// defaultScreens are where keystrokes are measured on overturn: the case
// list (the selection moves), a case (opened with enter; the cursor moves
// through the step's fields) and the new-case form (opened with n; its
// four questions of the situation left unanswered with enter, a letter
// is typed into its first text field, the case's name, and taken back).
var defaultScreens = []string{
	"list||down,up",
	"case|enter>Step |down,up",
	"form|n>New case;enter>▸ Was it emergency;enter>▸ Mental health;enter>▸ Which plan;enter>▸ A short name|a,backspace",
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ttybench:", err)
	os.Exit(1)
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("-sizes: %q is not a number of cases: write sizes like 0,10000,100000", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(ctx context.Context, cfg config, storeDir string, out io.Writer) error {
	work := cfg.work
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "overturn-bench-"); err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(work)
		}
	} else if err := os.MkdirAll(work, 0o700); err != nil {
		return err
	}
	if storeDir == "" {
		storeDir = work
	} else if err := os.MkdirAll(storeDir, 0o700); err != nil {
		return err
	}
	home := filepath.Join(work, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		return err
	}
	env := childEnv(home)

	floorExe, err := ttybench.BuildFloor(filepath.Join(work, "floor"))
	if err != nil {
		return err
	}
	floor, box := ttybench.FloorTarget(floorExe), ttybench.BoxFloorTarget(floorExe)
	floor.Env, box.Env = env, env
	targets := []ttybench.Target{floor, box}

	exe := cfg.overturn
	var overturnErr error
	if exe == "" {
		exe, overturnErr = buildOverturn(filepath.Join(work, "overturn"))
	}
	// notes say what could not be measured, and why.
	var notes []string
	note := func(format string, a ...any) {
		notes = append(notes, fmt.Sprintf(format, a...))
		logf(cfg, format, a...)
	}
	imports := map[int]time.Duration{}
	stores := map[int]string{}
	if overturnErr != nil {
		note("overturn was not measured: %v", overturnErr)
	}
	for _, n := range cfg.sizes {
		if overturnErr != nil {
			break
		}
		path := filepath.Join(storeDir, fmt.Sprintf("cases-%d-seed-%d.db", n, cfg.seed))
		if _, err := os.Stat(path); err == nil {
			logf(cfg, "store of %d cases: reusing %s", n, path)
		} else if n > cfg.importMax {
			start := time.Now()
			if err := loadStore(ctx, path, n, cfg.seed); err != nil {
				note("overturn, %d cases: could not make the store: %v", n, err)
				continue
			}
			logf(cfg, "store of %d cases: made in %s", n, time.Since(start).Round(time.Millisecond))
		} else {
			d, err := importCases(ctx, exe, env, path, n, cfg.seed)
			if err != nil {
				note("overturn, %d cases: could not import: %v", n, err)
				continue
			}
			imports[n] = d
			logf(cfg, "store of %d cases: imported in %s", n, d.Round(time.Millisecond))
		}
		stores[n] = path
		targets = append(targets, overturnTarget(cfg, exe, env, path, n))
	}

	results, err := ttybench.Measure(ctx, targets, cfg.bench)
	if err != nil {
		return err
	}
	if len(results[0].Errs) > 0 {
		return fmt.Errorf("the floor: %w", errors.Join(results[0].Errs...))
	}

	for _, r := range results {
		for _, err := range r.Errs {
			note("%s: could not measure: %v", r.Target, err)
		}
	}

	lost := math.NaN()
	if overturnErr == nil && cfg.durable > 0 {
		if n, err := importKilled(ctx, exe, env, filepath.Join(work, "killed.db"), cfg.durable, cfg.seed); err != nil {
			note("import killed midway: could not check: %v", err)
		} else {
			lost = float64(n)
		}
	}

	var lists []listResult
	for _, n := range slices.Sorted(maps.Keys(stores)) {
		if n == 0 || cfg.listRuns == 0 {
			continue
		}
		l, err := timeList(ctx, exe, env, stores[n], cfg.listRuns)
		if err != nil {
			note("overturn list, %d cases: could not measure: %v", n, err)
			continue
		}
		lists = append(lists, listResult{n: n, s: l})
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	fmt.Fprintf(out, "Machine: %s\n", machine())
	if cfg.command != "" {
		fmt.Fprintf(out, "Command: %s\n", cfg.command)
	}
	fmt.Fprintln(out)
	if err := ttybench.WriteTable(out, ttybench.Figures(results[0], results)); err != nil {
		return err
	}
	fmt.Fprintln(out)
	if len(imports) > 0 || len(lists) > 0 {
		writeCommands(out, imports, lists)
		fmt.Fprintln(out)
	}
	for _, n := range notes {
		fmt.Fprintf(out, "%s\n\n", n)
	}
	bs := budgets(results, imports, lists)
	if cfg.durable > 0 {
		bs = append(bs, ttybench.Budget{
			Name:  fmt.Sprintf("ids printed by an import killed after %d ids whose case is not in the store", cfg.durable),
			Limit: 0, Measured: lost, Unit: " cases"})
	}
	return ttybench.WriteBudgets(out, bs)
}

func logf(cfg config, format string, a ...any) {
	if cfg.bench.Log != nil {
		fmt.Fprintf(cfg.bench.Log, format+"\n", a...)
	}
}

// childEnv is this process's environment with a private home, so the
// programs measured never touch the person's own case file.
func childEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "OVERTURN_DB", "TERM", "NO_COLOR":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"TERM=xterm-256color")
}

// buildOverturn builds ./cmd/overturn of the module the harness is in.
func buildOverturn(exe string) (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("cannot find the module")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	cmd := exec.Command("go", "build", "-o", exe, "./cmd/overturn")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build ./cmd/overturn: %v\n%s", err, b)
	}
	return exe, nil
}

func overturnTarget(cfg config, exe string, env []string, db string, n int) ttybench.Target {
	t := ttybench.Target{
		Name:  fmt.Sprintf("overturn, %d cases", n),
		Argv:  []string{exe, "--db", db},
		Env:   env,
		Ready: cfg.ready,
	}
	if n == 0 {
		t.Ready = cfg.emptyReady
	}
	for _, sc := range cfg.screens {
		// Moving through a list needs at least two cases; opening a case
		// needs one. A form can be reached with none.
		if n < 2 && sc.Name != "form" {
			continue
		}
		t.Screens = append(t.Screens, sc)
	}
	return t
}

// importCases makes a store of n generated cases with `overturn import -`
// and returns how long the import took. The case files are written to a
// file first, so that the time is the import's alone.
func importCases(ctx context.Context, exe string, env []string, db string, n int, seed int64) (time.Duration, error) {
	f, err := os.CreateTemp(filepath.Dir(db), "cases-*.json")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := casegen.Write(f, n, seed, time.Now()); err != nil {
		return 0, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	cmd := exec.CommandContext(ctx, exe, "import", "--db", db, "-")
	cmd.Env = env
	cmd.Stdin = f
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("import %d cases: %v\n%s", n, err, stderr.String())
	}
	if lines := strings.Count(stdout.String(), "\n"); lines != n {
		return 0, fmt.Errorf("import %d cases: overturn printed %d lines, want one id per case", n, lines)
	}
	return took, nil
}

// loadStore makes a store of n generated cases with the store package, a
// thousand cases a transaction.
func loadStore(ctx context.Context, path string, n int, seed int64) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	batch := make([]*workflow.Case, 0, 1000)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := st.CreateMany(batch)
		batch = batch[:0]
		return err
	}
	for _, c := range casegen.All(n, seed, time.Now()) {
		if err := ctx.Err(); err != nil {
			st.Close()
			return err
		}
		if batch = append(batch, c); len(batch) == cap(batch) {
			if err := flush(); err != nil {
				st.Close()
				return err
			}
		}
	}
	if err := flush(); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}

// importKilled imports generated cases, kills the import (SIGKILL) once it
// has printed after ids, and returns how many of the ids it printed, up to
// the kill, are not in the store: an id is to be printed only once its
// case is durable.
func importKilled(ctx context.Context, exe string, env []string, db string, after int, seed int64) (int, error) {
	cmd := exec.CommandContext(ctx, exe, "import", "--db", db, "-")
	cmd.Env = env
	pr, pw := io.Pipe()
	cmd.Stdin = pr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	go func() {
		pw.CloseWithError(casegen.Write(pw, after*10, seed, time.Now()))
	}()
	var ids []uint64
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		id, err := strconv.ParseUint(strings.TrimSpace(sc.Text()), 10, 64)
		if err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return 0, fmt.Errorf("overturn import printed %q, not an id", sc.Text())
		}
		if ids = append(ids, id); len(ids) == after {
			_ = cmd.Process.Kill()
		}
	}
	_ = cmd.Wait()
	pr.Close()
	if len(ids) < after {
		return 0, fmt.Errorf("overturn import printed %d ids before it ended, want at least %d", len(ids), after)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		return 0, fmt.Errorf("open the store of the killed import: %w", err)
	}
	defer st.Close()
	lost := 0
	for _, id := range ids {
		if _, err := st.Get(id); err != nil {
			lost++
		}
	}
	return lost, nil
}

type listResult struct {
	n int
	s ttybench.Summary
}

// timeList runs `overturn list` runs times and summarises its wall time.
func timeList(ctx context.Context, exe string, env []string, db string, runs int) (ttybench.Summary, error) {
	var xs []float64
	for range runs {
		cmd := exec.CommandContext(ctx, exe, "list", "--db", db)
		cmd.Env = env
		cmd.Stdout = io.Discard
		var stderr strings.Builder
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return ttybench.Summary{}, fmt.Errorf("overturn list: %v\n%s", err, stderr.String())
		}
		xs = append(xs, float64(time.Since(start))/float64(time.Millisecond))
	}
	return ttybench.Summarize(xs), nil
}

// writeCommands prints the wall times of overturn's commands as a
// Markdown table.
func writeCommands(w io.Writer, imports map[int]time.Duration, lists []listResult) {
	fmt.Fprintln(w, "| command | cases | min | median | p95 | max |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
	for _, l := range lists {
		fmt.Fprintf(w, "| overturn list | %d | %.1fms | %.1fms | %.1fms | %.1fms |\n", l.n, l.s.Min, l.s.Median, l.s.P95, l.s.Max)
	}
	for _, n := range slices.Sorted(maps.Keys(imports)) {
		d := imports[n].Seconds()
		fmt.Fprintf(w, "| overturn import - | %d | %.2fs | %.2fs | %.2fs | %.2fs |\n", n, d, d, d, d)
	}
}

// budgets are the limits of the performance issue, against results.
func budgets(results []ttybench.Result, imports map[int]time.Duration, lists []listResult) []ttybench.Budget {
	floor := results[0]
	byN := map[int]ttybench.Result{}
	for _, r := range results[1:] {
		var n int
		if _, err := fmt.Sscanf(r.Target, "overturn, %d cases", &n); err == nil {
			byN[n] = r
		}
	}
	nan := math.NaN()
	ratio := func(n int, f func(ttybench.Result) float64) float64 {
		r, ok := byN[n]
		if !ok {
			return nan
		}
		return ttybench.Ratio(f(r), f(floor))
	}
	frame := func(r ttybench.Result) float64 { return median(r.FirstFrame) }
	startCPU := func(r ttybench.Result) float64 { return median(r.StartCPU) }
	keys := func(screen string) func(ttybench.Result) float64 {
		return func(r ttybench.Result) float64 {
			if r.Target == floor.Target {
				if len(r.Keys) == 0 {
					return nan
				}
				return median(r.Keys[0].Latency)
			}
			for _, k := range r.Keys {
				if k.Screen == screen {
					return median(k.Latency)
				}
			}
			return nan
		}
	}
	peak := func(n int) float64 {
		if r, ok := byN[n]; ok && r.PeakRSS.N > 0 {
			return r.PeakRSS.Max
		}
		return nan
	}
	largest := 0
	for n := range byN {
		largest = max(largest, n)
	}
	bs := []ttybench.Budget{
		{Name: "CPU to first frame of the case list, 10000 cases (median, x floor)", Limit: 1.3, Measured: ratio(10000, startCPU), Unit: "x"},
		{Name: "CPU to first frame of the case list, 100000 cases (median, x floor)", Limit: 1.3, Measured: ratio(100000, startCPU), Unit: "x"},
		{Name: "first frame of the case list, 10000 cases (median, x floor)", Limit: 1.0, Measured: ratio(10000, frame), Unit: "x"},
		{Name: "first frame of the case list, 100000 cases (median, x floor)", Limit: 1.0, Measured: ratio(100000, frame), Unit: "x"},
		{Name: fmt.Sprintf("key to screen change on the case screen, %d cases (median, x floor)", largest), Limit: 0.75, Measured: ratio(largest, keys("case")), Unit: "x"},
		{Name: fmt.Sprintf("key to screen change in a form, %d cases (median, x floor)", largest), Limit: 0.75, Measured: ratio(largest, keys("form")), Unit: "x"},
		{Name: "peak memory, 10000 cases", Limit: 25, Measured: peak(10000), Unit: "MB"},
		{Name: "peak memory, 100000 cases", Limit: 40, Measured: peak(100000), Unit: "MB"},
	}
	for _, n := range slices.Sorted(maps.Keys(byN)) {
		r := byN[n]
		bs = append(bs,
			ttybench.Budget{Name: fmt.Sprintf("idle CPU, %d cases (x floor)", n), Limit: 1.5,
				Measured: ttybench.Ratio(median(r.IdleCPU), median(floor.IdleCPU)), Unit: "x"},
			ttybench.Budget{Name: fmt.Sprintf("first frame against a silent terminal, %d cases (median, x answering)", n), Limit: 1.5,
				Measured: ttybench.Ratio(median(r.FirstFrameSilent), median(r.FirstFrame)), Unit: "x"})
	}
	list := nan
	for _, l := range lists {
		if l.n == 100000 {
			list = l.s.Median
		}
	}
	imp := nan
	if d, ok := imports[10000]; ok {
		imp = d.Seconds()
	}
	return append(bs,
		ttybench.Budget{Name: "overturn list, 100000 cases (median)", Limit: 300, Measured: list, Unit: "ms"},
		ttybench.Budget{Name: "overturn import of 10000 case files", Limit: 10, Measured: imp, Unit: "s"})
}

// median is the median of s, NaN for an empty sample.
func median(s ttybench.Summary) float64 {
	if s.N == 0 {
		return math.NaN()
	}
	return s.Median
}

// machine describes the computer the table was measured on.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(strings.SplitN(string(b), "\n", 2)[0]); len(f) >= 2 {
			if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
				mem = fmt.Sprintf(", %.1f GB RAM", kb/(1<<20))
			}
		}
	}
	kernel := ""
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = ", Linux " + strings.TrimSpace(string(b))
	}
	load := ""
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			load = fmt.Sprintf(", load average %s %s %s at the end", f[0], f[1], f[2])
		}
	}
	return fmt.Sprintf("%s, %d CPUs%s%s, %s, %s%s", cpu, runtime.NumCPU(), mem, kernel, runtime.Version(),
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), load)
}
