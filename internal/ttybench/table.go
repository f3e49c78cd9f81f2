package ttybench

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// Figure is one row of the table: a summary of one target and the
// floor's summary of the same figure.
type Figure struct {
	Target, Name, Unit string
	Value, Floor       Summary
}

// Figures lists every figure of results, each against the same figure of
// floor. Keystroke figures of every screen are compared with the floor's
// first screen.
func Figures(floor Result, results []Result) []Figure {
	var fs []Figure
	for _, r := range results {
		add := func(name, unit string, v, f Summary) {
			if v.N > 0 {
				fs = append(fs, Figure{Target: r.Target, Name: name, Unit: unit, Value: v, Floor: f})
			}
		}
		add("first byte", "ms", r.FirstByte, floor.FirstByte)
		add("first frame", "ms", r.FirstFrame, floor.FirstFrame)
		add("first frame, silent terminal", "ms", r.FirstFrameSilent, floor.FirstFrameSilent)
		var floorKeys Summary
		if len(floor.Keys) > 0 {
			floorKeys = floor.Keys[0].Latency
		}
		for _, k := range r.Keys {
			add("key to screen change: "+k.Screen, "ms", k.Latency, floorKeys)
		}
		add("CPU to first frame", "ms", r.StartCPU, floor.StartCPU)
		add("peak RSS (VmHWM)", "MB", r.PeakRSS, floor.PeakRSS)
		add(fmt.Sprintf("idle CPU per %s", r.IdleWindow), "ms", r.IdleCPU, floor.IdleCPU)
	}
	return fs
}

// Ratio returns v / floor, NaN when floor is not positive.
func Ratio(v, floor float64) float64 {
	if floor <= 0 {
		return math.NaN()
	}
	return v / floor
}

// WriteTable prints the figures as a Markdown table: each of min,
// median, p95 and max with its ratio to the floor's.
func WriteTable(w io.Writer, fs []Figure) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	row := func(cells ...string) {
		fmt.Fprintf(tw, "| %s\t|\n", strings.Join(cells, "\t| "))
	}
	row("target", "figure", "n", "min", "median", "p95", "max")
	row("---", "---", "---", "---", "---", "---", "---")
	cell := func(v, f float64, unit string) string {
		r := Ratio(v, f)
		if math.IsNaN(r) {
			return fmt.Sprintf("%s%s (n/a)", num(v), unit)
		}
		return fmt.Sprintf("%s%s (%.2fx)", num(v), unit, r)
	}
	for _, f := range fs {
		row(f.Target, f.Name, fmt.Sprint(f.Value.N),
			cell(f.Value.Min, f.Floor.Min, f.Unit), cell(f.Value.Median, f.Floor.Median, f.Unit),
			cell(f.Value.P95, f.Floor.P95, f.Unit), cell(f.Value.Max, f.Floor.Max, f.Unit))
	}
	return tw.Flush()
}

func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}
