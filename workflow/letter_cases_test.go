package workflow

import "time"

// letterCase is a realistic case for the golden letters.
type letterCase struct {
	name string
	c    *Case
}

var letterToday = NewDate(2026, time.November, 28)

func letterDay(y int, m time.Month, day int) Date { return NewDate(y, m, day) }

func letterAt(y int, m time.Month, day, h, min int) time.Time {
	return time.Date(y, m, day, h, min, 0, 0, time.FixedZone("CST", -6*3600))
}

func letterBaseCase() *Case {
	c := NewCase(time.Date(2026, time.October, 1, 12, 0, 0, 0, time.UTC))
	for _, ch := range []*Check{&c.EOBErrors.Network, &c.EOBErrors.CPT, &c.EOBErrors.Duplicate, &c.EOBErrors.CostShare, &c.EOBErrors.PriorAuth} {
		ch.Status = CheckOK
	}
	return c
}

// letterCaseMakers build the realistic cases of the golden letters.
var letterCaseMakers = []struct {
	name string
	make func() *Case
}{
	{"mn-evicore-mri", mnEviCoreMRI},
	{"bh-residential-level2", bhResidentialLevel2},
	{"urgent-pet-scan", urgentPETScan},
	{"network-anesthesia", networkAnesthesia},
	{"coding-wrong-cpt", codingWrongCPT},
	{"duplicate-visit", duplicateVisit},
	{"cost-share-deductible", costShareDeductible},
	{"prior-auth-representative", priorAuthRepresentative},
	{"experimental-final-denial", experimentalFinalDenial},
	{"exhausted-self-funded", exhaustedSelfFunded},
	{"not-covered-individual", notCoveredIndividual},
	{"eligibility-coverage-ended", eligibilityCoverageEnded},
}

func letterCases() []letterCase {
	out := make([]letterCase, len(letterCaseMakers))
	for i, m := range letterCaseMakers {
		out[i] = letterCase{m.name, m.make()}
	}
	return out
}

func mnEviCoreMRI() *Case {
	c := letterBaseCase()
	c.Title = "Lumbar MRI denied by eviCore"
	c.Member = Member{Name: "Dana Reyes", MemberID: "U5839201744", GroupNumber: "3340921",
		Address: "418 Alder Street\nAustin, TX 78704", Phone: "512-555-0143", Email: "dana.reyes@example.com",
		DateOfBirth: letterDay(1981, time.April, 9)}
	c.Plan = Plan{Type: PlanEmployerSelfFunded, State: "TX", Employer: "Hill Country Credit Union"}
	c.Claim = Claim{Number: "E2026091400871", DateOfService: letterDay(2026, time.September, 14),
		Provider:   Provider{Name: "Austin Spine Imaging", NPI: "1467589302"},
		Procedures: []Procedure{{Code: "72148", Billed: Cents(185000)}},
		Diagnoses:  []string{"M54.16", "M51.26"}, Billed: Cents(185000), Allowed: Cents(0), PlanPaid: Cents(0), MemberOwes: Cents(185000)}
	// The imaging center billed; the neurologist ordered the MRI and is the
	// one to write the letter.
	c.Physician = Physician{Name: "Dr. Elena Vasquez", Address: "Capital Neurology Associates\n1200 West 38th Street, Suite 310\nAustin, TX 78705"}
	c.EOB = EOB{Date: letterDay(2026, time.October, 2), Received: letterDay(2026, time.October, 6), Codes: []string{"CO-50", "N130"},
		Reason: "The service is not medically necessary according to the terms of your plan"}
	c.Denial = Denial{Category: CategoryMedicalNecessity, Review: ReviewPostService, LetterDate: letterDay(2026, time.September, 29),
		Received: letterDay(2026, time.October, 3), Reviewer: ReviewerEviCore,
		Policy: Policy{Number: "SP-1 Low Back Pain", Title: "eviCore Spine Imaging Guidelines",
			Criteria: []Criterion{
				{ID: "SP-1.1", Text: "Low back pain with radiculopathy persisting after six weeks of provider-directed conservative care",
					Evidence: "Physical therapy notes, June 30 to August 18, 2026: twelve sessions with no lasting improvement"},
				{ID: "SP-1.2", Text: "Progressive or severe neurological deficit",
					Evidence: "Neurology note of September 2, 2026: new weakness of left ankle dorsiflexion (4/5) and absent left ankle reflex"},
			}},
		Notice: map[string]bool{"reason": true, "guideline": false, "clinical-judgment": false}}
	c.Calls = []Call{{At: letterAt(2026, time.October, 7, 10, 30), With: CallMemberServices, Rep: "Marcus", Reference: "CR-1007-55821",
		Outcome: "Peer-to-peer window had closed; advised to file a written appeal"}}
	c.Documents = []Document{
		{Kind: DocEOB, Description: "EOB dated October 2, 2026", Status: DocHave},
		{Kind: DocDenialLetter, Description: "eviCore denial letter dated September 29, 2026", Status: DocHave},
		{Kind: DocPhysicianLetter, Description: "Dr. Priya Natarajan, neurologist", Status: DocRequested},
		{Kind: DocMedicalRecords, Description: "Physical therapy notes, June to August 2026", Status: DocHave},
		{Kind: DocMedicalRecords, Description: "Neurology note of September 2, 2026", Status: DocRequested},
	}
	c.Step = StepFile
	return c
}

func bhResidentialLevel2() *Case {
	c := letterBaseCase()
	c.Title = "Residential treatment for my son denied"
	c.Member = Member{Name: "Karen Whitfield", MemberID: "U4470128853", GroupNumber: "1193006",
		Address: "17 Quarry Road\nBurlington, VT 05401", Phone: "802-555-0108", Email: "kwhitfield@example.com"}
	c.Patient = Patient{Name: "Evan Whitfield", Relationship: "son", DateOfBirth: letterDay(2009, time.October, 3)}
	c.Plan = Plan{Type: PlanEmployerFullyInsured, State: "VT", Employer: "Green Mountain Outfitters", InternalLevels: 2}
	c.Claim = Claim{Number: "E2026072003318", DateOfService: letterDay(2026, time.July, 20),
		Provider:   Provider{Name: "Birchwood Adolescent Residential Program", NPI: "1851402762"},
		Procedures: []Procedure{{Code: "H0019", Billed: Cents(2850000)}},
		Billed:     Cents(2850000), Allowed: Cents(0), PlanPaid: Cents(0), MemberOwes: Cents(2850000)}
	c.EOB = EOB{Date: letterDay(2026, time.August, 14), Received: letterDay(2026, time.August, 19), Codes: []string{"CO-58", "CO-50"},
		Reason: "Treatment was deemed by the payer to have been rendered in an inappropriate or invalid place of service.",
		File:   "eob-aug14.pdf"}
	c.Denial = Denial{Category: CategoryMedicalNecessity, Review: ReviewPostService, LetterDate: letterDay(2026, time.August, 12),
		Received: letterDay(2026, time.August, 19), Reviewer: ReviewerCigna, BehavioralHealth: true, BHLevel: BHResidential,
		Policy: Policy{Number: "MCG B-907-RES", Title: "Residential Behavioral Health Level of Care, Child or Adolescent",
			Criteria: []Criterion{
				{ID: "1", Text: "Imminent risk of harm that cannot be managed at a lower level of care",
					Evidence: "Two emergency room visits for self-harm in June 2026; discharge summary of June 28, 2026"},
				{ID: "2", Text: "Failure of or inability to benefit from a less intensive level of care",
					Evidence: "Eight weeks in an intensive outpatient program (May to June 2026) without improvement"},
			}}}
	c.Calls = []Call{
		{At: letterAt(2026, time.August, 20, 10, 0), With: CallBehavioralHealth, Rep: "Renée", Reference: "BH-0820-66012",
			Outcome: "A peer-to-peer was possible within 14 days of the denial; the program's psychiatrist requested it"},
		{At: letterAt(2026, time.August, 27, 15, 20), With: CallBehavioralHealth, Rep: "Sam", Reference: "BH-0827-66980",
			Outcome: "Peer-to-peer held; denial kept."},
	}
	c.Documents = []Document{
		{Kind: DocPhysicianLetter, Description: "Dr. Ellen Ferris, child psychiatrist, addressing criteria 1 and 2", Status: DocHave},
		{Kind: DocMedicalRecords, Description: "Emergency room and discharge records, June 2026", Status: DocHave},
		{Kind: DocMedicalRecords, Description: "Intensive outpatient program notes, May to June 2026", Status: DocHave},
		{Kind: DocDenialLetter, Description: "Level 1 appeal decision of October 1, 2026", Status: DocHave},
		{Kind: DocOther, Description: "Request for the plan's parity comparative analysis", Status: DocRequested},
	}
	c.Appeals = []Appeal{{Level: Level1, Filed: letterDay(2026, time.September, 8), Method: MethodCertifiedMail,
		Tracking: "9407111898765432100055", CaseNumber: "BH-APL-55218", Decision: DecisionUpheld,
		DecisionReceived: letterDay(2026, time.October, 6)}}
	c.Step = StepEscalate
	return c
}

func urgentPETScan() *Case {
	c := letterBaseCase()
	c.Title = "PET scan for lymphoma denied (urgent)"
	c.Member = Member{Name: "Samuel Adeyemi", MemberID: "U6120984437", GroupNumber: "3018842",
		Address: "2901 Peachtree Road NE\nAtlanta, GA 30305", Phone: "404-555-0192", Email: "s.adeyemi@example.com"}
	c.Plan = Plan{Type: PlanEmployerSelfFunded, State: "GA", Employer: "Peachtree Freight Lines", InternalLevels: 1}
	c.Claim = Claim{DateOfService: letterDay(2026, time.November, 30),
		Provider:   Provider{Name: "Northside Oncology Associates", NPI: "1144825605"},
		Procedures: []Procedure{{Code: "78815", Billed: Cents(620000)}}, Diagnoses: []string{"C83.30"}, Billed: Cents(620000)}
	c.Physician = Physician{Name: "Dr. Chidi Okafor"}
	c.Denial = Denial{Category: CategoryMedicalNecessity, Review: ReviewUrgent, LetterDate: letterDay(2026, time.November, 25),
		Received: letterDay(2026, time.November, 26), Reviewer: ReviewerEviCore,
		Policy: Policy{Number: "ONC-PET-2026", Title: "eviCore Oncology Imaging Guidelines: PET for lymphoma",
			Criteria: []Criterion{
				{ID: "ONC-27.3", Text: "Restaging after completion of therapy, or suspected recurrence",
					Evidence: "New enlarged axillary node on CT of November 18, 2026, after chemotherapy ended in August"},
			}}}
	c.Documents = []Document{
		{Kind: DocDenialLetter, Description: "eviCore denial letter dated November 25, 2026", Status: DocHave},
		{Kind: DocPhysicianLetter, Description: "Dr. Okafor, oncologist", Status: DocNeeded},
		{Kind: DocMedicalRecords, Description: "CT report of November 18, 2026", Status: DocHave},
	}
	c.Appeals = []Appeal{{Level: Level1, Filed: letterDay(2026, time.November, 27), Method: MethodFax, Decision: DecisionPending}}
	c.Step = StepTrack
	return c
}

func networkAnesthesia() *Case {
	c := letterBaseCase()
	c.Title = "Anesthesia billed out of network"
	c.Member = Member{Name: "Lucía Hernández", MemberID: "U7721093310", GroupNumber: "2209417",
		Address: "1450 Pearl Street, Apt 3B\nBoulder, CO 80302", Phone: "303-555-0177"}
	c.Plan = Plan{Type: PlanEmployerFullyInsured, State: "CO", Employer: "Front Range Design Group", InternalLevels: 1}
	c.Claim = Claim{Number: "E2026081100452", DateOfService: letterDay(2026, time.August, 11),
		Provider:   Provider{Name: "Summit Anesthesia Partners", NPI: "1730291846"},
		Procedures: []Procedure{{Code: "00790", Billed: Cents(240000), Allowed: Cents(96000)}},
		Billed:     Cents(240000), Allowed: Cents(96000), PlanPaid: Cents(48000), MemberOwes: Cents(192000)}
	c.EOB = EOB{Date: letterDay(2026, time.September, 3), Received: letterDay(2026, time.September, 8), Codes: []string{"PR-242", "PR-45"},
		Reason: "Services not provided by network/primary care providers."}
	c.Denial = Denial{Category: CategoryNetwork, Review: ReviewPostService}
	c.EOBErrors.Network = Check{Status: CheckError,
		Details: "The surgery was at St. Anne's Medical Center, which is in network; the anesthesiologist was assigned by the hospital"}
	c.EOBErrors.CostShare = Check{Status: CheckError,
		Details: "Out-of-network cost sharing was applied; in network I would owe 20% coinsurance after the deductible"}
	c.CostShare = CostShareTerms{Network: NetworkIn, Deductible: Cents(150000), DeductibleMet: Cents(150000), CoinsurancePct: 20,
		OOPMax: Cents(600000), OOPMet: Cents(210000)}
	c.Documents = []Document{{Kind: DocEOB, Description: "EOB dated September 3, 2026", Status: DocHave},
		{Kind: DocOther, Description: "Hospital bill showing the in-network facility", Status: DocNeeded}}
	return c
}

func codingWrongCPT() *Case {
	c := letterBaseCase()
	c.Title = "MRI billed with the wrong code"
	c.Member = Member{Name: "Gregory Paulsen", MemberID: "U3309128876", GroupNumber: "4410023",
		Address: "88 Maple Avenue\nDayton, OH 45402", Phone: "937-555-0121"}
	c.Plan = Plan{Type: PlanEmployerSelfFunded, State: "OH", Employer: "Buckeye Tool & Die", InternalLevels: 2}
	c.Claim = Claim{Number: "E2026100600233", DateOfService: letterDay(2026, time.October, 6),
		Provider:   Provider{Name: "Miami Valley Imaging", NPI: "1396728014"},
		Procedures: []Procedure{{Code: "72158", Billed: Cents(310000)}}, Billed: Cents(310000), MemberOwes: Cents(310000)}
	c.EOB = EOB{Date: letterDay(2026, time.October, 24), Received: letterDay(2026, time.October, 29), Codes: []string{"CO-16", "N130"},
		Reason: "Claim/service lacks information or has submission/billing error(s)."}
	c.Denial = Denial{Category: CategoryCoding, Review: ReviewPostService}
	c.EOBErrors.CPT = Check{Status: CheckError,
		Details: "The MRI was of the lumbar spine without contrast (72148); the EOB shows 72158, with and without contrast"}
	c.Documents = []Document{{Kind: DocEOB, Description: "EOB dated October 24, 2026", Status: DocHave}}
	return c
}

func duplicateVisit() *Case {
	c := letterBaseCase()
	c.Title = "Follow-up visit denied as a duplicate"
	c.Member = Member{Name: "Ruth Okonkwo", MemberID: "U8801234409", GroupNumber: "5520981",
		Address: "9 Harbor Lane\nPortland, ME 04101", Email: "ruth.ok@example.com"}
	c.Plan = Plan{Type: PlanEmployerFullyInsured, State: "ME", Employer: "Casco Bay Health Partners", InternalLevels: 1}
	c.Claim = Claim{Number: "E2026080400917", DateOfService: letterDay(2026, time.August, 4),
		Provider:   Provider{Name: "Back Cove Family Medicine", NPI: "1023456789"},
		Procedures: []Procedure{{Code: "99214", Billed: Cents(21500)}}, Billed: Cents(21500), MemberOwes: Cents(21500)}
	c.EOB = EOB{Date: letterDay(2026, time.August, 29), Received: letterDay(2026, time.September, 2), Codes: []string{"CO-18", "N522"},
		Reason: "Exact duplicate claim/service."}
	c.Denial = Denial{Category: CategoryDuplicate, Review: ReviewPostService}
	c.EOBErrors.Duplicate = Check{Status: CheckError,
		Details: "The visit of August 4, 2026 was denied as a duplicate of claim E2026072800114, which was a separate visit on July 28, 2026"}
	c.Messages = []SecureMessage{{Sent: letterDay(2026, time.September, 4), Subject: "Claim E2026080400917 denied as duplicate", Reference: "SM-448120"}}
	c.Documents = []Document{
		{Kind: DocEOB, Description: "EOB for the August 4 visit", Status: DocHave},
		{Kind: DocEOB, Description: "EOB for the July 28 visit (claim E2026072800114)", Status: DocHave},
	}
	return c
}

func costShareDeductible() *Case {
	c := letterBaseCase()
	c.Title = "Deductible charged twice"
	c.Member = Member{Name: "Anthony Brooks", MemberID: "U2290034517", GroupNumber: "7781204",
		Address: "2230 North Clark Street\nChicago, IL 60614", Phone: "312-555-0160", Email: "abrooks@example.com"}
	c.Plan = Plan{Type: PlanEmployerFullyInsured, State: "IL", Employer: "Lakeshore Printing Co.", InternalLevels: 1}
	c.Claim = Claim{Number: "E2026090200618", DateOfService: letterDay(2026, time.September, 2),
		Provider:   Provider{Name: "Lincoln Park Orthopedics", NPI: "1588823104"},
		Procedures: []Procedure{{Code: "29826", Billed: Cents(120000), Allowed: Cents(50000)}},
		Billed:     Cents(120000), Allowed: Cents(50000), PlanPaid: Cents(0), MemberOwes: Cents(50000)}
	c.EOB = EOB{Date: letterDay(2026, time.September, 21), Received: letterDay(2026, time.September, 24), Codes: []string{"PR-1"}, Reason: "Deductible amount."}
	c.Denial = Denial{Category: CategoryCostShare, Review: ReviewPostService}
	c.EOBErrors.CostShare = Check{Status: CheckError,
		Details: "myCigna shows the $1,000.00 deductible met on August 20, 2026, but the whole $500.00 went to the deductible; at 20% coinsurance I should owe $100.00"}
	c.CostShare = CostShareTerms{Network: NetworkIn, Deductible: Cents(100000), DeductibleMet: Cents(100000), CoinsurancePct: 20,
		OOPMax: Cents(400000), OOPMet: Cents(135000)}
	c.Documents = []Document{
		{Kind: DocEOB, Description: "EOB dated September 21, 2026", Status: DocHave},
		{Kind: DocOther, Description: "myCigna deductible tracker, printed September 25, 2026", Status: DocHave},
		{Kind: DocOther, Description: "Summary of Benefits and Coverage, 2026", Status: DocHave},
	}
	c.Appeals = []Appeal{{Level: Level1, Filed: letterDay(2026, time.September, 25), Method: MethodPortal, Decision: DecisionPending}}
	c.Step = StepTrack
	return c
}

func priorAuthRepresentative() *Case {
	c := letterBaseCase()
	c.Title = "Knee arthroscopy: authorization shown missing"
	c.Member = Member{Name: "Harold Kim", MemberID: "U9034471120", GroupNumber: "6620017",
		Address: "51 Riverside Drive\nNew Brunswick, NJ 08901"}
	c.Representative = Representative{Name: "Grace Kim", Relationship: "wife",
		Address: "51 Riverside Drive\nNew Brunswick, NJ 08901", Phone: "732-555-0134"}
	c.Plan = Plan{Type: PlanEmployerSelfFunded, State: "NJ", Employer: "Raritan Logistics", InternalLevels: 1}
	c.Claim = Claim{Number: "E2026080500341", DateOfService: letterDay(2026, time.August, 5),
		Provider:   Provider{Name: "Raritan Bay Orthopaedics", NPI: "1912047735"},
		Procedures: []Procedure{{Code: "29881", Modifiers: []string{"RT"}, Billed: Cents(640000)}},
		Billed:     Cents(640000), PlanPaid: Cents(0), MemberOwes: Cents(640000)}
	c.EOB = EOB{Date: letterDay(2026, time.August, 27), Received: letterDay(2026, time.September, 1), Codes: []string{"CO-197", "M62"},
		Reason: "Precertification/authorization/notification absent."}
	// A "GWH-Cigna" card: the appeals address is the one the EOB prints.
	c.Denial = Denial{Category: CategoryPriorAuth, Review: ReviewPostService,
		PriorAuth:      PriorAuth{Number: "PA-2607-4471903", Approved: letterDay(2026, time.July, 22)},
		AppealsAddress: "Cigna Healthcare\nGWH-Cigna Appeals\n  P.O. Box 55010  \n\nLexington, KY 40555\n"}
	c.EOBErrors.PriorAuth = Check{Status: CheckError,
		Details: "The approval letter dated July 22, 2026 authorizes CPT 29881, right knee, for August 2026"}
	c.Documents = []Document{
		{Kind: DocPriorAuthApproval, Description: "Cigna approval letter dated July 22, 2026", Status: DocHave},
		{Kind: DocEOB, Description: "EOB dated August 27, 2026", Status: DocHave},
		{Kind: DocMedicalRecords, Description: "Operative report", Status: DocRequested},
	}
	return c
}

func experimentalFinalDenial() *Case {
	c := letterBaseCase()
	c.Title = "Proton therapy denied as experimental"
	c.Member = Member{Name: "Teresa Baca", MemberID: "U1183920045", GroupNumber: "8830114",
		Address: "604 Canyon Road\nSanta Fe, NM 87501", Phone: "505-555-0119", Email: "tbaca@example.com"}
	c.Plan = Plan{Type: PlanEmployerFullyInsured, State: "NM", Employer: "Sangre de Cristo Schools", InternalLevels: 2}
	c.Claim = Claim{Number: "E2026061000127", DateOfService: letterDay(2026, time.June, 10),
		Provider:   Provider{Name: "Rio Grande Proton Center", NPI: "1669302258"},
		Procedures: []Procedure{{Code: "77525", Billed: Cents(4820000)}}, Billed: Cents(4820000), MemberOwes: Cents(4820000)}
	c.EOB = EOB{Date: letterDay(2026, time.July, 1), Received: letterDay(2026, time.July, 6), Codes: []string{"CO-55"},
		Reason: "Proton beam therapy is considered experimental, investigational or unproven for this indication."}
	c.Denial = Denial{Category: CategoryExperimental, Review: ReviewPostService, LetterDate: letterDay(2026, time.June, 30),
		Received: letterDay(2026, time.July, 6), Reviewer: ReviewerCigna,
		Policy: Policy{Number: "0132", Title: "Radiation Therapy: Proton Beam Therapy",
			Criteria: []Criterion{{ID: "I.B", Text: "Tumor adjacent to critical structures where photon therapy would exceed dose limits",
				Evidence: "Dosimetry comparison of May 28, 2026: photon plan exceeds the brainstem dose limit; proton plan does not"}}}}
	c.Documents = []Document{
		{Kind: DocEOB, Description: "EOB dated July 1, 2026", Status: DocHave},
		{Kind: DocDenialLetter, Description: "Level 2 decision letter of October 9, 2026", Status: DocHave},
		{Kind: DocPhysicianLetter, Description: "Dr. Luis Ortega, radiation oncologist", Status: DocHave},
		{Kind: DocMedicalRecords, Description: "Dosimetry comparison, May 28, 2026", Status: DocHave},
	}
	c.Appeals = []Appeal{
		{Level: Level1, Filed: letterDay(2026, time.August, 3), Method: MethodCertifiedMail, Tracking: "9407111898765432100311",
			CaseNumber: "APL-771203", Decision: DecisionUpheld, DecisionReceived: letterDay(2026, time.September, 1)},
		{Level: Level2, Filed: letterDay(2026, time.September, 20), Method: MethodCertifiedMail, Tracking: "9407111898765432100490",
			CaseNumber: "APL-771203-2", Decision: DecisionUpheld, DecisionReceived: letterDay(2026, time.October, 13)},
	}
	c.Step = StepEscalate
	return c
}

func exhaustedSelfFunded() *Case {
	c := letterBaseCase()
	c.Title = "Infusion therapy: all appeals upheld"
	c.Member = Member{Name: "Marcus Bell", MemberID: "U4401982273", GroupNumber: "1120458",
		Address: "7 Elm Court\nNashville, TN 37203", Phone: "615-555-0188"}
	c.Plan = Plan{Type: PlanEmployerSelfFunded, State: "TN", Employer: "Cumberland Freightways", InternalLevels: 1}
	c.Claim = Claim{Number: "E2026031500066", DateOfService: letterDay(2026, time.March, 15),
		Provider:   Provider{Name: "Music City Infusion Center", NPI: "1205988431"},
		Procedures: []Procedure{{Code: "96365", Billed: Cents(890000)}}, Billed: Cents(890000), MemberOwes: Cents(890000)}
	c.EOB = EOB{Date: letterDay(2026, time.April, 2), Received: letterDay(2026, time.April, 6), Codes: []string{"CO-50"},
		Reason: "Not medically necessary."}
	c.Denial = Denial{Category: CategoryMedicalNecessity, Review: ReviewPostService, Reviewer: ReviewerCigna,
		Policy: Policy{Number: "1403", Title: "Home and Outpatient Infusion",
			Criteria: []Criterion{{ID: "1", Text: "Oral therapy tried and failed or not tolerated",
				Evidence: "Pharmacy records: two oral agents stopped for side effects, 2025"}}},
		Notice: map[string]bool{"procedures": false, "assistance": false}}
	c.Documents = []Document{{Kind: DocEOB, Description: "EOB dated April 2, 2026", Status: DocHave},
		{Kind: DocDenialLetter, Description: "External review decision of September 30, 2026", Status: DocHave}}
	c.Appeals = []Appeal{
		{Level: Level1, Filed: letterDay(2026, time.April, 20), Method: MethodCertifiedMail, Decision: DecisionUpheld, DecisionReceived: letterDay(2026, time.June, 12)},
		{Level: LevelExternal, Filed: letterDay(2026, time.July, 1), Method: MethodMail, Decision: DecisionUpheld, DecisionReceived: letterDay(2026, time.September, 30)},
	}
	c.Status = StatusExhausted
	c.Step = StepEscalate
	return c
}

func notCoveredIndividual() *Case {
	c := letterBaseCase()
	c.Title = "Hearing aids excluded"
	c.Member = Member{Name: "Walter Jansen", MemberID: "U5512093384",
		Address: "3300 Bayshore Boulevard, Unit 12\nTampa, FL 33629", Phone: "813-555-0150", Email: "wjansen@example.com"}
	c.Plan = Plan{Type: PlanIndividual, State: "FL"}
	c.Claim = Claim{Number: "E2026051900208", DateOfService: letterDay(2026, time.May, 19),
		Provider:   Provider{Name: "Gulf Coast Audiology", NPI: "1801934475"},
		Procedures: []Procedure{{Code: "V5261", Billed: Cents(480000)}}, Billed: Cents(480000), MemberOwes: Cents(480000)}
	c.EOB = EOB{Date: letterDay(2026, time.June, 9), Received: letterDay(2026, time.June, 12), Codes: []string{"CO-204", "N130"},
		Reason: "This service is not covered under the patient's current benefit plan."}
	c.Denial = Denial{Category: CategoryNotCovered, Review: ReviewPostService, Reviewer: ReviewerCigna,
		Notice: map[string]bool{"reason": true, "provision": false, "code": true}}
	c.Documents = []Document{{Kind: DocEOB, Description: "EOB dated June 9, 2026", Status: DocHave},
		{Kind: DocOther, Description: "Policy booklet page on hearing benefits", Status: DocHave}}
	c.Appeals = []Appeal{{Level: Level1, Filed: letterDay(2026, time.July, 2), Method: MethodCertifiedMail, Tracking: "9407111898765432100622",
		Decision: DecisionUpheld, DecisionReceived: letterDay(2026, time.August, 24)}}
	c.Step = StepEscalate
	return c
}

func eligibilityCoverageEnded() *Case {
	c := letterBaseCase()
	c.Title = "Denied as after coverage ended"
	c.Member = Member{Name: "Priya Raman", MemberID: "U6690021153", GroupNumber: "9001772",
		Address: "1208 Willow Lane\nMadison, WI 53703", Phone: "608-555-0102"}
	c.Plan = Plan{Type: PlanEmployerSelfFunded, State: "WI", Employer: "Badger Dairy Cooperative"}
	c.Claim = Claim{Number: "E2026101200551", DateOfService: letterDay(2026, time.October, 12),
		Provider:   Provider{Name: "Capitol Urgent Care", NPI: "1346670021"},
		Procedures: []Procedure{{Code: "99204", Billed: Cents(32500)}}, Billed: Cents(32500), MemberOwes: Cents(32500)}
	c.EOB = EOB{Date: letterDay(2026, time.November, 2), Received: letterDay(2026, time.November, 5), Codes: []string{"CO-27"},
		Reason: "Expenses incurred after coverage terminated."}
	c.Denial = Denial{Category: CategoryEligibility, Review: ReviewPostService}
	c.Calls = []Call{{At: letterAt(2026, time.November, 6, 9, 15), With: CallMemberServices, Rep: "Denise", Reference: "CR-1106-20931",
		Outcome: "Enrollment shows coverage ending September 30, 2026; my employer's benefits office confirms I am still enrolled"}}
	c.Documents = []Document{{Kind: DocEOB, Description: "EOB dated November 2, 2026", Status: DocHave},
		{Kind: DocOther, Description: "Pay stubs for October and November 2026 showing the medical premium deducted", Status: DocHave}}
	return c
}
