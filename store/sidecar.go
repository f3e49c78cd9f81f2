package store

import (
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"

	"github.com/overturn/overturn/internal/plainfile"
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
// And it says whether the file was closed cleanly, and, after every
// commit, the file's modification time and inode, and a checksum of its
// meta pages and freelist (structureSum), which lets Open skip the deep
// check in a child process (see Open, and "Checking at open" in the
// package comment): a bit flipped in the pages bbolt trusts most (the free
// pages it will write over) is found at open, even when it left the size,
// time and inode alone. Open marks it not clean as soon as it has the file
// open, Close marks it clean as its last act; a line of an older layout
// (2, 3) is read as not clean.
//
// Cost: one pwrite of 175 bytes per save, a stat, and a read of the meta
// pages and the freelist, which are in the page cache; no fsync (measured
// in BenchmarkSave).
type sidecar struct {
	fileID []byte // 16 bytes
	txid   uint64
	size   int64
	lastID uint64 // the cases bucket's sequence
	clean  bool   // set by Close
	// The file's modification time (Unix ns), inode (0 where there are
	// none) and structureSum after the commit; hasSum is false in lines of
	// an older layout, and when the sum could not be read.
	mtime  int64
	inode  uint64
	sum    uint32
	hasSum bool
}

const (
	sidecarMagic   = "overturn-txid 4"
	sidecarMagicV3 = "overturn-txid 3"
	sidecarMagicV2 = "overturn-txid 2"
)

func sidecarPath(path string) string { return path + ".txid" }

func (sc sidecar) encode() []byte {
	clean, sum := 0, "--------"
	if sc.clean {
		clean = 1
	}
	if sc.hasSum {
		sum = fmt.Sprintf("%08x", sc.sum)
	}
	body := fmt.Sprintf("%s %032x %020d %020d %020d %d %020d %020d %s", sidecarMagic, sc.fileID, sc.txid, sc.size, sc.lastID,
		clean, sc.mtime, sc.inode, sum)
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
		if f = strings.Fields(rest); len(f) != 8 {
			return sidecar{}, false
		}
	} else if rest, ok := strings.CutPrefix(body, sidecarMagicV3+" "); ok {
		if f = strings.Fields(rest); len(f) != 7 {
			return sidecar{}, false
		}
		f[4] = "0"
		f = append(f, "--------")
	} else if rest, ok := strings.CutPrefix(body, sidecarMagicV2+" "); ok {
		if f = strings.Fields(rest); len(f) != 4 {
			return sidecar{}, false
		}
		f = append(f, "0", "0", "0", "--------")
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
	sc := sidecar{fileID: id, txid: txid, size: size, lastID: lastID, clean: f[4] == "1", mtime: mtime, inode: inode}
	if f[7] != "--------" {
		v, err := strconv.ParseUint(f[7], 16, 32)
		if err != nil || len(f[7]) != 8 {
			return sidecar{}, false
		}
		sc.sum, sc.hasSum = uint32(v), true
	}
	return sc, true
}

// readSidecar reads the sidecar of the case file at path; false when there
// is none or it cannot be trusted. A link or anything but a plain file
// there is not read.
func readSidecar(path string) (sidecar, bool) {
	b, err := readSmallFile(sidecarPath(path), 1024)
	if err != nil {
		return sidecar{}, false
	}
	return parseSidecar(b)
}

// readSmallFile reads the plain file at path, of at most max bytes,
// without following a link or waiting on anything else (a FIFO).
func readSmallFile(path string, max int64) ([]byte, error) {
	f, err := plainfile.Open(path, false)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max))
}

// writeSidecarFile replaces the sidecar of path durably (used by Restore,
// which must have it on disk before the restored file is renamed into place).
func writeSidecarFile(path string, sc sidecar) error {
	return writeFileAtomic(sidecarPath(path), sc.encode())
}
