package audit_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/serve"
)

// TestJournalRoundTrip: what the serving core journals comes back from the
// log as it went in, with the vote on it.
func TestJournalRoundTrip(t *testing.T) {
	log, err := audit.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	j := audit.Journal{Log: log}
	var c bot.Citation
	c.Ref, c.PassageID, c.Excerpt, c.Verified = 1, "p1", "an excerpt", false
	c.Source, c.LineStart, c.LineEnd = "a.txt", 6, 8
	in := serve.Entry{Time: time.Unix(1700000000, 0).UTC(), Origin: serve.Origin{Space: "g", Channel: "ch", User: "u"},
		Question: "q?", ErrorDetail: "detail", Latency: 1500 * time.Millisecond,
		Answer: bot.Answer{Text: "a [1]", Mode: bot.ModeLLM, Model: "m", Note: "note", Citations: []bot.Citation{c}}}
	id, err := j.Record(t.Context(), in)
	if err != nil || id == 0 {
		t.Fatalf("Record: %d, %v", id, err)
	}
	if err := j.Feedback(t.Context(), id, "u2", -1); err != nil {
		t.Fatal(err)
	}
	out, err := j.Recent(t.Context(), 5)
	if err != nil || len(out) != 1 {
		t.Fatalf("Recent: %v, %v", out, err)
	}
	got := out[0]
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"id", got.ID, id},
		{"time", got.Time.Unix(), in.Time.Unix()},
		{"origin", got.Origin, in.Origin},
		{"question", got.Question, in.Question},
		{"answer", got.Answer.Text, in.Answer.Text},
		{"note", got.Answer.Note, in.Answer.Note},
		{"detail", got.ErrorDetail, in.ErrorDetail},
		{"latency", got.Latency, in.Latency},
		{"feedback", got.Feedback, -1},
		{"citation", got.Answer.Citations[0].Source + got.Answer.Citations[0].PassageID, "a.txtp1"},
		{"lines", [2]int{got.Answer.Citations[0].LineStart, got.Answer.Citations[0].LineEnd}, [2]int{6, 8}},
		{"flagged", got.Flagged(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}
