// Package ttybench measures how fast a terminal program starts and
// answers, as a person at a real terminal would feel it: the program runs
// in a pseudo-terminal behind a virtual terminal emulator
// (github.com/charmbracelet/x/vt) that keeps the screen and, unless told
// not to, answers the program's terminal queries as a real terminal does.
//
// A Session is one run of a program. Suite runs a set of targets over
// repeated runs and reports min / median / p95 / max of each figure, as a
// ratio to the first target (the floor).
package ttybench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Options configure a Session.
type Options struct {
	// Width and Height are the terminal size (default 80x24).
	Width, Height int
	// Silent makes the terminal never answer queries, as some terminals
	// and multiplexers do not.
	Silent bool
	// Env is the child's environment (default: this process's).
	Env []string
	// Dir is the child's working directory.
	Dir string
	// Ready is the text of the first frame: Session.Ready reports when the
	// screen first contained it.
	Ready string
}

// Session is a program running in a pseudo-terminal behind an emulator.
type Session struct {
	cmd   *exec.Cmd
	ptm   *os.File
	emu   *vt.Emulator
	start time.Time
	ready string

	readDone  chan struct{}
	drainDone chan struct{}

	mu         sync.Mutex
	screen     string
	firstByte  time.Time
	readyAt    time.Time
	readyCh    chan struct{}
	lastChange time.Time
	watch      func(string) bool
	watchHit   chan time.Time
	exited     bool
}

// ErrTimeout is returned when the screen did not reach the awaited state
// in time.
var ErrTimeout = errors.New("timed out")

// Start runs argv in a new pseudo-terminal.
func Start(argv []string, opts Options) (*Session, error) {
	if len(argv) == 0 {
		return nil, errors.New("no command to run")
	}
	if opts.Width == 0 {
		opts.Width = 80
	}
	if opts.Height == 0 {
		opts.Height = 24
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = opts.Env
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Dir = opts.Dir
	s := &Session{
		cmd:       cmd,
		emu:       vt.NewEmulator(opts.Width, opts.Height),
		ready:     opts.Ready,
		readyCh:   make(chan struct{}),
		readDone:  make(chan struct{}),
		drainDone: make(chan struct{}),
	}
	s.start = time.Now()
	ptm, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: uint16(opts.Height), Cols: uint16(opts.Width)})
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	s.ptm = ptm
	go s.drain(!opts.Silent)
	go s.read()
	return s, nil
}

// drain takes what the emulator sends back to the program (answers to
// queries, keys) and forwards it to the program, or drops it when the
// terminal is silent. It must always run: the emulator blocks until its
// answers are read.
func (s *Session) drain(forward bool) {
	defer close(s.drainDone)
	buf := make([]byte, 4096)
	for {
		n, err := s.emu.Read(buf)
		if n > 0 && forward {
			_, _ = s.ptm.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// read feeds the program's output to the emulator and records when the
// screen changed.
func (s *Session) read() {
	defer close(s.readDone)
	buf := make([]byte, 64*1024)
	for {
		n, err := s.ptm.Read(buf)
		if n > 0 {
			now := time.Now()
			s.mu.Lock()
			if s.firstByte.IsZero() {
				s.firstByte = now
			}
			_, _ = s.emu.Write(buf[:n])
			if scr := s.emu.String(); scr != s.screen {
				s.screen = scr
				s.lastChange = now
				if s.readyAt.IsZero() && s.ready != "" && strings.Contains(scr, s.ready) {
					s.readyAt = now
					close(s.readyCh)
				}
				if s.watch != nil && s.watch(scr) {
					s.watchHit <- now
					s.watch = nil
				}
			}
			s.mu.Unlock()
		}
		if err != nil {
			s.mu.Lock()
			s.exited = true
			s.mu.Unlock()
			return
		}
	}
}

// FirstByte returns the time from start to the program's first output.
func (s *Session) FirstByte() (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.firstByte.IsZero() {
		return 0, false
	}
	return s.firstByte.Sub(s.start), true
}

// Ready waits until the screen contains Options.Ready and returns the time
// from start to the first frame that did.
func (s *Session) Ready(timeout time.Duration) (time.Duration, error) {
	if s.ready == "" {
		return 0, errors.New("no ready text given")
	}
	select {
	case <-s.readyCh:
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.readyAt.Sub(s.start), nil
	case <-s.readDone:
		return 0, fmt.Errorf("the program exited before showing %q; screen:\n%s", s.ready, s.Screen())
	case <-time.After(timeout):
		return 0, fmt.Errorf("%w after %s waiting for %q; screen:\n%s", ErrTimeout, timeout, s.ready, s.Screen())
	}
}

// Screen returns the text on the screen now, without trailing blank
// lines.
func (s *Session) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.TrimRight(s.screen, "\n ")
}

// WaitFor waits until the screen contains text.
func (s *Session) WaitFor(text string, timeout time.Duration) error {
	_, err := s.await(func(scr string) bool { return strings.Contains(scr, text) }, nil, timeout)
	if err != nil {
		return fmt.Errorf("waiting for %q: %w; screen:\n%s", text, err, s.Screen())
	}
	return nil
}

// await arms pred, then sends input, and returns when the screen first
// satisfied pred. A pred already true before input returns at once.
func (s *Session) await(pred func(string) bool, input []byte, timeout time.Duration) (time.Time, error) {
	hit := make(chan time.Time, 1)
	s.mu.Lock()
	if input == nil && pred(s.screen) {
		s.mu.Unlock()
		return time.Now(), nil
	}
	s.watch, s.watchHit = pred, hit
	s.mu.Unlock()
	if input != nil {
		if _, err := s.ptm.Write(input); err != nil {
			return time.Time{}, fmt.Errorf("send input: %w", err)
		}
	}
	disarm := func() {
		s.mu.Lock()
		s.watch = nil
		s.mu.Unlock()
	}
	select {
	case t := <-hit:
		return t, nil
	case <-s.readDone:
		disarm()
		return time.Time{}, errors.New("program exited")
	case <-time.After(timeout):
		disarm()
		return time.Time{}, ErrTimeout
	}
}

// WaitIdle waits until the screen has not changed for gap.
func (s *Session) WaitIdle(gap, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		since := time.Since(s.lastChange)
		exited := s.exited
		s.mu.Unlock()
		if exited {
			return errors.New("the program exited")
		}
		if since >= gap {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: the screen kept changing for %s", ErrTimeout, timeout)
		}
		time.Sleep(gap - since)
	}
}

// Key sends key and returns the time until the screen changed.
func (s *Session) Key(key []byte, timeout time.Duration) (time.Duration, error) {
	s.mu.Lock()
	before := s.screen
	s.mu.Unlock()
	sent := time.Now()
	t, err := s.await(func(scr string) bool { return scr != before }, key, timeout)
	if err != nil {
		return 0, fmt.Errorf("key %q changed nothing: %w; screen:\n%s", key, err, s.Screen())
	}
	return t.Sub(sent), nil
}

// Send writes input to the program without waiting.
func (s *Session) Send(input []byte) error {
	_, err := s.ptm.Write(input)
	return err
}

// PID returns the program's process id.
func (s *Session) PID() int { return s.cmd.Process.Pid }

// PeakRSS returns the program's peak resident memory so far (VmHWM), in
// bytes.
func (s *Session) PeakRSS() (int64, error) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(s.PID()), "status"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("VmHWM %q: %w", v, err)
			}
			return kb * 1024, nil
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// CPUTime returns the CPU time the program's live threads have used, to
// the nanosecond (the sum of /proc/PID/task/*/schedstat).
func (s *Session) CPUTime() (time.Duration, error) {
	dir := filepath.Join("/proc", strconv.Itoa(s.PID()), "task")
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, t := range tasks {
		b, err := os.ReadFile(filepath.Join(dir, t.Name(), "schedstat"))
		if err != nil {
			continue // the thread ended between the listing and the read
		}
		f := bytes.Fields(b)
		if len(f) == 0 {
			continue
		}
		ns, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("schedstat %q: %w", b, err)
		}
		total += ns
	}
	return time.Duration(total), nil
}

// closeGrace is how long Close waits for a program to end after SIGTERM.
const closeGrace = 5 * time.Second

// Usage is what a finished program used, by the kernel's accounting of
// the program and the children it waited for.
type Usage struct {
	PeakRSS int64         // bytes: the largest peak of the program or one of those children (ru_maxrss)
	CPU     time.Duration // user + system, the children's included
}

// Pause stops the program (SIGSTOP to its process group): it uses no CPU
// and wakes nothing until Resume.
func (s *Session) Pause() error { return signalGroup(s.cmd.Process.Pid, sigStop) }

// Resume lets a paused program go on (SIGCONT).
func (s *Session) Resume() error { return signalGroup(s.cmd.Process.Pid, sigCont) }

// Close stops the program and returns what it used over its whole life,
// from the kernel's accounting. It asks first (SIGTERM to the process
// group), as a person closing the window would, so that a program that
// cleans up on the way out (overturn marks its case file as cleanly
// closed) starts the next run as a person's next start would; a program
// still running after closeGrace gets SIGKILL.
func (s *Session) Close() (Usage, error) {
	waited := make(chan error, 1)
	go func() { waited <- s.cmd.Wait() }()
	_ = signalGroup(s.cmd.Process.Pid, sigTerm)
	var waitErr error
	select {
	case waitErr = <-waited:
	case <-time.After(closeGrace):
		_ = signalGroup(s.cmd.Process.Pid, sigKill)
		waitErr = <-waited
	}
	_ = s.ptm.Close()
	<-s.readDone
	if c, ok := s.emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
	<-s.drainDone
	st := s.cmd.ProcessState
	if st == nil {
		return Usage{}, fmt.Errorf("wait: %w", waitErr)
	}
	return Usage{CPU: st.UserTime() + st.SystemTime(), PeakRSS: peakRSS(st)}, nil
}
