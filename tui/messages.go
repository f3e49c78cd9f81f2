package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// The messages between the screens and the root model. A screen never
// holds another: it asks the root for a change of screen, a dialog or a
// status line with one of these.
type (
	// caseLoadedMsg brings a case read from the store.
	caseLoadedMsg struct {
		id      uint64
		c       *workflow.Case
		letters bool
		err     error
	}
	// openCaseMsg asks to open case id, at its letters when letters.
	openCaseMsg struct {
		id      uint64
		letters bool
	}
	newCaseMsg     struct{}
	backToListMsg  struct{}
	openLettersMsg struct{}
	// backToCaseMsg goes back from the new-case form or the letters to
	// the open case, at pane when set.
	backToCaseMsg struct{ pane paneID }
	deleteCaseMsg struct{ sum store.Summary }
	deletedMsg    struct {
		sum  store.Summary
		undo bool
		err  error
	}
	undoDeleteMsg struct{}
	// jumpMsg asks to fill the fact a letter or an action names.
	jumpMsg struct{ missing workflow.Missing }
	// exportMsg asks where to save a file (a letter, the deadlines),
	// name being the proposed file in the letters folder.
	exportMsg struct {
		name, title string
		write       writer
	}
	// confirmMsg asks a question in a dialog; yes is the message sent
	// when the person confirms.
	confirmMsg struct {
		title, body string
		yes         tea.Msg
		yesLabel    string
	}
	// statusMsg is a line of news for the footer; it expires.
	statusMsg struct {
		text string
		err  bool
	}
	// statusExpiredMsg clears status line id when it is still shown.
	statusExpiredMsg struct{ id int }
	copyMsg          struct{ text string }
	// copiedMsg reports a copy to the system clipboard.
	copiedMsg struct {
		text string
		err  error // the system clipboard could not be reached
	}
	quitMsg struct{}
	// forceQuitMsg quits after the person said yes to losing an edit.
	forceQuitMsg struct{ interrupted bool }
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// status returns the command that shows text in the footer.
func status(text string) tea.Cmd { return send(statusMsg{text: text}) }

// statusErr returns the command that shows a problem in the footer.
func statusErr(text string) tea.Cmd { return send(statusMsg{text: text, err: true}) }
