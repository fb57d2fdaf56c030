package corpus

import (
	"encoding/json"
	"testing"
)

func TestLocatorString(t *testing.T) {
	cases := []struct {
		name string
		l    Locator
		want string
	}{
		{"line range", Locator{Source: "a.txt", LineStart: 6, LineEnd: 8}, "a.txt:6–8"},
		{"one line", Locator{Source: "a.txt", LineStart: 6, LineEnd: 6}, "a.txt:6"},
		{"end unknown", Locator{Source: "a.txt", LineStart: 6}, "a.txt:6"},
		{"page", Locator{Source: "r.pdf", Page: 3}, "r.pdf, page 3"},
		{"anchor", Locator{Source: "p.html", Anchor: "intro"}, "p.html#intro"},
		{"source only", Locator{Source: "a.txt"}, "a.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.l.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
		})
	}
}

// TestPassageJSONIsFlat checks that the embedded Locator leaves a
// passage's JSON as it was before there was a Locator.
func TestPassageJSONIsFlat(t *testing.T) {
	cases := []struct {
		name string
		p    Passage
		want string
	}{
		{"lines", Passage{ID: "p1", Locator: Locator{Source: "a.txt", Title: "A", Section: "S", LineStart: 1, LineEnd: 2}, Text: "x"},
			`{"id":"p1","source":"a.txt","title":"A","section":"S","line_start":1,"line_end":2,"text":"x"}`},
		{"page and anchor", Passage{ID: "p2", Locator: Locator{Source: "r.pdf", Page: 3, Anchor: "a"}, Text: "y"},
			`{"id":"p2","source":"r.pdf","title":"","section":"","line_start":0,"line_end":0,"page":3,"anchor":"a","text":"y"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := json.Marshal(c.p)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("JSON\n got %s\nwant %s", got, c.want)
			}
		})
	}
}
