package discord

import (
	"fmt"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

func TestSplitKeepsPiecesWithinLimitsAndFormatting(t *testing.T) {
	para := strings.Repeat("A sentence of about forty characters. ", 20) // ~760
	code := "```go\n" + strings.Repeat("fmt.Println(\"line of code\")\n", 60) + "```"
	text := para + "\n\n" + para + "\n\n" + code + "\n\n" + para
	pieces := split(text, 2000)
	if len(pieces) < 3 {
		t.Fatalf("%d pieces", len(pieces))
	}
	var joined []string
	for i, p := range pieces {
		if n := runes(p); n > 2000 {
			t.Errorf("piece %d has %d characters", i, n)
		}
		if strings.Count(p, "```")%2 != 0 {
			t.Errorf("piece %d leaves a code block open:\n%s", i, p)
		}
		if i < len(pieces)-1 && !strings.HasSuffix(p, ".") && !strings.HasSuffix(p, "```") && !strings.HasSuffix(p, ")") {
			t.Errorf("piece %d ends mid-sentence: %q", i, p[len(p)-30:])
		}
		joined = append(joined, strings.NewReplacer("```go\n", "", "\n```", "", "```", "").Replace(p))
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	want := words(strings.NewReplacer("```go\n", "", "```", "").Replace(text))
	if got := words(strings.Join(joined, " ")); got != want {
		t.Error("splitting lost or changed text")
	}
	if got := split("short", 2000); len(got) != 1 || got[0] != "short" {
		t.Errorf("split(short) = %q", got)
	}
	if got := split(strings.Repeat("x", 4500), 2000); len(got) != 3 || runes(got[0]) > 2000 {
		t.Errorf("unbreakable text: %d pieces", len(got))
	}
}

func longAnswer(cites int) bot.Answer {
	a := bot.Answer{Text: strings.Repeat("The model explains at length, citing [1]. ", 150), Mode: "llm"}
	for i := 1; i <= cites; i++ {
		a.Citations = append(a.Citations, bot.Citation{Ref: i, PassageID: fmt.Sprintf("p%02d", i),
			Locator: corpus.Locator{Source: "doc.md", Title: strings.Repeat("Title ", 60), Section: "Section", LineStart: i, LineEnd: i},
			Excerpt: strings.Repeat("verbatim words *with* markdown_ ", 50), Verified: i%4 != 0})
	}
	return a
}

func TestRenderRespectsDiscordLimits(t *testing.T) {
	for _, c := range []struct {
		embeds bool
		url    string
	}{{true, ""}, {false, ""}, {true, "https://example.org/" + strings.Repeat("x", 480)}, {false, "https://example.org/" + strings.Repeat("x", 480)}} {
		embeds := c.embeds
		a := longAnswer(40)
		for i := range a.Citations {
			a.Citations[i].URL = c.url
		}
		msgs := renderAnswer(a, embeds, answerButtons(a, 7), 0)
		if len(msgs) < 2 {
			t.Errorf("embeds=%v: a long answer fits one message?", embeds)
		}
		for i, m := range msgs {
			if runes(m.Content) > maxContent {
				t.Errorf("message %d content %d", i, runes(m.Content))
			}
			total := 0
			for _, e := range m.Embeds {
				total += runes(e.Description) + runes(e.Title)
				if runes(e.Description) > maxDescription || len(e.Fields) > maxFields {
					t.Errorf("message %d: description %d, %d fields", i, runes(e.Description), len(e.Fields))
				}
				for _, f := range e.Fields {
					total += runes(f.Name) + runes(f.Value)
					if runes(f.Name) > maxFieldName || runes(f.Value) > maxFieldValue {
						t.Errorf("field %d/%d", runes(f.Name), runes(f.Value))
					}
					if strings.Contains(f.Value, "> verbatim") && strings.Contains(f.Name, "[4]") {
						t.Error("an unverified quotation is shown as a quote")
					}
				}
			}
			if total > maxEmbedTotal {
				t.Errorf("message %d embeds total %d", i, total)
			}
			if i < len(msgs)-1 && m.Components != nil {
				t.Error("buttons before the last message")
			}
		}
		rows := msgs[len(msgs)-1].Components
		if len(rows) > maxRows {
			t.Errorf("%d rows of buttons", len(rows))
		}
	}
}

func TestUnverifiedCitationIsNeverQuoted(t *testing.T) {
	a := bot.Answer{Text: "x (unverified) [1]", Citations: []bot.Citation{{Ref: 1, PassageID: "p", Locator: corpus.Locator{Title: "T"}, Excerpt: "invented words", Verified: false}}}
	for _, embeds := range []bool{true, false} {
		for _, m := range renderAnswer(a, embeds, nil, 0) {
			all := m.Content
			for _, e := range m.Embeds {
				for _, f := range e.Fields {
					all += f.Value
				}
			}
			if strings.Contains(all, "invented words") {
				t.Errorf("embeds=%v: unverified excerpt shown: %q", embeds, all)
			}
		}
	}
}

// TestSourceLinks: a source with a URL of citebot's is a masked link to
// it, the link's text and target escaped so that nothing in a file name,
// title or address ends the link early; a URL that is not http(s) or is
// too long gives no link.
func TestSourceLinks(t *testing.T) {
	loc := corpus.Locator{Source: "a_[b].txt", Title: "[Draft] *T*", LineStart: 1, LineEnd: 2}
	long := "https://example.org/" + strings.Repeat("x", maxLinkURL)
	for _, c := range []struct {
		name, url    string
		field, plain string // the embed field's value starts so; the plain message holds that
		passage      string // renderPassage starts so
	}{
		{"link", "https://example.org/d/a_%5Bb%5D.txt#L1-L2",
			"[a\\_(b).txt:1–2](https://example.org/d/a_%5Bb%5D.txt#L1-L2)\n> x",
			"**[1] [(Draft) \\*T\\* (a\\_(b).txt:1–2)](<https://example.org/d/a_%5Bb%5D.txt#L1-L2>)**\n> x",
			"**[Draft] \\*T\\*** ([a\\_(b).txt:1–2](<https://example.org/d/a_%5Bb%5D.txt#L1-L2>)) · passage `p1`"},
		{"characters that end a link", "https://example.org/a(b) c<d>\\e'f\n",
			"[a\\_(b).txt:1–2](https://example.org/a%28b%29%20c%3Cd%3E%5Ce%27f%0A)\n> x",
			"**[1] [(Draft) \\*T\\* (a\\_(b).txt:1–2)](<https://example.org/a%28b%29%20c%3Cd%3E%5Ce%27f%0A>)**",
			"**[Draft] \\*T\\*** ([a\\_(b).txt:1–2](<https://example.org/a%28b%29%20c%3Cd%3E%5Ce%27f%0A>))"},
		{"unicode", "https://example.org/été", "[a\\_(b).txt:1–2](https://example.org/%C3%A9t%C3%A9)", "](<https://example.org/%C3%A9t%C3%A9>)**",
			"**[Draft] \\*T\\*** ([a\\_(b).txt:1–2](<https://example.org/%C3%A9t%C3%A9>))"},
		{"none", "", "> x", "**[1] [Draft] \\*T\\* (a\\_[b].txt:1–2)**\n> x", "**[Draft] \\*T\\*** (a_[b].txt:1–2) · passage"},
		{"not http", "javascript:alert(1)", "> x", "**[1] [Draft] \\*T\\* (a\\_[b].txt:1–2)**\n> x", "**[Draft] \\*T\\*** (a_[b].txt:1–2) · passage"},
		{"too long", long, "> x", "**[1] [Draft] \\*T\\* (a\\_[b].txt:1–2)**\n> x", "**[Draft] \\*T\\*** (a_[b].txt:1–2) · passage"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := bot.Answer{Text: `"x" [1]`, Citations: []bot.Citation{{Ref: 1, PassageID: "p1", Locator: loc, URL: c.url, Excerpt: "x", Verified: true}}}
			msgs := renderAnswer(a, true, nil, 0)
			if f := msgs[len(msgs)-1].Embeds[0].Fields; len(f) != 1 || !strings.HasPrefix(f[0].Value, c.field) || f[0].Name != "[1] [Draft] *T* (a_[b].txt:1–2)" {
				t.Errorf("embed fields %+v, want one whose value starts %q", f, c.field)
			}
			if m := renderAnswer(a, false, nil, 0); len(m) != 1 || !strings.Contains(m[0].Content, c.plain) {
				t.Errorf("plain %+v, want it to hold %q", m, c.plain)
			}
			d := bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Locator: loc, URL: c.url, Passage: "x"}}}
			if m := renderAnswer(d, false, nil, 0); len(m) != 1 || !strings.Contains(m[0].Content, strings.Replace(c.plain, "[1] ", "1. ", 1)) {
				t.Errorf("closest passages %+v, want them to hold %q", m, strings.Replace(c.plain, "[1] ", "1. ", 1))
			}
			if got := renderPassage(corpus.Passage{ID: "p1", Locator: loc, Text: "x"}, c.url); !strings.HasPrefix(got, c.passage) {
				t.Errorf("passage %q, want it to start %q", got, c.passage)
			}
		})
	}
}

// TestRenderWritesLocatorsInTheOneForm: sources, closest passages and a
// shown passage name their location as Locator.String does ("a.txt:6–8",
// "a.txt:6"), the form the terminal uses too.
func TestRenderWritesLocatorsInTheOneForm(t *testing.T) {
	for _, c := range retrievaltest.Locators() {
		t.Run(c.Name, func(t *testing.T) {
			head := c.Title
			if c.Section != "" {
				head += " › " + c.Section
			}
			cited := bot.Answer{Text: `"x" [1]`, Citations: []bot.Citation{{Ref: 1, PassageID: "p1", Locator: c.Locator, Excerpt: "x", Verified: true}}}
			declined := bot.Answer{Text: bot.DeclineText, Declined: true, Related: []bot.Related{{PassageID: "p1", Locator: c.Locator, Passage: "x"}}}
			for _, w := range []struct {
				a    bot.Answer
				name string
			}{{cited, "[1] " + head + " (" + c.String() + ")"}, {declined, "1. " + head + " (" + c.String() + ")"}} {
				msgs := renderAnswer(w.a, true, nil, 0)
				if f := msgs[len(msgs)-1].Embeds[0].Fields; len(f) != 1 || f[0].Name != w.name {
					t.Errorf("embed fields %+v, want one named %q", f, w.name)
				}
			}
			want := "**" + escape(head) + "** (" + c.String() + ") · passage `p1`\n"
			if got := renderPassage(corpus.Passage{ID: "p1", Locator: c.Locator, Text: "x"}, ""); !strings.HasPrefix(got, want) {
				t.Errorf("passage %q, want it to start %q", got, want)
			}
		})
	}
}

// A file named with a line break and a fake quotation stays on its line:
// nothing it holds starts a line of the rendered answer, in embeds or in
// plain text, and bidirectional overrides don't reach Discord.
func TestHostileSourceNamesStayOnTheirLine(t *testing.T) {
	loc := corpus.Locator{Source: "a\n> FAKE VERIFIED QUOTE [9]\u202e.txt", Title: "T\r\n> fake", Section: "S\x1b[31m", LineStart: 1, LineEnd: 1}
	a := bot.Answer{Question: "q", Text: `"Bees make honey." [1]`, Mode: bot.ModeExtractive,
		Citations: []bot.Citation{{Ref: 1, PassageID: "p1", Locator: loc, Excerpt: "Bees make honey.", Verified: true, Passage: "Bees make honey."}}}
	for _, embeds := range []bool{true, false} {
		for _, m := range renderAnswer(a, embeds, nil, 0) {
			var all []string
			all = append(all, m.Content)
			for _, e := range m.Embeds {
				all = append(all, e.Title, e.Description)
				for _, f := range e.Fields {
					all = append(all, f.Name, f.Value)
				}
			}
			for _, s := range all {
				for _, line := range strings.Split(s, "\n") {
					l := strings.TrimLeft(line, "\\ ")
					if strings.HasPrefix(l, "> FAKE") || strings.HasPrefix(l, ">FAKE") || strings.HasPrefix(l, "> fake") {
						t.Errorf("embeds %v: a file name starts a line: %q", embeds, line)
					}
				}
				if strings.ContainsAny(s, "\u202e\x1b\r") {
					t.Errorf("embeds %v: control or bidi character reaches Discord: %q", embeds, s)
				}
			}
		}
	}
}
