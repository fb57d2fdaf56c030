package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/eval"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/text"
)

// The sentence model: of the sentences of a passage that answers a
// question, the one holding an accepted answer should score above the
// others (pairwise logistic loss, as the ranker).

// sentencePassage is the candidate sentences of one passage holding a
// question's evidence, the features of each and whether it holds an
// accepted answer.
type sentencePassage struct {
	set   int
	x     [][]float64
	right []bool
}

// sentenceSearchDepth is how many of a search's passages are read for
// passages holding the evidence: the extractive answer quotes the top
// three.
const sentenceSearchDepth = 3

// sentenceExamples reads, for every answerable question of set s with
// evidence, the passages among its top search results that hold the
// evidence; a passage is kept when some but not all of its candidate
// sentences hold an accepted answer.
func sentenceExamples(ctx context.Context, i int, s set) ([]sentencePassage, error) {
	c, err := s.corpus()
	if err != nil {
		return nil, err
	}
	ix, err := retrieval.Build(ctx, c, retrieval.LocalEmbedderFactory(retrieval.DefaultLocalDims))
	if err != nil {
		return nil, err
	}
	var out []sentencePassage
	for _, sc := range s.sentenceCases {
		res, err := ix.Search(ctx, sc.question, sentenceSearchDepth)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if !containsAny(h.Passage.Text, sc.evidence) {
				continue
			}
			sp := sentencePassage{set: i}
			some, all := false, true
			sents := bot.ReadSentences(sc.question, res.Query, h.Passage)
			views := make([]bot.SentenceView, len(sents))
			for j, ps := range sents {
				views[j] = ps.View(h.Passage.Text)
			}
			how := text.IsHowTo(sc.question)
			for j, ps := range sents {
				if !bot.Candidate(ps) {
					continue
				}
				// Right: the excerpt quoting this sentence (with the
				// neighbours it brings) holds an accepted answer.
				lo, hi := bot.Neighbours(views, j, how)
				excerpt := h.Passage.Text[sents[lo].Span.Start:sents[hi-1].Span.End]
				right := answersIn(excerpt, sc.answers)
				some, all = some || right, all && right
				sp.x = append(sp.x, ps.Features.Vector())
				sp.right = append(sp.right, right)
			}
			if some && !all {
				out = append(out, sp)
			}
		}
	}
	return out, nil
}

// sentenceCase is an answerable question with what a passage and a
// sentence that answer it hold.
type sentenceCase struct {
	question string
	evidence []string // in the passage
	answers  []string // in the sentence: the accepted answers, else the evidence
}

func sentenceCases(cases []eval.Case) []sentenceCase {
	var out []sentenceCase
	for _, c := range cases {
		if strings.TrimSpace(c.Question) == "" || c.Answerable == nil || !*c.Answerable || len(c.Evidence) == 0 {
			continue
		}
		ans := c.Answers
		if len(ans) == 0 {
			ans = c.Evidence
		}
		out = append(out, sentenceCase{question: c.Question, evidence: c.Evidence, answers: ans})
	}
	return out
}

func containsAny(s string, needles []string) bool { return eval.HasEvidence(s, needles...) }

// answersIn reports whether a sentence holds an accepted answer: holds one,
// or is a good part of a long one (evidence that runs over sentences).
func answersIn(sentence string, answers []string) bool {
	for _, a := range answers {
		if eval.HasEvidence(sentence, a) {
			return true
		}
		if len(sentence) >= 20 && text.ContainsNormalized(a, sentence, true) {
			return true
		}
	}
	return false
}

// fitSentences fits the sentence model's weights: a softmax over each
// passage's candidate sentences, the loss that the right ones take little
// of it (listwise: the best one is what is quoted); each set weighs
// setWeight, each passage of a set the same. Full-batch gradient descent
// on standardised features with L2 shrinkage, as logistic.
func fitSentences(ps []sentencePassage, sets int, setWeight []float64) []float64 {
	n := make([]float64, sets)
	for _, p := range ps {
		n[p.set]++
	}
	d := len(ps[0].x[0])
	mean, std := make([]float64, d), make([]float64, d)
	rows := 0.0
	for _, p := range ps {
		for _, x := range p.x {
			rows++
			for j, v := range x {
				mean[j] += v
			}
		}
	}
	for j := range mean {
		mean[j] /= rows
	}
	for _, p := range ps {
		for _, x := range p.x {
			for j, v := range x {
				std[j] += (v - mean[j]) * (v - mean[j]) / rows
			}
		}
	}
	for j := range std {
		std[j] = math.Sqrt(std[j])
		if std[j] < 1e-9 {
			std[j] = 1
		}
	}
	var total float64
	for _, p := range ps {
		total += setWeight[p.set] / n[p.set]
	}
	w, grad := make([]float64, d), make([]float64, d)
	var z, prob []float64
	for range iterations {
		clear(grad)
		for _, p := range ps {
			gw := setWeight[p.set] / n[p.set] / total
			z, prob = z[:0], prob[:0]
			top := math.Inf(-1)
			for _, x := range p.x {
				s := 0.0
				for j, v := range x {
					s += w[j] * (v - mean[j]) / std[j]
				}
				z = append(z, s)
				top = max(top, s)
			}
			var all, right float64
			for k, s := range z {
				e := math.Exp(s - top)
				prob = append(prob, e)
				all += e
				if p.right[k] {
					right += e
				}
			}
			for k, x := range p.x {
				g := prob[k] / all
				if p.right[k] {
					g -= prob[k] / right
				}
				for j, v := range x {
					grad[j] += gw * g * (v - mean[j]) / std[j]
				}
			}
		}
		for j := range w {
			w[j] -= rate * (grad[j] + l2*w[j])
		}
	}
	out := make([]float64, d)
	for j := range w {
		out[j] = round(w[j] / std[j])
	}
	return out
}

// sentenceAccuracy returns, per set, the share of passages whose best
// scored sentence holds an answer.
func sentenceAccuracy(m bot.SentenceModel, ps []sentencePassage, sets int) []float64 {
	right, n := make([]float64, sets), make([]float64, sets)
	for _, p := range ps {
		best, bestScore := -1, 0.0
		for j, x := range p.x {
			z := 0.0
			for k, v := range x {
				z += m.Weights[k] * v
			}
			if best < 0 || z > bestScore {
				best, bestScore = j, z
			}
		}
		n[p.set]++
		if p.right[best] {
			right[p.set]++
		}
	}
	for i := range right {
		if n[i] > 0 {
			right[i] /= n[i]
		}
	}
	return right
}

// trainSentences fits the sentence model on sets.
func trainSentences(ctx context.Context, sets []set, squadWeight float64, log io.Writer) (bot.SentenceModel, error) {
	var data []sentencePassage
	names := make([]string, len(sets))
	weights := setWeights(sets, squadWeight, "")
	for i, s := range sets {
		names[i] = s.name
		ex, err := sentenceExamples(ctx, i, s)
		if err != nil {
			return bot.SentenceModel{}, fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(log, "%s: %d passages with an answering sentence among others\n", s.name, len(ex))
		data = append(data, ex...)
	}
	if len(data) == 0 {
		return bot.SentenceModel{}, fmt.Errorf("no passage to train the sentence model on")
	}
	m := bot.SentenceModel{Names: bot.SentenceFeatureNames(), Weights: fitSentences(data, len(sets), weights),
		Trained: "softmax over the sentences of passages holding the evidence; sets: " +
			strings.Join(names, ", ") + fmt.Sprintf(" (SQuAD weighing %g against 1 for each other set)", squadWeight)}
	before, after := sentenceAccuracy(bot.CoverageSentenceModel(), data, len(sets)), sentenceAccuracy(m, data, len(sets))
	for i, name := range names {
		fmt.Fprintf(log, "%-10s best sentence holds the answer: coverage %.3f, model %.3f\n", name, before[i], after[i])
	}
	return m, nil
}
