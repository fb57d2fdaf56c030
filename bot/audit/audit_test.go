package audit

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLogRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	l, err := Open(t.Context(), path, 30)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ok := Record{Time: now.Add(-time.Minute), GuildID: "g", ChannelID: "c", UserID: "u1", Question: "Why?", Answer: `"x" [1]`,
		Mode: "llm", Model: "m", LatencyMS: 12, Citations: []Citation{{Ref: 1, PassageID: "p", Excerpt: "x", Verified: true}}}
	bad := ok
	bad.Time, bad.UserID = now, "u2"
	bad.Citations = append(bad.Citations, Citation{Ref: 1, PassageID: "p", Excerpt: "made up", Verified: false})
	id1, err := l.Add(t.Context(), ok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Add(t.Context(), bad); err != nil {
		t.Fatal(err)
	}
	old := ok
	old.Time = now.Add(-40 * 24 * time.Hour)
	if _, err := l.Add(t.Context(), old); err != nil {
		t.Fatal(err)
	}
	if err := l.Feedback(t.Context(), id1, "mod", -1); err != nil {
		t.Fatal(err)
	}
	if err := l.Feedback(t.Context(), 999, "mod", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("feedback on a missing answer: %v", err)
	}
	if n, err := l.Prune(t.Context(), now); err != nil || n != 1 {
		t.Errorf("prune removed %d, %v; want the 40-day-old one", n, err)
	}
	recs, err := l.Recent(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || !recs[0].Flagged() || !recs[1].Flagged() {
		t.Fatalf("recent %+v", recs)
	}
	if recs[0].UserID != "u2" || recs[1].Feedback != -1 || recs[1].FeedbackBy != "mod" || recs[1].Citations[0].Excerpt != "x" {
		t.Errorf("recent %+v", recs)
	}
	var jb, cb bytes.Buffer
	if err := l.Export(t.Context(), &jb, "jsonl"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(jb.String()), "\n")
	var first Record
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || first.ID != id1 {
		t.Errorf("jsonl export:\n%s", jb.String())
	}
	if err := l.Export(t.Context(), &cb, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cb).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "id" || rows[1][5] != "Why?" {
		t.Errorf("csv export %v %v", rows, err)
	}
	if err := l.Export(t.Context(), &cb, "xml"); err == nil {
		t.Error("xml export accepted")
	}
	l.Close()
	// Reopening keeps the records.
	l, err = Open(t.Context(), path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if recs, _ := l.Recent(t.Context(), 10); len(recs) != 2 {
		t.Errorf("%d records after reopening", len(recs))
	}
}
