package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// quoteFolder maps typographic quotes and dashes to their plain forms, so that
// "Qatar's" and "Qatar’s" read the same to every comparison citebot makes.
var quoteFolder = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`,
	"\u00ab", `"`, "\u00bb", `"`,
	"\u2013", "-", "\u2014", "-", "\u2212", "-",
	"\u00a0", " ",
)

// NormalizeText folds typographic quotes and dashes to plain ones and
// collapses every run of white space to a single space. Two texts that are
// equal after NormalizeText are the same text to a reader.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(quoteFolder.Replace(s)), " ")
}

// ContainsNormalized reports whether needle occurs in haystack once both are
// normalised with NormalizeText and, when fold is true, lower-cased.
func ContainsNormalized(haystack, needle string, fold bool) bool {
	h, n := NormalizeText(haystack), NormalizeText(needle)
	if fold {
		h, n = strings.ToLower(h), strings.ToLower(n)
	}
	return n != "" && strings.Contains(h, n)
}

// Token is one word of a text as the indexes see it.
type Token struct {
	Word string // lower-cased surface form, quotes folded, possessive removed
	Stem string // Snowball English stem of Word
	Stop bool   // an English stop word
}

// extraStops are words that carry no topic in a question or a passage beyond
// Snowball's list.
var extraStops = map[string]bool{
	"also": true, "would": true, "could": true, "may": true, "might": true,
	"must": true, "shall": true, "can": true, "cannot": true, "yet": true,
	"i.e": true, "e.g": true, "etc": true, "per": true, "via": true,
	"whose": true,
	// chat spellings and typos of question words
	"wat": true, "wht": true, "waht": true, "whta": true, "hwo": true, "hw": true, "teh": true,
	"wen": true, "wher": true, "whre": true, "wich": true, "whcih": true, "wich's": true, "whos": true,
	"abt": true, "pls": true, "plz": true, "u": true, "ur": true, "r": true, "y": true, "thx": true,
	"whats": true, "wats": true, "hows": true, "wheres": true, "whens": true, "im": true, "dont": true,
	"doesnt": true, "didnt": true, "isnt": true, "arent": true, "cant": true, "wont": true,
}

// IsStopWord reports whether a lower-cased word carries no topic.
func IsStopWord(w string) bool {
	return english.IsStopWord(w) || extraStops[w]
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
	memo map[string]string
}

// Stem returns the Snowball English stem of a lower-cased word.
func (s *Stemmer) Stem(w string) string {
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

// FindNormalized finds needle in haystack as NormalizeText sees them (quotes
// and dashes folded, white space collapsed) and returns the span of
// haystack it covers. With firstFold, the first letter may differ in case,
// as a quote taken from mid-sentence often does.
func FindNormalized(haystack, needle string, firstFold bool) (Span, bool) {
	n := NormalizeText(needle)
	if n == "" {
		return Span{}, false
	}
	// Normalise haystack, remembering where each byte came from.
	var hb strings.Builder
	var from []int // from[i]: offset in haystack of normalised byte i
	space := true
	folded := quoteFolder.Replace
	for i, r := range haystack {
		if unicode.IsSpace(r) || r == '\u00a0' {
			if !space {
				hb.WriteByte(' ')
				from = append(from, i)
				space = true
			}
			continue
		}
		space = false
		s := folded(string(r))
		for j := 0; j < len(s); j++ {
			hb.WriteByte(s[j])
			from = append(from, i)
		}
	}
	h := hb.String()
	idx := strings.Index(h, n)
	if idx < 0 && firstFold {
		r, size := utf8.DecodeRuneInString(n)
		for _, alt := range []string{string(unicode.ToUpper(r)), string(unicode.ToLower(r))} {
			if idx = strings.Index(h, alt+n[size:]); idx >= 0 {
				n = alt + n[size:]
				break
			}
		}
	}
	if idx < 0 {
		return Span{}, false
	}
	start := from[idx]
	lastByte := from[idx+len(n)-1]
	_, size := utf8.DecodeRuneInString(haystack[lastByte:])
	return Span{start, lastByte + size}, true
}
