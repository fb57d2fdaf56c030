package audit

import (
	"context"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
)

// Journal is the log as the serving core's journal (serve.Journal).
type Journal struct{ Log *Log }

var _ serve.Journal = Journal{}

// Record adds an answer to the log.
func (j Journal) Record(ctx context.Context, e serve.Entry) (int64, error) {
	return j.Log.Add(ctx, recordOf(e))
}

// Feedback records a vote on an answer.
func (j Journal) Feedback(ctx context.Context, entry int64, user string, vote int) error {
	return j.Log.Feedback(ctx, entry, user, vote)
}

// Recent returns the latest n answers, flagged ones first.
func (j Journal) Recent(ctx context.Context, n int) ([]serve.Entry, error) {
	recs, err := j.Log.Recent(ctx, n)
	if err != nil {
		return nil, err
	}
	out := make([]serve.Entry, len(recs))
	for i, r := range recs {
		out[i] = entryOf(r)
	}
	return out, nil
}

func recordOf(e serve.Entry) Record {
	a := e.Answer
	r := Record{Time: e.Time, GuildID: e.Origin.Space, ChannelID: e.Origin.Channel, UserID: e.Origin.User,
		Question: e.Question, Answer: a.Text, Declined: a.Declined, Mode: a.Mode, Model: a.Model, Note: a.Note,
		ErrorDetail: e.ErrorDetail, LatencyMS: e.Latency.Milliseconds(), Feedback: e.Feedback}
	for _, c := range a.Citations {
		r.Citations = append(r.Citations, Citation{Ref: c.Ref, PassageID: c.PassageID, Source: c.Source,
			LineStart: c.LineStart, LineEnd: c.LineEnd, Excerpt: c.Excerpt, Verified: c.Verified})
	}
	return r
}

func entryOf(r Record) serve.Entry {
	e := serve.Entry{ID: r.ID, Time: r.Time, Origin: serve.Origin{Space: r.GuildID, Channel: r.ChannelID, User: r.UserID},
		Question: r.Question, ErrorDetail: r.ErrorDetail, Latency: time.Duration(r.LatencyMS) * time.Millisecond,
		Feedback: r.Feedback, Answer: bot.Answer{Question: r.Question, Text: r.Answer, Declined: r.Declined, Mode: r.Mode,
			Model: r.Model, Note: r.Note, Citations: make([]bot.Citation, 0, len(r.Citations))}}
	for _, rc := range r.Citations {
		// Fields set one by one: bot.Citation's provenance may move into
		// an embedded locator.
		var c bot.Citation
		c.Ref, c.PassageID, c.Excerpt, c.Verified = rc.Ref, rc.PassageID, rc.Excerpt, rc.Verified
		c.Source, c.LineStart, c.LineEnd = rc.Source, rc.LineStart, rc.LineEnd
		e.Answer.Citations = append(e.Answer.Citations, c)
	}
	return e
}
