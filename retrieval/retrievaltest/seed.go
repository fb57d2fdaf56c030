// Package retrievaltest gives tests the default corpus and its index,
// built once per test binary.
package retrievaltest

import (
	"context"
	"io/fs"
	"sync"
	"testing"

	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/seeds"
)

var seed = sync.OnceValues(func() (*retrieval.Index, error) {
	c, err := corpus.Load(seeds.FS())
	if err != nil {
		return nil, err
	}
	return retrieval.Build(context.Background(), c, retrieval.LocalEmbedderFactory(0))
})

// SeedIndex returns the index of the default corpus (shared: read only).
func SeedIndex(t testing.TB) *retrieval.Index {
	t.Helper()
	ix, err := seed()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// SeedCorpus returns the default corpus.
func SeedCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(seeds.FS())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Build loads the corpus of fsys and builds its index with the local
// embedder, failing the test on an error.
func Build(t testing.TB, fsys fs.FS) (*corpus.Corpus, *retrieval.Index) {
	t.Helper()
	c, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := retrieval.Build(context.Background(), c, retrieval.LocalEmbedderFactory(0))
	if err != nil {
		t.Fatal(err)
	}
	return c, ix
}
