package llm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
)

func client(t testing.TB, srv *llmtest.Server, mod func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.Config{BaseURL: srv.BaseURL(), Model: "m", Stream: true, MaxRetries: 2, Backoff: time.Millisecond, Timeout: 5 * time.Second,
		MaxOutputBytes: 64 << 10}
	if mod != nil {
		mod(&cfg)
	}
	c, err := llm.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func collect(t *testing.T, c *llm.Client) (llm.Result, string, int, error) {
	t.Helper()
	var shown strings.Builder
	resets := 0
	res, err := c.Complete(t.Context(), []llm.Message{{Role: "system", Content: "s"}, {Role: "user", Content: "q"}}, func(ch llm.Chunk) error {
		if ch.Reset {
			resets++
			shown.Reset()
		}
		shown.WriteString(ch.Text)
		return nil
	})
	return res, shown.String(), resets, err
}

func TestOpenAIStyle(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{"The Taliban ", "support the TTP ", "[1]."}, Model: "gpt-x"}
	}
	zero := 0.0
	c := client(t, srv, func(c *llm.Config) { c.APIKey = "sk-test"; c.Temperature = &zero; c.MaxTokens = 300 })
	res, shown, _, err := collect(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "The Taliban support the TTP [1]." || shown != res.Text || res.Model != "gpt-x" || res.Truncated {
		t.Errorf("result %+v, shown %q", res, shown)
	}
	req := srv.Requests()[0]
	if got := req.Header.Get("Authorization"); got != "Bearer sk-test" {
		t.Errorf("Authorization = %q", got)
	}
	if req.Body["max_tokens"] != 300.0 || req.Body["max_completion_tokens"] != nil || req.Body["model"] != "m" || !req.Stream {
		t.Errorf("body %v", req.Body)
	}
	if temp, ok := req.Body["temperature"].(float64); !ok || temp > 1e-30 {
		t.Errorf("temperature 0 not sent: %v", req.Body["temperature"])
	}
	if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[1].Content != "q" {
		t.Errorf("messages %+v", req.Messages)
	}
}

func TestOllamaStyle(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Status: 404, Body: `{"error":"model \"llama9\" not found, try pulling it first"}`}
	}
	_, _, _, err := collect(t, client(t, srv, nil))
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindRequest || le.Status != 404 || !strings.Contains(le.Detail, `model "llama9" not found`) {
		t.Errorf("err = %v", err)
	}
	if h := srv.Requests()[0].Header.Get("Authorization"); h != "" {
		t.Errorf("Authorization sent without a key: %q", h)
	}
	if len(srv.Requests()) != 1 {
		t.Errorf("a 404 was retried")
	}
}

// TestErrorDetailIsShortAndOnOneLine: a long server message is kept to
// one line of at most 200 characters, cut at a word.
func TestErrorDetailIsShortAndOnOneLine(t *testing.T) {
	srv := llmtest.New(t)
	msg := strings.Repeat("model  not\\nfound ", 40)
	srv.Chat = func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Status: 404, Body: `{"error":"` + msg + `"}`}
	}
	_, _, _, err := collect(t, client(t, srv, nil))
	var le *llm.Error
	if !errors.As(err, &le) {
		t.Fatalf("err = %v", err)
	}
	d := le.Detail
	if n := utf8.RuneCountInString(d); n > 200 || n < 150 || !strings.HasSuffix(d, "…") ||
		strings.ContainsAny(d, "\n") || strings.Contains(d, "  ") || strings.HasSuffix(d, "foun…") {
		t.Errorf("detail (%d characters) %q", utf8.RuneCountInString(d), d)
	}
}

func TestReasoningNeverShown(t *testing.T) {
	cases := map[string]struct {
		reply  llmtest.Reply
		want   string
		resets int
	}{
		"llama.cpp inline think split over chunks": {
			llmtest.Reply{Chunks: []string{"<thi", "nk>Let me think about [2] \"fake\"</th", "ink>\n\nAnswer [1]", "."}}, "Answer [1].", 0},
		"lone closing tag": {
			llmtest.Reply{Chunks: []string{"The user asks", " about X [3].", "</think>", "Real answer [1]."}}, "Real answer [1].", 1},
		"vLLM reasoning_content": {
			llmtest.Reply{Reasoning: []string{"secret ", "plan"}, Chunks: []string{"Answer [1]."}}, "Answer [1].", 0},
		"reasoning field": {
			llmtest.Reply{Reasoning: []string{"secret"}, ReasoningField: true, Chunks: []string{"Answer [1]."}}, "Answer [1].", 0},
		"tag-like text kept": {
			llmtest.Reply{Chunks: []string{"a < b and <thing> [1]", "<"}}, "a < b and <thing> [1]<", 0},
	}
	for name, c := range cases {
		for _, stream := range []bool{true, false} {
			t.Run(name+map[bool]string{true: " streamed", false: " whole"}[stream], func(t *testing.T) {
				srv := llmtest.New(t)
				srv.Chat = func(llmtest.Request) llmtest.Reply { return c.reply }
				res, shown, resets, err := collect(t, client(t, srv, func(cfg *llm.Config) { cfg.Stream = stream }))
				if err != nil {
					t.Fatal(err)
				}
				if res.Text != c.want || strings.TrimSpace(shown) != c.want {
					t.Errorf("text %q, shown %q, want %q", res.Text, shown, c.want)
				}
				if stream && resets != c.resets {
					t.Errorf("resets = %d, want %d", resets, c.resets)
				}
			})
		}
	}
}

func TestFaults(t *testing.T) {
	type want struct {
		kind     llm.Kind
		ok       bool
		text     string
		requests int
	}
	cases := map[string]struct {
		replies []llmtest.Reply // one per request; the last repeats
		mod     func(*llm.Config)
		want    want
	}{
		"429 then success":  {[]llmtest.Reply{{Status: 429}, {Chunks: []string{"fine"}}}, nil, want{ok: true, text: "fine", requests: 2}},
		"503 every time":    {[]llmtest.Reply{{Status: 503}}, nil, want{kind: llm.KindServer, requests: 3}},
		"HTML error page":   {[]llmtest.Reply{{Status: 502, Body: "<html><head><title>502 Bad Gateway</title></head></html>"}}, nil, want{kind: llm.KindServer, requests: 3}},
		"401":               {[]llmtest.Reply{{Status: 401}}, nil, want{kind: llm.KindAuth, requests: 1}},
		"malformed JSON":    {[]llmtest.Reply{{Body: `{"choices": [not json`}}, func(c *llm.Config) { c.Stream = false }, want{kind: llm.KindBadResponse, requests: 1}},
		"mid-stream error":  {[]llmtest.Reply{{Chunks: []string{"part one ", "part two"}, ErrorAfter: 1}}, nil, want{kind: llm.KindServer, text: "part one", requests: 1}},
		"connection cut":    {[]llmtest.Reply{{Chunks: []string{"part one ", "part two"}, CutAfter: 1}}, nil, want{kind: llm.KindBadResponse, text: "part one", requests: 1}},
		"empty stream":      {[]llmtest.Reply{{Chunks: nil}}, nil, want{kind: llm.KindBadResponse, requests: 1}},
		"only reasoning":    {[]llmtest.Reply{{Chunks: []string{"<think>hmm"}}}, nil, want{kind: llm.KindBadResponse, requests: 1}},
		"no [DONE]":         {[]llmtest.Reply{{Chunks: []string{"done anyway"}, NoDone: true}}, nil, want{ok: true, text: "done anyway", requests: 1}},
		"no finish_reason":  {[]llmtest.Reply{{Chunks: []string{"x"}, FinishReason: "-"}}, nil, want{ok: true, text: "x", requests: 1}},
		"odd finish_reason": {[]llmtest.Reply{{Chunks: []string{"x"}, FinishReason: "eos_token"}}, nil, want{ok: true, text: "x", requests: 1}},
		"timeout":           {[]llmtest.Reply{{Delay: 2 * time.Second, Chunks: []string{"late"}}}, func(c *llm.Config) { c.Timeout = 100 * time.Millisecond }, want{kind: llm.KindTimeout, requests: 1}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			n := 0
			srv.Chat = func(llmtest.Request) llmtest.Reply {
				r := c.replies[min(n, len(c.replies)-1)]
				n++
				return r
			}
			res, _, _, err := collect(t, client(t, srv, c.mod))
			if c.want.ok {
				if err != nil || res.Text != c.want.text {
					t.Errorf("res %+v err %v", res, err)
				}
			} else {
				var le *llm.Error
				if !errors.As(err, &le) || le.Kind != c.want.kind {
					t.Errorf("err = %v (%T), want kind %d", err, err, c.want.kind)
				}
				if res.Text != c.want.text {
					t.Errorf("partial text %q, want %q", res.Text, c.want.text)
				}
			}
			if got := len(srv.Requests()); got != c.want.requests {
				t.Errorf("%d requests, want %d", got, c.want.requests)
			}
		})
	}
}

func TestTruncatedAnswer(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{"cut off mid"}, FinishReason: "length"}
	}
	res, _, _, err := collect(t, client(t, srv, nil))
	if err != nil || !res.Truncated {
		t.Errorf("res %+v err %v", res, err)
	}
}

func TestConnectionRefused(t *testing.T) {
	srv := llmtest.New(t)
	url := srv.BaseURL()
	srv.Close()
	c, err := llm.New(llm.Config{BaseURL: url, Model: "m", Stream: true, MaxRetries: 1, Backoff: time.Millisecond, MaxOutputBytes: 64 << 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Complete(t.Context(), []llm.Message{{Role: "user", Content: "q"}}, nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindUnavailable {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "model server unreachable") {
		t.Errorf("message %q", err)
	}
}

func TestCallbackErrorStopsStream(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{"a", "b", "c"}} }
	stop := errors.New("stop")
	calls := 0
	_, err := client(t, srv, nil).Complete(t.Context(), []llm.Message{{Role: "user", Content: "q"}}, func(llm.Chunk) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("err %v after %d calls", err, calls)
	}
}

func TestCanceled(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Delay: time.Second, Chunks: []string{"x"}} }
	ctx, cancel := context.WithCancel(t.Context())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	_, err := client(t, srv, nil).Complete(ctx, []llm.Message{{Role: "user", Content: "q"}}, nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindCanceled {
		t.Errorf("err = %v", err)
	}
}

// TestIncompleteAnswers: an answer is marked truncated, with the reason,
// when the server stopped at its limit, when the client stopped reading at
// MaxOutputBytes, and when a stream ended with neither [DONE] nor a
// finish reason (the server died mid-answer).
func TestIncompleteAnswers(t *testing.T) {
	cases := map[string]struct {
		reply  llmtest.Reply
		mod    func(*llm.Config)
		text   string
		cut    string
		stream bool
	}{
		"complete":                    {reply: llmtest.Reply{Chunks: []string{"all ", "here"}}, text: "all here", stream: true},
		"no [DONE], finish reason":    {reply: llmtest.Reply{Chunks: []string{"all ", "here"}, NoDone: true}, text: "all here", stream: true},
		"[DONE], no finish reason":    {reply: llmtest.Reply{Chunks: []string{"all ", "here"}, FinishReason: "-"}, text: "all here", stream: true},
		"no [DONE], no finish reason": {reply: llmtest.Reply{Chunks: []string{"cut mid ", "sent"}, NoDone: true, FinishReason: "-"}, text: "cut mid sent", cut: llm.CutEnded, stream: true},
		"length":                      {reply: llmtest.Reply{Chunks: []string{"cut"}, FinishReason: "length"}, text: "cut", cut: llm.CutLength, stream: true},
		"output cap streamed": {reply: llmtest.Reply{Chunks: []string{"0123456789", "abcdéfgh", strings.Repeat("x", 1000)}},
			mod: func(c *llm.Config) { c.MaxOutputBytes = 15 }, text: "0123456789abcd", cut: llm.CutOutputCap, stream: true},
		"output cap whole": {reply: llmtest.Reply{Chunks: []string{"0123456789", "abcdéfgh"}},
			mod: func(c *llm.Config) { c.MaxOutputBytes = 15 }, text: "0123456789abcd", cut: llm.CutOutputCap},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Chat = func(llmtest.Request) llmtest.Reply { return c.reply }
			res, shown, _, err := collect(t, client(t, srv, func(cfg *llm.Config) {
				cfg.Stream = c.stream
				if c.mod != nil {
					c.mod(cfg)
				}
			}))
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != c.text || (c.stream && shown != c.text) {
				t.Errorf("text %q shown %q, want %q", res.Text, shown, c.text)
			}
			if res.Cut != c.cut || res.Truncated != (c.cut != "") {
				t.Errorf("truncated %v cut %q, want %q", res.Truncated, res.Cut, c.cut)
			}
		})
	}
}

// TestRetryAfter: a 429 or 503 with Retry-After (seconds or a date) is
// retried no sooner than asked, and fails at once, as rate limiting, when
// the wait would pass the deadline.
func TestRetryAfter(t *testing.T) {
	cases := map[string]struct {
		first    llmtest.Reply
		ok       bool
		minWait  time.Duration
		maxWait  time.Duration
		requests int
	}{
		"429 seconds":       {first: llmtest.Reply{Status: 429, Header: map[string]string{"Retry-After": "1"}}, ok: true, minWait: 900 * time.Millisecond, maxWait: 4 * time.Second, requests: 2},
		"503 seconds":       {first: llmtest.Reply{Status: 503, Header: map[string]string{"Retry-After": "1"}}, ok: true, minWait: 900 * time.Millisecond, maxWait: 4 * time.Second, requests: 2},
		"429 past deadline": {first: llmtest.Reply{Status: 429, Header: map[string]string{"Retry-After": "30"}}, maxWait: time.Second, requests: 1},
		"503 date past deadline": {first: llmtest.Reply{Status: 503, Header: map[string]string{"Retry-After": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}},
			maxWait: time.Second, requests: 1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			n := 0
			srv.Chat = func(llmtest.Request) llmtest.Reply {
				n++
				if n == 1 {
					return c.first
				}
				return llmtest.Reply{Chunks: []string{"fine"}}
			}
			start := time.Now()
			res, _, _, err := collect(t, client(t, srv, nil))
			took := time.Since(start)
			if c.ok {
				if err != nil || res.Text != "fine" {
					t.Errorf("res %+v err %v", res, err)
				}
			} else {
				var le *llm.Error
				if !errors.As(err, &le) || le.Kind != llm.KindRateLimited {
					t.Errorf("err = %v, want rate limiting", err)
				}
			}
			if took < c.minWait || took > c.maxWait {
				t.Errorf("took %v, want %v–%v", took, c.minWait, c.maxWait)
			}
			if got := len(srv.Requests()); got != c.requests {
				t.Errorf("%d requests, want %d", got, c.requests)
			}
		})
	}
}

// TestErrorClassHidesServerText: the class shown to users never holds what
// the server said (a 401 body can hold part of the key and an account).
func TestErrorClassHidesServerText(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Status: 401, Body: `{"error":{"message":"Incorrect API key provided: sk-abc***xyz for account acme-corp"}}`}
	}
	_, _, _, err := collect(t, client(t, srv, nil))
	var le *llm.Error
	if !errors.As(err, &le) || le.Class() != "the model server refused the key" {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "acme-corp") {
		t.Errorf("the detail is lost for the logs: %v", err)
	}
}

// TestConstructorsRejectMissingValues: the configuration owns the defaults;
// the constructors take values as given.
func TestConstructorsRejectMissingValues(t *testing.T) {
	good := llm.Config{BaseURL: "http://127.0.0.1:1/v1", Model: "m", Backoff: time.Millisecond, MaxOutputBytes: 1024}
	for _, tc := range []struct {
		name   string
		change func(*llm.Config)
		ok     bool
	}{
		{"valid", func(*llm.Config) {}, true},
		{"no base URL", func(c *llm.Config) { c.BaseURL = "" }, false},
		{"no backoff", func(c *llm.Config) { c.Backoff = 0 }, false},
		{"no output cap", func(c *llm.Config) { c.MaxOutputBytes = 0 }, false},
		{"negative retries", func(c *llm.Config) { c.MaxRetries = -1 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.change(&cfg)
			if _, err := llm.New(cfg, nil); (err == nil) != tc.ok {
				t.Errorf("New: %v", err)
			}
		})
	}
	egood := llm.EmbedConfig{BaseURL: "http://127.0.0.1:1/v1", Model: "m", BatchSize: 8, Concurrency: 2, Backoff: time.Millisecond, Timeout: time.Second}
	for _, tc := range []struct {
		name   string
		change func(*llm.EmbedConfig)
		ok     bool
	}{
		{"valid", func(*llm.EmbedConfig) {}, true},
		{"no batch size", func(c *llm.EmbedConfig) { c.BatchSize = 0 }, false},
		{"no concurrency", func(c *llm.EmbedConfig) { c.Concurrency = 0 }, false},
		{"no timeout", func(c *llm.EmbedConfig) { c.Timeout = 0 }, false},
	} {
		t.Run("embedder/"+tc.name, func(t *testing.T) {
			cfg := egood
			tc.change(&cfg)
			if _, err := llm.NewEmbedder(cfg, nil); (err == nil) != tc.ok {
				t.Errorf("NewEmbedder: %v", err)
			}
		})
	}
}
