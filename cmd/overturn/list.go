package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// The list is written as the store walks it (store.Walk), through one
// buffer, so 100,000 cases need neither a slice of them all nor a write
// per line.

// writeListText writes the people's list of the cases walk walks (nil: no
// case file yet) and returns how many there were. The columns are
// aligned as text/tabwriter aligned them (padding 2), which needs every
// line before the first can be written: the lines are kept, in chunks.
func writeListText(out io.Writer, walk walker, now time.Time) (int, error) {
	if walk == nil {
		return 0, nil
	}
	var t columns
	today := workflow.DateOf(now)
	var line []byte
	err := walk(func(sum store.Summary) error {
		line = strconv.AppendUint(line[:0], sum.ID, 10)
		line = append(line, '\t')
		line = append(line, workflow.SanitizeLine(sum.Title)...)
		line = append(line, "\tstep "...)
		line = strconv.AppendInt(line, int64(sum.Step), 10)
		line = append(line, " of 7\t"...)
		line = append(line, workflow.SanitizeLine(string(sum.Status))...)
		line = append(line, '\t')
		if d := sum.NextDeadline; d != nil {
			line = append(line, workflow.SanitizeLine(d.Title)...)
			line = append(line, " by "...)
			line = append(line, d.Due.String()...)
			line = append(line, " ("...)
			line = append(line, daysPhrase(today.DaysUntil(d.Due))...)
			line = append(line, ")\n"...)
		} else {
			line = append(line, "no open deadline\n"...)
		}
		t.add(line)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return t.n, t.writeTo(out)
}

// listColumns is the number of aligned columns of the list; the next
// deadline, last, is not padded.
const listColumns = 4

// columns collects lines of listColumns cells, each ended by a tab, and a
// last part ended by a newline (the cells hold neither), and writes them
// with each cell padded to its column's widest cell (in runes) plus 2.
type columns struct {
	chunks [][]byte // the lines, in chunks of about 1 MB, so none is copied to grow
	widths [listColumns]int
	n      int // lines
}

const chunkSize = 1 << 20

func (t *columns) add(line []byte) {
	rest := line
	for col := range listColumns {
		i := bytes.IndexByte(rest, '\t')
		t.widths[col] = max(t.widths[col], utf8.RuneCount(rest[:i]))
		rest = rest[i+1:]
	}
	if k := len(t.chunks); k == 0 || len(t.chunks[k-1])+len(line) > cap(t.chunks[k-1]) {
		t.chunks = append(t.chunks, make([]byte, 0, max(chunkSize, len(line))))
	}
	k := len(t.chunks) - 1
	t.chunks[k] = append(t.chunks[k], line...)
	t.n++
}

const spaces = "                                                                "

func (t *columns) writeTo(out io.Writer) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	for _, chunk := range t.chunks {
		for len(chunk) > 0 {
			for col := range listColumns {
				i := bytes.IndexByte(chunk, '\t')
				bw.Write(chunk[:i])
				for pad := t.widths[col] + 2 - utf8.RuneCount(chunk[:i]); pad > 0; pad -= len(spaces) {
					bw.WriteString(spaces[:min(pad, len(spaces))])
				}
				chunk = chunk[i+1:]
			}
			i := bytes.IndexByte(chunk, '\n')
			bw.Write(chunk[:i+1])
			chunk = chunk[i+1:]
		}
	}
	return bw.Flush()
}

// writeListJSON writes the --json list: the same bytes as a.writeJSON of
// the []listItem, one item at a time.
func writeListJSON(out io.Writer, walk walker, now time.Time) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	n := 0
	var buf []byte
	if walk != nil {
		err := walk(func(sum store.Summary) error {
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
