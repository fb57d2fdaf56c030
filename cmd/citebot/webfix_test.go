package main

import (
	"net/http"
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
