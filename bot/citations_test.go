package bot

import (
	"context"
	"github.com/citebot/citebot/retrieval/text"
	"reflect"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot/cite"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

var testPassages = []corpus.Passage{
	{ID: "p1", Locator: corpus.Locator{Source: "a.txt", Title: "A", LineStart: 1, LineEnd: 2}, Text: "The Taliban support the TTP for three main reasons.\nFirst, both groups share deep ideological ties."},
	{ID: "p2", Locator: corpus.Locator{Source: "b.txt", Title: "B", LineStart: 5, LineEnd: 5}, Text: "Qatar’s role in South Asia illustrates how mediation and media narratives converge."},
}

// check runs text through the citation checker and returns the citations
// the pipeline makes of it.
func check(t *testing.T, text string) []Citation {
	t.Helper()
	c := cite.New([]string{testPassages[0].Text, testPassages[1].Text}, nil)
	if err := c.Feed(text); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	return citations(c.Excerpts(c.Text()), testPassages)
}

// TestCitationsOfExcerpts: a verified excerpt carries its passage and the
// lines holding it; an unverified one the passage it was attributed to, or
// none; no excerpt gives an empty list, not nil (JSON "citations": []).
func TestCitationsOfExcerpts(t *testing.T) {
	p1 := testPassages[0]
	cases := []struct {
		name, in string
		want     []Citation
	}{
		{"made up, attributed", `Made up "the Taliban love peace" [1].`, []Citation{
			{Ref: 1, PassageID: "p1", Locator: corpus.Locator{Source: "a.txt", Title: "A", LineStart: 1, LineEnd: 1},
				Excerpt: "The Taliban support the TTP for three main reasons.", Verified: true, Passage: p1.Text},
			{Ref: 1, PassageID: "p1", Locator: p1.Locator, Excerpt: "the Taliban love peace", Passage: p1.Text},
		}},
		{"made up, unattributed", `Made up "the Taliban love peace".`, []Citation{{Excerpt: "the Taliban love peace"}}},
		{"nothing cited", `No markers.`, []Citation{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := check(t, c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("citations\n  got  %+v\n  want %+v", got, c.want)
			}
		})
	}
}

func TestCitationLinesPointAtTheExcerpt(t *testing.T) {
	cits := check(t, `"both groups share deep ideological ties" [1]`)
	if c := cits[0]; c.LineStart != 2 || c.LineEnd != 2 {
		t.Errorf("lines %d–%d, want 2–2 (the excerpt's line, not the passage's first)", c.LineStart, c.LineEnd)
	}
}

type fixedSearcher struct{ res retrieval.Result }

func (f fixedSearcher) Search(context.Context, string, int, ...retrieval.SearchOption) (retrieval.Result, error) {
	return f.res, nil
}

type recordingModel struct{ got []Message }

func (m *recordingModel) Complete(_ context.Context, msgs []Message, _ func(Chunk) error) (Completion, error) {
	m.got = msgs
	return Completion{Text: "Reasons [1]."}, nil
}
func (m *recordingModel) Model() string { return "rec" }

func TestContextBudgetDropsLowestRankedFirst(t *testing.T) {
	long := strings.Repeat("Filler sentence about border fencing. ", 80) // ~3,000 characters
	hits := []retrieval.Hit{
		{Passage: testPassages[0], Coverage: 1},
		{Passage: corpus.Passage{ID: "p3", Locator: corpus.Locator{Title: "C"}, Text: long}, Coverage: 0.5},
		{Passage: testPassages[1], Coverage: 0.4},
	}
	m := &recordingModel{}
	p, err := NewPipeline(fixedSearcher{retrieval.Result{Hits: hits, Relevant: true}}, Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 1000, ModelMinCoverage: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ask(t.Context(), "q", nil); err != nil {
		t.Fatal(err)
	}
	user := m.got[1].Content
	if !strings.Contains(user, "[1] A") || strings.Contains(user, "[2]") || strings.Contains(user, "Filler") {
		t.Errorf("prompt kept passages past the budget:\n%s", user)
	}
	// A best passage longer than the whole budget is cut at a sentence.
	hits[0].Passage.Text = long
	if _, err := p.Ask(t.Context(), "q", nil); err != nil {
		t.Fatal(err)
	}
	user = m.got[1].Content
	if n := len(user); n > 1400 || !strings.Contains(user, "fencing.\n</passages>") {
		t.Errorf("over-long passage not cut at a sentence (%d chars)", n)
	}
}

func TestHeadingSentences(t *testing.T) {
	for s, want := range map[string]bool{
		"## Installation":                        true,
		"jq\n==":                                 true,
		"Usage\n-----":                           true,
		"```bash":                                true,
		"```bash\ngo get github.com/rivo/uniseg": false,
		"Run go get to install it.":              false,
		"> [!IMPORTANT]":                         true,
		"> [!NOTE]\n> Requires Go 1.22.":         false,
		"<details><summary>Why does it fail?</summary><br/>": true,
		"</details>\n<summary>ES6</summary>":                 true,
		"Open the <summary> of a <details> block.":           false,
		"#": true,
		"#define XSLT_RVT_LOCAL;\nRVT is destroyed.": false,
		"#!/bin/sh": false,
	} {
		if got := isHeadingSentence(s); got != want {
			t.Errorf("isHeadingSentence(%q) = %v, want %v", s, got, want)
		}
	}
}

// A line its section is named by, written as the outline writes it (an
// FAQ's group over its questions), is a heading too; the same words in a
// sentence that goes on are not.
func TestHeadingSentenceOfItsSection(t *testing.T) {
	p := corpus.Passage{Locator: corpus.Locator{Source: "FAQ", Section: "Questions about /etc/issue and /etc/debian_version › I upgraded my system"}}
	for s, want := range map[string]bool{
		"* Questions about /etc/issue and /etc/debian_version:":   true,
		"Questions about /etc/issue and /etc/debian_version":      true,
		"**Questions about /etc/issue and /etc/debian_version:**": true,
		"Q. I upgraded my system to testing.":                     false,
		"* Questions about /etc/issue are answered below, too.":   false,
	} {
		if got := isHeadingSentenceIn(s, p); got != want {
			t.Errorf("isHeadingSentenceIn(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWithoutFences(t *testing.T) {
	for in, want := range map[string]string{
		"```sh\ngo get example.com/x\n```": "go get example.com/x",
		"```sh\ngo get example.com/x":      "go get example.com/x",
		"```sh":                            "```sh",
		"Run it.":                          "Run it.",
	} {
		sp := withoutFences(in, text.Span{Start: 0, End: len(in)})
		if got := in[sp.Start:sp.End]; got != want {
			t.Errorf("withoutFences(%q) = %q, want %q", in, got, want)
		}
	}
}
