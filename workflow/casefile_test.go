package workflow

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func caseFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.json"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 case files in testdata/cases, got %d (%v)", len(files), err)
	}
	return files
}

func TestCaseFilesRoundTrip(t *testing.T) {
	for _, f := range caseFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := ParseCaseFile(data)
			if err != nil {
				t.Fatal(err)
			}
			out, err := MarshalCaseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, data) {
				t.Errorf("exported file differs from testdata (the testdata must be canonical):\n%s", out)
			}
		})
	}
}
