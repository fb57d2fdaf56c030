package httpapi

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkChatCompletions200Clients: answers per second through POST
// /v1/chat/completions (not streamed) from 200 keep-alive clients at once,
// over a real HTTP server, the seed corpus, an instant model fake and the
// audit journal, with the p50 and p99 latency at 200 clients (mostly time
// in the queue: clients / throughput) and the p50 latency citebot adds to
// the model's, one client at a time (p50 through citebot minus p50 of the
// same model request sent to the fake directly); and the CPU time the
// whole process (clients and model fake included) spent per answer at 200
// clients, which other jobs on the machine disturb less than answers/s.
//
// Rate limits are per asker, and all 200 clients are one asker (no keys:
// the loopback address), so the desk's limits are raised far above the
// load; the queue holds every client.
func BenchmarkChatCompletions200Clients(b *testing.B) {
	const clients = 200
	model := quotingModel(b, true)
	lim := serverLimits
	lim.RatePerMinute, lim.RateBurst = 1e9, 1e6
	lim.MaxConcurrent, lim.QueueSize = clients, 2*clients
	srv := startAPI(b, model, apiOptions{limits: lim})
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	defer hc.CloseIdleConnections()
	body := `{"model": "citebot", "messages": [{"role": "user", "content": "` + modelQ + `"}]}`
	direct := `{"model": "m", "stream": true, "messages": [{"role": "user", "content": "[1] both groups share deep ideological ties"}]}`
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
					if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(got), want) {
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
	chat := srv.url + "/v1/chat/completions"
	load(clients, clients, chat, body, `"verified": true`) // warm up the connections
	b.ResetTimer()
	cpu0 := cpuTime()
	lat, elapsed := load(clients, b.N, chat, body, `"verified": true`)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	one, _ := load(1, 300, chat, body, `"verified": true`)
	base, _ := load(1, 300, model.BaseURL()+"/chat/completions", direct, "ideological ties")
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "answers/s")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms@200")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms@200")
	b.ReportMetric(ms(one[len(one)/2]-base[len(base)/2]), "p50-added-ms")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/answer")
	b.ReportMetric(0, "ns/op")
}
