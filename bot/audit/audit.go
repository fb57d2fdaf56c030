// Package audit keeps a log of every answer citebot gives, with its
// citations and the feedback people leave, in SQLite (pure Go, no cgo), so
// moderators can check citations and review answers offline.
package audit

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite"
)

// Citation is what the log keeps of a citation.
type Citation struct {
	Ref       int    `json:"ref"`
	PassageID string `json:"passage_id"`
	Source    string `json:"source"`
	LineStart int    `json:"line_start"`
	LineEnd   int    `json:"line_end"`
	Excerpt   string `json:"excerpt"`
	Verified  bool   `json:"verified"`
}

// Record is one answer.
type Record struct {
	ID        int64     `json:"id"`
	Time      time.Time `json:"time"`
	GuildID   string    `json:"guild_id"`
	ChannelID string    `json:"channel_id"`
	UserID    string    `json:"user_id"`
	Question  string    `json:"question"`
	Answer    string    `json:"answer"`
	Declined  bool      `json:"declined"`
	Mode      string    `json:"mode"`
	Model     string    `json:"model"`
	Note      string    `json:"note"`
	// ErrorDetail is what went wrong in full (a model server's error text,
	// say) when users were shown only a short class of it; never shown in
	// Discord, kept here and in the logs for operators.
	ErrorDetail string     `json:"error_detail,omitempty"`
	LatencyMS   int64      `json:"latency_ms"`
	Citations   []Citation `json:"citations"`
	// Feedback is +1 (👍), -1 (👎) or 0 (none); FeedbackBy who gave it.
	Feedback   int    `json:"feedback"`
	FeedbackBy string `json:"feedback_by"`
	// Review is a moderator's latest mark on the answer; nil when none.
	Review *Review `json:"review,omitempty"`
	// Reviews are every mark moderators made on the answer, newest first
	// (Get and the JSONL export fill it in; List leaves it nil).
	Reviews []Review `json:"reviews,omitempty"`
}

// Review is a moderator's mark on an answer.
type Review struct {
	By   string    `json:"by"` // who marked it
	Note string    `json:"note"`
	Time time.Time `json:"time"`
}

// unverified reports whether at least one citation is not verified.
func (r Record) unverified() bool {
	for _, c := range r.Citations {
		if !c.Verified {
			return true
		}
	}
	return false
}

// modelFailure reports whether the model failed: an error was recorded, or
// a note shown in its place.
func (r Record) modelFailure() bool { return r.Note != "" || r.ErrorDetail != "" }

// Flagged reports whether a record deserves a moderator's look first: a 👎,
// an unverified quotation, or a note or an error (the model failed).
func (r Record) Flagged() bool {
	return r.Feedback < 0 || r.modelFailure() || r.unverified()
}

// Log is the audit log. It is safe for concurrent use.
type Log struct {
	db        *sql.DB
	retention time.Duration
}

const schema = `
CREATE TABLE IF NOT EXISTS answers (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	time        INTEGER NOT NULL,
	guild_id    TEXT NOT NULL,
	channel_id  TEXT NOT NULL,
	user_id     TEXT NOT NULL,
	question    TEXT NOT NULL,
	answer      TEXT NOT NULL,
	declined    INTEGER NOT NULL,
	mode        TEXT NOT NULL,
	model       TEXT NOT NULL,
	note        TEXT NOT NULL,
	latency_ms  INTEGER NOT NULL,
	citations   TEXT NOT NULL,
	flagged     INTEGER NOT NULL,
	feedback    INTEGER NOT NULL DEFAULT 0,
	feedback_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS answers_flagged ON answers(flagged, time);
`

// migrations add the columns later versions brought to a log made by an
// earlier one; each is applied, with its backfill of the rows already
// there, when its column is missing.
var migrations = []struct{ column, ddl, backfill string }{
	{"error_detail", `ALTER TABLE answers ADD COLUMN error_detail TEXT NOT NULL DEFAULT ''`, ""},
	// unverified: at least one citation is not verified.
	{"unverified", `ALTER TABLE answers ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0`,
		`UPDATE answers SET unverified = 1 WHERE CASE WHEN NOT json_valid(citations) THEN 0
			WHEN json_type(citations) != 'array' THEN 0
			ELSE EXISTS (SELECT 1 FROM json_each(answers.citations) WHERE coalesce(json_extract(value, '$.verified'), 0) = 0) END`},
	// model_failure: an error was recorded, or a note shown instead.
	{"model_failure", `ALTER TABLE answers ADD COLUMN model_failure INTEGER NOT NULL DEFAULT 0`,
		`UPDATE answers SET model_failure = 1 WHERE note != '' OR error_detail != ''`},
	// A moderator's review: reviewed_at is 0 when none.
	{"reviewed_at", `ALTER TABLE answers ADD COLUMN reviewed_at INTEGER NOT NULL DEFAULT 0`, ""},
	{"reviewed_by", `ALTER TABLE answers ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT ''`, ""},
	{"review_note", `ALTER TABLE answers ADD COLUMN review_note TEXT NOT NULL DEFAULT ''`, ""},
}

// indexes serve the moderators' filters (each an equality that the index
// orders by id, so a page is a short range scan), Prune and the time
// filters (answers_time), the question text filter (answers_question: a
// scan of the questions alone, not of the wide rows) and Stats' part-days (answers_day_counts, on the
// UTC day, covers its query; whole days come from answer_days).
const indexes = `
CREATE INDEX IF NOT EXISTS answers_time ON answers(time);
CREATE INDEX IF NOT EXISTS answers_day_counts ON answers(time / 86400000, time, declined, flagged, feedback, unverified, model_failure, reviewed_at);
CREATE INDEX IF NOT EXISTS answers_channel ON answers(channel_id);
CREATE INDEX IF NOT EXISTS answers_feedback ON answers(feedback);
CREATE INDEX IF NOT EXISTS answers_unverified ON answers(unverified);
CREATE INDEX IF NOT EXISTS answers_model_failure ON answers(model_failure);
CREATE INDEX IF NOT EXISTS answers_declined ON answers(declined);
CREATE INDEX IF NOT EXISTS answers_question ON answers(question);
`

// migrate brings an existing log's table up to date.
func migrate(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info('answers')`)
	if err != nil {
		return fmt.Errorf("read columns: %w", err)
	}
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("read columns: %w", err)
		}
		have[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read columns: %w", err)
	}
	for _, m := range migrations {
		if have[m.column] {
			continue
		}
		if err := addColumn(ctx, db, m.ddl, m.backfill); err != nil {
			return fmt.Errorf("add column %s: %w", m.column, err)
		}
	}
	if _, err := db.ExecContext(ctx, indexes); err != nil {
		return fmt.Errorf("create indexes: %w", err)
	}
	if err := migrateReviews(ctx, db); err != nil {
		return err
	}
	return migrateDays(ctx, db)
}

// reviewsTable keeps every review of an answer (the columns reviewed_at,
// reviewed_by and review_note of answers hold the latest, which the
// filters and the day counts read). Deleting an answer deletes its
// reviews. A log made before it has its single reviews moved in.
const reviewsTable = `
CREATE TABLE reviews (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	answer_id INTEGER NOT NULL,
	time      INTEGER NOT NULL,
	reviewer  TEXT NOT NULL,
	note      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_answer ON reviews(answer_id, time);
CREATE TRIGGER IF NOT EXISTS reviews_of_deleted AFTER DELETE ON answers BEGIN
	DELETE FROM reviews WHERE answer_id = OLD.id;
END;
INSERT INTO reviews (answer_id, time, reviewer, note)
	SELECT id, reviewed_at, reviewed_by, review_note FROM answers WHERE reviewed_at != 0 ORDER BY reviewed_at, id;
`

// migrateReviews creates the reviews table, in one transaction with the
// move of the reviews already there, when the log has none.
func migrateReviews(ctx context.Context, db *sql.DB) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'reviews'`).Scan(&n); err != nil {
		return fmt.Errorf("reviews: %w", err)
	}
	if n > 0 {
		return nil
	}
	if err := addColumn(ctx, db, reviewsTable, ""); err != nil {
		return fmt.Errorf("reviews: %w", err)
	}
	return nil
}

// addColumn adds a column and fills it in for the rows already there, in
// one transaction, so a column never exists without its backfill.
func addColumn(ctx context.Context, db *sql.DB, ddl, backfill string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return err
	}
	if backfill != "" {
		if _, err := tx.ExecContext(ctx, backfill); err != nil {
			return fmt.Errorf("backfill: %w", err)
		}
	}
	return tx.Commit()
}

// private makes the log file and SQLite's companion files (-wal, -shm,
// -journal) readable by their owner only: they hold user IDs and questions.
// A file that does not exist yet is created empty with that mode, so SQLite,
// which gives its companion files the mode of the database file, never
// makes a readable one.
func private(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Open opens (creating if needed) the log at path. Records older than
// retentionDays are deleted on open and by Prune; 0 keeps them forever.
func Open(ctx context.Context, path string, retentionDays int) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	if err := private(path); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises writes anyway
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit log %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit log %s: %w", path, err)
	}
	if err := private(path); err != nil { // the -wal and -shm files now exist
		db.Close()
		return nil, fmt.Errorf("audit log: %w", err)
	}
	l := &Log{db: db, retention: time.Duration(retentionDays) * 24 * time.Hour}
	if _, err := l.Prune(ctx, time.Now()); err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

// Close closes the log.
func (l *Log) Close() error { return l.db.Close() }

// Add records an answer and returns its ID.
func (l *Log) Add(ctx context.Context, r Record) (int64, error) { return insert(ctx, l.db, r) }

// execer is a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// insert adds a record through db.
func insert(ctx context.Context, db execer, r Record) (int64, error) {
	cits, err := json.Marshal(r.Citations)
	if err != nil {
		return 0, fmt.Errorf("audit: %w", err)
	}
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	res, err := db.ExecContext(ctx, `INSERT INTO answers
		(time, guild_id, channel_id, user_id, question, answer, declined, mode, model, note, error_detail, latency_ms, citations, flagged,
		unverified, model_failure)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Time.UnixMilli(), r.GuildID, r.ChannelID, r.UserID, r.Question, r.Answer, r.Declined, r.Mode, r.Model, r.Note,
		r.ErrorDetail, r.LatencyMS, string(cits), r.Flagged(), r.unverified(), r.modelFailure())
	if err != nil {
		return 0, fmt.Errorf("audit: add: %w", err)
	}
	return res.LastInsertId()
}

// ErrNotFound is returned for an answer the log doesn't hold.
var ErrNotFound = errors.New("no such answer in the audit log")

// Feedback records a 👍 (+1) or 👎 (-1) on an answer.
func (l *Log) Feedback(ctx context.Context, id int64, userID string, vote int) error {
	if vote != 1 && vote != -1 {
		return fmt.Errorf("audit: feedback must be +1 or -1, not %d", vote)
	}
	res, err := l.db.ExecContext(ctx, `UPDATE answers SET feedback = ?, feedback_by = ?,
		flagged = CASE WHEN ? < 0 THEN 1 ELSE flagged END WHERE id = ?`, vote, userID, vote, id)
	if err != nil {
		return fmt.Errorf("audit: feedback: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const columns = `id, time, guild_id, channel_id, user_id, question, answer, declined, mode, model, note, error_detail, latency_ms, citations, feedback, feedback_by,
	reviewed_at, reviewed_by, review_note`

// scanner is a *sql.Rows or a *sql.Row.
type scanner interface{ Scan(dest ...any) error }

// reviewsColumn is every review of an answer, newest first, as a JSON
// array of {"by", "note", "time" (Unix milliseconds)}.
const reviewsColumn = `(SELECT json_group_array(json_object('by', reviews.reviewer, 'note', reviews.note, 'time', reviews.time)
	ORDER BY reviews.time DESC, reviews.id DESC) FROM reviews WHERE reviews.answer_id = answers.id)`

func scan(rows scanner) (Record, error) { return scanRecord(rows, false) }

// scanReviews reads a row of columns and reviewsColumn.
func scanReviews(rows scanner) (Record, error) { return scanRecord(rows, true) }

func scanRecord(rows scanner, withReviews bool) (Record, error) {
	var r Record
	var ms, reviewed int64
	var cits, by, note, reviews string
	dest := []any{&r.ID, &ms, &r.GuildID, &r.ChannelID, &r.UserID, &r.Question, &r.Answer, &r.Declined,
		&r.Mode, &r.Model, &r.Note, &r.ErrorDetail, &r.LatencyMS, &cits, &r.Feedback, &r.FeedbackBy,
		&reviewed, &by, &note}
	if withReviews {
		dest = append(dest, &reviews)
	}
	if err := rows.Scan(dest...); err != nil {
		return r, fmt.Errorf("audit: read: %w", err)
	}
	if withReviews {
		var rs []struct {
			By   string `json:"by"`
			Note string `json:"note"`
			Time int64  `json:"time"`
		}
		if err := json.Unmarshal([]byte(reviews), &rs); err != nil {
			return r, fmt.Errorf("audit: read reviews of %d: %w", r.ID, err)
		}
		for _, x := range rs {
			r.Reviews = append(r.Reviews, Review{By: x.By, Note: x.Note, Time: time.UnixMilli(x.Time).UTC()})
		}
	}
	r.Time = time.UnixMilli(ms).UTC()
	if reviewed != 0 {
		r.Review = &Review{By: by, Note: note, Time: time.UnixMilli(reviewed).UTC()}
	}
	if err := json.Unmarshal([]byte(cits), &r.Citations); err != nil {
		return r, fmt.Errorf("audit: read citations of %d: %w", r.ID, err)
	}
	return r, nil
}

// Recent returns up to limit answers, flagged ones first, newest first.
func (l *Log) Recent(ctx context.Context, limit int) ([]Record, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT `+columns+` FROM answers ORDER BY flagged DESC, time DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Prune deletes records older than the retention period.
func (l *Log) Prune(ctx context.Context, now time.Time) (int64, error) {
	if l.retention <= 0 {
		return 0, nil
	}
	res, err := l.db.ExecContext(ctx, `DELETE FROM answers WHERE time < ?`, now.Add(-l.retention).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("audit: prune: %w", err)
	}
	return res.RowsAffected()
}

// Export writes the records f selects (the zero Filter: every record),
// oldest first, as JSON lines ("jsonl") or CSV ("csv", citations as a JSON
// column). f.Limit is ignored: an export holds every record that matches.
// A JSON line holds every review of its answer (reviews), a CSV row the
// latest.
// In CSV, a text cell that a spreadsheet would read as a formula (starting
// with =, +, -, @, a tab or a carriage return) is prefixed with a single
// quote.
func (l *Log) Export(ctx context.Context, w io.Writer, format string, f Filter) error {
	if format != "jsonl" && format != "csv" {
		return fmt.Errorf("audit: export format must be jsonl or csv, not %q", format)
	}
	where, args, err := f.where()
	if err != nil {
		return err
	}
	cols, read := columns, scan
	if format == "jsonl" { // every review; CSV has the latest
		cols, read = columns+", "+reviewsColumn, scanReviews
	}
	rows, err := l.db.QueryContext(ctx, `SELECT `+cols+` FROM answers`+where+` ORDER BY time, id`, args...)
	if err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	defer rows.Close()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	cw := csv.NewWriter(w)
	if format == "csv" {
		cw.Write([]string{"id", "time", "guild_id", "channel_id", "user_id", "question", "answer", "declined", "mode", "model",
			"note", "latency_ms", "feedback", "feedback_by", "flagged", "citations", "error_detail",
			"reviewed_at", "reviewed_by", "review_note"})
	}
	for rows.Next() {
		r, err := read(rows)
		if err != nil {
			return err
		}
		if format == "jsonl" {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("audit: export: %w", err)
			}
			continue
		}
		cits, _ := json.Marshal(r.Citations)
		t := cell
		var rev Review
		reviewedAt := ""
		if r.Review != nil {
			rev, reviewedAt = *r.Review, r.Review.Time.Format(time.RFC3339)
		}
		cw.Write([]string{strconv.FormatInt(r.ID, 10), r.Time.Format(time.RFC3339), t(r.GuildID), t(r.ChannelID), t(r.UserID),
			t(r.Question), t(r.Answer), strconv.FormatBool(r.Declined), t(r.Mode), t(r.Model), t(r.Note), strconv.FormatInt(r.LatencyMS, 10),
			strconv.Itoa(r.Feedback), t(r.FeedbackBy), strconv.FormatBool(r.Flagged()), t(string(cits)), t(r.ErrorDetail),
			reviewedAt, t(rev.By), t(rev.Note)})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a text cell from being read as a formula by a spreadsheet.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
