package bot

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval"
)

// Quotation marks, in the styles of the languages a model may answer in:
// each opener with the marks that may close it.
const quoteOpeners = "\"“«„「‹"

var quoteClosers = map[rune]string{'"': "\"", '“': "”\"", '«': "»", '„': "“”", '「': "」", '‹': "›"}

// maxHeldQuote is how long a quotation may grow before it is let through as
// plain text: a model that never closes a quote must not stall the stream.
const maxHeldQuote = 1500

// markerRE matches a citation marker: [1], [1, 2], [1,2,3].
var markerRE = regexp.MustCompile(`^\[\s*\d+(\s*,\s*\d+)*\s*\]`)

// partialMarkerRE matches what may become a marker once more text arrives.
var partialMarkerRE = regexp.MustCompile(`^\[[\d,\s]*$`)

// quoteRec is a quotation the model made.
type quoteRec struct {
	text     string
	refs     []int // passages it was attributed to, after checking
	verified bool
	span     retrieval.Span // of passages[refs[0]-1].Text when verified
}

// citer turns a model's answer, as it streams in, into display text in
// which every quotation has been checked against the passages and every
// marker points at a passage that exists. What it emits is exactly the
// final answer text, so what a user saw streaming is what is kept.
type citer struct {
	passages []retrieval.Passage
	emit     func(string) error
	buf      string // received, not yet decided
	space    string // white space before a '[', dropped with an invalid marker
	out      strings.Builder
	quotes   []quoteRec
}

func newCiter(passages []retrieval.Passage, emit func(string) error) *citer {
	if emit == nil {
		emit = func(string) error { return nil }
	}
	return &citer{passages: passages, emit: emit}
}

// reset forgets everything: the model's text so far was reasoning.
func (c *citer) reset() {
	c.buf, c.space = "", ""
	c.out.Reset()
	c.quotes = nil
}

func (c *citer) feed(s string) error {
	c.buf += s
	return c.process(false)
}

func (c *citer) finish() error {
	if err := c.process(true); err != nil {
		return err
	}
	return c.write(c.takeSpace())
}

func (c *citer) write(s string) error {
	if s == "" {
		return nil
	}
	c.out.WriteString(s)
	return c.emit(s)
}

// process decides as much of buf as it can; at the end (final) it decides
// everything.
func (c *citer) process(final bool) error {
	for c.buf != "" {
		if !final && !utf8.FullRuneInString(c.buf) {
			return nil // a lone first byte of a character
		}
		i := strings.IndexAny(c.buf, "["+quoteOpeners)
		if i < 0 {
			return c.flushPlain(final)
		}
		text, held := c.buf[:i], ""
		if c.buf[i] == '[' {
			trimmed := strings.TrimRight(text, " \t")
			text, held = trimmed, text[len(trimmed):]
		}
		if text != "" {
			if err := c.write(c.takeSpace() + text); err != nil {
				return err
			}
		}
		c.space += held
		c.buf = c.buf[i:]
		var done bool
		var err error
		if c.buf[0] == '[' {
			done, err = c.marker(final)
		} else {
			done, err = c.quotation(final)
		}
		if err != nil || !done {
			return err
		}
	}
	return nil
}

// flushPlain writes buf, which holds no '[' or quote; until the end,
// trailing white space waits for what follows (a marker that is dropped
// takes it along).
func (c *citer) flushPlain(final bool) error {
	text, held, partial := c.buf, "", ""
	if !final {
		// A character split between two chunks waits for its other half:
		// it may be a quotation mark.
		i := len(text) - 1
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
		if i >= 0 && !utf8.FullRuneInString(text[i:]) {
			text, partial = text[:i], text[i:]
		}
		trimmed := strings.TrimRight(text, " \t")
		text, held = trimmed, text[len(trimmed):]
	}
	c.buf = partial
	if text != "" {
		if err := c.write(c.takeSpace() + text); err != nil {
			return err
		}
	}
	c.space += held
	return nil
}

// takeSpace returns the white space held before a '[' and forgets it.
func (c *citer) takeSpace() string {
	s := c.space
	c.space = ""
	return s
}

// marker handles buf starting with '['.
func (c *citer) marker(final bool) (bool, error) {
	if m := markerRE.FindString(c.buf); m != "" {
		c.buf = c.buf[len(m):]
		refs := c.formatRefs(parseRefs(m), true)
		if refs == "" {
			c.space = "" // the marker goes, and the space before it
			return true, nil
		}
		return true, c.write(c.takeSpace() + refs)
	}
	if !final && partialMarkerRE.MatchString(c.buf) && len(c.buf) < 40 {
		return false, nil // wait for the rest
	}
	c.buf = c.buf[1:]
	return true, c.write(c.takeSpace() + "[")
}

// quotation handles buf starting with an opening quote.
func (c *citer) quotation(final bool) (bool, error) {
	open, size := utf8.DecodeRuneInString(c.buf)
	closing := quoteClosers[open]
	end := strings.IndexAny(c.buf[size:], closing)
	if end < 0 && !final && len(c.buf)-size < maxHeldQuote {
		return false, nil // wait for the close
	}
	if end < 0 || end >= maxHeldQuote {
		// Never closed, or too long to be a quotation: the words stand,
		// without the quotation mark. (Decided on the text alone, so
		// streaming in any pieces gives the same answer.)
		c.buf = c.buf[size:]
		return true, nil
	}
	text := c.buf[size : size+end]
	closeRune, closeSize := utf8.DecodeRuneInString(c.buf[size+end:])
	closing = string(closeRune)
	rest := c.buf[size+end+closeSize:]
	// What follows the quote: a marker, or not.
	trimmed := strings.TrimLeft(rest, " \t")
	gap := rest[:len(rest)-len(trimmed)]
	var refs []int
	consumed := size + end + closeSize
	switch {
	case trimmed == "" && !final:
		return false, nil
	case strings.HasPrefix(trimmed, "["):
		m := markerRE.FindString(trimmed)
		if m == "" {
			if !final && partialMarkerRE.MatchString(trimmed) && len(trimmed) < 40 {
				return false, nil
			}
		} else {
			refs = parseRefs(m)
			consumed += len(gap) + len(m)
		}
	}
	c.buf = c.buf[consumed:]
	if err := c.write(c.takeSpace()); err != nil {
		return true, err
	}
	q := c.check(text, refs)
	c.quotes = append(c.quotes, q)
	var s string
	switch {
	case q.verified:
		s = string(open) + text + closing
	case strings.TrimSpace(text) == "":
		s = ""
	default:
		s = strings.TrimSpace(text) + " (unverified)"
	}
	if len(refs) > 0 {
		s += gap + c.formatRefs(q.refs, false)
	}
	return true, c.write(s)
}

// check looks for a quotation in the passages it was attributed to, then in
// the others (a misattributed quote is re-attributed).
func (c *citer) check(text string, refs []int) quoteRec {
	q := quoteRec{text: text, refs: c.valid(refs)}
	order := slices.Clone(q.refs)
	for n := 1; n <= len(c.passages); n++ {
		if !slices.Contains(order, n) {
			order = append(order, n)
		}
	}
	for _, n := range order {
		if sp, ok := retrieval.FindNormalized(c.passages[n-1].Text, text, true); ok {
			q.verified, q.span = true, sp
			if !slices.Contains(q.refs, n) {
				q.refs = []int{n}
			} else {
				q.refs = append([]int{n}, slices.DeleteFunc(q.refs, func(r int) bool { return r == n })...)
			}
			return q
		}
	}
	return q
}

func (c *citer) valid(refs []int) []int {
	var out []int
	for _, r := range refs {
		if r >= 1 && r <= len(c.passages) && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// formatRefs writes a marker for the passages that exist; with filter, the
// others are dropped first. No valid passage: no marker.
func (c *citer) formatRefs(refs []int, filter bool) string {
	if filter {
		refs = c.valid(refs)
	}
	if len(refs) == 0 {
		return ""
	}
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = strconv.Itoa(r)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func parseRefs(marker string) []int {
	var refs []int
	for _, p := range strings.Split(strings.Trim(marker, "[] "), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			refs = append(refs, n)
		}
	}
	return refs
}

// anyMarkerRE finds markers anywhere in a finished text.
var anyMarkerRE = regexp.MustCompile(`\[\s*\d+(\s*,\s*\d+)*\s*\]`)

// citations builds the citations of a finished, checked answer: for every
// passage cited, its verified quotations, or else the sentence of the
// passage that best matches the claim the marker ends; then every
// unverified quotation, marked so.
func (c *citer) citations(text string) []Citation {
	type use struct {
		ref   int
		claim string
	}
	var uses []use
	prevEnd := 0
	for _, loc := range anyMarkerRE.FindAllStringIndex(text, -1) {
		claim := lastSentence(text[prevEnd:loc[0]])
		for _, r := range parseRefs(text[loc[0]:loc[1]]) {
			uses = append(uses, use{r, claim})
		}
		prevEnd = loc[1]
	}
	out := []Citation{}
	done := map[int]bool{}
	for _, u := range uses {
		if done[u.ref] || u.ref < 1 || u.ref > len(c.passages) {
			continue
		}
		done[u.ref] = true
		p := c.passages[u.ref-1]
		quoted := false
		seen := map[retrieval.Span]bool{}
		for _, q := range c.quotes {
			if q.verified && q.refs[0] == u.ref && !seen[q.span] {
				seen[q.span] = true
				out = append(out, NewCitation(u.ref, p, q.span))
				quoted = true
			}
		}
		if !quoted {
			out = append(out, NewCitation(u.ref, p, bestSentence(p.Text, u.claim)))
		}
	}
	for _, q := range c.quotes {
		if q.verified || strings.TrimSpace(q.text) == "" {
			continue
		}
		cit := Citation{Excerpt: strings.TrimSpace(q.text), Verified: false}
		if len(q.refs) > 0 {
			p := c.passages[q.refs[0]-1]
			cit.Ref, cit.PassageID, cit.Source, cit.Title, cit.Section = q.refs[0], p.ID, p.Source, p.Title, p.Section
			cit.LineStart, cit.LineEnd, cit.Passage = p.LineStart, p.LineEnd, p.Text
		}
		out = append(out, cit)
	}
	return out
}

// lastSentence returns the last sentence of s, the claim a marker ends.
func lastSentence(s string) string {
	spans := retrieval.Sentences(s)
	if len(spans) == 0 {
		return s
	}
	last := spans[len(spans)-1]
	return s[last.Start:last.End]
}

// bestSentence returns the sentence of text sharing most content words with
// claim (the first sentence when none shares any).
func bestSentence(text, claim string) retrieval.Span {
	var st retrieval.Stemmer
	want := map[string]bool{}
	for _, t := range retrieval.Tokens(&st, claim) {
		if !t.Stop {
			want[t.Stem] = true
		}
	}
	spans := retrieval.Sentences(text)
	if len(spans) == 0 {
		return retrieval.Span{Start: 0, End: len(text)}
	}
	best, bestScore := spans[0], -1.0
	for _, sp := range spans {
		shared, n := 0, 0
		seen := map[string]bool{}
		for _, t := range retrieval.Tokens(&st, text[sp.Start:sp.End]) {
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

// isNoAnswer reports whether a model's answer is the no-answer sentence.
func isNoAnswer(text, phrase string) bool {
	norm := func(s string) string {
		s = strings.ToLower(retrieval.NormalizeText(s))
		return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	}
	return strings.Contains(norm(text), norm(phrase))
}
