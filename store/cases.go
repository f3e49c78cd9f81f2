package store

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// record prepares case c for storing at time now: its case-file JSON with
// Updated set to now (and Created, when unknown). c itself is not changed.
func record(c *workflow.Case, now time.Time) (*workflow.Case, []byte, error) {
	cc := *c
	cc.Updated = now
	if cc.Created.IsZero() {
		cc.Created = now
	}
	data, err := casefile.Marshal(&cc)
	return &cc, data, err
}

// Create stores a new case and returns its id, a small number people can
// type, never reused. The stored case's Updated (and Created, when unset)
// is the time of saving; c itself is not changed.
func (s *Store) Create(c *workflow.Case) (uint64, error) {
	ids, err := s.CreateMany([]*workflow.Case{c})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// CreateMany stores new cases in one transaction (one fsync), for imports,
// and returns their ids in order. Either all are stored or none.
func (s *Store) CreateMany(cs []*workflow.Case) ([]uint64, error) {
	now := s.now()
	type prepared struct {
		c    *workflow.Case
		data []byte
	}
	ps := make([]prepared, len(cs))
	for i, c := range cs {
		cc, data, err := record(c, now)
		if err != nil {
			return nil, fmt.Errorf("saving a new case (%q): %w", c.Title, err)
		}
		ps[i] = prepared{cc, data}
	}
	ids := make([]uint64, len(cs))
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCases)
		for i, p := range ps {
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			if err := putCaseBytes(tx, id, p.data, summaryOf(id, p.c, now, now)); err != nil {
				return fmt.Errorf("case %d: %w", id, err)
			}
			ids[i] = id
		}
		return addLive(tx, len(ps))
	})
	if err != nil {
		return nil, fmt.Errorf("saving %d new case(s) in %s: %w", len(cs), s.path, err)
	}
	return ids, nil
}

// Save replaces case id with c: the case, its summary and its index entry
// in one transaction. The stored case's Updated is the time of saving; c
// itself is not changed. A case not in the file, or in the trash, is
// ErrNotFound.
func (s *Store) Save(id uint64, c *workflow.Case) error {
	now := s.now()
	cc, data, err := record(c, now)
	if err != nil {
		return fmt.Errorf("saving case %d: %w", id, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		if err := s.live(tx, id); err != nil {
			return err
		}
		return putCaseBytes(tx, id, data, summaryOf(id, cc, now, now))
	})
	if err != nil {
		return fmt.Errorf("saving case %d: %w", id, err)
	}
	return nil
}

// live returns nil when case id is in the file and not in the trash.
func (s *Store) live(tx *bolt.Tx, id uint64) error {
	k := idKey(id)
	if tx.Bucket(bucketCases).Get(k) == nil {
		return ErrNotFound
	}
	if tx.Bucket(bucketTrash).Get(k) != nil {
		return fmt.Errorf("%w: it is in the trash", ErrNotFound)
	}
	return nil
}

// Get returns case id. A case whose record fails its checksum gives a
// *CorruptError naming it.
func (s *Store) Get(id uint64) (*workflow.Case, error) {
	var data []byte
	err := s.view(func(tx *bolt.Tx) error {
		if err := s.live(tx, id); err != nil {
			return err
		}
		k := idKey(id)
		p, err := checkRecord(bucketCases, k, tx.Bucket(bucketCases).Get(k))
		if err == nil {
			data, err = decodeCase(p)
		}
		if err != nil {
			return corrupt(s.path, id, "%v", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading case %d: %w", id, err)
	}
	c, err := casefile.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("reading case %d: %w", id, err)
	}
	return c, nil
}

// summary reads the summary of case id.
func (s *Store) summary(tx *bolt.Tx, id uint64) (Summary, error) {
	k := idKey(id)
	v := tx.Bucket(bucketSummaries).Get(k)
	if v == nil {
		return Summary{}, corrupt(s.path, id, "its summary is missing")
	}
	p, err := checkRecord(bucketSummaries, k, v)
	if err != nil {
		return Summary{}, corrupt(s.path, id, "its summary: %v", err)
	}
	sum, err := decodeSummary(id, p)
	if err != nil {
		return Summary{}, corrupt(s.path, id, "its summary cannot be read (%v)", err)
	}
	return sum, nil
}

// eachRecent calls fn for the live cases matching status, newest first,
// until fn returns false.
func (s *Store) eachRecent(tx *bolt.Tx, status workflow.Status, fn func(id uint64) bool) error {
	c := tx.Bucket(bucketRecent).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		p, err := checkRecord(bucketRecent, k, v)
		if err != nil {
			return corrupt(s.path, recentID(k), "its entry in the case list: %v", err)
		}
		if status != "" && string(p) != string(status) {
			continue
		}
		if !fn(recentID(k)) {
			return nil
		}
	}
	return nil
}

// List returns summaries of live cases, most recently saved first, with
// q.Status (when set), skipping q.Offset and returning at most q.Limit
// (all when 0). Only the summaries of the page are decoded.
func (s *Store) List(q ListQuery) ([]Summary, error) {
	var out []Summary
	if q.Limit > 0 {
		out = make([]Summary, 0, min(q.Limit, 1024))
	}
	err := s.Walk(q, func(sum Summary) error {
		out = append(out, sum)
		return nil
	})
	return out, err
}

// Walk calls fn with the summaries List(q) would return, in the same order,
// one at a time, so a long list can be written out without being held in
// memory. It stops at fn's first error and returns it. fn runs inside a
// read transaction: it must not call the Store's other methods, and while
// it runs a save that needs the file to grow waits.
func (s *Store) Walk(q ListQuery, fn func(Summary) error) error {
	var fnErr error
	err := s.view(func(tx *bolt.Tx) error {
		skip, n := max(q.Offset, 0), 0
		var sumErr error
		err := s.eachRecent(tx, q.Status, func(id uint64) bool {
			if skip > 0 {
				skip--
				return true
			}
			sum, err := s.summary(tx, id)
			if err != nil {
				sumErr = err
				return false
			}
			if fnErr = fn(sum); fnErr != nil {
				return false
			}
			n++
			return q.Limit <= 0 || n < q.Limit
		})
		if err == nil {
			err = sumErr
		}
		return err
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("listing the cases in %s: %w", s.path, err)
	}
	return nil
}

// Upcoming returns the summaries of live cases that have a next deadline
// to watch, the soonest due first, cases due the same day by id; at most
// limit (all when limit <= 0). Those are the open cases (overdue ones,
// whose date has passed, come first of all) and the cases closed,
// resolved or exhausted whose deadline (an external review) is today or
// later: one whose deadline has passed is done with (workflow.Watched).
// It reads only the entries it returns, from the deadline index (which
// holds their summaries), however many cases the file holds. The
// deadlines are those computed when each case was last saved, as in List.
func (s *Store) Upcoming(limit int) ([]Summary, error) {
	var open, settled []Summary
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDue).Cursor()
		read := func(k, v []byte, out *[]Summary) error {
			id := dueID(k)
			p, err := checkRecord(bucketDue, k, v)
			if err != nil || id == 0 {
				return corrupt(s.path, id, "its entry in the deadline list: %v", errChecksum)
			}
			sum, err := decodeSummary(id, p)
			if err != nil {
				return corrupt(s.path, id, "its entry in the deadline list cannot be read (%v)", err)
			}
			*out = append(*out, sum)
			return nil
		}
		full := func(out []Summary) bool { return limit > 0 && len(out) >= limit }
		for k, v := c.First(); k != nil && k[0] != settledPrefix && !full(open); k, v = c.Next() {
			if err := read(k, v, &open); err != nil {
				return err
			}
		}
		from := []byte{settledPrefix}
		from = binary.BigEndian.AppendUint32(from, dateNumber(workflow.DateOf(s.now())))
		for k, v := c.Seek(from); k != nil && !full(settled); k, v = c.Next() {
			if err := read(k, v, &settled); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the next deadlines in %s: %w", s.path, err)
	}
	out := append(open, settled...)
	slices.SortFunc(out, func(a, b Summary) int {
		if c := cmp.Compare(dateNumber(a.NextDeadline.Due), dateNumber(b.NextDeadline.Due)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Count returns how many live cases have status (all when empty). The
// number of all live cases is read from its record in meta/, not counted:
// walking the recency index would make all of its pages resident, which
// costs megabytes at 100,000 cases. With a status, or when that record is
// damaged, the index is walked.
func (s *Store) Count(status workflow.Status) (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		if status == "" {
			if live, ok := readLive(tx); ok {
				n = live
				return nil
			}
		}
		return s.eachRecent(tx, status, func(uint64) bool { n++; return true })
	})
	if err != nil {
		return 0, fmt.Errorf("counting the cases in %s: %w", s.path, err)
	}
	return n, nil
}

// Delete moves case id to the trash, where it stays restorable (Undelete)
// for 30 days.
func (s *Store) Delete(id uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		if err := s.live(tx, id); err != nil {
			return err
		}
		sum, err := s.summary(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketRecent).Delete(recentKey(sum.Updated, id)); err != nil {
			return err
		}
		if err := unindexDue(tx, sum); err != nil {
			return err
		}
		if err := putRecord(tx.Bucket(bucketTrash), bucketTrash, idKey(id), timeBytes(s.now())); err != nil {
			return err
		}
		return addLive(tx, -1)
	})
	if err != nil {
		return fmt.Errorf("deleting case %d: %w", id, err)
	}
	return nil
}

// Undelete brings case id back from the trash, to its old place in the list.
func (s *Store) Undelete(id uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		k := idKey(id)
		if tx.Bucket(bucketTrash).Get(k) == nil {
			if tx.Bucket(bucketCases).Get(k) != nil {
				return fmt.Errorf("%w in the trash: it was not deleted", ErrNotFound)
			}
			return fmt.Errorf("%w in the trash (deleted cases are kept %d days)", ErrNotFound, trashDays)
		}
		sum, err := s.summary(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketTrash).Delete(k); err != nil {
			return err
		}
		if err := indexDue(tx, sum); err != nil {
			return err
		}
		if err := putRecord(tx.Bucket(bucketRecent), bucketRecent, recentKey(sum.Updated, id), []byte(sum.Status)); err != nil {
			return err
		}
		return addLive(tx, 1)
	})
	if err != nil {
		return fmt.Errorf("restoring case %d from the trash: %w", id, err)
	}
	return nil
}

// Trash returns the summaries of deleted cases, most recently deleted
// first, with Deleted set. Each is removed for good 30 days after Deleted.
func (s *Store) Trash() ([]Summary, error) {
	var out []Summary
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTrash).ForEach(func(k, v []byte) error {
			id := keyID(k)
			p, err := openRecord(bucketTrash, k, v)
			if err != nil {
				return corrupt(s.path, id, "its trash record: %v", err)
			}
			sum, err := s.summary(tx, id)
			if err != nil {
				return err
			}
			sum.Deleted, _ = bytesTime(p)
			out = append(out, sum)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("listing the trash of %s: %w", s.path, err)
	}
	sortByDeleted(out)
	return out, nil
}

func sortByDeleted(ss []Summary) {
	slices.SortFunc(ss, func(a, b Summary) int {
		if c := b.Deleted.Compare(a.Deleted); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
}
