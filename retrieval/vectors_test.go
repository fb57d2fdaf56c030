package retrieval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
)

// randomVectors returns n unit vectors shaped like the local embedder's:
// a few dozen hashed features, some sharing dimensions.
func randomVectors(r *rand.Rand, n, dims int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		v := make([]float32, dims)
		for range 30 {
			v[r.IntN(dims)] += float32(r.NormFloat64())
		}
		var s float64
		for _, x := range v {
			s += float64(x) * float64(x)
		}
		for j := range v {
			v[j] = float32(float64(v[j]) / math.Sqrt(s))
		}
		out[i] = v
	}
	return out
}

// TestCompactStoreRanksAsChromem: the store large corpora use ranks the
// same quantised vectors in the same order, with the same similarities, as
// chromem-go, which normal corpora use (to within float rounding); and it keeps its vectors as the
// index file does, so saving copies nothing.
func TestCompactStoreRanksAsChromem(t *testing.T) {
	const n, dims = 3000, 256
	r := rand.New(rand.NewPCG(3, 4))
	vecs := randomVectors(r, n, dims)
	q, err := indexfile.Quantise(dims, vecs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	ps := make([]corpus.Passage, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("p%05d", i)
		ps[i].ID = ids[i]
	}
	small, err := newVectorStore(t.Context(), ids, q)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := small.(*chromemStore); !ok {
		t.Fatalf("a store of %d vectors is a %T, want chromem-go's", n, small)
	}
	compact, err := newCompactStore(ids, q)
	if err != nil {
		t.Fatal(err)
	}
	var _ vectorStore = compact
	for _, k := range []int{1, 10, 50, n + 5} {
		t.Run(fmt.Sprintf("top %d", k), func(t *testing.T) {
			for qi := range 10 {
				query := randomVectors(r, 1, dims)[0]
				if qi == 0 {
					query = vecs[17]
				}
				want, err := small.Query(t.Context(), query, k)
				if err != nil {
					t.Fatal(err)
				}
				got, err := compact.Query(t.Context(), query, k)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("%d matches, chromem-go %d", len(got), len(want))
				}
				// The same order, but for similarities equal to within
				// float rounding, which the two sum in different orders.
				sim := map[string]float32{}
				for _, m := range got {
					sim[m.ID] = m.Similarity
				}
				for i := range got {
					s, ok := sim[want[i].ID]
					if !ok || math.Abs(float64(s-want[i].Similarity)) > 1e-5 || math.Abs(float64(got[i].Similarity-want[i].Similarity)) > 1e-5 {
						t.Fatalf("query %d, rank %d: %+v, chromem-go %+v", qi, i, got[i], want[i])
					}
				}
				if qi == 0 && got[0].ID != ids[17] {
					t.Errorf("a stored vector is not its own nearest: %+v", got[0])
				}
			}
		})
	}
	v, err := compact.Vector(t.Context(), ids[5])
	if err != nil {
		t.Fatal(err)
	}
	w, err := small.Vector(t.Context(), ids[5])
	if err != nil || !slices.Equal(v, w) {
		t.Errorf("vector %v, chromem-go %v (%v)", v[:4], w[:4], err)
	}
	if got, ok := compact.quantisedFor(ps); !ok || !slices.Equal(got.Data, q.Data) {
		t.Error("the compact store does not give back the vectors it was made with")
	}
	if _, ok := compact.quantisedFor(ps[1:]); ok {
		t.Error("the compact store gives its vectors for passages it does not hold")
	}
}
