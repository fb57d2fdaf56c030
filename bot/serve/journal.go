package serve

import (
	"context"
	"time"

	"github.com/citebot/citebot/bot"
)

// Journal records the answers a front desk gives, for moderators to review
// (bot/audit keeps one in SQLite).
type Journal interface {
	// Record adds an answer and returns its entry ID.
	Record(ctx context.Context, e Entry) (int64, error)
	// Feedback records a person's vote, +1 or -1, on an entry.
	Feedback(ctx context.Context, entry int64, user string, vote int) error
	// Recent returns the latest n entries, flagged ones first.
	Recent(ctx context.Context, n int) ([]Entry, error)
}

// Entry is one journaled answer.
type Entry struct {
	ID       int64
	Time     time.Time
	Origin   Origin
	Question string
	// Answer is the answer given; its Note is the one users saw (FailedText
	// when no answer could be written) and it carries no Cause.
	Answer bot.Answer
	// ErrorDetail is what went wrong in full when users were shown only a
	// short class of it: for operators, never for users.
	ErrorDetail string
	Latency     time.Duration
	// Feedback is +1, -1 or 0 (none).
	Feedback int
}

// Flagged reports whether an entry deserves a moderator's look first: a
// vote down, an unverified quotation, or a note or an error.
func (e Entry) Flagged() bool {
	if e.Feedback < 0 || e.Answer.Note != "" || e.ErrorDetail != "" {
		return true
	}
	for _, c := range e.Answer.Citations {
		if !c.Verified {
			return true
		}
	}
	return false
}
