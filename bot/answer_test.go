package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/prompts"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/retrievaltest"
	"github.com/citebot/citebot/retrieval/text"
)

func pipeline(t testing.TB) *bot.Pipeline {
	t.Helper()
	p, err := bot.NewPipeline(retrievaltest.SeedIndex(t), bot.Options{TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNewPipelineRejectsMissingValues: the pipeline fills in no default;
// cmd/citebot owns them.
func TestNewPipelineRejectsMissingValues(t *testing.T) {
	ix := retrievaltest.SeedIndex(t)
	var m bot.ChatModel = stubModel{}
	good := bot.Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 12000, ModelMinCoverage: 0.2}
	for _, tc := range []struct {
		name   string
		change func(*bot.Options)
		want   string // "" accepts
	}{
		{"good", func(*bot.Options) {}, ""},
		{"extractive needs no model values", func(o *bot.Options) { *o = bot.Options{TopK: 1} }, ""},
		{"zero model coverage asks the model", func(o *bot.Options) { o.ModelMinCoverage = 0 }, ""},
		{"no TopK", func(o *bot.Options) { o.TopK = 0 }, "TopK"},
		{"no ModelTopK", func(o *bot.Options) { o.ModelTopK = 0 }, "ModelTopK"},
		{"no MaxContextChars", func(o *bot.Options) { o.MaxContextChars = 0 }, "MaxContextChars"},
		{"coverage above 1", func(o *bot.Options) { o.ModelMinCoverage = 1.5 }, "ModelMinCoverage"},
		{"negative coverage", func(o *bot.Options) { o.ModelMinCoverage = -0.1 }, "ModelMinCoverage"},
		{"link", func(o *bot.Options) { o.Link = "https://x.org/{path}#L{start}" }, ""},
		{"link with an unknown placeholder", func(o *bot.Options) { o.Link = "https://x.org/{file}" }, "Link: unknown placeholder {file}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := good
			tc.change(&o)
			_, err := bot.NewPipeline(ix, o)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want one naming %s", err, tc.want)
			}
		})
	}
	if _, err := bot.NewPipeline(nil, good); err == nil {
		t.Error("a pipeline without a searcher was accepted")
	}
}

func TestAskQuotesVerbatimWithProvenance(t *testing.T) {
	p := pipeline(t)
	a, err := p.Ask(t.Context(), "Why do the Taliban support the TTP?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Declined || a.Mode != bot.ModeExtractive || len(a.Citations) == 0 {
		t.Fatalf("answer: %+v", a)
	}
	c := a.Citations[0]
	if !strings.Contains(c.Excerpt, "The Taliban support the TTP for three main reasons.") {
		t.Errorf("excerpt %q lacks the key sentence", c.Excerpt)
	}
	// An announced list brings its items.
	for _, item := range []string{"First, both groups", "Second, the Taliban", "Third, they see"} {
		if !strings.Contains(c.Excerpt, item) {
			t.Errorf("excerpt lacks %q", item)
		}
	}
	for _, c := range a.Citations {
		if !c.Verified || !strings.Contains(c.Passage, c.Excerpt) {
			t.Errorf("citation %d not verbatim in its passage", c.Ref)
		}
		if !strings.Contains(a.Text, `"`+c.Excerpt+`" [`) {
			t.Errorf("answer text does not quote citation %d", c.Ref)
		}
		if c.Source != "000_51eec4bc261835c7.txt" || c.LineStart != 6 || c.LineEnd != 6 || c.PassageID == "" || c.Title == "" {
			t.Errorf("provenance: %#v", c)
		}
	}
}

func TestAskDeclinesWhatTheCorpusDoesNotCover(t *testing.T) {
	a, err := pipeline(t).Ask(t.Context(), "What is the capital of France?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Declined || a.Text != bot.DeclineText || len(a.Citations) != 0 || a.Citations == nil {
		t.Errorf("answer: %+v", a)
	}
	if len(a.Related) == 0 {
		t.Error("no closest passages listed")
	}
}

// TestAskLinksEachCitation: with a link template, every citation and
// closest passage has the URL of its lines; without one, none has.
func TestAskLinksEachCitation(t *testing.T) {
	ix := retrievaltest.SeedIndex(t)
	const tmpl = "https://example.org/c/{path}#L{start}-L{end}"
	for _, link := range []string{tmpl, ""} {
		p, err := bot.NewPipeline(ix, bot.Options{TopK: 3, Link: link})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"Why do the Taliban support the TTP?", "What is the capital of France?"} {
			t.Run(fmt.Sprintf("%q %s", link, q), func(t *testing.T) {
				a, err := p.Ask(t.Context(), q, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(a.Citations)+len(a.Related) == 0 {
					t.Fatalf("nothing cited: %+v", a)
				}
				urls := map[string]string{}
				for _, c := range a.Citations {
					urls[c.URL] = fmt.Sprintf("https://example.org/c/%s#L%d-L%d", c.Source, c.LineStart, c.LineEnd)
				}
				for _, r := range a.Related {
					urls[r.URL] = fmt.Sprintf("https://example.org/c/%s#L%d-L%d", r.Source, r.LineStart, r.LineEnd)
				}
				for got, want := range urls {
					if link == "" {
						want = ""
					}
					if got != want {
						t.Errorf("url %q, want %q", got, want)
					}
				}
				if p.Link(corpus.Locator{Source: "a b.txt", LineStart: 2, LineEnd: 3}) != map[string]string{tmpl: "https://example.org/c/a%20b.txt#L2-L3"}[link] {
					t.Error("Pipeline.Link does not follow the template")
				}
			})
		}
	}
}

func TestAskPrefersNumbersForQuantityQuestions(t *testing.T) {
	a, err := pipeline(t).Ask(t.Context(), "What percentage of infiltrators are Afghan nationals?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Excerpt, "70-80pc") {
		t.Errorf("answer %q lacks the figure", a.Text)
	}
}

func TestCleanQuestion(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      error
	}{
		{"  Why\tdo the Taliban   support the TTP?\x00\x07 ", "Why do the Taliban support the TTP?", nil},
		// Lines stay lines, with their indentation: a pasted trace is
		// told from the asker's words by them.
		{"Error: no module\r\n\tat f (a.js:1:2)\n\n  \nwhy? ", "Error: no module\n    at f (a.js:1:2)\nwhy?", nil},
		{"\u200bzero\u200d width", "zero width", nil},
		{"", "", bot.ErrEmptyQuestion},
		{" \x01\x02\n ", "", bot.ErrEmptyQuestion},
		{strings.Repeat("a", bot.MaxQuestionChars), strings.Repeat("a", bot.MaxQuestionChars), nil},
		{strings.Repeat("é", bot.MaxQuestionChars+1), "", bot.ErrQuestionTooLong},
	} {
		got, err := bot.CleanQuestion(c.in)
		if !errors.Is(err, c.err) || got != c.want {
			t.Errorf("CleanQuestion(%.20q) = %.20q, %v; want %.20q, %v", c.in, got, err, c.want, c.err)
		}
	}
}

// BenchmarkAsk answers one question in-process on the seed corpus, after
// the index is loaded.
func BenchmarkAsk(b *testing.B) {
	p := pipeline(b)
	ctx := context.Background()
	qs := []string{
		"Why do the Taliban support the TTP?",
		"How many people were killed in the first nine months of 2025?",
		"What is the capital of France?",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := p.Ask(ctx, qs[i%len(qs)], nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestConversationCarriesTheTopic(t *testing.T) {
	c := pipeline(t).NewConversation()
	a, sq, err := c.Ask(t.Context(), "Why do the Taliban support the TTP?", nil)
	if err != nil || a.Declined || sq != "Why do the Taliban support the TTP?" {
		t.Fatalf("first: %v %q %v", a.Declined, sq, err)
	}
	a, _, err = c.Ask(t.Context(), "and who is their main rival?", nil)
	if err != nil || a.Declined || !strings.Contains(a.Text, "ISKP") {
		t.Errorf("follow-up: declined %v, %q", a.Declined, a.Text)
	}
	c.Reset()
	if c.Last().Text != "" {
		t.Error("reset kept the last answer")
	}
}

func TestIsFollowUp(t *testing.T) {
	for q, want := range map[string]bool{
		"and what about refugees?":            true,
		"Why do they do it?":                  true,
		"What about Qatar?":                   true,
		"more?":                               true,
		"Why do the Taliban support the TTP?": false,
		"What is Qatar's role in South Asia?": false,
	} {
		if got := bot.IsFollowUp(q); got != want {
			t.Errorf("IsFollowUp(%q) = %v", q, got)
		}
	}
}

func TestQuestionsAfterNumbersNeedNumbers(t *testing.T) {
	p := pipeline(t)
	for q, declined := range map[string]bool{
		"How many refugees live in Pakistan?":                           true, // refugees are discussed, never counted
		"What year did the Durand Line get drawn?":                      true,
		"How many people were killed in the first nine months of 2025?": false,
		"What percentage of infiltrators are Afghan nationals?":         false,
	} {
		a, err := p.Ask(t.Context(), q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Declined != declined {
			t.Errorf("%q: declined = %v, want %v (%q)", q, a.Declined, declined, a.Text)
		}
	}
}

func TestAdviceQuestionsGetAdvice(t *testing.T) {
	a, err := pipeline(t).Ask(t.Context(), "What should Pakistan do about refugees?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Excerpt, "the need for a security policy") {
		t.Errorf("answer %q", a.Text)
	}
}

// TestNewCitationNarrowsTheLocator: a citation carries its passage's
// locator, its lines narrowed to those holding the excerpt; a locator
// without lines (a page, an anchor) is kept as it is.
func TestNewCitationNarrowsTheLocator(t *testing.T) {
	body := "First line.\nSecond line,\nthird line.\nFourth."
	for _, c := range []struct {
		name string
		loc  corpus.Locator
		from string // the excerpt starts here in body
		want corpus.Locator
	}{
		{"lines", corpus.Locator{Source: "a.txt", Title: "A", Section: "S", LineStart: 10, LineEnd: 13},
			"Second line,\nthird line.", corpus.Locator{Source: "a.txt", Title: "A", Section: "S", LineStart: 11, LineEnd: 12}},
		{"one line", corpus.Locator{Source: "a.txt", LineStart: 10, LineEnd: 13},
			"Fourth.", corpus.Locator{Source: "a.txt", LineStart: 13, LineEnd: 13}},
		{"page", corpus.Locator{Source: "a.pdf", Page: 3},
			"Second line,\nthird line.", corpus.Locator{Source: "a.pdf", Page: 3}},
		{"anchor", corpus.Locator{Source: "a.html", Anchor: "intro"},
			"Fourth.", corpus.Locator{Source: "a.html", Anchor: "intro"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := corpus.Passage{ID: "p1", Locator: c.loc, Text: body}
			start := strings.Index(body, c.from)
			got := bot.NewCitation(2, p, text.Span{Start: start, End: start + len(c.from)})
			if got.Locator != c.want || got.Excerpt != c.from || got.Ref != 2 || got.PassageID != "p1" || got.Passage != body || !got.Verified {
				t.Errorf("got %#v, want locator %#v", got, c.want)
			}
		})
	}
}

// stubModel is a ChatModel that is never asked.
type stubModel struct{}

func (stubModel) Complete(context.Context, []bot.Message, func(bot.Chunk) error) (bot.Completion, error) {
	return bot.Completion{}, errors.New("not asked")
}

func (stubModel) Model() string { return "stub" }

// TestResumeCarriesTheTopic: a conversation resumed from turns an asker
// kept answers a follow-up as one that was asked here, without a model;
// with no turns the same follow-up is declined.
func TestResumeCarriesTheTopic(t *testing.T) {
	p := pipeline(t)
	for _, c := range []struct {
		name     string
		turns    []prompts.Turn
		declined bool
	}{
		{"history", []prompts.Turn{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Why do the Taliban support the TTP?"}, {Role: "assistant", Content: "Ties."}}, false},
		{"follow-up of a follow-up", []prompts.Turn{{Role: "user", Content: "Why do the Taliban support the TTP?"}, {Role: "assistant", Content: "Ties."}, {Role: "user", Content: "and what about them?"}, {Role: "assistant", Content: "…"}}, false},
		{"no history", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, _, err := p.Resume(c.turns).Ask(t.Context(), "and why do they do it?", nil)
			if err != nil || a.Declined != c.declined || (!c.declined && !strings.Contains(a.Text, "ideological ties")) {
				t.Errorf("declined %v, %q, %v", a.Declined, a.Text, err)
			}
		})
	}
}
