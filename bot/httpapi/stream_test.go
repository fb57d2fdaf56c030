package httpapi

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot"
)

// deltas returns the content of a recorded stream's deltas, joined.
func deltas(t *testing.T, body string) string {
	t.Helper()
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		d, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok || d == "[DONE]" {
			continue
		}
		var c chatChunk
		if err := json.Unmarshal([]byte(d), &c); err != nil {
			t.Fatalf("%v: %s", err, d)
		}
		b.WriteString(c.Choices[0].Delta.Content)
	}
	if !strings.HasSuffix(body, "data: [DONE]\n\n") {
		t.Errorf("no [DONE] at the end:\n%s", body)
	}
	return b.String()
}

// TestStreamNeverTakesBack: what a stream sent stays sent, so when the
// answer does not go on from it (reasoning withdrawn by a reset, excerpts
// instead of a failed model's answer) the stream says so and gives the
// answer in full; otherwise it sends only what follows.
func TestStreamNeverTakesBack(t *testing.T) {
	answer := bot.Answer{Text: `They back it because "both share ties" [1].`, Mode: bot.ModeLLM,
		Citations: []bot.Citation{{Ref: 1, PassageID: "p1", Excerpt: "both share ties", Verified: true}}}
	foot := footer(answer)
	for _, c := range []struct {
		name     string
		partials []string
		want     string
	}{
		{"nothing streamed", nil, answer.Text + foot},
		{"prefixes", []string{"They back ", `They back it because "both`}, answer.Text + foot},
		{"trailing space", []string{`They back it because "both share ties" [1]. `}, `They back it because "both share ties" [1]. ` + foot},
		{"reset after reasoning", []string{"Let me think. ", "They back"},
			"Let me think. \n\n" + withdrawn + "\n\n" + answer.Text + foot},
		{"fallback to excerpts", []string{"The model began"},
			"The model began\n\n" + withdrawn + "\n\n" + answer.Text + foot},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			st := &stream{w: rec, rc: http.NewResponseController(rec), id: "x"}
			for _, p := range c.partials {
				if err := st.partial(p); err != nil {
					t.Fatal(err)
				}
			}
			st.final(answer)
			if got := deltas(t, rec.Body.String()); got != c.want {
				t.Errorf("streamed\n%q\nwant\n%q", got, c.want)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/event-stream" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestStripFooter(t *testing.T) {
	a := bot.Answer{Text: "An answer [1].", Citations: []bot.Citation{{Ref: 1, Excerpt: "x\ny", Verified: true}}}
	if got := stripFooter(Content(a)); got != a.Text {
		t.Errorf("stripFooter(Content) = %q", got)
	}
	if !strings.Contains(Content(a), "> x\n> y") {
		t.Errorf("a multi-line excerpt is not quoted line by line: %q", Content(a))
	}
}
