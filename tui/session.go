package tui

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

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

// session is the open case and its save state. Every change goes through it:
// it counts edits, and saves one at a time, newest last, so an older save
// never overwrites a newer one.
type session struct {
	store    Store
	now      func() time.Time
	id       uint64
	c        *workflow.Case
	doc      caseDoc
	rev      int // edits made
	savedRev int // edits saved
	saving   bool
	savedAt  time.Time
	saveErr  error
}

func newSession(st Store, now func() time.Time, id uint64, c *workflow.Case) *session {
	s := &session{store: st, now: now, id: id, c: c}
	s.refresh()
	return s
}

func (s *session) refresh() {
	d, err := docOf(s.c)
	if err != nil {
		d = caseDoc{}
	}
	s.doc = d
}

func (s *session) value(path string) string { return s.doc.get(path) }

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
	recordDecision(nc, def.Path)
	nc.Resume = s.c.Resume
	s.c = nc
	return s.changed(), nil
}

// decisionPath matches the decision fields of an appeal.
var decisionPath = regexp.MustCompile(`^appeals\[(\d+)\]\.(decision|decision_received|level)$`)

// recordDecision runs the workflow's decision table when a field of an
// appeal's decision changed: an overturned denial resolves the case, an
// upheld one moves it to step 7, an external review upheld exhausts it.
// This is the only field a form sets that moves the case.
func recordDecision(c *workflow.Case, path string) {
	m := decisionPath.FindStringSubmatch(path)
	if m == nil {
		return
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(c.Appeals) {
		return
	}
	a := c.Appeals[i]
	// A decision counts once the day it came is known: the next deadlines
	// run from that day.
	if a.Level == "" || a.Decision == "" || a.Decision != workflow.DecisionPending && a.DecisionReceived.IsZero() {
		return
	}
	workflow.RecordDecision(c, a.Level, a.Decision, a.DecisionReceived)
}

// check returns the case with the field set from raw, or why raw is wrong;
// the session's case is not changed.
func (s *session) check(def fieldDef, raw string) (*workflow.Case, error) {
	nc, err := applyField(s.c, def, raw, s.now().Location())
	if err != nil {
		return nil, err
	}
	for _, fe := range workflow.ValidateCase(nc, workflow.DateOf(s.now())) {
		if fe.Field == def.Path || strings.HasPrefix(fe.Field, def.Path+"[") {
			return nil, errors.New(fe.Message)
		}
	}
	return nc, nil
}

// mutate changes the case in place with fn and saves it. fn's error leaves
// the case as it was.
func (s *session) mutate(fn func(c *workflow.Case) error) (tea.Cmd, error) {
	nc := cloneCase(s.c)
	if err := fn(nc); err != nil {
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
	s.refresh()
	return s.save()
}

// save starts saving the newest edits unless a save is already running; that
// one saves again when it ends.
func (s *session) save() tea.Cmd {
	if s.saving || !s.unsaved() {
		return nil
	}
	s.saving = true
	st, id, rev, c, now := s.store, s.id, s.rev, cloneCase(s.c), s.now
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
