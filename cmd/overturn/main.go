// Command overturn helps a patient appeal a denied or underpaid health
// insurance claim: run alone it starts the wizard; its subcommands list,
// show, back up and move cases and write every letter without it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run())
}

// run is the whole program; it returns the exit status.
func run() int {
	ctx, stop := notifyStop(context.Background())
	defer stop()
	a := &app{
		stdin:  os.Stdin,
		stdout: &stdoutWriter{f: os.Stdout},
		stderr: os.Stderr,
		getenv: os.Getenv,
	}
	return a.main(ctx, os.Args[1:])
}

// stopSignals ask overturn to stop: Ctrl+C where the terminal sends it,
// kill's default, and a terminal window closing.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// stopSignal is the cause of a context that a signal ended.
type stopSignal struct{ sig syscall.Signal }

func (s *stopSignal) Error() string { return "stopped by " + s.sig.String() }

// status is the exit status after the signal: 128 plus its number, as a
// shell reports a program the signal killed (130 for SIGINT, 129 for
// SIGHUP, 143 for SIGTERM).
func (s *stopSignal) status() int { return 128 + int(s.sig) }

// notifyStop returns a context that ends, with a *stopSignal cause, at the
// first stop signal. The program then winds down: the wizard saves and
// restores the terminal, an import keeps what it stored. Later signals are
// ignored, except that a second SIGINT ends the program at once.
func notifyStop(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	for _, sig := range stopSignals {
		// Run under nohup (SIGHUP ignored), overturn keeps ignoring it.
		if !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	done := make(chan struct{})
	go func() {
		var first os.Signal
		for {
			select {
			case sig := <-ch:
				if first == nil {
					first = sig
					cancel(&stopSignal{sig.(syscall.Signal)})
				} else if sig == syscall.SIGINT {
					os.Exit(128 + int(syscall.SIGINT))
				}
			case <-done:
				return
			}
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}
