package retrieval

import (
	"io/fs"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
)

// The names below keep the packages that use retrieval compiling while its
// parts move to sub-packages; callers are moved over after the merge.

// Span is text.Span.
type Span = text.Span

// Token is text.Token.
type Token = text.Token

// Stemmer is text.Stemmer.
type Stemmer = text.Stemmer

// Sentences is text.Sentences.
func Sentences(s string) []Span { return text.Sentences(s) }

// Words is text.Words.
func Words(s string) []string { return text.Words(s) }

// Tokens is text.Tokens.
func Tokens(st *Stemmer, s string) []Token { return text.Tokens(st, s) }

// IsStopWord is text.IsStopWord.
func IsStopWord(w string) bool { return text.IsStopWord(w) }

// NormalizeText is text.NormalizeText.
func NormalizeText(s string) string { return text.NormalizeText(s) }

// ContainsNormalized is text.ContainsNormalized.
func ContainsNormalized(haystack, needle string, fold bool) bool {
	return text.ContainsNormalized(haystack, needle, fold)
}

// FindNormalized is text.FindNormalized.
func FindNormalized(haystack, needle string, firstFold bool) (Span, bool) {
	return text.FindNormalized(haystack, needle, firstFold)
}

// Passage is corpus.Passage.
type Passage = corpus.Passage

// Locator is corpus.Locator.
type Locator = corpus.Locator

// DocInfo is corpus.DocInfo.
type DocInfo = corpus.DocInfo

// Corpus is corpus.Corpus.
type Corpus = corpus.Corpus

// Skipped is corpus.Skipped.
type Skipped = corpus.Skipped

// CorpusOptions is corpus.Options.
type CorpusOptions = corpus.Options

// DefaultMaxFileBytes is corpus.DefaultMaxFileBytes.
const DefaultMaxFileBytes = corpus.DefaultMaxFileBytes

// LoadCorpus is corpus.Load.
func LoadCorpus(fsys fs.FS) (*Corpus, error) { return corpus.Load(fsys) }

// LoadCorpusDir is corpus.LoadDir.
func LoadCorpusDir(dir string, opts CorpusOptions) (*Corpus, error) {
	return corpus.LoadDir(dir, opts)
}
