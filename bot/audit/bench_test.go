package audit

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchRows is the size of the log the benchmarks query.
const benchRows = 100_000

// benchLog returns a log of benchRows realistic answers over 90 days, in
// the order they were given: 20 channels (a few busy ones), 10% declined,
// 8% with an unverified quotation, 3% model failures, 12% 👍 and 5% 👎,
// 2% reviewed; questions from a vocabulary, answers and excerpts of a few
// hundred characters. It also returns the id of an answer a tenth of the
// way from the oldest, for deep pages.
func benchLog(b *testing.B) (*Log, int64) {
	b.Helper()
	l, err := Open(b.Context(), filepath.Join(b.TempDir(), "audit.db"), 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	rng := rand.New(rand.NewPCG(1, 2))
	topics := []string{"install", "configure", "proxy", "token", "upgrade", "backup", "restore", "permissions", "plugin",
		"database", "cache", "logging", "webhook", "certificate", "docker", "memory", "timeout", "index", "search", "export"}
	lead := []string{"how do I", "why does", "can I", "what is the", "where do I set the", "is there a way to"}
	filler := strings.Repeat("The documentation explains this step in the section on configuration. ", 6)
	start := time.Now().Add(-90 * 24 * time.Hour)
	step := 90 * 24 * time.Hour / benchRows
	tx, err := l.db.BeginTx(b.Context(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	var deep int64
	for i := range benchRows {
		ch := rng.IntN(20)
		if rng.IntN(2) == 0 {
			ch = rng.IntN(3) // a few busy channels
		}
		q := fmt.Sprintf("%s %s the %s with %s?", lead[rng.IntN(len(lead))], topics[rng.IntN(len(topics))],
			topics[rng.IntN(len(topics))], topics[rng.IntN(len(topics))])
		r := Record{Time: start.Add(time.Duration(i) * step), GuildID: "guild", ChannelID: fmt.Sprintf("chan%02d", ch),
			UserID: fmt.Sprintf("user%d", rng.IntN(2000)), Question: q, Answer: filler + " [1] [2]", Mode: "llm", Model: "qwen",
			LatencyMS: int64(200 + rng.IntN(3000))}
		switch p := rng.IntN(100); {
		case p < 10:
			r.Declined, r.Answer = true, "I couldn't find this in the documentation."
		case p < 13:
			r.Note, r.ErrorDetail = "The model could not answer.", "502: upstream"
		default:
			for ref := 1; ref <= 2+rng.IntN(2); ref++ {
				r.Citations = append(r.Citations, Citation{Ref: ref, PassageID: fmt.Sprintf("docs/%s.md#%d", topics[ref], i%50),
					Source: "docs/" + topics[ref] + ".md", LineStart: 10, LineEnd: 14, Excerpt: filler[:200], Verified: true})
			}
			if rng.IntN(100) < 9 {
				r.Citations[0].Verified = false
			}
		}
		switch p := rng.IntN(100); {
		case p < 12:
			r.Feedback, r.FeedbackBy = 1, r.UserID
		case p < 17:
			r.Feedback, r.FeedbackBy = -1, r.UserID
		}
		id, err := insert(b.Context(), tx, r)
		if err != nil {
			b.Fatal(err)
		}
		// Feedback and reviews as Feedback and MarkReviewed write them.
		if _, err := tx.ExecContext(b.Context(), `UPDATE answers SET feedback = ?, feedback_by = ?, flagged = flagged OR ? < 0 WHERE id = ?`,
			r.Feedback, r.FeedbackBy, r.Feedback, id); err != nil {
			b.Fatal(err)
		}
		if rng.IntN(100) < 2 {
			if _, err := tx.ExecContext(b.Context(), `UPDATE answers SET reviewed_at = ?, reviewed_by = 'mod', review_note = 'checked' WHERE id = ?`,
				r.Time.Add(time.Hour).UnixMilli(), id); err != nil {
				b.Fatal(err)
			}
		}
		if i == benchRows/10 {
			deep = id
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return l, deep
}

// BenchmarkListPage100k is the moderators' list page (50 answers) over a
// log of 100,000, unfiltered, filtered, and deep in the log.
func BenchmarkListPage100k(b *testing.B) {
	l, deep := benchLog(b)
	week := time.Now().Add(-7 * 24 * time.Hour)
	cases := []struct {
		name string
		f    Filter
	}{
		{"newest", Filter{}},
		{"negative", Filter{NegativeFeedback: true}},
		{"unverified+channel", Filter{Unverified: true, Channel: "chan07"}},
		{"failure+unreviewed", Filter{ModelFailure: true, Unreviewed: true}},
		{"declined+week", Filter{Declined: true, Since: week}},
		{"deep", Filter{BeforeID: deep}},
		{"deep+negative+channel", Filter{NegativeFeedback: true, Channel: "chan01", BeforeID: deep}},
		{"text", Filter{Text: "webhook the docker"}},
		{"text-rare", Filter{Text: "no such words"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				recs, err := l.List(b.Context(), c.f)
				if err != nil {
					b.Fatal(err)
				}
				if len(recs) != DefaultLimit && !strings.HasPrefix(c.name, "text") {
					b.Fatalf("%d answers", len(recs))
				}
			}
		})
	}
}

// BenchmarkCount100k counts a filter's answers over a log of 100,000 (the
// list page's "n answers").
func BenchmarkCount100k(b *testing.B) {
	l, _ := benchLog(b)
	cases := []struct {
		name string
		f    Filter
	}{
		{"all", Filter{}},
		{"negative", Filter{NegativeFeedback: true}},
		{"unverified+channel", Filter{Unverified: true, Channel: "chan07"}},
		{"unreviewed", Filter{Unreviewed: true}},
		{"week", Filter{Since: time.Now().Add(-7 * 24 * time.Hour)}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Count(b.Context(), c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStats100k is the 90 days' counts and day buckets over a log of
// 100,000, and the unanswered questions report.
func BenchmarkStats100k(b *testing.B) {
	l, _ := benchLog(b)
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.Stats(b.Context(), time.Time{}, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unanswered", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.Unanswered(b.Context(), time.Now().Add(-30*24*time.Hour), time.Time{}, 50); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUnansweredAdversarial20k is the unanswered-questions report
// over 20,000 declined questions that all share one word and no other
// ("install alpha7 beta7 gamma7"), as anyone can leave them through the
// ask page: each is a group of its own.
func BenchmarkUnansweredAdversarial20k(b *testing.B) {
	l, err := Open(b.Context(), filepath.Join(b.TempDir(), "audit.db"), 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	tx, err := l.db.BeginTx(b.Context(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	start := time.Now().Add(-time.Hour)
	for i, q := range adversarialQuestions(20_000) {
		if _, err := insert(b.Context(), tx, Record{Time: start.Add(time.Duration(i) * time.Millisecond), Question: q, Declined: true}); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		gs, err := l.Unanswered(b.Context(), time.Time{}, time.Time{}, 50)
		if err != nil || len(gs) != 50 {
			b.Fatalf("%d groups, %v", len(gs), err)
		}
	}
}
