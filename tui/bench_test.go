package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// BenchmarkCaseKeypress is one key on the case screen of a full case:
// Update and View. Budget: 1 ms median.
func BenchmarkCaseKeypress(b *testing.B) {
	st := newMemStore()
	id := seedFiles(b, st)["medical-necessity-vitamin-d"]
	opts := Options{Store: st, Now: func() time.Time { return testNow }, OpenID: id}
	engine(b)(&opts)
	m := newModel(opts)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	c, _ := st.Get(id)
	m.Update(caseLoadedMsg{id: id, c: c})
	keys := []tea.KeyPressMsg{keyMsg("down"), keyMsg("up")}
	b.ResetTimer()
	for i := range b.N {
		m.Update(keys[i%2])
		_ = m.View()
	}
}

// summaryStore lists fixed summaries, newest first; the rest is a memStore.
type summaryStore struct {
	*memStore
	list []store.Summary
}

func (s summaryStore) Walk(q store.ListQuery, fn func(store.Summary) error) error {
	return walkList(s.List, q, fn)
}

func (s summaryStore) List(q store.ListQuery) ([]store.Summary, error) {
	out := s.list[min(q.Offset, len(s.list)):]
	if q.Limit > 0 {
		out = out[:min(q.Limit, len(out))]
	}
	return out, nil
}

func (s summaryStore) Count(workflow.Status) (int, error) { return len(s.list), nil }

func (s summaryStore) Upcoming(limit int) ([]store.Summary, error) {
	return s.list[:min(limit, len(s.list))], nil
}

func summaries(n int) []store.Summary {
	list := make([]store.Summary, n)
	for i := range list {
		list[i] = store.Summary{
			ID: uint64(i + 1), Title: fmt.Sprintf("Case number %d denied as not necessary", i),
			Claim: fmt.Sprintf("E%012d", i), Step: workflow.Step(i%7 + 1), Status: workflow.StatusOpen,
			Updated: testNow.Add(-time.Duration(i) * time.Minute),
			NextDeadline: &store.DeadlineSummary{Kind: workflow.DeadlineInternalAppeal, Title: "Send your appeal",
				Due: workflow.NewDate(2026, 12, 1).AddDays(i % 300)},
		}
	}
	return list
}

// refresh reloads the start screen, as the program would.
func refresh(m *model) {
	for _, cmd := range m.list.refresh()().(tea.BatchMsg) {
		m.Update(cmd())
	}
}

// BenchmarkStartScreen10k renders the start screen of a store of 10,000
// cases. Budget: 5 ms.
func BenchmarkStartScreen10k(b *testing.B) {
	m := newModel(Options{Store: summaryStore{newMemStore(), summaries(10000)}, Now: func() time.Time { return testNow }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	refresh(m)
	b.ResetTimer()
	for range b.N {
		_ = m.View()
	}
}

// BenchmarkStartScreenLoad10k loads the start screen of a store of 10,000
// cases: the count, the deadlines and the first page.
func BenchmarkStartScreenLoad10k(b *testing.B) {
	m := newModel(Options{Store: summaryStore{newMemStore(), summaries(10000)}, Now: func() time.Time { return testNow }})
	b.ResetTimer()
	for range b.N {
		refresh(m)
	}
}

// BenchmarkListKeypress is one key on the start screen of a store of
// 10,000 cases, the selection moving down and up: Update and View.
func BenchmarkListKeypress(b *testing.B) {
	m := newModel(Options{Store: summaryStore{newMemStore(), summaries(10000)}, Now: func() time.Time { return testNow }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	refresh(m)
	keys := []tea.KeyPressMsg{keyMsg("down"), keyMsg("up")}
	b.ResetTimer()
	for i := range b.N {
		m.Update(keys[i%2])
		_ = m.View()
	}
}

// BenchmarkFormKeypress is one key typed into the first text field of the
// new-case form (its name, after the four questions of the situation), a
// letter then backspace: Update and View.
func BenchmarkFormKeypress(b *testing.B) {
	opts := Options{Store: summaryStore{newMemStore(), summaries(10000)}, Now: func() time.Time { return testNow }}
	engine(b)(&opts)
	m := newModel(opts)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(newCaseMsg{})
	for range 4 {
		m.Update(keyMsg("enter"))
	}
	keys := []tea.KeyPressMsg{keyMsg("a"), keyMsg("backspace")}
	b.ResetTimer()
	for i := range b.N {
		m.Update(keys[i%2])
		_ = m.View()
	}
}
