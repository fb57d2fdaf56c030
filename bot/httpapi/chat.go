package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/prompts"
)

// chatRequest is what citebot reads of an OpenAI chat request; the rest
// (model, temperature, …) is ignored: citebot is the model.
type chatRequest struct {
	Messages []chatMessage `json:"messages"`
	Stream   bool          `json:"stream"`
}

type chatMessage struct {
	Role    string      `json:"role"`
	Content chatContent `json:"content"`
}

// chatContent is a message's text: a string, or an array of parts of
// which the text ones count.
type chatContent string

func (c *chatContent) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err == nil {
		if s != nil {
			*c = chatContent(*s)
		}
		return nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &parts); err != nil {
		return errors.New("content is neither text nor an array of parts")
	}
	var texts []string
	for _, p := range parts {
		if p.Type == "text" {
			texts = append(texts, p.Text)
		}
	}
	*c = chatContent(strings.Join(texts, "\n"))
	return nil
}

// errNoUserMessage: the request asks nothing.
var errNoUserMessage = errors.New("messages holds no user message: the last one is the question")

// split returns the question (the last user message) and the turns before
// it, the answers stripped of the sources footer citebot wrote.
func (req chatRequest) split() (string, []prompts.Turn, error) {
	last := -1
	for i, m := range req.Messages {
		if m.Role == "user" {
			last = i
		}
	}
	if last < 0 {
		return "", nil, errNoUserMessage
	}
	var turns []prompts.Turn
	for _, m := range req.Messages[:last] {
		text := string(m.Content)
		if m.Role == "assistant" {
			text = stripFooter(text)
		}
		turns = append(turns, prompts.Turn{Role: m.Role, Content: text})
	}
	return string(req.Messages[last].Content), turns, nil
}

// The response shapes of the OpenAI API.
type (
	chatResponse struct {
		ID        string         `json:"id"`
		Object    string         `json:"object"`
		Created   int64          `json:"created"`
		Model     string         `json:"model"`
		Choices   []chatChoice   `json:"choices"`
		Usage     chatUsage      `json:"usage"`
		Citations []bot.Citation `json:"citations"`
		Related   []bot.Related  `json:"related,omitempty"`
		Citebot   *answerSummary `json:"citebot,omitempty"`
	}
	chatChoice struct {
		Index        int      `json:"index"`
		Message      *chatOut `json:"message,omitempty"`
		Delta        *chatOut `json:"delta,omitempty"`
		FinishReason *string  `json:"finish_reason"`
	}
	chatOut struct {
		Role    string `json:"role,omitempty"`
		Content string `json:"content"`
	}
	chatUsage struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
		TotalTokens      int `json:"total_tokens"`
	}
	chatChunk struct {
		ID        string         `json:"id"`
		Object    string         `json:"object"`
		Created   int64          `json:"created"`
		Model     string         `json:"model"`
		Choices   []chatChoice   `json:"choices"`
		Citations []bot.Citation `json:"citations,omitempty"`
		Related   []bot.Related  `json:"related,omitempty"`
		Citebot   *answerSummary `json:"citebot,omitempty"`
	}
	// answerSummary is what else of the answer a client may want.
	answerSummary struct {
		Declined  bool   `json:"declined"`
		Mode      string `json:"mode"`
		Truncated bool   `json:"truncated,omitempty"`
		Note      string `json:"note,omitempty"`
	}
)

func summary(a bot.Answer) *answerSummary {
	return &answerSummary{Declined: a.Declined, Mode: a.Mode, Truncated: a.Truncated, Note: a.Note}
}

func completionID() string {
	var b [12]byte
	rand.Read(b[:])
	return "chatcmpl-" + hex.EncodeToString(b[:])
}

// chatCompletions answers POST /v1/chat/completions.
func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request, user string) {
	var req chatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		badBody(w, err)
		return
	}
	raw, turns, err := req.split()
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "no_user_message", err.Error())
		return
	}
	out, gone, ok := s.submit(w, r, user, raw, turns, "/v1/chat/completions")
	if !ok {
		return
	}
	defer close(gone)
	id, created := completionID(), time.Now().Unix()
	if !req.Stream {
		for {
			select {
			case <-out.partial:
			case rep := <-out.final:
				a := shown(rep.Answer)
				stop := "stop"
				writeJSON(w, http.StatusOK, chatResponse{ID: id, Object: "chat.completion", Created: created, Model: ModelID,
					Choices:   []chatChoice{{Message: &chatOut{Role: "assistant", Content: Content(a)}, FinishReason: &stop}},
					Citations: citations(a), Related: a.Related, Citebot: summary(a)})
				return
			case text := <-out.notice:
				noticeError(w, text)
				return
			case <-r.Context().Done():
				return
			}
		}
	}
	st := &stream{w: w, rc: http.NewResponseController(w), id: id, created: created}
	for {
		select {
		case text := <-out.partial:
			if err := st.partial(text); err != nil {
				return
			}
		case rep := <-out.final:
			st.final(shown(rep.Answer))
			return
		case text := <-out.notice:
			if !st.started {
				noticeError(w, text)
				return
			}
			st.send(st.sep() + text)
			st.finish(bot.Answer{})
			return
		case <-r.Context().Done():
			return
		}
	}
}

// citations are an answer's citations, never null in JSON.
func citations(a bot.Answer) []bot.Citation {
	if a.Citations == nil {
		return []bot.Citation{}
	}
	return a.Citations
}

// stream writes an answer as server-sent chat.completion.chunk events.
// Deltas only ever add to what was sent: when the answer as written turns
// out not to extend it (the model's reasoning was withdrawn, or the model
// failed and excerpts are given instead), the stream says so and the
// answer follows in full, as the terminal chat does.
type stream struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	id      string
	created int64
	started bool
	sent    string // the answer's text sent so far
	off     bool   // the answer diverged from what was sent: no more partial deltas
}

// withdrawn is the line a stream sends when what it sent was not the
// answer.
const withdrawn = "[The text above was not the answer; the answer follows.]"

func (st *stream) partial(text string) error {
	if st.off {
		return nil
	}
	if !strings.HasPrefix(text, st.sent) {
		st.off = true
		return nil
	}
	delta := text[len(st.sent):]
	if delta == "" {
		return nil
	}
	st.sent = text
	return st.send(delta)
}

func (st *stream) final(a bot.Answer) {
	rest, ok := "", false
	if !st.off {
		rest, ok = continuation(st.sent, a.Text)
	}
	if !ok {
		rest = a.Text
		if st.sent != "" {
			rest = st.sep() + withdrawn + "\n\n" + a.Text
		}
	}
	st.send(rest + footer(a))
	st.finish(a)
}

// continuation returns what follows sent in text, false when text does not
// begin with sent (spaces at the end of sent aside).
func continuation(sent, text string) (string, bool) {
	if rest, ok := strings.CutPrefix(text, sent); ok {
		return rest, true
	}
	trimmed := strings.TrimRight(sent, " \t\r\n")
	rest, ok := strings.CutPrefix(text, trimmed)
	if !ok {
		return "", false
	}
	return strings.TrimLeft(rest, " \t\r\n"), true
}

// sep separates a notice from what was sent.
func (st *stream) sep() string {
	if st.sent == "" {
		return ""
	}
	return "\n\n"
}

func (st *stream) chunk(c chatChunk) error {
	if !st.started {
		h := st.w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("X-Accel-Buffering", "no")
		st.w.WriteHeader(http.StatusOK)
		st.started = true
	}
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode chunk: %w", err)
	}
	if _, err := fmt.Fprintf(st.w, "data: %s\n\n", b); err != nil {
		return err
	}
	return st.rc.Flush()
}

func (st *stream) send(delta string) error {
	d := &chatOut{Content: delta}
	if !st.started {
		d.Role = "assistant"
	}
	return st.chunk(chatChunk{ID: st.id, Object: "chat.completion.chunk", Created: st.created, Model: ModelID,
		Choices: []chatChoice{{Delta: d}}})
}

// finish sends the last chunk, with the citations, and [DONE].
func (st *stream) finish(a bot.Answer) {
	stop := "stop"
	c := chatChunk{ID: st.id, Object: "chat.completion.chunk", Created: st.created, Model: ModelID,
		Choices:   []chatChoice{{Delta: &chatOut{}, FinishReason: &stop}},
		Citations: citations(a), Related: a.Related}
	if a.Mode != "" {
		c.Citebot = summary(a)
	}
	if st.chunk(c) != nil {
		return
	}
	fmt.Fprint(st.w, "data: [DONE]\n\n")
	st.rc.Flush()
}

// footerStart begins the sources footer of an answer's content.
const footerStart = "\n\nSources:\n"

// Content is an answer as a chat message: its text with [n] markers, its
// note, and a footer listing each source with its verbatim excerpt (or,
// for a declined question, the closest passages).
func Content(a bot.Answer) string {
	return a.Text + footer(a)
}

func footer(a bot.Answer) string {
	var b strings.Builder
	if a.Note != "" {
		fmt.Fprintf(&b, "\n\n(%s)", a.Note)
	}
	if a.Declined {
		if len(a.Related) > 0 {
			b.WriteString("\n\nClosest passages (citebot is not confident they answer the question):\n")
			for _, r := range a.Related {
				fmt.Fprintf(&b, "- %s (%s)\n", oneLine(r.Title), oneLine(r.Locator.String()))
			}
		}
		return strings.TrimRight(b.String(), "\n")
	}
	if len(a.Citations) == 0 {
		return b.String()
	}
	b.WriteString(footerStart)
	for _, c := range a.Citations {
		fmt.Fprintf(&b, "[%d] %s (%s)\n", c.Ref, oneLine(c.Title), oneLine(c.Locator.String()))
		if c.Verified {
			for _, line := range strings.Split(c.Excerpt, "\n") {
				fmt.Fprintf(&b, "> %s\n", line)
			}
		} else {
			fmt.Fprintf(&b, "(the quoted text %s)\n", c.WhereNotFound())
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// oneLine keeps a title or a file name on its line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// stripFooter returns an answer citebot wrote without its sources footer:
// the history a client sends back holds it.
func stripFooter(s string) string {
	if i := strings.Index(s, footerStart); i >= 0 {
		return s[:i]
	}
	return s
}
