package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citebot/citebot/retrieval"
)

// TestEvalSQuADFile: a SQuAD file is evaluated over its own articles, indexed
// in a data folder of its own; the main index is left alone.
func TestEvalSQuADFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	r := run(t, "data_dir: "+data+"\n", "", "eval", "--json", "../../bot/eval/testdata/tiny-squad.json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Questions    int     `json:"questions"`
		Answerable   int     `json:"answerable"`
		Unanswerable int     `json:"unanswerable"`
		CitationHit  float64 `json:"citation_hit"`
		BM25         *struct {
			HitAt1 float64 `json:"hit_at_1"`
		} `json:"bm25"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if rep.Questions != 4 || rep.Answerable != 3 || rep.Unanswerable != 1 || rep.BM25 == nil || rep.BM25.HitAt1 != 1 {
		t.Errorf("report %+v (bm25 %+v)", rep, rep.BM25)
	}
	if _, err := os.Stat(retrieval.IndexPath(data)); err == nil {
		t.Error("the main index was written")
	}
	sets, _ := filepath.Glob(filepath.Join(data, "eval", "squad-*", "index", retrieval.IndexFileName))
	articles, _ := filepath.Glob(filepath.Join(data, "eval", "squad-*", "corpus", "*.txt"))
	if len(sets) != 1 || len(articles) != 2 {
		t.Errorf("set index %v, articles %v", sets, articles)
	}
}

// TestEvalSuite runs a suite of two sets, one of which has no corpus yet:
// it is skipped with the command that builds it; the Markdown table goes
// into a README between the markers.
func TestEvalSuite(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	evalFile, err := filepath.Abs("../../testdata/eval.yaml")
	if err != nil {
		t.Fatal(err)
	}
	suite := filepath.Join(dir, "suite.yaml")
	body := "sets:\n" +
		"  - name: seed\n    eval: " + evalFile + "\n    corpus: seeds\n" +
		"  - name: big\n    eval: " + evalFile + "\n    corpus: not-built\n    build: bash make-big.sh\n"
	if err := os.WriteFile(suite, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := "data_dir: " + data + "\n"

	r := run(t, cfg, "", "eval", "--suite", suite)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"== seed (", "recall@5:", "answer in excerpt:", "wrong-answer rate:", "citebot   BM25",
		"== big: skipped: corpus folder " + filepath.Join(dir, "not-built") + " is missing or empty; build it with: bash make-big.sh"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "eval", "seed", "index", retrieval.IndexFileName)); err != nil {
		t.Errorf("the seed set's index is not in its own folder: %v", err)
	}
	if _, err := os.Stat(retrieval.IndexPath(data)); err == nil {
		t.Error("the main index was written")
	}

	r = run(t, cfg, "", "eval", "--suite", suite, "--markdown")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "| set | questions") || !strings.Contains(r.stdout, "\n| seed | 112 (86 / 26) | ") ||
		!strings.Contains(r.stdout, "Not run: big (") {
		t.Errorf("exit %d, markdown:\n%s", r.code, r.stdout)
	}
	table := r.stdout

	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("# x\n\n<!-- eval:begin -->\nold\n<!-- eval:end -->\n\nend\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, cfg, "", "eval", "--suite", suite, "--update-readme", readme)
	got, err := os.ReadFile(readme)
	if r.code != 0 || err != nil || string(got) != "# x\n\n<!-- eval:begin -->\n"+strings.TrimRight(table, "\n")+"\n<!-- eval:end -->\n\nend\n" {
		t.Errorf("exit %d (%s), README:\n%s", r.code, r.stderr, got)
	}

	// A README that can't take the table fails before the suite runs.
	noMarkers := filepath.Join(dir, "plain.md")
	if err := os.WriteFile(noMarkers, []byte("# no table here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing.md"), noMarkers} {
		r = run(t, cfg, "", "eval", "--suite", suite, "--update-readme", path)
		if r.code != 1 || !strings.Contains(r.stderr, "--update-readme") || strings.Contains(r.stdout, "hit@1") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want a failure before any set runs", path, r.code, r.stdout, r.stderr)
		}
	}

	for _, args := range [][]string{
		{"eval", "--markdown", evalFile},
		{"eval", "--suite", suite, evalFile},
	} {
		if r := run(t, cfg, "", args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
	}
}
