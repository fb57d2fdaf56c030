package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of the moderators' forms.
const (
	maxByChars   = 100
	maxNoteChars = 2000
	// contextLines is how many lines around a citation its answer's page
	// shows.
	contextLines = 3
	// statsDays is the period of the chart when the filter names none.
	statsDays = 30
	// unansweredGroups is how many groups the report lists.
	unansweredGroups = 50
	// maxCounted is how far the list page counts the answers a filter
	// matches: a filter on the question's words reads every answer until it
	// has counted this many and one more, so the page says "over 1000".
	maxCounted = 1000
)

// modHandler is a handler of the moderators' area, with the session.
type modHandler func(w http.ResponseWriter, r *http.Request, ss *session)

// routeMod routes the moderators' area.
func (s *Server) routeMod() {
	s.mux.HandleFunc("GET /mod/login", s.gate(false, s.loginForm))
	s.mux.HandleFunc("POST /mod/login", s.gate(false, s.login))
	s.mux.HandleFunc("POST /mod/logout", s.gate(true, s.logout))
	s.mux.HandleFunc("GET /mod/{$}", s.gate(true, s.withReviews(s.list)))
	s.mux.HandleFunc("GET /mod/answers/{id}", s.gate(true, s.withReviews(s.entry)))
	s.mux.HandleFunc("POST /mod/answers/{id}/review", s.gate(true, s.withReviews(s.review)))
	s.mux.HandleFunc("GET /mod/unanswered", s.gate(true, s.withReviews(s.unanswered)))
	s.mux.HandleFunc("GET /mod/export/{format}", s.gate(true, s.withReviews(s.export)))
	notFound := s.gate(true, func(w http.ResponseWriter, r *http.Request, ss *session) {
		s.modFail(w, http.StatusNotFound, ss, "Not found", "There is no page at this address.")
	})
	s.mux.HandleFunc("/mod/", func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); allow != "" && s.cfg.ModeratorToken != "" {
			w.Header().Set("Allow", allow)
			w.Header().Set("Cache-Control", "no-store")
			s.modFail(w, http.StatusMethodNotAllowed, nil, "Method not allowed", "This page answers "+allow+" only.")
			return
		}
		notFound(w, r)
	})
}

// modOff is the data of the page saying the area is shut.
type modOff struct {
	chrome
	Env string
}

// gate lets a request into the moderators' area: none when no token is
// configured (401); with needSession, only with a live session (else to
// the login page); a form only from this site, with the session's token.
func (s *Server) gate(needSession bool, h modHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if s.cfg.ModeratorToken == "" {
			s.render(w, http.StatusUnauthorized, "modoff", modOff{chrome: chrome{Title: "Moderators' area shut"}, Env: s.cfg.ModeratorTokenEnv})
			return
		}
		var ss *session
		if needSession {
			var ok bool
			if ss, ok = s.mod.get(r, time.Now()); !ok {
				next := "/mod/"
				if r.Method == http.MethodGet {
					next = safeNext(r.URL.RequestURI())
				}
				http.Redirect(w, r, "/mod/login?next="+url.QueryEscape(next), http.StatusSeeOther)
				return
			}
		}
		if r.Method == http.MethodPost {
			if err := s.cop.Check(r); err != nil {
				s.modFail(w, http.StatusForbidden, ss, "Forbidden", "This form was not sent from this site.")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
			if err := r.ParseForm(); err != nil {
				s.modFail(w, http.StatusRequestEntityTooLarge, ss, "Form not read", "The form could not be read (too large?).")
				return
			}
			if ss != nil && !sameToken(r.PostForm.Get("csrf"), ss.csrf) {
				s.modFail(w, http.StatusForbidden, ss, "Forbidden", "The form's token is missing or stale: reload the page and try again.")
				return
			}
		}
		h(w, r, ss)
	}
}

// withReviews answers for h that there is no audit log when there is none.
func (s *Server) withReviews(h modHandler) modHandler {
	return func(w http.ResponseWriter, r *http.Request, ss *session) {
		if s.deps.Reviews == nil {
			s.modFail(w, http.StatusServiceUnavailable, ss, "No audit log",
				"Answers are not recorded here, so there is nothing to review: citebot serve runs without an audit log.")
			return
		}
		h(w, r, ss)
	}
}

// modChrome is the frame of a page of the area.
func modChrome(title string, ss *session) chrome {
	c := chrome{Title: title, Mod: true}
	if ss != nil {
		c.CSRF = ss.csrf
	}
	return c
}

// modFail writes an error page of the area.
func (s *Server) modFail(w http.ResponseWriter, status int, ss *session, title, msg string) {
	s.render(w, status, "error", errorPage{chrome: modChrome(title, ss), Message: msg})
}

// internal logs err and writes a 500 page; when the request has gone
// (the client disconnected), it notes that at debug level and writes
// nothing.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, ss *session, what string, err error) {
	if r.Context().Err() != nil {
		s.deps.Log.Debug("moderators' page: the request went away", "what", what, "err", err)
		return
	}
	s.deps.Log.Error("moderators' page", "what", what, "err", err)
	s.modFail(w, http.StatusInternalServerError, ss, "Internal error", "The audit log could not be read; the log says why.")
}

// ---- login ----

type loginPage struct {
	chrome
	Next      string
	Error     string
	LoggedOut bool // just logged out
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, _ *session) {
	q := r.URL.Query()
	s.render(w, http.StatusOK, "login", loginPage{chrome: chrome{Title: "Moderators' login"}, Next: safeNext(q.Get("next")),
		LoggedOut: q.Get("out") == "1"})
}

// login opens a session for the moderator token. An address that failed
// maxLoginFailures times within loginWindow is refused (429) until the
// window ends; a failed login is logged once per address and window.
func (s *Server) login(w http.ResponseWriter, r *http.Request, _ *session) {
	next := safeNext(r.PostForm.Get("next"))
	addr, now := s.clientAddr(r), s.now()
	if wait := s.logins.wait(addr, now); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		s.render(w, http.StatusTooManyRequests, "login", loginPage{chrome: chrome{Title: "Moderators' login"}, Next: next,
			Error: "Too many failed logins from your address: try again in " + strconv.Itoa((secs+59)/60) + " minutes."})
		return
	}
	if !sameToken(r.PostForm.Get("token"), s.cfg.ModeratorToken) {
		if s.logins.fail(addr, now) {
			s.deps.Log.Warn("moderator login refused (further failures from the address are not logged for 10 minutes)", "addr", addr)
		}
		s.render(w, http.StatusUnauthorized, "login", loginPage{chrome: chrome{Title: "Moderators' login"}, Next: next, Error: "That is not the moderator token."})
		return
	}
	s.logins.succeed(addr)
	ss := s.mod.start(now)
	http.SetCookie(w, sessionCookie(r, ss, s.secure))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, ss *session) {
	s.mod.end(ss.id)
	http.SetCookie(w, sessionCookie(r, nil, s.secure))
	http.Redirect(w, r, "/mod/login?out=1", http.StatusSeeOther)
}

// ---- the list ----

type listPage struct {
	chrome
	F           filterForm
	Channels    []string
	Entries     []Entry
	Total       int
	TotalOver   bool   // more than Total match
	Next        string // the next (older) page's address, "" for none
	Prev        string // the previous (newer) page's address, "" for none
	Newest      string // the first page's address, "" on it
	Back        string // the query that brings an answer's page back here
	Stats       Stats
	Period      string
	Bars        []bar
	ExportJSONL string
	ExportCSV   string
	Unanswered  string
}

// bar is a day of the chart.
type bar struct {
	Day              time.Time
	Answers, Flagged int
	Height           int // 0..20, twentieths of the busiest day
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, ss *session) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.modFail(w, http.StatusBadRequest, ss, "Bad filter", err.Error())
		return
	}
	ctx := r.Context()
	p := listPage{chrome: modChrome("Answers", ss), F: formOf(f)}
	if p.Entries, err = s.deps.Reviews.List(ctx, f); err != nil {
		s.internal(w, r, ss, "list", err)
		return
	}
	all := f
	all.BeforeID, all.AfterID, all.Limit = 0, 0, 0
	if p.Total, err = s.deps.Reviews.Count(ctx, all, maxCounted+1); err != nil {
		s.internal(w, r, ss, "count", err)
		return
	}
	if p.Total > maxCounted {
		p.Total, p.TotalOver = maxCounted, true
	}
	if p.Channels, err = s.deps.Reviews.Channels(ctx); err != nil {
		s.internal(w, r, ss, "channels", err)
		return
	}
	since, until := f.Since, f.Until
	if since.IsZero() && until.IsZero() {
		since = time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1-statsDays)
		p.Period = "the last " + strconv.Itoa(statsDays) + " days"
	} else {
		p.Period = "the period filtered"
	}
	if p.Stats, err = s.deps.Reviews.Stats(ctx, since, until); err != nil {
		s.internal(w, r, ss, "stats", err)
		return
	}
	p.Bars = bars(p.Stats.Days)
	if p.Next, p.Prev, err = s.paging(ctx, f, p.Entries); err != nil {
		s.internal(w, r, ss, "paging", err)
		return
	}
	if f.BeforeID != 0 || f.AfterID != 0 {
		first := f
		first.BeforeID, first.AfterID = 0, 0
		p.Newest = listURL(first)
	}
	p.Back = "?" + url.Values{"back": {r.URL.RequestURI()}}.Encode()
	q := filterValues(all).Encode()
	p.ExportJSONL, p.ExportCSV = "/mod/export/jsonl?"+q, "/mod/export/csv?"+q
	p.Unanswered = "/mod/unanswered?" + periodValues(f).Encode()
	s.render(w, http.StatusOK, "list", p)
}

// paging returns the addresses of the pages older and newer than page (the
// list f selects), each "" when no answer is there. The query that read
// page tells, when it returned less than a page, that there is none further
// its way; otherwise one answer beyond the page is looked for, a seek in an
// index.
func (s *Server) paging(ctx context.Context, f Filter, page []Entry) (older, newer string, err error) {
	n := len(page)
	if n == 0 {
		return "", "", nil
	}
	beyond := func(before, after int64) (string, error) {
		g := f
		g.BeforeID, g.AfterID = before, after
		c, err := s.deps.Reviews.Count(ctx, g, 1)
		if err != nil || c == 0 {
			return "", err
		}
		return listURL(g), nil
	}
	full := n == limitOf(f)
	if full || f.AfterID != 0 { // an after page that isn't full still may have older answers
		if older, err = beyond(page[n-1].ID, 0); err != nil {
			return "", "", err
		}
	}
	if (f.AfterID != 0 && full) || f.BeforeID != 0 {
		if newer, err = beyond(0, page[0].ID); err != nil {
			return "", "", err
		}
	}
	return older, newer, nil
}

// listURL is the address of the list f selects.
func listURL(f Filter) string {
	if q := filterValues(f).Encode(); q != "" {
		return "/mod/?" + q
	}
	return "/mod/"
}

// bars scales days for the chart.
func bars(days []Day) []bar {
	top := 0
	for _, d := range days {
		top = max(top, d.Answers)
	}
	out := make([]bar, 0, len(days))
	for _, d := range days {
		h := 0
		if top > 0 {
			h = (d.Answers*20 + top - 1) / top
		}
		out = append(out, bar{Day: d.Day, Answers: d.Answers, Flagged: d.Flagged, Height: h})
	}
	return out
}

// limitOf is the page size f asks for.
func limitOf(f Filter) int {
	if f.Limit == 0 {
		return 50
	}
	return f.Limit
}

// ---- an answer ----

type entryPage struct {
	chrome
	Back       string // the list the moderator came from
	E          Entry
	Paragraphs [][]segment
	Citations  []entryCitation
}

type entryCitation struct {
	Citation
	Where   string
	DocURL  string
	Context []row
}

func (s *Server) entryID(w http.ResponseWriter, r *http.Request, ss *session) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.modFail(w, http.StatusNotFound, ss, "No such answer", "Answer IDs are positive numbers.")
		return 0, false
	}
	return id, true
}

func (s *Server) entry(w http.ResponseWriter, r *http.Request, ss *session) {
	id, ok := s.entryID(w, r, ss)
	if !ok {
		return
	}
	e, err := s.deps.Reviews.Get(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		s.modFail(w, http.StatusNotFound, ss, "No such answer", "The audit log holds no answer "+strconv.FormatInt(id, 10)+".")
		return
	}
	if err != nil {
		s.internal(w, r, ss, "get", err)
		return
	}
	p := entryPage{chrome: modChrome("Answer "+strconv.FormatInt(id, 10), ss), Back: safeNext(r.URL.Query().Get("back")),
		E: e, Paragraphs: paragraphs(e.Answer)}
	for _, c := range e.Citations {
		ec := entryCitation{Citation: c, Where: citeWhere(c)}
		if c.Source != "" {
			ec.DocURL = "/doc/" + escapePath(c.Source)
			if c.LineStart > 0 {
				ec.DocURL += "?hl=" + strconv.Itoa(c.LineStart) + "-" + strconv.Itoa(max(c.LineEnd, c.LineStart)) + "#L" + strconv.Itoa(c.LineStart)
			}
			if d, ok := s.document(c.Source); ok {
				ec.Context = contextRows(d, c.LineStart, c.LineEnd, contextLines)
			}
		}
		p.Citations = append(p.Citations, ec)
	}
	s.render(w, http.StatusOK, "entry", p)
}

// citeWhere is "a.md:6–8".
func citeWhere(c Citation) string {
	switch {
	case c.LineStart > 0 && c.LineEnd > c.LineStart:
		return c.Source + ":" + strconv.Itoa(c.LineStart) + "–" + strconv.Itoa(c.LineEnd)
	case c.LineStart > 0:
		return c.Source + ":" + strconv.Itoa(c.LineStart)
	}
	return c.Source
}

func (s *Server) review(w http.ResponseWriter, r *http.Request, ss *session) {
	id, ok := s.entryID(w, r, ss)
	if !ok {
		return
	}
	by := strings.TrimSpace(r.PostForm.Get("by"))
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if by == "" {
		by = "moderator"
	}
	if utf8.RuneCountInString(by) > maxByChars || utf8.RuneCountInString(note) > maxNoteChars {
		s.modFail(w, http.StatusBadRequest, ss, "Too long", "A name is at most 100 characters and a note at most 2,000.")
		return
	}
	err := s.deps.Reviews.MarkReviewed(r.Context(), id, by, note)
	if errors.Is(err, ErrNotFound) {
		s.modFail(w, http.StatusNotFound, ss, "No such answer", "The audit log holds no answer "+strconv.FormatInt(id, 10)+".")
		return
	}
	if err != nil {
		s.internal(w, r, ss, "mark reviewed", err)
		return
	}
	to := "/mod/answers/" + strconv.FormatInt(id, 10)
	if back := safeNext(r.PostForm.Get("back")); back != "/mod/" {
		to += "?" + url.Values{"back": {back}}.Encode()
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// ---- unanswered questions ----

type unansweredPage struct {
	chrome
	F      filterForm
	Groups []QuestionGroup
}

func (s *Server) unanswered(w http.ResponseWriter, r *http.Request, ss *session) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.modFail(w, http.StatusBadRequest, ss, "Bad filter", err.Error())
		return
	}
	if f.Since.IsZero() && f.Until.IsZero() { // the period of the list's chart
		f.Since = time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1-statsDays)
	}
	gs, err := s.deps.Reviews.Unanswered(r.Context(), f.Since, f.Until, unansweredGroups)
	if err != nil {
		s.internal(w, r, ss, "unanswered", err)
		return
	}
	s.render(w, http.StatusOK, "unanswered", unansweredPage{chrome: modChrome("Questions the corpus couldn't answer", ss), F: formOf(f), Groups: gs})
}

// ---- export ----

func (s *Server) export(w http.ResponseWriter, r *http.Request, ss *session) {
	format := r.PathValue("format")
	ct := map[string]string{"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}[format]
	if ct == "" {
		s.modFail(w, http.StatusNotFound, ss, "No such format", "Answers are exported as jsonl or csv.")
		return
	}
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.modFail(w, http.StatusBadRequest, ss, "Bad filter", err.Error())
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="citebot-answers.`+format+`"`)
	cw := &countingWriter{w: w}
	if err := s.deps.Reviews.Export(r.Context(), cw, format, f); err != nil {
		if r.Context().Err() != nil || errors.Is(err, context.Canceled) {
			s.deps.Log.Debug("moderators' export: the request went away", "err", err)
			return
		}
		if cw.n == 0 {
			w.Header().Del("Content-Disposition")
			s.internal(w, r, ss, "export", err)
			return
		}
		s.deps.Log.Error("moderators' export cut short", "err", err)
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
