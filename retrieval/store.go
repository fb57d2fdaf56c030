package retrieval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// formatVersion changes whenever the index file layout changes.
const formatVersion = 3

// IndexFileName is the name of the index file inside the data folder.
const IndexFileName = "index.citebot"

const magic = "citebot-index\n"

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

// Save writes the index to dir/IndexFileName through a temporary file that is
// renamed into place, so readers never see a partial file and two writers
// never mix their bytes.
func (ix *Index) Save(ctx context.Context, dir string) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	var mb bytes.Buffer
	zw, err := gzip.NewWriterLevel(&mb, gzip.BestSpeed)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	m := meta{Manifest: ix.manifest, Passages: ix.passages, Documents: ix.docs, Lexicon: *ix.lex}
	if err := gob.NewEncoder(zw).Encode(&m); err != nil {
		return fmt.Errorf("save index: encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	vecs, err := ix.vectorBytes(ctx)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	head, err := json.Marshal(ix.manifest)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	var hdr [headerLen]byte
	binary.LittleEndian.PutUint64(hdr[0:], uint64(mb.Len()))
	binary.LittleEndian.PutUint64(hdr[8:], uint64(len(vecs)))
	crc := crc32.Update(crc32.Checksum(mb.Bytes(), castagnoli), castagnoli, vecs)
	binary.LittleEndian.PutUint32(hdr[16:], crc)

	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	// Held until tmp is closed: a file no save holds is a dead save's.
	tryLock(tmp)
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
		return fmt.Errorf("save index: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, IndexFileName)); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	return nil
}

// vectorBytes returns every passage's vector from the collection, in
// passage order, as little-endian float32.
func (ix *Index) vectorBytes(ctx context.Context) ([]byte, error) {
	dims := ix.manifest.Dims
	out := make([]byte, 0, len(ix.passages)*dims*4)
	for _, p := range ix.passages {
		vec, err := ix.vecs.Vector(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("vector of passage %s: %w", p.ID, err)
		}
		if len(vec) != dims {
			return nil, fmt.Errorf("vector of passage %s has %d dimensions, want %d", p.ID, len(vec), dims)
		}
		for _, x := range vec {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(x))
		}
	}
	return out, nil
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

// load reads a whole index file. Any damage (truncation, flipped bytes, a
// passage count that doesn't add up) is an error.
func load(ctx context.Context, path string, ef EmbedderFactory, gate Gate) (*Index, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	md, vecs, err := decode(raw)
	if err != nil {
		return nil, err
	}
	model, err := gate.model()
	if err != nil {
		return nil, err
	}
	m := md.Manifest
	lx := md.Lexicon
	lx.Prepare()
	ix := &Index{
		manifest: m,
		passages: md.Passages,
		docs:     md.Documents,
		lex:      &lx,
		embedder: ef.New(&lx),
		gate:     gate,
		model:    model,
	}
	ix.indexIDs()
	if len(ix.byID) != m.Passages {
		return nil, errors.New("passage IDs are not unique")
	}
	all := make([]float32, m.Passages*m.Dims)
	for i := range all {
		all[i] = math.Float32frombits(binary.LittleEndian.Uint32(vecs[4*i:]))
	}
	ids := make([]string, m.Passages)
	vs := make([][]float32, m.Passages)
	for i, p := range md.Passages {
		ids[i], vs[i] = p.ID, all[i*m.Dims:(i+1)*m.Dims:(i+1)*m.Dims]
	}
	if ix.vecs, err = newChromemStore(); err != nil {
		return nil, err
	}
	if err := ix.vecs.Add(ctx, ids, vs); err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	if ix.vecs.Count() != m.Passages {
		return nil, fmt.Errorf("holds %d vectors for %d passages", ix.vecs.Count(), m.Passages)
	}
	return ix, nil
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

// OpenOptions says where an index lives and how it is built.
type OpenOptions struct {
	// DataDir holds the index file; empty keeps the index in memory only.
	DataDir string
	// Embedder makes the embedder the index is built and searched with; it
	// is required, so that an index is never built with an embedder its
	// caller did not choose.
	Embedder EmbedderFactory
	// Gate decides whether a search found an answer; the zero Gate is
	// DefaultGate.
	Gate Gate
	// Force rebuilds even an index that is up to date.
	Force bool
}

// errNoEmbedder is returned when an index is opened or built without an
// embedder.
var errNoEmbedder = errors.New("no embedder given: choose the local one (LocalEmbedderFactory) or a remote one")

// OpenReport tells what Open did.
type OpenReport struct {
	Path    string
	Rebuilt bool
	// Reason says why the index was (re)built.
	Reason string
	// Warnings are problems that did not stop Open: a damaged index file
	// that was rebuilt, an index that could not be saved.
	Warnings []string
	// SaveErr is why a (re)built index could not be saved; the index is then
	// kept in memory only. 'citebot index' fails on it, the others go on.
	SaveErr error
	// RemovedTemps names the temporary files of dead saves that were removed.
	RemovedTemps []string
	Elapsed      time.Duration
}

// Open returns the index of corpus c: the one saved in opts.DataDir when it
// was built from the same corpus with the same embedder, else a new one,
// which is saved there. A damaged index file is rebuilt, never used.
// opts.Embedder is required; searches answer through opts.Gate.
//
// One process at a time rebuilds: the others wait for its lock on
// DataDir/index.lock and then load what it saved. Temporary files left by a
// save that was killed are removed.
func Open(ctx context.Context, c *corpus.Corpus, opts OpenOptions) (*Index, OpenReport, error) {
	start := time.Now()
	var rep OpenReport
	ef, gate := opts.Embedder, opts.Gate
	if ef.New == nil {
		return nil, rep, errNoEmbedder
	}
	if gate.IsZero() {
		gate = DefaultGate()
	}
	if opts.DataDir == "" {
		rep.Rebuilt, rep.Reason = true, "no data folder: index kept in memory"
		ix, err := build(ctx, c, ef, gate)
		rep.Elapsed = time.Since(start)
		return ix, rep, err
	}
	rep.Path = filepath.Join(opts.DataDir, IndexFileName)
	if !opts.Force {
		ix, err := reuse(ctx, rep.Path, c, ef, gate, &rep)
		if ix != nil || err != nil {
			rep.RemovedTemps = removeStaleTemps(opts.DataDir, time.Now())
			rep.Elapsed = time.Since(start)
			return ix, rep, err
		}
	} else {
		rep.Reason = "rebuild forced"
	}
	// A rebuild: wait for any other process rebuilding, then look again.
	if unlock, err := lockDir(ctx, opts.DataDir); err == nil {
		defer unlock()
		if !opts.Force {
			again := OpenReport{Path: rep.Path}
			ix, err := reuse(ctx, rep.Path, c, ef, gate, &again)
			if ix != nil || err != nil {
				rep.Reason = "built by another process meanwhile"
				rep.RemovedTemps = removeStaleTemps(opts.DataDir, time.Now())
				rep.Elapsed = time.Since(start)
				return ix, rep, err
			}
			rep = again
		}
	} else if ctx.Err() != nil {
		return nil, rep, ctx.Err()
	}
	rep.RemovedTemps = removeStaleTemps(opts.DataDir, time.Now())
	rep.Rebuilt = true
	ix, err := build(ctx, c, ef, gate)
	if err != nil {
		return nil, rep, err
	}
	if err := ix.Save(ctx, opts.DataDir); err != nil {
		rep.SaveErr = err
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index kept in memory only: %v", err))
	}
	rep.Elapsed = time.Since(start)
	return ix, rep, nil
}

// reuse loads the index file at path, with gate, when it was built from
// corpus c with embedder ef. Otherwise it returns no index, and rep says why a rebuild is
// needed; an error only when ctx ended.
func reuse(ctx context.Context, path string, c *corpus.Corpus, ef EmbedderFactory, gate Gate, rep *OpenReport) (*Index, error) {
	m, err := ReadManifest(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		rep.Reason = "no index yet"
	case err != nil:
		rep.Reason = "index file unreadable"
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index file %s is damaged (%v); rebuilding it", path, err))
	case m.Format != formatVersion:
		rep.Reason = fmt.Sprintf("index format changed (%d → %d)", m.Format, formatVersion)
	case m.CorpusHash != c.Hash:
		rep.Reason = "corpus changed"
	case m.Embedder != ef.ID:
		rep.Reason = fmt.Sprintf("embedder changed (%s → %s)", m.Embedder, ef.ID)
	case ef.Dims > 0 && m.Dims != ef.Dims:
		rep.Reason = fmt.Sprintf("embedding dimensions changed (%d → %d)", m.Dims, ef.Dims)
	default:
		ix, err := load(ctx, path, ef, gate)
		if err == nil {
			return ix, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rep.Reason = "index file damaged"
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index file %s is damaged (%v); rebuilding it", path, err))
	}
	return nil, nil
}

// IndexPath is the path of the index file in a data folder, "" for none.
func IndexPath(dataDir string) string {
	if dataDir == "" {
		return ""
	}
	return filepath.Join(dataDir, IndexFileName)
}
