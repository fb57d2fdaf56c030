// Package indexfile reads and writes the index file of a data folder: a
// manifest line, the passages, documents and lexicon, and the raw vectors,
// written through temporary files and a rebuild lock so that readers never
// see a partial file and concurrent writers never mix their bytes.
package indexfile

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
)

// Version changes whenever the index file layout changes. 4: vectors
// stored as int8, read without holding the file in memory.
const Version = 4

// Name is the name of the index file inside the data folder.
const Name = "index.citebot"

const magic = "citebot-index\n"

// Manifest says what an index was built from; an index whose manifest does
// not match the corpus and embedder at hand is rebuilt.
type Manifest struct {
	Format     int       `json:"format"`
	CorpusHash string    `json:"corpus_hash"`
	Embedder   string    `json:"embedder"`
	Dims       int       `json:"dims"`
	Passages   int       `json:"passages"`
	Documents  int       `json:"documents"`
	Duplicates int       `json:"duplicates"`
	BuiltAt    time.Time `json:"built_at"`
}

// Contents is what an index file holds.
type Contents struct {
	Manifest  Manifest
	Passages  []corpus.Passage
	Documents []corpus.DocInfo
	Lexicon   *lexical.Lexicon
	// Vectors holds each passage's vector, in passage order, each
	// Manifest.Dims long.
	Vectors [][]float32
}

// An index file is:
//
//	citebot-index\n
//	manifest as one line of JSON\n
//	header: length of meta, length of vectors (uint64 each), CRC-32C of both
//	meta: gzipped gob of passages, documents and the lexicon
//	vectors: every passage's vector as Manifest.Dims signed bytes, in
//	passage order
//
// Vectors are quantised: each one is scaled so that its largest component
// is ±127 and rounded, and read back scaled to unit length again. Ranking
// by cosine similarity barely notices (the README's evaluation table was
// measured on such files), and the file is a quarter of what float32 takes.
// Vectors don't compress, so they are kept out of the gzip stream. The
// lengths and checksum catch truncated and damaged files before anything is
// used.
type meta struct {
	Manifest  Manifest
	Passages  []corpus.Passage
	Documents []corpus.DocInfo
	Lexicon   lexical.Lexicon
}

const headerLen = 8 + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Write writes c to dir/Name through a temporary file that is renamed into
// place, so readers never see a partial file and two writers never mix
// their bytes. It streams: neither the meta nor the vectors are held in
// memory as bytes.
func Write(dir string, c Contents) (err error) {
	dims := c.Manifest.Dims
	if dims <= 0 || len(c.Vectors) != c.Manifest.Passages {
		return fmt.Errorf("write index: %d vectors of %d dimensions for %d passages", len(c.Vectors), dims, c.Manifest.Passages)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	head, err := json.Marshal(c.Manifest)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return err
	}
	// Held until tmp is closed: a file no save holds is a dead save's.
	TryLock(tmp)
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	var hdr [headerLen]byte
	for _, part := range [][]byte{[]byte(magic), head, {'\n'}, hdr[:]} {
		w.Write(part)
	}
	hdrAt := int64(len(magic) + len(head) + 1)
	crc := crc32.New(castagnoli)
	body := &countingWriter{w: io.MultiWriter(w, crc)}
	zw, err := gzip.NewWriterLevel(body, gzip.BestSpeed)
	if err != nil {
		return err
	}
	m := meta{Manifest: c.Manifest, Passages: c.Passages, Documents: c.Documents, Lexicon: *c.Lexicon}
	if err := gob.NewEncoder(zw).Encode(&m); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	metaLen := body.n
	q := make([]byte, dims)
	for i, vec := range c.Vectors {
		if len(vec) != dims {
			return fmt.Errorf("write index: vector %d has %d dimensions, want %d", i, len(vec), dims)
		}
		quantize(q, vec)
		body.Write(q)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	binary.LittleEndian.PutUint64(hdr[0:], uint64(metaLen))
	binary.LittleEndian.PutUint64(hdr[8:], uint64(body.n-metaLen))
	binary.LittleEndian.PutUint32(hdr[16:], crc.Sum32())
	if _, err := tmp.WriteAt(hdr[:], hdrAt); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, Name))
}

// Round replaces each vector by what it reads back as from an index file,
// so that an index searched right after it is built ranks exactly as the
// same index loaded from its file.
func Round(vecs [][]float32) {
	var q []byte
	for _, v := range vecs {
		if len(v) == 0 {
			continue
		}
		if cap(q) < len(v) {
			q = make([]byte, len(v))
		}
		q = q[:len(v)]
		quantize(q, v)
		dequantize(v, q)
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// quantize writes vec into q as signed bytes, scaled so that its largest
// component is ±127.
func quantize(q []byte, vec []float32) {
	var top float32
	for _, x := range vec {
		top = max(top, x, -x)
	}
	if top == 0 {
		clear(q)
		return
	}
	scale := 127 / float64(top)
	for i, x := range vec {
		q[i] = byte(int8(math.Round(float64(x) * scale)))
	}
}

// dequantize writes the signed bytes of q into v, scaled to unit length; a
// zero vector becomes a fixed unit vector, as the embedders make it.
func dequantize(v []float32, q []byte) {
	var sum int64
	for _, b := range q {
		x := int64(int8(b))
		sum += x * x
	}
	if sum == 0 {
		clear(v)
		v[0] = 1
		return
	}
	inv := 1 / math.Sqrt(float64(sum))
	for i, b := range q {
		v[i] = float32(float64(int8(b)) * inv)
	}
}

// ReadManifest reads the manifest at the head of an index file without
// reading the rest.
func ReadManifest(path string) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	m, _, err := readHead(bufio.NewReader(f))
	return m, err
}

// readHead reads the magic line and the manifest, returning the number of
// bytes they took.
func readHead(r *bufio.Reader) (Manifest, int, error) {
	var m Manifest
	got := make([]byte, len(magic))
	if _, err := io.ReadFull(r, got); err != nil || string(got) != magic {
		return m, 0, errors.New("not a citebot index file")
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return m, 0, fmt.Errorf("read manifest: %w", err)
	}
	if err := json.Unmarshal(line, &m); err != nil {
		return m, 0, fmt.Errorf("read manifest: %w", err)
	}
	return m, len(magic) + len(line), nil
}

// Read reads a whole index file, its lexicon prepared for use. Any damage
// (truncation, flipped bytes, a passage count that doesn't add up) is an
// error. The file is read once, as a stream: its bytes are never all in
// memory, and the vectors are decoded straight into one block of float32.
func Read(path string) (Contents, error) {
	f, err := os.Open(path)
	if err != nil {
		return Contents{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Contents{}, err
	}
	r := bufio.NewReaderSize(f, 1<<20)
	m, n, err := readHead(r)
	if err != nil {
		return Contents{}, err
	}
	var hdr [headerLen]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return Contents{}, errors.New("truncated header")
	}
	metaLen := binary.LittleEndian.Uint64(hdr[0:])
	vecLen := binary.LittleEndian.Uint64(hdr[8:])
	want := binary.LittleEndian.Uint32(hdr[16:])
	bodyLen := uint64(st.Size()) - uint64(n+headerLen)
	if bodyLen != metaLen+vecLen || metaLen > bodyLen {
		return Contents{}, fmt.Errorf("body is %d bytes, header says %d", bodyLen, metaLen+vecLen)
	}
	if m.Dims <= 0 || m.Passages < 0 || uint64(m.Passages)*uint64(m.Dims) != vecLen {
		return Contents{}, fmt.Errorf("holds %d bytes of vectors for %d passages of %d dimensions", vecLen, m.Passages, m.Dims)
	}
	crc := crc32.New(castagnoli)
	body := io.TeeReader(r, crc)
	metaR := io.LimitReader(body, int64(metaLen))
	zr, err := gzip.NewReader(metaR)
	if err != nil {
		return Contents{}, fmt.Errorf("read body: %w", err)
	}
	var md meta
	if err := gob.NewDecoder(zr).Decode(&md); err != nil {
		return Contents{}, fmt.Errorf("decode body: %w", err)
	}
	if _, err := io.Copy(io.Discard, metaR); err != nil {
		return Contents{}, fmt.Errorf("read body: %w", err)
	}
	if md.Manifest != m {
		return Contents{}, errors.New("manifest and body disagree")
	}
	if len(md.Passages) != m.Passages || len(md.Lexicon.DocLen) != m.Passages || md.Lexicon.N != m.Passages {
		return Contents{}, fmt.Errorf("holds %d passages, manifest says %d", len(md.Passages), m.Passages)
	}
	all := make([]float32, m.Passages*m.Dims)
	vs := make([][]float32, m.Passages)
	q := make([]byte, m.Dims)
	for i := range vs {
		if _, err := io.ReadFull(body, q); err != nil {
			return Contents{}, fmt.Errorf("read vectors: %w", err)
		}
		vs[i] = all[i*m.Dims : (i+1)*m.Dims : (i+1)*m.Dims]
		dequantize(vs[i], q)
	}
	if crc.Sum32() != want {
		return Contents{}, errors.New("checksum mismatch")
	}
	lx := md.Lexicon
	lx.Prepare()
	return Contents{Manifest: m, Passages: md.Passages, Documents: md.Documents, Lexicon: &lx, Vectors: vs}, nil
}
