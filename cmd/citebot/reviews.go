package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/web"
)

// auditReviews is the audit log as the moderators' pages read it: the
// adapter between two sibling packages that don't know each other.
type auditReviews struct{ log *audit.Log }

var _ web.Reviews = auditReviews{}

func (a auditReviews) List(ctx context.Context, f web.Filter) ([]web.Entry, error) {
	recs, err := a.log.List(ctx, audit.Filter(f))
	if err != nil {
		return nil, err
	}
	out := make([]web.Entry, len(recs))
	for i, r := range recs {
		out[i] = entryOf(r)
	}
	return out, nil
}

func (a auditReviews) Count(ctx context.Context, f web.Filter, max int) (int, error) {
	return a.log.CountAtMost(ctx, audit.Filter(f), max)
}

func (a auditReviews) Get(ctx context.Context, id int64) (web.Entry, error) {
	r, err := a.log.Get(ctx, id)
	if err != nil {
		return web.Entry{}, notFound(err)
	}
	return entryOf(r), nil
}

func (a auditReviews) MarkReviewed(ctx context.Context, id int64, by, note string) error {
	return notFound(a.log.MarkReviewed(ctx, id, by, note))
}

func (a auditReviews) Unanswered(ctx context.Context, since, until time.Time, limit int) ([]web.QuestionGroup, error) {
	gs, err := a.log.Unanswered(ctx, since, until, limit)
	if err != nil {
		return nil, err
	}
	out := make([]web.QuestionGroup, len(gs))
	for i, g := range gs {
		out[i] = web.QuestionGroup(g)
	}
	return out, nil
}

func (a auditReviews) Stats(ctx context.Context, since, until time.Time) (web.Stats, error) {
	s, err := a.log.Stats(ctx, since, until)
	if err != nil {
		return web.Stats{}, err
	}
	out := web.Stats{Answers: s.Answers, Declined: s.Declined, ThumbsUp: s.ThumbsUp, ThumbsDown: s.ThumbsDown,
		Unverified: s.Unverified, ModelFailures: s.ModelFailures, Reviewed: s.Reviewed, Days: make([]web.Day, len(s.Days))}
	for i, d := range s.Days {
		out.Days[i] = web.Day(d)
	}
	return out, nil
}

func (a auditReviews) Channels(ctx context.Context) ([]string, error) { return a.log.Channels(ctx) }

func (a auditReviews) Export(ctx context.Context, w io.Writer, format string, f web.Filter) error {
	return a.log.Export(ctx, w, format, audit.Filter(f))
}

// notFound carries the audit log's "no such answer" over as the pages'.
func notFound(err error) error {
	if errors.Is(err, audit.ErrNotFound) {
		return fmt.Errorf("%w: %w", web.ErrNotFound, err)
	}
	return err
}

func entryOf(r audit.Record) web.Entry {
	e := web.Entry{ID: r.ID, Time: r.Time, GuildID: r.GuildID, ChannelID: r.ChannelID, UserID: r.UserID,
		Question: r.Question, Answer: r.Answer, Declined: r.Declined, Mode: r.Mode, Model: r.Model, Note: r.Note,
		ErrorDetail: r.ErrorDetail, LatencyMS: r.LatencyMS, Feedback: r.Feedback, FeedbackBy: r.FeedbackBy,
		Citations: make([]web.Citation, len(r.Citations))}
	for i, c := range r.Citations {
		e.Citations[i] = web.Citation(c)
	}
	if r.Review != nil {
		rv := web.Review(*r.Review)
		e.Review = &rv
	}
	for _, rv := range r.Reviews {
		e.Reviews = append(e.Reviews, web.Review(rv))
	}
	return e
}
