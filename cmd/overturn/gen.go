package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"
)

func manCmd() *command {
	return &command{
		name:    "man",
		short:   "Print the manual page",
		example: "overturn man > overturn.1 && man ./overturn.1",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("man", args); err != nil {
					return err
				}
				date := builtOn()
				if date.IsZero() {
					now, err := a.now()
					if err != nil {
						return err
					}
					date = now
				}
				_, err := fmt.Fprint(a.stdout, manPage(date))
				return err
			}
		},
	}
}

// exitStatuses are every exit status overturn has, for the man page.
var exitStatuses = []struct {
	code int
	what string
}{
	{exitOK, "Success."},
	{exitFailure, "Failure: the message on standard error says what happened and what to do. Also: a letter that still needs facts (they are listed), a case file or backup that check finds damaged."},
	{exitUsage, "A mistake in the command line (an unknown command or flag, a missing argument), or the full-screen wizard started without a terminal (--accessible needs none)."},
	{129, "The terminal closed (SIGHUP). The wizard first saves every finished answer."},
	{exitInterrupted, "Interrupted with Ctrl+C (SIGINT, or Ctrl+C pressed in the wizard). The wizard first saves every finished answer; an import keeps the cases it stored."},
	{143, "Stopped by kill (SIGTERM), after saving as for Ctrl+C."},
}

// environment is every variable overturn reads, for the man page.
var environment = []struct{ name, what string }{
	{"OVERTURN_DB", "The case file, when --db is not given."},
	{"XDG_DATA_HOME", "Where the case file is kept when neither --db nor OVERTURN_DB says: $XDG_DATA_HOME/overturn/cases.db, else ~/.local/share/overturn/cases.db."},
	{"NO_COLOR", "Any non-empty value turns colour off, in the wizard and in every command."},
	{"ACCESSIBLE", "Any non-empty value starts the wizard in accessible mode (plain questions and answers, for screen readers and scripts; no terminal needed), as --accessible does."},
	{"TERM", "dumb starts the wizard in accessible mode, in a terminal."},
	{"HOME", "The home folder: the documents folder is found from it."},
	{"XDG_DOCUMENTS_DIR", "The documents folder: the wizard saves letters in its Overturn folder. When it is not set, the folder named in $XDG_CONFIG_HOME/user-dirs.dirs (else ~/.config/user-dirs.dirs), else ~/Documents."},
	{"XDG_CONFIG_HOME", "Where user-dirs.dirs, which names the documents folder, is looked for (else ~/.config)."},
	{"OVERTURN_NOW", "A time (RFC 3339, such as 2026-11-24T09:00:00-06:00) to use as now: for reproducible output, or to date a letter."},
	{"GOGC", "When set, the wizard keeps it rather than collecting garbage at its own pace."},
}

// manPage returns overturn(1) in roff, dated date.
func manPage(date time.Time) string {
	var b strings.Builder
	root := rootCommand()
	b.WriteString(".TH OVERTURN 1 \"" + date.Format("2006-01-02") + "\" \"overturn " + roff(version()) + "\" \"User Commands\"\n")
	b.WriteString(".SH NAME\noverturn \\- " + roff(strings.ToLower(root.short[:1])+root.short[1:]) + "\n")
	b.WriteString(".SH SYNOPSIS\n.B overturn\n[\\-\\-db PATH] [\\-\\-accessible]\n.br\n.B overturn\nCOMMAND [flags]\n")
	b.WriteString(".SH DESCRIPTION\n" + roff(root.long) + "\n")
	b.WriteString(".SH COMMANDS\n")
	for _, c := range commands() {
		if c.hidden {
			continue
		}
		b.WriteString(".TP\n.B " + roff(usageLine(c)) + "\n" + roff(c.short) + ".")
		if c.long != "" {
			b.WriteString(" " + roff(c.long))
		}
		b.WriteString("\n")
		fs := newFlagSet(c.name)
		c.setup(fs)
		for _, f := range flagDocs(fs) {
			if f.name == "-h, --help" {
				continue
			}
			b.WriteString(".RS\n.TP\n.B " + roff(f.name) + "\n" + roff(f.usage) + "\n.RE\n")
		}
	}
	b.WriteString(".SH OPTIONS\n")
	b.WriteString(".TP\n.B \\-\\-db PATH\n" + roff(strings.ReplaceAll(dbUsage, "`", "")) + ". Every command takes it.\n")
	b.WriteString(".TP\n.B \\-\\-accessible\n" + roff(accessibleUsage) + ".\n")
	b.WriteString(".TP\n.B \\-h, \\-\\-help\nShow help for overturn or for a command.\n")
	b.WriteString(".SH EXIT STATUS\n")
	for _, e := range exitStatuses {
		fmt.Fprintf(&b, ".TP\n.B %d\n%s\n", e.code, roff(e.what))
	}
	b.WriteString(".SH ENVIRONMENT\n")
	for _, e := range environment {
		b.WriteString(".TP\n.B " + e.name + "\n" + roff(e.what) + "\n")
	}
	b.WriteString(".SH FILES\n.TP\n.I ~/.local/share/overturn/cases.db\n" +
		"The case file (or $XDG_DATA_HOME/overturn/cases.db), mode 0600, in a folder only you can open. " +
		"Beside it: backups/, a copy for each of the last seven days Overturn was used; crash reports, " +
		"crash\\-DATE.txt, which hold no case data.\n.TP\n.I ~/Documents/Overturn\n" +
		"Where the wizard saves letters (and the deadlines as a calendar): the Overturn folder of the documents folder " +
		"(see XDG_DOCUMENTS_DIR), mode 0700, each file 0600 under a name never used before.\n")
	b.WriteString(".SH EXAMPLES\n")
	examples := []string{root.example}
	for _, c := range commands() {
		if !c.hidden && c.example != "" {
			examples = append(examples, c.example)
		}
	}
	seen := map[string]bool{}
	b.WriteString(".nf\n")
	for _, ex := range examples {
		for line := range strings.SplitSeq(ex, "\n") {
			if !seen[line] {
				seen[line] = true
				b.WriteString(roff(line) + "\n")
			}
		}
	}
	b.WriteString(".fi\n")
	b.WriteString(".SH SEE ALSO\nThe README and docs/ of Overturn's source: the case-file format, the rules it follows, and what it promises about your data.\n")
	return b.String()
}

// roff escapes text for a man page.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
