package store

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// Bucket names and meta keys; the layout is in the package comment.
var (
	bucketMeta      = []byte("meta")
	bucketCases     = []byte("cases")
	bucketSummaries = []byte("summaries")
	bucketRecent    = []byte("recent")
	bucketTrash     = []byte("trash")
	bucketDue       = []byte("due")

	allBuckets = [][]byte{bucketMeta, bucketCases, bucketSummaries, bucketRecent, bucketTrash, bucketDue}

	keySchema = []byte("schema")
	keyWriter = []byte("writer")
	keyFileID = []byte("file-id")
	keyLive   = []byte("live")
)

// schemaVersion is the format this Overturn writes: len(migrations).
var schemaVersion = len(migrations)

// migrations[i] takes a file from format i to i+1. They run in order, all
// in one transaction, after a backup of the file (see Open).
var migrations = []func(tx *bolt.Tx, now time.Time) error{
	migrateV0,
	migrateV1,
	migrateV2,
	migrateV3,
	migrateV4,
}

// header is what a file says about itself.
type header struct {
	schema int
	writer string
	fileID []byte // nil before format 1
	fresh  bool   // a bbolt file with no buckets yet: a new case file
	unread bool   // not read yet (Open reads it once bbolt has the file)
}

// readHeader reads the format of the file open in tx.
func readHeader(tx *bolt.Tx, path string) (header, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if tx.Bucket(bucketCases) != nil {
			return header{schema: 0}, nil
		}
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return header{fresh: true}, nil
		}
		return header{}, corrupt(path, 0, "it is not an Overturn case file (it holds another program's data)")
	}
	get := func(key []byte) ([]byte, error) {
		v := meta.Get(key)
		if v == nil {
			return nil, corrupt(path, 0, "its %s record is missing", key)
		}
		p, err := openRecord(bucketMeta, key, v)
		if err != nil {
			return nil, corrupt(path, 0, "its %s record: %v", key, err)
		}
		return p, nil
	}
	s, err := get(keySchema)
	if err != nil {
		return header{}, err
	}
	n, err := strconv.Atoi(string(s))
	if err != nil || n < 1 {
		return header{}, corrupt(path, 0, "its format record %q is not a format number", s)
	}
	h := header{schema: n}
	if w := meta.Get(keyWriter); w != nil {
		p, err := openRecord(bucketMeta, keyWriter, w)
		if err != nil {
			return header{}, corrupt(path, 0, "its writer record: %v", err)
		}
		h.writer = string(p)
	}
	if n > schemaVersion {
		return h, nil
	}
	if h.fileID, err = get(keyFileID); err != nil {
		return header{}, err
	}
	return h, nil
}

func putRecord(b *bolt.Bucket, name, key, payload []byte) error {
	return b.Put(key, sealRecord(name, key, payload))
}

// initFile creates the buckets and meta of a new file of format schema.
func initFile(tx *bolt.Tx, schema int, version string) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("creating the %s bucket: %w", name, err)
		}
	}
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	meta := tx.Bucket(bucketMeta)
	if err := putRecord(meta, bucketMeta, keySchema, []byte(strconv.Itoa(schema))); err != nil {
		return err
	}
	if err := putRecord(meta, bucketMeta, keyFileID, id); err != nil {
		return err
	}
	if err := putLive(tx, 0); err != nil {
		return err
	}
	return putRecord(meta, bucketMeta, keyWriter, []byte(version))
}

// migrateV0 converts the first, prototype layout: a single cases bucket of
// bare case-file JSON keyed by 8-byte big-endian ids, no meta, no
// checksums. Every case gets its checksum, summary and index entry.
func migrateV0(tx *bolt.Tx, now time.Time) error {
	old := tx.Bucket(bucketCases)
	type kv struct{ k, v []byte }
	var all []kv
	if err := old.ForEach(func(k, v []byte) error {
		all = append(all, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		return nil
	}); err != nil {
		return err
	}
	seq := old.Sequence()
	if err := tx.DeleteBucket(bucketCases); err != nil {
		return err
	}
	if err := initFile(tx, 1, ""); err != nil {
		return err
	}
	for _, e := range all {
		id := keyID(e.k)
		if id == 0 {
			return fmt.Errorf("format 0: key %x is not a case id", e.k)
		}
		c, err := casefile.Parse(e.v)
		if err != nil {
			return fmt.Errorf("format 0: case %d: %w", id, err)
		}
		updated := c.Updated
		if updated.IsZero() {
			updated = now
		}
		if err := putCaseBytes(tx, id, e.v, summaryOf(id, c, updated, now)); err != nil {
			return fmt.Errorf("format 0: case %d: %w", id, err)
		}
		seq = max(seq, id)
	}
	return tx.Bucket(bucketCases).SetSequence(seq)
}

// migrateV1 converts format 1, whose summaries were JSON, to format 2:
// every summary is written in the binary encoding (summary.go), and the
// deadline index due/ is built from the summaries of live open cases.
// Summaries a format 0 migration has just written are binary already.
func migrateV1(tx *bolt.Tx, _ time.Time) error {
	if _, err := tx.CreateBucketIfNotExists(bucketDue); err != nil {
		return err
	}
	sums, trash := tx.Bucket(bucketSummaries), tx.Bucket(bucketTrash)
	var all []Summary
	err := sums.ForEach(func(k, v []byte) error {
		id := keyID(k)
		p, err := checkRecord(bucketSummaries, k, v)
		if err != nil || id == 0 {
			return fmt.Errorf("format 1: the summary of case %d: %w", id, errChecksum)
		}
		var sum Summary
		if len(p) > 0 && p[0] == '{' {
			err = json.Unmarshal(p, &sum)
			sum.ID = id
		} else {
			sum, err = decodeSummary(id, p)
		}
		if err != nil {
			return fmt.Errorf("format 1: the summary of case %d: %w", id, err)
		}
		all = append(all, sum)
		return nil
	})
	if err != nil {
		return err
	}
	for _, sum := range all {
		k := idKey(sum.ID)
		if err := putRecord(sums, bucketSummaries, k, encodeSummary(sum)); err != nil {
			return err
		}
		if trash.Get(k) == nil {
			if err := indexDue(tx, sum); err != nil {
				return err
			}
		}
	}
	return nil
}

// migrateV2 takes format 2 to format 3, which keeps the number of live
// cases in meta/ (see addLive), so that counting them does not read the
// whole recency index, and a copy of each case's summary in its due/
// entry (see indexDue).
func migrateV2(tx *bolt.Tx, _ time.Time) error {
	due, sums := tx.Bucket(bucketDue), tx.Bucket(bucketSummaries)
	var keys [][]byte
	if err := due.ForEach(func(k, _ []byte) error {
		keys = append(keys, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		id := dueID(k)
		sk := idKey(id)
		p, err := checkRecord(bucketSummaries, sk, sums.Get(sk))
		if err != nil || id == 0 {
			return fmt.Errorf("format 2: the summary of case %d: %w", id, errChecksum)
		}
		if err := putRecord(due, bucketDue, k, p); err != nil {
			return err
		}
	}
	return putLive(tx, countRecent(tx))
}

// countRecent counts the entries of the recency index: the live cases.
func countRecent(tx *bolt.Tx) int {
	n := 0
	c := tx.Bucket(bucketRecent).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}

// readLive returns the number of live cases meta/ records, and false when
// the record is missing or fails its checksum.
func readLive(tx *bolt.Tx) (int, bool) {
	p, err := openRecord(bucketMeta, keyLive, tx.Bucket(bucketMeta).Get(keyLive))
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(p))
	return n, err == nil && n >= 0
}

func putLive(tx *bolt.Tx, n int) error {
	return putRecord(tx.Bucket(bucketMeta), bucketMeta, keyLive, []byte(strconv.Itoa(n)))
}

// addLive adds delta to the number of live cases, after the transaction
// has changed the recency index by as many entries. A record that is
// missing or damaged is rebuilt by counting the index.
func addLive(tx *bolt.Tx, delta int) error {
	n, ok := readLive(tx)
	if !ok {
		return putLive(tx, countRecent(tx))
	}
	return putLive(tx, n+delta)
}

// migrateV3 takes format 3 to format 4, whose summaries hold the terms a
// search matches besides title and claim (SearchTerms), read from each
// case. A case that cannot be read keeps a summary without them.
func migrateV3(tx *bolt.Tx, _ time.Time) error {
	sums, cases, due, trash := tx.Bucket(bucketSummaries), tx.Bucket(bucketCases), tx.Bucket(bucketDue), tx.Bucket(bucketTrash)
	var all []Summary
	err := sums.ForEach(func(k, v []byte) error {
		id := keyID(k)
		p, err := checkRecord(bucketSummaries, k, v)
		if err != nil || id == 0 {
			return fmt.Errorf("format 3: the summary of case %d: %w", id, errChecksum)
		}
		sum, err := decodeSummary(id, p)
		if err != nil {
			return fmt.Errorf("format 3: the summary of case %d: %w", id, err)
		}
		if p, err := checkRecord(bucketCases, k, cases.Get(k)); err == nil {
			if data, err := decodeCase(p); err == nil {
				if c, err := casefile.Parse(data); err == nil {
					sum.Terms = SearchTerms(c)
				}
			}
		}
		all = append(all, sum)
		return nil
	})
	if err != nil {
		return err
	}
	for _, sum := range all {
		k := idKey(sum.ID)
		if err := putRecord(sums, bucketSummaries, k, encodeSummary(sum)); err != nil {
			return err
		}
		if sum.NextDeadline != nil && trash.Get(k) == nil && due.Get(dueKey(sum.NextDeadline.Due, sum.ID)) != nil {
			if err := indexDue(tx, sum); err != nil {
				return err
			}
		}
	}
	return nil
}

// migrateV4 takes format 4 to format 5, whose deadline index also holds
// the live cases that are not open but have a next deadline (an external
// review still running; see indexKey).
func migrateV4(tx *bolt.Tx, _ time.Time) error {
	sums, trash := tx.Bucket(bucketSummaries), tx.Bucket(bucketTrash)
	var settled []Summary
	err := sums.ForEach(func(k, v []byte) error {
		id := keyID(k)
		p, err := checkRecord(bucketSummaries, k, v)
		if err != nil || id == 0 {
			return fmt.Errorf("format 4: the summary of case %d: %w", id, errChecksum)
		}
		sum, err := decodeSummary(id, p)
		if err != nil {
			return fmt.Errorf("format 4: the summary of case %d: %w", id, err)
		}
		if sum.Status != workflow.StatusOpen && sum.NextDeadline != nil && trash.Get(k) == nil {
			settled = append(settled, sum)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, sum := range settled {
		if err := indexDue(tx, sum); err != nil {
			return err
		}
	}
	return nil
}
