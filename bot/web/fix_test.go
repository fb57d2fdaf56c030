package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/retrieval/retrievaltest"
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

// TestAskRateLimitPerClientBehindAProxy: behind a trusted proxy, each
// client has its own rate limit, not one shared by all.
func TestAskRateLimitPerClientBehindAProxy(t *testing.T) {
	// A burst of three a minute: however slowly each answer comes (under
	// the race detector on a busy machine), the bucket does not refill
	// between asks.
	s := newPagesOf(t, testEngine(t), Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, nil, slog.New(slog.DiscardHandler),
		func(c *serve.Config) { c.RatePerMinute, c.RateBurst = 1, 3 })
	ask := func(client string) int {
		r := httptest.NewRequestWithContext(t.Context(), "GET", "/?q="+url.QueryEscape(question), nil)
		r.RemoteAddr = "10.0.0.1:5000"
		r.Header.Set("X-Forwarded-For", client)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w.Code
	}
	limited := 0
	for range 10 { // beyond the desk's burst
		if ask("203.0.113.9") == http.StatusTooManyRequests {
			limited++
			break
		}
	}
	if limited == 0 {
		t.Fatal("one client was never limited")
	}
	if code := ask("203.0.113.10"); code != http.StatusOK {
		t.Errorf("another client behind the same proxy: %d", code)
	}
}

// TestLoginThrottle: after five failed logins from an address within ten
// minutes, it gets 429 with Retry-After, even with the right token, until
// the window ends; other addresses are not held up; the failures are
// logged once.
func TestLoginThrottle(t *testing.T) {
	log, buf := testLog()
	s := newPages(t, Config{ModeratorToken: token}, newFakeReviews(), log)
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	login := func(addr, tok string) *httptest.ResponseRecorder {
		r := httptest.NewRequestWithContext(t.Context(), "POST", "/mod/login", strings.NewReader(url.Values{"token": {tok}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = addr + ":5000"
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	for i := range maxLoginFailures {
		if w := login("198.51.100.7", "wrong"); w.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, w.Code)
		}
		now = now.Add(time.Minute)
	}
	w := login("198.51.100.7", token)
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "300" {
		t.Errorf("after five failures: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	if w.Header().Get("Content-Security-Policy") == "" || !strings.Contains(w.Body.String(), "Too many failed logins") {
		t.Errorf("the page of a throttled login:\n%s", w.Body)
	}
	if w := login("198.51.100.8", token); w.Code != http.StatusSeeOther {
		t.Errorf("another address: %d", w.Code)
	}
	if n := strings.Count(buf.String(), "moderator login refused"); n != 1 {
		t.Errorf("%d failed logins logged, want 1:\n%s", n, buf)
	}
	now = now.Add(5 * time.Minute) // the window has ended
	if w := login("198.51.100.7", token); w.Code != http.StatusSeeOther {
		t.Errorf("after the window: %d", w.Code)
	}
}

// TestLoginThrottleIsBounded: failures from ever new addresses don't grow
// the throttle beyond its bound.
func TestLoginThrottleIsBounded(t *testing.T) {
	var th throttle
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range maxThrottled + 500 {
		th.fail(fmt.Sprintf("2001:db8::%x", i), now.Add(time.Duration(i)*time.Millisecond))
	}
	if n := len(th.byAddr); n > maxThrottled {
		t.Errorf("%d addresses tracked, at most %d", n, maxThrottled)
	}
	if _, ok := th.byAddr["2001:db8::0"]; ok {
		t.Error("the oldest address was kept")
	}
}

// TestWrongMethodIs405: a page asked with a method it doesn't answer is
// 405 with Allow and the security headers, not 404.
func TestWrongMethodIs405(t *testing.T) {
	s := newPages(t, Config{ModeratorToken: token}, newFakeReviews(), slog.New(slog.DiscardHandler))
	cases := []struct {
		method, path, allow string
	}{
		{"POST", "/", "GET, HEAD"},
		{"DELETE", "/doc/x", "GET, HEAD"},
		{"PUT", "/mod/answers/1", "GET, HEAD"},
		{"GET", "/mod/logout", "POST"},
		{"DELETE", "/mod/login", "GET, HEAD, POST"},
		{"GET", "/mod/answers/1/review", "POST"},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequestWithContext(t.Context(), c.method, c.path, nil))
			if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != c.allow {
				t.Errorf("%d, Allow %q; want 405, %q", w.Code, w.Header().Get("Allow"), c.allow)
			}
			if w.Header().Get("Content-Security-Policy") != CSP || w.Header().Get("X-Frame-Options") != "DENY" {
				t.Errorf("headers %v", w.Header())
			}
		})
	}
	for _, p := range []string{"/nowhere", "/mod/nowhere"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequestWithContext(t.Context(), "GET", p, nil))
		if w.Code == http.StatusMethodNotAllowed {
			t.Errorf("GET %s: 405", p)
		}
	}
}

// TestNamesWithBidiControlsAreVisible: a file named with a right-to-left
// override ("moon\u202etxt.md" shows as "moondm.txt") or other control
// characters is shown with them escaped, in <bdi>, wherever the pages name
// it: the document viewer, the ask page's citations, an answer's page.
func TestNamesWithBidiControlsAreVisible(t *testing.T) {
	const name = "moon\u202etxt.md"
	c, ix := retrievaltest.Build(t, fstest.MapFS{
		name:           {Data: []byte("# Moon\u2067 phases\n\nThe moon has eight phases, from new moon to full moon and back.\n")},
		"other\x01.md": {Data: []byte("# Tides\n\nTides follow the moon.\n")},
	})
	p, err := bot.NewPipeline(ix, bot.Options{TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	reviews := newFakeReviews()
	reviews.entries[0].Citations[0].Source = name
	s := newPagesOf(t, serve.Engine{Pipeline: p, Index: ix, Corpus: c}, Config{ModeratorToken: token}, reviews, slog.New(slog.DiscardHandler))
	pages := map[string]*http.Request{
		"document": httptest.NewRequestWithContext(t.Context(), "GET", "/doc/"+url.PathEscape(name), nil),
		"ask":      httptest.NewRequestWithContext(t.Context(), "GET", "/?q="+url.QueryEscape("How many phases does the moon have?"), nil),
		"answer":   modRequest(t.Context(), s, "GET", "/mod/answers/1"),
	}
	for what, r := range pages {
		t.Run(what, func(t *testing.T) {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			body := w.Body.String()
			if w.Code != http.StatusOK {
				t.Fatalf("%d\n%s", w.Code, body)
			}
			// The document's text is shown as it is; names and titles not.
			if strings.Contains(body, name) || strings.Contains(body, ">Moon\u2067") || strings.Contains(body, "\x01") {
				t.Errorf("a control character of a name reached the page:\n%s", body)
			}
			if what == "document" && !strings.Contains(body, `<h1><bdi>Moon\u2067 phases</bdi></h1>`) {
				t.Errorf("the title is not shown escaped:\n%s", body)
			}
			if !strings.Contains(body, `<bdi>moon\u202etxt.md`) {
				t.Errorf("the name is not shown escaped in <bdi>:\n%s", body)
			}
		})
	}
}

// TestModListPagesBothWays: the list links to the page of newer answers
// (after the first row shown) when there are newer ones, and to the older
// ones (before the last row) when there are older ones, both keeping the
// filters; before and after together is a bad filter.
func TestModListPagesBothWays(t *testing.T) {
	srv := newTestServer(t, Config{ModeratorToken: token}, newFakeReviews()) // answers 1 to 7; chan-1 holds the odd ones
	c, _ := login(t, srv)
	const newer, older, newest = "Newer answers", "Older answers", "Newest"
	for _, tc := range []struct {
		name, query string
		rows        []int // the answers shown, in order
		want        []string
		wantNo      []string
	}{
		{"first page", "limit=2", []int{7, 6}, []string{`href="/mod/?before=6&amp;limit=2">Older answers`}, []string{newer, newest}},
		{"second page", "before=6&limit=2", []int{5, 4},
			[]string{`href="/mod/?after=5&amp;limit=2">← Newer answers`, `href="/mod/?before=4&amp;limit=2">Older answers`, `href="/mod/?limit=2">← Newest`}, nil},
		{"last page", "before=3&limit=2", []int{2, 1}, []string{`href="/mod/?after=2&amp;limit=2">← Newer answers`}, []string{older}},
		{"back from the last page", "after=2&limit=2", []int{4, 3},
			[]string{`href="/mod/?after=4&amp;limit=2">← Newer answers`, `href="/mod/?before=3&amp;limit=2">Older answers`}, nil},
		{"back to the newest answers", "after=5&limit=2", []int{7, 6}, []string{`href="/mod/?before=6&amp;limit=2">Older answers`}, []string{newer}},
		{"back, less than a page", "after=6&limit=2", []int{7}, []string{`href="/mod/?before=7&amp;limit=2">Older answers`}, []string{newer}},
		{"filters kept", "before=5&channel=chan-1&limit=1", []int{3},
			[]string{`href="/mod/?after=3&amp;channel=chan-1&amp;limit=1">← Newer answers`, `href="/mod/?before=3&amp;channel=chan-1&amp;limit=1">Older answers`}, nil},
		{"filters kept back", "after=3&channel=chan-1&declined=1", []int{5}, []string{`href="/mod/?channel=chan-1&amp;declined=1">← Newest`}, []string{newer, older}},
		{"nothing newer", "after=7", nil, []string{`href="/mod/">← Newest`}, []string{newer, older}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, c, srv.URL+"/mod/?"+tc.query)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d\n%s", resp.StatusCode, body)
			}
			var rows []int
			for _, m := range regexp.MustCompile(`<tr>\s*<td><a href="/mod/answers/(\d+)`).FindAllStringSubmatch(body, -1) {
				n, _ := strconv.Atoi(m[1])
				rows = append(rows, n)
			}
			if !slices.Equal(rows, tc.rows) {
				t.Errorf("rows %v, want %v", rows, tc.rows)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("no %q in\n%s", w, body)
				}
			}
			for _, w := range tc.wantNo {
				if strings.Contains(body, w) {
					t.Errorf("%q in\n%s", w, body)
				}
			}
		})
	}
	if resp, body := get(t, c, srv.URL+"/mod/?before=5&after=2"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "not both") {
		t.Errorf("before and after: status %d\n%s", resp.StatusCode, body)
	}
}

// TestModNavigation: the list pages both ways (Older, and Newest back to
// the first page); an answer's page links back to the list it was opened
// from (a local /mod/ address only), also after a review; error pages of
// the area link to the list; logging out says so.
func TestModNavigation(t *testing.T) {
	srv := newTestServer(t, Config{ModeratorToken: token}, newFakeReviews())
	c, csrf := login(t, srv)
	for _, tc := range []struct {
		name, path   string
		status       int
		want, wantNo []string
	}{
		{"first page", "/mod/?limit=2", 200, []string{`href="/mod/?before=6&amp;limit=2"`, "Older"}, []string{"Newest"}},
		{"second page", "/mod/?before=6&limit=2", 200, []string{`href="/mod/?limit=2">← Newest`, `href="/mod/?before=4&amp;limit=2"`}, nil},
		{"links keep the list", "/mod/?neg=1", 200, []string{`href="/mod/answers/2?back=%2fmod%2f%3fneg%3d1"`}, nil},
		{"back to the list", "/mod/answers/2?back=" + url.QueryEscape("/mod/?neg=1"), 200, []string{`<a href="/mod/?neg=1">← Back to the list</a>`,
			`name="back" value="/mod/?neg=1"`}, nil},
		{"back elsewhere refused", "/mod/answers/2?back=" + url.QueryEscape("https://evil.example/"), 200, []string{`<a href="/mod/">← Back to the list</a>`}, []string{"evil"}},
		{"error page", "/mod/answers/99", 404, []string{`<a href="/mod/">Back to the answers</a>`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, c, srv.URL+tc.path)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(strings.ToLower(body), strings.ToLower(w)) {
					t.Errorf("no %q in\n%s", w, body)
				}
			}
			for _, w := range tc.wantNo {
				if strings.Contains(body, w) {
					t.Errorf("%q in\n%s", w, body)
				}
			}
		})
	}
	resp := postForm(t, c, srv.URL+"/mod/answers/2/review", url.Values{"csrf": {csrf}, "note": {"ok"}, "back": {"/mod/?neg=1"}}, srv.URL)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/mod/answers/2?back=%2Fmod%2F%3Fneg%3D1" {
		t.Errorf("after a review: %d to %q", resp.StatusCode, loc)
	}
	resp = postForm(t, c, srv.URL+"/mod/logout", url.Values{"csrf": {csrf}}, srv.URL)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if _, body := get(t, c, srv.URL+loc); !strings.Contains(body, "You are logged out.") {
		t.Errorf("after logout, %s:\n%s", loc, body)
	}
}
