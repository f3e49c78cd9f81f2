package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestSearchTerms: a case's summary holds what a search matches besides
// its title and claim number (names, provider, codes, numbers), in the
// list and in the deadline index; a file of format 3, whose summaries had
// none, gets them when it is brought up to date.
func TestSearchTerms(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	c := fullCase(t)
	c.Member.Name, c.Patient.Name = "Dana Reyes", "Sam Reyes"
	id, err := s.Create(c)
	if err != nil {
		t.Fatal(err)
	}
	want := SearchTerms(c)
	for _, term := range []string{"dana reyes\n", "sam reyes\n", strings.ToLower(c.Claim.Provider.Name) + "\n", strings.ToLower(c.EOB.Codes[0]) + "\n"} {
		if !strings.Contains(want, term) {
			t.Errorf("the search terms %q lack %q", want, term)
		}
	}
	terms := func(what string) {
		t.Helper()
		list, err := s.List(ListQuery{})
		if err != nil || len(list) != 1 || list[0].Terms != want {
			t.Errorf("%s: the list gives %+v, %v; want terms %q", what, list, err, want)
		}
		up, err := s.Upcoming(0)
		if err != nil || len(up) != 1 || up[0].Terms != want {
			t.Errorf("%s: the deadline index gives %+v, %v", what, up, err)
		}
	}
	terms("stored")
	s.Close()

	// Back to format 3: summaries without terms (encoding 0x02).
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		k := idKey(id)
		for _, name := range [][]byte{bucketSummaries, bucketDue} {
			b := tx.Bucket(name)
			key := k
			if string(name) == string(bucketDue) {
				key, _ = b.Cursor().First()
				key = append([]byte(nil), key...)
			}
			p, err := checkRecord(name, key, b.Get(key))
			if err != nil {
				return err
			}
			sum, err := decodeSummary(id, p)
			if err != nil {
				return err
			}
			sum.Terms = ""
			v2 := encodeSummary(sum)
			v2 = v2[:len(v2)-1] // no terms at all, not empty ones
			v2[0] = summaryTagV2
			if err := putRecord(b, name, key, v2); err != nil {
				return err
			}
		}
		return putRecord(tx.Bucket(bucketMeta), bucketMeta, keySchema, []byte("3"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	s = open(t, path, clk)
	terms("brought up to date from format 3")
}
