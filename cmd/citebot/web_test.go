package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestServeWebPages: citebot serve serves the web pages beside the API:
// the ask page answers a question with citations whose links open the
// document viewer on the cited lines, highlighted; with serve.public_url
// (and no corpus.link) the API's citations link to that viewer; the
// moderators' area is shut without its token and asks for a login with it.
func TestServeWebPages(t *testing.T) {
	const public = "https://docs-bot.example.org"
	cfg := serveConfig(t, nil, "serve:\n  public_url: "+public+"/\n  moderator_token_env: TEST_MOD_TOKEN\n")
	srv := startServe(t, cfg, map[string]string{"TEST_MOD_TOKEN": "a-moderator-token"})

	ask := do(t, "GET", srv.url+"/?q="+url.QueryEscape(extractiveQ), "", "", "")
	if ask.status != 200 || ask.header.Get("Content-Security-Policy") == "" {
		t.Fatalf("ask page: %d %v\n%s", ask.status, ask.header, ask.body)
	}
	m := regexp.MustCompile(`<a class="src" href="([^"]+)">`).FindStringSubmatch(ask.body)
	if m == nil {
		t.Fatalf("no citation link on the ask page:\n%s", ask.body)
	}
	link := html.UnescapeString(m[1])
	u, err := url.Parse(link)
	if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/doc/") {
		t.Fatalf("citation link %q", link)
	}
	hl := regexp.MustCompile(`^(\d+)-(\d+)$`).FindStringSubmatch(u.Query().Get("hl"))
	if hl == nil || u.Fragment != "L"+hl[1] {
		t.Fatalf("citation link %q highlights nothing", link)
	}
	doc := do(t, "GET", srv.url+link, "", "", "")
	if doc.status != 200 || !strings.Contains(doc.body, fmt.Sprintf(`class="ln hl" id="L%s"`, hl[1])) ||
		!strings.Contains(doc.body, fmt.Sprintf(`class="ln hl" id="L%s"`, hl[2])) {
		t.Fatalf("the document viewer at %s: %d\n%.3000s", link, doc.status, doc.body)
	}

	q, _ := json.Marshal(map[string]string{"question": extractiveQ})
	api := do(t, "POST", srv.url+"/api/ask", "application/json", "", string(q))
	var a struct {
		Citations []struct {
			URL string `json:"url"`
		} `json:"citations"`
	}
	if err := json.Unmarshal([]byte(api.body), &a); err != nil || len(a.Citations) == 0 {
		t.Fatalf("/api/ask: %d %v\n%s", api.status, err, api.body)
	}
	got, ok := strings.CutPrefix(a.Citations[0].URL, public+"/doc/")
	if !ok {
		t.Fatalf("the API's citation URL %q is not the public document viewer", a.Citations[0].URL)
	}
	if r := do(t, "GET", srv.url+"/doc/"+got, "", "", ""); r.status != 200 || !strings.Contains(r.body, `class="ln hl"`) {
		t.Errorf("the API's citation URL on this server: %d", r.status)
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(srv.url + "/mod/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/mod/login") {
		t.Errorf("/mod/ without a session: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r := do(t, "GET", srv.url+"/v1/models", "", "", ""); r.status != 200 || !strings.Contains(r.body, `"citebot"`) {
		t.Errorf("the API beside the pages: %d %s", r.status, r.body)
	}
	if strings.Contains(srv.stderr.String(), "a-moderator-token") {
		t.Error("the moderator token is in the log")
	}
}

// TestServeModeratorsShutWithoutToken: with the token's variable unset,
// every /mod/ path answers 401 naming the variable.
func TestServeModeratorsShutWithoutToken(t *testing.T) {
	srv := startServe(t, serveConfig(t, nil, ""), nil)
	for _, p := range []string{"/mod/", "/mod/login", "/mod/answers/1"} {
		r := do(t, "GET", srv.url+p, "", "", "")
		if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "CITEBOT_MODERATOR_TOKEN") {
			t.Errorf("%s: %d\n%s", p, r.status, r.body)
		}
	}
}

// TestServeModeratorReview: through the App and the real audit log, an
// answer given on the ask page shows in the moderators' list; a moderator
// logs in, opens it, marks it reviewed with a note, and the mark is kept:
// the answer page shows it and the "unreviewed" filter no longer lists it;
// a second review is kept beside the first (page and JSONL export).
func TestServeModeratorReview(t *testing.T) {
	cfg := serveConfig(t, nil, "serve:\n  moderator_token_env: TEST_MOD_TOKEN\n")
	srv := startServe(t, cfg, map[string]string{"TEST_MOD_TOKEN": "a-moderator-token"})
	if r := do(t, "GET", srv.url+"/?q="+url.QueryEscape(extractiveQ), "", "", ""); r.status != 200 {
		t.Fatalf("ask page: %d", r.status)
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar}
	get := func(path string) string {
		t.Helper()
		resp, err := client.Get(srv.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d\n%s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	post := func(path string, form url.Values) *http.Response {
		t.Helper()
		resp, err := client.PostForm(srv.url+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post("/mod/login", url.Values{"token": {"wrong"}}); resp.Request.URL.Path == "/mod/" {
		t.Fatal("a wrong token logged in")
	}
	if resp := post("/mod/login", url.Values{"token": {"a-moderator-token"}}); resp.StatusCode != 200 || resp.Request.URL.Path != "/mod/" {
		t.Fatalf("login: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	list := get("/mod/?unreviewed=1")
	m := regexp.MustCompile(`<a href="/mod/answers/(\d+)(?:\?back=[^"]*)?">` + regexp.QuoteMeta(html.EscapeString(extractiveQ)) + `</a>`).FindStringSubmatch(list)
	if m == nil {
		t.Fatalf("the answer is not in the moderators' list:\n%s", list)
	}
	// The page of answers newer than it (the adapter passes AfterID on)
	// doesn't hold it; the page older than anything newer does.
	id, _ := strconv.ParseInt(m[1], 10, 64)
	shown := regexp.MustCompile(`/mod/answers/` + m[1] + `[?"]`)
	if newer := get("/mod/?after=" + m[1]); shown.MatchString(newer) {
		t.Errorf("the page after answer %s lists it:\n%s", m[1], newer)
	}
	if older := get("/mod/?before=" + strconv.FormatInt(id+1, 10)); !shown.MatchString(older) {
		t.Errorf("the page before answer %d lacks answer %s:\n%s", id+1, m[1], older)
	}
	page := get("/mod/answers/" + m[1])
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if csrf == nil {
		t.Fatalf("no review form on the answer's page:\n%s", page)
	}
	if resp := post("/mod/answers/"+m[1]+"/review", url.Values{"by": {"ana"}, "note": {"checked <b>ok</b>"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a review without the CSRF token: %d", resp.StatusCode)
	}
	if resp := post("/mod/answers/"+m[1]+"/review", url.Values{"csrf": {csrf[1]}, "by": {"ana"}, "note": {"checked <b>ok</b>"}}); resp.StatusCode != 200 {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	page = get("/mod/answers/" + m[1])
	if !strings.Contains(page, "ana") || !strings.Contains(page, "checked &lt;b&gt;ok&lt;/b&gt;") {
		t.Errorf("the review is not on the answer's page:\n%s", page)
	}
	// A second review is kept beside the first, newest first.
	if resp := post("/mod/answers/"+m[1]+"/review", url.Values{"csrf": {csrf[1]}, "by": {"bo"}, "note": {"second look"}}); resp.StatusCode != 200 {
		t.Fatalf("second review: %d", resp.StatusCode)
	}
	page = get("/mod/answers/" + m[1])
	second, first := strings.Index(page, "second look"), strings.Index(page, "checked &lt;b&gt;ok&lt;/b&gt;")
	if second < 0 || first < 0 || second > first {
		t.Errorf("both reviews, newest first, on the answer's page (at %d and %d):\n%s", second, first, page)
	}
	if jsonl := get("/mod/export/jsonl"); !strings.Contains(jsonl, `"reviews":[{"by":"bo","note":"second look"`) {
		t.Errorf("the JSONL export lacks the reviews:\n%.1500s", jsonl)
	}
	if list := get("/mod/?unreviewed=1"); regexp.MustCompile(`/mod/answers/` + m[1] + `[?"]`).MatchString(list) {
		t.Errorf("a reviewed answer is still listed as unreviewed")
	}
	if csv := get("/mod/export/csv"); !strings.Contains(csv, extractiveQ) {
		t.Errorf("the export lacks the answer:\n%.500s", csv)
	}
}
