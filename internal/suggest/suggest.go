// Package suggest finds the word a typo meant, for the "did you mean"
// of mistyped commands, flags and case-file keys.
package suggest

// Closest returns the option a mistyped word most likely meant: the
// nearest by Distance, at most 2 edits away (1 for a word of up to 4
// letters), the first of equals in the order given; or "" when none is
// that near.
func Closest(word string, options []string) string {
	best, bestDist := "", 3
	if len(word) <= 4 {
		bestDist = 2
	}
	for _, o := range options {
		if d := Distance(word, o); d < bestDist {
			best, bestDist = o, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, counting a swap
// of two neighbouring letters ("lsit") as one edit.
func Distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
