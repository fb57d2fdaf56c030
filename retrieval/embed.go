package retrieval

import (
	"context"

	"github.com/citebot/citebot/retrieval/localembed"
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
const DefaultLocalDims = localembed.DefaultDims

// Vocabulary is what the local embedder knows of the corpus: the index
// hands its lexicon to every EmbedderFactory.
type Vocabulary = localembed.Vocabulary
