package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

const question = "What are fusion cells?" // the seed corpus answers it

// modelErr is a model failure with a class safe to show and a detail that
// is not.
type modelErr struct{}

func (modelErr) Error() string { return "model server refused the API key: sk-secret-123" }
func (modelErr) Class() string { return "the model server refused the key" }

// gateModel fails every call (so the answer falls back to excerpts), each
// once it may go on: when release is nil, at once; otherwise when release
// is closed or ctx ends. started gets a value when a call begins.
type gateModel struct {
	started   chan struct{}
	release   chan struct{}
	ignoreCtx bool // wait for release even when ctx ends
}

func (m *gateModel) Model() string { return "m" }

func (m *gateModel) Complete(ctx context.Context, _ []bot.Message, _ func(bot.Chunk) error) (bot.Completion, error) {
	if m.started != nil {
		m.started <- struct{}{}
	}
	if m.release != nil {
		done := ctx.Done()
		if m.ignoreCtx {
			done = nil
		}
		select {
		case <-m.release:
		case <-done:
			return bot.Completion{}, ctx.Err()
		}
	}
	return bot.Completion{}, modelErr{}
}

// memJournal is a Journal in memory.
type memJournal struct {
	mu   sync.Mutex
	ents []Entry
}

func (j *memJournal) Record(_ context.Context, e Entry) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e.ID = int64(len(j.ents) + 1)
	j.ents = append(j.ents, e)
	return e.ID, nil
}

func (j *memJournal) Feedback(_ context.Context, id int64, _ string, vote int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ents[id-1].Feedback = vote
	return nil
}

func (j *memJournal) Recent(_ context.Context, n int) ([]Entry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]Entry(nil), j.ents[max(0, len(j.ents)-n):]...), nil
}

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

// newCore returns a core over the seed corpus with model m (nil:
// extractive answers), journal j and a log kept in logs.
func newCore(t *testing.T, m bot.ChatModel, j Journal, logs *lockedBuffer) *Core {
	t.Helper()
	ix := retrievaltest.SeedIndex(t)
	p, err := bot.NewPipeline(ix, bot.Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if logs == nil {
		logs = &lockedBuffer{}
	}
	c, err := NewCore(Deps{Engine: Engine{Pipeline: p, Index: ix}, Journal: j,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func validConfig() Config {
	return Config{RatePerMinute: 6, RateBurst: 3, MaxConcurrent: 8, QueueSize: 32,
		EditInterval: time.Second, AnswerTimeout: time.Minute, ShutdownTimeout: 5 * time.Second}
}

func TestNewRejectsMissingValues(t *testing.T) {
	core := newCore(t, nil, nil, nil)
	for _, tc := range []struct {
		name   string
		change func(*Config)
		ok     bool
	}{
		{"valid", func(*Config) {}, true},
		{"no queue", func(c *Config) { c.QueueSize = 0 }, true},
		{"zero rate", func(c *Config) { c.RatePerMinute = 0 }, false},
		{"zero burst", func(c *Config) { c.RateBurst = 0 }, false},
		{"no workers", func(c *Config) { c.MaxConcurrent = 0 }, false},
		{"negative queue", func(c *Config) { c.QueueSize = -1 }, false},
		{"zero edit interval", func(c *Config) { c.EditInterval = 0 }, false},
		{"zero answer timeout", func(c *Config) { c.AnswerTimeout = 0 }, false},
		{"zero shutdown timeout", func(c *Config) { c.ShutdownTimeout = 0 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := validConfig()
			tc.change(&cfg)
			_, err := New(cfg, core)
			if (err == nil) != tc.ok {
				t.Errorf("New: %v", err)
			}
		})
	}
	t.Run("no engine", func(t *testing.T) {
		if _, err := NewCore(Deps{Log: slog.New(slog.DiscardHandler)}); err == nil {
			t.Error("a core without an engine was made")
		}
	})
}

func TestAdmit(t *testing.T) {
	t.Run("rate limit", func(t *testing.T) {
		cfg := validConfig()
		cfg.RatePerMinute, cfg.RateBurst = 1, 2
		d, _ := New(cfg, newCore(t, nil, nil, nil))
		for i := range 2 {
			if _, _, ok := d.Admit("u1"); !ok {
				t.Fatalf("question %d of a burst of 2 refused", i+1)
			}
		}
		_, wait, ok := d.Admit("u1")
		if ok || wait < 50*time.Second || !strings.Contains(BusyText(wait), "try again in") {
			t.Errorf("third question: ok %v, wait %v", ok, wait)
		}
		if _, _, ok := d.Admit("u2"); !ok {
			t.Error("another user was refused")
		}
	})
	t.Run("queue", func(t *testing.T) {
		cfg := validConfig()
		cfg.MaxConcurrent, cfg.QueueSize, cfg.RateBurst = 1, 1, 100
		d, _ := New(cfg, newCore(t, nil, nil, nil))
		a, _, ok1 := d.Admit("u1")
		_, _, ok2 := d.Admit("u2")
		_, wait, ok3 := d.Admit("u3")
		if !ok1 || !ok2 || ok3 || wait != queueFullWait {
			t.Fatalf("admitted %v %v %v (wait %v); want the third refused", ok1, ok2, ok3, wait)
		}
		a.Release()
		a.Release() // a second release gives back nothing more
		if _, _, ok := d.Admit("u3"); !ok {
			t.Error("refused after a place was given back")
		}
		if _, _, ok := d.Admit("u4"); ok {
			t.Error("a second release gave back a second place")
		}
	})
}

func TestNoticeDueOncePerWindow(t *testing.T) {
	d, _ := New(validConfig(), newCore(t, nil, nil, nil))
	for _, tc := range []struct {
		user string
		want bool
	}{{"u1", true}, {"u1", false}, {"u2", true}, {"u1", false}} {
		t.Run(tc.user, func(t *testing.T) {
			if got := d.NoticeDue(tc.user); got != tc.want {
				t.Errorf("NoticeDue = %v", got)
			}
		})
	}
}

func TestConversationStoreEvictsTheOldest(t *testing.T) {
	d, _ := New(validConfig(), newCore(t, nil, nil, nil))
	first := d.StartConversation("c0")
	first.seen.Store(1) // the least recently used
	for i := 1; i < maxConversations; i++ {
		d.StartConversation(fmt.Sprint("c", i))
	}
	if d.Conversation("c0") != first {
		t.Fatal("a conversation was dropped before the store was full")
	}
	d.StartConversation("new")
	if d.Conversation("c0") != nil || d.Conversation("new") == nil || d.Conversation("c1") == nil {
		t.Error("the least recently used conversation was not the one dropped")
	}
}

func TestReloadSwapsTheWholeEngine(t *testing.T) {
	core := newCore(t, nil, nil, nil)
	old := core.Engine()
	next := Engine{Pipeline: old.Pipeline, Index: retrievaltest.SeedIndex(t)}
	for _, tc := range []struct {
		name   string
		reload ReloadFunc
		want   *Engine
		err    bool
	}{
		{"none", nil, &old, true},
		{"fails", func(context.Context) (Engine, string, error) { return Engine{}, "", errors.New("boom") }, &old, true},
		{"incomplete", func(context.Context) (Engine, string, error) { return Engine{Index: next.Index}, "x", nil }, &old, true},
		{"works", func(context.Context) (Engine, string, error) { return next, "2 passages", nil }, &next, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core.deps.Reload = tc.reload
			_, err := core.Reload(t.Context())
			if (err != nil) != tc.err {
				t.Errorf("Reload: %v", err)
			}
			if core.Engine().Index != tc.want.Index {
				t.Error("wrong engine in use")
			}
		})
	}
}

func TestReloadsRunOneAtATime(t *testing.T) {
	core := newCore(t, nil, nil, nil)
	e := core.Engine()
	var active, overlaps atomic.Int32
	core.deps.Reload = func(context.Context) (Engine, string, error) {
		if active.Add(1) > 1 {
			overlaps.Add(1)
		}
		for range 200 {
			runtime.Gosched()
		}
		active.Add(-1)
		return e, "", nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := core.Reload(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := overlaps.Load(); n > 0 {
		t.Errorf("%d reloads ran while another was running", n)
	}
}

func TestAskKeepsTheCauseFromUsers(t *testing.T) {
	j := &memJournal{}
	logs := &lockedBuffer{}
	core := newCore(t, &gateModel{}, j, logs)
	q := Question{Text: question, Origin: Origin{Space: "g", Channel: "c", User: "u"}, Received: time.Now()}
	for _, tc := range []struct {
		name string
		conv *Conversation
	}{{"alone", nil}, {"in a conversation", core.NewConversation()}} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := core.Ask(t.Context(), tc.conv, q, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Entry == 0 || !strings.Contains(r.Answer.Text, "joint coordination units") {
				t.Errorf("reply %+v", r)
			}
			e := j.ents[r.Entry-1]
			if strings.Contains(e.Answer.Note, "sk-secret") || !strings.Contains(e.Answer.Note, "refused the key") ||
				e.Answer.Cause != "" || !strings.Contains(e.ErrorDetail, "sk-secret") || e.Origin != q.Origin {
				t.Errorf("journal entry: note %q, cause %q, detail %q, origin %v", e.Answer.Note, e.Answer.Cause, e.ErrorDetail, e.Origin)
			}
			if !e.Flagged() {
				t.Error("an answer with a note is not flagged")
			}
		})
	}
	if !strings.Contains(logs.String(), "sk-secret") {
		t.Error("the cause is not logged")
	}
	t.Run("failed", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := core.Ask(ctx, nil, q, nil); err == nil {
			t.Fatal("no error with a canceled ctx")
		}
		e := j.ents[len(j.ents)-1]
		if e.Answer.Note != FailedText || e.ErrorDetail == "" {
			t.Errorf("journal entry of a failure: note %q, detail %q", e.Answer.Note, e.ErrorDetail)
		}
	})
}

// recordingOutput is an Output that keeps what it is given.
type recordingOutput struct {
	mu       sync.Mutex
	partials []string
	final    *Reply
	notices  []string
	done     chan struct{}
}

func newOutput() *recordingOutput { return &recordingOutput{done: make(chan struct{})} }

func (o *recordingOutput) Partial(text string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.partials = append(o.partials, text)
	return nil
}

func (o *recordingOutput) Final(r Reply) error {
	o.mu.Lock()
	o.final = &r
	o.mu.Unlock()
	close(o.done)
	return nil
}

func (o *recordingOutput) Notice(text string) error {
	o.mu.Lock()
	o.notices = append(o.notices, text)
	o.mu.Unlock()
	close(o.done)
	return nil
}

func (o *recordingOutput) wait(t *testing.T) {
	t.Helper()
	select {
	case <-o.done:
	case <-time.After(10 * time.Second):
		t.Fatal("no answer and no notice")
	}
}

// serving runs d until the test ends.
func serving(t *testing.T, d *Desk) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Serve(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func TestSubmit(t *testing.T) {
	t.Run("after the desk stopped, a notice instead of silence", func(t *testing.T) {
		d, _ := New(validConfig(), newCore(t, nil, &memJournal{}, nil))
		stop := serving(t, d)
		tk, _, ok := d.Admit("u")
		if !ok {
			t.Fatal("not admitted")
		}
		stop()
		out := newOutput()
		d.Submit(tk, nil, Question{Text: question, Received: time.Now()}, out)
		out.wait(t)
		if out.final != nil || len(out.notices) != 1 || out.notices[0] != RestartingText {
			t.Errorf("final %+v, notices %q; want the restarting notice", out.final, out.notices)
		}
	})
	t.Run("answers", func(t *testing.T) {
		d, _ := New(validConfig(), newCore(t, nil, &memJournal{}, nil))
		serving(t, d)
		tk, _, _ := d.Admit("u")
		out := newOutput()
		d.Submit(tk, d.StartConversation("c"), Question{Text: question, Received: time.Now()}, out)
		out.wait(t)
		if out.final == nil || out.final.Entry != 1 || !strings.Contains(out.final.Answer.Text, "joint coordination units") {
			t.Errorf("final %+v, notices %q", out.final, out.notices)
		}
		if d.Conversation("c").Last().Text == "" {
			t.Error("the conversation did not keep the answer")
		}
	})
	t.Run("waited too long in the queue", func(t *testing.T) {
		m := &gateModel{started: make(chan struct{}, 1), release: make(chan struct{}), ignoreCtx: true}
		defer close(m.release)
		cfg := validConfig()
		cfg.MaxConcurrent, cfg.AnswerTimeout = 1, 300*time.Millisecond
		d, _ := New(cfg, newCore(t, m, nil, nil))
		serving(t, d)
		t1, _, _ := d.Admit("u1")
		first := newOutput()
		d.Submit(t1, nil, Question{Text: question, Received: time.Now()}, first)
		<-m.started // the only worker is busy
		t2, _, _ := d.Admit("u2")
		second := newOutput()
		d.Submit(t2, nil, Question{Text: question, Received: time.Now()}, second)
		second.wait(t)
		if len(second.notices) != 1 || second.notices[0] != OverloadedText {
			t.Errorf("notices %q", second.notices)
		}
	})
}

func TestShutdownFinishesAnswersInProgress(t *testing.T) {
	m := &gateModel{started: make(chan struct{}, 1), release: make(chan struct{})}
	d, _ := New(validConfig(), newCore(t, m, nil, nil))
	stop := serving(t, d)
	tk, _, _ := d.Admit("u")
	out := newOutput()
	d.Submit(tk, nil, Question{Text: question, Received: time.Now()}, out)
	<-m.started
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	deadline := time.Now().Add(10 * time.Second)
	for !d.isClosing() { // Serve has seen the end of its ctx
		if time.Now().After(deadline) {
			t.Fatal("the desk did not start closing")
		}
		runtime.Gosched()
	}
	if _, wait, ok := d.Admit("v"); ok || wait != closingWait {
		t.Errorf("a question during the shutdown: admitted %v, wait %v", ok, wait)
	}
	close(m.release) // the answer in progress may finish now
	<-stopped
	if out.final == nil {
		t.Errorf("the answer in progress was dropped: notices %q", out.notices)
	}
}

func TestUserNote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The model could not answer: the model server failed. These are excerpts.", "The model could not answer: the model server failed. These are excerpts."},
		{"The model failed (HTTP 401: key sk-1 for acme).", "The model failed."},
		{"Cut (unclosed detail", "Cut."},
		{"The model could not answer (model server refused the API key (HTTP 401): key sk-1. Account x.), so these are excerpts from the corpus instead.",
			"The model could not answer, so these are excerpts from the corpus instead."},
		{"The vector search unavailable (embed: dial tcp 10.0.0.1:443: refused).", "The vector search unavailable."},
		{"The model's answer was cut off at its length limit.", "The model's answer was cut off at its length limit."},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := UserNote(tc.in); got != tc.want {
				t.Errorf("UserNote = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSubmitContextStopsWhenTheAskerLeaves: an answer whose asker has gone
// (an HTTP client hung up) stops at once instead of running on.
func TestSubmitContextStopsWhenTheAskerLeaves(t *testing.T) {
	m := &gateModel{started: make(chan struct{}, 1), release: make(chan struct{})}
	defer close(m.release)
	d, _ := New(validConfig(), newCore(t, m, nil, nil))
	serving(t, d)
	tk, _, _ := d.Admit("u")
	asker, leave := context.WithCancel(t.Context())
	out := newOutput()
	d.SubmitContext(asker, tk, nil, Question{Text: question, Received: time.Now()}, out)
	<-m.started
	leave()
	out.wait(t)
	if out.final != nil || len(out.notices) != 1 {
		t.Errorf("final %+v, notices %q", out.final, out.notices)
	}
}

func TestAdmitForSaysWhy(t *testing.T) {
	cfg := validConfig()
	cfg.RateBurst, cfg.MaxConcurrent, cfg.QueueSize = 1, 1, 0 // one place: the running answer's
	d, _ := New(cfg, newCore(t, nil, nil, nil))
	stop := serving(t, d)
	first, _, why := d.AdmitFor("a")
	if why != Admitted {
		t.Fatalf("first question: %v", why)
	}
	if _, _, why := d.AdmitFor("a"); why != RateLimited {
		t.Errorf("the same asker again at once: %v, want RateLimited", why)
	}
	if _, _, why := d.AdmitFor("b"); why != QueueFull {
		t.Errorf("another asker while the only place is taken: %v, want QueueFull", why)
	}
	first.Release()
	stop()
	if _, _, why := d.AdmitFor("c"); why != Closing {
		t.Errorf("after the desk stopped: %v, want Closing", why)
	}
}
