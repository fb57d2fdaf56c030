// Package httpapi is citebot's HTTP front end: an OpenAI-compatible chat
// API (POST /v1/chat/completions, streamed and not; GET /v1/models), so
// that chat clients get grounded answers unchanged, and a JSON API
// (POST /api/ask, GET /api/passages/{id}) with the contracts of `citebot
// ask --json` and `citebot passage --json`. Answers go through a serve.Desk:
// the same limits, engine and journal as every long-running front end.
package httpapi

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/clientip"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/prompts"
)

// ModelID is the one model /v1/models lists.
const ModelID = "citebot"

// Key is an API key and the name it goes by in logs and limits (the
// environment variable that held it): the key itself is never logged.
type Key struct {
	Name, Value string
}

// Config is how the API admits requests.
type Config struct {
	// Keys are the API keys accepted; none: no key is asked for (the
	// wiring allows that on a loopback address only).
	Keys []Key
	// MaxBodyBytes bounds a request's body.
	MaxBodyBytes int64
	// TrustedProxies are the reverse proxies whose X-Forwarded-For tells
	// a keyless client's address (each address has its own rate limit).
	TrustedProxies clientip.Proxies
}

// PassageFunc returns the `passage --json` object of the passage id in
// the corpus in use, false when there is none.
type PassageFunc func(id string) (any, bool)

// Deps are the API's collaborators.
type Deps struct {
	Desk    *serve.Desk
	Passage PassageFunc
	Log     *slog.Logger
}

// Server is the API; it is an http.Handler.
type Server struct {
	cfg  Config
	deps Deps
	mux  *http.ServeMux
}

// New returns the API.
func New(cfg Config, deps Deps) (*Server, error) {
	if deps.Desk == nil || deps.Passage == nil || deps.Log == nil {
		return nil, errors.New("httpapi: a desk, a passage lookup and a logger are required")
	}
	if cfg.MaxBodyBytes < 1 {
		return nil, errors.New("httpapi: the body limit must be positive")
	}
	for _, k := range cfg.Keys {
		if k.Value == "" || k.Name == "" {
			return nil, errors.New("httpapi: an API key without a name or a value")
		}
	}
	s := &Server{cfg: cfg, deps: deps, mux: http.NewServeMux()}
	s.handle("/v1/chat/completions", http.MethodPost, s.chatCompletions)
	s.handle("/v1/models", http.MethodGet, s.models)
	s.handle("/api/ask", http.MethodPost, s.ask)
	s.handle("/api/passages/{id}", http.MethodGet, s.passage)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "invalid_request_error", "not_found", "no such path: "+r.URL.Path)
	})
	return s, nil
}

// handle routes path to h for method; other methods are told which one
// the path takes, in the OpenAI error shape.
func (s *Server) handle(path, method string, h func(w http.ResponseWriter, r *http.Request, user string)) {
	s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "method_not_allowed",
				fmt.Sprintf("%s takes %s, not %s", path, method, r.Method))
			return
		}
		user, ok := s.authenticate(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="citebot"`)
			writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key",
				"a valid API key is required (Authorization: Bearer KEY)")
			return
		}
		if method == http.MethodPost {
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, "invalid_request_error", "unsupported_media_type",
					"the body must be JSON (Content-Type: application/json)")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		}
		h(w, r, user)
	})
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// authenticate returns who asks, for limits and the journal: the key's
// name, or the client's address when no keys are configured.
func (s *Server) authenticate(r *http.Request) (string, bool) {
	if len(s.cfg.Keys) == 0 {
		return "ip:" + s.cfg.TrustedProxies.Client(r), true
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return "", false
	}
	user := ""
	for _, k := range s.cfg.Keys { // every key is compared: no timing tells which matched
		if subtle.ConstantTimeCompare([]byte(token), []byte(k.Value)) == 1 && user == "" {
			user = "key:" + k.Name
		}
	}
	return user, user != ""
}

// ---- errors ----

type apiError struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    string  `json:"code"`
	} `json:"error"`
}

// writeError writes an error in the OpenAI shape.
func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	var e apiError
	e.Error.Message, e.Error.Type, e.Error.Code = msg, typ, code
	writeJSON(w, status, e)
}

// writeJSON writes v as the response, as `citebot ask --json` prints it.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"message":"internal error","type":"server_error","param":null,"code":"internal"}}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// marshal encodes v as `citebot ask --json` does: indented, HTML
// characters as they are, a newline at the end.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(4 << 10) // an answer with its citations, mostly
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// badBody answers a body that could not be read as the request.
func badBody(w http.ResponseWriter, err error) {
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		writeError(w, http.StatusRequestEntityTooLarge, "invalid_request_error", "request_too_large",
			fmt.Sprintf("the body is larger than %d bytes", mbe.Limit))
		return
	}
	writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_json", "the body is not the JSON expected")
}

// badQuestion answers a question that can't be asked.
func badQuestion(w http.ResponseWriter, err error) {
	code := "invalid_question"
	switch {
	case errors.Is(err, bot.ErrQuestionTooLong):
		code = "question_too_long"
	case errors.Is(err, bot.ErrEmptyQuestion):
		code = "empty_question"
	}
	writeError(w, http.StatusBadRequest, "invalid_request_error", code, err.Error())
}

// ---- answering ----

// admit takes a place for user's question, or answers 429 (the asker's
// own rate limit) or 503 (the server is overloaded or stopping).
func (s *Server) admit(w http.ResponseWriter, user string) (*serve.Ticket, bool) {
	t, wait, why := s.deps.Desk.AdmitFor(user)
	if why == serve.Admitted {
		return t, true
	}
	secs := max(int((wait+time.Second-1)/time.Second), 1)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	if why == serve.RateLimited {
		writeError(w, http.StatusTooManyRequests, "rate_limit_error", "rate_limit_exceeded", serve.BusyText(wait))
	} else {
		writeError(w, http.StatusServiceUnavailable, "server_error", "overloaded", serve.BusyText(wait))
	}
	return nil, false
}

// submit checks a question, takes a place for it and hands it to the
// desk (in the conversation the earlier turns make, if any); it answers
// the request itself when the question is refused (ok false). The caller
// closes gone when it stops reading out.
func (s *Server) submit(w http.ResponseWriter, r *http.Request, user, raw string, turns []prompts.Turn, path string) (out *output, gone chan struct{}, ok bool) {
	q, err := bot.CleanQuestion(raw)
	if err != nil {
		badQuestion(w, err)
		return nil, nil, false
	}
	t, ok := s.admit(w, user)
	if !ok {
		return nil, nil, false
	}
	var cv *serve.Conversation
	if len(turns) > 0 {
		cv = s.deps.Desk.Resume(turns)
	}
	gone = make(chan struct{})
	out = newOutput(gone)
	s.deps.Desk.SubmitContext(r.Context(), t, cv, question(q, path, user), out)
	return out, gone, true
}

// output is a serve.Output that hands what the desk writes to the
// request's handler, which alone writes the response.
type output struct {
	partial chan string
	final   chan serve.Reply
	notice  chan string
	gone    <-chan struct{} // the handler has returned
}

var errGone = errors.New("the client is gone")

func newOutput(gone <-chan struct{}) *output {
	return &output{partial: make(chan string), final: make(chan serve.Reply, 1), notice: make(chan string, 1), gone: gone}
}

func (o *output) Partial(text string) error {
	select {
	case o.partial <- text:
		return nil
	case <-o.gone:
		return errGone
	}
}

func (o *output) Final(r serve.Reply) error {
	o.final <- r
	return nil
}

func (o *output) Notice(text string) error {
	o.notice <- text
	return nil
}

// noticeError answers a question the desk wrote no answer to.
func noticeError(w http.ResponseWriter, text string) {
	status, code := http.StatusInternalServerError, "answer_failed"
	if text != serve.FailedText {
		status, code = http.StatusServiceUnavailable, "overloaded"
	}
	writeError(w, status, "server_error", code, text)
}

// ask answers POST /api/ask {"question": "..."} with the `ask --json`
// object.
func (s *Server) ask(w http.ResponseWriter, r *http.Request, user string) {
	var req struct {
		Question string `json:"question"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		badBody(w, err)
		return
	}
	out, gone, ok := s.submit(w, r, user, req.Question, nil, "/api/ask")
	if !ok {
		return
	}
	defer close(gone)
	for {
		select {
		case <-out.partial:
		case rep := <-out.final:
			writeJSON(w, http.StatusOK, shown(rep.Answer))
			return
		case text := <-out.notice:
			noticeError(w, text)
			return
		case <-r.Context().Done():
			return
		}
	}
}

// question is a question asked through the API.
func question(q, path, user string) serve.Question {
	return serve.Question{Text: q, Origin: serve.Origin{Space: "http", Channel: path, User: user}, Received: time.Now()}
}

// shown is an answer as the API shows it: the note's parenthesised detail
// (which may quote a model server's error) is for the log only.
func shown(a bot.Answer) bot.Answer {
	a.Note = serve.UserNote(a.Note)
	return a
}

// passage answers GET /api/passages/{id} with the `passage --json` object.
func (s *Server) passage(w http.ResponseWriter, r *http.Request, _ string) {
	id := r.PathValue("id")
	p, ok := s.deps.Passage(id)
	if !ok {
		writeError(w, http.StatusNotFound, "invalid_request_error", "passage_not_found",
			fmt.Sprintf("no passage with ID %q in this corpus", id))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// models answers GET /v1/models: citebot is the one model.
func (s *Server) models(w http.ResponseWriter, _ *http.Request, _ string) {
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	writeJSON(w, http.StatusOK, struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{"list", []model{{ID: ModelID, Object: "model", OwnedBy: "citebot"}}})
}
