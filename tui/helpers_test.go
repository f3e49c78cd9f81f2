package tui

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// updating reports whether -update was given: the flag is defined by
// x/exp/golden, which teatest imports.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, time.November, 24, 14, 2, 0, 0, time.UTC)

// memStore is an in-memory Store; failSaves makes Save and Create fail.
type memStore struct {
	mu        sync.Mutex
	next      uint64
	cases     map[uint64][]byte
	trash     map[uint64][]byte
	order     map[uint64]time.Time
	failSaves bool
	saves     int
}

func newMemStore() *memStore {
	return &memStore{cases: map[uint64][]byte{}, trash: map[uint64][]byte{}, order: map[uint64]time.Time{}}
}

var errDisk = errors.New("disk full")

func (s *memStore) put(id uint64, c *workflow.Case) error {
	data, err := casefile.Marshal(c)
	if err != nil {
		return err
	}
	s.cases[id] = data
	s.order[id] = c.Updated
	return nil
}

func (s *memStore) Create(c *workflow.Case) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSaves {
		return 0, errDisk
	}
	s.next++
	s.saves++
	return s.next, s.put(s.next, c)
}

func (s *memStore) Save(id uint64, c *workflow.Case) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSaves {
		return errDisk
	}
	if _, ok := s.cases[id]; !ok {
		return store.ErrNotFound
	}
	s.saves++
	return s.put(id, c)
}

func (s *memStore) Get(id uint64) (*workflow.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.cases[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	return casefile.Parse(data)
}

func (s *memStore) Walk(q store.ListQuery, fn func(store.Summary) error) error {
	return walkList(s.List, q, fn)
}

// walkList is a test store's Walk, made of its List.
func walkList(list func(store.ListQuery) ([]store.Summary, error), q store.ListQuery, fn func(store.Summary) error) error {
	all, err := list(q)
	if err != nil {
		return err
	}
	for _, sum := range all {
		if err := fn(sum); err != nil {
			return err
		}
	}
	return nil
}

func (s *memStore) List(q store.ListQuery) ([]store.Summary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all, err := s.summaries()
	if err != nil {
		return nil, err
	}
	var out []store.Summary
	for _, sum := range all {
		if q.Status == "" || sum.Status == q.Status {
			out = append(out, sum)
		}
	}
	out = out[min(q.Offset, len(out)):]
	if q.Limit > 0 {
		out = out[:min(q.Limit, len(out))]
	}
	return out, nil
}

// summaries returns every live case's summary, newest first.
func (s *memStore) summaries() ([]store.Summary, error) {
	var out []store.Summary
	for id, data := range s.cases {
		c, err := casefile.Parse(data)
		if err != nil {
			return nil, err
		}
		sum := store.Summary{ID: id, Title: c.Title, Claim: c.Claim.Number, Step: c.Step, Status: c.Status, Updated: c.Updated,
			Terms: store.SearchTerms(c)}
		if d, ok := workflow.NextDeadline(c, testNow); ok {
			sum.NextDeadline = &store.DeadlineSummary{Kind: d.Kind, Title: d.Title, Due: d.Due, DueTime: d.DueTime}
		}
		out = append(out, sum)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Updated.Equal(out[j].Updated) {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

func (s *memStore) Count(status workflow.Status) (int, error) {
	list, err := s.List(store.ListQuery{Status: status})
	return len(list), err
}

// Upcoming is store.Store.Upcoming worked out from List, on testNow.
func (s *memStore) Upcoming(limit int) ([]store.Summary, error) {
	all, err := s.List(store.ListQuery{})
	if err != nil {
		return nil, err
	}
	today := workflow.DateOf(testNow)
	var out []store.Summary
	for _, sum := range all {
		if sum.NextDeadline != nil && (sum.Status == workflow.StatusOpen || !sum.NextDeadline.Due.Before(today)) {
			out = append(out, sum)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].NextDeadline, out[j].NextDeadline
		if !a.Due.Equal(b.Due) {
			return a.Due.Before(b.Due)
		}
		return a.DueTime.Before(b.DueTime)
	})
	return out[:min(limit, len(out))], nil
}

func (s *memStore) Delete(id uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.cases[id]
	if !ok {
		return store.ErrNotFound
	}
	s.trash[id] = data
	delete(s.cases, id)
	return nil
}

func (s *memStore) Undelete(id uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.trash[id]
	if !ok {
		return store.ErrNotFound
	}
	s.cases[id] = data
	delete(s.trash, id)
	return nil
}

// FileID is the identity of the one file a memStore stands for.
func (s *memStore) FileID() string { return "0123456789abcdef0123456789abcdef" }

func (s *memStore) setFail(v bool) {
	s.mu.Lock()
	s.failSaves = v
	s.mu.Unlock()
}

// driver runs the root model as the program would, but synchronously:
// commands are run and their messages fed back, except those that wait
// (ticks), which are dropped.
type driver struct {
	t      *testing.T
	m      *model
	quit   bool
	clock  time.Time // the wall clock the model reads
	frozen bool      // the clock stands still, as when keys come fast
}

func newDriver(t *testing.T, st Store, w, h int, mod func(*Options)) *driver {
	t.Helper()
	opts := Options{Store: st, Now: func() time.Time { return testNow }, NoColor: true}
	if mod != nil {
		mod(&opts)
	}
	d := &driver{t: t, m: newModel(opts), clock: testNow}
	// Each look at the wall clock is a second later, as a person types,
	// unless the test freezes it.
	d.m.wall = func() time.Time {
		if !d.frozen {
			d.clock = d.clock.Add(time.Second)
		}
		return d.clock
	}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.m.Init())
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// run executes cmd and feeds its messages back, depth first.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(200 * time.Millisecond):
		return // a tick: dropped
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		if reflect.TypeOf(msg).PkgPath() != "github.com/overturn/overturn/tui" {
			switch msg.(type) {
			case tea.QuitMsg:
				d.quit = true
			}
			return
		}
		d.send(msg)
	}
}

// keys sends key presses: single characters, or names like "enter", "esc",
// "tab", "up", "down", "left", "right", "space", "ctrl+c".
func (d *driver) keys(ks ...string) {
	d.t.Helper()
	for _, k := range ks {
		d.send(keyMsg(k))
	}
}

// typ types text, one key per rune.
func (d *driver) typ(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+v":
		return tea.KeyPressMsg{Code: 'v', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// screen returns the plain text of the current view.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

func (d *driver) contains(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen does not show %q:\n%s", w, s)
		}
	}
}

func (d *driver) lacks(not ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range not {
		if strings.Contains(s, w) {
			d.t.Fatalf("screen shows %q:\n%s", w, s)
		}
	}
}

// golden compares the screen with testdata/name.golden.
func (d *driver) golden(name string) {
	d.t.Helper()
	got := d.screen()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			d.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			d.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		d.t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		d.t.Errorf("screen %s differs from its golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
