package text

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

//go:embed words/*.txt
var wordFiles embed.FS

// wordSet reads the word list words/name: one word a line, "#" starts a
// comment line. The lists are part of the binary, so a missing one is a
// build mistake, and the set is empty.
func wordSet(name string) map[string]bool {
	raw, err := wordFiles.ReadFile("words/" + name)
	if err != nil {
		return map[string]bool{}
	}
	set := make(map[string]bool)
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	return set
}

// The word lists, each read once on first use and only read afterwards.
var (
	commonWords   = sync.OnceValue(func() map[string]bool { return wordSet("common.txt") })
	extraStops    = sync.OnceValue(func() map[string]bool { return wordSet("stop.txt") })
	orderVerbs    = sync.OnceValue(func() map[string]bool { return wordSet("order-verbs.txt") })
	nounVerbs     = sync.OnceValue(func() map[string]bool { return wordSet("noun-verbs.txt") })
	objectWords   = sync.OnceValue(func() map[string]bool { return wordSet("object-words.txt") })
	abbreviations = sync.OnceValue(func() map[string]bool { return wordSet("abbreviations.txt") })
	metaWords     = sync.OnceValue(func() map[string]bool { return wordSet("meta.txt") })
	shortForms    = sync.OnceValue(func() map[string]string { return wordPairs("shortforms.txt") })
	irregular     = sync.OnceValue(func() map[string]string { return wordPairs("irregular.txt") })
	spellingStems = sync.OnceValue(func() map[string]string { return stemPairs(wordPairs("spellings.txt")) })
)

// stemPairs maps the stem of each British spelling to its American
// one's where they differ, so that every form of the word follows
// ("colouring", "favoured" as well as the "colour" and "favour" listed).
func stemPairs(pairs map[string]string) map[string]string {
	out := make(map[string]string, len(pairs))
	for gb, us := range pairs {
		if a, b := english.Stem(gb, false), english.Stem(us, false); a != b {
			out[a] = b
		}
	}
	return out
}

// wordPairs reads the list words/name of two words a line (the first
// stands for the second); "#" starts a comment line.
func wordPairs(name string) map[string]string {
	pairs := make(map[string]string)
	for w := range wordSet(name) {
		if short, long, ok := strings.Cut(w, " "); ok {
			pairs[short] = strings.TrimSpace(long)
		}
	}
	return pairs
}

// IsCommonWord reports whether a lower-cased word is a frequent English word
// that says little about a topic (words/common.txt). A question word the
// corpus lacks counts for little when it is one of these ("why does Kabul
// back the TTP": "back" is a paraphrase, not a new topic), and for a lot
// when it is not ("capital of France": France is the topic).
func IsCommonWord(w string) bool { return commonWords()[w] }

// IsCommon reports whether a word, or its stem, is a frequent English word.
func IsCommon(word, stem string) bool { return IsCommonWord(word) || IsCommonWord(stem) }

// IsCommonInflection reports whether a lower-cased word is an inflection
// of a frequent English word whose stem the stemmer writes otherwise
// ("singled", "hoped", "places" of "single", "hope", "place"): the word
// with its ending off, or with "e" for it, is one.
func IsCommonInflection(w string) bool {
	for _, end := range []string{"ing", "ed", "es", "d", "s"} {
		base, ok := strings.CutSuffix(w, end)
		if !ok || len(base) < 2 {
			continue
		}
		if IsCommonWord(base) || IsCommonWord(base+"e") {
			return true
		}
		if n := len(base); n >= 3 && base[n-1] == base[n-2] && IsCommonWord(base[:n-1]) {
			return true // "stopped", "running"
		}
	}
	return false
}

// IsCommonDegree reports whether a lower-cased word is the superlative of
// a frequent English adjective ("newest", "biggest", "easiest", "largest"
// of "new", "big", "easy", "large"; not "forest" of "for"). Comparatives
// are left out: "-er" makes nouns as often ("server", "letter").
func IsCommonDegree(w string) bool {
	base, ok := strings.CutSuffix(w, "est")
	n := len(base)
	if !ok || n < 2 {
		return false
	}
	common := func(b string) bool { return IsCommonWord(b) && !IsStopWord(b) }
	return common(base) || common(base+"e") ||
		n >= 3 && base[n-1] == base[n-2] && common(base[:n-1]) || // "biggest"
		base[n-1] == 'i' && common(base[:n-1]+"y") // "easiest"
}

// IsCommonForm reports whether a lower-cased word is a frequent English
// word or an inflection of one ("holds", "brings", "running" of "hold",
// "bring", "run"): its stem is one, and the word adds to the stem an
// inflection's ending alone ("nationals" is no form of "nation", nor
// "generalization" of "general").
func IsCommonForm(word, stem string) bool {
	return IsCommonWord(word) || inflected(word, stem) && IsCommonWord(stem)
}

// inflected reports whether word is stem with an inflection's ending:
// "-s", "-es", "-d", "-ed", "-ing", after a doubled last letter too
// ("running").
func inflected(word, stem string) bool {
	rest, ok := strings.CutPrefix(word, stem)
	if !ok || stem == "" {
		return false
	}
	if len(rest) >= 3 && rest[0] == stem[len(stem)-1] {
		rest = rest[1:] // "running", "stopped": the last letter doubled
	}
	switch rest {
	case "", "s", "es", "d", "ed", "ing":
		return true
	}
	return false
}

// IsMetaWord reports whether a lower-cased word is one questions use about
// the corpus rather than about its topic ("what does the article say
// about …"), words/meta.txt.
func IsMetaWord(w string) bool { return metaWords()[w] }

//go:embed words/english.txt.gz
var englishGz []byte

// englishWords is the English word list, sorted (read once, on first use).
var englishWords = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		return nil // part of the binary: a build mistake, and no word is English
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil
	}
	words := strings.Fields(string(raw))
	slices.Sort(words)
	return words
})

// IsEnglishWord reports whether a lower-cased word of four or more letters
// is in an English dictionary (words/english.txt.gz, from SCOWL; see
// words/english.NOTICE): a word the corpus lacks that is a real word is a
// word the corpus lacks, not a misspelling of a corpus word ("empire" is not
// "expire").
func IsEnglishWord(w string) bool {
	_, found := slices.BinarySearch(englishWords(), w)
	return found
}

// minMisspelt is the length from which a word the dictionary lacks is
// read as a misspelling of one it holds: shorter words are too often names
// one letter from a word ("redis", "reds").
const minMisspelt = 6

// maxMisspelt bounds the words read as misspellings: no word of the
// dictionary is longer, and each letter tries 27 others.
const maxMisspelt = 24

// EnglishMisspelling returns the English word a lower-cased word that is no
// English word misspells: the word with a letter it dropped put back
// ("realisticaly" → "realistically", "engagment" → "engagement") or two
// neighbouring letters it swapped put back ("intsall" → "install"), past
// the first letter, which typos rarely hit. Words shorter than six letters
// or longer than maxMisspelt, and words one drop or swap from two English
// words, are not read.
func EnglishMisspelling(w string) (string, bool) {
	if len(w) < minMisspelt || len(w) > maxMisspelt || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || IsEnglishWord(w) {
		return "", false
	}
	found := ""
	try := func(cand string) bool {
		if cand == found || !IsEnglishWord(cand) {
			return true
		}
		if found != "" {
			return false // two readings: none
		}
		found = cand
		return true
	}
	for i := 1; i <= len(w); i++ {
		for c := byte('a'); c <= 'z'; c++ {
			if !try(w[:i] + string(c) + w[i:]) {
				return "", false
			}
		}
	}
	for i := 1; i+1 < len(w); i++ {
		if w[i] != w[i+1] && !try(w[:i]+string(w[i+1])+string(w[i])+w[i+2:]) {
			return "", false
		}
	}
	return found, found != ""
}

// britishAmerican are spellings that differ between British and American
// English, each written the American way when spellings are compared.
var britishAmerican = strings.NewReplacer("isation", "ization", "ise", "ize", "yse", "yze",
	"our", "or", "ence", "ense", "tre", "ter", "ogue", "og", "ll", "l")

// SpellingVariants reports whether two lower-cased words are one word spelt
// the British and the American way ("licence", "license"; "colour",
// "color"; "organise", "organize").
func SpellingVariants(a, b string) bool {
	return a != b && britishAmerican.Replace(a) == britishAmerican.Replace(b)
}
