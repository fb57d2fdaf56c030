package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval"
)

// askStreaming asks and writes the answer to w as the model writes it, then
// its sources. When what streamed is not the answer in the end (the model
// failed and excerpts are shown instead), the answer follows in full.
func askStreaming(ask func(onUpdate func(bot.Update) error) (bot.Answer, error), w io.Writer) (bot.Answer, error) {
	var streamed strings.Builder
	ans, err := ask(func(u bot.Update) error {
		if u.Reset && streamed.Len() > 0 {
			fmt.Fprint(w, "\n[the text above was the model's reasoning, not its answer]\n\n")
			streamed.Reset()
		}
		streamed.WriteString(u.Text)
		_, err := io.WriteString(w, u.Text)
		return err
	})
	if err != nil {
		if streamed.Len() > 0 {
			fmt.Fprintln(w)
		}
		return ans, err
	}
	if streamed.Len() > 0 && (strings.TrimSpace(streamed.String()) == ans.Text || (ans.Declined && ans.Mode == bot.ModeLLM)) {
		fmt.Fprintln(w)
		renderSources(w, ans)
		return ans, nil
	}
	if streamed.Len() > 0 {
		fmt.Fprint(w, "\n\n")
	}
	renderAnswer(w, ans)
	return ans, nil
}

// place is how a citation's origin is written: "Title › Section (file:6–8)".
func place(title, section, source string, start, end int) string {
	head := title
	if section != "" {
		head += " › " + section
	}
	return fmt.Sprintf("%s (%s)", head, lineRef(source, start, end))
}

func lineRef(source string, start, end int) string {
	if start == end {
		return fmt.Sprintf("%s:%d", source, start)
	}
	return fmt.Sprintf("%s:%d–%d", source, start, end)
}

func renderAnswer(w io.Writer, a bot.Answer) {
	if a.Note != "" && !a.Truncated {
		fmt.Fprintf(w, "(%s)\n\n", a.Note)
	}
	fmt.Fprintln(w, a.Text)
	renderSources(w, a)
}

// renderSources writes what follows an answer's text: its sources, or the
// closest passages of a declined answer.
func renderSources(w io.Writer, a bot.Answer) {
	if a.Truncated {
		fmt.Fprintf(w, "\n(%s)\n", a.Note)
	}
	if a.Declined {
		if len(a.Related) > 0 {
			fmt.Fprintln(w, "\nClosest passages (they do not answer the question):")
			for _, r := range a.Related {
				fmt.Fprintf(w, "  - %s  id %s\n", place(r.Title, r.Section, r.Source, r.LineStart, r.LineEnd), r.PassageID)
				fmt.Fprintf(w, "    %s\n", clip(r.Passage, 160))
			}
		}
		return
	}
	fmt.Fprintln(w, "\nSources:")
	for _, c := range a.Citations {
		fmt.Fprintf(w, "[%d] %s  id %s\n", c.Ref, place(c.Title, c.Section, c.Source, c.LineStart, c.LineEnd), c.PassageID)
		if c.Verified {
			fmt.Fprintf(w, "    > %s\n", c.Excerpt)
		} else {
			fmt.Fprintf(w, "    (the quoted text %s)\n", c.WhereNotFound())
		}
	}
}

func renderPassage(w io.Writer, p retrieval.Passage) {
	fmt.Fprintf(w, "Passage %s\n", p.ID)
	fmt.Fprintf(w, "Source:  %s\n", lineRef(p.Source, p.LineStart, p.LineEnd))
	fmt.Fprintf(w, "Title:   %s\n", p.Title)
	if p.Section != "" {
		fmt.Fprintf(w, "Section: %s\n", p.Section)
	}
	fmt.Fprintf(w, "\n%s\n", p.Text)
}

// clip shortens s to at most n characters on one line, ending in "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}

// renderExplain shows how a question was read and how passages scored.
func renderExplain(w io.Writer, res retrieval.Result) {
	fmt.Fprintln(w, "question terms (weight; ? = not in the corpus; → = read as):")
	var total float64
	for _, t := range res.Query.Terms {
		total += t.Weight
		mark := ""
		switch {
		case t.Corrected != "":
			mark = " → " + t.Corrected
		case !t.Known:
			mark = " ?"
		}
		if t.Context {
			mark += " (from the conversation)"
		}
		fmt.Fprintf(w, "  %-20s %5.2f%s\n", t.Word, t.Weight, mark)
	}
	verdict := "answers (gate passed)"
	if !res.Relevant {
		verdict = "declines (gate not passed)"
	}
	fmt.Fprintf(w, "total weight %.2f; citebot %s\n", total, verdict)
	if res.Degraded != "" {
		fmt.Fprintf(w, "note: %s\n", res.Degraded)
	}
	fmt.Fprintln(w, "rank  coverage  strength  cosine   bm25   passage")
	for i, h := range res.Hits {
		p := h.Passage
		fmt.Fprintf(w, "%4d  %8.2f  %8.2f  %6.3f  %5.2f   %s %s\n", i+1, h.Coverage, h.Strength, h.Similarity, h.Lexical,
			p.ID, lineRef(p.Source, p.LineStart, p.LineEnd))
	}
}
