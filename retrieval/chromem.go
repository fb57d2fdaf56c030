package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/philippgille/chromem-go"
)

// This file is the only one that knows chromem-go.

const collectionName = "passages"

// chromemStore keeps vectors in an in-memory chromem-go collection, which
// searches them exhaustively by cosine similarity. Vectors always come
// from the index's embedder: the collection never embeds anything itself.
type chromemStore struct {
	coll *chromem.Collection
}

// errNoEmbedding is what the collection's embedding function returns: it is
// never meant to be called, since every vector is given.
var errNoEmbedding = errors.New("the vector store embeds nothing: vectors come from the index's embedder")

func newChromemStore() (*chromemStore, error) {
	noEmbed := func(context.Context, string) ([]float32, error) { return nil, errNoEmbedding }
	coll, err := chromem.NewDB().CreateCollection(collectionName, nil, noEmbed)
	if err != nil {
		return nil, fmt.Errorf("create vector collection: %w", err)
	}
	return &chromemStore{coll: coll}, nil
}

// Add implements vectorStore. The store keeps the slices it is given.
func (s *chromemStore) Add(ctx context.Context, ids []string, vecs [][]float32) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("add vectors: %d IDs for %d vectors", len(ids), len(vecs))
	}
	docs := make([]chromem.Document, len(ids))
	for i, id := range ids {
		docs[i] = chromem.Document{ID: id, Embedding: vecs[i]}
	}
	if err := s.coll.AddDocuments(ctx, docs, runtime.GOMAXPROCS(0)); err != nil {
		return fmt.Errorf("add vectors: %w", err)
	}
	return nil
}

// Query implements vectorStore. chromem-go refuses to return more results
// than it holds, so n is clamped.
func (s *chromemStore) Query(ctx context.Context, vec []float32, n int) ([]vectorMatch, error) {
	n = min(n, s.coll.Count())
	if n <= 0 {
		return nil, nil
	}
	res, err := s.coll.QueryEmbedding(ctx, vec, n, nil, nil)
	if err != nil {
		return nil, err
	}
	out := make([]vectorMatch, len(res))
	for i, r := range res {
		out[i] = vectorMatch{ID: r.ID, Similarity: r.Similarity}
	}
	// chromem-go ranks in parallel: equal similarities come in any order.
	// One order, so that the same question always ranks the same.
	slices.SortStableFunc(out, func(a, b vectorMatch) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Vector implements vectorStore.
func (s *chromemStore) Vector(ctx context.Context, id string) ([]float32, error) {
	doc, err := s.coll.GetByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return doc.Embedding, nil
}

// Count implements vectorStore.
func (s *chromemStore) Count() int { return s.coll.Count() }
