package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/llm/llmtest"
)

// BenchmarkServeChatCompletions: answers per second through
// /v1/chat/completions (not streamed) from 200 concurrent clients, with an
// instant model fake, the audit journal on, with their p50 latency (at
// 200 clients mostly time in the queue: clients / throughput); and the p50
// latency citebot adds to the model's, one client at a time (p50 through
// citebot minus p50 of requests sent to the model fake directly).
func BenchmarkServeChatCompletions(b *testing.B) {
	const clients = 200
	model := llmtest.New(b)
	model.Chat = func(req llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{"They back it because ", fmt.Sprintf(`"both groups share deep ideological ties" [%d].`, req.Ref("ideological ties"))}}
	}
	cfg := serveConfig(b, model, "serve:\n  rate_per_minute: 100000000\n  rate_burst: 1000000\n  max_concurrent: 200\n  queue_size: 400\nlog:\n  level: error\n")
	srv := startServe(b, cfg, nil)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	body := `{"model": "citebot", "messages": [{"role": "user", "content": "` + modelQ + `"}]}`
	direct := `{"model": "m", "messages": [{"role": "user", "content": "passages [1] both groups share deep ideological ties"}]}`
	load := func(clients, n int, url, body, want string) ([]time.Duration, time.Duration) {
		lat := make([]time.Duration, n)
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range clients {
			wg.Go(func() {
				for {
					i := int(next.Add(1) - 1)
					if i >= n {
						return
					}
					t0 := time.Now()
					resp, err := hc.Post(url, "application/json", strings.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					got, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || resp.StatusCode != 200 || !strings.Contains(string(got), want) {
						b.Errorf("%d %v: %s", resp.StatusCode, err, got)
						return
					}
					lat[i] = time.Since(t0)
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		slices.Sort(lat)
		return lat, elapsed
	}
	// Warm up connections and the index.
	chat := srv.url + "/v1/chat/completions"
	load(clients, clients, chat, body, `"verified": true`)
	b.ResetTimer()
	lat, elapsed := load(clients, b.N, chat, body, `"verified": true`)
	b.StopTimer()
	one, _ := load(1, 300, chat, body, `"verified": true`)
	base, _ := load(1, 300, model.BaseURL()+"/chat/completions", direct, "ideological ties")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "answers/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms@200")
	b.ReportMetric(float64((one[len(one)/2]-base[len(base)/2]).Microseconds())/1000, "p50-added-ms")
	b.ReportMetric(0, "ns/op")
}
