package main

import (
	"strings"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

func rootCommand() *command {
	return &command{
		name:  "overturn",
		short: "Appeal a denied or underpaid health insurance claim",
		long: "Run alone, overturn opens the wizard: it walks you through the seven steps of an " +
			"appeal, checks your EOB for common errors, counts your deadlines and writes your letters. " +
			"The commands below do the same work without the wizard, for scripts and backups.",
		example: "overturn\noverturn list\noverturn letter 3 --kind level1 -o appeal.txt",
	}
}

// commands lists every subcommand in the order help shows them.
func commands() []*command {
	return []*command{
		newCmd(), openCmd(),
		listCmd(), showCmd(), deadlinesCmd(), letterCmd(),
		importCmd(), exportCaseCmd(), backupCmd(), restoreCmd(), checkCmd(),
		versionCmd(), completionCmd(), manCmd(), verifyDBCmd(), completeCmd(),
	}
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		if !c.hidden {
			names = append(names, c.name)
		}
	}
	return names
}

func letterKindNames() string {
	var names []string
	for _, k := range letter.Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

func parseLetterKind(cmd, s string) (letter.Kind, error) {
	if s == "" {
		return "", usagef(cmd, "missing --kind: say which letter, one of %s", letterKindNames())
	}
	if !letter.Kind(s).Valid() {
		return "", usagef(cmd, "--kind %q is not a letter kind; use one of %s", workflow.SanitizeLine(s), letterKindNames())
	}
	return letter.Kind(s), nil
}
