package eval_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot/eval"
)

func TestBM25RanksTheKnownPassageFirst(t *testing.T) {
	texts := []string{
		"The harbour is busy in summer. Boats leave the harbour every hour.",
		"The lighthouse on the northern cape was built in 1874 and is painted red.",
		"Summer festivals fill the town square, and the harbour boats are decorated.",
		"The town has a lighthouse museum.",
	}
	b := eval.NewBM25(texts)
	for _, tc := range []struct {
		question string
		want     []int
	}{
		{"When was the lighthouse on the cape built?", []int{1, 3}},
		{"HARBOUR boats", []int{0, 2}},
		{"what is the", nil}, // stop words only
		{"zeppelin", nil},
	} {
		t.Run(tc.question, func(t *testing.T) {
			if got := b.Search(tc.question, 10); !slices.Equal(got, tc.want) {
				t.Errorf("Search = %v, want %v", got, tc.want)
			}
		})
	}
	if got := b.Search("harbour boats", 1); len(got) != 1 {
		t.Errorf("k=1 gave %v", got)
	}
}

func TestBestSentence(t *testing.T) {
	for _, tc := range []struct {
		name, text, question, want string
	}{
		{"most shared words", "The bridge opened in 1931. Its main span is 412 metres long. It is painted grey.",
			"How long is the main span?", "Its main span is 412 metres long."},
		{"initials are not ends", "It was built by the U.S. Army in 1931. It is grey.",
			"Who built it?", "It was built by the U.S. Army in 1931."},
		{"list items are sentences", "Features:\n- fast search\n- small index\n",
			"is the index small?", "- small index"},
		{"first wins a tie", "Red apples. Red cherries.", "red", "Red apples."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := eval.BestSentence(tc.text, tc.question); got != tc.want {
				t.Errorf("BestSentence = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSQuADDetectionAndConversion(t *testing.T) {
	raw, err := os.ReadFile("testdata/tiny-squad.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"yaml eval file":   "- id: a\n  question: q?\n  answerable: false\n",
		"json list":        `[{"data": []}]`,
		"no qas":           `{"data": [{"title": "T", "paragraphs": [{"context": "c"}]}]}`,
		"other json":       `{"version": "v2.0"}`,
		"broken json":      `{"data": [`,
		"empty":            "",
		"data not a list":  `{"data": {"paragraphs": []}}`,
		"paragraphs wrong": `{"data": [{"paragraphs": "x"}]}`,
	} {
		t.Run("not SQuAD: "+name, func(t *testing.T) {
			if eval.IsSQuAD([]byte(body)) {
				t.Error("taken for SQuAD")
			}
		})
	}
	if !eval.IsSQuAD(raw) {
		t.Fatal("tiny SQuAD file not detected")
	}
	sq, err := eval.ParseSQuAD(raw)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("files", func(t *testing.T) {
		want := map[string]string{
			"Zorblat_Bridge.txt": "Zorblat Bridge\n\nThe Zorblat Bridge spans the Qel River. It was opened in 1931 by the U.S. Army engineers. Its main span is 412 metres long.\n",
			"Mirrow.txt":         "Mirrow\n\nCafé owners in Mirrow sell roasted chestnuts. The chestnut festival is held every October in the old square.\n",
		}
		if len(sq.Files) != len(want) {
			t.Errorf("files %v", sq.Files)
		}
		for name, text := range want {
			if sq.Files[name] != text {
				t.Errorf("%s = %q, want %q", name, sq.Files[name], text)
			}
		}
	})
	for _, tc := range []struct {
		id         string
		answerable bool
		evidence   []string
		answers    []string
	}{
		{"z1", true, []string{"It was opened in 1931 by the U.S. Army engineers."}, []string{"1931", "in 1931"}},
		{"z2", true, []string{"Its main span is 412 metres long."}, []string{"412 metres"}},
		{"z3", false, nil, nil},
		// The context holds "é" before the answer: SQuAD offsets count characters.
		{"m1", true, []string{"The chestnut festival is held every October in the old square."}, []string{"every October", "October"}},
	} {
		t.Run("case "+tc.id, func(t *testing.T) {
			i := slices.IndexFunc(sq.Cases, func(c eval.Case) bool { return c.ID == tc.id })
			if i < 0 {
				t.Fatal("missing")
			}
			c := sq.Cases[i]
			if *c.Answerable != tc.answerable || !slices.Equal(c.Evidence, tc.evidence) || !slices.Equal(c.Answers, tc.answers) {
				t.Errorf("got answerable %v evidence %q answers %q", *c.Answerable, c.Evidence, c.Answers)
			}
		})
	}
	cases, got, err := eval.Load("testdata/tiny-squad.json")
	if err != nil || got == nil || len(cases) != 4 {
		t.Errorf("Load: %d cases, SQuAD %v, err %v", len(cases), got != nil, err)
	}
	cases, got, err = eval.Load("../../testdata/eval.yaml")
	if err != nil || got != nil || len(cases) == 0 {
		t.Errorf("Load of a YAML file: %d cases, SQuAD %v, err %v", len(cases), got != nil, err)
	}
}

func TestLoadSuite(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("e.yaml", "- question: q?\n  answerable: false\n")
	write("docs/a.md", "# A\n\ntext\n")
	write("s.json", `{"data": []}`)
	path := write("suite.yaml", `sets:
  - name: seed
    eval: e.yaml
    corpus: seeds
  - name: docs
    eval: e.yaml
    corpus: docs
  - name: squad
    eval: s.json
  - name: big
    eval: e.yaml
    corpus: `+filepath.Join(dir, "not-built")+`
    build: bash make.sh
`)
	s, err := eval.LoadSuite(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		name, kind, eval, corpus, unavailable string
	}{
		{"seed", eval.KindSeeds, filepath.Join(dir, "e.yaml"), "seeds", ""},
		{"docs", eval.KindFolder, filepath.Join(dir, "e.yaml"), filepath.Join(dir, "docs"), ""},
		{"squad", eval.KindSQuAD, filepath.Join(dir, "s.json"), filepath.Join(dir, "s.json"), ""},
		{"big", eval.KindFolder, filepath.Join(dir, "e.yaml"), filepath.Join(dir, "not-built"), "missing or empty; build it with: bash make.sh"},
	} {
		t.Run(want.name, func(t *testing.T) {
			got := s.Sets[i]
			why := got.Unavailable()
			if got.Name != want.name || got.Kind() != want.kind || got.Eval != want.eval || got.Corpus != want.corpus ||
				(want.unavailable == "") != (why == "") || !strings.Contains(why, want.unavailable) {
				t.Errorf("got %+v kind %s unavailable %q", got, got.Kind(), why)
			}
		})
	}
	for name, body := range map[string]string{
		"no sets":       "sets: []\n",
		"unknown key":   "sets:\n  - name: a\n    eval: e.yaml\n    corpus: seeds\n    corpse: x\n",
		"no eval":       "sets:\n  - name: a\n    corpus: seeds\n",
		"bad name":      "sets:\n  - name: ../a\n    eval: e.yaml\n    corpus: seeds\n",
		"same name":     "sets:\n  - name: a\n    eval: e.yaml\n    corpus: seeds\n  - name: a\n    eval: e.yaml\n    corpus: seeds\n",
		"no corpus":     "sets:\n  - name: a\n    eval: e.yaml\n",
		"not a mapping": "- a\n",
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if _, err := eval.LoadSuite(write("bad.yaml", body)); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestReplaceBlock(t *testing.T) {
	doc := "intro\n" + eval.BeginMarker + "\nold table\n" + eval.EndMarker + "\noutro\n"
	got, err := eval.ReplaceBlock(doc, "| new |\n")
	want := "intro\n" + eval.BeginMarker + "\n| new |\n" + eval.EndMarker + "\noutro\n"
	if err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	for name, bad := range map[string]string{
		"no markers": "intro\n",
		"reversed":   eval.EndMarker + eval.BeginMarker,
		"twice":      doc + doc,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := eval.ReplaceBlock(bad, "x"); err == nil {
				t.Error("accepted")
			}
		})
	}
}
