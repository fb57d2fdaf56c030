package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/citebot/citebot/bot/llm/llmtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestAskJSONGolden holds the `ask --json` contract to the byte: field
// names, their order and their values, for an extractive answer, a declined
// question and a model's answer with a verified and an unverified quotation.
func TestAskJSONGolden(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		n := req.Ref("ideological ties")
		return llmtest.Reply{Chunks: []string{
			fmt.Sprintf(`They back it because "both groups share deep ideological ties" [%d] `, n),
			fmt.Sprintf(`and "the moon is made of cheese" [%d].`, n),
		}}
	}
	withLink := func(cfg string) string {
		return cfg + "corpus:\n  link: https://github.com/org/repo/blob/main/{path}#L{start}-L{end}\n"
	}
	for _, c := range []struct {
		name, cfg, question string
	}{
		{"extractive", "", "How many people were killed in the first nine months of 2025?"},
		{"declined", "", "What is the capital of France?"},
		{"llm", llmConfig(t, srv, ""), "Why do the Taliban support the TTP?"},
		// corpus.link: a url after line_end on each citation.
		{"extractive_link", withLink("data_dir: " + filepath.Join(t.TempDir(), "data") + "\n"), "How many people were killed in the first nine months of 2025?"},
		{"llm_link", withLink(llmConfig(t, srv, "")), "Why do the Taliban support the TTP?"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.cfg, "", "ask", "--json", c.question)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			path := filepath.Join("testdata", "ask_"+c.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/citebot -run TestAskJSONGolden -update to create it)", err)
			}
			if r.stdout != string(want) {
				t.Errorf("ask --json differs from %s; if the change is intended, run with -update and review the diff\n--- got ---\n%s", path, r.stdout)
			}
		})
	}
}
