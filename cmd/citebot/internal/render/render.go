// Package render writes answers, sources, passages and the explanation of a
// search for a terminal. Text from the corpus or a model goes through Text,
// so nothing it holds can move the cursor or pass for citebot's own lines.
package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// Stream asks and writes the answer to w as the model writes it, then
// its sources. When what streamed is not the answer in the end (the model
// failed and excerpts are shown instead), the answer follows in full.
func Stream(ask func(onUpdate func(bot.Update) error) (bot.Answer, error), w io.Writer) (bot.Answer, error) {
	var streamed strings.Builder
	ans, err := ask(func(u bot.Update) error {
		if u.Reset && streamed.Len() > 0 {
			fmt.Fprint(w, "\n[the text above was the model's reasoning, not its answer]\n\n")
			streamed.Reset()
		}
		streamed.WriteString(u.Text)
		_, err := io.WriteString(w, Text(u.Text, true, ""))
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
		Sources(w, ans)
		return ans, nil
	}
	if streamed.Len() > 0 {
		fmt.Fprint(w, "\n\n")
	}
	Answer(w, ans)
	return ans, nil
}

// place is how a citation's origin is written: "Title › Section (file:6–8)".
func place(loc corpus.Locator) string {
	head := Text(loc.Title, false, "")
	if loc.Section != "" {
		head += " › " + Text(loc.Section, false, "")
	}
	return fmt.Sprintf("%s (%s)", head, lineRef(loc))
}

// lineRef is the one human reference to a location (Locator.String), safe
// for a terminal.
func lineRef(loc corpus.Locator) string {
	return Text(loc.String(), false, "")
}

// Answer writes an answer: its note, its text and its sources.
func Answer(w io.Writer, a bot.Answer) {
	if a.Note != "" && !a.Truncated {
		fmt.Fprintf(w, "(%s)\n\n", Text(a.Note, false, ""))
	}
	fmt.Fprintln(w, Text(a.Text, true, ""))
	Sources(w, a)
}

// Sources writes what follows an answer's text: its sources, or the
// closest passages of a declined answer.
func Sources(w io.Writer, a bot.Answer) {
	if a.Truncated {
		fmt.Fprintf(w, "\n(%s)\n", Text(a.Note, false, ""))
	}
	if a.Declined {
		if len(a.Related) > 0 {
			fmt.Fprintln(w, "\nClosest passages (citebot is not confident they answer the question):")
			for _, r := range a.Related {
				fmt.Fprintf(w, "  - %s  id %s%s\n", place(r.Locator), r.PassageID, link(r.URL))
				fmt.Fprintf(w, "    %s\n", Text(text.Clip(strings.Join(strings.Fields(r.Passage), " "), 160), false, ""))
			}
		}
		return
	}
	fmt.Fprintln(w, "\nSources:")
	for _, c := range a.Citations {
		fmt.Fprintf(w, "[%d] %s  id %s%s\n", c.Ref, place(c.Locator), c.PassageID, link(c.URL))
		if c.Verified {
			fmt.Fprintf(w, "    > %s\n", Text(c.Excerpt, true, "    > "))
		} else {
			fmt.Fprintf(w, "    (the quoted text %s)\n", c.WhereNotFound())
		}
	}
}

// link is what follows a source's id on its line: its URL, when it has
// one, two spaces after the id.
func link(url string) string {
	if url == "" {
		return ""
	}
	return "  " + Text(url, false, "")
}

// Passage writes a passage with its provenance and, when url is not "",
// the address where it is published.
func Passage(w io.Writer, p corpus.Passage, url string) {
	fmt.Fprintf(w, "Passage %s\n", p.ID)
	fmt.Fprintf(w, "Source:  %s\n", lineRef(p.Locator))
	if url != "" {
		fmt.Fprintf(w, "Link:    %s\n", Text(url, false, ""))
	}
	fmt.Fprintf(w, "Title:   %s\n", Text(p.Title, false, ""))
	if p.Section != "" {
		fmt.Fprintf(w, "Section: %s\n", Text(p.Section, false, ""))
	}
	fmt.Fprintf(w, "\n%s\n", Text(p.Text, true, ""))
}

// Text makes text from the corpus (or a model) safe to print on a
// terminal; every such string this package prints goes through it.
// Control characters (C0 but tab, DEL, C1), bidirectional overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), line and paragraph separators
// and invalid UTF-8 are written as Go escapes (\x1b, \u202e), seen rather
// than obeyed. With lines false a line break is escaped too, so a file name
// or title stays on its line; with lines true each line after the first
// starts with indent, so no line of the text can pass for one of ours.
func Text(s string, lines bool, indent string) string {
	if !lines {
		return text.Escape(s, func(r rune) bool { return r == '\n' || unsafeRune(r) })
	}
	ls := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range ls {
		ls[i] = text.Escape(l, unsafeRune)
	}
	return strings.Join(ls, "\n"+indent)
}

// unsafeRune reports whether r, printed as is, could move the cursor,
// change the terminal's state or reorder the text around it (a tab
// can't).
func unsafeRune(r rune) bool { return r != '\t' && text.Hidden(r) }

// unsearched returns the words of the question that are none of its terms,
// each once, in order.
func unsearched(q lexical.Query) []string {
	terms := make(map[string]bool, len(q.Terms))
	for _, t := range q.Terms {
		terms[t.Word] = true
	}
	var out []string
	seen := make(map[string]bool)
	// A word read joined with its neighbour ("dry run" as dryrun) was
	// searched in that form.
	words := text.Words(q.Text)
	joined := func(k int) bool {
		return k > 0 && terms[words[k-1]+words[k]] || k+1 < len(words) && terms[words[k]+words[k+1]]
	}
	for k, w := range words {
		if !terms[w] && !seen[w] && !joined(k) {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Explain shows how a question was read and how passages scored.
func Explain(w io.Writer, res retrieval.Result) {
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
		switch {
		case t.Pasted:
			mark += " (pasted into the question)"
		case t.Answer:
			mark += " (a word the answer is written with)"
		case t.Context:
			mark += " (from the conversation)"
		}
		if t.Name {
			mark += " (names the subject)"
		}
		fmt.Fprintf(w, "  %-20s %5.2f%s\n", t.Word, t.Weight, mark)
	}
	if skipped := unsearched(res.Query); len(skipped) > 0 {
		fmt.Fprintf(w, "not searched: %s (words too common to tell passages apart, the kind of answer asked for, which is checked apart, or the host a project is published on)\n", strings.Join(skipped, ", "))
	}
	verdict := "answers"
	switch {
	case res.VersionMissing != "":
		verdict = "declines: the top passage is about another version than " + res.VersionMissing
	case res.YearMissing != "":
		verdict = "declines: the top passage speaks of another year than " + res.YearMissing
	case res.ProjectMissing != "":
		verdict = "declines: the top passage's document is another project's than " + res.ProjectMissing
	case res.Instruction:
		verdict = "declines: the question is an instruction to the assistant, which no passage answers"
	case res.CoverageLow:
		verdict = "declines: the top passage holds too little of the question"
	case res.OwnWordsMissing:
		verdict = "declines: the top passage holds none of the follow-up's own words"
	case !res.Relevant:
		verdict = "declines"
	case res.Features.TypeMissing > 0:
		verdict = "declines without a model: no sentence of the top passage holding enough of the question gives the kind of answer asked for"
	case res.Uncertain:
		verdict = "answers, uncertain"
	}
	fmt.Fprintf(w, "total weight %.2f; confidence %.3f; citebot %s\n", total, res.Confidence, verdict)
	if res.Degraded != "" {
		fmt.Fprintf(w, "note: %s\n", res.Degraded)
	}
	if len(res.Hits) > 1 {
		fmt.Fprintf(w, "the ranker's probability that passage 1 answers better than passage 2: %.2f\n", res.Lead)
	}
	fmt.Fprintln(w, "features of the top passage (what the confidence is computed from):")
	names, vals := retrieval.FeatureNames(), res.Features.Vector()
	for i := range names {
		fmt.Fprintf(w, "  %-14s %6.3f\n", names[i], vals[i])
	}
	fmt.Fprintln(w, "rank  coverage  strength  cosine   bm25   passage")
	for i, h := range res.Hits {
		p := h.Passage
		fmt.Fprintf(w, "%4d  %8.2f  %8.2f  %6.3f  %5.2f   %s %s\n", i+1, h.Coverage, h.Strength, h.Similarity, h.Lexical,
			p.ID, lineRef(p.Locator))
	}
}
