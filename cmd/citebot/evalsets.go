package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/citebot/citebot/bot/eval"
)

// evalSetDir is the data folder of one evaluation set, inside the
// configured data folder, so that no set replaces the main index or
// another set's. "" when there is no data folder (indexes are then kept in
// memory).
func (e *env) evalSetDir(name string) string {
	root := e.dataDir()
	if root == "" {
		return ""
	}
	return filepath.Join(root, "eval", name)
}

// evalTarget opens the index of one evaluation corpus, built in the set's
// data folder, through the same wiring as every other command: corpusDir
// "" is the embedded default corpus.
func (e *env) evalTarget(ctx context.Context, corpusDir, setDir string, k int) (eval.Target, error) {
	s := *e
	s.cfg.Corpus.Dir = corpusDir
	s.cfg.DataDir = ""
	if setDir != "" {
		s.cfg.DataDir = filepath.Join(setDir, "index")
	}
	ix, c, err := s.openIndex(ctx)
	if err != nil {
		return eval.Target{}, err
	}
	p, err := s.pipeline(ix, k)
	if err != nil {
		return eval.Target{}, err
	}
	return eval.Target{Pipeline: p, Searcher: ix, Corpus: c, Passages: ix.Passages(), MinConfidence: e.cfg.Retrieval.MinConfidence}, nil
}

// squadTarget writes the articles of a SQuAD file as a corpus folder in the
// set's data folder (a temporary one without a data folder) and opens its
// index. The returned func removes a temporary folder.
func (e *env) squadTarget(ctx context.Context, sq *eval.SQuAD, setDir string, k int) (eval.Target, func(), error) {
	done := func() {}
	if setDir == "" {
		tmp, err := os.MkdirTemp("", "citebot-eval-")
		if err != nil {
			return eval.Target{}, done, fmt.Errorf("SQuAD corpus: %w", err)
		}
		done = func() { os.RemoveAll(tmp) }
		setDir = tmp
	}
	dir := filepath.Join(setDir, "corpus")
	if err := writeCorpus(dir, sq.Files); err != nil {
		return eval.Target{}, done, err
	}
	t, err := e.evalTarget(ctx, dir, setDir, k)
	return t, done, err
}

// writeCorpus makes dir hold exactly files: unchanged files are left alone
// (so the index stays up to date), others written, stale ones removed.
func writeCorpus(dir string, files map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("SQuAD corpus: %w", err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("SQuAD corpus: %w", err)
	}
	for _, ent := range ents {
		if _, ok := files[ent.Name()]; !ok {
			if err := os.RemoveAll(filepath.Join(dir, ent.Name())); err != nil {
				return fmt.Errorf("SQuAD corpus: %w", err)
			}
		}
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, []byte(text)) {
			continue
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return fmt.Errorf("SQuAD corpus: %w", err)
		}
	}
	return nil
}

// squadSetName names the data folder of a SQuAD file evaluated on its own,
// by its content.
func squadSetName(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "squad-" + hex.EncodeToString(sum[:6])
}

// evalFile runs one evaluation file: a YAML set over the configured corpus
// and index, or a SQuAD file over its own articles, indexed apart.
func (a *App) evalFile(ctx context.Context, cf commonFlags, k int, path string) (eval.Report, error) {
	cases, sq, err := eval.Load(path)
	if err != nil {
		return eval.Report{}, err
	}
	if sq == nil {
		o, err := a.open(ctx, cf, k)
		if err != nil {
			return eval.Report{}, err
		}
		return eval.Run(ctx, cases, eval.Target{Pipeline: o.p, Searcher: o.ix, Corpus: o.corpus, Passages: o.ix.Passages(),
			MinConfidence: o.cfg.Retrieval.MinConfidence})
	}
	e, err := a.setup(cf)
	if err != nil {
		return eval.Report{}, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return eval.Report{}, fmt.Errorf("read evaluation file: %w", err)
	}
	t, done, err := e.squadTarget(ctx, sq, e.evalSetDir(squadSetName(raw)), k)
	defer done()
	if err != nil {
		return eval.Report{}, err
	}
	return eval.Run(ctx, cases, t)
}

// suiteOptions are eval --suite's flags.
type suiteOptions struct {
	asJSON, markdown bool
	readme           string
}

// runSuite runs every available set of a suite, each over its own corpus
// and index, and prints a table per set (or one Markdown table); with
// readme, it writes the Markdown table into that file between the eval
// markers.
func (a *App) runSuite(ctx context.Context, cf commonFlags, k int, path string, so suiteOptions) error {
	suite, err := eval.LoadSuite(path)
	if err != nil {
		return err
	}
	e, err := a.setup(cf)
	if err != nil {
		return err
	}
	var results []eval.SetResult
	for _, set := range suite.Sets {
		res := eval.SetResult{Name: set.Name}
		if why := set.Unavailable(); why != "" {
			res.Skipped = why
			results = append(results, res)
			if !so.asJSON && !so.markdown {
				fmt.Fprintf(a.Stdout, "== %s: skipped: %s\n\n", set.Name, why)
			}
			continue
		}
		rep, err := a.runSet(ctx, e, k, set)
		if err != nil {
			return fmt.Errorf("set %s: %w", set.Name, err)
		}
		res.Report = &rep
		results = append(results, res)
		if !so.asJSON && !so.markdown {
			fmt.Fprintf(a.Stdout, "== %s (%s; corpus: %s)\n", set.Name, set.Eval, set.Corpus)
			rep.WriteMeasures(a.Stdout)
			fmt.Fprintln(a.Stdout)
		}
	}
	var md strings.Builder
	eval.WriteMarkdown(&md, results)
	if so.readme != "" {
		raw, err := os.ReadFile(so.readme)
		if err != nil {
			return fmt.Errorf("update readme: %w", err)
		}
		doc, err := eval.ReplaceBlock(string(raw), md.String())
		if err != nil {
			return fmt.Errorf("update readme %s: %w", so.readme, err)
		}
		if err := writeFileAtomic(so.readme, []byte(doc)); err != nil {
			return fmt.Errorf("update readme: %w", err)
		}
		if !so.asJSON {
			fmt.Fprintf(a.Stdout, "updated %s\n", so.readme)
		}
	}
	switch {
	case so.asJSON:
		return a.output(true, results, nil)
	case so.markdown:
		io.WriteString(a.Stdout, md.String())
	}
	return nil
}

// runSet runs one available set of a suite.
func (a *App) runSet(ctx context.Context, e *env, k int, set eval.SuiteSet) (eval.Report, error) {
	cases, evalSQuAD, err := eval.Load(set.Eval)
	if err != nil {
		return eval.Report{}, err
	}
	dir := e.evalSetDir(set.Name)
	var t eval.Target
	switch set.Kind() {
	case eval.KindSeeds:
		t, err = e.evalTarget(ctx, "", dir, k)
	case eval.KindFolder:
		t, err = e.evalTarget(ctx, set.Corpus, dir, k)
	case eval.KindSQuAD:
		sq := evalSQuAD
		if set.Corpus != set.Eval || sq == nil {
			_, sq, err = eval.Load(set.Corpus)
			if err == nil && sq == nil {
				err = fmt.Errorf("corpus %s is not a SQuAD JSON file", set.Corpus)
			}
			if err != nil {
				return eval.Report{}, err
			}
		}
		var done func()
		t, done, err = e.squadTarget(ctx, sq, dir, k)
		defer done()
	}
	if err != nil {
		return eval.Report{}, err
	}
	return eval.Run(ctx, cases, t)
}

// writeFileAtomic replaces path with data through a temporary file in the
// same folder, keeping path's permissions.
func writeFileAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
