package retrieval

import (
	"os"
	"testing"

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
