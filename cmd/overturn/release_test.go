package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReleaseStampsTheVersion builds overturn with the -X flags of
// .goreleaser.yaml, its templates filled in, and runs `overturn version`:
// the names there are the variables here, and version prints them.
func TestReleaseStampsTheVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	config, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{
		"{{ .Version }}":    "1.2.3",
		"{{ .FullCommit }}": "0123456789abcdef0123456789abcdef01234567",
		"{{ .CommitDate }}": "2026-12-01T10:00:00Z",
	}
	var ldflags []string
	for _, m := range regexp.MustCompile(`(?m)^\s+- (-X .+)$`).FindAllStringSubmatch(string(config), -1) {
		flag := m[1]
		for k, v := range values {
			flag = strings.ReplaceAll(flag, k, v)
		}
		if strings.Contains(flag, "{{") {
			t.Fatalf("no value for the template in %q", flag)
		}
		ldflags = append(ldflags, flag)
	}
	if len(ldflags) != 3 {
		t.Fatalf(".goreleaser.yaml stamps %d values, want version, commit and date: %q", len(ldflags), ldflags)
	}
	bin := filepath.Join(t.TempDir(), "overturn")
	build := exec.Command("go", "build", "-ldflags", strings.Join(ldflags, " "), "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "overturn 1.2.3 (0123456789ab), built 2026-12-01\n"; string(out) != want {
		t.Errorf("overturn version = %q, want %q", out, want)
	}
	man, err := exec.Command(bin, "man").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(man), `.TH OVERTURN 1 "2026-12-01" "overturn 1.2.3 (0123456789ab)"`) {
		t.Errorf("the man page is not dated by the build: %q", strings.SplitN(string(man), "\n", 2)[0])
	}
}
