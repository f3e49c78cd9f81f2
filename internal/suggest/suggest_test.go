package suggest

import "testing"

func TestClosest(t *testing.T) {
	cmds := []string{"list", "show", "letter", "deadlines", "import"}
	for word, want := range map[string]string{
		"lsit":      "list",      // a swap is one edit
		"letetr":    "letter",    // a swap
		"deadlnes":  "deadlines", // a letter left out
		"shwo":      "show",
		"sow":       "show",
		"xyz":       "",     // nothing near
		"lost":      "list", // one edit in a short word
		"lest":      "list", // the first of equals
		"deadlinez": "deadlines",
		"imp":       "", // a short word is held to one edit
	} {
		if got := Closest(word, cmds); got != want {
			t.Errorf("Closest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"ab", "ba", 1}, {"list", "list", 0}} {
		if got := Distance(tt.a, tt.b); got != tt.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
