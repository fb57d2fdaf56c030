package lexical_test

import (
	"testing"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

func TestQuestionTermsReadTyposAndChatSpelling(t *testing.T) {
	lx := lexical.Build(corpus.Chunk(retrievaltest.SeedCorpus(t)).Passages)
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
