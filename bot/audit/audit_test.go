package audit

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
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
	if err := l.Export(t.Context(), &jb, "jsonl", Filter{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(jb.String()), "\n")
	var first Record
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || first.ID != id1 {
		t.Errorf("jsonl export:\n%s", jb.String())
	}
	if err := l.Export(t.Context(), &cb, "csv", Filter{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cb).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "id" || rows[1][5] != "Why?" {
		t.Errorf("csv export %v %v", rows, err)
	}
	if err := l.Export(t.Context(), &cb, "xml", Filter{}); err == nil {
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

func TestLogFilesAreOwnerOnly(t *testing.T) {
	t.Run("new", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "data", "audit.db")
		l, err := Open(t.Context(), path, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		if _, err := l.Add(t.Context(), Record{Question: "q"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if m := fi.Mode().Perm(); m != 0o600 {
				t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
			}
		}
	})
	t.Run("existing", func(t *testing.T) {
		// A log made before this fix, still open (so its -wal and -shm
		// files exist), all readable by everyone.
		path := filepath.Join(t.TempDir(), "audit.db")
		first, err := Open(t.Context(), path, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer first.Close()
		if _, err := first.Add(t.Context(), Record{Question: "q"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			if err := os.Chmod(p, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		l, err := Open(t.Context(), path, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if m := fi.Mode().Perm(); m != 0o600 {
				t.Errorf("%s: mode %o after reopening, want 600", filepath.Base(p), m)
			}
		}
		if recs, err := l.Recent(t.Context(), 5); err != nil || len(recs) != 1 {
			t.Errorf("records %v, %v", recs, err)
		}
	})
}

func TestCSVExportNeutralisesFormulas(t *testing.T) {
	l, err := Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, q := range []string{"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"} {
		if _, err := l.Add(t.Context(), Record{Question: q, Answer: q, UserID: q}); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := l.Export(t.Context(), &b, "csv", Filter{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, col := range []int{4, 5, 6} {
			c := row[col]
			t.Run(c, func(t *testing.T) {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("column %s starts a formula: %q", rows[0][col], c)
				}
				if c != "plain" && c != "a=b" && !strings.HasPrefix(c, "'") {
					t.Errorf("column %s not prefixed: %q", rows[0][col], c)
				}
			})
		}
		if row[12] != "0" {
			t.Errorf("feedback %q: numbers stay numbers", row[12])
		}
	}
}

func TestOldLogIsMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// The table as citebot created it before error_detail.
	if _, err := db.Exec(`CREATE TABLE answers (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,
		guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, user_id TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
		declined INTEGER NOT NULL, mode TEXT NOT NULL, model TEXT NOT NULL, note TEXT NOT NULL, latency_ms INTEGER NOT NULL,
		citations TEXT NOT NULL, flagged INTEGER NOT NULL, feedback INTEGER NOT NULL DEFAULT 0, feedback_by TEXT NOT NULL DEFAULT '');
		INSERT INTO answers (time, guild_id, channel_id, user_id, question, answer, declined, mode, model, note, latency_ms, citations, flagged)
		VALUES (1, 'g', 'c', 'u', 'old question', 'a', 0, 'llm', 'm', '', 5, '[]', 0),
		(2, 'g', 'c', 'u', 'old unverified', 'a', 0, 'llm', 'm', '', 5,
			'[{"ref":1,"verified":true,"excerpt":"x"},{"ref":2,"verified":false,"excerpt":"y"}]', 1),
		(3, 'g', 'c', 'u', 'old verified', 'a', 0, 'llm', 'm', '', 5, '[{"ref":1,"verified":true,"excerpt":"x"}]', 0),
		(4, 'g', 'c', 'u', 'old failure', '', 0, 'llm', 'm', 'The model could not answer.', 5, 'null', 1),
		(5, 'g', 'c', 'u', 'old garbled', '', 0, 'llm', 'm', '', 5, '{"ref', 0)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l, err := Open(t.Context(), path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Add(t.Context(), Record{Question: "new", Note: "The model could not answer.", ErrorDetail: "401: bad key sk-abc"}); err != nil {
		t.Fatal(err)
	}
	if r, err := l.Get(t.Context(), 3); err != nil || r.Review != nil || len(r.Reviews) != 0 {
		t.Errorf("an old answer never reviewed: %+v, %v", r.Review, err)
	}
	if _, err := l.db.Exec(`DELETE FROM answers WHERE question = 'old garbled'`); err != nil { // scan can't read it
		t.Fatal(err)
	}
	// The day counts are backfilled from the old answers.
	if s, err := l.Stats(t.Context(), time.Time{}, time.Time{}); err != nil || s.Answers != 5 || s.Unverified != 1 || s.ModelFailures != 2 {
		t.Errorf("stats after migration: %+v, %v", s, err)
	}
	recs, err := l.Recent(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || recs[0].ErrorDetail != "401: bad key sk-abc" || !recs[0].Flagged() || recs[4].Question != "old question" {
		t.Errorf("after migration: %+v", recs)
	}
	// The filters' columns are backfilled for the old answers.
	for _, c := range []struct {
		f    Filter
		want []string
	}{
		{Filter{Unverified: true}, []string{"old unverified"}},
		{Filter{ModelFailure: true}, []string{"new", "old failure"}},
		{Filter{Unreviewed: true, Until: time.UnixMilli(10)}, []string{"old failure", "old verified", "old unverified", "old question"}},
	} {
		recs, err := l.List(t.Context(), c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range recs {
			got = append(got, r.Question)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v after migration: %q, want %q", c.f, got, c.want)
		}
	}
}

// TestSingleReviewsMoveIntoHistory: a log from before the reviews table,
// whose answers hold one review each, has them moved into it on open.
func TestSingleReviewsMoveIntoHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	l, err := Open(t.Context(), path, 0)
	if err != nil {
		t.Fatal(err)
	}
	id, err := l.Add(t.Context(), Record{Question: "q"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Add(t.Context(), Record{Question: "never reviewed"}); err != nil {
		t.Fatal(err)
	}
	// The log as the version before kept a review: on the answer alone.
	if _, err := l.db.Exec(`DROP TABLE reviews; DROP TRIGGER reviews_of_deleted; UPDATE answers SET reviewed_at = 5000, reviewed_by = 'ann', review_note = 'old note' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if l, err = Open(t.Context(), path, 0); err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r, err := l.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	want := Review{By: "ann", Note: "old note", Time: time.UnixMilli(5000).UTC()}
	if len(r.Reviews) != 1 || r.Reviews[0] != want || r.Review == nil || *r.Review != want {
		t.Errorf("after the move: %+v, %+v", r.Review, r.Reviews)
	}
	if err := l.MarkReviewed(t.Context(), id, "bob", "new note"); err != nil {
		t.Fatal(err)
	}
	if r, err := l.Get(t.Context(), id); err != nil || len(r.Reviews) != 2 || r.Reviews[1] != want {
		t.Errorf("a review after the move: %+v, %v", r.Reviews, err)
	}
}
