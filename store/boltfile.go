package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"maps"
	"slices"
)

// This file reads the structure of a bbolt file (go.etcd.io/bbolt v1.5.0,
// internal/common) without bbolt, from bytes read with ReadAt: nothing in a
// damaged file can crash it, and it reads only the pages it needs. All
// numbers are in the machine's byte order, little-endian on every platform
// Overturn ships.
//
// A page starts with a 16-byte header: its id (8 bytes), flags (2), a
// count of elements (2) and how many pages it overflows into (4). A meta
// page (pages 0 and 1) then holds magic, version, page size, flags (4 bytes
// each), the root bucket (root page, sequence), the freelist page, the
// high-water page id, the transaction id and an FNV-64a checksum of
// everything before it. A branch page's elements are (key position, key
// size, child page id), 16 bytes each; a leaf page's (flags, key position,
// key size, value size), 16 bytes each, positions counted from the
// element. A leaf element with flag 1 is a bucket, its value the bucket's
// root page and sequence (an inline bucket, root 0, has its one page in the
// value). A freelist page holds the free page ids, 8 bytes each; a count of
// 0xFFFF means the real count is the first of them.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderLen  = 16
	metaOffset     = pageHeaderLen
	metaSumEnd     = metaOffset + 56
	metaLen        = metaSumEnd + 8
	elementLen     = 16
	noFreelistPage = 0xffffffffffffffff

	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
)

var le = binary.LittleEndian

// rawMeta is what a valid meta page says.
type rawMeta struct {
	pageSize                   int64
	root, freelist, pgid, txid uint64
}

func parseMeta(b []byte) (rawMeta, bool) {
	if len(b) < metaLen {
		return rawMeta{}, false
	}
	m := b[metaOffset:]
	h := fnv.New64a()
	h.Write(b[metaOffset:metaSumEnd])
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[56:]) != h.Sum64() {
		return rawMeta{}, false
	}
	return rawMeta{
		pageSize: int64(le.Uint32(m[8:])),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pgid:     le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, true
}

// pageHeader is the header of a page.
type pageHeader struct {
	id       uint64
	flags    uint16
	count    uint16
	overflow uint32
}

// boltFile reads pages of a bbolt file whose meta page m was read.
type boltFile struct {
	r    io.ReaderAt
	m    rawMeta
	size int64 // the file's size
}

// errStructure is a page that is not what the tree says it is.
type errStructure string

func (e errStructure) Error() string { return string(e) }

func structuref(format string, args ...any) error { return errStructure(fmt.Sprintf(format, args...)) }

// header reads and checks the header of page id.
func (f *boltFile) header(id uint64) (pageHeader, error) {
	if id < 2 || id >= f.m.pgid {
		return pageHeader{}, structuref("page %d is outside the file's %d pages", id, f.m.pgid)
	}
	var b [pageHeaderLen]byte
	if _, err := f.r.ReadAt(b[:], int64(id)*f.m.pageSize); err != nil {
		return pageHeader{}, fmt.Errorf("reading page %d: %w", id, err)
	}
	h := pageHeader{id: le.Uint64(b[0:]), flags: le.Uint16(b[8:]), count: le.Uint16(b[10:]), overflow: le.Uint32(b[12:])}
	if h.id != id || id+uint64(h.overflow) >= f.m.pgid {
		return pageHeader{}, structuref("page %d is damaged (it says it is page %d of %d pages)", id, h.id, h.overflow+1)
	}
	return h, nil
}

// page reads page id whole, overflow included.
func (f *boltFile) page(id uint64) (pageHeader, []byte, error) {
	h, err := f.header(id)
	if err != nil {
		return h, nil, err
	}
	n := (int64(h.overflow) + 1) * f.m.pageSize
	if n > f.size {
		return h, nil, structuref("page %d is larger than the file", id)
	}
	b := make([]byte, n)
	if _, err := f.r.ReadAt(b, int64(id)*f.m.pageSize); err != nil {
		return h, nil, fmt.Errorf("reading page %d: %w", id, err)
	}
	return h, b, nil
}

// freeIDs returns the ids the freelist page lists, and the freelist pages
// themselves (nil when the file keeps no freelist).
func (f *boltFile) freeIDs() (ids []uint64, raw []byte, err error) {
	if f.m.freelist == noFreelistPage {
		return nil, nil, nil
	}
	h, b, err := f.page(f.m.freelist)
	if err != nil {
		return nil, nil, err
	}
	if h.flags != freelistPageFlag {
		return nil, nil, structuref("its freelist page %d is not a freelist page", f.m.freelist)
	}
	at, n := pageHeaderLen, uint64(h.count)
	if h.count == 0xFFFF {
		n, at = le.Uint64(b[at:]), at+8
	}
	if n > uint64(len(b)-at)/8 {
		return nil, nil, structuref("its freelist page %d says it lists %d pages", f.m.freelist, n)
	}
	ids = make([]uint64, n)
	for i := range ids {
		ids[i] = le.Uint64(b[at+8*i:])
	}
	return ids, b, nil
}

// structureSum is a CRC-32C of what Open can check cheaply: the first
// bytes of both meta pages (header and meta) and the freelist pages of
// the newest. A bit flipped in any of them changes it.
func structureSum(r io.ReaderAt, m rawMeta, size int64) (uint32, error) {
	h := crc32.New(castagnoli)
	buf := make([]byte, metaLen)
	for _, off := range []int64{0, m.pageSize} {
		if _, err := r.ReadAt(buf, off); err != nil {
			return 0, err
		}
		h.Write(buf)
	}
	f := &boltFile{r: r, m: m, size: size}
	if _, raw, err := f.freeIDs(); err != nil {
		return 0, err
	} else {
		h.Write(raw)
	}
	return h.Sum32(), nil
}

// checkFreePages checks that no page the freelist gives as free is still
// in use: bbolt would write over it at the next save, and the cases it
// holds would be gone. It also finds a freelist that lists a page twice,
// or pages outside the file. It reads the meta and freelist pages, the
// pages of the root bucket (which list the buckets), the branch pages of
// each bucket and the first leaf under each of them (bbolt's trees keep
// every leaf at the same depth, so the first says what the others are),
// and, for each free page, the header of the page just below it, which may
// run on into it. Not the leaves, which are nearly all of the file.
func checkFreePages(r io.ReaderAt, m rawMeta, size int64) error {
	f := &boltFile{r: r, m: m, size: size}
	free, _, err := f.freeIDs()
	if err != nil {
		return err
	}
	c := freeCheck{f: f, used: map[uint64]int64{0: 0, 1: 0}}
	if m.freelist != noFreelistPage {
		h, err := f.header(m.freelist)
		if err != nil {
			return err
		}
		c.used[m.freelist] = int64(h.overflow)
	}
	if err := c.bucket(m.root, true, 0); err != nil {
		return err
	}
	ids := slices.Sorted(maps.Keys(c.used))
	seen := map[uint64]bool{}
	for _, id := range free {
		switch {
		case seen[id]:
			return structuref("its freelist gives page %d as free twice", id)
		case id < 2 || id >= m.pgid:
			return structuref("its freelist gives page %d as free, outside the file's %d pages", id, m.pgid)
		}
		seen[id] = true
		i, found := slices.BinarySearch(ids, id)
		if found {
			return structuref("its freelist gives page %d as free, but it holds data in use", id)
		}
		if i == 0 {
			continue
		}
		below := ids[i-1]
		over := c.used[below]
		if over < 0 {
			h, err := f.header(below)
			if err != nil {
				return err
			}
			over = int64(h.overflow)
		}
		if id <= below+uint64(over) {
			return structuref("its freelist gives page %d as free, but it holds data in use (page %d runs on into it)", id, below)
		}
	}
	return nil
}

// freeCheck gathers the pages in use for checkFreePages: page id ->
// how many pages it runs on into, -1 for a leaf not read.
type freeCheck struct {
	f    *boltFile
	used map[uint64]int64
}

// maxDepth bounds the trees walked: a bucket of a billion records is
// about five levels deep.
const maxDepth = 32

func (c *freeCheck) use(id uint64, overflow int64) error {
	if _, ok := c.used[id]; ok {
		return structuref("page %d is used twice in its tree", id)
	}
	c.used[id] = overflow
	return nil
}

// bucket takes the pages of the bucket (or, with inRoot, of the root
// bucket, whose leaves are read for the buckets they hold) whose tree
// starts at page id.
func (c *freeCheck) bucket(id uint64, inRoot bool, depth int) error {
	if depth > maxDepth {
		return structuref("its tree is deeper than any real one, at page %d", id)
	}
	h, b, err := c.f.page(id)
	if err != nil {
		return err
	}
	if err := c.use(id, int64(h.overflow)); err != nil {
		return err
	}
	if int(h.count) > (len(b)-pageHeaderLen)/elementLen {
		return structuref("page %d says it holds %d elements", id, h.count)
	}
	switch h.flags {
	case leafPageFlag:
		if !inRoot {
			return nil
		}
		for i := range int(h.count) {
			e := pageHeaderLen + i*elementLen
			if le.Uint32(b[e:])&bucketLeafFlag == 0 {
				continue
			}
			pos, ksize, vsize := int64(le.Uint32(b[e+4:])), int64(le.Uint32(b[e+8:])), int64(le.Uint32(b[e+12:]))
			v := int64(e) + pos + ksize
			if vsize < 16 || v+16 > int64(len(b)) {
				return structuref("page %d holds a bucket that does not fit in it", id)
			}
			if root := le.Uint64(b[v:]); root != 0 {
				if err := c.bucket(root, false, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	case branchPageFlag:
	default:
		return structuref("page %d is of no known kind (flags %#x)", id, h.flags)
	}
	children := make([]uint64, h.count)
	for i := range children {
		children[i] = le.Uint64(b[pageHeaderLen+i*elementLen+8:])
	}
	if len(children) == 0 {
		return structuref("branch page %d is empty", id)
	}
	if !inRoot {
		first, err := c.f.header(children[0])
		if err != nil {
			return err
		}
		if first.flags == leafPageFlag {
			for i, child := range children {
				over := int64(-1)
				if i == 0 {
					over = int64(first.overflow)
				}
				if child >= c.f.m.pgid {
					return structuref("page %d points at page %d, outside the file", id, child)
				}
				if err := c.use(child, over); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, child := range children {
		if err := c.bucket(child, inRoot, depth+1); err != nil {
			return err
		}
	}
	return nil
}
