package casefile

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// hostile are case files made to cost their reader: each as large as a
// case file may be, or about the half-megabyte that once cost 35 to 60
// seconds of CPU, half a gigabyte and a 600 KB error line.
func hostile() map[string][]byte {
	const head = `{"format":"overturn-case/3","title":`
	rep := func(s string, n int) string { return strings.Repeat(s, n) }
	fill := func(prefix, unit, suffix string) []byte { // up to MaxSize
		n := (MaxSize - len(prefix) - len(suffix)) / len(unit)
		return []byte(prefix + rep(unit, n) + suffix)
	}
	return map[string][]byte{
		"lists nested 250,000 deep":               []byte(head + rep("[", 250_000) + rep("]", 250_000) + "}"),
		"lists nested as deep as the size allows": fill(head, "[", ""),
		"objects nested 50,000 deep":              []byte(`{"format":"overturn-case/3","claim":` + rep(`{"provider":`, 50_000) + "1" + rep("}", 50_000) + "}"),
		"objects under unknown keys":              []byte(`{"format":"overturn-case/3","x":` + rep(`{"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy":`, 20_000) + "1" + rep("}", 20_000) + "}"),
		"a number of a million digits":            []byte(head + "1" + rep("7", 1_000_000) + "}"),
		"a date of a hundred thousand bytes":      []byte(`{"format":"overturn-case/3","claim":{"date_of_service":"` + rep("2", 99_000) + `"}}`),
		"an amount of a hundred thousand bytes":   []byte(`{"format":"overturn-case/3","claim":{"billed":"` + rep("9", 99_000) + `"}}`),
		"a plan type of a hundred thousand bytes": []byte(`{"format":"overturn-case/3","plan":{"type":"` + rep("x", 99_000) + `"}}`),
		"a format of a hundred thousand bytes":    []byte(`{"format":"overturn-case/` + rep("9", 99_000) + `"}`),
		"a key of two hundred bytes, deep":        []byte(head + rep(`{"`+rep("k", 200)+`":`, 31) + `"` + rep("t", MaxTextBytes+1) + `"` + rep("}", 31) + "}"),
		"ten megabytes of white space":            fill("", " ", "{}"),
		"a list of a million items":               fill(head, "1,", "1]}"),
		"a text of ten megabytes":                 fill(head+`"`, "a", `"}`),
		"escapes all through a text":              fill(head+`"`, `\u00e9`, `"}`),
		"values without end":                      fill(`{"format":"overturn-case/3","calls":[`, `{"notes":"n"},`, `{}]}`),
	}
}

// TestHostileCaseFilesAreCheap: every hostile case file is refused with an
// error line of at most a few hundred bytes, using at most 50 MB, nesting
// no deeper than MaxDepth (the reading is held to milliseconds by
// BenchmarkHostileCaseFiles); as a file and as a stream.
func TestHostileCaseFilesAreCheap(t *testing.T) {
	for name, data := range hostile() {
		t.Run(name, func(t *testing.T) {
			if len(data) > MaxSize {
				t.Fatalf("the test file is %d bytes, over the limit", len(data))
			}
			for _, how := range []string{"file", "stream"} {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				var err error
				if how == "file" {
					_, err = Parse(data)
				} else {
					_, err = NewDecoder(bytes.NewReader(data)).Next()
				}
				runtime.ReadMemStats(&after)
				var ce *Error
				if !errors.As(err, &ce) {
					t.Fatalf("%s: %v, want a *Error", how, err)
				}
				if n := len(err.Error()); n > 400 {
					t.Errorf("%s: the error line is %d bytes: %.300s…", how, n, err)
				}
				if used := after.TotalAlloc - before.TotalAlloc; used > 50<<20 {
					t.Errorf("%s: reading it allocated %d MB", how, used>>20)
				}
				if strings.Count(ce.Path, ".")+strings.Count(ce.Path, "[") > MaxDepth {
					t.Errorf("%s: the error is %d levels deep", how, strings.Count(ce.Path, ".")+strings.Count(ce.Path, "["))
				}
				t.Logf("%s: %s", how, err)
			}
		})
	}
}

func BenchmarkHostileCaseFiles(b *testing.B) {
	for name, data := range hostile() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse(data); err == nil {
					b.Fatal("a hostile case file was read")
				}
			}
		})
	}
}

// TestDepthLimit: a file nesting exactly MaxDepth deep reads as far as the
// nesting goes (here, to the wrong type it holds); one level more is
// refused as too deep.
func TestDepthLimit(t *testing.T) {
	at := func(depth int) error {
		_, err := Parse([]byte(`{"format":"overturn-case/3","title":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + "}"))
		return err
	}
	if err := at(MaxDepth); err == nil || strings.Contains(err.Error(), "nest") {
		t.Errorf("nested %d deep: %v", MaxDepth, err)
	}
	if err := at(MaxDepth + 1); err == nil || !strings.Contains(err.Error(), "nest more than 32 deep") {
		t.Errorf("nested %d deep: %v", MaxDepth+1, err)
	}
	if _, err := NewDecoder(strings.NewReader(strings.Repeat("[", MaxDepth+1))).Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("a stream nested too deep: %v", err)
	}
}

// TestYearsLimited: dates and times in a case file have years from
// MinYear to MaxYear, so that every deadline counted from them has four
// digits (9999-12-31 gave a deadline of 10000-06-28).
func TestYearsLimited(t *testing.T) {
	for _, tc := range []struct {
		field, value string
		ok           bool
	}{
		{`"claim":{"date_of_service":`, `"9999-12-31"`, false},
		{`"claim":{"date_of_service":`, `"1899-12-31"`, false},
		{`"claim":{"date_of_service":`, `"2199-12-31"`, true},
		{`"claim":{"date_of_service":`, `"1900-01-01"`, true},
		{`"calls":[{"at":`, `"9999-01-01T09:00:00Z"`, false},
		{`"calls":[{"at":`, `"2026-01-01T09:00:00Z"`, true},
	} {
		closing := "}}"
		if strings.Contains(tc.field, "[") {
			closing = "}]}"
		}
		_, err := Parse([]byte(`{"format":"overturn-case/3",` + tc.field + tc.value + closing))
		if (err == nil) != tc.ok || err != nil && !strings.Contains(err.Error(), "write a year from 1900 to 2199") {
			t.Errorf("%s%s: %v", tc.field, tc.value, err)
		}
	}
}
