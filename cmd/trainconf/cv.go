package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/citebot/citebot/retrieval"
)

// crossCheck prints how well the ranker generalises: for each training
// set, the share of its questions whose top candidate answers when the
// ranker is fitted on the other training sets; for each check set, the
// same with the ranker fitted on every training set. Only questions some
// candidate answers count (the rest no ranker can get right).
// Features named in drop are zeroed first, to measure what they add.
func crossCheck(ctx context.Context, train, check []set, drop []string, out io.Writer) error {
	all := append(append([]set(nil), train...), check...)
	names := retrieval.FeatureNames()
	var zero []int
	for _, d := range drop {
		i := slices.Index(names, d)
		if i < 0 {
			return fmt.Errorf("-drop: no feature %q (features: %s)", d, strings.Join(names, ", "))
		}
		zero = append(zero, i)
	}
	var data []example
	for i, s := range all {
		ex, err := examples(ctx, i, s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		for _, e := range ex {
			for _, j := range zero {
				e.x[j] = 0
			}
		}
		data = append(data, ex...)
	}
	fit := func(leaveOut int) []float64 {
		var d []example
		for _, e := range data {
			if e.set < len(train) && e.set != leaveOut {
				d = append(d, e)
			}
		}
		return fitRanker(d, len(all))
	}
	var rightSum, countSum int
	fmt.Fprintf(out, "%-18s %-10s %s\n", "set", "measured", "top candidate answers (of questions some candidate answers)")
	full := fit(-1)
	for k, s := range all {
		w, how := full, "check"
		if k < len(train) {
			w, how = fit(k), "left out"
		}
		right, n := topRight(data, k, w)
		fmt.Fprintf(out, "%-18s %-10s %.3f (%d/%d)\n", s.name, how, float64(right)/math.Max(1, float64(n)), right, n)
		if !all[k].squad {
			rightSum += right
			countSum += n
		}
	}
	fmt.Fprintf(out, "%-18s %-10s %.3f (%d/%d)\n", "all but SQuAD", "", float64(rightSum)/math.Max(1, float64(countSum)), rightSum, countSum)
	return nil
}

// topRight counts the questions of set k that some candidate answers, and
// of those the ones whose best candidate by the ranker weights w answers.
func topRight(data []example, k int, w []float64) (right, n int) {
	for _, q := range byQuestion(data) {
		if q.set != k {
			continue
		}
		best, bestScore, some := false, math.Inf(-1), false
		for _, c := range q.cands {
			if s := dot(w, c.x, nil); s > bestScore {
				best, bestScore = c.right, s
			}
			some = some || c.right
		}
		if some {
			n++
			if best {
				right++
			}
		}
	}
	return right, n
}
