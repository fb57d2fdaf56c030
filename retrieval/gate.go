package retrieval

// Gate decides whether the best passages answer a question at all.
type Gate struct {
	// MinCoverage is the weighted share of the question's terms that one of
	// the top passages must hold.
	MinCoverage float64
	// A passage with at least WeakCoverage passes when its vector is
	// MinSimilarity close to the question's, or when it holds question
	// terms worth MinStrength times the weight of the corpus's rarest word.
	WeakCoverage  float64
	MinSimilarity float32
	MinStrength   float64
}

// IsZero reports whether g is the zero Gate, which OpenOptions reads as
// DefaultGate.
func (g Gate) IsZero() bool { return g == Gate{} }

// DefaultGate is the relevance gate tuned on the evaluation set.
func DefaultGate() Gate {
	return Gate{MinCoverage: 0.5, WeakCoverage: 0.34, MinSimilarity: 0.2, MinStrength: 1.5}
}

// pass reports whether one of the top hits answers the question.
func (g Gate) pass(hits []Hit) bool {
	for _, h := range hits[:min(3, len(hits))] {
		if h.Coverage >= g.MinCoverage {
			return true
		}
		if h.Coverage >= g.WeakCoverage && (h.Similarity >= g.MinSimilarity || h.Strength >= g.MinStrength) {
			return true
		}
	}
	return false
}
