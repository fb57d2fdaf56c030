package retrieval

import (
	"context"
	"fmt"
	"github.com/citebot/citebot/retrieval/corpus"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

func BenchmarkBuildSeed(b *testing.B) {
	c := seedCorpus(b)
	for b.Loop() {
		if _, err := Build(context.Background(), c, LocalEmbedderFactory(0)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadSeed(b *testing.B) {
	dir := b.TempDir()
	c := seedCorpus(b)
	if _, _, err := Open(context.Background(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, rep, err := Open(context.Background(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)})
		if err != nil || rep.Rebuilt {
			b.Fatal(err, rep)
		}
	}
}

func BenchmarkSearchSeed(b *testing.B) { benchSearchSeed(b, "Why do the Taliban support the TTP?") }

// BenchmarkSearchSeedYear searches with a year named: every candidate is
// checked for another year (ReleaseFirst).
func BenchmarkSearchSeedYear(b *testing.B) {
	benchSearchSeed(b, "How many people were killed in attacks in 2023?")
}

// benchSearchSeed measures one question's search over the seed index.
func benchSearchSeed(b *testing.B, question string) {
	ix, err := Build(context.Background(), seedCorpus(b), LocalEmbedderFactory(0))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ix.Search(context.Background(), question, 3); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticCorpus makes files×paras passages of about 100 words each from
// a Zipf-distributed vocabulary, with a heading per file.
func syntheticCorpus(files, paras int) (*corpus.Corpus, []string) {
	r := rand.New(rand.NewPCG(1, 2))
	const vocab = 30000
	words := make([]string, vocab)
	letters := "abcdefghijklmnopqrstuvwxyz"
	for i := range words {
		n := 3 + r.IntN(8)
		var sb strings.Builder
		for range n {
			sb.WriteByte(letters[r.IntN(len(letters))])
		}
		words[i] = sb.String()
	}
	zipf := rand.NewZipf(r, 1.1, 2, vocab-1)
	fsys := fstest.MapFS{}
	var queries []string
	for f := range files {
		var doc strings.Builder
		fmt.Fprintf(&doc, "Document %d\n\n", f)
		for p := range paras {
			var para []string
			for s := 0; s < 6; s++ {
				n := 12 + r.IntN(10)
				sent := make([]string, n)
				for i := range sent {
					sent[i] = words[zipf.Uint64()]
				}
				sent[0] = strings.ToUpper(sent[0][:1]) + sent[0][1:]
				para = append(para, strings.Join(sent, " ")+".")
			}
			text := strings.Join(para, " ")
			doc.WriteString(text + "\n\n")
			if p%50 == 0 {
				ws := strings.Fields(para[2])
				queries = append(queries, "What about "+strings.Join(ws[:min(6, len(ws))], " ")+"?")
			}
		}
		fsys[fmt.Sprintf("docs/%03d.txt", f)] = &fstest.MapFile{Data: []byte(doc.String())}
	}
	c, err := corpus.Load(fsys)
	if err != nil {
		panic(err)
	}
	return c, queries
}

var synthetic = sync.OnceValues(func() (*corpus.Corpus, []string) { return syntheticCorpus(100, 100) })

func BenchmarkBuild10k(b *testing.B) {
	c, _ := synthetic()
	for b.Loop() {
		ix, err := Build(context.Background(), c, LocalEmbedderFactory(0))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(ix.Passages())), "passages")
	}
}

func BenchmarkSearch10k(b *testing.B) {
	c, qs := synthetic()
	ix, err := Build(context.Background(), c, LocalEmbedderFactory(0))
	if err != nil {
		b.Fatal(err)
	}
	if n := len(ix.Passages()); n != 10000 {
		b.Fatalf("%d passages", n)
	}
	for i := 0; b.Loop(); i++ {
		if _, err := ix.Search(context.Background(), qs[i%len(qs)], 3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad10k(b *testing.B) {
	c, _ := synthetic()
	dir := b.TempDir()
	if _, _, err := Open(context.Background(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, rep, err := Open(context.Background(), c, OpenOptions{DataDir: dir, Embedder: LocalEmbedderFactory(0)}); err != nil || rep.Rebuilt {
			b.Fatal(err, rep)
		}
	}
}

// BenchmarkSearch10kVsBareVectors measures a whole search against a bare
// vector query of the same index (embed the question, rank every vector
// with chromem-go), alternating the two in one run so that the machine's
// load weighs on both alike. Its "x-bare" metric is the ratio of their
// total times (issue target: ≤ 1.3).
func BenchmarkSearch10kVsBareVectors(b *testing.B) {
	c, qs := synthetic()
	ix, err := Build(context.Background(), c, LocalEmbedderFactory(0))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var full, bare time.Duration
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		t0 := time.Now()
		if _, err := ix.Search(ctx, q, 3); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		v, err := ix.embedder.Embed(ctx, []string{q})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.vecs.Query(ctx, v[0], 3); err != nil {
			b.Fatal(err)
		}
		full += t1.Sub(t0)
		bare += time.Since(t1)
	}
	b.ReportMetric(float64(full)/float64(bare), "x-bare")
	b.ReportMetric(float64(full.Microseconds())/float64(b.N), "search-µs/op")
	b.ReportMetric(float64(bare.Microseconds())/float64(b.N), "bare-µs/op")
}
