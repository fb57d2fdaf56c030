// Package localembed is citebot's offline embedder, the one an index uses
// when no embedding model is configured.
package localembed

import (
	"context"
	"fmt"
	"math"

	"github.com/citebot/citebot/retrieval/text"
)

// DefaultDims is the vector length of the local embedder.
const DefaultDims = 1024

// Embedder is the offline embedder: feature hashing of word stems, word
// bigrams and character n-grams, weighted by the corpus's inverse document
// frequencies. It needs no model files and no network, is deterministic, and
// reads "Qatar's" and "Qatar’s", "refugee" and "Refugees", and most one-letter
// typos alike. It is safe for concurrent use.
type Embedder struct {
	dims  int
	vocab Vocabulary
}

// Vocabulary is what the local embedder knows of the corpus.
type Vocabulary interface {
	// IDF weighs a stem by its rarity in the corpus.
	IDF(stem string) float64
	// Correct reads a word the corpus lacks as the nearest corpus word.
	Correct(word string) (corrected string, ok bool)
}

// New returns a local embedder with vectors of dims dimensions
// that reads words through vocab.
func New(dims int, vocab Vocabulary) *Embedder {
	return &Embedder{dims: dims, vocab: vocab}
}

// ID is the ID of a local embedder of dims dimensions.
func ID(dims int) string { return fmt.Sprintf("local-hash-v2/%d", dims) }

// ID names the model and its settings.
func (e *Embedder) ID() string { return ID(e.dims) }

// Dims is the length of every vector.
func (e *Embedder) Dims() int { return e.dims }

// Embed returns one unit-length vector per text, in order.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	var st text.Stemmer
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		out[i] = e.vector(&st, t)
	}
	return out, nil
}

// Feature weights relative to a word's IDF.
const (
	wordWeight   = 1.0
	bigramWeight = 0.6
	ngramWeight  = 1.2 // shared by all of a word's character n-grams
)

func (e *Embedder) vector(st *text.Stemmer, s string) []float32 {
	v := make([]float32, e.dims)
	toks := text.Tokens(st, s)
	content := 0
	for _, t := range toks {
		if !t.Stop {
			content++
		}
	}
	prev, prevW := "", 0.0
	var grams []string
	for _, t := range toks {
		if t.Stop && content > 0 {
			prev = ""
			continue
		}
		if !t.Stop {
			if c, ok := e.vocab.Correct(t.Word); ok {
				t.Word, t.Stem = c, st.Stem(c)
			}
		}
		w := e.vocab.IDF(t.Stem)
		if t.Stop {
			w *= 0.1
		}
		e.add(v, featureHash('w', t.Stem, ""), w*wordWeight)
		if prev != "" {
			e.add(v, featureHash('b', prev, t.Stem), (w+prevW)/2*bigramWeight)
		}
		prev, prevW = t.Stem, w
		grams = charNGrams(grams[:0], t.Word)
		gw := w * ngramWeight / math.Sqrt(float64(len(grams)))
		for _, g := range grams {
			e.add(v, featureHash('c', g, ""), gw)
		}
	}
	normalize(v)
	return v
}

// featureHash is the 64-bit FNV-1a hash of a feature: its kind, then a and
// b separated by a zero byte.
func featureHash(kind byte, a, b string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	h = (h ^ uint64(kind)) * prime
	h *= prime // a zero byte: h ^ 0 == h
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	if b != "" {
		h *= prime // a zero byte
		for i := 0; i < len(b); i++ {
			h = (h ^ uint64(b[i])) * prime
		}
	}
	return h
}

// add adds weight w to the dimension the feature hash x falls in, with a
// sign taken from the hash, so that collisions cancel out on average.
func (e *Embedder) add(v []float32, x uint64, w float64) {
	i := int(x % uint64(e.dims))
	if x>>63 == 1 {
		w = -w
	}
	v[i] += float32(w)
}

// charNGrams appends to out the 3- and 4-letter pieces of a word padded
// with boundary marks; words of up to three letters are their own piece.
func charNGrams(out []string, w string) []string {
	padded := "<" + w + ">"
	var starts [64]int // byte offset of each rune, for words up to 62 runes
	n := 0
	for i := range padded {
		if n == len(starts) {
			break
		}
		starts[n] = i
		n++
	}
	if n <= 5 || n == len(starts) {
		return append(out, padded)
	}
	at := func(i int) int {
		if i == n {
			return len(padded)
		}
		return starts[i]
	}
	for size := 3; size <= 4; size++ {
		for i := 0; i+size <= n; i++ {
			out = append(out, padded[starts[i]:at(i+size)])
		}
	}
	return out
}

// normalize scales v to unit length; a zero vector becomes a fixed unit
// vector so that every vector is valid for cosine similarity.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		v[0] = 1
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
