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
		Vectors:  quantise(2, [][]float32{{1, 0}, {0.6, 0.8}}),
	}
}

func quantise(dims int, vecs [][]float32) indexfile.Vectors {
	v, err := indexfile.Quantise(dims, vecs)
	if err != nil {
		panic(err)
	}
	return v
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
	if got.Manifest != want.Manifest || !reflect.DeepEqual(got.Passages, want.Passages) || !reflect.DeepEqual(got.Vectors, want.Vectors) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
	for i, v := range [][]float32{{1, 0}, {0.6, 0.8}} {
		if got := got.Vectors.At(i, make([]float32, 2)); dot(got, v) < 0.9999 || math.Abs(dot(got, got)-1) > 1e-6 {
			t.Errorf("vector %d read back as %v, want about %v", i, got, v)
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
// read back keeps its cosine with a query to within 0.01, by At and by
// Dot, and that the file holds one byte per dimension.
func TestQuantisedVectorsRankAlike(t *testing.T) {
	const dims, n = 256, 200
	r := rand.New(rand.NewPCG(1, 2))
	c := contents()
	c.Manifest.Dims, c.Manifest.Passages = dims, n
	c.Passages = nil
	var vecs [][]float32
	for i := range n {
		v := make([]float32, dims)
		for range 40 {
			v[r.IntN(dims)] += float32(r.NormFloat64() * r.ExpFloat64())
		}
		normalize(v)
		vecs = append(vecs, v)
		c.Passages = append(c.Passages, corpus.Passage{ID: fmt.Sprint(i), Text: fmt.Sprintf("passage %d", i)})
	}
	c.Vectors = quantise(dims, vecs)
	c.Lexicon = lexical.Build(c.Passages)
	dir := t.TempDir()
	if err := indexfile.Write(dir, c); err != nil {
		t.Fatal(err)
	}
	got, err := indexfile.Read(filepath.Join(dir, indexfile.Name))
	if err != nil {
		t.Fatal(err)
	}
	q := vecs[0]
	buf := make([]float32, dims)
	for i := range n {
		want := dot(q, vecs[i])
		if d := math.Abs(dot(q, got.Vectors.At(i, buf)) - want); d > 0.01 {
			t.Errorf("vector %d: cosine with the query moved by %.4f", i, d)
		}
		if d := math.Abs(float64(got.Vectors.Dot(i, q)) - want); d > 0.01 {
			t.Errorf("vector %d: Dot with the query moved by %.4f", i, d)
		}
	}
	st, err := os.Stat(filepath.Join(dir, indexfile.Name))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > n*dims+8192 { // one byte a dimension, and the lexicon and manifest
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
		// In the gzipped meta, which is decompressed on another goroutine.
		"flipped meta byte": func(b []byte) []byte { b = append([]byte(nil), b...); b[len(b)*2/3] ^= 0xff; return b },
		"meta cut short":    func(b []byte) []byte { return append(b[:len(b)*2/3:len(b)*2/3], make([]byte, len(b)-len(b)*2/3)...) },
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
