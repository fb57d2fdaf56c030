package retrieval

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/seeds"
)

func seedCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(seeds.FS())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// candidatesOf builds an index of files (path → text) with the local
// embedder and returns the candidates the model scores for question.
func candidatesOf(t *testing.T, files map[string]string, question string) []Candidate {
	t.Helper()
	cands, err := indexOf(t, files).Candidates(t.Context(), question)
	if err != nil {
		t.Fatal(err)
	}
	return cands
}

// indexOf builds an index of files (path → text) with the local embedder.
func indexOf(t *testing.T, files map[string]string) *Index {
	t.Helper()
	fsys := fstest.MapFS{}
	for path, text := range files {
		fsys[path] = &fstest.MapFile{Data: []byte(text)}
	}
	c, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(t.Context(), c, LocalEmbedderFactory(64))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}
