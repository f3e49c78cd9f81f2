package ttybench

import (
	"math"
	"slices"
)

// Summary describes a sample: min, median, p95, max, and how many values.
type Summary struct {
	N                     int
	Min, Median, P95, Max float64
}

// Summarize returns the summary of xs. Percentiles are by the nearest-rank
// method on the sorted sample; the median of an even count is the mean of
// the two middle values. An empty sample gives the zero Summary.
func Summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return Summary{N: n, Min: s[0], Median: med, P95: Percentile(s, 95), Max: s[n-1]}
}

// Percentile returns the p-th percentile (0 < p <= 100) of the sorted
// sample by the nearest-rank method: the smallest value with at least p%
// of the sample at or below it.
func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}
