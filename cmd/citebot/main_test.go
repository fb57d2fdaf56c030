package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type result struct {
	code           int
	stdout, stderr string
}

// run runs citebot as main does, with a configuration whose data folder is
// the test's own.
func run(t *testing.T, cfg string, stdin string, args ...string) result {
	t.Helper()
	dir := t.TempDir()
	if cfg == "" {
		cfg = "data_dir: " + filepath.Join(dir, "data") + "\n"
	}
	path := filepath.Join(dir, "citebot.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	app := &App{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string {
			if k == "CITEBOT_CONFIG" {
				return path
			}
			return ""
		},
	}
	code := app.Run(t.Context(), args)
	return result{code, out.String(), errb.String()}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestAskJSONContract(t *testing.T) {
	r := run(t, "", "", "ask", "--json", "Why do the Taliban support the TTP?")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, r.stdout)
	}
	if got, want := keys(m), []string{"answer", "citations", "confidence", "declined", "mode", "question"}; !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	if m["mode"] != "extractive" || m["declined"] != false || m["question"] != "Why do the Taliban support the TTP?" {
		t.Errorf("fields: %v", m)
	}
	cits := m["citations"].([]any)
	if len(cits) == 0 {
		t.Fatal("no citations")
	}
	c := cits[0].(map[string]any)
	want := []string{"excerpt", "line_end", "line_start", "passage", "passage_id", "ref", "section", "source", "title", "verified"}
	if got := keys(c); !slices.Equal(got, want) {
		t.Errorf("citation keys %v, want %v", got, want)
	}
	if c["ref"] != 1.0 || c["source"] != "000_51eec4bc261835c7.txt" || c["line_start"] != 6.0 || c["verified"] != true {
		t.Errorf("citation: %v", c)
	}
	if !strings.Contains(c["passage"].(string), c["excerpt"].(string)) {
		t.Error("excerpt not in passage")
	}
	if !strings.Contains(m["answer"].(string), "[1]") {
		t.Error("answer has no [1] marker")
	}
}

func TestAskJSONDeclined(t *testing.T) {
	r := run(t, "", "", "ask", "What is the capital of France?", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	if m["declined"] != true {
		t.Errorf("not declined: %v", m)
	}
	if cits, ok := m["citations"].([]any); !ok || len(cits) != 0 {
		t.Errorf("citations = %v, want []", m["citations"])
	}
	if rel, ok := m["related"].([]any); !ok || len(rel) == 0 {
		t.Error("no related passages")
	}
}

func TestAskText(t *testing.T) {
	r := run(t, "", "How many people were killed in the first nine months of 2025?\n", "ask")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"2,414 people killed", "[1]", "Sources:", "Afghan Taliban and Cross Border Terrorism in Pakistan (000_51eec4bc261835c7.txt:1)", "    > Pakistan is witnessing"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, `reason="no index yet"`) {
		t.Errorf("no log line saying why the index was built:\n%s", r.stderr)
	}
	r = run(t, "", "", "ask", "What is the capital of France?")
	if r.code != 0 || !strings.Contains(r.stdout, "doesn't cover") || !strings.Contains(r.stdout, "Closest passages") {
		t.Errorf("declined answer:\n%s", r.stdout)
	}
}

func TestBadInput(t *testing.T) {
	long := strings.Repeat("why ", 600)
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"no command", "", nil, 2, "Usage"},
		{"unknown command", "", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"empty question", "", []string{"ask", "   "}, 2, "question is empty"},
		{"empty stdin", "\n\x00", []string{"ask"}, 2, "question is empty"},
		{"question too long", "", []string{"ask", long}, 2, "longer than 2000 characters"},
		{"unknown flag", "", []string{"ask", "--jsn", "q"}, 2, "flag provided but not defined: -jsn"},
		{"bad k", "", []string{"ask", "-k", "99", "q"}, 2, "-k: must be between 1 and 20"},
		{"passage without id", "", []string{"passage"}, 2, "one passage ID"},
		{"unknown passage", "", []string{"passage", "nope"}, 1, `no passage with ID "nope"`},
		{"eval without file", "", []string{"eval"}, 2, "one evaluation file"},
		{"eval missing file", "", []string{"eval", "/nonexistent/e.yaml"}, 1, "no such file"},
		{"index with args", "", []string{"index", "x"}, 2, "no arguments"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", c.stdin, c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, c.code, c.msg)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"ask", "--help"}, {"index", "-h"}, {"passage", "--help"}, {"eval", "--help"},
		{"chat", "--help"}, {"discord", "--help"}, {"audit", "--help"}, {"audit", "export", "--help"}} {
		r := run(t, "", "", args...)
		if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "Usage") {
			t.Errorf("%v: exit %d, output %q", args, r.code, r.stdout+r.stderr)
		}
	}
}

func TestFlagsAnywhereAndDoubleDash(t *testing.T) {
	r := run(t, "", "", "ask", "What", "are", "fusion", "cells?", "--json", "-k", "2")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	var m map[string]any
	json.Unmarshal([]byte(r.stdout), &m)
	if m["question"] != "What are fusion cells?" {
		t.Errorf("question = %q", m["question"])
	}
	r = run(t, "", "", "ask", "--json", "--", "-k", "fusion cells?")
	json.Unmarshal([]byte(r.stdout), &m)
	if r.code != 0 || m["question"] != "-k fusion cells?" {
		t.Errorf("after --: exit %d, question %q", r.code, m["question"])
	}
}

func TestBadConfig(t *testing.T) {
	for _, c := range []struct{ cfg, msg string }{
		{"data_dri: /tmp/x\n", "unknown key data_dri"},
		{"embedder:\n  kind: magic\n", `embedder.kind "magic" is not supported`},
		{"retrieval:\n  top_k: 0\n", "retrieval.top_k must be between 1 and 20"},
		{"log:\n  level: loud\n", "log.level must be"},
		{"corpus: [\n", "config"},
		{"corpus:\n  dir: /nonexistent/folder\n", "corpus.dir"},
	} {
		r := run(t, c.cfg, "", "ask", "q?")
		if r.code != 1 || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("config %q: exit %d, stderr %q; want %q", c.cfg, r.code, r.stderr, c.msg)
		}
	}
}

func TestCorpusDirReplacesSeeds(t *testing.T) {
	corpus := t.TempDir()
	os.WriteFile(filepath.Join(corpus, "bees.md"), []byte("# Bees\n\n## Diet\n\nHoneybees feed on nectar and pollen.\n"), 0o644)
	os.WriteFile(filepath.Join(corpus, "photo.jpg"), []byte{0xff, 0xd8}, 0o644)
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "d") + "\ncorpus:\n  dir: " + corpus + "\n"
	r := run(t, cfg, "", "ask", "--json", "What do honeybees feed on?")
	if r.code != 0 || !strings.Contains(r.stdout, `"source": "bees.md"`) || !strings.Contains(r.stdout, `"section": "Diet"`) {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "photo.jpg") {
		t.Errorf("skipped file not logged:\n%s", r.stderr)
	}
	os.WriteFile(filepath.Join(corpus, "utf16.txt"), []byte("\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00"), 0o644)
	r = run(t, cfg, "", "ask", "bees?")
	if r.code != 0 || !strings.Contains(r.stderr, "utf16.txt") || !strings.Contains(r.stderr, "UTF-8") {
		t.Errorf("invalid UTF-8 is skipped with a warning, the rest answered: exit %d, %s", r.code, r.stderr)
	}
}

func TestIndexAndPassage(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	cfg := "data_dir: " + data + "\n"
	r := run(t, cfg, "", "index")
	if r.code != 0 || !strings.Contains(r.stdout, "index built (no index yet)") ||
		!strings.Contains(r.stdout, "passages:           18") || !strings.Contains(r.stdout, "duplicates removed: 12") {
		t.Fatalf("index: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, cfg, "", "index")
	if r.code != 0 || !strings.Contains(r.stdout, "index up to date") {
		t.Errorf("second index: %s", r.stdout)
	}
	r = run(t, cfg, "", "index", "--force")
	if r.code != 0 || !strings.Contains(r.stdout, "index built (--force)") {
		t.Errorf("forced index: %s", r.stdout)
	}
	r = run(t, cfg, "", "passage", "12f426dc4135")
	for _, want := range []string{"Passage 12f426dc4135", "Source:  000_51eec4bc261835c7.txt:6", "The Taliban support the TTP for three main reasons."} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("passage output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestEvalCommand(t *testing.T) {
	r := run(t, "", "", "eval", "--json", "../../testdata/eval.yaml")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		HitAt3          float64 `json:"hit_at_3"`
		ExcerptValidity float64 `json:"excerpt_validity"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.HitAt3 == 0 || rep.ExcerptValidity != 1 {
		t.Errorf("report %+v, err %v", rep, err)
	}
	r = run(t, "", "", "eval", "../../testdata/eval.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "hit@3:") {
		t.Errorf("text report:\n%s", r.stdout)
	}
}

func TestAskExplain(t *testing.T) {
	r := run(t, "", "", "ask", "--explain", "wat did the IRS breif say about fusion cels")
	for _, want := range []string{"breif", "→ brief", "not searched: wat, did, the, about (", "citebot answers", "features of the top passage", "subject ", "e82150762a8d 000_51eec4bc261835c7.txt:8"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("explanation lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.code != 0 || !strings.Contains(r.stdout, "fusion cells") {
		t.Errorf("exit %d, answer %q", r.code, r.stdout)
	}
}

// An explanation says when the answer is declined for want of the kind of
// answer asked for, though the confidence is above the threshold (set low,
// so that what is tested is the type check, not where the model puts the
// question).
func TestAskExplainTypeMissing(t *testing.T) {
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "data") + "\nretrieval:\n  min_confidence: 0.2\n"
	r := run(t, cfg, "", "ask", "--explain", "How many Afghan refugees were deported?")
	if !strings.Contains(r.stderr, "citebot declines without a model: no sentence") || strings.Contains(r.stderr, "citebot answers") {
		t.Errorf("explanation:\n%s", r.stderr)
	}
	if r.code != 0 || !strings.Contains(r.stdout, "doesn't cover") {
		t.Errorf("exit %d, answer %q", r.code, r.stdout)
	}
}
