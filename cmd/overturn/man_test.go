package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestManPageHasEveryExitStatusAndVariable: the man page lists every exit
// status the program uses, and every environment variable that a package
// of the binary reads.
func TestManPageHasEveryExitStatusAndVariable(t *testing.T) {
	page := manPage(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	if !strings.HasPrefix(page, `.TH OVERTURN 1 "2026-11-27" "overturn `) {
		t.Errorf("the title line is not dated: %q", page[:min(60, len(page))])
	}
	section := func(name string) string {
		_, rest, _ := strings.Cut(page, ".SH "+name+"\n")
		body, _, _ := strings.Cut(rest, ".SH ")
		return body
	}
	statuses := section("EXIT STATUS")
	for _, code := range []int{exitOK, exitFailure, exitUsage, exitInterrupted, 128 + 1, 128 + 15} {
		if !strings.Contains(statuses, ".B "+strconv.Itoa(code)+"\n") {
			t.Errorf("EXIT STATUS lacks %d", code)
		}
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}} {{.Dir}} {{join .GoFiles \" \"}}{{end}}", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	read := regexp.MustCompile(`[gG]etenv\("([A-Z_]+)"\)`)
	env := section("ENVIRONMENT")
	found := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || !strings.HasPrefix(fields[0], "github.com/overturn/overturn") {
			continue
		}
		for _, f := range fields[2:] {
			src, err := os.ReadFile(filepath.Join(fields[1], f))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range read.FindAllStringSubmatch(string(src), -1) {
				found++
				if !strings.Contains(env, ".B "+m[1]+"\n") {
					t.Errorf("%s reads $%s, which the man page's ENVIRONMENT does not list", f, m[1])
				}
			}
		}
	}
	if found < 5 {
		t.Errorf("found %d reads of the environment in the binary's packages: the scan is broken", found)
	}
	if !strings.Contains(page, ".SH EXAMPLES\n.nf\noverturn\n") {
		t.Error("no EXAMPLES section")
	}
}
