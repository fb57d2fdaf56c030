package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

// TestRenderWritesLocatorsInTheOneForm: every place the terminal renderer
// names a location (sources, closest passages, a passage) writes it as
// Locator.String does, and escapes what the corpus put in it.
func TestRenderWritesLocatorsInTheOneForm(t *testing.T) {
	cases := []retrievaltest.NamedLocator{{Name: "escaped",
		Locator: corpus.Locator{Source: "a\x1b[2J.txt", Title: "T\nU", LineStart: 1, LineEnd: 2}}}
	for _, c := range append(retrievaltest.Locators(), cases...) {
		t.Run(c.Name, func(t *testing.T) {
			ref := Text(c.String(), false, "")
			want := Text(c.Title, false, "")
			if c.Section != "" {
				want += " › " + c.Section
			}
			want += " (" + ref + ")"
			var b bytes.Buffer
			Answer(&b, bot.Answer{Text: `"x" [1]`, Citations: []bot.Citation{{Ref: 1, PassageID: "p1", Locator: c.Locator, Excerpt: "x", Verified: true}}})
			if want := "[1] " + want + "  id p1\n"; !strings.Contains(b.String(), want) {
				t.Errorf("sources:\n%s\nwant the line %q", b.String(), want)
			}
			b.Reset()
			Answer(&b, bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Locator: c.Locator, Passage: "x"}}})
			if want := "  - " + want + "  id p1\n"; !strings.Contains(b.String(), want) {
				t.Errorf("closest passages:\n%s\nwant the line %q", b.String(), want)
			}
			b.Reset()
			Passage(&b, corpus.Passage{ID: "p1", Locator: c.Locator, Text: "x"}, "")
			if want := "Source:  " + ref + "\n"; !strings.Contains(b.String(), want) {
				t.Errorf("passage:\n%s\nwant the line %q", b.String(), want)
			}
		})
	}
	if got := Text("a\x1b[2J.txt:1–2", false, ""); got != `a\x1b[2J.txt:1–2` {
		t.Errorf("Text = %q: the escaped case tests nothing", got)
	}
}

// TestRenderShowsLinks: with a URL, each source line ends with it, after
// the id, and a passage has a Link line; without one, neither shows.
func TestRenderShowsLinks(t *testing.T) {
	loc := corpus.Locator{Source: "a b.txt", Title: "T", LineStart: 6, LineEnd: 8}
	const url = "https://example.org/a%20b.txt#L6-L8"
	for _, c := range []struct{ name, url, source, passage string }{
		{"link", url, "id p1  " + url + "\n", "Source:  a b.txt:6–8\nLink:    " + url + "\n"},
		{"no link", "", "id p1\n", "Source:  a b.txt:6–8\nTitle:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			Answer(&b, bot.Answer{Text: `"x" [1]`, Citations: []bot.Citation{
				{Ref: 1, PassageID: "p1", Locator: loc, URL: c.url, Excerpt: "x", Verified: true},
				{Ref: 2, PassageID: "p1", Locator: loc, URL: c.url, Excerpt: "y"},
			}})
			for _, ref := range []string{"[1] ", "[2] "} {
				if want := ref + "T (a b.txt:6–8)  " + c.source; !strings.Contains(b.String(), want) {
					t.Errorf("sources:\n%s\nwant the line %q", b.String(), want)
				}
			}
			b.Reset()
			Answer(&b, bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Locator: loc, URL: c.url, Passage: "x"}}})
			if want := "  - T (a b.txt:6–8)  " + c.source; !strings.Contains(b.String(), want) {
				t.Errorf("closest passages:\n%s\nwant the line %q", b.String(), want)
			}
			b.Reset()
			Passage(&b, corpus.Passage{ID: "p1", Locator: loc, Text: "x"}, c.url)
			if !strings.Contains(b.String(), c.passage) {
				t.Errorf("passage:\n%s\nwant %q", b.String(), c.passage)
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
			Answer(&b, bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Passage: c.passage}}})
			if want := "\n    " + c.want + "\n"; !strings.Contains(b.String(), want) {
				t.Errorf("got\n%s\nwant the line %q", b.String(), want)
			}
		})
	}
}

// The words explain lists as not searched are the question's that no
// term reads: a word read joined with its neighbour ("dry run" as dryrun)
// is searched; one that merely sits inside a term ("how" in "show") is not.
func TestUnsearchedWords(t *testing.T) {
	q := lexical.Query{Text: "how do I show the theme of a dry run", Terms: []lexical.QueryTerm{{Word: "show"}, {Word: "theme"}, {Word: "dryrun"}}}
	if got, want := strings.Join(unsearched(q), " "), "how do i the of a"; got != want {
		t.Errorf("unsearched = %q, want %q", got, want)
	}
}
