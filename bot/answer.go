// Package bot turns questions into answers with cited, verbatim excerpts. It
// knows nothing of Discord or terminals: adapters render its Answer.
package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/bot/cite"
	"github.com/citebot/citebot/prompts"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// Answer modes.
const (
	ModeExtractive = "extractive"
	ModeLLM        = "llm"
)

// Answer is citebot's reply to a question. Its JSON form is the contract of
// `citebot ask --json`.
type Answer struct {
	Question  string     `json:"question"`
	Text      string     `json:"answer"` // with [n] markers referring to Citations
	Declined  bool       `json:"declined"`
	Mode      string     `json:"mode"`
	Citations []Citation `json:"citations"`
	// Related lists the closest passages when the answer is declined.
	Related []Related `json:"related,omitempty"`
	// Confidence is the search's probability, 0–1, that its best passage
	// answers the question: what retrieval.min_confidence is compared with.
	Confidence float64 `json:"confidence"`
	// Uncertain marks an answer whose confidence is only just above the
	// threshold (retrieval.UncertainBand): its Note says so to readers.
	Uncertain bool `json:"uncertain,omitempty"`
	// Model names the model that wrote an llm answer.
	Model string `json:"model,omitempty"`
	// Truncated is true when the model's answer is incomplete: it stopped
	// at its token limit, passed the output cap, or its stream ended
	// mid-answer.
	Truncated bool `json:"truncated,omitempty"`
	// Note says why an answer is not what was asked for: the model server
	// failed and excerpts are shown instead, or the answer was cut off. It
	// names a short class of failure, never the server's own words.
	Note string `json:"note,omitempty"`
	// Cause is the detail behind Note, for logs and the audit record only:
	// a model server's error text may hold part of a key or an account
	// name, so it is never shown to users (nor in --json).
	Cause string `json:"-"`
}

// Citation is a numbered source of an answer: a verbatim excerpt and where it
// sits in the corpus.
type Citation struct {
	Ref       int    `json:"ref"`
	PassageID string `json:"passage_id"`
	// Locator is where the excerpt sits: its lines are those of Source
	// holding Excerpt, narrower than the passage's. (Embedded, so the JSON
	// keeps its fields flat: source, title, section, line_start, line_end.)
	corpus.Locator
	// URL is where the excerpt is published (Options.Link), "" when the
	// corpus has no link template.
	URL     string `json:"url,omitempty"`
	Excerpt string `json:"excerpt"`
	// Verified is false only for an excerpt a model wrote that is not in the
	// passages it was given; such an excerpt is never shown as a quote.
	Verified bool `json:"verified"`
	// Unverified says, for an unverified excerpt, where it was looked for:
	// NotInPassages, ElsewhereInCorpus or NotInCorpus.
	Unverified string `json:"unverified,omitempty"`
	Passage    string `json:"passage"` // full text of the passage
}

// Where an unverified excerpt was looked for (Citation.Unverified).
const (
	// NotInPassages: not in the passages the model was given (the rest of
	// the corpus was not searched).
	NotInPassages = "not_in_passages"
	// ElsewhereInCorpus: in the corpus, but not in the passages the model
	// was given, so it cannot have quoted it from them.
	ElsewhereInCorpus = "elsewhere_in_corpus"
	// NotInCorpus: nowhere in the corpus.
	NotInCorpus = "not_in_corpus"
)

// WhereNotFound says, for an unverified citation, where its words were
// looked for in vain, as a phrase ("could not be found in the corpus").
func (c Citation) WhereNotFound() string {
	switch c.Unverified {
	case ElsewhereInCorpus:
		return "is in the corpus, but not in the passages the model was given"
	case NotInCorpus:
		return "could not be found in the corpus"
	}
	return "could not be found in the cited passages"
}

// Related is a passage close to a question the corpus does not answer.
type Related struct {
	PassageID string `json:"passage_id"`
	corpus.Locator
	// URL is where the passage is published (Options.Link), "" when the
	// corpus has no link template.
	URL     string `json:"url,omitempty"`
	Passage string `json:"passage"`
}

// DeclineText is the answer given when the corpus does not answer a question.
const DeclineText = "The corpus doesn't cover this question."

// MaxQuestionChars is the longest question accepted, in characters.
const MaxQuestionChars = 2000

// Question errors: the asker's fault, shown to them as they are.
var (
	ErrEmptyQuestion   = errors.New("the question is empty")
	ErrQuestionTooLong = fmt.Errorf("the question is longer than %d characters", MaxQuestionChars)
)

// CleanQuestion strips control characters and surrounding space from a
// question and checks its length. Its lines stay lines, with their
// indentation (a tab as four spaces), without blank ones: what the asker
// pasted into it (a log, a stack trace, code) is told from their own
// words by its lines (text.SplitPasted), and a model is shown it as
// pasted.
func CleanQuestion(q string) (string, error) {
	q = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.In(r, unicode.Cf):
			return -1
		}
		return r
	}, q)
	var lines []string
	for line := range strings.Lines(q) {
		line = strings.ReplaceAll(strings.TrimRight(line, "\n"), "\t", "    ")
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if words := strings.Fields(line); len(words) > 0 {
			lines = append(lines, line[:indent]+strings.Join(words, " "))
		}
	}
	if len(lines) > 0 {
		lines[0] = strings.TrimLeft(lines[0], " ")
	}
	q = strings.Join(lines, "\n")
	if q == "" {
		return "", ErrEmptyQuestion
	}
	if utf8.RuneCountInString(q) > MaxQuestionChars {
		return "", ErrQuestionTooLong
	}
	return q, nil
}

// Searcher finds passages for a question; *retrieval.Index is one.
type Searcher interface {
	Search(ctx context.Context, question string, k int, opts ...retrieval.SearchOption) (retrieval.Result, error)
}

// Options tune the pipeline. The caller (cmd/citebot) owns every value:
// NewPipeline fills nothing in and rejects a missing one.
type Options struct {
	// TopK is how many passages are retrieved per question (≥ 1).
	TopK int
	// Model writes answers; nil answers extractively.
	Model ChatModel
	// ModelTopK is how many passages are retrieved for the model (≥ 1
	// with a model).
	ModelTopK int
	// Prompts renders what the model is sent; nil uses the embedded ones.
	Prompts *prompts.Set
	// MaxContextChars bounds the passages sent to the model, lowest-ranked
	// dropped first, as some servers silently cut long prompts (≥ 1 with a
	// model).
	MaxContextChars int
	// ModelMinCoverage (0–1): with a model, a question whose best passage
	// holds less than this share of it is declined without asking the
	// model; between this and the gate, the model decides. 0 always asks.
	ModelMinCoverage float64
	// Link is the template of the address of a cited place (see
	// corpus.Locator.Link); "" gives citations no URL.
	Link string
}

// check says which option is missing or out of range.
func (o Options) check() error {
	if o.TopK < 1 {
		return fmt.Errorf("pipeline: TopK must be at least 1, not %d", o.TopK)
	}
	if o.ModelMinCoverage < 0 || o.ModelMinCoverage > 1 {
		return fmt.Errorf("pipeline: ModelMinCoverage must be between 0 and 1, not %g", o.ModelMinCoverage)
	}
	if err := corpus.CheckLink(o.Link); err != nil {
		return fmt.Errorf("pipeline: Link: %w", err)
	}
	if o.Model == nil {
		return nil
	}
	if o.ModelTopK < 1 {
		return fmt.Errorf("pipeline: ModelTopK must be at least 1 with a model, not %d", o.ModelTopK)
	}
	if o.MaxContextChars < 1 {
		return fmt.Errorf("pipeline: MaxContextChars must be at least 1 with a model, not %d", o.MaxContextChars)
	}
	return nil
}

// Pipeline answers questions from a corpus.
type Pipeline struct {
	search Searcher
	opts   Options
}

// NewPipeline returns a pipeline that retrieves with s; it rejects missing
// or invalid options rather than filling them in.
func NewPipeline(s Searcher, opts Options) (*Pipeline, error) {
	if s == nil {
		return nil, errors.New("pipeline: no searcher")
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	if opts.Model != nil && opts.Prompts == nil {
		ps, err := prompts.Load("")
		if err != nil {
			return nil, err
		}
		opts.Prompts = ps
	}
	return &Pipeline{search: s, opts: opts}, nil
}

// Update is a piece of an answer as it is written.
type Update struct {
	Text string // to append to what was shown
	// Reset withdraws everything shown before (the model's reasoning had
	// leaked into its answer).
	Reset bool
}

// Ask answers a clean question (see CleanQuestion). With a model, the
// answer is written by it and onUpdate, when not nil, receives it as it
// streams, every quotation already checked; without one, or when the model
// fails, the answer is extractive: sentences of the best passages, quoted
// verbatim. Only a failed search or a canceled ctx is an error.
func (p *Pipeline) Ask(ctx context.Context, question string, onUpdate func(Update) error) (Answer, error) {
	a, _, err := p.ask(ctx, question, "", "", onUpdate)
	return a, err
}

// ask answers question, searching with the words of earlier questions too
// and, when it names no documents of its own, as if it named those subject
// names. It returns the question as the search read it.
func (p *Pipeline) ask(ctx context.Context, question, subject, earlier string, onUpdate func(Update) error) (Answer, lexical.Query, error) {
	k := p.opts.TopK
	if p.opts.Model != nil {
		k = p.opts.ModelTopK
	}
	res, err := p.search.Search(ctx, question, k, retrieval.WithContext(earlier),
		retrieval.WithSubject(subject, refersBack(question)))
	if err != nil {
		return Answer{}, res.Query, fmt.Errorf("search: %w", err)
	}
	a, err := p.answer(ctx, question, res, onUpdate)
	a.Confidence = res.Confidence
	p.addLinks(&a)
	if err == nil && res.Uncertain && !a.Declined {
		a.Uncertain = true
		if a.Note == "" {
			a.Note = UncertainNote
		}
	}
	if err == nil && a.Note == "" && res.Degraded != "" {
		a.Note = "The " + res.Degraded + "."
	}
	return a, res.Query, err
}

// Link is the address of loc in the published corpus, "" when the
// pipeline has no link template (Options.Link).
func (p *Pipeline) Link(loc corpus.Locator) string {
	return loc.Link(p.opts.Link)
}

// addLinks gives a's citations and related passages their URLs. An
// unverified excerpt's lines are the passage's, which still hold what the
// model was shown; a citation of no passage has no place to link to.
func (p *Pipeline) addLinks(a *Answer) {
	for i := range a.Citations {
		if c := &a.Citations[i]; c.Source != "" {
			c.URL = p.Link(c.Locator)
		}
	}
	for i := range a.Related {
		a.Related[i].URL = p.Link(a.Related[i].Locator)
	}
}

// UncertainNote is the note of an answer whose confidence is within the
// gate's uncertain band above the threshold: about one in three such
// answers cites the wrong passage.
const UncertainNote = "This answer is uncertain: the quoted passage may not be the one that answers, so check the excerpt."

func (p *Pipeline) answer(ctx context.Context, question string, res retrieval.Result, onUpdate func(Update) error) (Answer, error) {
	if p.opts.Model == nil {
		return extractive(question, res), nil
	}
	// The model may still find an answer the search was unsure of, but it
	// never sees an instruction or a task the corpus doesn't answer.
	instruction := res.Features.Injection > 0 || res.Features.Task > 0
	if !res.Relevant && (bestCoverage(res) < p.opts.ModelMinCoverage || instruction) {
		a := Decline(question, res.Hits)
		a.Mode = ModeLLM
		return a, nil
	}
	a, err := p.modelAnswer(ctx, question, res, onUpdate)
	if err == nil {
		return a, nil
	}
	if ctx.Err() != nil {
		return Answer{}, ctx.Err()
	}
	fb := extractive(question, res)
	fb.Note = fmt.Sprintf("The model could not answer: %s. These are excerpts from the corpus instead.", failureClass(err))
	fb.Cause = err.Error()
	return fb, nil
}

// failureClass names why the model could not answer in words safe to show
// users: a short class, never the model server's own text.
func failureClass(err error) string {
	var le ModelError
	switch {
	case errors.As(err, &le):
		return le.Class()
	case errors.Is(err, errNoCitation), errors.Is(err, errNoVerifiedQuote):
		return err.Error()
	}
	return "the model failed"
}

func extractive(question string, res retrieval.Result) Answer {
	// The top passage must hold the kind of answer asked for (a number, a
	// time, a year, a version, a licence, a name): a sentence without one
	// doesn't answer, however many of the question's words it holds. The
	// search reads that once (Features.TypeMissing), for the confidence,
	// --explain and this alike.
	if !res.Relevant || res.Features.TypeMissing > 0 {
		return Decline(question, res.Hits)
	}
	return Extract(question, res)
}

func bestCoverage(res retrieval.Result) float64 {
	var best float64
	for _, h := range res.Hits {
		best = max(best, h.Coverage)
	}
	return best
}

// Decline is the answer for a question the corpus does not answer, listing
// the closest passages.
func Decline(question string, hits []retrieval.Hit) Answer {
	a := Answer{Question: question, Text: DeclineText, Declined: true, Mode: ModeExtractive, Citations: []Citation{}}
	for _, h := range hits {
		p := h.Passage
		a.Related = append(a.Related, Related{PassageID: p.ID, Locator: p.Locator, Passage: p.Text})
	}
	return a
}

// NewCitation cites the excerpt text[span] of passage p as reference ref,
// with the lines of the source that hold it.
func NewCitation(ref int, p corpus.Passage, span text.Span) Citation {
	c := passageCitation(ref, p)
	if first, last, ok := p.LinesOf(span.Start, span.End); ok {
		c.LineStart, c.LineEnd = first, last
	}
	c.Excerpt, c.Verified = p.Text[span.Start:span.End], true
	return c
}

// citations turns what a checked answer cites into its citations, of
// passages, the passages the model was given.
func citations(excerpts []cite.Excerpt, passages []corpus.Passage) []Citation {
	out := []Citation{}
	for _, e := range excerpts {
		if e.Verified {
			out = append(out, NewCitation(e.Ref, passages[e.Ref-1], e.Span))
			continue
		}
		var c Citation
		if e.Ref > 0 {
			c = passageCitation(e.Ref, passages[e.Ref-1])
		}
		c.Excerpt, c.Verified = e.Text, false
		out = append(out, c)
	}
	return out
}

// passageCitation cites passage p as reference ref, with the passage's
// locator, before any excerpt is chosen.
func passageCitation(ref int, p corpus.Passage) Citation {
	return Citation{Ref: ref, PassageID: p.ID, Locator: p.Locator, Passage: p.Text}
}
