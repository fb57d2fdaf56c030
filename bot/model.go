package bot

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/bot/cite"
	"github.com/citebot/citebot/prompts"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
)

// ChatModel writes answers. The go-openai adapter (bot/llm) provides one.
type ChatModel interface {
	// Complete sends the conversation and returns the model's answer;
	// onChunk, when not nil, receives it as it streams, and an error from
	// onChunk stops the stream and is returned.
	Complete(ctx context.Context, msgs []Message, onChunk func(Chunk) error) (Completion, error)
	// Model names the model.
	Model() string
}

// Message is one turn of what a model is sent.
type Message struct {
	Role    string // system, user or assistant
	Content string
}

// Chunk is a piece of a streamed answer, reasoning removed.
type Chunk struct {
	Text string
	// Reset withdraws all text delivered before: it was reasoning.
	Reset bool
}

// Completion is a model's finished answer.
type Completion struct {
	Text string // the visible answer, reasoning removed
	// Truncated is true when the answer is incomplete; Cut says why.
	Truncated bool
	Cut       string
	Model     string // the model that answered, as the server named it
}

// Why a completion is incomplete (Completion.Cut).
const (
	CutLength    = "length"     // the server stopped at its token limit
	CutOutputCap = "output_cap" // the client stopped reading at its output cap
	CutEnded     = "ended"      // the stream ended without a finish: the server stopped mid-answer
)

// ModelError is an error of a ChatModel that names its class in words safe
// to show users (never the server's own text); the pipeline finds it with
// errors.As.
type ModelError interface {
	error
	Class() string
}

// The model's answer can't be shown as checked.
var (
	// errNoCitation: it cited no passage.
	errNoCitation = errors.New("its answer cited no passage")
	// errNoVerifiedQuote: it quoted nothing that is in the passages, so
	// nothing in it was checked.
	errNoVerifiedQuote = errors.New("its answer quoted nothing found in the passages")
)

// modelAnswer asks the model and checks what it wrote.
func (p *Pipeline) modelAnswer(ctx context.Context, question string, res retrieval.Result, onUpdate func(Update) error) (Answer, error) {
	passages := p.budget(question, res.Hits)
	system, user, err := p.opts.Prompts.Answer(question, promptPassages(passages))
	if err != nil {
		return Answer{}, err
	}
	full := make([]corpus.Passage, len(passages))
	for i := range passages {
		full[i] = res.Hits[i].Passage // citations check the whole passage
	}
	emit := func(s string) error {
		if onUpdate == nil {
			return nil
		}
		return onUpdate(Update{Text: s})
	}
	texts := make([]string, len(full))
	for i, p := range full {
		texts[i] = p.Text
	}
	c := cite.New(texts, emit)
	out, err := p.opts.Model.Complete(ctx, []Message{{Role: "system", Content: system}, {Role: "user", Content: user}},
		func(ch Chunk) error {
			if ch.Reset {
				c.Reset()
				if onUpdate != nil {
					if err := onUpdate(Update{Reset: true}); err != nil {
						return err
					}
				}
			}
			return c.Feed(ch.Text)
		})
	if err != nil {
		return Answer{}, err
	}
	if out.Truncated && out.Cut == CutOutputCap {
		// The client stopped reading: what was held back (an unclosed
		// quotation) is not decided as if the model had finished.
		c.Discard()
	}
	if err := c.Finish(); err != nil {
		return Answer{}, err
	}
	text := strings.TrimSpace(c.Text())
	if text == "" {
		// A model that streams nothing but returns text (no streaming).
		if err := c.Feed(out.Text); err != nil {
			return Answer{}, err
		}
		if err := c.Finish(); err != nil {
			return Answer{}, err
		}
		text = strings.TrimSpace(c.Text())
	}
	a := Answer{Question: question, Mode: ModeLLM, Model: out.Model, Truncated: out.Truncated, Citations: []Citation{}}
	if a.Model == "" {
		a.Model = p.opts.Model.Model()
	}
	if isNoAnswer(text, prompts.NoAnswer) && !cite.HasMarker(text) {
		d := Decline(question, res.Hits)
		d.Mode, d.Model = ModeLLM, a.Model
		return d, nil
	}
	a.Text = text
	a.Citations = citations(c.Excerpts(text), full)
	if len(a.Citations) == 0 {
		return Answer{}, errNoCitation
	}
	// Verified means a quotation the model made that checks out: an
	// answer with none (only bare markers, or only made-up quotations) is
	// not shown as the model's, the extractive answer is.
	if !c.AnyVerified() {
		return Answer{}, errNoVerifiedQuote
	}
	p.lookInCorpus(a.Citations)
	a.Note = cutNote(out)
	return a, nil
}

// cutNote says why a completion is incomplete, "" when it is not.
func cutNote(out Completion) string {
	switch out.Cut {
	case CutLength:
		return "The model's answer was cut off at its length limit."
	case CutOutputCap:
		return "The model's answer was cut off at the output limit."
	case CutEnded:
		return "The model server stopped mid-answer; the answer may be incomplete."
	}
	if out.Truncated {
		return "The model's answer is incomplete."
	}
	return ""
}

// promptPassages are passages as the model is shown them, numbered from 1.
func promptPassages(passages []corpus.Passage) []prompts.Passage {
	ps := make([]prompts.Passage, len(passages))
	for i, h := range passages {
		ps[i] = prompts.Passage{N: i + 1, Title: h.Title, Section: h.Section, Where: h.Locator.String(), Text: h.Text}
	}
	return ps
}

// maxCorpusLookups bounds how many unverified quotations are looked for in
// the whole corpus per answer.
const maxCorpusLookups = 8

// lookInCorpus says, for each unverified citation, whether its words are
// elsewhere in the corpus, when the searcher can list its passages.
func (p *Pipeline) lookInCorpus(cits []Citation) {
	lister, ok := p.search.(interface{ Passages() []corpus.Passage })
	looked := 0
	for i := range cits {
		c := &cits[i]
		if c.Verified {
			continue
		}
		c.Unverified = NotInPassages
		if !ok || looked >= maxCorpusLookups {
			continue
		}
		looked++
		c.Unverified = NotInCorpus
		if inPassages(lister.Passages(), c.Excerpt) {
			c.Unverified = ElsewhereInCorpus
		}
	}
}

// inPassages reports whether quoted occurs in any passage, as the checker
// compares (white space, quote style, first letter's case aside).
func inPassages(ps []corpus.Passage, quoted string) bool {
	// A word of the quotation that is not its first (whose case may differ)
	// must occur as it is: most passages are ruled out by that alone.
	probe := ""
	for i, w := range strings.Fields(quoted) {
		w = strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) })
		if i > 0 && len(w) > len(probe) && strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) }) < 0 {
			probe = w
		}
	}
	for _, p := range ps {
		if probe != "" && !strings.Contains(p.Text, probe) {
			continue
		}
		if _, ok := text.FindNormalized(p.Text, quoted, true); ok {
			return true
		}
	}
	return false
}

// budget returns the hits' passages that fit in MaxContextChars, best first;
// the best one is cut at a sentence boundary when it alone is too long.
func (p *Pipeline) budget(question string, hits []retrieval.Hit) []corpus.Passage {
	const overhead = 120 // header line and spacing per passage
	left := p.opts.MaxContextChars - utf8.RuneCountInString(question)
	var out []corpus.Passage
	for _, h := range hits {
		size := utf8.RuneCountInString(h.Passage.Text) + overhead
		if size > left {
			if len(out) == 0 {
				pp := h.Passage
				pp.Text = cutToSentences(pp, max(left-overhead, 200))
				out = append(out, pp)
			}
			break
		}
		left -= size
		out = append(out, h.Passage)
	}
	return out
}

// cutToSentences returns the longest run of whole leading sentences of the
// passage's text within limit characters (at least the first sentence's
// start), its sentences read as its format reads them.
func cutToSentences(p corpus.Passage, limit int) string {
	body := p.Text
	end := 0
	for _, s := range p.Sentences() {
		if utf8.RuneCountInString(body[:s.End]) > limit {
			break
		}
		end = s.End
	}
	if end == 0 {
		r := []rune(body)
		return string(r[:min(limit, len(r))])
	}
	return body[:end]
}

// isNoAnswer reports whether a model's answer is the no-answer sentence.
func isNoAnswer(answer, phrase string) bool {
	norm := func(s string) string {
		s = strings.ToLower(text.NormalizeText(s))
		return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	}
	return strings.Contains(norm(answer), norm(phrase))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
