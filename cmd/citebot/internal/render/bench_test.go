package render

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

// firstWrite records when something is first written to it.
type firstWrite struct {
	mu sync.Mutex
	at time.Time
}

func (f *firstWrite) Write(p []byte) (int, error) {
	f.mu.Lock()
	if f.at.IsZero() && len(p) > 0 {
		f.at = time.Now()
	}
	f.mu.Unlock()
	return len(p), nil
}

// BenchmarkFirstTokenToTerminal measures the time from the model server
// flushing its first token to citebot writing the first character to the
// terminal: go-openai's stream reader, the reasoning filter, the citation
// checker and the CLI writer. Reported as the median over all answers.
func BenchmarkFirstTokenToTerminal(b *testing.B) {
	srv := llmtest.New(b)
	var mu sync.Mutex
	var sent time.Time
	srv.FirstChunk = func(t time.Time) { mu.Lock(); sent = t; mu.Unlock() }
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		// A quotation that checks out, so the answer is the model's.
		n := req.Ref("ideological ties")
		return llmtest.Reply{Chunks: []string{"The", " Taliban support the TTP", " because ", fmt.Sprintf(`"both groups share deep ideological ties" [%d].`, n)},
			ChunkInterval: 2 * time.Millisecond}
	}
	p, err := bot.NewPipeline(retrievaltest.SeedIndex(b), bot.Options{Model: benchModel(b, srv.BaseURL()), TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2})
	if err != nil {
		b.Fatal(err)
	}
	var lat []time.Duration
	for b.Loop() {
		w := &firstWrite{}
		ans, err := Stream(func(onUpdate func(bot.Update) error) (bot.Answer, error) {
			return p.Ask(context.Background(), "Why do the Taliban support the TTP?", onUpdate)
		}, w)
		if err != nil || ans.Mode != bot.ModeLLM {
			b.Fatalf("%v %+v", err, ans)
		}
		mu.Lock()
		lat = append(lat, w.at.Sub(sent))
		mu.Unlock()
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-first-char-p50")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "ms-first-char-p90")
	if testing.Verbose() {
		fmt.Println("first-char latencies:", lat[0], lat[len(lat)/2], lat[len(lat)-1])
	}
}

func benchModel(b *testing.B, baseURL string) bot.ChatModel {
	c, err := llm.New(llm.Config{BaseURL: baseURL, Model: "m", Stream: true, Backoff: time.Millisecond, MaxOutputBytes: 64 << 10}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return c.ChatModel()
}
