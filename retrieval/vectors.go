package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
)

// vectorStore holds one vector per passage and finds those nearest to a
// question's. The index uses nothing else of a vector database, so another
// one fits behind these four methods.
type vectorStore interface {
	// Add stores vecs[i], of unit length, under ids[i].
	Add(ctx context.Context, ids []string, vecs [][]float32) error
	// Query returns at most n stored vectors, the most similar to vec
	// first.
	Query(ctx context.Context, vec []float32, n int) ([]vectorMatch, error)
	// Vector returns the vector stored under id.
	Vector(ctx context.Context, id string) ([]float32, error)
	// Count is the number of vectors stored.
	Count() int
}

// vectorMatch is a stored vector found by a query.
type vectorMatch struct {
	ID         string
	Similarity float32 // cosine similarity with the query
}

// chromemMaxBytes bounds the float32 vectors an index keeps in chromem-go.
// chromem-go holds each vector as float32 in a document of its own, 4 KB a
// passage with the local embedder: 1.7 GB for a 100 MB corpus of short
// passages, most of what a process holds. Above this bound (about 65,000
// passages of 1,024 dimensions) the index keeps its vectors as the index
// file does, one byte per dimension in one block, in a compactStore.
const chromemMaxBytes = 256 << 20

// newVectorStore returns a store holding vecs under ids: chromem-go for
// the corpora most communities have, a compactStore for large ones. Both
// rank by the same cosine similarity of the same quantised vectors.
func newVectorStore(ctx context.Context, ids []string, vecs indexfile.Vectors) (vectorStore, error) {
	n, dims := vecs.Len(), vecs.Dims
	if len(ids) != n {
		return nil, fmt.Errorf("%d IDs for %d vectors", len(ids), n)
	}
	if n*dims*4 > chromemMaxBytes {
		return newCompactStore(ids, vecs)
	}
	s, err := newChromemStore()
	if err != nil {
		return nil, err
	}
	block := make([]float32, n*dims)
	fs := make([][]float32, n)
	for i := range fs {
		fs[i] = vecs.At(i, block[i*dims:(i+1)*dims:(i+1)*dims])
	}
	if err := s.Add(ctx, ids, fs); err != nil {
		return nil, err
	}
	return s, nil
}

// compactStore keeps quantised vectors in one block and ranks them all by
// cosine similarity, in parallel: what chromem-go does, at a quarter of
// the memory and without a document per vector.
type compactStore struct {
	mu   sync.RWMutex
	ids  []string
	byID map[string]int
	vecs indexfile.Vectors
}

func newCompactStore(ids []string, vecs indexfile.Vectors) (*compactStore, error) {
	s := &compactStore{ids: ids, byID: make(map[string]int, len(ids)), vecs: vecs}
	for i, id := range ids {
		if _, dup := s.byID[id]; dup {
			return nil, fmt.Errorf("vector ID %s given twice", id)
		}
		s.byID[id] = i
	}
	return s, nil
}

// Add implements vectorStore.
func (s *compactStore) Add(_ context.Context, ids []string, vecs [][]float32) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("add vectors: %d IDs for %d vectors", len(ids), len(vecs))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, id := range ids {
		if _, dup := s.byID[id]; dup {
			return fmt.Errorf("add vectors: ID %s given twice", id)
		}
		if err := s.vecs.Add(vecs[i]); err != nil {
			return fmt.Errorf("add vector %s: %w", id, err)
		}
		s.byID[id] = len(s.ids)
		s.ids = append(s.ids, id)
	}
	return nil
}

// better orders matches: the most similar first, then by ID, so that the
// same question always ranks the same.
func better(a, b vectorMatch) int {
	if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// Query implements vectorStore.
func (s *compactStore) Query(ctx context.Context, vec []float32, n int) ([]vectorMatch, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(vec) != s.vecs.Dims {
		return nil, fmt.Errorf("query has %d dimensions, the store %d", len(vec), s.vecs.Dims)
	}
	n = min(n, len(s.ids))
	if n <= 0 {
		return nil, nil
	}
	q := unit(vec)
	parts := min(runtime.GOMAXPROCS(0), len(s.ids))
	size := (len(s.ids) + parts - 1) / parts
	tops := make([][]vectorMatch, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*size, min((p+1)*size, len(s.ids))
		wg.Add(1)
		go func() {
			defer wg.Done()
			tops[p] = s.top(ctx, q, lo, hi, n)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := slices.Concat(tops...)
	slices.SortFunc(out, better)
	return out[:min(n, len(out))], nil
}

// top returns the n vectors of lo..hi most similar to q, unordered.
func (s *compactStore) top(ctx context.Context, q []float32, lo, hi, n int) []vectorMatch {
	out := make([]vectorMatch, 0, n+1)
	worst := 0 // index in out of the least similar kept
	for i := lo; i < hi; i++ {
		if (i-lo)%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		m := vectorMatch{ID: s.ids[i], Similarity: s.vecs.Dot(i, q)}
		if len(out) < n {
			out = append(out, m)
			if len(out) == n {
				worst = worstOf(out)
			}
			continue
		}
		if better(m, out[worst]) < 0 {
			out[worst] = m
			worst = worstOf(out)
		}
	}
	return out
}

func worstOf(ms []vectorMatch) int {
	w := 0
	for i := 1; i < len(ms); i++ {
		if better(ms[i], ms[w]) > 0 {
			w = i
		}
	}
	return w
}

// unit returns v scaled to unit length (v itself when it is already).
func unit(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.Abs(sum-1) < 1e-6 {
		return v
	}
	inv := 1 / math.Sqrt(sum)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out
}

// Vector implements vectorStore.
func (s *compactStore) Vector(_ context.Context, id string) ([]float32, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.byID[id]
	if !ok {
		return nil, fmt.Errorf("no vector stored under %s", id)
	}
	return s.vecs.At(i, make([]float32, s.vecs.Dims)), nil
}

// Count implements vectorStore.
func (s *compactStore) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.ids)
}

// quantisedFor returns the store's vectors as the index file keeps them,
// when it holds those of ps, in their order.
func (s *compactStore) quantisedFor(ps []corpus.Passage) (indexfile.Vectors, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(ps) != len(s.ids) {
		return indexfile.Vectors{}, false
	}
	for i, p := range ps {
		if s.ids[i] != p.ID {
			return indexfile.Vectors{}, false
		}
	}
	return s.vecs, true
}
