package indexfile_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/indexfile"
	"github.com/citebot/citebot/retrieval/lexical"
)

func contents() indexfile.Contents {
	ps := []corpus.Passage{
		{ID: "a", Text: "Honeybees feed on nectar.", Locator: corpus.Locator{Source: "a.txt", Title: "Bees", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Wasps hunt insects.", Locator: corpus.Locator{Source: "b.txt", Title: "Wasps", LineStart: 1, LineEnd: 1}},
	}
	return indexfile.Contents{
		Manifest: indexfile.Manifest{Format: indexfile.Version, CorpusHash: "h", Embedder: "e", Dims: 2, Passages: 2, Documents: 2},
		Passages: ps,
		Lexicon:  lexical.Build(ps),
		Vectors:  [][]float32{{1, 0}, {0.6, 0.8}},
	}
}

func TestWriteThenRead(t *testing.T) {
	dir := t.TempDir()
	want := contents()
	if err := indexfile.Write(dir, want); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, indexfile.Name)
	got, err := indexfile.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Manifest != want.Manifest || !reflect.DeepEqual(got.Passages, want.Passages) || !reflect.DeepEqual(got.Vectors, want.Vectors) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
	if !reflect.DeepEqual(got.Lexicon, want.Lexicon) {
		t.Error("the lexicon read back, prepared, differs from the one built")
	}
	if m, err := indexfile.ReadManifest(path); err != nil || m != want.Manifest {
		t.Errorf("manifest %+v, %v", m, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".index-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestReadRefusesDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	if err := indexfile.Write(dir, contents()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, indexfile.Name)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func([]byte) []byte{
		"truncated":    func(b []byte) []byte { return b[:len(b)-3] },
		"flipped byte": func(b []byte) []byte { b = append([]byte(nil), b...); b[len(b)-5] ^= 0xff; return b },
		"not an index": func([]byte) []byte { return []byte("hello\n") },
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), indexfile.Name)
			if err := os.WriteFile(p, damage(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := indexfile.Read(p); err == nil {
				t.Error("read a damaged file without error")
			}
		})
	}
}
