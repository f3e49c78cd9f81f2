package store

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"time"

	"github.com/overturn/overturn/workflow"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errChecksum is returned by openRecord when a value does not match its
// checksum.
var errChecksum = errors.New("its checksum does not match its contents")

// recordSum is the CRC-32C of the bucket name, the key and the payload, so
// a value moved to another key or bucket fails too.
func recordSum(bucket, key, payload []byte) uint32 {
	h := crc32.Update(0, castagnoli, bucket)
	h = crc32.Update(h, castagnoli, []byte{0})
	h = crc32.Update(h, castagnoli, key)
	h = crc32.Update(h, castagnoli, []byte{0})
	return crc32.Update(h, castagnoli, payload)
}

// sealRecord returns the stored form of payload: a 4-byte big-endian
// CRC-32C followed by the payload.
func sealRecord(bucket, key, payload []byte) []byte {
	out := make([]byte, 4+len(payload))
	binary.BigEndian.PutUint32(out, recordSum(bucket, key, payload))
	copy(out[4:], payload)
	return out
}

// openRecord checks a stored value and returns a copy of its payload,
// safe to use after the transaction ends.
func openRecord(bucket, key, value []byte) ([]byte, error) {
	payload, err := checkRecord(bucket, key, value)
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), payload...), nil
}

// checkRecord checks a stored value and returns its payload, which is
// bbolt's memory: valid only inside the transaction, never to be changed.
func checkRecord(bucket, key, value []byte) ([]byte, error) {
	if len(value) < 4 {
		return nil, errChecksum
	}
	payload := value[4:]
	if binary.BigEndian.Uint32(value) != recordSum(bucket, key, payload) {
		return nil, errChecksum
	}
	return payload, nil
}

// idKey is the key of case id: 8 bytes big-endian, so keys sort by id.
func idKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, id)
}

// keyID reads an idKey; 0 when the key is not one.
func keyID(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}

// recentKey is the recency index key: the update time in Unix nanoseconds
// (big-endian, so keys sort by time) followed by the id.
func recentKey(updated time.Time, id uint64) []byte {
	k := binary.BigEndian.AppendUint64(nil, uint64(updated.UnixNano()))
	return binary.BigEndian.AppendUint64(k, id)
}

// recentID returns the id part of a recency key; 0 when the key is not one.
func recentID(k []byte) uint64 {
	if len(k) != 16 {
		return 0
	}
	return binary.BigEndian.Uint64(k[8:])
}

// timeBytes and bytesTime store a time as Unix nanoseconds.
func timeBytes(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano()))
}

func bytesTime(b []byte) (time.Time, bool) {
	if len(b) != 8 {
		return time.Time{}, false
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(b))), true
}

// dueKey is the deadline index key of an open case: the due date as
// YYYYMMDD (4 bytes big-endian, so keys sort by date) followed by the id.
func dueKey(due workflow.Date, id uint64) []byte {
	k := binary.BigEndian.AppendUint32(nil, dateNumber(due))
	return binary.BigEndian.AppendUint64(k, id)
}

// settledPrefix starts the deadline index key of a case that is not open
// (closed, resolved or exhausted) but has a deadline still running, an
// external review: settledPrefix, then the dueKey. No date starts with
// it, so these keys sort after every open case's.
const settledPrefix = 0xff

// settledKey is the deadline index key of a case that is not open.
func settledKey(due workflow.Date, id uint64) []byte {
	return append([]byte{settledPrefix}, dueKey(due, id)...)
}

// indexKey is the deadline index key of sum, by its status.
func indexKey(sum Summary) []byte {
	if sum.Status == workflow.StatusOpen {
		return dueKey(sum.NextDeadline.Due, sum.ID)
	}
	return settledKey(sum.NextDeadline.Due, sum.ID)
}

// dueID returns the id part of a deadline key; 0 when the key is not one.
func dueID(k []byte) uint64 {
	if len(k) == 13 && k[0] == settledPrefix {
		k = k[1:]
	}
	if len(k) != 12 {
		return 0
	}
	return binary.BigEndian.Uint64(k[4:])
}
