package retrieval

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/retrieval/corpus"
)

// The scale benchmark runs only when CITEBOT_SCALE_MB is set (it writes a
// corpus of that many megabytes, builds it and asks questions of it):
//
//	go build -o /tmp/base/citebot ./cmd/citebot   # at the commit to compare with
//	CITEBOT_SCALE_MB=100 CITEBOT_SCALE_BASE=/tmp/base/citebot \
//	  go test ./retrieval -run '^$' -bench Scale -benchtime 1x -timeout 60m
//
// It reports, for the citebot built from this tree: the index file's size
// as a multiple of the corpus's, 'citebot index' time and peak memory, the
// median time and peak memory of 'citebot ask' in a fresh process, and the
// peak memory of a reload (what /reindex does: read the corpus and open its
// index while the old ones are held) as a multiple of the memory held
// before it. With CITEBOT_SCALE_BASE, the same runs of that citebot too
// (but the reload, which runs this tree's code in a helper process: run the
// benchmark in the other tree for its reload), and the ratios new/base.

// writeScaleCorpus writes a deterministic Markdown corpus of about mb
// megabytes into dir: files of about 1 MB, headings every few paragraphs,
// paragraphs of 5 to 30 words (seven in ten) or 30 to 120 from a Zipf-distributed vocabulary of
// 50,000 made-up words. It returns questions built from its sentences.
func writeScaleCorpus(dir string, mb int) ([]string, error) {
	r := rand.New(rand.NewPCG(10, 100))
	const vocab = 50000
	words := make([]string, vocab)
	letters := "abcdefghijklmnopqrstuvwxyz"
	for i := range words {
		n := 2 + r.IntN(9)
		var sb strings.Builder
		for range n {
			sb.WriteByte(letters[r.IntN(len(letters))])
		}
		words[i] = sb.String()
	}
	zipf := rand.NewZipf(r, 1.07, 2, vocab-1)
	var queries []string
	total := mb << 20
	for f, written := 0, 0; written < total; f++ {
		path := filepath.Join(dir, fmt.Sprintf("part%03d", f/100), fmt.Sprintf("doc%04d.md", f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		var doc strings.Builder
		fmt.Fprintf(&doc, "# Document %d\n\n", f)
		for p := 0; doc.Len() < 1<<20; p++ {
			if p%8 == 0 {
				fmt.Fprintf(&doc, "## %s %s section %d\n\n", words[zipf.Uint64()], words[zipf.Uint64()], p/8)
			}
			// Mostly short paragraphs and list items, as documentation has.
			n := 5 + r.IntN(26)
			if r.IntN(10) < 3 {
				n = 30 + r.IntN(91)
			}
			var sent []string
			for i := 0; i < n; i++ {
				w := words[zipf.Uint64()]
				if len(sent) == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				sent = append(sent, w)
				if len(sent) >= 8 && r.IntN(12) == 0 || i == n-1 {
					doc.WriteString(strings.Join(sent, " ") + ". ")
					if len(queries) < 64 && p%97 == 5 && len(sent) >= 8 {
						queries = append(queries, "What about "+strings.ToLower(strings.Join(sent[:6], " "))+"?")
					}
					sent = sent[:0]
				}
			}
			doc.WriteString("\n\n")
		}
		if err := os.WriteFile(path, []byte(doc.String()), 0o644); err != nil {
			return nil, err
		}
		written += doc.Len()
	}
	return queries, nil
}

// run is one measured run of a command.
type run struct {
	elapsed time.Duration
	maxRSS  int64 // bytes
}

// timeRun runs bin with args under /usr/bin/time -v, failing b on error.
func timeRun(b *testing.B, bin string, args ...string) run {
	b.Helper()
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", bin}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	el := time.Since(start)
	if err != nil {
		b.Fatalf("%s %v: %v\n%s\n%s", bin, args, err, out, stderr.String())
	}
	var rss int64 = -1
	for _, line := range strings.Split(stderr.String(), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Maximum resident set size (kbytes):"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			rss = kb << 10
		}
	}
	if rss < 0 {
		b.Fatalf("no peak memory in /usr/bin/time output:\n%s", stderr.String())
	}
	return run{elapsed: el, maxRSS: rss}
}

// scaleResult is what the scale runs of one citebot measured.
type scaleResult struct {
	fileRatio   float64
	build       run
	askSeconds  float64 // median
	askRSS      float64 // median, bytes
	reindexPeak float64 // ratio
	copyPeak    float64 // ratio
}

func measureScale(b *testing.B, bin, corpusDir string, corpusBytes int64, queries []string, asks int, reindex bool) scaleResult {
	b.Helper()
	work := b.TempDir()
	data := filepath.Join(work, "data")
	cfg := filepath.Join(work, "config.yaml")
	yaml := fmt.Sprintf("data_dir: %q\ncorpus:\n  dir: %q\n", data, corpusDir)
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		b.Fatal(err)
	}
	var res scaleResult
	res.build = timeRun(b, bin, "index", "--config", cfg)
	st, err := os.Stat(filepath.Join(data, IndexFileName))
	if err != nil {
		b.Fatal(err)
	}
	res.fileRatio = float64(st.Size()) / float64(corpusBytes)
	var secs, rss []float64
	for i := range asks {
		r := timeRun(b, bin, "ask", "--config", cfg, queries[i%len(queries)])
		secs = append(secs, r.elapsed.Seconds())
		rss = append(rss, float64(r.maxRSS))
	}
	res.askSeconds, res.askRSS = median(secs), median(rss)
	if reindex {
		res.reindexPeak, res.copyPeak = reindexPeak(b, corpusDir, data)
	}
	return res
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// reindexPeak runs TestScaleReindexHelper in a fresh process and returns
// the peak memory of a reload as a multiple of the memory held before it:
// as the bot reloads, and loading a second copy.
func reindexPeak(b *testing.B, corpusDir, data string) (kept, copied float64) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestScaleReindexHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "CITEBOT_SCALE_HELPER=1", "CITEBOT_SCALE_CORPUS="+corpusDir, "CITEBOT_SCALE_DATA="+data)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("reindex helper: %v\n%s", err, out)
	}
	kept, copied = -1, -1
	for _, line := range strings.Split(string(out), "\n") {
		for prefix, dst := range map[string]*float64{"reindex-peak-ratio ": &kept, "second-copy-peak-ratio ": &copied} {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					b.Fatal(err)
				}
				*dst = f
			}
		}
	}
	if kept < 0 || copied < 0 {
		b.Fatalf("reindex helper printed no ratios:\n%s", out)
	}
	return kept, copied
}

// TestScaleReindexHelper is the fresh process reindexPeak measures; it
// does nothing unless CITEBOT_SCALE_HELPER is set. It opens the corpus and
// its saved index as a bot starts and answers a question, notes the memory
// held, then reads the corpus and opens its index again while holding the
// first ones, as /reindex does (passing the index held as the current
// one), and again without passing it (a second copy loaded); it prints
// each peak as a multiple of the memory held before.
func TestScaleReindexHelper(t *testing.T) {
	if os.Getenv("CITEBOT_SCALE_HELPER") == "" {
		t.Skip("runs only as the scale benchmark's helper process")
	}
	ctx := context.Background()
	dir, data := os.Getenv("CITEBOT_SCALE_CORPUS"), os.Getenv("CITEBOT_SCALE_DATA")
	open := func(current *Index) (*Index, *corpus.Corpus) {
		c, err := corpus.LoadDir(dir, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix, rep, err := Open(ctx, c, OpenOptions{DataDir: data, Embedder: LocalEmbedderFactory(0), Current: current})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rebuilt {
			t.Fatalf("rebuilt: %s", rep.Reason)
		}
		if _, err := ix.Search(ctx, "What about the seasons?", 3); err != nil {
			t.Fatal(err)
		}
		return ix, c
	}
	ix1, c1 := open(nil)
	runtime.GC()
	debug.FreeOSMemory()
	steady := procStatus(t, "VmRSS")
	// peak returns the most memory held while f ran.
	peak := func(f func()) int64 {
		// Reset the peak ("VmHWM") to the memory held now.
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			t.Fatal(err)
		}
		f()
		return procStatus(t, "VmHWM")
	}
	// As the bot does: the index it holds is passed as the current one.
	kept := peak(func() {
		ix2, c2 := open(ix1)
		if ix2 != ix1 {
			t.Error("the unchanged index was loaded again")
		}
		runtime.KeepAlive(c2)
	})
	runtime.GC()
	debug.FreeOSMemory()
	// A second copy loaded beside the first, as a reload did before.
	copied := peak(func() {
		ix2, c2 := open(nil)
		runtime.KeepAlive(ix2)
		runtime.KeepAlive(c2)
	})
	runtime.KeepAlive(ix1)
	runtime.KeepAlive(c1)
	t.Logf("steady %d MB, reindex peak %d MB, loading a second copy %d MB", steady>>20, kept>>20, copied>>20)
	fmt.Printf("reindex-peak-ratio %.3f\n", float64(kept)/float64(steady))
	fmt.Printf("second-copy-peak-ratio %.3f\n", float64(copied)/float64(steady))
}

// procStatus returns a memory field of /proc/self/status in bytes.
func procStatus(t *testing.T, field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// BenchmarkScale measures citebot on a generated corpus of CITEBOT_SCALE_MB
// megabytes; see the comment at the top of this file.
func BenchmarkScale(b *testing.B) {
	mb, _ := strconv.Atoi(os.Getenv("CITEBOT_SCALE_MB"))
	if mb <= 0 {
		b.Skip("set CITEBOT_SCALE_MB to the corpus size in megabytes")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("needs /usr/bin/time")
	}
	base := os.Getenv("CITEBOT_SCALE_BASE")
	asks := 5
	work := b.TempDir()
	corpusDir := filepath.Join(work, "corpus")
	queries, err := writeScaleCorpus(corpusDir, mb)
	if err != nil {
		b.Fatal(err)
	}
	var corpusBytes int64
	filepath.WalkDir(corpusDir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				corpusBytes += info.Size()
			}
		}
		return nil
	})
	bin := filepath.Join(work, "citebot")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/citebot/citebot/cmd/citebot").CombinedOutput(); err != nil {
		b.Fatalf("build citebot: %v\n%s", err, out)
	}
	for b.Loop() {
		res := measureScale(b, bin, corpusDir, corpusBytes, queries, asks, true)
		b.ReportMetric(float64(corpusBytes)/(1<<20), "corpus-MB")
		b.ReportMetric(res.fileRatio, "file/corpus")
		b.ReportMetric(res.build.elapsed.Seconds(), "build-s")
		b.ReportMetric(float64(res.build.maxRSS)/(1<<20), "build-MB")
		b.ReportMetric(res.askSeconds, "ask-s")
		b.ReportMetric(res.askRSS/(1<<20), "ask-MB")
		b.ReportMetric(res.reindexPeak, "reindex-peak/steady")
		b.ReportMetric(res.copyPeak, "second-copy-peak/steady")
		if base == "" {
			continue
		}
		old := measureScale(b, base, corpusDir, corpusBytes, queries, asks, false)
		b.Logf("base: file %.1f× corpus, build %.1fs %d MB, ask %.2fs %.0f MB",
			old.fileRatio, old.build.elapsed.Seconds(), old.build.maxRSS>>20, old.askSeconds, old.askRSS/(1<<20))
		b.ReportMetric(res.fileRatio/old.fileRatio, "file-vs-base")
		b.ReportMetric(res.build.elapsed.Seconds()/old.build.elapsed.Seconds(), "build-s-vs-base")
		b.ReportMetric(float64(res.build.maxRSS)/float64(old.build.maxRSS), "build-MB-vs-base")
		b.ReportMetric(res.askSeconds/old.askSeconds, "ask-s-vs-base")
		b.ReportMetric(res.askRSS/old.askRSS, "ask-MB-vs-base")
	}
}
