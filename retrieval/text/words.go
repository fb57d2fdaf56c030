package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Token is one word of a text as the indexes see it.
type Token struct {
	Word string // lower-cased surface form, quotes folded, possessive removed
	Stem string // Snowball English stem of Word
	Stop bool   // an English stop word
}

// IsStopWord reports whether a lower-cased word carries no topic.
func IsStopWord(w string) bool {
	return english.IsStopWord(w) || extraStops()[w]
}

// Words splits text into lower-cased words: letters and digits, keeping
// apostrophes inside words and separators inside numbers ("2,414" is one
// word, read "2414"). Possessive endings are dropped.
func Words(text string) []string {
	text = quoteFolder.Replace(text)
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		w = strings.Trim(w, "'")
		w = strings.TrimSuffix(w, "'s")
		if w != "" {
			words = append(words, w)
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' && b.Len() > 0 && i+size < len(text) && isWordRune(text[i+size:]):
			b.WriteByte('\'')
		case (r == ',' || r == '.') && b.Len() > 0 && lastIsDigit(b.String()) && i+size < len(text) && startsWithDigit(text[i+size:]):
			if r == '.' {
				b.WriteByte('.')
			}
		default:
			flush()
		}
		i += size
	}
	flush()
	return words
}

func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func lastIsDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// Stemmer stems words, remembering the answers it has given. A Stemmer is not
// safe for concurrent use; its zero value is ready.
type Stemmer struct {
	memo  map[string]string
	known map[string]string // read-only stems known beforehand
}

// NewStemmer returns a Stemmer that takes the stems of known (a word →
// stem map it only reads, such as a corpus's vocabulary) as given.
func NewStemmer(known map[string]string) *Stemmer { return &Stemmer{known: known} }

// Stem returns the Snowball English stem of a lower-cased word.
func (s *Stemmer) Stem(w string) string {
	if st, ok := s.known[w]; ok {
		return st
	}
	if st, ok := s.memo[w]; ok {
		return st
	}
	st := stemWord(w)
	if s.memo == nil {
		s.memo = make(map[string]string)
	}
	if len(s.memo) < 1<<20 {
		s.memo[w] = st
	}
	return st
}

func stemWord(w string) string {
	if !isASCIIWord(w) {
		return w
	}
	return english.Stem(w, false)
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Tokens analyses text into tokens, using st to stem.
func Tokens(st *Stemmer, text string) []Token {
	words := Words(text)
	toks := make([]Token, len(words))
	for i, w := range words {
		toks[i] = Token{Word: w, Stem: st.Stem(w), Stop: IsStopWord(w)}
	}
	return toks
}
