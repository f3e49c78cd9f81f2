package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
	"time"
)

// The streamed --json list must be byte for byte what encoding/json wrote.
func TestAppendListItemMatchesEncodingJSON(t *testing.T) {
	updated := time.Date(2026, 4, 3, 9, 30, 0, 120000, time.UTC)
	titles := []string{
		"Knee MRI", "", `quote " and \ backslash`, "<b>&amp;</b>", "Ünïcödé 😀", "line\nbreak\ttab\rcr\b\f",
		"esc \x1b[31m red", "sep \u2028 \u2029", "bad \xff utf-8", "nul \x00 del \x7f",
	}
	for _, title := range titles {
		for _, it := range []listItem{
			{ID: 12, Title: title, Claim: title, Step: 3, Status: "open", Updated: updated},
			{ID: 1, Title: title, Claim: "E1", Step: 7, Status: "closed", Updated: updated.Add(-time.Hour),
				NextDeadline: &nextDeadline{Kind: "internal-appeal", Title: title, Due: "2026-09-30", DaysLeft: -3}},
			{ID: 99999, Title: title, Step: 1, Status: "open", Updated: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
				NextDeadline: &nextDeadline{Kind: "expedited", Title: "Call", Due: "2026-01-03", DueTime: "2026-01-03T00:00:00Z", DaysLeft: 2}},
		} {
			want, err := json.MarshalIndent(it, "  ", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if got := appendListItem(nil, it); string(got) != string(want) {
				t.Errorf("appendListItem:\n%s\nwant:\n%s", got, want)
			}
		}
	}
}

// The list's columns line up exactly as text/tabwriter lined them up.
func TestColumnsMatchTabwriter(t *testing.T) {
	rows := [][]string{
		{"1", "Knee MRI", "step 3 of 7", "open", "Send your appeal by 2026-05-01 (in 3 days)"},
		{"12345", "陈伟: Knee replacement", "step 7 of 7", "exhausted", "no open deadline"},
		{"7", "", "step 1 of 7", "closed", ""},
		{"88", "Ünïcödé 😀 title that is rather long", "step 2 of 7", "resolved", "x"},
	}
	var want bytes.Buffer
	tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
	var c columns
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r[0], r[1], r[2], r[3], r[4])
		c.add([]byte(strings.Join(r, "\t") + "\n"))
	}
	tw.Flush()
	var got bytes.Buffer
	if err := c.writeTo(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() || c.n != len(rows) {
		t.Errorf("columns wrote (%d lines):\n%s\ntabwriter wrote:\n%s", c.n, got.String(), want.String())
	}
}
