package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// shipped loads the real code table, reference data and letter
// templates.
func shipped() (*workflow.CodeTable, *workflow.Reference, *letter.Engine, error) {
	codes, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		return nil, nil, nil, err
	}
	insurers, err := workflow.LoadInsurers(assets.Insurers())
	if err != nil {
		return nil, nil, nil, err
	}
	regulators, err := workflow.LoadRegulators(assets.Regulators())
	if err != nil {
		return nil, nil, nil, err
	}
	ref := workflow.NewReference(insurers, regulators)
	letters, err := letter.New(assets.Letters(), ref, codes)
	return codes, ref, letters, err
}

// engine sets the real code table, reference data and letter templates.
func engine(t testing.TB) func(*Options) {
	codes, ref, letters, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	return func(o *Options) { o.Codes, o.Ref, o.Letters = codes, ref, letters }
}

// seed stores a case and returns its id.
func seed(t testing.TB, st *memStore, mod func(c *workflow.Case)) uint64 {
	c := workflow.NewCase(testNow, "Cigna")
	c.Title = "MRI denied as not necessary"
	c.Claim.Number = "E2026091400871"
	c.EOB.Received = workflow.NewDate(2026, 10, 1)
	if mod != nil {
		mod(c)
	}
	id, err := st.Create(c)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (s *memStore) get(t testing.TB, id uint64) *workflow.Case {
	t.Helper()
	c, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEmptyListSaysWhatToDo(t *testing.T) {
	d := newDriver(t, newMemStore(), 80, 24, nil)
	d.contains(emptyLine1, emptyLine2, "Press n to start your first case.", "n new case")
}

func TestNewCaseSavesEachAnswer(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, engine(t))
	d.keys("n")
	d.contains(newCaseTitle, "A short name for this case")
	d.typ("MRI denied")
	d.keys("enter")
	if st.saves != 1 {
		t.Fatalf("after the first answer the case should be created: %d saves", st.saves)
	}
	d.contains("saved 14:02")
	d.typ("Dana Reyes")
	d.keys("enter")
	c := st.get(t, 1)
	if c.Title != "MRI denied" || c.Member.Name != "Dana Reyes" {
		t.Fatalf("stored case: title %q, member %q", c.Title, c.Member.Name)
	}
}

func TestNewCaseRejectsBadDateAndSaysHow(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n", "tab", "tab", "tab", "tab")
	d.contains("▸ Date of service")
	d.typ("14/03/2026")
	d.keys("enter")
	d.contains("YYYY-MM-DD", "▸ Date of service")
	if st.saves != 0 {
		t.Fatalf("a bad date must not be saved: %d saves", st.saves)
	}
}

func TestDecoderExplainsCodesAndSuggestsCategory(t *testing.T) {
	st := newMemStore()
	opts := engine(t)
	d := newDriver(t, st, 120, 40, opts)
	d.keys("n")
	for range 8 {
		d.keys("tab")
	}
	d.contains("▸ Reason codes")
	d.typ("CO-50")
	scr := strings.ToLower(d.screen())
	if !strings.Contains(scr, "necessary") {
		t.Fatalf("the decoder should explain CO-50:\n%s", d.screen())
	}
	d.contains(fmt.Sprintf(decoderSuggest, "not medically necessary"))
	d.keys("enter", "enter")
	d.contains("▸ Kind of denial", "‹ not medically necessary ›")
	d.keys("enter")
	if c := st.get(t, 1); c.Denial.Category != workflow.CategoryMedicalNecessity {
		t.Fatalf("category %q, want the suggested one confirmed", c.Denial.Category)
	}
}

func TestFinishStepShowsWhatIsMissing(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) { c.Claim.Number = ""; c.EOB.Received = workflow.Date{} })
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	missing := workflow.StepMissing(st.get(t, id), workflow.StepEOB)
	if len(missing) == 0 {
		t.Fatal("an empty case should be missing facts for step 1")
	}
	d.contains("finish step (needs: " + truncate(missing[0].Label, 20)[:15])
	d.keys("f")
	if c := st.get(t, id); c.Step != workflow.StepEOB {
		t.Fatalf("a step with missing facts must not be finished: step %d", c.Step)
	}
}

func TestResumeLandsOnStepAndField(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.contains("Step 1 of 7")
	d.keys("]", "down", "down")
	d.contains("Step 2 of 7", "▸ Date on the denial")
	d.keys("esc")
	d.contains(listTitle)
	if r := st.get(t, id).Resume; r.Step != workflow.StepReason || r.Field != "denial.letter_date" {
		t.Fatalf("resume = %+v", r)
	}
	d2 := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d2.contains("Step 2 of 7", "▸ Date on the denial")
}

func TestFailedSaveIsShownAndRetried(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	st.setFail(true)
	d.keys("down", "down", "enter")
	d.typ("Dr. Lee")
	d.keys("enter")
	d.contains("Not saved (disk full)")
	if st.get(t, id).Claim.Provider.Name != "" {
		t.Fatal("the failing store should hold nothing yet")
	}
	st.setFail(false)
	d.send(retrySaveMsg{session: d.m.sess})
	d.contains("saved 14:02")
	d.lacks("Not saved (")
	if got := st.get(t, id).Claim.Provider.Name; got != "Dr. Lee" {
		t.Fatalf("after the retry the provider is %q", got)
	}
}

func TestQuitWithUnsavedEditAsks(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("enter")
	d.typ("X")
	d.keys("ctrl+c")
	d.contains(confirmQuitTitle, "Claim number")
	if d.quit {
		t.Fatal("quit without asking")
	}
	d.keys("n")
	d.lacks(confirmQuitTitle)
	d.keys("ctrl+c", "y")
	if !d.quit {
		t.Fatal("yes should quit")
	}
}

func TestQuitWhileSaveFailsAsks(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	st.setFail(true)
	d.keys("down", "down", "enter")
	d.typ("Dr. Lee")
	d.keys("enter", "q")
	d.contains(confirmQuitTitle, "disk full")
	if d.quit {
		t.Fatal("quit while the last change is not saved")
	}
}

func TestDeleteAsksAndCanBeUndone(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	d := newDriver(t, st, 80, 24, nil)
	d.contains("MRI denied as not necessary")
	d.keys("d")
	d.contains("Delete “MRI denied as not necessary”?")
	d.keys("n")
	d.contains("MRI denied as not necessary")
	d.keys("d", "y")
	d.contains("Press n to start", "Press u to bring it back")
	d.keys("u")
	d.contains("MRI denied as not necessary", "Brought back")
}

func TestFilter(t *testing.T) {
	st := newMemStore()
	seed(t, st, nil)
	seed(t, st, func(c *workflow.Case) { c.Title = "Anesthesia billed out of network"; c.Updated = testNow.Add(1) })
	d := newDriver(t, st, 80, 24, nil)
	d.contains("MRI denied", "Anesthesia")
	d.keys("/")
	d.typ("anest")
	d.contains("Anesthesia")
	d.lacks("MRI denied as not necessary")
	d.keys("esc")
	d.contains("MRI denied", "Anesthesia")
}

// TestFilterMatchesNamesProviderAndCodes: an advocate looks a case up by
// the member's or patient's name, the provider, a code or a number, not
// only by its title or claim number.
func TestFilterMatchesNamesProviderAndCodes(t *testing.T) {
	st := newMemStore()
	seed(t, st, func(c *workflow.Case) {
		c.Title = "Knee MRI denied as experimental"
		c.Member.Name, c.Patient.Name = "Dana Reyes", "Sam Reyes"
		c.Claim.Provider.Name = "Northside Imaging"
		c.Claim.Procedures = []workflow.Procedure{{Code: "73721"}}
		c.Claim.Diagnoses = []string{"M23.91"}
		c.EOB.Codes = []string{"CO-50"}
	})
	seed(t, st, func(c *workflow.Case) {
		c.Title = "Anesthesia billed out of network"
		c.Member.Name, c.Patient.Name = "Lee Okafor", ""
		c.Claim.Provider.Name = "Valley Anesthesia Group"
		c.Claim.Procedures = []workflow.Procedure{{Code: "00400"}}
		c.Claim.Diagnoses = nil
		c.EOB.Codes = []string{"PR-242"}
		c.Updated = testNow.Add(1)
	})
	d := newDriver(t, st, 80, 24, nil)
	for _, q := range []string{"dana", "sam reyes", "northside", "73721", "m23.9", "co-50"} {
		d.keys("/")
		d.typ(q)
		d.contains("Knee MRI denied as experimental")
		d.lacks("Anesthesia billed out of network")
		d.keys("esc")
	}
	d.keys("/")
	d.typ("okafor")
	d.contains("Anesthesia billed out of network")
	d.lacks("Knee MRI denied as experimental")
}

func TestTooSmall(t *testing.T) {
	d := newDriver(t, newMemStore(), 79, 30, nil)
	d.contains("Make the window larger")
	d.send(tea.WindowSizeMsg{Width: 80, Height: 23})
	d.contains("Make the window larger")
	d.keys("n")
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.lacks("Make the window larger", newCaseTitle)
}

func TestPastedEscapesAreStripped(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n")
	d.send(tea.PasteMsg{Content: "evil\x1b]52;c;aGk=\x07\x1b[31m red\x1b[0m"})
	d.keys("enter")
	c := st.get(t, 1)
	if strings.ContainsAny(c.Title, "\x1b\x07") {
		t.Fatalf("title kept escapes: %q", c.Title)
	}
	if strings.Contains(d.m.View().Content, "\x1b]52") {
		t.Fatal("the screen shows a raw OSC 52 sequence")
	}
}

func TestWideTextKeepsTheLayout(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		c.Title = strings.Repeat("請求が拒否されました😷", 8)
		c.EOB.Reason = strings.Repeat("医療上の必要性が認められません 🏥 ", 20)
		c.Claim.Provider.Name = strings.Repeat("Dr. Überlänge-Provider ", 10)
	})
	for _, size := range [][2]int{{80, 24}, {120, 40}, {97, 31}} {
		d := newDriver(t, st, size[0], size[1], nil)
		checkLayout(t, d, size[0], size[1])
		d.keys("enter")
		checkLayout(t, d, size[0], size[1])
		_ = id
	}
}

// checkLayout asserts that the screen fills the window and no line is wider.
func checkLayout(t *testing.T, d *driver, w, h int) {
	t.Helper()
	lines := strings.Split(d.m.View().Content, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: %d lines:\n%s", w, h, len(lines), d.screen())
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%dx%d: line %d is %d wide:\n%s", w, h, i, lw, d.screen())
		}
	}
}

func TestChecklistFoundAsksForDetails(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("x")
	d.contains(checklistTitle, spotLabel, "Wrong network status")
	d.keys("f")
	d.contains(fixLabel, "NPI")
	d.typ("Checked on cigna.com on Sep 1")
	d.keys("enter")
	c := st.get(t, id)
	if c.EOBErrors.Network.Status != workflow.CheckError || c.EOBErrors.Network.Details != "Checked on cigna.com on Sep 1" {
		t.Fatalf("network check = %+v", c.EOBErrors.Network)
	}
	d.keys("esc", "down", "o")
	if got := st.get(t, id).EOBErrors.CPT.Status; got != workflow.CheckOK {
		t.Fatalf("cpt = %q", got)
	}
	d.keys("down", "down")
	d.contains(costShareTitle)
}

func TestCallLogAddEditRemove(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("c")
	d.contains(callsTitle, callsEmpty[:20])
	d.keys("a")
	d.contains("2026-11-24 14:02")
	d.keys("enter")
	d.keys("enter")
	d.typ("Maria")
	d.keys("enter")
	c := st.get(t, id)
	if len(c.Calls) != 1 || c.Calls[0].Rep != "Maria" || !c.Calls[0].At.Equal(testNow) {
		t.Fatalf("calls = %+v", c.Calls)
	}
	d.keys("esc", "esc")
	d.contains("Member Services · Maria")
	d.keys("d")
	d.contains(entryRemove)
	d.keys("y")
	if n := len(st.get(t, id).Calls); n != 0 {
		t.Fatalf("%d calls after removal", n)
	}
}

func TestDocumentsAdd(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("o", "a", "right") // the first right moves into the choice
	for range slices.Index(workflow.DocKinds(), workflow.DocMedicalRecords) {
		d.keys("right")
	}
	d.keys("enter")
	if docs := st.get(t, id).Documents; len(docs) != 1 || docs[0].Kind != workflow.DocMedicalRecords {
		t.Fatalf("documents = %+v", docs)
	}
}

func TestHelpShowsEveryKey(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("?")
	d.contains(helpTitle, "finish step", "EOB check", "calls", "documents", "letters", "quit")
	d.keys("esc")
	d.lacks(helpTitle)
}

// readyCase is fullCase with everything the level 1 letter needs.
func readyCase(c *workflow.Case) {
	fullCase(c)
	c.Denial.Policy.Criteria = []workflow.Criterion{{ID: "1", Text: "Documented risk of deficiency", Evidence: "Dr. Lee's letter of Sep 22"}}
	c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocEOB, Status: workflow.DocHave})
}

func TestLetterExportAndOverwrite(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, readyCase)
	d := newDriver(t, st, 120, 40, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l")
	d.contains("Level 1 appeal", letterReady)
	d.keys("s")
	d.contains(exportTitle, "E2026091400871-level1.txt")
	path := filepath.Join(t.TempDir(), "appeal.txt")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter")
	d.contains("Saved the letter to")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := d.m.com.Letters.Render(letter.Level1, st.get(t, id), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want.Text {
		t.Fatalf("exported letter differs from the rendered one")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("s")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter")
	d.contains("Replace ")
	d.keys("n")
	if data, _ := os.ReadFile(path); string(data) != "mine" {
		t.Fatal("the file was replaced without a yes")
	}
	d.keys("s")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typ(path)
	d.keys("enter", "y")
	if data, _ := os.ReadFile(path); string(data) != want.Text {
		t.Fatal("yes should replace the file")
	}
}

func TestLetterMissingJumpsToField(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) { readyCase(c); c.Member.MemberID = "" })
	d := newDriver(t, st, 120, 40, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l")
	d.contains(letterMustFill, "member ID")
	d.lacks(letterReady)
	d.keys("1")
	d.typ("U99")
	d.keys("enter")
	if got := st.get(t, id).Member.MemberID; got != "U99" {
		t.Fatalf("member ID %q", got)
	}
	d.contains(letterReady)
}

// TestLetterCopy copies to the system clipboard where one is reachable,
// and says so; elsewhere it sends the letter to the terminal (OSC 52)
// and says that it could only do that.
func TestLetterCopy(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status string
		osc52  bool
	}{
		{"system clipboard", nil, copied, false},
		{"none reachable", errors.New("no clipboard utilities available"), copiedOSC52, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newMemStore()
			id := seed(t, st, readyCase)
			var got string
			d := newDriver(t, st, 120, 40, func(o *Options) {
				engine(t)(o)
				o.OpenID = id
				o.Clipboard = func(text string) error { got = text; return tc.err }
			})
			d.keys("l")
			_, cmd := d.m.Update(keyMsg("y"))
			_, cmd = d.m.Update(cmd()) // the copy
			_, cmd = d.m.Update(cmd()) // its result
			if sent := cmd != nil && fmt.Sprintf("%T", cmd()) == "tea.setClipboardMsg"; sent != tc.osc52 {
				t.Errorf("sent to the terminal's clipboard: %v, want %v", sent, tc.osc52)
			}
			if !strings.Contains(got, "E2026091400871") {
				t.Errorf("the system clipboard was given %q, not the letter", got)
			}
			d.contains(tc.status)
		})
	}
}

func TestLightBackgroundAndResize(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id; o.NoColor = false })
	dark := d.m.View().Content
	d.send(tea.BackgroundColorMsg{Color: colorWhite{}})
	if d.m.com.Dark {
		t.Fatal("a white background should switch to light styles")
	}
	if light := d.m.View().Content; light == dark {
		t.Fatal("light styles render like dark ones")
	}
	for _, size := range [][2]int{{200, 60}, {40, 10}, {80, 24}, {81, 25}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if size[0] >= 80 && size[1] >= 24 {
			checkLayout(t, d, size[0], size[1])
		}
	}
}

type colorWhite struct{}

func (colorWhite) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestCostShareCheckShowsItsWorking(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Claim.Allowed, c.Claim.MemberOwes = workflow.Cents(100000), workflow.Cents(50000)
		c.CostShare = workflow.CostShareTerms{Network: workflow.NetworkIn, Deductible: workflow.Cents(100000),
			DeductibleMet: workflow.Cents(100000), CoinsurancePct: 20, Copay: workflow.Cents(0),
			OOPMax: workflow.Cents(500000), OOPMet: workflow.Cents(0)}
	})
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("x", "down", "down", "down")
	r := workflow.CheckCostShare(st.get(t, id))
	if !r.Complete {
		t.Fatalf("the test case should be complete: %v", r.Missing)
	}
	d.contains(costShareTitle, "$500.00", "$200.00", "$300.00")
	for _, line := range r.Working {
		d.contains(strings.SplitN(wrap(line, 40), "\n", 2)[0])
	}
}

func TestFailingSaveOfAnEarlierCaseStillBlocksQuit(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	st.setFail(true)
	d.keys("down", "down", "enter")
	d.typ("Dr. Lee")
	d.keys("enter", "esc")
	d.contains(listTitle, "Not saved (")
	d.keys("q")
	d.contains(confirmQuitTitle)
	if d.quit {
		t.Fatal("quit with an unsaved case")
	}
}

var _ Store = (*store.Store)(nil)

func TestRealStoreSavesAndResumes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.db")
	s, err := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, s, 80, 24, nil)
	d.keys("n")
	d.typ("Stored for real")
	d.keys("enter", "esc", "esc")
	d.contains("Step 1 of 7")
	d.keys("esc")
	d.contains(listTitle, "Stored for real")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d = newDriver(t, s, 80, 24, nil)
	d.contains("Stored for real")
}

func TestQuestionMarkIsTextWhileTyping(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	d.keys("n")
	d.typ("?why")
	d.lacks(helpTitle)
	d.keys("enter")
	if got := st.get(t, 1).Title; got != "?why" {
		t.Fatalf("title %q", got)
	}
}

func TestNoticeCheck(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("n")
	d.contains(noticeTitle)
	elems := workflow.NoticeElements(st.get(t, id))
	d.contains(truncate(elems[0].Text, 40)[:20])
	d.keys("p", "m")
	c := st.get(t, id)
	if present, ok := c.Denial.Notice[elems[0].ID]; !ok || !present {
		t.Fatalf("first element not marked present: %v", c.Denial.Notice)
	}
	if present, ok := c.Denial.Notice[elems[1].ID]; !ok || present {
		t.Fatalf("second element not marked missing: %v", c.Denial.Notice)
	}
	if ok, _ := workflow.DeemedExhaustion(c); ok {
		d.contains("Your denial notice is missing")
	}
}

func TestCostShareTermsEditable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, fullCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { o.OpenID = id })
	d.keys("x", "down", "down", "down", "enter")
	d.contains("▸ Provider's network")
	d.keys("down", "enter")
	d.typ("1500")
	d.keys("enter")
	if got := st.get(t, id).CostShare.Deductible; got != workflow.Cents(150000) {
		t.Fatalf("deductible %v", got)
	}
}

// failingList is a store whose list cannot be read.
type failingList struct{ *memStore }

func (failingList) List(store.ListQuery) ([]store.Summary, error) {
	return nil, errors.New("file is damaged")
}

func (f failingList) Walk(q store.ListQuery, fn func(store.Summary) error) error {
	return walkList(f.List, q, fn)
}

func TestErrorsAreShown(t *testing.T) {
	d := newDriver(t, newMemStore(), 80, 24, func(o *Options) { o.OpenID = 42 })
	d.contains("Could not open the case: " + store.ErrNotFound.Error())
	d = newDriver(t, failingList{newMemStore()}, 80, 24, nil)
	d.contains("Could not read your cases: file is damaged")
}

func TestRulesRefuseAWrongValue(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.keys("down", "down", "down", "enter")
	d.contains("▸ Provider's NPI")
	d.typ("1234567890")
	d.keys("enter")
	want := workflow.ValidateNPI("1234567890").Error()
	d.contains(want[:30])
	if got := st.get(t, id).Claim.Provider.NPI; got != "" {
		t.Fatalf("a wrong NPI was stored: %q", got)
	}
	d.keys("backspace")
	d.typ("3")
	d.keys("enter")
	if got := st.get(t, id).Claim.Provider.NPI; got != "1234567893" {
		t.Fatalf("NPI %q", got)
	}
}

func TestExportToHomeDirectory(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	msg := writeLetter("~/letter.txt", "text", false)().(exportedMsg)
	if msg.err != nil || msg.path != filepath.Join(home, "letter.txt") {
		t.Fatalf("exported to %q: %v", msg.path, msg.err)
	}
}

func TestDecisionRunsTheDecisionTable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Step = workflow.StepTrack
		c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 10, 1), Method: workflow.MethodPortal,
			DecisionReceived: workflow.NewDate(2026, 11, 20)}}
		c.Resume = workflow.Resume{Step: workflow.StepTrack, Field: "appeals[0].decision"}
	})
	d := newDriver(t, st, 120, 40, func(o *Options) { o.OpenID = id })
	d.contains("▸ The plan's answer")
	d.keys("enter")
	want := "‹ " + choiceLabel(decisionChoices, string(workflow.DecisionOverturned)) + " ›"
	for range decisionChoices {
		if strings.Contains(d.screen(), want) {
			break
		}
		d.keys("right")
	}
	d.keys("enter")
	c := st.get(t, id)
	if c.Status != workflow.StatusResolved {
		t.Fatalf("an overturned level 1 appeal should resolve the case: status %q\n%s", c.Status, d.screen())
	}
	d.contains("Resolved: ")
}

// A choice being made shows its key hint whole, or not at all where the
// window is too narrow for it (the footer has the keys).
func TestChoiceHintIsNeverCut(t *testing.T) {
	for _, width := range []int{80, 120} {
		d := newDriver(t, newMemStore(), width, 24, engine(t))
		d.keys("n")
		for range 8 {
			d.keys("tab")
		}
		d.typ("CO-50")
		d.keys("enter", "enter")
		d.contains("‹ not medically necessary ›")
		scr := d.screen()
		for _, line := range strings.Split(scr, "\n") {
			if w := ansi.StringWidth(line); w > width {
				t.Errorf("a line %d wide in a window %d wide: %q", w, width, line)
			}
		}
		whole := strings.Contains(scr, choiceHint)
		if !whole && strings.Contains(scr, "←/→") {
			t.Errorf("at width %d the choice hint is cut:\n%s", width, scr)
		}
		if width == 120 && !whole {
			t.Errorf("at width 120 the choice hint should show:\n%s", scr)
		}
	}
}
