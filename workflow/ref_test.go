package workflow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// testRef is the reference data shipped in assets, read from its folders
// (package workflow does not import assets).
var testRef = func() *Reference {
	ins, err := LoadInsurers(os.DirFS(filepath.Join("..", "assets", "insurers")))
	if err != nil {
		panic(err)
	}
	regs, err := LoadRegulators(os.DirFS(filepath.Join("..", "assets", "regulators")))
	if err != nil {
		panic(err)
	}
	return NewReference(ins, regs)
}()

// loadCase reads a shared case file of testdata/cases (in the current
// format) with encoding/json: the strict reader is package casefile's,
// which imports this one.
func loadCase(t testing.TB, name string) *Case {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "cases", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c Case
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &c
}
