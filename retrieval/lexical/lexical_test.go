package lexical

import (
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

func TestQuestionTermsReadTyposAndChatSpelling(t *testing.T) {
	lx := Build(corpus.Chunk(seedCorpus(t)).Passages)
	q := lx.Analyze("wat did teh IRS breif say abt fusion cels and the Pakistani Talbian?", "")
	got := map[string]string{}
	for _, term := range q.Terms {
		got[term.Word] = term.Stem
	}
	for w, stem := range map[string]string{"breif": "brief", "cels": "cell", "pakistani": "pakistan", "talbian": "taliban"} {
		if got[w] != stem {
			t.Errorf("%q read as %q, want %q", w, got[w], stem)
		}
	}
	for _, w := range []string{"wat", "teh", "abt"} {
		if _, ok := got[w]; ok {
			t.Errorf("%q counted as a question term", w)
		}
	}
}
