package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

// TestEveryServerAndFaultEndsInAnAnswer drives the pipeline through
// go-openai against the fake in the manner of each server and with each
// fault: every case ends in an answer whose quotations are all verified.
func TestEveryServerAndFaultEndsInAnAnswer(t *testing.T) {
	good := func(req llmtest.Request) string {
		return fmt.Sprintf(`They support it because "both groups share deep ideological ties" [%d].`, req.Ref("ideological ties"))
	}
	cases := map[string]struct {
		reply    func(llmtest.Request) llmtest.Reply
		key      string
		mode     string
		note     string
		cause    string // the detail, kept from users
		truncate bool
	}{
		"OpenAI with key": {reply: func(r llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{good(r)}} }, key: "sk-x", mode: "llm"},
		"Ollama no key":   {reply: func(r llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{good(r)}} }, mode: "llm"},
		"Ollama error body": {reply: func(llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Status: 404, Body: `{"error":"model 'x' not found"}`}
		}, mode: "extractive", note: ": the model server rejected the request.", cause: "model 'x' not found"},
		"llama.cpp inline think": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{"<think>I should quote \"made up text\" [1]</think>", good(r)}}
		}, mode: "llm"},
		"llama.cpp lone close": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{"hmm \"made up\" [1]", "</think>", good(r)}}
		}, mode: "llm"},
		"vLLM reasoning_content": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Reasoning: []string{"\"made up\" [1]"}, Chunks: []string{good(r)}}
		}, mode: "llm"},
		"connection cut": {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{"a", "b"}, CutAfter: 1} }, mode: "extractive", note: "could not answer", cause: "closed mid-answer"},
		"timeout":        {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Delay: 2 * time.Second} }, mode: "extractive", note: ": the model server timed out.", cause: "too slow"},
		"429 forever":    {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Status: 429} }, mode: "extractive", note: ": the model server is rate limiting.", cause: "HTTP 429"},
		"503 forever":    {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Status: 503} }, mode: "extractive", note: ": the model server failed.", cause: "HTTP 503"},
		"HTML error page": {reply: func(llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Status: 502, Body: "<html><title>Bad Gateway</title></html>"}
		}, mode: "extractive", note: ": the model server failed.", cause: "HTML page"},
		"malformed JSON":   {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Body: "{not json"} }, mode: "extractive", note: "could not answer"},
		"mid-stream error": {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{"x", "y"}, ErrorAfter: 1} }, mode: "extractive", note: ": the model server failed.", cause: "mid-stream failure"},
		"empty stream":     {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{} }, mode: "extractive", note: ": the model server sent an unreadable answer.", cause: "empty answer"},
		"no [DONE]":        {reply: func(r llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{good(r)}, NoDone: true} }, mode: "llm"},
		"finish_reason length": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{good(r)}, FinishReason: "length"}
		}, mode: "llm", note: "cut off", truncate: true},
		"finish_reason missing": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{good(r)}, FinishReason: "-"}
		}, mode: "llm"},
		"finish_reason odd": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{good(r)}, FinishReason: "eos"}
		}, mode: "llm"},
		"401 with the key in its body": {reply: func(llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Status: 401, Body: `{"error":{"message":"Incorrect API key provided: sk-abc***xyz, account acme-corp"}}`}
		}, key: "sk-abcdefxyz", mode: "extractive", note: ": the model server refused the key.", cause: "acme-corp"},
		"no [DONE] and no finish_reason": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{good(r)}, NoDone: true, FinishReason: "-"}
		}, mode: "llm", note: "stopped mid-answer", truncate: true},
		"only a made-up quotation": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`They say "the TTP takes orders from Beijing" [%d].`, r.Ref("ideological ties"))}}
		}, mode: "extractive", note: "quoted nothing found in the passages"},
		"only bare markers": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`They are secretly funded by the moon agency (unverified) [%d].`, r.Ref("ideological ties"))}}
		}, mode: "extractive", note: "quoted nothing found in the passages"},
		"only a made-up block quote": {reply: func(r llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{fmt.Sprintf("They say:\n> the TTP takes orders from Beijing [%d]", r.Ref("ideological ties"))}}
		}, mode: "extractive", note: "quoted nothing found in the passages"},
		"no citations": {reply: func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Chunks: []string{"Because of reasons."}} }, mode: "extractive", note: "cited no passage"},
	}
	ix := retrievaltest.SeedIndex(t)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Chat = c.reply
			m := newModel(t, llm.Config{BaseURL: srv.BaseURL(), Model: "m", APIKey: c.key, Stream: true, Timeout: 300 * time.Millisecond, MaxRetries: 1, Backoff: time.Millisecond})
			p, err := bot.NewPipeline(ix, bot.Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2})
			if err != nil {
				t.Fatal(err)
			}
			a, err := p.Ask(t.Context(), "Why do the Taliban support the TTP?", nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Mode != c.mode || a.Text == "" || a.Declined || len(a.Citations) == 0 {
				t.Fatalf("answer %+v", a)
			}
			if !strings.Contains(a.Note, c.note) || (c.note == "") != (a.Note == "") || a.Truncated != c.truncate {
				t.Errorf("note %q truncated %v; want note with %q", a.Note, a.Truncated, c.note)
			}
			if !strings.Contains(a.Cause, c.cause) {
				t.Errorf("cause %q, want it to hold %q", a.Cause, c.cause)
			}
			for _, secret := range []string{"sk-", "acme", "HTTP", "fake", "HTML", "not found"} {
				if strings.Contains(a.Note, secret) {
					t.Errorf("note %q shows the server's words (%q)", a.Note, secret)
				}
			}
			if strings.Contains(a.Text, "moon agency") || strings.Contains(a.Text, "Beijing") {
				t.Errorf("an answer with no verified quotation was shown: %q", a.Text)
			}
			for _, ci := range a.Citations {
				if !ci.Verified || !strings.Contains(ci.Passage, ci.Excerpt) {
					t.Errorf("unverified citation %+v", ci)
				}
			}
			if strings.Contains(a.Text, "made up") {
				t.Errorf("reasoning leaked into %q", a.Text)
			}
			if h := srv.Requests()[0].Header.Get("Authorization"); (c.key == "") != (h == "") {
				t.Errorf("Authorization %q with key %q", h, c.key)
			}
		})
	}
}

// TestUnverifiedQuotationSaysWhereItWasLookedFor: a quotation in the
// corpus but not in the passages the model was given is told apart from
// one that is nowhere in the corpus.
func TestUnverifiedQuotationSaysWhereItWasLookedFor(t *testing.T) {
	ix := retrievaltest.SeedIndex(t)
	srv := llmtest.New(t)
	var elsewhere string
	srv.Chat = func(r llmtest.Request) llmtest.Reply {
		user := r.Messages[len(r.Messages)-1].Content
		for _, p := range ix.Passages() {
			words := strings.Fields(p.Text)
			if len(words) > 12 && !strings.Contains(user, p.Text[:40]) {
				elsewhere = strings.Join(words[2:10], " ")
				break
			}
		}
		n := r.Ref("ideological ties")
		return llmtest.Reply{Chunks: []string{fmt.Sprintf(`They "share deep ideological ties" [%d], "%s" [%d] and "the moon agency pays them" [%d].`, n, elsewhere, n, n)}}
	}
	m := newModel(t, llm.Config{BaseURL: srv.BaseURL(), Model: "m", Stream: true, Timeout: 5 * time.Second})
	p, err := bot.NewPipeline(ix, bot.Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Ask(t.Context(), "Why do the Taliban support the TTP?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != bot.ModeLLM {
		t.Fatalf("answer %+v", a)
	}
	want := map[string]string{elsewhere: bot.ElsewhereInCorpus, "the moon agency pays them": bot.NotInCorpus}
	for _, c := range a.Citations {
		if w, ok := want[c.Excerpt]; ok {
			if c.Verified || c.Unverified != w {
				t.Errorf("%q: verified %v, unverified %q; want %q", c.Excerpt, c.Verified, c.Unverified, w)
			}
			delete(want, c.Excerpt)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing citations %v in %+v", want, a.Citations)
	}
}

// TestRewriteFailureIsReported: when the model fails to make a follow-up
// standalone, the conversation goes on with the earlier words and the
// failure is returned for the caller to log.
func TestRewriteFailureIsReported(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(r llmtest.Request) llmtest.Reply {
		if len(r.Messages) == 1 { // the rewrite request
			return llmtest.Reply{Status: 401, Body: `{"error":"bad key for account acme"}`}
		}
		return llmtest.Reply{Chunks: []string{fmt.Sprintf(`"both groups share deep ideological ties" [%d]`, r.Ref("ideological ties"))}}
	}
	m := newModel(t, llm.Config{BaseURL: srv.BaseURL(), Model: "m", Stream: true, Timeout: 5 * time.Second})
	p, err := bot.NewPipeline(retrievaltest.SeedIndex(t), bot.Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	c := p.NewConversation()
	if _, _, err := c.Ask(t.Context(), "Why do the Taliban support the TTP?", nil); err != nil || c.RewriteErr() != nil {
		t.Fatalf("first question: %v, rewrite %v", err, c.RewriteErr())
	}
	if _, _, err := c.Ask(t.Context(), "and what about them?", nil); err != nil {
		t.Fatal(err)
	}
	if err := c.RewriteErr(); err == nil || !strings.Contains(err.Error(), "acme") {
		t.Errorf("rewrite failure not reported: %v", err)
	}
}

// newModel returns the go-openai adapter for cfg, with the output cap and
// backoff of the configuration's defaults when cfg leaves them out.
func newModel(t *testing.T, cfg llm.Config) bot.ChatModel {
	t.Helper()
	if cfg.Backoff == 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	if cfg.MaxOutputBytes == 0 {
		cfg.MaxOutputBytes = 64 << 10
	}
	c, err := llm.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.ChatModel()
}
