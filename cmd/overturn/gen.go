package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

func completionCmd() *command {
	return &command{
		name:    "completion",
		args:    "bash|zsh|fish",
		short:   "Print a shell completion script",
		long:    "Prints the completion script for your shell. Load it from your shell's start-up file.",
		example: "source <(overturn completion bash)\noverturn completion fish > ~/.config/fish/completions/overturn.fish",
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs("completion", args, "SHELL"); err != nil {
					return err
				}
				var script string
				switch args[0] {
				case "bash":
					script = bashCompletion()
				case "zsh":
					script = "autoload -U +X bashcompinit && bashcompinit\n" + bashCompletion()
				case "fish":
					script = fishCompletion()
				default:
					return usagef("completion", "%q is not a shell overturn knows; use bash, zsh or fish", args[0])
				}
				_, err := fmt.Fprint(a.stdout, script)
				return err
			}
		},
	}
}

// flagNames returns the flag names of cmd, as typed.
func flagNames(cmd *command) []string {
	fs, _ := new(app).commandFlags(cmd)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, flagName(f.Name)) })
	return append(names, "--help")
}

func bashCompletion() string {
	var b strings.Builder
	b.WriteString("# bash completion for overturn\n_overturn() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= w\n")
	b.WriteString("  for w in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n    case $w in -*) ;; *) cmd=$w; break ;; esac\n  done\n")
	fmt.Fprintf(&b, "  case $prev in\n    --kind) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", strings.ReplaceAll(letterKindNames(), ",", ""))
	fmt.Fprintf(&b, "    --status) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", strings.Join(statuses, " "))
	b.WriteString("    --db|-o) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n  esac\n  case $cmd in\n")
	fmt.Fprintf(&b, "    '') COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", strings.Join(commandNames(), " ")+" --db --accessible --version --help")
	for _, c := range commands() {
		if c.hidden {
			continue
		}
		if c.name == "completion" {
			b.WriteString("    completion) COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")) ;;\n")
			continue
		}
		fmt.Fprintf(&b, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", c.name, strings.Join(flagNames(c), " "))
	}
	b.WriteString("  esac\n}\ncomplete -o default -F _overturn overturn\n")
	return b.String()
}

func fishCompletion() string {
	var b strings.Builder
	b.WriteString("# fish completion for overturn\ncomplete -c overturn -f\n")
	b.WriteString("complete -c overturn -l db -r -F -d 'use this case file'\n")
	for _, c := range commands() {
		if c.hidden {
			continue
		}
		fmt.Fprintf(&b, "complete -c overturn -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.short))
		for _, f := range flagNames(c) {
			if f == "--db" || f == "--help" {
				continue
			}
			opt := "-l " + strings.TrimLeft(f, "-")
			if len(f) == 2 {
				opt = "-s " + f[1:]
			}
			fmt.Fprintf(&b, "complete -c overturn -n '__fish_seen_subcommand_from %s' %s\n", c.name, opt)
		}
	}
	fmt.Fprintf(&b, "complete -c overturn -n '__fish_seen_subcommand_from letter' -l kind -x -a %s\n", fishQuote(strings.ReplaceAll(letterKindNames(), ",", "")))
	fmt.Fprintf(&b, "complete -c overturn -n '__fish_seen_subcommand_from list' -l status -x -a %s\n", fishQuote(strings.Join(statuses, " ")))
	b.WriteString("complete -c overturn -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	return b.String()
}

func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

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
				_, err := fmt.Fprint(a.stdout, manPage())
				return err
			}
		},
	}
}

// manPage returns overturn(1) in roff.
func manPage() string {
	var b strings.Builder
	root := rootCommand()
	b.WriteString(".TH OVERTURN 1 \"\" \"overturn " + roff(version()) + "\" \"User Commands\"\n")
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
	b.WriteString(".SH ENVIRONMENT\n")
	b.WriteString(".TP\n.B OVERTURN_DB\nThe case file, when \\-\\-db is not given.\n")
	b.WriteString(".TP\n.B NO_COLOR\nAny non-empty value turns colour off.\n")
	b.WriteString(".TP\n.B OVERTURN_NOW\nA time (RFC 3339) to use as now, for reproducible output.\n")
	b.WriteString(".SH EXIT STATUS\n0 success, 1 failure, 2 usage error, 130 interrupted.\n")
	b.WriteString(".SH FILES\n.I ~/.local/share/overturn/cases.db\n(or $XDG_DATA_HOME/overturn/cases.db): the case file, mode 0600.\n")
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
