package casefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/overturn/overturn/workflow"
)

func caseFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.json"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 case files in testdata/cases, got %d (%v)", len(files), err)
	}
	return files
}

func TestCaseFilesRoundTrip(t *testing.T) {
	for _, f := range caseFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, data) {
				t.Errorf("exported file differs from testdata (the testdata must be canonical):\n%s", out)
			}
		})
	}
}

func TestParseCaseFileErrors(t *testing.T) {
	const f = `"format": "overturn-case/1"`
	many := strings.Repeat(`"J30.2",`, MaxListItems) + `"J30.2"`
	long := strings.Repeat("a", MaxTextBytes+1)
	tests := []struct {
		name, in, path, reason string
	}{
		{"typo", `{` + f + `, "claim": {"bileld": "1.00"}}`, "claim.bileld", `unknown field "bileld": did you mean "billed"?`},
		{"unknown far from any key", `{` + f + `, "plan": {"xyzzy_frobnicate": 1}}`, "plan.xyzzy_frobnicate", `unknown field "xyzzy_frobnicate": the keys here are administrator, employer, funding, internal_levels, state, type`},
		{"unknown top level", `{` + f + `, "notes": "x"}`, "notes", `unknown field "notes"`},
		{"money wrong type", `{` + f + `, "claim": {"billed": true}}`, "claim.billed", `expected an amount in quotes, like "1850.00", found true`},
		{"money in a list", `{` + f + `, "claim": {"procedures": [{}, {"code": "99213"}, {"billed": "12.345"}]}}`, "claim.procedures[2].billed", `"12.345" has more than two decimals`},
		{"negative money", `{` + f + `, "claim": {"member_owes": "-5.00"}}`, "claim.member_owes", `"-5.00" is negative`},
		{"money not a number", `{` + f + `, "cost_share": {"copay": "thirty"}}`, "cost_share.copay", `"thirty" is not an amount: write it like 1850.00`},
		{"bad date", `{` + f + `, "eob": {"date": "2026-02-30"}}`, "eob.date", `"2026-02-30" is not a date: write it as YYYY-MM-DD`},
		{"us date", `{` + f + `, "member": {"date_of_birth": "03/14/1980"}}`, "member.date_of_birth", `"03/14/1980" is not a date`},
		{"date as number", `{` + f + `, "denial": {"letter_date": 20260314}}`, "denial.letter_date", `expected a date in quotes, like "2026-03-14", found the number 20260314`},
		{"bad time", `{` + f + `, "calls": [{"at": "yesterday"}]}`, "calls[0].at", `"yesterday" is not a date and time`},
		{"bad enum", `{` + f + `, "denial": {"category": "medical"}}`, "denial.category", `"medical" is not allowed here: use one of medical-necessity, experimental, prior-auth, not-covered, network, coding, duplicate, cost-share, eligibility, other`},
		{"bad check status", `{` + f + `, "eob_errors": {"cpt": {"status": "bad"}}}`, "eob_errors.cpt.status", `"bad" is not allowed here: use one of not-checked, ok, error`},
		{"bad doc status in list", `{` + f + `, "documents": [{"status": "have"}, {"status": "got it"}]}`, "documents[1].status", `use one of needed, requested, have`},
		{"bad level", `{` + f + `, "appeals": [{"level": "3"}]}`, "appeals[0].level", `use one of 1, 2, external`},
		{"step too big", `{` + f + `, "step": 9}`, "step", "9 is not a step: the steps are numbered 1 to 7"},
		{"step negative", `{` + f + `, "step": -1}`, "step", "-1 is not a step"},
		{"step not whole", `{` + f + `, "step": 2.5}`, "step", "2.5 is not a whole number"},
		{"step as text", `{` + f + `, "step": "2"}`, "step", "expected a whole number, found text"},
		{"levels", `{` + f + `, "plan": {"internal_levels": 3}}`, "plan.internal_levels", "3 is out of range: use a whole number from 0 to 2"},
		{"coinsurance", `{` + f + `, "cost_share": {"coinsurance_pct": 101}}`, "cost_share.coinsurance_pct", "101 is out of range: use a whole number from 0 to 100"},
		{"huge number", `{` + f + `, "cost_share": {"coinsurance_pct": 1e999}}`, "cost_share.coinsurance_pct", "1e999 is not a whole number"},
		{"bool wrong", `{` + f + `, "denial": {"behavioral_health": "yes"}}`, "denial.behavioral_health", "expected true or false, found text"},
		{"object wrong", `{` + f + `, "member": "Dana Reyes"}`, "member", "expected an object { ... }, found text"},
		{"list wrong", `{` + f + `, "eob": {"codes": "CO-50"}}`, "eob.codes", "expected a list [ ... ], found text"},
		{"string wrong", `{` + f + `, "eob": {"codes": ["CO-50", 50]}}`, "eob.codes[1]", "expected text in quotes, found the number 50"},
		{"notice not bool", `{` + f + `, "denial": {"notice": {"reason": "yes"}}}`, "denial.notice.reason", "expected true (the notice has it) or false (it does not), found text"},
		{"notice unknown key", `{` + f + `, "denial": {"notice": {"ombudsman": true}}}`, "denial.notice.ombudsman", `"ombudsman" is not an element of a denial notice: use one of reason, provision, code, claim-info, codes-available, procedures, how-to-appeal, assistance, missing-info, clinical-judgment, expedited, guideline`},
		{"duplicate key", `{` + f + `, "title": "a", "title": "b"}`, "title", `the key "title" appears twice`},
		{"list too long", `{` + f + `, "claim": {"diagnoses": [` + many + `]}}`, "claim.diagnoses", "the list has more than 1000 items"},
		{"text too long", `{` + f + `, "title": "` + long + `"}`, "title", "the text is 100001 bytes long; the most allowed is 100000"},
		{"missing format", `{"title": "x"}`, "format", `missing: a case file must say which format it is in, with "format": "overturn-case/3"`},
		{"null format", `{"format": null}`, "format", "missing"},
		{"empty format", `{"format": ""}`, "format", "missing"},
		{"format number", `{"format": 1}`, "format", `expected text like "overturn-case/3", found the number 1`},
		{"newer format", `{"format": "overturn-case/4", "future": {}}`, "format", "this file is in format overturn-case/4, written by a newer version of Overturn; this version reads overturn-case/3 and older: update Overturn to open it"},
		{"unknown format", `{"format": "cigna-case/1"}`, "format", `"cigna-case/1" is not a case-file format this program knows: expected "overturn-case/3"`},
		{"v0 with both provider forms", `{"format": "overturn-case/0", "claim": {"provider": {}, "provider_name": "X"}}`, "claim.provider", "a file in format overturn-case/0 gives the provider as provider_name and provider_npi"},
		{"v1 with v0 keys", `{` + f + `, "claim": {"provider_npi": "1234567893"}}`, "claim.provider_npi", `unknown field "provider_npi"`},
		{"not json", `{` + f + `,}`, "", "this is not valid JSON at line 1, column 30"},
		{"syntax error line", "{\n  " + f + ",\n  \"title\": x\n}", "", "this is not valid JSON at line 3, column 12"},
		{"cut short", `{` + f + `, "claim": {`, "", "the file ends in the middle of the case: it may have been cut short"},
		{"empty", "", "", "the file is empty"},
		{"only spaces", " \n\t", "", "the file is empty"},
		{"a list", `[{` + f + `}]`, "", "a case file is a JSON object that starts with {, but this is a list"},
		{"a string", `"overturn-case/1"`, "", "a case file is a JSON object that starts with {, but this is text"},
		{"two cases", `{` + f + `} {` + f + `}`, "", "there is more after the end of the case (line 1, column 31): a case file holds exactly one case"},
		{"garbage after", `{` + f + `} x`, "", "there is more after the end of the case"},
		{"too many keys", `{` + f + strings.Repeat(`, "x"`, 0) + manyKeys(101) + `}`, "", "the object has more than 100 keys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("parsed without error: %+v", c)
			}
			var cf *Error
			if !errors.As(err, &cf) {
				t.Fatalf("error %v is a %T, want *Error", err, err)
			}
			if cf.Path != tt.path {
				t.Errorf("path = %q, want %q (%v)", cf.Path, tt.path, err)
			}
			if !strings.Contains(cf.Reason, tt.reason) {
				t.Errorf("reason = %q, want it to contain %q", cf.Reason, tt.reason)
			}
		})
	}
}

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `, "k%d": 1`, i)
	}
	return b.String()
}

func TestCaseFileErrorMessage(t *testing.T) {
	_, err := Parse([]byte(`{"format": "overturn-case/1", "claim": {"billed": "x"}}`))
	want := `case file: at claim.billed: "x" is not an amount: write it like 1850.00`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	_, err = Parse(nil)
	if want := "case file: the file is empty: a case file is a JSON object that starts with {"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestParseCaseFileBOM(t *testing.T) {
	in := "\ufeff{\"format\": \"overturn-case/1\", \"title\": \"Saved by Notepad\"}"
	if c, err := Parse([]byte(in)); err != nil || c.Title != "Saved by Notepad" {
		t.Errorf("file with a byte order mark: %v", err)
	}
	if c, err := NewDecoder(strings.NewReader(in)).Next(); err != nil || c.Title != "Saved by Notepad" {
		t.Errorf("stream with a byte order mark: %v", err)
	}
}

func TestParseCaseFileTooLarge(t *testing.T) {
	data := []byte(`{"format": "overturn-case/1", "title": "` + strings.Repeat(" ", MaxSize) + `"}`)
	_, err := Parse(data)
	if err == nil || !strings.Contains(err.Error(), "larger than 10 MB") {
		t.Errorf("error = %v, want the size limit", err)
	}
	// A stream has no size to check first: the text is refused as soon
	// as it is too long to fit, long before the size limit.
	d := NewDecoder(bytes.NewReader(data))
	if _, err := d.Next(); err == nil || !strings.Contains(err.Error(), "at title: the text is more than 600000 bytes long; the most allowed is 100000") {
		t.Errorf("decoder error = %v, want the text refused as too long", err)
	}
	data = []byte(`{"format": "overturn-case/1", "title": "t"` + strings.Repeat(" ", MaxSize) + `}`)
	if _, err := NewDecoder(bytes.NewReader(data)).Next(); err == nil || !strings.Contains(err.Error(), "larger than 10 MB") {
		t.Errorf("decoder error = %v, want the size limit", err)
	}
}

func TestParseCaseFileUnknownMeansUnknown(t *testing.T) {
	in := `{
  "format": "overturn-case/1",
  "claim": {"billed": null, "allowed": "", "date_of_service": "", "procedures": [], "diagnoses": null},
  "eob": null,
  "denial": {"category": "", "review": null, "notice": {}},
  "eob_errors": {"network": {}, "cpt": {"status": ""}, "duplicate": {"status": null}},
  "documents": [{"kind": "physician-letter"}],
  "appeals": [{"level": "1", "decision": ""}],
  "step": null,
  "status": ""
}`
	c, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if c.Claim.Billed.Known() || c.Claim.Allowed.Known() || !c.Claim.DateOfService.IsZero() {
		t.Errorf("null and empty values should be unknown: %+v", c.Claim)
	}
	if c.Claim.Procedures != nil || c.Claim.Diagnoses != nil || c.Denial.Notice != nil {
		t.Errorf("empty lists and objects should read as nil")
	}
	for name, got := range map[string]workflow.CheckStatus{"network": c.EOBErrors.Network.Status, "cpt": c.EOBErrors.CPT.Status,
		"duplicate": c.EOBErrors.Duplicate.Status, "prior_auth": c.EOBErrors.PriorAuth.Status} {
		if got != workflow.CheckNotChecked {
			t.Errorf("eob_errors.%s.status = %q, want not-checked", name, got)
		}
	}
	if c.Documents[0].Status != workflow.DocNeeded || c.Appeals[0].Decision != workflow.DecisionPending {
		t.Errorf("defaults: document %q, decision %q", c.Documents[0].Status, c.Appeals[0].Decision)
	}
	if c.Step != workflow.StepEOB || c.Status != workflow.StatusOpen || c.Format != workflow.Format {
		t.Errorf("step %d, status %q, format %q", c.Step, c.Status, c.Format)
	}
}

func TestParseCaseFileValues(t *testing.T) {
	in := `{"format": "overturn-case/1", "title": "Café <MRI> & co",
	  "claim": {"billed": 1850.5, "allowed": "$1,200", "plan_paid": "0", "date_of_service": "2026-03-14"},
	  "calls": [{"at": "2026-03-16T09:30:00-05:00", "with": "member-services"}],
	  "denial": {"notice": {"reason": true, "assistance": false}},
	  "step": 4}`
	c, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if c.Claim.Billed != workflow.Cents(185050) || c.Claim.Allowed != workflow.Cents(120000) || c.Claim.PlanPaid != workflow.Cents(0) {
		t.Errorf("amounts: %v %v %v", c.Claim.Billed, c.Claim.Allowed, c.Claim.PlanPaid)
	}
	if c.Claim.DateOfService != workflow.NewDate(2026, time.March, 14) {
		t.Errorf("date of service %v", c.Claim.DateOfService)
	}
	if want := time.Date(2026, 3, 16, 14, 30, 0, 0, time.UTC); !c.Calls[0].At.Equal(want) {
		t.Errorf("call at %v, want %v", c.Calls[0].At, want)
	}
	if !c.Denial.Notice["reason"] || c.Denial.Notice["assistance"] || len(c.Denial.Notice) != 2 {
		t.Errorf("notice %v", c.Denial.Notice)
	}
	if c.Step != workflow.StepGather {
		t.Errorf("step %d", c.Step)
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"title": "Café <MRI> & co"`, `"billed": "1850.50"`, `"at": "2026-03-16T09:30:00-05:00"`, `"messages": []`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
}

func TestParseCaseFileSanitizes(t *testing.T) {
	in := `{"format": "overturn-case/1", "title": "  MRI \u001b[31mdenied\u001b[0m\r\nagain ",
	  "member": {"address": "1 Main St\nAustin, TX\u0007"}, "eob": {"reason": "\u202eNot necessary"}}`
	c, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "MRI denied again" || c.Member.Address != "1 Main St\nAustin, TX" || c.EOB.Reason != "Not necessary" {
		t.Errorf("not sanitized: %q %q %q", c.Title, c.Member.Address, c.EOB.Reason)
	}
}

func TestMarshalCaseFileSanitizes(t *testing.T) {
	c := workflow.NewCase(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), "Cigna")
	c.Title = "MRI \x1b[2Jdenied "
	c.Calls = []workflow.Call{{Outcome: "ok\x07"}}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"title": "MRI denied"`)) || !bytes.Contains(out, []byte(`"outcome": "ok"`)) {
		t.Errorf("export not sanitized:\n%s", out)
	}
	if c.Title != "MRI \x1b[2Jdenied " || c.Calls[0].Outcome != "ok\x07" {
		t.Error("Marshal changed its argument")
	}
}

func TestUpgradeFromV0(t *testing.T) {
	in := `{
  "format": "overturn-case/0",
  "title": "Old file",
  "claim": {
    "number": "E2025120100012",
    "provider_name": "Lakeside Imaging",
    "provider_npi": "1234567893",
    "billed": "950.00"
  }
}`
	c, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if c.Format != workflow.Format || c.Claim.Provider != (workflow.Provider{Name: "Lakeside Imaging", NPI: "1234567893"}) || c.Claim.Billed != workflow.Cents(95000) {
		t.Errorf("upgraded case: format %q, provider %+v, billed %v", c.Format, c.Claim.Provider, c.Claim.Billed)
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"provider": {
      "name": "Lakeside Imaging",
      "npi": "1234567893",`)) || bytes.Contains(out, []byte("provider_name")) || !bytes.Contains(out, []byte(`"format": "`+workflow.Format+`"`)) {
		t.Errorf("export of an upgraded file:\n%s", out)
	}

	// Errors in the upgraded values still name a path.
	_, err = Parse([]byte(`{"format": "overturn-case/0", "claim": {"provider_npi": 1234567893}}`))
	var cf *Error
	if !errors.As(err, &cf) || cf.Path != "claim.provider.npi" {
		t.Errorf("error %v, want one at claim.provider.npi", err)
	}
	// A /0 file without the old keys reads as it is.
	c, err = Parse([]byte(`{"format": "overturn-case/0", "title": "x"}`))
	if err != nil || c.Title != "x" || c.Format != workflow.Format {
		t.Errorf("plain /0 file: %v %+v", err, c)
	}
}

func TestMarshalCaseFileStable(t *testing.T) {
	now := time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC)
	c := workflow.NewCase(now, "Cigna")
	a, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(a, []byte("}\n")) || !bytes.HasPrefix(a, []byte("{\n  \"format\": \""+workflow.Format+"\",\n")) {
		t.Errorf("export should start with the format and end with a newline:\n%s", a)
	}
	if c.Calls != nil {
		t.Errorf("Marshal changed its argument")
	}
	back, err := Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, c) {
		t.Errorf("new case does not round-trip:\n%+v\n%+v", back, c)
	}
	b, _ := Marshal(back)
	if !bytes.Equal(a, b) {
		t.Errorf("export is not stable")
	}
	if _, err := Marshal(nil); err == nil {
		t.Error("nil case exported")
	}
	bad := workflow.NewCase(now, "Cigna")
	bad.Denial.Category = "made-up"
	if _, err := Marshal(bad); err == nil || !strings.Contains(err.Error(), "denial.category") {
		t.Errorf("a case with a bad value exported: %v", err)
	}
}

func TestCaseFileDecoder(t *testing.T) {
	var in bytes.Buffer
	files := caseFiles(t)
	var sizes []int
	for _, f := range files[:2] {
		data, _ := os.ReadFile(f)
		in.WriteString("\n ")
		in.Write(bytes.TrimRight(data, "\n"))
		sizes = append(sizes, 2+len(bytes.TrimRight(data, "\n")))
	}
	in.WriteString(`{"format": "overturn-case/1", "step": 8}`)
	in.WriteString("\n{\"format\": \"overturn-case/0\", \"claim\": {\"provider_name\": \"A\"}}\n")
	in.WriteString("{\"format\": \"overturn-case/1\",\n\n \"title\": }")
	// Lines count from the start of the input, as an editor shows them.
	badLine := bytes.Count(in.Bytes(), []byte("\n")) + 1
	d := NewDecoder(&in)
	for i := range 2 {
		if c, err := d.Next(); err != nil || c.Title == "" {
			t.Fatalf("case %d: %v", i+1, err)
		}
		if d.Size() != sizes[i] {
			t.Errorf("case %d took %d bytes, Size says %d", i+1, sizes[i], d.Size())
		}
	}
	_, err := d.Next()
	var cf *Error
	if !errors.As(err, &cf) || cf.Path != "step" || !strings.HasPrefix(err.Error(), "case 3 of the input: case file: at step:") {
		t.Errorf("third case: %v", err)
	}
	if c, err := d.Next(); err != nil || c.Claim.Provider.Name != "A" {
		t.Errorf("fourth case after a bad one: %v", err)
	}
	_, err = d.Next()
	if want := fmt.Sprintf("case 5 of the input: case file: this is not valid JSON at line %d, column 11", badLine); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("fifth case: %v", err)
	}
	if _, again := d.Next(); again == nil || again.Error() != err.Error() {
		t.Errorf("after a syntax error Next should keep failing the same way, got %v", again)
	}

	d = NewDecoder(strings.NewReader("  \n"))
	if _, err := d.Next(); err != io.EOF {
		t.Errorf("empty stream: %v, want io.EOF", err)
	}
}

func FuzzParseCaseFile(f *testing.F) {
	for _, file := range caseFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`{"format": "overturn-case/0", "claim": {"provider_name": "A", "provider_npi": "1"}}`,
		`{"format": "overturn-case/1", "calls": [{"at": "2026-03-16T09:30:00.5+05:30"}], "denial": {"notice": {"code": true}}}`,
		`{"format": "overturn-case/1", "claim": {"billed": 12.5}, "step": 0}`,
		`{"format": "overturn-case/2"}`,
		`[]`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			var cf *Error
			if !errors.As(err, &cf) || cf.Reason == "" {
				t.Fatalf("error %v (%T) is not a *Error with a reason", err, err)
			}
			return
		}
		out, err := Marshal(c)
		if err != nil {
			t.Fatalf("a parsed case does not export: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("an exported case does not import: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, c) {
			t.Fatalf("import of the export differs:\n%+v\n%+v", back, c)
		}
		again, err := Marshal(back)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("export is not stable: %v", err)
		}
	})
}

func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "case-file.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## A complete example")
	_, rest, ok2 := strings.Cut(rest, "```json\n")
	example, _, ok3 := strings.Cut(rest, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("docs/case-file.md has no complete example")
	}
	want, err := os.ReadFile(filepath.Join("..", "testdata", "cases", "medical-necessity-vitamin-d.json"))
	if err != nil {
		t.Fatal(err)
	}
	if example != string(want) {
		t.Error("the example in docs/case-file.md differs from testdata/cases/medical-necessity-vitamin-d.json")
	}
	if _, err := Parse([]byte(example)); err != nil {
		t.Errorf("the documented example does not parse: %v", err)
	}
	// Every key of the format is documented.
	var walk func(t reflect.Type, prefix string)
	walk = func(typ reflect.Type, prefix string) {
		for name, i := range jsonFields(typ) {
			path := joinPath(prefix, name)
			f := typ.Field(i).Type
			if f.Kind() == reflect.Slice {
				f = f.Elem()
			}
			if !regexp.MustCompile("[`.]" + name + "[`.\\[]").Match(doc) {
				t.Errorf("docs/case-file.md does not mention %s", path)
			}
			if f.Kind() == reflect.Struct && f != dateType && f != moneyType && f != timeType {
				walk(f, path)
			}
		}
	}
	walk(reflect.TypeFor[workflow.Case](), "")
}

// TestCaseFilesCoverage keeps the testdata cases covering what the
// letters, store and CLI tests rely on.
func TestCaseFilesCoverage(t *testing.T) {
	categories := map[workflow.Category]bool{}
	errorsFound := map[string]bool{}
	var bhResidential, twoLevelL2, urgentEviCore, government, resolved, nonASCII, anesthesiaNetwork bool
	for _, f := range caseFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		categories[c.Denial.Category] = true
		for _, it := range workflow.Checks(nil) {
			if it.Of(&c.EOBErrors).Status == workflow.CheckError {
				errorsFound[it.Key] = true
			}
		}
		bhResidential = bhResidential || (c.Denial.BehavioralHealth && c.Denial.BHLevel == workflow.BHResidential)
		twoLevelL2 = twoLevelL2 || (c.Plan.InternalLevels == 2 && hasAppeal(c, workflow.Level2))
		urgentEviCore = urgentEviCore || (c.Denial.Review == workflow.ReviewUrgent && c.Denial.Reviewer == workflow.ReviewerDelegate)
		government = government || c.Plan.OtherRules()
		resolved = resolved || c.Status == workflow.StatusResolved
		nonASCII = nonASCII || strings.ContainsFunc(c.Member.Name+c.Representative.Name, func(r rune) bool { return r > 127 })
		for _, p := range c.Claim.Procedures {
			anesthesiaNetwork = anesthesiaNetwork || (anesthesiaCode.MatchString(p.Code) && c.EOBErrors.Network.Status == workflow.CheckError)
		}
	}
	for _, cat := range enumValues()[reflect.TypeFor[workflow.Category]()] {
		if !categories[workflow.Category(cat)] {
			t.Errorf("no case of category %s", cat)
		}
	}
	for _, it := range workflow.Checks(nil) {
		if !errorsFound[it.Key] {
			t.Errorf("no case with the workflow.EOB error %s found", it.Key)
		}
	}
	for name, ok := range map[string]bool{"behavioral health residential": bhResidential, "two-level plan with a level 2 appeal": twoLevelL2,
		"urgent eviCore review": urgentEviCore, "government plan": government, "resolved case": resolved,
		"non-ASCII name": nonASCII, "anesthesia network error": anesthesiaNetwork} {
		if !ok {
			t.Errorf("no %s", name)
		}
	}
}

// anesthesiaCode matches the CPT anesthesia codes.
var anesthesiaCode = regexp.MustCompile(`^0[01]\d{3}$`)

func hasAppeal(c *workflow.Case, l workflow.Level) bool {
	_, ok := workflow.LastAppeal(c, l)
	return ok
}

func BenchmarkParseCaseFile(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "cases", "experimental-proton-two-level.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalCaseFile(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "cases", "experimental-proton-two-level.json"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Marshal(c); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUpgradeFromV2 reads the plan types, reviewers and call parties of
// format 2 as format 3 writes them.
func TestUpgradeFromV2(t *testing.T) {
	for _, tt := range []struct {
		in      string
		plan    workflow.PlanType
		funding workflow.Funding
		rev     workflow.Reviewer
		with    workflow.CallWith
	}{
		{`"plan": {"type": "employer-self-funded"}, "denial": {"reviewer": "cigna"}, "calls": [{"with": "evicore"}]`,
			workflow.PlanEmployer, workflow.FundingSelf, workflow.ReviewerInsurer, workflow.CallDelegate},
		{`"plan": {"type": "employer-fully-insured"}, "denial": {"reviewer": "evicore"}, "calls": [{"with": "member-services"}]`,
			workflow.PlanEmployer, workflow.FundingInsured, workflow.ReviewerDelegate, workflow.CallMemberServices},
		{`"plan": {"type": "individual"}, "denial": {"reviewer": null}, "calls": []`,
			workflow.PlanIndividual, workflow.FundingUnknown, workflow.ReviewerUnknown, ""},
	} {
		for _, format := range []string{FormatV0, FormatV1, FormatV2} {
			c, err := Parse([]byte(`{"format": "` + format + `", ` + tt.in + `}`))
			if err != nil {
				t.Fatalf("%s %s: %v", format, tt.in, err)
			}
			with := workflow.CallWith("")
			if len(c.Calls) > 0 {
				with = c.Calls[0].With
			}
			if c.Plan.Type != tt.plan || c.Plan.Funding != tt.funding || c.Denial.Reviewer != tt.rev || with != tt.with {
				t.Errorf("%s %s: read as plan %q %q, reviewer %q, call with %q", format, tt.in, c.Plan.Type, c.Plan.Funding,
					c.Denial.Reviewer, with)
			}
		}
	}
	// The old values are not values of format 3, and a format 2 file has no
	// key that format 3 added.
	for in, want := range map[string]string{
		`{"format": "overturn-case/3", "plan": {"type": "employer-self-funded"}}`: "plan.type",
		`{"format": "overturn-case/3", "denial": {"reviewer": "cigna"}}`:          "denial.reviewer",
		`{"format": "overturn-case/2", "plan": {"funding": "self-funded"}}`:       "plan.funding",
	} {
		var ce *Error
		if _, err := Parse([]byte(in)); !errors.As(err, &ce) || ce.Path != want {
			t.Errorf("%s: got %v, want an error at %s", in, err, want)
		}
	}
}

func TestReadsFormatV1AsItIs(t *testing.T) {
	c, err := Parse([]byte(`{"format": "overturn-case/1", "title": "x", "claim": {"provider": {"name": "Lakeside Imaging"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Format != workflow.Format || c.Title != "x" || c.Claim.Provider.Name != "Lakeside Imaging" || c.Denial.AppealsAddress != "" {
		t.Errorf("a /1 file read as %+v", c)
	}
}

func TestEnumeratedValuesDoNotKeepTheFile(t *testing.T) {
	data := []byte(`{"format": "overturn-case/2", "status": "open", "denial": {"category": "medical-necessity"},
		"appeals": [{"level": "1", "method": "fax", "decision": "pending"}]}`)
	c, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	// Each is the package's constant: a piece of the file's text would
	// keep the whole file alive for as long as the value is kept.
	for name, pair := range map[string][2]string{
		"status":   {string(c.Status), string(workflow.StatusOpen)},
		"category": {string(c.Denial.Category), string(workflow.CategoryMedicalNecessity)},
		"level":    {string(c.Appeals[0].Level), string(workflow.Level1)},
		"method":   {string(c.Appeals[0].Method), string(workflow.MethodFax)},
	} {
		if unsafe.StringData(pair[0]) != unsafe.StringData(pair[1]) {
			t.Errorf("%s %q is not the constant %q", name, pair[0], pair[1])
		}
	}
}

// TestClaimsAddress: eob.claims_address is read sanitized, written back,
// and left out of the file while empty.
func TestClaimsAddress(t *testing.T) {
	c, err := Parse([]byte(`{"format": "overturn-case/3", "eob": {"claims_address": "P.O. Box 182223\u001b[2J\nChattanooga, TN 37422"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.EOB.ClaimsAddress != "P.O. Box 182223\nChattanooga, TN 37422" {
		t.Errorf("read as %q", c.EOB.ClaimsAddress)
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"claims_address": "P.O. Box 182223\nChattanooga, TN 37422"`)) {
		t.Errorf("not written back:\n%s", out)
	}
	c.EOB.ClaimsAddress = ""
	if out, err = Marshal(c); err != nil || bytes.Contains(out, []byte("claims_address")) {
		t.Errorf("written while empty (%v):\n%s", err, out)
	}
}
