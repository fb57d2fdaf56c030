package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"syscall"
	"time"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
)

// IndexFileName is the name of the index file inside the data folder.
const IndexFileName = indexfile.Name

// Save writes the index to dir/IndexFileName through a temporary file that is
// renamed into place, so readers never see a partial file and two writers
// never mix their bytes.
func (ix *Index) Save(ctx context.Context, dir string) error {
	vecs, err := ix.vectors(ctx)
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	c := indexfile.Contents{Manifest: ix.manifest, Passages: ix.passages, Documents: ix.docs, Lexicon: ix.lex, Vectors: vecs}
	if err := indexfile.Write(dir, c); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	return nil
}

// vectors returns every passage's vector as the index file keeps them, in
// passage order.
func (ix *Index) vectors(ctx context.Context) (indexfile.Vectors, error) {
	dims := ix.manifest.Dims
	if cs, ok := ix.vecs.(*compactStore); ok {
		if q, ok := cs.quantisedFor(ix.passages); ok {
			return q, nil
		}
	}
	out := indexfile.Vectors{Dims: dims, Data: make([]byte, 0, len(ix.passages)*dims)}
	for _, p := range ix.passages {
		vec, err := ix.vecs.Vector(ctx, p.ID)
		if err != nil {
			return out, fmt.Errorf("vector of passage %s: %w", p.ID, err)
		}
		if err := out.Add(vec); err != nil {
			return out, fmt.Errorf("vector of passage %s: %w", p.ID, err)
		}
	}
	return out, nil
}

// load reads a whole index file. Any damage (truncation, flipped bytes, a
// passage count that doesn't add up) is an error.
func load(ctx context.Context, path string, ef EmbedderFactory, gate Gate) (*Index, error) {
	f, err := indexfile.Read(path)
	if err != nil {
		return nil, err
	}
	model, err := gate.model()
	if err != nil {
		return nil, err
	}
	m := f.Manifest
	ix := &Index{
		manifest: m,
		passages: f.Passages,
		docs:     f.Documents,
		lex:      f.Lexicon,
		embedder: ef.New(f.Lexicon),
		gate:     gate,
		model:    model,
	}
	ix.indexIDs()
	if len(ix.byID) != m.Passages {
		return nil, errors.New("passage IDs are not unique")
	}
	ids := make([]string, m.Passages)
	for i, p := range f.Passages {
		ids[i] = p.ID
	}
	if ix.vecs, err = newVectorStore(ctx, ids, f.Vectors); err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	if ix.vecs.Count() != m.Passages {
		return nil, fmt.Errorf("holds %d vectors for %d passages", ix.vecs.Count(), m.Passages)
	}
	return ix, nil
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
	// Previous, when not nil, is the index in use before: a rebuild takes
	// the vectors of unchanged passages from it when Embedder is CorpusFree
	// and the same as Previous's.
	Previous *Index
	// Current is an index this process already holds (the one a bot
	// answers with); Open returns it, instead of loading a second copy,
	// when the index file is still the one it was loaded from or saved as
	// and the embedder and gate are the same.
	Current *Index
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
		ix, err := build(ctx, c, ef, gate, opts.Previous)
		rep.Elapsed = time.Since(start)
		return ix, rep, err
	}
	rep.Path = filepath.Join(opts.DataDir, IndexFileName)
	if !opts.Force {
		ix, err := reuse(ctx, rep.Path, c, ef, gate, opts, &rep)
		if ix != nil || err != nil {
			rep.RemovedTemps = indexfile.RemoveStaleTemps(opts.DataDir, time.Now())
			rep.Elapsed = time.Since(start)
			return ix, rep, err
		}
	} else {
		rep.Reason = "rebuild forced"
	}
	// A rebuild: wait for any other process rebuilding, then look again.
	if unlock, err := indexfile.LockDir(ctx, opts.DataDir); err == nil {
		defer unlock()
		if !opts.Force {
			again := OpenReport{Path: rep.Path}
			ix, err := reuse(ctx, rep.Path, c, ef, gate, opts, &again)
			if ix != nil || err != nil {
				rep.Reason = "built by another process meanwhile"
				rep.RemovedTemps = indexfile.RemoveStaleTemps(opts.DataDir, time.Now())
				rep.Elapsed = time.Since(start)
				return ix, rep, err
			}
			rep = again
		}
	} else if ctx.Err() != nil {
		return nil, rep, ctx.Err()
	}
	rep.RemovedTemps = indexfile.RemoveStaleTemps(opts.DataDir, time.Now())
	rep.Rebuilt = true
	ix, err := build(ctx, c, ef, gate, opts.Previous)
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
func reuse(ctx context.Context, path string, c *corpus.Corpus, ef EmbedderFactory, gate Gate, opts OpenOptions, rep *OpenReport) (*Index, error) {
	m, err := indexfile.ReadManifest(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		rep.Reason = "no index yet"
	case err != nil:
		rep.Reason = "index file unreadable"
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index file %s is damaged (%v); rebuilding it", path, err))
	case m.Format != indexfile.Version:
		rep.Reason = fmt.Sprintf("index format changed (%d → %d)", m.Format, indexfile.Version)
	case m.CorpusHash != c.Hash:
		rep.Reason = "corpus changed"
	case m.Embedder != ef.ID:
		rep.Reason = fmt.Sprintf("embedder changed (%s → %s)", m.Embedder, ef.ID)
	case ef.Dims > 0 && m.Dims != ef.Dims:
		rep.Reason = fmt.Sprintf("embedding dimensions changed (%d → %d)", m.Dims, ef.Dims)
	case opts.Current != nil && opts.Current.manifest == m && reflect.DeepEqual(opts.Current.gate, gate):
		return opts.Current, nil
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
