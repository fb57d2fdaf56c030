package text

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
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

// IsStopWord reports whether a lower-cased word carries no topic; a
// contraction is read without its apostrophe ("we're" as "were", "i'm" as
// "im").
func IsStopWord(w string) bool {
	if english.IsStopWord(w) || extraStops()[w] {
		return true
	}
	if strings.IndexByte(w, '\'') > 0 {
		w = strings.ReplaceAll(w, "'", "")
		return english.IsStopWord(w) || extraStops()[w]
	}
	return false
}

// Words splits text into lower-cased words (a short option keeps its case:
// "-K"): letters and digits, keeping apostrophes inside words and separators
// inside numbers ("2,414" is one word, read "2414"; "100k" is read
// "100000"). Possessive endings are dropped. The destination of a Markdown
// inline link or image ("[text](https://…)"), or a reference link's label
// ("[text][label]"), is not read: readers never see it, and its host and
// path words ("golang", "org", "github") would match questions that mean
// something else. Nor is HTML markup in it (see htmlTag): its tag and
// attribute words ("div", "align", "center") are not what it says.
func Words(text string) []string { return readWords(text, false) }

// readWords is Words; with parts, a camel-case name's parts follow it as
// words of their own (see camelParts), and a number joined to the word
// before it by "/", "-" or "." follows as one word with it ("http2").
func readWords(text string, parts bool) []string {
	var words []string
	buf := make([]byte, 0, 32)
	var id identifier
	// humps are the offsets in buf where a camel-case name's parts start
	// ("CheckRedirect": 5): its parts follow it as words of their own.
	var humps []int
	lower := false // the last letter read was ASCII lower case
	// letters is the last word read when it is ASCII letters alone, and
	// lettersEnd where it ended in text: a number joined to it by "/",
	// "-" or "." ("HTTP/2", "UTF-8", "X.509") is also read as one word
	// with it ("http2"), as it is often written.
	letters, lettersEnd := "", 0
	// urls are the web addresses in text: their words are read as written,
	// neither in camel-case parts ("tootallnate" of a gist's address, not
	// "tall") nor joined to a number. words are read in order, so the one
	// an address may hold is found from the last (url).
	var urls [][]int
	url := 0
	if parts && strings.Contains(text, "://") {
		urls = webAddress.FindAllStringIndex(text, -1)
	}
	var i int
	flush := func() {
		if len(buf) == 0 {
			return
		}
		w := string(buf)
		begin := i - len(buf)
		contiguous := parts && begin >= 0 && strings.EqualFold(text[begin:i], w)
		buf = buf[:0]
		lower = false
		w = strings.Trim(w, "'")
		w = strings.TrimSuffix(w, "'s")
		w = thousands(w)
		if w != "" {
			words = append(words, w)
			id.part(w)
			for url < len(urls) && urls[url][1] <= begin {
				url++
			}
			if parts && !(url < len(urls) && begin >= urls[url][0]) {
				words = camelParts(words, w, humps)
				if contiguous {
					if l := versionedName(text[begin:i]); l != "" {
						words = append(words, l) // "tls" of "TLSv1.2"
					}
				}
				if letters != "" && contiguous && begin == lettersEnd+1 && strings.IndexByte("/-.", text[lettersEnd]) >= 0 &&
					len(w) <= maxJoinedNumber && isDigits(w) {
					words = append(words, letters+w)
				}
				if len(letters) == 1 && contiguous && begin == lettersEnd+1 && text[lettersEnd] == '-' && len(w) >= 2 &&
					strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
					words = append(words, letters+w) // "dbus" of "D-Bus", "email" of "e-mail"
				}
			}
		}
		letters = ""
		if contiguous && len(w) <= maxCodeName && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			letters, lettersEnd = w, i // only read with parts
		}
		humps = humps[:0]
	}
	// end flushes the word read and ends the identifier it closes, which
	// follows its parts as a word of its own.
	end := func() {
		flush()
		words = id.end(words)
	}
	for i = 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII letters and digits, the most of any text
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				lower = c >= 'a'
				buf = append(buf, c)
				i++
				continue
			case 'A' <= c && c <= 'Z':
				if lower && len(buf) > 0 {
					humps = append(humps, len(buf))
				}
				lower = false
				buf = append(buf, c+'a'-'A')
				i++
				continue
			}
		}
		if text[i] == '-' && len(buf) > 0 && !id.long {
			// A word broken over two lines by a hyphen ("com-\n  mand",
			// as groff and some manuals set text) is one word.
			if n := hyphenated(buf, text[i+1:]); n > 0 {
				rest := strings.TrimLeft(text[i+1:], " \t\r\n")
				buf = append(buf, rest[:n]...)
				i = len(text) - len(rest) + n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032': // typographic apostrophes
			r = '\''
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			lower = false // no hump after a letter outside ASCII ("ÉCOLE")
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case len(buf) > 0 && (r == '_' || r == '.' && !(lastIsDigit(buf) && i+1 < len(text) && startsWithDigit(text[i+1:])) || r == ':') && joins(text, i):
			flush()
			n := 1
			if r == ':' {
				n = 2
			}
			id.join(text[i : i+n])
			i += n
			continue
		case r == '-' && len(buf) == 0 && strings.HasPrefix(text[i:], "--") && longOption(text, i):
			end()
			id.start("--")
			i += 2
			continue
		case r == '-' && len(buf) > 0 && id.long && i+1 < len(text) && isWordRune(text[i+1:]):
			flush()
			id.join("-")
		case (r == '+' || r == '#') && len(buf) == 1 && strings.IndexByte("cfg", buf[0]) >= 0:
			// "C++", "C#", "F#", "g++": a language's or a compiler's
			// name, one word, not the letter alone.
			if n := languageMark(text[i:]); n > 0 {
				buf = append(buf, text[i:i+n]...)
				i += n
				continue
			}
			end() // as any other mark ends a word: "c+d", "c#1"
		case r == '\'' && len(buf) > 0 && i+size < len(text) && isWordRune(text[i+size:]):
			buf = append(buf, '\'')
		case (r == ',' || r == '.') && len(buf) > 0 && lastIsDigit(buf) && i+size < len(text) && startsWithDigit(text[i+size:]):
			if r == '.' {
				buf = append(buf, '.')
			}
		case r == '-' && len(buf) == 0:
			if w, n := shortOption(text, i); n > 0 {
				words = append(words, w)
				i += n
				continue
			}
		case r == '<':
			end()
			if n := htmlTag(text[i:]); n > 0 {
				i += n // markup, not words: "<div align=\"center\">", "<!-- x -->"
				continue
			}
		case r == ']' && i+1 < len(text) && text[i+1] == '(':
			end()
			if n := linkDestination(text[i+1:]); n > 0 {
				i += 1 + n
				continue
			}
		case r == ']' && i+1 < len(text) && text[i+1] == '[':
			end()
			if n := referenceLabel(text[i+1:]); n > 0 {
				i += 1 + n
				continue
			}
		default:
			end()
		}
		i += size
	}
	end()
	return words
}

// hyphenated returns the length of the lower-case letters that, after a
// line break, end the word whose start is head: when head ends a line with
// a hyphen ("com-" over "mand") and the two make an English word that head
// alone is not ("com" + "mand"), not a compound ("command-" over "line":
// "commandline" is no word); 0 otherwise. after is the text after the
// hyphen.
func hyphenated(head []byte, after string) int {
	if len(head) < 2 || len(after) == 0 || (after[0] != '\n' && !strings.HasPrefix(after, "\r\n")) {
		return 0
	}
	for _, c := range head {
		if c < 'a' || c > 'z' {
			return 0
		}
	}
	rest := strings.TrimLeft(after, " \t\r\n")
	if strings.Count(after[:len(after)-len(rest)], "\n") != 1 {
		return 0 // a blank line between: no word goes on over it
	}
	n := 0
	for n < len(rest) && rest[n] >= 'a' && rest[n] <= 'z' {
		n++
	}
	if n < 2 {
		return 0
	}
	w := string(head) + rest[:n]
	if !IsEnglishWord(w) || IsEnglishWord(string(head)) && IsEnglishWord(rest[:n]) {
		return 0
	}
	return n
}

// identifier gathers the parts of a name written as code, joined by "_",
// "." or "::" ("ffi_prep_closure_loc", "fs.watch", "std::vector"), or a
// long option ("--save-dev", "--force"), so that the whole name is a word
// beside its parts: "ffi_prep_closure" then matches only the passages that
// name it, not every one naming "ffi_prep_closure_loc".
type identifier struct {
	b       []byte // the name so far, once a joiner or a prefix made one
	first   string // the word read with no joiner before it, not yet copied to b
	parts   int
	joined  bool            // a joiner was read since the last part
	long    bool            // a long option: "--" then parts joined by "-"
	dotted  bool            // some joiner is "."
	single  bool            // every part so far is one letter ("e.g", "u.s")
	members [maxMembers]int // offsets in b after the last "." or "::" joiners (the start of a member)
	nmember int
}

// maxMembers bounds the members remembered of one name.
const maxMembers = 4

// start begins an identifier with a prefix ("--").
func (id *identifier) start(prefix string) {
	id.reset()
	id.b = append(id.b, prefix...)
	id.long, id.joined = true, true
}

// part adds a word read; a word with no joiner before it starts anew.
// Most words are no part of a name: they are only remembered, not copied.
func (id *identifier) part(w string) {
	if !id.joined {
		id.reset()
		id.first, id.parts = w, 1
		return
	}
	id.b = append(id.b, w...)
	id.single = (id.parts == 0 || id.single) && oneLetter(w)
	id.parts++
	id.joined = false
}

func oneLetter(w string) bool { return len(w) == 1 || utf8.RuneCountInString(w) == 1 }

// join records a joiner after a part.
func (id *identifier) join(j string) {
	if id.parts == 0 {
		return
	}
	if len(id.b) == 0 {
		id.b = append(id.b, id.first...)
		id.single = oneLetter(id.first)
	}
	id.b = append(id.b, j...)
	id.joined = true
	id.dotted = id.dotted || j == "."
	if j == "." || j == "::" {
		if id.nmember == maxMembers { // keep the last: the shortest members
			copy(id.members[:], id.members[1:])
			id.nmember--
		}
		id.members[id.nmember] = len(id.b)
		id.nmember++
	}
}

// end appends to words the identifier read, if any: two parts or more, or
// a long option; not an abbreviation of single letters ("e.g.", "U.S."),
// nor a run of joined words longer than maxCodeName ("a_a_a_…": its parts
// read). The members it names after a "." or "::" that are names
// themselves follow it ("with_suffix" of "PurePath.with_suffix",
// "path.join" of "os.path.join"): a reference writes a method after its
// class, a user often without.
func (id *identifier) end(words []string) []string {
	ok := len(id.b) <= maxCodeName && (!id.joined || id.long) && // "fs." at a sentence's end is no name
		(id.long && id.parts > 0 && !id.joined || id.parts >= 2 && !(id.dotted && id.single))
	if ok {
		words = append(words, string(id.b))
		for _, m := range id.members[:id.nmember] {
			if member := id.b[m:]; bytes.ContainsAny(member, "_.:") {
				words = append(words, string(member))
			}
		}
	}
	id.reset()
	return words
}

func (id *identifier) reset() {
	id.b, id.first = id.b[:0], ""
	id.parts, id.joined, id.long, id.dotted, id.single = 0, false, false, false, false
	id.nmember = 0
}

// webAddress matches a web address as text writes it, up to the space,
// bracket or quote that ends it.
var webAddress = regexp.MustCompile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s<>()\\[\\]{}\"'`]+")

// camelParts appends to words the parts of a camel-case name w, whose
// parts start at humps ("check", "redirect" of "CheckRedirect"), so that
// "check redirects" finds it: those of two letters or more. A word that
// lost bytes when read (an apostrophe, a thousands separator) has none.
func camelParts(words []string, w string, humps []int) []string {
	if len(humps) == 0 || len(w) <= humps[len(humps)-1] {
		return words
	}
	start := 0
	for i := 0; i <= len(humps); i++ {
		end := len(w)
		if i < len(humps) {
			end = humps[i]
		}
		if utf8.RuneCountInString(w[start:end]) >= 2 {
			words = append(words, w[start:end])
		}
		start = end
	}
	return words
}

// versionedName returns the name of a protocol or standard written with
// its version joined by "v" ("tls" of "TLSv1", "ip" of "IPv6", "ssl" of
// "SSLv3"), which a question asks by its name alone; "" for any other
// word ("dev1", "Kv2").
func versionedName(w string) string {
	n := 0
	for n < len(w) && w[n] >= 'A' && w[n] <= 'Z' {
		n++
	}
	if n < 2 || n+1 >= len(w) || w[n] != 'v' {
		return ""
	}
	for _, part := range strings.Split(w[n+1:], ".") {
		if !isDigits(part) {
			return "" // "TLSv1.2" and "SSLv3", not "UTF-8v" nor "Kv2a"
		}
	}
	return strings.ToLower(w[:n])
}

// maxJoinedNumber bounds the digits of a number read joined to the word
// before it ("http2" of "HTTP/2", "x509" of "X.509").
const maxJoinedNumber = 4

// maxCodeName bounds a name of code read whole, in bytes.
const maxCodeName = 80

// joins reports whether the joiner at text[i] ("_", "." or "::") is
// followed by a letter or digit, so that it joins two parts of a name.
func joins(text string, i int) bool {
	n := 1
	if text[i] == ':' {
		if !strings.HasPrefix(text[i:], "::") {
			return false
		}
		n = 2
	}
	return i+n < len(text) && isWordRune(text[i+n:])
}

// longOption reports whether text[i:] starts a long option: "--" at the
// start or after white space, an opening bracket or quote, then a letter.
func longOption(text string, i int) bool {
	return optionStart(text, i) && i+2 < len(text) && isASCIILetter(text[i+2])
}

// optionStart reports whether an option's dash may start at text[i]: at
// the start or after white space, an opening bracket or quote, or one of
// | / , = ; (any of them Unicode).
func optionStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || unicode.In(r, unicode.Ps, unicode.Pi) || strings.ContainsRune("'\"`|/,=;", r)
}

// htmlTag returns the length of the HTML tag or comment s starts with, 0
// when it starts with none: a tag of the elements Markdown documents write
// (lower case: "<div align=\"center\">", "</a>", "<br/>"), with its
// attributes, or a comment ("<!-- … -->"). "<string>" and "<Buffer>", the
// types of a reference, are text.
func htmlTag(s string) int {
	if strings.HasPrefix(s, "<!--") {
		if k := strings.Index(s[:min(len(s), 4096)], "-->"); k > 0 {
			return k + len("-->")
		}
		return 0
	}
	j := 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	k := j
	for k < len(s) && ('a' <= s[k] && s[k] <= 'z' || '1' <= s[k] && s[k] <= '6') {
		k++
	}
	if !markupTags()[s[j:k]] || k == len(s) {
		return 0
	}
	switch s[k] {
	case '>':
		return k + 1
	case ' ', '\t', '/', '\n':
		if m := tagAttributes.FindStringIndex(s[k:min(len(s), k+1024)]); m != nil {
			return k + m[1]
		}
	}
	return 0
}

// tagAttributes matches the rest of a tag after its name: attributes
// (name=value, name="value", or a boolean one such as "open"), maybe over
// lines, then "/>" or ">". "<b and y > z" is a comparison, not a tag.
var tagAttributes = regexp.MustCompile(`^(?:\s+(?:[a-zA-Z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+)` +
	`|open|hidden|disabled|checked|selected|async|defer|controls|autoplay|loop|muted|playsinline|readonly|required|reversed|nowrap|inert))*\s*/?>`)

// markupTags are the elements a Markdown document writes in HTML for its
// layout: a centred logo, a badge row, a <details> block.
var markupTags = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, t := range strings.Fields("a b i em strong br p div span img picture source sup sub small center details summary " +
		"h1 h2 h3 h4 h5 h6 hr ul ol li table thead tbody tr td th code pre kbd blockquote dl dt dd font video svg figure figcaption del ins tt strike") {
		m[t] = true
	}
	return m
})

// shortOption reads a command's short option at text[i] ("-s", "-rf"): a
// dash at the start or after white space, an opening bracket or quote, or
// one of | / , = ; (any of them Unicode: “-s”, "-s" after a no-break space),
// then one or two ASCII letters that end the word. It returns the option,
// dash included and its case kept ("-k" of curl is not "-K"), and its
// length; 0 for anything else, so that "e-mail", "-1", "--small" and "-race"
// read as before ("race" still matches "go test -race"). The dash keeps
// "bzip2 -s" from reading as the possessive or the letter "s".
func shortOption(text string, i int) (string, int) {
	if !optionStart(text, i) {
		return "", 0
	}
	j := i + 1
	for j < len(text) && j-i <= 3 && isASCIILetter(text[j]) {
		j++
	}
	if n := j - i - 1; n < 1 || n > 2 {
		return "", 0
	}
	if j < len(text) {
		r, _ := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return "", 0
		}
	}
	return text[i:j], j - i
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// thousands reads a number written with a "k" for thousands as the number:
// "100k" is "100000", as "100,000" is; "1.5k" is "1500".
func thousands(w string) string {
	n := len(w)
	if n < 2 || w[n-1] != 'k' {
		return w
	}
	whole, frac, _ := strings.Cut(w[:n-1], ".")
	if whole == "" || len(whole) > 12 || len(frac) > 3 || !allDigits(whole) || !allDigits(frac) {
		return w
	}
	whole = strings.TrimLeft(whole, "0")
	out := whole + frac + strings.Repeat("0", 3-len(frac))
	out = strings.TrimLeft(out, "0")
	if out == "" {
		return "0"
	}
	return out
}

func isDigits(s string) bool { return s != "" && allDigits(s) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// referenceLabel returns the length of the label of a Markdown reference
// link ("[text][label]") at the start of s, "[" through "]", or 0; a label
// of one letter or of digits is taken for an index in code.
func referenceLabel(s string) int {
	for j := 1; j < len(s) && j <= 256; j++ {
		switch s[j] {
		case ']':
			if j <= 2 || isDigits(s[1:j]) {
				return 0 // an index in code ("m[i][j]", "a[0][12]"), not a label
			}
			return j + 1
		case '\n', '[':
			return 0
		}
	}
	return 0
}

// linkDestination returns the length of a Markdown link destination at the
// start of s, "(" through ")" with an optional quoted title, or 0 when s
// does not start with one. A destination holds no space and no line break.
func linkDestination(s string) int {
	for j := 1; j < len(s) && j <= 2048; j++ {
		switch s[j] {
		case ')':
			if j == 1 {
				return 0
			}
			return j + 1
		case ' ', 0xc2: // a space, or the first byte of a no-break space
			// A title may follow: (url "title"), its quote maybe typographic.
			sp := 1
			if s[j] == 0xc2 {
				if !strings.HasPrefix(s[j:], "\u00a0") {
					return 0
				}
				sp = len("\u00a0")
			}
			if rest := s[j+sp:]; !strings.HasPrefix(rest, `"`) && !strings.HasPrefix(rest, "\u201c") {
				return 0
			}
			if k := strings.IndexByte(s[j:min(len(s), j+512)], ')'); k > 0 && !strings.ContainsAny(s[j:j+k], "\n") {
				return j + k + 1
			}
			return 0
		case '\n', '(', '[', ']', '<', '>':
			return 0
		}
	}
	return 0
}

// languageMark returns the length of the "++" or "#" that s opens and
// that ends a language's name ("C++", "C#", "g++"): followed by no letter
// or digit. 0 for none ("c+d", "c#1", "c++17").
func languageMark(s string) int {
	n := 0
	switch {
	case strings.HasPrefix(s, "++"):
		n = 2
	case strings.HasPrefix(s, "#"):
		n = 1
	default:
		return 0
	}
	if n < len(s) && isWordRune(s[n:]) {
		return 0
	}
	return n
}

func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func lastIsDigit(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
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
	if v, ok := versionStem(w); ok {
		return v
	}
	if !isASCIIWord(w) || strings.HasPrefix(w, "-") || IsCodeName(w) {
		return w // a short option, a long one or a name of code is its own stem
	}
	if long, ok := shortForms()[w]; ok {
		w = long
	}
	if base, ok := irregular()[w]; ok {
		w = base // "wrote", "written": "write"
	}
	st := english.Stem(w, false)
	if base, ok := undoubled(w, st); ok {
		st = base
	}
	if n := len(w); n > 4 && st == w[:n-1] && w[n-1] == 's' && strings.IndexByte("aiou", w[n-2]) >= 0 && IsEnglishWord(w) && !IsEnglishWord(st) {
		// A word ending in a vowel and "s" that is no plural ("alias",
		// "canvas", "chaos", "basis"): Snowball takes the "s" off ("alia")
		// but not off its plural ("aliases" → "alias"), so the two would
		// not meet. (The word list holds words of four letters or more.)
		st = english.Stem(w+"es", false)
	}
	if us, ok := spellingStems()[st]; ok {
		return us
	}
	return st
}

// undoubled returns the stem of a word the stemmer cut to one letter of
// a double one that its base word ends in: "added" and "adding" stem as
// "ad" but "add" and "adds" as "add", and a changelog's "Add …" answers
// "which version added …"; "staffed" as "staf", "staff" as "staff". A
// doubled letter a suffix brought ("planned", "stopped") stays cut.
func undoubled(w, st string) (string, bool) {
	n := len(st)
	if n < 2 || !(strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) || len(w) <= n || w[n] != st[n-1] || w[:n] != st {
		return "", false
	}
	base := w[:n+1]
	if !shortDoubled[base] && (len(base) < 4 || !IsEnglishWord(base)) {
		return "", false
	}
	if english.Stem(base, false) != base {
		return "", false
	}
	return base, true
}

// shortDoubled are base words of three letters ending in a double letter
// (the English word list holds words of four letters or more).
var shortDoubled = map[string]bool{"add": true, "odd": true, "egg": true, "ebb": true, "err": true, "inn": true}

// IsCodeName reports whether a word of Words is a name of code made of
// parts ("ffi_prep_closure", "fs.watch", "std::vector") or a long option
// ("--save-dev"), read beside its parts.
func IsCodeName(w string) bool {
	if _, ok := versionStem(w); ok {
		return false
	}
	return strings.HasPrefix(w, "--") || strings.ContainsAny(w, "_:") || strings.Contains(w, ".") && !startsWithDigit(w)
}

// versionStem returns the stem of a version number written with dots
// ("4.6", "v4.6.0", "2.39.3") or with a "v" ("v3"): "v" and its numbers
// without the trailing zeros, so that "4.6" finds "v4.6.0" and "v3" finds
// "3.0.0". A plain number ("3") is not a version.
func versionStem(w string) (string, bool) {
	n := strings.TrimPrefix(w, "v")
	if n == "" || n == w && !strings.Contains(n, ".") {
		return "", false
	}
	for _, part := range strings.Split(n, ".") {
		if !isDigits(part) {
			return "", false
		}
	}
	for strings.HasSuffix(n, ".0") {
		n = strings.TrimSuffix(n, ".0")
	}
	return "v" + n, true
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// TokenWords returns the words Tokens reads: those of Words, each
// camel-case name followed by its parts, each number joined to a word
// ("HTTP/2") followed by the two as one ("http2"), as is a word after a
// letter and a hyphen ("D-Bus": "dbus").
func TokenWords(text string) []string { return readWords(text, true) }

// Tokens analyses text into tokens, using st to stem: the words of Words,
// each camel-case name followed by its parts ("CheckRedirect": "check",
// "redirect"), which a question may ask in words.
func Tokens(st *Stemmer, text string) []Token {
	words := TokenWords(text)
	toks := make([]Token, len(words))
	for i, w := range words {
		toks[i] = Token{Word: w, Stem: st.Stem(w), Stop: IsStopWord(w)}
	}
	return toks
}
