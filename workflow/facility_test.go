package workflow

import "testing"

func TestAmbulanceTransport(t *testing.T) {
	tests := []struct {
		codes []string
		want  bool
	}{
		{[]string{"A0427", "A0425"}, true},
		{[]string{"a0429 "}, true},
		{[]string{"A0999"}, true},
		{[]string{"A0430"}, true},
		{[]string{"A0424"}, false},
		{[]string{"A1000"}, false},
		{[]string{"A0427", "99283"}, false},
		{[]string{""}, false},
		{nil, false},
	}
	for _, tt := range tests {
		c := &Case{}
		for _, code := range tt.codes {
			c.Claim.Procedures = append(c.Claim.Procedures, Procedure{Code: code})
		}
		if got := AmbulanceTransport(c); got != tt.want {
			t.Errorf("AmbulanceTransport(%q) = %v, want %v", tt.codes, got, tt.want)
		}
	}
}

func TestFacilityUnknown(t *testing.T) {
	base := func() *Case {
		c := &Case{}
		c.Denial.Review = ReviewPostService
		c.Claim.Provider = Provider{Name: "Front Range Group", Network: NetworkOut}
		c.Claim.Procedures = []Procedure{{Code: "99213"}}
		return c
	}
	tests := []struct {
		name   string
		change func(c *Case)
		want   bool
	}{
		{"specialty not recorded", func(c *Case) {}, true},
		{"a specialty the Act protects", func(c *Case) { c.Claim.Provider.Specialty = "Radiology" }, true},
		{"an anesthesia code", func(c *Case) {
			c.Claim.Provider.Specialty = "pain medicine"
			c.Claim.Procedures = []Procedure{{Code: "01400"}}
		}, true},
		{"an office specialty: the answer changes nothing", func(c *Case) { c.Claim.Provider.Specialty = "dermatology" }, false},
		{"a ground ambulance by its codes", func(c *Case) { c.Claim.Procedures = []Procedure{{Code: "A0427"}, {Code: "A0425"}} }, false},
		{"a facility recorded", func(c *Case) { c.Claim.Facility.Name = "St. Luke's" }, false},
		{"an in-network provider", func(c *Case) { c.Claim.Provider.Network = NetworkIn }, false},
		{"emergency care", func(c *Case) { c.Claim.Emergency = true }, false},
		{"care still to come", func(c *Case) { c.Denial.Review = ReviewPreService }, false},
	}
	for _, tt := range tests {
		c := base()
		tt.change(c)
		if got := FacilityUnknown(c); got != tt.want {
			t.Errorf("%s: FacilityUnknown = %v, want %v", tt.name, got, tt.want)
		}
	}
}
