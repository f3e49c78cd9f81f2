package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/overturn/overturn/export"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// byteReader hands out one byte per Read. huh's accessible prompts each wrap
// the input in their own bufio.Scanner; given a larger read, the first one
// would swallow every piped answer. It also remembers the end of the input.
type byteReader struct {
	ctx context.Context
	r   io.Reader
	eof bool
}

// Read reads one byte, or stops waiting for it when ctx ends (a signal):
// every answer is saved already, so the program may end at once.
func (b *byteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	type result struct {
		c   byte
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		var c [1]byte
		n, err := b.r.Read(c[:])
		done <- result{c[0], n, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-b.ctx.Done():
		return 0, b.ctx.Err()
	}
	p[0] = res.c
	if errors.Is(res.err, io.EOF) {
		b.eof = true
	}
	return res.n, res.err
}

// errEndOfInput ends an accessible session when the input is used up.
var errEndOfInput = errors.New("end of input")

// accessible runs the case flow as plain questions, one at a time, for
// screen readers and pipes. Every answer is saved before the next question.
type accessible struct {
	ctx  context.Context
	opts Options
	com  *Common
	in   *byteReader
	out  io.Writer
}

func runAccessible(ctx context.Context, opts Options) error {
	in := opts.Input
	if in == nil {
		in = os.Stdin
	}
	out := opts.Output
	if out == nil {
		out = os.Stdout
	}
	cw := colorprofile.NewWriter(out, os.Environ())
	if opts.NoColor && cw.Profile > colorprofile.Ascii {
		cw.Profile = colorprofile.Ascii
	}
	a := &accessible{ctx: ctx, opts: opts, com: newCommon(opts), in: &byteReader{ctx: ctx, r: in}, out: cw}
	a.say(a11yWelcome)
	err := a.run()
	if errors.Is(err, errEndOfInput) || errors.Is(err, huh.ErrUserAborted) || ctx.Err() != nil {
		return nil
	}
	return err
}

func (a *accessible) say(format string, args ...any) {
	_, _ = fmt.Fprintln(a.out, wrap(fmt.Sprintf(format, args...), 78))
}

// ask runs one huh field in accessible mode.
func (a *accessible) ask(field huh.Field) (err error) {
	if err := a.ctx.Err(); err != nil {
		return err
	}
	// huh v2.0.3's select indexes its options with an unchecked number when
	// the input ends right after an invalid answer; that is the end of input.
	defer func() {
		if r := recover(); r != nil {
			if !a.in.eof {
				panic(r)
			}
			err = errEndOfInput
		}
	}()
	err = huh.NewForm(huh.NewGroup(field)).
		WithAccessible(true).
		WithInput(a.in).
		WithOutput(a.out).
		WithShowHelp(false).
		Run()
	if err == nil && a.in.eof {
		err = errEndOfInput
	}
	return err
}

func (a *accessible) choose(title string, options []huh.Option[string]) (string, error) {
	v := options[0].Value
	err := a.ask(huh.NewSelect[string]().Title(title).Options(options...).Value(&v))
	return v, err
}

func (a *accessible) run() error {
	switch {
	case a.opts.OpenID != 0:
		if err := a.openCase(a.opts.OpenID); err != nil {
			return err
		}
	case a.opts.NewCase:
		if err := a.newCase(); err != nil {
			return err
		}
	}
	from := 0
	for {
		v, err := a.chooseCase(from)
		if err != nil {
			return err
		}
		switch v {
		case "quit":
			return nil
		case "new":
			err = a.newCase()
		case "more":
			from += a11yPage
		case "first":
			from = 0
		default:
			id, _ := strconv.ParseUint(v, 10, 64)
			err = a.openCase(id)
		}
		if err != nil {
			return err
		}
	}
}

// a11yPage is how many cases the accessible case list offers at once.
const a11yPage = 50

// chooseCase asks which case to open, offering a page of the cases from
// from on; it returns a case id, "new", "more", "first" or "quit".
func (a *accessible) chooseCase(from int) (string, error) {
	total, err := a.opts.Store.Count("")
	if err != nil {
		return "", fmt.Errorf(listFailed, err)
	}
	from = min(from, max(total-1, 0))
	list, err := a.opts.Store.List(store.ListQuery{Offset: from, Limit: a11yPage})
	if err != nil {
		return "", fmt.Errorf(listFailed, err)
	}
	opts := []huh.Option[string]{huh.NewOption(a11yNewCase, "new")}
	for _, s := range list {
		label := safe(displayTitle(s.Title)) + " (" + fmt.Sprintf(stepOfSeven, int(s.Step)) + ")"
		opts = append(opts, huh.NewOption(label, strconv.FormatUint(s.ID, 10)))
	}
	title := a11yChooseCase
	if total > len(list) {
		title += " " + fmt.Sprintf(a11yShowing, from+1, from+len(list), total)
	}
	if from+len(list) < total {
		opts = append(opts, huh.NewOption(a11yMoreCases, "more"))
	}
	if from > 0 {
		opts = append(opts, huh.NewOption(a11yFirstCases, "first"))
	}
	opts = append(opts, huh.NewOption(a11yQuit, "quit"))
	return a.choose(title, opts)
}

// save runs a session's save command now and says whether it worked.
func (a *accessible) save(s *session, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg, _ := cmd().(savedMsg)
	s.saved(msg)
	if msg.err != nil {
		a.say(a11yNotSaved, msg.err)
		return
	}
	a.say(a11ySaved)
}

// fields asks each field in turn, saving each answer.
func (a *accessible) fields(s *session, defs []fieldDef) error {
	for _, def := range defs {
		if err := a.field(s, def); err != nil {
			return err
		}
	}
	return nil
}

func (a *accessible) field(s *session, def fieldDef) error {
	stored := s.value(def.Path)
	var raw string
	if def.Kind == kindChoice {
		opts := make([]huh.Option[string], len(def.Choices))
		raw = def.Choices[0].Value
		for i, c := range def.Choices {
			opts[i] = huh.NewOption(c.Label, c.Value)
			if c.Value == stored {
				raw = c.Value
			}
		}
		if err := a.ask(huh.NewSelect[string]().Title(def.Label + a.current(stored, displayValue(def, stored))).Options(opts...).Value(&raw)); err != nil {
			return err
		}
	} else {
		raw = displayValue(def, stored)
		title := def.Label
		if def.Placeholder != "" {
			title += " (" + def.Placeholder + ")"
		}
		title += a.current(stored, raw)
		if stored != "" {
			title += " (" + a11yClearHint + ")"
		}
		in := huh.NewInput().Title(title + ":").Value(&raw).Validate(func(v string) error {
			if t := strings.TrimSpace(v); t == "" || t == a11yClear {
				return nil // keeps what is there, or clears it
			}
			_, err := s.check(def, v)
			return err
		})
		if err := a.ask(in); err != nil {
			return err
		}
		if strings.TrimSpace(raw) == a11yClear {
			raw = ""
		}
	}
	if def.Kind == kindChoice && raw == stored || def.Kind != kindChoice && raw == displayValue(def, stored) {
		return nil
	}
	cmd, err := s.apply(def, raw)
	if err != nil {
		a.say("%s", err)
		return nil
	}
	if def.Kind == kindCodes {
		for _, code := range splitCodes(raw) {
			if a.com.Codes != nil {
				a.say("%s", decodeLine(a.com, code))
			}
		}
	}
	a.save(s, cmd)
	return nil
}

// a11yClear, typed as an answer, clears the field (an empty answer keeps
// what is there).
const a11yClear = "-"

// current says what a field holds now, shown as v, for the question's title.
func (a *accessible) current(stored, v string) string {
	if stored == "" || v == "" {
		return ""
	}
	return " " + fmt.Sprintf(a11yCurrent, truncate(v, 60))
}

// checks asks about the EOB checklist items a step still needs.
func (a *accessible) checks(s *session) error {
	for _, m := range workflow.StepMissing(s.c, s.c.Step) {
		i := checklistIndex(m.Field)
		if i < 0 {
			continue
		}
		item := checkItems[i]
		a.say("%s. %s: %s", item.Title, spotLabel, item.Spot)
		v := string(workflow.CheckOK)
		err := a.ask(huh.NewSelect[string]().Title(item.Title).Options(
			huh.NewOption(checkOK, string(workflow.CheckOK)),
			huh.NewOption(checkFound, string(workflow.CheckError)),
			huh.NewOption(checkNotChecked, string(workflow.CheckNotChecked))).Value(&v))
		if err != nil {
			return err
		}
		cmd, _ := s.mutate(func(c *workflow.Case) error {
			checkAt(c, i).Status = workflow.CheckStatus(v)
			return nil
		})
		a.save(s, cmd)
		if v == string(workflow.CheckError) {
			a.say("%s: %s", fixLabel, item.Fix)
			if err := a.field(s, fieldDef{Path: "eob_errors." + item.Key + ".details", Label: item.Details, Kind: kindLong}); err != nil {
				return err
			}
		}
	}
	return nil
}

// notice asks, element by element, whether the denial notice has it.
func (a *accessible) notice(s *session) error {
	a.say(noticeIntro)
	for _, e := range workflow.NoticeElements(s.c) {
		present, checked := s.c.Denial.Notice[e.ID]
		v := ""
		if checked {
			v = strconv.FormatBool(present)
		}
		err := a.ask(huh.NewSelect[string]().Title(e.Text).Options(
			huh.NewOption(keyHelp.Present, "true"),
			huh.NewOption(keyHelp.Absent, "false"),
			huh.NewOption(checkNotChecked, "")).Value(&v))
		if err != nil {
			return err
		}
		if v == "" && !checked || checked && v == strconv.FormatBool(present) {
			continue
		}
		id := e.ID
		cmd, _ := s.mutate(func(c *workflow.Case) error {
			if v == "" {
				delete(c.Denial.Notice, id)
				return nil
			}
			if c.Denial.Notice == nil {
				c.Denial.Notice = map[string]bool{}
			}
			c.Denial.Notice[id] = v == "true"
			return nil
		})
		a.save(s, cmd)
	}
	if ok, why := workflow.DeemedExhaustion(s.c); ok {
		a.say("%s", why)
	}
	return nil
}

// entry adds a call or a document and asks for its fields.
func (a *accessible) entry(s *session, calls bool) error {
	now := a.com.Now().Truncate(time.Minute)
	n := len(s.c.Documents)
	defs := docFields
	if calls {
		n, defs = len(s.c.Calls), callFields
	}
	cmd, _ := s.mutate(func(c *workflow.Case) error {
		if calls {
			c.Calls = append(c.Calls, workflow.Call{At: now, With: workflow.CallMemberServices})
		} else {
			c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocOther, Status: workflow.DocNeeded})
		}
		return nil
	})
	a.save(s, cmd)
	return a.fields(s, withIndex(defs, n))
}

// editEntry asks which call (or document) to change or remove, then does
// it.
func (a *accessible) editEntry(s *session, calls bool) error {
	n, defs := len(s.c.Documents), docFields
	if calls {
		n, defs = len(s.c.Calls), callFields
	}
	opts := make([]huh.Option[string], 0, n+1)
	for i := range n {
		opts = append(opts, huh.NewOption(safe(entryText(s.c, calls, i)), strconv.Itoa(i)))
	}
	v, err := a.choose(a11yWhichEntry, append(opts, huh.NewOption(a11yEntryBack, "back")))
	if err != nil || v == "back" {
		return err
	}
	i, _ := strconv.Atoi(v)
	what, err := a.choose(safe(entryText(s.c, calls, i)), []huh.Option[string]{
		huh.NewOption(a11yEntryChange, "change"), huh.NewOption(a11yEntryRemove, "remove"), huh.NewOption(a11yEntryBack, "back")})
	switch {
	case err != nil || what == "back":
		return err
	case what == "change":
		return a.fields(s, withIndex(defs, i))
	}
	cmd, _ := s.mutate(func(c *workflow.Case) error {
		if calls {
			c.Calls = slices.Delete(c.Calls, i, i+1)
		} else {
			c.Documents = slices.Delete(c.Documents, i, i+1)
		}
		return nil
	})
	a.say(entryRemoved)
	a.save(s, cmd)
	return nil
}

func (a *accessible) newCase() error {
	s := newSession(a.opts.Store, a.com.Now, 0, workflow.NewCase(a.com.Now(), a.com.defaultInsurer()))
	if err := a.fields(s, newCaseFields); err != nil {
		return err
	}
	if s.id == 0 {
		return nil
	}
	return a.caseLoop(s)
}

func (a *accessible) openCase(id uint64) error {
	c, err := a.opts.Store.Get(id)
	if err != nil {
		a.say(openFailed, err)
		return nil
	}
	return a.caseLoop(newSession(a.opts.Store, a.com.Now, id, c))
}

// caseLoop tells where the case stands and asks what to do, until the person
// goes back to the list.
func (a *accessible) caseLoop(s *session) error {
	for {
		c := s.c
		info := c.Step.Info(a.com.Ref.Insurer(c.Insurer))
		now := a.com.Now()
		a.say("")
		a.say("%s", safe(displayTitle(c.Title)))
		a.say(a11yStep, int(info.Step), info.Title)
		a.say(a11yWhy, info.Why)
		a.say(a11yDo, info.Do)
		if dl, ok := workflow.NextDeadline(c, now); ok {
			a.say(a11yDeadline, dl.Title+", "+dl.Due.Long()+" ("+daysWords(workflow.DateOf(now).DaysUntil(dl.Due))+")")
		}
		for _, act := range workflow.NextActions(c, a.com.Ref, now) {
			a.say(a11yNextAction, safe(act.Text))
		}
		missing := workflow.StepMissing(c, c.Step)
		if len(missing) > 0 {
			labels := make([]string, len(missing))
			for i, m := range missing {
				labels[i] = m.Label
			}
			a.say(a11yMissing, strings.Join(labels, ", "))
		} else {
			a.say(a11yStepDone)
		}
		opts := []huh.Option[string]{huh.NewOption(a11yStay, "fields")}
		if len(missing) == 0 && c.Step < workflow.StepEscalate {
			opts = append(opts, huh.NewOption(a11yFinish, "finish"))
		}
		opts = append(opts, huh.NewOption(a11yAddCall, "call"))
		if len(c.Calls) > 0 {
			opts = append(opts, huh.NewOption(a11yEditCall, "edit-call"))
		}
		opts = append(opts, huh.NewOption(a11yAddDoc, "doc"))
		if len(c.Documents) > 0 {
			opts = append(opts, huh.NewOption(a11yEditDoc, "edit-doc"))
		}
		opts = append(opts, huh.NewOption(noticeTitle, "notice"),
			huh.NewOption(a11yLetter, "letter"), huh.NewOption(a11yBack, "back"))
		v, err := a.choose(a11yNext, opts)
		if err != nil {
			return err
		}
		switch v {
		case "back":
			return nil
		case "fields":
			if err = a.fields(s, stepFieldsFor(c, c.Step)); err == nil {
				err = a.checks(s)
			}
		case "notice":
			err = a.notice(s)
		case "call":
			err = a.entry(s, true)
		case "doc":
			err = a.entry(s, false)
		case "edit-call":
			err = a.editEntry(s, true)
		case "edit-doc":
			err = a.editEntry(s, false)
		case "finish":
			next := c.Step + 1
			s.setResume(next, "")
			cmd, merr := s.mutate(func(c *workflow.Case) error { return workflow.GoTo(c, next) })
			if merr != nil {
				a.say("%s", merr)
			}
			a.save(s, cmd)
		case "letter":
			err = a.letter(s)
		}
		if err != nil {
			return err
		}
	}
}

func (a *accessible) letter(s *session) error {
	if a.com.Letters == nil {
		a.say(lettersNone)
		return nil
	}
	offers := a.com.Letters.Offers(s.c, a.com.Now())
	if len(offers) == 0 {
		a.say(lettersNone)
		return nil
	}
	opts := make([]huh.Option[string], len(offers))
	for i, o := range offers {
		opts[i] = huh.NewOption(o.Kind.Title()+": "+o.Why, string(o.Kind))
	}
	v, err := a.choose(a11yWhichLetter, opts)
	if err != nil {
		return err
	}
	kind := letter.Kind(v)
	lt, err := a.com.Letters.Render(kind, s.c, a.com.Now())
	if err != nil {
		a.say("%s", err)
		return nil
	}
	if m := lt.MustFill(); len(m) > 0 {
		labels := make([]string, len(m))
		for i, x := range m {
			labels[i] = x.Label
		}
		a.say(a11yLetterMiss, strings.Join(labels, ", "))
		for _, x := range m {
			if err := a.field(s, findField(x.Field, x.Label)); err != nil {
				return err
			}
		}
		if lt, err = a.com.Letters.Render(kind, s.c, a.com.Now()); err != nil {
			a.say("%s", err)
			return nil
		}
	}
	_, _ = fmt.Fprintln(a.out, workflow.Sanitize(lt.Text))
	for _, g := range lt.Gaps {
		a.say(a11yLetterGap, g.Severity, g.Label)
	}
	for _, w := range lt.Warnings {
		a.say("%s", w.Text)
	}
	for _, n := range lt.Notes {
		a.say("%s", n)
	}
	return a.saveLetter(s, kind, lt.Text)
}

// saveLetter offers to write the letter to a text file; it never replaces a
// file without a yes.
func (a *accessible) saveLetter(s *session, kind letter.Kind, text string) error {
	path := ""
	if err := a.ask(huh.NewInput().Title(fmt.Sprintf(a11ySaveLetter, letterFileName(s.c, kind))).Value(&path)); err != nil {
		return err
	}
	path = strings.TrimSpace(safe(path))
	switch path {
	case "":
		return nil
	case "y", "yes":
		path = letterFileName(s.c, kind)
	}
	err := export.WriteFile(path, []byte(text), false)
	if errors.Is(err, fs.ErrExist) {
		replace := false
		if err := a.ask(huh.NewConfirm().Title(fmt.Sprintf(confirmOverwrite, path)).Description(confirmOverBody).Value(&replace)); err != nil {
			return err
		}
		if !replace {
			return nil
		}
		err = export.WriteFile(path, []byte(text), true)
	}
	if err != nil {
		a.say(exportFailed, err)
		return nil
	}
	a.say(exportedTo, path)
	return nil
}
