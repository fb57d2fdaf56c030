package eval

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// failuresShown is how many failed questions the text report lists.
const failuresShown = 50

// WriteText prints the report for people: the measures, then the failed
// questions (the first 50; --json lists all).
func (r Report) WriteText(w io.Writer) {
	r.WriteMeasures(w)
	var failed []CaseResult
	for _, c := range r.Cases {
		if len(c.Problems) > 0 {
			failed = append(failed, c)
		}
	}
	if len(failed) == 0 {
		fmt.Fprintln(w, "failures:           none")
		return
	}
	fmt.Fprintf(w, "failures:           %d\n", len(failed))
	for i, c := range failed {
		if i == failuresShown {
			fmt.Fprintf(w, "  … and %d more (--json lists every question)\n", len(failed)-failuresShown)
			break
		}
		fmt.Fprintf(w, "  %s %q\n", c.ID, c.Question)
		for _, p := range c.Problems {
			fmt.Fprintf(w, "      %s\n", p)
		}
	}
}

// WriteMeasures prints the measures, with the BM25 reference beside
// citebot's when the report has one.
func (r Report) WriteMeasures(w io.Writer) {
	fmt.Fprintf(w, "questions:          %d (%d answerable, %d not)\n", r.Questions, r.Answerable, r.Unanswerable)
	if r.NoEvidence > 0 {
		fmt.Fprintf(w, "                    %d answerable without evidence: judged for declines only\n", r.NoEvidence)
	}
	row := func(name string, own float64, ref *float64, note string) {
		if r.BM25 == nil || ref == nil {
			fmt.Fprintf(w, "%-20s%.3f\n", name+":", own)
			return
		}
		ratio := "-"
		if *ref > 0 {
			ratio = fmt.Sprintf("%.2f", own / *ref)
		}
		line := fmt.Sprintf("%-20s%-10.3f%-10.3f%-7s%s", name+":", own, *ref, ratio, note)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	var b Reference
	if r.BM25 != nil {
		b = *r.BM25
		fmt.Fprintf(w, "%-20s%-10s%-10s%s\n", "", "citebot", "BM25", "ratio (citebot / BM25)")
	}
	row("hit@1", r.HitAt1, &b.HitAt1, "")
	row("hit@3", r.HitAt3, &b.HitAt3, "")
	row("recall@5", r.RecallAt5, &b.RecallAt5, "")
	row("MRR", r.MRR, &b.MRR, "")
	row("citation hit", r.CitationHit, &b.HitAt1, "(BM25: its top passage)")
	row("answer in excerpt", r.AnswerInExcerpt, &b.AnswerInExcerpt, "(BM25: best sentence of its top passage)")
	fmt.Fprintf(w, "%-20s%.3f (%d of %d answered)\n", "wrong-answer rate:", r.WrongAnswerRate, r.WrongAnswers, r.Answered)
	fmt.Fprintf(w, "%-20s%.3f of answerable (%d of %d declined)\n", "answered:", r.AnsweredShare, r.FalseDeclines, r.Answerable)
	if r.Unanswerable == 0 {
		fmt.Fprintf(w, "%-20sn/a (no unanswerable questions)\n", "decline accuracy:")
	} else {
		fmt.Fprintf(w, "%-20s%.3f (%d/%d)\n", "decline accuracy:", r.DeclineAccuracy, r.Declined, r.Unanswerable)
	}
	fmt.Fprintf(w, "%-20s%d of %d\n", "false declines:", r.FalseDeclines, r.Answerable)
	fmt.Fprintf(w, "%-20s%.1f%% (%d/%d)\n", "excerpt validity:", 100*r.ExcerptValidity, r.ValidExcerpts, r.Excerpts)
	fmt.Fprintf(w, "%-20s%d characters (median of the answers)\n", "quoted:", r.QuotedChars)
	if len(r.Thresholds) > 0 {
		fmt.Fprintln(w, "with a higher retrieval.min_confidence (answers below it declined):")
		fmt.Fprintf(w, "  %-10s%-10s%-19s%s\n", "threshold", "answered", "wrong-answer rate", "decline accuracy")
		for _, t := range r.Thresholds {
			fmt.Fprintf(w, "  %-10.2f%-10.3f%-19s%.3f\n", t.MinConfidence, t.AnsweredShare,
				fmt.Sprintf("%.3f (%d/%d)", t.WrongAnswerRate, t.WrongAnswers, t.Answered), t.DeclineAccuracy)
		}
	}
}

// SetResult is one set of a suite run: its report, or why it was skipped.
type SetResult struct {
	Name    string  `json:"name"`
	Report  *Report `json:"report,omitempty"`
	Skipped string  `json:"skipped,omitempty"`
}

// WriteMarkdown prints a suite's results as one Markdown table, citebot's
// value first and the BM25 reference's in parentheses, then a line per
// skipped set.
func WriteMarkdown(w io.Writer, sets []SetResult) {
	fmt.Fprintln(w, "| set | questions (answerable / not) | hit@1 | hit@3 | recall@5 | MRR | citation hit | answer in excerpt | wrong-answer rate | answered | decline accuracy | false declines | excerpt validity |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	var skipped []SetResult
	for _, s := range sets {
		if s.Report == nil {
			skipped = append(skipped, s)
			continue
		}
		r := *s.Report
		var b *Reference
		if r.BM25 != nil {
			b = r.BM25
		}
		pair := func(own float64, ref func(Reference) float64) string {
			if b == nil {
				return fmt.Sprintf("%.3f", own)
			}
			return fmt.Sprintf("%.3f (%.3f)", own, ref(*b))
		}
		fmt.Fprintf(w, "| %s | %d (%d / %d) | %s | %s | %s | %s | %s | %s | %.3f (%d/%d) | %.3f | %.3f (%d/%d) | %d | %.1f%% |\n",
			s.Name, r.Questions, r.Answerable, r.Unanswerable,
			pair(r.HitAt1, func(b Reference) float64 { return b.HitAt1 }),
			pair(r.HitAt3, func(b Reference) float64 { return b.HitAt3 }),
			pair(r.RecallAt5, func(b Reference) float64 { return b.RecallAt5 }),
			pair(r.MRR, func(b Reference) float64 { return b.MRR }),
			pair(r.CitationHit, func(b Reference) float64 { return b.HitAt1 }),
			pair(r.AnswerInExcerpt, func(b Reference) float64 { return b.AnswerInExcerpt }),
			r.WrongAnswerRate, r.WrongAnswers, r.Answered, r.AnsweredShare,
			r.DeclineAccuracy, r.Declined, r.Unanswerable, r.FalseDeclines, 100*r.ExcerptValidity)
	}
	for _, s := range skipped {
		fmt.Fprintf(w, "\nNot run: %s (%s).\n", s.Name, s.Skipped)
	}
}

// README markers around the generated evaluation table.
const (
	BeginMarker = "<!-- eval:begin -->"
	EndMarker   = "<!-- eval:end -->"
)

// ReplaceBlock returns doc with the text between BeginMarker and EndMarker
// replaced by block.
func ReplaceBlock(doc, block string) (string, error) {
	i := strings.Index(doc, BeginMarker)
	j := strings.Index(doc, EndMarker)
	switch {
	case i < 0 || j < 0:
		return "", fmt.Errorf("no %s … %s markers", BeginMarker, EndMarker)
	case j < i:
		return "", errors.New(EndMarker + " comes before " + BeginMarker)
	case strings.Count(doc, BeginMarker) > 1 || strings.Count(doc, EndMarker) > 1:
		return "", errors.New("the eval markers occur more than once")
	}
	block = strings.Trim(block, "\n")
	return doc[:i+len(BeginMarker)] + "\n" + block + "\n" + doc[j:], nil
}
