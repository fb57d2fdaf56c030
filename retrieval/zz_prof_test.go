package retrieval

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/citebot/citebot/retrieval/corpus"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("ZZ_DIR")
	if dir == "" {
		t.Skip()
	}
	if _, err := os.Stat(dir + "/corpus"); err != nil {
		if _, err := writeScaleCorpus(dir+"/corpus", 100); err != nil {
			t.Fatal(err)
		}
	}
	tc := time.Now()
	c, err := corpus.LoadDir(dir+"/corpus", corpus.Options{})
	t.Logf("corpus %v", time.Since(tc))
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	ix, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir + "/data", Embedder: LocalEmbedderFactory(0)})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("open %v rebuilt=%v passages=%d", time.Since(t0), rep.Rebuilt, len(ix.Passages()))
	ts := time.Now()
	ix.Search(t.Context(), "What about the thing?", 3)
	t.Logf("search %v", time.Since(ts))
	runtime.GC()
	f, _ := os.Create(dir + "/heap.pprof")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(ix)
	runtime.KeepAlive(c)
}
