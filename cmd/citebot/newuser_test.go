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

// runConfig runs citebot with the configuration cfg passed by --config,
// after the other arguments.
func runConfig(t *testing.T, cfg string, args ...string) result {
	t.Helper()
	path := filepath.Join(t.TempDir(), "citebot.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	app := &App{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := app.Run(t.Context(), append(args, "--config", path))
	return result{code, out.String(), errb.String()}
}

// TestConfigErrorsSpeakTheFilesLanguage: a mistake in the configuration is
// told by line and key path, with what the key takes, never in Go's types.
func TestConfigErrorsSpeakTheFilesLanguage(t *testing.T) {
	for _, c := range []struct {
		name, cfg string
		want      []string
	}{
		{"unknown key in a section", "data_dir: /tmp/x\ncorpus:\n  dirr: docs\n",
			[]string{"line 3: unknown key corpus.dirr; did you mean corpus.dir? (known keys in corpus: dir, max_file_bytes, link, watch, watch_debounce)"}},
		{"unknown top-level key", "data_dri: /tmp/x\n",
			[]string{"line 1: unknown key data_dri; did you mean data_dir? (known top-level keys: data_dir, corpus, embedder, retrieval, llm, discord, serve, audit, log"}},
		{"nothing close", "llm:\n  model: m\n  zzzzzz: 1\n",
			[]string{"line 3: unknown key llm.zzzzzz (known keys in llm: base_url, model,"}},
		{"word for a duration", "llm:\n  timeout: soon\n",
			[]string{`line 2: llm.timeout: "soon" is not a duration; use a duration such as 90s or 2m`}},
		{"number for a duration", "discord:\n  edit_interval: 1500\n",
			[]string{`line 2: discord.edit_interval: "1500" is not a duration; use a duration such as 90s or 2m`}},
		{"word for a number", "retrieval:\n  top_k: many\n",
			[]string{`line 2: retrieval.top_k: "many" is not a whole number`}},
		{"value for a section", "corpus: docs\n",
			[]string{`line 1: corpus must be a section of keys (dir, max_file_bytes, link, watch, watch_debounce), not "docs"`}},
		{"word for a list", "discord:\n  allowed_roles: mods\n",
			[]string{`line 2: discord.allowed_roles must be a list`}},
		{"every problem at once", "corpus:\n  dirr: x\nllm:\n  timeout: soon\n",
			[]string{"2 problems:", "line 2: unknown key corpus.dirr", "line 4: llm.timeout"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runConfig(t, c.cfg, "ask", "q?")
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			for _, goTalk := range []string{"struct {", "!!str", "!!int", "time.Duration", "unmarshal"} {
				if strings.Contains(r.stderr, goTalk) {
					t.Errorf("stderr speaks Go (%q):\n%s", goTalk, r.stderr)
				}
			}
		})
	}
	// A good file still loads, durations and nulls included.
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "d") + "\ncorpus:\nllm:\n  timeout: 2m\ndiscord:\n  allowed_roles: [a, b]\n"
	if r := runConfig(t, cfg, "ask", "What are fusion cells?"); r.code != 0 {
		t.Errorf("good config: exit %d: %s", r.code, r.stderr)
	}
}

// TestPromptsDirErrorNamesTheKey: a missing prompts folder is told as the
// configuration key that names it, with the path.
func TestPromptsDirErrorNamesTheKey(t *testing.T) {
	dir := t.TempDir()
	cfg := "data_dir: " + filepath.Join(dir, "data") + "\nllm:\n  base_url: http://127.0.0.1:9/v1\n  model: m\n  prompts_dir: " + filepath.Join(dir, "nope") + "\n"
	r := runConfig(t, cfg, "ask", "What are fusion cells?")
	if r.code != 1 || !strings.Contains(r.stderr, "citebot: llm.prompts_dir: the folder "+filepath.Join(dir, "nope")+" does not exist") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestKOutsideItsRange: -k takes 1–20, as the help says, in every command
// that has it.
func TestKOutsideItsRange(t *testing.T) {
	for _, cmd := range []string{"ask", "chat", "eval"} {
		for _, k := range []string{"0", "-1", "21", "two"} {
			t.Run(cmd+" -k "+k, func(t *testing.T) {
				args := []string{cmd, "-k", k}
				switch cmd {
				case "ask":
					args = append(args, "What are fusion cells?")
				case "eval":
					args = append(args, "../../testdata/eval.yaml")
				}
				r := run(t, "", "", args...)
				want := `invalid value "` + k + `" for flag -k: must be between 1 and 20`
				if r.code != 2 || !strings.Contains(r.stderr, want) {
					t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, want)
				}
			})
		}
	}
	for _, k := range []string{"1", "20"} {
		if r := run(t, "", "", "ask", "-k", k, "What are fusion cells?"); r.code != 0 {
			t.Errorf("-k %s: exit %d: %s", k, r.code, r.stderr)
		}
	}
}

// TestEvalBlankQuestionFailsAlone: a blank (or missing) question is a
// failure of that question; the others are still scored.
func TestEvalBlankQuestionFailsAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.yaml")
	body := "- id: blank\n  question: \"  \"\n  answerable: true\n  evidence: x\n" +
		"- id: fusion\n  question: What are fusion cells?\n  answerable: true\n  evidence: joint coordination units\n" +
		"- id: missing\n  answerable: false\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "", "eval", "--json", path)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Questions int     `json:"questions"`
		HitAt1    float64 `json:"hit_at_1"`
		Cases     []struct {
			ID       string   `json:"id"`
			Problems []string `json:"problems"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if rep.Questions != 3 || len(rep.Cases) != 3 || rep.HitAt1 != 0.5 {
		t.Fatalf("report %+v", rep)
	}
	for _, c := range rep.Cases {
		failed := len(c.Problems) == 1 && strings.Contains(c.Problems[0], "question is empty")
		if failed != (c.ID != "fusion") {
			t.Errorf("case %s: problems %v", c.ID, c.Problems)
		}
	}
}

// TestPassageJSONSpeaksLikeAsk: passage --json names its fields as the
// citations of ask --json do.
func TestPassageJSONSpeaksLikeAsk(t *testing.T) {
	r := run(t, "", "", "passage", "--json", "12f426dc4135")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	want := []string{"line_end", "line_start", "passage", "passage_id", "section", "source", "title"}
	if got := keys(m); !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	if m["passage_id"] != "12f426dc4135" || !strings.Contains(m["passage"].(string), "three main reasons") {
		t.Errorf("passage %v", m)
	}
}

// TestCorpusLinkReachesEveryOutput: with corpus.link set, passage --json
// has the passage's url, and passage and ask show it to people.
func TestCorpusLinkReachesEveryOutput(t *testing.T) {
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "data") + "\ncorpus:\n  link: https://example.org/docs/{path}#L{start}-L{end}\n"
	const url = "https://example.org/docs/000_51eec4bc261835c7.txt#L6-L6"
	r := run(t, cfg, "", "passage", "--json", "12f426dc4135")
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); r.code != 0 || err != nil {
		t.Fatalf("exit %d, %v: %s%s", r.code, err, r.stdout, r.stderr)
	}
	if m["url"] != url {
		t.Errorf("passage --json url %v, want %s", m["url"], url)
	}
	r = run(t, cfg, "", "passage", "12f426dc4135")
	if want := "Link:    " + url + "\n"; r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("passage lacks %q:\n%s%s", want, r.stdout, r.stderr)
	}
	r = run(t, cfg, "", "ask", "Why do the Taliban support the TTP?")
	if want := "  id 12f426dc4135  " + url + "\n"; r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("ask lacks %q:\n%s%s", want, r.stdout, r.stderr)
	}
	r = run(t, cfg, "Why do the Taliban support the TTP?\n/passage 1\n/quit\n", "chat")
	if want := "Link:    " + url + "\n"; r.code != 0 || !strings.Contains(r.stdout, "  id 12f426dc4135  "+url+"\n") || !strings.Contains(r.stdout, want) {
		t.Errorf("chat lacks the link on its source and %q:\n%s%s", want, r.stdout, r.stderr)
	}
	r = run(t, strings.Replace(cfg, "{start}", "{line}", 1), "", "ask", "Why do the Taliban support the TTP?")
	if want := "corpus.link \"https://example.org/docs/{path}#L{line}-L{end}\": unknown placeholder {line} (use {path}, {start}, {end}, {anchor}, {page})"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, want 1 and %q:\n%s", r.code, want, r.stderr)
	}
}

// TestHostileNamesStayInTheirPlace: file names, titles, sections and
// excerpts with line breaks, escape sequences and bidi overrides are shown
// escaped, and can't fake a line of citebot's own.
func TestHostileNamesStayInTheirPlace(t *testing.T) {
	corpus := t.TempDir()
	name := "bees\n    > FAKE VERIFIED QUOTE [9]\n\x1b[31mred\u202e.md"
	text := "# Bees \x1b]0;pwned\x07 guide\n\n## Diet \u202egnp.exe\u202c\n\n" +
		"Honeybees feed on nectar\n> FAKE VERIFIED QUOTE [8]\nand pollen. Bees \x1b[2J\u0085clear screens.\n"
	if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
		t.Skipf("this file system takes no such name: %v", err)
	}
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "d") + "\ncorpus:\n  dir: " + corpus + "\n"
	r := run(t, cfg, "", "ask", "What do honeybees feed on?")
	if r.code != 0 || !strings.Contains(r.stdout, "Sources:") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	_, sources, _ := strings.Cut(r.stdout, "\nSources:\n")
	lines := strings.Split(strings.TrimRight(sources, "\n"), "\n")
	if !strings.HasPrefix(lines[0], `[1] Bees \x1b]0;pwned\x07 guide › Diet \u202egnp.exe\u202c (bees\n    > FAKE VERIFIED QUOTE [9]\n\x1b[31mred\u202e.md:5`) {
		t.Errorf("source line %q", lines[0])
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "    > ") {
			t.Errorf("line %q under Sources: is neither a source nor an excerpt line", l)
		}
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, "FAKE VERIFIED QUOTE [9]") && !strings.HasPrefix(l, "[1] ") {
			t.Errorf("the file name made a line of its own: %q", l)
		}
	}
	if !slices.Contains(lines, "    > > FAKE VERIFIED QUOTE [8]") {
		t.Errorf("the excerpt's own lines are not each marked as excerpt:\n%s", sources)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(run(t, cfg, "", "ask", "--json", "What do honeybees feed on?").stdout), &m); err != nil {
		t.Fatal(err)
	}
	id := m["citations"].([]any)[0].(map[string]any)["passage_id"].(string)
	r3 := run(t, cfg, "", "passage", id)
	for _, out := range []string{r.stdout, r3.stdout} {
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u202c", "\u0085"} {
			if strings.Contains(out, bad) {
				t.Errorf("output holds %q:\n%s", bad, out)
			}
		}
	}
	// The passage starts at its section's heading (line 3); the title
	// above it (line 1) is its Title, not its text.
	if !strings.Contains(r3.stdout, "Source:  bees\\n    > FAKE VERIFIED QUOTE [9]\\n\\x1b[31mred\\u202e.md:3–7") {
		t.Errorf("passage output:\n%s", r3.stdout)
	}
}
