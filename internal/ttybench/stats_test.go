package ttybench

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	seq := make([]float64, 100)
	for i := range seq {
		seq[i] = float64(100 - i) // 100 down to 1
	}
	tests := []struct {
		name string
		in   []float64
		want Summary
	}{
		{"empty", nil, Summary{}},
		{"one", []float64{3}, Summary{N: 1, Min: 3, Median: 3, P95: 3, Max: 3}},
		{"odd", []float64{5, 1, 3}, Summary{N: 3, Min: 1, Median: 3, P95: 5, Max: 5}},
		{"even: median is the mean of the middle two", []float64{4, 1, 3, 2}, Summary{N: 4, Min: 1, Median: 2.5, P95: 4, Max: 4}},
		{"hundred: p95 is the 95th value", seq, Summary{N: 100, Min: 1, Median: 50.5, P95: 95, Max: 100}},
		{"twenty: p95 is the 19th value", seq[80:], Summary{N: 20, Min: 1, Median: 10.5, P95: 19, Max: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.in); got != tt.want {
				t.Errorf("Summarize(%v) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSummarizeLeavesInputAlone(t *testing.T) {
	in := []float64{3, 1, 2}
	Summarize(in)
	if in[0] != 3 || in[1] != 1 || in[2] != 2 {
		t.Errorf("Summarize sorted its input: %v", in)
	}
}

func TestPercentile(t *testing.T) {
	s := []float64{10, 20, 30, 40, 50}
	for _, tt := range []struct{ p, want float64 }{{1, 10}, {20, 10}, {21, 20}, {50, 30}, {95, 50}, {100, 50}} {
		if got := Percentile(s, tt.p); got != tt.want {
			t.Errorf("Percentile(%v, %v) = %v, want %v", s, tt.p, got, tt.want)
		}
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("Percentile of an empty sample is not NaN")
	}
}

func TestRatio(t *testing.T) {
	if got := Ratio(3, 2); got != 1.5 {
		t.Errorf("Ratio(3, 2) = %v", got)
	}
	if !math.IsNaN(Ratio(3, 0)) {
		t.Error("Ratio over a zero floor is not NaN")
	}
}
