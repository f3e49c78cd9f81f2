package ttybench

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// Budget is one limit and what was measured against it.
type Budget struct {
	Name     string
	Limit    float64
	Measured float64 // NaN when it could not be measured
	Unit     string  // "x" for a ratio, else the unit of both figures
}

// Verdict is "ok", "OVER" or "not measured".
func (b Budget) Verdict() string {
	switch {
	case math.IsNaN(b.Measured):
		return "not measured"
	case b.Measured <= b.Limit:
		return "ok"
	default:
		return "OVER"
	}
}

// WriteBudgets prints the budgets as a Markdown table.
func WriteBudgets(w io.Writer, bs []Budget) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	row := func(cells ...string) {
		fmt.Fprintf(tw, "| %s\t|\n", strings.Join(cells, "\t| "))
	}
	row("budget", "limit", "measured", "verdict")
	row("---", "---", "---", "---")
	for _, b := range bs {
		m := "-"
		if !math.IsNaN(b.Measured) {
			m = amount(b.Measured, b.Unit)
		}
		row(b.Name, amount(b.Limit, b.Unit), m, b.Verdict())
	}
	return tw.Flush()
}

func amount(v float64, unit string) string {
	switch {
	case unit == "x":
		return fmt.Sprintf("%.2fx", v)
	case v == math.Trunc(v):
		return fmt.Sprintf("%.0f%s", v, unit)
	}
	return num(v) + unit
}
