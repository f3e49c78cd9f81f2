package workflow

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// doneCase returns a medical-necessity case in which steps 1 to 6 are done
// and the level 1 appeal was upheld.
func doneCase() *Case {
	c := NewCase(t0, "Cigna")
	c.EOB.Date = NewDate(2026, 2, 20)
	c.EOB.Received = NewDate(2026, 2, 24)
	c.EOB.Reason = "Not medically necessary"
	c.EOB.Codes = []string{"CO-50"}
	c.Claim.Number = "E2026021000123"
	c.Claim.DateOfService = NewDate(2026, 2, 10)
	for _, it := range Checks(nil) {
		it.Of(&c.EOBErrors).Status = CheckOK
	}
	c.Denial.Category = CategoryMedicalNecessity
	c.Denial.Review = ReviewPostService
	c.Denial.Received = NewDate(2026, 2, 24)
	c.Denial.Policy.Number = "0507"
	c.Plan.Type, c.Plan.Funding = PlanEmployer, FundingSelf
	c.Calls = []Call{{At: t0, With: CallMemberServices, Rep: "Kendra", Reference: "CS-1"}}
	c.Documents = []Document{
		{Kind: DocEOB, Status: DocHave},
		{Kind: DocPhysicianLetter, Status: DocHave},
	}
	c.Appeals = []Appeal{{Level: Level1, Filed: NewDate(2026, 3, 2), Method: MethodPortal, Decision: DecisionUpheld,
		DecisionReceived: NewDate(2026, 4, 20)}}
	c.Step = StepEscalate
	return c
}

func missingFields(ms []Missing) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Field)
	}
	return out
}

func TestDoneCase(t *testing.T) {
	c := doneCase()
	for s := StepEOB; s < StepEscalate; s++ {
		if m := StepMissing(c, s); m != nil {
			t.Errorf("step %d of the complete case still needs %v", s, m)
		}
	}
	if StepDone(c, StepEscalate) {
		t.Error("step 7 is done while the case is open")
	}
}

func TestStepGuards(t *testing.T) {
	tests := []struct {
		name   string
		step   Step
		change func(c *Case)
		want   []string // the missing fields, in order; nil: done
	}{
		{"eob dates unknown", StepEOB, func(c *Case) { c.EOB.Date, c.EOB.Received = Date{}, Date{} }, []string{"eob.received"}},
		{"eob printed date is enough", StepEOB, func(c *Case) { c.EOB.Received = Date{} }, nil},
		{"eob received date is enough", StepEOB, func(c *Case) { c.EOB.Date = Date{} }, nil},
		{"no reason or code", StepEOB, func(c *Case) { c.EOB.Reason, c.EOB.Codes = " ", nil }, []string{"eob.reason"}},
		{"a code is enough", StepEOB, func(c *Case) { c.EOB.Reason = "" }, nil},
		{"reason is enough", StepEOB, func(c *Case) { c.EOB.Codes = nil }, nil},
		{"no claim number", StepEOB, func(c *Case) { c.Claim.Number = "" }, []string{"claim.number"}},
		{"no date of service", StepEOB, func(c *Case) { c.Claim.DateOfService = Date{} }, []string{"claim.date_of_service"}},
		{"checklist not done", StepEOB, func(c *Case) {
			c.EOBErrors.CPT.Status = CheckNotChecked
			c.EOBErrors.PriorAuth.Status = ""
		}, []string{"eob_errors.cpt.status", "eob_errors.prior_auth.status"}},
		{"an error found counts as checked", StepEOB, func(c *Case) { c.EOBErrors.Network.Status = CheckError }, nil},
		{"new case", StepEOB, func(c *Case) { *c = *NewCase(t0, "Cigna") }, []string{"eob.received", "eob.reason", "claim.number",
			"claim.date_of_service", "eob_errors.network.status", "eob_errors.cpt.status", "eob_errors.duplicate.status",
			"eob_errors.cost_share.status", "eob_errors.prior_auth.status"}},
		{"pre-service needs the denial letter, not the EOB", StepEOB, func(c *Case) {
			c.Denial.Review = ReviewPreService
			c.Denial.Received, c.EOB.Date, c.EOB.Received = Date{}, Date{}, Date{}
			c.Claim.Number = ""
			c.EOBErrors = EOBErrors{}
		}, []string{"denial.received"}},
		{"care still to come has no date of service yet", StepEOB, func(c *Case) {
			c.Denial.Review = ReviewPreService
			c.Claim.DateOfService, c.Claim.Number, c.EOB.Date, c.EOB.Received = Date{}, "", Date{}, Date{}
			c.EOBErrors = EOBErrors{}
		}, nil},
		{"ongoing care cut short needs the denial letter, not the EOB", StepEOB, func(c *Case) {
			c.Denial.Review = ReviewConcurrent
			c.Denial.Received, c.EOB.Date, c.EOB.Received, c.Claim.DateOfService = Date{}, Date{}, Date{}, Date{}
			c.EOBErrors = EOBErrors{}
		}, []string{"denial.received"}},
		{"urgent with a letter date", StepEOB, func(c *Case) {
			c.Denial.Review = ReviewUrgent
			c.Denial.Received, c.Denial.LetterDate = Date{}, NewDate(2026, 2, 23)
			c.Claim.Number = ""
		}, nil},

		{"no category", StepReason, func(c *Case) { c.Denial.Category = "" }, []string{"denial.category"}},
		{"no review", StepReason, func(c *Case) { c.Denial.Review = "" }, []string{"denial.review"}},
		{"no denial date at all", StepReason, func(c *Case) {
			c.Denial.Received, c.EOB.Date, c.EOB.Received = Date{}, Date{}, Date{}
		}, []string{"denial.received"}},
		{"the EOB date stands for the denial date", StepReason, func(c *Case) { c.Denial.Received = Date{} }, nil},
		{"no plan type", StepReason, func(c *Case) { c.Plan.Type = "" }, []string{"plan.type"}},
		{"'unknown' is an answer", StepReason, func(c *Case) { c.Plan.Type = PlanUnknownStated }, nil},
		{"medical necessity needs the policy", StepReason, func(c *Case) { c.Denial.Policy.Number = "" }, []string{"denial.policy.number"}},
		{"experimental needs the policy", StepReason, func(c *Case) {
			c.Denial.Category, c.Denial.Policy.Number = CategoryExperimental, ""
		}, []string{"denial.policy.number"}},
		{"a coding denial needs no policy", StepReason, func(c *Case) {
			c.Denial.Category, c.Denial.Policy.Number = CategoryCoding, ""
		}, nil},

		{"no call or message", StepCall, func(c *Case) { c.Calls = nil }, []string{"calls"}},
		{"an urgent appeal's call is the filing call", StepCall, func(c *Case) {
			c.Calls, c.Denial.Review = nil, ReviewUrgent
		}, nil},
		{"a secure message counts", StepCall, func(c *Case) {
			c.Calls = nil
			c.Messages = []SecureMessage{{Sent: NewDate(2026, 2, 25)}}
		}, nil},

		{"no EOB copy", StepGather, func(c *Case) { c.Documents = c.Documents[1:] }, []string{"documents"}},
		{"EOB only requested", StepGather, func(c *Case) { c.Documents[0].Status = DocRequested }, []string{"documents"}},
		{"denial letter instead of EOB", StepGather, func(c *Case) { c.Documents[0].Kind = DocDenialLetter }, nil},
		{"no physician letter", StepGather, func(c *Case) { c.Documents = c.Documents[:1] }, []string{"documents"}},
		{"physician letter needed", StepGather, func(c *Case) { c.Documents[1].Status = DocNeeded },
			[]string{"documents", "documents[1].status"}},
		{"physician letter requested is enough", StepGather, func(c *Case) { c.Documents[1].Status = DocRequested }, nil},
		{"a coding denial needs no physician letter", StepGather, func(c *Case) {
			c.Denial.Category = CategoryCoding
			c.Documents = c.Documents[:1]
		}, nil},
		{"a listed document not yet asked for", StepGather, func(c *Case) {
			c.Documents = append(c.Documents, Document{Kind: DocMedicalRecords, Description: "MRI report", Status: DocNeeded})
		}, []string{"documents[2].status"}},
		{"prior auth denial", StepGather, func(c *Case) { c.Denial.Category = CategoryPriorAuth },
			[]string{"denial.prior_auth.number", "documents"}},
		{"prior auth shown missing", StepGather, func(c *Case) {
			c.EOBErrors.PriorAuth.Status = CheckError
			c.Denial.PriorAuth.Number = "PA-1"
			c.Documents = append(c.Documents, Document{Kind: DocPriorAuthApproval, Status: DocRequested})
		}, nil},

		{"no appeal", StepFile, func(c *Case) { c.Appeals = nil }, []string{"appeals"}},
		{"only a level 2 appeal", StepFile, func(c *Case) { c.Appeals[0].Level = Level2 }, []string{"appeals"}},
		{"appeal without date or method", StepFile, func(c *Case) { c.Appeals[0].Filed, c.Appeals[0].Method = Date{}, "" },
			[]string{"appeals[0].filed", "appeals[0].method"}},
		{"certified mail needs tracking", StepFile, func(c *Case) { c.Appeals[0].Method = MethodCertifiedMail },
			[]string{"appeals[0].tracking"}},
		{"certified mail with tracking", StepFile, func(c *Case) {
			c.Appeals[0].Method, c.Appeals[0].Tracking = MethodCertifiedMail, "9407 1118 9876 5432 1012"
		}, nil},
		{"the latest level 1 appeal counts", StepFile, func(c *Case) {
			c.Appeals = append(c.Appeals, Appeal{Level: Level1})
		}, []string{"appeals[1].filed", "appeals[1].method"}},

		{"no appeal to track", StepTrack, func(c *Case) { c.Appeals = nil }, []string{"appeals"}},
		{"decision pending", StepTrack, func(c *Case) {
			c.Appeals[0].Decision, c.Appeals[0].DecisionReceived = DecisionPending, Date{}
		}, []string{"appeals[0].decision", "appeals[0].decision_received"}},
		{"decision without its date", StepTrack, func(c *Case) { c.Appeals[0].DecisionReceived = Date{} },
			[]string{"appeals[0].decision_received"}},
		{"the latest appeal is tracked", StepTrack, func(c *Case) {
			c.Appeals = append(c.Appeals, Appeal{Level: Level2, Filed: NewDate(2026, 5, 1), Decision: DecisionPending})
		}, []string{"appeals[1].decision", "appeals[1].decision_received"}},

		{"open case", StepEscalate, func(*Case) {}, []string{"status"}},
		{"resolved", StepEscalate, func(c *Case) { c.Status = StatusResolved }, nil},
		{"exhausted", StepEscalate, func(c *Case) { c.Status = StatusExhausted }, nil},
		{"closed", StepEscalate, func(c *Case) { c.Status = StatusClosed }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := doneCase()
			tt.change(c)
			got := StepMissing(c, tt.step)
			if !slices.Equal(missingFields(got), tt.want) {
				t.Errorf("step %d missing %v, want %v", tt.step, got, tt.want)
			}
			for _, m := range got {
				if m.Label == "" {
					t.Errorf("missing %s has no label", m.Field)
				}
			}
			if StepDone(c, tt.step) != (tt.want == nil) {
				t.Errorf("StepDone = %v with missing %v", !(tt.want == nil), tt.want)
			}
			checkPaths(t, c, got)
		})
	}
}

// pathRe splits a case-file path into keys and indexes.
var pathRe = regexp.MustCompile(`^([a-z_0-9]+)((?:\[\d+\])*)$`)

// checkPaths checks that each Missing field is a path of the case file:
// that the exported file of c has it.
func checkPaths(t *testing.T, c *Case, ms []Missing) {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var root any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if !hasPath(root, m.Field) {
			t.Errorf("%q is not a path of the case file", m.Field)
		}
	}
}

func hasPath(root any, path string) bool {
	node := root
	for _, part := range strings.Split(path, ".") {
		g := pathRe.FindStringSubmatch(part)
		if g == nil {
			return false
		}
		obj, ok := node.(map[string]any)
		if !ok {
			return false
		}
		if node, ok = obj[g[1]]; !ok {
			return false
		}
		for _, idx := range regexp.MustCompile(`\d+`).FindAllString(g[2], -1) {
			list, ok := node.([]any)
			i, _ := strconv.Atoi(idx)
			if !ok || i >= len(list) {
				return false
			}
			node = list[i]
		}
	}
	return true
}

func TestGoTo(t *testing.T) {
	c := NewCase(t0, "Cigna")
	if err := GoTo(c, StepReason); err == nil {
		t.Fatal("went forward from a new case")
	} else {
		var me *MissingError
		if !errors.As(err, &me) || me.Missing[0].Field != "eob.received" || len(me.Missing) != 9 {
			t.Errorf("error %v: want the 9 facts of step 1", err)
		}
		if !strings.HasPrefix(err.Error(), "cannot go to step 2 (find the denial reason and the coverage policy) yet: still needed: ") {
			t.Errorf("message %q", err)
		}
	}
	if c.Step != StepEOB {
		t.Errorf("a refused move changed the step to %d", c.Step)
	}

	c = doneCase()
	c.Step = StepEOB
	for s := StepReason; s <= StepEscalate; s++ {
		if err := GoTo(c, s); err != nil || c.Step != s {
			t.Fatalf("forward to %d: %v", s, err)
		}
	}
	for _, s := range []Step{StepCall, StepEOB, StepTrack} {
		if err := GoTo(c, s); err != nil || c.Step != s {
			t.Errorf("to %d: %v", s, err)
		}
	}

	// Forward over an unfinished step names that step's facts.
	c.Step = StepReason
	c.Calls = nil
	err := GoTo(c, StepFile)
	var me *MissingError
	if !errors.As(err, &me) || !slices.Equal(missingFields(me.Missing), []string{"calls"}) {
		t.Errorf("forward over step 3: %v", err)
	}
	if err := GoTo(c, StepCall); err != nil {
		t.Errorf("forward to the unfinished step itself: %v", err)
	}
	// Back is always allowed, even with everything missing.
	c = NewCase(t0, "Cigna")
	c.Step = StepTrack
	if err := GoTo(c, StepGather); err != nil || c.Step != StepGather {
		t.Errorf("back: %v", err)
	}
	for _, s := range []Step{0, 8, -1} {
		if err := GoTo(c, s); err == nil {
			t.Errorf("went to step %d", s)
		}
	}
}

func TestRecordDecision(t *testing.T) {
	tests := []struct {
		level      Level
		decision   Decision
		wantStatus Status
		wantStep   Step
	}{
		{Level1, DecisionPending, StatusOpen, StepTrack},
		{Level1, DecisionOverturned, StatusResolved, StepTrack},
		{Level1, DecisionPartlyOverturned, StatusOpen, StepEscalate},
		{Level1, DecisionUpheld, StatusOpen, StepEscalate},
		{Level2, DecisionPending, StatusOpen, StepEscalate},
		{Level2, DecisionOverturned, StatusResolved, StepTrack},
		{Level2, DecisionPartlyOverturned, StatusOpen, StepEscalate},
		{Level2, DecisionUpheld, StatusOpen, StepEscalate},
		{LevelExternal, DecisionPending, StatusOpen, StepEscalate},
		{LevelExternal, DecisionOverturned, StatusResolved, StepTrack},
		{LevelExternal, DecisionPartlyOverturned, StatusExhausted, StepEscalate},
		{LevelExternal, DecisionUpheld, StatusExhausted, StepEscalate},
	}
	for _, tt := range tests {
		t.Run(string(tt.level)+"-"+string(tt.decision), func(t *testing.T) {
			c := doneCase()
			c.Step = StepTrack
			c.Appeals[0].Decision = DecisionPending
			received := NewDate(2026, 5, 4)
			RecordDecision(c, tt.level, tt.decision, received)
			if c.Status != tt.wantStatus || c.Step != tt.wantStep {
				t.Errorf("status %q step %d, want %q %d", c.Status, c.Step, tt.wantStatus, tt.wantStep)
			}
			i := lastAppeal(c, tt.level)
			if i < 0 || c.Appeals[i].Decision != tt.decision || c.Appeals[i].DecisionReceived != received {
				t.Fatalf("appeal not recorded: %+v", c.Appeals)
			}
			if tt.level != Level1 && len(c.Appeals) != 2 {
				t.Errorf("a decision at a level with no appeal should add it: %+v", c.Appeals)
			}
			if (tt.wantStatus == StatusResolved) != (c.Resolution != "") {
				t.Errorf("resolution %q for status %q", c.Resolution, c.Status)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	c := doneCase()
	c.Step = StepCall
	Resolve(c, "Corrected EOB after the call")
	if c.Status != StatusResolved || c.Resolution != "Corrected EOB after the call" || !StepDone(c, StepEscalate) {
		t.Errorf("status %q resolution %q", c.Status, c.Resolution)
	}
	// An explicit resolution is kept when a decision comes in later.
	RecordDecision(c, Level1, DecisionOverturned, NewDate(2026, 5, 1))
	if c.Resolution != "Corrected EOB after the call" {
		t.Errorf("resolution overwritten: %q", c.Resolution)
	}
}

func TestSteps(t *testing.T) {
	steps := Steps(nil)
	if len(steps) != 7 {
		t.Fatalf("%d steps", len(steps))
	}
	for i, s := range steps {
		if s.Step != Step(i+1) || s.Step.Info(nil) != s || s.Title == "" || len(s.Why) < 40 || len(s.Do) < 80 {
			t.Errorf("step %d: %+v", i+1, s)
		}
		for _, text := range []string{s.Title, s.Why, s.Do} {
			if strings.ContainsAny(text, "\t\x1b") || strings.Contains(text, "  ") {
				t.Errorf("step %d text is not clean: %q", i+1, text)
			}
		}
		if _, ok := stepGuards()[s.Step]; !ok {
			t.Errorf("step %d has no guards", s.Step)
		}
	}
	steps[0].Title = "changed"
	if StepEOB.Title() == "changed" {
		t.Error("Steps exposes its table")
	}
	if got := Step(9).Info(nil); got.Title != "Step 9" || Step(9).Valid() {
		t.Errorf("invalid step info %+v", got)
	}
}

func TestCaseFilesStepsConsistent(t *testing.T) {
	// Every testdata case is at a step it could have reached: each step
	// before it is done (a resolved case may have stopped early).
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			c := loadCase(t, name)
			for s := StepEOB; s <= StepEscalate; s++ {
				checkPaths(t, c, StepMissing(c, s))
			}
			probe := *c
			probe.Step = StepEOB
			if err := GoTo(&probe, c.Step); err != nil {
				t.Errorf("case at step %d could not have got there: %v", c.Step, err)
			}
			if !reflect.DeepEqual(probe.Appeals, c.Appeals) {
				t.Error("GoTo changed the appeals")
			}
		})
	}
}

// TestPriorAuthAskedWhenSaidObtained: the authorization's number and
// approval are asked for only when they answer the denial: a claim denied
// for want of one, or one the EOB shows missing; never for a request
// refused before the care, nor for emergency care.
func TestPriorAuthAskedWhenSaidObtained(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Case)
		asked bool
	}{
		{"claim denied for want of it", func(c *Case) {}, true},
		{"request refused before the care", func(c *Case) { c.Denial.Review = ReviewPreService }, false},
		{"emergency care", func(c *Case) { c.Claim.Emergency = true }, false},
		{"the EOB shows it missing", func(c *Case) {
			c.Denial.Category = CategoryCoding
			c.EOBErrors.PriorAuth.Status = CheckError
		}, true},
	}
	for _, tt := range tests {
		c := NewCase(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), "Cigna")
		c.Denial.Category, c.Denial.Review = CategoryPriorAuth, ReviewPostService
		tt.edit(c)
		asked := slices.ContainsFunc(StepMissing(c, StepGather), func(m Missing) bool { return m.Field == "denial.prior_auth.number" })
		if asked != tt.asked {
			t.Errorf("%s: prior authorization number asked %v, want %v", tt.name, asked, tt.asked)
		}
	}
}
