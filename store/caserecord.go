package store

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"errors"
	"io"
	"sync"
)

// A case record's payload (format 2) is the case-file JSON, compressed
// when that makes it smaller, which it does for any real case: the full
// case of testdata goes from 5.3 KB to 1.7 KB. That size matters: bbolt
// keeps at least two values in a node, so a case of over about 2 KB takes
// a whole page (or two) of its own, one under it half a page.
//
//	'{' ...        the case-file JSON as it is (format 1, and tiny cases)
//	0x01 deflate   the case-file JSON compressed (compress/flate, level 2)
//	               with casedict.json as the preset dictionary
//
// The dictionary is the case file of an empty case: its field names and
// layout, which every case repeats. Its bytes must never change, since the
// records written with it need them to be read; a better one would come
// with a new tag.
const caseDeflate = 0x01

// caseLevel is the compression level: level 1 ignores the dictionary, and
// higher levels gain little for the time they take.
const caseLevel = 2

//go:embed casedict.json
var caseDict []byte

// maxCaseSize bounds a decompressed case (a case file is a few KB; the
// checksum already vouches for the record, this only bounds the damage a
// bug could do).
const maxCaseSize = 16 << 20

var errCaseRecord = errors.New("its contents cannot be read")

var (
	deflaters = sync.Pool{New: func() any {
		w, _ := flate.NewWriterDict(nil, caseLevel, caseDict)
		return w
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReaderDict(bytes.NewReader(nil), caseDict) }}
)

// encodeCase returns the payload of a case record holding the case-file
// JSON data.
func encodeCase(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	buf.WriteByte(caseDeflate)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(data); err != nil || w.Close() != nil || buf.Len() >= len(data) {
		return data
	}
	return buf.Bytes()
}

// decodeCase returns the case-file JSON of a case record's payload, in
// new memory (p may be bbolt's).
func decodeCase(p []byte) ([]byte, error) {
	if len(p) == 0 {
		return nil, errCaseRecord
	}
	switch p[0] {
	case '{':
		return bytes.Clone(p), nil
	case caseDeflate:
	default:
		return nil, errCaseRecord
	}
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(p[1:]), caseDict); err != nil {
		return nil, errCaseRecord
	}
	var out bytes.Buffer
	out.Grow(3 * len(p))
	n, err := out.ReadFrom(io.LimitReader(r, maxCaseSize+1))
	if err != nil || n > maxCaseSize {
		return nil, errCaseRecord
	}
	return out.Bytes(), nil
}
