package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
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

// roomFor is a store with room for a number of cases: a save that would
// go beyond it fails whole, as on a full disk.
type roomFor struct {
	room   int
	stored []*workflow.Case
	saves  int
}

func (r *roomFor) CreateMany(cases []*workflow.Case) ([]uint64, error) {
	r.saves++
	if len(r.stored)+len(cases) > r.room {
		return nil, &store.NoRoomError{Err: syscall.ENOSPC}
	}
	var ids []uint64
	for _, c := range cases {
		r.stored = append(r.stored, c)
		ids = append(ids, uint64(len(r.stored)))
	}
	return ids, nil
}

// TestStoreEachFillsTheRoomLeft: ten cases taken together where four fit
// are saved one at a time after the save of all ten fails; the four are
// stored and their ids printed, and the import stops on the full disk.
func TestStoreEachFillsTheRoomLeft(t *testing.T) {
	var out bytes.Buffer
	a := &app{stdout: &out}
	cases := make([]*workflow.Case, 10)
	for i := range cases {
		cases[i] = &workflow.Case{Title: strconv.Itoa(i + 1)}
	}
	s := &roomFor{room: 4}
	err := a.storeEach(t.Context(), s, cases)
	if !errors.Is(err, store.ErrNoRoom) {
		t.Fatalf("storeEach: %v, want the full disk", err)
	}
	if got := strings.Fields(out.String()); !slices.Equal(got, []string{"1", "2", "3", "4"}) {
		t.Errorf("ids printed %q, want 1 to 4", got)
	}
	for i, c := range s.stored {
		if c != cases[i] {
			t.Errorf("stored case %d is %q, want %q: the order is kept", i+1, c.Title, cases[i].Title)
		}
	}
}

// TestStoreEachDoesNotStoreTwice: cases stored whose ids could not be
// printed are not stored a second time.
func TestStoreEachDoesNotStoreTwice(t *testing.T) {
	a := &app{stdout: failingWriter{}}
	s := &roomFor{room: 100}
	err := a.storeEach(t.Context(), s, []*workflow.Case{{Title: "1"}, {Title: "2"}})
	if !errors.Is(err, errOutputLost) {
		t.Fatalf("storeEach: %v, want the lost output", err)
	}
	if s.saves != 1 || len(s.stored) != 2 {
		t.Errorf("%d saves stored %d cases, want the two stored once", s.saves, len(s.stored))
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }
