package serve

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/citebot/citebot/bot"
)

// Config is how a desk admits and writes answers; every value is required.
type Config struct {
	// Per-user rate limit: RatePerMinute questions a minute, bursts of
	// RateBurst.
	RatePerMinute float64
	RateBurst     int
	// MaxConcurrent answers are written at once; QueueSize more wait.
	MaxConcurrent int
	QueueSize     int
	// EditInterval is the least time between two updates of an answer
	// being written.
	EditInterval time.Duration
	// AnswerTimeout bounds an answer, its time in the queue included.
	AnswerTimeout time.Duration
	// ShutdownTimeout is how long answers in progress may finish once
	// Serve's ctx is done.
	ShutdownTimeout time.Duration
}

func (c Config) validate() error {
	switch {
	case c.RatePerMinute <= 0 || c.RateBurst < 1:
		return fmt.Errorf("serve: rate %g a minute, burst %d: both must be positive", c.RatePerMinute, c.RateBurst)
	case c.MaxConcurrent < 1 || c.QueueSize < 0:
		return fmt.Errorf("serve: %d answers at once and a queue of %d: want ≥ 1 and ≥ 0", c.MaxConcurrent, c.QueueSize)
	case c.EditInterval <= 0 || c.AnswerTimeout <= 0 || c.ShutdownTimeout <= 0:
		return errors.New("serve: the edit interval, answer timeout and shutdown timeout must be positive")
	}
	return nil
}

// Limits the desk keeps to itself.
const (
	// noticeWindow is the least time between two "busy" notices to one user.
	noticeWindow = time.Minute
	// maxConversations bounds the conversations kept; the oldest go first.
	maxConversations = 2000
	// maxLimiters is how many users' limiters are kept before idle ones go.
	maxLimiters = 10000
	// closingWait is when a user refused during a shutdown may come back.
	closingWait = 30 * time.Second
	// queueFullWait is when a user refused for a full queue may come back.
	queueFullWait = 10 * time.Second
	// cancelGrace is how long canceled answers get to say so at shutdown.
	cancelGrace = 2 * time.Second
	// jobSlack is room in the job queue for work other than answers (Do),
	// beyond the places answers are admitted to: handing work over never
	// waits for the dispatcher to be scheduled.
	jobSlack = 64
)

// Desk is the front desk of a long-running front end shared by many people:
// a Core with per-user limits, a bounded queue, workers, a conversation
// store and throttled updates. Work starts once Serve runs.
type Desk struct {
	*Core
	cfg Config

	queue   chan struct{} // answers admitted: writing or waiting
	workers chan struct{} // answers being written
	jobs    chan func(context.Context)
	stopped chan struct{} // closed when Serve has returned

	mu       sync.Mutex // guards closing, inflight.Add, limiters
	closing  bool
	inflight sync.WaitGroup
	limiters map[string]*userLimiter

	convMu sync.Mutex
	convs  map[string]*Conversation
}

type userLimiter struct {
	lim  *rate.Limiter
	seen time.Time
	// noticeUntil is when the user may next be told they are refused.
	noticeUntil time.Time
}

// New returns a desk in front of core.
func New(cfg Config, core *Core) (*Desk, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if core == nil {
		return nil, errors.New("serve: no core")
	}
	return &Desk{
		Core: core, cfg: cfg,
		queue:    make(chan struct{}, cfg.MaxConcurrent+cfg.QueueSize),
		workers:  make(chan struct{}, cfg.MaxConcurrent),
		jobs:     make(chan func(context.Context), cfg.MaxConcurrent+cfg.QueueSize+jobSlack),
		stopped:  make(chan struct{}),
		limiters: map[string]*userLimiter{},
		convs:    map[string]*Conversation{},
	}, nil
}

// Serve runs the desk's work until ctx is done; then it refuses new
// questions, lets answers in progress finish up to ShutdownTimeout, cancels
// what is left and returns. Work is given a context derived from ctx that
// outlives it by that much.
func (d *Desk) Serve(ctx context.Context) error {
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	quit := make(chan struct{})
	defer close(d.stopped)
	go d.dispatch(work, quit)
	defer close(quit)
	<-ctx.Done()
	d.mu.Lock()
	d.closing = true
	d.mu.Unlock()
	d.Core.deps.Log.Info("stopping; finishing answers in progress", "deadline", d.cfg.ShutdownTimeout)
	done := make(chan struct{})
	go func() { d.inflight.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-time.After(d.cfg.ShutdownTimeout):
	}
	d.Core.deps.Log.Warn("shutdown deadline passed; canceling answers in progress")
	cancel()
	select {
	case <-done:
	case <-time.After(cancelGrace):
	}
	return nil
}

// dispatch runs each job in its own goroutine until quit is closed.
func (d *Desk) dispatch(ctx context.Context, quit chan struct{}) {
	for {
		select {
		case f := <-d.jobs:
			go d.safely(ctx, f)
		case <-quit:
			return
		}
	}
}

// safely runs f, turning a panic into a log line: one bad question must
// not take every conversation down.
func (d *Desk) safely(ctx context.Context, f func(context.Context)) {
	defer func() {
		if r := recover(); r != nil {
			d.Core.deps.Log.Error("panic in answer", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	f(ctx)
}

// run hands f to Serve's dispatcher; false when Serve has returned.
func (d *Desk) run(f func(context.Context)) bool {
	select {
	case <-d.stopped:
		return false
	default:
	}
	select {
	case d.jobs <- f:
		return true
	case <-d.stopped:
		return false
	}
}

// Do runs f with a context of the desk's (for a front end's handler that
// has none: a reindex, a journal lookup). A shutdown waits for it like for
// an answer. It reports false when the desk has stopped and f won't run.
func (d *Desk) Do(f func(ctx context.Context)) bool {
	tracked := d.enter()
	ok := d.run(func(ctx context.Context) {
		if tracked {
			defer d.inflight.Done()
		}
		f(ctx)
	})
	if !ok && tracked {
		d.inflight.Done()
	}
	return ok
}

// enter counts work in progress unless the desk is closing.
func (d *Desk) enter() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closing {
		return false
	}
	d.inflight.Add(1)
	return true
}

// ---- admission ----

// Ticket is a place in the queue; Submit uses it, Release gives it back
// unused.
type Ticket struct {
	once    sync.Once
	release func()
}

// Release gives the place back; later calls do nothing.
func (t *Ticket) Release() { t.once.Do(t.release) }

// Admit checks the user's rate limit and takes a place in the queue; when
// refused, wait says when to come back (see BusyText).
func (d *Desk) Admit(user string) (t *Ticket, wait time.Duration, ok bool) {
	t, wait, r := d.AdmitFor(user)
	return t, wait, r == Admitted
}

// Refusal says why a question was not admitted.
type Refusal int

// Refusals.
const (
	Admitted    Refusal = iota // not refused
	RateLimited                // the asker asked too often
	QueueFull                  // every place in the queue is taken
	Closing                    // the desk is shutting down
)

// AdmitFor is Admit, saying why a question was refused: a front end may
// answer an asker's own rate limit differently from an overloaded or
// stopping server (HTTP 429 against 503).
func (d *Desk) AdmitFor(user string) (t *Ticket, wait time.Duration, why Refusal) {
	d.mu.Lock()
	if d.closing {
		d.mu.Unlock()
		return nil, closingWait, Closing
	}
	ul := d.limiter(user)
	ul.seen = time.Now()
	r := ul.lim.Reserve()
	if delay := r.Delay(); delay > 0 {
		r.Cancel()
		d.mu.Unlock()
		return nil, delay, RateLimited
	}
	select {
	case d.queue <- struct{}{}:
	default:
		d.mu.Unlock()
		return nil, queueFullWait, QueueFull
	}
	d.inflight.Add(1)
	d.mu.Unlock()
	return &Ticket{release: func() { <-d.queue; d.inflight.Done() }}, 0, Admitted
}

// limiter returns the user's limiter, made on first use; d.mu is held.
func (d *Desk) limiter(user string) *userLimiter {
	ul := d.limiters[user]
	if ul == nil {
		if len(d.limiters) > maxLimiters {
			for id, l := range d.limiters {
				if time.Since(l.seen) > 10*time.Minute {
					delete(d.limiters, id)
				}
			}
		}
		ul = &userLimiter{lim: rate.NewLimiter(rate.Limit(d.cfg.RatePerMinute/60), d.cfg.RateBurst)}
		d.limiters[user] = ul
	}
	return ul
}

// NoticeDue reports whether a user refused now should be told so: once per
// minute, so that a flood of questions costs no flood of notices.
func (d *Desk) NoticeDue(user string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	ul := d.limiter(user)
	now := time.Now()
	if now.Before(ul.noticeUntil) {
		return false
	}
	ul.noticeUntil = now.Add(noticeWindow)
	return true
}

// ---- conversations ----

// Conversation returns the conversation with the front end's ID id, nil
// when there is none.
func (d *Desk) Conversation(id string) *Conversation {
	d.convMu.Lock()
	defer d.convMu.Unlock()
	return d.convs[id]
}

// StartConversation starts a conversation under id, forgetting the least
// recently used one when the store is full.
func (d *Desk) StartConversation(id string) *Conversation {
	d.convMu.Lock()
	defer d.convMu.Unlock()
	if len(d.convs) >= maxConversations {
		var oldest string
		var at int64
		for k, cv := range d.convs {
			if seen := cv.seen.Load(); oldest == "" || seen < at {
				oldest, at = k, seen
			}
		}
		delete(d.convs, oldest)
	}
	cv := d.NewConversation()
	d.convs[id] = cv
	return cv
}

// ---- answering ----

// Output is where a front end shows an answer. Its methods are called from
// one goroutine per answer; errors are logged.
type Output interface {
	// Partial shows the answer as written so far, at most once every
	// EditInterval.
	Partial(text string) error
	// Final shows the finished answer; reply.Entry is its journal entry.
	Final(r Reply) error
	// Notice tells the asker, in words safe to show, why there is no
	// answer.
	Notice(text string) error
}

// Submit writes the answer to q in conversation cv (nil: none) into out,
// once a worker is free, with the place t took in the queue.
func (d *Desk) Submit(t *Ticket, cv *Conversation, q Question, out Output) {
	d.SubmitContext(context.Background(), t, cv, q, out)
}

// SubmitContext is Submit for an asker who may leave: the answer stops
// when asker ends (an HTTP client hung up), as well as at a shutdown.
func (d *Desk) SubmitContext(asker context.Context, t *Ticket, cv *Conversation, q Question, out Output) {
	if !d.run(func(ctx context.Context) {
		defer t.Release()
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stop := context.AfterFunc(asker, cancel)
		defer stop()
		d.answer(ctx, cv, q, out)
	}) {
		// The desk has stopped: say so rather than leave the asker
		// waiting for an answer that will never come.
		t.Release()
		if err := out.Notice(RestartingText); err != nil {
			d.Core.deps.Log.Warn("send restarting notice", "err", err)
		}
	}
}

// answer waits for a worker and writes one answer: streamed into out at
// most every EditInterval, then in full.
func (d *Desk) answer(ctx context.Context, cv *Conversation, q Question, out Output) {
	ctx, cancel := context.WithTimeout(ctx, d.cfg.AnswerTimeout)
	defer cancel()
	log := d.Core.deps.Log
	select {
	case d.workers <- struct{}{}:
		defer func() { <-d.workers }()
	case <-ctx.Done():
		// Waited in the queue until the answer's time was up: say so.
		text := OverloadedText
		if d.isClosing() {
			text = RestartingText
		}
		if err := out.Notice(text); err != nil {
			log.Warn("send busy notice", "err", d.Core.deps.Redact(err.Error()))
		}
		return
	}
	th := &throttle{out: out, every: d.cfg.EditInterval, last: q.Received, warn: func(err error) {
		log.Warn("show partial answer", "err", d.Core.deps.Redact(err.Error()))
	}}
	r, err := d.Ask(ctx, cv, q, th.update)
	if err != nil {
		if err := out.Notice(FailedText); err != nil {
			log.Warn("send failure notice", "err", d.Core.deps.Redact(err.Error()))
		}
		return
	}
	th.settle(ctx)
	if err := out.Final(r); err != nil {
		log.Warn("send answer", "err", d.Core.deps.Redact(err.Error()))
	}
}

func (d *Desk) isClosing() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.closing
}

// throttle passes an answer being written to an Output at most once every
// interval; nothing is shown before one interval has passed.
type throttle struct {
	out      Output
	every    time.Duration
	last     time.Time
	shown    bool
	streamed strings.Builder
	warn     func(error)
}

func (t *throttle) update(u bot.Update) error {
	if u.Reset {
		t.streamed.Reset()
	}
	t.streamed.WriteString(u.Text)
	if time.Since(t.last) < t.every || strings.TrimSpace(t.streamed.String()) == "" {
		return nil
	}
	t.last, t.shown = time.Now(), true
	if err := t.out.Partial(t.streamed.String()); err != nil {
		t.warn(err)
	}
	return nil
}

// settle waits, when something was shown, until the next update may be
// shown (or ctx ends).
func (t *throttle) settle(ctx context.Context) {
	if !t.shown {
		return
	}
	if wait := t.every - time.Since(t.last); wait > 0 {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
	}
}
