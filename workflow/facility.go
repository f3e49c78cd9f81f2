package workflow

import (
	"regexp"
	"strings"
	"sync"
)

// ambulanceCode matches the HCPCS ambulance codes A0425 to A0999: ground
// and air transport, mileage, response.
var ambulanceCode = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^A0(?:42[5-9]|4[3-9]\d|[5-9]\d\d)$`)
})

// protectedCare reports whether the provider is one whose bills the No
// Surprises Act protects at an in-network facility (rules.md: a specialty
// whose protection cannot be waived, or an anesthesia code on the claim).
func protectedCare(c *Case) bool {
	if protectedSpecialty().MatchString(c.Claim.Provider.Specialty) {
		return true
	}
	for _, pr := range c.Claim.Procedures {
		if anesthesiaCode().MatchString(strings.TrimSpace(pr.Code)) {
			return true
		}
	}
	return false
}

// AmbulanceTransport reports whether every coded line of the claim is an
// ambulance code (HCPCS A0425 to A0999): a transport, not care given at a
// facility, and ground ambulance is not among the services the No
// Surprises Act covers (rules.md).
func AmbulanceTransport(c *Case) bool {
	coded := false
	for _, pr := range c.Claim.Procedures {
		code := strings.ToUpper(strings.TrimSpace(pr.Code))
		if code == "" {
			continue
		}
		if !ambulanceCode().MatchString(code) {
			return false
		}
		coded = true
	}
	return coded
}

// FacilityUnknown reports whether where the care was given is worth asking
// because it could bring the bill under the No Surprises Act: care already
// received from an out-of-network provider, not emergency care (covered
// wherever it was given), no facility recorded, a provider whose bills the
// Act protects at an in-network facility or whose specialty is not
// recorded, and not an ambulance transport. The case file has no place of
// service: a provider whose specialty is recorded and is not one the Act
// protects (care in its own office, say) gets no question, because the
// answer would change nothing.
func FacilityUnknown(c *Case) bool {
	p := c.Claim.Provider
	return p.Network == NetworkOut && strings.TrimSpace(c.Claim.Facility.Name) == "" && !c.Claim.Emergency &&
		!c.Denial.Review.BeforeCare() && (protectedCare(c) || strings.TrimSpace(p.Specialty) == "") && !AmbulanceTransport(c)
}
