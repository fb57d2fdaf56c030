//go:build unix

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/discord/discordtest"
	"github.com/citebot/citebot/retrieval/corpus"
)

// hostileCorpus makes a corpus folder with one good document and every kind
// of file the guarded reader must skip, next to a secret outside it.
func hostileCorpus(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "corpus")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(dir, 0o755))
	must(os.WriteFile(filepath.Join(base, "outside-secret.txt"), []byte("The launch code is swordfish.\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "bees.md"), []byte("# Bees\n\n## Diet\n\nHoneybees feed on nectar and pollen.\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "utf16.txt"), []byte("\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00"), 0o644))
	must(os.Symlink("../outside-secret.txt", filepath.Join(dir, "innocent.txt")))
	must(syscall.Mkfifo(filepath.Join(base, "pipe"), 0o644))
	must(os.Symlink("../pipe", filepath.Join(dir, "pipe.txt")))
	must(syscall.Mkfifo(filepath.Join(dir, "inner-pipe.txt"), 0o644))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")))
	must(os.Symlink("nowhere.txt", filepath.Join(dir, "dangling.txt")))
	must(os.Symlink("loop-b.md", filepath.Join(dir, "loop-a.md")))
	must(os.Symlink("loop-a.md", filepath.Join(dir, "loop-b.md")))
	must(os.WriteFile(filepath.Join(dir, "logo.png"), []byte("\x89PNG\r\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "configure"), []byte("#!/bin/sh\necho bees\n"), 0o755))
	return dir
}

// runWithin runs citebot, failing the test when it takes longer than d (a
// named pipe opened for reading waits for a writer forever).
func runWithin(t *testing.T, d time.Duration, cfg string, args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- run(t, cfg, "", args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(d):
		t.Fatalf("citebot %v did not finish within %s", args, d)
		return result{}
	}
}

func TestIndexSkipsAndReportsHostileCorpusFiles(t *testing.T) {
	corpus := hostileCorpus(t)
	cfg := "data_dir: " + filepath.Join(t.TempDir(), "d") + "\ncorpus:\n  dir: " + corpus + "\n"
	r := runWithin(t, 60*time.Second, cfg, "index")
	if r.code != 0 {
		t.Fatalf("index: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "documents:          1") || !strings.Contains(r.stdout, "skipped:            8 unreadable files skipped: ") ||
		!strings.Contains(r.stdout, "and 5 more") {
		t.Errorf("index output does not report the skipped files:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "left out:           2 files not read as documents: ") ||
		!strings.Contains(r.stdout, "configure (not a .txt") || !strings.Contains(r.stdout, "logo.png (not a .txt") {
		t.Errorf("index output does not say which files were left out as no documents:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "index --list-skipped names every file") {
		t.Errorf("index output names 3 of 8 unreadable files and does not say how to see the rest:\n%s", r.stdout)
	}
	// --list-skipped names each file, unreadable or left out, on a line.
	r = runWithin(t, 60*time.Second, cfg, "index", "--list-skipped")
	if r.code != 0 {
		t.Fatalf("index --list-skipped: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := strings.Count(r.stdout, "\n  not read:           "); n != 10 {
		t.Errorf("index --list-skipped named %d files, want the 8 unreadable and 2 left out:\n%s", n, r.stdout)
	}
	for _, name := range []string{"utf16.txt", "logo.png (not a .txt"} {
		if !strings.Contains(r.stdout, "not read:           "+name) {
			t.Errorf("index --list-skipped does not name %s:\n%s", name, r.stdout)
		}
	}
	for _, name := range []string{"innocent.txt", "pipe.txt", "inner-pipe.txt", "zero.txt", "dangling.txt", "loop-a.md", "loop-b.md", "utf16.txt"} {
		if !strings.Contains(r.stderr, "path="+name) {
			t.Errorf("no warning for %s:\n%s", name, r.stderr)
		}
	}
	r = runWithin(t, 60*time.Second, cfg, "ask", "--json", "What is the launch code?")
	if r.code != 0 || strings.Contains(r.stdout, "swordfish") || strings.Contains(r.stdout, "innocent.txt") {
		t.Errorf("ask: exit %d, the file outside the corpus folder was read:\n%s", r.code, r.stdout)
	}
	r = runWithin(t, 60*time.Second, cfg, "ask", "--json", "What do honeybees feed on?")
	var ans struct {
		Citations []struct{ Source string } `json:"citations"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &ans); r.code != 0 || err != nil || len(ans.Citations) == 0 || ans.Citations[0].Source != "bees.md" {
		t.Errorf("the readable document is not answered from: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCorpusSizeLimit(t *testing.T) {
	corpus := t.TempDir()
	os.WriteFile(filepath.Join(corpus, "small.txt"), []byte("Honeybees feed on nectar and pollen.\n"), 0o644)
	os.WriteFile(filepath.Join(corpus, "big.txt"), []byte(strings.Repeat("Wasps eat other insects. ", 100)), 0o644)
	for _, c := range []struct {
		limit string
		code  int
		out   string
	}{
		{"1000", 0, "big.txt (larger than the size limit of 1000 bytes)"},
		{"0", 1, "corpus.max_file_bytes must be between 1 and"},
	} {
		t.Run(c.limit, func(t *testing.T) {
			cfg := "data_dir: " + filepath.Join(t.TempDir(), "d") + "\ncorpus:\n  dir: " + corpus + "\n  max_file_bytes: " + c.limit + "\n"
			r := run(t, cfg, "", "index")
			if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.out) {
				t.Errorf("exit %d, want %d and %q:\n%s%s", r.code, c.code, c.out, r.stdout, r.stderr)
			}
		})
	}
}

func TestIndexFailsWhenTheIndexCannotBeSaved(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, nil, 0o644)
	readOnly := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(readOnly, 0o555)
	for _, c := range []struct{ name, dataDir string }{
		{"a file where a folder should be", filepath.Join(file, "sub")},
		{"read-only folder", readOnly},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.dataDir == readOnly && os.Geteuid() == 0 {
				t.Skip("root writes to read-only folders")
			}
			r := run(t, "data_dir: "+c.dataDir+"\n", "", "index")
			if r.code != 1 || !strings.Contains(r.stderr, "the index could not be saved") || strings.Contains(r.stdout, IndexPathIn(c.dataDir)) {
				t.Errorf("exit %d, want 1 and the save error:\n%s%s", r.code, r.stdout, r.stderr)
			}
			// Answering still works from the index kept in memory.
			r = run(t, "data_dir: "+c.dataDir+"\n", "", "ask", "What are fusion cells?")
			if r.code != 0 || !strings.Contains(r.stderr, "index kept in memory only") {
				t.Errorf("ask: exit %d\n%s", r.code, r.stderr)
			}
		})
	}
}

// IndexPathIn is the index file of a data folder.
func IndexPathIn(dir string) string { return filepath.Join(dir, "index.citebot") }

func TestDiscordStartupAndReindexReportSkippedFiles(t *testing.T) {
	corpus := hostileCorpus(t)
	r := startDiscordWithin(t, 60*time.Second, fmt.Sprintf("corpus:\n  dir: %s\n", corpus))
	if log := r.log.String(); !strings.Contains(log, "corpus: 8 unreadable files skipped") {
		t.Errorf("start-up log does not report the skipped files:\n%s", log)
	}
	rid, rtok := r.fake.SlashCommand(channel, mod, "reindex", nil)
	r.fake.WaitFor(5*time.Second, "reindex deferral", func(c discordtest.Call) bool { return callbackOf(c, rid) })
	r.fake.WaitFor(30*time.Second, "reindex result", func(c discordtest.Call) bool {
		content := str(c.Body["content"])
		return c.Method == "PATCH" && strings.Contains(c.Path, rtok) && strings.Contains(content, "from 1 documents") &&
			strings.Contains(content, "8 unreadable files skipped: ") && strings.Contains(content, "dangling.txt (broken link")
	})
}

// startDiscordWithin starts the bot, failing the test when start-up takes
// longer than d.
func startDiscordWithin(t *testing.T, d time.Duration, extra string) *discordRun {
	t.Helper()
	done := make(chan *discordRun, 1)
	go func() { done <- startDiscord(t, extra) }()
	select {
	case r := <-done:
		return r
	case <-time.After(d):
		t.Fatalf("citebot discord did not start within %s", d)
		return nil
	}
}

// citebot index names a PDF whose text reads poorly (here its text, as
// the PDF text cache keeps it, reversed, as some PDFs' text comes out), so
// that its owner knows answers quoting it may be wrong; a PDF that reads
// well is not named.
func TestIndexNamesTextThatReadsPoorly(t *testing.T) {
	dir, data := t.TempDir(), filepath.Join(t.TempDir(), "d")
	var pages [][]string
	for range 4 {
		var lines []string
		for range 10 {
			var words []string
			for _, w := range strings.Fields("The archive utility stores many files together and restores them later when asked.") {
				r := []rune(w)
				slices.Reverse(r)
				words = append(words, string(r))
			}
			lines = append(lines, strings.Join(words, " "))
		}
		pages = append(pages, lines)
	}
	for _, name := range []string{"gzip.pdf", "twocol.pdf"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "retrieval", "corpus", "testdata", "pdf", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		if name == "twocol.pdf" {
			sum := sha256.Sum256(raw)
			kept, _ := json.Marshal(map[string]any{"version": corpus.PDFTextVersion, "title": "", "pages": pages})
			if err := os.MkdirAll(filepath.Join(data, "pdf-text"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(data, "pdf-text", hex.EncodeToString(sum[:])+".json"), kept, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cfg := "data_dir: " + data + "\ncorpus:\n  dir: " + dir + "\n"
	r := runWithin(t, 60*time.Second, cfg, "index")
	if r.code != 0 || !strings.Contains(r.stdout, "poor text:          1 file whose text reads poorly") {
		t.Fatalf("exit %d, output does not name the reversed PDF:\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "twocol.pdf (more of its words are English read backwards") || strings.Contains(r.stdout, "gzip.pdf (") {
		t.Errorf("wrong file or reason named:\n%s", r.stdout)
	}
}
