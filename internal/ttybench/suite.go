package ttybench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Target is one program to measure.
type Target struct {
	Name string
	Argv []string
	Env  []string // default: this process's environment
	// Ready is a text of the first frame that matters (the case list, say).
	Ready string
	// Screens are where keystrokes are measured, each in a fresh run.
	Screens []Screen
}

// Screen is a place in the program and the keys to measure there.
type Screen struct {
	Name string
	// Setup is the way there from the first frame: each step sends its
	// keys and waits for its text.
	Setup []Step
	// Keys are sent in turn, round and round; each must change the screen
	// (j then k on a list; a letter then backspace in a form).
	Keys [][]byte
}

// Step is keys to send and the text that shows they took effect.
type Step struct {
	Keys []byte
	Wait string
}

// Config sets how much to measure.
type Config struct {
	Runs    int           // start-up runs, with an answering and with a silent terminal (default 10)
	Keys    int           // keystrokes per screen (default 200)
	Gap     time.Duration // least idle time before a key; each gap is jittered up to twice this (default 50ms)
	Idle    time.Duration // the idle CPU window (default 10s)
	Windows int           // idle windows per target, taken in turns across the targets (default 3)
	Settle  time.Duration // the wait after a paused program resumes, before its idle window (default 500ms)
	Timeout time.Duration // the longest wait for a screen (default 10s)
	Seed    uint64        // seeds the jitter
	Log     io.Writer     // progress lines, when set
}

func (c Config) withDefaults() Config {
	if c.Runs == 0 {
		c.Runs = 10
	}
	if c.Keys == 0 {
		c.Keys = 200
	}
	if c.Gap == 0 {
		c.Gap = 50 * time.Millisecond
	}
	if c.Idle == 0 {
		c.Idle = 10 * time.Second
	}
	if c.Windows == 0 {
		c.Windows = 3
	}
	if c.Settle == 0 {
		c.Settle = 500 * time.Millisecond
	}
	if c.Timeout == 0 {
		c.Timeout = 10 * time.Second
	}
	return c
}

// Result is what Measure found for one target. Times are in
// milliseconds, memory in megabytes (2^20 bytes).
type Result struct {
	Target           string
	FirstByte        Summary
	FirstFrame       Summary
	FirstFrameSilent Summary // against a terminal that never answers
	// StartCPU is the CPU time a run has used when its first frame is
	// seen (all its threads, from the kernel's accounting): not what it
	// then spends to stop, which a program that saves on SIGTERM spends
	// and the floor, which SIGTERM kills, does not.
	StartCPU   Summary
	PeakRSS    Summary       // VmHWM of every run, read just before it is stopped
	IdleCPU    Summary       // CPU time over each of Config.Windows windows of Config.Idle with the screen idle
	IdleWindow time.Duration // Config.Idle
	Keys       []KeyResult
	// Errs say what could not be measured, and why.
	Errs []error
}

// KeyResult is the keystroke-to-screen-change sample of one screen.
type KeyResult struct {
	Screen  string
	Latency Summary
}

// Measure runs the targets as cfg says. Start-up runs are interleaved
// (one run of each target in turn, after one discarded warm-up run of
// each), so that a change in the machine's load falls on every target
// alike; keystroke runs follow, target by target. Each target's first
// keystroke run is then left open, idle, and the idle windows are taken
// in turns too: one window of each target, the others paused, then the
// next round.
//
// A target that fails is left out of later runs, and its Result says why
// in Errs; the others go on. Measure itself fails only when ctx ends.
func Measure(ctx context.Context, targets []Target, cfg Config) ([]Result, error) {
	cfg = cfg.withDefaults()
	type sample struct{ ttfb, frame, silent, cpu, rss []float64 }
	samples := make([]sample, len(targets))
	results := make([]Result, len(targets))
	for j, t := range targets {
		results[j].Target = t.Name
	}
	logf := func(t Target, format string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "%s: "+format+"\n", append([]any{t.Name}, a...)...)
		}
	}
	for i := -1; i < cfg.Runs; i++ {
		for j, t := range targets {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if len(results[j].Errs) > 0 {
				continue
			}
			r, err := startRun(t, Options{Env: t.Env, Ready: t.Ready}, cfg.Timeout)
			if err != nil {
				results[j].Errs = append(results[j].Errs, fmt.Errorf("first frame: %w", err))
				logf(t, "first frame: %v", err)
				continue
			}
			s, err := startRun(t, Options{Env: t.Env, Ready: t.Ready, Silent: true}, cfg.Timeout)
			if err != nil {
				results[j].Errs = append(results[j].Errs, fmt.Errorf("first frame against a silent terminal: %w", err))
				logf(t, "first frame against a silent terminal: %v", err)
				continue
			}
			if i < 0 {
				continue
			}
			sm := &samples[j]
			sm.ttfb, sm.frame = append(sm.ttfb, ms(r.firstByte)), append(sm.frame, ms(r.frame))
			sm.cpu, sm.rss = append(sm.cpu, ms(r.cpu)), append(sm.rss, mb(r.usage.PeakRSS))
			sm.silent = append(sm.silent, ms(s.frame))
			logf(t, "run %d: first frame %.1fms, silent %.1fms", i+1, ms(r.frame), ms(s.frame))
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	idle := make([]*Session, len(targets))
	defer func() {
		for _, s := range idle {
			if s != nil {
				_, _ = s.Close()
			}
		}
	}()
	for j, t := range targets {
		res := &results[j]
		sm := &samples[j]
		screens := t.Screens
		if len(screens) == 0 {
			screens = []Screen{{Name: "idle"}}
		}
		// The first screen's run is left open for the idle windows, so it
		// comes last: a program may hold a lock the others would wait on.
		keyed := make([]*KeyResult, len(screens))
		for n := range screens {
			k := (n + 1) % len(screens)
			sc := screens[k]
			if len(res.Errs) > 0 && n == 0 {
				break
			}
			lat, peak, s, err := keyRun(ctx, t, sc, cfg, rng, k == 0)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err != nil {
				res.Errs = append(res.Errs, fmt.Errorf("screen %s: %w", sc.Name, err))
				logf(t, "screen %s: %v", sc.Name, err)
				continue
			}
			if s != nil {
				idle[j] = s
			}
			sm.rss = append(sm.rss, mb(peak))
			if len(lat) > 0 {
				keyed[k] = &KeyResult{Screen: sc.Name, Latency: Summarize(lat)}
				logf(t, "screen %s: median key %.2fms", sc.Name, keyed[k].Latency.Median)
			}
		}
		for _, kr := range keyed {
			if kr != nil {
				res.Keys = append(res.Keys, *kr)
			}
		}
		res.FirstByte, res.FirstFrame, res.FirstFrameSilent = Summarize(sm.ttfb), Summarize(sm.frame), Summarize(sm.silent)
		res.StartCPU, res.PeakRSS = Summarize(sm.cpu), Summarize(sm.rss)
	}
	used, err := idleCPU(ctx, idle, cfg, func(j int, ms float64) {
		logf(targets[j], "idle window: %.0fms", ms)
	})
	if err != nil {
		return nil, err
	}
	for j, u := range used {
		if idle[j] != nil {
			results[j].IdleCPU, results[j].IdleWindow = Summarize(u), cfg.Idle
		}
	}
	return results, nil
}

type startResult struct {
	firstByte, frame, cpu time.Duration
	usage                 Usage
}

func startRun(t Target, opts Options, timeout time.Duration) (startResult, error) {
	s, err := Start(t.Argv, opts)
	if err != nil {
		return startResult{}, err
	}
	frame, err := s.Ready(timeout)
	if err != nil {
		_, _ = s.Close()
		return startResult{}, err
	}
	cpu, cpuErr := s.CPUTime()
	fb, _ := s.FirstByte()
	peak, peakErr := s.PeakRSS()
	u, err := s.Close()
	if err == nil {
		err = errors.Join(peakErr, cpuErr)
	}
	u.PeakRSS = peak
	return startResult{firstByte: fb, frame: frame, cpu: cpu, usage: u}, err
}

// keyRun starts t, goes to screen sc, and sends cfg.Keys keys, each after
// a jittered idle gap, and returns the latencies in milliseconds and the
// peak RSS. With idle set it returns the program left open on the first
// screen (the one it starts on), for idleCPU: after the keys when sc is
// that screen, else a run of its own; otherwise the run is stopped.
func keyRun(ctx context.Context, t Target, sc Screen, cfg Config, rng *rand.Rand, idle bool) ([]float64, int64, *Session, error) {
	lat, peak, s, err := keys(ctx, t, sc, cfg, rng)
	switch {
	case err != nil:
		return nil, 0, nil, err
	case idle && len(sc.Setup) == 0:
		return lat, peak, s, nil
	}
	// Stopped first: a program may hold a lock a second run would wait on
	// (overturn's case file).
	_, _ = s.Close()
	if !idle {
		return lat, peak, nil, nil
	}
	open, err := startReady(t, cfg)
	return lat, peak, open, err
}

// startReady starts t and waits for its first frame.
func startReady(t Target, cfg Config) (*Session, error) {
	s, err := Start(t.Argv, Options{Env: t.Env, Ready: t.Ready})
	if err != nil {
		return nil, err
	}
	if _, err := s.Ready(cfg.Timeout); err != nil {
		_, _ = s.Close()
		return nil, err
	}
	return s, nil
}

// keys runs the keystrokes of keyRun and returns the program still
// running, or stopped when it fails.
func keys(ctx context.Context, t Target, sc Screen, cfg Config, rng *rand.Rand) ([]float64, int64, *Session, error) {
	s, err := startReady(t, cfg)
	if err != nil {
		return nil, 0, nil, err
	}
	fail := func(err error) ([]float64, int64, *Session, error) {
		_, _ = s.Close()
		return nil, 0, nil, err
	}
	for _, st := range sc.Setup {
		if err := s.Send(st.Keys); err != nil {
			return fail(err)
		}
		if err := s.WaitFor(st.Wait, cfg.Timeout); err != nil {
			return fail(err)
		}
	}
	var lat []float64
	for i := 0; len(sc.Keys) > 0 && i < cfg.Keys; i++ {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		gap := cfg.Gap + time.Duration(rng.Int64N(int64(cfg.Gap)+1))
		if err := s.WaitIdle(gap, cfg.Timeout); err != nil {
			return fail(err)
		}
		d, err := s.Key(sc.Keys[i%len(sc.Keys)], cfg.Timeout)
		if err != nil {
			return fail(err)
		}
		lat = append(lat, ms(d))
	}
	peak, err := s.PeakRSS()
	if err != nil {
		return fail(err)
	}
	return lat, peak, s, nil
}

// idleCPU waits for the screens of the programs left open to settle, then
// takes cfg.Windows windows of cfg.Idle of each in turns (a window of
// each, then the next round), so that the machine's load over that time
// falls on every program alike. While one is measured the others are
// paused, so that it runs as it would alone. It returns the CPU time each
// used in each window, in milliseconds (nil for a program not open), and
// tells each window to took as it ends.
func idleCPU(ctx context.Context, open []*Session, cfg Config, took func(j int, ms float64)) ([][]float64, error) {
	used := make([][]float64, len(open))
	for _, s := range open {
		if s == nil {
			continue
		}
		if err := s.WaitIdle(cfg.Gap, cfg.Timeout); err != nil {
			return nil, err
		}
	}
	var live []*Session
	for _, s := range open {
		if s != nil {
			live = append(live, s)
		}
	}
	defer func() {
		for _, s := range live {
			_ = s.Resume()
		}
	}()
	for _, s := range live {
		if err := s.Pause(); err != nil {
			return nil, err
		}
	}
	for range cfg.Windows {
		for j, s := range open {
			if s == nil {
				continue
			}
			if err := s.Resume(); err != nil {
				return nil, err
			}
			var before, after time.Duration
			// A program resumed catches up on what it missed first.
			err := sleepCtx(ctx, cfg.Settle)
			if err == nil {
				before, err = s.CPUTime()
			}
			if err == nil {
				err = sleepCtx(ctx, cfg.Idle)
			}
			if err == nil {
				after, err = s.CPUTime()
			}
			if err == nil {
				err = s.Pause()
			}
			if err != nil {
				return nil, err
			}
			used[j] = append(used[j], ms(after-before))
			took(j, ms(after-before))
		}
	}
	return used, nil
}

// sleepCtx waits d, or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mb(b int64) float64 { return float64(b) / (1 << 20) }
