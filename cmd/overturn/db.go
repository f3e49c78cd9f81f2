package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// dbPath is the case file: --db, else $OVERTURN_DB, else the default.
func (a *app) dbPath() (string, error) {
	if a.db != "" {
		return a.db, nil
	}
	return store.DefaultPath()
}

// openStore opens the case file, creating it when absent.
func (a *app) openStore(now func() time.Time) (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(path, storeOptions(now))
	if err != nil {
		return nil, err
	}
	for _, w := range s.Warnings() {
		fmt.Fprintf(a.stderr, "overturn: warning: %s\n", w)
	}
	return s, nil
}

// storeOptions returns the options of every store call. The file is
// verified in a child process (overturn __verify-db), so that a damaged
// file that would crash bbolt takes down only the child.
func storeOptions(now func() time.Time) store.Options {
	opts := store.Options{Now: now, Version: version()}
	if exe, err := os.Executable(); err == nil {
		opts.Verify = store.VerifyInChild([]string{exe, verifyDBName})
	}
	return opts
}

// openExisting opens the case file for a command that only reads it. When
// there is no case file yet it returns nil and creates nothing. While
// another Overturn has the file open (the wizard), it reads a consistent
// copy of it, taken now (store.OpenReading).
func (a *app) openExisting(now func() time.Time) (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, fmt.Errorf("the case file %s is a folder: give --db the path of a file", path)
	}
	s, err := store.OpenReading(path, storeOptions(now))
	if err != nil {
		return nil, err
	}
	for _, w := range s.Warnings() {
		fmt.Fprintf(a.stderr, "overturn: warning: %s\n", w)
	}
	return s, nil
}

// caseArg reads the case named by the one argument of command cmd (an ID),
// for a command that only reads the case file, and returns it with its id
// and the command's clock.
func (a *app) caseArg(cmd string, args []string) (uint64, *workflow.Case, time.Time, error) {
	if err := wantArgs(cmd, args, "ID"); err != nil {
		return 0, nil, time.Time{}, err
	}
	id, err := parseID(cmd, args[0])
	if err != nil {
		return 0, nil, time.Time{}, err
	}
	now, err := a.now()
	if err != nil {
		return 0, nil, time.Time{}, err
	}
	s, err := a.openExisting(func() time.Time { return now })
	if err != nil {
		return 0, nil, time.Time{}, err
	}
	if s != nil {
		defer s.Close()
	}
	c, err := getCase(s, id)
	return id, c, now, err
}

// errNoCase is the message for an id that is not in the case file.
func errNoCase(id uint64) error {
	return fmt.Errorf("there is no case %d: run 'overturn list' to see the ids", id)
}

// getCase returns case id from s, which may be nil (no case file yet).
func getCase(s *store.Store, id uint64) (*workflow.Case, error) {
	if s == nil {
		return nil, errNoCase(id)
	}
	c, err := s.Get(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNoCase(id)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}
