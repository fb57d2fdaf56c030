package retrieval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/philippgille/chromem-go"
)

// formatVersion changes whenever the index file layout changes.
const formatVersion = 1

// IndexFileName is the name of the index file inside the data folder.
const IndexFileName = "index.citebot"

const magic = "citebot-index\n"

// payload is the body of an index file, gob-encoded and gzipped after a
// one-line JSON manifest.
type payload struct {
	Manifest  Manifest
	Passages  []Passage
	Documents []DocInfo
	Lexicon   lexicon
	// Vectors is the chromem-go collection as written by DB.ExportToWriter.
	Vectors []byte
}

// Save writes the index to dir/IndexFileName through a temporary file that is
// renamed into place, so readers never see a partial file and two writers
// never mix their bytes.
func (ix *Index) Save(dir string) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	var vecs bytes.Buffer
	if err := ix.db.ExportToWriter(&vecs, false, ""); err != nil {
		return fmt.Errorf("save index: export vectors: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".index-*.tmp")
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	head, err := json.Marshal(ix.manifest)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	w.WriteString(magic)
	w.Write(head)
	w.WriteByte('\n')
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	p := payload{
		Manifest:  ix.manifest,
		Passages:  ix.passages,
		Documents: ix.docs,
		Lexicon:   *ix.lex,
		Vectors:   vecs.Bytes(),
	}
	if err := gob.NewEncoder(zw).Encode(&p); err != nil {
		return fmt.Errorf("save index: encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save index: %w", err)
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

func readHead(r *bufio.Reader) (Manifest, *bufio.Reader, error) {
	var m Manifest
	got := make([]byte, len(magic))
	if _, err := io.ReadFull(r, got); err != nil || string(got) != magic {
		return m, nil, errors.New("not a citebot index file")
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return m, nil, fmt.Errorf("read manifest: %w", err)
	}
	if err := json.Unmarshal(line, &m); err != nil {
		return m, nil, fmt.Errorf("read manifest: %w", err)
	}
	return m, r, nil
}

// load reads a whole index file. Any damage — truncation, flipped bytes, a
// passage count that doesn't add up — is an error.
func load(path string, ef EmbedderFactory) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, r, err := readHead(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	var p payload
	if err := gob.NewDecoder(zr).Decode(&p); err != nil {
		return nil, fmt.Errorf("decode body: %w", err)
	}
	// Read to the end so that gzip checks its CRC and length.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if p.Manifest != m {
		return nil, errors.New("manifest and body disagree")
	}
	if len(p.Passages) != m.Passages || len(p.Lexicon.DocLen) != m.Passages || p.Lexicon.N != m.Passages {
		return nil, fmt.Errorf("holds %d passages, manifest says %d", len(p.Passages), m.Passages)
	}
	db := chromem.NewDB()
	if err := db.ImportFromReader(bytes.NewReader(p.Vectors), ""); err != nil {
		return nil, fmt.Errorf("import vectors: %w", err)
	}
	lx := p.Lexicon
	lx.prepare()
	emb := ef.New(&lx)
	coll := db.GetCollection(collectionName, embeddingFunc(emb))
	if coll == nil {
		return nil, errors.New("vector collection missing")
	}
	if coll.Count() != m.Passages {
		return nil, fmt.Errorf("holds %d vectors for %d passages", coll.Count(), m.Passages)
	}
	ix := &Index{
		manifest: m,
		passages: p.Passages,
		docs:     p.Documents,
		lex:      &lx,
		embedder: emb,
		db:       db,
		coll:     coll,
		gate:     DefaultGate(),
	}
	ix.indexIDs()
	if len(ix.byID) != m.Passages {
		return nil, errors.New("passage IDs are not unique")
	}
	return ix, nil
}

// OpenOptions says where an index lives and how it is built.
type OpenOptions struct {
	// DataDir holds the index file; empty keeps the index in memory only.
	DataDir  string
	Embedder EmbedderFactory
}

// OpenReport tells what Open did.
type OpenReport struct {
	Path    string
	Rebuilt bool
	// Reason says why the index was (re)built.
	Reason string
	// Warnings are problems that did not stop Open: a damaged index file
	// that was rebuilt, an index that could not be saved.
	Warnings []string
	Elapsed  time.Duration
}

// Open returns the index of corpus c: the one saved in opts.DataDir when it
// was built from the same corpus with the same embedder, else a new one,
// which is saved there. A damaged index file is rebuilt, never used.
func Open(ctx context.Context, c *Corpus, opts OpenOptions) (*Index, OpenReport, error) {
	start := time.Now()
	var rep OpenReport
	ef := opts.Embedder
	if ef.New == nil {
		ef = LocalEmbedderFactory(0)
	}
	if opts.DataDir == "" {
		rep.Rebuilt, rep.Reason = true, "no data folder: index kept in memory"
		ix, err := Build(ctx, c, ef)
		rep.Elapsed = time.Since(start)
		return ix, rep, err
	}
	rep.Path = filepath.Join(opts.DataDir, IndexFileName)
	m, err := ReadManifest(rep.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		rep.Reason = "no index yet"
	case err != nil:
		rep.Reason = "index file unreadable"
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index file %s is damaged (%v); rebuilding it", rep.Path, err))
	case m.Format != formatVersion:
		rep.Reason = fmt.Sprintf("index format changed (%d → %d)", m.Format, formatVersion)
	case m.CorpusHash != c.Hash:
		rep.Reason = "corpus changed"
	case m.Embedder != ef.ID:
		rep.Reason = fmt.Sprintf("embedder changed (%s → %s)", m.Embedder, ef.ID)
	case ef.Dims > 0 && m.Dims != ef.Dims:
		rep.Reason = fmt.Sprintf("embedding dimensions changed (%d → %d)", m.Dims, ef.Dims)
	default:
		ix, err := load(rep.Path, ef)
		if err == nil {
			rep.Elapsed = time.Since(start)
			return ix, rep, nil
		}
		if ctx.Err() != nil {
			return nil, rep, ctx.Err()
		}
		rep.Reason = "index file damaged"
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index file %s is damaged (%v); rebuilding it", rep.Path, err))
	}
	rep.Rebuilt = true
	ix, err := Build(ctx, c, ef)
	if err != nil {
		return nil, rep, err
	}
	if err := ix.Save(opts.DataDir); err != nil {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index kept in memory only: %v", err))
	}
	rep.Elapsed = time.Since(start)
	return ix, rep, nil
}

// IndexPath is the path of the index file in a data folder, "" for none.
func IndexPath(dataDir string) string {
	if dataDir == "" {
		return ""
	}
	return filepath.Join(dataDir, IndexFileName)
}
