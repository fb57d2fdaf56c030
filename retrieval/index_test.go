package retrieval

import (
	"context"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func seedEmbedder(t testing.TB) *LocalEmbedder {
	t.Helper()
	lx := lexical.Build(corpus.Chunk(seedCorpus(t)).Passages)
	return NewLocalEmbedder(DefaultLocalDims, lx)
}

func embedOne(t testing.TB, e Embedder, s string) []float32 {
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
		if len(v) != DefaultLocalDims {
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

func TestSearchFindsAndDeclines(t *testing.T) {
	ix, err := Build(t.Context(), seedCorpus(t), LocalEmbedderFactory(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q        string
		relevant bool
		line     int
	}{
		{"Why do the Taliban support the TTP?", true, 6},
		{"What is Qatar's role in South Asia?", true, 29}, // chunker-v3: the passage starts at its heading
		{"What is Qatar’s role in South Asia?", true, 29},
		{"wat did the IRS breif say about fusion cels", true, 8},
		{"What is the capital of France?", false, 0},
		{"", false, 0},
	} {
		res, err := ix.Search(t.Context(), c.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Relevant != c.relevant {
			t.Errorf("%q: relevant = %v, want %v", c.q, res.Relevant, c.relevant)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: no closest passages", c.q)
			continue
		}
		if c.line != 0 && res.Hits[0].Passage.LineStart != c.line {
			t.Errorf("%q: top passage at line %d, want %d", c.q, res.Hits[0].Passage.LineStart, c.line)
		}
	}
}

func TestOpenPersistsAndReuses(t *testing.T) {
	dir := t.TempDir()
	c := seedCorpus(t)
	ix1, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt || rep.Reason != "no index yet" {
		t.Errorf("first open: %+v", rep)
	}
	ix2, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rebuilt || len(rep.Warnings) > 0 {
		t.Fatalf("second open rebuilt: %+v", rep)
	}
	if ix1.Manifest() != ix2.Manifest() {
		t.Errorf("manifest changed on reload: %+v vs %+v", ix1.Manifest(), ix2.Manifest())
	}
	if len(ix2.Passages()) != len(ix1.Passages()) {
		t.Fatal("passage count changed")
	}
	for i, p := range ix1.Passages() {
		if ix2.Passages()[i] != p {
			t.Fatalf("passage %d differs after reload", i)
		}
	}
	q := "What did Pakistan impose on Afghan imports in 2023?"
	r1, _ := ix1.Search(t.Context(), q, 5)
	r2, _ := ix2.Search(t.Context(), q, 5)
	for i := range r1.Hits {
		if r1.Hits[i].Passage.ID != r2.Hits[i].Passage.ID || r1.Hits[i].Similarity != r2.Hits[i].Similarity {
			t.Fatalf("search differs after reload at %d", i)
		}
	}
}

func TestOpenRebuildsWhenManifestDiffers(t *testing.T) {
	dir := t.TempDir()
	c := seedCorpus(t)
	if _, _, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil {
		t.Fatal(err)
	}
	changed, err := corpus.Load(fstest.MapFS{"a.txt": {Data: []byte("A different corpus about fusion cells.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	_, rep, err := Open(t.Context(), changed, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
	if err != nil || !rep.Rebuilt || rep.Reason != "corpus changed" {
		t.Errorf("changed corpus: rep %+v err %v", rep, err)
	}
	_, rep, err = Open(t.Context(), changed, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(256)})
	if err != nil || !rep.Rebuilt || !strings.HasPrefix(rep.Reason, "embedder changed") {
		t.Errorf("changed embedder: rep %+v err %v", rep, err)
	}
	ix, rep, err := Open(t.Context(), changed, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(256)})
	if err != nil || rep.Rebuilt || ix.Manifest().Dims != 256 {
		t.Errorf("unchanged: rep %+v err %v", rep, err)
	}
}

func TestOpenRecoversFromDamagedIndex(t *testing.T) {
	c := seedCorpus(t)
	damage := map[string]func([]byte) []byte{
		"truncated":    func(b []byte) []byte { return b[:len(b)/2] },
		"body flipped": func(b []byte) []byte { b[len(b)-100] ^= 0xff; return b },
		"garbage":      func([]byte) []byte { return []byte("not an index at all") },
		"empty":        func([]byte) []byte { return nil },
		"tail cut":     func(b []byte) []byte { return b[:len(b)-4] },
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if _, _, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, IndexFileName)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			ix, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Rebuilt || len(rep.Warnings) == 0 {
				t.Errorf("damaged index not rebuilt with a warning: %+v", rep)
			}
			if len(ix.Passages()) != 18 {
				t.Errorf("rebuilt index has %d passages", len(ix.Passages()))
			}
			// The rebuilt file is whole again.
			if _, rep, _ := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); rep.Rebuilt {
				t.Errorf("index rebuilt twice: %+v", rep)
			}
		})
	}
}

func TestConcurrentOpensLeaveAWholeIndex(t *testing.T) {
	dir := t.TempDir()
	c := seedCorpus(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := Open(context.Background(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := load(t.Context(), filepath.Join(dir, IndexFileName), LocalEmbedderFactory(0), DefaultGate()); err != nil {
		t.Fatalf("index after concurrent writers: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".index-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestSaveFailureKeepsIndexInMemory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, rep, err := Open(t.Context(), seedCorpus(t), OpenOptions{DataDir: filepath.Join(file, "sub"), Embedder: LocalEmbedderFactory(0)})
	if err != nil || ix == nil {
		t.Fatalf("open: %v", err)
	}
	if len(rep.Warnings) == 0 {
		t.Error("no warning that the index could not be saved")
	}
}
