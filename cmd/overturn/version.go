package main

import (
	"runtime/debug"
	"strings"
	"time"
)

// A release build stamps these (see .goreleaser.yaml):
//
//	-X main.buildVersion=1.2.0 -X main.buildCommit=0123abcd... -X main.buildDate=2026-12-01T10:00:00Z
//
// Other builds take what the Go toolchain recorded.
var buildVersion, buildCommit, buildDate string

// version is the version the binary was built from, with its commit
// when known: "1.2.0 (0123abcd4567)", "v1.2.0" from go install, "devel".
func version() string {
	v, commit := buildVersion, buildCommit
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && commit == "" {
				commit = s.Value
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	if len(commit) >= 12 && !strings.Contains(v, commit[:12]) {
		v += " (" + commit[:12] + ")"
	}
	return v
}

// builtOn is the day the binary was built, when known: stamped by a
// release build, else the time of its commit.
func builtOn() time.Time {
	if t, err := time.Parse(time.RFC3339, buildDate); err == nil {
		return t.UTC()
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return t.UTC()
				}
			}
		}
	}
	return time.Time{}
}
