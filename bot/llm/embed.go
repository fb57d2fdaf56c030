package llm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// EmbedConfig says which server and model embed texts, and how.
type EmbedConfig struct {
	BaseURL     string // including /v1
	Model       string
	APIKey      string // empty sends no Authorization header
	BatchSize   int    // texts per request
	Concurrency int    // requests in flight
	MaxRetries  int
	Backoff     time.Duration
	Timeout     time.Duration // per request
}

// Embedder embeds texts with an OpenAI-compatible /v1/embeddings endpoint,
// many texts per request and several requests at once, and normalises the
// vectors. It satisfies retrieval.Embedder and is safe for concurrent use.
type Embedder struct {
	cfg      EmbedConfig
	api      *openai.Client
	dims     atomic.Int64
	progress atomic.Pointer[func(done, total int)]
}

// NewEmbedder returns an embedder; httpClient nil means a plain
// http.Client. Every value but the key and MaxRetries is required.
func NewEmbedder(cfg EmbedConfig, httpClient *http.Client) (*Embedder, error) {
	switch {
	case cfg.BaseURL == "" || cfg.Model == "":
		return nil, errors.New("llm: the embedder needs a base URL and a model")
	case cfg.BatchSize <= 0 || cfg.Concurrency <= 0:
		return nil, fmt.Errorf("llm: embedder batches of %d, %d at once: both must be positive", cfg.BatchSize, cfg.Concurrency)
	case cfg.Backoff <= 0 || cfg.Timeout <= 0 || cfg.MaxRetries < 0:
		return nil, fmt.Errorf("llm: embedder backoff %v, timeout %v, %d retries: want > 0, > 0, ≥ 0", cfg.Backoff, cfg.Timeout, cfg.MaxRetries)
	}
	return &Embedder{cfg: cfg, api: newAPI(cfg.BaseURL, cfg.APIKey, httpClient)}, nil
}

// EmbedderID names the model behind an embedder configuration: the server's
// host and path and the model, so that another model or server rebuilds the
// index.
func EmbedderID(baseURL, model string) string {
	host := baseURL
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		host = u.Host + strings.TrimRight(u.Path, "/")
	}
	return "openai:" + host + ":" + model
}

// ID names the embedding model.
func (e *Embedder) ID() string { return EmbedderID(e.cfg.BaseURL, e.cfg.Model) }

// Dims is the vector length the server returned; 0 before the first call.
func (e *Embedder) Dims() int { return int(e.dims.Load()) }

// SetProgress sets a function told how many texts of a call are embedded.
func (e *Embedder) SetProgress(f func(done, total int)) { e.progress.Store(&f) }

// Embed returns one unit vector per text.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, e.cfg.Concurrency)
	var wg sync.WaitGroup
	var done atomic.Int64
	report := func(n int) {
		if p := e.progress.Load(); p != nil && *p != nil {
			(*p)(int(done.Add(int64(n))), len(texts))
		}
	}
	for lo := 0; lo < len(texts); lo += e.cfg.BatchSize {
		hi := min(lo+e.cfg.BatchSize, len(texts))
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			vecs, err := e.batch(ctx, texts[lo:hi])
			if err != nil {
				cancel(fmt.Errorf("embed texts %d–%d of %d: %w", lo+1, hi, len(texts), err))
				return
			}
			copy(out[lo:hi], vecs)
			report(hi - lo)
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// batch embeds texts in one request, retrying what may succeed later.
func (e *Embedder) batch(ctx context.Context, texts []string) ([][]float32, error) {
	var resp openai.EmbeddingResponse
	err := retry(ctx, e.cfg.MaxRetries, e.cfg.Backoff, func() (bool, error) {
		rctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
		defer cancel()
		var err error
		resp, err = e.api.CreateEmbeddings(rctx, openai.EmbeddingRequestStrings{Input: texts, Model: openai.EmbeddingModel(e.cfg.Model)})
		if err != nil {
			return false, classify(rctx, err)
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if len(resp.Data) != len(texts) {
		return nil, &Error{Kind: KindBadResponse, Detail: fmt.Sprintf("%d vectors for %d texts", len(resp.Data), len(texts))}
	}
	out := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) || out[d.Index] != nil {
			return nil, &Error{Kind: KindBadResponse, Detail: fmt.Sprintf("bad vector index %d", d.Index)}
		}
		if len(d.Embedding) == 0 {
			return nil, &Error{Kind: KindBadResponse, Detail: "empty vector"}
		}
		if !e.dims.CompareAndSwap(0, int64(len(d.Embedding))) && e.dims.Load() != int64(len(d.Embedding)) {
			return nil, &Error{Kind: KindBadResponse, Detail: fmt.Sprintf("vector of %d dimensions, earlier ones had %d", len(d.Embedding), e.dims.Load())}
		}
		v, err := normalized(d.Embedding)
		if err != nil {
			return nil, err
		}
		out[d.Index] = v
	}
	return out, nil
}

// normalized returns v scaled to unit length.
func normalized(v []float32) ([]float32, error) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return nil, &Error{Kind: KindBadResponse, Detail: "a vector of zeros or NaN"}
	}
	inv := 1 / math.Sqrt(sum)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out, nil
}
