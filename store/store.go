// Package store keeps workflow.Case values in one local bbolt file.
package store

import (
	"errors"
	"io"
	"time"

	"github.com/overturn/overturn/workflow"
)

// Errors callers test with errors.Is.
var (
	ErrNotFound     = errors.New("no such case")
	ErrLocked       = errors.New("case file is open in another Overturn window")
	ErrNewerVersion = errors.New("case file was written by a newer Overturn")
	ErrCorrupt      = errors.New("case file is damaged")
)

// Options configure Open.
type Options struct {
	// Timeout bounds the wait for the file lock (default 1s).
	Timeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Version is the Overturn version recorded in the file.
	Version string
	// Verify, when set, checks the file before it is opened, in a child
	// process, so that a crash inside bbolt becomes an error here.
	Verify func(path string) error
}

// Store is an open case file.
type Store struct{}

// DeadlineSummary is the next deadline of a case, kept in its summary.
type DeadlineSummary struct {
	Kind    workflow.DeadlineKind `json:"kind"`
	Title   string                `json:"title"`
	Due     workflow.Date         `json:"due"`
	DueTime time.Time             `json:"due_time,omitzero"`
}

// Summary is what the case list shows, without decoding the case.
type Summary struct {
	ID           uint64           `json:"id"`
	Title        string           `json:"title"`
	Claim        string           `json:"claim"`
	Step         workflow.Step    `json:"step"`
	Status       workflow.Status  `json:"status"`
	Updated      time.Time        `json:"updated"`
	NextDeadline *DeadlineSummary `json:"next_deadline"`
}

// ListQuery selects a page of summaries, newest first.
type ListQuery struct {
	Status workflow.Status // empty: all
	Offset int
	Limit  int // 0: no limit
}

// DefaultPath returns $OVERTURN_DB, else $XDG_DATA_HOME/overturn/cases.db,
// else ~/.local/share/overturn/cases.db.
func DefaultPath() (string, error) { return "", errors.New("not implemented") }

// Open opens (creating when absent) the case file at path.
func Open(path string, opts Options) (*Store, error) { return nil, errors.New("not implemented") }

// Close closes the file.
func (s *Store) Close() error { return nil }

// Path returns the file's path.
func (s *Store) Path() string { return "" }

// Create stores a new case and returns its id.
func (s *Store) Create(c *workflow.Case) (uint64, error) { return 0, errors.New("not implemented") }

// Save replaces case id with c.
func (s *Store) Save(id uint64, c *workflow.Case) error { return errors.New("not implemented") }

// Get returns case id.
func (s *Store) Get(id uint64) (*workflow.Case, error) { return nil, ErrNotFound }

// List returns summaries, newest first.
func (s *Store) List(q ListQuery) ([]Summary, error) { return nil, nil }

// Delete moves case id to the trash, kept 30 days.
func (s *Store) Delete(id uint64) error { return errors.New("not implemented") }

// Undelete brings case id back from the trash.
func (s *Store) Undelete(id uint64) error { return errors.New("not implemented") }

// Backup writes a consistent copy of the file to w without blocking saves.
func (s *Store) Backup(w io.Writer) (int64, error) { return 0, errors.New("not implemented") }
