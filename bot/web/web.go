// Package web is citebot's web pages: an ask page, a document viewer
// that shows a cited document with the cited lines highlighted, and the
// moderators' review area under /mod/. The pages are rendered on the
// server with html/template (every value escaped), work without
// JavaScript, and carry a strict Content-Security-Policy. Answers go
// through a serve.Desk, with the same limits and journal as every other
// front end; the moderators' pages read the audit log through Reviews.
package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/citebot/citebot/bot/serve"
)

//go:embed templates/*.html static/*
var assets embed.FS

// CSP is the Content-Security-Policy of every page: nothing but the
// server's own style sheet and script, forms posting to the server only,
// never framed.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Config is how the pages behave.
type Config struct {
	// NoAskPage turns the ask page off: it answers no question (/?q=
	// answers 401) and says how to turn it on. A server with API keys
	// sets it unless its configuration opens the page (serve.ask_page),
	// since the page asks for no key.
	NoAskPage bool
	// TrustedProxies are the networks of the reverse proxies in front of
	// the server: a request from one of them is from the client that
	// X-Forwarded-For names (rate limits, login throttling, logs). Empty:
	// the peer is the client, and the header is ignored.
	TrustedProxies []netip.Prefix
	// MaxBodyBytes bounds a form's body.
	MaxBodyBytes int64
	// ModeratorToken opens the moderators' area; "" keeps it shut (every
	// /mod/ path answers 401).
	ModeratorToken string
	// ModeratorTokenEnv is the environment variable the token is read
	// from, named on the page that says how to set it.
	ModeratorTokenEnv string
	// SessionTTL is how long a moderator's session lasts; 0: 12 hours.
	SessionTTL time.Duration
	// PublicURL is where the pages are reached from outside (behind a
	// proxy), "" for none: forms from its origin are this site's, and
	// when it is https the session cookie is always Secure.
	PublicURL string
}

// Deps are the pages' collaborators.
type Deps struct {
	// Desk answers questions; its engine's corpus is the documents shown.
	Desk *serve.Desk
	// Reviews is the audit log; nil: the moderators' pages say there is
	// none.
	Reviews Reviews
	Log     *slog.Logger
}

// Server is the web pages; it is an http.Handler.
type Server struct {
	cfg   Config
	deps  Deps
	mux   *http.ServeMux
	pages map[string]*template.Template
	mod   *sessions
	cop   *http.CrossOriginProtection
	// secure marks the session cookie Secure on every request.
	secure bool
	logins throttle // failed logins per client address
	now    func() time.Time
}

// pageNames are the templates, each rendered inside base.html.
var pageNames = []string{"ask", "doc", "error", "login", "list", "entry", "unanswered", "modoff", "docs"}

// New returns the pages.
func New(cfg Config, deps Deps) (*Server, error) {
	if deps.Desk == nil || deps.Log == nil {
		return nil, errors.New("web: a desk and a logger are required")
	}
	if cfg.MaxBodyBytes < 1 {
		return nil, errors.New("web: the body limit must be positive")
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	s := &Server{cfg: cfg, deps: deps, mux: http.NewServeMux(), pages: map[string]*template.Template{},
		mod: &sessions{ttl: cfg.SessionTTL, byID: map[string]*session{}}, cop: http.NewCrossOriginProtection(), now: time.Now}
	if cfg.PublicURL != "" {
		u, err := url.Parse(cfg.PublicURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("web: the public URL %q is not an absolute URL", cfg.PublicURL)
		}
		if err := s.cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			return nil, fmt.Errorf("web: the public URL: %w", err)
		}
		s.secure = u.Scheme == "https"
	}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse %s page: %w", name, err)
		}
		s.pages[name] = t
	}
	s.mux.HandleFunc("GET /{$}", s.ask)
	s.mux.HandleFunc("GET /doc/{source...}", s.doc)
	s.mux.HandleFunc("GET /p/{id}", s.passage)
	s.mux.HandleFunc("GET /static/{file}", s.static)
	s.routeMod()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			s.fail(w, http.StatusMethodNotAllowed, "Method not allowed", "This page answers "+allow+" only.")
			return
		}
		s.fail(w, http.StatusNotFound, "Not found", "There is no page at this address.")
	})
	return s, nil
}

// catchAll are the patterns of the pages that answer "not found".
var catchAll = map[string]bool{"/": true, "/mod/": true}

// methods are those a page may answer.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch}

// allowed returns the methods the page at r's path answers ("GET, HEAD"),
// "" when there is no page there.
func (s *Server) allowed(r *http.Request) string {
	var out []string
	for _, m := range methods {
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pattern := s.mux.Handler(r2); pattern != "" && !catchAll[pattern] {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

// ServeHTTP serves the pages, each with the security headers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	s.mux.ServeHTTP(w, r)
}

// render writes the page name with data, or a plain 500 when it can't be
// rendered (nothing of it is sent then).
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "base", data); err != nil {
		s.deps.Log.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// chrome is what every page's frame shows: its title and, in the
// moderators' area, the navigation and the logout form.
type chrome struct {
	Title string
	Mod   bool   // a page of the moderators' area
	CSRF  string // the session's form token, "" when logged out
}

// errorPage is the data of an error page.
type errorPage struct {
	chrome
	Message string
}

// fail writes an error page.
func (s *Server) fail(w http.ResponseWriter, status int, title, msg string) {
	s.render(w, status, "error", errorPage{chrome: chrome{Title: title}, Message: msg})
}

// static serves the style sheet and the script.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, err := fs.ReadFile(assets, "static/"+name)
	if err != nil {
		s.fail(w, http.StatusNotFound, "Not found", "There is no such file.")
		return
	}
	switch {
	case strings.HasSuffix(name, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(name, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(b)
}

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04")
	},
	"day":     func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"visible": visible,
}
