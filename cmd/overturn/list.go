package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// The list is written as the store walks it (store.Walk), through one
// buffer, so 100,000 cases need neither a slice of them all nor a write
// per line.

// writeListText writes the people's list of the cases in s (nil: no case
// file yet) matching q and returns how many there were.
func writeListText(out io.Writer, s *store.Store, q store.ListQuery, now time.Time) (int, error) {
	if s == nil {
		return 0, nil
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	today := workflow.DateOf(now)
	n := 0
	var line []byte
	err := s.Walk(q, func(sum store.Summary) error {
		n++
		line = strconv.AppendUint(line[:0], sum.ID, 10)
		line = append(line, '\t')
		line = append(line, workflow.SanitizeLine(sum.Title)...)
		line = fmt.Appendf(line, "\tstep %d of 7\t%s\t", sum.Step, sum.Status)
		if d := sum.NextDeadline; d != nil {
			line = fmt.Appendf(line, "%s by %s (%s)\n", workflow.SanitizeLine(d.Title), d.Due, daysPhrase(today.DaysUntil(d.Due)))
		} else {
			line = append(line, "no open deadline\n"...)
		}
		_, err := tw.Write(line)
		return err
	})
	if err == nil {
		err = tw.Flush()
	}
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}

// writeListJSON writes the --json list: the same bytes as a.writeJSON of
// the []listItem, one item at a time.
func writeListJSON(out io.Writer, s *store.Store, q store.ListQuery, now time.Time) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	n := 0
	var buf []byte
	if s != nil {
		err := s.Walk(q, func(sum store.Summary) error {
			if n == 0 {
				buf = append(buf[:0], "[\n  "...)
			} else {
				buf = append(buf[:0], ",\n  "...)
			}
			n++
			buf = appendListItem(buf, newListItem(sum, now))
			_, err := bw.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// appendListItem appends it as json.MarshalIndent(it, "  ", "  ") does,
// without reflection.
func appendListItem(b []byte, it listItem) []byte {
	b = append(b, "{\n    \"id\": "...)
	b = strconv.AppendUint(b, it.ID, 10)
	b = append(b, ",\n    \"title\": "...)
	b = appendJSONString(b, it.Title)
	b = append(b, ",\n    \"claim\": "...)
	b = appendJSONString(b, it.Claim)
	b = append(b, ",\n    \"step\": "...)
	b = strconv.AppendInt(b, int64(it.Step), 10)
	b = append(b, ",\n    \"status\": "...)
	b = appendJSONString(b, it.Status)
	b = append(b, ",\n    \"updated\": \""...)
	b = it.Updated.AppendFormat(b, time.RFC3339Nano)
	b = append(b, "\",\n    \"next_deadline\": "...)
	d := it.NextDeadline
	if d == nil {
		return append(b, "null\n  }"...)
	}
	b = append(b, "{\n      \"kind\": "...)
	b = appendJSONString(b, d.Kind)
	b = append(b, ",\n      \"title\": "...)
	b = appendJSONString(b, d.Title)
	b = append(b, ",\n      \"due\": "...)
	b = appendJSONString(b, d.Due)
	if d.DueTime != "" {
		b = append(b, ",\n      \"due_time\": "...)
		b = appendJSONString(b, d.DueTime)
	}
	b = append(b, ",\n      \"days_left\": "...)
	b = strconv.AppendInt(b, int64(d.DaysLeft), 10)
	return append(b, "\n    }\n  }"...)
}

// appendJSONString appends s quoted as encoding/json quotes it: plain
// printable ASCII directly, anything else through encoding/json itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
