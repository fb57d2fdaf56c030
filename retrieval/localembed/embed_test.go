package localembed_test

import (
	"context"
	"math"
	"testing"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/localembed"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func seedEmbedder(t testing.TB) *localembed.Embedder {
	t.Helper()
	lx := lexical.Build(corpus.Chunk(retrievaltest.SeedCorpus(t)).Passages)
	return localembed.New(localembed.DefaultDims, lx)
}

func embedOne(t testing.TB, e *localembed.Embedder, s string) []float32 {
	t.Helper()
	vs, err := e.Embed(context.Background(), []string{s})
	if err != nil {
		t.Fatal(err)
	}
	return vs[0]
}

func TestLocalEmbedderInvariances(t *testing.T) {
	e := seedEmbedder(t)
	same := []struct{ a, b string }{
		{"Qatar's role in South Asia", "Qatar’s role in South Asia"},
		{"QATAR'S ROLE IN SOUTH ASIA", "qatar's role in south asia"},
		{"“fusion cells”", `"fusion cells"`},
		{"refugees  in\tPakistan", "refugees in Pakistan"},
	}
	for _, c := range same {
		if s := cosine(embedOne(t, e, c.a), embedOne(t, e, c.b)); s < 0.999 {
			t.Errorf("cos(%q, %q) = %.3f, want 1", c.a, c.b, s)
		}
	}
	close := []struct{ a, b string }{
		{"refugee deported", "refugees deporting"},      // inflections
		{"Taliban infiltration", "Talbian infiltraton"}, // typos
	}
	for _, c := range close {
		if s := cosine(embedOne(t, e, c.a), embedOne(t, e, c.b)); s < 0.6 {
			t.Errorf("cos(%q, %q) = %.3f, want ≥ 0.6", c.a, c.b, s)
		}
	}
	unrelated := cosine(embedOne(t, e, "Taliban infiltration"), embedOne(t, e, "sourdough bread baking"))
	if unrelated > 0.2 {
		t.Errorf("unrelated texts have cosine %.3f", unrelated)
	}
	for _, s := range []string{"", "the of and", "Pakistan is witnessing a renewed wave of terrorist violence."} {
		v := embedOne(t, e, s)
		if len(v) != localembed.DefaultDims {
			t.Fatalf("len = %d", len(v))
		}
		if n := math.Sqrt(cosine(v, v)); math.Abs(n-1) > 1e-5 {
			t.Errorf("norm of %q = %f, want 1", s, n)
		}
	}
	a, b := embedOne(t, e, "deterministic text"), embedOne(t, seedEmbedder(t), "deterministic text")
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("two embedders give different vectors for the same text")
		}
	}
}
