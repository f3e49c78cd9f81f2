package tui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	xterm "github.com/charmbracelet/x/term"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// accessible runs the case flow as plain questions and answers, for screen
// readers and pipes: questions on the output, answers a line each on the
// input, no terminal needed. It asks the same fields as the full-screen
// wizard and changes the case through the same session and case
// operations, so the two cannot drift apart. Every answer is saved before
// the next question; the end of the input ends it cleanly.
type accessible struct {
	*prompter
	opts Options
	com  *Common
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
	f, isFile := in.(*os.File)
	echo := !isFile || !xterm.IsTerminal(f.Fd())
	a := &accessible{prompter: &prompter{ctx: ctx, in: newLineReader(in), out: out, echo: echo}, opts: opts, com: newCommon(opts)}
	a.say(a11yWelcome)
	err := a.run()
	switch {
	case errors.Is(err, errEndOfInput):
		a.say(a11yEnded)
		return nil
	case ctx.Err() != nil:
		// A signal: every answer given is saved; the caller says so.
		return nil
	}
	return err
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
// from on; it returns a case id, "new", "more", "first" or "quit". New
// is always 1 and quit always 2, whatever the cases.
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
	items := []menuItem{{value: "new", label: a11yNewCase}, {value: "quit", label: a11yQuit}}
	more := menuItem{value: "more", label: a11yMoreCases}
	if from+len(list) >= total {
		more.off = a11yNoMore
	}
	first := menuItem{value: "first", label: a11yFirstCases}
	if from == 0 {
		first.off = a11yNoMore
	}
	items = append(items, more, first)
	for _, s := range list {
		label := safe(displayTitle(s.Title)) + " (" + fmt.Sprintf(stepOfSeven, int(s.Step)) + ")"
		items = append(items, menuItem{value: strconv.FormatUint(s.ID, 10), label: label})
	}
	title := a11yChooseCase
	if total > len(list) {
		title += " " + fmt.Sprintf(a11yShowing, from+1, from+len(list), total)
	}
	return a.menu(title, items, 0)
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

// change runs one case operation and saves it, or says why it could not
// be done.
func (a *accessible) change(s *session, fn func(c *workflow.Case) error) bool {
	cmd, err := s.mutate(fn)
	if err != nil {
		a.say("%s", err)
		return false
	}
	a.save(s, cmd)
	return true
}

// fields asks each field in turn that applies to the case as it is then,
// saving each answer.
func (a *accessible) fields(s *session, defs []fieldDef) error {
	asked := map[string]bool{}
	for {
		var next *fieldDef
		for _, d := range fieldsFor(s.c, defs) {
			if !asked[d.Path] {
				next = &d
				break
			}
		}
		if next == nil {
			return nil
		}
		asked[next.Path] = true
		if err := a.field(s, *next); err != nil {
			return err
		}
	}
}

// field asks one field by its kind: a numbered menu for a choice, a line
// of text otherwise, asked again until the rules accept it. An empty
// answer keeps what is there; - clears it.
func (a *accessible) field(s *session, def fieldDef) error {
	stored := s.stored(def.Path)
	if def.Help != "" {
		a.say("%s", def.Help)
	}
	if def.Kind == kindChoice {
		items := make([]menuItem, len(def.Choices))
		keep := 0
		for i, c := range def.Choices {
			items[i] = menuItem{value: c.Value, label: c.Label}
			if c.Value == stored && (stored != "" || i == 0) {
				keep = i + 1
			}
		}
		title := def.Label
		if keep > 0 && stored != "" {
			title += " (" + fmt.Sprintf(a11yCurrent, def.Choices[keep-1].Label) + ")"
		}
		v, err := a.menu(title, items, max(keep, 1))
		if err != nil || v == stored {
			return err
		}
		return a.apply(s, def, v)
	}
	shown := s.value(def)
	question := def.Label
	if def.Placeholder != "" {
		question += " (" + def.Placeholder + ")"
	}
	if shown != "" {
		question += " [" + fmt.Sprintf(a11yCurrent, shown) + "; " + a11yClearHint + "]"
	}
	for {
		raw, err := a.ask(question + ":")
		if err != nil {
			return err
		}
		switch raw {
		case "":
			return nil
		case a11yClear:
			raw = ""
			if shown == "" {
				return nil
			}
		}
		cmd, err := s.apply(def, raw)
		if err != nil {
			a.say("%s", err)
			continue
		}
		if def.Kind == kindCodes && a.com.Codes != nil {
			for _, code := range splitCodes(raw) {
				a.say("%s", decodeLine(a.com, code))
			}
		}
		a.save(s, cmd)
		return nil
	}
}

// apply stores a choice and saves it.
func (a *accessible) apply(s *session, def fieldDef, v string) error {
	cmd, err := s.apply(def, v)
	if err != nil {
		a.say("%s", err)
		return nil
	}
	a.save(s, cmd)
	return nil
}

// a11yClear, typed as an answer, clears the field (an empty answer keeps
// what is there).
const a11yClear = "-"

// checks asks each of the five EOB checks, and what was found for an
// error.
func (a *accessible) checks(s *session) error {
	statuses := []workflow.CheckStatus{workflow.CheckOK, workflow.CheckError, workflow.CheckNotChecked}
	for _, item := range checkItems {
		a.say("%s. %s: %s", item.Title, spotLabel, item.Spot)
		now := item.Of(&s.c.EOBErrors).Status
		items := make([]menuItem, len(statuses))
		keep := 3
		for i, st := range statuses {
			items[i] = menuItem{value: string(st), label: st.Label()}
			if st == now {
				keep = i + 1
			}
		}
		v, err := a.menu(item.Title, items, keep)
		if err != nil {
			return err
		}
		if st := workflow.CheckStatus(v); st != now {
			key := item.Key
			a.change(s, func(c *workflow.Case) error { return workflow.MarkCheck(c, key, st) })
		}
		if v == string(workflow.CheckError) {
			a.say("%s: %s", fixLabel, item.Fix)
			if err := a.field(s, fieldDef{Path: "eob_errors." + item.Key + ".details", Label: item.Details, Kind: kindLong}); err != nil {
				return err
			}
		}
	}
	return nil
}

// costShare asks the plan's cost-sharing terms and says the math.
func (a *accessible) costShare(s *session) error {
	if err := a.fields(s, costShareFields); err != nil {
		return err
	}
	r := workflow.CheckCostShare(s.c)
	if !r.Complete {
		labels := make([]string, len(r.Missing))
		for i, m := range r.Missing {
			labels[i] = m.Label
		}
		a.say(a11yMissing, strings.Join(labels, ", "))
		return nil
	}
	for _, l := range r.Working {
		a.say("%s", l)
	}
	if r.NoSurprises != "" {
		a.say("%s", r.NoSurprises)
	}
	return nil
}

// notice asks, element by element, whether the denial notice has it.
func (a *accessible) notice(s *session) error {
	a.say(noticeIntro)
	for _, e := range workflow.NoticeElements(s.c) {
		present, checked := s.c.Denial.Notice[e.ID]
		keep := 3
		if checked && present {
			keep = 1
		} else if checked {
			keep = 2
		}
		v, err := a.menu(e.Text, []menuItem{{value: "yes", label: keyHelp.Present}, {value: "no", label: keyHelp.Absent},
			{value: "", label: keyHelp.Unchecked}}, keep)
		if err != nil {
			return err
		}
		id := e.ID
		switch {
		case v == "" && checked:
			a.change(s, func(c *workflow.Case) error { workflow.UnmarkNotice(c, id); return nil })
		case v != "" && (!checked || present != (v == "yes")):
			a.change(s, func(c *workflow.Case) error { workflow.MarkNotice(c, id, v == "yes"); return nil })
		}
	}
	if ok, why := workflow.DeemedExhaustion(s.c); ok {
		a.say("%s", why)
	}
	return nil
}

// entry adds a call or a document and asks for its fields.
func (a *accessible) entry(s *session, calls bool) error {
	at := a.com.Now().Truncate(time.Minute)
	n, defs := len(s.c.Documents), docFields
	if calls {
		n, defs = len(s.c.Calls), callFields
	}
	ok := a.change(s, func(c *workflow.Case) error {
		var err error
		if calls {
			_, err = workflow.AddCall(c, at)
		} else {
			_, err = workflow.AddDocument(c, workflow.DocOther, workflow.DocNeeded)
		}
		return err
	})
	if !ok {
		return nil
	}
	return a.fields(s, withIndex(defs, n))
}

// editEntry asks which call (or document) to change or remove, then does
// it.
func (a *accessible) editEntry(s *session, calls bool) error {
	n, defs := len(s.c.Documents), docFields
	if calls {
		n, defs = len(s.c.Calls), callFields
	}
	items := []menuItem{{value: "back", label: a11yEntryBack}}
	for i := range n {
		items = append(items, menuItem{value: strconv.Itoa(i), label: safe(entryText(s.c, calls, i))})
	}
	v, err := a.menu(a11yWhichEntry, items, 1)
	if err != nil || v == "back" {
		return err
	}
	i, _ := strconv.Atoi(v)
	what, err := a.menu(safe(entryText(s.c, calls, i)), []menuItem{{value: "back", label: a11yEntryBack},
		{value: "change", label: a11yEntryChange}, {value: "remove", label: a11yEntryRemove}}, 1)
	switch {
	case err != nil || what == "back":
		return err
	case what == "change":
		return a.fields(s, withIndex(defs, i))
	}
	if a.change(s, func(c *workflow.Case) error {
		if calls {
			return workflow.RemoveCall(c, i)
		}
		return workflow.RemoveDocument(c, i)
	}) {
		a.say(entryRemoved)
	}
	return nil
}

// documents asks, for each document the letter or the denial needs, and
// each listed one not in hand, whether the person has it.
func (a *accessible) documents(s *session) error {
	a.say(a11yLetterDocs)
	for _, kind := range workflow.SuggestedDocuments(s.c) {
		v, err := a.docStatus(kind.Label(), "")
		if err != nil {
			return err
		}
		if v != "" {
			k, st := kind, workflow.DocStatus(v)
			a.change(s, func(c *workflow.Case) error { _, err := workflow.AddDocument(c, k, st); return err })
		}
	}
	for i, d := range s.c.Documents {
		if d.Status == workflow.DocHave {
			continue
		}
		v, err := a.docStatus(safe(entryText(s.c, false, i)), d.Status)
		if err != nil {
			return err
		}
		if v != "" && workflow.DocStatus(v) != d.Status {
			i, st := i, workflow.DocStatus(v)
			a.change(s, func(c *workflow.Case) error { return workflow.SetDocumentStatus(c, i, st) })
		}
	}
	return nil
}

// docStatus asks whether a document is in hand; "" leaves it as it is.
func (a *accessible) docStatus(name string, now workflow.DocStatus) (string, error) {
	items := []menuItem{{value: "", label: a11yLeaveIt}}
	for _, c := range docStatusChoices {
		items = append(items, menuItem{value: c.Value, label: c.Label})
	}
	return a.menu(fmt.Sprintf(a11yDocStatus, name), items, 1)
}

// fact asks for the fact at path, however it is kept: a field, a list of
// its own (documents, calls), a check.
func (a *accessible) fact(s *session, path, label string) error {
	switch {
	case paneFor(path) == paneDocs:
		return a.documents(s)
	case paneFor(path) == paneCalls:
		return a.entry(s, true)
	case paneFor(path) == paneNotice:
		return a.notice(s)
	case strings.HasPrefix(path, "cost_share"):
		return a.costShare(s)
	case paneFor(path) == paneChecklist:
		return a.checks(s)
	case path == "appeals":
		i := max(len(s.c.Appeals)-1, 0)
		return a.fields(s, withIndexed(stepFields[workflow.StepFile], "appeals[0]", fmt.Sprintf("appeals[%d]", i)))
	}
	def := findField(path, label)
	if def.Kind == kindText && label != "" {
		def.Label = upperFirst(label)
	}
	return a.field(s, def)
}

// withIndexed returns the fields of defs whose path starts with from,
// moved to start with to.
func withIndexed(defs []fieldDef, from, to string) []fieldDef {
	var out []fieldDef
	for _, d := range defs {
		if rest, ok := strings.CutPrefix(d.Path, from); ok {
			d.Path = to + rest
			out = append(out, d)
		}
	}
	return out
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

// tell says where the case stands: its step, why and what to do, the
// deadline, what to do next, what the step still needs.
func (a *accessible) tell(s *session) []workflow.Missing {
	c := s.c
	info := c.Step.InfoFor(c, a.com.Ref.Insurer(c.Insurer))
	now := a.com.Now()
	a.say("")
	a.say("%s", safe(displayTitle(c.Title)))
	a.say(a11yStep, int(info.Step), info.Title)
	filed := false
	for _, ap := range c.Appeals {
		filed = filed || !ap.Filed.IsZero()
	}
	if c.Denial.IsUrgent() && !filed {
		phone, fax := safe(c.Denial.AppealsPhone), safe(c.Denial.AppealsFax)
		if phone == "" {
			phone = urgentNoPhone
		}
		if fax == "" {
			fax = urgentNoFax
		}
		a.say(a11yUrgent, fmt.Sprintf(urgentRoute, phone, fax))
	}
	if n := workflow.GovernmentPlanNotice(c); n != "" {
		a.say("%s", n)
	}
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
	return missing
}

// caseLoop tells where the case stands and asks what to do, until the
// person goes back to the list. The menu's entries and numbers never
// change; one that cannot be chosen now says why.
func (a *accessible) caseLoop(s *session) error {
	for {
		missing := a.tell(s)
		c := s.c
		finish := menuItem{value: "finish", label: a11yFinish}
		switch {
		case c.Status != workflow.StatusOpen && c.Status != "":
			finish.off = fmt.Sprintf(caseIs, statusWords(c.Status))
		case len(missing) > 0:
			labels := make([]string, len(missing))
			for i, m := range missing {
				labels[i] = m.Label
			}
			finish.off = needsPrefix + strings.Join(labels, ", ")
		case c.Step >= workflow.StepEscalate:
			finish.off = lastStep
		}
		editCall := menuItem{value: "edit-call", label: a11yEditCall}
		if len(c.Calls) == 0 {
			editCall.off = a11yNoCalls
		}
		editDoc := menuItem{value: "edit-doc", label: a11yEditDoc}
		if len(c.Documents) == 0 {
			editDoc.off = a11yNoDocs
		}
		v, err := a.menu(a11yNext, []menuItem{
			{value: "fields", label: a11yStay},
			finish,
			{value: "checks", label: a11yChecks},
			{value: "notice", label: noticeTitle},
			{value: "cost", label: a11yCostShare},
			{value: "call", label: a11yAddCall},
			editCall,
			{value: "doc", label: a11yAddDoc},
			editDoc,
			{value: "letter", label: a11yLetter},
			{value: "back", label: a11yBack},
		}, 0)
		if err != nil {
			return err
		}
		switch v {
		case "back":
			return nil
		case "fields":
			err = a.stepFacts(s)
		case "finish":
			s.setResume(c.Step+1, "")
			a.change(s, workflow.FinishStep)
		case "checks":
			err = a.checks(s)
		case "notice":
			err = a.notice(s)
		case "cost":
			err = a.costShare(s)
		case "call":
			err = a.entry(s, true)
		case "doc":
			err = a.entry(s, false)
		case "edit-call":
			err = a.editEntry(s, true)
		case "edit-doc":
			err = a.editEntry(s, false)
		case "letter":
			err = a.letter(s)
		}
		if err != nil {
			return err
		}
	}
}

// stepFacts asks the current step's fields, then what it still needs
// that no field asks.
func (a *accessible) stepFacts(s *session) error {
	if err := a.fields(s, stepFieldsFor(s.c, s.c.Step)); err != nil {
		return err
	}
	for _, m := range workflow.StepMissing(s.c, s.c.Step) {
		if paneFor(m.Field) == paneNone {
			continue
		}
		if err := a.fact(s, m.Field, m.Label); err != nil {
			return err
		}
	}
	return nil
}

// letter asks which letter, asks what it must have, reads it out with
// its gaps and notes, and offers to save it.
func (a *accessible) letter(s *session) error {
	var offers []letter.Offer
	if a.com.Letters != nil {
		offers = a.com.Letters.Offers(s.c, a.com.Now())
	}
	if len(offers) == 0 {
		a.say(lettersNone)
		return nil
	}
	items := make([]menuItem, len(offers))
	for i, o := range offers {
		items[i] = menuItem{value: string(o.Kind), label: o.Kind.Title() + ": " + o.Why}
	}
	v, err := a.menu(a11yWhichLetter, items, 1)
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
		a.say(a11yLetterMiss, strings.Join(labels, "; "))
		asked := map[string]bool{}
		for _, x := range m {
			if asked[x.Field] {
				continue
			}
			asked[x.Field] = true
			if err := a.fact(s, x.Field, x.Label); err != nil {
				return err
			}
		}
		if lt, err = a.com.Letters.Render(kind, s.c, a.com.Now()); err != nil {
			a.say("%s", err)
			return nil
		}
	}
	a.say(a11yLetterStart)
	a.say("%s", strings.TrimRight(workflow.Sanitize(lt.Text), "\n"))
	a.say(a11yLetterEnd)
	for _, g := range lt.Gaps {
		a.say(a11yLetterGap, g.Severity, g.Label)
	}
	if p := pendingEnclosures(kind, s.c); len(p) > 0 {
		a.say(letterNotReady, fmt.Sprintf(plural(len(p), letterEnclosureOne, letterEnclosureMany), strings.Join(p, ", ")))
	} else if lt.Ready {
		a.say(letterReady)
	}
	for _, w := range lt.Warnings {
		a.say("%s", w.Text)
	}
	for _, n := range lt.Notes {
		a.say("%s", n)
	}
	return a.saveLetter(s, kind, lt.Text)
}

// saveLetter saves the letter in the letters folder under a name never
// used, or where the person says; a file already there is replaced only
// after a yes.
func (a *accessible) saveLetter(s *session, kind letter.Kind, text string) error {
	proposed := filepath.Join(a.com.LetterDir, letterFileName(s.c, kind, a.com.today()))
	answer, err := a.ask(fmt.Sprintf(a11ySaveLetter, proposed))
	if err != nil {
		return err
	}
	path := safe(answer)
	switch path {
	case a11yClear:
		return nil
	case "":
		path = proposed
	}
	save := textWriter(text)
	msg, _ := save(path, false, path == proposed)().(exportedMsg)
	if errors.Is(msg.err, fs.ErrExist) {
		yes, err := a.ask(fmt.Sprintf(a11yReplace, msg.path))
		if err != nil {
			return err
		}
		if !strings.EqualFold(yes, "yes") && !strings.EqualFold(yes, "y") {
			return nil
		}
		msg, _ = save(msg.path, true, false)().(exportedMsg)
	}
	if msg.err != nil {
		a.say(exportFailed, msg.err)
		return nil
	}
	a.say(letterSavedTo, msg.path)
	return nil
}
