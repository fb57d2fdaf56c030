package audit

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/citebot/citebot/retrieval/text"
)

// QuestionGroup is a set of similar questions the corpus couldn't answer
// (citebot declined them).
type QuestionGroup struct {
	Question string    // the group's representative: its most recent question
	Examples []string  // up to 5 distinct other wordings, newest first
	Count    int       // how many declined answers the group holds
	Last     time.Time // the most recent
	IDs      []int64   // up to 20 answer ids, newest first
}

// Bounds of Unanswered.
const (
	groupExamples = 5
	groupIDs      = 20
	// maxDeclinedRead is how many of the period's declined answers, newest
	// first, Unanswered reads: it bounds the time and memory one report
	// takes on a log that declines a great deal.
	maxDeclinedRead = 50000
	// sameQuestion is the Jaccard similarity of two questions' word sets
	// above which they count as one question.
	sameQuestion = 0.5
)

// Unanswered groups the questions citebot declined in [since, until) (a
// zero time: unbounded) by similar wording, largest groups first (ties:
// the most recent first), and returns up to limit groups (1..MaxLimit; 0
// means DefaultLimit). Two questions are similar when their sets of stemmed
// words, stop words left out, overlap by at least half (Jaccard ≥ 0.5); a
// question joins the first group whose representative (the group's most
// recent question) it is similar to.
func (l *Log) Unanswered(ctx context.Context, since, until time.Time, limit int) ([]QuestionGroup, error) {
	n, err := Filter{Limit: limit}.limit()
	if err != nil {
		return nil, err
	}
	where, args, err := Filter{Since: since, Until: until, Declined: true}.where()
	if err != nil {
		return nil, err
	}
	rows, err := l.db.QueryContext(ctx, `SELECT id, time, question FROM answers`+where+` ORDER BY time DESC, id DESC LIMIT ?`,
		append(args, maxDeclinedRead)...)
	if err != nil {
		return nil, fmt.Errorf("audit: unanswered: %w", err)
	}
	defer rows.Close()
	var g grouper
	for n := 0; rows.Next(); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("audit: unanswered: %w", err)
			}
		}
		var id, ms int64
		var q string
		if err := rows.Scan(&id, &ms, &q); err != nil {
			return nil, fmt.Errorf("audit: unanswered: %w", err)
		}
		g.add(id, time.UnixMilli(ms).UTC(), q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit: unanswered: %w", err)
	}
	groups := make([]QuestionGroup, len(g.groups))
	for i, gr := range g.groups {
		groups[i] = gr.QuestionGroup
	}
	slices.SortStableFunc(groups, func(a, b QuestionGroup) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return b.Last.Compare(a.Last)
	})
	if len(groups) > n {
		groups = groups[:n]
	}
	return groups, nil
}

// grouper gathers questions, newest first, into groups of similar ones.
// Candidates are found through an index of the groups by their
// representatives' key words, looked up by a question's rarest words
// only, and at most maxCandidates per word: a question is compared with a
// bounded number of groups, so grouping n questions takes O(n) time even
// when every question shares a word with every other.
type grouper struct {
	stem   text.Stemmer
	groups []*group
	byWord map[string][]int // key word → the groups whose representative has it, oldest group first
	seen   []int            // seen[i] == stamp: group i was compared with the current question
	stamp  int
	// compared counts the similarity computations, for tests.
	compared int
}

// maxCandidates bounds the groups a question is compared with through
// each of its words: of a word thousands of groups share, the groups
// started last (by the questions nearest in time to this one, as the scan
// goes from the newest) are the ones compared.
const maxCandidates = 64

type group struct {
	QuestionGroup
	keys     map[string]bool // the representative's key words
	wordings map[string]bool // the wordings seen, folded
}

func (g *grouper) add(id int64, t time.Time, q string) {
	if g.byWord == nil {
		g.byWord = map[string][]int{}
	}
	keys := g.keys(q)
	folded := strings.Join(strings.Fields(strings.ToLower(q)), " ")
	best, bestSim := -1, 0.0
	g.stamp++
	for _, k := range g.probes(keys) {
		list := g.byWord[k]
		if len(list) > maxCandidates {
			list = list[len(list)-maxCandidates:]
		}
		for _, i := range list {
			if g.seen[i] == g.stamp {
				continue
			}
			g.seen[i] = g.stamp
			g.compared++
			if s := jaccard(keys, g.groups[i].keys); s >= sameQuestion && (s > bestSim || s == bestSim && i < best) {
				best, bestSim = i, s
			}
		}
	}
	if best < 0 {
		gr := &group{QuestionGroup: QuestionGroup{Question: q, Last: t}, keys: keys, wordings: map[string]bool{folded: true}}
		g.groups = append(g.groups, gr)
		g.seen = append(g.seen, 0)
		for k := range keys {
			g.byWord[k] = append(g.byWord[k], len(g.groups)-1)
		}
		best = len(g.groups) - 1
	} else if gr := g.groups[best]; !gr.wordings[folded] {
		gr.wordings[folded] = true
		if len(gr.Examples) < groupExamples {
			gr.Examples = append(gr.Examples, q)
		}
	}
	gr := g.groups[best]
	gr.Count++
	if len(gr.IDs) < groupIDs {
		gr.IDs = append(gr.IDs, id)
	}
}

// probes returns the key words through which a question's similar groups
// are looked up: its rarest ones, as many as it takes. A group similar to
// the question (Jaccard ≥ 1/2) shares at least half of the question's n
// key words, t = ⌈n/2⌉, so it holds at least one of any n-t+1 of them: the
// n-t+1 rarest (those the fewest groups have) find every such group.
func (g *grouper) probes(keys map[string]bool) []string {
	ks := make([]string, 0, len(keys))
	for k := range keys {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b string) int {
		if c := cmp.Compare(len(g.byWord[a]), len(g.byWord[b])); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	n := len(ks)
	return ks[:n-(n+1)/2+1]
}

// keys returns a question's key words: its stemmed words less stop words,
// or, for a question of stop words only, all its words, so that it still
// matches its own rewordings. A question with no words at all has the key
// "" (empty questions group together).
func (g *grouper) keys(q string) map[string]bool {
	words := text.Words(q)
	keys := map[string]bool{}
	for _, w := range words {
		if !text.IsStopWord(w) {
			keys[g.stem.Stem(w)] = true
		}
	}
	if len(keys) == 0 {
		for _, w := range words {
			keys[w] = true
		}
	}
	if len(keys) == 0 {
		keys[""] = true
	}
	return keys
}

// jaccard is |a ∩ b| / |a ∪ b|.
func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
