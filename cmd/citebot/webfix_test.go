package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// TestServeAskPageWithAPIKeys: the ask page asks for no key, so on a
// server with API keys it answers questions only when serve.ask_page is
// true; otherwise /?q= answers 401 saying how to open it. Without keys
// (loopback only) it is open unless serve.ask_page is false.
func TestServeAskPageWithAPIKeys(t *testing.T) {
	const keys = "  api_keys_env: [CITEBOT_KEY_A]\n"
	env := map[string]string{"CITEBOT_KEY_A": "secret-a"}
	for _, c := range []struct {
		name, serve string
		env         map[string]string
		status      int
	}{
		{"keys", keys, env, http.StatusUnauthorized},
		{"keys, ask_page true", keys + "  ask_page: true\n", env, http.StatusOK},
		{"keys, ask_page false", keys + "  ask_page: false\n", env, http.StatusUnauthorized},
		{"keys named, none set", keys, nil, http.StatusOK},
		{"no keys", "", nil, http.StatusOK},
		{"no keys, ask_page false", "  ask_page: false\n", nil, http.StatusUnauthorized},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := startServe(t, serveConfig(t, nil, "serve:\n"+c.serve), c.env)
			r := do(t, "GET", srv.url+"/?q="+url.QueryEscape(extractiveQ), "", "", "")
			if r.status != c.status {
				t.Fatalf("/?q=: %d, want %d\n%.2000s", r.status, c.status, r.body)
			}
			if c.status == http.StatusOK {
				if !strings.Contains(r.body, `class="src"`) {
					t.Errorf("no answer with citations:\n%.2000s", r.body)
				}
				return
			}
			if !strings.Contains(r.body, "serve.ask_page: true") || strings.Contains(r.body, `class="src"`) || r.header.Get("Content-Security-Policy") == "" {
				t.Errorf("the page of an ask page that is off:\n%.2000s", r.body)
			}
			if home := do(t, "GET", srv.url+"/", "", "", ""); home.status != http.StatusOK || strings.Contains(home.body, `name="q"`) {
				t.Errorf("/ of an ask page that is off: %d, a question box: %v", home.status, strings.Contains(home.body, `name="q"`))
			}
		})
	}
}

// TestServeTrustedProxies: behind a proxy listed in serve.trusted_proxies
// each visitor of the ask page, and each keyless client of the API, has
// its own rate limit; with none listed they share the proxy's.
func TestServeTrustedProxies(t *testing.T) {
	for _, c := range []struct {
		name, serve string
		api         bool // POST /api/ask rather than the ask page
		other       int  // the second visitor's status
	}{
		{"trusted", "  trusted_proxies: [127.0.0.1]\n", false, http.StatusOK},
		{"not trusted", "", false, http.StatusTooManyRequests},
		{"API trusted", "  trusted_proxies: [127.0.0.1]\n", true, http.StatusOK},
		{"API not trusted", "", true, http.StatusTooManyRequests},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := startServe(t, serveConfig(t, nil, "serve:\n  rate_burst: 1\n  rate_per_minute: 1\n"+c.serve), nil)
			ask := func(client string) int {
				req, err := http.NewRequest("GET", srv.url+"/?q="+url.QueryEscape(extractiveQ), nil)
				if c.api {
					body, _ := json.Marshal(map[string]string{"question": extractiveQ})
					req, err = http.NewRequest("POST", srv.url+"/api/ask", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
				}
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("X-Forwarded-For", client)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			if got := ask("203.0.113.9"); got != http.StatusOK {
				t.Fatalf("first visitor: %d", got)
			}
			if got := ask("203.0.113.9"); got != http.StatusTooManyRequests {
				t.Errorf("first visitor again: %d", got)
			}
			if got := ask("203.0.113.10"); got != c.other {
				t.Errorf("second visitor: %d, want %d", got, c.other)
			}
		})
	}
}

// TestServeWarnsOfAShortModeratorToken: a moderator token under 16
// characters is warned of at start-up, never shown.
func TestServeWarnsOfAShortModeratorToken(t *testing.T) {
	for _, c := range []struct {
		name, token string
		warn        bool
	}{
		{"short", "short-tok", true},
		{"long", "a-long-moderator-token", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := startServe(t, serveConfig(t, nil, "serve:\n  moderator_token_env: TEST_MOD_TOKEN\n"), map[string]string{"TEST_MOD_TOKEN": c.token})
			logs := srv.stderr.String()
			if warned := strings.Contains(logs, "moderator token is short"); warned != c.warn {
				t.Errorf("warned %v, want %v:\n%s", warned, c.warn, logs)
			}
			if strings.Contains(logs, c.token) {
				t.Errorf("the token is in the log:\n%s", logs)
			}
		})
	}
}

// TestServeWebAnswersRecordChannelWeb: the ask page's answers are recorded
// in the channel "web", which the moderators' channel filter lists.
func TestServeWebAnswersRecordChannelWeb(t *testing.T) {
	srv := startServe(t, serveConfig(t, nil, "serve:\n  moderator_token_env: TEST_MOD_TOKEN\n"), map[string]string{"TEST_MOD_TOKEN": "a-moderator-token"})
	if r := do(t, "GET", srv.url+"/?q="+url.QueryEscape(extractiveQ), "", "", ""); r.status != 200 {
		t.Fatalf("ask page: %d", r.status)
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(srv.url+"/mod/login", url.Values{"token": {"a-moderator-token"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = client.Get(srv.url + "/mod/export/jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `"guild_id":"web","channel_id":"web"`) {
		t.Errorf("the answer's origin:\n%s", b)
	}
}
