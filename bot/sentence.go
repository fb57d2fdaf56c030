package bot

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// The sentence model picks, of a passage's sentences, the one that answers
// a question: a linear score over SentenceFeatures, fitted by cmd/trainconf
// on the development sets (the sentence holding an accepted answer above
// the passage's other sentences).
//
//go:generate go run ../cmd/trainconf -sentences -out sentence.json

// SentenceFeatures describe one sentence of a passage as an answer to a
// question.
type SentenceFeatures struct {
	Coverage   float64 `json:"coverage"`    // weighted share of the question's terms in the sentence
	WithFields float64 `json:"with_fields"` // the same, counting the passage's title and section
	Bigrams    float64 `json:"bigrams"`     // share of the question's adjacent term pairs in order, near each other
	Density    float64 `json:"density"`     // matched terms per word of the window holding them
	TypeHeld   float64 `json:"type_held"`   // 1: the question asks for a kind of answer and the sentence holds a new one
	TypeLacked float64 `json:"type_lacked"` // 1: the question asks for a kind of answer the sentence lacks
	Novel      float64 `json:"novel"`       // share of the sentence's content words not in the question
	NovelWords float64 `json:"novel_words"` // log(1 + content words not in the question)
	Length     float64 `json:"length"`      // log(1 + words)
	Short      float64 `json:"short"`       // 1: fewer than 8 words
	First      float64 `json:"first"`       // 1: the passage's first sentence
	Position   float64 `json:"position"`    // place in the passage, 0 first to 1 last
	Structure  float64 `json:"structure"`   // 1: a heading, code, or a table row
	Pronoun    float64 `json:"pronoun"`     // 1: starts with a pronoun ("It was …")
	PrevCover  float64 `json:"prev_cover"`  // the sentence before's Coverage
	NextCover  float64 `json:"next_cover"`  // the sentence after's Coverage
	Follows    float64 `json:"follows"`     // PrevCover when the sentence starts with a pronoun: it goes on about the question's subject
	Reason     float64 `json:"reason"`      // 1: a why-question and a sentence that gives a reason
	Advice     float64 `json:"advice"`      // 1: a what-to-do question and a sentence that says what to do
	Digit      float64 `json:"digit"`       // 1: a question after a number or date and a sentence with a digit
	Instructs  float64 `json:"instructs"`   // 1: a how-to question and a sentence that says what to do ("Run …", "To disable it, set …", "you can …")
	Contrast   float64 `json:"contrast"`    // 1: a question comparing two things ("X vs Y", "the difference between") and a sentence that sets them apart ("unlike", "whereas", "instead", "they differ")
	Defines    float64 `json:"defines"`     // 1: a question asking what something is and a sentence saying what it is ("pflag is a drop-in replacement …"; text.Defines)
	Negates    float64 `json:"negates"`     // 1: a question after what is not so (text.NegatesPredicate) and a sentence that negates (text.Negates)
}

// sentenceFeatureNames name SentenceFeatures in Vector's order.
var sentenceFeatureNames = []string{"coverage", "with_fields", "bigrams", "density", "type_held", "type_lacked",
	"novel", "novel_words", "length", "short", "first", "position", "structure", "pronoun", "prev_cover", "next_cover",
	"follows", "reason", "advice", "digit", "instructs", "contrast", "defines", "negates"}

// SentenceFeatureNames returns the names of the sentence features, in the
// order of SentenceFeatures.Vector.
func SentenceFeatureNames() []string { return append([]string(nil), sentenceFeatureNames...) }

// Vector returns the features as a vector, in SentenceFeatureNames' order.
func (f SentenceFeatures) Vector() []float64 {
	return []float64{f.Coverage, f.WithFields, f.Bigrams, f.Density, f.TypeHeld, f.TypeLacked,
		f.Novel, f.NovelWords, f.Length, f.Short, f.First, f.Position, f.Structure, f.Pronoun, f.PrevCover, f.NextCover,
		f.Follows, f.Reason, f.Advice, f.Digit, f.Instructs, f.Contrast, f.Defines, f.Negates}
}

// PassageSentence is a sentence of a passage with its features.
type PassageSentence struct {
	Span     text.Span
	Features SentenceFeatures
	// Code marks a code block (Span is its code, without the fences).
	Code bool
	// Item marks a list item.
	Item      bool
	Indent    int       // the column it starts at in its line
	Continues bool      // goes on with the sentence before it (see SentenceView)
	Joined    bool      // in one paragraph with the sentence before it (see SentenceView)
	raw       text.Span // the sentence as split, a code block's fences included
	matched   []int     // the question's terms it holds, fields included
	heading   bool      // a heading line, which says nothing by itself
	asks      bool      // a sentence of an FAQ's question ("Q: …"), which asks rather than answers
	stated    bool      // for the value of a default asked, a row stating it outright ("+ Default: `1048576` (1MiB)")
	label     int       // the sentence labelling the reference entry it speaks in (text.Entries), -1 for none or its own
}

// questionEnd returns where the question that s opens with an FAQ
// question's mark ends: after the last question mark of its paragraph
// before an answer's mark ("Q1: Can I … it? Or must I edit it?"), or, for
// a question written as a statement, at the answer's mark that follows it
// ("Q: Screen compiled on SunOS 5.3 cannot reattach a detached session."
// over "A: You are using /usr/ucb/cc"); 0 when there is none (not the
// initial of "Q. Zhang found the effect in 2019.").
func questionEnd(s string) int {
	para := s
	if i := strings.Index(s, "\n\n"); i >= 0 {
		para = s[:i]
	}
	if i := text.FAQAnswerAt(para); i >= 0 {
		para = para[:i]
	}
	if q := strings.LastIndexByte(para, '?'); q >= 0 {
		return q + 1
	}
	if !statementQuestion.MatchString(s) {
		return 0
	}
	loc := answerMark.FindStringIndex(s)
	if loc == nil {
		return 0
	}
	mark := loc[0] + strings.IndexAny(s[loc[0]:loc[1]], "A") // the "A" itself
	asked := strings.TrimRight(s[:mark], " \t\r\n")
	sentence := strings.HasSuffix(asked, ".") || strings.HasSuffix(asked, "!")
	next := !strings.Contains(s[len(asked):mark], "\n\n") // the answer's mark on the next line, or on the same
	if strings.Contains(asked, "\n\n") && strings.TrimSpace(s[len(para):mark]) != "" || len(strings.Fields(asked)) < minStatedQuestion ||
		!sentence && !(next && !strings.HasSuffix(asked, ")") && !strings.HasSuffix(asked, "]")) {
		return 0 // the answer's mark is paragraphs away, or a formula's legend ("Q: flow rate (m3/s)", "[W]")
	}
	return len(asked)
}

// unmarkedQuestions returns where the questions of an FAQ that marks its
// answers alone stand in body: the paragraph, with the code it quotes,
// just above a line opening on "A:" or "Answer:" ("2.11. When I launch
// sadc, I get the error message:" over the message and "A: …"), when no
// question's mark opens it (questionEnd reads those) and it is short.
func unmarkedQuestions(body string) [][2]int {
	var out [][2]int
	var starts []int
	if text.MarksFAQQuestions(body) {
		return nil // an FAQ marking its questions: questionEnd reads them
	}
	for off := 0; off < len(body); {
		starts = append(starts, off)
		nl := strings.IndexByte(body[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	line := func(j int) string {
		end := len(body)
		if j+1 < len(starts) {
			end = starts[j+1]
		}
		return strings.TrimSpace(body[starts[j]:end])
	}
	inCode := false
	for j := 0; j < len(starts); j++ {
		l := line(j)
		if text.IsFenceLine(l) {
			inCode = !inCode
		}
		if j == 0 || inCode || !text.OpensFAQAnswer(l) || !strings.HasPrefix(l, "A:") && !strings.HasPrefix(l, "Answer:") {
			continue // "A: 1" in a YAML block, "A:\setup.exe"
		}
		k, fenced := j-1, false
		for k >= 0 && line(k) == "" {
			k-- // the blank lines above the answer
		}
		if k >= 0 && strings.HasSuffix(line(k), ":") {
			continue // a lead-in to a transcript ("Example session:" over "A: hello")
		}
		top := k + 1
		for ; k >= 0; k-- {
			l := line(k)
			if text.IsFenceLine(l) {
				fenced = !fenced
			} else if !fenced && (l == "" || text.OpensFAQAnswer(l) || text.OpensFAQQuestion(l) || strings.HasPrefix(l, "#") || strings.Trim(l, "-*_= ") == "") {
				break
			}
			top = k
		}
		if top < j && !fenced && !text.OpensFAQQuestion(line(top)) && starts[j]-starts[top] <= maxUnmarkedQuestion {
			out = append(out, [2]int{starts[top], starts[j]})
		}
	}
	return out
}

// maxUnmarkedQuestion bounds, in bytes, the text above an answer's mark
// read as its question.
const maxUnmarkedQuestion = 800

// minStatedQuestion is the fewest words, its mark included, of a question
// written as a statement (which ends as a sentence does).
const minStatedQuestion = 5

// statementQuestion matches an FAQ question's mark with a colon ("Q:",
// "Q3:", "Question:"), which may open a question written as a statement;
// answerMark an answer's with one ("A:") at a line's start or after a
// sentence's end, the first of which ends it: not the initials of "Q.
// Zhang found …" and "A. Kumar showed …", nor "notes A) and B)", nor
// "option A: static linking" within the question. A question written without a sentence's end is one when the
// answer's mark follows it on the next line, unless it ends on a bracket
// as a formula's legend does ("Q: flow rate (m3/s)").
var (
	statementQuestion = regexp.MustCompile(`^\s*(Q\d*|Question\s*\d*)\s*:`)
	answerMark        = regexp.MustCompile(`(?:^|\n[ \t]*|[.!?][ \t]+)(A\d*|Answer)[ \t]*:`)
)

// defaultRow matches a line labelled as its option's default, with the
// value after the label ("+ Default: `1048576` (1MiB)", "- **Default**:
// `false`", "Default value: 30s"): the answer to what the default is, put
// most directly.
var defaultRow = regexp.MustCompile(`(?i)^\s*(?:[-+*•]\s+)?(?:\*\*|__)?default(?: value)?(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*\S`)

// instructs matches a sentence that says what to do: one that opens on a
// verb telling the reader to ("Run …", "First, try …", "To disable this
// feature, set …"), or says what the reader can do ("you can …", "by
// setting …").
var instructs = regexp.MustCompile(`(?i)^[-*+>\s]*(?:(?:first|then|next|finally|now|simply|just|instead|alternatively|otherwise),?\s+|to\s[^,.]{1,60},\s*|if\s[^,.]{1,60},\s*)?(?:use|set|run|add|call|pass|install|create|try|make|put|change|enable|disable|configure|specify|remove|replace|import|open|edit|type|check|start|stop|build|copy|define|register|wrap|include|select|click|write|invoke|launch|export|unset|delete|append|provide|give|apply|load|mount|download|clone|upgrade|update|restart|reinstall)\b` +
	`|\b(?:you|one|users?)\s+(?:can|may|could|should|must|need\s+to|have\s+to|will\s+need\s+to)\b|\bby\s+(?:setting|passing|adding|using|running|calling|specifying|enabling|disabling|editing|installing)\b`)

// prohibits matches a sentence that says what cannot or must not be
// done ("Users must not share tokens.", "you can't change it later").
var prohibits = regexp.MustCompile(`(?i)\b(?:can ?not|can't|cannot|may not|must not|mustn't|should not|shouldn't|could not|couldn't)\b`)

// pronounStart matches a sentence that leans on the one before it: it
// starts with a pronoun ("It was …") or a connective ("However, …").
var pronounStart = regexp.MustCompile(`^["'“(]?(It|Its|This|These|That|Those|They|Their|Them|He|His|She|Her|Such|There|Both|Each|The latter|The former|However|But|Also|Moreover|Furthermore|Otherwise|Instead|Therefore|Thus|Hence|Then|Still|Yet|Nevertheless|Nonetheless|Likewise|Similarly|Consequently|Alternatively|In addition|In contrast|As a result|For example|For instance|Even so)\b`)

// ReadSentences splits passage p into sentences, each with its features as
// an answer to question (q: the question analysed by the search).
func ReadSentences(question string, q lexical.Query, p corpus.Passage) []PassageSentence {
	return newSentenceReader(question, q, nil, nil).read(p)
}

// sentenceReader reads the sentences of passages for one question,
// remembering the words it has stemmed.
type sentenceReader struct {
	qs    questionRead
	total float64
	known map[string]text.Token
	st    *text.Stemmer
}

// newSentenceReader reads for question (q: as the search analysed it),
// taking the stems of stems (a corpus's words, read only; nil for none)
// and what it asks for (asking; nil: read here) as given.
func newSentenceReader(question string, q lexical.Query, stems map[string]string, asking *text.Asking) *sentenceReader {
	return &sentenceReader{qs: questionReading(question, q, asking), total: q.TotalWeight(), known: make(map[string]text.Token), st: text.NewStemmer(stems)}
}

// tokens is text.Tokens, each word stemmed once.
func (r *sentenceReader) tokens(s string) []text.Token {
	words := text.TokenWords(s)
	toks := make([]text.Token, len(words))
	for i, w := range words {
		t, ok := r.known[w]
		if !ok {
			t = text.Token{Word: w, Stem: r.st.Stem(w), Stop: text.IsStopWord(w)}
			r.known[w] = t
		}
		toks[i] = t
	}
	return toks
}

func (r *sentenceReader) read(p corpus.Passage) []PassageSentence {
	body, q, qs, total := p.Text, r.qs.q, r.qs, r.total
	fields := qs.matched(r.tokens(p.Title + "\n" + structure.SearchedSection(p.Section)))
	sentences := p.Sentences()
	// The heading set apart is no sentence of the text's: the sentence
	// under it is its first, and places count from there.
	spans, off := headingApart(body, sentences, p)
	over := ""
	if qs.asking.Kind != text.AnswerAny {
		over = p.Over() // what names the passage from above, read once
	}
	// A release's entries ("- Add support for …") say what was done, not
	// what to do.
	changes := structure.UnderRelease(p.Section)
	out := make([]PassageSentence, len(spans))
	// The sentences of a reference page's entry speak of what its label
	// names ("`startretries`" over "The number of serial failure
	// attempts …"): the label counts as their field, as the section
	// does, and is itself a heading.
	entries := text.Entries(body, spans)
	askEnd := 0 // where the FAQ question being read ends (see questionEnd)
	unmarked := unmarkedQuestions(body)
	headEnd := headingLineEnd(p)
	for i, sp := range spans {
		raw := body[sp.Start:sp.End]
		code := isStructured(raw) // before its fence is cut off
		// A code block's first line may be a comment ("# To get the
		// client:"), which is no heading: judge the block with its fence.
		heading := isHeadingSentenceIn(raw, p) || namesPlace(raw, p) || sp.End <= headEnd || entries[i] == i
		out[i].raw = sp
		lineStart := strings.LastIndexByte(body[:sp.Start], '\n') + 1
		out[i].Indent = utf8.RuneCountInString(body[lineStart:sp.Start])
		item := isItem(raw)
		if i > 0 && !item {
			gap := body[out[i-1].raw.End:sp.Start]
			out[i].Continues = !strings.Contains(gap, "\n") || (strings.Count(gap, "\n") == 1 && out[i].Indent > 0)
			// One line break parts paragraphs in a file that writes each
			// on one long line (the chunker's reading too).
			out[i].Joined = !strings.Contains(gap, "\n") ||
				strings.Count(gap, "\n") == 1 && lineRunes(body, out[i-1].raw.End-1) < longLine
		}
		// An FAQ's question ("Q: I need to use a script that runs xz -9.
		// On a system with 256 MiB of RAM, …") says what is asked, over
		// all its sentences: the answer is under it.
		asked := text.OpensFAQQuestion(raw)
		if asked {
			askEnd = sp.Start + questionEnd(body[sp.Start:])
		}
		out[i].asks = sp.Start < askEnd && (asked || out[i].Joined && !text.OpensFAQAnswer(raw)) ||
			slices.ContainsFunc(unmarked, func(r [2]int) bool { return sp.Start >= r[0] && sp.Start < r[1] })
		heading = heading || out[i].asks
		sp = withoutFences(body, sp)
		var empty bool
		sp, empty = withoutFrontKey(body, sp)
		heading = heading || empty // a description saying nothing
		s := body[sp.Start:sp.End]
		toks := r.tokens(s)
		f := &out[i].Features
		matchedHere := qs.matched(toks)
		out[i].Span, out[i].heading, out[i].Code, out[i].Item = sp, heading, isCode(raw), item
		out[i].matched = union(matchedHere, fields)
		out[i].label = -1
		if e := entries[i]; e >= 0 && e < i {
			out[i].matched = union(out[i].matched, out[e].matched)
			out[i].label = e
		}
		f.Coverage = weightShare(q, matchedHere, total)
		f.WithFields = weightShare(q, out[i].matched, total)
		f.Bigrams, f.Density = qs.order(toks)
		novel, content := 0, 0
		for _, t := range toks {
			if t.Stop {
				continue
			}
			content++
			if !qs.stems[t.Stem] && !qs.words[t.Word] {
				novel++
			}
		}
		if content > 0 {
			f.Novel = float64(novel) / float64(content)
		}
		f.NovelWords = math.Log1p(float64(novel))
		f.Length = math.Log1p(float64(len(toks)))
		f.Short = b2f(len(toks) < 8)
		f.First = b2f(i == off)
		if n := len(spans) - off; n > 1 && i >= off {
			f.Position = float64(i-off) / float64(n-1)
		}
		f.Structure = b2f(out[i].heading || code)
		f.Pronoun = b2f(pronounStart.MatchString(s))
		if qs.asking.Kind != text.AnswerAny {
			held := qs.asking.AnswersAt(body, spans, i, text.AboutEntry(over, body, spans, entries, i))
			f.TypeHeld, f.TypeLacked = b2f(held), b2f(!held)
			out[i].stated = held && qs.value && !code && defaultRow.MatchString(s)
		}
		f.Reason = b2f(qs.why && givesReason.MatchString(s))
		f.Advice = b2f(qs.advice && givesAdvice.MatchString(s))
		f.Instructs = b2f(qs.how && !changes && instructs.MatchString(s) && !prohibits.MatchString(s))
		f.Digit = b2f(qs.number && strings.ContainsAny(s, "0123456789"))
		f.Contrast = b2f(qs.compare && setsApart.MatchString(s))
		f.Defines = b2f(len(qs.defined) > 0 && text.Defines(s, qs.defined))
		f.Negates = b2f(qs.negated && text.Negates(s))
	}
	for i := range out {
		f := &out[i].Features
		if i > 0 {
			f.PrevCover = out[i-1].Features.Coverage
			f.Follows = f.Pronoun * f.PrevCover
		}
		if i+1 < len(out) {
			f.NextCover = out[i+1].Features.Coverage
		}
	}
	return out
}

// longLine is the length of a line (in runes) from which a line is a
// paragraph of its own: a file that writes each paragraph on one line.
const longLine = 200

// lineRunes is the length in runes of the line of body holding byte at.
func lineRunes(body string, at int) int {
	start := strings.LastIndexByte(body[:at], '\n') + 1
	end := strings.IndexByte(body[at:], '\n')
	if end < 0 {
		end = len(body)
	} else {
		end += at
	}
	return utf8.RuneCountInString(body[start:end])
}

// frontKey matches the key a page's front matter description opens with
// ("description: \"Install a package\"").
var frontKey = regexp.MustCompile(`^description:\s*["']?`)

// withoutFrontKey narrows a front matter description to its value: the
// excerpt quotes what the page says, not its key or quotes. empty reports
// a description that says nothing ("description: \"\""), no sentence to quote.
func withoutFrontKey(body string, sp text.Span) (_ text.Span, empty bool) {
	m := frontKey.FindStringIndex(body[sp.Start:sp.End])
	if m == nil || strings.Contains(body[sp.Start:sp.End], "\n") || (sp.Start > 0 && body[sp.Start-1] != '\n') {
		return sp, false // not a line of its own: no front matter's
	}
	v := sp
	quoted := strings.HasSuffix(body[sp.Start:sp.Start+m[1]], `"`) || strings.HasSuffix(body[sp.Start:sp.Start+m[1]], "'")
	v.Start += m[1]
	if quoted && v.End > v.Start && (body[v.End-1] == '"' || body[v.End-1] == '\'') {
		v.End--
	}
	if strings.TrimSpace(body[v.Start:v.End]) == "" {
		return sp, true
	}
	return v, false
}

// SentenceView is what Neighbours reads of one sentence of a passage.
type SentenceView struct {
	Features SentenceFeatures
	Text     string // the sentence (a code block without its fences)
	Code     bool   // a code block
	Item     bool   // a list item ("- …", "* …", "1. …")
	// Indent is the column the sentence starts at in its line.
	Indent int
	// Continues marks a sentence that goes on with the one before it in
	// the same block: on its line, or on the next one indented (an item's
	// second sentence); never an item itself.
	Continues bool
	// Joined marks a sentence in one paragraph with the one before it (no
	// blank line between them); never an item.
	Joined bool
}

// maxAnnouncedItems bounds the items of a list that a sentence announcing
// it brings.
const maxAnnouncedItems = 8

// Neighbours returns the sentences [lo, hi) of a passage (ss) to quote for
// its best sentence: best; the one before when best starts with a pronoun
// ("It was …": what "it" is); the one after when that one does (it goes on
// about best's subject, and often holds what the question asks: "It was
// commissioned by Odo"), unless it is a heading, code or a table row. Then,
// at most twice, the one after the last of those: whatever it is, when the
// last is prose that announces it (ends in ":") or is best and a question
// (a FAQ's: the answer follows); code, when the last is prose that points
// to it ("the example below …") or the question asks how to do something
// (how). An announced list item brings the items after it, up to
// maxAnnouncedItems in all. Prose (best, or best with the sentence it leans
// on or that goes on about it) brings the other sentences of its
// paragraph around it, the one after first, then the one before, and then
// the next paragraph's first sentence when it holds some of the question,
// while the excerpt stays within
// contextChars: the answer is as often a
// sentence next to the one that repeats the question's words ("… by
// default." then "By default, CRC32 is used."; "The `ternary` function
// takes two values …" before "This is similar to the c ternary
// operator.") as that one.
// A list item brings its own paragraphs indented under it. A how-to
// question's sentence right after code brings the code.
func Neighbours(ss []SentenceView, best int, how bool) (lo, hi int) {
	lo, hi = readerNeeds(ss, best, how)
	// A table's header says what its rows hold, not what they are: it
	// brings them ("| What do you need? | Mode |" and the modes).
	if hi-lo == 1 && isTableHeader(ss[best].Text) {
		hi = tableEnd(ss, best)
	}
	// A signature alone ("`myCache.del( key )`", "- `.close()`") names
	// what is described, not what it does: the description under it comes
	// with it ("Delete a key. Returns the number of deleted entries.").
	if hi-lo == 1 && hi < len(ss) && isSignature(ss[best].Text) && plainProse(ss[hi]) {
		size := excerptSize(ss[hi : hi+1])
		hi++
		for hi < len(ss) && ss[hi].Joined && fits(ss[hi], &size) {
			hi++
		}
	}
	// A list item's own paragraphs and items, indented under it ("- UnZip
	// has problems with archives bigger than 2GB …" over "Fixed with Zip64
	// support in UnZip 6.0"; "- Add support for loading … `.env` files"
	// over "- To disable this feature, set `-env=none`."), come with it.
	if hi-lo == 1 && ss[best].Item {
		size := excerptSize(ss[best : best+1])
		for hi < len(ss) && ss[hi].Indent > ss[best].Indent && fits(asProse(ss[hi]), &size) {
			hi++
		}
	}
	// (Not prose that announces what follows: that is what it brought.)
	if plainRun(ss[lo:hi]) && (hi-lo == 1 || lastChar(ss[hi-1].Text) != ':') {
		size := excerptSize(ss[lo:hi])
		for grew := true; grew; {
			grew = false
			if hi < len(ss) && ss[hi].Joined && fits(ss[hi], &size) {
				hi++
				grew = true
			}
			if lo > 0 && ss[lo].Joined && fits(ss[lo-1], &size) {
				lo--
				grew = true
			}
		}
		// What a paragraph sets out, the next often resolves ("…
		// mutually triggering packages - a cycle detectable only
		// dynamically" then "Trigger cycles are detected using the usual
		// hare-and-tortoise approach."): its first sentence comes too,
		// within the bound, when it goes on about the question.
		if hi < len(ss) && !ss[hi].Joined && ss[hi].Features.Coverage > 0 && fits(ss[hi], &size) {
			hi++
		}
	}
	// The code a how-to answer's sentence comes right after is what it
	// explains ("Notice that logs emitted by subsystemLogger …" under
	// the block that makes one), unless code follows it too.
	// A program's output block often sits between the two ("```text
	// … my-app.transport: …"): up to two blocks are taken.
	if how && lo == best && best > 0 && ss[best-1].Code && !ss[best].Code && (best+1 == len(ss) || !ss[best+1].Code) {
		size := 0
		for k := best - 1; k >= 0 && k >= best-2 && ss[k].Code && size+len(ss[k].Text) <= maxCodeBefore; k-- {
			size += len(ss[k].Text)
			lo = k
		}
	}
	return lo, hi
}

// signature matches a sentence that is only the name or call of a piece of
// code: one code span ("`myCache.del( key )`", "**`error`**"), maybe an
// item or a heading, or a bare call ("buf.toString([encoding])").
var signature = regexp.MustCompile("^(?:#{1,6} |[-*+] )?[*_]{0,2}(?:`[^`\n]+`|[\\w.$:]+\\([^\n]*\\))[*_]{0,2}:?$")

// isSignature reports whether a sentence is a signature alone (see
// signature).
func isSignature(s string) bool {
	return len(s) <= maxSignature && signature.MatchString(strings.TrimSpace(s))
}

// maxSignature bounds a signature alone.
const maxSignature = 160

// tableEnd returns the end of the rows under the table header ss[header]:
// the rows right below it, up to maxAnnouncedItems.
func tableEnd(ss []SentenceView, header int) int {
	hi := header + 1
	for hi < len(ss) && hi-header <= maxAnnouncedItems && ss[hi].Joined && strings.HasPrefix(ss[hi].Text, "|") && !isTableHeader(ss[hi].Text) {
		hi++
	}
	return hi
}

// isTableHeader reports whether a sentence is a Markdown table's header:
// a row over its delimiter row ("| --- | :-: |").
func isTableHeader(s string) bool {
	head, rest, ok := strings.Cut(s, "\n")
	if !ok || !strings.HasPrefix(strings.TrimSpace(head), "|") {
		return false
	}
	delim, _, _ := strings.Cut(rest, "\n")
	return text.IsTableDelimiter(strings.TrimSpace(delim))
}

// maxCodeBefore bounds the code block a how-to answer's sentence brings
// from before it.
const maxCodeBefore = 600

// fits reports whether the excerpt, size bytes so far, may grow by s: s
// is prose, and the excerpt stays within contextChars, the white space
// before s counted. If so, size grows by it. (A sentence announcing what
// follows, grown onto, brings that as any does: see announced.)
func fits(s SentenceView, size *int) bool {
	if !plainProse(s) || *size+1+len(s.Text) > contextChars {
		return false
	}
	*size += 1 + len(s.Text)
	return true
}

// asProse is s read as prose whether or not it is a list item: an item
// under another is part of it.
func asProse(s SentenceView) SentenceView {
	s.Item = false
	return s
}

// excerptSize is the size of an excerpt of sentences, a byte of white
// space between each two counted.
func excerptSize(ss []SentenceView) int {
	n := max(len(ss)-1, 0)
	for _, s := range ss {
		n += len(s.Text)
	}
	return n
}

// plainRun reports whether every sentence of a run is plain prose.
func plainRun(ss []SentenceView) bool {
	for _, s := range ss {
		if !plainProse(s) {
			return false
		}
	}
	return len(ss) > 0
}

// contextChars bounds the excerpt a sentence widened by its paragraph's
// others makes: three sentences of documentation, two of an encyclopedia.
// What a sentence of it announces (a list, code) comes on top, as what
// any sentence announces does (see announced).
const contextChars = 400

// plainProse reports whether a sentence is prose: no heading, code,
// table row or list item.
func plainProse(s SentenceView) bool { return s.Features.Structure == 0 && !s.Code && !s.Item }

// readerNeeds is Neighbours but for the paragraph's context.
func readerNeeds(ss []SentenceView, best int, how bool) (lo, hi int) {
	n := len(ss)
	lo, hi = best, best+1
	if best > 0 && ss[best].Features.Pronoun > 0 && ss[best-1].Features.Structure == 0 {
		lo = best - 1
	}
	if best+1 < n && ss[best+1].Features.Pronoun > 0 && ss[best+1].Features.Structure == 0 {
		hi = best + 2
	}
	for steps := 0; steps < 2 && hi < n; steps++ {
		last := ss[hi-1]
		if last.Code {
			break
		}
		end := lastChar(last.Text)
		switch {
		case end == ':':
			if ss[hi].Item {
				return lo, ListEnd(ss, hi)
			}
		case hi-1 == best && end == '?' && lastChar(ss[hi].Text) != '?':
			// not when the next is a question too: the FAQ's next entry
		case ss[hi].Code && (how || pointsAhead.MatchString(last.Text)):
		default:
			return lo, hi
		}
		hi++
	}
	return lo, hi
}

// ListEnd returns the end of the list whose first item is ss[first]: its
// items at that item's level, each with the sentences that go on with it
// and the items nested under it, up to maxAnnouncedItems items of its own
// level.
func ListEnd(ss []SentenceView, first int) int {
	level, items, k := ss[first].Indent, 0, first
	for ; k < len(ss); k++ {
		v := ss[k]
		switch {
		case v.Item && v.Indent == level:
			if items == maxAnnouncedItems {
				return k
			}
			items++
		case v.Item && v.Indent > level, v.Continues:
		default:
			return k
		}
	}
	return k
}

// pointsAhead matches a sentence that refers to what follows it ("The
// example below shows …", "as follows", "expects files in this format.").
var pointsAhead = regexp.MustCompile(`(?i)\b(below|as follows|the following|like (this|so)|(in|of) this (format|form|shape|syntax|layout|way))\b`)

// lastChar is the last character of a sentence but for white space and
// Markdown emphasis ("**Why?**" ends in '?'); 0 for none.
func lastChar(s string) byte {
	s = strings.TrimRight(s, " \t\n*_`")
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

// namesPlace reports whether a sentence is its passage's title or the
// heading it is under: a plain-text or outline heading or a manual's
// header line, which the passage's text starts with but says nothing by
// itself; an FAQ's question over its answer, on one line or more ("5.4. Is
// it possible to attach Valgrind to a program that is already\nrunning?").
func namesPlace(s string, p corpus.Passage) bool {
	norm := strings.Join(strings.Fields(s), " ")
	if norm == "" {
		return false
	}
	// An outline heading ("* License") names its section without its stars.
	if stars := strings.TrimLeft(norm, "*"); len(stars) < len(norm) && strings.HasPrefix(stars, " ") {
		norm = strings.TrimSpace(stars)
	}
	// Compared as written but for spaces: a plain-text heading keeps its
	// own ("15.2.3.  The finally block").
	return sameWords(norm, p.Title) || sameWords(norm, p.Heading())
}

// headingLineEnd returns where the first line of p's text ends when that
// line is the heading p is under, written with its marks ("## How much
// memory should tool use? Is there a memory leak?"): each sentence in it
// is the heading's, however the sentence reader cut the line, and none is
// an answer. -1 otherwise.
func headingLineEnd(p corpus.Passage) int {
	body := p.Text
	start := len(body) - len(strings.TrimLeft(body, " \t\r\n"))
	line, _, _ := strings.Cut(body[start:], "\n")
	h, ok := structure.ATXHeadingText(strings.TrimRight(line, " \t\r"))
	if !ok || !sameWords(strings.TrimRight(h, "?:.! "), strings.TrimRight(p.Heading(), "?:.! ")) {
		return -1
	}
	return start + len(line)
}

// sameWords reports whether two texts are the same words, however spaced,
// without building either's words.
func sameWords(a, b string) bool {
	for {
		a, b = strings.TrimLeftFunc(a, unicode.IsSpace), strings.TrimLeftFunc(b, unicode.IsSpace)
		if a == "" || b == "" {
			return a == b
		}
		i, j := strings.IndexFunc(a, unicode.IsSpace), strings.IndexFunc(b, unicode.IsSpace)
		if i < 0 {
			i = len(a)
		}
		if j < 0 {
			j = len(b)
		}
		if a[:i] != b[:j] {
			return false
		}
		a, b = a[i:], b[j:]
	}
}

// headingApart returns the sentences of body with its first line a sentence
// of its own when that line is the passage's title or the heading it is
// under (an HTML page's "os.loadavg()" over "Added in: v0.3.3"): the
// sentence reader would join the two, as a line without a full stop goes
// on, and a heading with the line under it would read as an answer.
func headingApart(body string, spans []text.Span, p corpus.Passage) (_ []text.Span, heads int) {
	if len(spans) == 0 {
		return spans, 0
	}
	// A heading over lines (an FAQ's question, "5.4. Is it possible to
	// attach Valgrind to a program that is already\nrunning?") or on one
	// ("15.2.3.  The finally block") is one sentence however the reader
	// splits it ("5.4.", "15.2.3.").
	// A line of its own the reader reads as a sentence of its own (a
	// question) is set apart as well: it counts no place.
	if start, end, ok := opensWith(body, p.Heading()); ok && (strings.Contains(body[start:end], "\n") || spans[0].End <= end) {
		if spans[0].End == end {
			return spans, 1
		}
		out := []text.Span{{Start: start, End: end}}
		for _, sp := range spans {
			switch {
			case sp.End <= end:
			case sp.Start < end:
				if rest, ok := text.TrimSpan(body, end, sp.End); ok {
					out = append(out, rest)
				}
			default:
				out = append(out, sp)
			}
		}
		return out, 1
	}
	first := spans[0]
	end := strings.IndexByte(body[first.Start:first.End], '\n')
	if end < 0 || isHeadingSentenceIn(body[first.Start:first.End], p) || !namesPlace(body[first.Start:first.Start+end], p) ||
		!strings.ContainsFunc(body[first.Start+end:first.End], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return spans, 0 // a setext heading ("jq" over "=="), or a heading alone
	}
	next := first.Start + end + 1
	for next < first.End && (body[next] == ' ' || body[next] == '\t' || body[next] == '\n') {
		next++
	}
	head := text.Span{Start: first.Start, End: first.Start + len(strings.TrimRight(body[first.Start:first.Start+end], " \t\r"))}
	out := make([]text.Span, 0, len(spans)+1)
	out = append(out, head)
	if next < first.End {
		out = append(out, text.Span{Start: next, End: first.End})
	}
	return append(out, spans[1:]...), len(out) - 1
}

// opensWith returns where body's opening lines start and end when they
// are heading's words, white space aside ("5.4. Is it possible to attach
// Valgrind to a program that is already\nrunning?" for "5.4. Is it possible
// to attach Valgrind to a program that is already running?"): the heading
// ends a line, or the text ("The configuration\nfile holds …" does not
// open with "The configuration file").
func opensWith(body, heading string) (start, end int, ok bool) {
	words := strings.Fields(heading)
	if len(words) == 0 {
		return 0, 0, false
	}
	// space skips white space from i, line ends too when lines says so,
	// and reports whether a line's end or the text's follows.
	i := 0
	space := func(lines bool) bool {
		for i < len(body) {
			r, size := utf8.DecodeRuneInString(body[i:])
			if r == '\n' && !lines {
				return true
			}
			if !unicode.IsSpace(r) {
				return false
			}
			i += size
		}
		return true
	}
	space(true)
	start = i
	for _, w := range words {
		if !strings.HasPrefix(body[i:], w) {
			return 0, 0, false
		}
		i += len(w)
		end = i
		if r, _ := utf8.DecodeRuneInString(body[i:]); i < len(body) && !unicode.IsSpace(r) {
			return 0, 0, false // the heading's last word goes on in the text
		}
		space(true)
	}
	i = end
	if !space(false) {
		return 0, 0, false // the text goes on on the heading's last line
	}
	// A plain-text heading's underline ("Usage\n-----") is the heading's.
	if rest, ok := strings.CutPrefix(body[end:], "\n"); ok {
		line, _, _ := strings.Cut(rest, "\n")
		if u := strings.TrimSpace(line); len(u) >= 2 && strings.Trim(u, "-=~^") == "" {
			end += 1 + len(strings.TrimRight(line, " \t\r"))
		}
	}
	return start, end, true
}

// isItem reports whether a sentence is a list item, however indented.
func isItem(s string) bool { return text.IsListMarker(strings.TrimLeft(s, " \t")) }

// View is what Neighbours reads of the sentence, whose text is body's.
func (s PassageSentence) View(body string) SentenceView {
	return SentenceView{Features: s.Features, Text: body[s.Span.Start:s.Span.End], Code: s.Code, Item: s.Item,
		Indent: s.Indent, Continues: s.Continues, Joined: s.Joined}
}

// isCode reports whether a sentence is a code block (fenced or indented)
// or a command at a shell's prompt.
func isCode(s string) bool {
	return text.IsFenceLine(s) || strings.HasPrefix(s, "    ") || strings.HasPrefix(s, "\t") || text.IsPromptLine(s)
}

// Candidate reports whether the extractive answer may quote a sentence
// first: it holds some of the question (with its passage's title and
// section) and a content word (not "or" between two code blocks), and is
// not a heading.
func Candidate(s PassageSentence) bool {
	return !s.heading && s.Features.WithFields > 0 && s.hasContentWord()
}

// hasContentWord reports whether a sentence holds a content word, the
// question's or another ("or" between two code blocks holds none).
func (s PassageSentence) hasContentWord() bool {
	return s.Features.Coverage > 0 || s.Features.NovelWords > 0
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func weightShare(q lexical.Query, matched []int, total float64) float64 {
	if total == 0 {
		return 0
	}
	var w float64
	for _, m := range matched {
		w += q.Terms[m].Weight
	}
	return w / total
}

// isStructured reports whether a sentence is code or a table row.
func isStructured(s string) bool { return strings.HasPrefix(s, "|") || isCode(s) }

// questionRead is what the sentence features need of a question.
type questionRead struct {
	q      lexical.Query
	stems  map[string]bool // the stems of the question's words, stop words too
	words  map[string]bool
	termAt map[string]int // a query term's index by stem
	why    bool
	advice bool
	how    bool // the question asks how to do something
	number bool
	// compare: the question compares two things ("X vs Y", "the
	// difference between X and Y", "X or Y, which").
	compare bool
	pairs   [][2]int    // adjacent query terms in the question's order
	asking  text.Asking // what it asks for, which a sentence must answer
	// defined: the words of what the question asks the definition of
	// (text.DefinedTerm).
	defined []string
	// negated: the question asks what is not so (text.NegatesPredicate).
	negated bool
	// value: the question asks what a default is, not whether one holds
	// ("does it read the header by default": the sentence saying so
	// answers better than a bare "Default: `false`").
	value bool
}

func questionReading(question string, q lexical.Query, asking *text.Asking) questionRead {
	if asking == nil {
		a := text.ReadAsking(question)
		asking = &a
	}
	var st text.Stemmer
	qs := questionRead{q: q, stems: map[string]bool{}, words: map[string]bool{}, termAt: map[string]int{},
		asking: *asking, why: asksWhy.MatchString(question), advice: asksAdvice.MatchString(question),
		number: wantsNumber.MatchString(question), how: text.IsHowTo(question), compare: asksComparison.MatchString(question),
		value: asking.Kind == text.AnswerDefault && !text.IsPolar(question), defined: asking.Defined(), negated: asking.Negated()}
	for _, t := range text.Tokens(&st, question) {
		qs.stems[t.Stem] = true
		qs.words[t.Word] = true
	}
	for i, t := range q.Terms {
		qs.stems[t.Stem] = true
		if _, ok := qs.termAt[t.Stem]; !ok {
			qs.termAt[t.Stem] = i
		}
	}
	for i := 1; i < len(q.Terms); i++ {
		if !q.Terms[i].Context && !q.Terms[i-1].Context {
			qs.pairs = append(qs.pairs, [2]int{i - 1, i})
		}
	}
	return qs
}

// matched returns the indexes of the question's terms among toks, in the
// question's order (as lexical.Query.Matched).
func (qs questionRead) matched(toks []text.Token) []int {
	have := make(map[string]bool, len(toks))
	for _, t := range toks {
		have[t.Stem] = true
	}
	var out []int
	for i, t := range qs.q.Terms {
		if have[t.Stem] {
			out = append(out, i)
		}
	}
	return out
}

// pairReach is how many words apart two terms of a question may stand in a
// sentence and still read as the question's phrase.
const pairReach = 3

// order returns the share of the question's adjacent term pairs found in
// order within pairReach words, and the matched terms per word of the
// shortest window of toks holding every matched term.
func (qs questionRead) order(toks []text.Token) (bigrams, density float64) {
	pos := make(map[int][]int) // term → positions
	for i, t := range toks {
		if ti, ok := qs.termAt[t.Stem]; ok {
			pos[ti] = append(pos[ti], i)
		}
	}
	if len(qs.pairs) > 0 {
		n := 0
		for _, pr := range qs.pairs {
		found:
			for _, a := range pos[pr[0]] {
				for _, b := range pos[pr[1]] {
					if b > a && b-a <= pairReach {
						n++
						break found
					}
				}
			}
		}
		bigrams = float64(n) / float64(len(qs.pairs))
	}
	if len(pos) == 0 {
		return bigrams, 0
	}
	// The shortest window holding one position of every matched term.
	type occ struct{ at, term int }
	var occs []occ
	for i, t := range toks {
		if ti, ok := qs.termAt[t.Stem]; ok {
			occs = append(occs, occ{i, ti})
		}
	}
	need := len(pos)
	count := make(map[int]int)
	have, best, lo := 0, len(toks)+1, 0
	for _, o := range occs {
		if count[o.term] == 0 {
			have++
		}
		count[o.term]++
		for have == need {
			best = min(best, o.at-occs[lo].at+1)
			count[occs[lo].term]--
			if count[occs[lo].term] == 0 {
				have--
			}
			lo++
		}
	}
	return bigrams, float64(need) / float64(best)
}

// SentenceModel scores a passage's sentences as answers: the best scores
// highest.
type SentenceModel struct {
	Names   []string  `json:"names"`
	Weights []float64 `json:"weights"`
	// Trained says what the weights were fitted on.
	Trained string `json:"trained,omitempty"`
}

// Score returns a sentence's score.
func (m SentenceModel) Score(f SentenceFeatures) float64 {
	var z float64
	for i, x := range f.Vector() {
		z += m.Weights[i] * x
	}
	return z
}

// Check reports whether the model fits today's features.
func (m SentenceModel) Check() error {
	if len(m.Names) != len(sentenceFeatureNames) || len(m.Weights) != len(sentenceFeatureNames) {
		return fmt.Errorf("sentence model has %d names and %d weights for %d features",
			len(m.Names), len(m.Weights), len(sentenceFeatureNames))
	}
	for i, name := range m.Names {
		if name != sentenceFeatureNames[i] {
			return fmt.Errorf("sentence model weight %d is for %q, not %q", i, name, sentenceFeatureNames[i])
		}
	}
	return nil
}

// CoverageSentenceModel ranks sentences by the share of the question they
// hold, title and section included: the model before any training.
func CoverageSentenceModel() SentenceModel {
	m := SentenceModel{Names: SentenceFeatureNames(), Weights: make([]float64, len(sentenceFeatureNames))}
	m.Weights[1] = 1 // with_fields
	return m
}

//go:embed sentence.json
var sentenceModelJSON []byte

// DefaultSentenceModel returns the sentence model committed with the code
// (trained by cmd/trainconf; see go:generate above).
var DefaultSentenceModel = sync.OnceValues(func() (SentenceModel, error) {
	var m SentenceModel
	if err := json.Unmarshal(sentenceModelJSON, &m); err != nil {
		return SentenceModel{}, fmt.Errorf("sentence model: %w", err)
	}
	return m, m.Check()
})
