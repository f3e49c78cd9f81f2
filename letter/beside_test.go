package letter

import (
	"slices"
	"testing"

	"github.com/overturn/overturn/workflow"
)

func hasGap(l *Letter, field string) bool {
	return slices.ContainsFunc(l.Gaps, func(g Gap) bool { return g.Field == field })
}

// TestFacilityGap: where the care was given is asked only when it could
// bring the bill under the No Surprises Act.
func TestFacilityGap(t *testing.T) {
	e := newTestEngine(t)
	tests := []struct {
		name   string
		change func(c *workflow.Case)
		want   bool
	}{
		{"specialty not recorded", func(c *workflow.Case) {}, true},
		{"radiology", func(c *workflow.Case) { c.Claim.Provider.Specialty = "radiology" }, true},
		{"dermatology, in its own office", func(c *workflow.Case) { c.Claim.Provider.Specialty = "dermatology" }, false},
		{"ground ambulance by its codes", func(c *workflow.Case) {
			c.Claim.Procedures = []workflow.Procedure{{Code: "A0427", Billed: workflow.Cents(150000)},
				{Code: "A0425", Units: 14, Billed: workflow.Cents(35000)}}
		}, false},
		{"a facility recorded", func(c *workflow.Case) { c.Claim.Facility.Name = "St. David's Medical Center" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase()
			c.Claim.Provider.Network = workflow.NetworkOut
			tt.change(c)
			l, err := e.Render(Level1, c, goldenNow)
			if err != nil {
				t.Fatal(err)
			}
			if got := hasGap(l, "claim.facility.name"); got != tt.want {
				t.Errorf("facility gap %v, want %v: %+v", got, tt.want, l.Gaps)
			}
		})
	}
}
