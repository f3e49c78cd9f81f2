package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// Importing from standard input.
//
// Each case file read from standard input is stored as soon as it is
// read, and its id printed once it is stored. A reader reads the case
// files into a queue while the cases before them are saved, and each save
// takes every case waiting (a group commit): one transaction a case while
// they come one at a time, as a person pastes them, and one for many while
// they come faster than a save, as from a program. A kill never loses a
// printed id; it loses the cases read and not yet stored, as it always
// did the one being read.

// queueBytes bounds the case files waiting to be stored, so that a stream
// of large ones is not all held in memory; a larger one waits alone.
const queueBytes = 4 << 20

// importQueue holds the cases read and not yet stored.
type importQueue struct {
	limit int // queueBytes

	mu    sync.Mutex
	cases []*workflow.Case
	bytes int
	err   error // the reader's end: io.EOF, or why it stopped

	added chan struct{} // woken when a case is added or the reader ends
	taken chan struct{} // woken when the waiting cases are taken
}

func newImportQueue(limit int) *importQueue {
	return &importQueue{limit: limit, added: make(chan struct{}, 1), taken: make(chan struct{}, 1)}
}

// wake wakes the one waiting on ch, if any, or the next to wait.
func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// read reads the case files of r into q until the end of r, an error, or
// ctx's end.
func (q *importQueue) read(ctx context.Context, r io.Reader) {
	dec := casefile.NewDecoder(r)
	for {
		c, err := dec.Next()
		size := dec.Size()
		q.mu.Lock()
		for err == nil && len(q.cases) > 0 && q.bytes+size > q.limit {
			q.mu.Unlock()
			select {
			case <-q.taken:
			case <-ctx.Done():
				return
			}
			q.mu.Lock()
		}
		if err != nil {
			q.err = err
		} else {
			q.cases = append(q.cases, c)
			q.bytes += size
		}
		q.mu.Unlock()
		wake(q.added)
		if err != nil {
			return
		}
	}
}

// take returns the cases waiting, and the reader's end once none wait.
func (q *importQueue) take() ([]*workflow.Case, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	cases := q.cases
	q.cases, q.bytes = nil, 0
	if len(cases) > 0 {
		wake(q.taken)
		return cases, nil
	}
	return nil, q.err
}

// importStream stores each case file read from r as soon as it is read
// (see above). A bad case file stops the import after the ones before it
// are stored; a case that cannot be stored stops it too, after the ones
// before it (see storeEach).
func (a *app) importStream(ctx context.Context, s creator, r io.Reader) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	q := newImportQueue(queueBytes)
	go q.read(ctx, r)
	for {
		cases, err := q.take()
		switch {
		case len(cases) > 0:
			if err := a.storeEach(ctx, s, cases); err != nil {
				return err
			}
			continue
		case err == io.EOF:
			return nil
		case err != nil:
			return fmt.Errorf("standard input: %w", err)
		}
		select {
		case <-ctx.Done():
			return errInterrupted
		case <-q.added:
		}
	}
}

// storeEach stores the cases taken from the queue in one transaction, or,
// when that fails, one at a time until one cannot be stored: saved
// together they fail together, and a full disk may still have room for
// the first of them. Cases already stored (their ids could not be
// printed) are not stored again.
func (a *app) storeEach(ctx context.Context, s creator, cases []*workflow.Case) error {
	err := a.storeAll(ctx, s, cases)
	if err == nil || len(cases) == 1 || errors.Is(err, errOutputLost) || errors.Is(err, errInterrupted) {
		return err
	}
	for i := range cases {
		if err := a.storeAll(ctx, s, cases[i:i+1]); err != nil {
			return err
		}
	}
	return nil
}
