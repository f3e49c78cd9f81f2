package casefile

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

func exampleCase(t *testing.T) *workflow.Case {
	t.Helper()
	data, err := os.ReadFile("../testdata/cases/medical-necessity-vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGetReadsWhatTheCaseFileWrites(t *testing.T) {
	c := exampleCase(t)
	for path, want := range map[string]string{
		"title":                              "Vitamin D test denied as not necessary",
		"claim.number":                       "E2026091400871",
		"claim.date_of_service":              "2026-09-14",
		"claim.billed":                       "186.00",
		"claim.procedures[0].code":           "82306",
		"claim.procedures[0].units":          "0",
		"claim.procedures[3].code":           "",
		"claim.diagnoses":                    "E55.9, K90.0",
		"eob.codes":                          "CO-50, N130",
		"plan.type":                          "employer",
		"plan.internal_levels":               "1",
		"claim.emergency":                    "false",
		"calls[0].at":                        "2026-11-04T10:15:00-06:00",
		"denial.policy.criteria[1].id":       "2",
		"patient.date_of_birth":              "",
		"appeals[0].filed":                   "",
		"cost_share.coinsurance_pct":         "20",
		"documents[2].kind":                  "eob",
		"denial.experimental.evidence":       "",
		"claim.provider.verified.date":       "",
		"representative.relationship":        "",
		"claim.facility.network":             "",
		"denial.prior_auth.number":           "",
		"eob_errors.cost_share.status":       "ok",
		"denial.policy.criteria[0].evidence": "Celiac disease (K90.0) diagnosed in 2024; gastroenterology note of 2026-08-30",
		"claim.procedures[0].allowed":        "0.00",
		"member.date_of_birth":               "1979-06-02",
		"messages[0].sent":                   "2026-11-04",
		"documents[0].sent_with":             "",
		"claim.procedures[0].modifiers":      "",
		"denial.appeals_fax":                 "",
		"copies.provider":                    "false",
		"physician.credentials":              "",
		"claim.provider.specialty":           "",
		"eob.reason":                         "The service is not medically necessary according to the terms of your plan.",
		"denial.behavioral_health":           "false",
		"status":                             "open",
		"step":                               "5",
		"plan.funding":                       "self-funded",
		"denial.review":                      "post-service",
		"claim.provider.verified.source":     "",
		"calls[0].with":                      "member-services",
		"member.name":                        "Dana Reyes",
		"denial.policy.number":               "0507",
		"cost_share.oop_met":                 "2210.40",
		"claim.procedures[0].description":    "",
		"appeals[2].decision_received":       "",
		"denial.experimental.definition":     "",
		"claim.member_owes":                  "186.00",
		"eob.received":                       "2026-11-02",
		"denial.received":                    "2026-11-02",
		"physician.name":                     "Dr. Adaeze Okafor",
		"claim.provider.npi":                 "1417932658",
		"denial.category":                    "medical-necessity",
		"eob_errors.network.details":         "",
		"denial.limit":                       "",
		"member.member_id":                   "U4829113702",
		"plan.state":                         "TX",
		"denial.reviewer":                    "insurer",
		"claim.provider.name":                "Barton Creek Family Medicine",
		"claim.provider.network":             "",
		"claim.symptoms":                     "",
		"claim.duplicate_of":                 "",
		"claim.facility.name":                "",
		"denial.external_review_address":     "",
		"denial.bh_level":                    "",
		"denial.letter_date":                 "2026-10-28",
		"member.address":                     "418 Alder Street\nAustin, TX 78704",
		"eob.date":                           "2026-10-28",
		"eob.file":                           "eob-2026-10-28.pdf",
		"cost_share.network":                 "in",
		"denial.policy.title":                "Vitamin D Testing",
		"documents[0].status":                "have",
		"calls[0].rep":                       "Kendra",
		"denial.prior_auth.approved":         "",
		"claim.plan_paid":                    "0.00",
		"claim.allowed":                      "0.00",
		"denial.appeals_address":             "",
		"denial.appeals_phone":               "",
		"plan.employer":                      "Hill Country Credit Union",
		"plan.administrator":                 "",
		"copies.employer":                    "false",
		"physician.address":                  "Barton Creek Family Medicine\n3410 Bee Cave Road\nAustin, TX 78746",
		"representative.name":                "",
		"patient.name":                       "",
		"patient.relationship":               "",
		"member.phone":                       "512-555-0143",
		"member.email":                       "dana.reyes@example.com",
		"member.group_number":                "3340917",
		"cost_share.deductible":              "1500.00",
		"cost_share.deductible_met":          "1500.00",
		"cost_share.copay":                   "30.00",
		"cost_share.oop_max":                 "4500.00",
		"eob_errors.prior_auth.status":       "ok",
		"denial.policy.criteria[0].id":       "1",
		"denial.policy.criteria[0].text":     "Testing is covered for an individual with a condition associated with vitamin D deficiency or malabsorption",
		"claim.procedures[0].billed":         "186.00",
		"messages[0].reference":              "SM-77340012",
		"calls[0].reference":                 "CS-2211-48130",
		"documents[1].description":           "Gastroenterology note of 2026-08-30 and lab results",
		"documents[1].file":                  "gi-note.pdf",
		"claim.provider.address":             "",
		"claim.provider.verified.reference":  "",
		"representative.address":             "",
		"eob_errors.duplicate.status":        "ok",
		"eob_errors.cpt.status":              "ok",
	} {
		got, err := Get(c, path)
		if err != nil || got != want {
			t.Errorf("Get(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
}

func TestGetRefusesWhatIsNoValue(t *testing.T) {
	c := exampleCase(t)
	for _, path := range []string{"", "claim", "claim.procedures", "claim.procedures[0]", "nope", "claim.nope",
		"title[0]", "calls[x].at", "calls[-1].at", "calls[1000].at", "calls[0]at", "denial.notice", "eob..date", "claim.billed.x"} {
		if _, err := Get(c, path); err == nil {
			t.Errorf("Get(%q) gave no error", path)
		}
		if err := Check(path); err == nil {
			t.Errorf("Check(%q) gave no error", path)
		}
	}
}

func TestSetWritesTheTypedCase(t *testing.T) {
	c := exampleCase(t)
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		path string
		v    any
		want string
	}{
		{"title", "Knee MRI", "Knee MRI"},
		{"denial.category", "experimental", "experimental"},
		{"claim.diagnoses", []string{"I63.9", "R47.01"}, "I63.9, R47.01"},
		{"eob.codes", []string{"CO-197"}, "CO-197"},
		{"claim.procedures[2].units", 12, "12"},
		{"claim.billed", workflow.Cents(12345), "123.45"},
		{"patient.date_of_birth", workflow.NewDate(2011, 3, 4), "2011-03-04"},
		{"appeals[0].filed", workflow.NewDate(2026, 11, 21), "2026-11-21"},
		{"calls[1].at", at, "2026-11-20T09:30:00Z"},
		{"claim.emergency", true, "true"},
		{"claim.billed", nil, ""},
		{"claim.diagnoses", nil, ""},
	} {
		if err := Set(c, tc.path, tc.v); err != nil {
			t.Fatalf("Set(%s, %v): %v", tc.path, tc.v, err)
		}
		if got, _ := Get(c, tc.path); got != tc.want {
			t.Errorf("after Set(%s, %v), Get = %q, want %q", tc.path, tc.v, got, tc.want)
		}
	}
	if len(c.Claim.Procedures) != 3 || c.Claim.Procedures[0].Code != "82306" {
		t.Errorf("the procedures were not grown to three, keeping the first: %+v", c.Claim.Procedures)
	}
	if len(c.Appeals) != 1 || len(c.Calls) != 2 {
		t.Errorf("appeals %d, calls %d; want 1 and 2", len(c.Appeals), len(c.Calls))
	}
}

func TestSetRefusesAndChangesNothing(t *testing.T) {
	c := exampleCase(t)
	before := Clone(c)
	for _, tc := range []struct {
		path string
		v    any
	}{
		{"claim.billed", "12.00"},
		{"claim.procedures[5].units", "twelve"},
		{"calls[7].at", workflow.NewDate(2026, 1, 1)},
		{"claim", "x"},
		{"claim.nope", "x"},
		{"appeals[1000].filed", workflow.NewDate(2026, 1, 1)},
		{"claim.emergency", 1},
	} {
		err := Set(c, tc.path, tc.v)
		if err == nil {
			t.Errorf("Set(%s, %#v) gave no error", tc.path, tc.v)
		} else if strings.Contains(err.Error(), "reflect") {
			t.Errorf("Set(%s): the error speaks of Go: %v", tc.path, err)
		}
	}
	if !reflect.DeepEqual(c, before) {
		t.Error("a refused Set changed the case")
	}
}

func TestCloneSharesNothing(t *testing.T) {
	c := exampleCase(t)
	cp := Clone(c)
	if !reflect.DeepEqual(c, cp) {
		t.Fatal("the clone differs")
	}
	cp.Calls[0].Rep = "changed"
	cp.Claim.Diagnoses[0] = "X"
	cp.Denial.Notice["reason"] = false
	cp.Claim.Procedures[0].Modifiers = append(cp.Claim.Procedures[0].Modifiers, "59")
	if c.Calls[0].Rep != "Kendra" || c.Claim.Diagnoses[0] != "E55.9" || !c.Denial.Notice["reason"] ||
		len(c.Claim.Procedures[0].Modifiers) != 0 {
		t.Error("changing the clone changed the case")
	}
}
