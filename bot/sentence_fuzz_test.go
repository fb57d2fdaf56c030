package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

// FuzzReadSentences reads arbitrary passages under arbitrary headings: it
// must never panic, every sentence must lie within the text, in order and
// apart, and the extractive answer must quote only the text.
func FuzzReadSentences(f *testing.F) {
	f.Add("5.4. Is it possible to attach Valgrind to a program that is already \nrunning? \n\nNo. The environment differs.", "5. Misc › 5.4. Is it possible to attach Valgrind to a program that is already running?", "can valgrind attach")
	f.Add("The configuration\nfile holds every setting.", "Setup › The configuration file", "what does the configuration file hold")
	f.Add("#define X;\nX is destroyed.\n\n```go\nx := 1\n```", "Macro X", "what does X mean")
	f.Add("Yes.\n\nNo. It\u00a0is not.", "Q\u00a0one", "is it")
	f.Fuzz(func(t *testing.T, body, section, question string) {
		if !utf8.ValidString(body) || !utf8.ValidString(section) || !utf8.ValidString(question) {
			return
		}
		p := corpus.Passage{ID: "p", Text: body, Locator: corpus.Locator{Source: "a.txt", LineStart: 1, LineEnd: 1, Title: "T", Section: section}}
		q := query(question)
		prev := 0
		for _, s := range ReadSentences(question, q, p) {
			if s.Span.Start < prev || s.Span.End < s.Span.Start || s.Span.End > len(body) {
				t.Fatalf("sentence span %+v out of order or outside the text (%d bytes, previous end %d)", s.Span, len(body), prev)
			}
			prev = s.Span.End
		}
		a := Extract(question, retrieval.Result{Query: q, Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		for _, c := range a.Citations {
			if !strings.Contains(body, c.Excerpt) {
				t.Fatalf("excerpt %q is not in the text %q", c.Excerpt, body)
			}
		}
	})
}
