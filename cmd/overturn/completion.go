package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// The completion scripts are generated from the command table: the
// commands, their flags with what each takes, and what each command's
// argument is. Case ids come from the hidden command __complete, which
// reads the case file and prints nothing rather than an error.

var shells = []string{"bash", "zsh", "fish"}

func completionCmd() *command {
	return &command{
		name:  "completion",
		args:  "bash|zsh|fish",
		short: "Print a shell completion script",
		long: "Prints the completion script for your shell: commands, flags, files, letter kinds and " +
			"case ids with their titles. Load it from your shell's start-up file.",
		example: "source <(overturn completion bash)\n" +
			"source <(overturn completion zsh)\n" +
			"overturn completion fish > ~/.config/fish/completions/overturn.fish",
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
					script = zshCompletion()
				case "fish":
					script = fishCompletion()
				default:
					return usagef("completion", "%q is not a shell overturn knows; use bash, zsh or fish", workflow.SanitizeLine(args[0]))
				}
				_, err := io.WriteString(a.stdout, script)
				return err
			}
		},
	}
}

const completeName = "__complete"

// completeCmd prints what the completion scripts offer that only the case
// file knows: "cases", a line per case, its id, a tab and its title. It
// never fails: without a case file, or with one it cannot read as it
// stands (damaged, or of an older format until another command updates
// it), it prints nothing and exits 0, so that pressing Tab never shows an
// error.
func completeCmd() *command {
	return &command{
		name:   completeName,
		args:   "cases",
		short:  "Print completions for the shell scripts (used by them)",
		hidden: true,
		setup: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 1 && args[0] == "cases" {
					a.completeCases()
				}
				return nil
			}
		},
	}
}

// completeCases reads the case list with store.Glance, which changes
// nothing: a Tab never takes the day's backup, runs the deep check or
// brings the file's format up to date, as opening the store would.
func (a *app) completeCases() {
	defer func() { _ = recover() }()
	path, err := a.dbPath()
	if err != nil {
		return
	}
	now, err := a.now()
	if err != nil {
		return
	}
	var b strings.Builder
	err = store.Glance(path, storeOptions(func() time.Time { return now }), func(sum store.Summary) error {
		title := strings.ReplaceAll(workflow.SanitizeLine(sum.Title), "\t", " ")
		if strings.TrimSpace(title) == "" {
			title = "(no title)"
		}
		fmt.Fprintf(&b, "%d\t%s\n", sum.ID, title)
		return nil
	})
	if err == nil {
		// Straight to the file: completion never fails loudly, not even
		// when the shell has gone (see stdoutWriter).
		w := a.stdout
		if f, ok := fileOf(w); ok {
			w = f
		}
		io.WriteString(w, b.String())
	}
}

// compFlag is a flag as the completion scripts see it.
type compFlag struct {
	names []string // as typed: "-o", "--output"
	value string   // what it takes: "FILE", "KIND"; "" for a switch
	desc  string
}

// compCmd is a command as the completion scripts see it.
type compCmd struct {
	name, desc string
	flags      []compFlag
	arg        string // its arguments: "ID", "FILE", "SHELL" or ""
	many       bool   // any number of them
}

// completionTable is the root (name "") and every command shown in help.
func completionTable() (root compCmd, cmds []compCmd) {
	fs := newFlagSet("overturn")
	new(app).rootFlags(fs)
	root = compCmd{flags: compFlags(fs)}
	for _, c := range commands() {
		if c.hidden {
			continue
		}
		fs, _ := new(app).commandFlags(c)
		cc := compCmd{name: c.name, desc: c.short, flags: compFlags(fs)}
		first, _, _ := strings.Cut(c.args, " ")
		switch {
		case first == "ID":
			cc.arg = "ID"
		case strings.HasPrefix(first, "FILE"):
			cc.arg, cc.many = "FILE", strings.HasSuffix(first, "...")
		case strings.Contains(first, "|"):
			cc.arg = "SHELL"
		}
		cmds = append(cmds, cc)
	}
	return root, cmds
}

// compFlags lists the flags of fs, a long name with its short one, then -h.
func compFlags(fs *flag.FlagSet) []compFlag {
	var out []compFlag
	alias := map[string]string{} // "o": "--output"
	fs.VisitAll(func(f *flag.Flag) {
		if short, ok := strings.CutPrefix(f.Usage, aliasOf+"-"); ok {
			alias[short] = flagName(f.Name)
		}
	})
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, aliasOf) {
			return
		}
		value, usage := flag.UnquoteUsage(f)
		if isBoolFlag(f) {
			value = ""
		} else if value == "value" || value == "string" {
			value = "VALUE"
		}
		cf := compFlag{names: []string{flagName(f.Name)}, value: value, desc: shortDesc(usage)}
		if long, ok := alias[f.Name]; ok {
			cf.names = append(cf.names, long)
		}
		out = append(out, cf)
	})
	return append(out, compFlag{names: []string{"-h", "--help"}, desc: "show help"})
}

// shortDesc is a flag's usage up to its first aside: "which letter".
func shortDesc(usage string) string {
	for _, sep := range []string{": ", " (", "; "} {
		usage, _, _ = strings.Cut(usage, sep)
	}
	return usage
}

// choices are the words a value can be, or nil for one that is not a
// word from a list (a file, a number, a case id).
func choices(value string) []string {
	switch value {
	case "KIND":
		var kinds []string
		for _, k := range letter.Kinds() {
			kinds = append(kinds, string(k))
		}
		return kinds
	case "STATUS":
		return statuses
	case "FORMAT":
		return letterFormats
	case "ORDER":
		return listOrders
	case "SHELL":
		return shells
	}
	return nil
}

func isFileValue(value string) bool { return value == "FILE" || value == "PATH" }

// bashCompletion is the bash script. Bash shows no descriptions beside
// what it offers, so when it offers more than one, each has its
// description after it, in brackets; one alone is inserted bare.
func bashCompletion() string {
	root, cmds := completionTable()
	var b strings.Builder
	b.WriteString(`# bash completion for overturn (overturn completion bash)

_overturn_commands() {
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "\tprintf '%%s\\t%%s\\n' %s %s\n", shQuote(c.name), shQuote(c.desc))
	}
	b.WriteString("}\n\n# _overturn_flags CMD: a line per flag: its name, what it takes, its description.\n_overturn_flags() {\n\tcase $1 in\n")
	for _, c := range append([]compCmd{root}, cmds...) {
		fmt.Fprintf(&b, "\t%s)\n", shQuote(c.name))
		for _, f := range c.flags {
			for _, n := range f.names {
				fmt.Fprintf(&b, "\t\tprintf '%%s\\t%%s\\t%%s\\n' %s %s %s\n", shQuote(n), shQuote(f.value), shQuote(f.desc))
			}
		}
		b.WriteString("\t\t;;\n")
	}
	b.WriteString("\tesac\n}\n\n# _overturn_arg CMD: what its arguments are, and ... when any number.\n_overturn_arg() {\n\tcase $1 in\n")
	for _, c := range cmds {
		if c.arg != "" {
			more := ""
			if c.many {
				more = "..."
			}
			fmt.Fprintf(&b, "\t%s) echo %s ;;\n", shQuote(c.name), c.arg+more)
		}
	}
	b.WriteString("\tesac\n}\n\n_overturn_choices() {\n\tcase $1 in\n")
	for _, v := range []string{"KIND", "STATUS", "FORMAT", "ORDER", "SHELL"} {
		fmt.Fprintf(&b, "\t%s) echo %s ;;\n", v, shQuote(strings.Join(choices(v), " ")))
	}
	b.WriteString("\tesac\n}\n")
	b.WriteString(bashLogic)
	return b.String()
}

const bashLogic = `
# _overturn_value CMD FLAG: what FLAG of CMD takes, if anything.
_overturn_value() {
	local name value desc
	while IFS=$'\t' read -r name value desc; do
		if [[ $name == "$2" ]]; then
			echo "$value"
			return
		fi
	done < <(_overturn_flags "$1")
}

# _overturn_offer CUR: COMPREPLY from lines of a word, a tab and its
# description on standard input, those that start with CUR.
_overturn_offer() {
	local word desc
	local -a words descs
	while IFS=$'\t' read -r word desc; do
		if [[ $word == "$1"* ]]; then
			words+=("$word")
			descs+=("$desc")
		fi
	done
	COMPREPLY=()
	if ((${#words[@]} == 1)); then
		COMPREPLY=("${words[0]}")
		return
	fi
	local i
	for ((i = 0; i < ${#words[@]}; i++)); do
		if [[ -n ${descs[i]} ]]; then
			COMPREPLY+=("${words[i]}  (${descs[i]})")
		else
			COMPREPLY+=("${words[i]}")
		fi
	done
}

# _overturn_complete_value VALUE CUR DB: what a value can be.
_overturn_complete_value() {
	local IFS=$'\n'
	case $1 in
	FILE | PATH)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$2"))
		;;
	ID)
		local db=$3
		local -a with=()
		[[ $db == "~/"* ]] && db=$HOME/${db#"~/"}
		[[ -n $db ]] && with=(--db "$db")
		_overturn_offer "$2" < <("${COMP_WORDS[0]}" "${with[@]}" __complete cases 2>/dev/null)
		;;
	*)
		local w
		_overturn_offer "$2" < <(for w in $(_overturn_choices "$1" | tr ' ' '\n'); do printf '%s\t\n' "$w"; done)
		;;
	esac
}

_overturn() {
	local cur=${COMP_WORDS[COMP_CWORD]} cmd= db= n=0 i w flag= value
	local -a words=("${COMP_WORDS[@]:0:COMP_CWORD}")
	local last=$((${#words[@]} - 1))
	COMPREPLY=()
	# Bash splits --flag=value at the "=".
	if [[ $cur == = ]]; then
		cur= flag=${words[last]}
	elif [[ ${words[last]} == = ]] && ((last > 0)); then
		flag=${words[last - 1]}
	elif [[ ${words[last]} == -* ]]; then
		flag=${words[last]}
	fi
	# The command, --db's value and how many arguments come before the cursor.
	for ((i = 1; i <= last; i++)); do
		w=${words[i]}
		if [[ $w == -* ]]; then
			value=$(_overturn_value "$cmd" "$w")
			if [[ -n $value ]]; then
				((i < last)) && [[ ${words[i + 1]} == = ]] && ((i++))
				((i++))
				[[ $w == --db ]] && db=${words[i]}
			fi
			continue
		fi
		if [[ -z $cmd ]]; then
			cmd=$w
		else
			((n++))
		fi
	done
	if [[ -n $flag ]]; then
		value=$(_overturn_value "$cmd" "$flag")
		if [[ -n $value ]]; then
			_overturn_complete_value "$value" "$cur" "$db"
			return
		fi
	fi
	if [[ $cur == -* ]]; then
		_overturn_offer "$cur" < <(_overturn_flags "$cmd" | cut -f1,3)
	elif [[ -z $cmd ]]; then
		_overturn_offer "$cur" < <(_overturn_commands)
	else
		local arg
		arg=$(_overturn_arg "$cmd")
		if [[ -n $arg && ($arg == *... || $n == 0) ]]; then
			_overturn_complete_value "${arg%...}" "$cur" "$db"
		fi
	fi
}

complete -F _overturn overturn
`

// shQuote quotes s for sh: in single quotes.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// zshCompletion is the zsh script: a completion function for compsys,
// loaded from fpath as _overturn or with source.
func zshCompletion() string {
	root, cmds := completionTable()
	var b strings.Builder
	b.WriteString(`#compdef overturn
# zsh completion for overturn (overturn completion zsh)

# The case ids, with their titles, from the case file that --db names.
_overturn_cases() {
	local db i line
	local -a cases
	for ((i = 1; i < ${#overturn_words}; i++)); do
		case $overturn_words[i] in
		--db) db=$overturn_words[i+1] ;;
		--db=*) db=${overturn_words[i]#--db=} ;;
		esac
	done
	for line in ${(f)"$(_call_program cases $overturn_words[1] ${db:+--db ${~db}} __complete cases 2>/dev/null)"}; do
		cases+=("${line%%$'\t'*}:${${line#*$'\t'}//:/\\:}")
	done
	_describe -t cases 'case' cases
}

_overturn() {
	local curcontext=$curcontext state state_descr line ret=1
	local -a overturn_words=("${words[@]}")
	local -A opt_args
	_arguments -C \
`)
	for _, f := range root.flags {
		b.WriteString("\t\t" + zshFlag(f) + " \\\n")
	}
	b.WriteString("\t\t'1:command:->command' \\\n\t\t'*::argument:->argument' && ret=0\n")
	b.WriteString("\tcase $state in\n\tcommand)\n\t\tlocal -a commands=(\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "\t\t\t%s\n", zshQuote(c.name+":"+c.desc))
	}
	b.WriteString("\t\t)\n\t\t_describe -t commands 'overturn command' commands && ret=0\n\t\t;;\n")
	b.WriteString("\targument)\n\t\tcurcontext=${curcontext%:*:*}:overturn-$words[1]:\n\t\tcase $words[1] in\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "\t\t%s)\n\t\t\t_arguments \\\n", c.name)
		for _, f := range c.flags {
			b.WriteString("\t\t\t\t" + zshFlag(f) + " \\\n")
		}
		switch {
		case c.arg == "ID":
			b.WriteString("\t\t\t\t'1:case:_overturn_cases' \\\n")
		case c.arg == "FILE" && c.many:
			b.WriteString("\t\t\t\t'*:file:_files' \\\n")
		case c.arg == "FILE":
			b.WriteString("\t\t\t\t'1:file:_files' \\\n")
		case c.arg != "":
			fmt.Fprintf(&b, "\t\t\t\t'1:%s:(%s)' \\\n", strings.ToLower(c.arg), strings.Join(choices(c.arg), " "))
		}
		b.WriteString("\t\t\t\t&& ret=0\n\t\t\t;;\n")
	}
	b.WriteString("\t\tesac\n\t\t;;\n\tesac\n\treturn ret\n}\n\n")
	b.WriteString("if [[ $funcstack[1] == _overturn ]]; then\n\t_overturn \"$@\"\nelse\n\tcompdef _overturn overturn\nfi\n")
	return b.String()
}

// zshFlag is an _arguments spec of a flag.
func zshFlag(f compFlag) string {
	desc := "[" + strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(f.desc) + "]"
	action := ""
	switch {
	case f.value == "":
	case isFileValue(f.value):
		action = ":" + strings.ToLower(f.value) + ":_files"
	case choices(f.value) != nil:
		action = ":" + strings.ToLower(f.value) + ":(" + strings.Join(choices(f.value), " ") + ")"
	default:
		action = ":" + strings.ToLower(f.value) + ": "
	}
	names := slices.Clone(f.names)
	if f.value != "" {
		for i := range names {
			names[i] += "="
		}
	}
	if len(names) == 1 {
		return zshQuote(names[0] + desc + action)
	}
	excl := "(" + strings.Join(f.names, " ") + ")"
	if f.names[0] == "-h" {
		excl = "(- *)"
	}
	return zshQuote(excl) + "{" + strings.Join(names, ",") + "}" + zshQuote(desc+action)
}

// zshQuote quotes s for zsh, in single quotes.
func zshQuote(s string) string { return shQuote(s) }

// fishCompletion is the fish script.
func fishCompletion() string {
	root, cmds := completionTable()
	var b strings.Builder
	b.WriteString(`# fish completion for overturn (overturn completion fish)

# __overturn_takes_value CMD FLAG: FLAG of CMD takes a value.
function __overturn_takes_value -a cmd flag
    switch "$cmd $flag"
`)
	var withValue []string
	for _, c := range append([]compCmd{root}, cmds...) {
		for _, f := range c.flags {
			if f.value != "" {
				for _, n := range f.names {
					withValue = append(withValue, fishQuote(c.name+" "+n))
				}
			}
		}
	}
	fmt.Fprintf(&b, "        case %s\n            return 0\n    end\n    return 1\nend\n", strings.Join(withValue, " "))
	b.WriteString(`
# __overturn_args: the command, then each of its arguments, before the cursor.
function __overturn_args
    set -l words (commandline -opc)
    set -e words[1]
    set -l cmd
    set -l skip 0
    for w in $words
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '-*' $w
            if not string match -q -- '*=*' $w; and __overturn_takes_value "$cmd" $w
                set skip 1
            end
            continue
        end
        echo $w
        test -z "$cmd"; and set cmd $w
    end
end

function __overturn_no_command
    test (count (__overturn_args)) -eq 0
end

function __overturn_using -a name
    set -l args (__overturn_args)
    test "$args[1]" = "$name"
end

# __overturn_wants_arg NAME MAX: the command is NAME, with fewer than MAX arguments.
function __overturn_wants_arg -a name max
    set -l args (__overturn_args)
    test "$args[1]" = "$name"; and test (math (count $args) - 1) -lt $max
end

# The case ids, with their titles, from the case file that --db names.
function __overturn_cases
    set -l words (commandline -opc)
    set -l db
    for i in (seq (count $words))
        if test "$words[$i]" = --db; and test $i -lt (count $words)
            set db --db $words[(math $i + 1)]
        else if string match -q -- '--db=*' $words[$i]
            set db $words[$i]
        end
    end
    $words[1] $db __complete cases 2>/dev/null
end

complete -c overturn -f
`)
	fishFlags(&b, "__overturn_no_command", root.flags)
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c overturn -n __overturn_no_command -a %s -d %s\n", c.name, fishQuote(c.desc))
	}
	for _, c := range cmds {
		cond := fishQuote("__overturn_using " + c.name)
		fishFlags(&b, cond, c.flags)
		max := "1"
		if c.many {
			max = "1000000"
		}
		want := fishQuote("__overturn_wants_arg " + c.name + " " + max)
		switch {
		case c.arg == "ID":
			fmt.Fprintf(&b, "complete -c overturn -n %s -a '(__overturn_cases)'\n", want)
		case c.arg == "FILE":
			fmt.Fprintf(&b, "complete -c overturn -n %s -F\n", want)
		case c.arg != "":
			fmt.Fprintf(&b, "complete -c overturn -n %s -a %s\n", want, fishQuote(strings.Join(choices(c.arg), " ")))
		}
	}
	return b.String()
}

func fishFlags(b *strings.Builder, cond string, flags []compFlag) {
	for _, f := range flags {
		fmt.Fprintf(b, "complete -c overturn -n %s", cond)
		for _, n := range f.names {
			if len(n) == 2 {
				fmt.Fprintf(b, " -s %s", n[1:])
			} else {
				fmt.Fprintf(b, " -l %s", n[2:])
			}
		}
		switch {
		case f.value == "":
		case isFileValue(f.value):
			b.WriteString(" -r -F")
		case choices(f.value) != nil:
			fmt.Fprintf(b, " -x -a %s", fishQuote(strings.Join(choices(f.value), " ")))
		default:
			b.WriteString(" -x")
		}
		fmt.Fprintf(b, " -d %s\n", fishQuote(f.desc))
	}
}

func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}
