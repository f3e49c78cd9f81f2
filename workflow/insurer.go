package workflow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Insurer is everything insurer-specific the program says: its names as
// it writes them, where appeals go, its phone lines and portal, and the
// companies it hands reviews to. It is data (assets/insurers/*.json), not
// code: another insurer is another file. Every text is as the insurer
// writes it; an empty one is not known, and the program asks the person
// for it (from the denial letter) rather than guessing.
type Insurer struct {
	// ID is the file's name without .json: "cigna".
	ID string `json:"id"`
	// Name is the insurer in a sentence: "Cigna".
	Name string `json:"name"`
	// Company is the insurer at the head of an address: "Cigna Healthcare".
	Company string `json:"company"`
	// Aliases are other names a case may give the insurer, matched
	// without regard to case.
	Aliases []string `json:"aliases"`
	// MemberServices is the general member line; the number on the
	// person's ID card comes first.
	MemberServices Line `json:"member_services"`
	// Portal is the member website.
	Portal Portal `json:"portal"`
	// Appeals is where written appeals go by default; the address on the
	// denial letter always wins.
	Appeals Office `json:"appeals"`
	// AppealForm is the insurer's own appeal form, and the words a letter
	// sent without it should carry.
	AppealForm AppealForm `json:"appeal_form"`
	// OtherCards are ID cards whose appeals go elsewhere.
	OtherCards []OtherCard `json:"other_cards"`
	// BehavioralHealth is the insurer's behavioral health arm, when mental
	// health and substance use care have their own network, prior
	// authorization and appeals.
	BehavioralHealth Arm `json:"behavioral_health"`
	// Delegate is the company the insurer hands some reviews to, when it
	// has one; appeals of its decisions go through it first.
	Delegate Arm `json:"delegate"`
	// CoveragePolicies says what the insurer calls its medical coverage
	// policies and where it publishes them.
	CoveragePolicies Publication `json:"coverage_policies"`
	// EmergencyAdmission says how soon an admission from the emergency room
	// must be reported ("within one business day"), when the insurer says.
	EmergencyAdmission string `json:"emergency_admission"`
	// Medicare says who handles the insurer's Medicare plans, when that is
	// not the insurer itself.
	Medicare string `json:"medicare"`
	// Sources are where these facts come from.
	Sources []string `json:"sources"`
}

// Line is a telephone line.
type Line struct {
	Name  string `json:"name"`  // "Member Services"
	Phone string `json:"phone"` // "1-800-244-6224"
}

// Portal is the insurer's member website.
type Portal struct {
	Name string `json:"name"` // "myCigna"
	Site string `json:"site"` // "myCigna.com"
	// AppealButton is the portal's button for an appeal: "Appeal this Decision".
	AppealButton string `json:"appeal_button"`
	// Messages is what the portal calls its messages: "Secure Message".
	Messages string `json:"messages"`
}

// Office is a place letters go.
type Office struct {
	Name    string   `json:"name"`    // "National Appeals Unit"
	Address []string `json:"address"` // street or box, then city, state and ZIP code
	Fax     string   `json:"fax"`
	Phone   string   `json:"phone"`
}

// AppealForm is an insurer's appeal form.
type AppealForm struct {
	Name   string `json:"name"`   // "Customer Appeal Request"
	Number string `json:"number"` // "865556a"
	// Subject is what a letter sent without the form says it is:
	// "Customer Appeal".
	Subject string `json:"subject"`
}

// OtherCard is a kind of ID card whose appeals do not go to the default
// address.
type OtherCard struct {
	Mark string `json:"mark"` // printed on the card: "GWH-Cigna"
	Note string `json:"note"` // what to do instead
}

// Arm is a part of the insurer, or a company working for it, with its own
// reviews and appeals.
type Arm struct {
	Name     string `json:"name"`     // "Evernorth Behavioral Health", "eviCore healthcare"
	Formerly string `json:"formerly"` // "Cigna Behavioral Health"
	// Reviews lists what it reviews, in words: "advanced imaging, spine
	// and joint, cardiology, oncology".
	Reviews string `json:"reviews"`
	// PriorAuth lists the care it must authorize first, in words.
	PriorAuth string `json:"prior_auth"`
	// Criteria names the criteria it decides by, in words.
	Criteria string `json:"criteria"`
	// Phone says where its number is ("the behavioral health number on
	// your ID card"), or gives it.
	Phone string `json:"phone"`
}

// Publication is a set of documents the insurer publishes.
type Publication struct {
	Name  string `json:"name"`  // "Medical Coverage Policies"
	Where string `json:"where"` // "cigna.com"
}

// Generic returns the profile of an insurer no data file describes: its
// name as the case gives it ("your insurer" when none), and nothing else.
func Generic(name string) *Insurer {
	name = SanitizeLine(name)
	ins := &Insurer{Name: name, Company: name}
	if name == "" {
		ins.Name = "your insurer"
	}
	return ins
}

// Known reports whether a data file describes the insurer.
func (ins *Insurer) Known() bool { return ins.ID != "" }

// PortalName names the member website in a sentence: "myCigna" or
// "the insurer's member website".
func (ins *Insurer) PortalName() string {
	if ins.Portal.Name != "" {
		return ins.Portal.Name
	}
	return possessive(ins.Name) + " member website"
}

// MemberServicesName names the member line with the number to call:
// "Cigna Member Services (the number on your ID card, or 1-800-244-6224)".
func (ins *Insurer) MemberServicesName() string {
	name := ins.MemberServices.Name
	if name == "" {
		name = "Member Services"
	}
	if ins.Known() {
		name = ins.Name + " " + name
	}
	if ins.MemberServices.Phone != "" {
		return name + " (the number on your ID card, or " + ins.MemberServices.Phone + ")"
	}
	return name + " (the number on your ID card)"
}

// ReviewerName names who decided the case: the delegate, the behavioral
// health arm, or the insurer.
func (ins *Insurer) ReviewerName(c *Case) string {
	switch {
	case c.Denial.Reviewer == ReviewerDelegate && ins.Delegate.Name != "":
		return ins.Delegate.Name
	case c.Denial.Reviewer == ReviewerDelegate:
		return "the company that reviewed the claim for " + ins.Name
	case c.Denial.BehavioralHealth && ins.BehavioralHealth.Name != "":
		return ins.BehavioralHealth.Name
	}
	return ins.Name
}

// The insurer profiles are checked when loaded: a profile must say who it
// is and write its names as the insurer does (never an all lower-case
// identifier), and every fact must have a source.
func (ins *Insurer) check() error {
	switch {
	case ins.Name == "":
		return errors.New("it has no name")
	case ins.Name == strings.ToLower(ins.Name):
		return fmt.Errorf("its name %q is all lower case: write it as the insurer does", ins.Name)
	case ins.Company == "":
		return errors.New("it has no company name for an address")
	case len(ins.Sources) == 0:
		return errors.New("it names no source for its facts")
	case len(ins.Appeals.Address) == 1:
		return errors.New("its appeals address has one line: give the street or box, then the city, state and ZIP code")
	}
	return nil
}

// Reference is the data the engine reads besides the case: the insurer
// profiles and the state and federal regulators. It is loaded once from
// assets and never changed.
type Reference struct {
	insurers []*Insurer
	// Regulators are the state insurance regulators and the federal
	// offices (see LoadRegulators).
	Regulators *Regulators
}

// LoadInsurers reads every *.json file at the root of fsys
// (assets.Insurers()) as an insurer profile, strictly: an unknown key, a
// profile without a name or sources, or two profiles claiming the same
// name is an error naming the file.
func LoadInsurers(fsys fs.FS) ([]*Insurer, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("insurer profiles: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("insurer profiles: no *.json files found")
	}
	var out []*Insurer
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("insurer profiles: %w", err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		ins := new(Insurer)
		if err := dec.Decode(ins); err != nil {
			return nil, fmt.Errorf("insurer profile %s: %w", name, err)
		}
		if id := strings.TrimSuffix(path.Base(name), ".json"); ins.ID != id {
			return nil, fmt.Errorf("insurer profile %s: its id is %q, not %q: the id is the file's name", name, ins.ID, id)
		}
		if err := ins.check(); err != nil {
			return nil, fmt.Errorf("insurer profile %s: %w", name, err)
		}
		for _, n := range append([]string{ins.ID, ins.Name, ins.Company}, ins.Aliases...) {
			key := strings.ToLower(n)
			if other, dup := seen[key]; dup && other != name {
				return nil, fmt.Errorf("insurer profiles %s and %s both answer to %q", other, name, n)
			}
			seen[key] = name
		}
		out = append(out, ins)
	}
	return out, nil
}

// NewReference returns the reference data made of insurer profiles and
// regulators.
func NewReference(insurers []*Insurer, regulators *Regulators) *Reference {
	return &Reference{insurers: insurers, Regulators: regulators}
}

// Insurers returns the insurer profiles, in the order loaded.
func (r *Reference) Insurers() []*Insurer {
	if r == nil {
		return nil
	}
	return slices.Clone(r.insurers)
}

// Insurer returns the profile of the insurer a case names, matching its
// id, name, company or an alias without regard to case; an insurer no
// profile describes gets a generic one (Generic). It never returns nil.
func (r *Reference) Insurer(name string) *Insurer {
	key := strings.ToLower(strings.TrimSpace(SanitizeLine(name)))
	if r != nil && key != "" {
		for _, ins := range r.insurers {
			if strings.ToLower(ins.ID) == key || strings.ToLower(ins.Name) == key || strings.ToLower(ins.Company) == key ||
				slices.ContainsFunc(ins.Aliases, func(a string) bool { return strings.ToLower(a) == key }) {
				return ins
			}
		}
	}
	return Generic(name)
}

// Default returns the insurer a new case starts with: the first profile,
// or a generic one when there is none.
func (r *Reference) Default() *Insurer {
	if r == nil || len(r.insurers) == 0 {
		return Generic("")
	}
	return r.insurers[0]
}
