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
// And it says whether the file was closed cleanly, with the file's
// modification time and inode at that moment, which lets Open skip the
// deep check in a child process (see Open, and "Checking at open" in the
// package comment). Open marks it not clean as soon as it has the file
// open, Close marks it clean as its last act; a line of the older layout
// (2) is read as not clean.
//
// Cost: one pwrite of 165 bytes per save, no fsync (measured in
// BenchmarkSave).
type sidecar struct {
	fileID []byte // 16 bytes
	txid   uint64
	size   int64
	lastID uint64 // the cases bucket's sequence
	// Set by Close: the file's modification time (Unix ns) and inode
	// (0 where there are none) after the program closed it.
	clean bool
	mtime int64
	inode uint64
}

const (
	sidecarMagic   = "overturn-txid 3"
	sidecarMagicV2 = "overturn-txid 2"
)

func sidecarPath(path string) string { return path + ".txid" }

func (sc sidecar) encode() []byte {
	clean := 0
	if sc.clean {
		clean = 1
	}
	body := fmt.Sprintf("%s %032x %020d %020d %020d %d %020d %020d", sidecarMagic, sc.fileID, sc.txid, sc.size, sc.lastID,
		clean, sc.mtime, sc.inode)
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
	var f []string
	if rest, ok := strings.CutPrefix(body, sidecarMagic+" "); ok {
		if f = strings.Fields(rest); len(f) != 7 {
			return sidecar{}, false
		}
	} else if rest, ok := strings.CutPrefix(body, sidecarMagicV2+" "); ok {
		if f = strings.Fields(rest); len(f) != 4 {
			return sidecar{}, false
		}
		f = append(f, "0", "0", "0")
	} else {
		return sidecar{}, false
	}
	id, err1 := hex.DecodeString(f[0])
	txid, err2 := strconv.ParseUint(f[1], 10, 64)
	size, err3 := strconv.ParseInt(f[2], 10, 64)
	lastID, err4 := strconv.ParseUint(f[3], 10, 64)
	mtime, err5 := strconv.ParseInt(f[5], 10, 64)
	inode, err6 := strconv.ParseUint(f[6], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || err6 != nil || len(id) != 16 ||
		f[4] != "0" && f[4] != "1" {
		return sidecar{}, false
	}
	return sidecar{fileID: id, txid: txid, size: size, lastID: lastID, clean: f[4] == "1", mtime: mtime, inode: inode}, true
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
