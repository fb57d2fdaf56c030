package main

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval"
)

// synthetic returns questions whose answering candidate has a higher
// "sentence" feature than the others, with noise, and unanswerable
// questions whose best candidate is weak.
func synthetic(seed uint64) []example {
	r := rand.New(rand.NewPCG(seed, 1))
	names := retrieval.FeatureNames()
	col := func(n string) int {
		for i, x := range names {
			if x == n {
				return i
			}
		}
		panic(n)
	}
	sentence, coverage := col("sentence"), col("coverage")
	var ex []example
	for q := range 60 {
		answerable := q%3 != 0
		for c := range 5 {
			x := make([]float64, len(names))
			x[coverage] = 0.3 + 0.2*r.Float64()
			x[sentence] = 0.2 + 0.3*r.Float64()
			right := answerable && c == 2
			if right {
				x[sentence] = 0.8 + 0.2*r.Float64()
			}
			ex = append(ex, example{set: q % 2, question: q, x: x, right: right})
		}
	}
	return ex
}

func train(ex []example) retrieval.Model {
	m := retrieval.NeutralModel()
	m.Rank = fitRanker(ex, 2)
	m.Weights, m.Bias = fitConfidence(topCandidates(m, ex), 2, []float64{1, 1}, l2)
	return m
}

// Same data, same weights: the fit has no randomness and no map order.
func TestTrainingIsReproducible(t *testing.T) {
	a, err := json.Marshal(train(synthetic(7)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(train(synthetic(7)))
	if string(a) != string(b) {
		t.Errorf("two fits of the same data differ:\n%s\n%s", a, b)
	}
}

func TestTrainingLearnsTheSignal(t *testing.T) {
	ex := synthetic(3)
	m := train(ex)
	tops := topCandidates(m, ex)
	right := 0
	for _, tp := range tops {
		if tp.right {
			right++
		}
	}
	if right != 40 { // every answerable question's answer ranked first
		t.Errorf("ranker put the answer first for %d of 40 questions", right)
	}
	for _, tp := range tops {
		z := m.Bias
		for j, x := range tp.x {
			z += m.Weights[j] * x
		}
		if answered := z > 0; answered != tp.some {
			t.Errorf("confidence logit %.2f for a question answerable=%v", z, tp.some)
		}
	}
	if reflect.DeepEqual(m.Rank, retrieval.NeutralModel().Rank) {
		t.Error("the ranker learned nothing")
	}
}

// syntheticSentences returns passages whose answering sentence has a
// higher "bigrams" feature than the others, and coverage that says nothing.
func syntheticSentences(seed uint64) []sentencePassage {
	r := rand.New(rand.NewPCG(seed, 2))
	names := bot.SentenceFeatureNames()
	bigrams := slices.Index(names, "bigrams")
	coverage := slices.Index(names, "coverage")
	var ps []sentencePassage
	for q := range 80 {
		p := sentencePassage{set: q % 2}
		answer := q % 5
		for s := range 5 {
			x := make([]float64, len(names))
			x[coverage] = r.Float64()
			x[bigrams] = 0.4 * r.Float64()
			if s == answer {
				x[bigrams] = 0.6 + 0.4*r.Float64()
			}
			p.x = append(p.x, x)
			p.right = append(p.right, s == answer)
		}
		ps = append(ps, p)
	}
	return ps
}

// Same data, same sentence weights; and the fit finds the signal.
func TestSentenceTraining(t *testing.T) {
	fit := func() bot.SentenceModel {
		return bot.SentenceModel{Names: bot.SentenceFeatureNames(), Weights: fitSentences(syntheticSentences(5), 2, []float64{1, 1})}
	}
	a, b := fit(), fit()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two fits of the same data differ:\n%v\n%v", a.Weights, b.Weights)
	}
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	for set, acc := range sentenceAccuracy(a, syntheticSentences(5), 2) {
		if acc != 1 {
			t.Errorf("set %d: the answering sentence scored best in %.2f of the passages", set, acc)
		}
	}
	if acc := sentenceAccuracy(bot.CoverageSentenceModel(), syntheticSentences(5), 2); acc[0] == 1 {
		t.Error("the synthetic data is too easy: coverage alone finds the answers")
	}
}

func TestAnswersIn(t *testing.T) {
	cases := []struct {
		name, sentence string
		answers        []string
		want           bool
	}{
		{"holds the answer", "It was commissioned by Odo, the bishop.", []string{"Odo"}, true},
		{"another sentence", "The tapestry is embroidery.", []string{"Odo"}, false},
		{"part of long evidence", "you'll need flex, bison and make.", []string{"If you build from git, you'll need flex, bison and make. And autoconf."}, true},
		{"too short a part", "Yes.", []string{"Yes. It does."}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := answersIn(c.sentence, c.answers); got != c.want {
				t.Errorf("answersIn = %v, want %v", got, c.want)
			}
		})
	}
}

// topRight, what -cv reports, counts the questions whose best candidate
// answers, among those some candidate answers.
func TestTopRightCountsAnswerableQuestions(t *testing.T) {
	ex := synthetic(3)
	w := fitRanker(ex, 2)
	right, n := topRight(ex, 1, w)
	if n != 20 { // set 1 holds the odd questions, two in three of them answerable
		t.Fatalf("%d answerable questions in set 1, want 20", n)
	}
	if right != n {
		t.Errorf("the fitted ranker puts the answer first for %d of %d", right, n)
	}
	neg := make([]float64, len(w))
	for i, x := range w {
		neg[i] = -x
	}
	if wrong, _ := topRight(ex, 1, neg); wrong != 0 {
		t.Errorf("the reversed ranker puts the answer first for %d of %d", wrong, n)
	}
}

// TestLogisticReachesItsOptimum: the fit is the minimum of its loss (the
// gradient vanishes there), with correlated features that slow gradient
// descent, and with and without a bias.
func TestLogisticReachesItsOptimum(t *testing.T) {
	var samples []sample
	for i := range 400 {
		a := math.Sin(float64(i)*0.7) * 3
		b := a*0.98 + math.Cos(float64(i)*1.3)*0.05 // nearly the same feature
		c := float64(i%7) - 3
		y := 0.0
		if a+0.5*c+math.Sin(float64(i)*2.1) > 0 {
			y = 1
		}
		samples = append(samples, sample{x: []float64{a, b, c, 4}, y: y, w: 1 + float64(i%3)})
	}
	for _, withBias := range []bool{true, false} {
		w, bias := logistic(samples, withBias, l2)
		// The gradient of the loss in raw units: the L2 term is on the
		// standardised weights, w·std, so its gradient is l2·w·std².
		d := len(w)
		mean, std, _ := moments(samples, withBias)
		grad := make([]float64, d)
		var gb, total float64
		for _, s := range samples {
			total += s.w
		}
		for _, s := range samples {
			p := 1 / (1 + math.Exp(-(dot(w, s.x, nil) + bias)))
			for j, x := range s.x {
				grad[j] += s.w * (p - s.y) * x / total
			}
			gb += s.w * (p - s.y) / total
		}
		for j := range grad {
			grad[j] += l2 * w[j] * std[j] * std[j]
			if withBias {
				grad[j] -= gb * mean[j] // centring moves the bias's share
			}
		}
		for j, g := range grad {
			if math.Abs(g) > 1e-5 {
				t.Errorf("bias %v: gradient %g on weight %d at the fit, want 0 (weights %v)", withBias, g, j, w)
			}
		}
		if withBias && math.Abs(gb) > 1e-5 {
			t.Errorf("gradient %g on the bias at the fit", gb)
		}
	}
}

// TestScoreConfidence: the AUC counts the (right, not right) pairs a
// confidence orders right, ties half; the log loss grows with wrong
// confidence.
func TestScoreConfidence(t *testing.T) {
	tops := []top{{x: []float64{2}, right: true}, {x: []float64{1}, right: false}, {x: []float64{-1}, right: false}}
	for _, c := range []struct {
		w       float64
		wantAUC float64
	}{{1, 1}, {-1, 0}, {0, 0.5}} {
		loss, auc := scoreConfidence(tops, []float64{c.w}, 0)
		if auc != c.wantAUC {
			t.Errorf("weight %v: AUC %v, want %v", c.w, auc, c.wantAUC)
		}
		if c.w == 0 && math.Abs(loss-math.Log(2)) > 1e-12 {
			t.Errorf("weight 0: log loss %v, want log 2", loss)
		}
	}
	if _, auc := scoreConfidence(tops[1:], []float64{1}, 0); !math.IsNaN(auc) {
		t.Errorf("no right candidate: AUC %v, want NaN", auc)
	}
	good, _ := scoreConfidence(tops, []float64{1}, 0)
	bad, _ := scoreConfidence(tops, []float64{-1}, 0)
	if good >= bad {
		t.Errorf("log loss %v ordering right, %v ordering wrong", good, bad)
	}
}
