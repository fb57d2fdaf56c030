package eval_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/eval"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

// TestSeedEvaluation runs the project's evaluation set over the default
// corpus and holds citebot to its targets.
func TestSeedEvaluation(t *testing.T) {
	cases, err := eval.LoadFile("../../testdata/eval.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := retrievaltest.SeedCorpus(t)
	ix := retrievaltest.SeedIndex(t)
	p, err := bot.NewPipeline(ix, bot.Options{TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.Run(t.Context(), cases, eval.Target{Pipeline: p, Searcher: ix, Corpus: c})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep.WriteText(&out)
	t.Log("\n" + out.String())
	if rep.Answerable < 30 || rep.Unanswerable < 8 {
		t.Errorf("evaluation set too small: %d answerable, %d not", rep.Answerable, rep.Unanswerable)
	}
	if rep.HitAt3 < 0.9 {
		t.Errorf("hit@3 = %.3f, want ≥ 0.9", rep.HitAt3)
	}
	if rep.DeclineAccuracy < 0.75 {
		t.Errorf("decline accuracy = %.3f, want ≥ 0.75", rep.DeclineAccuracy)
	}
	if rep.ExcerptValidity != 1 || rep.Excerpts == 0 {
		t.Errorf("excerpt validity = %.3f over %d excerpts, want 1", rep.ExcerptValidity, rep.Excerpts)
	}
	var quoted []int
	for _, c := range rep.Cases {
		if c.Declined != (c.QuotedChars == 0) {
			t.Errorf("case %s: declined %v, quoted %d characters", c.ID, c.Declined, c.QuotedChars)
		}
		if !c.Declined {
			quoted = append(quoted, c.QuotedChars)
		}
		// An answer's report names what it cites, as it was shown.
		n := 0
		for _, cit := range c.Cited {
			n += utf8.RuneCountInString(cit.Excerpt)
			if cit.Source == "" || cit.LineStart < 1 || cit.LineEnd < cit.LineStart {
				t.Errorf("case %s: cited %+v, want a source and its lines", c.ID, cit.Locator)
			}
		}
		if c.Declined != (len(c.Cited) == 0) || n != c.QuotedChars {
			t.Errorf("case %s: declined %v, cites %d excerpts of %d characters, quoted %d", c.ID, c.Declined, len(c.Cited), n, c.QuotedChars)
		}
	}
	slices.Sort(quoted)
	if len(quoted) == 0 || rep.QuotedChars != quoted[len(quoted)/2] {
		t.Errorf("median quoted = %d, want the middle of %v", rep.QuotedChars, quoted)
	}
}

func TestLoadFileRejectsBadFiles(t *testing.T) {
	for name, body := range map[string]string{
		"no answerable": "- id: a\n  question: q?\n",
		"empty":         "",
		"not a list":    "id: a\n",
		"bad YAML":      "- id: [\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "e.yaml")
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := eval.LoadFile(path); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestLoadFileIsLenientWhereItCanBe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.yaml")
	body := "- question: Why do the Taliban support the TTP?\n  answerable: true\n  category: why\n" +
		"- question: What are fusion cells?\n  answerable: true\n  evidence: joint coordination units\n" +
		"- id: x\n  question: What is the capital of France?\n  answerable: false\n  notes: off topic\n" +
		"- id: long\n  question: " + strings.Repeat("why ", 600) + "\n  answerable: false\n" +
		"- id: blank\n  question: \" \"\n  answerable: false\n" +
		"- id: missing\n  answerable: false\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err := eval.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if cases[0].ID != "q1" {
		t.Errorf("missing id became %q", cases[0].ID)
	}
	p, err := bot.NewPipeline(retrievaltest.SeedIndex(t), bot.Options{TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	ix := retrievaltest.SeedIndex(t)
	rep, err := eval.Run(t.Context(), cases, eval.Target{Pipeline: p, Searcher: ix, Corpus: retrievaltest.SeedCorpus(t)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Questions != 6 || rep.NoEvidence != 1 || rep.FalseDeclines != 0 || rep.DeclineAccuracy != 0.25 || rep.HitAt1 != 1 {
		t.Errorf("report %+v", rep)
	}
	for _, i := range []int{3, 4, 5} {
		if got := rep.Cases[i].Problems; len(got) != 1 || !strings.Contains(got[0], "not a valid question") {
			t.Errorf("%s question: %v", rep.Cases[i].ID, got)
		}
	}
}
