package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/citebot/citebot/retrieval/corpus"
)

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
		if !reflect.DeepEqual(ix2.Passages()[i], p) {
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

// An HTML passage's lines of origin survive the index file: an excerpt of
// a reloaded index cites the markup's lines as a fresh one does.
func TestOpenPersistsPassageLines(t *testing.T) {
	src := "<html><head><title>Bees</title></head><body>\n<h1>Bees</h1>\n<p>Honeybees\nfeed on <b>nectar</b>\nand pollen.</p>\n<p>Drones\ndo not sting.</p>\n</body></html>\n"
	c, err := corpus.Load(fstest.MapFS{"bees.html": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ix1, _, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(16)})
	if err != nil {
		t.Fatal(err)
	}
	ix2, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(16)})
	if err != nil || rep.Rebuilt {
		t.Fatalf("reopen: %v, rebuilt %v", err, rep.Rebuilt)
	}
	lines := 0
	for i, p := range ix1.Passages() {
		lines += len(p.Lines)
		if !reflect.DeepEqual(ix2.Passages()[i], p) {
			t.Errorf("passage %d differs after reload:\n%#v\n%#v", i, ix2.Passages()[i], p)
		}
	}
	if lines == 0 {
		t.Error("no HTML passage kept the lines its text comes from")
	}
}

// The manifest counts the passages left out as a table of contents.
func TestManifestCountsTablesOfContents(t *testing.T) {
	c, err := corpus.Load(fstest.MapFS{
		"index.md": {Data: []byte("# Docs\n\nStart here.\n\n## Pages\n\n- [A](a.md): the first.\n- [B](b.md): the second.\n- [C](c.md): the third.\n")},
		"a.md":     {Data: []byte("# A\n\nA says one thing.\n")},
		"b.md":     {Data: []byte("# B\n\nB says another.\n")},
		"c.md":     {Data: []byte("# C\n\nC says a third.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(t.Context(), c, LocalEmbedderFactory(0))
	if err != nil {
		t.Fatal(err)
	}
	if n := ix.Manifest().Navigation; n != 1 {
		t.Errorf("manifest counts %d tables of contents, want 1", n)
	}
}
