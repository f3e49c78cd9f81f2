// Command overturn helps a patient appeal a denied or underpaid health
// insurance claim: run alone it starts the wizard; its subcommands list,
// show, back up and move cases and write every letter without it.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	os.Exit(run())
}

// run is the whole program; it returns the exit status.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		// After the first Ctrl+C the program winds down; a second one
		// stops it at once.
		<-ctx.Done()
		stop()
	}()
	a := &app{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
	}
	return a.main(ctx, os.Args[1:])
}
