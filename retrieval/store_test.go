package retrieval

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
)

func TestOpenRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	c := seedCorpus(t)
	if _, _, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	mk := func(name string, mtime time.Time) string {
		p := filepath.Join(dir, name)
		write(t, p, "half an index")
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dead := mk(".index-111.tmp", old)
	young := mk(".index-222.tmp", time.Now())
	live := mk(".index-333.tmp", old)
	// A save in progress holds the lock of its temporary file.
	f, err := os.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := indexfile.TryLock(f); errors.Is(err, indexfile.ErrLockUnsupported) {
		t.Skip(err)
	} else if !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}

	_, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.RemovedTemps, []string{".index-111.tmp"}) {
		t.Errorf("removed %v, want the dead save's file only", rep.RemovedTemps)
	}
	for p, want := range map[string]bool{dead: false, young: true, live: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

// countingFactory is the local embedder's factory, counting the corpora it
// embeds (calls with more than one text).
func countingFactory(builds *atomic.Int32) EmbedderFactory {
	ef := LocalEmbedderFactory(0)
	inner := ef.New
	ef.New = func(v Vocabulary) Embedder { return &countingEmbedder{Embedder: inner(v), builds: builds} }
	return ef
}

type countingEmbedder struct {
	Embedder
	builds *atomic.Int32
}

func (e *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) > 1 {
		e.builds.Add(1)
	}
	return e.Embedder.Embed(ctx, texts)
}

func TestConcurrentOpensOfAStaleIndexBuildOnce(t *testing.T) {
	dir := t.TempDir()
	c := seedCorpus(t)
	var builds atomic.Int32
	ef := countingFactory(&builds)
	const n = 4
	var wg sync.WaitGroup
	reps := make([]OpenReport, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ix, rep, err := Open(context.Background(), c, OpenOptions{DataDir: dir, Embedder: ef})
			if err != nil || len(ix.Passages()) != 18 {
				t.Errorf("open %d: %v", i, err)
			}
			reps[i] = rep
		}()
	}
	close(start)
	wg.Wait()
	rebuilt := 0
	for _, r := range reps {
		if r.Rebuilt {
			rebuilt++
		} else if r.Reason != "" && r.Reason != "built by another process meanwhile" {
			t.Errorf("report %+v", r)
		}
	}
	if rebuilt != 1 || builds.Load() != 1 {
		t.Errorf("%d opens rebuilt and %d corpora were embedded, want 1 and 1", rebuilt, builds.Load())
	}
}

func TestOpenReportsSaveError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	write(t, file, "")
	ix, rep, err := Open(t.Context(), seedCorpus(t), OpenOptions{DataDir: filepath.Join(file, "sub"), Embedder: LocalEmbedderFactory(0)})
	if err != nil || ix == nil {
		t.Fatalf("open: %v", err)
	}
	if rep.SaveErr == nil || len(rep.Warnings) == 0 {
		t.Errorf("save error not reported: %+v", rep)
	}
}

// switchingEmbedder is an embedder whose server starts returning vectors of
// another length, or an error, once the index is built.
type switchingEmbedder struct {
	Embedder
	dims int
	err  error
}

func (e *switchingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if e.err != nil {
		return nil, e.err
	}
	vs, err := e.Embedder.Embed(ctx, texts)
	if e.dims > 0 {
		for i := range vs {
			vs[i] = make([]float32, e.dims)
			vs[i][0] = 1
		}
	}
	return vs, err
}

func TestSearchFallsBackToWordsWhenTheEmbedderChanges(t *testing.T) {
	secret := errors.New("embed texts 1–1 of 1: model server refused the API key (HTTP 401): Incorrect API key provided: sk-live-abc123 for account acme-corp")
	for _, c := range []struct {
		name   string
		dims   int
		err    error
		want   string
		absent string
	}{
		{"other vector length", 768, nil, "a vector of 768 dimensions, the index holds 1024", ""},
		{"server error", 0, secret, "(embed texts 1–1 of 1: model server refused the API key (HTTP 401));", "sk-live"},
		{"long error", 0, errors.New(strings.Repeat("x", 500)), "x…)", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var sw *switchingEmbedder
			ef := LocalEmbedderFactory(0)
			inner := ef.New
			ef.New = func(v Vocabulary) Embedder { sw = &switchingEmbedder{Embedder: inner(v)}; return sw }
			ix, err := Build(t.Context(), seedCorpus(t), ef)
			if err != nil {
				t.Fatal(err)
			}
			sw.dims, sw.err = c.dims, c.err
			res, err := ix.Search(t.Context(), "Why do the Taliban support the TTP?", 3)
			if err != nil {
				t.Fatalf("search failed instead of falling back: %v", err)
			}
			if !res.Relevant || len(res.Hits) == 0 || res.Hits[0].Passage.LineStart != 6 {
				t.Errorf("word matching alone: %+v", res.Hits)
			}
			if !strings.HasPrefix(res.Degraded, "vector search was unavailable (") || !strings.Contains(res.Degraded, c.want) ||
				!strings.HasSuffix(res.Degraded, "; the results come from word matching only") {
				t.Errorf("Degraded = %q, want it to hold %q", res.Degraded, c.want)
			}
			if c.absent != "" && strings.Contains(res.Degraded, c.absent) {
				t.Errorf("Degraded leaks %q: %q", c.absent, res.Degraded)
			}
			if len([]rune(res.Degraded)) > 300 {
				t.Errorf("Degraded is %d characters long", len([]rune(res.Degraded)))
			}
		})
	}
}

// TestHelperProcessOpen is a process of TestConcurrentProcessesBuildOnce:
// it says it is ready, waits for its standard input to close, opens the
// index and says whether it rebuilt it.
func TestHelperProcessOpen(t *testing.T) {
	dir := os.Getenv("CITEBOT_TEST_OPEN_DIR")
	if dir == "" {
		t.Skip("run by TestConcurrentProcessesBuildOnce")
	}
	c, _ := syntheticCorpus(10, 100)
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	_, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("rebuilt=%v\n", rep.Rebuilt)
}

func TestConcurrentProcessesBuildOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	const n = 3
	type proc struct {
		cmd *exec.Cmd
		in  io.WriteCloser
		out *bufio.Reader
	}
	procs := make([]*proc, n)
	for i := range procs {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperProcessOpen$", "-test.v")
		cmd.Env = append(os.Environ(), "CITEBOT_TEST_OPEN_DIR="+dir)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs[i] = &proc{cmd: cmd, in: in, out: bufio.NewReader(out)}
	}
	for _, p := range procs { // all ready: then all go at once
		for {
			line, err := p.out.ReadString('\n')
			if err != nil {
				t.Fatalf("helper ended before it was ready: %v", err)
			}
			if line == "ready\n" {
				break
			}
		}
	}
	for _, p := range procs {
		p.in.Close()
	}
	rebuilt := 0
	for _, p := range procs {
		rest, _ := io.ReadAll(p.out)
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("helper: %v\n%s", err, rest)
		}
		if strings.Contains(string(rest), "rebuilt=true") {
			rebuilt++
		} else if !strings.Contains(string(rest), "rebuilt=false") {
			t.Fatalf("helper said:\n%s", rest)
		}
	}
	if rebuilt != 1 {
		t.Errorf("%d of %d processes rebuilt the index, want 1", rebuilt, n)
	}
}

// An index file saved before passages carried a Locator (same format, 2)
// was built by chunker-v2: since chunker-v3 it is rebuilt, saying why, and
// each passage has its source and lines.
func TestOpenRebuildsAnIndexSavedBeforeLocators(t *testing.T) {
	old, err := os.ReadFile("testdata/index-v2.citebot")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, IndexFileName), old, 0o644); err != nil {
		t.Fatal(err)
	}
	// The corpus testdata/index-v2.citebot was built from.
	c, err := corpus.Load(fstest.MapFS{"a.txt": {Data: []byte("Bees\n\nHoneybees feed on nectar and pollen.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	ix, rep, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(16)})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt || rep.Reason != fmt.Sprintf("index format changed (2 → %d)", indexfile.Version) {
		t.Errorf("rebuilt %v (%s), want a rebuild for the format change", rep.Rebuilt, rep.Reason)
	}
	want := corpus.Passage{ID: ix.Passages()[0].ID, Text: "Bees\n\nHoneybees feed on nectar and pollen.",
		Locator: corpus.Locator{Source: "a.txt", Title: "Bees", LineStart: 1, LineEnd: 3}, Plain: true}
	if got := ix.Passages()[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("passage\n got %#v\nwant %#v", got, want)
	}
}

// The gate given to Open decides, whether the index is built in memory,
// built and saved, or loaded from the data folder.
func TestOpenAppliesTheGateGiven(t *testing.T) {
	c := seedCorpus(t)
	dir := t.TempDir()
	strict := Gate{MinConfidence: 1.01} // no passage passes
	const q = "Why do the Taliban support the TTP?"
	cases := []struct {
		name    string
		opts    OpenOptions
		rebuilt bool
		want    bool
	}{
		{"in memory, default gate", OpenOptions{}, true, true},
		{"in memory, strict gate", OpenOptions{Gate: strict}, true, false},
		{"built and saved, strict gate", OpenOptions{DataDir: dir, Gate: strict}, true, false},
		{"loaded, default gate", OpenOptions{DataDir: dir}, false, true},
		{"loaded, strict gate", OpenOptions{DataDir: dir, Gate: strict}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Embedder = LocalEmbedderFactory(0)
			ix, rep, err := Open(t.Context(), c, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rebuilt != tc.rebuilt {
				t.Errorf("rebuilt = %v (%s), want %v", rep.Rebuilt, rep.Reason, tc.rebuilt)
			}
			res, err := ix.Search(t.Context(), q, 3)
			if err != nil {
				t.Fatal(err)
			}
			if res.Relevant != tc.want {
				t.Errorf("relevant = %v, want %v", res.Relevant, tc.want)
			}
		})
	}
}

// An index is never built with an embedder nobody chose.
func TestOpenWithoutEmbedderFails(t *testing.T) {
	c := seedCorpus(t)
	for _, dir := range []string{"", t.TempDir()} {
		t.Run("data dir "+strconv.Quote(dir), func(t *testing.T) {
			ix, _, err := Open(t.Context(), c, OpenOptions{DataDir: dir})
			if !errors.Is(err, errNoEmbedder) || ix != nil {
				t.Errorf("Open without embedder = %v, %v; want errNoEmbedder", ix, err)
			}
			if dir != "" {
				if _, err := os.Stat(filepath.Join(dir, IndexFileName)); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("index file written: %v", err)
				}
			}
		})
	}
	if _, err := Build(t.Context(), c, EmbedderFactory{}); !errors.Is(err, errNoEmbedder) {
		t.Errorf("Build without embedder: %v, want errNoEmbedder", err)
	}
}

// textEmbedder is a remote-like embedder: a text's vector depends on the
// text alone. It counts the texts it embeds.
type textEmbedder struct{ texts atomic.Int32 }

func (e *textEmbedder) ID() string { return "fake-remote" }
func (e *textEmbedder) Dims() int  { return 16 }
func (e *textEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	e.texts.Add(int32(len(texts)))
	out := make([][]float32, len(texts))
	for i, t := range texts {
		v := make([]float32, 16)
		for j, r := range t {
			v[(j+int(r))%16] += float32(r % 7)
		}
		v[0]++
		out[i] = v
	}
	return out, nil
}

func TestOpenReusesVectorsOfUnchangedPassages(t *testing.T) {
	docs := fstest.MapFS{
		"a.txt": {Data: []byte("Fusion cells are joint coordination units.\n\nThey share intelligence daily.\n")},
		"b.txt": {Data: []byte("The river floods every spring.\n\nFarmers plant after the flood.\n")},
	}
	c1, err := corpus.Load(docs)
	if err != nil {
		t.Fatal(err)
	}
	docs["b.txt"] = &fstest.MapFile{Data: []byte("The river floods every autumn.\n\nFarmers plant after the flood.\n")}
	c2, err := corpus.Load(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		corpusFree bool
		previous   bool
		want       int32 // texts embedded by the second Open
	}{
		{"remote embedder, previous index", true, true, 1},
		{"no previous index", true, false, 4},
		{"local-like embedder", false, true, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emb := &textEmbedder{}
			ef := EmbedderFactory{ID: emb.ID(), Dims: emb.Dims(), CorpusFree: tc.corpusFree,
				New: func(Vocabulary) Embedder { return emb }}
			dir := t.TempDir()
			old, _, err := Open(t.Context(), c1, OpenOptions{DataDir: dir, Embedder: ef})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(old.Passages()); n != 4 || emb.texts.Load() != 4 {
				t.Fatalf("%d passages, %d embedded", n, emb.texts.Load())
			}
			emb.texts.Store(0)
			opts := OpenOptions{DataDir: dir, Embedder: ef}
			if tc.previous {
				opts.Previous = old
			}
			ix, rep, err := Open(t.Context(), c2, opts)
			if err != nil || !rep.Rebuilt {
				t.Fatalf("rep %+v err %v", rep, err)
			}
			if got := emb.texts.Load(); got != tc.want {
				t.Errorf("embedded %d texts, want %d", got, tc.want)
			}
			// Every vector is the one a fresh build gives.
			fresh, err := Build(t.Context(), c2, ef)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.vectors(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.vectors(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if got.Dims != want.Dims || !bytes.Equal(got.Data, want.Data) {
				t.Error("the vectors differ from a fresh build's")
			}
		})
	}
}

// TestOpenKeepsTheCurrentIndex: a reload (/reindex) of an unchanged corpus
// returns the index the process already holds instead of a second copy;
// anything that changed what a load would give loads again.
func TestOpenKeepsTheCurrentIndex(t *testing.T) {
	dir := t.TempDir()
	c := seedCorpus(t)
	ef := LocalEmbedderFactory(0)
	cur, _, err := Open(t.Context(), c, OpenOptions{DataDir: dir, Embedder: ef})
	if err != nil {
		t.Fatal(err)
	}
	stricter := DefaultGate()
	stricter.MinConfidence = 0.9
	cases := []struct {
		name string
		opts OpenOptions
		same bool
	}{
		{"unchanged", OpenOptions{DataDir: dir, Embedder: ef, Current: cur}, true},
		{"no current index", OpenOptions{DataDir: dir, Embedder: ef}, false},
		{"another gate", OpenOptions{DataDir: dir, Embedder: ef, Gate: stricter, Current: cur}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix, rep, err := Open(t.Context(), c, tc.opts)
			if err != nil || rep.Rebuilt {
				t.Fatalf("%+v, %v", rep, err)
			}
			if (ix == cur) != tc.same {
				t.Errorf("kept the current index: %v, want %v", ix == cur, tc.same)
			}
		})
	}
	// Another process rebuilt the file: what it saved is loaded.
	other, err := corpus.Load(fstest.MapFS{"a.txt": {Data: []byte("Bees make honey from nectar.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Open(t.Context(), other, OpenOptions{DataDir: dir, Embedder: ef}); err != nil {
		t.Fatal(err)
	}
	ix, _, err := Open(t.Context(), other, OpenOptions{DataDir: dir, Embedder: ef, Current: cur})
	if err != nil || ix == cur || len(ix.Passages()) != 1 {
		t.Errorf("after the corpus changed: %d passages, the current index kept: %v (%v)", len(ix.Passages()), ix == cur, err)
	}
}
