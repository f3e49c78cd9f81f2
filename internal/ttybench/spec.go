package ttybench

import (
	"fmt"
	"strings"
)

var keyNames = map[string]string{
	"enter":     "\r",
	"tab":       "\t",
	"shift+tab": "\x1b[Z",
	"up":        "\x1b[A",
	"down":      "\x1b[B",
	"right":     "\x1b[C",
	"left":      "\x1b[D",
	"backspace": "\x7f",
	"esc":       "\x1b",
	"space":     " ",
	"comma":     ",",
	"pipe":      "|",
	"semicolon": ";",
	"gt":        ">",
}

// ParseKey returns the bytes a terminal sends for a key named as Bubble
// Tea names it (enter, tab, shift+tab, up, down, left, right, backspace,
// esc, space; comma, pipe, semicolon and gt for the characters the screen
// syntax uses); any other name is sent as the text it is.
func ParseKey(name string) ([]byte, error) {
	if name == "" {
		return nil, fmt.Errorf("empty key name")
	}
	if b, ok := keyNames[name]; ok {
		return []byte(b), nil
	}
	return []byte(name), nil
}

// ParseScreen reads a screen written as NAME|SETUP|KEYS: SETUP is steps
// separated by ";", each KEY>TEXT (send the key, wait for the text), and
// may be empty; KEYS is the keys to measure, separated by ",".
//
//	list||down,up
//	case|enter>Step;tab>Calls|down,up
//	form|n>Title|a,backspace
func ParseScreen(spec string) (Screen, error) {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 || parts[0] == "" || parts[2] == "" {
		return Screen{}, fmt.Errorf("screen %q: write it as NAME|SETUP|KEYS, for example \"form|n>Title|a,backspace\"", spec)
	}
	sc := Screen{Name: parts[0]}
	if parts[1] != "" {
		for _, st := range strings.Split(parts[1], ";") {
			k, wait, ok := strings.Cut(st, ">")
			if !ok || wait == "" {
				return Screen{}, fmt.Errorf("screen %q: setup step %q: write it as KEY>TEXT, for example \"enter>Step\"", spec, st)
			}
			b, err := ParseKey(k)
			if err != nil {
				return Screen{}, fmt.Errorf("screen %q: setup step %q: %w", spec, st, err)
			}
			sc.Setup = append(sc.Setup, Step{Keys: b, Wait: wait})
		}
	}
	for _, k := range strings.Split(parts[2], ",") {
		b, err := ParseKey(k)
		if err != nil {
			return Screen{}, fmt.Errorf("screen %q: keys: %w", spec, err)
		}
		sc.Keys = append(sc.Keys, b)
	}
	return sc, nil
}
