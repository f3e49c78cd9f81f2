package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestJoinColumnsIsJoinHorizontalTop(t *testing.T) {
	st := NewStyles(true, false)
	for _, blocks := range [][]string{
		{"a\nbb\nccc", " ", st.Rule.Render("│\n│\n│"), " ", "x\n" + st.Muted.Render("yyyy") + "\nz"},
		{"a\tb\r\nc", " ", "1\n2\n3\n4", "é世界\n"},
		{"", "", "a"},
	} {
		if got, want := joinColumns(blocks...), lipgloss.JoinHorizontal(lipgloss.Top, blocks...); got != want {
			t.Errorf("joinColumns(%q) = %q, want %q", blocks, got, want)
		}
	}
}

func TestFitHeight(t *testing.T) {
	for _, s := range []string{"", "a", "a\n", "a\nb", "a\nb\nc", "\n\n\n", "a\n\nb\n"} {
		for h := range 6 {
			lines := strings.Split(s, "\n")
			lines = lines[:min(h, len(lines))]
			for len(lines) < h {
				lines = append(lines, "")
			}
			want := strings.Join(lines, "\n")
			if got := fitHeight(s, h); got != want {
				t.Errorf("fitHeight(%q, %d) = %q, want %q", s, h, got, want)
			}
		}
	}
}
