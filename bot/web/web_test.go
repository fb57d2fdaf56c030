package web

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/seeds"
)

const (
	question    = "What are fusion cells?" // the seed corpus answers it
	hostileName = `docs/x"><script>alert(1)</script>.md`
	token       = "moderator-token-0123456789"
)

// testCorpus is the seed corpus, a document with a hostile name and
// hostile text, an HTML page and a PDF.
func testCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	fsys := fstest.MapFS{
		hostileName: {Data: []byte("# Hostile\n\nA line.\n<script>alert('text')</script> & <b>bold</b>\nLast line.\n")},
		"page.html": {Data: []byte("<html><head><title>Page</title></head><body>\n<h1 id=\"top\">Top</h1>\n<p>First paragraph\nof the page.</p>\n<p id=\"L99\">Second &lt;b&gt; paragraph.</p>\n</body></html>\n")},
	}
	seedFS := seeds.FS()
	names, err := fsGlob(seedFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := readFS(seedFS, n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	pdf, err := os.ReadFile("../../retrieval/corpus/testdata/pdf/twocol.pdf")
	if err != nil {
		t.Fatal(err)
	}
	fsys["paper.pdf"] = &fstest.MapFile{Data: pdf}
	c, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	engineOnce sync.Once
	engine     serve.Engine
	engineErr  error
)

// testEngine is an extractive engine over testCorpus, built once.
func testEngine(t testing.TB) serve.Engine {
	t.Helper()
	engineOnce.Do(func() {
		c := testCorpus(t)
		ix, err := retrieval.Build(context.Background(), c, retrieval.LocalEmbedderFactory(0))
		if err != nil {
			engineErr = err
			return
		}
		p, err := bot.NewPipeline(ix, bot.Options{TopK: 3})
		if err != nil {
			engineErr = err
			return
		}
		engine = serve.Engine{Pipeline: p, Index: ix, Corpus: c}
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// newTestServer returns the pages with a running desk over testEngine.
func newTestServer(t *testing.T, cfg Config, reviews Reviews) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newPages(t, cfg, reviews, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv
}

// newPages returns the pages with a running desk over testEngine, logging
// to log.
func newPages(t *testing.T, cfg Config, reviews Reviews, log *slog.Logger) *Server {
	t.Helper()
	return newPagesOf(t, testEngine(t), cfg, reviews, log)
}

// newPagesOf returns the pages with a running desk over engine, its
// configuration changed by each of desk.
func newPagesOf(t *testing.T, engine serve.Engine, cfg Config, reviews Reviews, log *slog.Logger, desk ...func(*serve.Config)) *Server {
	t.Helper()
	core, err := serve.NewCore(serve.Deps{Engine: engine, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	dc := serve.Config{RatePerMinute: 600, RateBurst: 100, MaxConcurrent: 2, QueueSize: 4,
		EditInterval: time.Second, AnswerTimeout: 30 * time.Second, ShutdownTimeout: time.Second}
	for _, f := range desk {
		f(&dc)
	}
	d, err := serve.New(dc, core)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Serve(ctx); close(done) }()
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 64 << 10
	}
	if cfg.ModeratorTokenEnv == "" {
		cfg.ModeratorTokenEnv = "CITEBOT_MODERATOR_TOKEN"
	}
	s, err := New(cfg, Deps{Desk: d, Reviews: reviews, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); <-done })
	return s
}

// noRedirect is a client that does not follow redirects.
func noRedirect(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// get fetches u and returns the response and its body.
func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// checkHeaders checks the security headers of a page.
func checkHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	if got := resp.Header.Get("Content-Security-Policy"); got != CSP {
		t.Errorf("%s: Content-Security-Policy %q", resp.Request.URL, got)
	}
	if !strings.Contains(CSP, "default-src 'none'") || strings.Contains(CSP, "unsafe") {
		t.Errorf("CSP is not strict: %s", CSP)
	}
	if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", resp.Request.URL, got)
	}
	if got := resp.Header.Get("Referrer-Policy"); got != "same-origin" {
		t.Errorf("%s: Referrer-Policy %q", resp.Request.URL, got)
	}
}

func TestAskAnswersWithCitationsLinkingToTheViewer(t *testing.T) {
	srv := newTestServer(t, Config{}, nil)
	resp, body := get(t, srv.Client(), srv.URL+"/?q="+url.QueryEscape(question))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	checkHeaders(t, resp)
	m := regexp.MustCompile(`<a class="src" href="([^"]+)">`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no citation link in\n%s", body)
	}
	if !strings.Contains(body, "verified") || !strings.Contains(body, "<blockquote>") {
		t.Errorf("the citation shows no verified excerpt:\n%s", body)
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	if !strings.HasPrefix(link, "/doc/") || !strings.Contains(link, "?hl=") {
		t.Fatalf("citation link %q", link)
	}
	resp, doc := get(t, srv.Client(), srv.URL+link)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", link, resp.StatusCode)
	}
	if !strings.Contains(doc, `class="ln hl" id="L`) || !strings.Contains(doc, "fusion cells") {
		t.Errorf("%s highlights nothing:\n%.2000s", link, doc)
	}
}

// TestAskKeepsAPastedQuestionsLines: the ask box is a text area, so a
// pasted log keeps its lines, and the page shows them back.
func TestAskKeepsAPastedQuestionsLines(t *testing.T) {
	srv := newTestServer(t, Config{}, nil)
	q := "panic: runtime error\n    goroutine 1 [running]:\n" + question
	resp, body := get(t, srv.Client(), srv.URL+"/?q="+url.QueryEscape(q))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if !strings.Contains(body, "<textarea") || !strings.Contains(body, "panic: runtime error\n    goroutine 1 [running]:\n") {
		t.Errorf("the ask box does not show the question's lines:\n%.1500s", body)
	}
}

func TestDocViewer(t *testing.T) {
	srv := newTestServer(t, Config{}, nil)
	esc := "/doc/" + escapePath(hostileName)
	for _, c := range []struct {
		name, path string
		status     int
		want       []string // in the body
		wantNot    []string
	}{
		{"highlighted lines", esc + "?hl=3-4#L3", 200,
			[]string{`<div class="ln hl" id="L3"><a class="n" href="#L3">3</a><span class="t">A line.</span>`,
				`<div class="ln hl" id="L4">`, `<div class="ln" id="L5">`, `<div class="ln" id="L2">`},
			[]string{"<script>alert", "<b>bold"}},
		{"one line", esc + "?hl=5", 200, []string{`<div class="ln hl" id="L5">`}, []string{`<div class="ln hl" id="L4">`}},
		{"bad range ignored", esc + "?hl=9-2", 200, []string{`<div class="ln" id="L3">`}, []string{`ln hl`}},
		{"beyond the end", esc + "?hl=50-60", 200, []string{`<div class="ln" id="L5">`}, []string{`ln hl`, "highlighted"}},
		{"past the end", esc + "?hl=4-60", 200, []string{`<div class="ln hl" id="L5">`, "lines 4–6 highlighted"}, []string{"4–60"}},
		{"the documents", "/doc/", 200, []string{`<a href="/doc/page.html"><bdi>page.html</bdi></a>`, `href="/doc/paper.pdf"`,
			`href="/doc/docs/x%22%3E%3Cscript%3Ealert%281%29%3C/script%3E.md"`}, []string{"<script>alert"}},
		{"hostile name and text escaped", esc, 200,
			[]string{"&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", "x&#34;&gt;&lt;script&gt;"},
			[]string{"<script>alert"}},
		{"html visible text", "/doc/page.html?hl=3-4", 200,
			[]string{`<div class="ln hl" id="L3"><a class="n" href="#L3">3</a><span class="t">First paragraph</span>`,
				`<div class="ln hl" id="L4"><a class="n" href="#L4">4</a><span class="t">of the page.</span>`, `<div class="ln" id="L5">`,
				`<span id="top"></span>`, "Second &lt;b&gt; paragraph."},
			[]string{`id="L99"`, "<b>"}},
		{"pdf page", "/doc/paper.pdf?page=1", 200, []string{`id="page-1"`, `<div class="ln" id="L1">`}, nil},
		{"pdf page out of range", "/doc/paper.pdf?page=999", 404, nil, nil},
		{"unknown", "/doc/nothere.md", 404, []string{"No such document"}, nil},
		{"dot dot", "/doc/%2e%2e/%2e%2e/etc/passwd", 404, nil, []string{"root:"}},
		{"encoded slash", "/doc/..%2f..%2fgo.mod", 404, nil, []string{"module "}},
		{"absolute", "/doc//etc/passwd", 404, nil, []string{"root:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := get(t, srv.Client(), srv.URL+c.path)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d:\n%.1500s", resp.StatusCode, c.status, body)
			}
			checkHeaders(t, resp)
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("no %q in\n%.3000s", w, body)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(body, w) {
					t.Errorf("%q in\n%.3000s", w, body)
				}
			}
		})
	}
}

func TestPassageRedirects(t *testing.T) {
	srv := newTestServer(t, Config{}, nil)
	var p corpus.Passage
	for _, q := range testEngine(t).Index.Passages() {
		if q.Source == hostileName && q.LineStart > 0 {
			p = q
			break
		}
	}
	if p.ID == "" {
		t.Fatal("no passage of the hostile document")
	}
	c := noRedirect(nil)
	resp, _ := get(t, c, srv.URL+"/p/"+url.PathEscape(p.ID))
	loc := resp.Header.Get("Location")
	want := fmt.Sprintf("/doc/%s?hl=%d-%d#L%d", escapePath(hostileName), p.LineStart, p.LineEnd, p.LineStart)
	if resp.StatusCode != http.StatusFound || loc != want {
		t.Fatalf("status %d, Location %q, want %q", resp.StatusCode, loc, want)
	}
	resp, body := get(t, srv.Client(), srv.URL+loc)
	if resp.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`class="ln hl" id="L%d"`, p.LineStart)) {
		t.Errorf("the redirect's page: %d\n%.2000s", resp.StatusCode, body)
	}
	resp, _ = get(t, c, srv.URL+"/p/nope")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown passage: status %d", resp.StatusCode)
	}
}

func TestAnswerEscaped(t *testing.T) {
	srv := newTestServer(t, Config{}, nil)
	s := srv.Config.Handler.(*Server)
	a := bot.Answer{Text: `Use <script>alert(1)</script> [1] and <img src=x onerror=alert(2)>.`, Mode: bot.ModeLLM, Note: "<i>note</i>",
		Citations: []bot.Citation{{Ref: 1, PassageID: `"><b>`, Locator: corpus.Locator{Source: hostileName, LineStart: 3, LineEnd: 4, Title: "<em>T</em>"},
			URL: "javascript:alert(3)", Excerpt: "<script>x</script>", Verified: true}}}
	rec := httptest.NewRecorder()
	s.render(rec, 200, "ask", askPage{chrome: chrome{Title: "<title>"}, Question: `"><script>q</script>`, Answer: new(shown(a))})
	body := rec.Body.String()
	for _, bad := range []string{"<script>", "<img", "<i>note", "<em>T", "javascript:", `"><b>`} {
		if strings.Contains(body, bad) {
			t.Errorf("%q unescaped in\n%s", bad, body)
		}
	}
	if !strings.Contains(body, `<a class="ref" href="#c-1">[1]</a>`) {
		t.Errorf("the [1] marker is no link:\n%s", body)
	}
}

func TestSecurityHeadersOnEveryPage(t *testing.T) {
	srv := newTestServer(t, Config{ModeratorToken: token}, newFakeReviews())
	for _, p := range []string{"/", "/?q=" + url.QueryEscape(question), "/doc/page.html", "/doc/none", "/p/x", "/nowhere",
		"/static/style.css", "/static/hl.js", "/mod/", "/mod/login", "/mod/answers/1"} {
		resp, _ := get(t, noRedirect(nil), srv.URL+p)
		checkHeaders(t, resp)
	}
}

// ---- the moderators' area ----

// fakeReviews is Reviews in memory.
type fakeReviews struct {
	mu       sync.Mutex
	entries  []Entry // newest last
	lastList Filter
	marked   []string
	// lastUnanswered is the period Unanswered was last asked for.
	lastUnanswered [2]time.Time
}

func newFakeReviews() *fakeReviews {
	day := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	f := &fakeReviews{}
	for i := 1; i <= 7; i++ {
		e := Entry{ID: int64(i), Time: day.AddDate(0, 0, i), ChannelID: fmt.Sprintf("chan-%d", i%2), UserID: "u",
			Question: fmt.Sprintf("question %d", i), Answer: "An answer [1].", Mode: bot.ModeExtractive,
			Citations: []Citation{{Ref: 1, PassageID: "p", Source: hostileName, LineStart: 3, LineEnd: 4, Excerpt: "A line.", Verified: i != 3}}}
		if i == 2 {
			e.Feedback = -1
			e.Question = `<script>alert("q")</script>`
		}
		if i == 5 {
			e.Declined = true
		}
		f.entries = append(f.entries, e)
	}
	return f
}

func (f *fakeReviews) match(e Entry, fl Filter) bool {
	unverified := slices.ContainsFunc(e.Citations, func(c Citation) bool { return !c.Verified })
	return (fl.Since.IsZero() || !e.Time.Before(fl.Since)) && (fl.Until.IsZero() || e.Time.Before(fl.Until)) &&
		(fl.Channel == "" || e.ChannelID == fl.Channel) && (!fl.NegativeFeedback || e.Feedback < 0) &&
		(!fl.Unverified || unverified) && (!fl.Declined || e.Declined) && (!fl.Unreviewed || e.Review == nil) &&
		(!fl.ModelFailure || e.ErrorDetail != "") && strings.Contains(strings.ToLower(e.Question), strings.ToLower(fl.Text)) &&
		(fl.BeforeID == 0 || e.ID < fl.BeforeID) && (fl.AfterID == 0 || e.ID > fl.AfterID)
}

func (f *fakeReviews) List(_ context.Context, fl Filter) ([]Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastList = fl
	var out []Entry
	if fl.AfterID != 0 { // the answers just above AfterID, newest first
		for i := 0; i < len(f.entries) && len(out) < limitOf(fl); i++ {
			if f.match(f.entries[i], fl) {
				out = append(out, f.entries[i])
			}
		}
		slices.Reverse(out)
		return out, nil
	}
	for i := len(f.entries) - 1; i >= 0 && len(out) < limitOf(fl); i-- {
		if f.match(f.entries[i], fl) {
			out = append(out, f.entries[i])
		}
	}
	return out, nil
}

func (f *fakeReviews) Count(_ context.Context, fl Filter, max int) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, e := range f.entries {
		if f.match(e, fl) {
			n++
		}
	}
	if max > 0 {
		n = min(n, max)
	}
	return n, nil
}

func (f *fakeReviews) Get(_ context.Context, id int64) (Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.entries {
		if e.ID == id {
			return e, nil
		}
	}
	return Entry{}, fmt.Errorf("answer %d: %w", id, ErrNotFound)
}

func (f *fakeReviews) MarkReviewed(_ context.Context, id int64, by, note string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.entries {
		if f.entries[i].ID == id {
			f.entries[i].Review = &Review{By: by, Note: note, Time: time.Now()}
			f.entries[i].Reviews = append([]Review{*f.entries[i].Review}, f.entries[i].Reviews...)
			f.marked = append(f.marked, fmt.Sprintf("%d %s %s", id, by, note))
			return nil
		}
	}
	return ErrNotFound
}

func (f *fakeReviews) Unanswered(_ context.Context, since, until time.Time, _ int) ([]QuestionGroup, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastUnanswered = [2]time.Time{since, until}
	return []QuestionGroup{{Question: "<b>why</b>?", Examples: []string{"how come?"}, Count: 2, IDs: []int64{5}}}, nil
}

func (f *fakeReviews) Stats(context.Context, time.Time, time.Time) (Stats, error) {
	d := time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)
	return Stats{Answers: 7, Declined: 1, ThumbsDown: 1, Days: []Day{{Day: d, Answers: 2}, {Day: d.AddDate(0, 0, 1), Answers: 1, Flagged: 1}}}, nil
}

func (f *fakeReviews) Channels(context.Context) ([]string, error) {
	return []string{"chan-0", "chan-1"}, nil
}

func (f *fakeReviews) Export(ctx context.Context, w io.Writer, format string, fl Filter) error {
	es, _ := f.List(ctx, fl)
	for _, e := range es {
		fmt.Fprintf(w, "%s %d\n", format, e.ID)
	}
	return nil
}

// login logs a client in and returns it with the session's CSRF token.
func login(t *testing.T, srv *httptest.Server) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := noRedirect(jar)
	resp := postForm(t, c, srv.URL+"/mod/login", url.Values{"token": {token}, "next": {"/mod/"}}, srv.URL)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: status %d", resp.StatusCode)
	}
	_, body := get(t, c, srv.URL+"/mod/answers/1")
	m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token in\n%s", body)
	}
	return c, m[1]
}

// postForm posts v to u with origin as the Origin header ("" for none).
func postForm(t *testing.T, c *http.Client, u string, v url.Values, origin string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestModWithoutTokenIsShut(t *testing.T) {
	srv := newTestServer(t, Config{}, newFakeReviews())
	for _, p := range []string{"/mod/", "/mod/login", "/mod/answers/1", "/mod/export/csv", "/mod/anything"} {
		resp, body := get(t, noRedirect(nil), srv.URL+p)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "CITEBOT_MODERATOR_TOKEN") {
			t.Errorf("%s: status %d\n%s", p, resp.StatusCode, body)
		}
	}
	resp := postForm(t, noRedirect(nil), srv.URL+"/mod/login", url.Values{"token": {""}}, srv.URL)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("login with an empty token: status %d", resp.StatusCode)
	}
}

func TestModLogin(t *testing.T) {
	srv := newTestServer(t, Config{ModeratorToken: token}, newFakeReviews())
	t.Run("no session redirects to the login page", func(t *testing.T) {
		for _, p := range []string{"/mod/", "/mod/answers/2?x=1", "/mod/unanswered", "/mod/export/jsonl", "/mod/nothing"} {
			resp, _ := get(t, noRedirect(nil), srv.URL+p)
			want := "/mod/login?next=" + url.QueryEscape(p)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
				t.Errorf("%s: status %d, Location %q, want %q", p, resp.StatusCode, resp.Header.Get("Location"), want)
			}
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := noRedirect(jar)
		for _, tok := range []string{"", "wrong", token + "x", token[:len(token)-1]} {
			resp := postForm(t, c, srv.URL+"/mod/login", url.Values{"token": {tok}}, srv.URL)
			if resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) > 0 {
				t.Errorf("token %q: status %d, cookies %v", tok, resp.StatusCode, resp.Cookies())
			}
		}
		if resp, _ := get(t, c, srv.URL+"/mod/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("after a refused login: status %d", resp.StatusCode)
		}
	})
	t.Run("right token", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := noRedirect(jar)
		resp := postForm(t, c, srv.URL+"/mod/login", url.Values{"token": {token}, "next": {"/mod/answers/2"}}, srv.URL)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/mod/answers/2" {
			t.Fatalf("status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		ck := resp.Cookies()
		if len(ck) != 1 || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteStrictMode || ck[0].Path != "/mod/" || len(ck[0].Value) < 32 {
			t.Errorf("session cookie %+v", ck)
		}
		resp, body := get(t, c, srv.URL+"/mod/answers/2")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;") || strings.Contains(body, "<script>alert") {
			t.Errorf("the answer page: %d\n%s", resp.StatusCode, body)
		}
		if resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
		}
	})
	t.Run("a login form from another site", func(t *testing.T) {
		resp := postForm(t, noRedirect(nil), srv.URL+"/mod/login", url.Values{"token": {token}}, "https://evil.example")
		if resp.StatusCode != http.StatusForbidden || len(resp.Cookies()) > 0 {
			t.Errorf("status %d, cookies %v", resp.StatusCode, resp.Cookies())
		}
	})
	t.Run("logout", func(t *testing.T) {
		c, csrf := login(t, srv)
		if resp := postForm(t, c, srv.URL+"/mod/logout", url.Values{"csrf": {csrf}}, srv.URL); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: status %d", resp.StatusCode)
		}
		if resp, _ := get(t, c, srv.URL+"/mod/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("after logout: status %d", resp.StatusCode)
		}
	})
}

func TestLoginNextStaysInTheModArea(t *testing.T) {
	srv := newTestServer(t, Config{ModeratorToken: token}, newFakeReviews())
	for _, c := range []struct{ next, want string }{
		{"/mod/answers/3", "/mod/answers/3"},
		{"/mod/?neg=1&q=a+b", "/mod/?neg=1&q=a+b"},
		{"https://evil.example/mod/", "/mod/"},
		{"//evil.example/mod/", "/mod/"},
		{"/mod//evil.example", "/mod/"},
		{`/\evil.example`, "/mod/"},
		{`/mod/\evil`, "/mod/"},
		{"/mod/../evil", "/mod/"},
		{"/mod/%2e%2e/evil", "/mod/"},
		{"/modx", "/mod/"},
		{"/", "/mod/"},
		{"javascript:alert(1)", "/mod/"},
		{"/mod/?x=\r\nSet-Cookie:a", "/mod/"},
		{"", "/mod/"},
	} {
		t.Run(c.next, func(t *testing.T) {
			if got := safeNext(c.next); got != c.want {
				t.Errorf("safeNext(%q) = %q, want %q", c.next, got, c.want)
			}
			jar, _ := cookiejar.New(nil)
			resp := postForm(t, noRedirect(jar), srv.URL+"/mod/login", url.Values{"token": {token}, "next": {c.next}}, srv.URL)
			if loc := resp.Header.Get("Location"); loc != c.want {
				t.Errorf("redirected to %q, want %q", loc, c.want)
			}
			_, body := get(t, noRedirect(nil), srv.URL+"/mod/login?next="+url.QueryEscape(c.next))
			if want := `name="next" value="` + strings.NewReplacer("&", "&amp;", "+", "&#43;").Replace(c.want) + `"`; !strings.Contains(body, want) {
				t.Errorf("the login form has no %s:\n%s", want, body)
			}
		})
	}
}

func TestModFormsNeedTheCSRFToken(t *testing.T) {
	fake := newFakeReviews()
	srv := newTestServer(t, Config{ModeratorToken: token}, fake)
	c, csrf := login(t, srv)
	for _, tc := range []struct {
		name   string
		form   url.Values
		origin string
		status int
	}{
		{"no token", url.Values{"note": {"x"}}, srv.URL, http.StatusForbidden},
		{"wrong token", url.Values{"note": {"x"}, "csrf": {strings.Repeat("0", len(csrf))}}, srv.URL, http.StatusForbidden},
		{"another site", url.Values{"note": {"x"}, "csrf": {csrf}}, "https://evil.example", http.StatusForbidden},
		{"too long", url.Values{"note": {strings.Repeat("n", maxNoteChars+1)}, "csrf": {csrf}}, srv.URL, http.StatusBadRequest},
		{"right token", url.Values{"note": {"looks <fine>"}, "by": {"ana"}, "csrf": {csrf}}, srv.URL, http.StatusSeeOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := postForm(t, c, srv.URL+"/mod/answers/3/review", tc.form, tc.origin)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
	if want := []string{"3 ana looks <fine>"}; !reflect.DeepEqual(fake.marked, want) {
		t.Errorf("marked %q, want %q", fake.marked, want)
	}
	if resp := postForm(t, c, srv.URL+"/mod/answers/99/review", url.Values{"csrf": {csrf}}, srv.URL); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown answer: status %d", resp.StatusCode)
	}
	_, body := get(t, c, srv.URL+"/mod/answers/3")
	if !strings.Contains(body, "Reviewed by ana") || !strings.Contains(body, "looks &lt;fine&gt;") {
		t.Errorf("the review is not shown:\n%s", body)
	}
	if !strings.Contains(body, `<div class="ln hl"><span class="n">3</span><span class="t">A line.</span></div>`) {
		t.Errorf("the citation is not shown in context:\n%s", body)
	}
}

// TestModListCountsUpToAThousand: the list page asks the audit log to
// count a filter's answers up to 1001 only (a filter on the question's
// words reads every answer it counts), and says "over 1000" past it.
func TestModListCountsUpToAThousand(t *testing.T) {
	for _, c := range []struct {
		entries int
		want    string
	}{{1000, ">1000 answers match"}, {1001, ">Over 1000 answers match"}, {5000, ">Over 1000 answers match"}} {
		t.Run(fmt.Sprint(c.entries), func(t *testing.T) {
			fake := newFakeReviews()
			for i := len(fake.entries); i < c.entries; i++ {
				fake.entries = append(fake.entries, Entry{ID: int64(i + 1), Time: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Question: "q"})
			}
			srv := newTestServer(t, Config{ModeratorToken: token}, fake)
			cl, _ := login(t, srv)
			resp, body := get(t, cl, srv.URL+"/mod/")
			if resp.StatusCode != 200 || !strings.Contains(body, c.want) {
				t.Errorf("%d answers: %d, no %q in\n%.3000s", c.entries, resp.StatusCode, c.want, body)
			}
		})
	}
}

func TestModPages(t *testing.T) {
	fake := newFakeReviews()
	srv := newTestServer(t, Config{ModeratorToken: token}, fake)
	c, _ := login(t, srv)
	resp, body := get(t, c, srv.URL+"/mod/?neg=1&limit=1")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	if !fake.lastList.NegativeFeedback || fake.lastList.Limit != 1 {
		t.Errorf("listed with %+v", fake.lastList)
	}
	for _, want := range []string{"&lt;script&gt;", "1 answer matches",
		`href="/mod/export/csv?neg=1"`, `class="bar h20"`, `class="bar h10"`, "1 👎 down"} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q in\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Errorf("unescaped question:\n%s", body)
	}
	if strings.Contains(body, "Older answers") { // the one 👎 answer fills the page, and none is older
		t.Errorf("a link to older answers that aren't there:\n%s", body)
	}
	resp, body = get(t, c, srv.URL+"/mod/export/csv?unverified=1")
	if resp.StatusCode != 200 || body != "csv 3\n" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("export: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, body = get(t, c, srv.URL+"/mod/unanswered")
	if resp.StatusCode != 200 || !strings.Contains(body, "&lt;b&gt;why&lt;/b&gt;?") || !strings.Contains(body, `href="/mod/answers/5"`) {
		t.Errorf("unanswered: %d\n%s", resp.StatusCode, body)
	}
	// Without a period, the report is the last 30 days' (the chart's), and
	// its form shows the first day.
	since := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -29)
	if got := fake.lastUnanswered; !got[0].Equal(since) || !got[1].IsZero() || !strings.Contains(body, `name="since" value="`+since.Format("2006-01-02")+`"`) {
		t.Errorf("unanswered without a period asked for %v", got)
	}
	if resp, _ = get(t, c, srv.URL+"/mod/unanswered?since=2025-03-01&until=2025-03-02"); resp.StatusCode != 200 ||
		!fake.lastUnanswered[0].Equal(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)) || !fake.lastUnanswered[1].Equal(time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("unanswered for a period asked for %v", fake.lastUnanswered)
	}
	for _, p := range []string{"/mod/answers/99", "/mod/answers/x", "/mod/export/xml"} {
		if resp, _ := get(t, c, srv.URL+p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
	}
	if resp, _ := get(t, c, srv.URL+"/mod/?since=yesterday"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad filter: status %d", resp.StatusCode)
	}
}

func TestModWithoutAuditLog(t *testing.T) {
	srv := newTestServer(t, Config{ModeratorToken: token}, nil)
	jar, _ := cookiejar.New(nil)
	c := noRedirect(jar)
	postForm(t, c, srv.URL+"/mod/login", url.Values{"token": {token}}, srv.URL)
	resp, body := get(t, c, srv.URL+"/mod/")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "No audit log") {
		t.Errorf("status %d\n%s", resp.StatusCode, body)
	}
}

func TestFilterRoundTrip(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(dateLayout, s); return t }
	for _, c := range []struct {
		name  string
		query string
		want  Filter
	}{
		{"empty", "", Filter{}},
		{"everything", "before=40&channel=c+1&declined=1&failure=1&limit=20&neg=1&q=why+%3Cnot%3E&since=2025-01-02&unreviewed=1&until=2025-01-31&unverified=1",
			Filter{Since: d("2025-01-02"), Until: d("2025-02-01"), Channel: "c 1", NegativeFeedback: true, Unverified: true,
				ModelFailure: true, Declined: true, Unreviewed: true, Text: "why <not>", BeforeID: 40, Limit: 20}},
		{"one day", "since=2025-03-04&until=2025-03-04", Filter{Since: d("2025-03-04"), Until: d("2025-03-05")}},
		{"newer", "after=12&neg=1", Filter{AfterID: 12, NegativeFeedback: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, _ := url.ParseQuery(c.query)
			f, err := parseFilter(v)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f, c.want) {
				t.Errorf("parsed %+v, want %+v", f, c.want)
			}
			if got := filterValues(f).Encode(); got != c.query {
				t.Errorf("encoded %q, want %q", got, c.query)
			}
		})
	}
	for _, bad := range []string{"since=2025-13-01", "neg=2", "before=-1", "before=x", "after=0", "after=x", "before=3&after=1", "limit=0", "limit=501", "q=" + strings.Repeat("a", 201)} {
		v, _ := url.ParseQuery(bad)
		if _, err := parseFilter(v); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func fsGlob(fsys fs.FS) ([]string, error) { return fs.Glob(fsys, "*.txt") }

func readFS(fsys fs.FS, name string) ([]byte, error) { return fs.ReadFile(fsys, name) }

// TestModBehindAProxy: with a public https URL, forms from its origin are
// this site's (the proxy's Host differs) and the cookie is always Secure.
func TestModBehindAProxy(t *testing.T) {
	const public = "https://docs-bot.example.org"
	srv := newTestServer(t, Config{ModeratorToken: token, PublicURL: public + "/bot"}, newFakeReviews())
	for _, c := range []struct {
		origin string
		status int
	}{
		{public, http.StatusSeeOther},
		{"http://docs-bot.example.org", http.StatusForbidden},
		{"https://evil.example", http.StatusForbidden},
	} {
		t.Run(c.origin, func(t *testing.T) {
			resp := postForm(t, noRedirect(nil), srv.URL+"/mod/login", url.Values{"token": {token}}, c.origin)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, c.status)
			}
			if ck := resp.Cookies(); c.status == http.StatusSeeOther && (len(ck) != 1 || !ck[0].Secure) {
				t.Errorf("cookie %+v, want a Secure one", ck)
			}
		})
	}
}
