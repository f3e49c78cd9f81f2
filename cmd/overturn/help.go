package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// Help never asks the terminal anything (no background-colour query): it
// uses the 16 ANSI colours, which the terminal's own theme maps to colours
// that suit its background.
var (
	titleStyle   = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Magenta)
	commandStyle = lipgloss.NewStyle().Foreground(lipgloss.Cyan)
	flagStyle    = lipgloss.NewStyle().Foreground(lipgloss.Green)
)

// styled returns a writer that keeps colour only on a terminal and drops it
// when NO_COLOR is set to anything.
func (a *app) styled(w io.Writer) *colorprofile.Writer {
	p := colorprofile.NoTTY
	if f, ok := fileOf(w); ok && term.IsTerminal(f.Fd()) && a.getenv("TERM") != "dumb" {
		p = colorprofile.ANSI
		if a.noColor() {
			p = colorprofile.Ascii
		}
	}
	return &colorprofile.Writer{Forward: w, Profile: p}
}

func (a *app) help(cmd *command, fs *flag.FlagSet) error {
	w := a.styled(a.stdout)
	var b strings.Builder
	root := cmd.name == "overturn"
	b.WriteString(cmd.short + "\n\n")
	b.WriteString(titleStyle.Render("USAGE") + "\n")
	if root {
		b.WriteString("  " + commandStyle.Render("overturn") + " [--db PATH] [--accessible]\n")
		b.WriteString("  " + commandStyle.Render("overturn COMMAND") + " [flags]\n")
	} else {
		b.WriteString("  " + commandStyle.Render(usageLine(cmd)) + "\n")
	}
	if cmd.long != "" {
		b.WriteString("\n" + wrap(cmd.long, 78, "") + "\n")
	}
	if root {
		b.WriteString("\n" + titleStyle.Render("COMMANDS") + "\n")
		for _, c := range commands() {
			if !c.hidden {
				fmt.Fprintf(&b, "  %s%s\n", commandStyle.Render(fmt.Sprintf("%-13s", c.name)), c.short)
			}
		}
	}
	b.WriteString("\n" + titleStyle.Render("FLAGS") + "\n")
	docs := flagDocs(fs)
	col := 17 // the widest name and two spaces, at least
	for _, f := range docs {
		col = max(col, len(f.name)+2)
	}
	for _, f := range docs {
		fmt.Fprintf(&b, "  %s%s\n", flagStyle.Render(fmt.Sprintf("%-*s", col, f.name)), wrap(f.usage, 76-col, strings.Repeat(" ", col+2)))
	}
	if cmd.example != "" {
		b.WriteString("\n" + titleStyle.Render("EXAMPLES") + "\n")
		for _, ex := range strings.Split(cmd.example, "\n") {
			b.WriteString("  " + ex + "\n")
		}
	}
	if root {
		b.WriteString("\nRun 'overturn COMMAND --help' for more about a command.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func usageLine(cmd *command) string {
	s := "overturn " + cmd.name
	if cmd.args != "" {
		s += " " + cmd.args
	}
	return s + " [flags]"
}

type flagDoc struct{ name, usage string }

// flagDocs lists the flags of fs for help and the man page, then -h.
func flagDocs(fs *flag.FlagSet) []flagDoc {
	var docs []flagDoc
	long := map[string]string{} // -o: --output
	fs.VisitAll(func(f *flag.Flag) {
		if short, ok := strings.CutPrefix(f.Usage, aliasOf); ok {
			long[short] = flagName(f.Name)
		}
	})
	fs.VisitAll(func(f *flag.Flag) {
		value, usage := flag.UnquoteUsage(f)
		if strings.HasPrefix(f.Usage, aliasOf) {
			return
		}
		name := flagName(f.Name)
		if l, ok := long[name]; ok {
			name += ", " + l
		}
		if !isBoolFlag(f) {
			if value == "value" {
				value = "VALUE"
			}
			name += " " + value
		}
		docs = append(docs, flagDoc{name, usage})
	})
	sort.Slice(docs, func(i, j int) bool { return docs[i].name < docs[j].name })
	return append(docs, flagDoc{"-h, --help", "show this help"})
}

// wrap breaks s into lines of at most width, indenting all but the first.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(s) {
		if i > 0 && n+1+len(word) > width {
			b.WriteString("\n" + indent)
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}

func versionCmd() *command {
	return &command{
		name:  "version",
		short: "Print the version",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("version", args); err != nil {
					return err
				}
				return a.printVersion()
			}
		},
	}
}

func (a *app) printVersion() error {
	line := "overturn " + version()
	if t := builtOn(); !t.IsZero() {
		line += ", built " + t.Format("2006-01-02")
	}
	_, err := fmt.Fprintln(a.stdout, line)
	return err
}
