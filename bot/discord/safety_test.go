package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot/discord/discordtest"
	"github.com/citebot/citebot/bot/llm/llmtest"
	"github.com/citebot/citebot/bot/serve"
)

const question = "Why do the Taliban support the TTP?"

// megabyteAnswer is a model answer of about 1 MB in 1 KB chunks.
func megabyteAnswer(llmtest.Request) llmtest.Reply {
	sentence := `They "share deep ideological ties" [1] and the model goes on and on about it. `
	chunk := strings.Repeat(sentence, 1024/len(sentence)+1)
	chunks := make([]string, 1<<20/len(chunk))
	for i := range chunks {
		chunks[i] = chunk
	}
	return llmtest.Reply{Chunks: chunks}
}

// waitLogs waits until the logs hold n lines containing what.
func waitLogs(t *testing.T, logs *lockedBuffer, what string, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.After(timeout)
	for strings.Count(logs.String(), what) < n {
		select {
		case <-deadline:
			t.Fatalf("%d of %d log lines %q within %v", strings.Count(logs.String(), what), n, what, timeout)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// sent is what a REST call put in a message: content, embed descriptions
// and fields.
func sent(c discordtest.Call) string {
	body := c.Body
	if d, ok := body["data"].(map[string]any); ok {
		body = d
	}
	var b strings.Builder
	fmt.Fprint(&b, body["content"])
	embeds, _ := body["embeds"].([]any)
	for _, e := range embeds {
		e, _ := e.(map[string]any)
		fmt.Fprint(&b, "\n", e["description"])
		fields, _ := e["fields"].([]any)
		for _, f := range fields {
			f, _ := f.(map[string]any)
			fmt.Fprint(&b, "\n", f["name"], "\n", f["value"])
		}
	}
	return b.String()
}

func TestLongAnswerIsBoundedInMessages(t *testing.T) {
	for _, render := range []string{"embed", "plain"} {
		t.Run("ask/"+render, func(t *testing.T) {
			const interval = 200 * time.Millisecond
			_, fake, _ := startBot(t, setup{Render: render, EditInterval: interval, AnswerTimeout: time.Minute}, megabyteAnswer)
			start := time.Now()
			_, token := fake.SlashCommand("c1", discordtest.Member{UserID: "u1"}, "ask", map[string]string{"question": question})
			last := fake.WaitFor(60*time.Second, "the answer's last message (with the buttons)", func(c discordtest.Call) bool {
				return strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "custom_id")
			})
			elapsed := time.Since(start)
			edits, followups := 0, 0
			for _, c := range fake.Calls() {
				switch {
				case !strings.Contains(c.Path, token):
				case c.Method == "PATCH":
					edits++
				case c.Method == "POST" && strings.HasPrefix(c.Path, "/webhooks/"):
					followups++
				}
			}
			if !strings.Contains(sent(last), "truncated") {
				t.Error("the last message does not say the answer was cut short")
			}
			if 1+followups > 3 {
				t.Errorf("%d messages (the response and %d follow-ups), want at most 3", 1+followups, followups)
			}
			if most := 2 + int(elapsed/interval); edits > most {
				t.Errorf("%d edits in %v, want at most %d", edits, elapsed, most)
			}
			t.Logf("%d edits, %d follow-ups in %v", edits, followups, elapsed.Round(time.Millisecond))
		})
	}
	t.Run("mention", func(t *testing.T) {
		_, fake, _ := startBot(t, setup{ReplyMode: "reply", MaxMessages: 2, AnswerTimeout: time.Minute}, megabyteAnswer)
		fake.Message("c2", discordtest.Member{UserID: "u2"}, question, true)
		last := fake.WaitFor(60*time.Second, "the answer's last message (with the buttons)", func(c discordtest.Call) bool {
			return strings.HasPrefix(c.Path, "/channels/c2/messages") && strings.Contains(string(c.Raw), "custom_id")
		})
		if !strings.Contains(sent(last), "truncated") {
			t.Error("the last message does not say the answer was cut short")
		}
		posts := 0
		for _, c := range fake.Calls() {
			if c.Method == "POST" && c.Path == "/channels/c2/messages" {
				posts++
			}
		}
		if posts > 2 {
			t.Errorf("%d messages, want at most 2 (discord.max_messages)", posts)
		}
	})
}

func TestRenderBoundsEveryAnswer(t *testing.T) {
	for _, embeds := range []bool{true, false} {
		for _, cites := range []int{1, 40} {
			t.Run(fmt.Sprintf("embeds=%v/cites=%d", embeds, cites), func(t *testing.T) {
				a := longAnswer(cites)
				a.Text = strings.Repeat(a.Text, 20)
				msgs := renderAnswer(a, embeds, answerButtons(a, 7), 3)
				if len(msgs) > 3 {
					t.Fatalf("%d messages", len(msgs))
				}
				last := msgs[len(msgs)-1]
				all := last.Content
				for _, e := range last.Embeds {
					all += e.Description
					for _, f := range e.Fields {
						all += f.Name + f.Value
					}
				}
				if !strings.Contains(all, "truncated") || last.Components == nil {
					t.Errorf("last message lacks the truncation line or the buttons: %.300q", all)
				}
				if cites == 1 && !strings.Contains(all, "[1] Title") {
					t.Error("the sources were dropped though they fit")
				}
			})
		}
	}
}

func TestMaskedLinksInModelTextAreNeutralised(t *testing.T) {
	links := `They "share deep ideological ties" [1](https://evil.example/x), see [2](<https://evil.example/y>) and [3]( https://evil.example/z "t").`
	masked := regexp.MustCompile(`\]\(`)
	for _, render := range []string{"embed", "plain"} {
		t.Run(render, func(t *testing.T) {
			_, fake, _ := startBot(t, setup{Render: render}, func(llmtest.Request) llmtest.Reply {
				return llmtest.Reply{Chunks: []string{links}}
			})
			_, token := fake.SlashCommand("c3", discordtest.Member{UserID: "u3"}, "ask", map[string]string{"question": question})
			c := fake.WaitFor(10*time.Second, "final answer", func(c discordtest.Call) bool {
				return c.Method == "PATCH" && strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "custom_id")
			})
			text := sent(c)
			if !strings.Contains(text, "evil.example/x") {
				t.Fatalf("answer %q", text)
			}
			if loc := masked.FindStringIndex(text); loc != nil {
				t.Errorf("a masked link renders: %q", text[max(loc[0]-10, 0):min(loc[1]+30, len(text))])
			}
		})
	}
}

// TestCitationsLinkToTheCitedPlace: with corpus.link, each source of an
// answer, the "Show passage" reply and /source link to the cited lines,
// while a link the model wrote stays neutralised.
func TestCitationsLinkToTheCitedPlace(t *testing.T) {
	const url = "https://example.org/docs/000_51eec4bc261835c7.txt#L6-L6"
	for _, c := range []struct{ render, link string }{
		{"embed", "[000\\_51eec4bc261835c7.txt:6](" + url + ")\n> "},
		{"plain", "**[1] [Afghan Taliban and Cross Border Terrorism in Pakistan (000\\_51eec4bc261835c7.txt:6)](<" + url + ">)**\n> "},
	} {
		t.Run(c.render, func(t *testing.T) {
			_, fake, _ := startBot(t, setup{Render: c.render, Link: "https://example.org/docs/{path}#L{start}-L{end}"}, func(llmtest.Request) llmtest.Reply {
				return llmtest.Reply{Chunks: []string{`They "share deep ideological ties" [1], see [1](https://evil.example/x).`}}
			})
			_, token := fake.SlashCommand("c3", discordtest.Member{UserID: "u3"}, "ask", map[string]string{"question": question})
			final := fake.WaitFor(10*time.Second, "final answer", func(c discordtest.Call) bool {
				return c.Method == "PATCH" && strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "custom_id")
			})
			text := sent(final)
			if !strings.Contains(text, c.link) {
				t.Errorf("answer lacks the source link %q:\n%s", c.link, text)
			}
			if !strings.Contains(text, `[1]\(https://evil.example/x)`) {
				t.Errorf("the model's link is not neutralised:\n%s", text)
			}
			for _, click := range []func() string{
				func() string {
					id, _ := fake.Button("c3", discordtest.Member{UserID: "u3"}, "passage:12f426dc4135")
					return id
				},
				func() string {
					id, _ := fake.SlashCommand("c3", discordtest.Member{UserID: "u3"}, "source", map[string]string{"id": "12f426dc4135"})
					return id
				},
			} {
				id := click()
				reply := fake.WaitFor(5*time.Second, "passage reply", func(c discordtest.Call) bool {
					return strings.HasPrefix(c.Path, "/interactions/"+id+"/")
				})
				if want := "** ([000\\_51eec4bc261835c7.txt:6](<" + url + ">)) · passage `12f426dc4135`"; !strings.Contains(sent(reply), want) {
					t.Errorf("passage reply lacks %q:\n%s", want, sent(reply))
				}
			}
		})
	}
}

func TestBusyNoticeOncePerUser(t *testing.T) {
	_, fake, logs := startBot(t, setup{RatePerMinute: 6, RateBurst: 3}, nil)
	before := len(fake.Calls())
	const n = 1000
	for range n {
		fake.Message("c4", discordtest.Member{UserID: "u4"}, "What are fusion cells?", true)
	}
	// Every refused mention is either told (a busy notice) or logged.
	deadline := time.After(60 * time.Second)
	for handled := 0; handled < n-3; {
		handled = strings.Count(logs.String(), "question refused")
		for _, c := range fake.Calls()[before:] {
			if strings.Contains(sent(c), "busy") {
				handled++
			}
		}
		select {
		case <-deadline:
			t.Fatalf("%d of %d refused mentions handled", handled, n-3)
		case <-time.After(10 * time.Millisecond):
		}
	}
	// The 3 answers (burst) may still be writing: wait for them too.
	answers := func() int {
		k := 0
		for _, c := range fake.Calls()[before:] {
			if c.Method == "POST" && strings.Contains(sent(c), "joint coordination units") {
				k++
			}
		}
		return k
	}
	fake.WaitFor(30*time.Second, "three answers", func(discordtest.Call) bool { return answers() >= 3 })
	calls := fake.Calls()[before:]
	dms, notices := 0, 0
	for _, c := range calls {
		if c.Path == "/users/@me/channels" {
			dms++
		}
		if strings.Contains(sent(c), "busy") {
			notices++
		}
	}
	if dms != 1 || notices != 1 {
		t.Errorf("%d DM channels opened and %d busy notices for %d mentions; want 1 and 1", dms, notices, n)
	}
	if len(calls) > 20 {
		t.Errorf("%d REST calls for %d mentions from one user", len(calls), n)
	}
	t.Logf("%d REST calls for %d mentions", len(calls), n)
}

func TestInteractionTokensNeverLogged(t *testing.T) {
	t.Run("our log lines", func(t *testing.T) {
		_, fake, logs := startBot(t, setup{}, nil)
		fake.SetFault(func(c discordtest.Call) int {
			if strings.HasPrefix(c.Path, "/interactions/") {
				return discordtest.DropConnection
			}
			return 0
		})
		_, token := fake.SlashCommand("c5", discordtest.Member{UserID: "u5"}, "ask", map[string]string{"question": question})
		waitLogs(t, logs, "defer interaction", 1, 10*time.Second)
		if strings.Contains(logs.String(), token) {
			t.Errorf("token %s in the log:\n%s", token, logs.String())
		}
		if !strings.Contains(logs.String(), "[redacted]/callback") {
			t.Errorf("the failing URL is not in the log at all:\n%s", logs.String())
		}
	})
	t.Run("discordgo's log lines", func(t *testing.T) {
		prev := discordgo.Logger
		t.Cleanup(func() { discordgo.Logger = prev }) // after the bot has stopped
		logs := &lockedBuffer{}
		_, fake, _ := startBot(t, setup{}, nil, func(d *serve.Deps) {
			d.Log = slogTo(logs)
			discordgo.Logger = DiscordgoLogger(d.Log) // as cmd/citebot does
		})
		var failed atomic.Bool
		fake.SetFault(func(c discordtest.Call) int {
			if c.Method == "PATCH" && strings.HasPrefix(c.Path, "/webhooks/") && failed.CompareAndSwap(false, true) {
				return 502 // discordgo logs the URL and retries
			}
			return 0
		})
		_, token := fake.SlashCommand("c6", discordtest.Member{UserID: "u6"}, "ask", map[string]string{"question": question})
		waitLogs(t, logs, "Retrying", 1, 10*time.Second)
		if strings.Contains(logs.String(), token) {
			t.Errorf("token %s in the log:\n%s", token, logs.String())
		}
	})
}

func TestModelErrorDetailStaysOutOfDiscord(t *testing.T) {
	const secret = "sk-live-9f8e7d6c5b4a"
	log := &memJournal{}
	_, fake, logs := startBot(t, setup{}, func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Status: 401, Body: `{"error": {"message": "Incorrect API key provided: ` + secret + `. Account acme-corp.", "type": "invalid_request_error"}}`}
	}, func(d *serve.Deps) {
		d.Journal = log
		d.Reload = func(ctx context.Context) (serve.Engine, string, error) {
			return serve.Engine{}, "", fmt.Errorf("embed passages: 401 Incorrect API key provided: %s", secret)
		}
	})
	_, token := fake.SlashCommand("c7", discordtest.Member{UserID: "u7"}, "ask", map[string]string{"question": question})
	fake.WaitFor(10*time.Second, "final answer", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "custom_id")
	})
	_, token = fake.SlashCommand("c7", discordtest.Member{UserID: "u8", Permissions: discordgo.PermissionManageMessages}, "reindex", nil)
	fake.WaitFor(10*time.Second, "reindex result", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && strings.Contains(c.Path, token)
	})
	for _, c := range fake.Calls() {
		if strings.Contains(string(c.Raw), secret) || strings.Contains(string(c.Raw), "acme-corp") {
			t.Errorf("error detail sent to Discord: %s %s %s", c.Method, c.Path, c.Raw)
		}
	}
	recs, err := log.Recent(t.Context(), 5)
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit %v, %v", recs, err)
	}
	if !strings.Contains(recs[0].ErrorDetail, secret) || strings.Contains(recs[0].Answer.Note, secret) || recs[0].Answer.Note == "" {
		t.Errorf("journal note %q, detail %q; want the detail kept apart", recs[0].Answer.Note, recs[0].ErrorDetail)
	}
	if !strings.Contains(logs.String(), secret) {
		t.Error("the detail is not in the log")
	}
}

func TestModeratorCommandsHiddenByDefault(t *testing.T) {
	_, fake, _ := startBot(t, setup{}, nil)
	c := fake.WaitFor(5*time.Second, "command registration", func(c discordtest.Call) bool { return c.Method == "PUT" })
	var cmds []map[string]any
	if err := json.Unmarshal(c.Raw, &cmds); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range cmds {
		name := cmd["name"].(string)
		t.Run(name, func(t *testing.T) {
			perms, _ := cmd["default_member_permissions"].(string)
			switch name {
			case "audit", "reindex":
				if perms != fmt.Sprint(discordgo.PermissionManageMessages) || cmd["dm_permission"] != false {
					t.Errorf("default_member_permissions %q, dm_permission %v", perms, cmd["dm_permission"])
				}
			default:
				if perms != "" {
					t.Errorf("default_member_permissions %q on a command for everyone", perms)
				}
			}
		})
	}
	// Still refused at run time to a member whom a server admin let see it.
	id, _ := fake.SlashCommand("c8", discordtest.Member{UserID: "u9"}, "audit", nil)
	r := fake.WaitFor(5*time.Second, "refusal", func(c discordtest.Call) bool { return strings.HasPrefix(c.Path, "/interactions/"+id+"/") })
	if !strings.Contains(sent(r), "Only moderators") {
		t.Errorf("audit for a member: %s", r.Raw)
	}
}

func TestAllowedRolesHoldInDirectMessages(t *testing.T) {
	for _, tc := range []struct {
		name   string
		roles  []string
		answer bool
	}{
		{"roles set: refused", []string{"600000000000000001"}, false},
		{"no roles: answered", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, fake, _ := startBot(t, setup{AllowDMs: true, AllowedRoles: tc.roles}, nil)
			id, _ := fake.DMSlashCommand("dm1", "u10", "ask", map[string]string{"question": "What are fusion cells?"})
			r := fake.WaitFor(5*time.Second, "response", func(c discordtest.Call) bool { return strings.HasPrefix(c.Path, "/interactions/"+id+"/") })
			deferred := r.Body["type"] == float64(discordgo.InteractionResponseDeferredChannelMessageWithSource)
			if deferred != tc.answer {
				t.Errorf("/ask in a DM: %s", r.Raw)
			}
			fake.DMMessage("dm2", "u11", "What are fusion cells?")
			c := fake.WaitFor(10*time.Second, "reply in the DM", func(c discordtest.Call) bool {
				return c.Method == "POST" && c.Path == "/channels/dm2/messages"
			})
			if answered := strings.Contains(sent(c), "joint coordination units"); answered != tc.answer {
				t.Errorf("DM message: %s", c.Raw)
			}
			if !tc.answer && !strings.Contains(sent(c), "direct messages") {
				t.Errorf("refusal without a reason: %s", c.Raw)
			}
		})
	}
}

// memJournal is a serve.Journal in memory.
type memJournal struct {
	mu   sync.Mutex
	ents []serve.Entry
}

func (j *memJournal) Record(_ context.Context, e serve.Entry) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e.ID = int64(len(j.ents) + 1)
	j.ents = append(j.ents, e)
	return e.ID, nil
}

func (j *memJournal) Feedback(_ context.Context, id int64, user string, vote int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if id < 1 || id > int64(len(j.ents)) {
		return fmt.Errorf("no entry %d", id)
	}
	j.ents[id-1].Feedback = vote
	return nil
}

func (j *memJournal) Recent(_ context.Context, n int) ([]serve.Entry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.ents[max(0, len(j.ents)-n):]), nil
}
