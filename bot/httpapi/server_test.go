package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

const modelQ = "Why do the Taliban support the TTP?"

// quotingModel is a fake model server that answers every question with a
// verbatim quotation of the seed corpus, cited; quote false answers
// without a quotation or a citation.
func quotingModel(t testing.TB, quote bool) *llmtest.Server {
	m := llmtest.New(t)
	m.Chat = func(req llmtest.Request) llmtest.Reply {
		if !quote {
			return llmtest.Reply{Chunks: []string{"They back it for reasons of their own."}}
		}
		return llmtest.Reply{Chunks: []string{"They back it because ",
			fmt.Sprintf(`"both groups share deep ideological ties" [%d].`, req.Ref("ideological ties"))}}
	}
	return m
}

// apiServer is the API on a real HTTP server on 127.0.0.1, answering
// from the seed corpus with model and the audit journal on.
type apiServer struct {
	url  string
	desk *serve.Desk
}

// serverLimits are a desk's limits for tests; the benchmark raises them.
var serverLimits = serve.Config{
	RatePerMinute: 30, RateBurst: 10, MaxConcurrent: 16, QueueSize: 64,
	EditInterval: 50 * time.Millisecond, AnswerTimeout: time.Minute, ShutdownTimeout: 5 * time.Second,
}

// apiOptions are how a test server differs from the default.
type apiOptions struct {
	limits serve.Config // zero: serverLimits
	keys   []Key        // none: no key is asked for
	// wrap, when set, wraps the API's handler (to alter its responses).
	wrap func(http.Handler) http.Handler
}

// startAPI serves the API until the test ends.
func startAPI(t testing.TB, model *llmtest.Server, o apiOptions) *apiServer {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: model.BaseURL(), Model: "test-model", Timeout: 10 * time.Second,
		Stream: true, MaxRetries: 1, Backoff: 10 * time.Millisecond, MaxOutputBytes: 64 << 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix := retrievaltest.SeedIndex(t)
	p, err := bot.NewPipeline(ix, bot.Options{TopK: 3, Model: c.ChatModel(), ModelTopK: 5,
		MaxContextChars: 12000, ModelMinCoverage: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	alog, err := audit.Open(context.Background(), filepath.Join(t.TempDir(), "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { alog.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	core, err := serve.NewCore(serve.Deps{Engine: serve.Engine{Pipeline: p, Index: ix}, Journal: audit.Journal{Log: alog}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	if o.limits == (serve.Config{}) {
		o.limits = serverLimits
	}
	desk, err := serve.New(o.limits, core)
	if err != nil {
		t.Fatal(err)
	}
	api, err := New(Config{Keys: o.keys, MaxBodyBytes: 256 << 10}, Deps{Desk: desk, Log: log,
		Passage: func(id string) (any, bool) { return nil, false }})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	deskDone := make(chan error, 1)
	go func() { deskDone <- desk.Serve(ctx) }()
	var h http.Handler = api
	if o.wrap != nil {
		h = o.wrap(api)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		sctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		if err := srv.Shutdown(sctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		cancel()
		if err := <-deskDone; err != nil {
			t.Errorf("desk: %v", err)
		}
	})
	return &apiServer{url: "http://" + ln.Addr().String(), desk: desk}
}
