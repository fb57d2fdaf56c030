package eval_test

import (
	"context"
	"math"
	"testing"
	"testing/fstest"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/eval"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

// fakeBot answers and ranks from tables, so that every measure can be
// worked out by hand.
type fakeBot struct {
	answers map[string]bot.Answer
	ranking map[string][]corpus.Passage
}

func (f fakeBot) Ask(_ context.Context, q string, _ func(bot.Update) error) (bot.Answer, error) {
	return f.answers[q], nil
}

func (f fakeBot) Search(_ context.Context, q string, k int, _ ...retrieval.SearchOption) (retrieval.Result, error) {
	var res retrieval.Result
	for _, p := range f.ranking[q] {
		res.Hits = append(res.Hits, retrieval.Hit{Passage: p})
	}
	return res, nil
}

const fakeDoc = "Notes\n\nThe red door opens at nine.\n\nThe blue door is locked.\n\nThe green door leads to the garden.\n"

var (
	red   = corpus.Passage{ID: "p1", Locator: corpus.Locator{Source: "a.txt", LineStart: 3, LineEnd: 3}, Text: "The red door opens at nine."}
	blue  = corpus.Passage{ID: "p2", Locator: corpus.Locator{Source: "a.txt", LineStart: 5, LineEnd: 5}, Text: "The blue door is locked."}
	green = corpus.Passage{ID: "p3", Locator: corpus.Locator{Source: "a.txt", LineStart: 7, LineEnd: 7}, Text: "The green door leads to the garden."}
)

func cite(p corpus.Passage, excerpt string) bot.Citation {
	return bot.Citation{Ref: 1, PassageID: p.ID, Locator: p.Locator,
		Excerpt: excerpt, Passage: p.Text, Verified: true}
}

// TestMetricDefinitions holds each measure to its definition on a fake
// whose numbers are worked out by hand.
func TestMetricDefinitions(t *testing.T) {
	yes, no := true, false
	cases := []eval.Case{
		// a: ranked first, cited, the excerpt holds the answer.
		{ID: "a", Question: "When does the red door open?", Answerable: &yes, Evidence: eval.Strings{"red door opens at nine"}, Answers: eval.Strings{"nine"}},
		// b: evidence ranked third, a wrong passage cited.
		{ID: "b", Question: "Where does the green door lead?", Answerable: &yes, Evidence: eval.Strings{"leads to the garden"}, Answers: eval.Strings{"the garden"}},
		// c: evidence ranked second, declined; BM25 finds nothing.
		{ID: "c", Question: "Is the entrance shut?", Answerable: &yes, Evidence: eval.Strings{"blue door is locked"}},
		// f: right passage cited, but the excerpt lacks the answer.
		{ID: "f", Question: "What opens at nine?", Answerable: &yes, Evidence: eval.Strings{"red door opens at nine"}, Answers: eval.Strings{"red door"}},
		// g: answerable without evidence, answered: judged for declines only.
		{ID: "g", Question: "Tell me about the garden door", Answerable: &yes},
		// d: unanswerable, answered (with an excerpt at the wrong lines).
		{ID: "d", Question: "What colour is the roof?", Answerable: &no},
		// e: unanswerable, declined.
		{ID: "e", Question: "Who painted the doors?", Answerable: &no},
	}
	badLines := cite(green, "The green door leads to the garden.")
	badLines.LineStart, badLines.LineEnd = 5, 5
	f := fakeBot{
		answers: map[string]bot.Answer{
			"When does the red door open?":    {Citations: []bot.Citation{cite(red, "The red door opens at nine.")}},
			"Where does the green door lead?": {Citations: []bot.Citation{cite(blue, "The blue door is locked.")}},
			"Is the entrance shut?":           {Declined: true},
			"What opens at nine?":             {Citations: []bot.Citation{cite(red, "opens at nine")}},
			"Tell me about the garden door":   {Citations: []bot.Citation{cite(green, "The green door leads to the garden.")}},
			"What colour is the roof?":        {Citations: []bot.Citation{badLines}},
			"Who painted the doors?":          {Declined: true},
		},
		ranking: map[string][]corpus.Passage{
			"When does the red door open?":    {red, blue, green},
			"Where does the green door lead?": {blue, red, green},
			"Is the entrance shut?":           {red, blue},
			"What opens at nine?":             {red},
		},
	}
	c, err := corpus.Load(fstest.MapFS{"a.txt": {Data: []byte(fakeDoc)}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.Run(t.Context(), cases, eval.Target{Pipeline: f, Searcher: f, Corpus: c,
		Passages: []corpus.Passage{red, blue, green}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.BM25 == nil {
		t.Fatal("no BM25 reference")
	}
	for _, m := range []struct {
		name      string
		got, want float64
	}{
		{"answerable", float64(rep.Answerable), 5},
		{"unanswerable", float64(rep.Unanswerable), 2},
		{"scored", float64(rep.Scored), 4},
		{"no evidence", float64(rep.NoEvidence), 1},
		// Ranks a 1, b 3, c 2 (declined, still ranked), f 1.
		{"hit@1", rep.HitAt1, 2.0 / 4},
		{"hit@3", rep.HitAt3, 4.0 / 4},
		{"recall@5", rep.RecallAt5, 4.0 / 4},
		{"MRR", rep.MRR, (1 + 1.0/3 + 1.0/2 + 1) / 4},
		{"citation hit", rep.CitationHit, 2.0 / 4},          // a, f
		{"answer in excerpt", rep.AnswerInExcerpt, 1.0 / 4}, // a
		{"answered", float64(rep.Answered), 4},              // a, b, f, d
		{"wrong answers", float64(rep.WrongAnswers), 2},     // b, d
		{"wrong-answer rate", rep.WrongAnswerRate, 2.0 / 4}, //
		{"answered share", rep.AnsweredShare, 4.0 / 5},      // a, b, f, g of 5
		{"decline accuracy", rep.DeclineAccuracy, 1.0 / 2},  // e
		{"false declines", float64(rep.FalseDeclines), 1},   // c
		{"excerpt validity", rep.ExcerptValidity, 4.0 / 5},  // d's lines are wrong
		{"BM25 hit@1", rep.BM25.HitAt1, 3.0 / 4},            // a, b, f; nothing for c
		{"BM25 hit@3", rep.BM25.HitAt3, 3.0 / 4},            //
		{"BM25 recall@5", rep.BM25.RecallAt5, 3.0 / 4},      //
		{"BM25 MRR", rep.BM25.MRR, 3.0 / 4},                 //
		{"BM25 answer in excerpt", rep.BM25.AnswerInExcerpt, 3.0 / 4},
	} {
		t.Run(m.name, func(t *testing.T) {
			if math.Abs(m.got-m.want) > 1e-9 {
				t.Errorf("%s = %.4f, want %.4f", m.name, m.got, m.want)
			}
		})
	}
	for _, w := range []struct {
		id                          string
		rank, bm25Rank              int
		citationHit, inExcerpt, bad bool
	}{
		{"a", 1, 1, true, true, false},
		{"b", 3, 1, false, false, true},
		{"c", 2, 0, false, false, false},
		{"f", 1, 1, true, false, false},
		{"g", 0, 0, false, false, false},
		{"d", 0, 0, false, false, true},
		{"e", 0, 0, false, false, false},
	} {
		t.Run("case "+w.id, func(t *testing.T) {
			var cr eval.CaseResult
			for _, c := range rep.Cases {
				if c.ID == w.id {
					cr = c
				}
			}
			if cr.Rank != w.rank || cr.BM25Rank != w.bm25Rank || cr.CitationHit != w.citationHit ||
				cr.AnswerInExcerpt != w.inExcerpt || cr.Wrong != w.bad {
				t.Errorf("got %+v, want %+v", cr, w)
			}
		})
	}
}

// TestRunWithoutPassagesHasNoReference: the BM25 column is there only
// when the passages are given.
func TestRunWithoutPassagesHasNoReference(t *testing.T) {
	yes := true
	f := fakeBot{answers: map[string]bot.Answer{"q?": {Declined: true}}}
	c, err := corpus.Load(fstest.MapFS{"a.txt": {Data: []byte(fakeDoc)}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.Run(t.Context(), []eval.Case{{ID: "x", Question: "q?", Answerable: &yes, Evidence: eval.Strings{"e"}}},
		eval.Target{Pipeline: f, Searcher: f, Corpus: c})
	if err != nil || rep.BM25 != nil {
		t.Errorf("reference %+v, err %v", rep.BM25, err)
	}
}

// TestAlsoIsEvidence: a line an audit found to state the answer as well
// ("also") makes a citation of its passage right, as the evidence does;
// without it the same answer is wrong.
func TestAlsoIsEvidence(t *testing.T) {
	yes := true
	q := "Can I get into the garden?"
	f := fakeBot{
		answers: map[string]bot.Answer{q: {Citations: []bot.Citation{cite(green, "The green door leads to the garden.")}}},
		ranking: map[string][]corpus.Passage{q: {green, blue}},
	}
	c, err := corpus.Load(fstest.MapFS{"a.txt": {Data: []byte(fakeDoc)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		also  eval.Strings
		wrong bool
	}{
		{nil, true},
		{eval.Strings{"green door leads to the garden"}, false},
	} {
		cases := []eval.Case{{ID: "x", Question: q, Answerable: &yes, Evidence: eval.Strings{"blue door is locked"}, Also: tc.also}}
		rep, err := eval.Run(t.Context(), cases, eval.Target{Pipeline: f, Searcher: f, Corpus: c})
		if err != nil {
			t.Fatal(err)
		}
		if cr := rep.Cases[0]; cr.Wrong != tc.wrong || rep.WrongAnswers != map[bool]int{true: 1}[tc.wrong] {
			t.Errorf("also %q: wrong %v (%d wrong answers), want %v", tc.also, cr.Wrong, rep.WrongAnswers, tc.wrong)
		}
	}
}
