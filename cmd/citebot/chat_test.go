package main

import (
	"fmt"
	"strings"
	"testing"

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
