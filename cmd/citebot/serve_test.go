package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/citebot/citebot/bot/llm/llmtest"
)

const (
	extractiveQ = "How many people were killed in the first nine months of 2025?"
	modelQ      = "Why do the Taliban support the TTP?"
)

// serveRun is a `citebot serve` running as main would run it.
type serveRun struct {
	url    string // http://127.0.0.1:PORT
	cfg    string // the configuration file's text
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
}

// serveModel is a fake model server that quotes the corpus, and makes
// follow-ups about a rival standalone.
func serveModel(t testing.TB) *llmtest.Server {
	m := llmtest.New(t)
	m.Chat = func(req llmtest.Request) llmtest.Reply {
		last := req.Messages[len(req.Messages)-1].Content
		switch {
		case strings.Contains(last, "Rewrite the last question"):
			return llmtest.Reply{Chunks: []string{"Who is the main internal rival of the Taliban?"}}
		case strings.Contains(last, "main internal rival of the Taliban?"):
			return llmtest.Reply{Chunks: []string{"Their rival is ", fmt.Sprintf(`"the Islamic State Khorasan Province (ISKP)" [%d].`, req.Ref("ISKP"))}}
		case strings.Contains(last, "ideological ties"):
			return llmtest.Reply{Chunks: []string{"They back it because ", fmt.Sprintf(`"both groups share deep ideological ties" [%d].`, req.Ref("ideological ties"))}}
		}
		return llmtest.Reply{Chunks: []string{"I cannot answer this from the corpus."}}
	}
	return m
}

// serveConfig is a configuration with the test's own data folder, the
// model server when m is not nil, and extra at the end.
func serveConfig(t testing.TB, m *llmtest.Server, extra string) string {
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "data") + "\n"
	if m != nil {
		cfg += fmt.Sprintf("llm:\n  base_url: %s\n  model: test-model\n  max_retries: 1\n  timeout: 5s\n", m.BaseURL())
	}
	return cfg + extra
}

// startServe runs `citebot serve --addr 127.0.0.1:0` with cfg and the
// environment env, and waits until it listens.
func startServe(t testing.TB, cfg string, env map[string]string) *serveRun {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "citebot.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{b: &bytes.Buffer{}, grew: make(chan struct{}, 1)}
	r := &serveRun{cfg: cfg, cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{b: &bytes.Buffer{}}}
	app := &App{Stdin: strings.NewReader(""), Stdout: out, Stderr: r.stderr, Getenv: func(k string) string { return env[k] }}
	go func() { r.done <- app.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--config", path}) }()
	const prefix = "listening on "
	timeout := time.After(30 * time.Second)
	for {
		s := out.String()
		if i := strings.Index(s, prefix); i >= 0 && strings.Contains(s[i:], "\n") {
			r.url = strings.TrimSpace(strings.SplitN(s[i+len(prefix):], "\n", 2)[0])
			break
		}
		select {
		case <-out.grew:
		case code := <-r.done:
			t.Fatalf("citebot serve exited %d: %s", code, r.stderr.String())
		case <-timeout:
			t.Fatalf("citebot serve did not listen within 30 s: %s", r.stderr.String())
		}
	}
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-r.done:
			if code != 0 {
				t.Errorf("citebot serve exited %d: %s", code, r.stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("citebot serve did not stop within 20 s")
		}
	})
	return r
}

// tee keeps a copy of every response body a client reads.
type tee struct {
	mu     sync.Mutex
	bodies []*bytes.Buffer
}

func (tr *tee) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	b := &bytes.Buffer{}
	tr.mu.Lock()
	tr.bodies = append(tr.bodies, b)
	tr.mu.Unlock()
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(resp.Body, b), resp.Body}
	return resp, nil
}

func (tr *tee) last() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.bodies[len(tr.bodies)-1].String()
}

// client is go-openai pointed at the server, its raw responses kept.
func (r *serveRun) client(key string) (*openai.Client, *tee) {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = r.url + "/v1"
	tr := &tee{}
	cfg.HTTPClient = &http.Client{Transport: tr}
	return openai.NewClientWithConfig(cfg), tr
}

type citation struct {
	Ref       int    `json:"ref"`
	PassageID string `json:"passage_id"`
	Source    string `json:"source"`
	LineStart int    `json:"line_start"`
	LineEnd   int    `json:"line_end"`
	Excerpt   string `json:"excerpt"`
	Verified  bool   `json:"verified"`
}

// sseCitations returns the citations of a stream's last chunk, checking
// that it ends with finish_reason stop and [DONE].
func sseCitations(t *testing.T, body string) []citation {
	t.Helper()
	var data []string
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			data = append(data, d)
		}
	}
	if len(data) < 2 || data[len(data)-1] != "[DONE]" {
		t.Fatalf("the stream does not end with [DONE]:\n%s", body)
	}
	var last struct {
		Object  string `json:"object"`
		Choices []struct {
			FinishReason string `json:"finish_reason"`
		} `json:"choices"`
		Citations []citation `json:"citations"`
	}
	if err := json.Unmarshal([]byte(data[len(data)-2]), &last); err != nil {
		t.Fatal(err)
	}
	if last.Object != "chat.completion.chunk" || len(last.Choices) != 1 || last.Choices[0].FinishReason != "stop" {
		t.Errorf("last chunk: %s", data[len(data)-2])
	}
	return last.Citations
}

func checkCited(t *testing.T, content string, cits []citation, excerpt string) {
	t.Helper()
	if len(cits) == 0 {
		t.Fatalf("no citations; content:\n%s", content)
	}
	found := false
	for _, c := range cits {
		if !c.Verified || c.PassageID == "" || c.Source == "" || c.LineStart < 1 {
			t.Errorf("citation %+v: want verified, with a passage and lines", c)
		}
		if !strings.Contains(content, fmt.Sprintf("[%d]", c.Ref)) || !strings.Contains(content, "> "+strings.SplitN(c.Excerpt, "\n", 2)[0]) {
			t.Errorf("content lacks [%d] or its excerpt:\n%s", c.Ref, content)
		}
		found = found || strings.Contains(c.Excerpt, excerpt)
	}
	if !found {
		t.Errorf("no citation quotes %q: %+v", excerpt, cits)
	}
	if !strings.Contains(content, "\n\nSources:\n[1] ") {
		t.Errorf("content has no sources footer:\n%s", content)
	}
}

func TestServeChatCompletionsWithGoOpenAI(t *testing.T) {
	model := serveModel(t)
	for _, c := range []struct {
		name     string
		model    *llmtest.Server
		question string
		excerpt  string
	}{
		{"extractive", nil, extractiveQ, "2025"},
		{"model", model, modelQ, "both groups share deep ideological ties"},
	} {
		srv := startServe(t, serveConfig(t, c.model, ""), nil)
		cl, raw := srv.client("any")
		req := openai.ChatCompletionRequest{Model: "citebot", Messages: []openai.ChatCompletionMessage{
			{Role: "system", Content: "You are helpful."}, {Role: "user", Content: c.question}}}
		t.Run(c.name+"/whole", func(t *testing.T) {
			resp, err := cl.CreateChatCompletion(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Object != "chat.completion" || len(resp.Choices) != 1 || resp.Choices[0].FinishReason != "stop" || resp.Model != "citebot" {
				t.Errorf("response %+v", resp)
			}
			var body struct {
				Citations []citation `json:"citations"`
			}
			if err := json.Unmarshal([]byte(raw.last()), &body); err != nil {
				t.Fatal(err)
			}
			checkCited(t, resp.Choices[0].Message.Content, body.Citations, c.excerpt)
		})
		t.Run(c.name+"/stream", func(t *testing.T) {
			req := req
			req.Stream = true
			st, err := cl.CreateChatCompletionStream(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var content strings.Builder
			chunks := 0
			for {
				resp, err := st.Recv()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				chunks++
				content.WriteString(resp.Choices[0].Delta.Content)
			}
			if chunks < 2 {
				t.Errorf("%d chunks", chunks)
			}
			checkCited(t, content.String(), sseCitations(t, raw.last()), c.excerpt)
		})
	}
}

// TestServeFollowUpFromHistory: earlier messages make a follow-up
// standalone, through the model's rewrite when there is one.
func TestServeFollowUpFromHistory(t *testing.T) {
	model := serveModel(t)
	srv := startServe(t, serveConfig(t, model, ""), nil)
	cl, raw := srv.client("any")
	resp, err := cl.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{Model: "citebot", Messages: []openai.ChatCompletionMessage{
		{Role: "user", Content: modelQ},
		{Role: "assistant", Content: "They back it because \"both groups share deep ideological ties\" [1].\n\nSources:\n[1] x (y:1)\n> both"},
		{Role: "user", Content: "And who is their rival?"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Citations []citation `json:"citations"`
	}
	if err := json.Unmarshal([]byte(raw.last()), &body); err != nil {
		t.Fatal(err)
	}
	checkCited(t, resp.Choices[0].Message.Content, body.Citations, "Islamic State Khorasan Province")
	var rewrite string
	for _, r := range model.Requests() {
		if m := r.Messages[len(r.Messages)-1].Content; strings.Contains(m, "Rewrite the last question") {
			rewrite = m
		}
	}
	if !strings.Contains(rewrite, modelQ) || strings.Contains(rewrite, "Sources:") {
		t.Errorf("the rewrite did not see the history (without the sources footer):\n%s", rewrite)
	}
}

func TestServeModels(t *testing.T) {
	srv := startServe(t, serveConfig(t, nil, ""), nil)
	cl, _ := srv.client("any")
	list, err := cl.ListModels(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Models) != 1 || list.Models[0].ID != "citebot" {
		t.Errorf("models %+v", list.Models)
	}
}

type httpResult struct {
	status int
	header http.Header
	body   string
}

func do(t testing.TB, method, url, contentType, key, body string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return httpResult{resp.StatusCode, resp.Header, string(b)}
}

// openAIError decodes an error in the OpenAI shape, failing on any other.
func openAIError(t *testing.T, r httpResult) (typ, code string) {
	t.Helper()
	var e struct {
		Error *struct {
			Message *string `json:"message"`
			Type    *string `json:"type"`
			Code    *string `json:"code"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.Error == nil || e.Error.Message == nil || e.Error.Type == nil || e.Error.Code == nil || *e.Error.Message == "" {
		t.Fatalf("not an OpenAI error (%v): %s", err, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	return *e.Error.Type, *e.Error.Code
}

func TestServeErrors(t *testing.T) {
	srv := startServe(t, serveConfig(t, nil, "serve:\n  max_body_bytes: 4096\n"), nil)
	chat := srv.url + "/v1/chat/completions"
	long := strings.Repeat("why ", 600)
	for _, c := range []struct {
		name, method, url, ct, body string
		status                      int
		code                        string
	}{
		{"bad JSON", "POST", chat, "application/json", `{"messages": [`, 400, "invalid_json"},
		{"messages not a list", "POST", chat, "application/json", `{"messages": 3}`, 400, "invalid_json"},
		{"no user message", "POST", chat, "application/json", `{"messages": [{"role": "system", "content": "hi"}]}`, 400, "no_user_message"},
		{"empty question", "POST", chat, "application/json", `{"messages": [{"role": "user", "content": "  "}]}`, 400, "empty_question"},
		{"question too long", "POST", chat, "application/json", `{"messages": [{"role": "user", "content": "` + long + `"}]}`, 400, "question_too_long"},
		{"body too large", "POST", chat, "application/json", `{"messages": [{"role": "user", "content": "` + strings.Repeat("a", 5000) + `"}]}`, 413, "request_too_large"},
		{"not JSON", "POST", chat, "text/plain", `{"messages": []}`, 415, "unsupported_media_type"},
		{"no content type", "POST", chat, "", `{"messages": []}`, 415, "unsupported_media_type"},
		{"GET chat", "GET", chat, "", "", 405, "method_not_allowed"},
		{"POST models", "POST", srv.url + "/v1/models", "application/json", "{}", 405, "method_not_allowed"},
		{"unknown path", "GET", srv.url + "/v1/completions", "", "", 404, "not_found"},
		{"unknown API path", "GET", srv.url + "/api/nothing", "", "", 404, "not_found"}, // "/" is the web pages' ask page
		{"unknown passage", "GET", srv.url + "/api/passages/nope", "", "", 404, "passage_not_found"},
		{"ask bad JSON", "POST", srv.url + "/api/ask", "application/json", `{"question": 3}`, 400, "invalid_json"},
		{"ask too long", "POST", srv.url + "/api/ask", "application/json", `{"question": "` + long + `"}`, 400, "question_too_long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, c.method, c.url, c.ct, "", c.body)
			if r.status != c.status {
				t.Errorf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			if _, code := openAIError(t, r); code != c.code {
				t.Errorf("code %q, want %q", code, c.code)
			}
			if c.status == 405 && r.header.Get("Allow") == "" {
				t.Error("no Allow header")
			}
		})
	}
	// go-openai reads the shape too.
	cl, _ := srv.client("any")
	_, err := cl.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{Model: "citebot",
		Messages: []openai.ChatCompletionMessage{{Role: "user", Content: long}}})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 400 || apiErr.Code != "question_too_long" {
		t.Errorf("go-openai got %v", err)
	}
}

func TestServeRateLimit(t *testing.T) {
	srv := startServe(t, serveConfig(t, nil, "serve:\n  rate_per_minute: 1\n  rate_burst: 1\n"), nil)
	body := `{"messages": [{"role": "user", "content": "` + extractiveQ + `"}]}`
	if r := do(t, "POST", srv.url+"/v1/chat/completions", "application/json", "", body); r.status != 200 {
		t.Fatalf("first question: %d %s", r.status, r.body)
	}
	r := do(t, "POST", srv.url+"/v1/chat/completions", "application/json", "", body)
	if r.status != 429 {
		t.Fatalf("second question: %d %s", r.status, r.body)
	}
	if typ, code := openAIError(t, r); typ != "rate_limit_error" || code != "rate_limit_exceeded" {
		t.Errorf("type %q code %q", typ, code)
	}
	if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
}

func TestServeAPIKeys(t *testing.T) {
	cfg := serveConfig(t, nil, "serve:\n  api_keys_env: [CITEBOT_KEY_A, CITEBOT_KEY_B, CITEBOT_KEY_UNSET]\n  rate_burst: 1\n  rate_per_minute: 1\n")
	srv := startServe(t, cfg, map[string]string{"CITEBOT_KEY_A": "secret-a", "CITEBOT_KEY_B": "secret-b"})
	body := `{"messages": [{"role": "user", "content": "` + extractiveQ + `"}]}`
	chat := srv.url + "/v1/chat/completions"
	for _, c := range []struct {
		name, key string
		status    int
	}{
		{"no key", "", 401},
		{"wrong key", "secret-c", 401},
		{"a prefix of a key", "secret", 401},
		{"key A", "secret-a", 200},
		// Limits are per key: A's second question waits, B's first does not.
		{"key A again", "secret-a", 429},
		{"key B", "secret-b", 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, "POST", chat, "application/json", c.key, body)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			if c.status == 401 {
				if _, code := openAIError(t, r); code != "invalid_api_key" {
					t.Errorf("code %q", code)
				}
			}
		})
	}
	if r := do(t, "GET", srv.url+"/v1/models", "", "", ""); r.status != 401 {
		t.Errorf("models without a key: %d", r.status)
	}
	if strings.Contains(srv.stderr.String(), "secret-") {
		t.Error("a key is in the log")
	}
}

func TestServeRefusesOpenAddressWithoutKeys(t *testing.T) {
	cfg := serveConfig(t, nil, "serve:\n  api_keys_env: [CITEBOT_KEY_A]\n")
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "example.com:8080"} {
		t.Run(addr, func(t *testing.T) {
			r := run(t, cfg, "", "serve", "--addr", addr)
			if r.code != 1 || !strings.Contains(r.stderr, "not a loopback address and no API key is set") || !strings.Contains(r.stderr, "CITEBOT_KEY_A") {
				t.Errorf("exit %d: %s", r.code, r.stderr)
			}
		})
	}
}

// TestServeAskIsAskJSON: POST /api/ask answers byte for byte what
// `citebot ask --json` prints; GET /api/passages/{id} what `citebot passage
// --json` prints.
func TestServeAskIsAskJSON(t *testing.T) {
	model := serveModel(t)
	for _, c := range []struct {
		name     string
		model    *llmtest.Server
		question string
	}{
		{"extractive", nil, extractiveQ},
		{"declined", nil, "What is the capital of France?"},
		{"model", model, modelQ},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := serveConfig(t, c.model, "corpus:\n  link: https://example.org/{path}#L{start}-L{end}\n")
			srv := startServe(t, cfg, nil)
			q, _ := json.Marshal(map[string]string{"question": c.question})
			got := do(t, "POST", srv.url+"/api/ask", "application/json", "", string(q))
			want := run(t, cfg, "", "ask", "--json", c.question)
			if got.status != 200 || want.code != 0 {
				t.Fatalf("api %d %s; cli %d %s", got.status, got.body, want.code, want.stderr)
			}
			if got.body != want.stdout {
				t.Errorf("/api/ask differs from ask --json:\n--- api ---\n%s\n--- cli ---\n%s", got.body, want.stdout)
			}
			var a struct {
				Citations []citation `json:"citations"`
			}
			json.Unmarshal([]byte(got.body), &a)
			for _, cit := range a.Citations {
				got := do(t, "GET", srv.url+"/api/passages/"+cit.PassageID, "", "", "")
				want := run(t, cfg, "", "passage", "--json", cit.PassageID)
				if got.status != 200 || got.body != want.stdout {
					t.Errorf("/api/passages/%s: %d\n%s\nwant\n%s", cit.PassageID, got.status, got.body, want.stdout)
				}
			}
		})
	}
}
