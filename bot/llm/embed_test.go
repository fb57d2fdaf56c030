package llm_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/philippgille/chromem-go"

	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
)

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("passage number %d about topic %d", i, i%7)
	}
	return out
}

func TestEmbedderBatchesAndNormalises(t *testing.T) {
	srv := llmtest.New(t)
	srv.EmbedDims = 16
	e := newEmbedder(t, llm.EmbedConfig{BaseURL: srv.BaseURL(), Model: "nomic-embed-text", BatchSize: 10, Concurrency: 3})
	var mu sync.Mutex
	var progress []int
	e.SetProgress(func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total != 95 {
			t.Errorf("total %d", total)
		}
		progress = append(progress, done)
	})
	in := texts(95)
	vecs, err := e.Embed(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 95 || e.Dims() != 16 {
		t.Fatalf("%d vectors, dims %d", len(vecs), e.Dims())
	}
	for i, v := range vecs {
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if math.Abs(n-1) > 1e-5 {
			t.Fatalf("vector %d has norm² %f", i, n)
		}
		// Order kept: the vector is the fake's for this very text.
		want := llmtest.Vector(in[i], 16)
		var dot, wn float64
		for j := range v {
			dot += float64(v[j]) * float64(want[j])
			wn += float64(want[j]) * float64(want[j])
		}
		if math.Abs(dot/math.Sqrt(wn)-1) > 1e-5 {
			t.Fatalf("vector %d is not the one of its text", i)
		}
	}
	batches := srv.EmbedBatches()
	slices.Sort(batches)
	if len(batches) != 10 || batches[0] != 5 || batches[9] != 10 {
		t.Errorf("batches %v, want nine of 10 and one of 5", batches)
	}
	if slices.Max(progress) != 95 {
		t.Errorf("progress %v", progress)
	}
	if e.ID() != "openai:"+srv.Listener.Addr().String()+"/v1:nomic-embed-text" {
		t.Errorf("ID %q", e.ID())
	}
}

func TestEmbedderRetriesAndFails(t *testing.T) {
	srv := llmtest.New(t)
	srv.EmbedFail = func(n int) int {
		if n <= 2 {
			return 503
		}
		return 0
	}
	e := newEmbedder(t, llm.EmbedConfig{BaseURL: srv.BaseURL(), Model: "m", MaxRetries: 3, Backoff: time.Millisecond})
	if _, err := e.Embed(t.Context(), texts(3)); err != nil {
		t.Errorf("not retried: %v", err)
	}
	srv2 := llmtest.New(t)
	srv2.EmbedFail = func(int) int { return 400 }
	e = newEmbedder(t, llm.EmbedConfig{BaseURL: srv2.BaseURL(), Model: "m", MaxRetries: 3, Backoff: time.Millisecond, BatchSize: 2})
	_, err := e.Embed(t.Context(), texts(9))
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindRequest {
		t.Errorf("err = %v", err)
	}
	if n := len(srv2.EmbedBatches()); n > 5 {
		t.Errorf("%d requests after a 400; want the others canceled", n)
	}
}

// BenchmarkIndexRemote embeds 10,000 passages against a fake embeddings
// server that takes 20 ms per request: the batched client against
// chromem-go's NewEmbeddingFuncOpenAICompat, which sends one text per
// request (through AddDocuments with GOMAXPROCS workers, as chromem does).
func BenchmarkIndexRemote(b *testing.B) {
	const n = 10000
	srv := llmtest.New(b)
	srv.EmbedDelay = 20 * time.Millisecond
	srv.EmbedDims = 384
	in := texts(n)
	b.Run("batched", func(b *testing.B) {
		for b.Loop() {
			e := newEmbedder(b, llm.EmbedConfig{BaseURL: srv.BaseURL(), Model: "m", BatchSize: 64, Concurrency: 4})
			if _, err := e.Embed(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("one-per-passage", func(b *testing.B) {
		normalized := false
		f := chromem.NewEmbeddingFuncOpenAICompat(srv.BaseURL(), "", "m", &normalized)
		docs := make([]chromem.Document, n)
		for i := range docs {
			docs[i] = chromem.Document{ID: fmt.Sprint(i), Content: in[i]}
		}
		for b.Loop() {
			db := chromem.NewDB()
			c, err := db.CreateCollection("p", nil, f)
			if err != nil {
				b.Fatal(err)
			}
			if err := c.AddDocuments(context.Background(), docs, 2); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// newEmbedder returns an embedder for cfg, with the configuration's
// defaults where cfg leaves values out.
func newEmbedder(t testing.TB, cfg llm.EmbedConfig) *llm.Embedder {
	t.Helper()
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 64
	}
	if cfg.Concurrency == 0 {
		cfg.Concurrency = 4
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	e, err := llm.NewEmbedder(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
