package audit

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func openLog(t *testing.T) *Log {
	t.Helper()
	l, err := Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// day0 is the first day of the fixtures, at noon UTC.
var day0 = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

// fixture adds eight answers, a to h, one per kind the filters tell
// apart, and returns their ids by name.
func fixture(t *testing.T, l *Log) map[string]int64 {
	t.Helper()
	ok := []Citation{{Ref: 1, PassageID: "p", Excerpt: "x", Verified: true}}
	bad := []Citation{{Ref: 1, PassageID: "p", Excerpt: "x", Verified: true}, {Ref: 2, PassageID: "q", Excerpt: "y"}}
	day := func(n int) time.Time { return day0.Add(time.Duration(n) * 24 * time.Hour) }
	recs := []struct {
		name string
		r    Record
		vote int
	}{
		{"a", Record{Time: day(0), ChannelID: "c1", Question: "a: is 100% coverage needed", Citations: ok}, 0},
		{"b", Record{Time: day(0), ChannelID: "c1", Question: "b: is 1000 coverage needed", Citations: ok}, -1},
		{"c", Record{Time: day(1), ChannelID: "c2", Question: "c: set the o_x option", Citations: bad}, 1},
		{"d", Record{Time: day(1), ChannelID: "c2", Question: "d: set the oax option", Citations: bad}, -1},
		{"e", Record{Time: day(2), ChannelID: "c1", Question: "e", Note: "The model could not answer."}, 0},
		{"f", Record{Time: day(2), ChannelID: "c2", Question: "f", ErrorDetail: "502"}, 0},
		{"g", Record{Time: day(3), ChannelID: "c1", Question: "g", Declined: true}, 0},
		{"h", Record{Time: day(3), ChannelID: "c2", Question: "h", Declined: true}, 0},
	}
	ids := map[string]int64{}
	for _, x := range recs {
		id, err := l.Add(t.Context(), x.r)
		if err != nil {
			t.Fatal(err)
		}
		ids[x.name] = id
		if x.vote != 0 {
			if err := l.Feedback(t.Context(), id, "u", x.vote); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := l.MarkReviewed(t.Context(), ids["h"], "ann", "known gap"); err != nil {
		t.Fatal(err)
	}
	return ids
}

// names returns the records' questions' first letters.
func names(recs []Record) string {
	var b strings.Builder
	for _, r := range recs {
		b.WriteString(r.Question[:1])
	}
	return b.String()
}

func TestListFilters(t *testing.T) {
	l := openLog(t)
	ids := fixture(t, l)
	day := func(n int) time.Time { return day0.Truncate(24 * time.Hour).Add(time.Duration(n) * 24 * time.Hour) }
	cases := []struct {
		name string
		f    Filter
		want string // newest first
		n    int    // Count, when not len(want) (Count ignores the page size)
	}{
		{"all", Filter{}, "hgfedcba", 0},
		{"channel", Filter{Channel: "c1"}, "geba", 0},
		{"no such channel", Filter{Channel: "c9"}, "", 0},
		{"negative feedback", Filter{NegativeFeedback: true}, "db", 0},
		{"unverified", Filter{Unverified: true}, "dc", 0},
		{"model failure", Filter{ModelFailure: true}, "fe", 0},
		{"declined", Filter{Declined: true}, "hg", 0},
		{"unreviewed", Filter{Unreviewed: true}, "gfedcba", 0},
		{"since", Filter{Since: day(1)}, "hgfedc", 0},
		{"until", Filter{Until: day(2)}, "dcba", 0},
		{"since and until", Filter{Since: day(1), Until: day(2)}, "dc", 0},
		{"text is a substring, % literal", Filter{Text: "100%"}, "a", 0},
		{"text folds case, _ literal", Filter{Text: "O_X"}, "c", 0},
		{"text", Filter{Text: "coverage"}, "ba", 0},
		{"before id", Filter{BeforeID: ids["e"]}, "dcba", 0},
		{"unverified and negative", Filter{Unverified: true, NegativeFeedback: true}, "d", 0},
		{"channel and model failure", Filter{Channel: "c1", ModelFailure: true}, "e", 0},
		{"channel, declined, unreviewed", Filter{Channel: "c2", Declined: true, Unreviewed: true}, "", 0},
		{"declined and unreviewed", Filter{Declined: true, Unreviewed: true}, "g", 0},
		{"channel, since, text", Filter{Channel: "c2", Since: day(1), Text: "set"}, "dc", 0},
		{"limit", Filter{Channel: "c2", Limit: 2}, "hf", 4},
		{"limit and before id", Filter{Channel: "c2", Limit: 2, BeforeID: ids["f"]}, "dc", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, err := l.List(t.Context(), c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(recs); got != c.want {
				t.Errorf("listed %q, want %q", got, c.want)
			}
			n, err := l.Count(t.Context(), c.f)
			if err != nil {
				t.Fatal(err)
			}
			want := len(c.want)
			if c.n != 0 {
				want = c.n
			}
			if n != want {
				t.Errorf("counted %d, want %d", n, want)
			}
		})
	}
}

func TestListLimits(t *testing.T) {
	l := openLog(t)
	for i := range 60 {
		if _, err := l.Add(t.Context(), Record{Question: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		limit, want int
		bad         bool
	}{{0, DefaultLimit, false}, {1, 1, false}, {MaxLimit, 60, false}, {-1, 0, true}, {MaxLimit + 1, 0, true}}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.limit), func(t *testing.T) {
			recs, err := l.List(t.Context(), Filter{Limit: c.limit})
			if c.bad != (err != nil) || len(recs) != c.want {
				t.Errorf("%d answers, %v", len(recs), err)
			}
		})
	}
	if _, err := l.List(t.Context(), Filter{Text: strings.Repeat("x", MaxFilterText+1)}); err == nil {
		t.Error("an over-long text filter was accepted")
	}
}

// TestListPaging walks every page and checks that no answer is repeated or
// skipped, with answers added between pages.
func TestListPaging(t *testing.T) {
	l := openLog(t)
	var all, declined []int64
	add := func(i int) {
		r := Record{Question: fmt.Sprint(i), Declined: i%3 == 0, Time: day0.Add(time.Duration(i) * time.Minute)}
		id, err := l.Add(t.Context(), r)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, id)
		if r.Declined {
			declined = append(declined, id)
		}
	}
	for i := range 47 {
		add(i)
	}
	for _, c := range []struct {
		name string
		f    Filter
		want []int64
	}{
		{"all", Filter{Limit: 5}, slices.Clone(all)},
		{"declined", Filter{Limit: 4, Declined: true}, slices.Clone(declined)},
	} {
		t.Run(c.name, func(t *testing.T) {
			slices.Reverse(c.want)
			var got []int64
			f := c.f
			for {
				page, err := l.List(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) == 0 {
					break
				}
				for _, r := range page {
					got = append(got, r.ID)
				}
				f.BeforeID = page[len(page)-1].ID
				add(100) // a newer answer never shows on a later page
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("pages hold\n%v\nwant\n%v", got, c.want)
			}
		})
	}
}

// TestListPagesBackward walks every page older, then newer again from the
// last one with AfterID, and gets the same pages back, newest first.
func TestListPagesBackward(t *testing.T) {
	l := openLog(t)
	for i := range 23 {
		r := Record{Question: fmt.Sprintf("q%d", i), Declined: i%3 == 0, ChannelID: fmt.Sprint("c", i%2)}
		if _, err := l.Add(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(recs []Record) []int64 {
		out := make([]int64, len(recs))
		for i, r := range recs {
			out[i] = r.ID
		}
		return out
	}
	for _, c := range []struct {
		name  string
		f     Filter
		pages int
	}{
		{"all", Filter{Limit: 5}, 5},
		{"declined", Filter{Limit: 3, Declined: true}, 3},
		{"channel and text", Filter{Limit: 2, Channel: "c1", Text: "q1"}, 3}, // q1, q11, q13, q15, q17, q19
		{"one page", Filter{Limit: 50}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var forward [][]int64
			f := c.f
			for {
				page, err := l.List(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) == 0 {
					break
				}
				forward = append(forward, ids(page))
				f.BeforeID = page[len(page)-1].ID
			}
			if len(forward) != c.pages {
				t.Fatalf("%d pages forward, want %d: %v", len(forward), c.pages, forward)
			}
			var backward [][]int64
			page := forward[len(forward)-1]
			for {
				f := c.f
				f.AfterID = page[0]
				recs, err := l.List(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				if len(recs) == 0 {
					break
				}
				page = ids(recs)
				backward = append(backward, page)
			}
			slices.Reverse(backward)
			if want := forward[:len(forward)-1]; !slices.EqualFunc(backward, want, slices.Equal) {
				t.Errorf("pages backward\n%v\nwant\n%v", backward, want)
			}
		})
	}
}

// TestListQueryIsKeyset: a page, older or newer, seeks its key in the
// rowid or in an index holding it (no sort of every match, no scan of the
// table), whatever the filter.
func TestListQueryIsKeyset(t *testing.T) {
	l := openLog(t)
	fixture(t, l)
	for _, c := range []struct {
		name string
		f    Filter
		seek string // the search the plan must hold
	}{
		{"all", Filter{}, "INTEGER PRIMARY KEY (rowid"},
		{"declined", Filter{Declined: true}, "answers_declined (declined=? AND rowid"},
		{"unverified", Filter{Unverified: true}, "answers_unverified (unverified=? AND rowid"},
		{"failure", Filter{ModelFailure: true}, "answers_model_failure (model_failure=? AND rowid"},
		{"channel", Filter{Channel: "c1"}, "answers_channel (channel_id=? AND rowid"},
		{"neg and channel", Filter{NegativeFeedback: true, Channel: "c1"}, "AND rowid"},
		{"since", Filter{Since: day0}, "INTEGER PRIMARY KEY (rowid"},
		{"text", Filter{Text: "coverage"}, "INTEGER PRIMARY KEY (rowid=?)"},
	} {
		for _, dir := range []string{"older", "newer"} {
			t.Run(c.name+"/"+dir, func(t *testing.T) {
				f := c.f
				if dir == "older" {
					f.BeforeID = 5
				} else {
					f.AfterID = 5
				}
				query, args, _, err := f.listQuery()
				if err != nil {
					t.Fatal(err)
				}
				rows, err := l.db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var plan []string
				for rows.Next() {
					var id, parent, unused int
					var detail string
					if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
						t.Fatal(err)
					}
					plan = append(plan, detail)
				}
				all := strings.Join(plan, "\n")
				if strings.Contains(all, "TEMP B-TREE") || strings.Contains(all, "SCAN answers\n") || strings.HasSuffix(all, "SCAN answers") ||
					!strings.Contains(all, c.seek) {
					t.Errorf("plan of %s:\n%s\nwant a search holding %q and no sort", query, all, c.seek)
				}
			})
		}
	}
}

func TestGetAndMarkReviewed(t *testing.T) {
	l := openLog(t)
	id, err := l.Add(t.Context(), Record{Question: "q", Citations: []Citation{{Ref: 1, Excerpt: "x", Verified: true}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("not found", func(t *testing.T) {
		if _, err := l.Get(t.Context(), id+1); !errors.Is(err, ErrNotFound) {
			t.Errorf("get: %v", err)
		}
		if err := l.MarkReviewed(t.Context(), id+1, "ann", ""); !errors.Is(err, ErrNotFound) {
			t.Errorf("mark: %v", err)
		}
	})
	t.Run("not reviewed", func(t *testing.T) {
		r, err := l.Get(t.Context(), id)
		if err != nil || r.Review != nil || r.Question != "q" || len(r.Citations) != 1 {
			t.Fatalf("%+v, %v", r, err)
		}
		if b, _ := json.Marshal(r); strings.Contains(string(b), "review") {
			t.Errorf("json of an unreviewed answer: %s", b)
		}
	})
	before := time.Now().Add(-time.Second)
	for _, c := range []struct{ by, note, wantBy string }{
		{"ann", "quote checked", "ann"},
		{"  ", "re-checked after the fix", "moderator"}, // a second mark replaces the first
	} {
		t.Run("mark by "+c.wantBy, func(t *testing.T) {
			if err := l.MarkReviewed(t.Context(), id, c.by, c.note); err != nil {
				t.Fatal(err)
			}
			r, err := l.Get(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if r.Review == nil || r.Review.By != c.wantBy || r.Review.Note != c.note || r.Review.Time.Before(before) {
				t.Errorf("review %+v", r.Review)
			}
			var back Record
			if b, _ := json.Marshal(r); json.Unmarshal(b, &back) != nil || back.Review == nil || back.Review.Note != c.note {
				t.Errorf("json round trip: %s", b)
			}
			if n, _ := l.Count(t.Context(), Filter{Unreviewed: true}); n != 0 {
				t.Errorf("%d unreviewed", n)
			}
		})
	}
	t.Run("bounds", func(t *testing.T) {
		if err := l.MarkReviewed(t.Context(), id, "ann", strings.Repeat("é", MaxReviewNote)); err != nil {
			t.Errorf("a note of %d characters: %v", MaxReviewNote, err)
		}
		if err := l.MarkReviewed(t.Context(), id, "ann", strings.Repeat("x", MaxReviewNote+1)); err == nil {
			t.Error("an over-long note was accepted")
		}
		if err := l.MarkReviewed(t.Context(), id, strings.Repeat("x", MaxReviewer+1), ""); err == nil {
			t.Error("an over-long name was accepted")
		}
		if r, _ := l.Get(t.Context(), id); r.Review == nil || r.Review.Note != strings.Repeat("é", MaxReviewNote) {
			t.Error("a refused mark changed the review")
		}
	})
}

func TestUnanswered(t *testing.T) {
	l := openLog(t)
	add := func(q string, at time.Time, declined bool) int64 {
		id, err := l.Add(t.Context(), Record{Question: q, Time: at, Declined: declined})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	h := func(n int) time.Time { return day0.Add(time.Duration(n) * time.Hour) }
	i1 := add("how do i install X", h(1), true)
	i2 := add("How do I install x?", h(2), true)
	add("how do I install x", h(3), false) // answered: not a gap
	u1 := add("What is the refund policy?", h(4), true)
	i3 := add("install x how", h(5), true)
	add("how do i install X", h(-48), true) // before the period
	add("   ", h(6), true)

	groups, err := l.Unanswered(t.Context(), day0, day0.Add(24*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Fatalf("%d groups: %+v", len(groups), groups)
	}
	g := groups[0]
	if g.Question != "install x how" || g.Count != 3 || !g.Last.Equal(h(5)) || !slices.Equal(g.IDs, []int64{i3, i2, i1}) ||
		!slices.Equal(g.Examples, []string{"How do I install x?", "how do i install X"}) {
		t.Errorf("install group %+v", g)
	}
	if g := groups[2]; g.Question != "What is the refund policy?" || g.Count != 1 || !slices.Equal(g.IDs, []int64{u1}) || len(g.Examples) != 0 {
		t.Errorf("refund group %+v (groups of one, newest first)", g)
	}
	if groups, err := l.Unanswered(t.Context(), day0, day0.Add(24*time.Hour), 1); err != nil || len(groups) != 1 || groups[0].Count != 3 {
		t.Errorf("limit 1: %+v, %v", groups, err)
	}
	if _, err := l.Unanswered(t.Context(), time.Time{}, time.Time{}, MaxLimit+1); err == nil {
		t.Error("limit beyond the bound accepted")
	}
}

func TestUnansweredSimilarity(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"how do i install X", "install x how", true},
		{"How do I install x?", "installing X", true},
		{"How do I configure the proxy?", "proxy configuration", true},
		{"How do I configure the proxy?", "How do I configure the cache?", false},
		{"how do i install X", "What is the refund policy?", false},
		{"what is it", "What is it?", true}, // stop words only
	}
	for _, c := range cases {
		t.Run(c.a+" / "+c.b, func(t *testing.T) {
			var g grouper
			g.byWord = map[string][]int{}
			g.add(1, day0, c.a)
			g.add(2, day0, c.b)
			if same := len(g.groups) == 1; same != c.same {
				t.Errorf("one group: %v, want %v (keys %v, %v)", same, c.same, g.keys(c.a), g.keys(c.b))
			}
		})
	}
}

func TestStats(t *testing.T) {
	l := openLog(t)
	fixture(t, l)
	day := func(n int) time.Time { return day0.Truncate(24 * time.Hour).Add(time.Duration(n) * 24 * time.Hour) }
	cases := []struct {
		name         string
		since, until time.Time
		want         Stats
	}{
		{"all", time.Time{}, time.Time{}, Stats{Answers: 8, Declined: 2, ThumbsUp: 1, ThumbsDown: 2, Unverified: 2, ModelFailures: 2, Reviewed: 1,
			Days: []Day{{day(0), 2, 0, 1}, {day(1), 2, 0, 2}, {day(2), 2, 0, 2}, {day(3), 2, 2, 0}}}},
		{"days 1 and 2", day(1), day(3), Stats{Answers: 4, ThumbsUp: 1, ThumbsDown: 1, Unverified: 2, ModelFailures: 2,
			Days: []Day{{day(1), 2, 0, 2}, {day(2), 2, 0, 2}}}},
		{"mid-day bounds", day0, day(3), Stats{Answers: 6, ThumbsUp: 1, ThumbsDown: 2, Unverified: 2, ModelFailures: 2,
			Days: []Day{{day(0), 2, 0, 1}, {day(1), 2, 0, 2}, {day(2), 2, 0, 2}}}},
		{"exclusive until", time.Time{}, day0, Stats{}},
		{"empty", day(10), time.Time{}, Stats{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := l.Stats(t.Context(), c.since, c.until)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(s)
			want, _ := json.Marshal(c.want)
			if !bytes.Equal(got, want) {
				t.Errorf("stats\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestChannels(t *testing.T) {
	l := openLog(t)
	for _, ch := range []string{"c2", "", "c1", "c2"} {
		if _, err := l.Add(t.Context(), Record{ChannelID: ch}); err != nil {
			t.Fatal(err)
		}
	}
	if chs, err := l.Channels(t.Context()); err != nil || !slices.Equal(chs, []string{"c1", "c2"}) {
		t.Errorf("channels %q, %v", chs, err)
	}
}

func TestExportFilter(t *testing.T) {
	l := openLog(t)
	ids := fixture(t, l)
	cases := []struct {
		format string
		f      Filter
		want   []int64 // oldest first
	}{
		{"jsonl", Filter{Declined: true}, []int64{ids["g"], ids["h"]}},
		{"csv", Filter{Channel: "c2", Unverified: true}, []int64{ids["c"], ids["d"]}},
		{"csv", Filter{Limit: 1}, []int64{ids["a"], ids["b"], ids["c"], ids["d"], ids["e"], ids["f"], ids["g"], ids["h"]}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %+v", c.format, c.f), func(t *testing.T) {
			var b bytes.Buffer
			if err := l.Export(t.Context(), &b, c.format, c.f); err != nil {
				t.Fatal(err)
			}
			var got []int64
			if c.format == "jsonl" {
				for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
					var r Record
					if err := json.Unmarshal([]byte(line), &r); err != nil {
						t.Fatal(err)
					}
					got = append(got, r.ID)
					if r.ID == ids["h"] && (r.Review == nil || r.Review.By != "ann") {
						t.Errorf("review not exported: %s", line)
					}
				}
			} else {
				rows, err := csv.NewReader(&b).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if h := rows[0]; h[len(h)-2] != "reviewed_by" {
					t.Errorf("header %q", h)
				}
				for _, row := range rows[1:] {
					var id int64
					fmt.Sscan(row[0], &id)
					got = append(got, id)
					if id == ids["h"] && (row[len(row)-2] != "ann" || row[len(row)-1] != "known gap" || row[len(row)-3] == "") {
						t.Errorf("review columns %q", row)
					}
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("exported %v, want %v", got, c.want)
			}
		})
	}
}

// TestPruneTakesReviews checks that pruning an answer takes its review.
func TestPruneTakesReviews(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	l, err := Open(t.Context(), path, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	now := time.Now()
	old, err := l.Add(t.Context(), Record{Time: now.Add(-40 * 24 * time.Hour), Question: "old"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Add(t.Context(), Record{Time: now, Question: "new"}); err != nil {
		t.Fatal(err)
	}
	if err := l.MarkReviewed(t.Context(), old, "ann", "fine"); err != nil {
		t.Fatal(err)
	}
	if n, err := l.Prune(t.Context(), now); err != nil || n != 1 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	if s, err := l.Stats(t.Context(), time.Time{}, time.Time{}); err != nil || s.Answers != 1 || s.Reviewed != 0 {
		t.Errorf("after pruning: %+v, %v", s, err)
	}
	if _, err := l.Get(t.Context(), old); !errors.Is(err, ErrNotFound) {
		t.Errorf("pruned answer: %v", err)
	}
	var n int
	if err := l.db.QueryRow(`SELECT count(*) FROM reviews`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d reviews of pruned answers kept, %v", n, err)
	}
}

// TestReviewsKeepHistory: marking an answer again adds a review: Get
// holds every review newest first and the latest as Review, the filters
// see it reviewed, the JSONL export holds every review and the CSV the
// latest.
func TestReviewsKeepHistory(t *testing.T) {
	l := openLog(t)
	id, err := l.Add(t.Context(), Record{Question: "q", Time: day0})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]string{{"ann", "first look"}, {"bob", "second look"}, {"cy", "third look"}} {
		if err := l.MarkReviewed(t.Context(), id, r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	r, err := l.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rv := range r.Reviews {
		got = append(got, rv.By+": "+rv.Note)
	}
	if want := []string{"cy: third look", "bob: second look", "ann: first look"}; !slices.Equal(got, want) {
		t.Errorf("reviews %q, want %q", got, want)
	}
	if r.Review == nil || r.Review.By != "cy" || r.Review.Note != "third look" || r.Review.Time.IsZero() {
		t.Errorf("latest review %+v", r.Review)
	}
	if recs, err := l.List(t.Context(), Filter{Unreviewed: true}); err != nil || len(recs) != 0 {
		t.Errorf("unreviewed: %d, %v", len(recs), err)
	}
	var b bytes.Buffer
	if err := l.Export(t.Context(), &b, "jsonl", Filter{}); err != nil {
		t.Fatal(err)
	}
	var line Record
	if err := json.Unmarshal(b.Bytes(), &line); err != nil || len(line.Reviews) != 3 || line.Reviews[0].By != "cy" || line.Review.By != "cy" {
		t.Errorf("JSONL export: %s (%v)", b.String(), err)
	}
	b.Reset()
	if err := l.Export(t.Context(), &b, "csv", Filter{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][len(rows[1])-2] != "cy" || rows[1][len(rows[1])-1] != "third look" {
		t.Errorf("CSV export: %q (%v)", rows, err)
	}
}

// TestStatsDayCountsFollowEveryChange: the day counts Stats reads for
// whole days stay equal to counting the answers themselves through adds,
// feedback, reviews, a review replaced and a prune, for whole-day,
// part-day and unbounded periods.
func TestStatsDayCountsFollowEveryChange(t *testing.T) {
	l := openLog(t)
	ids := fixture(t, l)
	day := func(n int) time.Time { return day0.Truncate(24 * time.Hour).Add(time.Duration(n) * 24 * time.Hour) }
	check := func(when string) {
		t.Helper()
		for _, p := range []struct{ since, until time.Time }{
			{}, {day(1), day(3)}, {day0, day(3)}, {day(1), time.Time{}}, {time.Time{}, day(2).Add(time.Hour)},
			{day0.Add(-time.Hour), day0.Add(time.Hour)}, {day(-5), day(9)},
		} {
			got, err := l.Stats(t.Context(), p.since, p.until)
			if err != nil {
				t.Fatal(err)
			}
			from, to := int64(-1<<62), int64(1<<62)
			if !p.since.IsZero() {
				from = p.since.UnixMilli()
			}
			if !p.until.IsZero() {
				to = p.until.UnixMilli()
			}
			days, err := l.statsAnswers(t.Context(), from, to)
			if err != nil {
				t.Fatal(err)
			}
			var want Stats
			for _, d := range days {
				want.Days = append(want.Days, Day{Day: time.UnixMilli(d.day * dayMS).UTC(), Answers: d.answers, Declined: d.declined, Flagged: d.flagged})
				want.Answers += d.answers
				want.Declined += d.declined
				want.ThumbsUp += d.up
				want.ThumbsDown += d.down
				want.Unverified += d.unverified
				want.ModelFailures += d.failures
				want.Reviewed += d.reviewed
			}
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			if !bytes.Equal(g, w) {
				t.Errorf("%s, %v to %v:\n%s\nwant (counted from the answers)\n%s", when, p.since, p.until, g, w)
			}
		}
	}
	check("after the adds")
	for _, step := range []struct {
		what string
		do   func() error
	}{
		{"a 👎 turned 👍", func() error { return l.Feedback(t.Context(), ids["b"], "u", 1) }},
		{"a 👎 on a declined answer", func() error { return l.Feedback(t.Context(), ids["g"], "u", -1) }},
		{"a review", func() error { return l.MarkReviewed(t.Context(), ids["a"], "ann", "ok") }},
		{"a review replaced", func() error { return l.MarkReviewed(t.Context(), ids["h"], "bob", "still a gap") }},
		{"a late add", func() error {
			_, err := l.Add(t.Context(), Record{Time: day(1).Add(23 * time.Hour), Declined: true})
			return err
		}},
		{"a prune", func() error {
			l.retention = 24 * time.Hour
			_, err := l.Prune(t.Context(), day(3))
			return err
		}},
	} {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		check("after " + step.what)
	}
	if s, err := l.Stats(t.Context(), time.Time{}, time.Time{}); err != nil || s.Answers != 4 || len(s.Days) != 2 {
		t.Errorf("after the prune: %+v, %v", s, err)
	}
}

func TestCountAtMost(t *testing.T) {
	l := openLog(t)
	fixture(t, l)
	for _, c := range []struct {
		f       Filter
		n, want int
	}{
		{Filter{}, 3, 3}, {Filter{}, 100, 8}, {Filter{}, 0, 8}, {Filter{Text: "coverage"}, 1, 1},
		{Filter{Text: "coverage"}, 5, 2}, {Filter{Declined: true, Channel: "c2"}, 5, 1},
	} {
		if got, err := l.CountAtMost(t.Context(), c.f, c.n); err != nil || got != c.want {
			t.Errorf("CountAtMost(%+v, %d) = %d, %v; want %d", c.f, c.n, got, err, c.want)
		}
	}
}

// adversarialQuestions are n declined questions that all share one word and
// no other ("install alpha7 beta7 gamma7"): each is a group of its own, and
// a grouper that compares a question with every group sharing a word takes
// n²/2 comparisons.
func adversarialQuestions(n int) []string {
	qs := make([]string, n)
	for i := range qs {
		qs[i] = fmt.Sprintf("install alpha%d beta%d gamma%d", i, i, i)
	}
	return qs
}

// TestUnansweredGroupingIsLinear: grouping questions that share a common
// word compares each with a bounded number of groups, and still finds the
// rewordings among them.
func TestUnansweredGroupingIsLinear(t *testing.T) {
	cases := []struct {
		name string
		qs   []string
	}{
		{"one common word, three rare", adversarialQuestions(5000)},
		{"one common word, one rare", func() []string {
			qs := make([]string, 5000)
			for i := range qs {
				qs[i] = fmt.Sprintf("install thing%d", i)
			}
			return qs
		}()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var g grouper
			for i, q := range c.qs {
				g.add(int64(i+1), day0, q)
			}
			g.add(int64(len(c.qs)+1), day0, c.qs[len(c.qs)-1]+"?") // a rewording of the last
			if len(g.groups) != len(c.qs) {
				t.Errorf("%d groups of %d distinct questions and a rewording", len(g.groups), len(c.qs))
			}
			if last := g.groups[len(g.groups)-1]; last.Count != 2 {
				t.Errorf("the rewording did not join its group: %+v", last.QuestionGroup)
			}
			if max := 2 * maxCandidates * (len(c.qs) + 1); g.compared > max {
				t.Errorf("%d comparisons for %d questions, want at most %d", g.compared, len(c.qs)+1, max)
			}
		})
	}
}

// TestUnansweredHonoursContext: a report asked for by a request that has
// gone stops reading.
func TestUnansweredHonoursContext(t *testing.T) {
	l := openLog(t)
	for i := range 600 {
		if _, err := l.Add(t.Context(), Record{Question: fmt.Sprintf("q%d", i), Time: day0, Declined: true}); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := l.Unanswered(ctx, time.Time{}, time.Time{}, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled report: %v", err)
	}
}
