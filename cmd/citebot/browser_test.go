package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/citebot/citebot/bot/llm/llmtest"
)

// rivalQ is a question the browser test's model answers with a verified
// quotation.
const rivalQ = "Who is the main internal rival of the Taliban?"

// findChromium returns the path of a Chromium or Chrome in PATH; the test
// skips without one unless CITEBOT_REQUIRE_BROWSER=1, when it fails.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CITEBOT_REQUIRE_BROWSER") == "1" {
		t.Fatal("no chromium, chromium-browser or google-chrome in PATH, and CITEBOT_REQUIRE_BROWSER=1")
	}
	t.Skip("no chromium, chromium-browser or google-chrome in PATH (CITEBOT_REQUIRE_BROWSER=1 makes this a failure)")
	return ""
}

// browser starts a headless Chromium for the test, with a fresh profile
// and nothing that reaches out to the network on its own.
func browser(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 800),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	return bctx
}

// browserModel answers rivalQ with a verified quotation and modelQ with a
// verified one and one the corpus doesn't hold (so the answer is flagged
// "unverified").
func browserModel(t testing.TB) *llmtest.Server {
	m := llmtest.New(t)
	m.Chat = func(req llmtest.Request) llmtest.Reply {
		last := req.Messages[len(req.Messages)-1].Content
		switch {
		case strings.Contains(last, rivalQ):
			return llmtest.Reply{Chunks: []string{"Their rival is ", fmt.Sprintf(`"the Islamic State Khorasan Province (ISKP)" [%d].`, req.Ref("ISKP"))}}
		case strings.Contains(last, modelQ):
			n := req.Ref("ideological ties")
			return llmtest.Reply{Chunks: []string{"They back it because ",
				fmt.Sprintf(`"both groups share deep ideological ties" [%d], and the report says "the Taliban secretly love Pakistan" [%d].`, n, n)}}
		}
		return llmtest.Reply{Chunks: []string{"I cannot answer this from the corpus."}}
	}
	return m
}

// TestBrowserAskCiteReview drives citebot serve's pages in a real headless
// Chromium: a question typed on the ask page is answered with citations;
// the first citation opens the document viewer with the cited lines
// highlighted and scrolled into view; a moderator logs in, filters the
// answers with an unverified quotation (only the flagged one is listed),
// opens it, marks it reviewed with a note, and the list shows it reviewed.
// A full-page screenshot of each page goes to $CITEBOT_SCREENSHOTS (else a
// temporary folder), with review-page.png, the end of the answer's page at 1200×800, and
// answers-page.png, the filtered list at 1200×800.
func TestBrowserAskCiteReview(t *testing.T) {
	shots := os.Getenv("CITEBOT_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	bctx := browser(t, ctx)

	const token = "a-moderator-token-for-the-browser"
	cfg := serveConfig(t, browserModel(t), "serve:\n  moderator_token_env: TEST_MOD_TOKEN\n")
	srv := startServe(t, cfg, map[string]string{"TEST_MOD_TOKEN": token})

	n := 0
	shot := func(name string) {
		t.Helper()
		n++
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%02d-%s.png", n, name)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// navigate runs steps that load a page and waits until it has loaded.
	navigate := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		resp, err := chromedp.RunResponse(bctx, steps...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if resp.Status != 200 {
			t.Fatalf("%s: HTTP %d at %s", what, resp.Status, resp.URL)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	location := func() *url.URL {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	// Ask two questions by typing them on the ask page: one answered with
	// verified quotations, then one with a quotation the corpus lacks.
	do("set the viewport", chromedp.EmulateViewport(1200, 800))
	navigate("open the ask page", chromedp.Navigate(srv.url+"/"))
	do("type a question", chromedp.WaitVisible(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), rivalQ))
	navigate("ask", chromedp.Click(chromedp.CSS("form.ask button")))
	if s := text("section.answer"); !strings.Contains(s, "Islamic State Khorasan Province") {
		t.Fatalf("the answer on the ask page: %q", s)
	}
	do("clear the question", chromedp.Clear(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), modelQ))
	navigate("ask again", chromedp.Click(chromedp.CSS("form.ask button")))
	if s := text("section.answer"); !strings.Contains(s, "ideological ties") {
		t.Fatalf("the answer on the ask page: %q", s)
	}
	if s := text("ol.cites"); !strings.Contains(s, "verified") || !strings.Contains(s, "unverified") {
		t.Fatalf("the sources on the ask page: %q", s)
	}
	shot("ask")

	// Follow the first citation to the document viewer.
	navigate("follow the first citation", chromedp.Click(chromedp.CSS("ol.cites li.cite a.src")))
	u := location()
	var from, to int
	if _, err := fmt.Sscanf(u.Query().Get("hl"), "%d-%d", &from, &to); err != nil || !strings.HasPrefix(u.Path, "/doc/") || u.Fragment != fmt.Sprintf("L%d", from) {
		t.Fatalf("the citation opened %s", u)
	}
	do("the highlighted lines", chromedp.WaitVisible(chromedp.CSS(".doc .ln.hl")))
	type lines struct {
		IDs        []string `json:"ids"`
		Background string   `json:"background"`
		Top        float64  `json:"top"`
		Bottom     float64  `json:"bottom"`
		Height     float64  `json:"height"`
		ScrollY    float64  `json:"scrollY"`
	}
	hl, err := chromedp.Run(bctx, chromedp.Evaluate[lines](`(() => {
		const hl = [...document.querySelectorAll(".doc .ln.hl")];
		const r = hl[0].getBoundingClientRect();
		return {ids: hl.map(e => e.id), background: getComputedStyle(hl[0]).backgroundColor,
			top: r.top, bottom: r.bottom, height: window.innerHeight, scrollY: window.scrollY};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for l := from; l <= to; l++ {
		want = append(want, fmt.Sprintf("L%d", l))
	}
	if strings.Join(hl.IDs, ",") != strings.Join(want, ",") {
		t.Errorf("highlighted lines %v, want %v", hl.IDs, want)
	}
	if hl.Background != "rgb(255, 243, 176)" {
		t.Errorf("the highlighted lines' background is %q", hl.Background)
	}
	if hl.Top < 0 || hl.Bottom > hl.Height {
		t.Errorf("the first highlighted line is not in view: %+v", hl)
	}
	t.Logf("lines %d-%d highlighted, the first at %.0f-%.0f px of a %.0f px viewport scrolled by %.0f px", from, to, hl.Top, hl.Bottom, hl.Height, hl.ScrollY)
	shot("document")

	// Log in as a moderator: the area sends to its login page first.
	navigate("open the moderators' area", chromedp.Navigate(srv.url+"/mod/"))
	if p := location().Path; p != "/mod/login" {
		t.Fatalf("/mod/ without a session is at %s", p)
	}
	shot("login")
	do("type the token", chromedp.SendKeys(chromedp.ID("token"), token))
	navigate("log in", chromedp.Click(chromedp.CSS("form.login button")))
	if p := location().Path; p != "/mod/" {
		t.Fatalf("after the login: %s", p)
	}
	rows := func() []string {
		t.Helper()
		r, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.entries tbody tr")].map(r => r.innerText)`))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := rows(); len(r) != 2 {
		t.Fatalf("the list before filtering: %q", r)
	}
	shot("answers")

	// Filter the answers with an unverified quotation.
	do("tick unverified", chromedp.Click(chromedp.CSS(`form.filter input[name="unverified"]`)))
	navigate("filter", chromedp.Click(chromedp.CSS("form.filter button")))
	if q := location().Query(); q.Get("unverified") != "1" {
		t.Fatalf("the filter's address: %s", location())
	}
	r := rows()
	if len(r) != 1 || !strings.Contains(r[0], modelQ) || !strings.Contains(r[0], "unverified") || strings.Contains(r[0], "reviewed") {
		t.Fatalf("the answers with an unverified quotation: %q", r)
	}
	shot("answers-unverified")

	// Open it and mark it reviewed with a note.
	navigate("open the answer", chromedp.Click(chromedp.CSS("table.entries tbody tr td:nth-child(4) a")))
	if s := text("ol.cites"); !strings.Contains(s, "unverified") || !strings.Contains(s, "the Taliban secretly love Pakistan") {
		t.Fatalf("the answer's citations: %q", s)
	}
	do("write the review", chromedp.SendKeys(chromedp.CSS(`form.review input[name="by"]`), "ana"),
		chromedp.SendKeys(chromedp.CSS(`form.review textarea[name="note"]`), "the second quotation is not in the report <b>"))
	navigate("mark reviewed", chromedp.Click(chromedp.CSS("form.review button")))
	if s := text("p.ok"); !strings.Contains(s, "Reviewed by ana") || !strings.Contains(s, "not in the report <b>") {
		t.Fatalf("the answer's review: %q", s)
	}
	shot("answer-reviewed")
	// The README's screenshot: the flagged citation and the review.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.querySelector("form.review").scrollIntoView({block: "end"}), true`)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shots, "review-page.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}

	// The list, filtered again, shows it reviewed.
	navigate("back to the list", chromedp.Click(chromedp.CSS(`header nav a[href="/mod/"]`)))
	navigate("filter again", chromedp.Navigate(srv.url+"/mod/?unverified=1"))
	if r := rows(); len(r) != 1 || !strings.Contains(r[0], "reviewed") {
		t.Fatalf("the answers with an unverified quotation after the review: %q", r)
	}
	shot("answers-reviewed")
	// The README's other screenshot: the list, filtered.
	png, err = chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shots, "answers-page.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)
}
