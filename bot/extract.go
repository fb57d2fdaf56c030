package bot

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// Extraction limits.
const (
	maxPassagesUsed  = 3 // passages whose sentences are considered
	maxSentences     = 3 // sentences chosen by their own merit
	maxListItems     = 5 // enumerated sentences following a list cue
	rankPenalty      = 0.08
	minExtraGain     = 0.2 // share of the question an extra sentence must add
	minExtraCoverage = 0.3
)

// listCue matches a sentence announcing an enumeration ("… for three main
// reasons.") whose items follow it.
var listCue = regexp.MustCompile(`(?i)(:\s*$|\b(two|three|four|five|six|seven|several|main|key|following|number of)\b[^.;]*\b(reasons?|ways?|steps?|factors?|points?|causes?|goals?|aims?|measures?|options?|pillars?|priorities|elements?|lessons?|motives?|grounds?|stages?|phases?)\b)`)

// wantsNumber matches questions whose answer is a number or a date.
var wantsNumber = regexp.MustCompile(`(?i)\b(how (many|much|long|large|big|often|old)|what (percentage|percent|proportion|share|number|fraction|year|date)|when|which year|what year)\b`)

const numberBonus = 0.15

// asksComparison matches a question comparing two things; setsApart a
// sentence that tells them apart.
var (
	asksComparison = regexp.MustCompile(`(?i)\b(vs\.?|versus|differences?|differ|different (from|than)|compared? (to|with)|comparison)\b|\bor\b[^?]*\b(which|better)\b`)
	setsApart      = regexp.MustCompile(`(?i)\b(differ\w*|unlike|whereas|instead|in contrast|on the other hand|as opposed to|rather than|while|however|but|than|only|same as|identical|similar\w*)\b`)
)

// minTypeCover is the share of the question a sentence holding the kind of
// answer asked for must hold to come first (bestOf).
const minTypeCover = 0.3

// asksWhy matches questions after a reason; givesReason sentences that give one.
var (
	asksWhy     = regexp.MustCompile(`(?i)^\s*(why|for what reason|what (are|is|were|was) the (main )?(reasons?|motives?|causes?))\b`)
	givesReason = text.NewPhrases("because", "reason", "reasons", "due to", "owing to", "in order to", "so that", "motive", "motives", "cause", "causes", "since")
)

const reasonBonus = 0.3

// asksAdvice matches questions after what to do; givesAdvice sentences that
// say what should be done.
var (
	asksAdvice  = regexp.MustCompile(`(?i)\b(should|must|ought|how (can|could|to)|what (can|could|steps?|measures?)|recommend\w*|way forward|solutions?|best way|what to do)\b`)
	givesAdvice = text.NewPhrases("should", "must", "need to", "needs to", "needed to", "the need", "ought", "recommend*", "better way", "way forward", "first step", "most practical", "strategy")
)

const adviceBonus = 0.2

// preferences are the kinds of sentence some questions prefer, and by how
// much (a share of the question's weight).
var preferences = []struct {
	asks  *regexp.Regexp
	gives func(sentence string) bool
	bonus float64
}{
	{asksWhy, givesReason.MatchString, reasonBonus},
	{asksAdvice, givesAdvice.MatchString, adviceBonus},
	{wantsNumber, func(s string) bool { return strings.ContainsAny(s, "0123456789") }, numberBonus},
}

// listItem matches a sentence that is an item of an enumeration.
var listItem = regexp.MustCompile(`^["'“‘(]?(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Firstly|Secondly|Thirdly|Fourthly|Finally|Lastly)\b`)

type sentence struct {
	PassageSentence         // as read: its span, features, code or list item, …
	hit             int     // index into the hits
	idx             int     // position in the passage
	headOf          int     // for a table's header from an earlier passage: 1 + the hit whose row it heads; 0 otherwise
	cov             float64 // its share of the question, fields included, with a preference's bonus
	score           float64 // the sentence model's score
}

// Extract answers a question from the search results by quoting the
// sentences of the top passages that answer it: the top passage's best
// sentence by the sentence model, and sentences that add what it lacks.
func Extract(question string, res retrieval.Result) Answer {
	m, err := DefaultSentenceModel()
	if err != nil {
		m = CoverageSentenceModel() // not reached: the embedded model is tested
	}
	return extractWith(m, question, res)
}

func extractWith(m SentenceModel, question string, res retrieval.Result) Answer {
	hits := res.Hits[:min(maxPassagesUsed, len(res.Hits))]
	asked := question
	if res.Query.Text != "" {
		asked = res.Query.Text // the asker's own words, without what they pasted (text.SplitPasted)
	}
	how := text.IsHowTo(asked)
	all, perHit := scoreSentences(m, asked, res.Query, res.Stems, res.Asking, hits)
	if len(all) == 0 {
		return Decline(question, res.Hits)
	}
	prefer(asked, hits, all)
	best := firstSentence(all)
	chosen := append([]sentence{best}, listItems(hits[best.hit].Passage.Text, best, perHit[best.hit])...)
	if len(chosen) == 1 {
		chosen = append(chosen, neighbours(hits[best.hit].Passage.Text, best, perHit[best.hit], how)...)
	}
	sameDoc := func(x sentence) bool { return hits[x.hit].Passage.Source == hits[best.hit].Passage.Source }
	chosen = addExtras(res.Query, all, chosen, best, sameDoc)
	if second, ok := runnerUp(res, all, chosen, best); ok {
		chosen = append(chosen, second)
	}
	chosen = append(chosen, othersNeighbours(hits, perHit, chosen, best, how)...)
	chosen = append(chosen, adjacent(hits, all, chosen, best)...)
	chosen = append(chosen, headedList(asked, res.Query, hits, perHit, chosen, best)...)
	chosen = append(chosen, remedy(asked, hits, perHit, chosen)...)
	chosen = append(chosen, announced(hits, perHit, chosen, how)...)
	chosen = append(chosen, leadIn(hits[best.hit].Passage.Text, best, perHit[best.hit], chosen)...)
	chosen = append(chosen, itemHead(hits[best.hit].Passage, best, perHit[best.hit], chosen)...)
	chosen = append(chosen, entryLabel(best, perHit[best.hit], chosen)...)
	chosen = append(chosen, faqVerdict(asked, hits[best.hit].Passage.Text, best, perHit[best.hit], chosen)...)
	head := tableHeaderOf(hits[best.hit].Passage.Text, best, perHit[best.hit], chosen)
	chosen = append(chosen, head...)
	chosen = append(chosen, antecedents(perHit, chosen)...)
	chosen = append(chosen, verdicts(hits, perHit, chosen)...)
	chosen = append(chosen, tableRows(hits, perHit, chosen)...)
	if th := hits[best.hit].TableHead; th != nil && head == nil && isRowOf(hits[best.hit].Passage.Text, best) {
		// A long table's row, its header in an earlier passage: quoted
		// from there, above the row (last: no step above reads it).
		hits = append(hits[:len(hits):len(hits)], retrieval.Hit{Passage: th.Passage})
		sp := text.Span{Start: th.Start, End: th.End}
		chosen = append(chosen, sentence{PassageSentence: PassageSentence{Span: sp, raw: sp}, hit: len(hits) - 1, headOf: best.hit + 1})
	}
	return quote(question, hits, chosen)
}

// leadsIn matches the sentence before a list that introduces it: it ends
// in ":" or speaks of what follows ("… include the items listed below.",
// "the following").
var leadsIn = regexp.MustCompile(`(?i)(:\s*$|\b(the following|below|listed|as follows)\b)`)

// tableRows returns, for each chosen table header (brought by a lead-in
// or chosen for what it adds) none of whose rows chosen quotes, its rows:
// a header alone says what a table holds, not what it says.
func tableRows(hits []retrieval.Hit, perHit [][]sentence, chosen []sentence) []sentence {
	var out []sentence
	for _, c := range chosen {
		body := hits[c.hit].Passage.Text
		if !isTableHeader(body[c.Span.Start:c.Span.End]) {
			continue
		}
		ss := perHit[c.hit]
		rows := ss[c.idx+1 : tableEnd(viewsOf(body, ss), c.idx)]
		if slices.ContainsFunc(rows, func(r sentence) bool { return containsSentence(chosen, r) }) {
			continue // the header of a row quoted: context, not the answer
		}
		for _, r := range rows {
			if !containsSentence(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// antecedents returns, for each chosen sentence that leans on the one
// before it ("This allows you to …", "It was …") and is quoted without it,
// that sentence when it is prose: an excerpt never opens on a pronoun
// whose subject the reader is not shown.
func antecedents(perHit [][]sentence, chosen []sentence) []sentence {
	var out []sentence
	for _, c := range chosen {
		if c.Features.Pronoun == 0 || c.idx == 0 {
			continue
		}
		prev := perHit[c.hit][c.idx-1]
		if prev.Features.Structure > 0 || prev.Item || !c.Joined || containsSentence(chosen, prev) || containsSentence(out, prev) {
			continue
		}
		out = append(out, prev)
	}
	return out
}

// verdicts returns, for each chosen sentence that is its paragraph's
// second, the first when it is a bare verdict ("No." before "The
// environment that Valgrind provides … is significantly different"), or
// that opens its paragraph, the paragraph above when it is a verdict
// alone (maybe labelled) under a question holding most of the one asked
// (an FAQ's "**tl;dr:** No." over its explanation): the short answer a yes/no question asks, which holds none
// of its words.
func verdicts(hits []retrieval.Hit, perHit [][]sentence, chosen []sentence) []sentence {
	var out []sentence
	for _, c := range chosen {
		if c.idx == 0 {
			continue
		}
		prev := perHit[c.hit][c.idx-1]
		body := hits[c.hit].Passage.Text
		said := verdictMarks.ReplaceAllString(verdictLabel.ReplaceAllString(body[prev.Span.Start:prev.Span.End], ""), "")
		if !c.Joined && !(c.idx >= 2 && asks(body, perHit[c.hit][c.idx-2])) {
			continue // a paragraph of its own answers what is above it: the question asked, or another
		}
		if prev.Joined || prev.Features.Structure > 0 || prev.Item || !verdict.MatchString(said) ||
			containsSentence(chosen, prev) || containsSentence(out, prev) {
			continue
		}
		out = append(out, prev)
	}
	return out
}

// faqVerdict returns, for a yes/no question answered from an entry whose
// heading asks it (an FAQ's "Does rdiff-backup have a GUI or WebUI?"), the
// entry's first sentence when it opens on a verdict ("No, and it doesn't
// plan to.") and best is in its paragraph or in the list that paragraph
// leads into, unless chosen quotes it: the short answer, which holds none
// of the question's words, above the detail that was chosen. A heading of
// two questions, or a verdict over another paragraph, may answer another
// question than the one asked.
func faqVerdict(question, body string, best sentence, inPassage, chosen []sentence) []sentence {
	if !text.IsPolar(question) {
		return nil
	}
	headed, asked := false, 0
	for v, s := range inPassage {
		if s.heading {
			headed = asks(body, s)
			if lastChar(body[s.Span.Start:s.Span.End]) == '?' {
				asked++
			}
			continue
		}
		said := body[s.Span.Start:s.Span.End]
		if !headed || asked > 1 || best.idx <= v || containsSentence(chosen, s) || !verdictOpening.MatchString(said) ||
			len(text.Words(said)) > maxVerdictWords || !sameBlockOrItsList(body, inPassage[v:best.idx+1]) {
			return nil
		}
		return []sentence{s}
	}
	return nil
}

// sameBlockOrItsList reports whether run, sentences in a row, is one
// paragraph, maybe going on with the list it leads into ("… external
// utilities like:" over "* Rdiffweb …").
func sameBlockOrItsList(body string, run []sentence) bool {
	list := false
	for k := 1; k < len(run); k++ {
		if blankBetween(body, run[k-1], run[k]) && (!run[k].Item || !list && lastChar(body[run[k-1].Span.Start:run[k-1].Span.End]) != ':') {
			return false
		}
		list = list || run[k].Item
	}
	return true
}

// verdictOpening matches a sentence opening on a verdict ("No, and it
// doesn't plan to.", "Yes: set …"); maxVerdictWords bounds the sentence
// quoted as one.
var verdictOpening = regexp.MustCompile(`(?i)^[*_]*(yes|no|nope|not yet|no longer)[*_]*[,.;:!]`)

const maxVerdictWords = 15

// verdictLabel matches the label marking a verdict as the short answer
// ("**tl;dr:** No.", "Short answer: yes."); verdictMarks an emphasis's
// marks.
var (
	verdictLabel = regexp.MustCompile(`(?i)^[*_]*(?:tl;?\s?dr|short answer|in short)\s*:?[*_]*\s*:?\s*`)
	verdictMarks = regexp.MustCompile(`[*_]+`)
)

// asks reports whether a sentence is a heading or a question holding most
// of the question asked: what a verdict in a paragraph of its own below it
// answers ("Does Viper support case sensitive keys?" over "**tl;dr:** No."
// for "can I make viper keys case sensitive"; not "Does foo run on 32-bit
// systems?" for "does foo run on Windows").
func asks(body string, s sentence) bool {
	return (s.Features.Structure > 0 || strings.HasSuffix(strings.TrimSpace(body[s.Span.Start:s.Span.End]), "?")) && s.Features.Coverage >= minVerdictCover
}

// minVerdictCover is the share of the question the question above a
// verdict of its own must hold.
const minVerdictCover = 0.6

// verdict matches a sentence that is only a yes/no answer: "No.", "Yes,
// it is.", "No, it does not.", "Not yet.", "Usually."
var verdict = regexp.MustCompile(`(?i)^(yes|no|nope|yep|not yet|not really|not always|no longer|never|always|usually|sometimes|partly|partially|indeed|correct)` +
	`(,? (it|you|they|this|that|we|he|she|there)(['’]s)? ((is|are|was|were|does|do|did|can|could|will|would|has|have|should|must)(n['’]t| not)?|not|cannot|can['’]t|won['’]t))?[.!]$`)

// tableHeaderOf returns, when best is a row of a Markdown table, the
// table's header (its first row and delimiter row), unless chosen quotes
// it: "| `group` |" means nothing without "| Mode |" over it.
func tableHeaderOf(body string, best sentence, inPassage []sentence, chosen []sentence) []sentence {
	row := func(s sentence) string { return body[s.Span.Start:s.Span.End] }
	if !strings.HasPrefix(row(best), "|") || isTableHeader(row(best)) {
		return nil
	}
	for k := best.idx - 1; k >= 0 && inPassage[k+1].Joined && strings.HasPrefix(row(inPassage[k]), "|"); k-- {
		if isTableHeader(row(inPassage[k])) {
			if containsSentence(chosen, inPassage[k]) {
				return nil
			}
			return []sentence{inPassage[k]}
		}
	}
	return nil
}

// isRowOf reports whether a chosen sentence is a row of a Markdown table,
// not its header.
func isRowOf(body string, s sentence) bool {
	r := body[s.Span.Start:s.Span.End]
	return strings.HasPrefix(r, "|") && !isTableHeader(r)
}

// minLeadInWords is the fewest words of a lead-in quoted with an item.
const minLeadInWords = 5

// leadIn returns, when best is an item of a list, the sentence that
// introduces the list, unless chosen quotes it: an item without it can
// say the opposite of what it means ("* Multithreaded applications"
// under "Cases for which fakeroot-tcp has been observed to work well
// include the items listed below.").
func leadIn(body string, best sentence, inPassage []sentence, chosen []sentence) []sentence {
	if !best.Item {
		return nil
	}
	k := best.idx
	for k > 0 && (inPassage[k].Item || inPassage[k].Continues || inPassage[k].Indent > inPassage[best.idx].Indent) {
		k--
	}
	if k == best.idx || inPassage[k].Item || inPassage[k].Code || inPassage[k].heading {
		return nil
	}
	lead := inPassage[k]
	said := body[lead.Span.Start:lead.Span.End]
	// A label ("Supported features:") says nothing the item needs.
	if containsSentence(chosen, lead) || !leadsIn.MatchString(said) || len(text.Words(said)) < minLeadInWords {
		return nil
	}
	return []sentence{lead}
}

// blankBetween reports whether a blank line parts sentence b from a, the
// one before it: they are of two blocks.
func blankBetween(body string, a, b sentence) bool {
	return strings.Count(body[a.raw.End:b.raw.Start], "\n") > 1
}

// maxItemTail is how many sentences into a list item the best sentence
// may be for the item's first to be quoted with it (itemHead).
const maxItemTail = 3

// itemHead returns, when best goes on a list item in the lines under its
// first (no blank line between: "2. Read the **X_OVERRIDE** environment
// variable.\nPath to Docker's socket. Used by Ryuk …"), the item's first
// sentence, unless chosen quotes it: it names what the rest describes. A
// line that is no item's, a label ("Configuration:") or a heading, ends
// the walk back; so, in plain text, does one at the margin (a paragraph
// after a list is no item's there, as Markdown's lazy lines are).
func itemHead(p corpus.Passage, best sentence, inPassage []sentence, chosen []sentence) []sentence {
	body := p.Text
	if best.Item || best.Code || best.idx >= len(inPassage) {
		return nil
	}
	for k := best.idx; k > 0 && k > best.idx-maxItemTail; k-- {
		s, head := inPassage[k], inPassage[k-1]
		if blankBetween(body, head, s) || s.Code || s.heading {
			return nil // another block
		}
		if p.Plain && s.Indent == 0 && strings.Contains(body[head.raw.End:s.raw.Start], "\n") {
			return nil
		}
		if line, rest, ok := strings.Cut(body[s.Span.Start:s.Span.End], "\n"); ok && rest != "" && lastChar(line) == ':' {
			return nil // a label's line opens it ("**Configuration:**"): no item's
		}
		if !head.Item {
			if head.heading || lastChar(body[head.Span.Start:head.Span.End]) == ':' {
				return nil
			}
			continue
		}
		if head.Code || head.heading || containsSentence(chosen, head) {
			return nil
		}
		return []sentence{head}
	}
	return nil
}

// entryLabel returns, when best speaks in a reference page's entry, the
// entry's label ("`startretries`" over "… *Default*: 3"), so the quote
// says what it is about.
func entryLabel(best sentence, inPassage []sentence, chosen []sentence) []sentence {
	if best.label < 0 || best.label >= len(inPassage) || containsSentence(chosen, inPassage[best.label]) {
		return nil
	}
	return []sentence{inPassage[best.label]}
}

// adjacentShare is how much of the question, against the first sentence,
// the best sentence of a passage next to the top one must hold to be
// quoted too.
const adjacentShare = 0.6

// adjacent returns the best sentence of each passage among hits that sits
// right next to the top passage in its document (the paragraph after an
// answer's lead, the command under an install heading's text) and holds
// enough of the question: an answer often spans two neighbouring blocks,
// and its second half is quoted rather than left one click away.
func adjacent(hits []retrieval.Hit, all, chosen []sentence, best sentence) []sentence {
	top := hits[0].Passage
	var out []sentence
	for j := 1; j < len(hits); j++ {
		if !nextTo(top.Locator, hits[j].Passage.Locator) || quotes(chosen, j) {
			continue
		}
		b, ok := bestOf(all, j)
		if ok && b.cov >= adjacentShare*best.cov {
			out = append(out, b)
		}
	}
	return out
}

// tossUp is the ranker's probability that the top passage answers better
// than the second below which the two are both quoted. The ranker's odds
// run high: at 0.85 to 0.95 the second passage was still the one holding
// the answer in 10 of the suite's answers without it and 10 of SQuAD's
// (wrong answers 207 → 197 and 74 → 64, excerpts holding the answer
// 1,376 → 1,388, for 3 % more characters quoted).
const tossUp = 0.95

// runnerUp is the best sentence of the second passage when the search
// could hardly tell the top two passages apart (res.Lead below tossUp)
// and it holds as much of the question as best: quoting both shows the
// asker where the answer is, where quoting one would more often than not
// show the wrong place.
func runnerUp(res retrieval.Result, all, chosen []sentence, best sentence) (sentence, bool) {
	if res.Lead >= tossUp || len(res.Hits) < 2 {
		return sentence{}, false
	}
	if quotes(chosen, 1) {
		return sentence{}, false
	}
	b, ok := bestOf(all, 1)
	if !ok || b.cov < best.cov*0.8 {
		return sentence{}, false
	}
	return b, true
}

// nextTo reports whether two places of a document are neighbours: on the
// same page, at most a blank line apart.
func nextTo(a, b corpus.Locator) bool {
	if a.Source != b.Source || a.Page != b.Page {
		return false
	}
	if a.LineStart > b.LineEnd {
		a, b = b, a
	}
	return b.LineStart > a.LineEnd && b.LineStart-a.LineEnd <= 2
}

// bestOf is the sentence of hit h that the sentence model scores highest,
// not a heading, holding some of the question and a content word; false
// when there is none.
func bestOf(all []sentence, h int) (sentence, bool) {
	// Where the question asks for a kind of answer, a sentence of the
	// passage holding one (with a fair share of the question) comes
	// before those that don't.
	typed := slices.ContainsFunc(all, func(s sentence) bool {
		return s.hit == h && !s.heading && s.Features.TypeHeld > 0 && s.cov >= minTypeCover
	})
	// A default asked is answered first by the row that states it, where
	// the passage has one; of several (an option's and its properties'),
	// which is the one asked the rows can't tell.
	rows := 0
	for _, s := range all {
		if s.hit == h && s.stated && s.cov >= minTypeCover {
			rows++
		}
	}
	stated := typed && rows == 1
	var best *sentence
	for i := range all {
		s := &all[i]
		if typed && (s.Features.TypeHeld == 0 || s.cov < minTypeCover) || stated && !s.stated {
			continue
		}
		if s.hit == h && !s.heading && s.cov > 0 && s.hasContentWord() && (best == nil || s.score > best.score) {
			best = s
		}
	}
	if best == nil {
		return sentence{}, false
	}
	return *best, true
}

// quotes reports whether chosen holds a sentence of hit h.
func quotes(chosen []sentence, h int) bool {
	for _, c := range chosen {
		if c.hit == h {
			return true
		}
	}
	return false
}

// scoreSentences splits the passages of hits into sentences, each with the
// share of the question's weight it holds and its model score; all of
// them, and per hit.
func scoreSentences(m SentenceModel, question string, q lexical.Query, stems map[string]string, asking *text.Asking, hits []retrieval.Hit) (all []sentence, perHit [][]sentence) {
	perHit = make([][]sentence, len(hits))
	r := newSentenceReader(question, q, stems, asking)
	for h, hit := range hits {
		for i, ps := range r.read(hit.Passage) {
			// The passage's title and section speak for each of its
			// sentences ("Installation" above "go get …").
			s := sentence{PassageSentence: ps, hit: h, idx: i, cov: ps.Features.WithFields, score: m.Score(ps.Features)}
			perHit[h] = append(perHit[h], s)
			all = append(all, s)
		}
	}
	return all, perHit
}

// prefer raises the sentences of a kind some questions prefer: reasons for
// "why", advice for "what should … do", figures for "how many".
func prefer(question string, hits []retrieval.Hit, all []sentence) {
	for _, pref := range preferences {
		if !pref.asks.MatchString(question) {
			continue
		}
		for i := range all {
			sp := all[i].Span
			if pref.gives(hits[all[i].hit].Passage.Text[sp.Start:sp.End]) {
				all[i].cov += pref.bonus
			}
		}
	}
}

// firstSentence is the one of the top passage the sentence model scores
// highest (the passage the search's confidence is about), not a heading,
// when it holds some of the question; failing that, the best of any
// passage.
func firstSentence(all []sentence) sentence {
	if best, ok := bestOf(all, 0); ok {
		return best
	}
	var b *sentence
	for i := range all {
		s := &all[i]
		if s.heading && b != nil {
			continue
		}
		if b == nil || (b.heading && !s.heading) || s.cov-rankPenalty*float64(s.hit) > b.cov-rankPenalty*float64(b.hit) {
			b = s
		}
	}
	return *b
}

// withoutFences narrows a sentence of code to the code: a fence line
// ("```sh") opening it and one closing it are left out of the excerpt, so
// a quotation never opens a code block it doesn't close.
func withoutFences(body string, sp text.Span) text.Span {
	s := body[sp.Start:sp.End]
	if text.IsFenceLine(s) {
		if i := strings.IndexByte(s, '\n'); i >= 0 && strings.TrimSpace(s[i+1:]) != "" {
			sp.Start += i + 1
		}
	}
	s = body[sp.Start:sp.End]
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		if text.IsFenceLine(strings.TrimSpace(s[i+1:])) {
			sp.End = sp.Start + i
		}
	}
	for sp.End > sp.Start && (body[sp.End-1] == ' ' || body[sp.End-1] == '\t' || body[sp.End-1] == '\n') {
		sp.End--
	}
	for sp.Start < sp.End && (body[sp.Start] == ' ' || body[sp.Start] == '\t' || body[sp.Start] == '\n') {
		sp.Start++
	}
	return sp
}

// fencedSpan is the span of a quoted run of sentences, first to last:
// where either end is a code block whose fences both lie in the passage,
// the run takes that fence in, so that an excerpt quoting prose and the
// code under it opens and closes its fence (an open one would turn the
// rest of a Discord message into code). A block cut by the passage's start
// or end keeps its fences out, as the block's span does.
func fencedSpan(body string, first, last sentence) text.Span {
	sp := text.Span{Start: first.Span.Start, End: last.Span.End}
	if first.Code && fenced(body, first.raw) {
		sp.Start = first.raw.Start
	}
	if last.Code && fenced(body, last.raw) {
		sp.End = last.raw.End
	}
	return sp
}

// fenced reports whether a code block's span starts with a fence line and
// ends with one.
func fenced(body string, sp text.Span) bool {
	s := body[sp.Start:sp.End]
	nl := strings.IndexByte(s, '\n')
	if nl < 0 {
		return false
	}
	end := strings.LastIndexByte(s, '\n')
	return text.IsFenceLine(strings.TrimSpace(s[:nl])) && text.IsFenceLine(strings.TrimSpace(s[end+1:]))
}

// isHeadingSentenceIn is isHeadingSentence for a sentence of passage p: in
// plain text, a line opening on "#" is a comment, which says something
// ("# The amount of time the server waits for the client"), not a heading,
// unless it is the heading the passage's section is named by (go doc's
// "# HTTP/2").
func isHeadingSentenceIn(s string, p corpus.Passage) bool {
	if h, ok := structure.ATXHeadingText(firstLine(strings.TrimSpace(s))); ok && p.Plain && h != p.Heading() {
		return false // a comment, not the heading its section is named by (go doc's "# HTTP/2")
	}
	if isHeadingSentence(s) {
		return true
	}
	// A line its section is named by, as the outline writes it: an FAQ's
	// group "* Questions about /etc/issue and /etc/debian_version:" over
	// its questions says nothing of its own.
	if p.Section == "" || len(s) > maxHeadingLine || strings.Contains(strings.TrimSpace(s), "\n") {
		return false
	}
	if h := headingForm(s); h != "" && strings.Contains(p.Section, h) {
		for part := range strings.SplitSeq(p.Section, structure.SectionSeparator) {
			if headingForm(part) == h {
				return true
			}
		}
	}
	return false
}

// maxHeadingLine bounds the length of a line read as its section's
// heading (isHeadingSentenceIn).
const maxHeadingLine = 200

// headingForm returns a line as a heading reads once written as a list's
// item, a label or a quoted FAQ question: without a list or quote mark,
// stars or a trailing colon.
func headingForm(s string) string {
	s = strings.Trim(s, " \t*_")
	s = strings.TrimLeft(s, "*-+•> ")
	s = strings.Trim(strings.TrimSuffix(strings.TrimRight(s, " *_"), ":"), " *_")
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n") {
		return s // the common case, read for every sentence: no copy
	}
	return strings.Join(strings.Fields(s), " ")
}

// isHeadingSentence reports whether a sentence is a heading line (or a code
// fence) rather than text that says something.
func isHeadingSentence(s string) bool {
	s = strings.TrimSpace(s)
	if structure.IsATXHeading(firstLine(s)) || text.IsAlertMarker(s) {
		return true
	}
	if _, ok := text.SummaryOf(s); ok {
		return true // a <details> block's summary: its section's title
	}
	if text.IsFenceLine(s) {
		return !strings.Contains(s, "\n") // a fence line alone; with code below it, the code speaks
	}
	lines := strings.Split(s, "\n")
	if len(lines) == 2 {
		u := strings.TrimSpace(lines[1])
		return u != "" && strings.Trim(u, "=-") == ""
	}
	return false
}

// union returns the indexes in a or b, each once.
func union(a, b []int) []int {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// neighbours returns the sentences next to best that its reader needs (see
// Neighbours); body is their passage's text, how whether the question asks
// how to do something.
func neighbours(body string, best sentence, inPassage []sentence, how bool) []sentence {
	lo, hi := Neighbours(viewsOf(body, inPassage), best.idx, how)
	var out []sentence
	for i := lo; i < hi; i++ {
		if i != best.idx {
			out = append(out, inPassage[i])
		}
	}
	return out
}

// othersNeighbours returns the neighbours (see Neighbours) of the first
// sentence chosen from each passage but the top one's: the runner-up of a
// toss-up, or a sentence chosen for what it adds, is quoted as the first
// is, with the sentences around it that it needs or its paragraph adds.
func othersNeighbours(hits []retrieval.Hit, perHit [][]sentence, chosen []sentence, best sentence, how bool) []sentence {
	var out []sentence
	done := map[int]bool{best.hit: true}
	for _, c := range chosen {
		if done[c.hit] {
			continue
		}
		done[c.hit] = true
		for _, n := range neighbours(hits[c.hit].Passage.Text, c, perHit[c.hit], how) {
			if !containsSentence(chosen, n) && !containsSentence(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// announced returns, for each chosen sentence of prose, the sentence after
// it when it announces that one (ends in ":"; a list's items, up to
// maxAnnouncedItems) or is code it points to ("the
// example below …") or a how-to question asks for; the list after a
// paragraph quoted to its end that speaks of what follows ("the following
// environment variables …"); and for each chosen code
// block, the sentence before it that announces it: chosen as the best
// sentence's neighbour or for what it adds, a lead-in is not quoted without
// what it leads to, nor code without its lead-in. Each is added once, and
// brings nothing further.
func announced(hits []retrieval.Hit, perHit [][]sentence, chosen []sentence, how bool) []sentence {
	var out []sentence
	listed := false
	add := func(s sentence) {
		if !containsSentence(chosen, s) && !containsSentence(out, s) {
			out = append(out, s)
		}
	}
	for _, c := range chosen {
		ss, body := perHit[c.hit], hits[c.hit].Passage.Text
		said := func(s sentence) string { return body[s.Span.Start:s.Span.End] }
		if c.Code {
			if c.idx > 0 && !ss[c.idx-1].Code && lastChar(said(ss[c.idx-1])) == ':' {
				add(ss[c.idx-1])
			}
			continue
		}
		if c.idx+1 >= len(ss) {
			continue
		}
		next := ss[c.idx+1]
		// A paragraph quoted to its end that speaks of what follows ("the
		// following environment variables can be specified …") brings the
		// list after it, as one ending in ":" does.
		if !listed && !c.Item && lastChar(said(c)) != ':' && pointsAhead.MatchString(said(c)) {
			end := c.idx + 1
			for end < len(ss) && ss[end].Joined && containsSentence(chosen, ss[end]) {
				end++
			}
			if end < len(ss) && ss[end].Item {
				listed = true
				for _, item := range ss[end:ListEnd(viewsOf(body, ss), end)] {
					add(item)
				}
				continue
			}
		}
		switch {
		case lastChar(said(c)) == ':' && next.Item && !listed:
			// One list per answer: each further one brings its first item.
			listed = true
			for _, item := range ss[c.idx+1 : ListEnd(viewsOf(body, ss), c.idx+1)] {
				add(item)
			}
		case lastChar(said(c)) == ':' || (next.Code && (how || pointsAhead.MatchString(said(c)))):
			add(next)
		}
	}
	return out
}

// remedy returns, for a question after a fix that quotes what went wrong
// ("tool says shmat failed: Too many open files, how to fix", or a pasted
// error message alone: "npm ERR! code EACCES"), what the
// passage says after the chosen sentence or code block that repeats the
// question's words (the error message): its next sentence, and the code
// that one announces. Quoting the error alone answers nothing.
func remedy(question string, hits []retrieval.Hit, perHit [][]sentence, chosen []sentence) []sentence {
	if !asksFix.MatchString(question) && !text.QuotesError(question) {
		return nil
	}
	qw := text.Words(question)
	// A symptom told in the asker's words ("takes a couple minutes" of
	// "takes a couple of minutes") is echoed by its content words in a
	// row; an error's message by its words as they are.
	symptom := !asksFailure.MatchString(question) && !text.QuotesError(question)
	for _, c := range chosen {
		ss, body := perHit[c.hit], hits[c.hit].Passage.Text
		if c.idx+1 >= len(ss) {
			continue
		}
		said := text.Words(body[c.Span.Start:c.Span.End])
		if !echoesMost(qw, said) && (symptom && !sharesRun(contentWords(qw), contentWords(said), minEchoedContent) || !symptom && !sharesRun(qw, said, minEchoedWords)) {
			continue
		}
		// The paragraph after it (up to maxRemedySentences), and the code
		// its last sentence announces.
		var out []sentence
		k := c.idx + 1
		for ; k < len(ss) && len(out) < maxRemedySentences && !ss[k].Code && (len(out) == 0 || ss[k].Joined); k++ {
			if !containsSentence(chosen, ss[k]) {
				out = append(out, ss[k])
			}
		}
		if n := len(out); n > 0 && lastChar(body[out[n-1].Span.Start:out[n-1].Span.End]) == ':' && k < len(ss) && ss[k].Code && !containsSentence(chosen, ss[k]) {
			out = append(out, ss[k])
		}
		return out
	}
	return nil
}

// asksFix matches a question after a way out of a failure: "how to fix",
// "why does it fail", "what does this error mean" (not "solve", which
// asks of problems of every kind), or telling a symptom; asksFailure the
// first kind alone.
var (
	asksFix = regexp.MustCompile(asksFailure.String() +
		// A symptom told ("mesg and biff dont work inside screen", "tcsh
		// takes a couple minutes before the prompt shows up", "my terminal
		// freezes"): what the document says after it is the way out.
		`|\b(do|does|did|is|are|was|were|wo|ca|can)(n'?t| not)\s+(work|start|run|load|open|connect|show|appear|respond|print|save|stick|reach)|\bcannot\s+(work|start|run|load|open|connect|show|reattach|attach|find)\b` +
		`|\b(not|stopped|stops)\s+working\b|\b(broken|hangs?|hung|freez(es|e|ing)|frozen|stuck|garbled)\b|\btakes?\s+(a\s+)?(couple|few|several|long|ages|forever|minutes|seconds)\b`)
	asksFailure = regexp.MustCompile(`(?i)\b(fix|workaround|get rid of|error|errors|fails?|failed|failing|crash(es|ed)?)\b`)
)

// minEchoedContent is how many of the question's content words in a row
// a sentence must repeat, words of no content set aside, to be the
// symptom it tells.
const minEchoedContent = 3

// contentWords returns the words that are no stop words.
func contentWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !text.IsStopWord(w) {
			out = append(out, w)
		}
	}
	return out
}

// echoesMost reports whether a sentence (its words: said) repeats most of
// the content words of a question after a fix (qw), whatever their order
// and the words between ("import 'electron' gets flagged unresolved, how
// to fix" of "import 'electron' // without extra config, will be flagged
// as unresolved!"): minEchoedContent of them at least, and at least
// minEchoedShare of those the question has beside the fix it asks for.
func echoesMost(qw, said []string) bool {
	has := make(map[string]bool, len(said))
	for _, w := range said {
		has[w] = true
	}
	seen := make(map[string]bool)
	asked, held := 0, 0
	for _, w := range contentWords(qw) {
		if seen[w] || asksFailure.MatchString(w) || fixWords[w] {
			continue
		}
		seen[w] = true
		asked++
		if has[w] {
			held++
		}
	}
	return held >= minEchoedContent && float64(held) >= minEchoedShare*float64(asked)
}

// fixWords are the words of a question after a fix that ask for it rather
// than tell the failure.
var fixWords = map[string]bool{"how": true, "fix": true, "solve": true, "resolve": true, "avoid": true, "stop": true, "prevent": true, "get": true, "rid": true, "why": true, "what": true}

// minEchoedShare is the share of a question's own content words a sentence
// must repeat, in any order, to be the failure it tells (echoesMost).
const minEchoedShare = 0.6

// maxRemedySentences bounds the sentences remedy adds before any code.
const maxRemedySentences = 3

// minEchoedWords is how many of the question's words in a row a sentence
// must repeat to be the failure the question quotes.
const minEchoedWords = 4

// sharesRun reports whether b holds n or more of a's words in a row.
func sharesRun(a, b []string, n int) bool {
	if len(a) < n || len(b) < n {
		return false
	}
	for i := 0; i+n <= len(a); i++ {
		for j := 0; j+n <= len(b); j++ {
			if slices.Equal(a[i:i+n], b[j:j+n]) {
				return true
			}
		}
	}
	return false
}

// asksSet matches a question asking for several things: "which control
// chars …", "what output formats …", "list the …", "what are the …", and
// a release's changes: "what changed in 2.1.0", "what's new in v3",
// "changes in 1.46.1".
var asksSet = regexp.MustCompile(`(?i)^\s*(?:(?:which|what)\s+(?:[\w-]+\s+){0,2}?([a-z]{3,}s)\b|list\b|what\s+are\s+the\b|what\s+(?:has\s+|was\s+|got\s+)?changed\b|what(?:'s|s|\s+is)\s+new\s+(?:in|since|for|with)\b|changes\s+in\b)`)

// notPlural are words ending in "s" that asksSet must not read as plural.
var notPlural = map[string]bool{"does": true, "was": true, "has": true, "this": true, "its": true, "yes": true,
	"plus": true, "status": true, "bus": true, "gets": true, "uses": true, "means": true, "makes": true, "needs": true,
	"says": true, "takes": true, "returns": true, "supports": true, "happens": true, "causes": true, "runs": true,
	"works": true, "goes": true, "comes": true, "shows": true}

// asksForSet reports whether a question asks for several things.
func asksForSet(question string) bool {
	m := asksSet.FindStringSubmatch(question)
	if m == nil {
		return false
	}
	w := strings.ToLower(m[1])
	return w == "" || !(notPlural[w] || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"))
}

// headingShare is how much of the question the best sentence's section
// must hold for the list under it to answer a question asking for several
// things.
const headingShare = 0.4

// headedList returns the list of best's passage when the question asks for
// several things ("which control chars does virtualterm support") and
// best's section names them ("Control Characters"): the list under such a
// heading is the answer, whatever sentence near it holds the question's
// other words. Nothing when best is an item, or the list is quoted already.
func headedList(question string, q lexical.Query, hits []retrieval.Hit, perHit [][]sentence, chosen []sentence, best sentence) []sentence {
	p := hits[best.hit].Passage
	if best.Item || !asksForSet(question) || q.Coverage(p.Section) < headingShare {
		return nil
	}
	ss := perHit[best.hit]
	for i, s := range ss {
		if !s.Item {
			continue
		}
		if containsSentence(chosen, s) {
			return nil
		}
		return slices.Clone(ss[i:ListEnd(viewsOf(p.Text, ss), i)])
	}
	return nil
}

// viewsOf returns what Neighbours and ListEnd read of a passage's
// sentences (body: its text).
func viewsOf(body string, inPassage []sentence) []SentenceView {
	views := make([]SentenceView, len(inPassage))
	for i, s := range inPassage {
		views[i] = s.View(body)
	}
	return views
}

// listItems returns the items following best when it announces a list
// (text is its passage, inPassage the passage's sentences).
func listItems(text string, best sentence, inPassage []sentence) []sentence {
	if !listCue.MatchString(text[best.Span.Start:best.Span.End]) {
		return nil
	}
	var items []sentence
	for _, s := range inPassage[best.idx+1:] {
		if len(items) >= maxListItems || !listItem.MatchString(text[s.Span.Start:s.Span.End]) {
			break
		}
		items = append(items, s)
	}
	return items
}

// addExtras adds to chosen up to maxSentences-1 sentences that add what the
// question asks and best lacks, most gain first. A sentence of another
// document than best's (sameDoc false) must also hold a word of the
// question best holds: without one, it meets the question on other words,
// and often in another sense ("intel" of intelligence in one document, of
// processors in another).
func addExtras(q lexical.Query, all, chosen []sentence, best sentence, sameDoc func(sentence) bool) []sentence {
	total := q.TotalWeight()
	covered := make(map[int]bool)
	for _, m := range best.matched {
		covered[m] = true
	}
	for extras := 0; extras < maxSentences-1; extras++ {
		var next *sentence
		var nextGain float64
		for i := range all {
			s := &all[i]
			if containsSentence(chosen, *s) || s.heading || s.cov < minExtraCoverage || len(s.matched) < min(2, len(q.Terms)) {
				continue
			}
			if !sameDoc(*s) && !slices.ContainsFunc(s.matched, func(m int) bool { return slices.Contains(best.matched, m) }) {
				continue
			}
			var gain float64
			for _, m := range s.matched {
				if !covered[m] {
					gain += q.Terms[m].Weight
				}
			}
			if total > 0 {
				gain /= total
			}
			if gain >= minExtraGain && gain > nextGain {
				next, nextGain = s, gain
			}
		}
		if next == nil {
			break
		}
		chosen = append(chosen, *next)
		for _, m := range next.matched {
			covered[m] = true
		}
	}
	return chosen
}

func containsSentence(ss []sentence, s sentence) bool {
	for _, c := range ss {
		if c.hit == s.hit && c.idx == s.idx {
			return true
		}
	}
	return false
}

// quotedWords are the words of an excerpt quoted, " "-framed, and the
// page whose edition it is from (corpus.PageOf).
type quotedWords struct{ page, words string }

// quote builds the answer: the chosen sentences in passage rank and reading
// order, neighbours in one passage merged into one excerpt, each excerpt
// quoted and marked with its citation number.
func quote(question string, hits []retrieval.Hit, chosen []sentence) Answer {
	// A table's header from an earlier passage goes right before the
	// passage whose row it heads.
	place := func(s sentence) int {
		if s.headOf > 0 {
			return s.headOf - 1
		}
		return s.hit
	}
	slices.SortFunc(chosen, func(a, b sentence) int {
		if pa, pb := place(a), place(b); pa != pb {
			return pa - pb
		}
		if (a.headOf > 0) != (b.headOf > 0) {
			if a.headOf > 0 {
				return -1
			}
			return 1
		}
		return a.idx - b.idx
	})
	a := Answer{Question: question, Mode: ModeExtractive, Citations: []Citation{}}
	var parts []string
	var quoted []quotedWords
	for i := 0; i < len(chosen); {
		j := i + 1
		for j < len(chosen) && chosen[j].hit == chosen[i].hit && chosen[j].idx == chosen[j-1].idx+1 {
			j++
		}
		p := hits[chosen[i].hit].Passage
		span := fencedSpan(p.Text, chosen[i], chosen[j-1])
		i = j
		// The same words twice (a page's Markdown and HTML editions) are
		// quoted once, and words another edition of the page already
		// quoted holds are not quoted again (one edition's sentence
		// within the other's). Another document's are: "Run the setup
		// script" is no repeat of "Never run the setup script as root".
		words := " " + strings.Join(text.Words(p.Text[span.Start:span.End]), " ") + " "
		page := corpus.PageOf(p.Source)
		if slices.ContainsFunc(quoted, func(q quotedWords) bool {
			return q.words == words || q.page == page && strings.Contains(q.words, words)
		}) {
			continue
		}
		quoted = append(quoted, quotedWords{page, words})
		c := NewCitation(len(a.Citations)+1, p, span)
		a.Citations = append(a.Citations, c)
		parts = append(parts, `"`+c.Excerpt+`" [`+strconv.Itoa(c.Ref)+`]`)
	}
	a.Text = strings.Join(parts, "\n\n")
	return a
}
