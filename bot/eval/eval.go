// Package eval scores citebot's answers against an evaluation file of
// questions with known evidence.
package eval

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
)

// Case is one question of an evaluation file.
type Case struct {
	ID         string  `yaml:"id" json:"id"`
	Question   string  `yaml:"question" json:"question"`
	Answerable *bool   `yaml:"answerable" json:"answerable"`
	Evidence   Strings `yaml:"evidence" json:"evidence,omitempty"`
	// Answers are the accepted short answers, looked for in the shown
	// excerpts; without them the evidence strings are.
	Answers Strings `yaml:"answers" json:"answers,omitempty"`
	// Also are lines of passages that state the answer as well as the
	// evidence does, somewhere else (a manual's page and its changelog),
	// found by an audit of the answers scored wrong: the evaluation
	// accepts them as evidence; cmd/trainconf trains on Evidence alone,
	// where the question's author found the answer.
	Also Strings `yaml:"also" json:"also,omitempty"`
}

// Strings is a list of strings that may be written as a single one.
type Strings []string

// UnmarshalYAML accepts a string or a list of strings.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = Strings{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// LoadFile reads an evaluation file: a YAML list of cases, each with a
// question and answerable, and for answerable ones evidence strings. Keys
// citebot doesn't use are ignored; a case without an id is numbered; a case
// whose question is blank or missing is kept, and Run fails it alone.
func LoadFile(path string) ([]Case, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read evaluation file: %w", err)
	}
	var cases []Case
	if err := yaml.Unmarshal(raw, &cases); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("evaluation file %s: not a list of questions (each with question, answerable and evidence): %w", path, err)
		}
		return nil, fmt.Errorf("evaluation file %s: %w", path, err)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("evaluation file %s holds no questions", path)
	}
	for i := range cases {
		c := &cases[i]
		if c.ID == "" {
			c.ID = fmt.Sprintf("q%d", i+1)
		}
		// A blank or missing question is not the file's fault but that
		// question's: Run fails it alone.
		if c.Answerable == nil {
			return nil, fmt.Errorf("evaluation file %s, question %d (%s): the answerable key is missing; write answerable: true (the corpus answers it) or false", path, i+1, c.ID)
		}
	}
	return cases, nil
}

// Asker answers questions; *bot.Pipeline is one.
type Asker interface {
	Ask(ctx context.Context, question string, onUpdate func(bot.Update) error) (bot.Answer, error)
}

// Target is what is evaluated: the answer pipeline, the ranking behind it,
// and the corpus that citations are checked against.
type Target struct {
	Pipeline Asker
	Searcher bot.Searcher
	Corpus   *corpus.Corpus
	// Passages, when not nil, are ranked by a plain BM25 as well, the
	// reference column of the report: the index's own passages
	// (Index.Passages), so both rank the same texts.
	Passages []corpus.Passage
	// MinConfidence, when above 0, is the threshold the pipeline answers
	// at: the report then says how higher ones would do (Thresholds).
	MinConfidence float64
}

// Cited is a citation of an answer as a report gives it: where its
// excerpt sits, and the excerpt.
type Cited struct {
	corpus.Locator
	Excerpt string `json:"excerpt"`
}

// rankDepth is how deep the ranking is searched for evidence (for MRR).
const rankDepth = 10

// CaseResult is how citebot did on one case.
type CaseResult struct {
	ID         string `json:"id"`
	Question   string `json:"question"`
	Answerable bool   `json:"answerable"`
	Declined   bool   `json:"declined"`
	// Rank is the 1-based rank of the first passage with evidence in
	// citebot's ranking, 0 if none in the top 10.
	Rank        int  `json:"rank"`
	CitationHit bool `json:"citation_hit"`
	// AnswerInExcerpt: a shown excerpt holds an accepted answer.
	AnswerInExcerpt bool `json:"answer_in_excerpt"`
	// Wrong: answered, and no cited passage holds the evidence (always, for
	// an answered unanswerable question).
	Wrong bool `json:"wrong,omitempty"`
	// BM25Rank and BM25AnswerInExcerpt are the reference's.
	BM25Rank            int  `json:"bm25_rank,omitempty"`
	BM25AnswerInExcerpt bool `json:"bm25_answer_in_excerpt,omitempty"`
	// Confidence is the answer's (bot.Answer.Confidence).
	Confidence float64 `json:"confidence"`
	// QuotedChars is how many characters the answer's excerpts quote in
	// all (0 when declined).
	QuotedChars int `json:"quoted_chars,omitempty"`
	// Cited is, for an answer, what it cites: where, and the excerpt
	// shown, so a report's reader sees what a wrong answer quoted.
	Cited    []Cited  `json:"cited,omitempty"`
	Problems []string `json:"problems,omitempty"`
	// judged: the case counts in Report.Answered when answered.
	judged bool
	// invalid: not a question citebot takes, neither answered nor declined.
	invalid bool
}

// Report sums up an evaluation.
type Report struct {
	Questions    int `json:"questions"`
	Answerable   int `json:"answerable"`
	Unanswerable int `json:"unanswerable"`
	// NoEvidence counts answerable questions given without evidence: they
	// are judged for declines only.
	NoEvidence int `json:"no_evidence,omitempty"`
	// Scored counts answerable questions with evidence, the denominator of
	// the ranking and answer measures below.
	Scored int `json:"scored"`
	// Ranking measures over the scored questions, whether or not the answer
	// was declined: the rank of the first passage holding evidence.
	HitAt1    float64 `json:"hit_at_1"`
	HitAt3    float64 `json:"hit_at_3"`
	RecallAt5 float64 `json:"recall_at_5"` // the passages a model is shown
	MRR       float64 `json:"mrr"`
	// CitationHit is the share of scored questions answered with a cited
	// passage that holds the evidence (a decline is a miss).
	CitationHit float64 `json:"citation_hit"`
	// AnswerInExcerpt is the share of scored questions answered with a
	// shown excerpt holding an accepted answer (the case's answers, else
	// its evidence).
	AnswerInExcerpt float64 `json:"answer_in_excerpt"`
	// Answered counts the questions answered that can be judged (all but
	// answerable ones without evidence); WrongAnswers those among them whose
	// cited passages hold no evidence, unanswerable ones included.
	Answered        int     `json:"answered"`
	WrongAnswers    int     `json:"wrong_answers"`
	WrongAnswerRate float64 `json:"wrong_answer_rate"`
	// AnsweredShare is the share of answerable questions answered.
	AnsweredShare float64 `json:"answered_share"`
	// DeclineAccuracy is the share of unanswerable questions declined.
	DeclineAccuracy float64 `json:"decline_accuracy"`
	Declined        int     `json:"declined_unanswerable"`
	// FalseDeclines counts answerable questions that were declined.
	FalseDeclines int `json:"false_declines"`
	// ExcerptValidity is the share of citations whose excerpt is verbatim in
	// its passage and found at its lines in the source.
	ExcerptValidity float64 `json:"excerpt_validity"`
	Excerpts        int     `json:"excerpts"`
	ValidExcerpts   int     `json:"valid_excerpts"`
	// QuotedChars is the median (the upper one of an even count) of the
	// characters the answers quote, over every question answered,
	// answerable or not, with or without evidence: what a reader is shown
	// to find the answer in.
	QuotedChars int `json:"quoted_chars"`
	// BM25 is the reference ranking over the same passages, when asked for.
	BM25 *Reference `json:"bm25,omitempty"`
	// Thresholds says how the answers would fare at confidence thresholds
	// above the one the pipeline answered at (Target.MinConfidence): the
	// answers above each stay as they are, the rest are declined.
	Thresholds []Threshold  `json:"thresholds,omitempty"`
	Cases      []CaseResult `json:"cases"`
}

// Threshold is how the answers fare when those below MinConfidence are
// declined.
type Threshold struct {
	MinConfidence   float64 `json:"min_confidence"`
	Answered        int     `json:"answered"`
	WrongAnswers    int     `json:"wrong_answers"`
	WrongAnswerRate float64 `json:"wrong_answer_rate"`
	AnsweredShare   float64 `json:"answered_share"`
	DeclineAccuracy float64 `json:"decline_accuracy"`
}

// thresholdStep and thresholdTop bound the rows of Report.Thresholds.
const (
	thresholdStep = 0.05
	thresholdTop  = 0.8
)

// thresholds returns a row for each threshold, in steps of thresholdStep
// above from (the pipeline's own threshold) up to thresholdTop: the judged answers at or above it, the
// wrong ones among them, the answerable questions still answered and the
// unanswerable ones declined.
func thresholds(cases []CaseResult, from float64) []Threshold {
	if from <= 0 {
		return nil
	}
	var rows []Threshold
	for i := 1; ; i++ {
		t := math.Round((math.Floor(from/thresholdStep+1e-9)+float64(i))*thresholdStep*100) / 100
		if t > thresholdTop+1e-9 {
			break
		}
		row := Threshold{MinConfidence: t}
		answerable, answeredAnswerable, unanswerable, declined := 0, 0, 0, 0
		for _, c := range cases {
			kept := !c.Declined && !c.invalid && c.Confidence >= t
			if c.Answerable {
				answerable++
				if kept {
					answeredAnswerable++
				}
			} else {
				unanswerable++
				if !kept && !c.invalid { // as in the report, an invalid one is no decline
					declined++
				}
			}
			if kept && c.judged {
				row.Answered++
				if c.Wrong {
					row.WrongAnswers++
				}
			}
		}
		if row.Answered > 0 {
			row.WrongAnswerRate = float64(row.WrongAnswers) / float64(row.Answered)
		}
		if answerable > 0 {
			row.AnsweredShare = float64(answeredAnswerable) / float64(answerable)
		}
		if unanswerable > 0 {
			row.DeclineAccuracy = float64(declined) / float64(unanswerable)
		}
		rows = append(rows, row)
	}
	return rows
}

// Reference is how a plain BM25 over the same passages does on the scored
// questions: its ranking measures, and AnswerInExcerpt, whether the
// sentence of its top passage sharing most words with the question holds
// an accepted answer.
type Reference struct {
	HitAt1          float64 `json:"hit_at_1"`
	HitAt3          float64 `json:"hit_at_3"`
	RecallAt5       float64 `json:"recall_at_5"`
	MRR             float64 `json:"mrr"`
	AnswerInExcerpt float64 `json:"answer_in_excerpt"`
}

// ranks sums ranking measures.
type ranks struct {
	hit1, hit3, hit5, inExcerpt int
	rr                          float64
}

func (k *ranks) add(rank int) {
	if rank == 1 {
		k.hit1++
	}
	if rank >= 1 && rank <= 3 {
		k.hit3++
	}
	if rank >= 1 && rank <= 5 {
		k.hit5++
	}
	if rank > 0 {
		k.rr += 1 / float64(rank)
	}
}

// Run asks every case's question and scores the answers.
func Run(ctx context.Context, cases []Case, t Target) (Report, error) {
	k := tally{t: t, ref: reference(t.Passages)}
	for _, c := range cases {
		cr, err := k.score(ctx, c)
		if err != nil {
			return k.r, fmt.Errorf("question %s: %w", c.ID, err)
		}
		k.r.Cases = append(k.r.Cases, cr)
	}
	k.finish()
	return k.r, nil
}

// reference returns a plain BM25 over passages, or nil when there are none
// to rank.
func reference(passages []corpus.Passage) *BM25 {
	if passages == nil {
		return nil
	}
	texts := make([]string, len(passages))
	for i, p := range passages {
		texts[i] = p.Text
	}
	return NewBM25(texts)
}

// tally is an evaluation in progress: the report and the counts its
// shares are computed from.
type tally struct {
	t   Target
	ref *BM25 // nil: no reference column
	r   Report
	// own and base are citebot's ranking and the reference's.
	own, base                            ranks
	cite, declinedOK, answeredAnswerable int
}

// score asks one case's question and judges the answer; only a failed
// search or answer is an error.
func (k *tally) score(ctx context.Context, c Case) (CaseResult, error) {
	cr := CaseResult{ID: c.ID, Question: c.Question, Answerable: *c.Answerable}
	c.Evidence = append(slices.Clip(c.Evidence), c.Also...)
	k.r.Questions++
	if cr.Answerable {
		k.r.Answerable++
		if len(c.Evidence) > 0 {
			k.r.Scored++
		}
	} else {
		k.r.Unanswerable++
	}
	q, err := bot.CleanQuestion(c.Question)
	if err != nil {
		// Not a question citebot takes: a failure of this case only.
		cr.Problems = []string{"not a valid question: " + err.Error()}
		cr.invalid = true
		return cr, nil
	}
	ans, err := k.t.Pipeline.Ask(ctx, q, nil)
	if err != nil {
		return cr, err
	}
	cr.Declined = ans.Declined
	cr.Confidence = ans.Confidence
	for _, cit := range ans.Citations {
		if !ans.Declined {
			cr.QuotedChars += utf8.RuneCountInString(cit.Excerpt)
			cr.Cited = append(cr.Cited, Cited{Locator: cit.Locator, Excerpt: cit.Excerpt})
		}
		k.r.Excerpts++
		if prob := checkCitation(k.t.Corpus, cit); prob != "" {
			cr.Problems = append(cr.Problems, prob)
		} else {
			k.r.ValidExcerpts++
		}
	}
	switch {
	case !cr.Answerable:
		k.judgeUnanswerable(&cr)
	case len(c.Evidence) == 0:
		// Nothing to look for: only a decline can be judged.
		if !ans.Declined {
			k.answeredAnswerable++
		} else {
			k.r.FalseDeclines++
			cr.Problems = append(cr.Problems, "declined an answerable question")
		}
	default:
		if !ans.Declined {
			k.answeredAnswerable++
		}
		if err := k.rank(ctx, &cr, c, q, ans.Citations); err != nil {
			return cr, err
		}
		k.judgeAnswer(&cr)
	}
	return cr, nil
}

// judgeUnanswerable counts an unanswerable question: declining it is right.
func (k *tally) judgeUnanswerable(cr *CaseResult) {
	if cr.Declined {
		k.declinedOK++
		return
	}
	k.r.Answered++
	k.r.WrongAnswers++
	cr.Wrong = true
	cr.judged = true
	cr.Problems = append(cr.Problems, "answered a question the corpus does not answer")
}

// rank finds where the evidence stands in citebot's ranking and the
// reference's, and whether the citations hold it.
func (k *tally) rank(ctx context.Context, cr *CaseResult, c Case, q string, cits []bot.Citation) error {
	res, err := k.t.Searcher.Search(ctx, q, rankDepth)
	if err != nil {
		return err
	}
	for i, h := range res.Hits {
		if hasEvidence(h.Passage.Text, c.Evidence) {
			cr.Rank = i + 1
			break
		}
	}
	k.own.add(cr.Rank)
	accepted := c.Answers
	if len(accepted) == 0 {
		accepted = c.Evidence
	}
	for _, cit := range cits {
		if hasEvidence(cit.Passage, c.Evidence) {
			cr.CitationHit = true
		}
		if hasEvidence(cit.Excerpt, accepted) {
			cr.AnswerInExcerpt = true
		}
	}
	if k.ref == nil {
		return nil
	}
	top := k.ref.Search(q, rankDepth)
	for i, d := range top {
		if hasEvidence(k.t.Passages[d].Text, c.Evidence) {
			cr.BM25Rank = i + 1
			break
		}
	}
	k.base.add(cr.BM25Rank)
	if len(top) > 0 && hasEvidence(BestSentence(k.t.Passages[top[0]].Text, q), accepted) {
		cr.BM25AnswerInExcerpt = true
		k.base.inExcerpt++
	}
	return nil
}

// rankText says where the evidence ranked for a problem's text: "at rank
// 4", or "not in the top 10" for rank 0, which would read as "first".
func rankText(rank int) string {
	if rank < 1 {
		return fmt.Sprintf("not in the top %d", rankDepth)
	}
	return fmt.Sprintf("at rank %d", rank)
}

// judgeAnswer counts a ranked answerable question: declined, or answered
// with or without the evidence and an accepted answer.
func (k *tally) judgeAnswer(cr *CaseResult) {
	if cr.Declined {
		k.r.FalseDeclines++
		cr.Problems = append(cr.Problems, fmt.Sprintf("declined an answerable question (evidence %s)", rankText(cr.Rank)))
		return
	}
	k.r.Answered++
	cr.judged = true
	if cr.Rank < 1 || cr.Rank > 3 {
		cr.Problems = append(cr.Problems, fmt.Sprintf("evidence not in the top 3 passages (%s)", rankText(cr.Rank)))
	}
	if cr.CitationHit {
		k.cite++
	} else {
		k.r.WrongAnswers++
		cr.Wrong = true
		cr.Problems = append(cr.Problems, "no cited passage holds the evidence")
	}
	if cr.AnswerInExcerpt {
		k.own.inExcerpt++
	} else if cr.CitationHit {
		cr.Problems = append(cr.Problems, "no shown excerpt holds an accepted answer")
	}
}

// finish computes the report's shares from the counts.
func (k *tally) finish() {
	r := &k.r
	r.NoEvidence = r.Answerable - r.Scored
	if r.Scored > 0 {
		n := float64(r.Scored)
		own, base := k.own, k.base
		r.HitAt1, r.HitAt3, r.RecallAt5, r.MRR = float64(own.hit1)/n, float64(own.hit3)/n, float64(own.hit5)/n, own.rr/n
		r.CitationHit, r.AnswerInExcerpt = float64(k.cite)/n, float64(own.inExcerpt)/n
		if k.ref != nil {
			r.BM25 = &Reference{HitAt1: float64(base.hit1) / n, HitAt3: float64(base.hit3) / n,
				RecallAt5: float64(base.hit5) / n, MRR: base.rr / n, AnswerInExcerpt: float64(base.inExcerpt) / n}
		}
	} else if k.ref != nil {
		r.BM25 = &Reference{}
	}
	if r.Answered > 0 {
		r.WrongAnswerRate = float64(r.WrongAnswers) / float64(r.Answered)
	}
	if r.Answerable > 0 {
		r.AnsweredShare = float64(k.answeredAnswerable) / float64(r.Answerable)
	}
	r.Declined = k.declinedOK
	if r.Unanswerable > 0 {
		r.DeclineAccuracy = float64(k.declinedOK) / float64(r.Unanswerable)
	}
	r.Thresholds = thresholds(r.Cases, k.t.MinConfidence)
	r.QuotedChars = medianQuoted(r.Cases)
	r.ExcerptValidity = 1
	if r.Excerpts > 0 {
		r.ExcerptValidity = float64(r.ValidExcerpts) / float64(r.Excerpts)
	}
}

// medianQuoted is the median of the characters quoted by the answers
// given (0 when none was).
func medianQuoted(cases []CaseResult) int {
	var n []int
	for _, c := range cases {
		if !c.Declined && !c.invalid {
			n = append(n, c.QuotedChars)
		}
	}
	if len(n) == 0 {
		return 0
	}
	slices.Sort(n)
	return n[len(n)/2]
}

func hasEvidence(s string, evidence []string) bool { return HasEvidence(s, evidence...) }

// HasEvidence reports whether s holds one of the evidence strings: as
// written (quotes, dashes and white space folded, case ignored), or as the
// same run of words once markup is set aside. Evidence is copied from a
// source file, while a passage holds the document as citebot reads it:
// reStructuredText's literal jq (in double backquotes) and its link
// `text <url>`_ are `jq` and [text](url), an HTML page's &amp; is &.
// A run of words is letters and digits, so the markup between them never
// decides.
func HasEvidence(s string, evidence ...string) bool {
	var words []string // s's, read once when needed
	for _, e := range evidence {
		if text.ContainsNormalized(s, e, true) {
			return true
		}
		if !markedUp.MatchString(e) && (operators.MatchString(e) || len(strings.Fields(e)) < 3) {
			continue // matched as written only: "--cache" is no "--no-cache", "x <= 3" no "x >= 3"
		}
		want := wordRun(html.UnescapeString(e))
		if len(want) < 2 {
			continue
		}
		if words == nil {
			words = wordRun(html.UnescapeString(s))
		}
		for i := 0; i+len(want) <= len(words); i++ {
			if slices.Equal(words[i:i+len(want)], want) {
				return true
			}
		}
	}
	return false
}

// markedUp matches evidence written in markup a passage may render
// otherwise: a literal or role in backquotes, a link's target, an HTML
// entity or tag, emphasis.
var markedUp = regexp.MustCompile("`|&[a-zA-Z]+;|&#\\d+;|<[a-zA-Z/][^>]*>|\\*\\*|\\]\\(|>`_")

// operators matches what words alone would lose the sense of: a
// comparison, a flag's dashes, a sign.
var operators = regexp.MustCompile(`[<>=!]=?|(^|\s)--?\w|\+\+|(^|\s)[-+]\d`)

// wordRun returns s's runs of letters and digits, lower-cased.
func wordRun(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// checkCitation returns what is wrong with a citation's provenance, or "".
func checkCitation(c *corpus.Corpus, cit bot.Citation) string {
	if !strings.Contains(cit.Passage, cit.Excerpt) || cit.Excerpt == "" {
		return fmt.Sprintf("[%d] excerpt is not verbatim in passage %s", cit.Ref, cit.PassageID)
	}
	lines, ok := c.Lines(cit.Source, cit.LineStart, cit.LineEnd)
	if !ok {
		return fmt.Sprintf("[%d] lines %d–%d do not exist in %s", cit.Ref, cit.LineStart, cit.LineEnd, cit.Source)
	}
	if !strings.Contains(lines, cit.Excerpt) {
		return fmt.Sprintf("[%d] excerpt is not at %s:%d–%d", cit.Ref, cit.Source, cit.LineStart, cit.LineEnd)
	}
	return ""
}
