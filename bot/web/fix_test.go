package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// logBuffer is a slog handler's output, safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// testLog returns a logger at debug level writing to a buffer.
func testLog() (*slog.Logger, *logBuffer) {
	var b logBuffer
	return slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug})), &b
}

// slowReviews is fakeReviews whose unanswered report lasts until the
// request goes.
type slowReviews struct{ *fakeReviews }

func (s slowReviews) Unanswered(ctx context.Context, _, _ time.Time, _ int) ([]QuestionGroup, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// modRequest is a request of a logged-in moderator of s.
func modRequest(ctx context.Context, s *Server, method, target string) *http.Request {
	r := httptest.NewRequestWithContext(ctx, method, target, nil)
	ss := s.mod.start(time.Now())
	r.AddCookie(&http.Cookie{Name: cookieName, Value: ss.id})
	return r
}

// TestModClientGoneIsNoError: a moderator who leaves while a report is
// read is not an internal error: no 500, nothing logged at ERROR.
func TestModClientGoneIsNoError(t *testing.T) {
	log, buf := testLog()
	s := newPages(t, Config{ModeratorToken: token}, slowReviews{newFakeReviews()}, log)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, modRequest(ctx, s, "GET", "/mod/unanswered"))
	if w.Code == http.StatusInternalServerError || strings.Contains(w.Body.String(), "Internal error") {
		t.Errorf("a request gone answered %d\n%s", w.Code, w.Body)
	}
	if logs := buf.String(); strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "level=DEBUG") {
		t.Errorf("logs:\n%s", logs)
	}
}
