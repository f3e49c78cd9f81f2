package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/overturn/overturn/calendar"
	"github.com/overturn/overturn/internal/suggest"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

func newCmd() *command {
	return &command{
		name:  "new",
		short: "Start a new case in the wizard",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			accessible := fs.Bool("accessible", false, accessibleUsage)
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("new", args); err != nil {
					return err
				}
				a.accessible = a.accessible || *accessible
				return a.wizard(ctx, wizardStart{newCase: true})
			}
		},
	}
}

func openCmd() *command {
	return &command{
		name:  "open",
		args:  "ID",
		short: "Open a case in the wizard",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			accessible := fs.Bool("accessible", false, accessibleUsage)
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("open", args, "ID"); err != nil {
					return err
				}
				a.accessible = a.accessible || *accessible
				id, err := parseID("open", args[0])
				if err != nil {
					return err
				}
				return a.wizard(ctx, wizardStart{openID: id})
			}
		},
	}
}

var statuses = []string{"open", "resolved", "exhausted", "closed", "all"}

// listOrders are the orders of the list: the newest first, the soonest
// deadline first, by title.
var listOrders = []string{"updated", "deadline", "title"}

func listCmd() *command {
	return &command{
		name:  "list",
		short: "List cases: id, title, step, status, next deadline",
		long: "One line per case, newest first (or by next deadline, or by title, with --sort): the id, " +
			"the title, the step, the status and the next deadline. With --json, an array of objects (see the README).",
		example: "overturn list\noverturn list --sort deadline\noverturn list --status open --json",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			status := fs.String("status", "all", "only cases with this `STATUS`: open, resolved, exhausted, closed or all")
			order := fs.String("sort", "updated", "the `ORDER` of the list: updated (newest first), deadline (soonest first, none last) or title")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("list", args); err != nil {
					return err
				}
				if !slices.Contains(statuses, *status) {
					return usagef("list", "--status %q is not a status; use one of open, resolved, exhausted, closed, all", workflow.SanitizeLine(*status))
				}
				if !slices.Contains(listOrders, *order) {
					if near := suggest.Closest(*order, listOrders); near != "" {
						return usagef("list", "--sort %q is not an order; did you mean %s? Use one of %s", workflow.SanitizeLine(*order), near, strings.Join(listOrders, ", "))
					}
					return usagef("list", "--sort %q is not an order; use one of %s", workflow.SanitizeLine(*order), strings.Join(listOrders, ", "))
				}
				now, err := a.now()
				if err != nil {
					return err
				}
				q := store.ListQuery{}
				if *status != "all" {
					q.Status = workflow.Status(*status)
				}
				s, err := a.openExisting(func() time.Time { return now })
				if err != nil {
					return err
				}
				var walk walker
				if s != nil {
					defer s.Close()
					walk = func(fn func(store.Summary) error) error { return s.Walk(q, fn) }
					if *order != "updated" {
						if walk, err = sortedWalk(s, q, *order); err != nil {
							return err
						}
					}
				}
				if *asJSON {
					return writeListJSON(a.stdout, walk, now)
				}
				n, err := writeListText(a.stdout, walk, now)
				if err == nil && n == 0 {
					fmt.Fprintln(a.stderr, "No cases. Run 'overturn new' to start one.")
				}
				return err
			}
		},
	}
}

// walker calls fn with each summary of a list, in its order.
type walker func(fn func(store.Summary) error) error

// sortedWalk reads the summaries q selects and walks them by order:
// "deadline", the soonest next deadline first and cases without one
// last, newest first; or "title", alphabetically, whatever the case of
// the letters.
func sortedWalk(s *store.Store, q store.ListQuery, order string) (walker, error) {
	sums, err := s.List(q)
	if err != nil {
		return nil, err
	}
	switch order {
	case "deadline":
		slices.SortStableFunc(sums, func(x, y store.Summary) int {
			dx, dy := x.NextDeadline, y.NextDeadline
			switch {
			case dx == nil && dy == nil:
				return 0
			case dx == nil:
				return 1
			case dy == nil:
				return -1
			}
			return compareDeadlines(workflow.Deadline{Due: dx.Due, DueTime: dx.DueTime}, workflow.Deadline{Due: dy.Due, DueTime: dy.DueTime})
		})
	case "title":
		slices.SortStableFunc(sums, func(x, y store.Summary) int {
			return cmp.Compare(strings.ToLower(x.Title), strings.ToLower(y.Title))
		})
	}
	return func(fn func(store.Summary) error) error {
		for _, sum := range sums {
			if err := fn(sum); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func showCmd() *command {
	return &command{
		name:    "show",
		args:    "ID",
		short:   "Show a case: facts, EOB checklist, deadlines, next actions",
		example: "overturn show 3\noverturn show 3 --json",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, a *app, args []string) error {
				id, c, now, err := a.caseArg("show", args)
				if err != nil {
					return err
				}
				if *asJSON {
					eng, err := loadEngine()
					if err != nil {
						return err
					}
					v, err := newShowJSON(id, c, eng.ref, now)
					if err != nil {
						return err
					}
					return a.writeJSON(v)
				}
				eng, err := loadEngine()
				if err != nil {
					return err
				}
				return writeShow(a.stdout, id, c, eng.ref, now)
			}
		},
	}
}

func deadlinesCmd() *command {
	return &command{
		name:  "deadlines",
		short: "List every open deadline across cases, most urgent first",
		long: "Every deadline of every open case, overdue ones too, and the external review deadline of a case " +
			"closed, resolved or exhausted up to its date: the most urgent first, with the rule it comes from. " +
			"With --ics (or -o FILE.ics), a calendar file (iCalendar) for your calendar program: one event per " +
			"deadline, with reminders a week and a day before; importing a newer one updates the events.",
		example: "overturn deadlines\noverturn deadlines --within 14 --json\noverturn deadlines --ics -o appeals.ics",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			asICS := fs.Bool("ics", false, "write a calendar (iCalendar, .ics) instead")
			within := fs.String("within", "", "only deadlines due within `DAYS` days (overdue ones included)")
			out := outputFlag(fs)
			force := fs.Bool("force", false, "replace FILE if it exists")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("deadlines", args); err != nil {
					return err
				}
				ics := *asICS || strings.EqualFold(filepath.Ext(*out), ".ics")
				if ics && *asJSON {
					return usagef("deadlines", "--json and --ics are two formats: choose one")
				}
				limit := -1
				if *within != "" {
					n, err := strconv.Atoi(*within)
					if err != nil || n < 0 {
						return usagef("deadlines", "--within %q is not a number of days: write a whole number such as 14", *within)
					}
					limit = n
				}
				now, err := a.now()
				if err != nil {
					return err
				}
				s, err := a.openExisting(func() time.Time { return now })
				if err != nil {
					return err
				}
				items := []deadlineItem{}
				if s != nil {
					defer s.Close()
					if items, err = openDeadlines(ctx, s, now); err != nil {
						return err
					}
				}
				if limit >= 0 {
					items = slices.DeleteFunc(items, func(d deadlineItem) bool { return d.DaysLeft > limit })
				}
				var b bytes.Buffer
				switch {
				case ics:
					events := make([]calendar.Event, len(items))
					for i, d := range items {
						// Items come only from a case file: s is there.
						events[i] = calendar.Event{File: s.FileID(), CaseID: d.CaseID, CaseTitle: d.CaseTitle, Deadline: d.deadline}
					}
					if err := calendar.Write(&b, events, now); err != nil {
						return err
					}
				case *asJSON:
					enc := json.NewEncoder(&b)
					enc.SetIndent("", "  ")
					if err := enc.Encode(items); err != nil {
						return err
					}
				default:
					tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
					for _, d := range items {
						title := workflow.SanitizeLine(d.Title)
						if d.dueTime != "" {
							title += " (by " + d.dueTime + ")"
						}
						fmt.Fprintf(tw, "%s\t%s\t%s\tcase %d\t%s\n", d.Due, daysPhrase(d.DaysLeft), d.State, d.CaseID, title)
					}
					tw.Flush()
				}
				if len(items) == 0 && !*asJSON {
					fmt.Fprintln(a.stderr, "No open deadlines.")
					if !ics {
						return nil
					}
				}
				return a.output(*out, b.Bytes(), *force)
			}
		},
	}
}

// openDeadlines returns the running deadlines of every case, most urgent
// first: an open case's, and the external review deadline that still runs
// for a case marked exhausted, closed or resolved (a partly overturned
// decision leaves the rest of the claim to review), until its date (see
// workflow.Watched). Deadlines due alike come in the order of the case
// list, then in each case's own order. The cases are read and worked out
// on every CPU: at 100,000 cases that is most of the time the command
// takes.
func openDeadlines(ctx context.Context, s *store.Store, now time.Time) ([]deadlineItem, error) {
	sums, err := s.List(store.ListQuery{})
	if err != nil {
		return nil, err
	}
	type entry struct {
		d       workflow.Deadline
		id      uint64
		t       string
		at, nth int // the case's place in sums, the deadline's in the case
	}
	found := make([][]entry, len(sums))
	errs := make([]error, len(sums))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(sums); i = int(next.Add(1) - 1) {
				if ctx.Err() != nil {
					errs[i] = errInterrupted
					return
				}
				c, err := s.Get(sums[i].ID)
				if err != nil {
					errs[i] = fmt.Errorf("case %d: %w", sums[i].ID, err)
					return
				}
				// The case's texts share one buffer, its whole case file:
				// kept, the title would keep all of it, for every case.
				title := strings.Clone(c.Title)
				for k, d := range workflow.Deadlines(c, now) {
					if workflow.Watched(c.Status, d) {
						found[i] = append(found[i], entry{d, sums[i].ID, title, i, k})
					}
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var all []entry
	for _, es := range found {
		all = append(all, es...)
	}
	slices.SortFunc(all, func(x, y entry) int {
		return cmp.Or(compareDeadlines(x.d, y.d), cmp.Compare(x.at, y.at), cmp.Compare(x.nth, y.nth))
	})
	items := make([]deadlineItem, 0, len(all))
	for _, e := range all {
		items = append(items, newDeadlineItem(e.id, e.t, e.d))
	}
	return items, nil
}

// compareDeadlines orders by due date, then by due time (a deadline
// counted in hours comes before one that lasts the whole day).
func compareDeadlines(x, y workflow.Deadline) int {
	switch {
	case x.Due.Before(y.Due):
		return -1
	case x.Due.After(y.Due):
		return 1
	}
	xt, yt := x.DueTime, y.DueTime
	switch {
	case xt.IsZero() && yt.IsZero():
		return 0
	case xt.IsZero():
		return 1
	case yt.IsZero():
		return -1
	}
	return xt.Compare(yt)
}

// daysPhrase says how far away a deadline is.
func daysPhrase(n int) string {
	switch {
	case n < -1:
		return fmt.Sprintf("%d days overdue", -n)
	case n == -1:
		return "1 day overdue"
	case n == 0:
		return "due today"
	case n == 1:
		return "in 1 day"
	}
	return fmt.Sprintf("in %d days", n)
}
