package llm_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/llm"
	"github.com/citebot/citebot/bot/llm/llmtest"
)

// TestConnectionsReused: answers written at once (a serving desk writes
// many) reuse the model server's connections from one round to the next
// rather than dialing a new one for most requests.
func TestConnectionsReused(t *testing.T) {
	const parallel, rounds = 16, 3
	for _, stream := range []bool{true, false} {
		name := map[bool]string{true: "stream", false: "whole"}[stream]
		t.Run(name, func(t *testing.T) {
			m := llmtest.New(t)
			var arrived sync.WaitGroup
			var gate chan struct{}
			m.Chat = func(llmtest.Request) llmtest.Reply {
				arrived.Done()
				<-gate // every request of the round is in flight at once
				return llmtest.Reply{Chunks: []string{"an ", "answer"}}
			}
			var dialed atomic.Int64
			ts := httptest.NewUnstartedServer(m.Config.Handler)
			ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					dialed.Add(1)
				}
			}
			ts.Start()
			t.Cleanup(ts.Close)
			c, err := llm.New(llm.Config{BaseURL: ts.URL + "/v1", Model: "m", Stream: stream, Backoff: time.Millisecond,
				Timeout: 10 * time.Second, MaxOutputBytes: 64 << 10}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for range rounds {
				gate = make(chan struct{})
				arrived.Add(parallel)
				var done sync.WaitGroup
				for range parallel {
					done.Go(func() {
						if _, err := c.Complete(t.Context(), []llm.Message{{Role: "user", Content: "q"}}, nil); err != nil {
							t.Error(err)
						}
					})
				}
				arrived.Wait()
				close(gate)
				done.Wait()
			}
			if got := dialed.Load(); got != parallel {
				t.Errorf("%d connections for %d rounds of %d answers at once; want %d", got, rounds, parallel, parallel)
			}
		})
	}
}
