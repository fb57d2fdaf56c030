// Package indexfile reads and writes the index file of a data folder: a
// manifest line, the passages, documents and lexicon, and the raw vectors,
// written through temporary files and a rebuild lock so that readers never
// see a partial file and concurrent writers never mix their bytes.
package indexfile

import (
	"bufio"
	"bytes"
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

// Version changes whenever the index file layout changes.
const Version = 3

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
//	vectors: every passage's vector as little-endian float32, in passage order
//
// Vectors are kept raw: they don't compress, and decoding them through gob
// took most of the load time. The lengths and checksum catch truncated and
// damaged files before anything is used.
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
// their bytes.
func Write(dir string, c Contents) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var mb bytes.Buffer
	zw, err := gzip.NewWriterLevel(&mb, gzip.BestSpeed)
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
	vecs := make([]byte, 0, len(c.Vectors)*c.Manifest.Dims*4)
	for _, vec := range c.Vectors {
		for _, x := range vec {
			vecs = binary.LittleEndian.AppendUint32(vecs, math.Float32bits(x))
		}
	}
	head, err := json.Marshal(c.Manifest)
	if err != nil {
		return err
	}
	var hdr [headerLen]byte
	binary.LittleEndian.PutUint64(hdr[0:], uint64(mb.Len()))
	binary.LittleEndian.PutUint64(hdr[8:], uint64(len(vecs)))
	crc := crc32.Update(crc32.Checksum(mb.Bytes(), castagnoli), castagnoli, vecs)
	binary.LittleEndian.PutUint32(hdr[16:], crc)

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
	for _, part := range [][]byte{[]byte(magic), head, {'\n'}, hdr[:], mb.Bytes(), vecs} {
		w.Write(part)
	}
	if err := w.Flush(); err != nil {
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
// error.
func Read(path string) (Contents, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Contents{}, err
	}
	md, vecs, err := decode(raw)
	if err != nil {
		return Contents{}, err
	}
	m := md.Manifest
	lx := md.Lexicon
	lx.Prepare()
	all := make([]float32, m.Passages*m.Dims)
	for i := range all {
		all[i] = math.Float32frombits(binary.LittleEndian.Uint32(vecs[4*i:]))
	}
	vs := make([][]float32, m.Passages)
	for i := range vs {
		vs[i] = all[i*m.Dims : (i+1)*m.Dims : (i+1)*m.Dims]
	}
	return Contents{Manifest: m, Passages: md.Passages, Documents: md.Documents, Lexicon: &lx, Vectors: vs}, nil
}

// decode checks the bytes of an index file and returns its meta and its
// raw vectors, whose length fits the manifest.
func decode(raw []byte) (meta, []byte, error) {
	var md meta
	m, n, err := readHead(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return md, nil, err
	}
	raw = raw[n:]
	if len(raw) < headerLen {
		return md, nil, errors.New("truncated header")
	}
	metaLen := binary.LittleEndian.Uint64(raw[0:])
	vecLen := binary.LittleEndian.Uint64(raw[8:])
	crc := binary.LittleEndian.Uint32(raw[16:])
	body := raw[headerLen:]
	if uint64(len(body)) != metaLen+vecLen || metaLen > uint64(len(body)) {
		return md, nil, fmt.Errorf("body is %d bytes, header says %d", len(body), metaLen+vecLen)
	}
	if crc32.Checksum(body, castagnoli) != crc {
		return md, nil, errors.New("checksum mismatch")
	}
	zr, err := gzip.NewReader(bytes.NewReader(body[:metaLen]))
	if err != nil {
		return md, nil, fmt.Errorf("read body: %w", err)
	}
	if err := gob.NewDecoder(zr).Decode(&md); err != nil {
		return md, nil, fmt.Errorf("decode body: %w", err)
	}
	if md.Manifest != m {
		return md, nil, errors.New("manifest and body disagree")
	}
	if len(md.Passages) != m.Passages || len(md.Lexicon.DocLen) != m.Passages || md.Lexicon.N != m.Passages {
		return md, nil, fmt.Errorf("holds %d passages, manifest says %d", len(md.Passages), m.Passages)
	}
	if m.Dims <= 0 || uint64(m.Passages*m.Dims*4) != vecLen {
		return md, nil, fmt.Errorf("holds %d bytes of vectors for %d passages of %d dimensions", vecLen, m.Passages, m.Dims)
	}
	return md, body[metaLen:], nil
}
