package retrieval

import (
	"context"
	"errors"
	"fmt"
	"github.com/citebot/citebot/retrieval/corpus"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Index is the searchable corpus: passages with provenance, their vectors in
// a vector store, and a lexical index. An Index is read-only once
// built and safe for concurrent use.
type Index struct {
	manifest Manifest
	passages []corpus.Passage
	byID     map[string]int
	docs     []corpus.DocInfo
	lex      *lexicon
	embedder Embedder
	vecs     vectorStore
	gate     Gate
}

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

// Gate decides whether the best passages answer a question at all.
type Gate struct {
	// MinCoverage is the weighted share of the question's terms that one of
	// the top passages must hold.
	MinCoverage float64
	// A passage with at least WeakCoverage passes when its vector is
	// MinSimilarity close to the question's, or when it holds question
	// terms worth MinStrength times the weight of the corpus's rarest word.
	WeakCoverage  float64
	MinSimilarity float32
	MinStrength   float64
}

// IsZero reports whether g is the zero Gate, which OpenOptions reads as
// DefaultGate.
func (g Gate) IsZero() bool { return g == Gate{} }

// DefaultGate is the relevance gate tuned on the evaluation set.
func DefaultGate() Gate {
	return Gate{MinCoverage: 0.5, WeakCoverage: 0.34, MinSimilarity: 0.2, MinStrength: 1.5}
}

// EmbedderFactory makes the embedder of an index from the corpus's
// vocabulary (which remote embedders ignore).
type EmbedderFactory struct {
	ID   string
	Dims int
	New  func(vocab Vocabulary) Embedder
}

// LocalEmbedderFactory returns the factory of the offline embedder.
func LocalEmbedderFactory(dims int) EmbedderFactory {
	if dims <= 0 {
		dims = DefaultLocalDims
	}
	return EmbedderFactory{
		ID:   LocalEmbedderID(dims),
		Dims: dims,
		New: func(vocab Vocabulary) Embedder {
			return NewLocalEmbedder(dims, vocab)
		},
	}
}

// Build splits the corpus into passages and indexes them in memory, with
// DefaultGate; Open builds with another gate, and saves what it built.
func Build(ctx context.Context, c *corpus.Corpus, ef EmbedderFactory) (*Index, error) {
	return build(ctx, c, ef, DefaultGate())
}

func build(ctx context.Context, c *corpus.Corpus, ef EmbedderFactory, gate Gate) (*Index, error) {
	if ef.New == nil {
		return nil, errNoEmbedder
	}
	ch := corpus.Chunk(c)
	if len(ch.Passages) == 0 {
		return nil, corpus.ErrEmptyCorpus
	}
	lx := buildLexicon(ch.Passages)
	emb := ef.New(lx)
	texts := make([]string, len(ch.Passages))
	for i, p := range ch.Passages {
		texts[i] = p.Text
	}
	vecs, err := embedParallel(ctx, emb, texts)
	if err != nil {
		return nil, fmt.Errorf("embed passages: %w", err)
	}
	ix := &Index{
		manifest: Manifest{
			Format:     formatVersion,
			CorpusHash: c.Hash,
			Embedder:   ef.ID,
			Dims:       emb.Dims(),
			Passages:   len(ch.Passages),
			Documents:  len(ch.Documents),
			Duplicates: ch.Duplicates,
			BuiltAt:    time.Now().UTC().Truncate(time.Second),
		},
		passages: ch.Passages,
		docs:     ch.Documents,
		lex:      lx,
		embedder: emb,
		gate:     gate,
	}
	ids := make([]string, len(ch.Passages))
	for i, p := range ch.Passages {
		if len(vecs[i]) != emb.Dims() {
			return nil, fmt.Errorf("embed passage %s: got %d dimensions, want %d", p.ID, len(vecs[i]), emb.Dims())
		}
		ids[i] = p.ID
	}
	if ix.vecs, err = newChromemStore(); err != nil {
		return nil, err
	}
	if err := ix.vecs.Add(ctx, ids, vecs); err != nil {
		return nil, fmt.Errorf("index passages: %w", err)
	}
	ix.indexIDs()
	return ix, nil
}

func (ix *Index) indexIDs() {
	ix.byID = make(map[string]int, len(ix.passages))
	for i, p := range ix.passages {
		ix.byID[p.ID] = i
	}
}

// embedParallel embeds texts in as many parts as there are CPUs when the
// embedder is the local one; other embedders batch on their own.
func embedParallel(ctx context.Context, emb Embedder, texts []string) ([][]float32, error) {
	if _, local := emb.(*LocalEmbedder); !local || len(texts) < 64 {
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
func (ix *Index) Manifest() Manifest { return ix.manifest }

// Documents lists the documents of the index.
func (ix *Index) Documents() []corpus.DocInfo { return slices.Clone(ix.docs) }

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

// Hit is a passage found for a question.
type Hit struct {
	Passage    corpus.Passage `json:"passage"`
	Score      float64        `json:"score"`      // fused rank score, higher is better
	Similarity float32        `json:"similarity"` // cosine similarity of the vectors
	Lexical    float64        `json:"lexical"`    // BM25 score
	Coverage   float64        `json:"coverage"`   // weighted share of question terms held
	// Strength is the weight of the question terms held, in units of the
	// weight of the corpus's rarest word.
	Strength float64 `json:"strength"`
}

// Result is what a search found.
type Result struct {
	Query Query `json:"query"`
	Hits  []Hit `json:"hits"` // best first
	// Relevant is false when no passage answers the question; Hits then
	// holds the closest passages.
	Relevant bool `json:"relevant"`
	// Degraded says why the search was less than it should be.
	Degraded string `json:"degraded,omitempty"`
}

// Fusion parameters: reciprocal rank fusion of the vector and lexical
// rankings, plus a bonus for the share of question terms a passage holds.
const (
	rrfK          = 60
	coverageBonus = 0.02
	candidates    = 50
)

// SearchOption adjusts a search.
type SearchOption func(*searchOptions)

type searchOptions struct {
	context string
}

// WithContext adds the words of earlier questions of a conversation to a
// follow-up question ("and what about refugees?"), at a lower weight.
func WithContext(earlier string) SearchOption {
	return func(o *searchOptions) { o.context = earlier }
}

// Search finds the k passages that best answer question.
func (ix *Index) Search(ctx context.Context, question string, k int, opts ...SearchOption) (Result, error) {
	if k <= 0 {
		k = 3
	}
	var o searchOptions
	for _, f := range opts {
		f(&o)
	}
	q := ix.lex.analyze(question, o.context)
	res := Result{Query: q}

	// A remote embedder that fails, or starts returning vectors of another
	// length, leaves the lexical ranking alone.
	var vres []vectorMatch
	qv, err := ix.embedder.Embed(ctx, []string{strings.TrimSpace(question + " " + o.context)})
	switch {
	case ctx.Err() != nil:
		return res, ctx.Err()
	case err != nil:
		res.Degraded = degraded(clipCause(err))
	case len(qv) != 1:
		res.Degraded = degraded(fmt.Sprintf("the embedder returned %d vectors for one question", len(qv)))
	case len(qv[0]) != ix.manifest.Dims:
		res.Degraded = degraded(fmt.Sprintf("the embedder returned a vector of %d dimensions, the index holds %d; "+
			"rebuild it with 'citebot index --force' if the model changed", len(qv[0]), ix.manifest.Dims))
	default:
		vres, err = ix.vecs.Query(ctx, qv[0], candidates)
		if err != nil {
			return res, fmt.Errorf("vector search: %w", err)
		}
	}
	lexRanked, matched := ix.lex.search(q)
	total, rare := q.TotalWeight(), ix.lex.idfOf(1)

	type cand struct {
		hit   Hit
		fused float64
	}
	byP := make(map[int]*cand)
	get := func(p int) *cand {
		c, ok := byP[p]
		if !ok {
			c = &cand{hit: Hit{Passage: ix.passages[p]}}
			if total > 0 {
				c.hit.Coverage = matched[p] / total
			}
			c.hit.Strength = matched[p] / rare
			c.fused = coverageBonus * c.hit.Coverage
			byP[p] = c
		}
		return c
	}
	for rank, r := range vres {
		p, ok := ix.byID[r.ID]
		if !ok {
			continue
		}
		c := get(p)
		c.hit.Similarity = r.Similarity
		c.fused += 1.0 / float64(rrfK+rank+1)
	}
	for rank, s := range lexRanked {
		if rank >= candidates {
			break
		}
		c := get(s.P)
		c.hit.Lexical = s.Score
		c.fused += 1.0 / float64(rrfK+rank+1)
	}
	all := make([]*cand, 0, len(byP))
	for _, c := range byP {
		c.hit.Score = c.fused
		all = append(all, c)
	}
	slices.SortFunc(all, func(a, b *cand) int {
		switch {
		case a.fused > b.fused:
			return -1
		case a.fused < b.fused:
			return 1
		}
		return ix.byID[a.hit.Passage.ID] - ix.byID[b.hit.Passage.ID]
	})
	for _, c := range all[:min(k, len(all))] {
		res.Hits = append(res.Hits, c.hit)
	}
	res.Relevant = ix.gate.pass(res.Hits)
	return res, nil
}

// degraded is Result.Degraded for a search without vectors. It reads as a
// sentence after "The " (the answer's note) and alone (a log line).
func degraded(cause string) string {
	return "vector search was unavailable (" + cause + "); the results come from word matching only"
}

// maxCauseRunes bounds the cause of a degraded search shown to users.
const maxCauseRunes = 100

// clipCause returns what err says, fit to be shown to anyone: its first two
// clauses (what failed, and how, before the details a server sent, which
// may quote a key or an account), on one line, at most maxCauseRunes long.
func clipCause(err error) string {
	msg := err.Error()
	if i := strings.IndexAny(msg, "\r\n"); i >= 0 {
		msg = msg[:i]
	}
	if parts := strings.SplitN(msg, ": ", 3); len(parts) == 3 {
		msg = parts[0] + ": " + parts[1]
	}
	msg = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, msg)
	if r := []rune(msg); len(r) > maxCauseRunes {
		msg = strings.TrimSpace(string(r[:maxCauseRunes])) + "…"
	}
	return msg
}

// pass reports whether one of the top hits answers the question.
func (g Gate) pass(hits []Hit) bool {
	for _, h := range hits[:min(3, len(hits))] {
		if h.Coverage >= g.MinCoverage {
			return true
		}
		if h.Coverage >= g.WeakCoverage && (h.Similarity >= g.MinSimilarity || h.Strength >= g.MinStrength) {
			return true
		}
	}
	return false
}
