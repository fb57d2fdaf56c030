// Package cite checks the quotations of a model's answer, as it streams
// in, against the passages the model was given: it recognises every form
// of quotation (quotation marks of many languages, backtick runs, block
// quotes), verifies each against the passages' text, holds text back
// while a quotation or a marker is undecided, and says which excerpts of
// which passages the finished answer cites.
package cite

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/text"
)

// quoteForm is how a quotation opened by one mark closes.
type quoteForm struct {
	closers string // marks that may close it
	// apostrophe: the mark is also an apostrophe (don't, Pakistan's, the
	// '90s), so it opens only after a non-word character and before a
	// letter, closes only before a non-word character, and a quotation
	// never spans a line. Like any mark, one that opens and is never
	// closed is dropped.
	apostrophe bool
}

// quoteForms are the quotation marks of the languages a model may answer
// in, each opener with the marks that may close it. Backtick runs (`…`,
// “…“) and block-quote lines (> …) are recognised apart.
var quoteForms = map[rune]quoteForm{
	'"':  {closers: "\""},
	'“':  {closers: "”\""},
	'”':  {closers: "”"},
	'＂':  {closers: "＂"},
	'«':  {closers: "»"},
	'»':  {closers: "«»"},
	'„':  {closers: "“”"},
	'「':  {closers: "」"},
	'『':  {closers: "』"},
	'‹':  {closers: "›"},
	'\'': {closers: "'", apostrophe: true},
	'‘':  {closers: "’", apostrophe: true},
	'’':  {closers: "’", apostrophe: true},
	'‚':  {closers: "‘’", apostrophe: true},
}

// isQuoteMark reports whether r opens or closes any quotation.
func isQuoteMark(r rune) bool {
	if _, ok := quoteForms[r]; ok || r == '`' || r == '」' || r == '』' || r == '›' {
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isNewline reports whether r ends a line, as any renderer may take it.
func isNewline(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// maxHeldQuote is how long a quotation may grow before it is let through as
// plain text: a model that never closes a quote must not stall the stream.
const maxHeldQuote = 1500

// markerRE matches a citation marker: [1], [1, 2], [1,2,3].
var markerRE = regexp.MustCompile(`^\[\s*\d+(\s*,\s*\d+)*\s*\]`)

// partialMarkerRE matches what may become a marker once more text arrives.
var partialMarkerRE = regexp.MustCompile(`^\[[\d,\s]*$`)

// trailingMarkerRE matches a marker ending a block-quote line, with the
// punctuation after it.
var trailingMarkerRE = regexp.MustCompile(`\s*(\[\s*\d+(\s*,\s*\d+)*\s*\])[\s.,;:]*$`)

// quoteRec is a quotation the model made.
type quoteRec struct {
	text     string
	marked   []int // passages the model attributed it to
	refs     []int // passages it was attributed to, after checking
	verified bool
	span     text.Span // of passages[refs[0]-1] when verified
	// at and end delimit the quotation as shown in the output, marks
	// included, when verified.
	at, end int
}

// Checker turns a model's answer, as it streams in, into display text in
// which every quotation has been checked against the passages and every
// marker points at a passage that exists. What it emits is exactly the
// final answer text, so what a user saw streaming is what is kept.
//
// A quotation is text in any pair of quotation marks of quoteForms, in a
// run of backticks, or a line starting with '>' (a block quote). One that
// is in a passage is shown as the model wrote it, followed by the marker
// of that passage; any other is shown without its marks, followed by
// "(unverified)".
type Checker struct {
	passages []string // texts; marker [n] cites passages[n-1]
	emit     func(string) error
	buf      string // received, not yet decided
	space    string // white space before a '[', dropped with an invalid marker
	out      strings.Builder
	quotes   []quoteRec
	// Of the output so far: its last rune, and whether nothing but spaces
	// follows its last line break.
	last      rune
	lineStart bool
}

// New returns a Checker of quotations from passages, the texts of the
// passages the model was given (marker [n] cites passages[n-1]). It calls
// emit with each piece of checked text as it is decided; emit may be nil.
func New(passages []string, emit func(string) error) *Checker {
	if emit == nil {
		emit = func(string) error { return nil }
	}
	return &Checker{passages: passages, emit: emit, lineStart: true}
}

// Reset forgets everything: the model's text so far was reasoning.
func (c *Checker) Reset() {
	c.buf, c.space = "", ""
	c.out.Reset()
	c.quotes = nil
	c.last, c.lineStart = 0, true
}

// Feed checks the next piece of the model's text, emitting what it can
// decide; the rest is held back until more text arrives.
func (c *Checker) Feed(s string) error {
	c.buf += s
	return c.process(false)
}

// Finish decides and emits everything held back: the model has finished.
func (c *Checker) Finish() error {
	if err := c.process(true); err != nil {
		return err
	}
	return c.write(c.takeSpace())
}

// Discard forgets the text held back, undecided: the stream was cut off,
// and what it held (an unclosed quotation) must not be decided as if the
// model had finished.
func (c *Checker) Discard() { c.buf = "" }

// Text returns the checked text emitted so far.
func (c *Checker) Text() string { return c.out.String() }

// AnyVerified reports whether the model made a quotation that is in the
// passages.
func (c *Checker) AnyVerified() bool {
	return slices.ContainsFunc(c.quotes, func(q quoteRec) bool { return q.verified })
}

func (c *Checker) write(s string) error {
	if s == "" {
		return nil
	}
	for _, r := range s {
		switch {
		case isNewline(r):
			c.lineStart = true
		case r == ' ' || r == '\t':
		default:
			c.lineStart = false
		}
		c.last = r
	}
	c.out.WriteString(s)
	return c.emit(s)
}

// What next finds at the start of the undecided text.
const (
	atNothing = iota // plain text to the end (or up to an undecided rune)
	atMarker
	atQuote
	atBlock
	atStray // an apostrophe-like mark that is dropped
)

// next finds the first rune of buf that may start a marker or a
// quotation; i is len(buf) when there is none, or the index of a rune that
// cannot be decided before more text arrives (then what is atNothing).
func (c *Checker) next(final bool) (i, what int) {
	prev, ls := c.last, c.lineStart
	if c.space != "" {
		prev = ' '
	}
	for j := 0; j < len(c.buf); {
		if !final && !utf8.FullRuneInString(c.buf[j:]) {
			return j, atNothing // half a character: it may be a mark
		}
		r, size := utf8.DecodeRuneInString(c.buf[j:])
		switch {
		case r == '[':
			return j, atMarker
		case r == '>' && ls:
			return j, atBlock
		case r == '`':
			return j, atQuote
		}
		if f, ok := quoteForms[r]; ok {
			if !f.apostrophe {
				return j, atQuote
			}
			if !isWordRune(prev) {
				if !final && !utf8.FullRuneInString(c.buf[j+size:]) {
					return j, atNothing // what follows decides
				}
				nr, n := utf8.DecodeRuneInString(c.buf[j+size:])
				switch {
				case n == 0 || isNewline(nr):
				case unicode.IsLetter(nr):
					return j, atQuote
				case unicode.IsSpace(nr) || nr == '[' || nr == '`' || isQuoteMark(nr):
					// What follows may be shown differently (a dropped
					// marker, an unverified quotation's words), which
					// could make this mark open a quotation: it goes.
					return j, atStray
				}
			}
		}
		switch {
		case isNewline(r):
			ls = true
		case r == ' ' || r == '\t':
		default:
			ls = false
		}
		prev = r
		j += size
	}
	return len(c.buf), atNothing
}

// process decides as much of buf as it can; at the end (final) it decides
// everything.
func (c *Checker) process(final bool) error {
	for c.buf != "" {
		i, what := c.next(final)
		text, held := c.buf[:i], ""
		if what == atMarker || (what == atNothing && !final) {
			// Until the end, trailing white space waits for what follows
			// (a marker that is dropped takes it along).
			trimmed := strings.TrimRight(text, " \t")
			text, held = trimmed, text[len(trimmed):]
		}
		if text != "" || (what != atNothing && what != atMarker) {
			// Held white space stays before a quotation (even one that
			// is dropped), as it does when the text arrives whole.
			if err := c.write(c.takeSpace() + text); err != nil {
				return err
			}
		}
		c.space += held
		c.buf = c.buf[i:]
		var done bool
		var err error
		switch what {
		case atNothing:
			return nil
		case atMarker:
			done, err = c.marker(final)
		case atQuote:
			done, err = c.quotation(final)
		case atBlock:
			done, err = c.block(final)
		case atStray:
			_, size := utf8.DecodeRuneInString(c.buf)
			c.buf, done = c.buf[size:], true
		}
		if err != nil || !done {
			return err
		}
	}
	return nil
}

// takeSpace returns the white space held before a '[' and forgets it.
func (c *Checker) takeSpace() string {
	s := c.space
	c.space = ""
	return s
}

// marker handles buf starting with '['.
func (c *Checker) marker(final bool) (bool, error) {
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

// closing finds where the quotation opening buf ends: the marks open
// (size bytes) and, at end, the closing marks (closeSize bytes). wait:
// more text is needed to decide; else end < 0: unclosed or too long.
func (c *Checker) closing(final bool) (size, end, closeSize int, wait bool) {
	open, size := utf8.DecodeRuneInString(c.buf)
	if open == '`' {
		size = len(c.buf) - len(strings.TrimLeft(c.buf, "`"))
		if size == len(c.buf) && !final {
			return size, -1, 0, true // the run may go on
		}
		for j := size; j < len(c.buf) && j-size < maxHeldQuote; {
			k := strings.IndexByte(c.buf[j:], '`')
			if k < 0 {
				break
			}
			j += k
			n := len(c.buf[j:]) - len(strings.TrimLeft(c.buf[j:], "`"))
			if j+n == len(c.buf) && !final {
				return size, -1, 0, true
			}
			if n == size && j-size < maxHeldQuote {
				return size, j - size, n, false
			}
			j += n
		}
		if len(c.buf)-size < maxHeldQuote && !final {
			return size, -1, 0, true
		}
		return size, -1, 0, false
	}
	f := quoteForms[open]
	for j := size; j < len(c.buf); {
		if j-size >= maxHeldQuote {
			return size, -1, 0, false
		}
		if !utf8.FullRuneInString(c.buf[j:]) && !final {
			return size, -1, 0, true
		}
		r, n := utf8.DecodeRuneInString(c.buf[j:])
		if f.apostrophe && isNewline(r) {
			return size, -1, 0, false // a quotation never spans lines
		}
		if strings.ContainsRune(f.closers, r) {
			if !f.apostrophe {
				return size, j - size, n, false
			}
			if !final && !utf8.FullRuneInString(c.buf[j+n:]) {
				return size, -1, 0, true // what follows decides
			}
			if j+n == len(c.buf) {
				return size, j - size, n, false
			}
			if nr, _ := utf8.DecodeRuneInString(c.buf[j+n:]); !isWordRune(nr) {
				return size, j - size, n, false
			}
		}
		j += n
	}
	if !final && len(c.buf)-size < maxHeldQuote {
		return size, -1, 0, true
	}
	return size, -1, 0, false
}

// quotation handles buf starting with an opening quotation mark.
func (c *Checker) quotation(final bool) (bool, error) {
	size, end, closeSize, wait := c.closing(final)
	switch {
	case wait:
		return false, nil
	case end < 0:
		// Never closed, or too long to be a quotation: the words stand,
		// without the quotation mark. (Decided on the text alone, so
		// streaming in any pieces gives the same answer.)
		c.buf = c.buf[size:]
		return true, nil
	}
	open := c.buf[:size]
	text := c.buf[size : size+end]
	closing := c.buf[size+end : size+end+closeSize]
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
	return true, c.show(open+text+closing, text, refs, gap)
}

// block handles buf starting with '>' at the start of a line: the rest of
// the line is a quotation, with its marker at the end.
func (c *Checker) block(final bool) (bool, error) {
	nl := strings.IndexFunc(c.buf, isNewline)
	if nl < 0 {
		if !final && len(c.buf) < maxHeldQuote {
			return false, nil
		}
		nl = len(c.buf)
	}
	if nl >= maxHeldQuote {
		// Too long to be a quotation: the words stand, without the mark.
		c.buf = c.buf[1:]
		return true, nil
	}
	line := strings.TrimRight(strings.TrimLeft(c.buf[1:nl], "> \t"), " \t")
	c.buf = c.buf[nl:]
	var refs []int
	if m := trailingMarkerRE.FindStringSubmatchIndex(line); m != nil {
		refs = parseRefs(line[m[2]:m[3]])
		line = line[:m[0]]
	}
	text := line
	if r, size := utf8.DecodeRuneInString(text); size > 0 {
		if f, ok := quoteForms[r]; ok && len(text) > size {
			if l, lsize := utf8.DecodeLastRuneInString(text); strings.ContainsRune(f.closers, l) && len(text) >= size+lsize {
				text = text[size : len(text)-lsize]
			}
		}
	}
	if err := c.write(c.takeSpace()); err != nil {
		return true, err
	}
	shown := ""
	if strings.TrimSpace(text) != "" {
		shown = "> " + text
	}
	return true, c.show(shown, text, refs, " ")
}

// show checks a quotation and writes it: as shown (marks included) when
// verified, followed by its marker; else its words without marks,
// followed by "(unverified)".
func (c *Checker) show(shown, text string, refs []int, gap string) error {
	q := c.check(text, refs)
	var s string
	switch {
	case q.verified:
		s = shown
		if len(refs) == 0 {
			gap = " " // a verified quotation always names its passage
		}
		q.at = c.out.Len()
		q.end = q.at + len(s)
		s += gap + c.formatRefs(q.refs, false)
		c.quotes = append(c.quotes, q)
		return c.write(s)
	case unquote(text) == "":
		s = ""
	default:
		s = unquote(text) + " (unverified)"
	}
	c.quotes = append(c.quotes, q)
	if len(refs) > 0 {
		s += gap + c.formatRefs(q.refs, false)
	}
	return c.write(s)
}

// unquote returns the words of an unverified quotation as plain text, on
// one line: without markers, quotation marks (apostrophes inside words
// stay) or a leading '>'.
func unquote(s string) string {
	s = anyMarkerRE.ReplaceAllString(s, " ")
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if isQuoteMark(r) {
			if (r == '\'' || r == '’') && i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimLeft(strings.Join(strings.Fields(b.String()), " "), "> ")
}

// check looks for a quotation in the passages it was attributed to, then in
// the others (a misattributed quote is re-attributed).
func (c *Checker) check(quoted string, refs []int) quoteRec {
	q := quoteRec{text: quoted, marked: refs, refs: c.valid(refs)}
	order := slices.Clone(q.refs)
	for n := 1; n <= len(c.passages); n++ {
		if !slices.Contains(order, n) {
			order = append(order, n)
		}
	}
	for _, n := range order {
		if sp, ok := text.FindNormalized(c.passages[n-1], quoted, true); ok {
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

func (c *Checker) valid(refs []int) []int {
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
func (c *Checker) formatRefs(refs []int, filter bool) string {
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
