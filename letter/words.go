package letter

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/overturn/overturn/workflow"
)

// prose makes free text the person typed safe for a letter (plain), and
// writes the dates in it as a letter does: "2026-08-30" becomes "August
// 30, 2026", and "2026-04" (a month standing alone) "April 2026".
func prose(s string) string {
	s = plain(s)
	if !strings.ContainsRune(s, '-') {
		return s
	}
	s = isoDate().ReplaceAllStringFunc(s, func(m string) string {
		if d, err := workflow.ParseDate(m); err == nil {
			return d.Long()
		}
		return m
	})
	month := isoMonth()
	return month.ReplaceAllStringFunc(s, func(m string) string {
		g := month.FindStringSubmatch(m)
		if n, err := strconv.Atoi(g[3]); err == nil && n >= 1 && n <= 12 && g[2] >= "1900" {
			return g[1] + time.Month(n).String() + " " + g[2] + g[4]
		}
		return m
	})
}

// isoDate matches a date written YYYY-MM-DD, alone; isoMonth a month
// written YYYY-MM, after a space or a bracket and before neither a digit
// nor a dash.
var (
	isoDate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	})
	isoMonth = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(^|[ (])(\d{4})-(\d{2})($|[^\d-])`)
	})
)

// quoted returns s in double quotes, ending in punctuation, or "".
func quoted(s string) string {
	if s == "" {
		return ""
	}
	return `"` + sentence(strings.Trim(s, `"`)) + `"`
}

// sentence returns s ending in a full stop unless it already ends a
// sentence (an abbreviation's full stop included: "Inc." stays as it is).
func sentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// possessive returns "Name's", or "Names'" for a name ending in s.
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// addressLines splits a multi-line address into clean lines. An address
// typed on one line (the wizard's fields are one line) that ends in a
// city, state and ZIP code is split at its commas, as it would be written
// on an envelope: "418 Alder Street, Austin, TX 78704" becomes "418 Alder
// Street" and "Austin, TX 78704".
func addressLines(s string) []string {
	var out []string
	for ln := range strings.SplitSeq(s, "\n") {
		if ln = plain(ln); ln != "" {
			out = append(out, ln)
		}
	}
	if len(out) == 1 {
		if m := cityStateZIP().FindStringSubmatchIndex(out[0]); m != nil {
			var lines []string
			for part := range strings.SplitSeq(out[0][:m[0]], ",") {
				if part = strings.TrimSpace(part); part != "" {
					lines = append(lines, part)
				}
			}
			return append(lines, out[0][m[2]:m[3]])
		}
	}
	return out
}

// cityStateZIP matches the end of a one-line US address: a comma, then the
// city, state and ZIP code (submatch 1): ", Austin, TX 78704".
var cityStateZIP = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`,\s*([^,]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)\s*$`)
})

// days counts days in words: "1 day", "12 days".
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
