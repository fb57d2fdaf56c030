package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/citebot/citebot/bot/serve"
)

// TestReloadKeepsTheIndexOfAnUnchangedCorpus: /reindex of a corpus that
// did not change answers from the index the bot holds, not a second copy
// loaded beside it; after an edit it answers from a new one.
func TestReloadKeepsTheIndexOfAnUnchangedCorpus(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(docs, "bees.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# Bees\n\nHoneybees feed on nectar and pollen.\n")
	cfg := filepath.Join(dir, "config.yaml")
	yaml := "data_dir: " + filepath.Join(dir, "data") + "\ncorpus:\n  dir: " + docs + "\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &App{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	e, err := a.setup(commonFlags{config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	r := &reloader{e: e}
	first, _, err := r.reload(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	inUse := first
	r.current = func() serve.Engine { return inUse }
	again, _, err := r.reload(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if again.Index != first.Index {
		t.Error("a reload of the unchanged corpus loaded a second index")
	}
	write("# Bees\n\nHoneybees feed on nectar and pollen.\n\nWasps hunt insects.\n")
	edited, _, err := r.reload(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if edited.Index == first.Index || len(edited.Index.Passages()) == len(first.Index.Passages()) {
		t.Errorf("after an edit: %d passages, the old index kept: %v", len(edited.Index.Passages()), edited.Index == first.Index)
	}
}
