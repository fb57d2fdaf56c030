package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/llm/llmtest"
)

func TestChatPlain(t *testing.T) {
	script := "Why do the Taliban support the TTP?\n/sources\n/passage 1\nand who is their main rival?\n/passage 9\n/nope\n/reset\n/sources\n/quit\nnever asked\n"
	r := run(t, "", script, "chat")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"citebot chat: answers are excerpts",
		"three main reasons",
		"Passage 12f426dc4135",
		"ISKP), their main internal rival.\" [1]",
		"The last answer has no citation [9].",
		"Unknown command /nope.",
		"Conversation forgotten.",
		"No answer yet.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("chat output lacks %q", want)
		}
	}
	if strings.Contains(r.stdout, "never asked") {
		t.Error("chat went on after /quit")
	}
	// End of input ends the chat too.
	if r := run(t, "", "What are fusion cells?\n", "chat"); r.code != 0 || !strings.Contains(r.stdout, "joint coordination units") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestChatRewritesFollowUpsWithTheModel(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		last := req.Messages[len(req.Messages)-1].Content
		if strings.Contains(last, "Rewrite the last question") {
			if !strings.Contains(last, "Why do the Taliban support the TTP?") || !strings.Contains(last, "and what about refugees?") {
				t.Errorf("rewrite prompt lacks the conversation:\n%s", last)
			}
			return llmtest.Reply{Chunks: []string{"What does the corpus say about Afghan refugees in Pakistan?"}}
		}
		if strings.Contains(last, "refugees in Pakistan?") {
			n := refOf(t, req, "genuine refugees")
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`Policy must tell "genuine refugees and potential infiltrators" apart [%d].`, n)}}
		}
		n := refOf(t, req, "ideological ties")
		return llmtest.Reply{Chunks: []string{fmt.Sprintf(`They share "deep ideological ties" [%d].`, n)}}
	}
	r := run(t, llmConfig(t, srv, ""), "Why do the Taliban support the TTP?\nand what about refugees?\n", "chat")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"answers by test-model",
		`They share "deep ideological ties" [1].`,
		"(searched for: What does the corpus say about Afghan refugees in Pakistan?)",
		`"genuine refugees and potential infiltrators"`,
		"> genuine refugees and potential infiltrators",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("chat output lacks %q:\n%s", want, r.stdout)
		}
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d model requests, want 3 (answer, rewrite, answer)", n)
	}
}

// slowAnswer is a model answer that streams for about 16 s unless stopped.
func slowAnswer() llmtest.Reply {
	words := strings.Fields(strings.Repeat("and on and on ", 200))
	for i := range words {
		words[i] += " "
	}
	return llmtest.Reply{Chunks: words, ChunkInterval: 20 * time.Millisecond}
}

// chatSession is `citebot chat` running against a fake model server.
type chatSession struct {
	app  *App
	in   *io.PipeWriter
	out  *syncBuffer
	done chan int
}

// startChat runs `citebot chat` against srv, asks question and waits until
// the model's answer streams.
func startChat(t *testing.T, srv *llmtest.Server, question string) *chatSession {
	t.Helper()
	streaming := make(chan struct{}, 1)
	srv.FirstChunk = func(time.Time) {
		select {
		case streaming <- struct{}{}:
		default:
		}
	}
	cfgPath := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfgPath, []byte(llmConfig(t, srv, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	s := &chatSession{in: inW, out: &syncBuffer{b: &bytes.Buffer{}}, done: make(chan int, 1)}
	s.app = &App{Stdin: inR, Stdout: s.out, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	go func() { s.done <- s.app.Run(t.Context(), []string{"chat", "--config", cfgPath}) }()
	io.WriteString(inW, question+"\n")
	select {
	case <-streaming:
	case <-time.After(10 * time.Second):
		t.Fatalf("no answer streaming:\n%s", s.out.String())
	}
	return s
}

// interruptThenAsk stops the answer streaming with Ctrl-C, asks next, ends
// the input and returns what the chat wrote once it has finished.
func (s *chatSession) interruptThenAsk(t *testing.T, next string) string {
	t.Helper()
	if !s.app.Interrupt() {
		t.Fatal("nothing took the interrupt while an answer streamed")
	}
	io.WriteString(s.in, next+"\n")
	s.in.Close()
	select {
	case code := <-s.done:
		if code != 0 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("chat did not finish")
	}
	return s.out.String()
}

// TestChatCtrlCStopsOnlyTheAnswer interrupts a slow model answer: the chat
// says so and takes the next question.
func TestChatCtrlCStopsOnlyTheAnswer(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		if strings.Contains(req.Messages[len(req.Messages)-1].Content, "fusion cells") {
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`They are "joint coordination units" [%d].`, req.Ref("fusion cells"))}}
		}
		return slowAnswer()
	}
	s := startChat(t, srv, "Why do the Taliban support the TTP?")
	got := s.interruptThenAsk(t, "What are fusion cells?")
	if !strings.Contains(got, "(stopped)") || !strings.Contains(got, `"joint coordination units" [1]`) {
		t.Errorf("chat output:\n%s", got)
	}
	if s.app.Interrupt() {
		t.Error("an interrupt between answers was taken instead of ending the program")
	}
}

// TestChatFollowUpAfterStoppedAnswer: a follow-up to a question whose
// answer Ctrl-C stopped still leans on that question.
func TestChatFollowUpAfterStoppedAnswer(t *testing.T) {
	srv := llmtest.New(t)
	srv.Chat = func(req llmtest.Request) llmtest.Reply {
		last := req.Messages[len(req.Messages)-1].Content
		switch {
		case strings.Contains(last, "Rewrite the last question"):
			return llmtest.Reply{Chunks: []string{"What does the corpus say about Afghan refugees in Pakistan?"}}
		case strings.Contains(last, "refugees in Pakistan?"):
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`Policy must tell "genuine refugees and potential infiltrators" apart [%d].`, req.Ref("genuine refugees"))}}
		}
		return slowAnswer()
	}
	s := startChat(t, srv, "Why do the Taliban support the TTP?")
	got := s.interruptThenAsk(t, "and what about refugees?")
	if !strings.Contains(got, "(stopped)") || !strings.Contains(got, "(searched for: What does the corpus say about Afghan refugees in Pakistan?)") {
		t.Errorf("chat output:\n%s", got)
	}
	var rewrites []string
	for _, req := range srv.Requests() {
		if last := req.Messages[len(req.Messages)-1].Content; strings.Contains(last, "Rewrite the last question") {
			rewrites = append(rewrites, last)
		}
	}
	if len(rewrites) != 1 || !strings.Contains(rewrites[0], "Why do the Taliban support the TTP?") {
		t.Errorf("rewrite prompts %q, want one holding the stopped question", rewrites)
	}
}

// A line longer than any question (a huge paste) is refused like a long
// question, and the chat reads on.
func TestChatSurvivesAHugeLine(t *testing.T) {
	script := strings.Repeat("x", 3<<20) + "\nWhat are fusion cells?\n/quit\n"
	r := run(t, "", script, "chat")
	if r.code != 0 || !strings.Contains(r.stdout, "longer than 2000 characters") || !strings.Contains(r.stdout, "joint coordination units") {
		t.Errorf("exit %d, stderr %q\n%.300s", r.code, r.stderr, r.stdout)
	}
}
