package retrieval

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"

	"github.com/philippgille/chromem-go"
)

// Embedder turns texts into vectors. Vectors of one Embedder are comparable
// with each other only; ID names the model so that an index built with one
// embedder is never queried with another.
type Embedder interface {
	// ID names the embedding model and its settings.
	ID() string
	// Dims is the length of every vector returned.
	Dims() int
	// Embed returns one unit-length vector per text, in order.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// DefaultLocalDims is the vector length of the local embedder.
const DefaultLocalDims = 1024

// LocalEmbedder is the offline embedder: feature hashing of word stems, word
// bigrams and character n-grams, weighted by the corpus's inverse document
// frequencies. It needs no model files and no network, is deterministic, and
// reads "Qatar's" and "Qatar’s", "refugee" and "Refugees", and most one-letter
// typos alike. It is safe for concurrent use.
type LocalEmbedder struct {
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

// NewLocalEmbedder returns a local embedder with vectors of dims dimensions
// that reads words through vocab.
func NewLocalEmbedder(dims int, vocab Vocabulary) *LocalEmbedder {
	return &LocalEmbedder{dims: dims, vocab: vocab}
}

// LocalEmbedderID is the ID of a local embedder of dims dimensions.
func LocalEmbedderID(dims int) string { return fmt.Sprintf("local-hash-v1/%d", dims) }

// ID implements Embedder.
func (e *LocalEmbedder) ID() string { return LocalEmbedderID(e.dims) }

// Dims implements Embedder.
func (e *LocalEmbedder) Dims() int { return e.dims }

// Embed implements Embedder.
func (e *LocalEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	var st Stemmer
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

// EmbeddingFunc adapts e to chromem-go's embedding seam.
func (e *LocalEmbedder) EmbeddingFunc() chromem.EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		var st Stemmer
		return e.vector(&st, text), ctx.Err()
	}
}

// Feature weights relative to a word's IDF.
const (
	wordWeight   = 1.0
	bigramWeight = 0.6
	ngramWeight  = 1.2 // shared by all of a word's character n-grams
)

func (e *LocalEmbedder) vector(st *Stemmer, text string) []float32 {
	v := make([]float32, e.dims)
	toks := Tokens(st, text)
	content := 0
	for _, t := range toks {
		if !t.Stop {
			content++
		}
	}
	prev, prevW := "", 0.0
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
		e.add(v, "w\x00"+t.Stem, w*wordWeight)
		if prev != "" {
			e.add(v, "b\x00"+prev+"\x00"+t.Stem, (w+prevW)/2*bigramWeight)
		}
		prev, prevW = t.Stem, w
		grams := charNGrams(t.Word)
		gw := w * ngramWeight / math.Sqrt(float64(len(grams)))
		for _, g := range grams {
			e.add(v, "c\x00"+g, gw)
		}
	}
	normalize(v)
	return v
}

// add hashes a feature into v with a sign taken from the hash, so that
// collisions cancel out on average.
func (e *LocalEmbedder) add(v []float32, feature string, w float64) {
	h := fnv.New64a()
	h.Write([]byte(feature))
	x := h.Sum64()
	i := int(x % uint64(e.dims))
	if x>>63 == 1 {
		w = -w
	}
	v[i] += float32(w)
}

// charNGrams returns the 3- and 4-letter pieces of a word padded with
// boundary marks; words of up to three letters are their own piece.
func charNGrams(w string) []string {
	r := []rune("<" + w + ">")
	if len(r) <= 5 {
		return []string{string(r)}
	}
	var out []string
	for n := 3; n <= 4; n++ {
		for i := 0; i+n <= len(r); i++ {
			out = append(out, string(r[i:i+n]))
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
