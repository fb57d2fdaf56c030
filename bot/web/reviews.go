package web

import (
	"context"
	"errors"
	"io"
	"time"
)

// ErrNotFound is what Reviews' Get and MarkReviewed wrap when there is no
// answer with the ID asked for.
var ErrNotFound = errors.New("no such answer")

// Filter narrows the answers listed; the zero Filter lists every answer,
// newest first.
type Filter struct {
	Since, Until time.Time // zero: unbounded; Since inclusive, Until exclusive
	Channel      string    // channel id ("" any)
	// Each true flag narrows the list (they combine with AND).
	NegativeFeedback bool   // a 👎
	Unverified       bool   // at least one citation not verified
	ModelFailure     bool   // the model failed (error detail recorded, or a note)
	Declined         bool   // citebot declined to answer
	Unreviewed       bool   // no moderator has marked it reviewed
	Text             string // case-insensitive substring of the question ("" any)
	BeforeID         int64  // keyset page: only answers with id < BeforeID; 0 from the newest
	// AfterID pages back: only answers with id > AfterID, the Limit just
	// above it (still listed newest first); 0: none.
	AfterID int64
	Limit   int // 1..500; 0 means 50
}

// Review is a moderator's mark on an answer.
type Review struct {
	By   string // who marked it (a name the moderator gives, or "moderator")
	Note string
	Time time.Time
}

// Citation is a citation of a recorded answer.
type Citation struct {
	Ref                int
	PassageID, Source  string
	LineStart, LineEnd int
	Excerpt            string
	Verified           bool
}

// Entry is a recorded answer.
type Entry struct {
	ID                                           int64
	Time                                         time.Time
	GuildID, ChannelID, UserID, Question, Answer string
	Declined                                     bool
	Mode, Model, Note, ErrorDetail               string
	LatencyMS                                    int64
	Citations                                    []Citation
	Feedback                                     int
	FeedbackBy                                   string
	Review                                       *Review // the latest review; nil: not reviewed
	// Reviews are every review of the answer, newest first (Get fills it
	// in; List may not).
	Reviews []Review
}

// QuestionGroup is a set of similar questions the corpus couldn't answer
// (declined).
type QuestionGroup struct {
	Question string    // the group's representative (most recent, or most central) question
	Examples []string  // up to 5 distinct other wordings
	Count    int       // how many declined answers the group holds
	Last     time.Time // most recent
	IDs      []int64   // up to 20 answer ids, newest first
}

// Day is one day's counts, for the "answers over time" chart.
type Day struct {
	Day                        time.Time
	Answers, Declined, Flagged int
}

// Stats are counts over a period.
type Stats struct {
	Answers, Declined, ThumbsUp, ThumbsDown, Unverified, ModelFailures, Reviewed int
	Days                                                                         []Day // one per UTC day in the period that has answers, oldest first
}

// Reviews is the audit log as the moderators' pages use it.
type Reviews interface {
	List(ctx context.Context, f Filter) ([]Entry, error)
	Count(ctx context.Context, f Filter, max int) (int, error)         // counts up to max (max < 1: all of them)
	Get(ctx context.Context, id int64) (Entry, error)                  // an error wrapping ErrNotFound when none
	MarkReviewed(ctx context.Context, id int64, by, note string) error // ErrNotFound when none
	Unanswered(ctx context.Context, since, until time.Time, limit int) ([]QuestionGroup, error)
	Stats(ctx context.Context, since, until time.Time) (Stats, error)
	Channels(ctx context.Context) ([]string, error)                         // distinct channel ids, for the filter
	Export(ctx context.Context, w io.Writer, format string, f Filter) error // "jsonl" or "csv"
}
