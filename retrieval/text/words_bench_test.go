package text

import (
	"os"
	"testing"
)

// BenchmarkWords reads the words of a real README (realdocs' go-openai),
// the work every passage and sentence goes through.
func BenchmarkWords(b *testing.B) {
	data, err := os.ReadFile("../../testdata/realdocs/corpus/go-openai/README.md")
	if err != nil {
		b.Skip(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Words(s)
	}
}
