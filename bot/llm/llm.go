// Package llm talks to OpenAI-compatible chat servers (OpenAI, Ollama,
// llama.cpp server, vLLM, LM Studio, …) through go-openai: streaming through
// a callback, reasoning removed, failures classified and retried.
package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"github.com/citebot/citebot/retrieval/text"
)

// Config says which server and model to use and how.
type Config struct {
	BaseURL string // including /v1, e.g. http://localhost:11434/v1
	Model   string
	// APIKey is sent as a bearer token; empty sends no Authorization header.
	APIKey string
	// Temperature, when set, is sent even when it is 0.
	Temperature *float64
	MaxTokens   int           // sent as max_tokens; 0 leaves it to the server
	Timeout     time.Duration // for the whole answer, retries included
	Stream      bool
	MaxRetries  int           // retries after a 429, a 5xx or a refused connection
	Backoff     time.Duration // first wait between attempts; doubles each time
	// MaxOutputBytes bounds the visible answer kept from the server: past
	// it the client stops reading and marks the answer truncated.
	MaxOutputBytes int
}

func (c Config) validate() error {
	switch {
	case c.BaseURL == "" || c.Model == "":
		return errors.New("llm: a base URL and a model are required")
	case c.MaxRetries < 0 || c.Backoff <= 0:
		return fmt.Errorf("llm: %d retries, backoff %v: want ≥ 0 and > 0", c.MaxRetries, c.Backoff)
	case c.MaxTokens < 0 || c.Timeout < 0 || c.MaxOutputBytes <= 0:
		return fmt.Errorf("llm: max tokens %d, timeout %v, output cap %d bytes: want ≥ 0, ≥ 0 and > 0", c.MaxTokens, c.Timeout, c.MaxOutputBytes)
	}
	return nil
}

// maxRetryAfter is the longest Retry-After honoured without a deadline.
const maxRetryAfter = time.Minute

// Message is one turn of a conversation.
type Message struct {
	Role    string // system, user or assistant
	Content string
}

// Chunk is a piece of a streamed answer, reasoning removed.
type Chunk struct {
	Text string
	// Reset withdraws all text delivered before: it was reasoning.
	Reset bool
}

// Result is a finished answer.
type Result struct {
	Text         string // the visible answer, reasoning removed
	FinishReason string
	// Truncated is true when the answer is incomplete; Cut says why.
	Truncated bool
	Cut       string
	Model     string
}

// Why an answer is incomplete (Result.Cut).
const (
	CutLength    = "length"     // the server stopped at its token limit
	CutOutputCap = "output_cap" // the client stopped reading at MaxOutputBytes
	CutEnded     = "ended"      // the stream ended without [DONE] or a finish reason: the server stopped mid-answer
)

// Kind classifies a failure for the caller and the user.
type Kind int

// Failure kinds.
const (
	KindUnavailable Kind = iota // no connection
	KindTimeout                 // too slow
	KindRateLimited             // 429
	KindServer                  // 5xx
	KindAuth                    // 401, 403
	KindRequest                 // other 4xx: the request or the model name is wrong
	KindBadResponse             // an answer that can't be read, or an empty one
	KindCanceled                // the caller gave up
)

// Error is a failed call to the model server.
type Error struct {
	Kind   Kind
	Status int    // HTTP status, 0 if none
	Detail string // what the server or the network said
	// RetryAfter is how long the server asked to wait (429, 503).
	RetryAfter time.Duration
	Err        error
}

// Class is a short description of the failure that is safe to show users:
// never the server's own words, which may hold part of a key or an
// account name.
func (e *Error) Class() string {
	switch e.Kind {
	case KindUnavailable:
		return "the model server is unreachable"
	case KindTimeout:
		return "the model server timed out"
	case KindRateLimited:
		return "the model server is rate limiting"
	case KindServer:
		return "the model server failed"
	case KindAuth:
		return "the model server refused the key"
	case KindRequest:
		return "the model server rejected the request"
	case KindBadResponse:
		return "the model server sent an unreadable answer"
	case KindCanceled:
		return "canceled"
	}
	return "the model server failed"
}

func (e *Error) Error() string {
	var what string
	switch e.Kind {
	case KindUnavailable:
		what = "model server unreachable"
	case KindTimeout:
		what = "model server too slow"
	case KindRateLimited:
		what = "model server rate limit"
	case KindServer:
		what = "model server error"
	case KindAuth:
		what = "model server refused the API key"
	case KindRequest:
		what = "model server rejected the request"
	case KindBadResponse:
		what = "model server sent an unreadable answer"
	case KindCanceled:
		what = "canceled"
	}
	if e.Status != 0 {
		what += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Detail != "" {
		what += ": " + e.Detail
	}
	return what
}

func (e *Error) Unwrap() error { return e.Err }

// retryable reports whether another attempt may succeed.
func (e *Error) retryable() bool {
	switch e.Kind {
	case KindUnavailable, KindRateLimited, KindServer:
		return true
	}
	return false
}

// Client calls one model on one server. It is safe for concurrent use.
type Client struct {
	cfg Config
	api *openai.Client
}

// New returns a client; httpClient nil means a plain http.Client (deadlines
// come from the context and cfg.Timeout, 0 for none). Without an API key no
// Authorization header is sent, as Ollama and llama.cpp expect. Every value
// but the key, the temperature, MaxTokens and Timeout is required.
func New(cfg Config, httpClient *http.Client) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Client{cfg: cfg, api: newAPI(cfg.BaseURL, cfg.APIKey, httpClient)}, nil
}

// maxIdleConns is how many idle connections to the model server are kept
// for the next answers: as many as answers written at once, or each answer
// beyond the second dials anew (http.DefaultTransport keeps 2 per host).
const maxIdleConns = 256

// newAPI returns a go-openai client for a server; without a key go-openai
// sends no Authorization header.
func newAPI(baseURL, key string, httpClient *http.Client) *openai.Client {
	oc := openai.DefaultConfig(key)
	oc.BaseURL = strings.TrimRight(baseURL, "/")
	if httpClient == nil {
		httpClient = &http.Client{}
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			tr := dt.Clone()
			tr.MaxIdleConns, tr.MaxIdleConnsPerHost = maxIdleConns, maxIdleConns
			httpClient.Transport = tr
		}
	}
	oc.HTTPClient = watchingDoer{httpClient}
	return openai.NewClientWithConfig(oc)
}

// Model returns the configured model name.
func (c *Client) Model() string { return c.cfg.Model }

// Complete sends the conversation and returns the answer. With streaming on,
// onChunk receives the visible text as it arrives; an error from onChunk
// stops the stream and is returned. Failed attempts are retried while
// nothing has been delivered.
func (c *Client) Complete(ctx context.Context, msgs []Message, onChunk func(Chunk) error) (Result, error) {
	if c.cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.cfg.Timeout)
		defer cancel()
	}
	req := c.request(msgs)
	var res Result
	err := retry(ctx, c.cfg.MaxRetries, c.cfg.Backoff, func() (bool, error) {
		var delivered bool
		var err error
		at := &attempt{maxBody: int64(c.cfg.MaxOutputBytes)*8 + 1<<20}
		actx := withAttempt(ctx, at)
		if c.cfg.Stream {
			res, delivered, err = c.stream(actx, req, at, onChunk)
		} else {
			res, err = c.once(actx, req, onChunk)
		}
		var le *Error
		if errors.As(err, &le) && at.retryAfter != "" {
			le.RetryAfter = parseRetryAfter(at.retryAfter, time.Now())
		}
		return delivered, err
	})
	return res, err
}

// retry runs attempt until it succeeds, fails for good, or has been retried
// retries times, waiting backoff (doubling) in between. Only an *Error that
// is retryable is retried, and never once attempt says it must stop (it
// delivered part of an answer).
func retry(ctx context.Context, retries int, backoff time.Duration, attempt func() (stop bool, err error)) error {
	wait := backoff
	for n := 0; ; n++ {
		stop, err := attempt()
		if err == nil {
			return nil
		}
		var le *Error
		if !errors.As(err, &le) || !le.retryable() || stop || n >= retries {
			return err
		}
		d := wait
		if le.RetryAfter > 0 {
			// The server said when to come back: not before, and not at
			// all when that is past the deadline.
			dl, ok := ctx.Deadline()
			if (ok && time.Until(dl) < le.RetryAfter) || (!ok && le.RetryAfter > maxRetryAfter) {
				le.Kind = KindRateLimited
				return err
			}
			d = max(d, le.RetryAfter)
		}
		select {
		case <-ctx.Done():
			return classify(ctx, ctx.Err())
		case <-time.After(d):
		}
		wait *= 2
	}
}

func (c *Client) request(msgs []Message) openai.ChatCompletionRequest {
	// max_tokens, not max_completion_tokens: several local servers ignore
	// the newer field, which go-openai marks the older one deprecated for.
	//lint:ignore SA1019 see above
	req := openai.ChatCompletionRequest{Model: c.cfg.Model, MaxTokens: c.cfg.MaxTokens, Stream: c.cfg.Stream}
	if t := c.cfg.Temperature; t != nil {
		req.Temperature = float32(*t)
		if req.Temperature == 0 {
			// go-openai omits a zero temperature; the smallest positive
			// float is 0 to every server and is sent.
			req.Temperature = math.SmallestNonzeroFloat32
		}
	}
	for _, m := range msgs {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	return req
}

func (c *Client) once(ctx context.Context, req openai.ChatCompletionRequest, onChunk func(Chunk) error) (Result, error) {
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		return Result{}, classify(ctx, err)
	}
	if len(resp.Choices) == 0 {
		return Result{}, &Error{Kind: KindBadResponse, Detail: "no choices in the answer"}
	}
	ch := resp.Choices[0]
	res := Result{
		Text:         strings.TrimSpace(StripThinking(ch.Message.Content)),
		FinishReason: string(ch.FinishReason),
		Model:        resp.Model,
	}
	if ch.FinishReason == openai.FinishReasonLength {
		res.Truncated, res.Cut = true, CutLength
	}
	if len(res.Text) > c.cfg.MaxOutputBytes {
		res.Text = strings.TrimSpace(cutUTF8(res.Text, c.cfg.MaxOutputBytes))
		res.Truncated, res.Cut = true, CutOutputCap
	}
	if res.Text == "" {
		return res, &Error{Kind: KindBadResponse, Detail: "empty answer"}
	}
	if onChunk != nil {
		if err := onChunk(Chunk{Text: res.Text}); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (c *Client) stream(ctx context.Context, req openai.ChatCompletionRequest, at *attempt, onChunk func(Chunk) error) (res Result, delivered bool, err error) {
	st, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return res, false, classify(ctx, err)
	}
	defer st.Close()
	var f thinkFilter
	var shown strings.Builder // the visible answer so far
	emit := func(ch Chunk) error {
		if ch.Reset {
			shown.Reset()
		}
		shown.WriteString(ch.Text)
		if onChunk == nil || (ch.Text == "" && !ch.Reset) {
			return nil
		}
		delivered = true
		return onChunk(ch)
	}
	capped := false
	for !capped {
		resp, rerr := st.Recv()
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			res.Text = strings.TrimSpace(shown.String())
			return res, delivered, classify(ctx, rerr)
		}
		if resp.Model != "" {
			res.Model = resp.Model
		}
		for _, ch := range resp.Choices {
			if ch.FinishReason != "" {
				res.FinishReason = string(ch.FinishReason)
			}
			// Delta.ReasoningContent (and "reasoning") is never shown.
			text, reset := f.feed(ch.Delta.Content)
			if reset {
				shown.Reset()
			}
			if left := c.cfg.MaxOutputBytes - shown.Len(); len(text) > left {
				text, capped = cutUTF8(text, left), true
			}
			if err := emit(Chunk{Text: text, Reset: reset}); err != nil {
				return res, delivered, err
			}
			if capped {
				break
			}
		}
	}
	switch {
	case capped:
		res.Truncated, res.Cut = true, CutOutputCap
	case res.FinishReason == string(openai.FinishReasonLength):
		res.Truncated, res.Cut = true, CutLength
	case res.FinishReason == "" && !at.sawDone:
		res.Truncated, res.Cut = true, CutEnded
	}
	if !capped {
		if err := emit(Chunk{Text: f.flush()}); err != nil {
			return res, delivered, err
		}
	}
	res.Text = strings.TrimSpace(shown.String())
	if res.Text == "" {
		return res, delivered, &Error{Kind: KindBadResponse, Detail: "empty answer"}
	}
	return res, delivered, nil
}

// cutUTF8 returns the longest prefix of s of at most n bytes that does not
// split a character.
func cutUTF8(s string, n int) string {
	if n >= len(s) {
		return s
	}
	if n <= 0 {
		return ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// classify turns an error from go-openai or the network into an *Error.
func classify(ctx context.Context, err error) error {
	var le *Error
	if errors.As(err, &le) {
		return err
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &Error{Kind: KindTimeout, Detail: "no complete answer in time", Err: err}
		}
		return &Error{Kind: KindCanceled, Err: err}
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		detail := bodyDetail(reqErr.Body)
		if detail == "" && reqErr.Err != nil {
			detail = reqErr.Err.Error()
		}
		return &Error{Kind: statusKind(reqErr.HTTPStatusCode), Status: reqErr.HTTPStatusCode, Detail: detail, Err: err}
	}
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		kind := statusKind(apiErr.HTTPStatusCode)
		if apiErr.HTTPStatusCode == 0 {
			kind = KindServer // an error sent inside the stream
		}
		return &Error{Kind: kind, Status: apiErr.HTTPStatusCode, Detail: clip(apiErr.Message), Err: err}
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return &Error{Kind: KindTimeout, Detail: "network timeout", Err: err}
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return &Error{Kind: KindUnavailable, Detail: clip(opErr.Err.Error()), Err: err}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Kind: KindBadResponse, Detail: "connection closed mid-answer", Err: err}
	}
	return &Error{Kind: KindBadResponse, Detail: clip(err.Error()), Err: err}
}

func statusKind(status int) Kind {
	switch {
	case status == http.StatusTooManyRequests:
		return KindRateLimited
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return KindAuth
	case status >= 500:
		return KindServer
	case status >= 400:
		return KindRequest
	}
	return KindBadResponse
}

// bodyDetail pulls a readable message out of an error body: an Ollama-style
// {"error":"…"}, an OpenAI-style {"error":{"message":"…"}}, or the title of
// an HTML page.
func bodyDetail(body []byte) string {
	s := strings.TrimSpace(string(body))
	if s == "" {
		return ""
	}
	if strings.HasPrefix(s, "{") {
		var v struct {
			Error any `json:"error"`
		}
		if json.Unmarshal([]byte(s), &v) == nil {
			switch e := v.Error.(type) {
			case string:
				return clip(e)
			case map[string]any:
				if m, ok := e["message"].(string); ok {
					return clip(m)
				}
			}
		}
	}
	lower := strings.ToLower(s)
	if i := strings.Index(lower, "<title>"); i >= 0 {
		if j := strings.Index(lower[i:], "</title>"); j > 0 {
			return clip("HTML page: " + strings.TrimSpace(s[i+7:i+j]))
		}
	}
	if strings.HasPrefix(lower, "<") {
		return "an HTML page instead of JSON"
	}
	return clip(s)
}

// maxDetail is the longest error detail kept, in characters.
const maxDetail = 200

// clip keeps error text short (text.Clip) and on one line.
func clip(s string) string {
	return text.Clip(strings.Join(strings.Fields(s), " "), maxDetail)
}
