package tui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/calendar"
	"github.com/overturn/overturn/export"
	"github.com/overturn/overturn/letterpdf"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// A writer saves one file at a path, off the UI loop: a letter as text
// or as a PDF, the deadlines as a calendar. With force it replaces a file
// already there; with unique it never does, adding -2, -3... to the name
// instead.
type writer func(path string, force, unique bool) tea.Cmd

// exportedMsg reports a file saved (or not) at path. again writes it
// again, replacing the file, when the person says so; done and fail are
// the status lines, with the path or the error.
type exportedMsg struct {
	path       string
	err        error
	again      writer
	done, fail string
	letter     bool // a letter, which the letters screen shows where it went
}

// saveFile writes what make makes to path: a path starting with ~/ is in
// the home directory, a relative one in the current directory, and the
// folder is made (0700) when missing.
func saveFile(path string, make func() ([]byte, error), force, unique bool, done exportedMsg) tea.Cmd {
	return func() tea.Msg {
		msg := done
		path = homePath(path)
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		msg.path = path
		data, err := make()
		if err == nil {
			err = os.MkdirAll(filepath.Dir(path), 0o700)
		}
		if err != nil {
			msg.err = err
			return msg
		}
		base, ext := strings.TrimSuffix(path, filepath.Ext(path)), filepath.Ext(path)
		for n := 2; ; n++ {
			msg.err = export.WriteFile(msg.path, data, force)
			if !unique || !errors.Is(msg.err, fs.ErrExist) || n > 999 {
				return msg
			}
			msg.path = fmt.Sprintf("%s-%d%s", base, n, ext)
		}
	}
}

// homePath puts a path starting with ~/ in the home directory.
func homePath(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// textWriter saves a letter as a text file.
func textWriter(text string) writer {
	var w writer
	w = func(path string, force, unique bool) tea.Cmd {
		done := exportedMsg{again: w, done: letterSavedTo, fail: exportFailed, letter: true}
		return saveFile(path, func() ([]byte, error) { return []byte(text), nil }, force, unique, done)
	}
	return w
}

// pdfWriter saves a letter as a PDF, laid out to print (see letterpdf).
func pdfWriter(text, title, claim string, now time.Time) writer {
	var w writer
	w = func(path string, force, unique bool) tea.Cmd {
		done := exportedMsg{again: w, done: letterSavedTo, fail: exportFailed, letter: true}
		return saveFile(path, func() ([]byte, error) { return letterpdf.Render(text, title, claim, now) }, force, unique, done)
	}
	return w
}

// calendarWriter saves the deadlines of every case as an iCalendar file
// (see calendar), as `overturn deadlines --ics` does: those of open cases,
// and an external review still running for a case closed or resolved
// (see workflow.Watched).
func calendarWriter(st Store, now time.Time) writer {
	var w writer
	w = func(path string, force, unique bool) tea.Cmd {
		done := exportedMsg{again: w, done: calendarTo, fail: calendarFail}
		return saveFile(path, func() ([]byte, error) {
			var events []calendar.Event
			file := st.FileID()
			err := st.Walk(store.ListQuery{}, func(sum store.Summary) error {
				c, err := st.Get(sum.ID)
				if err != nil {
					return err
				}
				for _, d := range workflow.Deadlines(c, now) {
					if workflow.Watched(c.Status, d) {
						events = append(events, calendar.Event{File: file, CaseID: sum.ID, CaseTitle: c.Title, Deadline: d})
					}
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			err = calendar.Write(&b, events, now)
			return b.Bytes(), err
		}, force, unique, done)
	}
	return w
}
