package tui

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/atotto/clipboard"
	"github.com/charmbracelet/colorprofile"

	"github.com/overturn/overturn/calendar"
	"github.com/overturn/overturn/export"
	"github.com/overturn/overturn/internal/crash"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/letterpdf"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// Store is what the program needs of the case store; *store.Store has it.
type Store interface {
	Create(*workflow.Case) (uint64, error)
	Save(uint64, *workflow.Case) error
	Get(uint64) (*workflow.Case, error)
	List(store.ListQuery) ([]store.Summary, error)
	// Walk calls fn with the summaries List would return, one at a time,
	// until fn returns an error, which it returns.
	Walk(store.ListQuery, func(store.Summary) error) error
	Count(workflow.Status) (int, error)
	// Upcoming returns open cases with a next deadline, the soonest first.
	Upcoming(limit int) ([]store.Summary, error)
	Delete(uint64) error
	Undelete(uint64) error
}

// Options configure Run.
type Options struct {
	Store   Store
	Letters *letter.Engine
	Ref     *workflow.Reference
	Codes   *workflow.CodeTable
	// Load, when set, gives Letters, Ref and Codes the first time a case
	// is opened or begun, not before the first frame: the case list needs
	// none of them, and reading them is much of what a start costs.
	Load       func() (Engine, error)
	Now        func() time.Time
	OpenID     uint64 // 0: start at the case list
	NewCase    bool
	Accessible bool
	// Clipboard copies text to the system clipboard; nil: the system's
	// own tool (pbcopy, wl-copy, xclip, xsel, or Windows's clipboard).
	Clipboard func(text string) error
	Input     io.Reader
	Output    io.Writer
	NoColor   bool
}

// Engine is what the screens of a case read besides the store: the letter
// engine, the insurers and regulators, the denial codes.
type Engine struct {
	Letters *letter.Engine
	Ref     *workflow.Reference
	Codes   *workflow.CodeTable
}

// load fills Letters, Ref and Codes from Load, when set.
func (o *Options) load() error {
	if o.Load == nil {
		return nil
	}
	e, err := o.Load()
	if err != nil {
		return err
	}
	o.Letters, o.Ref, o.Codes, o.Load = e.Letters, e.Ref, e.Codes, nil
	return nil
}

// Run runs the program until the person quits.
func Run(ctx context.Context, opts Options) error {
	if opts.Store == nil {
		return errors.New("tui: no case store")
	}
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	if os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb" {
		opts.Accessible = true
	}
	if opts.Accessible {
		if err := opts.load(); err != nil {
			return err
		}
		return runAccessible(ctx, opts)
	}
	// Signals are the caller's: ctx ends when one comes, and the program
	// then saves and quits, restoring the terminal. Bubble Tea's own
	// handler would quit without saving.
	popts := []tea.ProgramOption{tea.WithoutSignalHandler(), tea.WithFPS(fps)}
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	if opts.NoColor {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if os.Getenv("GOGC") == "" {
		old, set := 0, false
		popts = append(popts, tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.KeyPressMsg); ok && !set {
				old, set = debug.SetGCPercent(gcPercent), true
			}
			return msg
		}))
		defer func() {
			if set {
				debug.SetGCPercent(old)
			}
		}()
	}
	m := newModel(opts)
	g := &guarded{m: m}
	p := tea.NewProgram(g, popts...)
	g.send = p.Send
	defer handleSuspend(p)()
	ended := make(chan struct{})
	defer close(ended)
	go func() {
		select {
		case <-ctx.Done():
			p.Send(stopMsg{})
		case <-ended:
			return
		}
		// A save that never ends must not keep the program alive.
		select {
		case <-time.After(stopWait):
			p.Kill()
		case <-ended:
		}
	}()
	_, err := p.Run()
	switch {
	case g.crashed != nil:
		return errors.Join(g.crashed, m.unsavedErr())
	case errors.Is(err, tea.ErrProgramPanic):
		// A panic that Bubble Tea caught itself (in a command it ran that
		// guardCmd could not wrap): it restored the terminal and printed
		// the trace on the terminal; the report can only say so.
		return errors.Join(&crash.Report{What: "a panic caught by the terminal library (its trace is on the terminal, above)"}, m.unsavedErr())
	case err != nil && ctx.Err() == nil:
		return err
	}
	if m.stopping {
		return m.unsavedErr()
	}
	return nil
}

// gcPercent is the garbage collector's GOGC from the first key on. The
// live heap is small (1 to 2 MB) and nearly all that is allocated is the
// garbage of frames, so at Go's default of 100 the heap grows to its 4 MB
// minimum and stays resident at that size: after 200 keys the program
// held about 4 MB more anonymous memory than at its first frame. At 50
// the heap stays within about 1.5 times the live one, for a collection
// every few dozen keys. It is set at the first key, not at the start:
// the start-up garbage (about 2 MB) would be collected while the first
// frame is made, and show it later. A GOGC set in the environment is left
// as it is.
const gcPercent = 50

// stopWait is how long the program may take to save and quit after a
// signal.
var stopWait = 10 * time.Second

// unsavedErr says which case has edits that could not be saved, if any.
func (m *model) unsavedErr() error {
	if p := m.pending(); p != nil {
		if p.saveErr != nil {
			return fmt.Errorf("the last changes to the open case could not be saved: %w", p.saveErr)
		}
		return errors.New("the last changes to the open case were not saved")
	}
	return nil
}

// fps is how often a changed screen is drawn. Bubble Tea draws on a
// ticker, never straight after a key, so a key waits half a frame on
// average for its frame: at its default of 60 fps that is 8 ms, and the
// budget is 0.75 times the 60 fps latency. The ticker wakes the program
// even when nothing changed (a frame then costs only a comparison, but the
// Go runtime's wake-ups at each tick, two epoll waits as it waits in whole
// milliseconds and a second thread woken to look for work, are most of
// the idle CPU), and the idle budget is 1.5 times the 60 fps program's.
// Measured against a 60 fps program (ttybench, 10,000 cases, two runs
// each): at 120 fps keys 0.59-0.67x, idle 1.30-1.53x; at 110 fps keys
// 0.61-0.69x, idle 1.21-1.29x; at 100 fps keys up to 0.82x, idle
// 1.19-1.31x. 110 keeps both within their budgets. GOMAXPROCS 1 saves
// about a tenth of the idle CPU but delays keys (p95 10 -> 16 ms): Bubble
// Tea's reader keeps the one P through its read until the runtime's
// monitor takes it.
const fps = 110

// flow is the screen the person is on; only overlays stack above it.
type flow int

const (
	flowList flow = iota
	flowNewCase
	flowCase
	flowLetters
)

// screen is one full screen of the flow.
type screen interface {
	Update(tea.Msg) (screen, tea.Cmd)
	View() string
	SetSize(w, h int)
	// Header returns the left and right parts of the top line.
	Header() (string, string)
	// ShortHelp returns the footer keys; FullHelp every key, for help.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Disabled says, by key description, why a disabled key cannot be used.
	Disabled() map[string]string
	// Dirty names the field being typed in with an unsaved value, or "".
	Dirty() string
	// Typing reports whether keys go to a text field, so that letters are
	// text, not commands.
	Typing() bool
}

// Messages between the screens and the root.
type (
	caseLoadedMsg struct {
		id      uint64
		c       *workflow.Case
		letters bool
		err     error
	}
	openCaseMsg struct {
		id      uint64
		letters bool
	}
	newCaseMsg     struct{}
	backToListMsg  struct{}
	openLettersMsg struct{}
	backToCaseMsg  struct{}
	deleteCaseMsg  struct{ sum store.Summary }
	deletedMsg     struct {
		sum  store.Summary
		undo bool
		err  error
	}
	undoDeleteMsg struct{}
	jumpMsg       struct{ missing workflow.Missing }
	// exportMsg asks where to save a file: the letter's text, or what
	// write, when set, writes (with its own title for the dialog).
	exportMsg struct {
		name  string
		text  string
		title string
		write func(path string, force bool) tea.Cmd
	}
	exportedMsg struct {
		path, text string
		err        error
		again      tea.Cmd // writes it again, replacing the file; nil: the letter's text
		done, fail string  // the status when saved and when not; "": the letter's
	}
	confirmMsg struct {
		title, body string
		yes         tea.Cmd
	}
	statusMsg struct {
		text string
		err  bool
	}
	copyMsg   struct{ text string }
	copiedMsg struct {
		text string
		err  error // the system clipboard could not be reached
	}
	quitMsg struct{}
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// model is the one root model.
type model struct {
	com      *Common
	store    Store
	flow     flow
	list     *listScreen
	screen   screen     // the screen of the flow, when not the list
	sess     *session   // the open case
	sessions []*session // the open case, and earlier ones still saving
	overlays []overlay
	status   statusMsg
	undo     *store.Summary
	quitting bool
	stopping bool // a signal or a crash: quit once saved, asking nothing
	opts     Options
}

func newModel(opts Options) *model {
	com := newCommon(opts)
	return &model{com: com, store: opts.Store, list: newListScreen(com, opts.Store), opts: opts}
}

// Init loads the first page of the case list itself, before the first
// frame, rather than in a command: the first frame then shows the cases,
// and a start costs one frame drawn, not two.
func (m *model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.list.preload()}
	switch {
	case m.opts.OpenID != 0:
		cmds = append(cmds, loadCase(m.store, m.opts.OpenID, false))
	case m.opts.NewCase:
		cmds = append(cmds, send(newCaseMsg{}))
	}
	return tea.Batch(cmds...)
}

func loadCase(st Store, id uint64, letters bool) tea.Cmd {
	return func() tea.Msg {
		c, err := st.Get(id)
		return caseLoadedMsg{id: id, c: c, letters: letters, err: err}
	}
}

func (m *model) current() screen {
	if m.flow == flowList || m.screen == nil {
		return m.list
	}
	return m.screen
}

func (m *model) bodySize() (int, int) { return m.com.Width, m.com.Height - 4 }

func (m *model) setScreen(f flow, s screen) {
	m.flow, m.screen = f, s
	m.status = statusMsg{}
	if s != nil {
		s.SetSize(m.bodySize())
	}
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.com.Width, m.com.Height = msg.Width, msg.Height
		w, h := m.bodySize()
		m.list.SetSize(w, h)
		if m.screen != nil {
			m.screen.SetSize(w, h)
		}
		for _, o := range m.overlays {
			o.SetSize(w, h)
		}
		return m, nil
	case tea.BackgroundColorMsg:
		m.com.setDark(msg.IsDark())
		return m, nil
	case savedMsg:
		cmd := msg.session.saved(msg)
		if m.quitting {
			if msg.err != nil && m.stopping {
				return m, tea.Quit
			}
			if msg.err != nil {
				m.quitting = false
				return m, m.pushConfirm(confirmQuitTitle, fmt.Sprintf(confirmQuitSaving, msg.err), tea.Quit)
			}
			p := m.pending()
			if p == nil {
				return m, tea.Quit
			}
			return m, tea.Batch(cmd, p.save())
		}
		return m, cmd
	case retrySaveMsg:
		return m, msg.session.save()
	case statusMsg:
		m.status = msg
		return m, nil
	case casesCountedMsg:
		m.list.counted(msg)
		return m, nil
	case pageMsg:
		return m, m.list.page(msg)
	case caseLoadedMsg:
		if msg.err == nil {
			msg.err = m.com.need()
		}
		if msg.err != nil {
			m.status = statusMsg{fmt.Sprintf(openFailed, msg.err), true}
			return m, nil
		}
		m.open(newSession(m.store, m.com.Now, msg.id, msg.c))
		m.status = statusMsg{}
		if msg.letters {
			m.setScreen(flowLetters, newLettersScreen(m.com, m.sess, true))
			return m, nil
		}
		cs := newCaseScreen(m.com, m.sess)
		m.setScreen(flowCase, cs)
		return m, nil
	case openCaseMsg:
		return m, loadCase(m.store, msg.id, msg.letters)
	case newCaseMsg:
		if err := m.com.need(); err != nil {
			m.status = statusMsg{fmt.Sprintf(openFailed, err), true}
			return m, nil
		}
		m.open(newSession(m.store, m.com.Now, 0, workflow.NewCase(m.com.Now(), m.com.defaultInsurer())))
		m.setScreen(flowNewCase, newNewCaseScreen(m.com, m.sess))
		return m, nil
	case backToListMsg:
		m.setScreen(flowList, nil)
		return m, m.list.refresh()
	case openLettersMsg:
		m.setScreen(flowLetters, newLettersScreen(m.com, m.sess, false))
		return m, nil
	case backToCaseMsg:
		m.setScreen(flowCase, newCaseScreen(m.com, m.sess))
		return m, nil
	case deleteCaseMsg:
		sum := msg.sum
		return m, m.pushConfirm(fmt.Sprintf(confirmDeleteTitle, displayTitle(sum.Title)), confirmDeleteBody, func() tea.Msg {
			return deletedMsg{sum: sum, err: m.store.Delete(sum.ID)}
		})
	case deletedMsg:
		return m, m.deleted(msg)
	case undoDeleteMsg:
		if m.undo == nil {
			return m, nil
		}
		sum := *m.undo
		m.undo = nil
		return m, func() tea.Msg { return deletedMsg{sum: sum, undo: true, err: m.store.Undelete(sum.ID)} }
	case jumpMsg:
		if f := msg.missing.Field; listPaths[f] || checklistIndex(f) >= 0 {
			cs := newCaseScreen(m.com, m.sess)
			m.setScreen(flowCase, cs)
			return m, cs.jump(f, msg.missing.Label)
		}
		def := findField(msg.missing.Field, msg.missing.Label)
		if msg.missing.Label != "" {
			def.Label = msg.missing.Label
		}
		return m, m.push(newFieldOverlay(m.com, m.sess, def))
	case exportMsg:
		o := newExportOverlay(m.com, msg.name, msg.text)
		if msg.write != nil {
			o.title, o.write = msg.title, msg.write
		}
		return m, m.push(o)
	case exportedMsg:
		return m, m.exported(msg)
	case copyMsg:
		clip := m.opts.Clipboard
		if clip == nil {
			clip = clipboard.WriteAll
		}
		return m, func() tea.Msg { return copiedMsg{text: msg.text, err: clip(msg.text)} }
	case copiedMsg:
		// Where no system clipboard is reachable (over ssh, in a console),
		// the terminal may take the text (OSC 52), or ignore it unseen.
		if msg.err != nil {
			m.status = statusMsg{text: copiedOSC52}
			return m, tea.SetClipboard(msg.text)
		}
		m.status = statusMsg{text: copied}
		return m, nil
	case confirmMsg:
		return m, m.pushConfirm(msg.title, msg.body, msg.yes)
	case removeEntryMsg:
		return m, msg.cs.removeEntry(msg)
	case stopMsg:
		return m, m.stop()
	case forceQuitMsg:
		return m, m.quit(true)
	case quitMsg:
		return m, m.quit(false)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.com.Keys.ForceQuit) {
			return m, m.quit(false)
		}
		if m.tooSmall() {
			return m, nil // nothing is acted on unseen
		}
		if len(m.overlays) > 0 {
			return m, m.updateOverlay(msg)
		}
		if key.Matches(msg, m.com.Keys.Help) && !m.current().Typing() {
			return m, m.push(newHelpOverlay(m.com, m.current().FullHelp()))
		}
		if key.Matches(msg, m.com.Keys.Undo) && m.flow == flowList && m.undo != nil && !m.list.Typing() {
			return m, send(undoDeleteMsg{})
		}
	}
	if len(m.overlays) > 0 {
		return m, m.updateOverlay(msg)
	}
	s, cmd := m.current().Update(msg)
	if m.flow == flowList {
		m.list = s.(*listScreen)
	} else {
		m.screen = s
	}
	return m, cmd
}

// updateOverlay gives msg to the top overlay and drops it when it is done.
func (m *model) updateOverlay(msg tea.Msg) tea.Cmd {
	top := m.overlays[len(m.overlays)-1]
	done, cmd := top.Update(msg)
	if done {
		m.overlays = m.overlays[:len(m.overlays)-1]
	}
	return cmd
}

func (m *model) push(o overlay) tea.Cmd {
	o.SetSize(m.bodySize())
	m.overlays = append(m.overlays, o)
	return o.Init()
}

func (m *model) pushConfirm(title, body string, yes tea.Cmd) tea.Cmd {
	return m.push(newConfirmOverlay(m.com, title, body, yes))
}

func (m *model) deleted(msg deletedMsg) tea.Cmd {
	title := displayTitle(msg.sum.Title)
	switch {
	case msg.err != nil && msg.undo:
		m.status = statusMsg{fmt.Sprintf(restoreFailed, msg.err), true}
	case msg.err != nil:
		m.status = statusMsg{fmt.Sprintf(deleteFailed, msg.err), true}
	case msg.undo:
		m.status = statusMsg{text: fmt.Sprintf(restored, title)}
	default:
		sum := msg.sum
		m.undo = &sum
		m.status = statusMsg{text: deletedStatus}
	}
	return m.list.refresh()
}

func (m *model) exported(msg exportedMsg) tea.Cmd {
	done, fail := cmp.Or(msg.done, exportedTo), cmp.Or(msg.fail, exportFailed)
	switch {
	case errors.Is(msg.err, fs.ErrExist):
		again := msg.again
		if again == nil {
			again = writeLetter(msg.path, msg.text, true)
		}
		return m.pushConfirm(fmt.Sprintf(confirmOverwrite, safe(msg.path)), confirmOverBody, again)
	case msg.err != nil:
		m.status = statusMsg{fmt.Sprintf(fail, msg.err), true}
	default:
		m.status = statusMsg{text: fmt.Sprintf(done, safe(msg.path))}
	}
	return nil
}

// writeLetter saves a letter to a file, off the UI loop. A path starting
// with ~/ is in the home directory.
func writeLetter(path, text string, force bool) tea.Cmd {
	return func() tea.Msg {
		path = homePath(path)
		return exportedMsg{path: path, text: text, err: export.WriteFile(path, []byte(text), force)}
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

// savePDF saves a letter as a PDF (see letterpdf), off the UI loop.
func savePDF(path, text, title, claim string, now time.Time, force bool) tea.Cmd {
	return func() tea.Msg {
		path = homePath(path)
		msg := exportedMsg{path: path, again: savePDF(path, text, title, claim, now, true)}
		data, err := letterpdf.Render(text, title, claim, now)
		if err == nil {
			err = export.WriteFile(path, data, force)
		}
		msg.err = err
		return msg
	}
}

// saveCalendar saves the deadlines of every open case as an iCalendar
// file (see calendar), off the UI loop.
func saveCalendar(st Store, path string, now time.Time, force bool) tea.Cmd {
	return func() tea.Msg {
		path = homePath(path)
		msg := exportedMsg{path: path, again: saveCalendar(st, path, now, true), done: calendarTo, fail: calendarFail}
		var events []calendar.Event
		err := st.Walk(store.ListQuery{Status: workflow.StatusOpen}, func(sum store.Summary) error {
			c, err := st.Get(sum.ID)
			if err != nil {
				return err
			}
			for _, d := range workflow.Deadlines(c, now) {
				events = append(events, calendar.Event{CaseID: sum.ID, CaseTitle: c.Title, Deadline: d})
			}
			return nil
		})
		if err == nil {
			var b bytes.Buffer
			if err = calendar.Write(&b, events, now); err == nil {
				err = export.WriteFile(path, b.Bytes(), force)
			}
		}
		msg.err = err
		return msg
	}
}

// quit leaves the program, first asking when something typed is not saved,
// and waiting for the last save.
func (m *model) quit(force bool) tea.Cmd {
	if !force {
		if d := m.current().Dirty(); d != "" {
			return m.pushConfirm(confirmQuitTitle, fmt.Sprintf(confirmQuitBody, d), func() tea.Msg { return forceQuitMsg{} })
		}
	}
	if cs, ok := m.screen.(*caseScreen); ok && m.flow == flowCase {
		cs.rememberPlace()
	}
	if p := m.pending(); p != nil {
		if p.saveErr != nil && !force {
			return m.pushConfirm(confirmQuitTitle, fmt.Sprintf(confirmQuitSaving, p.saveErr), func() tea.Msg { return forceQuitMsg{} })
		}
		if p.saveErr == nil {
			m.quitting = true
			return p.save()
		}
	}
	return tea.Quit
}

// open makes s the open case; the sessions before it stay known until all
// their edits are saved.
func (m *model) open(s *session) {
	kept := m.sessions[:0]
	for _, o := range m.sessions {
		if o.unsaved() {
			kept = append(kept, o)
		}
	}
	m.sessions = append(kept, s)
	m.sess = s
}

// pending returns a session with edits not yet saved, a failing one first.
func (m *model) pending() *session {
	var p *session
	for _, s := range m.sessions {
		if s.unsaved() && (p == nil || s.saveErr != nil && p.saveErr == nil) {
			p = s
		}
	}
	return p
}

// forceQuitMsg quits after the person said yes to losing an edit.
type forceQuitMsg struct{}

func (m *model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = appName
	w, h := m.com.Width, m.com.Height
	if m.tooSmall() {
		v.SetContent(wrap(fmt.Sprintf(tooSmall, w, h), max(w, 20)))
		return v
	}
	cur := m.current()
	left, right := cur.Header()
	header := " " + left
	if right != "" {
		gap := w - lipgloss.Width(header) - lipgloss.Width(right) - 1
		if gap < 1 {
			header = ansiTruncate(header, w-lipgloss.Width(right)-2)
			gap = max(w-lipgloss.Width(header)-lipgloss.Width(right)-1, 1)
		}
		header += strings.Repeat(" ", gap) + right
	}
	var body string
	bw, bh := m.bodySize()
	if len(m.overlays) > 0 {
		body = lipgloss.Place(bw, bh, lipgloss.Center, lipgloss.Center, m.overlays[len(m.overlays)-1].View())
	} else {
		body = cur.View()
	}
	var keys []key.Binding
	reasons := map[string]string{}
	if len(m.overlays) > 0 {
		keys = m.overlays[len(m.overlays)-1].ShortHelp()
	} else {
		keys = append(cur.ShortHelp(), m.com.Keys.Help)
		reasons = cur.Disabled()
	}
	status := m.statusLine()
	foot := m.com.footer(keys, reasons, w-2-lipgloss.Width(status)-2)
	gap := max(w-2-lipgloss.Width(foot)-lipgloss.Width(status)-1, 1)
	footer := "  " + foot + strings.Repeat(" ", gap) + status
	v.SetContent(strings.Join([]string{
		ansiTruncate(header, w),
		m.com.rule(w),
		fitHeight(body, bh),
		m.com.rule(w),
		ansiTruncate(footer, w),
	}, "\n"))
	return v
}

func (m *model) tooSmall() bool { return m.com.Width < minWidth || m.com.Height < minHeight }

// statusLine is the right end of the footer: the save state, or news.
func (m *model) statusLine() string {
	st := m.com.Styles
	if p := m.pending(); p != nil && p.saveErr != nil {
		return st.StatusErr.Render(truncate(fmt.Sprintf(saveFailed, p.saveErr, int(retryAfter.Seconds())), m.com.Width/2))
	}
	if m.sess != nil && m.flow != flowList && m.sess.saving {
		return st.Muted.Render(saving)
	}
	if m.status.text != "" {
		if m.status.err {
			return st.StatusErr.Render(truncate(m.status.text, m.com.Width/2))
		}
		return st.Status.Render(truncate(m.status.text, m.com.Width/2))
	}
	if m.sess != nil && !m.sess.savedAt.IsZero() {
		return st.Muted.Render(fmt.Sprintf(savedAt, m.sess.savedAt.Format("15:04")))
	}
	return ""
}
