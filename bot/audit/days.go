package audit

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// dayMS is a day in milliseconds.
const dayMS = 24 * 60 * 60 * 1000

// The table answer_days holds each UTC day's counts (day = time / 86400000), kept by
// triggers in the same transaction as every insert, update and delete of
// answers, so Stats reads a row per day instead of every answer of the
// period. daysTable returns the DDL that creates them and fills the table.
func daysTable() string {
	return `
CREATE TABLE answer_days (
	day        INTEGER PRIMARY KEY,
	answers    INTEGER NOT NULL DEFAULT 0,
	declined   INTEGER NOT NULL DEFAULT 0,
	flagged    INTEGER NOT NULL DEFAULT 0,
	up         INTEGER NOT NULL DEFAULT 0,
	down       INTEGER NOT NULL DEFAULT 0,
	unverified INTEGER NOT NULL DEFAULT 0,
	failures   INTEGER NOT NULL DEFAULT 0,
	reviewed   INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER answer_days_insert AFTER INSERT ON answers BEGIN
	INSERT OR IGNORE INTO answer_days (day) VALUES (NEW.time / 86400000);
	UPDATE answer_days SET ` + dayDelta("+", "NEW") + ` WHERE day = NEW.time / 86400000;
END;
CREATE TRIGGER answer_days_delete AFTER DELETE ON answers BEGIN
	UPDATE answer_days SET ` + dayDelta("-", "OLD") + ` WHERE day = OLD.time / 86400000;
END;
CREATE TRIGGER answer_days_update AFTER UPDATE OF time, declined, flagged, feedback, unverified, model_failure, reviewed_at ON answers BEGIN
	UPDATE answer_days SET ` + dayDelta("-", "OLD") + ` WHERE day = OLD.time / 86400000;
	INSERT OR IGNORE INTO answer_days (day) VALUES (NEW.time / 86400000);
	UPDATE answer_days SET ` + dayDelta("+", "NEW") + ` WHERE day = NEW.time / 86400000;
END;
INSERT INTO answer_days (day, answers, declined, flagged, up, down, unverified, failures, reviewed)
	SELECT time / 86400000, count(*), sum(declined), sum(flagged), sum(feedback > 0), sum(feedback < 0),
		sum(unverified), sum(model_failure), sum(reviewed_at != 0)
	FROM answers GROUP BY time / 86400000;
`
}

// dayDelta is the SET list that adds (op "+") or takes away ("-") the
// answer row (NEW or OLD) from its day's counts.
func dayDelta(op, row string) string {
	cols := []struct{ col, expr string }{
		{"answers", "1"}, {"declined", "%s.declined"}, {"flagged", "%s.flagged"}, {"up", "(%s.feedback > 0)"},
		{"down", "(%s.feedback < 0)"}, {"unverified", "%s.unverified"}, {"failures", "%s.model_failure"},
		{"reviewed", "(%s.reviewed_at != 0)"},
	}
	set := make([]string, len(cols))
	for i, c := range cols {
		expr := c.expr
		if strings.Contains(expr, "%s") {
			expr = fmt.Sprintf(expr, row)
		}
		set[i] = c.col + " = " + c.col + " " + op + " " + expr
	}
	return strings.Join(set, ", ")
}

// migrateDays creates answer_days, its triggers and its rows from the
// answers already there, in one transaction, when the log has none.
func migrateDays(ctx context.Context, db *sql.DB) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'answer_days'`).Scan(&n); err != nil {
		return fmt.Errorf("day counts: %w", err)
	}
	if n > 0 {
		return nil
	}
	if err := addColumn(ctx, db, daysTable(), ""); err != nil {
		return fmt.Errorf("day counts: %w", err)
	}
	return nil
}

// dayCounts are one day's counts, as Stats adds them up.
type dayCounts struct {
	day                                                                  int64
	answers, declined, flagged, up, down, unverified, failures, reviewed int
}

// Stats counts the answers in [since, until) (a zero time: unbounded), in
// all and per UTC day. The whole days of the period are read from
// answer_days; only the part-days at its ends, if any, from the answers.
func (l *Log) Stats(ctx context.Context, since, until time.Time) (Stats, error) {
	var days []dayCounts
	// The whole days are [first, end) in days since the epoch.
	first, end := int64(-1<<62), int64(1<<62)
	if !since.IsZero() {
		ms := since.UnixMilli()
		first = (ms + dayMS - 1) / dayMS
		if ms < first*dayMS {
			part, err := l.statsAnswers(ctx, ms, min(first*dayMS, untilMS(until)))
			if err != nil {
				return Stats{}, err
			}
			days = append(days, part...)
		}
	}
	if !until.IsZero() {
		ms := until.UnixMilli()
		end = ms / dayMS
		if end*dayMS < ms && end >= first {
			part, err := l.statsAnswers(ctx, end*dayMS, ms)
			if err != nil {
				return Stats{}, err
			}
			days = append(days, part...)
		}
	}
	if first < end {
		rows, err := l.db.QueryContext(ctx, `SELECT day, answers, declined, flagged, up, down, unverified, failures, reviewed
			FROM answer_days WHERE day >= ? AND day < ? AND answers > 0 ORDER BY day`, first, end)
		if err != nil {
			return Stats{}, fmt.Errorf("audit: stats: %w", err)
		}
		whole, err := scanDays(rows)
		if err != nil {
			return Stats{}, err
		}
		days = append(days, whole...)
	}
	slices.SortFunc(days, func(a, b dayCounts) int { return cmp.Compare(a.day, b.day) })
	var s Stats
	for _, d := range days {
		s.Days = append(s.Days, Day{Day: time.UnixMilli(d.day * dayMS).UTC(), Answers: d.answers, Declined: d.declined, Flagged: d.flagged})
		s.Answers += d.answers
		s.Declined += d.declined
		s.ThumbsUp += d.up
		s.ThumbsDown += d.down
		s.Unverified += d.unverified
		s.ModelFailures += d.failures
		s.Reviewed += d.reviewed
	}
	return s, nil
}

// untilMS is until in milliseconds, the far future when it is zero.
func untilMS(until time.Time) int64 {
	if until.IsZero() {
		return 1 << 62
	}
	return until.UnixMilli()
}

// statsAnswers counts the answers in [from, to) milliseconds (within a
// day) from the answers themselves; answers_day_counts covers the query.
func (l *Log) statsAnswers(ctx context.Context, from, to int64) ([]dayCounts, error) {
	if from >= to {
		return nil, nil
	}
	const day = `time / 86400000`
	rows, err := l.db.QueryContext(ctx, `SELECT `+day+`, count(*), sum(declined), sum(flagged),
		sum(feedback > 0), sum(feedback < 0), sum(unverified), sum(model_failure), sum(reviewed_at != 0)
		FROM answers INDEXED BY answers_day_counts WHERE `+day+` >= ? AND `+day+` <= ? AND time >= ? AND time < ?
		GROUP BY `+day, from/dayMS, to/dayMS, from, to)
	if err != nil {
		return nil, fmt.Errorf("audit: stats: %w", err)
	}
	return scanDays(rows)
}

// scanDays reads rows of day counts and closes them.
func scanDays(rows *sql.Rows) ([]dayCounts, error) {
	defer rows.Close()
	var out []dayCounts
	for rows.Next() {
		var d dayCounts
		if err := rows.Scan(&d.day, &d.answers, &d.declined, &d.flagged, &d.up, &d.down, &d.unverified, &d.failures, &d.reviewed); err != nil {
			return nil, fmt.Errorf("audit: stats: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit: stats: %w", err)
	}
	return out, nil
}
