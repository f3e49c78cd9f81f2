package deadlineoracle_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/internal/casegen"
	"github.com/overturn/overturn/internal/deadlineoracle"
	"github.com/overturn/overturn/workflow"
)

// The comparison runs the real program on generated cases at two times:
// now, and a later time of another day and hour, which must change no
// date.
const generated = 3000

var (
	now   = time.Date(2028, time.March, 20, 15, 0, 0, 0, time.UTC)
	later = time.Date(2028, time.May, 9, 4, 30, 0, 0, time.UTC)
)

// item is one deadline of `overturn deadlines --json` (README, "JSON
// output").
type item struct {
	CaseID  uint64 `json:"case_id"`
	Kind    string `json:"kind"`
	Level   string `json:"level"`
	Due     string `json:"due"`
	DueTime string `json:"due_time"`
	Target  string `json:"target"`
	Note    string `json:"note"`
}

// TestEngineAgainstOracle imports thousands of generated cases into the
// real program and compares `overturn deadlines --json` with the oracle,
// case by case: no date later than the legal last day, no running deadline
// missing, every other difference said in the deadline's note; and no
// date that moves when only today does.
func TestEngineAgainstOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs it on thousands of cases")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "overturn")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/overturn/overturn/cmd/overturn").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var input bytes.Buffer
	cases := make([]*workflow.Case, generated)
	for i := range cases {
		data, err := casefile.Marshal(casegen.DeadlineCase(i, 1, now))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		// The oracle reads the case as the program will: parsed from its
		// file, with the defaults an unknown value takes.
		if cases[i], err = casefile.Parse(data); err != nil {
			t.Fatalf("case %d does not parse: %v", i, err)
		}
		input.Write(data)
	}
	db := filepath.Join(dir, "cases.db")
	ids := strings.Fields(string(run(t, bin, dir, now, &input, "--db", db, "import", "-")))
	if len(ids) != generated {
		t.Fatalf("import printed %d ids for %d cases", len(ids), generated)
	}
	index := map[uint64]int{}
	for i, s := range ids {
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("import printed %q, not an id", s)
		}
		index[id] = i
	}
	atNow := deadlines(t, bin, dir, db, now, index)
	atLater := deadlines(t, bin, dir, db, later, index)

	t.Run("dates", func(t *testing.T) {
		var problems []problem
		counts := map[string]int{}
		for i, c := range cases {
			for _, d := range deadlineoracle.Deadlines(c) {
				counts[string(d.Kind)+" "+string(d.Level)]++
			}
			problems = append(problems, compare(i, c, atNow[i])...)
		}
		t.Logf("the oracle found %v in %d cases; the program listed %d deadlines", counts, generated, total(atNow))
		report(t, problems)
	})
	t.Run("today", func(t *testing.T) {
		var problems []problem
		for i, c := range cases {
			problems = append(problems, unmoved(i, c, atNow[i], atLater[i])...)
		}
		report(t, problems)
	})
}

// run runs the program with args in a clean home at the given time, and
// returns its standard output.
func run(t *testing.T, bin, dir string, at time.Time, stdin *bytes.Buffer, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "PATH=" + os.Getenv("PATH"),
		"OVERTURN_NOW=" + at.Format(time.RFC3339), "TZ=UTC"}
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("overturn %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// deadlines returns the program's deadlines at the given time, by the
// index of their case.
func deadlines(t *testing.T, bin, dir, db string, at time.Time, index map[uint64]int) map[int][]item {
	t.Helper()
	var items []item
	if err := json.Unmarshal(run(t, bin, dir, at, nil, "--db", db, "deadlines", "--json"), &items); err != nil {
		t.Fatalf("overturn deadlines --json: %v", err)
	}
	byCase := map[int][]item{}
	for _, it := range items {
		i, ok := index[it.CaseID]
		if !ok {
			t.Fatalf("a deadline of case %d, which was not imported", it.CaseID)
		}
		byCase[i] = append(byCase[i], it)
	}
	return byCase
}

// total counts the deadlines of every case.
func total(byCase map[int][]item) int {
	n := 0
	for _, items := range byCase {
		n += len(items)
	}
	return n
}

// problem is one difference the test does not accept.
type problem struct {
	what  string // the kind of problem, for the tally
	index int
	c     *workflow.Case
	want  *deadlineoracle.Deadline
	got   *item
	extra string
}

// group is what the tally counts: the problem, the deadline, and the
// case's status when it is not open.
func (p problem) group() string {
	g := p.what
	switch {
	case p.want != nil:
		g += ": " + string(p.want.Kind) + " " + string(p.want.Level)
	case p.got != nil:
		g += ": " + p.got.Kind + " " + p.got.Level
	}
	if p.c.Status != workflow.StatusOpen {
		g += ", case " + string(p.c.Status)
	}
	return g
}

func (p problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "case %d (%q): %s", p.index, p.c.Title, p.what)
	if p.extra != "" {
		fmt.Fprintf(&b, ": %s", p.extra)
	}
	fmt.Fprintf(&b, "\n  facts:   %s", facts(p.c))
	if p.want != nil {
		fmt.Fprintf(&b, "\n  rules:   %s", describe(*p.want))
	}
	if p.got != nil {
		fmt.Fprintf(&b, "\n  program: %s %s due %s", p.got.Kind, p.got.Level, p.got.Due)
		if p.got.DueTime != "" {
			fmt.Fprintf(&b, " (%s)", p.got.DueTime)
		}
		if p.got.Target != "" {
			fmt.Fprintf(&b, ", target %s", p.got.Target)
		}
		fmt.Fprintf(&b, "\n  note:    %s", p.got.Note)
	}
	return b.String()
}

// report fails t with a tally of the problems and the first few in full.
func report(t *testing.T, problems []problem) {
	t.Helper()
	if len(problems) == 0 {
		return
	}
	tally := map[string]int{}
	var groups []string
	for _, p := range problems {
		if tally[p.group()] == 0 {
			groups = append(groups, p.group())
		}
		tally[p.group()]++
	}
	slices.Sort(groups)
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems in %d cases:\n", len(problems), generated)
	for _, g := range groups {
		fmt.Fprintf(&b, "  %4d  %s\n", tally[g], g)
	}
	// The first two problems of each group, in full.
	shown := map[string]int{}
	for _, p := range problems {
		if shown[p.group()] < 2 {
			shown[p.group()]++
			fmt.Fprintf(&b, "\n%s\n", p)
		}
	}
	t.Error(b.String())
}

// facts summarizes what a case's deadlines depend on.
func facts(c *workflow.Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "plan %s, %d levels, review %s, status %s; EOB printed %s received %s; letter printed %s received %s",
		or(string(c.Plan.Type)), c.Plan.InternalLevels, or(string(c.Denial.Review)), c.Status,
		or(c.EOB.Date.String()), or(c.EOB.Received.String()), or(c.Denial.LetterDate.String()), or(c.Denial.Received.String()))
	for _, a := range c.Appeals {
		fmt.Fprintf(&b, "; appeal %s filed %s received %s %s", a.Level, or(a.Filed.String()), or(a.Received.String()), a.Decision)
		if a.Decision != workflow.DecisionPending {
			fmt.Fprintf(&b, " printed %s received %s", or(a.DecisionDate.String()), or(a.DecisionReceived.String()))
		}
		if !a.AppealBy.IsZero() {
			fmt.Fprintf(&b, " appeal by %s", a.AppealBy)
		}
	}
	return b.String()
}

// or returns s, or "?" for a fact not known.
func or(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// describe says the oracle's deadline in one line.
func describe(d deadlineoracle.Deadline) string {
	s := fmt.Sprintf("%s %s last day %s", d.Kind, d.Level, d.Last)
	if !d.End.IsZero() {
		s += fmt.Sprintf(" (ends %s)", d.End.Format(time.RFC3339))
	}
	if d.FileBy != d.Last {
		s += fmt.Sprintf(", file by %s", d.FileBy)
	}
	for _, tg := range d.Targets {
		s += fmt.Sprintf(", target %s from %s", tg.Day, tg.Printed)
	}
	s += fmt.Sprintf(", counted from %s (%s)", d.From, d.Source)
	if len(d.Reasons) > 0 {
		s += fmt.Sprintf(", read: %v", d.Reasons)
	}
	return s
}

// says lists what a note must say when the oracle read a fact a certain
// way: the rules ask for it ("when only the sending date is known, say
// so"; an observed holiday: "give the earlier date and say why"), or the
// date is not the plain one (counted from a printed date, or with the
// shorter time because the levels or the kind of review are not known).
var says = map[deadlineoracle.Reason]*regexp.Regexp{
	deadlineoracle.ReceiptUnknown:  regexp.MustCompile(`printed`),
	deadlineoracle.DecisionUnknown: regexp.MustCompile(`not (entered|known)|unknown`),
	deadlineoracle.SentOnly:        regexp.MustCompile(`\bsent\b`),
	deadlineoracle.LevelsUnknown:   regexp.MustCompile(`\b(one|two) levels?\b`),
	deadlineoracle.ReviewUnknown:   regexp.MustCompile(`pre-service`),
	deadlineoracle.ObservedDay:     regexp.MustCompile(`observed|in place of`),
}

// compare checks the program's deadlines of case c against the oracle's.
func compare(i int, c *workflow.Case, got []item) []problem {
	var problems []problem
	add := func(what string, want *deadlineoracle.Deadline, it *item, extra string) {
		problems = append(problems, problem{what: what, index: i, c: c, want: want, got: it, extra: extra})
	}
	used := make([]bool, len(got))
	for _, want := range deadlineoracle.Deadlines(c) {
		k := slices.IndexFunc(got, func(it item) bool {
			return it.Kind == string(want.Kind) && it.Level == string(want.Level)
		})
		if k < 0 {
			if want.Running(now) {
				add("a running deadline is missing", &want, nil, "")
			}
			continue
		}
		if !deadlineoracle.Listed(c, want, now) {
			add("a deadline listed after the case was done with it", &want, &got[k], "")
		}
		used[k] = true
		it := &got[k]
		for _, f := range check(want, it) {
			add(f.what, &want, it, f.extra)
		}
	}
	for k := range got {
		switch {
		case used[k]:
		case got[k].Kind == "peer-to-peer":
			add("peer-to-peer is a dated deadline", nil, &got[k], "the rules make it an action, never a dated deadline")
		default:
			add("a deadline the rules do not set", nil, &got[k], "")
		}
	}
	return problems
}

// finding is a problem with one deadline, and its details.
type finding struct{ what, extra string }

// check compares one deadline.
func check(want deadlineoracle.Deadline, it *item) []finding {
	var fs []finding
	due, err := workflow.ParseDate(it.Due)
	if err != nil {
		return []finding{{"a due date is not a date", err.Error()}}
	}
	switch {
	case !want.End.IsZero():
		end, err := time.Parse(time.RFC3339, it.DueTime)
		switch {
		case err != nil:
			fs = append(fs, finding{"a deadline counted in hours has no due_time", fmt.Sprintf("due_time %q", it.DueTime)})
		case end.After(want.End):
			fs = append(fs, finding{"later than the legal end", fmt.Sprintf("%s is after %s", it.DueTime, want.End.Format(time.RFC3339))})
		case !end.Equal(want.End):
			fs = append(fs, finding{"earlier than the legal end, and the note does not say why", ""})
		case due != want.Last:
			fs = append(fs, finding{"the due date is not the day the hours end", ""})
		}
	case due.After(want.Last):
		fs = append(fs, finding{"later than the legal last day", fmt.Sprintf("%s is after %s", due, want.Last)})
	case due == want.Last:
	case due == want.FileBy:
		// "A last day on a Saturday means file by Friday": said when the
		// note names the last day the count reached.
		if !strings.Contains(it.Note, want.Last.Long()) {
			fs = append(fs, finding{"moved before a weekend or holiday, and the note does not say so", ""})
		}
	default:
		fs = append(fs, finding{"earlier than the legal last day, and the note does not say why", fmt.Sprintf("%s is before %s", due, want.Last)})
	}
	for _, r := range want.Reasons {
		if !says[r].MatchString(it.Note) {
			fs = append(fs, finding{fmt.Sprintf("the note does not say how it read a fact not known (%s)", r), fmt.Sprintf("it should match %q", says[r])})
		}
	}
	if what, extra := checkTarget(want, it, due); what != "" {
		fs = append(fs, finding{what, extra})
	}
	return fs
}

// checkTarget checks the internal appeal's safe target: 180 days from the
// date printed on a notice (the earliest such date, or that of the notice
// the note names), on a weekend or holiday moved before it only when the
// note says so. A target equal to the due date may be left out: the due
// date's own note then explains its count.
func checkTarget(want deadlineoracle.Deadline, it *item, due workflow.Date) (string, string) {
	if len(want.Targets) == 0 {
		if it.Target != "" {
			return "a target the rules do not set", ""
		}
		return "", ""
	}
	target := due
	if it.Target != "" {
		var err error
		if target, err = workflow.ParseDate(it.Target); err != nil {
			return "a target is not a date", err.Error()
		}
	}
	for k, tg := range want.Targets {
		// A later notice's printed date only when the note names it.
		if k > 0 && !strings.Contains(it.Note, tg.Printed.Long()) {
			continue
		}
		switch {
		case target == tg.Day:
			return "", ""
		case target == tg.FileBy && tg.FileBy != tg.Day:
			if it.Target != "" && !strings.Contains(it.Note, tg.Day.Long()) {
				return "a target moved before a weekend or holiday, and the note does not say so",
					fmt.Sprintf("target %s; 180 days from %s is %s, %s", target, tg.Printed, tg.Day, tg.Day.Weekday())
			}
			return "", ""
		}
	}
	if it.Target == "" {
		return "no safe target", fmt.Sprintf("want %s", want.Targets[0].Day)
	}
	return "the target is not 180 days from a printed date the note names", fmt.Sprintf("target %s, want %s", target, want.Targets[0].Day)
}

// unmoved checks that no date of a case changes from now to later.
func unmoved(i int, c *workflow.Case, before, after []item) []problem {
	var problems []problem
	key := func(it item) string { return it.Kind + "/" + it.Level }
	dates := func(it item) string { return it.Due + " " + it.DueTime + " " + it.Target }
	was := map[string]item{}
	for _, it := range before {
		was[key(it)] = it
	}
	for _, it := range after {
		b, ok := was[key(it)]
		switch {
		case !ok:
			problems = append(problems, problem{what: "a deadline appears when only today changes", index: i, c: c, got: &it})
		case dates(b) != dates(it):
			problems = append(problems, problem{what: "a date changes when only today changes", index: i, c: c, got: &it,
				extra: fmt.Sprintf("at %s: %s; at %s: %s", now.Format(time.RFC3339), dates(b), later.Format(time.RFC3339), dates(it))})
		}
		delete(was, key(it))
	}
	for _, it := range before {
		if _, ok := was[key(it)]; ok && !leftTheList(c, it) {
			problems = append(problems, problem{what: "a deadline disappears when only today changes", index: i, c: c, got: &it})
		}
	}
	return problems
}

// leftTheList reports whether the rules take deadline it of c out of the
// list of every case's deadlines between now and later: a case no longer
// open whose deadline passed.
func leftTheList(c *workflow.Case, it item) bool {
	for _, d := range deadlineoracle.Deadlines(c) {
		if string(d.Kind) == it.Kind && string(d.Level) == it.Level {
			return deadlineoracle.Listed(c, d, now) && !deadlineoracle.Listed(c, d, later)
		}
	}
	return false
}
