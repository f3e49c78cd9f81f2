package assets_test

import (
	"testing"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/workflow"
)

// TestCodes checks that the embedded denial-code tables load and decode.
func TestCodes(t *testing.T) {
	tab, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		t.Fatal(err)
	}
	info, err := tab.Decode("CO-50")
	if err != nil || info.Category != workflow.CategoryMedicalNecessity {
		t.Errorf("Decode(CO-50) = %+v, %v", info, err)
	}
}
