package indexfile_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
	"github.com/citebot/citebot/retrieval/lexical"
)

func contents() indexfile.Contents {
	ps := []corpus.Passage{
		{ID: "a", Text: "Honeybees feed on nectar.", Locator: corpus.Locator{Source: "a.txt", Title: "Bees", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Wasps hunt insects.", Locator: corpus.Locator{Source: "b.txt", Title: "Wasps", LineStart: 1, LineEnd: 1}},
	}
	return indexfile.Contents{
		Manifest: indexfile.Manifest{Format: indexfile.Version, CorpusHash: "h", Embedder: "e", Dims: 2, Passages: 2, Documents: 2},
		Passages: ps,
		Lexicon:  lexical.Build(ps),
		Vectors:  [][]float32{{1, 0}, {0.6, 0.8}},
	}
}

func TestWriteThenRead(t *testing.T) {
	dir := t.TempDir()
	want := contents()
	if err := indexfile.Write(dir, want); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, indexfile.Name)
	got, err := indexfile.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Manifest != want.Manifest || !reflect.DeepEqual(got.Passages, want.Passages) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
	if len(got.Vectors) != len(want.Vectors) {
		t.Fatalf("%d vectors read back, want %d", len(got.Vectors), len(want.Vectors))
	}
	for i, v := range got.Vectors {
		if cos := dot(v, want.Vectors[i]); cos < 0.9999 || math.Abs(dot(v, v)-1) > 1e-6 {
			t.Errorf("vector %d read back as %v (cosine %.6f with %v)", i, v, cos, want.Vectors[i])
		}
	}
	if !reflect.DeepEqual(got.Lexicon, want.Lexicon) {
		t.Error("the lexicon read back, prepared, differs from the one built")
	}
	if m, err := indexfile.ReadManifest(path); err != nil || m != want.Manifest {
		t.Errorf("manifest %+v, %v", m, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".index-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// TestQuantisedVectorsRankAlike writes vectors of the local embedder's
// shape (a few large components, many small ones) and checks that each
// read back keeps its cosine with a query to within 0.01, and that the
// file holds one byte per dimension.
func TestQuantisedVectorsRankAlike(t *testing.T) {
	const dims, n = 256, 200
	r := rand.New(rand.NewPCG(1, 2))
	c := contents()
	c.Manifest.Dims, c.Manifest.Passages = dims, n
	c.Passages, c.Vectors = nil, nil
	for i := range n {
		v := make([]float32, dims)
		for range 40 {
			v[r.IntN(dims)] += float32(r.NormFloat64() * r.ExpFloat64())
		}
		normalize(v)
		c.Vectors = append(c.Vectors, v)
		c.Passages = append(c.Passages, corpus.Passage{ID: fmt.Sprint(i), Text: fmt.Sprintf("passage %d", i)})
	}
	c.Lexicon = lexical.Build(c.Passages)
	dir := t.TempDir()
	if err := indexfile.Write(dir, c); err != nil {
		t.Fatal(err)
	}
	got, err := indexfile.Read(filepath.Join(dir, indexfile.Name))
	if err != nil {
		t.Fatal(err)
	}
	q := c.Vectors[0]
	for i, v := range got.Vectors {
		if d := math.Abs(dot(q, v) - dot(q, c.Vectors[i])); d > 0.01 {
			t.Errorf("vector %d: cosine with the query moved by %.4f", i, d)
		}
	}
	st, err := os.Stat(filepath.Join(dir, indexfile.Name))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > n*dims+4096 {
		t.Errorf("file is %d bytes for %d vectors of %d dimensions", st.Size(), n, dims)
	}
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	for i := range v {
		v[i] = float32(float64(v[i]) / math.Sqrt(s))
	}
}

func TestReadRefusesDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	if err := indexfile.Write(dir, contents()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, indexfile.Name)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func([]byte) []byte{
		"truncated":    func(b []byte) []byte { return b[:len(b)-3] },
		"flipped byte": func(b []byte) []byte { b = append([]byte(nil), b...); b[len(b)-5] ^= 0xff; return b },
		"not an index": func([]byte) []byte { return []byte("hello\n") },
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), indexfile.Name)
			if err := os.WriteFile(p, damage(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := indexfile.Read(p); err == nil {
				t.Error("read a damaged file without error")
			}
		})
	}
}

// TestRoundedVectorsReadBackExactly: vectors rounded as a new index rounds
// them read back bit for bit, so a built index and the same index loaded
// rank alike.
func TestRoundedVectorsReadBackExactly(t *testing.T) {
	c := contents()
	c.Vectors = [][]float32{{0.28, -0.96}, {0.6, 0.8}}
	indexfile.Round(c.Vectors)
	dir := t.TempDir()
	if err := indexfile.Write(dir, c); err != nil {
		t.Fatal(err)
	}
	got, err := indexfile.Read(filepath.Join(dir, indexfile.Name))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Vectors, c.Vectors) {
		t.Errorf("read back %v, want %v", got.Vectors, c.Vectors)
	}
}
