package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval"
)

// TestRenderWritesLocatorsInTheOneForm: every place the terminal renderer
// names a location (sources, closest passages, a passage) writes it as
// Locator.String does, and escapes what the corpus put in it.
func TestRenderWritesLocatorsInTheOneForm(t *testing.T) {
	for _, c := range []struct {
		name string
		loc  retrieval.Locator
		want string
	}{
		{"range", retrieval.Locator{Source: "a.txt", Title: "T", Section: "S", LineStart: 6, LineEnd: 8}, "T › S (a.txt:6–8)"},
		{"one line", retrieval.Locator{Source: "a.txt", Title: "T", LineStart: 6, LineEnd: 6}, "T (a.txt:6)"},
		{"page", retrieval.Locator{Source: "a.pdf", Title: "T", Page: 3}, "T (a.pdf, page 3)"},
		{"anchor", retrieval.Locator{Source: "a.html", Title: "T", Anchor: "intro"}, "T (a.html#intro)"},
		{"escaped", retrieval.Locator{Source: "a\x1b[2J.txt", Title: "T\nU", LineStart: 1, LineEnd: 2}, `T\nU (a\x1b[2J.txt:1–2)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			renderAnswer(&b, bot.Answer{Text: `"x" [1]`, Citations: []bot.Citation{{Ref: 1, PassageID: "p1", Locator: c.loc, Excerpt: "x", Verified: true}}})
			if want := "[1] " + c.want + "  id p1\n"; !strings.Contains(b.String(), want) {
				t.Errorf("sources:\n%s\nwant the line %q", b.String(), want)
			}
			b.Reset()
			renderAnswer(&b, bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Locator: c.loc, Passage: "x"}}})
			if want := "  - " + c.want + "  id p1\n"; !strings.Contains(b.String(), want) {
				t.Errorf("closest passages:\n%s\nwant the line %q", b.String(), want)
			}
			b.Reset()
			renderPassage(&b, retrieval.Passage{ID: "p1", Locator: c.loc, Text: "x"})
			ref := c.want[strings.Index(c.want, "(")+1 : len(c.want)-1]
			if want := "Source:  " + ref + "\n"; !strings.Contains(b.String(), want) {
				t.Errorf("passage:\n%s\nwant the line %q", b.String(), want)
			}
		})
	}
}

// TestClosestPassagePreview: a closest passage is previewed on one line in
// at most 160 characters, as much of it as fits.
func TestClosestPassagePreview(t *testing.T) {
	for _, c := range []struct{ name, passage, want string }{
		{"short", "Honeybees\nfeed  on nectar.", "Honeybees feed on nectar."},
		{"words", strings.Repeat("word ", 40), strings.TrimSpace(strings.Repeat("word ", 32)) + "…"},
		{"one long word", strings.Repeat("x", 400), strings.Repeat("x", 159) + "…"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			renderAnswer(&b, bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Passage: c.passage}}})
			if want := "\n    " + c.want + "\n"; !strings.Contains(b.String(), want) {
				t.Errorf("got\n%s\nwant the line %q", b.String(), want)
			}
		})
	}
}
