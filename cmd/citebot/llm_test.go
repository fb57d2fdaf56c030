package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/llm/llmtest"
)

// refOf returns the number the prompt gave the passage holding needle.
func refOf(t *testing.T, req llmtest.Request, needle string) int {
	t.Helper()
	n := req.Ref(needle)
	if n == 0 {
		t.Errorf("no passage in the prompt holds %q", needle)
	}
	return n
}

func llmConfig(t *testing.T, srv *llmtest.Server, extra string) string {
	if !strings.Contains(extra, "timeout:") {
		extra += "  timeout: 5s\n"
	}
	return fmt.Sprintf("data_dir: %s\nllm:\n  base_url: %s\n  model: test-model\n  max_retries: 1\n%s",
		filepath.Join(t.TempDir(), "data"), srv.BaseURL(), extra)
}

func askJSON(t *testing.T, cfg, q string) map[string]any {
	t.Helper()
	r := run(t, cfg, "", "ask", "--json", q)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	return m
}

func TestAskWithModel(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		n := refOf(t, req, "ideological ties")
		return llmtest.Reply{Chunks: []string{
			"They back it for three reasons: ",
			fmt.Sprintf(`"both groups share deep ideological ties" [%d], `, n),
			fmt.Sprintf(`leverage against Pakistan [%d], and a force against ISKP [%d][9].`, n, n),
		}}
	}
	cfg := llmConfig(t, srv, "")
	m := askJSON(t, cfg, "Why do the Taliban support the TTP?")
	if m["mode"] != "llm" || m["model"] != "test-model" || m["declined"] != false {
		t.Errorf("answer %v", m)
	}
	text := m["answer"].(string)
	if strings.Contains(text, "[9]") {
		t.Errorf("out-of-range marker kept: %q", text)
	}
	cits := m["citations"].([]any)
	c := cits[0].(map[string]any)
	if c["excerpt"] != "both groups share deep ideological ties" || c["verified"] != true || c["line_start"] != 6.0 {
		t.Errorf("citation %v", c)
	}
	// Text output streams the answer, then the sources.
	r := run(t, cfg, "", "ask", "Why do the Taliban support the TTP?")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "They back it for three reasons: \"both groups") ||
		!strings.Contains(r.stdout, "Sources:") || !strings.Contains(r.stdout, "> both groups share deep ideological ties") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	req := srv.Requests()[0]
	if req.Messages[0].Role != "system" || !strings.Contains(req.Messages[0].Content, "cite") || req.Header.Get("Authorization") != "" {
		t.Errorf("request %+v", req)
	}
}

func TestModelQuoteNotInCorpusIsNeverAQuote(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		n := refOf(t, req, "ideological ties")
		return llmtest.Reply{Chunks: []string{fmt.Sprintf(`The report says "the Taliban secretly love Pakistan" [%d] and "both groups share deep ideological ties" [%d].`, n, n)}}
	}
	cfg := llmConfig(t, srv, "")
	m := askJSON(t, cfg, "Why do the Taliban support the TTP?")
	text := m["answer"].(string)
	if strings.Contains(text, `"the Taliban secretly love Pakistan"`) || !strings.Contains(text, "the Taliban secretly love Pakistan (unverified)") {
		t.Errorf("fabricated quote shown as a quote: %q", text)
	}
	var sawFalse bool
	for _, ci := range m["citations"].([]any) {
		c := ci.(map[string]any)
		if c["excerpt"] == "the Taliban secretly love Pakistan" {
			sawFalse = true
			if c["verified"] != false {
				t.Errorf("fabricated excerpt verified: %v", c)
			}
		}
	}
	if !sawFalse {
		t.Error("fabricated quote missing from citations with verified: false")
	}
	r := run(t, cfg, "", "ask", "Why do the Taliban support the TTP?")
	if strings.Contains(r.stdout, "> the Taliban secretly love Pakistan") || !strings.Contains(r.stdout, "could not be found in the corpus") {
		t.Errorf("text output:\n%s", r.stdout)
	}
}

func TestModelFailureFallsBackToExcerpts(t *testing.T) {
	for name, rep := range map[string]llmtest.Reply{
		"server error":    {Status: 500},
		"garbage":         {Chunks: []string{"no citations at all here"}},
		"empty":           {Chunks: nil},
		"slow":            {Delay: 3 * time.Second},
		"mid-stream fail": {Chunks: []string{"Partial ", "answer"}, ErrorAfter: 1},
	} {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Chat = func(llmtest.Request) llmtest.Reply { return rep }
			cfg := llmConfig(t, srv, "  timeout: 500ms\n")
			m := askJSON(t, cfg, "Why do the Taliban support the TTP?")
			if m["mode"] != "extractive" || !strings.Contains(m["note"].(string), "The model could not answer") || len(m["citations"].([]any)) == 0 {
				t.Errorf("answer %v", m)
			}
			r := run(t, cfg, "", "ask", "Why do the Taliban support the TTP?")
			if r.code != 0 || !strings.Contains(r.stdout, "(The model could not answer") || !strings.Contains(r.stdout, "three main reasons") {
				t.Errorf("exit %d\n%s", r.code, r.stdout)
			}
		})
	}
	srv := llmtest.New(t)
	url := srv.BaseURL()
	srv.Close()
	cfg := fmt.Sprintf("data_dir: %s\nllm:\n  base_url: %s\n  model: m\n  max_retries: 0\n", filepath.Join(t.TempDir(), "d"), url)
	m := askJSON(t, cfg, "Why do the Taliban support the TTP?")
	if !strings.Contains(m["note"].(string), "unreachable") {
		t.Errorf("note %q", m["note"])
	}
}

func TestModelDeclines(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{"<think>not in there</think>", "I cannot answer this from the corpus."}}
	}
	m := askJSON(t, llmConfig(t, srv, ""), "What did the IRS brief say about the population of Pakistan?")
	if m["declined"] != true || m["mode"] != "llm" || len(m["citations"].([]any)) != 0 {
		t.Errorf("answer %v", m)
	}
	// Far off-topic questions are declined without asking the model.
	before := len(srv.Requests())
	m = askJSON(t, llmConfig(t, srv, ""), "How do I bake sourdough bread?")
	if m["declined"] != true || len(srv.Requests()) != before {
		t.Errorf("off-topic question: %v, %d requests", m, len(srv.Requests())-before)
	}
	// llm.min_coverage: 0 hands even that question to the model.
	before = len(srv.Requests())
	m = askJSON(t, llmConfig(t, srv, "  min_coverage: 0\n"), "How do I bake sourdough bread?")
	if m["declined"] != true || len(srv.Requests()) == before {
		t.Errorf("off-topic question with llm.min_coverage 0: %v, %d requests", m, len(srv.Requests())-before)
	}
}

func TestModelConfigErrors(t *testing.T) {
	for _, c := range []struct{ cfg, msg string }{
		{"llm:\n  base_url: http://127.0.0.1:1/v1\n", "llm.model is required"},
		{"llm:\n  base_url: localhost:11434\n  model: m\n", "is not an http(s) URL"},
		{"llm:\n  base_url: http://127.0.0.1:1/v1\n  model: m\n  api_key_env: CITEBOT_TEST_NO_SUCH_KEY\n", "CITEBOT_TEST_NO_SUCH_KEY, which is not set"},
		{"llm:\n  base_url: http://127.0.0.1:1/v1\n  model: m\n  temperature: 7\n", "llm.temperature"},
		{"llm:\n  base_url: http://127.0.0.1:1/v1\n  model: m\n  min_coverage: 1.5\n", "llm.min_coverage must be between 0 and 1"},
	} {
		t.Run(c.msg, func(t *testing.T) {
			r := run(t, c.cfg, "", "ask", "Why do the Taliban support the TTP?")
			if r.code != 1 || !strings.Contains(r.stderr, c.msg) {
				t.Errorf("%q: exit %d, %s", c.cfg, r.code, r.stderr)
			}
		})
	}
}

func TestRemoteEmbedder(t *testing.T) {
	srv := llmtest.New(t)
	srv.EmbedDims = 32
	data := filepath.Join(t.TempDir(), "data")
	cfg := func(model string) string {
		return fmt.Sprintf("data_dir: %s\nembedder:\n  kind: openai\n  base_url: %s\n  model: %s\n  batch_size: 5\n", data, srv.BaseURL(), model)
	}
	r := run(t, cfg("embed-a"), "", "index")
	if r.code != 0 || !strings.Contains(r.stdout, "openai:") || !strings.Contains(r.stdout, "(32 dimensions)") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	b := srv.EmbedBatches()
	slices.Sort(b)
	if len(b) != 4 || !slices.Equal(b, []int{3, 5, 5, 5}) {
		t.Errorf("batches %v, want 18 passages in batches of 5", b)
	}
	m := askJSON(t, cfg("embed-a"), "Why do the Taliban support the TTP?")
	if m["declined"] != false || len(m["citations"].([]any)) == 0 {
		t.Errorf("answer %v", m)
	}
	r = run(t, cfg("embed-b"), "", "index")
	if !strings.Contains(r.stdout, "index built (embedder changed") {
		t.Errorf("new model did not rebuild:\n%s", r.stdout)
	}
	// The embeddings server fails at question time: word matching answers.
	srv.EmbedFail = func(int) int { return 500 }
	m = askJSON(t, cfg("embed-b"), "Why do the Taliban support the TTP?")
	if m["declined"] != false || !strings.HasPrefix(fmt.Sprint(m["note"]), "The vector search was unavailable (") {
		t.Errorf("degraded answer %v", m)
	}
	// The server starts returning vectors of another length: word matching
	// answers, with a note, instead of every ask failing.
	srv.EmbedFail = nil
	srv.EmbedDims = 48
	m = askJSON(t, cfg("embed-b"), "Why do the Taliban support the TTP?")
	if m["declined"] != false || !strings.Contains(fmt.Sprint(m["note"]), "a vector of 48 dimensions, the index holds 32") {
		t.Errorf("answer after a change of vector length %v", m)
	}
	r = run(t, fmt.Sprintf("data_dir: %s\nembedder:\n  kind: openai\n  model: m\n", data), "", "index")
	if r.code != 1 || !strings.Contains(r.stderr, "embedder.base_url is required") {
		t.Errorf("missing base_url: %s", r.stderr)
	}
}

func TestModelOutputCapFromConfig(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		n := refOf(t, req, "ideological ties")
		return llmtest.Reply{Chunks: []string{
			fmt.Sprintf(`"both groups share deep ideological ties" [%d]. `, n),
			strings.Repeat("And more words about it. ", 400), // ~10 KB
		}}
	}
	m := askJSON(t, llmConfig(t, srv, "  max_output_bytes: 2048\n"), "Why do the Taliban support the TTP?")
	if m["mode"] != "llm" || m["truncated"] != true || len(m["answer"].(string)) > 2100 {
		t.Errorf("answer of %d bytes, truncated %v, mode %v; want at most the 2048-byte cap, marked truncated",
			len(m["answer"].(string)), m["truncated"], m["mode"])
	}
}
