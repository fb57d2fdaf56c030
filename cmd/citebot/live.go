package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/bot/serve/watch"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

// reloader builds the engine of a long-running front end from the corpus,
// first at start, then on every /reindex and change of the corpus folder.
// It remembers what the engine in use was built from, to log what changed
// and to reuse the vectors of unchanged passages. Its calls never overlap
// (the first comes before the core exists, the others through
// serve.Core.Reload, one at a time).
type reloader struct {
	e *env
	// current returns the engine in use; nil before the first.
	current func() serve.Engine
	docs    map[string][32]byte // content hash of each document of the engine in use, by path
	skipped map[string]bool     // the files skipped then
}

// reload reads the corpus and returns its engine: the index in use when
// the corpus is the same, else one rebuilt with what the old one holds.
func (r *reloader) reload(ctx context.Context) (serve.Engine, string, error) {
	start := time.Now()
	e := r.e
	var old *retrieval.Index
	if r.current != nil {
		old = r.current().Index
	}
	var c *corpus.Corpus
	var err error
	if old == nil {
		c, err = e.loadCorpus() // logs every skipped file
	} else {
		c, err = e.readCorpus() // changes are logged below
	}
	if err != nil {
		return serve.Engine{}, "", err
	}
	docs, skipped := fingerprint(c)
	var ix *retrieval.Index
	if old != nil {
		ch := diffCorpus(r.docs, docs, r.skipped, c.Skipped)
		if ch.none() {
			e.log.Info("corpus unchanged", "documents", len(docs))
		} else {
			e.log.Info("corpus changed", ch.attrs()...)
		}
		for _, s := range ch.skipped {
			if s.Problem {
				e.log.Warn("skipping unreadable corpus file", "path", s.Path, "reason", s.Reason)
			}
		}
		if c.Hash == old.Manifest().CorpusHash {
			ix = old // the same text: the same index
		}
	}
	if ix == nil {
		if ix, err = e.indexCorpus(ctx, c, old); err != nil {
			return serve.Engine{}, "", err
		}
	}
	p, err := e.pipeline(ix, 0)
	if err != nil {
		return serve.Engine{}, "", err
	}
	r.docs, r.skipped = docs, skipped
	m := ix.Manifest()
	status := fmt.Sprintf("%d passages from %d documents (%d duplicates removed) in %s.", m.Passages, m.Documents, m.Duplicates, time.Since(start).Round(time.Millisecond))
	if sum := c.ProblemSummary(skippedShown); sum != "" {
		status += " " + sum + "."
	}
	return serve.Engine{Pipeline: p, Index: ix, Corpus: c}, status, nil
}

// fingerprint returns the content hash of each document of c by path, and
// the paths c skipped.
func fingerprint(c *corpus.Corpus) (map[string][32]byte, map[string]bool) {
	docs := make(map[string][32]byte, len(c.Documents))
	for _, d := range c.Documents {
		docs[d.Source] = sha256.Sum256([]byte(d.Text))
	}
	skipped := make(map[string]bool, len(c.Skipped))
	for _, s := range c.Skipped {
		skipped[s.Path] = true
	}
	return docs, skipped
}

// corpusChange is how one reading of a corpus differs from the one before.
type corpusChange struct {
	added, changed, removed []string
	skipped                 []corpus.Skipped // newly skipped
}

func diffCorpus(before, after map[string][32]byte, skippedBefore map[string]bool, skipped []corpus.Skipped) corpusChange {
	var ch corpusChange
	for _, p := range slices.Sorted(maps.Keys(after)) {
		h, ok := before[p]
		switch {
		case !ok:
			ch.added = append(ch.added, p)
		case h != after[p]:
			ch.changed = append(ch.changed, p)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(before)) {
		if _, ok := after[p]; !ok {
			ch.removed = append(ch.removed, p)
		}
	}
	for _, s := range skipped {
		if !skippedBefore[s.Path] {
			ch.skipped = append(ch.skipped, s)
		}
	}
	return ch
}

func (ch corpusChange) none() bool {
	return len(ch.added)+len(ch.changed)+len(ch.removed)+len(ch.skipped) == 0
}

// attrs are the change as log attributes: the files of each kind, at most
// changeShown named.
func (ch corpusChange) attrs() []any {
	var skipped []string
	for _, s := range ch.skipped {
		skipped = append(skipped, s.Path+" ("+s.Reason+")")
	}
	var out []any
	for _, kind := range []struct {
		name  string
		files []string
	}{{"added", ch.added}, {"changed", ch.changed}, {"removed", ch.removed}, {"skipped", skipped}} {
		if len(kind.files) > 0 {
			out = append(out, kind.name, nameSome(kind.files, changeShown))
		}
	}
	return out
}

// changeShown is how many files of each kind a change's log line names.
const changeShown = 10

// nameSome joins the first n names and says how many more there are.
func nameSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// watchCorpus reindexes through core whenever the corpus folder changes,
// until ctx ends. A failed reindex keeps the index in use.
func (e *env) watchCorpus(ctx context.Context, core *serve.Core) error {
	dir := e.cfg.Corpus.Dir
	e.log.Info("watching the corpus folder", "dir", dir, "debounce", e.cfg.Corpus.WatchDebounce)
	return watch.Run(ctx, dir, watch.Options{
		Debounce: e.cfg.Corpus.WatchDebounce,
		Changed: func(ctx context.Context) {
			summary, err := core.Reload(ctx)
			switch {
			case err != nil && ctx.Err() != nil:
				e.log.Info("live reindex stopped: shutting down")
			case err != nil:
				e.log.Error("live reindex failed; the index in use stays", "err", err)
			default:
				e.log.Info("live reindex: " + summary)
			}
		},
		Problem: func(err error) { e.log.Warn("corpus watch", "err", err) },
	})
}
