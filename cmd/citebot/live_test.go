package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/discord/discordtest"
	"github.com/citebot/citebot/bot/llm/llmtest"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
)

// liveFacts are the sentences of the live corpus the fake model quotes,
// by a word of the question they answer.
var liveFacts = map[string][]string{
	"sky":    {"The sky on Zorbla is green", "The sky on Zorbla is purple"},
	"moon":   {"The moon of Zorbla is called Pip"},
	"barley": {"Farmers on Kelto plant barley in spring"},
}

// liveModel answers by quoting the fact of the question's topic that one
// of the passages given holds, and declines when none does.
func liveModel(m *llmtest.Server) {
	m.EmbedDims = 64
	m.Chat = func(req llmtest.Request) llmtest.Reply {
		last := req.Messages[len(req.Messages)-1].Content
		q := last[strings.LastIndex(last, "<question>")+1:]
		for topic, facts := range liveFacts {
			if !strings.Contains(q, topic) {
				continue
			}
			for _, f := range facts {
				if n := req.Ref(f); n > 0 {
					return llmtest.Reply{Chunks: []string{fmt.Sprintf(`It says "%s" [%d].`, f, n)}}
				}
			}
		}
		return llmtest.Reply{Chunks: []string{"I cannot answer this from the corpus."}}
	}
}

// liveRun is a Discord bot on a corpus folder it watches.
type liveRun struct {
	*discordRun
	dir   string
	users int
	logAt int // the log up to here has been waited for
}

func startLive(t *testing.T, files map[string]string) *liveRun {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		write(t, filepath.Join(dir, name), text)
	}
	r := startDiscordWith(t, func(m *llmtest.Server) string {
		liveModel(m)
		return fmt.Sprintf("corpus:\n  dir: %s\n  watch_debounce: 50ms\nembedder:\n  kind: openai\n  base_url: %s\n  model: fake-embed\n", dir, m.BaseURL())
	})
	lr := &liveRun{discordRun: r, dir: dir}
	lr.logAt = r.log.waitFor(t, 0, "watching the corpus folder")
	return lr
}

// ask asks a question with /ask, as a new user each time (so that no rate
// limit applies), and returns the answer's text.
func (r *liveRun) ask(t *testing.T, q string) string {
	t.Helper()
	r.users++
	user := discordtest.Member{UserID: fmt.Sprintf("5100000000000%05d", r.users)}
	_, token := r.fake.SlashCommand(channel, user, "ask", map[string]string{"question": q})
	edit := r.fake.WaitFor(10*time.Second, "answer to "+q, func(c discordtest.Call) bool {
		comps, _ := c.Body["components"].([]any)
		return c.Method == "PATCH" && c.Path == "/webhooks/"+discordtest.AppID+"/"+token+"/messages/@original" && len(comps) > 0
	})
	embeds, _ := edit.Body["embeds"].([]any)
	if len(embeds) == 0 {
		return str(edit.Body["content"])
	}
	return str(embeds[0].(map[string]any)["description"])
}

// changed waits for the log to tell of a change (a line holding each of
// want, in order) and for the live reindex after it; it returns how many
// texts were embedded meanwhile.
func (r *liveRun) changed(t *testing.T, before int, want ...string) int {
	t.Helper()
	for _, w := range want {
		r.logAt = r.log.waitFor(t, r.logAt, w)
	}
	return embedded(r.model) - before
}

func embedded(m *llmtest.Server) int {
	n := 0
	for _, b := range m.EmbedBatches() {
		n += b
	}
	return n
}

func TestDiscordFollowsTheCorpusFolder(t *testing.T) {
	r := startLive(t, map[string]string{
		"zorbla.md": "# Zorbla\n\nThe sky on Zorbla is green.\n",
		"kelto.md":  "# Kelto\n\nFarmers on Kelto plant barley in spring.\n",
	})
	if a := r.ask(t, "What colour is the sky?"); !strings.Contains(a, "is green") {
		t.Fatalf("first answer: %s", a)
	}
	if a := r.ask(t, "When is barley planted?"); !strings.Contains(a, "plant barley in spring") {
		t.Fatalf("first answer on barley: %s", a)
	}

	// A new file, in a new subfolder: only its passage is embedded.
	n := embedded(r.model)
	if err := os.Mkdir(filepath.Join(r.dir, "moons"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(r.dir, "moons", "pip.md"), "# Moons\n\nThe moon of Zorbla is called Pip.\n")
	if got := r.changed(t, n, "added=moons/pip.md", "live reindex: 3 passages from 3 documents"); got != 1 {
		t.Errorf("adding a one-passage file embedded %d texts, want 1", got)
	}
	if a := r.ask(t, "What is the name of the moon?"); !strings.Contains(a, "called Pip") {
		t.Errorf("answer after adding a file: %s", a)
	}

	// An edit: the answer changes, the index file follows.
	n = embedded(r.model)
	write(t, filepath.Join(r.dir, "zorbla.md"), "# Zorbla\n\nThe sky on Zorbla is purple.\n")
	if got := r.changed(t, n, "changed=zorbla.md", "live reindex: 3 passages"); got != 1 {
		t.Errorf("editing a one-passage file embedded %d texts, want 1", got)
	}
	if a := r.ask(t, "What colour is the sky?"); !strings.Contains(a, "is purple") {
		t.Errorf("answer after an edit: %s", a)
	}
	c, err := corpus.LoadDir(r.dir, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := indexfile.ReadManifest(filepath.Join(r.data, indexfile.Name)); err != nil || m.CorpusHash != c.Hash {
		t.Errorf("the index file was not saved after the live reindex: %+v %v", m, err)
	}

	// A removal: nothing is embedded, the passage is gone.
	n = embedded(r.model)
	if err := os.Remove(filepath.Join(r.dir, "kelto.md")); err != nil {
		t.Fatal(err)
	}
	if got := r.changed(t, n, "removed=kelto.md", "live reindex: 2 passages from 2 documents"); got != 0 {
		t.Errorf("removing a file embedded %d texts, want 0", got)
	}
	if a := r.ask(t, "When is barley planted?"); strings.Contains(a, "barley in spring") {
		t.Errorf("answer from a removed file: %s", a)
	}

	// A change that leaves no corpus keeps the index in use.
	for _, f := range []string{"zorbla.md", "moons/pip.md"} {
		if err := os.Remove(filepath.Join(r.dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	r.changed(t, 0, "live reindex failed; the index in use stays")
	if a := r.ask(t, "What colour is the sky?"); !strings.Contains(a, "is purple") {
		t.Errorf("answer after a failed reindex: %s", a)
	}
	// And the bot goes on following the folder.
	write(t, filepath.Join(r.dir, "kelto.md"), "# Kelto\n\nFarmers on Kelto plant barley in spring.\n")
	write(t, filepath.Join(r.dir, "zorbla.md"), "# Zorbla\n\nThe sky on Zorbla is green.\n")
	r.changed(t, 0, "live reindex: 2 passages from 2 documents")
	if a := r.ask(t, "What colour is the sky?"); !strings.Contains(a, "is green") {
		t.Errorf("answer after the folder came back: %s", a)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDiffCorpusNamesWhatChanged(t *testing.T) {
	h := func(s string) [32]byte { return sha256.Sum256([]byte(s)) }
	before := map[string][32]byte{"a.md": h("a"), "b.md": h("b"), "c.md": h("c")}
	for _, tc := range []struct {
		name    string
		after   map[string][32]byte
		skipped []corpus.Skipped
		want    string
	}{
		{"nothing", before, []corpus.Skipped{{Path: "old.bin"}}, "[]"},
		{"each kind", map[string][32]byte{"a.md": h("a"), "b.md": h("B"), "d.md": h("d")},
			[]corpus.Skipped{{Path: "old.bin"}, {Path: "e.md", Reason: "not UTF-8", Problem: true}},
			"[added d.md changed b.md removed c.md skipped e.md (not UTF-8)]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := diffCorpus(before, tc.after, map[string]bool{"old.bin": true}, tc.skipped)
			if got := fmt.Sprint(ch.attrs()); got != tc.want || ch.none() != (tc.want == "[]") {
				t.Errorf("attrs %s, want %s", got, tc.want)
			}
		})
	}
	if got := nameSome([]string{"a", "b", "c"}, 2); got != "a, b and 1 more" {
		t.Errorf("nameSome: %q", got)
	}
}
