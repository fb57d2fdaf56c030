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

	"github.com/citebot/citebot/retrieval"
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
}

// Citation is a numbered source of an answer: a verbatim excerpt and where it
// sits in the corpus.
type Citation struct {
	Ref       int    `json:"ref"`
	PassageID string `json:"passage_id"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	Section   string `json:"section"`
	LineStart int    `json:"line_start"` // lines of Source holding Excerpt
	LineEnd   int    `json:"line_end"`
	Excerpt   string `json:"excerpt"`
	// Verified is false only for an excerpt a model wrote that is not in the
	// corpus; such an excerpt is never shown as a quote.
	Verified bool   `json:"verified"`
	Passage  string `json:"passage"` // full text of the passage
}

// Related is a passage close to a question the corpus does not answer.
type Related struct {
	PassageID string `json:"passage_id"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	Section   string `json:"section"`
	LineStart int    `json:"line_start"`
	LineEnd   int    `json:"line_end"`
	Passage   string `json:"passage"`
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
// question and checks its length.
func CleanQuestion(q string) (string, error) {
	q = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.In(r, unicode.Cf):
			return -1
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
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
	Search(ctx context.Context, question string, k int) (retrieval.Result, error)
}

// Options tune the pipeline.
type Options struct {
	// TopK is how many passages are retrieved per question.
	TopK int
}

// Pipeline answers questions from a corpus.
type Pipeline struct {
	search Searcher
	opts   Options
}

// NewPipeline returns a pipeline that retrieves with s.
func NewPipeline(s Searcher, opts Options) *Pipeline {
	if opts.TopK <= 0 {
		opts.TopK = 3
	}
	return &Pipeline{search: s, opts: opts}
}

// Ask answers a question extractively: with sentences of the best passages,
// quoted verbatim. The question must already be clean (CleanQuestion).
func (p *Pipeline) Ask(ctx context.Context, question string) (Answer, error) {
	res, err := p.search.Search(ctx, question, p.opts.TopK)
	if err != nil {
		return Answer{}, fmt.Errorf("search: %w", err)
	}
	if !res.Relevant {
		return Decline(question, res.Hits), nil
	}
	return Extract(question, res), nil
}

// Decline is the answer for a question the corpus does not answer, listing
// the closest passages.
func Decline(question string, hits []retrieval.Hit) Answer {
	a := Answer{Question: question, Text: DeclineText, Declined: true, Mode: ModeExtractive, Citations: []Citation{}}
	for _, h := range hits {
		p := h.Passage
		a.Related = append(a.Related, Related{
			PassageID: p.ID, Source: p.Source, Title: p.Title, Section: p.Section,
			LineStart: p.LineStart, LineEnd: p.LineEnd, Passage: p.Text,
		})
	}
	return a
}

// NewCitation cites the excerpt text[span] of passage p as reference ref,
// with the lines of the source that hold it.
func NewCitation(ref int, p retrieval.Passage, span retrieval.Span) Citation {
	return Citation{
		Ref:       ref,
		PassageID: p.ID,
		Source:    p.Source,
		Title:     p.Title,
		Section:   p.Section,
		LineStart: p.LineStart + strings.Count(p.Text[:span.Start], "\n"),
		LineEnd:   p.LineStart + strings.Count(p.Text[:span.End], "\n"),
		Excerpt:   p.Text[span.Start:span.End],
		Verified:  true,
		Passage:   p.Text,
	}
}
