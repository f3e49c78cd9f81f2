package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// countingStore counts the summaries the list reads.
type countingStore struct {
	summaryStore
	read *int
}

func (s countingStore) List(q store.ListQuery) ([]store.Summary, error) {
	l, err := s.summaryStore.List(q)
	*s.read += len(l)
	return l, err
}

func (s countingStore) Walk(q store.ListQuery, fn func(store.Summary) error) error {
	return s.summaryStore.Walk(q, func(sum store.Summary) error {
		*s.read++
		return fn(sum)
	})
}

func TestListLoadsOnePageAtATime(t *testing.T) {
	read := 0
	st := countingStore{summaryStore{newMemStore(), summaries(1000)}, &read}
	d := newDriver(t, st, 80, 24, nil)
	d.contains("1000 cases", "Case number 0 denied")
	if read != pageSize {
		t.Fatalf("the start screen read %d summaries, want one page of %d", read, pageSize)
	}
	for range 999 {
		d.keys("down")
	}
	d.contains("▸ Case number 999 denied")
	if n := len(d.m.list.items); n != 1000 {
		t.Fatalf("%d cases loaded after going to the last one", n)
	}
	d.keys("down")
	d.contains("▸ Case number 999 denied")
}

func TestDeadlinesPanelShowsUpcoming(t *testing.T) {
	list := summaries(300)
	soon := list[299]
	soon.NextDeadline = &store.DeadlineSummary{Title: "Ask for an external review", Due: workflow.NewDate(2026, 11, 30)}
	st := upcomingStore{summaryStore{newMemStore(), list}, []store.Summary{soon}}
	d := newDriver(t, st, 100, 30, nil)
	d.contains("6 days       Ask for an external r", "Case number 299 denie")
}

// upcomingStore has fixed upcoming deadlines.
type upcomingStore struct {
	summaryStore
	up []store.Summary
}

func (s upcomingStore) Upcoming(int) ([]store.Summary, error) { return s.up, nil }

func TestFilterSearchesTheWholeStore(t *testing.T) {
	read := 0
	st := countingStore{summaryStore{newMemStore(), summaries(5000)}, &read}
	d := newDriver(t, st, 80, 24, nil)
	d.keys("/")
	d.typ("number 4321 ")
	d.contains("Case number 4321 denied")
	d.lacks("Case number 0 denied", searching)
	d.keys("enter", "/")
	d.typ("zzz")
	d.contains(fmt.Sprintf(noMatches, "number 4321 zzz")[:30])
	d.keys("esc")
	d.contains("Case number 0 denied")
	d.keys("/")
	d.typ("e000000000")
	read = 0
	d.typ("0")
	d.contains("Case number 1 denied", "Case number 3 denied")
	if n := len(d.m.list.items); n < searchWant {
		t.Fatalf("%d matches loaded, want at least a screenful", n)
	}
	if read >= 5000 {
		t.Fatalf("a filter with plenty of matches read %d summaries, the whole store", read)
	}
}

func TestStaleSearchIsDropped(t *testing.T) {
	st := summaryStore{newMemStore(), summaries(50)}
	d := newDriver(t, st, 80, 24, nil)
	l := d.m.list
	old := l.gen
	d.keys("/")
	d.typ("number 7")
	d.send(pageMsg{gen: old, items: summaries(3), done: true})
	if len(l.items) != 1 || l.items[0].ID != 8 {
		t.Fatalf("a page of an earlier filter was shown: %+v", l.items)
	}
}

func TestSearchingIsShownUntilTheSearchAnswers(t *testing.T) {
	d := newDriver(t, summaryStore{newMemStore(), summaries(50)}, 80, 24, nil)
	d.keys("/")
	_, cmd := d.m.Update(keyMsg("7"))
	d.contains(searching)
	d.lacks("Case number 0 denied")
	d.run(cmd)
	d.contains("Case number 7 denied")
	d.lacks(searching)
}

func TestDeleteKeepsThePlaceInTheList(t *testing.T) {
	st := newMemStore()
	for i, title := range []string{"Oldest case", "Middle case", "Newest case"} {
		seed(t, st, func(c *workflow.Case) { c.Title = title; c.Updated = testNow.Add(time.Duration(i) * time.Minute) })
	}
	d := newDriver(t, st, 80, 30, nil)
	d.contains("3 cases", "▸ Newest case")
	d.keys("down", "d", "right", "enter")
	d.contains("2 cases", "▸ Oldest case")
	d.lacks("Middle case")
	d.keys("u")
	d.contains("3 cases", "Middle case")
}

// failingCount is a store whose cases can be listed but not counted.
type failingCount struct{ summaryStore }

func (failingCount) Count(workflow.Status) (int, error) { return 0, errors.New("index is damaged") }

func TestCountErrorIsShown(t *testing.T) {
	d := newDriver(t, failingCount{summaryStore{newMemStore(), summaries(5)}}, 80, 24, nil)
	d.contains("Could not read your cases: index is damaged")
}

// The list keeps what it drew of the cases and the deadlines while they
// show; what it shows is what it would draw anew.
func TestListDrawsAgainAsNew(t *testing.T) {
	d := newDriver(t, summaryStore{newMemStore(), summaries(300)}, 80, 24, nil)
	for i, k := range []string{"down", "down", "up", "down", "down", "down", "down", "down", "up", "up", "up", "up", "up", "up"} {
		d.keys(k)
		got := d.m.list.View()
		d.m.list.drawn, d.m.list.panel = nil, drawnPanel{}
		if want := d.m.list.View(); got != want {
			t.Fatalf("after key %d (%s) the list shows\n%s\nwhere drawn anew it is\n%s", i, k, got, want)
		}
	}
}

// TestClosedCaseShowsItsExternalReview: a case closed after its appeal was
// upheld still shows the external review deadline that runs for it, as
// `overturn list` does, not "no deadline yet", and the upcoming deadlines
// have it.
func TestClosedCaseShowsItsExternalReview(t *testing.T) {
	st := newMemStore()
	seed(t, st, func(c *workflow.Case) {
		c.Title = "Closed after the appeal was upheld"
		c.Status = workflow.StatusClosed
		c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 10, 5),
			Decision: workflow.DecisionUpheld, DecisionReceived: workflow.NewDate(2026, 11, 2)}}
	})
	d := newDriver(t, st, 100, 30, nil)
	d.contains("Closed after the appeal was upheld", "Ask for external review")
	d.lacks(noDeadlineHeader)
	if n := strings.Count(d.screen(), "Ask for external revi"); n != 2 {
		t.Errorf("the external review is on the screen %d times, want twice (the case and the upcoming deadlines):\n%s", n, d.screen())
	}
}
