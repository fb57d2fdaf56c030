// Package serve is the transport-neutral front desk of citebot: what every
// front end needs, whether it is a chat in a terminal, the Discord bot or an
// HTTP API. Core answers questions with the current engine (swapped whole on
// a reload), in conversations or alone, logs the causes users are not shown
// and records answers in a journal; Desk adds what a long-running front end
// shared by many people needs: per-user limits, a bounded queue, workers,
// a conversation store and throttled updates. Front ends only translate
// their events into these calls and render what comes back.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/prompts"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

// Engine is what answers: the pipeline and the index it reads.
type Engine struct {
	Pipeline *bot.Pipeline
	Index    *retrieval.Index
	// Corpus is the corpus the index was built from, for a front end that
	// shows documents; nil when the front end has none at hand.
	Corpus *corpus.Corpus
}

// ReloadFunc builds a new engine from the corpus and summarises it for
// people ("1,200 passages from 40 documents …").
type ReloadFunc func(ctx context.Context) (Engine, string, error)

// Deps are the core's collaborators.
type Deps struct {
	Engine Engine
	// Reload rebuilds the engine (for a reindex); nil: not available.
	Reload ReloadFunc
	// Journal records answers; nil: none are recorded.
	Journal Journal
	// Redact cleans text before it is logged or journaled (a front end's
	// secrets in error text); nil leaves it as it is.
	Redact func(string) string
	Log    *slog.Logger
}

// Core answers questions with the current engine. It is safe for
// concurrent use.
type Core struct {
	deps     Deps
	engine   atomic.Pointer[Engine]
	reloadMu sync.Mutex // one rebuild at a time
}

// Errors of the core.
var (
	// ErrNoJournal: answers are not recorded.
	ErrNoJournal = errors.New("no journal")
	// ErrNoReload: the engine can't be rebuilt here.
	ErrNoReload = errors.New("reloading is not available")
)

// NewCore returns a core answering with deps.Engine.
func NewCore(deps Deps) (*Core, error) {
	if deps.Engine.Pipeline == nil || deps.Engine.Index == nil {
		return nil, errors.New("serve: the engine needs a pipeline and an index")
	}
	if deps.Log == nil {
		return nil, errors.New("serve: no logger")
	}
	if deps.Redact == nil {
		deps.Redact = func(s string) string { return s }
	}
	c := &Core{deps: deps}
	e := deps.Engine
	c.engine.Store(&e)
	return c, nil
}

// Engine returns the engine answers are written with now.
func (c *Core) Engine() Engine { return *c.engine.Load() }

// Reload rebuilds the engine and swaps it in whole: answers in progress
// finish on the old one, the next ones use the new one. On failure the old
// engine stays in use; the error is for the log, not for users. One reload
// runs at a time (a /reindex and a change of the corpus folder): a second
// waits for the first, then reloads again.
func (c *Core) Reload(ctx context.Context) (summary string, err error) {
	if c.deps.Reload == nil {
		return "", ErrNoReload
	}
	c.reloadMu.Lock()
	defer c.reloadMu.Unlock()
	e, summary, err := c.deps.Reload(ctx)
	if err != nil {
		return "", fmt.Errorf("reload: %w", err)
	}
	if e.Pipeline == nil || e.Index == nil {
		return "", errors.New("reload: the new engine lacks a pipeline or an index")
	}
	c.engine.Store(&e)
	return summary, nil
}

// Conversation is a series of questions where later ones may lean on
// earlier ones. One answer is written at a time in a conversation.
type Conversation struct {
	mu   sync.Mutex
	conv *bot.Conversation
	seen atomic.Int64 // unix nanoseconds of the last question, for eviction
}

// NewConversation starts a conversation.
func (c *Core) NewConversation() *Conversation {
	cv := &Conversation{conv: c.engine.Load().Pipeline.NewConversation()}
	cv.seen.Store(time.Now().UnixNano())
	return cv
}

// Resume returns a conversation that goes on from turns the asker kept
// (see bot.Pipeline.Resume); it is not stored anywhere.
func (c *Core) Resume(turns []prompts.Turn) *Conversation {
	cv := &Conversation{conv: c.engine.Load().Pipeline.Resume(turns)}
	cv.seen.Store(time.Now().UnixNano())
	return cv
}

// Last returns the conversation's last answer (zero before the first).
func (cv *Conversation) Last() bot.Answer {
	cv.mu.Lock()
	defer cv.mu.Unlock()
	return cv.conv.Last()
}

// Reset forgets what was said.
func (cv *Conversation) Reset() {
	cv.mu.Lock()
	defer cv.mu.Unlock()
	cv.conv.Reset()
}

// Origin says who asked a question where; what the fields hold is the
// front end's business (a Discord server, channel and user ID).
type Origin struct {
	Space   string // the community asked in ("" for none, a direct message)
	Channel string
	User    string
}

// Question is a clean question (see bot.CleanQuestion) and where it came
// from.
type Question struct {
	Text     string
	Origin   Origin
	Received time.Time
}

// Reply is an answer and what else a front end may show of it.
type Reply struct {
	Answer bot.Answer
	// Standalone is the question searched for: a follow-up made standalone.
	Standalone string
	// About names the documents a question that named none was taken to
	// be about, from earlier in the conversation ("" for none).
	About string
	// Entry is the answer's journal entry ID, 0 when not recorded.
	Entry int64
}

// Ask answers q in conversation cv (nil: a question on its own), with the
// current engine; onUpdate, when not nil, receives the answer as it is
// written. The cause behind an answer's note and any error are logged and
// journaled; users are shown only the answer's short note. Only a failed
// search or a canceled ctx is an error.
func (c *Core) Ask(ctx context.Context, cv *Conversation, q Question, onUpdate func(bot.Update) error) (Reply, error) {
	e := c.engine.Load()
	var r Reply
	var err error
	if cv != nil {
		cv.mu.Lock()
		cv.seen.Store(time.Now().UnixNano())
		cv.conv.Use(e.Pipeline) // the corpus may have been reloaded since the conversation began
		r.Answer, r.Standalone, err = cv.conv.Ask(ctx, q.Text, onUpdate)
		r.About = cv.conv.About()
		rerr := cv.conv.RewriteErr()
		cv.mu.Unlock()
		if rerr != nil {
			c.deps.Log.Warn("follow-up not rewritten", "err", c.deps.Redact(rerr.Error()), "user", q.Origin.User)
		}
	} else {
		r.Answer, err = e.Pipeline.Ask(ctx, q.Text, onUpdate)
		r.Standalone = q.Text
	}
	latency := time.Since(q.Received)
	if err != nil {
		c.failed(ctx, q, err, latency)
		return r, err
	}
	r.Entry = c.record(ctx, q, r.Answer, latency)
	return r, nil
}

// failed logs and journals an answer that could not be written.
func (c *Core) failed(ctx context.Context, q Question, err error, latency time.Duration) {
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		c.deps.Log.Debug("answer stopped", "user", q.Origin.User) // the asker (or a shutdown) stopped it
	} else {
		c.deps.Log.Error("answer", "err", c.deps.Redact(err.Error()), "user", q.Origin.User)
	}
	if c.deps.Journal == nil {
		return
	}
	ent := Entry{Time: q.Received, Origin: q.Origin, Question: q.Text, Latency: latency,
		Answer: bot.Answer{Note: FailedText}, ErrorDetail: c.deps.Redact(err.Error())}
	// The answer's ctx may be over; the record is still written.
	if _, err := c.deps.Journal.Record(context.WithoutCancel(ctx), ent); err != nil {
		c.deps.Log.Error("journal", "err", err)
	}
}

// record logs the cause behind an answer's note and journals the answer
// with its user-facing note; it returns the entry's ID (0: none).
func (c *Core) record(ctx context.Context, q Question, a bot.Answer, latency time.Duration) int64 {
	// Users see the note's short class; the log and the journal keep the
	// cause (and any parenthesised detail the note carried).
	detail, shown := a.Cause, UserNote(a.Note)
	if shown != a.Note {
		detail = strings.TrimSpace(a.Note + " " + detail)
	}
	if detail != "" {
		c.deps.Log.Warn("answer note", "note", a.Note, "cause", c.deps.Redact(detail), "mode", a.Mode, "user", q.Origin.User)
	}
	if c.deps.Journal == nil {
		return 0
	}
	a.Note, a.Cause = shown, ""
	ent := Entry{Time: q.Received, Origin: q.Origin, Question: q.Text, Answer: a,
		ErrorDetail: c.deps.Redact(detail), Latency: latency}
	id, err := c.deps.Journal.Record(ctx, ent)
	if err != nil {
		c.deps.Log.Error("journal", "err", err)
	}
	return id
}

// Feedback records a person's vote (+1 or -1) on a journaled answer.
func (c *Core) Feedback(ctx context.Context, entry int64, user string, vote int) error {
	if c.deps.Journal == nil {
		return ErrNoJournal
	}
	return c.deps.Journal.Feedback(ctx, entry, user, vote)
}

// Recent returns the latest journaled answers, flagged ones first.
func (c *Core) Recent(ctx context.Context, n int) ([]Entry, error) {
	if c.deps.Journal == nil {
		return nil, ErrNoJournal
	}
	return c.deps.Journal.Recent(ctx, n)
}

// Journaled reports whether answers are recorded.
func (c *Core) Journaled() bool { return c.deps.Journal != nil }

// Reloadable reports whether the engine can be rebuilt.
func (c *Core) Reloadable() bool { return c.deps.Reload != nil }
