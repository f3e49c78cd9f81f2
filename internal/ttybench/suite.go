package ttybench

import (
	"context"
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
	Windows int           // idle windows measured one after another (default 3)
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
	FirstFrameSilent Summary       // against a terminal that never answers
	StartCPU         Summary       // CPU time of a run that starts, shows the first frame and is stopped
	PeakRSS          Summary       // VmHWM of every run, read just before it is stopped
	IdleCPU          Summary       // CPU time over each of Config.Windows windows of Config.Idle with the screen idle
	IdleWindow       time.Duration // Config.Idle
	Keys             []KeyResult
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
// alike; keystroke and idle runs follow, target by target.
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
			sm.cpu, sm.rss = append(sm.cpu, ms(r.usage.CPU)), append(sm.rss, mb(r.usage.PeakRSS))
			sm.silent = append(sm.silent, ms(s.frame))
			logf(t, "run %d: first frame %.1fms, silent %.1fms", i+1, ms(r.frame), ms(s.frame))
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	for j, t := range targets {
		res := &results[j]
		sm := &samples[j]
		screens := t.Screens
		if len(screens) == 0 {
			screens = []Screen{{Name: "idle"}}
		}
		for k, sc := range screens {
			if len(res.Errs) > 0 && k == 0 {
				break
			}
			lat, peak, idle, err := keyRun(ctx, t, sc, cfg, rng, k == 0)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err != nil {
				res.Errs = append(res.Errs, fmt.Errorf("screen %s: %w", sc.Name, err))
				logf(t, "screen %s: %v", sc.Name, err)
				continue
			}
			if k == 0 {
				res.IdleCPU, res.IdleWindow = Summarize(idle), cfg.Idle
			}
			sm.rss = append(sm.rss, mb(peak))
			if len(lat) > 0 {
				res.Keys = append(res.Keys, KeyResult{Screen: sc.Name, Latency: Summarize(lat)})
				logf(t, "screen %s: median key %.2fms", sc.Name, res.Keys[len(res.Keys)-1].Latency.Median)
			}
		}
		res.FirstByte, res.FirstFrame, res.FirstFrameSilent = Summarize(sm.ttfb), Summarize(sm.frame), Summarize(sm.silent)
		res.StartCPU, res.PeakRSS = Summarize(sm.cpu), Summarize(sm.rss)
	}
	return results, nil
}

type startResult struct {
	firstByte, frame time.Duration
	usage            Usage
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
	fb, _ := s.FirstByte()
	peak, peakErr := s.PeakRSS()
	u, err := s.Close()
	if err == nil {
		err = peakErr
	}
	u.PeakRSS = peak
	return startResult{firstByte: fb, frame: frame, usage: u}, err
}

// keyRun starts t, goes to screen sc, and sends cfg.Keys keys, each after
// a jittered idle gap. With idle set it also measures the CPU time used
// in each of cfg.Windows windows of cfg.Idle with the first screen (the
// one the program starts on) sitting idle: after the keys when sc is that
// screen, else before going to sc. It returns the latencies and the idle
// CPU times in milliseconds, and the peak RSS.
func keyRun(ctx context.Context, t Target, sc Screen, cfg Config, rng *rand.Rand, idle bool) ([]float64, int64, []float64, error) {
	s, err := Start(t.Argv, Options{Env: t.Env, Ready: t.Ready})
	if err != nil {
		return nil, 0, nil, err
	}
	defer s.Close()
	if _, err := s.Ready(cfg.Timeout); err != nil {
		return nil, 0, nil, err
	}
	var used []float64
	if idle && len(sc.Setup) > 0 {
		if used, err = idleCPU(ctx, s, cfg); err != nil {
			return nil, 0, nil, err
		}
	}
	for _, st := range sc.Setup {
		if err := s.Send(st.Keys); err != nil {
			return nil, 0, nil, err
		}
		if err := s.WaitFor(st.Wait, cfg.Timeout); err != nil {
			return nil, 0, nil, err
		}
	}
	var lat []float64
	for i := 0; len(sc.Keys) > 0 && i < cfg.Keys; i++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, nil, err
		}
		gap := cfg.Gap + time.Duration(rng.Int64N(int64(cfg.Gap)+1))
		if err := s.WaitIdle(gap, cfg.Timeout); err != nil {
			return nil, 0, nil, err
		}
		d, err := s.Key(sc.Keys[i%len(sc.Keys)], cfg.Timeout)
		if err != nil {
			return nil, 0, nil, err
		}
		lat = append(lat, ms(d))
	}
	if idle && len(sc.Setup) == 0 {
		if used, err = idleCPU(ctx, s, cfg); err != nil {
			return nil, 0, nil, err
		}
	}
	peak, err := s.PeakRSS()
	if err != nil {
		return nil, 0, nil, err
	}
	return lat, peak, used, nil
}

// idleCPU waits for the screen to settle, then returns the CPU time the
// program uses in each of cfg.Windows windows of cfg.Idle, in
// milliseconds.
func idleCPU(ctx context.Context, s *Session, cfg Config) ([]float64, error) {
	if err := s.WaitIdle(cfg.Gap, cfg.Timeout); err != nil {
		return nil, err
	}
	before, err := s.CPUTime()
	if err != nil {
		return nil, err
	}
	var used []float64
	for range cfg.Windows {
		select {
		case <-time.After(cfg.Idle):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		after, err := s.CPUTime()
		if err != nil {
			return nil, err
		}
		used = append(used, ms(after-before))
		before = after
	}
	return used, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mb(b int64) float64 { return float64(b) / (1 << 20) }
