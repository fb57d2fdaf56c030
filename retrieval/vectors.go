package retrieval

import "context"

// vectorStore holds one vector per passage and finds those nearest to a
// question's. The index uses nothing else of a vector database, so another
// one fits behind these four methods.
type vectorStore interface {
	// Add stores vecs[i], of unit length, under ids[i].
	Add(ctx context.Context, ids []string, vecs [][]float32) error
	// Query returns at most n stored vectors, the most similar to vec
	// first.
	Query(ctx context.Context, vec []float32, n int) ([]vectorMatch, error)
	// Vector returns the vector stored under id.
	Vector(ctx context.Context, id string) ([]float32, error)
	// Count is the number of vectors stored.
	Count() int
}

// vectorMatch is a stored vector found by a query.
type vectorMatch struct {
	ID         string
	Similarity float32 // cosine similarity with the query
}
