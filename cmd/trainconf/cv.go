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

// crossCheckConfidence prints how well the confidence generalises: for
// each training set left out in turn, the ranker and the confidence fitted
// on the others (each set weighing weights, the confidence shrunk by
// confL2), then on the left-out set's questions the confidence's log loss
// and the share of (right, not right) pairs of top candidates it orders
// right (AUC). The mean over the sets but SQuAD (and any with no such
// pair) closes the table.
func crossCheckConfidence(ctx context.Context, train []set, weights []float64, confL2 float64, out io.Writer) error {
	if len(train) < 2 {
		return fmt.Errorf("-cv-conf: %d sets; one is left out in turn, so at least two are needed", len(train))
	}
	var data []example
	for i, s := range train {
		ex, err := examples(ctx, i, s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		data = append(data, ex...)
	}
	fmt.Fprintf(out, "%-18s %-9s %s\n", "set (left out)", "log loss", "AUC")
	var lossSum, aucSum float64
	var n int
	for k, s := range train {
		var rest []example
		for _, e := range data {
			if e.set != k {
				rest = append(rest, e)
			}
		}
		m := retrieval.NeutralModel()
		m.Rank = fitRanker(rest, len(train))
		tops := topCandidates(m, data)
		var fit, held []top
		for _, t := range tops {
			if t.set == k {
				held = append(held, t)
			} else {
				fit = append(fit, t)
			}
		}
		w, b := fitConfidence(fit, len(train), weights, confL2)
		loss, auc := scoreConfidence(held, w, b)
		fmt.Fprintf(out, "%-18s %-9.4f %.4f\n", s.name, loss, auc)
		if !s.squad && !math.IsNaN(auc) {
			lossSum += loss
			aucSum += auc
			n++
		}
	}
	fmt.Fprintf(out, "%-18s %-9.4f %.4f\n", "mean but SQuAD", lossSum/math.Max(1, float64(n)), aucSum/math.Max(1, float64(n)))
	return nil
}

// scoreConfidence returns the mean log loss of the confidence w, b on the
// top candidates tops and its AUC: the share of pairs of a right and a not
// right top candidate that it scores in that order (ties half); NaN when
// there is no such pair.
func scoreConfidence(tops []top, w []float64, b float64) (loss, auc float64) {
	type scored struct {
		p     float64
		right bool
	}
	ss := make([]scored, len(tops))
	for i, t := range tops {
		p := 1 / (1 + math.Exp(-(dot(w, t.x, nil) + b)))
		ss[i] = scored{p, t.right}
		p = math.Min(math.Max(p, 1e-12), 1-1e-12)
		if t.right {
			loss -= math.Log(p)
		} else {
			loss -= math.Log(1 - p)
		}
	}
	var pairs, ordered float64
	for _, r := range ss {
		if !r.right {
			continue
		}
		for _, o := range ss {
			if o.right {
				continue
			}
			pairs++
			switch {
			case r.p > o.p:
				ordered++
			case r.p == o.p:
				ordered += 0.5
			}
		}
	}
	if pairs == 0 {
		return loss / math.Max(1, float64(len(tops))), math.NaN() // nothing to order
	}
	return loss / float64(len(tops)), ordered / pairs
}
