package store

import (
	"bytes"
	"testing"

	"github.com/overturn/overturn/casefile"
)

func TestCaseRecordsAreCompressedWhenThatHelps(t *testing.T) {
	full, err := casefile.Marshal(fullCase(t))
	if err != nil {
		t.Fatal(err)
	}
	p := encodeCase(full)
	if p[0] != caseDeflate || len(p) > len(full)/3 {
		t.Errorf("the full case (%d bytes) is stored in %d bytes, tag %#x", len(full), len(p), p[0])
	}
	if got, err := decodeCase(p); err != nil || !bytes.Equal(got, full) {
		t.Errorf("decodeCase(encodeCase(full)) = %d bytes, %v", len(got), err)
	}
	tiny := []byte(`{}`)
	if p := encodeCase(tiny); !bytes.Equal(p, tiny) {
		t.Errorf("a tiny case is stored as %q, want it as it is", p)
	}
	if got, err := decodeCase(tiny); err != nil || !bytes.Equal(got, tiny) {
		t.Errorf("decodeCase(JSON) = %q, %v", got, err)
	}
	for name, bad := range map[string][]byte{
		"empty":       nil,
		"unknown tag": append([]byte{0x07}, p[1:]...),
		"cut short":   p[:len(p)/2],
		"not deflate": {caseDeflate, 0xff, 0xff, 0xff},
	} {
		if _, err := decodeCase(bad); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}
