package retrievaltest

import "github.com/citebot/citebot/retrieval/corpus"

// NamedLocator is a locator and the name of its form.
type NamedLocator struct {
	Name string
	corpus.Locator
}

// Locators returns one locator of each form corpus.Locator.String writes (a
// line range, one line, a page, an anchor), all titled "T", for tests that
// a renderer names locations in that one form.
func Locators() []NamedLocator {
	return []NamedLocator{
		{"range", corpus.Locator{Source: "a.txt", Title: "T", Section: "S", LineStart: 6, LineEnd: 8}},
		{"one line", corpus.Locator{Source: "a.txt", Title: "T", LineStart: 6, LineEnd: 6}},
		{"page", corpus.Locator{Source: "a.pdf", Title: "T", Page: 3}},
		{"anchor", corpus.Locator{Source: "a.html", Title: "T", Anchor: "intro"}},
	}
}
