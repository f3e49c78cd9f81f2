package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
	"time"
)

// TestImportQueueIsBounded: the reader reads ahead only as far as the
// queue's limit while no case is taken, and every case read reaches the
// writer, in order, then the end of the input.
func TestImportQueueIsBounded(t *testing.T) {
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	const n = 10
	q := newImportQueue(len(data)*5/2 + 1) // two cases fit, not three
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go q.read(ctx, bytes.NewReader(bytes.Repeat(data, n)))

	waiting := func() int {
		q.mu.Lock()
		defer q.mu.Unlock()
		return len(q.cases)
	}
	deadline := time.Now().Add(10 * time.Second)
	for waiting() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the reader queued %d cases, want 2", waiting())
		}
		<-q.added
	}
	time.Sleep(50 * time.Millisecond)
	if got := waiting(); got != 2 {
		t.Fatalf("with nothing taken, %d cases wait: the queue holds only two of these", got)
	}

	taken := 0
	for {
		cases, err := q.take()
		if len(cases) > 2 {
			t.Fatalf("%d cases taken at once", len(cases))
		}
		for _, c := range cases {
			if c.Title != "Vitamin D test denied as not necessary" {
				t.Fatalf("case %d: %q", taken+1, c.Title)
			}
		}
		taken += len(cases)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) == 0 {
			select {
			case <-q.added:
			case <-time.After(10 * time.Second):
				t.Fatalf("the reader stopped after %d cases", taken)
			}
		}
	}
	if taken != n {
		t.Errorf("%d cases reached the writer, want %d", taken, n)
	}
}
