package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/audit"
)

// webBenchRows is the size of the audit log the pages' benchmark reads.
const webBenchRows = 100_000

// writeBenchAudit writes an audit log of webBenchRows realistic answers
// over the last 89 days, through the log's own Add, Feedback and
// MarkReviewed: 20 channels (a few busy ones), 10% declined, 8% with an
// unverified quotation, 3% model failures, 12% 👍 and 5% 👎, 2% reviewed.
// It returns the log's path and the id of a flagged answer.
func writeBenchAudit(b *testing.B) (string, int64) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "audit.db")
	l, err := audit.Open(ctx, path, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	topics := []string{"install", "configure", "proxy", "token", "upgrade", "backup", "restore", "permissions", "plugin",
		"database", "cache", "logging", "webhook", "certificate", "docker", "memory", "timeout", "index", "search", "export"}
	lead := []string{"how do I", "why does", "can I", "what is the", "where do I set the", "is there a way to"}
	filler := strings.Repeat("The documentation explains this step in the section on configuration. ", 6)
	start := time.Now().Add(-89 * 24 * time.Hour)
	step := 89 * 24 * time.Hour / webBenchRows
	var flagged int64
	for i := range webBenchRows {
		ch := rng.IntN(20)
		if rng.IntN(2) == 0 {
			ch = rng.IntN(3)
		}
		r := audit.Record{Time: start.Add(time.Duration(i) * step), GuildID: "guild", ChannelID: fmt.Sprintf("chan%02d", ch),
			UserID: fmt.Sprintf("user%d", rng.IntN(2000)), Mode: "llm", Model: "qwen", LatencyMS: int64(200 + rng.IntN(3000)),
			Question: fmt.Sprintf("%s %s the %s with %s?", lead[rng.IntN(len(lead))], topics[rng.IntN(len(topics))],
				topics[rng.IntN(len(topics))], topics[rng.IntN(len(topics))]),
			Answer: filler + " [1] [2]"}
		switch p := rng.IntN(100); {
		case p < 10:
			r.Declined, r.Answer = true, "I couldn't find this in the documentation."
		case p < 13:
			r.Note, r.ErrorDetail = "The model could not answer.", "502: upstream"
		default:
			for ref := 1; ref <= 2+rng.IntN(2); ref++ {
				r.Citations = append(r.Citations, audit.Citation{Ref: ref, PassageID: fmt.Sprintf("docs/%s.md#%d", topics[ref], i%50),
					Source: "docs/" + topics[ref] + ".md", LineStart: 10, LineEnd: 14, Excerpt: filler[:200], Verified: true})
			}
			if rng.IntN(100) < 9 {
				r.Citations[0].Verified = false
			}
		}
		id, err := l.Add(ctx, r)
		if err != nil {
			b.Fatal(err)
		}
		switch p := rng.IntN(100); {
		case p < 12:
			err = l.Feedback(ctx, id, r.UserID, 1)
		case p < 17:
			err = l.Feedback(ctx, id, r.UserID, -1)
		}
		if err == nil && rng.IntN(100) < 2 {
			err = l.MarkReviewed(ctx, id, "mod", "checked")
		}
		if err != nil {
			b.Fatal(err)
		}
		if r.Flagged() {
			flagged = id
		}
	}
	return path, flagged
}

// BenchmarkModPages100k: the moderators' pages, through citebot serve (the
// real web handler, the real audit log, HTTP on 127.0.0.1, a logged-in
// session) over an audit log of 100,000 answers: the list page unfiltered
// and with filters, an answer's page and the unanswered questions report.
// Target: the list page ≤ 50 ms.
func BenchmarkModPages100k(b *testing.B) {
	path, flagged := writeBenchAudit(b)
	cfg := serveConfig(b, nil, "serve:\n  moderator_token_env: TEST_MOD_TOKEN\naudit:\n  path: "+path+"\n  retention_days: 0\nlog:\n  level: error\n")
	srv := startServe(b, cfg, map[string]string{"TEST_MOD_TOKEN": "a-moderator-token"})
	jar, err := cookiejar.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(srv.url+"/mod/login", url.Values{"token": {"a-moderator-token"}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/mod/" {
		b.Fatalf("login: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	week := time.Now().AddDate(0, 0, -7).Format("2006-01-02")
	pages := []struct{ name, path, want string }{
		{"list", "/mod/", "answers match"},
		{"list-unverified", "/mod/?unverified=1", "answers match"},
		{"list-neg+channel", "/mod/?neg=1&channel=chan01", "answers match"},
		{"list-week", "/mod/?since=" + week, "answers match"},
		{"list-90days", "/mod/?since=" + time.Now().AddDate(0, 0, -90).Format("2006-01-02"), "answers match"},
		{"list-text", "/mod/?q=webhook", "answers match"},
		{"list-text-rare", "/mod/?q=no+such+words", "answers match"},
		{"list-older", "/mod/?before=50000", "Newer answers"},
		{"list-newer", "/mod/?after=50000", "Newer answers"},
		{"list-newer-neg+channel", "/mod/?neg=1&channel=chan01&after=50000", "Newer answers"},
		{"list-newer-text", "/mod/?q=webhook&after=50000", "Newer answers"},
		{"answer", fmt.Sprintf("/mod/answers/%d", flagged), "Mark reviewed"},
		{"unanswered", "/mod/unanswered", "Asked"},
		{"unanswered-week", "/mod/unanswered?since=" + week, "Asked"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				resp, err := client.Get(srv.url + p.path)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), p.want) {
					b.Fatalf("GET %s: %d %v\n%.2000s", p.path, resp.StatusCode, err, body)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
			b.ReportMetric(0, "ns/op")
		})
	}
}
