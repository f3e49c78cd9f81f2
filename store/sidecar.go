package store

import (
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"strconv"
	"strings"
)

// The sidecar (cases.db.txid, 0600, beside the case file) remembers, outside
// the file, the file's id, the id of its last committed transaction and its
// size after that commit. bbolt silently falls back to the older meta page
// when the newest one is damaged, losing the last save without a word; a
// file whose transaction id is below the sidecar's, or which is shorter than
// the sidecar says, has lost something, and Open reports it.
//
// Why a plain overwrite with no fsync is enough, and can never raise a false
// alarm:
//   - It is written only after bbolt's commit has returned, that is after
//     the commit's fdatasync. So whatever the sidecar holds was already
//     durable in the file: a crash or power cut can leave the sidecar older
//     than the file (no alarm: a newer file is fine), never newer.
//   - The line is fixed-length and carries its own CRC-32C. A torn or lost
//     write leaves the old line, nothing, or a line that fails its checksum,
//     which counts as "no sidecar": detection is lost for that one open, and
//     the next commit writes a good line again.
//   - The file id ties the sidecar to one case file: a different file put in
//     its place (a copy from another machine) is not compared with it.
//     Restore writes the restored file's values before it renames the file
//     into place.
//   - bbolt never shrinks the file (Overturn does not compact), so the size
//     only grows between commits.
//
// It also remembers the last case id handed out, so that a file restored
// from an older backup goes on from there and never gives an id again.
//
// Cost: one pwrite of 120 bytes per save, no fsync (measured in
// BenchmarkSave).
type sidecar struct {
	fileID []byte // 16 bytes
	txid   uint64
	size   int64
	lastID uint64 // the cases bucket's sequence
}

const sidecarMagic = "overturn-txid 2"

func sidecarPath(path string) string { return path + ".txid" }

func (sc sidecar) encode() []byte {
	body := fmt.Sprintf("%s %032x %020d %020d %020d", sidecarMagic, sc.fileID, sc.txid, sc.size, sc.lastID)
	return fmt.Appendf(nil, "%s %08x\n", body, crc32.Checksum([]byte(body), castagnoli))
}

// parseSidecar reads a sidecar line; false when it is not a whole, good one.
func parseSidecar(b []byte) (sidecar, bool) {
	line, ok := strings.CutSuffix(string(b), "\n")
	if !ok {
		return sidecar{}, false
	}
	i := strings.LastIndexByte(line, ' ')
	if i < 0 {
		return sidecar{}, false
	}
	body, sum := line[:i], line[i+1:]
	want, err := strconv.ParseUint(sum, 16, 32)
	if err != nil || uint32(want) != crc32.Checksum([]byte(body), castagnoli) {
		return sidecar{}, false
	}
	f := strings.Fields(strings.TrimPrefix(body, sidecarMagic+" "))
	if !strings.HasPrefix(body, sidecarMagic+" ") || len(f) != 4 {
		return sidecar{}, false
	}
	id, err1 := hex.DecodeString(f[0])
	txid, err2 := strconv.ParseUint(f[1], 10, 64)
	size, err3 := strconv.ParseInt(f[2], 10, 64)
	lastID, err4 := strconv.ParseUint(f[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || len(id) != 16 {
		return sidecar{}, false
	}
	return sidecar{fileID: id, txid: txid, size: size, lastID: lastID}, true
}

// readSidecar reads the sidecar of the case file at path; false when there
// is none or it cannot be trusted.
func readSidecar(path string) (sidecar, bool) {
	b, err := os.ReadFile(sidecarPath(path))
	if err != nil {
		return sidecar{}, false
	}
	return parseSidecar(b)
}

// writeSidecarFile replaces the sidecar of path durably (used by Restore,
// which must have it on disk before the restored file is renamed into place).
func writeSidecarFile(path string, sc sidecar) error {
	return writeFileAtomic(sidecarPath(path), sc.encode())
}
