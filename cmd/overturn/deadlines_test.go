package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// openDeadlines reads the cases on several goroutines; its order must not
// depend on which finishes first: deadlines due alike come in the order of
// the case list (newest first), then in each case's order.
func TestOpenDeadlinesOrderIsTheListOrder(t *testing.T) {
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	clock := now
	s, err := store.Open(filepath.Join(t.TempDir(), "cases.db"), store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 60
	for i := range n {
		c, err := casefile.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		c.Title = "case " + strconv.Itoa(i)
		if _, err := s.Create(c); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Second)
	}
	per := len(workflow.Deadlines(mustParse(t, data), now))
	if per == 0 {
		t.Fatal("the example case has no deadline")
	}
	for round := range 5 {
		items, err := openDeadlines(context.Background(), s, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != n*per {
			t.Fatalf("%d deadlines, want %d", len(items), n*per)
		}
		// Every case has the same deadlines: each comes n times running,
		// the newest case (id n) first.
		for i, it := range items {
			if want := uint64(n - i%n); it.CaseID != want {
				t.Fatalf("round %d: deadline %d is case %d's, want case %d's", round, i, it.CaseID, want)
			}
		}
	}
}

func mustParse(t *testing.T, data []byte) *workflow.Case {
	t.Helper()
	c, err := casefile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
