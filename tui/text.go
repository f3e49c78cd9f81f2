package tui

import "github.com/overturn/overturn/workflow"

// Every word the person reads lives in this file, so wording can be reviewed
// and changed in one place.

const (
	appName    = "Overturn"
	appTagline = "appeal a denied health insurance claim"

	emptyLine1 = "Overturn helps you appeal a denied or underpaid health insurance claim."
	emptyLine2 = "It checks your EOB, guides you through seven steps and writes your letters."
	emptyLine3 = "Press n to start your first case."

	tooSmall = "Make the window larger: Overturn needs at least 80 columns and 24 rows (now %d × %d)."

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
	loadFailed    = "Could not read your cases: %s"
	listFailed    = "could not read your cases: %w"
	openFailed    = "Could not open the case: %s"
	deletedStatus = "Deleted. Press u to bring it back."
	restored      = "Brought back “%s”."
	deleteFailed  = "Could not delete: %s"
	restoreFailed = "Could not bring it back: %s"
	copied        = "Copied the letter to the clipboard."
	copiedOSC52   = "No clipboard found: sent it to the terminal (OSC 52)"
	exportedTo    = "Saved the letter to %s"
	exportFailed  = "Could not save the letter: %s"
	calendarTo    = "Saved the deadlines of your open cases to %s: open it with your calendar."
	calendarFail  = "Could not save the calendar: %s"

	confirmDeleteTitle = "Delete “%s”?"
	confirmDeleteBody  = "It goes to the trash and stays there for 30 days; press u right after to bring it back."
	confirmQuitTitle   = "Quit with an unsaved change?"
	confirmQuitBody    = "What you are typing in “%s” has not been saved."
	confirmQuitSaving  = "Your last change is still being saved (%s)."
	confirmOverwrite   = "Replace %s?"
	confirmOverBody    = "A file with this name already exists. Replacing it loses what it holds."

	exportTitle  = "Save the letter as a text file"
	pdfTitle     = "Save the letter as a PDF, to print"
	calendarName = "appeal-deadlines.ics"
	calendarHead = "Save your deadlines as a calendar file (.ics)"
	exportPrompt = "File: "
	exportHint   = "enter save · esc cancel"

	helpTitle = "Keys"
	helpClose = "Press ? or esc to close."

	newCaseTitle = "New case"
	newCaseIntro = "Copy these from your EOB (Explanation of Benefits) and the denial letter. Leave out what you do not have yet; you can add it later. Each answer is saved as soon as you press enter."

	caseHeaderClaim    = "claim %s"
	caseHeaderNoClaim  = "no claim number yet"
	caseResolved       = "Resolved: %s."
	caseExhausted      = "The appeals are used up: you can still complain to the regulator and talk to a lawyer or patient advocate."
	caseClosed         = "This case is closed."
	stepHeading        = "Step %d of 7 · %s"
	stepDoneMark       = "done"
	factsLabel         = "What to note"
	nextLabel          = "Next"
	noNextActions      = "Nothing is waiting on you right now."
	needsPrefix        = "needs: "
	stepFinished       = "Step %d is done. Now: %s."
	lastStep           = "this is the last step"
	stepFirst          = "step %d first"
	stepMoved          = "The case moves to step %d: %s."
	alreadyDone        = "already done"
	sidebarLetters     = "Letters (%d)"
	sidebarCalls       = "Calls (%d)"
	sidebarDocs        = "Documents (%d/%d)"
	sidebarChecklist   = "EOB error check"
	noDeadlineHeader   = "no deadline yet"
	headerDeadline     = "%s · %s"
	headerDeadlineDay  = "%s · today"
	headerDeadlineLate = "%s · %s"
	headerDue          = "due %s"

	checklistTitle  = "EOB error check"
	checklistIntro  = "Many denials are simple processing mistakes. Look at your EOB for each of these five; mark each one found (f) or fine (o)."
	spotLabel       = "How to spot it"
	fixLabel        = "How to fix it"
	checkNotChecked = "not checked"
	checkOK         = "fine"
	checkFound      = "error found"
	costShareTitle  = "Cost-sharing check"
	costShareNeeds  = "To check the math, fill in your plan's terms below (press enter)."
	costShareAlso   = "It also needs: %s."

	noticeTitle  = "Denial notice check"
	noticeIntro  = "A denial notice must contain each of these. Mark each one in your notice (p) or missing (m); a missing one is worth naming in the appeal."
	noticeNone   = "These rules do not apply to government plans such as Medicare or Medicaid."
	callsTitle   = "Call log"
	callsIntro   = "Write down every call: who you spoke to, the reference number and what they said."
	callsEmpty   = "No calls yet. Press a to add one; it starts with today's date and time."
	docsTitle    = "Documents"
	docsIntro    = "The appeal is stronger with every document that backs it. Note what you need, what you asked for and what you have."
	docsEmpty    = "No documents yet. Press a to add one."
	entryRemove  = "Remove this entry?"
	entryRemoved = "Removed."

	lettersTitle       = "Letters"
	lettersNone        = "No letter applies to this case yet. Fill in the first steps and come back."
	letterMustFill     = "Before sending (press its number to fill it in):"
	letterStrengthen   = "Would strengthen it:"
	letterLines        = "lines %d–%d of %d"
	letterReady        = "Ready to send."
	lettersUnavailable = "Letters cannot be written: the letter templates did not load."
	letterOption       = "An option beside your appeal, not ready to send on its own: see the note below."

	criterionLabel = "Policy criterion %d"
	evidenceLabel  = "Your evidence for %d"
	fieldEditHint  = "enter save · esc cancel"
	decoderUnknown = "%s: not a code Overturn knows. Check it on the EOB's code list."
	decoderRetired = " (retired code)"
	decoderSuggest = "Suggested kind of denial: %s"
	choiceHint     = "←/→ choose · enter save"

	a11yWelcome     = "Overturn: appeal a denied health insurance claim. Answers are saved as you go. Leave an answer empty to keep what is there, or type - to clear it."
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
	a11yStepDone    = "This step is complete."
	a11yNext        = "What next?"
	a11yFinish      = "Mark this step done and go on"
	a11yStay        = "Answer this step's questions"
	a11yLetter      = "Show a letter"
	a11yBack        = "Back to the case list"
	a11yAddCall     = "Add a call to the call log"
	a11yAddDoc      = "Add a document"
	a11yEditCall    = "Change or remove a call in the log"
	a11yEditDoc     = "Change or remove a document"
	a11yWhichEntry  = "Which one?"
	a11yEntryBack   = "None: go back"
	a11yEntryChange = "Change its details"
	a11yEntryRemove = "Remove it"
	a11yClearHint   = "type - to clear it"
	a11yCurrent     = "[now: %s]"
	a11ySaveLetter  = "Save this letter as a text file? Type a file name, or y for %s; leave empty to skip:"
	a11ySaved       = "Saved."
	a11yNotSaved    = "Not saved: %s"
	a11yNextAction  = "Next: %s"
	a11yDeadline    = "Nearest deadline: %s."
	a11yWhichLetter = "Which letter?"
	a11yLetterMiss  = "This letter still needs: %s."
	a11yLetterGap   = "Beside the letter (%s): %s."
)

// keyHelp is the wording of every key, shown in the footer and in help.
var keyHelp = struct {
	Quit, Help, Back, New, Open, Delete, Undo, Letter, Filter, Up, Down,
	Edit, Save, Cancel, NextField, PrevField, NextStep, PrevStep, Steps, Guide, GuideClose, Notice, Present, Absent, Finish,
	Checklist, Calls, Docs, Entries, Letters, Found, Fine, Add, Remove, Scroll,
	NextLetter, Export, PDF, Calendar, Copy, Jump, Choose, Yes, No string
}{
	Quit: "quit", Help: "help", Back: "back", New: "new case", Open: "open",
	Delete: "delete", Undo: "bring back", Letter: "letter", Filter: "filter",
	Up: "up", Down: "down", Edit: "edit", Save: "save", Cancel: "cancel",
	NextField: "next field", PrevField: "previous field",
	NextStep: "next step", PrevStep: "previous step", Steps: "other steps", Guide: "read all", GuideClose: "back to the form",
	Notice: "notice check", Present: "in the notice", Absent: "missing",
	Finish:    "finish step",
	Checklist: "EOB check", Calls: "calls", Docs: "documents", Entries: "calls, documents", Letters: "letters",
	Found: "error found", Fine: "fine", Add: "add", Remove: "remove",
	Scroll: "scroll", NextLetter: "next letter", Export: "save .txt", PDF: "save .pdf", Calendar: "deadlines to calendar",
	Copy: "copy", Jump: "fill missing", Choose: "choose", Yes: "yes", No: "no",
}

// choice is one option of a choice field: the value stored and its words.
type choice struct{ Value, Label string }

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
	categoryChoices = choicesOf(workflow.Categories(), "not sure yet")
	reviewChoices   = choicesOf(workflow.Reviews(), "not sure yet")
	reviewerChoices = choicesOf(workflow.Reviewers(), "not sure yet")
	planChoices     = choicesOf(workflow.PlanTypes(), "not sure yet")
	fundingChoices  = choicesOf(workflow.Fundings(), "not sure yet")
	levelsChoices   = []choice{{"0", "not sure yet"}, {"1", "one level"}, {"2", "two levels"}}
	methodChoices   = choicesOf(workflow.Methods(), "not sent yet")
	decisionChoices = []choice{
		{"", "no answer yet"},
		{string(workflow.DecisionPending), "waiting"},
		{string(workflow.DecisionOverturned), "overturned: they will pay"},
		{string(workflow.DecisionPartlyOverturned), "partly overturned"},
		{string(workflow.DecisionUpheld), "upheld: still denied"},
	}
	escalateLevelChoices = []choice{
		{"", "not sure yet"},
		{string(workflow.Level2), "level 2 internal appeal"},
		{string(workflow.LevelExternal), "external review (IRO)"},
	}
	networkChoices   = choicesOf(workflow.Networks(), "not sure yet")
	yesNoChoices     = []choice{{"false", "no"}, {"true", "yes"}}
	callWithChoices  = choicesOf(workflow.CallParties(), "")
	docKindChoices   = choicesOf(workflow.DocKinds(), "")
	docStatusChoices = []choice{
		{string(workflow.DocNeeded), "needed"},
		{string(workflow.DocRequested), "asked for"},
		{string(workflow.DocHave), "have it"},
	}
)

// newCaseFields is the new-case form: what is on the EOB and the denial letter.
var newCaseFields = []fieldDef{
	{Path: "title", Label: "A short name for this case", Placeholder: "e.g. MRI denied as not necessary", Kind: kindText},
	{Path: "member.name", Label: "Your name (the insured person)", Kind: kindText},
	{Path: "patient.name", Label: "Patient, if not you", Kind: kindText},
	{Path: "claim.number", Label: "Claim number", Kind: kindText},
	{Path: "claim.date_of_service", Label: "Date of service", Placeholder: "YYYY-MM-DD", Kind: kindDate},
	{Path: "claim.provider.name", Label: "Provider (doctor or hospital)", Kind: kindText},
	{Path: "eob.date", Label: "Date printed on the EOB", Placeholder: "YYYY-MM-DD", Kind: kindDate},
	{Path: "eob.received", Label: "Day you got the EOB", Placeholder: "YYYY-MM-DD", Kind: kindDate},
	{Path: "eob.codes", Label: "Reason codes on the EOB", Placeholder: "e.g. CO-50, N130", Kind: kindCodes},
	{Path: "eob.reason", Label: "The reason, word for word", Kind: kindLong},
	{Path: "denial.category", Label: "Kind of denial", Kind: kindChoice, Choices: categoryChoices},
}

// stepFields are the facts each step asks for.
var stepFields = map[workflow.Step][]fieldDef{
	workflow.StepEOB: {
		{Path: "claim.number", Label: "Claim number", Kind: kindText},
		{Path: "claim.date_of_service", Label: "Date of service", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "claim.provider.name", Label: "Provider", Kind: kindText},
		{Path: "claim.provider.npi", Label: "Provider's NPI (10 digits)", Kind: kindText},
		{Path: "eob.date", Label: "Date printed on the EOB", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "eob.received", Label: "Day you got the EOB", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "eob.codes", Label: "Reason codes", Placeholder: "e.g. CO-50, N130", Kind: kindCodes},
		{Path: "eob.reason", Label: "The reason, word for word", Kind: kindLong},
		{Path: "claim.procedures[0].code", Label: "Procedure code (CPT)", Kind: kindText},
		{Path: "claim.billed", Label: "Amount billed", Placeholder: "0.00", Kind: kindMoney},
		{Path: "claim.allowed", Label: "Amount allowed", Placeholder: "0.00", Kind: kindMoney},
		{Path: "claim.plan_paid", Label: "Plan paid", Placeholder: "0.00", Kind: kindMoney},
		{Path: "claim.member_owes", Label: "EOB says you owe", Placeholder: "0.00", Kind: kindMoney},
	},
	workflow.StepReason: {
		{Path: "denial.category", Label: "Kind of denial", Kind: kindChoice, Choices: categoryChoices},
		{Path: "denial.review", Label: "When is the care", Kind: kindChoice, Choices: reviewChoices},
		{Path: "denial.letter_date", Label: "Date on the denial letter", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "denial.received", Label: "Day you got the letter", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "denial.reviewer", Label: "Who decided", Kind: kindChoice, Choices: reviewerChoices},
		{Path: "denial.urgent", Label: "Urgent care", Kind: kindChoice, Choices: yesNoChoices},
		{Path: "denial.policy.number", Label: "Coverage policy number", Kind: kindText},
		{Path: "denial.policy.title", Label: "Coverage policy title", Kind: kindText},
		{Path: "denial.behavioral_health", Label: "Mental health or substance use care", Kind: kindChoice, Choices: yesNoChoices},
		{Path: "plan.type", Label: "Kind of plan", Kind: kindChoice, Choices: planChoices},
		{Path: "plan.funding", Label: "Who pays the claims", Kind: kindChoice, Choices: fundingChoices},
		{Path: "plan.state", Label: "State (2 letters)", Kind: kindText},
		{Path: "plan.internal_levels", Label: "Internal appeal levels", Kind: kindChoice, Choices: levelsChoices},
	},
	workflow.StepCall: {
		{Path: "member.member_id", Label: "Member ID (on your card)", Kind: kindText},
		{Path: "member.group_number", Label: "Group number (on your card)", Kind: kindText},
	},
	workflow.StepGather: {
		{Path: "physician.name", Label: "Ordering doctor", Kind: kindText},
		{Path: "physician.address", Label: "Doctor's address", Kind: kindLong},
		{Path: "denial.prior_auth.number", Label: "Prior authorization number", Kind: kindText},
		{Path: "denial.prior_auth.approved", Label: "Date it was approved", Placeholder: "YYYY-MM-DD", Kind: kindDate},
	},
	workflow.StepFile: {
		{Path: "member.name", Label: "Your name", Kind: kindText},
		{Path: "member.address", Label: "Your address", Kind: kindLong},
		{Path: "member.phone", Label: "Your phone number", Kind: kindText},
		{Path: "member.email", Label: "Your email", Kind: kindText},
		{Path: "denial.appeals_address", Label: "Appeals address", Kind: kindLong},
		{Path: "appeals[0].method", Label: "How did you send it", Kind: kindChoice, Choices: methodChoices},
		{Path: "appeals[0].filed", Label: "Date sent", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "appeals[0].tracking", Label: "Tracking number", Kind: kindText},
	},
	workflow.StepTrack: {
		{Path: "appeals[0].case_number", Label: "Appeal case number", Kind: kindText},
		{Path: "appeals[0].decision", Label: "The plan's answer", Kind: kindChoice, Choices: decisionChoices},
		{Path: "appeals[0].decision_received", Label: "Day you got the answer", Placeholder: "YYYY-MM-DD", Kind: kindDate},
	},
	workflow.StepEscalate: {
		{Path: "appeals[1].level", Label: "Next level", Kind: kindChoice, Choices: escalateLevelChoices},
		{Path: "appeals[1].method", Label: "How did you send it", Kind: kindChoice, Choices: methodChoices},
		{Path: "appeals[1].filed", Label: "Date sent", Placeholder: "YYYY-MM-DD", Kind: kindDate},
		{Path: "appeals[1].decision", Label: "The answer", Kind: kindChoice, Choices: decisionChoices},
		{Path: "appeals[1].decision_received", Label: "Day you got the answer", Placeholder: "YYYY-MM-DD", Kind: kindDate},
	},
}

// costShareFields are the plan terms the cost-sharing check needs.
var costShareFields = []fieldDef{
	{Path: "cost_share.network", Label: "Provider's network", Kind: kindChoice, Choices: networkChoices},
	{Path: "cost_share.deductible", Label: "Yearly deductible", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.deductible_met", Label: "Deductible already met", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.coinsurance_pct", Label: "Coinsurance %", Placeholder: "20", Kind: kindInt},
	{Path: "cost_share.copay", Label: "Copay", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.oop_max", Label: "Out-of-pocket maximum", Placeholder: "0.00", Kind: kindMoney},
	{Path: "cost_share.oop_met", Label: "Out-of-pocket already met", Placeholder: "0.00", Kind: kindMoney},
}

// callFields and docFields are one entry of the call log and the document list;
// the %d is the entry's index.
var callFields = []fieldDef{
	{Path: "calls[%d].at", Label: "When", Placeholder: "YYYY-MM-DD HH:MM", Kind: kindDateTime},
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

// checkItem is one of the five EOB errors of the guide (workflow.Checks).
type checkItem = workflow.CheckInfo

// checkItems are the five checks, in words that name no insurer.
var checkItems = workflow.Checks(nil)

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
