package ttybench

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestParseScreen(t *testing.T) {
	got, err := ParseScreen("case|enter>Step;tab>Calls|down,up,j")
	if err != nil {
		t.Fatal(err)
	}
	want := Screen{
		Name:  "case",
		Setup: []Step{{Keys: []byte("\r"), Wait: "Step"}, {Keys: []byte("\t"), Wait: "Calls"}},
		Keys:  [][]byte{[]byte("\x1b[B"), []byte("\x1b[A"), []byte("j")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	list, err := ParseScreen("list||j,k")
	if err != nil || len(list.Setup) != 0 || len(list.Keys) != 2 {
		t.Errorf("list||j,k: %+v, %v", list, err)
	}
}

func TestParseScreenErrors(t *testing.T) {
	for spec, want := range map[string]string{
		"list":             "NAME|SETUP|KEYS",
		"list||":           "NAME|SETUP|KEYS",
		"|x>y|a":           "NAME|SETUP|KEYS",
		"form|n|a":         "KEY>TEXT",
		"form|n>|a":        "KEY>TEXT",
		"form|>Title|a":    "empty key name",
		"form|n>Title|a,,": "empty key name",
	} {
		_, err := ParseScreen(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseScreen(%q) = %v, want an error saying %q", spec, err, want)
		}
	}
}

func TestWriteBudgets(t *testing.T) {
	var b strings.Builder
	err := WriteBudgets(&b, []Budget{
		{Name: "first frame", Limit: 1, Measured: 0.9, Unit: "x"},
		{Name: "peak", Limit: 25, Measured: 30.5, Unit: "MB"},
		{Name: "list", Limit: 300, Measured: math.NaN(), Unit: "ms"},
		{Name: "lost", Limit: 0, Measured: 0, Unit: " cases"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| first frame | 1.00x ", "0.90x", "| ok ", "30.5MB", "| 25MB ", "| OVER ", "| -  ", "not measured", "| 300ms ", "| 0 cases "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("budget table lacks %q:\n%s", want, b.String())
		}
	}
}
