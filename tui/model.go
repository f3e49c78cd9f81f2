package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/atotto/clipboard"
	"github.com/charmbracelet/colorprofile"
	xterm "github.com/charmbracelet/x/term"

	"github.com/overturn/overturn/internal/crash"
	"github.com/overturn/overturn/letter"
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
	// Upcoming returns the cases with a next deadline to watch, the
	// soonest first: open ones, and an external review still running for
	// a case closed or resolved.
	Upcoming(limit int) ([]store.Summary, error)
	Delete(uint64) error
	Undelete(uint64) error
	// FileID is the case file's identity, for calendar events.
	FileID() string
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
	Load    func() (Engine, error)
	Now     func() time.Time
	OpenID  uint64 // 0: start at the case list
	NewCase bool
	// Accessible runs plain questions and answers instead of the
	// full-screen wizard; it needs no terminal.
	Accessible bool
	Input      io.Reader
	Output     io.Writer
	NoColor    bool
	// Clipboard copies text to the system clipboard; nil: the system's
	// own tool (pbcopy, wl-copy, xclip, xsel, or Windows's clipboard).
	// It only writes: the clipboard is never read.
	Clipboard func(text string) error
	// LetterDir is the folder letters are saved in unless the person
	// names another ("" for the current folder).
	LetterDir string
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

// ErrInterrupted is Run's error when the person pressed Ctrl+C: every
// finished answer was saved first.
var ErrInterrupted = errors.New("interrupted")

// Run runs the program until the person quits.
func Run(ctx context.Context, opts Options) error {
	if opts.Store == nil {
		return errors.New("tui: no case store")
	}
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
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
	if w, h, ok := windowSize(opts.Output); ok && (w != m.com.Width || h != m.com.Height) {
		// The first frame is drawn for the window as it is, not for the
		// smallest one and then again when Bubble Tea tells the size.
		m.resize(w, h)
	}
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
	if m.interrupted {
		return errors.Join(ErrInterrupted, m.unsavedErr())
	}
	return nil
}

// windowSize returns the size of the terminal out is, if it is one.
func windowSize(out io.Writer) (w, h int, ok bool) {
	f, isFile := out.(interface{ Fd() uintptr })
	if !isFile {
		return 0, 0, false
	}
	w, h, err := xterm.GetSize(f.Fd())
	return w, h, err == nil && w > 0 && h > 0
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

// How long a status line stays, and how long after a form closes the
// keys of the screen wait: words typed on past the end of a form must not
// run as commands.
var (
	statusFor    = 5 * time.Second
	statusErrFor = 10 * time.Second
	settleFor    = 500 * time.Millisecond
)

// expireAfter returns the command that sends msg after d: a status line
// expires with it.
var expireAfter = func(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

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

// screen is one full screen of the flow: a component with its own update
// and view.
type screen interface {
	Update(tea.Msg) tea.Cmd
	// View returns the screen as last drawn: it changes nothing.
	View() string
	SetSize(w, h int)
	// Header returns the left and right parts of the top line.
	Header() (string, string)
	// Actions are the screen's keys as they are now: the footer shows
	// them, help lists them, and Update runs them.
	Actions() []action
	// Dirty names the field being typed in with an unsaved value, or "".
	Dirty() string
	// Typing reports whether keys go to a text field, so that letters are
	// text, not commands.
	Typing() bool
	// Place names where the person is on the screen (the pane, the
	// step); a status line expires when it changes.
	Place() string
}

// model is the one root model.
type model struct {
	com         *Common
	store       Store
	flow        flow
	list        *listScreen
	screen      screen     // the screen of the flow, when not the list
	sess        *session   // the open case
	sessions    []*session // the open case, and earlier ones still saving
	overlays    []overlay
	status      statusMsg
	statusID    int
	undo        *store.Summary
	quitting    bool
	stopping    bool // a signal or a crash: quit once saved, asking nothing
	interrupted bool // Ctrl+C: quit once saved, and say so
	ignored     int  // keys dropped while the window was too small
	settle      time.Time
	wall        func() time.Time // the real clock, for the pause after a form
	opts        Options
	drawn       *tea.View // the screen as last drawn; nil once anything changed
}

func newModel(opts Options) *model {
	com := newCommon(opts)
	m := &model{com: com, store: opts.Store, list: newListScreen(com, opts.Store), opts: opts, wall: time.Now}
	m.list.canUndo = func() bool { return m.undo != nil }
	return m
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

// resize lays every screen out for a window of w by h cells.
func (m *model) resize(w, h int) {
	m.com.resize(w, h)
	bw, bh := m.bodySize()
	m.list.SetSize(bw, bh)
	if m.screen != nil {
		m.screen.SetSize(bw, bh)
	}
	for _, o := range m.overlays {
		o.SetSize(bw, bh)
	}
	if !m.tooSmall() {
		m.ignored = 0
	}
}

func (m *model) setScreen(f flow, s screen) {
	m.flow, m.screen = f, s
	m.status = statusMsg{}
	if s != nil {
		s.SetSize(m.bodySize())
	}
}

// globals are the keys of every screen: help and quit.
func (m *model) globals() []action {
	k := m.com.Keys
	g := keyHelp.GroupEverywhere
	// Help comes last: the footer drops keys from the end to fit, but
	// never the last one.
	return []action{
		act(k.Quit, g, func() tea.Cmd { return m.quit(false, false) }),
		act(k.Interrupt, g, func() tea.Cmd { return m.quit(false, true) }).hidden(),
		act(k.Help, g, func() tea.Cmd { return m.push(newHelpOverlay(m.com, append(m.current().Actions(), m.globals()...))) }),
	}
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.unchangedBy(msg) {
		return m, nil
	}
	m.drawn = nil
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.com.setDark(msg.IsDark())
		m.list.SetSize(m.bodySize())
		if m.screen != nil {
			m.screen.SetSize(m.bodySize())
		}
		return m, nil
	case savedMsg:
		cmd := msg.session.saved(msg)
		if m.quitting {
			if msg.err != nil && m.stopping {
				return m, tea.Quit
			}
			if msg.err != nil {
				m.quitting = false
				return m, m.confirmLoss(fmt.Sprintf(confirmQuitSaving, msg.err), m.interrupted)
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
		m.statusID++
		m.status = msg
		wait := statusFor
		if msg.err {
			wait = statusErrFor
		}
		return m, expireAfter(wait, statusExpiredMsg{m.statusID})
	case statusExpiredMsg:
		if msg.id == m.statusID {
			m.status = statusMsg{}
		}
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
			return m, statusErr(fmt.Sprintf(openFailed, msg.err))
		}
		m.open(newSession(m.store, m.com.Now, msg.id, msg.c))
		if msg.letters {
			m.setScreen(flowLetters, newLettersScreen(m.com, m.sess, true))
			return m, nil
		}
		m.setScreen(flowCase, newCaseScreen(m.com, m.sess, paneNone))
		return m, nil
	case openCaseMsg:
		return m, loadCase(m.store, msg.id, msg.letters)
	case newCaseMsg:
		if err := m.com.need(); err != nil {
			return m, statusErr(fmt.Sprintf(openFailed, err))
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
		m.setScreen(flowCase, newCaseScreen(m.com, m.sess, msg.pane))
		return m, nil
	case deleteCaseMsg:
		sum := msg.sum
		return m, m.pushConfirm(fmt.Sprintf(confirmDeleteTitle, safe(displayTitle(sum.Title))), confirmDeleteBody,
			deleteConfirmedMsg{sum: sum}, keyHelp.Delete)
	case deleteConfirmedMsg:
		sum := msg.sum
		return m, func() tea.Msg { return deletedMsg{sum: sum, err: m.store.Delete(sum.ID)} }
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
		return m, m.jump(msg.missing)
	case gapsMsg:
		if l, ok := m.screen.(*lettersScreen); ok && l.letter != nil {
			return m, m.push(newGapsOverlay(m.com, l.letter.Gaps))
		}
		return m, nil
	case exportMsg:
		return m, m.push(newExportOverlay(m.com, msg.name, msg.title, msg.write))
	case exportedMsg:
		if errors.Is(msg.err, fs.ErrExist) {
			return m, m.pushConfirm(fmt.Sprintf(confirmOverwrite, safe(msg.path)), confirmOverBody,
				overwriteMsg{path: msg.path, write: msg.again}, keyHelp.Replace)
		}
		if msg.err != nil {
			return m, statusErr(fmt.Sprintf(msg.fail, msg.err))
		}
		if m.screen != nil && msg.letter {
			// The letters screen shows the whole path; the status says so.
			m.screen.Update(msg)
			return m, status(letterSaved)
		}
		return m, status(fmt.Sprintf(msg.done, msg.path))
	case overwriteMsg:
		return m, msg.write(msg.path, true, false)
	case copyMsg:
		clip := m.opts.Clipboard
		if clip == nil {
			clip = clipboard.WriteAll
		}
		text := msg.text
		return m, func() tea.Msg { return copiedMsg{text: text, err: clip(text)} }
	case copiedMsg:
		// Where no system clipboard is reachable (over ssh, in a console),
		// the terminal may take the text (OSC 52), or ignore it unseen.
		if msg.err != nil {
			return m, tea.Batch(tea.SetClipboard(msg.text), status(copiedOSC52))
		}
		return m, status(copied)
	case confirmMsg:
		return m, m.pushConfirm(msg.title, msg.body, msg.yes, msg.yesLabel)
	case stopMsg:
		return m, m.stop()
	case forceQuitMsg:
		return m, m.quit(true, msg.interrupted)
	case quitMsg:
		return m, m.quit(false, false)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	if len(m.overlays) > 0 {
		return m, m.updateOverlay(msg)
	}
	return m, m.current().Update(msg)
}

// key handles a key press: Ctrl+C anywhere, then the top dialog, then the
// keys of every screen, then the screen's own.
func (m *model) key(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.com.Keys.Interrupt) {
		return m.quit(false, true)
	}
	if m.tooSmall() {
		// Nothing is acted on unseen; the screen says so.
		m.ignored++
		return nil
	}
	if len(m.overlays) > 0 {
		return m.updateOverlay(k)
	}
	cur := m.current()
	typing, place, sid := cur.Typing(), cur.Place(), m.statusID
	if !typing && m.wall().Before(m.settle) && k.Text != "" {
		// Words typed on as a form closed are not commands.
		return statusErr(settling)
	}
	var cmd tea.Cmd
	if !typing {
		if c, ok := dispatch(k, m.globals()); ok {
			return c
		}
	}
	cmd = cur.Update(k)
	if typing && !cur.Typing() {
		m.settle = m.wall().Add(settleFor)
	}
	if cur.Place() != place && m.statusID == sid {
		m.status = statusMsg{}
	}
	return cmd
}

// jump goes to the fact missing names: to its pane or step when it is a
// list or a check, else to a dialog with its one field.
func (m *model) jump(missing workflow.Missing) tea.Cmd {
	if m.sess == nil {
		return nil
	}
	if p := paneFor(missing.Field); p != paneNone {
		cs := newCaseScreen(m.com, m.sess, p)
		m.setScreen(flowCase, cs)
		return cs.jump(missing.Field, missing.Label)
	}
	def := findField(missing.Field, missing.Label)
	if missing.Label != "" && def.Kind == kindText && def.Label == missing.Label {
		def.Label = upperFirst(missing.Label)
	}
	return m.push(newFieldOverlay(m.com, m.sess, def, missing.Label))
}

// updateOverlay gives msg to the top overlay and drops it when it is done.
func (m *model) updateOverlay(msg tea.Msg) tea.Cmd {
	top := m.overlays[len(m.overlays)-1]
	done, cmd := top.Update(msg)
	if done {
		m.overlays = m.overlays[:len(m.overlays)-1]
		m.settle = m.wall().Add(settleFor)
		if m.screen != nil {
			m.screen.SetSize(m.bodySize())
		}
	}
	return cmd
}

func (m *model) push(o overlay) tea.Cmd {
	cmd := o.Init()
	o.SetSize(m.bodySize())
	m.overlays = append(m.overlays, o)
	return cmd
}

func (m *model) pushConfirm(title, body string, yes tea.Msg, yesLabel string) tea.Cmd {
	return m.push(newConfirmOverlay(m.com, title, body, yes, yesLabel))
}

func (m *model) deleted(msg deletedMsg) tea.Cmd {
	title := safe(displayTitle(msg.sum.Title))
	var cmd tea.Cmd
	switch {
	case msg.err != nil && msg.undo:
		cmd = statusErr(fmt.Sprintf(restoreFailed, msg.err))
	case msg.err != nil:
		cmd = statusErr(fmt.Sprintf(deleteFailed, msg.err))
	case msg.undo:
		cmd = status(fmt.Sprintf(restored, title))
	default:
		sum := msg.sum
		m.undo = &sum
		cmd = status(deletedStatus)
	}
	return tea.Batch(cmd, m.list.refresh())
}

// Messages of the dialogs' yes.
type (
	deleteConfirmedMsg struct{ sum store.Summary }
	// overwriteMsg writes a file again, replacing the one at path.
	overwriteMsg struct {
		path  string
		write writer
	}
)

// quit leaves the program, first asking when something typed is not saved,
// and waiting for the last save. interrupted is Ctrl+C: Run then says so.
func (m *model) quit(force, interrupted bool) tea.Cmd {
	m.interrupted = m.interrupted || interrupted
	if !force {
		if d := m.current().Dirty(); d != "" {
			return m.confirmLoss(fmt.Sprintf(confirmQuitBody, d), interrupted)
		}
	}
	if cs, ok := m.screen.(*caseScreen); ok && m.flow == flowCase {
		cs.rememberPlace()
	}
	if p := m.pending(); p != nil {
		if p.saveErr != nil && !force {
			return m.confirmLoss(fmt.Sprintf(confirmQuitSaving, p.saveErr), interrupted)
		}
		if p.saveErr == nil {
			m.quitting = true
			if cmd := p.save(); cmd != nil || p.saving {
				return cmd
			}
		}
	}
	return tea.Quit
}

// confirmLoss asks whether to quit and lose what body says.
func (m *model) confirmLoss(body string, interrupted bool) tea.Cmd {
	m.overlays = nil
	return m.pushConfirm(confirmQuitTitle, body, forceQuitMsg{interrupted: interrupted}, keyHelp.QuitAnyway)
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

// unchangedBy reports whether msg leaves the model and so the screen as
// they are: reports on the terminal that no screen uses, and a window size
// or background it already has. Bubble Tea sends several of them as it
// starts, each followed by a call of View.
func (m *model) unchangedBy(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.ColorProfileMsg, tea.EnvMsg, tea.ModeReportMsg:
		return true
	case tea.WindowSizeMsg:
		return msg.Width == m.com.Width && msg.Height == m.com.Height
	case tea.BackgroundColorMsg:
		return msg.IsDark() == m.com.Dark
	}
	return false
}

// View draws the screen, or returns the last one drawn when nothing
// changed since (see unchangedBy).
func (m *model) View() tea.View {
	if m.drawn == nil {
		v := m.draw()
		m.drawn = &v
	}
	return *m.drawn
}

func (m *model) draw() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = appName
	w, h := m.com.Width, m.com.Height
	if m.tooSmall() {
		text := fmt.Sprintf(tooSmall, w, h)
		if m.ignored > 0 {
			text += "\n\n" + fmt.Sprintf(keysIgnored, m.ignored)
		}
		v.SetContent(wrap(text, max(w, 20)))
		return v
	}
	cur := m.current()
	left, right := cur.Header()
	var body string
	bw, bh := m.bodySize()
	var acts []action
	if len(m.overlays) > 0 {
		top := m.overlays[len(m.overlays)-1]
		body = lipgloss.Place(bw, bh, lipgloss.Center, lipgloss.Center, top.View())
		acts = top.Actions()
	} else {
		body = cur.View()
		acts = cur.Actions()
		if !cur.Typing() {
			acts = append(acts, m.globals()...)
		}
	}
	status := m.statusLine()
	if m.longStatus(status) {
		// News too long for the footer line is shown whole above it, over
		// the last lines of the body.
		above := indent(ansiWrap(status, m.com.Width-4), 2)
		n := min(lineCount(above), 3)
		body = fitHeight(body, bh-n) + "\n" + cutHeight(above, n)
		status = ""
	}
	v.SetContent(strings.Join([]string{
		m.headerLine(left, right),
		m.com.rule(),
		fitHeight(body, bh),
		m.com.rule(),
		m.footerLine(acts, status),
	}, "\n"))
	return v
}

// headerLine sets left and right on the top line, cutting the left part
// (then the right) so that they never touch.
func (m *model) headerLine(left, right string) string {
	w := m.com.Width
	if right == "" {
		return ansiTruncate(" "+left, w)
	}
	right = ansiTruncate(right, max(w/2-2, 10))
	left = ellipsize(" "+left, w-lipgloss.Width(right)-3)
	gap := max(w-lipgloss.Width(left)-lipgloss.Width(right)-1, 2)
	return ansiTruncate(left+strings.Repeat(" ", gap)+right, w)
}

// footerLine sets the keys on the left of the bottom line and a short
// status on the right, two cells apart at least.
func (m *model) footerLine(acts []action, status string) string {
	w := m.com.Width
	foot := m.com.footer(acts, w-6-lipgloss.Width(status))
	gap := max(w-2-lipgloss.Width(foot)-lipgloss.Width(status)-1, 2)
	return ansiTruncate("  "+foot+strings.Repeat(" ", gap)+status, w)
}

// longStatus is the room a status may take on the footer line; a longer
// one is shown whole above it.
func (m *model) longStatus(status string) bool { return lipgloss.Width(status) > m.com.Width*2/5 }

// ellipsize cuts a styled string to width cells, with … when cut.
func ellipsize(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	return ansiTruncate(s, max(width-1, 0)) + "…"
}

func (m *model) tooSmall() bool { return m.com.Width < minWidth || m.com.Height < minHeight }

// statusLine is the right end of the footer: the save state, or news.
func (m *model) statusLine() string {
	st := m.com.Styles
	if p := m.pending(); p != nil && p.saveErr != nil {
		return st.StatusErr.Render(safe(fmt.Sprintf(saveFailed, p.saveErr, int(retryAfter.Seconds()))))
	}
	if m.sess != nil && m.flow != flowList && m.sess.saving {
		return st.Muted.Render(saving)
	}
	if m.status.text != "" {
		if m.status.err {
			return st.StatusErr.Render(safe(m.status.text))
		}
		return st.Status.Render(safe(m.status.text))
	}
	if m.sess != nil && m.flow != flowList && !m.sess.savedAt.IsZero() {
		return st.Muted.Render(fmt.Sprintf(savedAt, m.sess.savedAt.Format("15:04")))
	}
	return ""
}
