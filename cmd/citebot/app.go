package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/cmd/citebot/internal/config"
	"github.com/citebot/citebot/prompts"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/seeds"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// App is citebot's command line. Tests run it as main does, with their own
// streams and environment.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string

	// interrupt, when set, handles Ctrl-C instead of ending the program.
	interrupt atomic.Pointer[func()]
}

// Interrupt passes a Ctrl-C to whatever asked for it (a chat answer being
// written) and reports whether anything did.
func (a *App) Interrupt() bool {
	if f := a.interrupt.Load(); f != nil {
		(*f)()
		return true
	}
	return false
}

// usageError is a mistake in how citebot was called.
type usageError struct {
	msg     string
	printed bool // the flag package has shown it, with the usage
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{msg: fmt.Sprintf(format, a...)} }

const mainUsage = `citebot answers questions from a document corpus, citing verbatim excerpts.

Usage:
  citebot ask [--json] [--explain] [--config FILE] [-k N] QUESTION...
                                                            answer a question (stdin when no QUESTION)
  citebot chat [--config FILE] [-k N]                       a conversation in the terminal
  citebot index [--config FILE] [--force] [--list-skipped]  build or refresh the index
  citebot passage [--json] [--config FILE] ID               show a passage with its provenance
  citebot eval [--json] [--config FILE] [-k N] FILE         score citebot on an evaluation file (YAML or SQuAD JSON)
  citebot eval --suite FILE [--markdown] [--update-readme README.md]
                                                            score every set of an evaluation suite
  citebot discord [--config FILE]                           run the Discord bot (token from $DISCORD_TOKEN)
  citebot serve [--addr HOST:PORT] [--config FILE]          serve the APIs and the web pages
  citebot audit export [--format jsonl|csv] [--output FILE] [--config FILE]
                                                            export the audit log (Discord and serve)

Run 'citebot COMMAND --help' for a command's flags. The configuration file
may also be named by CITEBOT_CONFIG. Exit status: 0 ok, 1 failure, 2 usage.
`

// Run runs the command line args and returns the exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.Stderr, mainUsage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "ask":
		err = a.cmdAsk(ctx, rest)
	case "index":
		err = a.cmdIndex(ctx, rest)
	case "passage":
		err = a.cmdPassage(ctx, rest)
	case "eval":
		err = a.cmdEval(ctx, rest)
	case "chat":
		err = a.cmdChat(ctx, rest)
	case "discord":
		err = a.cmdDiscord(ctx, rest)
	case "serve":
		err = a.cmdServe(ctx, rest)
	case "audit":
		err = a.cmdAudit(ctx, rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(a.Stdout, mainUsage)
		return exitOK
	default:
		err = usagef("unknown command %q\n\n%s", cmd, mainUsage)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		if !ue.printed {
			fmt.Fprintln(a.Stderr, "citebot:", err)
		}
		return exitUsage
	default:
		fmt.Fprintln(a.Stderr, "citebot:", err)
		return exitFailure
	}
}

// commonFlags are the flags every command takes.
type commonFlags struct {
	config string
}

func (a *App) newFlagSet(name, usage string, cf *commonFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(a.Stderr, "Usage: citebot %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&cf.config, "config", "", "configuration `file` (default $CITEBOT_CONFIG)")
	return fs
}

// parseArgs parses flags wherever they stand among the arguments and
// returns the others; everything after "--" is an argument.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{msg: err.Error(), printed: true}
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// kFlag defines the -k flag: passages per question, 1–20. It stays 0 when
// not given (the configured default); any other value is a usage error.
func kFlag(fs *flag.FlagSet, usage string) *int {
	k := new(int)
	fs.Func("k", usage, func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 20 {
			return errors.New("must be between 1 and 20")
		}
		*k = n
		return nil
	})
	return k
}

// env holds what a command needs once its configuration is read.
type env struct {
	cfg       config.Config
	log       *slog.Logger
	getenv    func(string) string
	stderr    io.Writer
	stderrTTY bool
	// index is the last index opened, which a reload (/reindex) of an
	// unchanged corpus keeps instead of loading a second copy.
	index *atomic.Pointer[retrieval.Index]
	// slowPDFs are the PDFs that timed out, not read again by a reload.
	slowPDFs *corpus.SlowPDFs
	// retryPDFs says which PDFs a load found unreadable before are read
	// again (index, index --force).
	retryPDFs corpus.RetryPDFs
}

func (a *App) setup(cf commonFlags) (*env, error) {
	path := cf.config
	if path == "" {
		path = a.Getenv("CITEBOT_CONFIG")
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Log.Level)); err != nil {
		return nil, fmt.Errorf("log.level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(a.Stderr, opts)
	if cfg.Log.Format == "json" {
		h = slog.NewJSONHandler(a.Stderr, opts)
	}
	tty := false
	if f, ok := a.Stderr.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &env{cfg: cfg, log: slog.New(h), getenv: a.Getenv, stderr: a.Stderr, stderrTTY: tty, index: new(atomic.Pointer[retrieval.Index]),
		slowPDFs: new(corpus.SlowPDFs)}, nil
}

// readCorpus reads the configured corpus folder through the guarded reader
// (regular files inside the folder only, each at most corpus.max_file_bytes),
// or the embedded default.
func (e *env) readCorpus() (*corpus.Corpus, error) {
	dir := e.cfg.Corpus.Dir
	if dir == "" {
		c, err := corpus.Load(seeds.FS())
		if err != nil {
			return nil, fmt.Errorf("load corpus (embedded default corpus): %w", err)
		}
		return c, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus.dir: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("corpus.dir %s is not a folder", dir)
	}
	opts := corpus.Options{MaxFileBytes: e.cfg.Corpus.MaxFileBytes, SlowPDFs: e.slowPDFs, RetryPDFs: e.retryPDFs}
	if data := e.dataDir(); data != "" {
		opts.PDFCache = filepath.Join(data, "pdf-text") // the text of PDFs, by content: loads skip extracting it
	}
	c, err := corpus.LoadDir(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("load corpus (%s): %w", dir, err)
	}
	return c, nil
}

func (e *env) dataDir() string {
	if e.cfg.DataDir != "" {
		return e.cfg.DataDir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		e.log.Warn("no user cache folder; the index is kept in memory only (set data_dir to keep it)", "err", err)
		return ""
	}
	return filepath.Join(dir, "citebot")
}

// loadCorpus reads the corpus, logging each skipped file once: files that
// could not be read as warnings, with a summary line.
func (e *env) loadCorpus() (*corpus.Corpus, error) {
	c, err := e.readCorpus()
	if err != nil {
		return nil, err
	}
	var other []string
	for _, s := range c.Skipped {
		if s.Problem {
			e.log.Warn("skipping unreadable corpus file", "path", s.Path, "reason", s.Reason)
		} else {
			e.log.Debug("skipping file", "path", s.Path, "reason", s.Reason)
			other = append(other, s.Path)
		}
	}
	if len(other) > 0 {
		// Files that are not documents (images, hidden files) are no
		// problem: one line for all of them.
		e.log.Info("corpus: files that are not documents left out", "count", len(other),
			"first", strings.Join(other[:min(skippedShown, len(other))], ", "))
	}
	if sum := c.ProblemSummary(skippedShown); sum != "" {
		e.log.Warn("corpus: " + sum)
	}
	for _, g := range c.Garbled {
		e.log.Warn("corpus file reads poorly; answers quoting it may be wrong", "path", g.Path, "reason", g.Reason)
	}
	return c, nil
}

// skippedShown is how many unreadable corpus files a summary names.
const skippedShown = 3

// openIndex loads the corpus and its index, building the index when needed.
func (e *env) openIndex(ctx context.Context) (*retrieval.Index, *corpus.Corpus, error) {
	c, err := e.loadCorpus()
	if err != nil {
		return nil, nil, err
	}
	ix, err := e.indexCorpus(ctx, c, nil)
	if err != nil {
		return nil, nil, err
	}
	return ix, c, nil
}

// indexCorpus opens the index of c, building (and saving) it when needed;
// a rebuild takes what it can from prev, the index in use before (nil:
// none).
func (e *env) indexCorpus(ctx context.Context, c *corpus.Corpus, prev *retrieval.Index) (*retrieval.Index, error) {
	ef, err := e.embedder()
	if err != nil {
		return nil, err
	}
	g := retrieval.DefaultGate()
	g.MinConfidence = e.cfg.Retrieval.MinConfidence
	ix, rep, err := retrieval.Open(ctx, c, retrieval.OpenOptions{DataDir: e.dataDir(), Embedder: ef, Gate: g, Previous: prev, Current: e.index.Load()})
	for _, w := range rep.Warnings {
		e.log.Warn(w)
	}
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	e.index.Store(ix)
	if rep.Rebuilt {
		m := ix.Manifest()
		e.log.Info("built index", "reason", rep.Reason, "passages", m.Passages, "documents", m.Documents,
			"elapsed", rep.Elapsed.Round(1e6), "path", rep.Path)
	}
	return ix, nil
}

// pipeline wires the answer pipeline: with the model server when one is
// configured, k passages per question when k > 0.
// embedder returns the configured embedder; a remote one reports its
// progress while it embeds the corpus.
func (e *env) embedder() (retrieval.EmbedderFactory, error) {
	cfg := e.cfg.Embedder
	if cfg.Kind != "openai" {
		return retrieval.LocalEmbedderFactory(cfg.Dims), nil
	}
	key, err := e.secret("embedder.api_key_env", cfg.APIKeyEnv)
	if err != nil {
		return retrieval.EmbedderFactory{}, err
	}
	emb, err := llm.NewEmbedder(llm.EmbedConfig{
		BaseURL: cfg.BaseURL, Model: cfg.Model, APIKey: key, BatchSize: cfg.BatchSize, Concurrency: cfg.Concurrency,
		MaxRetries: embedRetries, Backoff: embedBackoff, Timeout: embedTimeout,
	}, nil)
	if err != nil {
		return retrieval.EmbedderFactory{}, err
	}
	emb.SetProgress(e.progress("embedding passages"))
	return retrieval.EmbedderFactory{
		ID:         emb.ID(),
		New:        func(retrieval.Vocabulary) retrieval.Embedder { return emb },
		CorpusFree: true, // a model's vector of a text is the same in any corpus
	}, nil
}

// Model server settings the configuration file does not expose.
const (
	embedRetries = 2
	embedBackoff = 300 * time.Millisecond
	embedTimeout = 60 * time.Second // per embedding request
	modelBackoff = 500 * time.Millisecond
)

// secret returns the value of the environment variable that key names.
func (e *env) secret(key, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	v := e.getenv(name)
	if v == "" {
		return "", fmt.Errorf("%s names %s, which is not set", key, name)
	}
	return v, nil
}

// progress returns a progress reporter for long jobs: a bar on a terminal,
// a log line every tenth otherwise. Calls with fewer than 100 items (a
// question being embedded) report nothing.
func (e *env) progress(what string) func(done, total int) {
	var mu sync.Mutex
	var bar *progressbar.ProgressBar
	lastTenth := -1
	return func(done, total int) {
		if total < 100 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if e.stderrTTY {
			if bar == nil || bar.GetMax() != total {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription(what), progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
			}
			bar.Set(done)
			return
		}
		if tenth := done * 10 / total; tenth != lastTenth {
			lastTenth = tenth
			e.log.Info(what, "done", done, "total", total)
		}
	}
}

func (e *env) pipeline(ix *retrieval.Index, k int) (*bot.Pipeline, error) {
	opts := bot.Options{TopK: e.cfg.Retrieval.TopK, Link: e.cfg.CitationLink()}
	if k > 0 {
		opts.TopK = k
	}
	if l := e.cfg.LLM; l.BaseURL != "" {
		ps, err := prompts.Load(l.PromptsDir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("llm.prompts_dir: the folder %s does not exist", l.PromptsDir)
			}
			return nil, fmt.Errorf("llm.prompts_dir %s: %w", l.PromptsDir, err)
		}
		key, err := e.secret("llm.api_key_env", l.APIKeyEnv)
		if err != nil {
			return nil, err
		}
		c, err := llm.New(llm.Config{
			BaseURL: l.BaseURL, Model: l.Model, APIKey: key, Temperature: l.Temperature,
			MaxTokens: l.MaxTokens, Timeout: l.Timeout, Stream: l.Stream, MaxRetries: l.MaxRetries,
			Backoff: modelBackoff, MaxOutputBytes: l.MaxOutputBytes,
		}, nil)
		if err != nil {
			return nil, err
		}
		opts.Model = c.ChatModel()
		opts.Prompts = ps
		opts.MaxContextChars = l.MaxContextChars
		opts.ModelTopK = l.Passages
		opts.ModelMinCoverage = l.MinCoverage
		if k > 0 {
			opts.ModelTopK = k
		}
	}
	return bot.NewPipeline(ix, opts)
}

// readQuestion returns the question from the arguments, or from stdin when
// there are none.
func (a *App) readQuestion(args []string) (string, error) {
	var q string
	if len(args) > 0 {
		q = strings.Join(args, " ")
	} else {
		if f, ok := a.Stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				return "", usagef("no question given (pass it as arguments or on standard input)")
			}
		}
		raw, err := io.ReadAll(io.LimitReader(a.Stdin, 1<<20))
		if err != nil {
			return "", fmt.Errorf("read question: %w", err)
		}
		q = string(raw)
	}
	q, err := bot.CleanQuestion(q)
	if err != nil {
		return "", usageError{msg: err.Error()}
	}
	return q, nil
}
