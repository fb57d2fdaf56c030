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
	"runtime"
	"sync"
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
	Format     int    `json:"format"`
	CorpusHash string `json:"corpus_hash"`
	Embedder   string `json:"embedder"`
	Dims       int    `json:"dims"`
	Passages   int    `json:"passages"`
	Documents  int    `json:"documents"`
	Duplicates int    `json:"duplicates"`
	// Navigation counts the passages left out as a table of contents:
	// of the corpus's pages (a docs site's index list) or of a document's
	// own sections (a README's list of links to its headings).
	Navigation int       `json:"navigation,omitempty"`
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
	Vectors Vectors
}

// Vectors are unit vectors quantised to signed bytes: each one scaled so
// that its largest component is ±127, and rounded. Cosine similarity
// barely notices, and they take a quarter of the memory of float32.
type Vectors struct {
	Dims int
	// Data holds vector i at Data[i*Dims : (i+1)*Dims], each byte an int8.
	Data []byte
	// inv holds the inverse of each vector's length, for At and Dot.
	inv []float32
}

// Quantise returns vecs, each dims long, quantised.
func Quantise(dims int, vecs [][]float32) (Vectors, error) {
	v := Vectors{Dims: dims, Data: make([]byte, len(vecs)*dims)}
	for i, vec := range vecs {
		if len(vec) != dims {
			return Vectors{}, fmt.Errorf("vector %d has %d dimensions, want %d", i, len(vec), dims)
		}
		quantize(v.Row(i), vec)
	}
	v.measure()
	return v, nil
}

// Add quantises vec (Dims long) and appends it.
func (v *Vectors) Add(vec []float32) error {
	if len(vec) != v.Dims {
		return fmt.Errorf("vector has %d dimensions, want %d", len(vec), v.Dims)
	}
	i := v.Len()
	v.Data = append(v.Data, make([]byte, v.Dims)...)
	quantize(v.Row(i), vec)
	var sum int64
	for _, x := range v.Row(i) {
		sum += int64(int8(x)) * int64(int8(x))
	}
	var inv float32
	if sum > 0 {
		inv = float32(1 / math.Sqrt(float64(sum)))
	}
	v.inv = append(v.inv, inv)
	return nil
}

// measure computes the inverse length of every vector, on every CPU.
func (v *Vectors) measure() {
	n := v.Len()
	v.inv = make([]float32, n)
	parts := runtime.GOMAXPROCS(0)
	size := (n + parts - 1) / parts
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += size {
		hi := min(lo+size, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				var sum int64
				for _, x := range v.Row(i) {
					sum += int64(int8(x)) * int64(int8(x))
				}
				if sum > 0 {
					v.inv[i] = float32(1 / math.Sqrt(float64(sum)))
				}
			}
		}()
	}
	wg.Wait()
}

// Len is the number of vectors.
func (v Vectors) Len() int {
	if v.Dims <= 0 {
		return 0
	}
	return len(v.Data) / v.Dims
}

// Row returns the quantised vector i, shared.
func (v Vectors) Row(i int) []byte { return v.Data[i*v.Dims : (i+1)*v.Dims : (i+1)*v.Dims] }

// At writes vector i, scaled to unit length, into dst (Dims long) and
// returns it; a zero vector reads as a fixed unit vector, as the embedders
// make it.
func (v Vectors) At(i int, dst []float32) []float32 {
	row, inv := v.Row(i), float64(v.inv[i])
	if inv == 0 {
		clear(dst)
		dst[0] = 1
		return dst
	}
	for j, x := range row {
		dst[j] = float32(float64(int8(x)) * inv)
	}
	return dst
}

// Dot returns the dot product of vector i, scaled to unit length, with q.
// For a unit-length q it is their cosine similarity.
func (v Vectors) Dot(i int, q []float32) float32 {
	row := v.Row(i)
	if v.inv[i] == 0 {
		return q[0]
	}
	q = q[:len(row)]
	var s0, s1, s2, s3 float32
	j := 0
	for ; j+4 <= len(row); j += 4 {
		s0 += float32(int8(row[j])) * q[j]
		s1 += float32(int8(row[j+1])) * q[j+1]
		s2 += float32(int8(row[j+2])) * q[j+2]
		s3 += float32(int8(row[j+3])) * q[j+3]
	}
	for ; j < len(row); j++ {
		s0 += float32(int8(row[j])) * q[j]
	}
	return (s0 + s1 + s2 + s3) * v.inv[i]
}

// An index file is:
//
//	citebot-index\n
//	manifest as one line of JSON\n
//	header: length of meta, length of vectors (uint64 each), CRC-32C of both
//	meta: gzipped gob of passages, documents and the lexicon, in parts
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

// The meta is a series of gob messages: a metaHead, then the passages and
// the lexicon's maps in parts of at most partSize each. gob reads a whole
// message into memory before decoding it; one message of a 100 MB corpus's
// passages took most of the load time in copying.
type metaHead struct {
	Manifest  Manifest
	Documents []corpus.DocInfo
	// Lexicon without its maps.
	Lexicon lexical.Lexicon
	// Parts counts the messages of passages, postings, words and fields.
	Parts [4]int
}

const partSize = 8192

// parts splits s into parts of at most partSize.
func parts[S ~[]E, E any](s S) []S {
	var out []S
	for len(s) > 0 {
		n := min(len(s), partSize)
		out = append(out, s[:n:n])
		s = s[n:]
	}
	return out
}

// mapParts splits m into maps of at most partSize keys.
func mapParts[M ~map[K]V, K comparable, V any](m M) []M {
	var out []M
	var cur M
	for k, v := range m {
		if cur == nil || len(cur) == partSize {
			cur = make(M, min(partSize, len(m)))
			out = append(out, cur)
		}
		cur[k] = v
	}
	return out
}

// encodeMeta writes md as a metaHead and its parts.
func encodeMeta(enc *gob.Encoder, md meta) error {
	lx := md.Lexicon
	ps, po, wo, fi := parts(md.Passages), mapParts(lx.Postings), mapParts(lx.Words), mapParts(lx.Fields)
	head := metaHead{Manifest: md.Manifest, Documents: md.Documents, Parts: [4]int{len(ps), len(po), len(wo), len(fi)}}
	head.Lexicon.N, head.Lexicon.AvgLen, head.Lexicon.DocLen = lx.N, lx.AvgLen, lx.DocLen
	if err := enc.Encode(&head); err != nil {
		return err
	}
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	for _, group := range []func() error{
		func() error { return encodeAll(enc, po) },
		func() error { return encodeAll(enc, wo) },
		func() error { return encodeAll(enc, fi) },
	} {
		if err := group(); err != nil {
			return err
		}
	}
	return nil
}

func encodeAll[M any](enc *gob.Encoder, ms []M) error {
	for _, m := range ms {
		if err := enc.Encode(m); err != nil {
			return err
		}
	}
	return nil
}

// decodeMeta reads what encodeMeta wrote.
func decodeMeta(dec *gob.Decoder) (meta, error) {
	var head metaHead
	if err := dec.Decode(&head); err != nil {
		return meta{}, err
	}
	md := meta{Manifest: head.Manifest, Documents: head.Documents, Lexicon: head.Lexicon}
	if head.Manifest.Passages < 0 || head.Parts[0] > head.Manifest.Passages/partSize+1 {
		return meta{}, fmt.Errorf("%d parts of passages for %d passages", head.Parts[0], head.Manifest.Passages)
	}
	// The count is not trusted before the checksum is: a damaged one must
	// not allocate without bound (append grows the slice as parts come).
	md.Passages = make([]corpus.Passage, 0, min(head.Manifest.Passages, 1<<16))
	for range head.Parts[0] {
		var p []corpus.Passage
		if err := dec.Decode(&p); err != nil {
			return meta{}, err
		}
		md.Passages = append(md.Passages, p...)
	}
	lx := &md.Lexicon
	if err := decodeMap(dec, &lx.Postings, head.Parts[1]); err != nil {
		return meta{}, err
	}
	if err := decodeMap(dec, &lx.Words, head.Parts[2]); err != nil {
		return meta{}, err
	}
	if err := decodeMap(dec, &lx.Fields, head.Parts[3]); err != nil {
		return meta{}, err
	}
	return md, nil
}

// decodeMap reads n parts of a map into *m.
func decodeMap[M ~map[K]V, K comparable, V any](dec *gob.Decoder, m *M, n int) error {
	*m = make(M)
	for range n {
		var part M
		if err := dec.Decode(&part); err != nil {
			return err
		}
		for k, v := range part {
			(*m)[k] = v
		}
	}
	return nil
}

const headerLen = 8 + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Write writes c to dir/Name through a temporary file that is renamed into
// place, so readers never see a partial file and two writers never mix
// their bytes. It streams: neither the meta nor the vectors are held in
// memory as bytes.
func Write(dir string, c Contents) (err error) {
	dims := c.Manifest.Dims
	if dims <= 0 || c.Vectors.Dims != dims || c.Vectors.Len() != c.Manifest.Passages || len(c.Vectors.Data) != c.Manifest.Passages*dims {
		return fmt.Errorf("write index: %d vectors of %d dimensions for %d passages of %d", c.Vectors.Len(), c.Vectors.Dims, c.Manifest.Passages, dims)
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
	if err := encodeMeta(gob.NewEncoder(zw), m); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	metaLen := body.n
	body.Write(c.Vectors.Data)
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

// aheadReader reads from another goroutine into a few chunks ahead of
// its reader (io.Pipe would make the two wait for each other).
type aheadReader struct {
	ch   chan []byte
	quit chan struct{}
	done chan struct{}
	cur  []byte
	err  error // the source's, once ch is closed
}

func newAheadReader(open func() (io.Reader, error)) *aheadReader {
	a := &aheadReader{ch: make(chan []byte, 8), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		defer close(a.ch)
		r, err := open()
		for err == nil {
			buf := make([]byte, 1<<20)
			var n int
			n, err = io.ReadFull(r, buf)
			if n > 0 {
				select {
				case a.ch <- buf[:n]:
				case <-a.quit:
					return
				}
			}
		}
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		a.err = err
	}()
	return a
}

// Read implements io.Reader.
func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		b, ok := <-a.ch
		if !ok {
			return 0, a.err
		}
		a.cur = b
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// stop ends the reading goroutine and waits for it.
func (a *aheadReader) stop() {
	close(a.quit)
	<-a.done
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

// quantize writes vec into q, scaled so that its largest component is
// ±127.
func quantize(q []byte, vec []float32) {
	var top float32
	for _, x := range vec {
		top = max(top, x, -x)
	}
	if top == 0 {
		clear(q)
		return
	}
	scale := 127 / top
	for i, x := range vec {
		y := x * scale
		if y >= 0 {
			q[i] = byte(int8(y + 0.5))
		} else {
			q[i] = byte(int8(y - 0.5))
		}
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
// memory, and the vectors are read straight into their block.
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
	// Decompress on another goroutine while gob decodes: about half the
	// time of each.
	zr := newAheadReader(func() (io.Reader, error) { return gzip.NewReader(metaR) })
	md, err := decodeMeta(gob.NewDecoder(bufio.NewReaderSize(zr, 1<<20)))
	// Stops the decompression, whose reader the vectors are read from next.
	zr.stop()
	if err != nil {
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
	vs := Vectors{Dims: m.Dims, Data: make([]byte, m.Passages*m.Dims)}
	if _, err := io.ReadFull(body, vs.Data); err != nil {
		return Contents{}, fmt.Errorf("read vectors: %w", err)
	}
	vs.measure()
	if crc.Sum32() != want {
		return Contents{}, errors.New("checksum mismatch")
	}
	lx := md.Lexicon
	lx.Prepare(md.Passages)
	return Contents{Manifest: m, Passages: md.Passages, Documents: md.Documents, Lexicon: &lx, Vectors: vs}, nil
}
