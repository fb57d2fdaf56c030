package discord

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/discord/discordtest"
	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// setup is a test's configuration of the bot and its desk; zero values
// take those of config.example.yaml (but a queue of 0).
type setup struct {
	ReplyMode, Render           string
	AllowedRoles                []string
	AllowDMs                    bool
	MaxMessages                 int
	RatePerMinute               float64
	RateBurst, MaxConcurrent    int
	QueueSize                   int
	EditInterval, AnswerTimeout time.Duration
	ShutdownTimeout             time.Duration
	Link                        string // corpus.link
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func (s setup) configs() (Config, serve.Config) {
	return Config{
			Token: "test-token", GuildID: discordtest.GuildID,
			ReplyMode: or(s.ReplyMode, "thread"), Render: or(s.Render, "embed"), AllowedRoles: s.AllowedRoles, AllowDMs: s.AllowDMs,
			MaxMessages: or(s.MaxMessages, 3),
		}, serve.Config{
			RatePerMinute: or(s.RatePerMinute, 6), RateBurst: or(s.RateBurst, 3), MaxConcurrent: or(s.MaxConcurrent, 8), QueueSize: s.QueueSize,
			EditInterval: or(s.EditInterval, 1500*time.Millisecond), AnswerTimeout: or(s.AnswerTimeout, 3*time.Minute),
			ShutdownTimeout: or(s.ShutdownTimeout, 20*time.Second),
		}
}

// startBot runs a bot against a fake Discord, with model answering as reply
// says (nil: extractive answers).
func startBot(t testing.TB, st setup, reply func(llmtest.Request) llmtest.Reply, opts ...func(*serve.Deps)) (*Bot, *discordtest.Server, *lockedBuffer) {
	b, fake, logs, stop := runBot(t, st, reply, opts...)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return b, fake, logs
}

// runBot is startBot with the stopping left to the caller; opts change the
// desk's collaborators (the bot logs where the desk does). Logs are kept
// from the debug level up.
func runBot(t testing.TB, st setup, reply func(llmtest.Request) llmtest.Reply, opts ...func(*serve.Deps)) (*Bot, *discordtest.Server, *lockedBuffer, func() error) {
	t.Helper()
	fake := discordtest.New(t)
	ix := retrievaltest.SeedIndex(t)
	popts := bot.Options{TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2, Link: st.Link}
	if reply != nil {
		m := llmtest.New(t)
		m.Chat = reply
		c, err := llm.New(llm.Config{BaseURL: m.BaseURL(), Model: "m", Stream: true, Timeout: 10 * time.Second,
			Backoff: time.Millisecond, MaxOutputBytes: 64 << 10}, nil)
		if err != nil {
			t.Fatal(err)
		}
		popts.Model = c.ChatModel()
	}
	p, err := bot.NewPipeline(ix, popts)
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	cfg, dcfg := st.configs()
	cfg.APIBaseURL = fake.URL
	deps := serve.Deps{Engine: serve.Engine{Pipeline: p, Index: ix}, Log: slogTo(logs)}
	for _, o := range opts {
		o(&deps)
	}
	deps.Log = RedactLog(deps.Log) // as cmd/citebot does
	core, err := serve.NewCore(deps)
	if err != nil {
		t.Fatal(err)
	}
	desk, err := serve.New(dcfg, core)
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(cfg, Deps{Desk: desk, Log: deps.Log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	fake.WaitConnected(10 * time.Second)
	var once sync.Once
	var err2 error
	return b, fake, logs, func() error {
		once.Do(func() { cancel(); err2 = <-done })
		return err2
	}
}

func TestShutdownFinishesAnswersInProgress(t *testing.T) {
	_, fake, _, stop := runBot(t, setup{ShutdownTimeout: 5 * time.Second}, func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{`They "share deep ideological ties" [1].`}, Delay: 400 * time.Millisecond}
	})
	_, token := fake.SlashCommand("c7", discordtest.Member{UserID: "u7"}, "ask", map[string]string{"question": "Why do the Taliban support the TTP?"})
	fake.WaitFor(5*time.Second, "deferral", func(c discordtest.Call) bool { return strings.HasPrefix(c.Path, "/interactions/") })
	start := time.Now()
	if err := stop(); err != nil { // SIGINT, in effect, while the model is writing
		t.Fatal(err)
	}
	var answered bool
	for _, c := range fake.Calls() {
		if c.Method == "PATCH" && strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "ideological ties") {
			answered = true
		}
	}
	if !answered {
		t.Error("the answer in progress was dropped at shutdown")
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("shutdown took %v", d)
	}
}

func TestStreamingEditsAreThrottledPerMessage(t *testing.T) {
	chunks := strings.Fields("The Taliban back the TTP for reasons of ideology leverage and rivalry [1] as the passage explains at some length here")
	for i := range chunks {
		chunks[i] += " "
	}
	_, fake, _ := startBot(t, setup{EditInterval: 150 * time.Millisecond}, func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: chunks, ChunkInterval: 40 * time.Millisecond} // ~0.8 s of streaming
	})
	_, token := fake.SlashCommand("c1", discordtest.Member{UserID: "u1"}, "ask", map[string]string{"question": "Why do the Taliban support the TTP?"})
	path := "/webhooks/" + discordtest.AppID + "/" + token + "/messages/@original"
	fake.WaitFor(5*time.Second, "final edit", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && c.Path == path && strings.Contains(string(c.Raw), "custom_id")
	})
	var at []time.Time
	for _, c := range fake.Calls() {
		if c.Method == "PATCH" && c.Path == path {
			at = append(at, c.At)
		}
	}
	if len(at) < 3 {
		t.Fatalf("%d edits; want partial edits while streaming, then the final one", len(at))
	}
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < 140*time.Millisecond {
			t.Errorf("edits %d and %d only %v apart", i-1, i, gap)
		}
	}
}

func TestExpiredInteractionTokenFallsBackToChannel(t *testing.T) {
	b, fake, _ := startBot(t, setup{}, nil)
	b.tokenTTL = time.Nanosecond
	_, token := fake.SlashCommand("c2", discordtest.Member{UserID: "u2"}, "ask", map[string]string{"question": "What are fusion cells?"})
	c := fake.WaitFor(5*time.Second, "channel message", func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/c2/messages"
	})
	if !strings.Contains(string(c.Raw), "joint coordination units") {
		t.Errorf("answer %s", c.Raw)
	}
	for _, c := range fake.Calls() {
		if strings.Contains(c.Path, token+"/messages") {
			t.Errorf("used an expired token: %s %s", c.Method, c.Path)
		}
	}
}

func TestPanicInHandlerIsRecovered(t *testing.T) {
	b, fake, logs := startBot(t, setup{}, nil)
	b.safely("test", func() { panic("boom") })
	if !strings.Contains(logs.String(), "panic in handler") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("panic not logged: %s", logs.String())
	}
	// An interaction that makes a handler panic (no data at all) is
	// recovered too, and the bot keeps answering.
	fake.Dispatch("INTERACTION_CREATE", map[string]any{"id": "1", "type": 2, "token": "t", "application_id": discordtest.AppID, "version": 1})
	id, _ := fake.SlashCommand("c3", discordtest.Member{UserID: "u3"}, "source", map[string]string{"id": "12f426dc4135"})
	fake.WaitFor(5*time.Second, "answer after a panic", func(c discordtest.Call) bool {
		return strings.HasPrefix(c.Path, "/interactions/"+id+"/")
	})
}

func TestFullQueueAnswersBusy(t *testing.T) {
	_, fake, _ := startBot(t, setup{MaxConcurrent: 1, QueueSize: 0, RatePerMinute: 600, RateBurst: 100}, func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{"slow [1]."}, Delay: 500 * time.Millisecond}
	})
	var ids []string
	for i := range 3 {
		id, _ := fake.SlashCommand("c4", discordtest.Member{UserID: fmt.Sprint("q", i)}, "ask", map[string]string{"question": "Why do the Taliban support the TTP?"})
		ids = append(ids, id)
	}
	busy := 0
	for _, id := range ids {
		c := fake.WaitFor(5*time.Second, "callback", func(c discordtest.Call) bool { return strings.HasPrefix(c.Path, "/interactions/"+id+"/") })
		if d, _ := c.Body["data"].(map[string]any); d != nil && strings.Contains(fmt.Sprint(d["content"]), "busy") {
			busy++
		}
	}
	if busy != 2 {
		t.Errorf("%d busy replies, want 2 (one answer at a time, no queue)", busy)
	}
}

// BenchmarkAskThroughGateway sends /ask interactions through the fake
// gateway to a bot whose model fake answers at once, and measures the
// questions per second the bot sustains and the time from the gateway
// dispatching an interaction to the final answer arriving at the REST fake.
func BenchmarkAskThroughGateway(b *testing.B) {
	_, fake, _ := startBot(b, setup{RatePerMinute: 1e6, RateBurst: 1e6, MaxConcurrent: 64, QueueSize: 4096, EditInterval: time.Second},
		func(req llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{`They "share deep ideological ties" [1].`}}
		})
	var lat []time.Duration
	start := time.Now()
	n := 0
	for b.Loop() {
		n++
		sent := time.Now()
		_, token := fake.SlashCommand("c5", discordtest.Member{UserID: fmt.Sprint("u", n%50)}, "ask", map[string]string{"question": "Why do the Taliban support the TTP?"})
		path := "/webhooks/" + discordtest.AppID + "/" + token + "/messages/@original"
		c := fake.WaitFor(10*time.Second, "answer", func(c discordtest.Call) bool { return c.Method == "PATCH" && c.Path == path })
		lat = append(lat, c.At.Sub(sent))
	}
	elapsed := time.Since(start)
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "ms-p90")
	b.ReportMetric(float64(n)/elapsed.Seconds(), "sequential-q/s")
}

// BenchmarkThroughput dispatches questions from many users at once and
// reports how many answers per second the bot completes.
func BenchmarkThroughput(b *testing.B) {
	_, fake, _ := startBot(b, setup{RatePerMinute: 1e6, RateBurst: 1e6, MaxConcurrent: 32, QueueSize: 100000, EditInterval: time.Second},
		func(req llmtest.Request) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{`They "share deep ideological ties" [1].`}}
		})
	const batch = 500
	for b.Loop() {
		start := time.Now()
		tokens := map[string]bool{}
		for i := range batch {
			_, tok := fake.SlashCommand("c6", discordtest.Member{UserID: fmt.Sprint("u", i)}, "ask", map[string]string{"question": "Why do the Taliban support the TTP?"})
			tokens[tok] = true
		}
		answered := map[string]bool{}
		fake.WaitFor(60*time.Second, fmt.Sprint(batch, " answers"), func(c discordtest.Call) bool {
			// /webhooks/<application>/<token>/messages/@original
			if parts := strings.Split(c.Path, "/"); c.Method == "PATCH" && len(parts) == 6 && tokens[parts[3]] && parts[5] == "@original" {
				answered[parts[3]] = true
			}
			return len(answered) == batch
		})
		b.ReportMetric(batch/time.Since(start).Seconds(), "answers/s")
	}
}

// slogTo logs to w from the debug level up.
func slogTo(w *lockedBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// TestNewRejectsMissingValues: cmd/citebot owns the defaults; New takes
// values as given.
func TestNewRejectsMissingValues(t *testing.T) {
	good, dcfg := setup{}.configs()
	ix := retrievaltest.SeedIndex(t)
	p, err := bot.NewPipeline(ix, bot.Options{TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	core, err := serve.NewCore(serve.Deps{Engine: serve.Engine{Pipeline: p, Index: ix}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	desk, err := serve.New(dcfg, core)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func(*Config, *Deps)
		ok     bool
	}{
		{"valid", func(*Config, *Deps) {}, true},
		{"no token", func(c *Config, _ *Deps) { c.Token = "" }, false},
		{"no reply mode", func(c *Config, _ *Deps) { c.ReplyMode = "" }, false},
		{"no render", func(c *Config, _ *Deps) { c.Render = "" }, false},
		{"no messages", func(c *Config, _ *Deps) { c.MaxMessages = 0 }, false},
		{"no desk", func(_ *Config, d *Deps) { d.Desk = nil }, false},
		{"no log", func(_ *Config, d *Deps) { d.Log = nil }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, deps := good, Deps{Desk: desk, Log: log}
			tc.change(&cfg, &deps)
			if _, err := New(cfg, deps); (err == nil) != tc.ok {
				t.Errorf("New: %v", err)
			}
		})
	}
}
