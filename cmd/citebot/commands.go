package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/eval"
	"github.com/citebot/citebot/cmd/citebot/internal/render"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

func (a *App) cmdAsk(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("ask", "ask [--json] [--explain] [--config FILE] [-k N] QUESTION...", &cf)
	asJSON := fs.Bool("json", false, "print the answer as one JSON object")
	k := kFlag(fs, "retrieve `N` passages (1–20; default retrieval.top_k)")
	explain := fs.Bool("explain", false, "also show, on standard error, how the question was read and why passages ranked")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	q, err := a.readQuestion(pos)
	if err != nil {
		return err
	}
	o, err := a.open(ctx, cf, *k)
	if err != nil {
		return err
	}
	e, p := o.env, o.p
	if *explain {
		res, err := o.ix.Search(ctx, q, max(*k, 5))
		if err != nil {
			return err
		}
		render.Explain(a.Stderr, res)
	}
	if *asJSON {
		ans, err := p.Ask(ctx, q, nil)
		if err != nil {
			return err
		}
		e.logNote(ans)
		return a.output(true, ans, nil)
	}
	ans, err := render.Stream(func(onUpdate func(bot.Update) error) (bot.Answer, error) {
		return p.Ask(ctx, q, onUpdate)
	}, a.Stdout)
	e.logNote(ans)
	return err
}

func (a *App) cmdIndex(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("index", "index [--config FILE] [--force] [--list-skipped]", &cf)
	force := fs.Bool("force", false, "rebuild even when the index is up to date, reading again PDFs that could not be read")
	list := fs.Bool("list-skipped", false, "name every file that was not read, with why, one per line")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("index takes no arguments")
	}
	e, err := a.setup(cf)
	if err != nil {
		return err
	}
	// An index run tries again the PDFs that took too long before (a
	// loaded machine); --force every unreadable one.
	e.retryPDFs = corpus.RetryTimedOut
	if *force {
		e.retryPDFs = corpus.RetryAll
	}
	start := time.Now()
	c, err := e.loadCorpus()
	if err != nil {
		return err
	}
	ef, err := e.embedder()
	if err != nil {
		return err
	}
	ix, rep, err := retrieval.Open(ctx, c, retrieval.OpenOptions{DataDir: e.dataDir(), Embedder: ef, Force: *force})
	for _, w := range rep.Warnings {
		e.log.Warn(w)
	}
	if *force {
		rep.Reason = "--force"
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	m := ix.Manifest()
	state := "index up to date"
	if rep.Rebuilt {
		state = "index built (" + rep.Reason + ")"
	}
	fmt.Fprintf(a.Stdout, "%s\n", state)
	fmt.Fprintf(a.Stdout, "  passages:           %d\n", m.Passages)
	fmt.Fprintf(a.Stdout, "  documents:          %d\n", m.Documents)
	fmt.Fprintf(a.Stdout, "  duplicates removed: %d\n", m.Duplicates)
	if m.Navigation > 0 {
		fmt.Fprintf(a.Stdout, "  contents lists:     %d left out (lists of links to the corpus's own pages or a document's own sections)\n", m.Navigation)
	}
	fmt.Fprintf(a.Stdout, "  embedder:           %s (%d dimensions)\n", m.Embedder, m.Dims)
	fmt.Fprintf(a.Stdout, "  time:               %s\n", time.Since(start).Round(time.Millisecond))
	if sum := c.ProblemSummary(skippedShown); sum != "" {
		fmt.Fprintf(a.Stdout, "  skipped:            %s\n", sum)
	}
	if sum := c.LeftOutSummary(skippedShown); sum != "" {
		fmt.Fprintf(a.Stdout, "  left out:           %s\n", sum)
	}
	if sum := c.GarbledSummary(skippedShown); sum != "" {
		fmt.Fprintf(a.Stdout, "  poor text:          %s\n", sum)
	}
	if *list {
		for _, s := range c.Skipped {
			fmt.Fprintf(a.Stdout, "  not read:           %s\n", s)
		}
	} else if problems := len(c.Problems()); problems > skippedShown || len(c.Skipped)-problems > skippedShown {
		fmt.Fprintf(a.Stdout, "  (citebot index --list-skipped names every file not read)\n")
	}
	if rep.SaveErr != nil {
		fmt.Fprintf(a.Stdout, "  file:               none (not saved)\n")
		return fmt.Errorf("index: the index could not be saved, so every command will build it again: %w", rep.SaveErr)
	}
	if rep.Path != "" {
		fmt.Fprintf(a.Stdout, "  file:               %s\n", rep.Path)
	} else {
		fmt.Fprintf(a.Stdout, "  file:               none (kept in memory)\n")
	}
	return nil
}

func (a *App) cmdPassage(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("passage", "passage [--json] [--config FILE] ID", &cf)
	asJSON := fs.Bool("json", false, "print the passage as one JSON object")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("passage takes one passage ID")
	}
	o, err := a.open(ctx, cf, -1)
	if err != nil {
		return err
	}
	p, ok := o.ix.Passage(pos[0])
	if !ok {
		return fmt.Errorf("no passage with ID %q in this corpus (IDs come from 'citebot ask' citations)", pos[0])
	}
	url := p.Link(o.cfg.CitationLink())
	return a.output(*asJSON, newPassageJSON(p, url), func(w io.Writer) { render.Passage(w, p, url) })
}

func (a *App) cmdEval(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("eval", "eval [--json] [--config FILE] [-k N] FILE\n       citebot eval --suite FILE [--markdown] [--update-readme README] [--json] [--config FILE] [-k N]", &cf)
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	k := kFlag(fs, "retrieve `N` passages per answer (1–20; default retrieval.top_k)")
	suite := fs.String("suite", "", "run every set of a suite `file` (e.g. testdata/eval-suite.yaml), each over its own corpus and index")
	markdown := fs.Bool("markdown", false, "with --suite, print one Markdown table of all sets")
	readme := fs.String("update-readme", "", "with --suite, write the Markdown table into `file` between "+eval.BeginMarker+" and "+eval.EndMarker)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *suite != "" {
		if len(pos) > 0 {
			return usagef("eval --suite takes no evaluation file (the suite names them)")
		}
		if *readme != "" {
			// Fail now, not after the whole suite has run.
			raw, err := os.ReadFile(*readme)
			if err != nil {
				return fmt.Errorf("--update-readme: %w", err)
			}
			if _, err := eval.ReplaceBlock(string(raw), ""); err != nil {
				return fmt.Errorf("--update-readme %s: %w", *readme, err)
			}
		}
		return a.runSuite(ctx, cf, *k, *suite, suiteOptions{asJSON: *asJSON, markdown: *markdown, readme: *readme})
	}
	if *markdown || *readme != "" {
		return usagef("--markdown and --update-readme go with --suite")
	}
	if len(pos) != 1 {
		return usagef("eval takes one evaluation file")
	}
	rep, err := a.evalFile(ctx, cf, *k, pos[0])
	if err != nil {
		return err
	}
	return a.output(*asJSON, rep, rep.WriteText)
}

// passageJSON is a passage as passage --json prints it, in the words of
// ask --json: passage_id and passage, like a citation.
type passageJSON struct {
	PassageID string `json:"passage_id"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	Section   string `json:"section"`
	LineStart int    `json:"line_start"`
	LineEnd   int    `json:"line_end"`
	URL       string `json:"url,omitempty"` // corpus.link filled in
	Passage   string `json:"passage"`
}

func newPassageJSON(p corpus.Passage, url string) passageJSON {
	return passageJSON{PassageID: p.ID, Source: p.Source, Title: p.Title, Section: p.Section,
		LineStart: p.LineStart, LineEnd: p.LineEnd, URL: url, Passage: p.Text}
}

// logNote logs why an answer fell back to excerpts, with the detail users
// are not shown.
func (e *env) logNote(a bot.Answer) {
	if a.Cause != "" { // a note without a cause (an uncertain answer) is the user's to read, not the log's
		e.log.Warn("answer note", "note", a.Note, "cause", a.Cause, "mode", a.Mode)
	}
}

// opened is what a command that answers needs.
type opened struct {
	*env
	ix     *retrieval.Index
	corpus *corpus.Corpus
	p      *bot.Pipeline
}

// open reads the configuration, opens the index it names and, with k ≥ 0,
// wires the answer pipeline (k passages per question when k > 0).
func (a *App) open(ctx context.Context, cf commonFlags, k int) (*opened, error) {
	e, err := a.setup(cf)
	if err != nil {
		return nil, err
	}
	o := &opened{env: e}
	if o.ix, o.corpus, err = e.openIndex(ctx); err != nil {
		return nil, err
	}
	if k >= 0 {
		o.p, err = e.pipeline(o.ix, k)
	}
	return o, err
}

// output writes v as JSON, or as text for people.
func (a *App) output(asJSON bool, v any, text func(io.Writer)) error {
	if !asJSON {
		text(a.Stdout)
		return nil
	}
	enc := json.NewEncoder(a.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
