package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// A scenario is one of the three disputes of issue 12, typed into the
// real binary in an 80x24 pseudo-terminal from a fresh case file to a
// saved level 1 appeal, as a person would: reading the label under the
// cursor and typing the fact the scenario has for it, or enter to skip.
// The keystrokes are counted: the README's Performance section reports
// them.
type scenario struct {
	name string
	// form answers the new-case form: the fact for each label (by its
	// first words), a choice by its number; a label not listed is
	// skipped with enter.
	form []answer
	// step answers facts asked in the case's steps after the form: each
	// is jumped to from the letter's gaps or typed in a step.
	gaps []answer
	// docs are the documents, by their name in the documents pane, that
	// the person has in hand.
	docs []string
	// check, when set, is the EOB check found wrong, with what was found.
	check, found string
	// want is text the saved letter must hold.
	want []string
}

// answer is the fact typed for a question whose label starts with label.
// A new fact is one the wizard before issue 12 had no question for: its
// keystrokes are counted apart, to compare the two with the same facts.
type answer struct {
	label, text string
	new         bool
}

// The facts of the three scenarios.
var scenarios = []scenario{
	{
		name: "urgent pre-service",
		form: []answer{
			{"When is the care?", "3", false}, {"Is it urgent?", "2", false}, {"Which plan?", "2", false},
			{"A short name", "Dad's inpatient rehab after stroke denied", false},
			{"The insured person", "Robert Alvarez", false}, {"Date of birth", "06/02/1958", true},
			{"Your name, if you write", "Maria Alvarez", true}, {"You are the insured", "daughter", true},
			{"Provider", "Brookside Rehabilitation Hospital", false},
			{"Date printed on the denial", "11/20/2026", false}, {"Day you got the denial", "11/21/2026", false},
			{"Fax number for appeals", "(800) 555-0199", false}, {"Phone number for appeals", "800-555-0123", false},
			{"The reason, word for word", "Inpatient rehabilitation is not medically necessary; the member can be treated at a skilled nursing facility.", false},
			{"Kind of denial", "2", false},
		},
		gaps: []answer{
			{"why the denial is wrong", "After his stroke my father cannot walk or swallow safely; his neurologist ordered three hours of therapy a day, which a skilled nursing facility does not give.", true},
			{"your mailing address", "2210 Pecan Street, Austin, TX 78705", false},
			{"the member ID", "U4829113702", false},
			{"the service requested", "Inpatient rehabilitation admission after a stroke", true},
		},
		docs: []string{"Physician's statement of urgency"},
		want: []string{"EXPEDITED", "Maria Alvarez", "daughter", "(800) 555-0199", "Inpatient rehabilitation admission after a stroke"},
	},
	{
		name: "post-service behavioral health",
		form: []answer{
			{"When is the care?", "2", false}, {"Was it emergency", "1", true}, {"Mental health", "2", false},
			{"The limit the plan applied", "concurrent review after 20 visits", true}, {"Which plan?", "2", false},
			{"A short name", "Sam's therapy denied after session 20", false},
			{"The insured person", "Dana Reyes", false},
			{"The patient, if not", "Sam Reyes", false}, {"The patient is the insured", "son", true},
			{"The patient's date of birth", "03/04/2011", true},
			{"Claim number", "E2026100200311", false}, {"Date of service", "10/02/2026", false},
			{"Provider", "Lakeside Family Counseling", false},
			{"Date printed on the EOB", "10/20/2026", false}, {"Day you got the EOB", "10/24/2026", false},
			{"Reason codes", "CO-119", false},
			{"The reason, word for word", "Benefit maximum for outpatient psychotherapy reached after 20 visits; further visits are not medically necessary.", false},
			{"Kind of denial", "2", false},
		},
		gaps: []answer{
			{"why the denial is wrong", "Sam's depression is not in remission: his therapist's notes show he still meets the criteria for weekly sessions.", true},
			{"the appeals address", "Evernorth Behavioral Health, Appeals, P.O. Box 188064, Chattanooga, TN 37422", false},
			{"the member's mailing address", "418 Alder Street, Austin, TX 78704", false},
			{"the member ID", "U1234567801", false},
		},
		want: []string{"Sam Reyes", "E2026100200311", "CO-119"},
	},
	{
		name: "network error",
		form: []answer{
			{"When is the care?", "2", false}, {"Was it emergency", "1", true}, {"Which plan?", "2", false},
			{"A short name", "Physical therapy processed out of network", false},
			{"The insured person", "Lee Chen", false},
			{"Claim number", "E2026091800442", false}, {"Date of service", "09/18/2026", false},
			{"Provider", "Motion Physical Therapy", false},
			{"Date printed on the EOB", "10/01/2026", false}, {"Day you got the EOB", "10/05/2026", false},
			{"Reason codes", "CO-242", false},
			{"The reason, word for word", "Services not provided by network providers: paid at the out-of-network level.", false},
			{"Kind of denial", "6", false},
		},
		check: "x",
		found: "Motion Physical Therapy is in network: the directory listed it on 08/30/2026, and a call confirmed it (ref 8812).",
		gaps: []answer{
			{"why the denial is wrong", "Motion Physical Therapy was in network on the date of service.", true},
			{"the member's mailing address", "95 Cedar Court, Austin, TX 78702", false},
			{"the member ID", "U5550192733", false},
		},
		want: []string{"Motion Physical Therapy", "E2026091800442", "in network"},
	},
}

// counter types into the program and counts the keys it took: a
// character is a key, and so is enter, escape or an arrow.
type counter struct {
	screenRun
	keys  int // every key
	chars int // the characters typed
	new   int // the characters of the facts the earlier wizard had no question for
}

func (c *counter) press(keys ...string) {
	c.t.Helper()
	for _, k := range keys {
		before := c.Screen()
		c.Type(k)
		c.keys++
		for i := 0; i < 50 && c.Screen() == before; i++ {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func (c *counter) text(s string) {
	c.t.Helper()
	c.Type(s)
	c.keys += utf8.RuneCountInString(s)
	c.chars += utf8.RuneCountInString(s)
}

// focused is the label under the form's cursor, as shown: its first
// line, without the value beside it.
func (c *counter) focused() string {
	for _, l := range strings.Split(c.Screen(), "\n") {
		if _, main, ok := strings.Cut(l, "│ "); ok {
			l = main
		}
		if _, rest, ok := strings.Cut(l, "▸ "); ok {
			label, _, _ := strings.Cut(strings.TrimSpace(rest), "  ")
			return label
		}
	}
	return ""
}

// fill answers a form from answers, field by field, until its end.
func (c *counter) fill(answers []answer, end string) {
	c.t.Helper()
	for range 60 {
		if strings.Contains(c.Screen(), end) {
			return
		}
		label := c.focused()
		for _, a := range answers {
			if strings.HasPrefix(label, a.label) {
				c.text(a.text)
				if a.new {
					c.new += utf8.RuneCountInString(a.text)
				}
				break
			}
		}
		c.press("\r")
		// The next question is on the screen before the next answer.
		for i := 0; i < 200 && c.focused() == label && !strings.Contains(c.Screen(), end); i++ {
			time.Sleep(10 * time.Millisecond)
		}
		if c.focused() == label {
			c.t.Fatalf("the answer to %q was refused:\n%s", label, c.Screen())
		}
	}
	c.t.Fatalf("the form never ended:\n%s", c.Screen())
}

// pause waits as a person does before a command after a form or a
// dialog closed: the wizard holds keys a moment then.
func (c *counter) pause() { time.Sleep(700 * time.Millisecond) }

func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in a pseudo-terminal")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "overturn")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			home := t.TempDir()
			env := []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data"), "PATH=" + os.Getenv("PATH"),
				"OVERTURN_NOW=" + scriptNow, "TZ=UTC"}
			c := &counter{screenRun: startBinary(t, bin, home, env)}
			c.WaitFor("Press n to start your first case")
			c.press("n")
			c.WaitFor("When is the care?")
			c.fill(sc.form, "That is all for now")
			c.press("\r")
			c.WaitFor("Step 1 of 7")
			if sc.name == "urgent pre-service" {
				// The first screen after the form says the case is urgent,
				// the 72-hour review, and the route by phone and fax.
				c.WaitFor("URGENT · appeal now · 72-hour review")
				c.WaitFor("fax ((800) 555-0199)")
			}
			c.pause()
			if sc.check != "" {
				c.press("x")
				c.WaitFor("EOB error check")
				c.press("e")
				c.text(sc.found)
				c.press("\r", "\r")
				c.pause()
			}
			c.press("l")
			c.WaitFor("Level 1 appeal")
			for range 10 {
				c.pause()
				gap := firstMustFill(c.Screen())
				if gap == "" {
					break
				}
				if strings.Contains(gap, "to enclose") {
					c.press("1")
					c.WaitFor("Documents")
					c.tick(sc.docs)
					c.press("l")
					c.WaitFor("Level 1 appeal")
				} else {
					c.answerGap(gap, sc.gaps)
				}
				for i := 0; i < 300 && firstMustFill(c.Screen()) == gap; i++ {
					time.Sleep(10 * time.Millisecond)
				}
			}
			c.WaitFor("Ready to send")
			c.pause()
			c.press("s")
			c.WaitFor("Save the letter as a text file")
			c.press("\r")
			c.WaitFor("Saved to")
			t.Logf("%s: %d keys to a saved level 1 appeal (%d of them characters typed); %d with the facts the earlier wizard took",
				sc.name, c.keys, c.chars, c.keys-c.new)
			c.pause()
			c.press("q")
			if status := c.Wait(); status != 0 {
				t.Fatalf("overturn ended with status %d", status)
			}
			letters, _ := filepath.Glob(filepath.Join(home, "Documents", "Overturn", "*-level1-2026-11-27.txt"))
			if len(letters) != 1 {
				t.Fatalf("letters saved: %v", letters)
			}
			data, _ := os.ReadFile(letters[0])
			for _, w := range sc.want {
				if !strings.Contains(strings.Join(strings.Fields(string(data)), " "), w) {
					t.Errorf("the letter lacks %q:\n%s", w, data)
				}
			}
		})
	}
}

// firstMustFill is the first gap the letter must have filled, as the
// letters screen lists it, or "".
func firstMustFill(scr string) string {
	_, gaps, ok := strings.Cut(scr, "Must fill before sending:\n")
	if !ok {
		return ""
	}
	first := strings.TrimSpace(strings.SplitN(gaps, "\n", 2)[0])
	return strings.TrimSpace(strings.TrimPrefix(first, "1"))
}

// answerGap fills the gap with the scenario's fact for it, in the dialog
// its number opens.
func (c *counter) answerGap(gap string, facts []answer) {
	c.t.Helper()
	for _, a := range facts {
		if !strings.HasPrefix(gap, a.label) {
			continue
		}
		c.press("1")
		if strings.HasPrefix(c.focused(), "Procedure code") {
			// The service is asked by its code or in words: the words.
			c.press("\r")
		}
		c.text(a.text)
		if a.new {
			c.new += utf8.RuneCountInString(a.text)
		}
		c.press("\r")
		for i := 0; i < 200 && strings.Contains(c.Screen(), "╭"); i++ {
			if strings.Contains(c.Screen(), "Press enter to close") {
				c.press("\r")
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		return
	}
	c.t.Fatalf("the scenario has no fact for the gap %q:\n%s", gap, c.Screen())
}

// tick marks the documents named in hand in the documents pane: a
// suggested one with space, once.
func (c *counter) tick(names []string) {
	c.t.Helper()
	for _, name := range names {
		rows := 0
		for _, l := range strings.Split(c.Screen(), "\n") {
			_, main, _ := strings.Cut(l, "│ ")
			main = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(main), "▸"))
			if !strings.Contains(main, " · ") {
				continue
			}
			if strings.HasPrefix(main, name) {
				for range rows {
					c.press("\x1b[B")
				}
				c.press(" ")
				break
			}
			rows++
		}
	}
}
