package main

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

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
	m.Weights, m.Bias = fitConfidence(topCandidates(m, ex), 2, []float64{1, 1})
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
