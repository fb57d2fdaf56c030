package cite

import (
	"math"
	"regexp"
	"strings"

	"github.com/citebot/citebot/retrieval/text"
)

// anyMarkerRE finds markers anywhere in a finished text.
var anyMarkerRE = regexp.MustCompile(`\[\s*\d+(\s*,\s*\d+)*\s*\]`)

// HasMarker reports whether s holds a citation marker ([1], [1, 2]).
func HasMarker(s string) bool { return anyMarkerRE.MatchString(s) }

// Excerpt is one thing a checked answer cites.
type Excerpt struct {
	// Ref is the number of the passage cited, from 1. For an unverified
	// quotation it is the passage the quotation was attributed to, or 0
	// when it names none that exists.
	Ref int
	// Verified says the excerpt is Span of passage Ref's text.
	Verified bool
	Span     text.Span
	// Text is the words of an unverified quotation, trimmed.
	Text string
}

// Excerpts returns what answer, a finished answer checked by c, cites: for
// every passage cited, its verified quotations, or else the sentence of
// the passage that best matches the claim the marker ends; then every
// unverified quotation.
func (c *Checker) Excerpts(answer string) []Excerpt {
	type use struct {
		ref   int
		claim string
	}
	var uses []use
	prevEnd := 0
	for _, loc := range anyMarkerRE.FindAllStringIndex(answer, -1) {
		claim := lastSentence(answer[prevEnd:loc[0]])
		for _, r := range parseRefs(answer[loc[0]:loc[1]]) {
			uses = append(uses, use{r, claim})
		}
		prevEnd = loc[1]
	}
	var out []Excerpt
	done := map[int]bool{}
	for _, u := range uses {
		if done[u.ref] || u.ref < 1 || u.ref > len(c.passages) {
			continue
		}
		done[u.ref] = true
		quoted := false
		seen := map[text.Span]bool{}
		for _, q := range c.quotes {
			if q.verified && q.refs[0] == u.ref && !seen[q.span] {
				seen[q.span] = true
				out = append(out, Excerpt{Ref: u.ref, Verified: true, Span: q.span})
				quoted = true
			}
		}
		if !quoted {
			out = append(out, Excerpt{Ref: u.ref, Verified: true, Span: bestSentence(c.passages[u.ref-1], u.claim)})
		}
	}
	for _, q := range c.quotes {
		if q.verified || strings.TrimSpace(q.text) == "" {
			continue
		}
		e := Excerpt{Text: strings.TrimSpace(q.text)}
		if len(q.refs) > 0 {
			e.Ref = q.refs[0]
		}
		out = append(out, e)
	}
	return out
}

// lastSentence returns the last sentence of s, the claim a marker ends.
func lastSentence(s string) string {
	spans := text.Sentences(s)
	if len(spans) == 0 {
		return s
	}
	last := spans[len(spans)-1]
	return s[last.Start:last.End]
}

// bestSentence returns the sentence of body sharing most content words with
// claim (the first sentence when none shares any).
func bestSentence(body, claim string) text.Span {
	var st text.Stemmer
	want := map[string]bool{}
	for _, t := range text.Tokens(&st, claim) {
		if !t.Stop {
			want[t.Stem] = true
		}
	}
	spans := text.Sentences(body)
	if len(spans) == 0 {
		return text.Span{Start: 0, End: len(body)}
	}
	best, bestScore := spans[0], -1.0
	for _, sp := range spans {
		shared, n := 0, 0
		seen := map[string]bool{}
		for _, t := range text.Tokens(&st, body[sp.Start:sp.End]) {
			if t.Stop || seen[t.Stem] {
				continue
			}
			seen[t.Stem] = true
			n++
			if want[t.Stem] {
				shared++
			}
		}
		score := float64(shared) / math.Sqrt(float64(n)+1)
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	return best
}
