package workflow

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// Regulator is a state's insurance regulator: who takes complaints about
// insured plans in the state and runs its external review process.
type Regulator struct {
	Code  string // "TX"
	State string // in a sentence: "Texas", "the District of Columbia"
	Name  string // "Texas Department of Insurance"
	Phone string // the consumer line: "1-800-252-3439"
	// ComplaintURL is the regulator's complaint page.
	ComplaintURL string
	// ExternalReview says whose external review process insured plans in
	// the state use: "state", "federal", or "" when the sources do not say.
	ExternalReview string
	// ReviewOffice and ReviewPhone name the state office that takes
	// external review requests, when the state runs its own.
	ReviewOffice string
	ReviewPhone  string
	Source       string
	// Note is what a person must know besides: another agency for some
	// plans, a recent change.
	Note string
}

// FederalOffice is a federal office the letters and actions name: EBSA, the No
// Surprises Help Desk, CMS, Medicare.
type FederalOffice struct {
	Key    string // "ebsa", "nsa-help-desk", "cms", "hhs-external-review", "medicare"
	Name   string
	Phone  string
	URL    string
	Source string
	Note   string
}

// The federal offices, by key.
const (
	OfficeEBSA              = "ebsa"
	OfficeNoSurprises       = "nsa-help-desk"
	OfficeCMS               = "cms"
	OfficeHHSExternalReview = "hhs-external-review"
	OfficeMedicare          = "medicare"
)

// Regulators are the state regulators of every state and DC, and the
// federal offices.
type Regulators struct {
	states  map[string]Regulator
	federal map[string]FederalOffice
}

// The regulator tables: tab-separated, a header line first, lines
// starting with # are comments.
const (
	statesFile  = "states.tsv"
	federalFile = "federal.tsv"
)

var (
	stateColumns = []string{"code", "state", "regulator", "phone", "complaint_url", "external_review",
		"external_review_office", "external_review_phone", "source", "note"}
	federalColumns = []string{"key", "name", "phone", "url", "source", "note"}
)

// LoadRegulators reads states.tsv and federal.tsv from fsys
// (assets.Regulators()). Every state and DC must have one row with a
// regulator's name and a source, and every federal office the program
// names must be there; anything else is an error naming the file and
// line.
func LoadRegulators(fsys fs.FS) (*Regulators, error) {
	r := &Regulators{states: map[string]Regulator{}, federal: map[string]FederalOffice{}}
	err := readTSV(fsys, "regulators", statesFile, stateColumns, func(f []string) error {
		g := Regulator{Code: f[0], State: f[1], Name: f[2], Phone: f[3], ComplaintURL: f[4], ExternalReview: f[5],
			ReviewOffice: f[6], ReviewPhone: f[7], Source: f[8], Note: f[9]}
		switch {
		case stateNames()[g.Code] == "":
			return fmt.Errorf("%q is not the code of a state or DC", g.Code)
		case g.Name == "" || g.Source == "":
			return fmt.Errorf("%s has no regulator name or no source", g.Code)
		case g.ExternalReview != "" && g.ExternalReview != "state" && g.ExternalReview != "federal":
			return fmt.Errorf("%s: external_review is %q: use state, federal, or leave it empty", g.Code, g.ExternalReview)
		}
		if _, dup := r.states[g.Code]; dup {
			return fmt.Errorf("%s is listed twice", g.Code)
		}
		r.states[g.Code] = g
		return nil
	})
	if err != nil {
		return nil, err
	}
	for code := range stateNames() {
		if _, ok := r.states[code]; !ok {
			return nil, fmt.Errorf("regulators: %s has no row for %s", statesFile, code)
		}
	}
	err = readTSV(fsys, "regulators", federalFile, federalColumns, func(f []string) error {
		o := FederalOffice{Key: f[0], Name: f[1], Phone: f[2], URL: f[3], Source: f[4], Note: f[5]}
		if o.Name == "" || o.Source == "" {
			return fmt.Errorf("%s has no name or no source", o.Key)
		}
		r.federal[o.Key] = o
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range []string{OfficeEBSA, OfficeNoSurprises, OfficeCMS, OfficeHHSExternalReview, OfficeMedicare} {
		if _, ok := r.federal[k]; !ok {
			return nil, fmt.Errorf("regulators: %s has no row for %s", federalFile, k)
		}
	}
	return r, nil
}

// State returns the regulator of the state with the two-letter code, and
// false when the code is not one of a state or DC.
func (r *Regulators) State(code string) (Regulator, bool) {
	if r == nil {
		return Regulator{}, false
	}
	g, ok := r.states[strings.ToUpper(strings.TrimSpace(code))]
	return g, ok
}

// Federal returns the federal office with the key (OfficeEBSA...).
func (r *Regulators) Federal(key string) FederalOffice {
	if r == nil {
		return FederalOffice{Key: key}
	}
	return r.federal[key]
}

// StateName returns the name of a state, DC or territory from its
// two-letter code, as in a sentence ("Texas", "the District of
// Columbia"), or "".
func StateName(code string) string {
	if n := stateNames()[strings.ToUpper(strings.TrimSpace(code))]; n != "" {
		return n
	}
	return territoryNames()[strings.ToUpper(strings.TrimSpace(code))]
}

// StateCode returns the two-letter code of a state, DC or territory given
// by its code or its name, in any case and spacing ("tx", "Texas", "new
// york", "District of Columbia"), or "" when s names none.
func StateCode(s string) string {
	t := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	if StateName(t) != "" {
		return t
	}
	t = strings.TrimPrefix(t, "THE ")
	for _, names := range []map[string]string{stateNames(), territoryNames()} {
		for code, name := range names {
			if strings.ToUpper(strings.TrimPrefix(name, "the ")) == t {
				return code
			}
		}
	}
	return ""
}

// stateNames are the 50 states and DC, which the regulator table covers.
var stateNames = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
		"CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia",
		"FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
		"IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
		"ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
		"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
		"NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
		"NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
		"PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
		"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
		"WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
	}
})

// territoryNames are the territories a plan's state may be, which the
// regulator table does not cover.
var territoryNames = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands",
		"AS": "American Samoa", "MP": "the Northern Mariana Islands",
	}
})
