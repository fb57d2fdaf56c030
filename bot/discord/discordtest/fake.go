// Package discordtest is a fake Discord for tests: the REST API routes
// citebot uses and a websocket gateway that speaks the real handshake
// (HELLO, IDENTIFY, READY, heartbeats), on 127.0.0.1. It records every REST
// call so tests can check payloads.
package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// IDs of the fake's world.
const (
	AppID   = "900000000000000001"
	BotID   = "900000000000000001"
	GuildID = "800000000000000001"
)

// Call is one REST request the fake received.
type Call struct {
	Method string
	Path   string
	Body   map[string]any
	Raw    []byte
	Auth   string
	At     time.Time
}

// Server is the fake.
type Server struct {
	*httptest.Server
	t testing.TB

	mu       sync.Mutex
	calls    []Call
	nextID   atomic.Int64
	identify map[string]any
	conns    []*gatewayConn
	notify   chan struct{}
	// Channels maps a channel ID to its parent (threads), "" for none.
	channels map[string]string
	// FailThreads makes thread creation fail.
	FailThreads bool
	fault       func(Call) int
}

// DropConnection, returned by a fault function, closes the connection
// without an answer.
const DropConnection = -1

// SetFault makes the fake fail REST calls: f returns the HTTP status to
// answer a call with (an error body goes with it), DropConnection, or 0 to
// answer normally. nil ends the faults.
func (s *Server) SetFault(f func(Call) int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault = f
}

type gatewayConn struct {
	mu   sync.Mutex
	ws   *websocket.Conn
	seq  int64
	done chan struct{}
}

// New starts a fake Discord that the test closes when it ends.
func New(t testing.TB) *Server {
	s := &Server{t: t, notify: make(chan struct{}, 1), channels: map[string]string{}}
	s.nextID.Store(1000)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway"})
	})
	mux.HandleFunc("/gateway", s.gateway)
	mux.HandleFunc("/gateway/", s.gateway)
	mux.HandleFunc("/api/v9/", s.rest)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// ID returns a fresh snowflake-like ID.
func (s *Server) ID() string { return fmt.Sprint(s.nextID.Add(1)) }

// Calls returns the REST calls so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Identify returns the IDENTIFY payload the bot sent.
func (s *Server) Identify() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identify
}

// WaitFor waits until a REST call satisfies match, failing the test after
// the timeout; it returns that call.
func (s *Server) WaitFor(timeout time.Duration, what string, match func(Call) bool) Call {
	s.t.Helper()
	deadline := time.After(timeout)
	seen := 0
	for {
		calls := s.Calls()
		for _, c := range calls[seen:] {
			if match(c) {
				return c
			}
		}
		seen = len(calls)
		select {
		case <-s.notify:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			s.t.Fatalf("no %s within %v; calls:\n%s", what, timeout, s.describe())
			return Call{}
		}
	}
}

func (s *Server) describe() string {
	var b strings.Builder
	for _, c := range s.Calls() {
		fmt.Fprintf(&b, "  %s %s %.200s\n", c.Method, c.Path, c.Raw)
	}
	return b.String()
}

// rest answers the REST routes citebot uses, with plausible bodies.
func (s *Server) rest(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	c := Call{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, "/api/v9"), Raw: raw, Auth: r.Header.Get("Authorization"), At: time.Now()}
	if len(raw) > 0 && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		json.Unmarshal(raw, &c.Body)
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	fault := s.fault
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
	if fault != nil && s.fail(w, fault(c)) {
		return
	}
	if c.Auth != "Bot test-token" {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"message": "401: Unauthorized", "code": 0}`)
		return
	}
	parts := strings.Split(strings.Trim(c.Path, "/"), "/")
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodPut && parts[0] == "applications": // command registration
		w.Write(raw)
	case r.Method == http.MethodPost && parts[0] == "interactions":
		w.WriteHeader(http.StatusNoContent)
	case parts[0] == "webhooks": // edit original or follow-up
		id := s.ID()
		if len(parts) >= 5 && parts[3] == "messages" && parts[4] != "@original" {
			id = parts[4]
		}
		s.message(w, id, "", c.Body)
	case r.Method == http.MethodPost && parts[0] == "users" && len(parts) == 3 && parts[2] == "channels":
		json.NewEncoder(w).Encode(map[string]any{"id": s.ID(), "type": 1})
	case parts[0] == "channels" && len(parts) == 5 && parts[4] == "threads":
		if s.FailThreads {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message": "Missing Permissions", "code": 50013}`)
			return
		}
		id := s.ID()
		s.mu.Lock()
		s.channels[id] = parts[1]
		s.mu.Unlock()
		name, _ := c.Body["name"].(string)
		json.NewEncoder(w).Encode(map[string]any{"id": id, "type": 11, "parent_id": parts[1], "guild_id": GuildID, "name": name})
	case parts[0] == "channels" && len(parts) == 3 && parts[2] == "messages" && r.Method == http.MethodPost:
		s.message(w, s.ID(), parts[1], c.Body)
	case parts[0] == "channels" && len(parts) == 4 && parts[2] == "messages" && r.Method == http.MethodPatch:
		s.message(w, parts[3], parts[1], c.Body)
	case parts[0] == "channels" && len(parts) == 2 && r.Method == http.MethodGet:
		s.mu.Lock()
		parent := s.channels[parts[1]]
		s.mu.Unlock()
		typ := 0
		if parent != "" {
			typ = 11
		}
		json.NewEncoder(w).Encode(map[string]any{"id": parts[1], "type": typ, "parent_id": parent, "guild_id": GuildID})
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"message": "fake: no route %s %s", "code": 0}`, r.Method, c.Path)
	}
}

// fail answers with the fault status (DropConnection: none at all) and
// reports whether it did; 0 is no fault.
func (s *Server) fail(w http.ResponseWriter, status int) bool {
	switch {
	case status == DropConnection:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return true
			}
		}
		w.WriteHeader(http.StatusBadGateway)
		return true
	case status != 0:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message": "fake fault %d", "code": 0}`, status)
		return true
	}
	return false
}

func (s *Server) message(w http.ResponseWriter, id, channel string, body map[string]any) {
	m := map[string]any{"id": id, "channel_id": channel, "author": map[string]any{"id": BotID, "bot": true}}
	for _, k := range []string{"content", "embeds", "components"} {
		if v, ok := body[k]; ok {
			m[k] = v
		}
	}
	json.NewEncoder(w).Encode(m)
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway speaks the handshake: HELLO, then IDENTIFY in, READY out; then
// heartbeat acknowledgements until the bot goes.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	gc := &gatewayConn{ws: ws, done: make(chan struct{})}
	defer close(gc.done)
	defer ws.Close()
	gc.write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(msg, &p) != nil {
			continue
		}
		switch p.Op {
		case 1:
			gc.write(map[string]any{"op": 11})
		case 2:
			var id map[string]any
			json.Unmarshal(append([]byte(nil), p.D...), &id)
			s.mu.Lock()
			s.identify = id
			s.conns = append(s.conns, gc)
			s.mu.Unlock()
			gc.dispatch("READY", map[string]any{
				"v": 9, "session_id": "fake-session",
				"user":        map[string]any{"id": BotID, "username": "citebot", "discriminator": "0", "bot": true},
				"application": map[string]any{"id": AppID, "flags": 0},
				"guilds":      []any{map[string]any{"id": GuildID, "unavailable": true}},
			})
		}
	}
}

func (gc *gatewayConn) write(v any) error {
	gc.mu.Lock()
	defer gc.mu.Unlock()
	return gc.ws.WriteJSON(v)
}

func (gc *gatewayConn) dispatch(typ string, d any) error {
	gc.mu.Lock()
	gc.seq++
	seq := gc.seq
	gc.mu.Unlock()
	return gc.write(map[string]any{"op": 0, "s": seq, "t": typ, "d": d})
}

// WaitConnected waits until a bot has identified.
func (s *Server) WaitConnected(timeout time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		n := len(s.conns)
		s.mu.Unlock()
		if n > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatal("the bot never identified with the gateway")
}

// Dispatch sends an event to the connected bot.
func (s *Server) Dispatch(typ string, d any) {
	s.t.Helper()
	s.mu.Lock()
	var gc *gatewayConn
	if len(s.conns) > 0 {
		gc = s.conns[len(s.conns)-1]
	}
	s.mu.Unlock()
	if gc == nil {
		s.t.Fatal("no bot connected")
	}
	if err := gc.dispatch(typ, d); err != nil {
		s.t.Fatalf("dispatch %s: %v", typ, err)
	}
}

// Member describes who acts in an event.
type Member struct {
	UserID      string
	Roles       []string
	Permissions int64
}

func (m Member) json() map[string]any {
	roles := m.Roles
	if roles == nil {
		roles = []string{}
	}
	return map[string]any{
		"user":        map[string]any{"id": m.UserID, "username": "user" + m.UserID, "discriminator": "0"},
		"roles":       roles,
		"permissions": fmt.Sprint(m.Permissions),
		"joined_at":   "2024-01-01T00:00:00Z",
	}
}

// SlashCommand dispatches an application command interaction and returns
// its ID and token.
func (s *Server) SlashCommand(channelID string, m Member, name string, options map[string]string) (id, token string) {
	id, token = s.ID(), "tok-"+s.ID()
	s.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": AppID, "type": 2, "token": token, "version": 1,
		"guild_id": GuildID, "channel_id": channelID, "member": m.json(),
		"data": map[string]any{"id": s.ID(), "name": name, "type": 1, "options": commandOptions(options)},
	})
	return id, token
}

// commandOptions is a command's string options as Discord sends them.
func commandOptions(options map[string]string) []any {
	var opts []any
	for k, v := range options {
		opts = append(opts, map[string]any{"name": k, "type": 3, "value": v})
	}
	return opts
}

// Button dispatches a click on a message component.
func (s *Server) Button(channelID string, m Member, customID string) (id, token string) {
	id, token = s.ID(), "tok-"+s.ID()
	s.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": AppID, "type": 3, "token": token, "version": 1,
		"guild_id": GuildID, "channel_id": channelID, "member": m.json(),
		"message": map[string]any{"id": s.ID(), "channel_id": channelID},
		"data":    map[string]any{"custom_id": customID, "component_type": 2},
	})
	return id, token
}

// Message dispatches a message from a user; mention adds a mention of the
// bot in front. It returns the message ID.
func (s *Server) Message(channelID string, m Member, content string, mention bool) string {
	id := s.ID()
	var mentions []any
	if mention {
		content = "<@" + BotID + "> " + content
		mentions = append(mentions, map[string]any{"id": BotID, "username": "citebot", "bot": true})
	}
	member := m.json()
	delete(member, "user")
	s.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": id, "channel_id": channelID, "guild_id": GuildID, "content": content, "type": 0,
		"author":   map[string]any{"id": m.UserID, "username": "user" + m.UserID, "discriminator": "0"},
		"member":   member,
		"mentions": mentions, "timestamp": time.Now().Format(time.RFC3339),
	})
	return id
}

// DMSlashCommand dispatches an application command used in a direct
// message (no guild, no member) and returns its ID and token.
func (s *Server) DMSlashCommand(channelID, userID, name string, options map[string]string) (id, token string) {
	id, token = s.ID(), "tok-"+s.ID()
	s.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": AppID, "type": 2, "token": token, "version": 1,
		"channel_id": channelID, "user": map[string]any{"id": userID, "username": "user" + userID, "discriminator": "0"},
		"data": map[string]any{"id": s.ID(), "name": name, "type": 1, "options": commandOptions(options)},
	})
	return id, token
}

// DMMessage dispatches a direct message from a user and returns its ID.
func (s *Server) DMMessage(channelID, userID, content string) string {
	id := s.ID()
	s.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": id, "channel_id": channelID, "content": content, "type": 0,
		"author":    map[string]any{"id": userID, "username": "user" + userID, "discriminator": "0"},
		"timestamp": time.Now().Format(time.RFC3339),
	})
	return id
}
