package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Filter narrows the answers listed; the zero Filter lists every answer,
// newest first.
type Filter struct {
	Since, Until time.Time // zero: unbounded; Since inclusive, Until exclusive
	Channel      string    // channel id ("" any)
	// Each true flag narrows the list (they combine with AND).
	NegativeFeedback bool // a 👎
	Unverified       bool // at least one citation not verified
	ModelFailure     bool // the model failed (error detail recorded, or a note)
	Declined         bool // citebot declined to answer
	Unreviewed       bool // no moderator has marked it reviewed
	// Text is a case-insensitive (ASCII letters) substring of the question
	// ("" any), at most MaxFilterText bytes.
	Text     string
	BeforeID int64 // keyset page: only answers with id < BeforeID; 0 from the newest
	// AfterID pages back: only answers with id > AfterID, and a page holds
	// the Limit answers just above it (still listed newest first); 0: none.
	AfterID int64
	Limit   int // 1..MaxLimit; 0 means DefaultLimit
}

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Bounds on what a moderator's review and a filter may hold.
const (
	MaxReviewNote = 2000 // characters of a review's note
	MaxReviewer   = 100  // characters of a reviewer's name
	MaxFilterText = 500  // bytes of Filter.Text
)

// where returns the WHERE clause (with a leading space, or empty) that
// selects the answers f admits, and its arguments. Every flag is an
// equality on a column that has its own index, so a page of a filtered list
// is a range scan of that index in id order.
func (f Filter) where() (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if !f.Since.IsZero() {
		add("time >= ?", f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		add("time < ?", f.Until.UnixMilli())
	}
	if f.Channel != "" {
		add("channel_id = ?", f.Channel)
	}
	if f.NegativeFeedback {
		add("feedback = -1") // Feedback keeps votes to +1 and -1
	}
	if f.Unverified {
		add("unverified = 1")
	}
	if f.ModelFailure {
		add("model_failure = 1")
	}
	if f.Declined {
		add("declined = 1")
	}
	if f.Unreviewed {
		add("reviewed_at = 0")
	}
	if f.Text != "" {
		if len(f.Text) > MaxFilterText {
			return "", nil, fmt.Errorf("audit: text filter is %d bytes, at most %d", len(f.Text), MaxFilterText)
		}
		add(textIn, "%"+likeEscaper.Replace(f.Text)+"%")
	}
	if f.BeforeID != 0 {
		add("id < ?", f.BeforeID)
	}
	if f.AfterID != 0 {
		add("id > ?", f.AfterID)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// The question filter: textIn reads the questions from answers_question,
// which holds them alone, not from the table's wide rows; textLike is the
// same test on the rows a query reads.
const (
	textIn   = `id IN (SELECT id FROM answers INDEXED BY answers_question WHERE question LIKE ? ESCAPE '\')`
	textLike = `question LIKE ? ESCAPE '\'`
)

// likeEscaper makes LIKE's wildcards in a search text match themselves.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// limit returns the page size f asks for.
func (f Filter) limit() (int, error) {
	switch {
	case f.Limit == 0:
		return DefaultLimit, nil
	case f.Limit < 0 || f.Limit > MaxLimit:
		return 0, fmt.Errorf("audit: page size %d, want 1 to %d", f.Limit, MaxLimit)
	}
	return f.Limit, nil
}

// listQuery is List's query and its arguments, and the page size. It reads
// an index in id order from the key on (down from BeforeID, up from
// AfterID), so a page costs the same wherever it is in the log.
func (f Filter) listQuery() (string, []any, int, error) {
	n, err := f.limit()
	if err != nil {
		return "", nil, 0, err
	}
	where, args, err := f.where()
	if err != nil {
		return "", nil, 0, err
	}
	order := "DESC"
	if f.AfterID != 0 {
		order = "ASC" // the answers just above AfterID; List reverses them
	}
	return `SELECT ` + columns + ` FROM answers` + where + ` ORDER BY id ` + order + ` LIMIT ?`, append(args, n), n, nil
}

// List returns a page of the answers f selects, newest (highest id) first.
// The next (older) page is the Filter with BeforeID set to the last
// answer's id; the previous (newer) one, with AfterID set to the first
// answer's id (and BeforeID 0): with AfterID, the page is the Limit answers
// just above AfterID, read upwards by id and returned newest first.
func (l *Log) List(ctx context.Context, f Filter) ([]Record, error) {
	query, args, n, err := f.listQuery()
	if err != nil {
		return nil, err
	}
	rows, err := l.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	out := make([]Record, 0, n)
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	if f.AfterID != 0 {
		slices.Reverse(out)
	}
	return out, nil
}

// Count returns how many answers f selects, over every page (f.Limit is
// ignored; f.BeforeID and f.AfterID count).
func (l *Log) Count(ctx context.Context, f Filter) (int, error) {
	where, args, err := f.where()
	if err != nil {
		return 0, err
	}
	var n int
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM answers`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("audit: count: %w", err)
	}
	return n, nil
}

// CountAtMost is Count up to n: it stops counting at n answers (n < 1:
// counts them all), so a filter that reads every answer (words of the
// question) reads only as far as its n-th match.
func (l *Log) CountAtMost(ctx context.Context, f Filter, n int) (int, error) {
	if n < 1 {
		return l.Count(ctx, f)
	}
	where, args, err := f.where()
	if err != nil {
		return 0, err
	}
	from := "answers"
	if f.Text != "" {
		// The question filter reads answers_question in its own order, up
		// to the n-th match, instead of every question first.
		from = "answers INDEXED BY answers_question"
		where = strings.Replace(where, textIn, textLike, 1)
	}
	var c int
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+from+where+` LIMIT ?)`, append(args, n)...).Scan(&c); err != nil {
		return 0, fmt.Errorf("audit: count: %w", err)
	}
	return c, nil
}

// Get returns one answer; the error wraps ErrNotFound when the log doesn't
// hold it.
func (l *Log) Get(ctx context.Context, id int64) (Record, error) {
	r, err := scanReviews(l.db.QueryRowContext(ctx, `SELECT `+columns+`, `+reviewsColumn+` FROM answers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, fmt.Errorf("audit: answer %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Record{}, err
	}
	return r, nil
}

// MarkReviewed records that a moderator reviewed an answer, with a note
// (at most MaxReviewNote characters). by (at most MaxReviewer characters)
// names who did; "" is "moderator". Marking an answer again adds a review:
// every one is kept, the latest is the answer's Review. The error wraps ErrNotFound when the log doesn't hold the answer.
func (l *Log) MarkReviewed(ctx context.Context, id int64, by, note string) error {
	by = strings.TrimSpace(by)
	if by == "" {
		by = "moderator"
	}
	if n := utf8.RuneCountInString(by); n > MaxReviewer {
		return fmt.Errorf("audit: reviewer's name is %d characters, at most %d", n, MaxReviewer)
	}
	if n := utf8.RuneCountInString(note); n > MaxReviewNote {
		return fmt.Errorf("audit: review note is %d characters, at most %d", n, MaxReviewNote)
	}
	if !utf8.ValidString(by) || !utf8.ValidString(note) {
		return errors.New("audit: review is not valid UTF-8")
	}
	at := time.Now().UnixMilli()
	if at == 0 { // 0 means not reviewed
		at = 1
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("audit: mark %d reviewed: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE answers SET reviewed_at = ?, reviewed_by = ?, review_note = ? WHERE id = ?`,
		at, by, note, id)
	if err != nil {
		return fmt.Errorf("audit: mark %d reviewed: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("audit: mark %d reviewed: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("audit: mark %d reviewed: %w", id, ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (answer_id, time, reviewer, note) VALUES (?, ?, ?, ?)`, id, at, by, note); err != nil {
		return fmt.Errorf("audit: mark %d reviewed: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("audit: mark %d reviewed: %w", id, err)
	}
	return nil
}

// Channels returns the distinct channel ids the log holds answers from,
// sorted, without the empty one (answers given outside a channel). It seeks
// answers_channel once per channel instead of reading every answer's.
func (l *Log) Channels(ctx context.Context) ([]string, error) {
	rows, err := l.db.QueryContext(ctx, `WITH RECURSIVE ch(id) AS (
		SELECT min(channel_id) FROM answers WHERE channel_id > ''
		UNION ALL
		SELECT (SELECT min(channel_id) FROM answers WHERE channel_id > ch.id) FROM ch WHERE ch.id IS NOT NULL)
		SELECT id FROM ch WHERE id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("audit: channels: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("audit: channels: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit: channels: %w", err)
	}
	return out, nil
}

// Day is one UTC day's counts.
type Day struct {
	Day                        time.Time // midnight UTC
	Answers, Declined, Flagged int
}

// Stats are counts over a period.
type Stats struct {
	Answers, Declined, ThumbsUp, ThumbsDown, Unverified, ModelFailures, Reviewed int
	Days                                                                         []Day // one per UTC day in the period that has answers, oldest first
}
