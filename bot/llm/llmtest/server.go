// Package llmtest is a fake OpenAI-compatible server on 127.0.0.1 for tests:
// chat completions (plain and streamed as server-sent events) and
// embeddings, with the quirks and faults of real servers on demand.
package llmtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Reply is what the fake answers to one chat request.
type Reply struct {
	// Chunks are the content deltas; unstreamed requests get them joined.
	Chunks []string
	// Reasoning deltas are sent as reasoning_content (vLLM, DeepSeek) before
	// the content; ReasoningField sends them as "reasoning" (Ollama, OpenRouter).
	Reasoning      []string
	ReasoningField bool
	FinishReason   string // "stop" when empty; "-" sends none
	// Status, when not 200, is sent with Body (or an OpenAI error object).
	Status int
	Body   string
	// Header is added to the response (Retry-After, …).
	Header map[string]string
	// Stream faults.
	NoDone        bool          // end the stream without "data: [DONE]"
	ErrorAfter    int           // send an error event after this many chunks (0: never)
	CutAfter      int           // close the connection after this many chunks (0: never)
	Delay         time.Duration // before answering
	ChunkInterval time.Duration // between chunks
	Model         string
}

// Request is a chat request as the fake received it.
type Request struct {
	Header http.Header
	Body   map[string]any
	Stream bool
	// Messages are the conversation's contents in order.
	Messages []Message
}

// Message is one message of a received request.
type Message struct{ Role, Content string }

// Server is the fake.
type Server struct {
	*httptest.Server
	// Chat decides the reply to each chat request; nil answers "ok".
	Chat func(Request) Reply
	// EmbedDelay is slept once per embeddings request.
	EmbedDelay time.Duration
	// EmbedDims is the length of the vectors returned (default 8).
	EmbedDims int
	// EmbedFail, when set, decides a status for an embeddings request
	// (0 answers normally).
	EmbedFail func(n int) int
	// FirstChunk, when set, is called as soon as the first content chunk
	// of a streamed answer has been flushed to the client.
	FirstChunk func(time.Time)

	mu         sync.Mutex
	requests   []Request
	embedBatch []int
	embedCalls int
}

// New starts a fake server that the test closes when it ends.
func New(t testing.TB) *Server {
	s := &Server{EmbedDims: 8}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "unknown path "+r.URL.Path, http.StatusNotFound)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// BaseURL is the URL to configure clients with, /v1 included.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Requests returns the chat requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// EmbedBatches returns the number of texts in each embeddings request.
func (s *Server) EmbedBatches() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.embedBatch...)
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		http.Error(w, "content type "+ct, http.StatusUnsupportedMediaType)
		return
	}
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad JSON: "+err.Error(), http.StatusBadRequest)
		return
	}
	req := Request{Header: r.Header.Clone(), Body: body}
	req.Stream, _ = body["stream"].(bool)
	msgs, _ := body["messages"].([]any)
	for _, m := range msgs {
		mm, _ := m.(map[string]any)
		role, _ := mm["role"].(string)
		content, _ := mm["content"].(string)
		req.Messages = append(req.Messages, Message{role, content})
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()

	rep := Reply{Chunks: []string{"ok"}}
	if s.Chat != nil {
		rep = s.Chat(req)
	}
	for k, v := range rep.Header {
		w.Header().Set(k, v)
	}
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.Status != 0 && rep.Status != http.StatusOK {
		body := rep.Body
		if body == "" {
			body = fmt.Sprintf(`{"error":{"message":"fake failure %d","type":"server_error"}}`, rep.Status)
		}
		if strings.HasPrefix(body, "<") {
			w.Header().Set("Content-Type", "text/html")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(rep.Status)
		fmt.Fprint(w, body)
		return
	}
	if rep.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, rep.Body)
		return
	}
	model := rep.Model
	if model == "" {
		model, _ = body["model"].(string)
	}
	finish := rep.FinishReason
	if finish == "" {
		finish = "stop"
	}
	if !req.Stream {
		s.writeWhole(w, rep, model, finish)
		return
	}
	s.writeStream(w, r, rep, model, finish)
}

func (s *Server) writeWhole(w http.ResponseWriter, rep Reply, model, finish string) {
	msg := map[string]any{"role": "assistant", "content": strings.Join(rep.Chunks, "")}
	if len(rep.Reasoning) > 0 {
		key := "reasoning_content"
		if rep.ReasoningField {
			key = "reasoning"
		}
		msg[key] = strings.Join(rep.Reasoning, "")
	}
	choice := map[string]any{"index": 0, "message": msg}
	if finish != "-" {
		choice["finish_reason"] = finish
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-fake", "object": "chat.completion", "created": 1, "model": model,
		"choices": []any{choice},
	})
}

func (s *Server) writeStream(w http.ResponseWriter, r *http.Request, rep Reply, model, finish string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	fl, _ := w.(http.Flusher)
	send := func(delta map[string]any, finish any) {
		b, _ := json.Marshal(map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1, "model": model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}},
		})
		fmt.Fprintf(w, "data: %s\n\n", b)
		if fl != nil {
			fl.Flush()
		}
	}
	send(map[string]any{"role": "assistant", "content": ""}, nil)
	for _, rc := range rep.Reasoning {
		key := "reasoning_content"
		if rep.ReasoningField {
			key = "reasoning"
		}
		send(map[string]any{key: rc}, nil)
	}
	for i, c := range rep.Chunks {
		if rep.ErrorAfter > 0 && i == rep.ErrorAfter {
			fmt.Fprint(w, "data: {\"error\":{\"message\":\"fake mid-stream failure\",\"type\":\"server_error\"}}\n\n")
			if fl != nil {
				fl.Flush()
			}
			return
		}
		if rep.CutAfter > 0 && i == rep.CutAfter {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
				}
			}
			return
		}
		if rep.ChunkInterval > 0 && i > 0 {
			select {
			case <-time.After(rep.ChunkInterval):
			case <-r.Context().Done():
				return
			}
		}
		send(map[string]any{"content": c}, nil)
		if i == 0 && s.FirstChunk != nil {
			s.FirstChunk(time.Now())
		}
	}
	if finish != "-" {
		send(map[string]any{}, finish)
	}
	if !rep.NoDone {
		fmt.Fprint(w, "data: [DONE]\n\n")
	}
}

func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Input any    `json:"input"`
		Model string `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, `{"error":"bad JSON"}`, http.StatusBadRequest)
		return
	}
	var inputs []string
	switch in := body.Input.(type) {
	case string:
		inputs = []string{in}
	case []any:
		for _, x := range in {
			s, _ := x.(string)
			inputs = append(inputs, s)
		}
	}
	s.mu.Lock()
	s.embedCalls++
	n := s.embedCalls
	s.embedBatch = append(s.embedBatch, len(inputs))
	s.mu.Unlock()
	if s.EmbedDelay > 0 {
		time.Sleep(s.EmbedDelay)
	}
	if s.EmbedFail != nil {
		if st := s.EmbedFail(n); st != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(st)
			fmt.Fprintf(w, `{"error":"fake embeddings failure %d"}`, st)
			return
		}
	}
	data := make([]any, len(inputs))
	for i, in := range inputs {
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": Vector(in, s.EmbedDims)}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": body.Model})
}

// Vector is the fake's embedding of text: deterministic, not normalised
// (clients must normalise), similar for texts sharing words.
func Vector(text string, dims int) []float32 {
	v := make([]float32, dims)
	for _, w := range strings.Fields(strings.ToLower(text)) {
		h := fnv.New32a()
		h.Write([]byte(strings.Trim(w, ".,?!\"'")))
		v[int(h.Sum32())%dims] += 3
	}
	v[0] += 0.5
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 || math.IsNaN(n) {
		v[0] = 1
	}
	return v
}

// Ref returns the number a citebot prompt gave the passage holding needle
// ("[3] Title …" headers in the last message), or 0 when none holds it.
func (r Request) Ref(needle string) int {
	if len(r.Messages) == 0 {
		return 0
	}
	user := r.Messages[len(r.Messages)-1].Content
	locs := passageHeader.FindAllStringSubmatchIndex(user, -1)
	for i, l := range locs {
		end := len(user)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if strings.Contains(user[l[0]:end], needle) {
			n, _ := strconv.Atoi(user[l[2]:l[3]])
			return n
		}
	}
	return 0
}

var passageHeader = regexp.MustCompile(`(?m)^\[(\d+)\] `)
