package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/clientip"
	"github.com/citebot/citebot/bot/httpapi"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/bot/web"
	"github.com/citebot/citebot/cmd/citebot/internal/config"
)

// minModeratorToken is the length below which citebot serve warns that
// the moderator token is short.
const minModeratorToken = 16

func (a *App) cmdServe(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("serve", "serve [--addr HOST:PORT] [--config FILE]", &cf)
	addr := fs.String("addr", "", "listen on `HOST:PORT` (default serve.addr)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments")
	}
	e, err := a.setup(cf)
	if err != nil {
		return err
	}
	sv := e.cfg.Serve
	if *addr != "" {
		if _, _, err := net.SplitHostPort(*addr); err != nil {
			return usagef("--addr must be HOST:PORT (for example 127.0.0.1:8080), not %q", *addr)
		}
		sv.Addr = *addr
	}
	keys := e.apiKeys()
	if len(keys) == 0 && !loopback(sv.Addr) {
		return fmt.Errorf("serve: %s is not a loopback address and no API key is set: set one of the environment variables named by serve.api_keys_env %q, or listen on 127.0.0.1", sv.Addr, sv.APIKeysEnv)
	}
	proxies, err := config.ParsePrefixes(sv.TrustedProxies)
	if err != nil { // validated with the configuration
		return fmt.Errorf("serve.trusted_proxies: %w", err)
	}
	r, engine, log, err := e.startServing(ctx)
	if err != nil {
		return err
	}
	defer log.Close()
	api, desk, core, err := e.httpAPI(engine, r, audit.Journal{Log: log}, keys, proxies)
	if err != nil {
		return err
	}
	pages, err := e.webPages(desk, auditReviews{log: log}, len(keys) > 0, proxies)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", sv.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           routes(api, pages),
		ReadHeaderTimeout: sv.ReadTimeout,
		ReadTimeout:       sv.ReadTimeout,
		WriteTimeout:      sv.WriteTimeout,
		IdleTimeout:       sv.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(e.log.Handler(), slog.LevelWarn),
	}
	if tok := e.getenv(sv.ModeratorTokenEnv); tok != "" && utf8.RuneCountInString(tok) < minModeratorToken {
		e.log.Warn("the moderator token is short: use at least 16 random characters (openssl rand -hex 16)",
			"env", sv.ModeratorTokenEnv, "length", utf8.RuneCountInString(tok))
	}
	if len(keys) > 0 && (sv.AskPage != nil && *sv.AskPage) {
		e.log.Warn("the ask page is open to anyone who can reach the server, without an API key (serve.ask_page: true)")
	}
	e.log.Info("serving the API and the web pages", "addr", ln.Addr().String(), "keys", len(keys),
		"moderators", e.getenv(sv.ModeratorTokenEnv) != "")
	fmt.Fprintf(a.Stdout, "citebot serve: listening on http://%s\n", ln.Addr())
	go e.pruneAudit(ctx, log)
	return e.whileWatching(ctx, core, func(ctx context.Context) error {
		return serveHTTP(ctx, srv, ln, desk, sv.ShutdownTimeout)
	})
}

// httpAPI wires the HTTP adapter to a serving desk; r rebuilds the engine.
func (e *env) httpAPI(engine serve.Engine, r *reloader, journal serve.Journal, keys []httpapi.Key, proxies clientip.Proxies) (*httpapi.Server, *serve.Desk, *serve.Core, error) {
	sv := e.cfg.Serve
	core, err := serve.NewCore(serve.Deps{Engine: engine, Reload: r.reload, Journal: journal, Log: e.log})
	if err != nil {
		return nil, nil, nil, err
	}
	r.current = core.Engine
	desk, err := serve.New(serve.Config{
		RatePerMinute: sv.RatePerMinute, RateBurst: sv.RateBurst, MaxConcurrent: sv.MaxConcurrent, QueueSize: sv.QueueSize,
		EditInterval: sv.StreamInterval, AnswerTimeout: sv.AnswerTimeout, ShutdownTimeout: sv.ShutdownTimeout,
	}, core)
	if err != nil {
		return nil, nil, nil, err
	}
	link := e.cfg.CitationLink()
	api, err := httpapi.New(httpapi.Config{Keys: keys, MaxBodyBytes: sv.MaxBodyBytes, TrustedProxies: proxies}, httpapi.Deps{
		Desk: desk, Log: e.log,
		Passage: func(id string) (any, bool) {
			p, ok := core.Engine().Index.Passage(id)
			if !ok {
				return nil, false
			}
			return newPassageJSON(p, p.Link(link)), true
		},
	})
	return api, desk, core, err
}

// webPages wires the web pages to the desk; reviews is the audit log as
// the moderators' pages read it (nil: they say there is none); keyed says
// the server asks API clients for a key; proxies are serve.trusted_proxies.
func (e *env) webPages(desk *serve.Desk, reviews web.Reviews, keyed bool, proxies clientip.Proxies) (*web.Server, error) {
	sv := e.cfg.Serve
	askPage := !keyed // the ask page asks for no key
	if sv.AskPage != nil {
		askPage = *sv.AskPage
	}
	return web.New(web.Config{
		NoAskPage:         !askPage,
		TrustedProxies:    proxies,
		MaxBodyBytes:      sv.MaxBodyBytes,
		ModeratorToken:    e.getenv(sv.ModeratorTokenEnv),
		ModeratorTokenEnv: sv.ModeratorTokenEnv,
		PublicURL:         sv.PublicURL,
	}, web.Deps{Desk: desk, Reviews: reviews, Log: e.log})
}

// routes sends the APIs' paths (/v1/, /api/) to api and every other path
// to the web pages.
func routes(api, pages http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", api)
	mux.Handle("/api/", api)
	mux.Handle("/", pages)
	return mux
}

// apiKeys are the API keys of the environment variables serve.api_keys_env
// names that are set.
func (e *env) apiKeys() []httpapi.Key {
	var keys []httpapi.Key
	for _, name := range e.cfg.Serve.APIKeysEnv {
		if v := e.getenv(name); v != "" {
			keys = append(keys, httpapi.Key{Name: name, Value: v})
		}
	}
	return keys
}

// loopback reports whether addr (HOST:PORT) is reachable from this machine
// only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveHTTP serves srv on ln with desk until ctx ends, then stops taking
// requests and lets answers in progress finish (the desk's shutdown
// timeout) before it returns.
func serveHTTP(ctx context.Context, srv *http.Server, ln net.Listener, desk *serve.Desk, shutdown time.Duration) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	deskDone := make(chan error, 1)
	go func() { deskDone <- desk.Serve(ctx) }()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var err error
	select {
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	cancel() // the desk stops taking questions and finishes the others
	sctx, stop := context.WithTimeout(context.WithoutCancel(ctx), shutdown+5*time.Second)
	defer stop()
	if serr := srv.Shutdown(sctx); serr != nil {
		srv.Close()
	}
	if serr := <-served; err == nil && serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = fmt.Errorf("serve: %w", serr)
	}
	<-deskDone
	return err
}
