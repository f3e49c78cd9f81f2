package casegen

import "github.com/overturn/overturn/workflow"

type person struct{ name, address, email string }

// people are members; many names are not ASCII, as real caseloads are not.
var people = []person{
	{"José Núñez", "1427 Calle Loíza, Apt 3B, San Juan, PR 00911", "jose.nunez@example.com"},
	{"王芳", "88 Mott Street, Apt 5, New York, NY 10013", "wang.fang@example.com"},
	{"Zoë Ødegaard", "3021 Larkspur Lane, Boulder, CO 80304", "zoe.odegaard@example.org"},
	{"Nguyễn Thị Hương", "9912 Bellaire Blvd, Houston, TX 77036", "huong.nguyen@example.net"},
	{"Siobhán O'Sullivan", "17 Beacon Hill Rd, Worcester, MA 01609", "siobhan.osullivan@example.com"},
	{"Mary Smith", "402 Elm Street, Dayton, OH 45402", "msmith@example.com"},
	{"Robert Johnson", "55 Harbor View Dr, Tampa, FL 33602", "rjohnson@example.com"},
	{"Ayşe Yılmaz", "710 Kennedy Blvd, Jersey City, NJ 07306", "ayse.yilmaz@example.com"},
	{"François Lefèvre-Durand", "2200 Magazine Street, New Orleans, LA 70130", "f.lefevre@example.com"},
	{"Αλέξανδρος Παπαδόπουλος", "31-15 Ditmars Blvd, Astoria, NY 11105", "alex.papadopoulos@example.com"},
	{"Иван Петров", "1840 Brighton 6th St, Brooklyn, NY 11235", "ivan.petrov@example.com"},
	{"Priya Raghunathan", "4410 Peachtree Industrial Blvd, Atlanta, GA 30341", "priya.r@example.com"},
	{"김민준", "3450 Wilshire Blvd, Apt 1204, Los Angeles, CA 90010", "minjun.kim@example.com"},
	{"Mohammed Al-Hashimi", "6001 Schaefer Rd, Dearborn, MI 48126", "m.alhashimi@example.com"},
	{"Bartholomew Alexander Worthington-Fairchild III", "12 Old Post Road, Greenwich, CT 06830", "bart.worthington@example.com"},
	{"Li Na", "77 Spring Garden St, Philadelphia, PA 19123", "lina@example.com"},
	{"Dolores Hernández García", "415 W Commerce St, San Antonio, TX 78207", "dolores.hg@example.com"},
	{"Łukasz Wiśniewski", "2930 N Milwaukee Ave, Chicago, IL 60618", "lukasz.w@example.com"},
	{"Tamika Washington", "1901 Martin Luther King Jr Ave SE, Washington, DC 20020", "tamika.w@example.com"},
	{"Søren Kierkegaard-Nielsen", "800 Nicollet Mall, Minneapolis, MN 55402", "soren.kn@example.com"},
}

type relative struct{ name, relationship string }

var dependents = []relative{
	{"Mateo Núñez", "son"},
	{"Chloé Ødegaard", "daughter"},
	{"陈伟", "spouse"},
	{"Emily Smith", "daughter"},
	{"Ngozi Okonkwo", "spouse"},
	{"Jürgen Fischer", "husband"},
	{"Amélie Dubois", "wife"},
	{"Ethan Johnson", "son"},
}

type helper struct{ name, relationship, address string }

var advocates = []helper{
	{"Carmen Ortega-Ruíz", "patient advocate", "Advocacy Partners LLC, 500 Main St, Suite 210, Austin, TX 78701"},
	{"David Cohen", "patient advocate", "Claims Help Network, 1 Liberty Plaza, New York, NY 10006"},
	{"Renée Beaulieu", "sister", "44 Rue Street, Lewiston, ME 04240"},
	{"Hiroshi Tanaka", "attorney", "Tanaka & Ward, 1200 Fifth Ave, Seattle, WA 98101"},
	{"Grace Mbeki", "hospital financial counselor", "St. Luke's Patient Financial Services, 190 E Bannock St, Boise, ID 83712"},
}

// physicians ordered the care; their letters of medical necessity are
// asked for.
var physicians = []workflow.Physician{
	{Name: "Dr. Adaeze Okafor", Address: "Barton Creek Family Medicine\n3410 Bee Cave Road\nAustin, TX 78746"},
	{Name: "Dra. Lucía Fernández Ortiz", Address: "Centro Médico del Norte\n201 Ave. Ponce de León, Suite 4\nSan Juan, PR 00918"},
	{Name: "Dr. 李明 (Ming Li)", Address: "Chinatown Neighborhood Clinic\n268 Canal Street\nNew York, NY 10013"},
	{Name: "Dr. Jonathan Reyes", Address: ""},
	{Name: "Dr. Søren Holm, MD, PhD", Address: "Lakeside Neurology\n1650 W Lake St, Floor 2\nMinneapolis, MN 55408"},
}

// appealsAddresses are copied from denial letters, for plans whose
// appeals go elsewhere than the National Appeals Unit.
var appealsAddresses = []string{
	"Cigna Healthcare\nGWH-Cigna Appeals\nP.O. Box 55010\nLexington, KY 40555",
	"eviCore healthcare\nAttn: Clinical Appeals\nP.O. Box 1000\nBluffton, SC 29910",
}

var areaCodes = []string{"212", "312", "415", "617", "713", "787", "303", "404", "206", "504"}

var states = []string{"NY", "CA", "TX", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA", "TN", "CO", "PR", "CT", "DC"}

var employers = []string{
	"Acme Logistics Inc.",
	"Northwind Health Systems",
	"Café Olé Restaurants LLC",
	"Global Semiconductor Manufacturing and Distribution Corporation of North America",
	"Riverside Unified School District",
	"Müller & Söhne Engineering",
}

var governmentEmployers = []string{
	"City of Houston",
	"State of Colorado Employees",
	"Cook County",
}

var reps = []string{"Angela", "Marcus T.", "Rep ID 44817", "Dana", "Jorge", "Priyanka", "Kevin (supervisor)", ""}

var outcomes = []string{
	"Rep confirmed the claim was denied for no prior authorization and said to appeal in writing.",
	"Asked for the claim file and the criteria used; rep said they would be mailed within 30 days.",
	"Rep said the claim will be reprocessed in 10-14 business days.",
	"Transferred twice, then disconnected. Called back.",
	"Asked for a peer-to-peer review; the doctor's office has to request it.",
	"The billing office will send a corrected claim with modifier 25.",
	"Rep could not find the appeal; gave a new reference number and said to fax it again to the appeals unit. I asked for a supervisor and was told the wait is 45 minutes, so I will call back tomorrow morning before 9.",
	"OK",
}

var subjects = []string{
	"Request for claim file and coverage criteria",
	"Appeal status",
	"Prior authorization on file",
	"Réclamation: corrected claim received?",
}

var docDescriptions = map[workflow.DocKind]string{
	workflow.DocPhysicianLetter:   "Letter of medical necessity from the treating physician",
	workflow.DocMedicalRecords:    "Office notes, imaging reports and therapy records for the last 12 months",
	workflow.DocPriorAuthApproval: "Prior authorization approval letter",
	workflow.DocGuidelines:        "Published clinical guideline supporting the treatment",
	workflow.DocEOB:               "Explanation of Benefits",
	workflow.DocDenialLetter:      "Denial letter",
	workflow.DocOther:             "Pharmacy records and a letter from the physical therapist",
}

type proc struct {
	code      string
	modifiers []string
	lo, hi    int64 // billed, in dollars
}

type scenario struct {
	short, long    string
	providers      []workflow.Provider
	procedures     []proc
	diagnoses      []string
	codes          []string
	reasons        []string
	reviewer       workflow.Reviewer
	policy         workflow.Policy
	bh             workflow.BHLevel
	deniedOutright bool
}

// npi returns the NPI whose first nine digits are base, with its Luhn check
// digit computed over the 80840 prefix.
func npi(base string) string {
	s := "80840" + base
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return base + string(byte('0'+(10-sum%10)%10))
}

var (
	orthoClinic = workflow.Provider{Name: "Front Range Orthopedics & Spine", NPI: npi("123456789")}
	imaging     = workflow.Provider{Name: "Lakeside Imaging Center", NPI: npi("198765432")}
	oncology    = workflow.Provider{Name: "Dr. Ana María Gutiérrez, Oncología Integral", NPI: npi("145678901")}
	hospital    = workflow.Provider{Name: "St. Mary's Regional Medical Center", NPI: npi("176543210")}
	anesthesia  = workflow.Provider{Name: "Summit Anesthesia Associates", NPI: npi("132109876")}
	therapist   = workflow.Provider{Name: "Dr. Kwame Mensah, PsyD", NPI: npi("154321098")}
	residential = workflow.Provider{Name: "Blue Ridge Residential Treatment Center", NPI: npi("187654321")}
	primary     = workflow.Provider{Name: "Dr. Sarah Lindqvist", NPI: npi("110203040")}
	sleepLab    = workflow.Provider{Name: "Nordic Sleep Diagnostics", NPI: npi("150607080")}
	lab         = workflow.Provider{Name: "Quest Diagnostics", NPI: npi("190807060")}
)

func policy(number, title string, criteria ...string) workflow.Policy {
	p := workflow.Policy{Number: number, Title: title}
	evidence := []string{
		"Office notes of three visits document it (pages 4-9 of the records).",
		"MRI report dated two months before the service.",
		"Physical therapy records: 12 sessions over 8 weeks without improvement.",
		"Letter of medical necessity from the treating physician.",
	}
	for i, text := range criteria {
		p.Criteria = append(p.Criteria, workflow.Criterion{
			ID: string(rune('a' + i)), Text: text, Evidence: evidence[i%len(evidence)]})
	}
	return p
}

var scenarios = map[workflow.Category][]scenario{
	workflow.CategoryMedicalNecessity: {
		{
			short: "Lumbar MRI denied", long: "MRI of the lumbar spine without contrast, denied as not medically necessary by eviCore",
			providers:  []workflow.Provider{imaging},
			procedures: []proc{{code: "72148", lo: 1200, hi: 3200}},
			diagnoses:  []string{"M54.16", "M51.26"},
			codes:      []string{"CO-50", "N130"},
			reasons: []string{
				"Not medically necessary.",
				"The information provided does not show that you have tried and failed at least six weeks of conservative treatment, such as physical therapy and anti-inflammatory medicine, before advanced imaging of the lower back. Based on the eviCore Spine Imaging Guidelines, the requested MRI is not medically necessary.",
			},
			reviewer: workflow.ReviewerDelegate,
			policy: policy("SP-1", "eviCore Spine Imaging Guidelines: Low back pain",
				"Six weeks of provider-directed conservative care in the last six months",
				"Or a red flag: progressive neurological deficit, suspected infection or tumour"),
			deniedOutright: true,
		},
		{
			short: "Knee replacement", long: "Total knee arthroplasty, right knee, denied as not medically necessary",
			providers:  []workflow.Provider{orthoClinic, hospital},
			procedures: []proc{{code: "27447", modifiers: []string{"RT"}, lo: 28000, hi: 52000}, {code: "01402", lo: 2400, hi: 4800}},
			diagnoses:  []string{"M17.11"},
			codes:      []string{"CO-50"},
			reasons:    []string{"Not medically necessary.", "Conservative treatment not documented for the required period."},
			reviewer:   workflow.ReviewerDelegate,
			policy: policy("CMM-313", "Knee Replacement/Arthroplasty",
				"Advanced joint disease shown on imaging",
				"Pain and functional limitation interfering with daily activities",
				"Failure of at least 3 months of non-surgical treatment"),
			deniedOutright: true,
		},
		{
			short: "Residential eating-disorder treatment", long: "Residential treatment for anorexia nervosa, denied after day 14 as not medically necessary at this level of care",
			providers:  []workflow.Provider{residential},
			procedures: []proc{{code: "H0019", lo: 18000, hi: 64000}},
			diagnoses:  []string{"F50.01"},
			codes:      []string{"CO-50", "CO-58"},
			reasons:    []string{"Residential level of care is not medically necessary; care could be provided at a partial hospitalization level."},
			reviewer:   workflow.ReviewerInsurer,
			policy: policy("MCG B-903-RES", "MCG Behavioral Health Care: Eating Disorders, Residential Care",
				"Medical instability requiring 24-hour supervision", "Failure of a less intensive level of care"),
			bh: workflow.BHResidential, deniedOutright: true,
		},
	},
	workflow.CategoryExperimental: {
		{
			short: "Immunotherapy denied as experimental", long: "Pembrolizumab infusions for stage III melanoma, denied as experimental/investigational",
			providers:  []workflow.Provider{oncology},
			procedures: []proc{{code: "J9271", lo: 9800, hi: 22000}, {code: "96413", lo: 400, hi: 900}},
			diagnoses:  []string{"C43.59"},
			codes:      []string{"CO-55"},
			reasons:    []string{"Experimental/investigational for this diagnosis.", "Not proven effective for the member's condition."},
			reviewer:   workflow.ReviewerInsurer,
			policy:     policy("1403", "Oncology Medications", "FDA-approved indication or NCCN category 1 or 2A recommendation"),
		},
		{
			short: "TMS therapy", long: "Transcranial magnetic stimulation for treatment-resistant depression, 36 sessions",
			providers:  []workflow.Provider{therapist},
			procedures: []proc{{code: "90867", lo: 400, hi: 600}, {code: "90868", lo: 9000, hi: 14000}},
			diagnoses:  []string{"F33.2"},
			codes:      []string{"CO-56"},
			reasons:    []string{"Not proven effective."},
			reviewer:   workflow.ReviewerInsurer,
			policy: policy("0383", "Transcranial Magnetic Stimulation",
				"Failure of four antidepressant trials", "Failure of evidence-based psychotherapy"),
			bh: workflow.BHOutpatient, deniedOutright: true,
		},
	},
	workflow.CategoryPriorAuth: {
		{
			short: "No prior auth for CT", long: "CT of the abdomen and pelvis with contrast, denied for no prior authorization although the ordering office obtained one",
			providers:      []workflow.Provider{imaging},
			procedures:     []proc{{code: "74177", lo: 1400, hi: 3800}},
			diagnoses:      []string{"R10.31"},
			codes:          []string{"CO-197", "M62"},
			reasons:        []string{"Precertification/authorization absent."},
			reviewer:       workflow.ReviewerDelegate,
			deniedOutright: true,
		},
		{
			short: "Inpatient stay after ER", long: "Inpatient admission from the emergency room for pneumonia, denied because the admission was not authorized",
			providers:  []workflow.Provider{hospital},
			procedures: []proc{{code: "99223", lo: 500, hi: 900}, {code: "99233", lo: 300, hi: 600}, {code: "71046", lo: 150, hi: 400}},
			diagnoses:  []string{"J18.9", "J96.01"},
			codes:      []string{"CO-15", "CO-198"},
			reasons:    []string{"Authorization exceeded.", "The authorization number is missing or invalid."},
			reviewer:   workflow.ReviewerInsurer,
		},
	},
	workflow.CategoryNotCovered: {
		{
			short: "Bariatric surgery exclusion", long: "Laparoscopic sleeve gastrectomy, denied as excluded under the plan",
			providers:      []workflow.Provider{hospital},
			procedures:     []proc{{code: "43775", lo: 18000, hi: 35000}},
			diagnoses:      []string{"E66.01", "Z68.41"},
			codes:          []string{"CO-204", "N130"},
			reasons:        []string{"This service is not covered under the current benefit plan."},
			reviewer:       workflow.ReviewerInsurer,
			deniedOutright: true,
		},
		{
			short: "Hearing aids", long: "Bilateral hearing aids for a child, denied as a plan exclusion",
			providers:      []workflow.Provider{primary},
			procedures:     []proc{{code: "V5261", lo: 3000, hi: 7000}},
			diagnoses:      []string{"H90.3"},
			codes:          []string{"CO-96"},
			reasons:        []string{"Non-covered charge(s)."},
			deniedOutright: true,
		},
	},
	workflow.CategoryNetwork: {
		{
			short: "Surprise anesthesia bill", long: "Out-of-network anesthesiologist at an in-network hospital, billed the balance after the plan paid",
			providers:  []workflow.Provider{anesthesia},
			procedures: []proc{{code: "00790", lo: 2800, hi: 6200}},
			diagnoses:  []string{"K80.20"},
			codes:      []string{"PR-242", "CO-45"},
			reasons:    []string{"Services not provided by network/primary care providers."},
			reviewer:   workflow.ReviewerInsurer,
		},
	},
	workflow.CategoryCoding: {
		{
			short: "Bundled office visit", long: "Office visit billed with an injection on the same day, denied as bundled; modifier 25 missing",
			providers:  []workflow.Provider{primary},
			procedures: []proc{{code: "99214", lo: 180, hi: 320}, {code: "20610", lo: 200, hi: 450}, {code: "J1030", lo: 30, hi: 90}},
			diagnoses:  []string{"M17.12", "I10"},
			codes:      []string{"CO-97", "CO-4"},
			reasons:    []string{"The benefit for this service is included in the payment for another service performed on the same day."},
		},
		{
			short: "Diagnosis mismatch", long: "Sleep study denied because the procedure is inconsistent with the diagnosis on the claim",
			providers:      []workflow.Provider{sleepLab},
			procedures:     []proc{{code: "95810", lo: 1800, hi: 4200}},
			diagnoses:      []string{"G47.33"},
			codes:          []string{"CO-11"},
			reasons:        []string{"The diagnosis is inconsistent with the procedure."},
			reviewer:       workflow.ReviewerDelegate,
			deniedOutright: true,
		},
	},
	workflow.CategoryDuplicate: {
		{
			short: "Therapy visit duplicate", long: "Weekly psychotherapy session denied as a duplicate of the previous week's claim",
			providers:  []workflow.Provider{therapist},
			procedures: []proc{{code: "90837", lo: 180, hi: 260}},
			diagnoses:  []string{"F41.1"},
			codes:      []string{"CO-18", "N522"},
			reasons:    []string{"Exact duplicate claim/service."},
			bh:         workflow.BHOutpatient, deniedOutright: true,
		},
	},
	workflow.CategoryCostShare: {
		{
			short: "Lab work cost share", long: "Blood panel with coinsurance applied although the deductible was met",
			providers:  []workflow.Provider{lab},
			procedures: []proc{{code: "80053", lo: 60, hi: 240}, {code: "85025", lo: 30, hi: 120}, {code: "84443", lo: 50, hi: 180}},
			diagnoses:  []string{"E03.9", "Z00.00"},
			codes:      []string{"PR-1", "PR-2"},
			reasons:    []string{"Deductible amount.", "Coinsurance amount."},
		},
		{
			short: "Preventive visit charged", long: "Annual preventive exam billed with a copay that preventive care should not carry",
			providers:  []workflow.Provider{primary},
			procedures: []proc{{code: "99396", lo: 250, hi: 420}},
			diagnoses:  []string{"Z00.00"},
			codes:      []string{"PR-3", "CO-49"},
			reasons:    []string{"Co-payment amount."},
		},
	},
	workflow.CategoryEligibility: {
		{
			short: "Coverage ended?", long: "Physical therapy denied as after coverage ended, during a job change with COBRA elected on time",
			providers:      []workflow.Provider{orthoClinic},
			procedures:     []proc{{code: "97110", lo: 120, hi: 260}, {code: "97140", lo: 90, hi: 200}},
			diagnoses:      []string{"M75.101"},
			codes:          []string{"CO-27", "N30"},
			reasons:        []string{"Expenses incurred after coverage terminated."},
			deniedOutright: true,
		},
		{
			short: "Coordination of benefits", long: "Emergency room visit denied because another payer may be primary",
			providers:      []workflow.Provider{hospital},
			procedures:     []proc{{code: "99285", lo: 1800, hi: 3600}},
			diagnoses:      []string{"S52.501A"},
			codes:          []string{"CO-22"},
			reasons:        []string{"This care may be covered by another payer per coordination of benefits."},
			deniedOutright: true,
		},
	},
	workflow.CategoryOther: {
		{
			short: "Timely filing", long: "Claim denied because the provider filed it late; the provider is billing me",
			providers:      []workflow.Provider{hospital},
			procedures:     []proc{{code: "99284", lo: 900, hi: 2200}},
			diagnoses:      []string{"R07.9"},
			codes:          []string{"CO-29"},
			reasons:        []string{"The time limit for filing has expired."},
			deniedOutright: true,
		},
		{
			short: "Visit limit reached", long: "Outpatient therapy denied after 20 visits as a benefit maximum, though medical visits have no such limit",
			providers:  []workflow.Provider{therapist},
			procedures: []proc{{code: "90834", lo: 140, hi: 220}},
			diagnoses:  []string{"F43.10"},
			codes:      []string{"CO-119"},
			reasons:    []string{"Benefit maximum for this time period has been reached."},
			bh:         workflow.BHIntensive, deniedOutright: true,
		},
	},
}
