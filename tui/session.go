package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// retryAfter is how long a failed save waits before it is tried again.
var retryAfter = 5 * time.Second

// savedMsg reports the end of a save. rev is the edit count it saved.
type savedMsg struct {
	session *session
	id      uint64
	rev     int
	at      time.Time
	err     error
}

// retrySaveMsg asks a session to try a failed save again.
type retrySaveMsg struct{ session *session }

// session is the open case and its save state. Every change goes through
// it: it counts edits, and saves one at a time, newest last, so an older
// save never overwrites a newer one. A change that the case file could not
// hold (a list over its limit, a value out of range) is refused before it
// is made, with the reason, so that what is shown can always be saved.
type session struct {
	store    Store
	now      func() time.Time
	id       uint64
	c        *workflow.Case
	rev      int // edits made
	savedRev int // edits saved
	saving   bool
	savedAt  time.Time
	saveErr  error
}

func newSession(st Store, now func() time.Time, id uint64, c *workflow.Case) *session {
	return &session{store: st, now: now, id: id, c: c}
}

// value is the field at def.Path as a form shows it.
func (s *session) value(def fieldDef) string { return valueOf(s.c, def) }

// stored is the field at path as the case file holds it.
func (s *session) stored(path string) string {
	v, _ := casefile.Get(s.c, path)
	return v
}

// unsaved reports whether some edit is not yet safely stored.
func (s *session) unsaved() bool { return s.rev != s.savedRev }

// apply stores one finished field and returns the command that saves it.
// A value the rules find wrong (an NPI that fails its check digit, a date
// before the care) is refused with their message, and nothing changes.
func (s *session) apply(def fieldDef, raw string) (tea.Cmd, error) {
	nc, err := s.check(def, raw)
	if err != nil {
		return nil, err
	}
	s.c = nc
	return s.changed(), nil
}

// check returns the case with the field set from raw, and what that sets
// in motion (workflow.FactChanged), or why raw is wrong; the session's case
// is not changed.
func (s *session) check(def fieldDef, raw string) (*workflow.Case, error) {
	v, err := parseValue(def, raw, s.now())
	if err != nil {
		return nil, err
	}
	nc := casefile.Clone(s.c)
	if err := casefile.Set(nc, def.Path, v); err != nil {
		return nil, err
	}
	workflow.FactChanged(nc, def.Path)
	if err := keepable(nc); err != nil {
		return nil, err
	}
	for _, fe := range workflow.ValidateCase(nc, workflow.DateOf(s.now())) {
		if fe.Field == def.Path || strings.HasPrefix(fe.Field, def.Path+"[") {
			return nil, errors.New(fe.Message)
		}
	}
	return nc, nil
}

// keepable returns why the case file could not hold c, or nil.
func keepable(c *workflow.Case) error {
	if _, err := casefile.Marshal(c); err != nil {
		return fmt.Errorf(cannotKeep, err)
	}
	return nil
}

// mutate changes a copy of the case with fn, one of the case operations,
// and keeps it when fn succeeds and the case file can hold the result.
func (s *session) mutate(fn func(c *workflow.Case) error) (tea.Cmd, error) {
	nc := casefile.Clone(s.c)
	if err := fn(nc); err != nil {
		return nil, err
	}
	if err := keepable(nc); err != nil {
		return nil, err
	}
	s.c = nc
	return s.changed(), nil
}

// setResume records where the person is; the next save stores it.
func (s *session) setResume(step workflow.Step, field string) {
	r := workflow.Resume{Step: step, Field: field}
	if s.c.Resume == r {
		return
	}
	s.c.Resume = r
	s.rev++
}

func (s *session) changed() tea.Cmd {
	s.c.Updated = s.now()
	s.rev++
	return s.save()
}

// save starts saving the newest edits unless a save is already running; that
// one saves again when it ends.
func (s *session) save() tea.Cmd {
	if s.saving || !s.unsaved() {
		return nil
	}
	s.saving = true
	st, id, rev, c, now := s.store, s.id, s.rev, casefile.Clone(s.c), s.now
	return func() tea.Msg {
		var err error
		if id == 0 {
			id, err = st.Create(c)
		} else {
			err = st.Save(id, c)
		}
		return savedMsg{session: s, id: id, rev: rev, at: now(), err: err}
	}
}

// saved takes the result of a save and returns what to do next.
func (s *session) saved(msg savedMsg) tea.Cmd {
	s.saving = false
	if msg.err != nil {
		s.saveErr = msg.err
		return tea.Tick(retryAfter, func(time.Time) tea.Msg { return retrySaveMsg{session: s} })
	}
	s.saveErr = nil
	if s.id == 0 {
		s.id = msg.id
	}
	s.savedRev = max(s.savedRev, msg.rev)
	s.savedAt = msg.at
	return s.save()
}
