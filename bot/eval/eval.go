// Package eval scores citebot's answers against an evaluation file of
// questions with known evidence.
package eval

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval"
)

// Case is one question of an evaluation file.
type Case struct {
	ID         string  `yaml:"id" json:"id"`
	Question   string  `yaml:"question" json:"question"`
	Answerable *bool   `yaml:"answerable" json:"answerable"`
	Evidence   Strings `yaml:"evidence" json:"evidence,omitempty"`
}

// Strings is a list of strings that may be written as a single one.
type Strings []string

// UnmarshalYAML accepts a string or a list of strings.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = Strings{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// LoadFile reads an evaluation file: a YAML list of cases, each with a
// question and answerable, and for answerable ones evidence strings. Keys
// citebot doesn't use are ignored; a case without an id is numbered; a case
// whose question is blank or missing is kept, and Run fails it alone.
func LoadFile(path string) ([]Case, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read evaluation file: %w", err)
	}
	var cases []Case
	if err := yaml.Unmarshal(raw, &cases); err != nil {
		return nil, fmt.Errorf("evaluation file %s: %w", path, err)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("evaluation file %s holds no questions", path)
	}
	for i := range cases {
		c := &cases[i]
		if c.ID == "" {
			c.ID = fmt.Sprintf("q%d", i+1)
		}
		// A blank or missing question is not the file's fault but that
		// question's: Run fails it alone.
		if c.Answerable == nil {
			return nil, fmt.Errorf("evaluation file %s, question %d (%s): answerable must be true or false", path, i+1, c.ID)
		}
	}
	return cases, nil
}

// Asker answers questions; *bot.Pipeline is one.
type Asker interface {
	Ask(ctx context.Context, question string, onUpdate func(bot.Update) error) (bot.Answer, error)
}

// Target is what is evaluated: the answer pipeline, the ranking behind it,
// and the corpus that citations are checked against.
type Target struct {
	Pipeline Asker
	Searcher bot.Searcher
	Corpus   *retrieval.Corpus
}

// rankDepth is how deep the ranking is searched for evidence (for MRR).
const rankDepth = 10

// CaseResult is how citebot did on one case.
type CaseResult struct {
	ID          string   `json:"id"`
	Question    string   `json:"question"`
	Answerable  bool     `json:"answerable"`
	Declined    bool     `json:"declined"`
	Rank        int      `json:"rank"` // 1-based rank of the first passage with evidence, 0 if none in the top 10
	CitationHit bool     `json:"citation_hit"`
	Problems    []string `json:"problems,omitempty"`
}

// Report sums up an evaluation.
type Report struct {
	Questions    int `json:"questions"`
	Answerable   int `json:"answerable"`
	Unanswerable int `json:"unanswerable"`
	// NoEvidence counts answerable questions given without evidence: they
	// are judged for declines only.
	NoEvidence int `json:"no_evidence,omitempty"`
	scored     int
	// Over answerable questions with evidence; a declined answer counts as
	// a miss.
	HitAt1      float64 `json:"hit_at_1"`
	HitAt3      float64 `json:"hit_at_3"`
	MRR         float64 `json:"mrr"`
	CitationHit float64 `json:"citation_hit"`
	// DeclineAccuracy is the share of unanswerable questions declined.
	DeclineAccuracy float64 `json:"decline_accuracy"`
	// FalseDeclines counts answerable questions that were declined.
	FalseDeclines int `json:"false_declines"`
	// ExcerptValidity is the share of citations whose excerpt is verbatim in
	// its passage and found at its lines in the source.
	ExcerptValidity float64      `json:"excerpt_validity"`
	Excerpts        int          `json:"excerpts"`
	ValidExcerpts   int          `json:"valid_excerpts"`
	Cases           []CaseResult `json:"cases"`
}

// Run asks every case's question and scores the answers.
func Run(ctx context.Context, cases []Case, t Target) (Report, error) {
	var r Report
	var hit1, hit3, cite, declinedOK int
	var rr float64
	for _, c := range cases {
		q, err := bot.CleanQuestion(c.Question)
		if err != nil {
			// Not a question citebot takes: a failure of this case only.
			r.Questions++
			cr := CaseResult{ID: c.ID, Question: c.Question, Answerable: *c.Answerable, Problems: []string{"not a valid question: " + err.Error()}}
			if cr.Answerable {
				r.Answerable++
				if len(c.Evidence) > 0 {
					r.scored++
				}
			} else {
				r.Unanswerable++
			}
			r.Cases = append(r.Cases, cr)
			continue
		}
		ans, err := t.Pipeline.Ask(ctx, q, nil)
		if err != nil {
			return r, fmt.Errorf("question %s: %w", c.ID, err)
		}
		res, err := t.Searcher.Search(ctx, q, rankDepth)
		if err != nil {
			return r, fmt.Errorf("question %s: %w", c.ID, err)
		}
		cr := CaseResult{ID: c.ID, Question: c.Question, Answerable: *c.Answerable, Declined: ans.Declined}
		for _, cit := range ans.Citations {
			r.Excerpts++
			if prob := checkCitation(t.Corpus, cit); prob != "" {
				cr.Problems = append(cr.Problems, prob)
			} else {
				r.ValidExcerpts++
			}
		}
		r.Questions++
		if !cr.Answerable {
			r.Unanswerable++
			if ans.Declined {
				declinedOK++
			} else {
				cr.Problems = append(cr.Problems, "answered a question the corpus does not answer")
			}
			r.Cases = append(r.Cases, cr)
			continue
		}
		r.Answerable++
		if len(c.Evidence) == 0 {
			// Nothing to look for: only a decline can be judged.
			if ans.Declined {
				r.FalseDeclines++
				cr.Problems = append(cr.Problems, "declined an answerable question")
			}
			r.Cases = append(r.Cases, cr)
			continue
		}
		r.scored++
		for i, h := range res.Hits {
			if hasEvidence(h.Passage.Text, c.Evidence) {
				cr.Rank = i + 1
				break
			}
		}
		for _, cit := range ans.Citations {
			if hasEvidence(cit.Passage, c.Evidence) {
				cr.CitationHit = true
			}
		}
		switch {
		case ans.Declined:
			r.FalseDeclines++
			cr.Problems = append(cr.Problems, fmt.Sprintf("declined an answerable question (evidence at rank %d)", cr.Rank))
		default:
			if cr.Rank == 1 {
				hit1++
			}
			if cr.Rank >= 1 && cr.Rank <= 3 {
				hit3++
			} else {
				cr.Problems = append(cr.Problems, fmt.Sprintf("evidence not in the top 3 passages (rank %d)", cr.Rank))
			}
			if cr.Rank > 0 {
				rr += 1 / float64(cr.Rank)
			}
			if cr.CitationHit {
				cite++
			} else {
				cr.Problems = append(cr.Problems, "no cited passage holds the evidence")
			}
		}
		r.Cases = append(r.Cases, cr)
	}
	r.NoEvidence = r.Answerable - r.scored
	if r.scored > 0 {
		n := float64(r.scored)
		r.HitAt1, r.HitAt3, r.MRR, r.CitationHit = float64(hit1)/n, float64(hit3)/n, rr/n, float64(cite)/n
	}
	if r.Unanswerable > 0 {
		r.DeclineAccuracy = float64(declinedOK) / float64(r.Unanswerable)
	}
	r.ExcerptValidity = 1
	if r.Excerpts > 0 {
		r.ExcerptValidity = float64(r.ValidExcerpts) / float64(r.Excerpts)
	}
	return r, nil
}

func hasEvidence(text string, evidence []string) bool {
	for _, e := range evidence {
		if retrieval.ContainsNormalized(text, e, true) {
			return true
		}
	}
	return false
}

// checkCitation returns what is wrong with a citation's provenance, or "".
func checkCitation(c *retrieval.Corpus, cit bot.Citation) string {
	if !strings.Contains(cit.Passage, cit.Excerpt) || cit.Excerpt == "" {
		return fmt.Sprintf("[%d] excerpt is not verbatim in passage %s", cit.Ref, cit.PassageID)
	}
	lines, ok := c.Lines(cit.Source, cit.LineStart, cit.LineEnd)
	if !ok {
		return fmt.Sprintf("[%d] lines %d–%d do not exist in %s", cit.Ref, cit.LineStart, cit.LineEnd, cit.Source)
	}
	if !strings.Contains(lines, cit.Excerpt) {
		return fmt.Sprintf("[%d] excerpt is not at %s:%d–%d", cit.Ref, cit.Source, cit.LineStart, cit.LineEnd)
	}
	return ""
}

// WriteText prints the report for people.
func (r Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "questions:        %d (%d answerable, %d not)\n", r.Questions, r.Answerable, r.Unanswerable)
	if r.NoEvidence > 0 {
		fmt.Fprintf(w, "                  %d answerable without evidence: judged for declines only\n", r.NoEvidence)
	}
	fmt.Fprintf(w, "hit@1:            %.3f\n", r.HitAt1)
	fmt.Fprintf(w, "hit@3:            %.3f\n", r.HitAt3)
	fmt.Fprintf(w, "MRR:              %.3f\n", r.MRR)
	fmt.Fprintf(w, "citation hit:     %.3f\n", r.CitationHit)
	fmt.Fprintf(w, "decline accuracy: %.3f (false declines: %d)\n", r.DeclineAccuracy, r.FalseDeclines)
	fmt.Fprintf(w, "excerpt validity: %.1f%% (%d/%d)\n", 100*r.ExcerptValidity, r.ValidExcerpts, r.Excerpts)
	var failed []CaseResult
	for _, c := range r.Cases {
		if len(c.Problems) > 0 {
			failed = append(failed, c)
		}
	}
	if len(failed) == 0 {
		fmt.Fprintln(w, "failures:         none")
		return
	}
	fmt.Fprintf(w, "failures:         %d\n", len(failed))
	for _, c := range failed {
		fmt.Fprintf(w, "  %s %q\n", c.ID, c.Question)
		for _, p := range c.Problems {
			fmt.Fprintf(w, "      %s\n", p)
		}
	}
}
