package retrieval

import (
	"slices"
	"testing"
)

func TestChromemStore(t *testing.T) {
	s, err := newChromemStore()
	if err != nil {
		t.Fatal(err)
	}
	var _ vectorStore = s
	ids := []string{"x", "y", "xy"}
	vecs := [][]float32{{1, 0}, {0, 1}, {0.6, 0.8}}
	if err := s.Add(t.Context(), ids, vecs); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		vec  []float32
		n    int
		want []string
	}{
		{"more asked than held", []float32{1, 0}, 50, []string{"x", "xy", "y"}},
		{"best first", []float32{0, 1}, 2, []string{"y", "xy"}},
		{"none asked", []float32{0, 1}, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms, err := s.Query(t.Context(), c.vec, c.n)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Query = %v, want %v", got, c.want)
			}
		})
	}
	if v, err := s.Vector(t.Context(), "xy"); err != nil || !slices.Equal(v, vecs[2]) {
		t.Errorf("Vector(xy) = %v, %v", v, err)
	}
	if _, err := s.Vector(t.Context(), "z"); err == nil {
		t.Error("Vector of an unknown ID: no error")
	}
	if err := s.Add(t.Context(), []string{"a"}, nil); err == nil {
		t.Error("Add of 1 ID with 0 vectors: no error")
	}
	if s.Count() != 3 {
		t.Errorf("Count = %d, want 3", s.Count())
	}
}
