package store

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/overturn/overturn/workflow"
)

// A summary record is a hand-written binary encoding, so that the case
// list decodes 100,000 of them in a few tens of milliseconds
// (encoding/json took about 20 µs each). Its payload:
//
//	0x03                          the encoding (0x02 in format 3, without terms; format 1 summaries were JSON, which begins with '{')
//	uvarint step
//	string  status
//	time    updated
//	string  title
//	string  claim
//	0x00 | 0x01 kind title due duetime    the next deadline, when there is one
//	string  terms                 what else a search matches (SearchTerms); not in 0x02
//
// where a string is a uvarint length and its bytes, a time is 0x00 (none)
// or 0x01, varint Unix seconds, uvarint nanoseconds and varint zone offset
// in seconds, and a date (due) is a uvarint YYYYMMDD (0: none).
const (
	summaryTag   = 0x03
	summaryTagV2 = 0x02
)

// errSummary is the problem with a summary record that is not one.
var errSummary = errors.New("it is not a summary record")

// encodeSummary returns the payload of sum's record.
func encodeSummary(sum Summary) []byte {
	b := make([]byte, 0, 64+len(sum.Title)+len(sum.Claim)+len(sum.Terms))
	b = append(b, summaryTag)
	b = binary.AppendUvarint(b, uint64(sum.Step))
	b = appendString(b, string(sum.Status))
	b = appendTime(b, sum.Updated)
	b = appendString(b, sum.Title)
	b = appendString(b, sum.Claim)
	if d := sum.NextDeadline; d == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendString(b, string(d.Kind))
		b = appendString(b, d.Title)
		b = binary.AppendUvarint(b, uint64(dateNumber(d.Due)))
		b = appendTime(b, d.DueTime)
	}
	return appendString(b, sum.Terms)
}

// decodeSummary reads the payload of case id's summary record.
func decodeSummary(id uint64, p []byte) (Summary, error) {
	r := reader{b: p}
	tag := r.byte()
	if tag != summaryTag && tag != summaryTagV2 {
		return Summary{}, errSummary
	}
	sum := Summary{ID: id}
	sum.Step = workflow.Step(r.uvarint())
	sum.Status = workflow.Status(r.string())
	sum.Updated = r.time()
	sum.Title = r.string()
	sum.Claim = r.string()
	if r.flag() {
		d := &DeadlineSummary{Kind: workflow.DeadlineKind(r.string()), Title: r.string()}
		d.Due = numberDate(r.uvarint())
		d.DueTime = r.time()
		sum.NextDeadline = d
	}
	if tag == summaryTag {
		sum.Terms = r.string()
	}
	if r.bad || len(r.b) != 0 {
		return Summary{}, errSummary
	}
	return sum, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	_, off := t.Zone()
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	return binary.AppendVarint(b, int64(off))
}

// dateNumber is d as YYYYMMDD, 0 for no date; numbers sort as dates do.
func dateNumber(d workflow.Date) uint32 {
	if d.IsZero() {
		return 0
	}
	return uint32(d.Year()*10000 + int(d.Month())*100 + d.Day())
}

func numberDate(n uint64) workflow.Date {
	if n == 0 {
		return workflow.Date{}
	}
	return workflow.NewDate(int(n/10000), time.Month(n/100%100), int(n%100))
}

// reader decodes a summary payload; a read past the end or a malformed
// number sets bad and yields zero values.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad = true
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// flag reads a 0x00 (false) or 0x01 (true) byte.
func (r *reader) flag() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.bad = true
	return false
}

func (r *reader) time() time.Time {
	if !r.flag() {
		return time.Time{}
	}
	sec, nsec, off := r.varint(), r.uvarint(), r.varint()
	if nsec >= 1e9 {
		r.bad = true
		return time.Time{}
	}
	// The zone as encoding/json gave it back: UTC, the local zone when its
	// offset then matches, else a zone of just the offset.
	t := time.Unix(sec, int64(nsec))
	if off == 0 {
		return t.UTC()
	}
	if _, local := t.Zone(); int64(local) == off {
		return t
	}
	return t.In(time.FixedZone("", int(off)))
}
