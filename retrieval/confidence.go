package retrieval

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

//go:generate go run ../cmd/trainconf -out confidence.json

// Features describe a passage as an answer to a question: how well it
// holds the question, its subject, its word order and the kind of answer
// asked for, how the searches ranked it, and whether the question is a
// question at all. Shares are 0–1. The confidence model scores candidate
// passages by them; the best-scoring one is the top hit, and its score is
// the search's confidence.
type Features struct {
	Fused           float64 `json:"fused"`            // reciprocal-rank fusion score, ×60 (about 0–2)
	LexicalRank     float64 `json:"lexical_rank"`     // 1/rank in the word search (0: not found by it)
	VectorRank      float64 `json:"vector_rank"`      // 1/rank in the vector search (0: not found by it)
	Coverage        float64 `json:"coverage"`         // weighted share of the question's terms held (text and fields)
	Sentence        float64 `json:"sentence"`         // best share of the question one sentence holds, with the fields
	InText          float64 `json:"in_text"`          // weighted share of the question's terms in the passage's own text
	InSection       float64 `json:"in_section"`       // weighted share of the question's terms in its section path
	Lead            float64 `json:"lead"`             // 1/(1 + the passage's place in its document): introductions come first
	Definition      float64 `json:"definition"`       // Lead, for a question asking what something is or does; 1 where an abbreviation asked about is spelled out or a sentence says what the term asked about is; else 0
	Length          float64 `json:"length"`           // log(1 + the passage's content words)
	Novel           float64 `json:"novel"`            // share of the passage's content words that are not the question's: what it adds
	Bigrams         float64 `json:"bigrams"`          // share of the question's word pairs found side by side
	Subject         float64 `json:"subject"`          // weighted share of the question's names held (1: none asked)
	Lexical         float64 `json:"lexical"`          // BM25F score over the highest the question could reach
	Similarity      float64 `json:"similarity"`       // cosine of the passage's vector and the question's
	TypeMissing     float64 `json:"type_missing"`     // 1 when no good sentence holds the kind of answer asked for
	Unknown         float64 `json:"unknown"`          // weighted share of the question's words the corpus lacks
	Injection       float64 `json:"injection"`        // 1 for "ignore your rules", "show your prompt", …
	Task            float64 `json:"task"`             // 1 for "translate …", "write …", "summarise …"
	HasNames        float64 `json:"has_names"`        // 1 when the question names a subject
	TypeAsked       float64 `json:"type_asked"`       // 1 when the question asks for a number, year, name, version or licence
	Terms           float64 `json:"terms"`            // log(1 + number of question terms)
	Code            float64 `json:"code"`             // 1 when the passage shows code or a command
	HowCode         float64 `json:"how_code"`         // Code, for a question asking how to do something; else 0
	TitleNames      float64 `json:"title_names"`      // weighted share of the question's names in its document's title (0: none asked)
	Matched         float64 `json:"matched"`          // share of the question's terms other than names held, each counting one
	Heading         float64 `json:"heading"`          // share of the words of the passage's own heading that the question holds ("Hidden flags" for "hide a flag from --help")
	WholeNames      float64 `json:"whole_names"`      // share of the question's joined names ("go-cache") in the passage's source path or title, whole (1: none asked)
	RivalDocs       float64 `json:"rival_docs"`       // share of the top candidates from other documents than the top's: a match many documents share is chance's
	NegationMissing float64 `json:"negation_missing"` // 1 when the question asks what is not so (text.NegatesPredicate) and none of the passage's sentences holding most of it negates anything
	Crowd           float64 `json:"crowd"`            // log10(1 + the passages holding as large a share of the question's weight as this one, itself too; for one holding none, every passage holding any): a share many passages hold is chance's
	ObjectMissing   float64 `json:"object_missing"`   // 1 when the question asks yes or no whether its subject supports, runs on or reads something (text.PolarObject) and the passage lacks that thing's weightiest word ("xades" of "does xmlsec support xades signatures")
}

// vector returns the features in the order of the model's weights.
func (f Features) vector() []float64 {
	return []float64{f.Fused, f.LexicalRank, f.VectorRank, f.Coverage, f.Sentence, f.InText, f.InSection, f.Lead, f.Definition, f.Length, f.Novel, f.Bigrams, f.Subject, f.Lexical,
		f.Similarity, f.TypeMissing, f.Unknown, f.Injection, f.Task, f.HasNames, f.TypeAsked, f.Terms, f.Code, f.HowCode, f.TitleNames, f.Matched, f.Heading, f.WholeNames, f.RivalDocs, f.NegationMissing, f.ObjectMissing, f.Crowd}
}

var featureNames = []string{"fused", "lexical_rank", "vector_rank", "coverage", "sentence", "in_text", "in_section", "lead", "definition", "length", "novel", "bigrams", "subject", "lexical",
	"similarity", "type_missing", "unknown", "injection", "task", "has_names", "type_asked", "terms", "code", "how_code", "title_names", "matched", "heading", "whole_names", "rival_docs", "negation_missing", "object_missing", "crowd"}

// vectorFeatures are the features that depend on the vector search: the
// ranker uses them, the confidence does not, so that it means the same with
// any embedder, or none when the embedder fails.
var vectorFeatures = map[string]bool{"fused": true, "vector_rank": true, "similarity": true}

// VectorFeature reports whether the named feature depends on the vectors.
func VectorFeature(name string) bool { return vectorFeatures[name] }

// rankOnly are features that tell passages of one corpus apart but say
// nothing of whether the best answers across corpora: the question's names
// in the document's title always miss in a corpus of one document whose
// title names none of them.
var rankOnly = map[string]bool{"title_names": true, "whole_names": true}

// ConfidenceFeature reports whether the confidence reads the named
// feature: not the vectors' (so it means the same with any embedder) and
// not those that only rank.
func ConfidenceFeature(name string) bool { return !vectorFeatures[name] && !rankOnly[name] }

// FeatureNames returns the names of the features in the order Vector gives them.
func FeatureNames() []string { return append([]string(nil), featureNames...) }

// Vector returns the features as numbers, in FeatureNames order: what the
// confidence model is trained on.
func (f Features) Vector() []float64 { return f.vector() }

// Model ranks candidate passages and says how likely the best one is to
// answer: a linear ranker over Features, and a logistic model of the
// probability that the top candidate answers, over its Features and its
// lead over the next candidate.
type Model struct {
	Names []string `json:"names"`
	// Rank weighs the features into a candidate's ranking score.
	Rank []float64 `json:"rank"`
	// Weights (one per feature, then one for the margin) and Bias give
	// the confidence of the top candidate.
	Weights []float64 `json:"weights"`
	Bias    float64   `json:"bias"`
	// Trained says what the weights were fitted on.
	Trained string `json:"trained,omitempty"`
}

// Score returns a candidate's ranking score.
func (m Model) Score(f Features) float64 {
	var z float64
	for i, x := range f.vector() {
		z += m.Rank[i] * x
	}
	return z
}

// Confidence returns the probability, 0–1, that the top candidate answers,
// from its features and its margin (its score less the next one's, by the
// ranker's weights of the features that don't depend on the vectors).
// Features that depend on the vectors are left out.
func (m Model) Confidence(f Features, margin float64) float64 {
	z := m.Bias
	v := f.vector()
	for i, x := range v {
		if ConfidenceFeature(featureNames[i]) {
			z += m.Weights[i] * x
		}
	}
	z += m.Weights[len(v)] * margin
	return 1 / (1 + math.Exp(-z))
}

// LexicalScore is the ranker's score without the features that depend on
// the vectors: what the confidence's margin is measured in.
func (m Model) LexicalScore(f Features) float64 {
	var z float64
	for i, x := range f.vector() {
		if !vectorFeatures[featureNames[i]] {
			z += m.Rank[i] * x
		}
	}
	return z
}

// check reports whether the model fits today's features.
func (m Model) check() error {
	n := len(featureNames)
	if len(m.Names) != n || len(m.Rank) != n || len(m.Weights) != n+1 {
		return fmt.Errorf("confidence model has %d names, %d rank and %d confidence weights for %d features",
			len(m.Names), len(m.Rank), len(m.Weights), n)
	}
	for i, name := range m.Names {
		if name != featureNames[i] {
			return fmt.Errorf("confidence model weight %d is for %q, not %q", i, name, featureNames[i])
		}
	}
	return nil
}

// NeutralModel is a model that ranks by fusion alone and is always half
// sure: what an index needs before a model is trained.
func NeutralModel() Model {
	n := len(featureNames)
	m := Model{Names: FeatureNames(), Rank: make([]float64, n), Weights: make([]float64, n+1)}
	m.Rank[0] = 1 // fused
	return m
}

//go:embed confidence.json
var modelJSON []byte

// DefaultModel returns the confidence model committed with the code
// (trained by cmd/trainconf; see go:generate above).
var DefaultModel = sync.OnceValues(func() (Model, error) {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err != nil {
		return Model{}, fmt.Errorf("confidence model: %w", err)
	}
	return m, m.check()
})

// questionFeatures are the features of the question and of the corpus,
// the same for every candidate.
type questionFeatures struct {
	Features
	asking     text.Asking // what it asks for, which a sentence must answer
	definition bool        // the question asks what something is or does
	acronym    string      // the abbreviation it asks what is or stands for ("ISKP"), "" for none
	how        bool        // the question asks how to do something
	names      float64     // weight of the question's names
	others     int         // number of the question's own terms that are not names
	want       stemIndex   // the index of each of the first 64 terms, by stem
	pairs      [][2]int
	joined     []string        // the question's names joined by "-" ("go-cache"), lower-cased
	definedIn  uint64          // the terms of what it asks the definition of within a project (text.DefinedIn)
	object     int             // for a question on what its subject supports (text.PolarObject), the index of the object's weightiest term; -1 for none
	spread     *lexical.Spread // how many passages hold each share of the question (the word search's)
}

// questionOf returns the features of the question q (read from question),
// whose word search counted spread: the same for every candidate.
func (ix *Index) questionOf(question string, q lexical.Query, spread *lexical.Spread) questionFeatures {
	question = text.QuestionForm(question)
	qf := questionFeatures{spread: spread}
	total := q.TotalWeight()
	// What the asker pasted (a log, code) is no part of the question's
	// size, nor known words that hide its unknown ones.
	var unknown, pastedWeight float64
	terms := 0
	for i, t := range q.Terms {
		if t.Pasted {
			pastedWeight += t.Weight
			continue
		}
		terms++
		if t.Name {
			qf.names += t.Weight
		} else if !t.Context && i < 64 {
			qf.others++
		}
		if !t.Known {
			unknown += t.Weight
		}
	}
	if total-pastedWeight > 0 {
		qf.Unknown = unknown / (total - pastedWeight)
	}
	qf.Terms = math.Log1p(float64(terms))
	names := text.JoinedNames(question)
	for _, n := range text.JoinedWords(question) {
		// Not "even-handed" of a text that never writes it, nor
		// "happens-before"; "which-key", a folder's name, is a name.
		if slices.Contains(names, n) && !slices.Contains(q.Phrasings, n) || ix.docNames[lexical.Squash(n)] {
			qf.joined = append(qf.joined, n)
		}
	}
	qf.object = -1
	if object := text.PolarObject(question); len(object) > 0 {
		for i, t := range q.Terms {
			if i < 64 && !t.Context && !t.Pasted && slices.Contains(object, t.Word) && (qf.object < 0 || t.Weight > q.Terms[qf.object].Weight) {
				qf.object = i
			}
		}
	}
	inj, task := text.IsInstruction(question)
	qf.Injection, qf.Task = b2f(inj), b2f(task)
	qf.asking = text.ReadAsking(question)
	qf.definition = text.IsDefinition(question)
	for _, w := range text.DefinedIn(question) {
		if i := slices.IndexFunc(q.Terms, func(t lexical.QueryTerm) bool { return t.Word == w && !t.Context }); i >= 0 && i < 64 {
			qf.definedIn |= 1 << i
		} else if !text.IsStopWord(w) {
			qf.definedIn = 0 // a word not searched for: no title holds it
			break
		}
	}
	qf.acronym = text.DefinedAcronym(question)
	qf.how = text.IsHowTo(question)
	qf.TypeAsked = b2f(qf.asking.Kind != text.AnswerAny)
	qf.HasNames = b2f(qf.names > 0)
	qf.pairs = pairs(q)
	qf.want = newStemIndex(len(q.Terms))
	for i, t := range q.Terms {
		if i < 64 {
			qf.want.add(t.Stem, i)
		}
	}
	return qf
}

// pairs returns the question's neighbouring terms (by index), in order.
func pairs(q lexical.Query) [][2]int {
	var out [][2]int
	prev := -1
	for i, t := range q.Terms {
		if t.Context || i >= 64 {
			break
		}
		if prev >= 0 {
			out = append(out, [2]int{prev, i})
		}
		prev = i
	}
	return out
}

// candidateFeatures computes the Features of one candidate passage.
// Its second result is what the passage's best sentence says besides the
// question's words (see Restates).
func (ix *Index) candidateFeatures(st *text.Stemmer, q lexical.Query, qf *questionFeatures, c candidate) (Features, []string) {
	f := qf.Features
	h := c.hit
	f.Fused = h.Score * rrfK
	if c.lexRank > 0 {
		f.LexicalRank = 1 / float64(c.lexRank)
	}
	if c.vecRank > 0 {
		f.VectorRank = 1 / float64(c.vecRank)
	}
	f.Coverage = h.Coverage
	f.Crowd = math.Log10(1 + float64(qf.spread.AtLeast(h.Coverage)))
	f.Similarity = float64(h.Similarity)
	total := q.TotalWeight()
	if total > 0 {
		f.Lexical = min(h.Lexical/((lexical.K1+1)*total), 1)
	}
	f.Subject = 1
	isName := func(t lexical.QueryTerm) bool { return t.Name }
	if qf.names > 0 {
		f.Subject = weightOf(q, h.terms, isName) / qf.names
	}
	a := ix.readPassage(st, q, &qf.want, h)
	if qf.names > 0 {
		f.TitleNames = weightOf(q, a.inTitle, isName) / qf.names
	}
	if qf.others > 0 {
		held := 0
		for i, t := range q.Terms {
			if i < 64 && !t.Name && !t.Context && h.terms&(1<<i) != 0 {
				held++
			}
		}
		f.Matched = float64(held) / float64(qf.others)
	}
	if qf.object >= 0 && h.terms&(1<<qf.object) == 0 {
		f.ObjectMissing = 1
	}
	all := func(lexical.QueryTerm) bool { return true }
	if total > 0 {
		f.Sentence = a.bestSentence / total
		f.InText = weightOf(q, a.inText, all) / total
		f.InSection = weightOf(q, termsIn(st, q, a.section), all) / total
	}
	if n := len(a.heading); n > 0 {
		held := 0
		for _, stem := range a.heading {
			if _, ok := qf.want.find(stem); ok {
				held++
			}
		}
		f.Heading = float64(held) / float64(n)
	}
	if p, ok := ix.byID[h.Passage.ID]; ok {
		f.Lead = 1 / (1 + float64(ix.ordinal[p]))
	}
	f.WholeNames = 1
	if len(qf.joined) > 0 {
		where := strings.ToLower(h.Passage.Source + " " + h.Passage.Title)
		held := 0
		for _, n := range qf.joined {
			if strings.Contains(where, n) {
				held++
			}
		}
		f.WholeNames = float64(held) / float64(len(qf.joined))
	}
	if qf.definition || qf.definedIn != 0 && a.inTitle&qf.definedIn == qf.definedIn {
		f.Definition = f.Lead
	}
	// An abbreviation is defined where it is spelled out, wherever that
	// is ("Islamic State Khorasan Province (ISKP)"): what it is, or what
	// it stands for.
	if text.ExpandsAcronym(h.Passage.Text, qf.acronym) {
		f.Definition = 1
	}
	// So is a term where a sentence says what it is ("Tk is a
	// cross-platform GUI toolkit"), wherever in its document.
	if defined := qf.asking.Defined(); len(defined) > 0 && f.Definition < 1 {
		for _, sp := range a.sentences {
			if text.Defines(h.Passage.Text[sp.Start:sp.End], defined) {
				f.Definition = 1
				break
			}
		}
	}
	// A question after what is not so is answered where the text says
	// so: a sentence holding most of the question that negates nothing
	// answers another question ("what has not been done" of "this has
	// been done").
	if qf.asking.Negated() {
		f.NegationMissing = 1
		for i, sp := range a.sentences {
			if i < len(a.sentenceCover) && a.sentenceCover[i] >= a.bestSentence/2 && text.Negates(h.Passage.Text[sp.Start:sp.End]) {
				f.NegationMissing = 0
				break
			}
		}
	}
	if a.code {
		f.Code = 1
		if qf.how {
			f.HowCode = 1
		}
	}
	f.Length = math.Log1p(float64(a.words))
	if a.words > 0 {
		f.Novel = float64(a.words-a.questionWords) / float64(a.words)
	}
	if len(qf.pairs) > 0 {
		n := 0
		for _, p := range qf.pairs {
			if slices.Contains(a.adjacent, p) {
				n++
			}
		}
		f.Bigrams = float64(n) / float64(len(qf.pairs))
	}
	if qf.asking.Kind != text.AnswerAny {
		f.TypeMissing = 1
		txt, over := h.Passage.Text, h.Passage.Over()
		spans := a.sentences
		if qf.asking.Kind == text.AnswerDefault {
			// The rows of a table cut into passages are read under its
			// header, which an earlier passage holds (a Default column).
			if head := ix.tableHeader(h.Passage); head != "" {
				txt = head + txt
				spans = make([]text.Span, len(a.sentences))
				for i, sp := range a.sentences {
					spans[i] = text.Span{Start: sp.Start + len(head), End: sp.End + len(head)}
				}
			}
		}
		for i := range spans {
			// The sentences of an entry speak of what its label names.
			about := text.AboutEntry(over, h.Passage.Text, a.sentences, a.entries, i)
			cover := a.sentenceCover[i]
			if text.LeansBack(h.Passage.Text, a.sentences, i, qf.asking.Kind) {
				// "By default `-fs8.png` is used." after "Set the
				// suffix for output files.": the two hold the question.
				cover = weightOf(q, a.sentenceTerms[i]|a.sentenceTerms[i-1], all)
			}
			if cover >= minTypeCoverage*total && qf.asking.AnswersAt(txt, spans, i, about) {
				f.TypeMissing = 0
				break
			}
		}
	}
	return f, a.says(&qf.want)
}

// says returns what the passage's best sentence holds besides the
// question's words: its stems that are none of the question's, once each,
// sorted.
func (a passageReading) says(want *stemIndex) []string {
	if a.best < 0 {
		return nil
	}
	var out []string
	for _, stem := range a.stems[a.best] {
		if _, ok := want.find(stem); !ok {
			out = append(out, figure(stem))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// minRestated is how many words besides the question's two sentences must
// share, and at least half of the shorter's, for one to restate the other.
const minRestated = 2

// Restates reports whether two candidates' best sentences say the same
// besides the question's words (see Candidate.Says): at least two of
// those words shared, and half of the shorter's. A document that tells a
// fact twice (a release's summary and its chapter, a README and its
// site) gives one answer twice: the second passage corroborates the
// first, no rival for the margin. Two sentences sharing only the
// question's words ("bullseye was released in 2021" and "… in 2019"), or
// each with a figure of its own ("the timeout is 60 seconds", "… 30
// seconds"), do not: they give two answers.
func Restates(a, b []string) bool {
	shared := 0
	ownA, ownB := false, false // a figure one gives and the other not
	for i, j := 0, 0; i < len(a) || j < len(b); {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			shared++
			i++
			j++
		case j == len(b) || i < len(a) && a[i] < b[j]:
			ownA = ownA || hasDigit(a[i])
			i++
		default:
			ownB = ownB || hasDigit(b[j])
			j++
		}
	}
	return !(ownA && ownB) && shared >= minRestated && 2*shared >= min(len(a), len(b))
}

// figure writes a release's number one way: "11.0" and "v11" as "11".
func figure(stem string) string {
	if len(stem) > 1 && stem[0] == 'v' && stem[1] >= '0' && stem[1] <= '9' {
		stem = stem[1:]
	}
	return strings.TrimSuffix(stem, ".0")
}

// ProjectFirst orders ranked candidates as retrieval ranks them when the
// question names projects: those of the projects (of) first, each group
// in its order, and returns how many of them the margin is taken among:
// the project's own when two or more are candidates, else all.
func ProjectFirst[T any](ranked []T, of func(T) bool) ([]T, int) {
	out, held := first(ranked, of)
	if held < 2 {
		held = len(out)
	}
	return out, held
}

// ReleaseFirst orders ranked candidates as retrieval ranks them when the
// question names a release, version or year: those about another one
// (other, by otherRelease) after the rest, each group in its order. A
// passage of urfave/cli's v2 pages is no answer to a question of v1,
// however many of its words it holds; when every candidate is about
// another release, the order stands and the top one is declined.
func ReleaseFirst[T any](ranked []T, other func(T) bool) []T {
	out, _ := first(ranked, func(c T) bool { return !other(c) })
	return out
}

// first orders ranked with those keep holds first, each group in its
// order, and returns how many keep holds; ranked itself when none or all.
func first[T any](ranked []T, keep func(T) bool) ([]T, int) {
	kept := make([]bool, len(ranked)) // keep is asked once of each
	held := 0
	for i, c := range ranked {
		if kept[i] = keep(c); kept[i] {
			held++
		}
	}
	if held == 0 || held == len(ranked) {
		return ranked, len(ranked)
	}
	out := make([]T, 0, len(ranked))
	for i, c := range ranked {
		if kept[i] {
			out = append(out, c)
		}
	}
	for i, c := range ranked {
		if !kept[i] {
			out = append(out, c)
		}
	}
	return out, held
}

// Margin returns how far the top candidate (index 0) is ahead of the
// best other one on the evidence of the words alone (leads[i]: how far
// ahead of candidate i it is, i ≥ 1); a candidate saying what the top one says (Restates, by
// says) is no rival, and when every other does, the weakest is. A top
// candidate holding fewer of the question's own words than it needs (held
// of need: OwnTermsHeld) has no margin: a lead won by one rare word
// ("quit" of "should i quit my job", or of "should i quit", in bc's quit
// statement) measures the word's rarity, not an answer.
func Margin(leads []float64, says [][]string, held, need int) float64 {
	if len(leads) < 2 || held < need {
		return 0
	}
	lead, most := math.Inf(1), math.Inf(-1)
	for i := 1; i < len(leads); i++ {
		most = max(most, leads[i])
		if !Restates(says[0], says[i]) {
			lead = min(lead, leads[i])
		}
	}
	if math.IsInf(lead, 1) {
		lead = most
	}
	return lead
}

// minMarginTerms is the fewest of the question's own words the top
// candidate must hold to have a margin (Margin).
const minMarginTerms = 2

// OwnTermsHeld returns how many of the question's own words (not carried
// from a conversation nor pasted, but for the subject a follow-up asks of
// as if named: "how do I install it?" of zstd; the first 64) a passage
// holding terms (bit i: q.Terms[i]) holds, and how many it needs for a
// margin: minMarginTerms, or one when the question's only own word is a
// name ("what does ttp stand for", "what is ISKP").
func OwnTermsHeld(q lexical.Query, terms uint64) (held, need int) {
	own, named := 0, false
	for i, t := range q.Terms {
		if i < 64 && (!t.Context || t.Subject) {
			own++
			named = t.Name
			if terms&(1<<i) != 0 {
				held++
			}
		}
	}
	need = minMarginTerms
	if own == 1 && named {
		need = 1
	}
	return held, need
}

// hasDigit reports whether a word holds a digit.
func hasDigit(w string) bool { return strings.ContainsAny(w, "0123456789") }

// tableHeader returns, for a passage that opens on a row of a Markdown
// table whose header row an earlier passage of its document holds (a long
// table cut between rows), that header and its delimiter row, each ending
// in a newline; "" otherwise.
func (ix *Index) tableHeader(p corpus.Passage) string {
	head, _ := ix.tableHead(p)
	return head
}

// tableHeadOf returns where tableHeader's header stands, when one passage
// holds it whole; nil otherwise.
func (ix *Index) tableHeadOf(p corpus.Passage) *TableHead {
	head, j := ix.tableHead(p)
	if head == "" || j < 0 {
		return nil
	}
	q := ix.passages[j]
	head = strings.TrimSuffix(head, "\n") // the passage may end on the delimiter row
	at := strings.LastIndex(q.Text, head)
	if at < 0 {
		return nil
	}
	return &TableHead{Passage: q, Start: at, End: at + len(head)}
}

// tableHead is tableHeader, with the index of the passage holding the
// header whole (-1 when a wide header was cut between two).
func (ix *Index) tableHead(p corpus.Passage) (string, int) {
	first, rest, _ := strings.Cut(p.Text, "\n")
	second, _, _ := strings.Cut(rest, "\n")
	if !strings.HasPrefix(strings.TrimSpace(first), "|") || text.IsTableDelimiter(first) || text.IsTableDelimiter(second) {
		return "", -1 // no row, or the passage opens on its own header
	}
	i, ok := ix.byID[p.ID]
	if !ok {
		return "", -1
	}
	delim := "" // a delimiter row opening the passage after, when a wide header was cut from it
	for j := i - 1; j >= 0 && j >= i-maxTableBack && ix.passages[j].Source == p.Source; j-- {
		lines := strings.Split(strings.TrimRight(ix.passages[j].Text, "\n"), "\n")
		if delim != "" {
			if head := lines[len(lines)-1]; strings.Contains(head, "|") {
				return head + "\n" + delim + "\n", -1
			}
			return "", -1
		}
		header, d, found, open := text.TableHeader(lines)
		switch {
		case found:
			return header + "\n" + d + "\n", j
		case !open:
			return "", -1 // the table began without a header, or this is another's
		}
		delim = d
	}
	return "", -1
}

// maxTableBack bounds how many passages back a table's header is looked for.
const maxTableBack = 64

// passageReading is what one reading of a passage's words gives the
// features: each sentence's share of the question, and which stems stand
// side by side.
type passageReading struct {
	sentences     []text.Span
	entries       []int     // each sentence's entry label (text.Entries), -1 for none
	sentenceCover []float64 // weight of the question held by each sentence, with the fields and its entry's label
	sentenceTerms []uint64  // the question's terms each sentence holds, so counted
	bestSentence  float64
	best          int // the sentence holding bestSentence, -1 for none
	stems         [][]string
	inText        uint64   // the question terms in the text itself
	words         int      // content words of the text
	questionWords int      // of which the question's
	adjacent      [][2]int // question terms (by index) found side by side, in that order
	code          bool     // the passage shows code or a command
	inTitle       uint64   // the question terms in its document's title
	heading       []string // stems of the content words of its own heading
	section       string   // its section path as searched (structure.SearchedSection)
}

func (ix *Index) readPassage(st *text.Stemmer, q lexical.Query, want *stemIndex, h Hit) passageReading {
	pt := ix.tokens(st, h.Passage)
	var fields uint64
	for _, stem := range pt.fields {
		if i, ok := want.find(stem); ok {
			fields |= 1 << i
		}
	}
	all := func(lexical.QueryTerm) bool { return true }
	r := passageReading{best: -1, stems: pt.stems}
	r.sentences, r.entries, r.section = pt.sentences, pt.entries, pt.section
	r.code = pt.code
	r.heading = pt.heading
	for _, stem := range pt.title {
		if i, ok := want.find(stem); ok {
			r.inTitle |= 1 << i
		}
	}
	prev := -1
	for k, stems := range pt.stems {
		mask := fields
		if e := pt.entries[k]; e >= 0 && e < k {
			mask |= r.sentenceTerms[e] // what an entry's label names, its sentences speak of
		}
		for _, stem := range stems {
			r.words++
			if i, ok := want.find(stem); ok {
				r.questionWords++
				mask |= 1 << i
				r.inText |= 1 << i
				if pair := [2]int{prev, i}; prev >= 0 && !slices.Contains(r.adjacent, pair) {
					r.adjacent = append(r.adjacent, pair)
				}
				prev = i
			} else {
				prev = -1
			}
		}
		r.sentenceTerms = append(r.sentenceTerms, mask)
		w := weightOf(q, mask, all)
		r.sentenceCover = append(r.sentenceCover, w)
		if w > r.bestSentence || r.best < 0 {
			r.bestSentence, r.best = w, len(r.sentenceCover)-1
		}
	}
	return r
}

// stemIndex finds the question's stems among a passage's: the index of
// each of its first 64 terms by stem. Most of a passage's words are none
// of the question's, and most of those are told apart by their first byte
// or their length without hashing them: a ranking reads every word of
// thirty passages.
type stemIndex struct {
	at             map[string]int
	first          [256]bool
	minLen, maxLen int
}

func newStemIndex(n int) stemIndex {
	return stemIndex{at: make(map[string]int, n), minLen: math.MaxInt}
}

// add files stem under index i (the first filing stays).
func (s *stemIndex) add(stem string, i int) {
	if stem == "" {
		return
	}
	if _, ok := s.at[stem]; !ok {
		s.at[stem] = i
	}
	s.first[stem[0]] = true
	s.minLen, s.maxLen = min(s.minLen, len(stem)), max(s.maxLen, len(stem))
}

// find returns the index filed under stem.
func (s *stemIndex) find(stem string) (int, bool) {
	if len(stem) == 0 || len(stem) < s.minLen || len(stem) > s.maxLen || !s.first[stem[0]] {
		return 0, false
	}
	i, ok := s.at[stem]
	return i, ok
}

// passageTokens is a passage read once: its sentences and, for each, the
// stems of its content words in order.
type passageTokens struct {
	sentences []text.Span
	entries   []int // each sentence's entry label (text.Entries), -1 for none
	stems     [][]string
	fields    []string // stems of the title, section and source
	title     []string // stems of the title
	heading   []string // stems of the content words of the passage's own heading (the section path's last)
	code      bool     // the text shows code or a command
	section   string   // the section path as searched (structure.SearchedSection)
}

// maxTokenCache bounds how many passages' readings are kept.
const maxTokenCache = 50_000

// tokens returns the reading of a passage, from the index's cache when a
// question has ranked the passage before.
func (ix *Index) tokens(st *text.Stemmer, p corpus.Passage) *passageTokens {
	if v, ok := ix.tokenCache.Load(p.ID); ok {
		return v.(*passageTokens)
	}
	pt := &passageTokens{sentences: p.Sentences(), code: text.HasCode(p.Text)}
	pt.entries = text.Entries(p.Text, pt.sentences)
	// A release's change categories ("Fixed") say what kind of change an
	// entry is, not what it is about (structure.SearchedSection).
	section := structure.SearchedSection(p.Section)
	pt.section = section
	for i, f := range []string{p.Title, section, p.Source} {
		for _, t := range text.Tokens(st, f) {
			pt.fields = append(pt.fields, t.Stem)
			if i == 0 {
				pt.title = append(pt.title, t.Stem)
			}
		}
	}
	for _, t := range text.Tokens(st, corpus.Locator{Section: section}.Heading()) {
		if !t.Stop {
			pt.heading = append(pt.heading, t.Stem)
		}
	}
	for _, sp := range pt.sentences {
		var stems []string
		for _, t := range text.Tokens(st, p.Text[sp.Start:sp.End]) {
			if !t.Stop {
				stems = append(stems, t.Stem)
			}
		}
		pt.stems = append(pt.stems, stems)
	}
	if ix.tokenCached.Add(1) <= maxTokenCache {
		ix.tokenCache.Store(p.ID, pt)
	}
	return pt
}

// weightOf sums the weights of the terms in mask that keep says to count.
func weightOf(q lexical.Query, mask uint64, keep func(lexical.QueryTerm) bool) float64 {
	var w float64
	for mask != 0 {
		i := bits.TrailingZeros64(mask)
		mask &^= 1 << i
		if i < len(q.Terms) && keep(q.Terms[i]) {
			w += q.Terms[i].Weight
		}
	}
	return w
}

// termsIn returns the question terms the texts hold.
func termsIn(st *text.Stemmer, q lexical.Query, texts ...string) uint64 {
	have := make(map[string]bool)
	for _, s := range texts {
		for _, t := range text.Tokens(st, s) {
			have[t.Stem] = true
		}
	}
	var mask uint64
	for i, t := range q.Terms {
		if i < 64 && have[t.Stem] {
			mask |= 1 << i
		}
	}
	return mask
}

// minTypeCoverage is the share of the question a sentence must hold for the
// kind of answer it has to count.
const minTypeCoverage = 0.3

// rerankDepth is how many of the fused candidates the model scores.
const rerankDepth = 30

// rerank scores the best fused candidates with the model's ranker and
// returns the hits best first, with the top one's features, the
// confidence that it answers and the ranker's odds, as a probability,
// that it answers better than the second.
//
// ofProject, when not nil, says which passages are of the projects the
// question names (projectsAsked.holds): they rank above all others, and when two
// or more are candidates, the margin is theirs alone; the others answer
// for another project. otherRelease, when not nil, says which passages
// are about another release, version or year than the question names
// (otherRelease in search.go): they rank below the rest (ReleaseFirst).
func (ix *Index) rerank(qf *questionFeatures, q lexical.Query, cands []candidate, ofProject, otherRelease func(corpus.Passage) bool) ([]Hit, Features, float64, float64) {
	if len(cands) == 0 {
		f := qf.Features
		f.Subject, f.TypeMissing = 0, qf.TypeAsked
		return nil, f, ix.model.Confidence(f, 0), 1
	}
	st := text.NewStemmer(ix.lex.Words)
	n := min(rerankDepth, len(cands))
	sc := make([]scoredCand, n)
	for i, c := range cands[:n] {
		f, says := ix.candidateFeatures(st, q, qf, c)
		sc[i] = scoredCand{c: c, f: f, says: says, score: ix.model.Score(f)}
	}
	slices.SortStableFunc(sc, func(a, b scoredCand) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	if otherRelease != nil {
		sc = ReleaseFirst(sc, func(s scoredCand) bool { return otherRelease(s.c.hit.Passage) })
	}
	var rivals int
	if ofProject != nil {
		sc, rivals = ProjectFirst(sc, func(s scoredCand) bool { return ofProject(s.c.hit.Passage) })
	} else {
		rivals = len(sc)
	}
	hits := make([]Hit, 0, len(cands))
	for _, s := range sc {
		hits = append(hits, s.c.hit)
	}
	for _, c := range cands[n:] {
		hits = append(hits, c.hit)
	}
	says := make([][]string, rivals)
	for i, s := range sc[:rivals] {
		says[i] = s.says
	}
	held, need := OwnTermsHeld(q, sc[0].c.hit.terms)
	margin := Margin(ix.leads(st, q, qf, sc, rivals), says, held, need)
	top := sc[0].f
	sources := make([]string, min(rivalDepth, len(sc)))
	for i := range sources {
		if i == 0 || sc[i].f.Coverage > 0 {
			sources[i] = sc[i].c.hit.Passage.Source
		}
	}
	top.RivalDocs = RivalDocs(sources)
	// The ranker is a pairwise logistic model: the difference of two
	// scores is the log-odds that the first answers better.
	lead := 1.0
	if n > 1 {
		lead = 1 / (1 + math.Exp(-(sc[0].score - sc[1].score)))
	}
	return hits, top, ix.model.Confidence(top, margin), lead
}

// scoredCand is a candidate with its features and the ranker's score.
type scoredCand struct {
	c     candidate
	f     Features
	says  []string
	score float64
}

// leads returns how far the best of the ranked candidates sc is ahead of
// each of the first rivals, on the evidence of the words alone (the
// ranker's LexicalScore): leads[i] for sc[i], i ≥ 1. A rival of the best's
// own document is measured as in that document alone (LocalFeatures):
// its topic's words, which every one of its passages holds and which in a
// corpus of other documents are the rarest of all, tell which document
// answers, not which passage; the words only one passage holds do. The
// lead is the larger of the two readings: in the document alone, the
// words naming its subject weigh nothing ("how do I install GNU make?" of
// make's README leaves only "install", which a sibling may hold more
// often), and those words are still the question's.
func (ix *Index) leads(st *text.Stemmer, q lexical.Query, qf *questionFeatures, sc []scoredCand, rivals int) []float64 {
	out := make([]float64, rivals)
	top := ix.model.LexicalScore(sc[0].f)
	for i := 1; i < rivals; i++ {
		out[i] = top - ix.model.LexicalScore(sc[i].f)
	}
	src := sc[0].c.hit.Passage.Source
	same := 0
	for _, s := range sc[1:rivals] {
		if s.c.hit.Passage.Source == src {
			same++
		}
	}
	if same == 0 {
		return out
	}
	cands := make([]candidate, len(sc))
	for i, s := range sc {
		cands[i] = s.c
	}
	local, ok := ix.localFeatures(st, q, qf, cands, func(i int) bool { return i == 0 || i < rivals && sc[i].c.hit.Passage.Source == src })
	if !ok {
		return out
	}
	top = ix.model.LexicalScore(local[0])
	for i := 1; i < rivals; i++ {
		if sc[i].c.hit.Passage.Source == src {
			out[i] = max(out[i], top-ix.model.LexicalScore(local[i]))
		}
	}
	return out
}

// localFeatures returns the features of those of cands (ranked or fused
// candidates) that want says, each read as in its document alone: the
// question weighed by the document's passages (lexical.Local), its words'
// search score and rank among the candidates of that document. All
// wanted must be of one document whose passages stand together and are
// not the whole corpus (in which the features are the corpus's); false
// when they are not.
func (ix *Index) localFeatures(st *text.Stemmer, q lexical.Query, qf *questionFeatures, cands []candidate, want func(int) bool) ([]Features, bool) {
	src := ""
	for i, c := range cands {
		if want(i) {
			if src != "" && c.hit.Passage.Source != src {
				return nil, false
			}
			src = c.hit.Passage.Source
		}
	}
	span, ok := ix.spans[src]
	if !ok || span[1]-span[0] >= len(ix.passages) {
		return nil, false
	}
	ql := ix.lex.Local(q, span[0], span[1])
	qfl := *qf
	qfl.spread = ix.lex.SpreadOf(ql, span[0], span[1])
	qfl.names = 0
	for _, t := range ql.Terms {
		if t.Name && !t.Pasted {
			qfl.names += t.Weight
		}
	}
	total := ql.TotalWeight()
	type scored struct {
		i, p  int // candidate, passage
		score float64
	}
	var doc []scored
	local := make([]candidate, len(cands))
	for i, c := range cands {
		if c.hit.Passage.Source != src {
			continue
		}
		p := ix.byID[c.hit.Passage.ID]
		score, m := ix.lex.Score(ql, p)
		c.hit.Lexical, c.hit.terms, c.lexRank = score, m.Terms, 0
		if total > 0 {
			c.hit.Coverage = m.Weight / total
		}
		local[i] = c
		if score > 0 {
			doc = append(doc, scored{i, p, score})
		}
	}
	// Ties go to the earlier passage, as in Search, so the ranked and the
	// fused order (run time, trainer) give one rank.
	slices.SortFunc(doc, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.p, b.p))
	})
	for r, d := range doc {
		local[d.i].lexRank = r + 1
	}
	out := make([]Features, len(cands))
	for i := range cands {
		if want(i) {
			out[i], _ = ix.candidateFeatures(st, ql, &qfl, local[i])
		}
	}
	return out, true
}

// rivalDepth is how many of the ranked candidates RivalDocs reads.
const rivalDepth = 5

// RivalDocs returns the RivalDocs feature of the best of ranked candidates
// from the documents sources names, best first: the share of the next
// rivalDepth−1 candidates that are of other documents than the best's. A
// candidate named "" holds no word of the question (the vector search's
// filler) and is no rival. Words a question shares with one document's
// passages alone say it is that document's topic; shared with passages of
// many documents, they match by chance.
func RivalDocs(sources []string) float64 {
	if len(sources) < 2 {
		return 0
	}
	other := 0
	for _, s := range sources[1:min(len(sources), rivalDepth)] {
		if s != "" && s != sources[0] {
			other++
		}
	}
	return float64(other) / float64(rivalDepth-1)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
