package tui

import (
	"strings"

	"github.com/overturn/overturn/workflow"
)

// Every word the person reads lives in this file, so wording can be reviewed
// and changed in one place.

const (
	appName    = "Overturn"
	appTagline = "appeal a denied health insurance claim"

	emptyLine1 = "Overturn helps you appeal a denied or underpaid health insurance claim."
	emptyLine2 = "It checks your EOB, guides you through seven steps and writes your letters."
	emptyLine3 = "Press n to start your first case."

	tooSmall    = "Make the window larger: Overturn needs at least 80 columns and 24 rows (now %d × %d)."
	keysIgnored = "%d keys were not used: nothing is done while the window is too small."

	listTitle       = "Cases"
	deadlinesTitle  = "Upcoming deadlines"
	noDeadlines     = "No open deadlines."
	noMatches       = "No case matches “%s”. Press esc to clear the filter."
	filterPrompt    = "Filter: "
	caseCountOne    = "1 case"
	caseCountMany   = "%d cases"
	stepOfSeven     = "step %d of 7"
	untitledCase    = "Untitled case"
	loadingCases    = "Loading your cases…"
	searching       = "Searching…"
	noCaseYet       = "no case yet"
	statusResolved  = "resolved"
	statusExhausted = "appeals used up"
	statusClosed    = "closed"

	daysLeftOne  = "1 day"
	daysLeftMany = "%d days"
	dueToday     = "today"
	overdueOne   = "1 day late"
	overdueMany  = "%d days late"

	savedAt       = "saved %s"
	saving        = "saving…"
	saveFailed    = "Not saved (%s): trying again in %d s"
	cannotKeep    = "this change cannot be kept: %v"
	tooLong       = "this answer is too long: it has %d bytes, the most allowed is %d. Shorten it, or keep the whole text in a file of its own"
	loadFailed    = "Could not read your cases: %s"
	listFailed    = "could not read your cases: %w"
	openFailed    = "Could not open the case: %s"
	deletedStatus = "Deleted. Press u to bring it back."
	restored      = "Brought back “%s”."
	deleteFailed  = "Could not delete: %s"
	restoreFailed = "Could not bring it back: %s"
	copied        = "Copied the letter to the clipboard."
	copiedOSC52   = "No clipboard found: sent it to the terminal (OSC 52)"
	calendarTo    = "Saved your appeal deadlines to %s: open it with your calendar."
	calendarFail  = "Could not save the calendar: %s"
	letterSaved   = "Letter saved."
	exportFailed  = "Could not save the letter: %s"
	settling      = "The form just closed: press that key again to use it."

	confirmDeleteTitle = "Delete “%s”?"
	confirmDeleteBody  = "It goes to the trash and stays there for 30 days; press u right after to bring it back."
	confirmQuitTitle   = "Quit with an unsaved change?"
	confirmQuitBody    = "What you are typing in “%s” has not been saved: quitting now loses it."
	confirmQuitSaving  = "Your last change could not be saved (%s): quitting now loses it."
	confirmOverwrite   = "Replace %s?"
	confirmOverBody    = "A file with this name already exists. Replacing it loses what it holds."
	confirmHint        = "← → or tab: the other button · enter: choose · esc: keep"

	exportTitle  = "Save the letter as a text file"
	pdfTitle     = "Save the letter as a PDF, to print"
	calendarName = "appeal-deadlines.ics"
	calendarHead = "Save your deadlines as a calendar file (.ics)"
	exportHint   = "It goes in this folder unless you change the path; enter saves it, esc cancels. A name already used is never replaced without asking."

	helpTitle  = "Keys"
	helpLegend = "Steps: ✓ done · ● ready to finish (press f) · ○ not ready yet. A key that cannot be used now says why."
	helpClose  = "Press ? or esc to close."
	helpMore   = "↓ for more · ? or esc to close"

	newCaseTitle  = "New case"
	newCaseIntro  = "First your situation, then what is on the EOB or the denial letter. Leave out what you do not have yet: enter skips a question, and each answer is saved as soon as you give it."
	newCaseEnd    = "That is all for now. Press enter to open the case, where the rest is asked step by step."
	formEnd       = "End of the form. Press enter or esc to leave it."
	formEndMark   = "— end of the form —"
	stepFormEnd   = "End of this step's facts. Press enter or esc to leave the form; f finishes the step when it is ready."
	checkFormEnd  = "End of this check. Press enter or esc to go back to the checks."
	entryFormEnd  = "Saved. Press enter or esc to go back to the list."
	fieldsEnd     = "Saved. Press enter to close."
	formAboveOne  = "↑ 1 field above"
	formAbove     = "↑ %d fields above"
	formBelowOne  = "↓ 1 more below"
	formBelow     = "↓ %d more below"
	formBelowEnd  = "↓ the end of the form below"
	formTypedPast = "This is the end of the form: what you typed was not used. Press enter or esc to leave it, shift+tab to go back."
	choiceTyped   = "Choose with ↑ ↓ or the option's number, then press enter."

	caseHeaderClaim     = "claim %s"
	caseHeaderNoClaim   = "no claim number yet"
	caseResolved        = "Resolved: %s."
	caseExhausted       = "The appeals are used up: you can still complain to the regulator and talk to a lawyer or patient advocate."
	caseClosed          = "This case is closed."
	caseIs              = "the case is %s"
	stepHeading         = "Step %d of 7 · %s"
	stepDoneMark        = "done"
	stepReadyMark       = "ready: press f"
	stepNeedsMark       = "○ %d to fill"
	factsLabel          = "What to note"
	noFacts             = "nothing to note in this step"
	nextLabel           = "Next"
	noNextActions       = "Nothing is waiting on you right now."
	needsPrefix         = "needs "
	needsOne            = "needs 1 fact"
	needsMany           = "needs %d facts"
	lastStepBrief       = "the last step"
	earlierNeeds        = "step %d still needs %s"
	earlierNeedsBrief   = "step %d %s"
	stepFinished        = "Step %d is done. Now: %s."
	lastStep            = "step 7 ends when the case is resolved or every appeal is used"
	firstStep           = "this is the first step"
	stepFirst           = "finish step %d first"
	stepMoved           = "The case moves to step %d: %s."
	alreadyDone         = "already done"
	sidebarLetters      = "Letters (%d)"
	sidebarCalls        = "Calls (%d)"
	sidebarDocs         = "Documents (%d/%d)"
	sidebarChecklist    = "EOB error check"
	sidebarNotice       = "Denial notice check"
	sidebarCodes        = "Reason codes (%d)"
	noDeadlineHeader    = "no deadline yet"
	headerDeadline      = "%s · %s · %s"
	headerDeadlineShort = "due %s · %s"
	headerUrgent        = "URGENT · appeal now · 72-hour review"
	headerGovernment    = "government plan: follow your notice's dates"
	urgentBanner        = "URGENT: appeal now %s, marked EXPEDITED. The plan must decide within 72 hours of receiving it."
	urgentRoute         = "by phone (%s) and fax (%s)"
	urgentNoPhone       = "the number on the denial letter"
	urgentNoFax         = "the fax number on the denial letter"
	governmentBanner    = "A government program (Medicare, Medicaid, TRICARE, VA, FEHB): its own appeal rules and dates apply, printed on your notice. Press g to read why."

	checklistTitle = "EOB error check"
	checklistIntro = "Many denials are simple processing mistakes. Look at your EOB for each of these five: y if it is fine, e if you found the error."
	spotLabel      = "How to spot it"
	fixLabel       = "How to fix it"
	costShareTitle = "Cost-sharing check"
	costShareNeeds = "To check the math, fill in your plan's terms below (press enter)."
	costShareAlso  = "It also needs: %s."

	noticeTitle = "Denial notice check"
	noticeIntro = "A denial notice must contain each of these. Mark each one in your notice (y) or missing (m); a missing one is worth naming in the appeal."
	noticeNone  = "These rules do not apply to government plans such as Medicare or Medicaid."

	codesTitle       = "Reason codes"
	codesIntro       = "What the codes on your EOB or denial letter mean, in full."
	codesNone        = "No reason codes yet. Press enter to type the codes printed on your EOB or denial letter."
	codesUnavailable = "The code table did not load: the codes cannot be explained."

	callsTitle    = "Call log"
	callsIntro    = "Write down every call: who you spoke to, the reference number and what they said."
	callsEmpty    = "No calls yet. Press a to add one; it starts with today's date and time."
	docsTitle     = "Documents"
	docsIntro     = "The appeal is stronger with every document that backs it. Space moves one from needed to asked for to in hand."
	docsEmpty     = "No documents yet. Press a to add one."
	suggestedHead = "Suggested for this denial (space: I have it):"
	suggestedMark = "suggested"
	noEntryHere   = "choose an entry of the list first"
	entryRemove   = "Remove this entry?"
	entryRemoved  = "Removed."
	entryChanged  = "The list changed meanwhile: nothing was removed."

	lettersTitle        = "Letters"
	lettersNone         = "No letter applies to this case yet. Fill in the first steps and come back."
	letterMustFill      = "Must fill before sending:"
	letterStrengthen    = "Would strengthen it:"
	letterLines         = "lines %d–%d of %d"
	letterOfN           = "letter %d of %d"
	letterReady         = "✓ Ready to send: nothing to fill, every enclosure in hand."
	letterNotReady      = "Not ready to send yet: %s."
	letterFactOne       = "1 fact to fill"
	letterFactMany      = "%d facts to fill"
	letterEnclosureOne  = "1 enclosure to get (%s)"
	letterEnclosureMany = "%d enclosures to get (%%s)"
	letterSavedTo       = "Saved to %s"
	moreGaps            = "… %d more: press %s to see them all"
	gapsTitle           = "What this letter lacks"
	gapsHint            = "Its number (or ↑ ↓ and enter) fills one; esc closes."
	oneLetter           = "only one letter fits the case now"
	lettersUnavailable  = "Letters cannot be written: the letter templates did not load."
	letterOption        = "An option beside your appeal, not ready to send on its own: see the note below the letter."

	criterionLabel = "Policy criterion %d"
	criterionHelp  = "Copy one criterion of the coverage policy, word for word; the next one is asked after it."
	evidenceLabel  = "Your evidence for %d"
	decoderUnknown = "%s: not a code Overturn knows. Check it on the EOB's code list."
	decoderRetired = " (retired code)"
	decoderSuggest = "Suggested kind of denial: %s"

	a11yWelcome     = "Overturn: appeal a denied health insurance claim. Answers are saved as you go. At each question, an empty answer keeps what is there, and - clears it. Menus are numbered; their numbers never change."
	a11yChooseCase  = "Which case?"
	a11yNewCase     = "Start a new case"
	a11yQuit        = "Quit"
	a11yShowing     = "(cases %d to %d of %d)"
	a11yMoreCases   = "Show the next cases"
	a11yFirstCases  = "Back to the newest cases"
	a11yStep        = "Step %d of 7: %s."
	a11yWhy         = "Why it matters: %s"
	a11yDo          = "What to do: %s"
	a11yMissing     = "Still needed for this step: %s."
	a11yStepDone    = "This step has everything it needs."
	a11yNext        = "What next?"
	a11yFinish      = "Mark this step done and go on"
	a11yStay        = "Answer this step's questions"
	a11yChecks      = "The EOB error check"
	a11yCostShare   = "The plan's cost-sharing terms (deductible, coinsurance, out-of-pocket maximum)"
	a11yLetter      = "Read a letter and save it"
	a11yBack        = "Back to the case list"
	a11yAddCall     = "Add a call to the call log"
	a11yAddDoc      = "Add a document"
	a11yEditCall    = "Change or remove a call in the log"
	a11yEditDoc     = "Change or remove a document"
	a11yNotYet      = "%s (not now: %s)"
	a11yNoCalls     = "no call logged yet"
	a11yNoDocs      = "no document listed yet"
	a11yWhichEntry  = "Which one?"
	a11yEntryBack   = "None: go back"
	a11yEntryChange = "Change its details"
	a11yEntryRemove = "Remove it"
	a11yCurrent     = "now: %s"
	a11yClearHint   = "- clears it"
	a11yChoose      = "Type a number from 1 to %d, then enter"
	a11yKeepChoice  = "; enter alone keeps %d"
	a11yBadNumber   = "%q is not one of the numbers: type a number from 1 to %d."
	a11yNotNow      = "That cannot be done now: %s."
	a11ySaveLetter  = "Save this letter? Enter saves it as %s; type another path to save it there, or - to skip:"
	a11ySaved       = "Saved."
	a11yNotSaved    = "Not saved: %s"
	a11yNextAction  = "Next: %s"
	a11yDeadline    = "Nearest deadline: %s."
	a11yUrgent      = "Urgent care: send the appeal now, %s, marked EXPEDITED; the plan must decide within 72 hours of receiving it."
	a11yWhichLetter = "Which letter?"
	a11yLetterMiss  = "Before sending, this letter needs: %s. Each is asked now; an empty answer leaves it for later."
	a11yLetterGap   = "Beside the letter (%s): %s."
	a11yLetterStart = "--- The letter ---"
	a11yLetterEnd   = "--- End of the letter ---"
	a11yReplace     = "%s already exists. Replace it? Type yes to replace it, anything else to keep it:"
	a11yLetterDocs  = "This letter encloses documents: mark each one you have."
	a11yDocStatus   = "%s: do you have it?"
	a11yEnded       = "End of input: every answer given was saved."
	a11yNoMore      = "no other cases"
	a11yLeaveIt     = "leave it as it is"
)

// keyHelp is the wording of every key, shown in the footer and in help,
// and the headings help lists them under.
var keyHelp = struct {
	Quit, Interrupt, Help, Back, BackToList, BackToChecks, BackToList2, New, Open, Delete, Undo, Letter, Filter,
	FilterDone, FilterClear, Up, Down, Edit, Type, Fields, Save, SaveNext, Cancel, StopTyping, Leave, NextField, PrevField,
	NextStep, PrevStep, Steps, Guide, GuideClose, Finish, FinishForm, OpenCase, Checklist, Notice, Calls, Docs, Codes, EditCodes, Letters,
	Actions, ActionsN, Fine, Found, Unchecked, Present, Absent, Details, Add, Remove, Status, HaveIt, Scroll,
	NextLetter, PrevLetter, Export, PDF, Calendar, Copy, Jump, AllGaps, Choose, OtherButton, Confirm, Close, Keep, Replace, QuitAnyway string
	GroupEverywhere, GroupList, GroupForm, GroupCase, GroupStep, GroupPane, GroupLetters, GroupDialog string
}{
	Quit: "quit", Interrupt: "quit at once", Help: "help", Back: "back", BackToList: "back",
	BackToChecks: "back to the checks", BackToList2: "back to the list",
	New: "new case", Open: "open", Delete: "delete", Undo: "bring back", Letter: "letters", Filter: "filter",
	FilterDone: "keep the filter", FilterClear: "clear the filter",
	Up: "up", Down: "down", Edit: "edit", Type: "edit", Fields: "fields", Save: "save",
	SaveNext: "save, next", Cancel: "cancel", StopTyping: "stop typing", Leave: "leave the form",
	NextField: "next field", PrevField: "previous field",
	NextStep: "next step", PrevStep: "previous step", Steps: "next step", Guide: "read all", GuideClose: "back to the form",
	Finish: "finish step", FinishForm: "leave the form", OpenCase: "open the case",
	Checklist: "EOB check", Notice: "notice check", Calls: "calls", Docs: "documents", Codes: "reason codes",
	EditCodes: "change the codes", Letters: "letters", Actions: "do a next action", ActionsN: "do next action",
	Fine: "fine", Found: "error found", Unchecked: "not checked", Present: "in the notice", Absent: "missing",
	Details: "what you found", Add: "add", Remove: "remove", Status: "next status", HaveIt: "I have it", Scroll: "scroll",
	NextLetter: "next letter", PrevLetter: "previous letter", Export: "save .txt", PDF: "save .pdf",
	Calendar: "deadlines to calendar",
	Copy:     "copy", Jump: "fill a gap", AllGaps: "all gaps", Choose: "choose", OtherButton: "other button",
	Confirm: "confirm", Close: "close", Keep: "Keep", Replace: "Replace", QuitAnyway: "Quit anyway",
	GroupEverywhere: "Everywhere", GroupList: "Case list", GroupForm: "The form", GroupCase: "In a case (every pane)",
	GroupStep: "A step", GroupPane: "This pane", GroupLetters: "Letters", GroupDialog: "This dialog",
}

// choicesOf offers the values of an enumeration with their labels, after
// an option for "not known yet" when unknown is not "".
func choicesOf[T interface {
	~string
	Label() string
}](values []T, unknown string) []choice {
	var out []choice
	if unknown != "" {
		out = append(out, choice{"", unknown})
	}
	for _, v := range values {
		out = append(out, choice{string(v), v.Label()})
	}
	return out
}

var (
	notSure         = "not sure yet"
	categoryChoices = choicesOf(workflow.Categories(), notSure)
	reviewerChoices = choicesOf(workflow.Reviewers(), notSure)
	planChoices     = choicesOf(workflow.PlanTypes(), notSure)
	fundingChoices  = choicesOf(workflow.Fundings(), notSure)
	bhLevelChoices  = choicesOf(workflow.BHLevels(), notSure)
	levelsChoices   = []choice{{"0", notSure}, {"1", "one level"}, {"2", "two levels"}}
	methodChoices   = choicesOf(workflow.Methods(), "not sent yet")
	// careChoices ask when the care is, in the words of the person it
	// happens to; whether it is urgent is the next question.
	careChoices = []choice{
		{"", notSure},
		{string(workflow.ReviewPostService), "already received: there is a bill or an EOB"},
		{string(workflow.ReviewPreService), "still to come"},
		{string(workflow.ReviewConcurrent), "going on now, and cut short"},
	}
	decisionChoices = []choice{
		{"", "no answer yet"},
		{string(workflow.DecisionPending), "waiting"},
		{string(workflow.DecisionOverturned), "overturned: they will pay"},
		{string(workflow.DecisionPartlyOverturned), "partly overturned"},
		{string(workflow.DecisionUpheld), "upheld: still denied"},
	}
	escalateLevelChoices = []choice{
		{"", notSure},
		{string(workflow.Level2), "level 2 internal appeal"},
		{string(workflow.LevelExternal), "external review (IRO)"},
	}
	networkChoices   = choicesOf(workflow.Networks(), notSure)
	yesNoChoices     = []choice{{"false", "no"}, {"true", "yes"}}
	callWithChoices  = choicesOf(workflow.CallParties(), "")
	docKindChoices   = choicesOf(workflow.DocKinds(), "")
	docStatusChoices = []choice{
		{string(workflow.DocNeeded), "needed"},
		{string(workflow.DocRequested), "asked for"},
		{string(workflow.DocHave), "have it"},
	}
)

// When conditions of the fields: what the case says so far.
func afterCare(c *workflow.Case) bool  { return !c.Denial.Review.BeforeCare() }
func beforeCare(c *workflow.Case) bool { return c.Denial.Review.BeforeCare() }
func urgent(c *workflow.Case) bool     { return c.Denial.IsUrgent() }
func hasPatient(c *workflow.Case) bool { return strings.TrimSpace(c.Patient.Name) != "" }
func noPatient(c *workflow.Case) bool  { return !hasPatient(c) }
func hasRep(c *workflow.Case) bool     { return strings.TrimSpace(c.Representative.Name) != "" }
func groupPlan(c *workflow.Case) bool  { return c.Plan.Group() }
func emergency(c *workflow.Case) bool  { return c.Claim.Emergency }
func behavioral(c *workflow.Case) bool { return c.Denial.BehavioralHealth }
func outOfNetwork(c *workflow.Case) bool {
	return c.Claim.Provider.Network == workflow.NetworkOut || c.Denial.Category == workflow.CategoryNetwork
}
func priorAuth(c *workflow.Case) bool {
	return c.Denial.Category == workflow.CategoryPriorAuth || c.EOBErrors.PriorAuth.Status == workflow.CheckError
}

// The facts that are asked in more than one place.
var (
	reviewField = fieldDef{Path: "denial.review", Label: "When is the care?", Kind: kindChoice, Choices: careChoices,
		Help: "Care still to come or going on can be urgent: the next question asks."}
	urgentField = fieldDef{Path: "denial.urgent", Label: "Is it urgent?", Kind: kindChoice, Choices: yesNoChoices, When: beforeCare,
		Help: "Urgent means waiting the usual 30 days or more for an answer could seriously jeopardize the patient's life, " +
			"health or ability to regain maximum function, or leave severe pain untreated. When a doctor says so, the plan " +
			"must treat it as urgent and decide within 72 hours."}
	emergencyField = fieldDef{Path: "claim.emergency", Label: "Was it emergency care?", Kind: kindChoice, Choices: yesNoChoices,
		When: afterCare, Help: "Care in an emergency room (or an ambulance) for symptoms that seemed to need care right away: " +
			"it is covered without prior authorization, at the in-network level."}
	planField = fieldDef{Path: "plan.type", Label: "Which plan?", Kind: kindChoice, Choices: planChoices,
		Help: "Through work, bought yourself, or a government program: it decides which rules and deadlines apply."}
	behavioralField = fieldDef{Path: "denial.behavioral_health", Label: "Mental health or substance use care?", Kind: kindChoice,
		Choices: yesNoChoices, Help: "Therapy, psychiatric care, or treatment for alcohol or drug use: other rules apply " +
			"to it (parity), and often another reviewer."}
	limitField = fieldDef{Path: "denial.limit", Label: "The limit the plan applied, in its words",
		Placeholder: "e.g. review after 20 visits", Kind: kindLong}
	memberName  = fieldDef{Path: "member.name", Label: "The insured person (as on the card)", Kind: kindText}
	patientName = fieldDef{Path: "patient.name", Label: "The patient, if not the insured person", Kind: kindText}
	patientRel  = fieldDef{Path: "patient.relationship", Label: "The patient is the insured person's", Placeholder: "son, daughter, spouse",
		Kind: kindText, When: hasPatient}
	patientDOB = fieldDef{Path: "patient.date_of_birth", Label: "The patient's date of birth", Placeholder: "MM/DD/YYYY",
		Kind: kindDate, When: hasPatient}
	memberDOB = fieldDef{Path: "member.date_of_birth", Label: "Date of birth", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: noPatient}
	repName   = fieldDef{Path: "representative.name", Label: "Your name, if you write for the insured person", Kind: kindText,
		Help: "Leave it empty when you are the insured person. A letter you write for them says you are their authorized " +
			"representative and carries their signed authorization."}
	repRel = fieldDef{Path: "representative.relationship", Label: "You are the insured person's", Placeholder: "daughter, son, advocate",
		Kind: kindText, When: hasRep}
	denialDate     = fieldDef{Path: "denial.letter_date", Label: "Date printed on the denial letter", Placeholder: "MM/DD/YYYY", Kind: kindDate}
	denialReceived = fieldDef{Path: "denial.received", Label: "Day you got the denial letter", Placeholder: "MM/DD/YYYY", Kind: kindDate}
	appealsFax     = fieldDef{Path: "denial.appeals_fax", Label: "Fax number for appeals (on the denial letter)", Kind: kindText}
	appealsPhone   = fieldDef{Path: "denial.appeals_phone", Label: "Phone number for appeals", Kind: kindText}
	codesField     = fieldDef{Path: "eob.codes", Label: "Reason codes", Placeholder: "e.g. CO-50, N130", Kind: kindCodes}
	reasonField    = fieldDef{Path: "eob.reason", Label: "The reason, word for word", Kind: kindLong}
	categoryField  = fieldDef{Path: "denial.category", Label: "Kind of denial", Kind: kindChoice, Choices: categoryChoices}
	serviceCode    = fieldDef{Path: "claim.procedures[0].code", Label: "Procedure code (CPT or HCPCS)", Placeholder: "e.g. 90837", Kind: kindText}
	serviceWhat    = fieldDef{Path: "claim.procedures[0].description", Label: "The care, in words (when it has no code)", Kind: kindText}
	serviceUnits   = fieldDef{Path: "claim.procedures[0].units", Label: "Units (visits, days, sessions)", Placeholder: "e.g. 12", Kind: kindCount}
	diagnoses      = fieldDef{Path: "claim.diagnoses", Label: "Diagnosis codes (ICD-10)", Placeholder: "e.g. I63.9, F32.1", Kind: kindList,
		Help: "On the EOB, the bill or the doctor's notes; separate them with commas."}
	providerName = fieldDef{Path: "claim.provider.name", Label: "Provider (doctor, hospital, therapist)", Kind: kindText}
)

// newCaseFields is the new-case form: the situation first, then what is
// on the EOB (care received) or the denial letter (care to come).
var newCaseFields = []fieldDef{
	reviewField,
	urgentField,
	emergencyField,
	behavioralField,
	withWhen(limitField, behavioral),
	planField,
	{Path: "title", Label: "A short name for this case", Placeholder: "e.g. MRI denied as not necessary", Kind: kindText},
	memberName,
	patientName, patientRel, patientDOB, memberDOB,
	repName, repRel,
	{Path: "claim.number", Label: "Claim number (on the EOB)", Kind: kindText, When: afterCare},
	{Path: "claim.date_of_service", Label: "Date of service", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
	providerName,
	{Path: "eob.date", Label: "Date printed on the EOB", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
	{Path: "eob.received", Label: "Day you got the EOB", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
	withWhen(denialDate, beforeCare), withWhen(denialReceived, beforeCare),
	withWhen(appealsFax, urgent), withWhen(appealsPhone, urgent),
	codesField, reasonField, categoryField,
}

// withWhen returns d asked only when when holds.
func withWhen(d fieldDef, when func(c *workflow.Case) bool) fieldDef {
	d.When = when
	return d
}

// stepFields are the facts each step asks for, those that apply to the
// case.
var stepFields = map[workflow.Step][]fieldDef{
	workflow.StepEOB: {
		{Path: "claim.number", Label: "Claim number", Kind: kindText, When: afterCare},
		{Path: "claim.date_of_service", Label: "Date of service", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
		{Path: "claim.date_of_service", Label: "Date of the care, if planned", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: beforeCare},
		withWhen(denialDate, beforeCare), withWhen(denialReceived, beforeCare),
		withWhen(appealsFax, beforeCare), withWhen(appealsPhone, beforeCare),
		providerName,
		{Path: "claim.provider.npi", Label: "Provider's NPI (10 digits)", Kind: kindText},
		{Path: "eob.date", Label: "Date printed on the EOB", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
		{Path: "eob.received", Label: "Day you got the EOB", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
		codesField, reasonField,
		serviceCode, serviceWhat, serviceUnits, diagnoses,
		{Path: "claim.billed", Label: "Amount billed", Placeholder: "0.00", Kind: kindMoney, When: afterCare},
		{Path: "claim.allowed", Label: "Amount allowed", Placeholder: "0.00", Kind: kindMoney, When: afterCare},
		{Path: "claim.plan_paid", Label: "Plan paid", Placeholder: "0.00", Kind: kindMoney, When: afterCare},
		{Path: "claim.member_owes", Label: "EOB says you owe", Placeholder: "0.00", Kind: kindMoney, When: afterCare},
		{Path: "claim.related", Label: "Other claims denied the same way", Placeholder: "e.g. 10/28/2026, claim E2026102800431",
			Kind: kindLong, When: afterCare, Help: "Each visit of a course of care is often its own claim: give each one's date " +
				"and claim number, separated by semicolons. The appeal asks that its decision apply to them too."},
	},
	workflow.StepReason: {
		categoryField, reviewField, urgentField,
		{Path: "denial.letter_date", Label: "Date on the denial letter", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
		{Path: "denial.received", Label: "Day you got the letter", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: afterCare},
		{Path: "denial.reviewer", Label: "Who decided", Kind: kindChoice, Choices: reviewerChoices},
		{Path: "denial.policy.number", Label: "Coverage policy number", Kind: kindText},
		{Path: "denial.policy.title", Label: "Coverage policy title", Kind: kindText},
		behavioralField,
		{Path: "denial.bh_level", Label: "Level of care", Kind: kindChoice, Choices: bhLevelChoices, When: behavioral},
		withWhen(limitField, behavioral),
		emergencyField,
		{Path: "claim.symptoms", Label: "The symptoms that made the patient seek care", Kind: kindLong, When: emergency},
		planField,
		{Path: "plan.funding", Label: "Who pays the claims", Kind: kindChoice, Choices: fundingChoices, When: groupPlan,
			Help: "The plan documents or the card say \"administered by\" (self-funded) or \"insured by\" (fully insured)."},
		{Path: "plan.employer", Label: "Employer", Kind: kindText, When: groupPlan},
		{Path: "plan.state", Label: "State of the plan", Placeholder: "e.g. Texas or TX", Kind: kindState},
		{Path: "plan.internal_levels", Label: "Internal appeal levels", Kind: kindChoice, Choices: levelsChoices},
		{Path: "denial.argument", Label: "Why the denial is wrong, in your own words", Kind: kindLong,
			Help: "What the records and the facts show against the reason given: the appeal carries it as a paragraph of its own."},
		{Path: "claim.provider.network", Label: "Is the provider in the plan's network?", Kind: kindChoice, Choices: networkChoices},
		{Path: "claim.provider.specialty", Label: "What the provider does", Placeholder: "e.g. anesthesiology", Kind: kindText, When: outOfNetwork},
		{Path: "claim.facility.name", Label: "Hospital or facility of the care", Kind: kindText, When: outOfNetwork},
		{Path: "claim.facility.network", Label: "Is the facility in network?", Kind: kindChoice, Choices: networkChoices, When: outOfNetwork},
	},
	workflow.StepCall: {
		{Path: "member.member_id", Label: "Member ID (on your card)", Kind: kindText},
		{Path: "member.group_number", Label: "Group number (on your card)", Kind: kindText},
	},
	workflow.StepGather: {
		{Path: "physician.name", Label: "The doctor who ordered the care", Kind: kindText},
		{Path: "physician.credentials", Label: "Their credentials", Placeholder: "MD, DO, LCSW", Kind: kindText},
		{Path: "physician.specialty", Label: "Their specialty", Placeholder: "e.g. neurology", Kind: kindText},
		{Path: "physician.address", Label: "Doctor's address", Kind: kindLong},
		{Path: "physician.phone", Label: "Doctor's phone", Kind: kindText},
		{Path: "physician.fax", Label: "Doctor's fax", Kind: kindText},
		{Path: "denial.prior_auth.number", Label: "Prior authorization number", Kind: kindText, When: priorAuth},
		{Path: "denial.prior_auth.approved", Label: "Date it was approved", Placeholder: "MM/DD/YYYY", Kind: kindDate, When: priorAuth},
	},
	workflow.StepFile: {
		memberName,
		{Path: "member.address", Label: "The insured person's address", Kind: kindLong},
		{Path: "member.phone", Label: "Their phone number", Kind: kindText},
		{Path: "member.email", Label: "Their email", Kind: kindText},
		memberDOB, patientName, patientRel, patientDOB,
		repName, repRel,
		{Path: "representative.address", Label: "Your address", Kind: kindLong, When: hasRep},
		{Path: "representative.phone", Label: "Your phone number", Kind: kindText, When: hasRep},
		{Path: "denial.appeals_address", Label: "Appeals address (on the denial letter)", Kind: kindLong},
		appealsFax, appealsPhone,
		{Path: "appeals[0].method", Label: "How did you send it", Kind: kindChoice, Choices: methodChoices},
		{Path: "appeals[0].filed", Label: "Date sent", Placeholder: "MM/DD/YYYY", Kind: kindDate},
		{Path: "appeals[0].tracking", Label: "Tracking number", Kind: kindText},
		{Path: "appeals[0].received", Label: "Day the plan received it", Placeholder: "MM/DD/YYYY", Kind: kindDate},
	},
	workflow.StepTrack: {
		{Path: "appeals[0].case_number", Label: "Appeal case number", Kind: kindText},
		{Path: "appeals[0].decision", Label: "The plan's answer", Kind: kindChoice, Choices: decisionChoices},
		{Path: "appeals[0].decision_date", Label: "Date printed on the answer", Placeholder: "MM/DD/YYYY", Kind: kindDate},
		{Path: "appeals[0].decision_received", Label: "Day you got the answer", Placeholder: "MM/DD/YYYY", Kind: kindDate},
		{Path: "appeals[0].decision_reason", Label: "Its reason, word for word", Kind: kindLong},
		{Path: "appeals[0].appeal_by", Label: "Last day to appeal it (as printed)", Placeholder: "MM/DD/YYYY", Kind: kindDate},
	},
	workflow.StepEscalate: {
		{Path: "appeals[1].level", Label: "Next level", Kind: kindChoice, Choices: escalateLevelChoices},
		{Path: "appeals[1].method", Label: "How did you send it", Kind: kindChoice, Choices: methodChoices},
		{Path: "appeals[1].filed", Label: "Date sent", Placeholder: "MM/DD/YYYY", Kind: kindDate},
		{Path: "appeals[1].decision", Label: "The answer", Kind: kindChoice, Choices: decisionChoices},
		{Path: "appeals[1].decision_received", Label: "Day you got the answer", Placeholder: "MM/DD/YYYY", Kind: kindDate},
		{Path: "denial.external_review_address", Label: "Where to send an external review request", Kind: kindLong},
	},
}

// costShareFields are the plan terms the cost-sharing check needs.
var costShareFields = []fieldDef{
	{Path: "cost_share.network", Label: "Network the plan should have applied", Kind: kindChoice, Choices: networkChoices},
	{Path: "cost_share.deductible", Label: "Yearly deductible", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.deductible_met", Label: "Deductible already met", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.coinsurance_pct", Label: "Coinsurance %", Placeholder: "20", Kind: kindPercent},
	{Path: "cost_share.copay", Label: "Copay", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.oop_max", Label: "Out-of-pocket maximum", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.oop_met", Label: "Out-of-pocket already met", Placeholder: "0.00", Kind: kindMoney},
}

// letterFields are facts only some letters need, asked when a letter's
// gap is opened: a step form asks for the criteria one by one (step 2).
var letterFields = []fieldDef{
	{Path: "claim.provider.address", Label: "The provider's billing office address (on the bill)", Kind: kindLong},
	{Path: "eob.claims_address", Label: "The plan's claims address (on the EOB or your card)", Kind: kindLong},
	{Path: "denial.policy.criteria[%d].text", Label: "A criterion of the coverage policy", Kind: kindLong,
		Help: "Copy one criterion of the coverage policy, word for word; step 2 asks for the others one by one."},
	{Path: "denial.policy.criteria[%d].evidence", Label: "Your evidence that it is met", Kind: kindLong},
}

// callFields and docFields are one entry of the call log and the document list;
// the %d is the entry's index.
var callFields = []fieldDef{
	{Path: "calls[%d].at", Label: "When", Placeholder: "MM/DD/YYYY HH:MM, or the date alone", Kind: kindDateTime},
	{Path: "calls[%d].with", Label: "Who you called", Kind: kindChoice, Choices: callWithChoices},
	{Path: "calls[%d].rep", Label: "Name of the person", Kind: kindText},
	{Path: "calls[%d].reference", Label: "Reference number", Kind: kindText},
	{Path: "calls[%d].outcome", Label: "What they said", Kind: kindLong},
}

var docFields = []fieldDef{
	{Path: "documents[%d].kind", Label: "What it is", Kind: kindChoice, Choices: docKindChoices},
	{Path: "documents[%d].description", Label: "Description", Kind: kindText},
	{Path: "documents[%d].status", Label: "Status", Kind: kindChoice, Choices: docStatusChoices},
	{Path: "documents[%d].file", Label: "Where the file is", Kind: kindText},
}

// allFieldTables are every form's fields, for finding a field by its path.
func allFieldTables() [][]fieldDef {
	out := [][]fieldDef{newCaseFields, costShareFields, callFields, docFields, letterFields}
	for s := workflow.StepEOB; s <= workflow.StepEscalate; s++ {
		out = append(out, stepFields[s])
	}
	return out
}

// statusWords says a case status in plain words ("" for open cases).
func statusWords(s workflow.Status) string {
	switch s {
	case workflow.StatusResolved:
		return statusResolved
	case workflow.StatusExhausted:
		return statusExhausted
	case workflow.StatusClosed:
		return statusClosed
	}
	return ""
}
