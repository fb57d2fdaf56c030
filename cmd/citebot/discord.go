package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/discord"
	"github.com/citebot/citebot/bot/serve"
)

func (a *App) cmdDiscord(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("discord", "discord [--config FILE]", &cf)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("discord takes no arguments")
	}
	e, err := a.setup(cf)
	if err != nil {
		return err
	}
	d := e.cfg.Discord
	token := e.getenv(d.TokenEnv)
	if token == "" {
		return fmt.Errorf("discord: the bot token is missing: set the environment variable %s (named by discord.token_env)", d.TokenEnv)
	}
	r, engine, log, err := e.startServing(ctx)
	if err != nil {
		return err
	}
	defer log.Close()
	// discordgo logs through a package variable: its lines go to our log,
	// interaction tokens redacted.
	discordgo.Logger = discord.DiscordgoLogger(e.log)
	b, core, err := e.discordBot(token, engine, r, audit.Journal{Log: log})
	if err != nil {
		return err
	}
	go e.pruneAudit(ctx, log)
	return e.whileWatching(ctx, core, b.Run)
}

// startServing is what every long-running front end starts with: the
// engine built from the corpus, the reloader that rebuilds it, and the
// audit log its answers are recorded in (the caller closes it).
func (e *env) startServing(ctx context.Context) (*reloader, serve.Engine, *audit.Log, error) {
	r := &reloader{e: e}
	engine, _, err := r.reload(ctx)
	if err != nil {
		return nil, serve.Engine{}, nil, err
	}
	log, err := e.openAudit(ctx)
	if err != nil {
		return nil, serve.Engine{}, nil, err
	}
	return r, engine, log, nil
}

// whileWatching runs a front end with run and, when corpus.watch is on for
// a corpus folder, reindexes through core as the folder changes.
func (e *env) whileWatching(ctx context.Context, core *serve.Core, run func(context.Context) error) error {
	if e.cfg.Corpus.Dir == "" || !e.cfg.Corpus.Watch {
		return run(ctx)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if err := e.watchCorpus(ctx, core); err != nil {
			e.log.Error("live re-indexing is off: the corpus folder can't be watched", "err", err)
		}
	}()
	err := run(ctx)
	cancel() // the front end stopped: so does the watch, a rebuild in progress included
	<-watched
	return err
}

// discordBot wires the Discord adapter to a serving desk; r rebuilds the
// engine.
func (e *env) discordBot(token string, engine serve.Engine, r *reloader, journal serve.Journal) (*discord.Bot, *serve.Core, error) {
	d := e.cfg.Discord
	log := discord.RedactLog(e.log)
	core, err := serve.NewCore(serve.Deps{Engine: engine, Reload: r.reload, Journal: journal, Redact: discord.RedactTokens, Log: log})
	if err != nil {
		return nil, nil, err
	}
	r.current = core.Engine
	desk, err := serve.New(serve.Config{
		RatePerMinute: d.RatePerMinute, RateBurst: d.RateBurst, MaxConcurrent: d.MaxConcurrent, QueueSize: d.QueueSize,
		EditInterval: d.EditInterval, AnswerTimeout: d.AnswerTimeout, ShutdownTimeout: d.ShutdownTimeout,
	}, core)
	if err != nil {
		return nil, nil, err
	}
	b, err := discord.New(discord.Config{
		Token: token, APIBaseURL: d.APIBaseURL, GuildID: d.GuildID, ReplyMode: d.ReplyMode, Render: d.Render,
		AllowedChannels: d.AllowedChannels, AllowedRoles: d.AllowedRoles, ModeratorRoles: d.ModeratorRoles, AllowDMs: d.AllowDMs,
		MaxMessages: d.MaxMessages,
	}, discord.Deps{Desk: desk, Log: log})
	return b, core, err
}

func (e *env) auditPath() (string, error) {
	if e.cfg.Audit.Path != "" {
		return e.cfg.Audit.Path, nil
	}
	dir := e.dataDir()
	if dir == "" {
		return "", fmt.Errorf("audit log: no data folder; set data_dir or audit.path")
	}
	return filepath.Join(dir, "audit.db"), nil
}

func (e *env) openAudit(ctx context.Context) (*audit.Log, error) {
	path, err := e.auditPath()
	if err != nil {
		return nil, err
	}
	return audit.Open(ctx, path, e.cfg.Audit.RetentionDays)
}

// pruneAudit deletes expired answers once a day.
func (e *env) pruneAudit(ctx context.Context, log *audit.Log) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if n, err := log.Prune(ctx, now); err != nil {
				e.log.Warn("prune audit log", "err", err)
			} else if n > 0 {
				e.log.Info("pruned audit log", "answers", n)
			}
		}
	}
}

const auditUsage = "citebot audit export [--format jsonl|csv] [--output FILE] [--config FILE]"

func (a *App) cmdAudit(ctx context.Context, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help") {
		fmt.Fprintf(a.Stderr, "Usage: %s\n\nExports the audit log of answers given in Discord and by citebot serve, for offline review.\n", auditUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "export" {
		return usagef("usage: %s", auditUsage)
	}
	var cf commonFlags
	fs := a.newFlagSet("audit export", "audit export [--format jsonl|csv] [--output FILE] [--config FILE]", &cf)
	format := fs.String("format", "jsonl", "jsonl or csv")
	output := fs.String("output", "", "write to `FILE` instead of standard output")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("audit export takes no arguments")
	}
	if *format != "jsonl" && *format != "csv" {
		return usagef("--format must be jsonl or csv")
	}
	e, err := a.setup(cf)
	if err != nil {
		return err
	}
	path, err := e.auditPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("audit log %s: %w (the Discord bot creates it)", path, err)
	}
	log, err := audit.Open(ctx, path, 0)
	if err != nil {
		return err
	}
	defer log.Close()
	w := a.Stdout
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			return fmt.Errorf("audit export: %w", err)
		}
		defer f.Close()
		w = f
	}
	return log.Export(ctx, w, *format, audit.Filter{})
}
