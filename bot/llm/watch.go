package llm

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// attempt is what the HTTP layer saw of one chat request: go-openai keeps
// response headers and the stream's end line to itself.
type attempt struct {
	retryAfter string // of a 429 or 503
	sawDone    bool   // the stream sent "data: [DONE]"
	maxBody    int64  // bound on an unstreamed answer's body
}

type attemptKey struct{}

// watchingDoer is the HTTP client go-openai uses: it records, for requests
// whose context carries an *attempt, what go-openai does not report.
type watchingDoer struct{ inner *http.Client }

func (d watchingDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.inner.Do(req)
	at, _ := req.Context().Value(attemptKey{}).(*attempt)
	if err != nil || at == nil {
		return resp, err
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		at.retryAfter = resp.Header.Get("Retry-After")
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body = &doneWatcher{ReadCloser: resp.Body, at: at}
	} else if at.maxBody > 0 {
		resp.Body = limitedBody{io.LimitReader(resp.Body, at.maxBody), resp.Body}
	}
	return resp, nil
}

type limitedBody struct {
	io.Reader
	io.Closer
}

// doneWatcher passes a stream through, noting a "data: [DONE]" line.
type doneWatcher struct {
	io.ReadCloser
	at   *attempt
	line []byte // the current line, while it may still be [DONE]
	long bool   // the current line is too long to be [DONE]
}

func (w *doneWatcher) Read(p []byte) (int, error) {
	n, err := w.ReadCloser.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			if !w.long && isDoneLine(string(w.line)) {
				w.at.sawDone = true
			}
			w.line, w.long = w.line[:0], false
			continue
		}
		if len(w.line) < 32 {
			w.line = append(w.line, b)
		} else {
			w.long = true
		}
	}
	return n, err
}

func isDoneLine(s string) bool {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, "data:")
	return ok && strings.TrimSpace(rest) == "[DONE]"
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 1<<20)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func withAttempt(ctx context.Context, at *attempt) context.Context {
	return context.WithValue(ctx, attemptKey{}, at)
}
