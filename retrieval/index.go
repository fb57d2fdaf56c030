package retrieval

import (
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/localembed"
	"github.com/citebot/citebot/retrieval/text"
)

// Index is the searchable corpus: passages with provenance, their vectors in
// a vector store, and a lexical index. An Index is read-only once
// built and safe for concurrent use.
type Index struct {
	manifest indexfile.Manifest
	passages []corpus.Passage
	byID     map[string]int
	docs     []corpus.DocInfo
	lex      *lexical.Lexicon
	embedder Embedder
	vecs     vectorStore
	gate     Gate
	model    Model   // the gate's model, or DefaultModel
	ordinal  []int32 // each passage's place in its document, from 0
	// titles holds each document's title by its source.
	titles map[string]string
	// openings lists, by stem, the first passage of each document whose
	// title or path holds it, in passage order.
	openings map[string][]int32
	// docNames holds the names documents go by, squashed: each folder of
	// their paths, their file names without extension, their titles (see
	// projectsAsked.missing).
	docNames map[string]bool
	// folderNames holds the folders of the documents' paths, squashed,
	// each with the folders above it, lower-cased (see pairedNames).
	folderNames map[string][]string
	// spans holds each document's passages, [lo, hi) in passage order,
	// when they stand together (see localFeatures).
	spans map[string][2]int
	// manPages holds the names of the corpus's manual pages, lower-cased:
	// "agrep" of glimpse/agrep.1.txt, the command a question may name
	// (manPageName).
	manPages map[string]bool
	// packages maps the name a folder's project goes by upstream, squashed,
	// to the folders named after its packages ("avahi" → avahi-daemon,
	// "nssmdns" → libnss-mdns; packageName).
	packages map[string][]string

	// tokenCache holds passages' readings for ranking (*passageTokens by
	// passage ID), at most maxTokenCache of them; tokenCached counts them.
	tokenCache  sync.Map
	tokenCached atomic.Int64
}

// EmbedderFactory makes the embedder of an index from the corpus's
// vocabulary (which remote embedders ignore).
type EmbedderFactory struct {
	ID   string
	Dims int
	New  func(vocab Vocabulary) Embedder
	// CorpusFree says a text's vector does not depend on the corpus (a
	// remote model's, not the local embedder's, which weighs words by
	// their rarity in the corpus): a rebuild may then reuse the vectors of
	// passages that did not change.
	CorpusFree bool
}

// LocalEmbedderFactory returns the factory of the offline embedder.
func LocalEmbedderFactory(dims int) EmbedderFactory {
	if dims <= 0 {
		dims = DefaultLocalDims
	}
	return EmbedderFactory{
		ID:   localembed.ID(dims),
		Dims: dims,
		New: func(vocab Vocabulary) Embedder {
			return localembed.New(dims, vocab)
		},
	}
}

// Build splits the corpus into passages and indexes them in memory, with
// DefaultGate; Open builds with another gate, and saves what it built.
func Build(ctx context.Context, c *corpus.Corpus, ef EmbedderFactory) (*Index, error) {
	return build(ctx, c, ef, DefaultGate(), nil)
}

// BuildWithGate is Build with another gate (and confidence model).
func BuildWithGate(ctx context.Context, c *corpus.Corpus, ef EmbedderFactory, g Gate) (*Index, error) {
	return build(ctx, c, ef, g, nil)
}

// build indexes c; the vectors of passages that prev (nil: none) holds
// with the same text are taken from it when ef allows (see reusable).
func build(ctx context.Context, c *corpus.Corpus, ef EmbedderFactory, gate Gate, prev *Index) (*Index, error) {
	if ef.New == nil {
		return nil, errNoEmbedder
	}
	model, err := gate.model()
	if err != nil {
		return nil, err
	}
	ch := corpus.Chunk(c)
	if len(ch.Passages) == 0 {
		return nil, corpus.ErrEmptyCorpus
	}
	lx := lexical.Build(ch.Passages)
	emb := ef.New(lx)
	reuse := prev.reusable(ef, emb)
	vecs, err := embedNew(ctx, emb, ch.Passages, reuse)
	if err != nil {
		return nil, fmt.Errorf("embed passages: %w", err)
	}
	dims := emb.Dims()
	if dims == 0 && reuse != nil { // a remote embedder not called: every vector was reused
		dims = reuse.manifest.Dims
	}
	ix := &Index{
		manifest: indexfile.Manifest{
			Format:     indexfile.Version,
			CorpusHash: c.Hash,
			Embedder:   ef.ID,
			Dims:       dims,
			Passages:   len(ch.Passages),
			Documents:  len(ch.Documents),
			Duplicates: ch.Duplicates,
			Navigation: ch.Navigation,
			BuiltAt:    time.Now().UTC().Truncate(time.Second),
		},
		passages: ch.Passages,
		docs:     ch.Documents,
		lex:      lx,
		embedder: emb,
		gate:     gate,
		model:    model,
	}
	ids := make([]string, len(ch.Passages))
	for i, p := range ch.Passages {
		if len(vecs[i]) != dims {
			return nil, fmt.Errorf("embed passage %s: got %d dimensions, want %d", p.ID, len(vecs[i]), dims)
		}
		ids[i] = p.ID
	}
	// Quantised as the index file keeps them, so that an index ranks the
	// same whether just built or loaded.
	q, err := indexfile.Quantise(dims, vecs)
	if err != nil {
		return nil, fmt.Errorf("index passages: %w", err)
	}
	clear(vecs)
	if ix.vecs, err = newVectorStore(ctx, ids, q); err != nil {
		return nil, fmt.Errorf("index passages: %w", err)
	}
	ix.indexIDs()
	return ix, nil
}

func (ix *Index) indexIDs() {
	ix.byID = make(map[string]int, len(ix.passages))
	ix.ordinal = make([]int32, len(ix.passages))
	ix.openings = make(map[string][]int32)
	seen := make(map[string]int32)
	ix.docNames = make(map[string]bool)
	ix.folderNames = make(map[string][]string)
	ix.packages = make(map[string][]string)
	ix.manPages = make(map[string]bool)
	ix.titles = make(map[string]string, len(ix.docs))
	for _, d := range ix.docs {
		ix.titles[d.Source] = d.Title
		parts := strings.Split(d.Source, "/")
		for _, part := range parts {
			ix.docNames[lexical.Squash(strings.TrimSuffix(part, path.Ext(part)))] = true
		}
		if name, ok := manPageName(parts[len(parts)-1]); ok {
			ix.manPages[name] = true
			ix.docNames[lexical.Squash(name)] = true
		}
		for k, dir := range parts[:len(parts)-1] {
			sq := lexical.Squash(dir)
			above := ix.folderNames[sq]
			for _, up := range parts[:k] {
				if up = strings.ToLower(up); !slices.Contains(above, up) {
					above = append(above, up)
				}
			}
			ix.folderNames[sq] = above
			dir = strings.ToLower(dir)
			for _, name := range packageNames(dir) {
				if sq := lexical.Squash(name); !slices.Contains(ix.packages[sq], dir) {
					ix.packages[sq] = append(ix.packages[sq], dir)
				}
			}
		}
		ix.docNames[lexical.Squash(d.Title)] = true
	}
	ix.spans = make(map[string][2]int)
	apart := make(map[string]bool) // documents whose passages others part
	var st text.Stemmer
	for i, p := range ix.passages {
		if sp, ok := ix.spans[p.Source]; !ok {
			ix.spans[p.Source] = [2]int{i, i + 1}
		} else if sp[1] == i {
			ix.spans[p.Source] = [2]int{sp[0], i + 1}
		} else {
			apart[p.Source] = true
		}
		ix.byID[p.ID] = i
		ix.ordinal[i] = seen[p.Source]
		seen[p.Source]++
		if ix.ordinal[i] == 0 {
			ix.addOpening(&st, i, p)
		}
	}
	for src := range apart {
		delete(ix.spans, src)
	}
}

// addOpening files passage i, the first of its document, under each stem
// of the document's title and path, as the word search's fields hold them.
func (ix *Index) addOpening(st *text.Stemmer, i int, p corpus.Passage) {
	done := make(map[string]bool)
	for _, f := range []string{p.Title, p.Source} {
		for _, t := range text.Tokens(st, f) {
			if !t.Stop && !done[t.Stem] {
				done[t.Stem] = true
				ix.openings[t.Stem] = append(ix.openings[t.Stem], int32(i))
			}
		}
	}
}

// reusable returns prev when its vectors may stand for the same texts in
// an index built with ef and emb: same embedder and dimensions (a remote
// embedder knows its own only once called), vectors that do not depend on
// the corpus. Otherwise nil.
func (prev *Index) reusable(ef EmbedderFactory, emb Embedder) *Index {
	if prev == nil || !ef.CorpusFree || prev.manifest.Embedder != ef.ID {
		return nil
	}
	if d := emb.Dims(); d != 0 && d != prev.manifest.Dims || ef.Dims > 0 && ef.Dims != prev.manifest.Dims {
		return nil
	}
	return prev
}

// embedNew returns the vectors of passages: those prev (nil: none) holds
// for the same passage ID and text are copied from it, only the others are
// embedded.
func embedNew(ctx context.Context, emb Embedder, passages []corpus.Passage, prev *Index) ([][]float32, error) {
	vecs := make([][]float32, len(passages))
	var texts []string
	var todo []int
	for i, p := range passages {
		if j, ok := prev.lookup(p.ID); ok && prev.passages[j].Text == p.Text {
			v, err := prev.vecs.Vector(ctx, p.ID)
			if err == nil && len(v) == prev.manifest.Dims {
				vecs[i] = v
				continue
			}
		}
		texts = append(texts, p.Text)
		todo = append(todo, i)
	}
	if len(texts) == 0 {
		return vecs, nil
	}
	fresh, err := embedParallel(ctx, emb, texts)
	if err != nil {
		return nil, err
	}
	if len(fresh) != len(texts) {
		return nil, fmt.Errorf("got %d vectors for %d passages", len(fresh), len(texts))
	}
	for k, i := range todo {
		vecs[i] = fresh[k]
	}
	return vecs, nil
}

// lookup returns the place of passage id in ix (nil: none).
func (ix *Index) lookup(id string) (int, bool) {
	if ix == nil {
		return 0, false
	}
	i, ok := ix.byID[id]
	return i, ok
}

// embedParallel embeds texts in as many parts as there are CPUs when the
// embedder is the local one; other embedders batch on their own.
func embedParallel(ctx context.Context, emb Embedder, texts []string) ([][]float32, error) {
	if _, local := emb.(*localembed.Embedder); !local || len(texts) < 64 {
		return emb.Embed(ctx, texts)
	}
	parts := runtime.GOMAXPROCS(0)
	out := make([][]float32, len(texts))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	size := (len(texts) + parts - 1) / parts
	for w := 0; w < parts; w++ {
		lo, hi := w*size, min((w+1)*size, len(texts))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			vs, err := emb.Embed(ctx, texts[lo:hi])
			copy(out[lo:hi], vs)
			errs[w] = err
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Manifest returns what the index was built from.
func (ix *Index) Manifest() indexfile.Manifest { return ix.manifest }

// Documents lists the documents of the index.
func (ix *Index) Documents() []corpus.DocInfo { return slices.Clone(ix.docs) }

// Document returns what the index knows of the document at source.
func (ix *Index) Document(source string) (corpus.DocInfo, bool) {
	for _, d := range ix.docs {
		if d.Source == source {
			return d, true
		}
	}
	return corpus.DocInfo{}, false
}

// Passages returns every passage in corpus order. The slice is shared: do
// not modify it.
func (ix *Index) Passages() []corpus.Passage { return ix.passages }

// Passage returns the passage with the given ID.
func (ix *Index) Passage(id string) (corpus.Passage, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return corpus.Passage{}, false
	}
	return ix.passages[i], true
}

// packageNames returns the names a folder named after a distribution's
// package gives its project upstream: Debian names a project's docs
// folder after a binary package, with a language's prefix or a part's
// suffix ("avahi-daemon", "python3-jwt", "libnss-mdns"), while its users
// name the project ("avahi", "jwt" and "pyjwt", "nss-mdns"). None for a
// folder with no such affix.
func packageNames(dir string) []string {
	name, py := dir, false
	for _, pre := range packagePrefixes {
		if rest, ok := strings.CutPrefix(name, pre); ok && rest != "" {
			name, py = rest, strings.HasPrefix(pre, "python")
			break
		}
	}
	// "lib" before a hyphenated name is the package's ("libnss-mdns"), not
	// the project's; "libxml2" is the project's own name.
	if rest, ok := strings.CutPrefix(name, "lib"); ok && strings.Contains(rest, "-") && !strings.HasPrefix(rest, "-") {
		name = rest
	}
	for {
		i := strings.LastIndexByte(name, '-')
		if i <= 0 || !packageSuffixes[name[i+1:]] {
			break
		}
		name = name[:i]
	}
	if name == dir || len(name) < 3 || genericFolders[name] {
		return nil
	}
	out := []string{name}
	if py && !strings.HasPrefix(name, "py") && !strings.Contains(name, "-") {
		out = append(out, "py"+name) // python3-jwt: PyJWT
	}
	return out
}

// packagePrefixes are the language prefixes of Debian's package names.
var packagePrefixes = []string{"python3-", "python-", "pypy3-", "golang-", "node-", "ruby-", "php-", "lua-", "r-cran-", "librust-"}

// manPageName returns the name of the manual page a file holds, read
// from its name: "agrep" of "agrep.1.txt", "ntpd.conf" of
// "ntpd.conf.5.txt", "xsel" of "xsel.1x"; false for any other file.
func manPageName(file string) (string, bool) {
	m := manPageFile.FindStringSubmatch(strings.ToLower(file))
	if m == nil || releaseName.MatchString(m[1]) {
		return "", false // release notes: "v1.2.txt", "2.39.1.txt"
	}
	return m[1], true
}

// releaseName matches a name that is a release's number: "v1", "2.39".
var releaseName = regexp.MustCompile(`^v?\d[\d.]*$`)

// manPageFile matches a manual page's file name: the page's name, its
// section, and the extension of the text it was rendered to, if any.
var manPageFile = regexp.MustCompile(`^([a-z0-9][\w.+-]*?)\.[1-9][a-z]{0,3}(?:\.(?:txt|md|text|gz))?$`)

// packageSuffixes are the parts Debian splits a project's packages into.
var packageSuffixes = map[string]bool{"daemon": true, "utils": true, "tools": true, "bin": true, "common": true, "data": true,
	"doc": true, "docs": true, "dev": true, "client": true, "clients": true, "server": true, "core": true, "runtime": true,
	"perl": true, "base": true, "minimal": true, "dbg": true, "modules": true, "plugins": true}
