package workflow

import (
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// The tests read the real tables from the assets tree; package workflow
// itself never imports assets.
var (
	codesOnce  sync.Once
	codesTable *CodeTable
	codesErr   error
)

func loadTestCodes(tb testing.TB) *CodeTable {
	tb.Helper()
	codesOnce.Do(func() { codesTable, codesErr = LoadCodes(os.DirFS("../assets/codes")) })
	if codesErr != nil {
		tb.Fatalf("LoadCodes: %v", codesErr)
	}
	return codesTable
}

// TestRulesCodes checks every code rules.md lists: present, with the
// category and checklist item its "what it points to" column names.
func TestRulesCodes(t *testing.T) {
	tab := loadTestCodes(t)
	tests := []struct {
		codes    []string
		category Category
		check    string
	}{
		{[]string{"1", "2", "3"}, CategoryCostShare, "cost_share"},
		{[]string{"4", "5", "6", "11", "16", "97", "234", "236"}, CategoryCoding, "cpt"},
		{[]string{"15"}, CategoryPriorAuth, "prior_auth"},
		{[]string{"18"}, CategoryDuplicate, "duplicate"},
		{[]string{"22", "23", "26", "27", "31"}, CategoryEligibility, ""},
		{[]string{"29"}, CategoryOther, ""},
		{[]string{"45"}, CategoryCostShare, "cost_share"},
		{[]string{"49"}, CategoryCoding, "cpt"},
		{[]string{"50", "151"}, CategoryMedicalNecessity, ""},
		{[]string{"55", "56"}, CategoryExperimental, ""},
		{[]string{"58"}, CategoryMedicalNecessity, ""},
		{[]string{"96", "204"}, CategoryNotCovered, ""},
		{[]string{"109"}, CategoryOther, ""},
		{[]string{"119"}, CategoryNotCovered, ""},
		{[]string{"167"}, CategoryNotCovered, "cpt"},
		{[]string{"197", "198"}, CategoryPriorAuth, "prior_auth"},
		{[]string{"242", "243"}, CategoryNetwork, "network"},
		{[]string{"252"}, CategoryOther, ""},
		{[]string{"N130"}, CategoryNotCovered, ""},
		{[]string{"N30"}, CategoryEligibility, ""},
		{[]string{"N522"}, CategoryDuplicate, "duplicate"},
		{[]string{"M62"}, CategoryPriorAuth, "prior_auth"},
	}
	for _, tt := range tests {
		for _, code := range tt.codes {
			info, err := tab.Decode(code)
			if err != nil {
				t.Errorf("Decode(%q): %v", code, err)
				continue
			}
			if info.Code != code || info.Category != tt.category || info.Check != tt.check || info.Retired {
				t.Errorf("Decode(%q) = code %q category %q check %q retired %v, want %q %q %q false",
					code, info.Code, info.Category, info.Check, info.Retired, code, tt.category, tt.check)
			}
			if info.Meaning == "" || info.PointsTo == "" {
				t.Errorf("Decode(%q): empty meaning or points-to", code)
			}
		}
	}
	for _, code := range []string{"38", "57", "62"} {
		info, err := tab.Decode(code)
		if err != nil || !info.Retired || !strings.Contains(info.PointsTo, "retired") {
			t.Errorf("Decode(%q) = %+v, %v; want a retired code that says so", code, info, err)
		}
	}
}

func TestDecodeForms(t *testing.T) {
	tab := loadTestCodes(t)
	tests := []struct {
		in, code, group, str string
	}{
		{"CO-50", "50", "CO", "CO-50"},
		{"co 50", "50", "CO", "CO-50"},
		{"50", "50", "", "50"},
		{" 50 ", "50", "", "50"},
		{"PR242", "242", "PR", "PR-242"},
		{"pr-1", "1", "PR", "PR-1"},
		{"OA 23", "23", "OA", "OA-23"},
		{"PI-45", "45", "PI", "PI-45"},
		{"CO - 045", "45", "CO", "CO-45"},
		{"CO_97", "97", "CO", "CO-97"},
		{"CO:16", "16", "CO", "CO-16"},
		{"N130", "N130", "", "N130"},
		{"n130", "N130", "", "N130"},
		{"N-130", "N130", "", "N130"},
		{"m62", "M62", "", "M62"},
		{"MA130", "MA130", "", "MA130"},
		{"CO-N130", "N130", "", "N130"}, // remark codes carry no group
		{"A1", "A1", "", "A1"},
		{"co-a1", "A1", "CO", "CO-A1"},
		{"PI1", "1", "PI", "PI-1"},
		{"\x1b[31mCO-50\x1b[0m", "50", "CO", "CO-50"},
		{"CO-50\x1b]52;c;eA==\x07", "50", "CO", "CO-50"},
		{"\u202eCO-50", "50", "CO", "CO-50"},
	}
	for _, tt := range tests {
		info, err := tab.Decode(tt.in)
		if err != nil {
			t.Errorf("Decode(%q): %v", tt.in, err)
			continue
		}
		if info.Code != tt.code || info.Group != tt.group || info.String() != tt.str {
			t.Errorf("Decode(%q) = code %q group %q %q, want %q %q %q", tt.in, info.Code, info.Group, info.String(), tt.code, tt.group, tt.str)
		}
		if (info.Group == "") != (info.GroupMeaning == "") {
			t.Errorf("Decode(%q): group %q with meaning %q", tt.in, info.Group, info.GroupMeaning)
		}
	}
}

func TestDecodeGroupMeanings(t *testing.T) {
	tab := loadTestCodes(t)
	for group, want := range map[string]string{
		"CO": "Contractual obligation", "PR": "Patient responsibility",
		"OA": "Other adjustment", "PI": "Payer-initiated reduction",
	} {
		info, err := tab.Decode(group + "-2")
		if err != nil || !strings.HasPrefix(info.GroupMeaning, want) {
			t.Errorf("Decode(%s-2) group meaning = %q, %v; want it to start %q", group, info.GroupMeaning, err, want)
		}
	}
	info, _ := tab.Decode("CO-45")
	if !strings.Contains(info.GroupMeaning, "in-network provider generally may not bill you") {
		t.Errorf("CO meaning %q does not say an in-network member is generally not billable", info.GroupMeaning)
	}
}

func TestDecodeErrors(t *testing.T) {
	tab := loadTestCodes(t)
	tests := []struct {
		in      string
		unknown bool
		want    string
	}{
		{"CO-999", true, "code CO-999 is not in Overturn's table of denial codes"},
		{"7777", true, "code 7777 is not in Overturn's table"},
		{"N9999", true, "code N9999 is not in Overturn's table"},
		{"Z12", true, "code Z12 is not in Overturn's table"},
		{"ZZ12", false, `"ZZ12": ZZ is not a group code; the group is CO, PR, OA or PI`},
		{"0", true, "code 0 is not in Overturn's table"},
		{"", false, "type the denial code printed on the EOB"},
		{"  - ", false, "type the denial code printed on the EOB"},
		{"CO", false, "CO is only the group: type the code after it too, like CO-50"},
		{"pr", false, "PR is only the group"},
		{"XY-50", false, `"XY-50": XY is not a group code`},
		{"CO16 N130", false, `"CO16 N130" is not a denial code`},
		{"CO-50, N130", false, "is not a denial code"},
		{"50%", false, "is not a denial code"},
		{"ABC1", false, "is not a denial code"},
		{"12345", false, "is not a denial code"},
		{"CO-5O", false, "is not a denial code"},
		{"ＣＯ-50", false, "is not a denial code"},
		{"CO-50é\x1b]52;c;eA==\x07", false, `"CO-50é" is not a denial code`},
		{strings.Repeat("1", 100), false, "is not a denial code"},
	}
	for _, tt := range tests {
		_, err := tab.Decode(tt.in)
		if err == nil {
			t.Errorf("Decode(%q) succeeded, want an error", tt.in)
			continue
		}
		if errors.Is(err, ErrUnknownCode) != tt.unknown {
			t.Errorf("Decode(%q): errors.Is(err, ErrUnknownCode) = %v, want %v", tt.in, !tt.unknown, tt.unknown)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%q) error %q does not contain %q", tt.in, err, tt.want)
		}
		if tt.unknown && !strings.Contains(err.Error(), "X12") {
			t.Errorf("Decode(%q) error %q does not say where to look the code up", tt.in, err)
		}
	}
}

func TestLoadCodesErrors(t *testing.T) {
	good, err := os.ReadFile("../assets/codes/reason.tsv")
	if err != nil {
		t.Fatal(err)
	}
	groups, _ := os.ReadFile("../assets/codes/groups.tsv")
	remarks, _ := os.ReadFile("../assets/codes/remark.tsv")
	const header = "code\tcategory\tcheck\tretired\tmeaning\tpoints_to\tsource\n"
	row := func(fields ...string) string { return header + strings.Join(fields, "\t") + "\n" }
	tests := []struct {
		name, file, data, want string
	}{
		{"missing file", "remark.tsv", "", "remark.tsv"},
		{"empty file", "reason.tsv", "# only a comment\n", "reason.tsv is empty"},
		{"bad header", "reason.tsv", "code\tmeaning\n", "reason.tsv line 1: the header must be"},
		{"too few columns", "reason.tsv", header + "50\tmedical-necessity\n", "reason.tsv line 2: 2 columns, want 7"},
		{"bad code", "reason.tsv", row("CO-50", "other", "-", "no", "m", "p", "x12"), "not written as X12 writes codes"},
		{"leading zero", "reason.tsv", row("050", "other", "-", "no", "m", "p", "x12"), "not written as X12 writes codes"},
		{"remark in reason file", "reason.tsv", row("N1", "other", "-", "no", "m", "p", "x12"), "belongs in remark.tsv"},
		{"reason in remark file", "remark.tsv", row("50", "other", "-", "no", "m", "p", "x12"), "belongs in reason.tsv"},
		{"duplicate", "reason.tsv", row("50", "other", "-", "no", "m", "p", "x12") + "50\tother\t-\tno\tm\tp\tx12\n", "line 3: code 50 appears twice"},
		{"bad category", "reason.tsv", row("50", "medical", "-", "no", "m", "p", "x12"), `unknown category "medical"`},
		{"empty category", "reason.tsv", row("50", "", "-", "no", "m", "p", "x12"), "unknown category"},
		{"bad check", "reason.tsv", row("50", "other", "eob", "no", "m", "p", "x12"), `unknown check "eob"`},
		{"bad retired", "reason.tsv", row("50", "other", "-", "maybe", "m", "p", "x12"), "retired must be yes or no"},
		{"empty meaning", "reason.tsv", row("50", "other", "-", "no", "", "p", "x12"), "must not be empty"},
		{"bad source", "reason.tsv", row("50", "other", "-", "no", "m", "p", "web"), "source must be rules.md or x12"},
		{"bad group", "groups.tsv", "group\tmeaning\nCOB\tx\n", `group "COB" is not two capital letters`},
		{"duplicate group", "groups.tsv", "group\tmeaning\nCO\tx\nCO\ty\n", "group CO appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"groups.tsv": {Data: groups},
				"reason.tsv": {Data: good},
				"remark.tsv": {Data: remarks},
			}
			if tt.data == "" && tt.name == "missing file" {
				delete(fsys, tt.file)
			} else {
				fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			}
			_, err := LoadCodes(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadCodes error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadCodesCRLF(t *testing.T) {
	fsys := fstest.MapFS{
		"groups.tsv": {Data: []byte("group\tmeaning\r\nCO\tContractual obligation.\r\n")},
		"reason.tsv": {Data: []byte("code\tcategory\tcheck\tretired\tmeaning\tpoints_to\tsource\r\n50\tmedical-necessity\t-\tno\tNot necessary.\tAppeal.\trules.md\r\n")},
		"remark.tsv": {Data: []byte("code\tcategory\tcheck\tretired\tmeaning\tpoints_to\tsource\r\n")},
	}
	tab, err := LoadCodes(fsys)
	if err != nil {
		t.Fatal(err)
	}
	info, err := tab.Decode("CO-50")
	if err != nil || info.Meaning != "Not necessary." || info.GroupMeaning != "Contractual obligation." {
		t.Errorf("Decode = %+v, %v", info, err)
	}
}

func BenchmarkDecode(b *testing.B) {
	tab := loadTestCodes(b)
	inputs := []string{"CO-50", "pr 242", "N130", "co-197", "MA130"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := tab.Decode(inputs[i%len(inputs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"CO-50", "co 50", "50", "PR242", "N130", "CO", "CO-N130", "x", "", "0000050", "MA130", "CO-999"} {
		f.Add(s)
	}
	tab := loadTestCodes(f)
	f.Fuzz(func(t *testing.T, in string) {
		info, err := tab.Decode(in)
		if err != nil {
			if info != (CodeInfo{}) {
				t.Fatalf("Decode(%q) returned %+v with error %v", in, info, err)
			}
			if why := checkSanitized(err.Error(), true); why != "" {
				t.Fatalf("Decode(%q) error %q: %s", in, err, why)
			}
			return
		}
		if _, ok := tab.codes[info.Code]; !ok {
			t.Fatalf("Decode(%q) = code %q, not in the table", in, info.Code)
		}
		if info.Meaning == "" || info.PointsTo == "" {
			t.Fatalf("Decode(%q) = %+v: empty meaning", in, info)
		}
		again, err := tab.Decode(info.String())
		if err != nil || again != info {
			t.Fatalf("Decode(%q) = %+v, but Decode(%q) = %+v, %v", in, info, info.String(), again, err)
		}
	})
}

func TestDecodeEveryTableCode(t *testing.T) {
	tab := loadTestCodes(t)
	if len(tab.codes) < 60 {
		t.Fatalf("only %d codes loaded", len(tab.codes))
	}
	for code, e := range tab.codes {
		for _, typed := range []string{code, strings.ToLower(code), "PR-" + code, "oa " + code} {
			info, err := tab.Decode(typed)
			if err != nil {
				t.Errorf("Decode(%q): %v", typed, err)
				continue
			}
			if info.Code != code || info.Meaning != e.info.Meaning {
				t.Errorf("Decode(%q) = %+v, want code %s", typed, info, code)
			}
			wantGroup := ""
			if strings.Contains(typed, "-") && !e.remark {
				wantGroup = "PR"
			} else if strings.HasPrefix(typed, "oa") && !e.remark {
				wantGroup = "OA"
			}
			if info.Group != wantGroup {
				t.Errorf("Decode(%q) group = %q, want %q", typed, info.Group, wantGroup)
			}
		}
	}
}
