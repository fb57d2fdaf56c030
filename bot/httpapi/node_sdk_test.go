package httpapi

import (
	"bytes"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// nodeSDKDir holds the Node client: check.mjs and the pinned SDK
// (`npm ci --prefix bot/httpapi/testdata/node-sdk` installs it).
const nodeSDKDir = "testdata/node-sdk"

// nodeSDK returns the node binary, skipping the test when node or the
// installed SDK is missing, unless CITEBOT_REQUIRE_NODE_SDK=1 (CI), which
// fails it instead.
func nodeSDK(t *testing.T) string {
	t.Helper()
	missing := func(why string) {
		if os.Getenv("CITEBOT_REQUIRE_NODE_SDK") == "1" {
			t.Fatalf("%s, and CITEBOT_REQUIRE_NODE_SDK=1", why)
		}
		t.Skip(why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("no node on PATH")
	}
	if _, err := os.Stat(filepath.Join(nodeSDKDir, "node_modules", "openai", "package.json")); err != nil {
		missing("the OpenAI SDK for Node is not installed (npm ci --prefix bot/httpapi/" + nodeSDKDir + ")")
	}
	return node
}

// rewriter changes every piece of a response written, as a server that
// answers differently from citebot would; it passes flushes through.
type rewriter struct {
	http.ResponseWriter
	r *strings.Replacer
}

func (w rewriter) WriteHeader(status int) {
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(status)
}

func (w rewriter) Write(p []byte) (int, error) {
	if _, err := w.ResponseWriter.Write([]byte(w.r.Replace(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (w rewriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// TestNodeSDK: the official OpenAI SDK for Node, an OpenAI client
// independent of citebot's Go code, gets an answer with [n] markers and
// verified excerpts in the citations field from a real server, streamed
// and not; and the script that checks it fails when the answer has no
// markers or the citations are missing or unverified.
func TestNodeSDK(t *testing.T) {
	node := nodeSDK(t)
	const key = "sdk-test-key"
	for _, c := range []struct {
		name     string
		question string
		replace  []string // old, new, … in every response written
		fail     string   // "" passes; else what the script says
	}{
		{"verified citations", modelQ, nil, ""},
		{"declined: no markers", "What is the capital of France?", nil, "has no [n] marker"},
		{"no citations field", modelQ, []string{`"citations"`, `"elided"`}, "has no citations field"},
		{"unverified citations", modelQ, []string{`"verified": true`, `"verified": false`, `"verified":true`, `"verified":false`}, "is not verified"},
	} {
		for _, mode := range []string{"plain", "stream"} {
			t.Run(c.name+"/"+mode, func(t *testing.T) {
				var mu sync.Mutex
				var agents []string
				wrap := func(h http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						mu.Lock()
						agents = append(agents, r.Header.Get("User-Agent"))
						mu.Unlock()
						if len(c.replace) > 0 {
							w = rewriter{w, strings.NewReplacer(c.replace...)}
						}
						h.ServeHTTP(w, r)
					})
				}
				srv := startAPI(t, quotingModel(t, true), apiOptions{keys: []Key{{Name: "SDK_KEY", Value: key}}, wrap: wrap})
				cmd := exec.CommandContext(t.Context(), node, "check.mjs", srv.url+"/v1", key, mode)
				cmd.Dir = nodeSDKDir
				cmd.Env = append(os.Environ(), "CITEBOT_QUESTION="+c.question)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				var exit *exec.ExitError
				switch {
				case c.fail == "" && err != nil:
					t.Fatalf("check.mjs: %v\n%s%s", err, stdout.String(), stderr.String())
				case c.fail == "" && !strings.Contains(stdout.String(), mode+": ok"):
					t.Fatalf("check.mjs passed without checking %s: %s", mode, stdout.String())
				case c.fail != "" && !errors.As(err, &exit):
					t.Fatalf("check.mjs passed (or did not run: %v) on an answer it must reject\n%s", err, stdout.String())
				case c.fail != "" && (exit.ExitCode() != 1 || !strings.Contains(stderr.String(), c.fail)):
					t.Fatalf("check.mjs exited %d saying %q; want 1 and %q", exit.ExitCode(), stderr.String(), c.fail)
				}
				mu.Lock()
				defer mu.Unlock()
				if len(agents) == 0 {
					t.Fatal("the server got no request")
				}
				for _, a := range agents {
					if !strings.HasPrefix(a, "OpenAI/JS ") {
						t.Errorf("a request came from %q, not the OpenAI SDK for Node", a)
					}
				}
			})
		}
	}
}
