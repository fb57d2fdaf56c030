package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/discord/discordtest"
	"github.com/citebot/citebot/bot/llm/llmtest"
)

const (
	channel = "700000000000000001"
	modRole = "600000000000000001"
)

var (
	alice = discordtest.Member{UserID: "500000000000000001"}
	bob   = discordtest.Member{UserID: "500000000000000002"}
	carol = discordtest.Member{UserID: "500000000000000003"}
	mod   = discordtest.Member{UserID: "500000000000000009", Roles: []string{modRole}}
)

type discordRun struct {
	fake   *discordtest.Server
	model  *llmtest.Server
	data   string
	cancel context.CancelFunc
	done   chan int
	stderr *bytes.Buffer
	log    *syncBuffer // stderr, as written
}

// startDiscord runs `citebot discord` against fakes, as main would.
func startDiscord(t *testing.T, extra string) *discordRun {
	t.Helper()
	return startDiscordWith(t, func(*llmtest.Server) string { return extra })
}

// startDiscordWith is startDiscord with the fake model server set up by
// setup before the bot starts; setup returns the end of the configuration
// file.
func startDiscordWith(t *testing.T, setup func(*llmtest.Server) string) *discordRun {
	t.Helper()
	fake := discordtest.New(t)
	model := llmtest.New(t)
	model.Chat = func(req llmtest.Request) llmtest.Reply {
		last := req.Messages[len(req.Messages)-1].Content
		switch {
		case strings.Contains(last, "Rewrite the last question"):
			return llmtest.Reply{Chunks: []string{"Who is the main internal rival of the Taliban?"}}
		case strings.Contains(last, "main internal rival of the Taliban?"):
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`Their rival is "the Islamic State Khorasan Province (ISKP)" [%d].`, refOf(t, req, "ISKP"))}}
		}
		user := req.Messages[len(req.Messages)-1].Content
		switch {
		case strings.Contains(user, "ideological ties"):
			n := refOf(t, req, "ideological ties")
			return llmtest.Reply{Chunks: []string{"@everyone listen: ", fmt.Sprintf(`"both groups share deep ideological ties" [%d].`, n)}}
		case strings.Contains(user, "fusion cells"):
			return llmtest.Reply{Chunks: []string{fmt.Sprintf(`Fusion cells are "joint coordination units" [%d].`, refOf(t, req, "fusion cells"))}}
		}
		return llmtest.Reply{Chunks: []string{"I cannot answer this from the corpus."}}
	}
	extra := setup(model)
	dir := t.TempDir()
	cfg := fmt.Sprintf(`data_dir: %s
llm:
  base_url: %s
  model: fake-model
discord:
  api_base_url: %s
  guild_id: %s
  moderator_roles: [%q]
  rate_per_minute: 1
  rate_burst: 3
  edit_interval: 100ms
  shutdown_timeout: 5s
%s`, filepath.Join(dir, "data"), model.BaseURL(), fake.URL, discordtest.GuildID, modRole, extra)
	path := filepath.Join(dir, "citebot.yaml")
	os.WriteFile(path, []byte(cfg), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	r := &discordRun{fake: fake, model: model, data: filepath.Join(dir, "data"), cancel: cancel, done: make(chan int, 1), stderr: &bytes.Buffer{}}
	r.log = &syncBuffer{b: r.stderr, grew: make(chan struct{}, 1)}
	app := &App{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: r.log,
		Getenv: func(k string) string {
			if k == "DISCORD_TOKEN" {
				return "test-token"
			}
			return ""
		}}
	go func() { r.done <- app.Run(ctx, []string{"discord", "--config", path}) }()
	fake.WaitConnected(10 * time.Second)
	t.Cleanup(func() { r.stop(t) })
	return r
}

func (r *discordRun) stop(t *testing.T) {
	r.cancel()
	select {
	case code := <-r.done:
		if code != 0 {
			t.Errorf("citebot discord exited %d", code)
		}
		r.done <- code
	case <-time.After(10 * time.Second):
		t.Error("citebot discord did not stop within 10 s")
	}
}

// syncBuffer is a buffer written and read from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  *bytes.Buffer
	// grew, when not nil, receives a value after writes (at most one
	// waiting).
	grew chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.grew != nil {
		defer func() {
			select {
			case s.grew <- struct{}{}:
			default:
			}
		}()
	}
	return s.b.Write(p)
}

// waitFor waits until text appears in the buffer at or after offset from
// and returns the offset just after it.
func (s *syncBuffer) waitFor(t *testing.T, from int, text string) int {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		if i := strings.Index(s.String()[from:], text); i >= 0 {
			return from + i + len(text)
		}
		select {
		case <-s.grew:
		case <-timeout:
			t.Fatalf("the log has no %q after offset %d within 20 s:\n%s", text, from, s.String())
		}
	}
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func str(v any) string { s, _ := v.(string); return s }

func callbackOf(c discordtest.Call, id string) bool {
	return c.Method == "POST" && strings.HasPrefix(c.Path, "/interactions/"+id+"/")
}

func TestDiscordEndToEnd(t *testing.T) {
	r := startDiscord(t, "")
	fake := r.fake

	// Commands are registered in the guild; the identify asks for message content.
	fake.WaitFor(5*time.Second, "command registration", func(c discordtest.Call) bool {
		return c.Method == "PUT" && c.Path == "/applications/"+discordtest.AppID+"/guilds/"+discordtest.GuildID+"/commands"
	})
	if intents, _ := fake.Identify()["intents"].(float64); int(intents)&(1<<15) == 0 {
		t.Errorf("identify intents %v lack MESSAGE_CONTENT", fake.Identify()["intents"])
	}

	// /ask → deferred callback → edit of the original with sources and buttons.
	id, token := fake.SlashCommand(channel, alice, "ask", map[string]string{"question": "@everyone Why do the Taliban support the TTP?"})
	cb := fake.WaitFor(5*time.Second, "deferred callback", func(c discordtest.Call) bool { return callbackOf(c, id) })
	if cb.Body["type"] != 5.0 {
		t.Errorf("callback type %v, want 5 (deferred)", cb.Body["type"])
	}
	edit := fake.WaitFor(5*time.Second, "final answer", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && c.Path == "/webhooks/"+discordtest.AppID+"/"+token+"/messages/@original" && len(c.Body["components"].([]any)) > 0
	})
	embeds := edit.Body["embeds"].([]any)
	emb := embeds[0].(map[string]any)
	if !strings.Contains(str(emb["description"]), `"both groups share deep ideological ties" [1]`) {
		t.Errorf("answer embed: %v", emb)
	}
	fields := emb["fields"].([]any)
	f0 := fields[0].(map[string]any)
	if str(f0["name"]) != "[1] Afghan Taliban and Cross Border Terrorism in Pakistan (000_51eec4bc261835c7.txt:6)" ||
		str(f0["value"]) != "> both groups share deep ideological ties" {
		t.Errorf("source field %v", f0)
	}
	var passageButton, downButton string
	for _, row := range edit.Body["components"].([]any) {
		for _, b := range row.(map[string]any)["components"].([]any) {
			id := str(b.(map[string]any)["custom_id"])
			if strings.HasPrefix(id, "passage:") && passageButton == "" {
				passageButton = id
			}
			if strings.HasSuffix(id, ":down") {
				downButton = id
			}
		}
	}
	if passageButton != "passage:12f426dc4135" || downButton == "" {
		t.Fatalf("buttons %q %q", passageButton, downButton)
	}

	// "Show passage" shows the passage privately.
	bid, _ := fake.Button(channel, bob, passageButton)
	pc := fake.WaitFor(5*time.Second, "passage callback", func(c discordtest.Call) bool { return callbackOf(c, bid) })
	data := pc.Body["data"].(map[string]any)
	if data["flags"] != 64.0 || !strings.Contains(str(data["content"]), "three main reasons") {
		t.Errorf("passage response %v", pc.Body)
	}

	// Mention → a thread with the answer in it.
	fake.Message(channel, carol, "Why do the Taliban support the TTP?", true)
	thr := fake.WaitFor(5*time.Second, "thread creation", func(c discordtest.Call) bool {
		return c.Method == "POST" && strings.HasPrefix(c.Path, "/channels/"+channel+"/messages/") && strings.HasSuffix(c.Path, "/threads")
	})
	if !strings.Contains(str(thr.Body["name"]), "Why do the Taliban") {
		t.Errorf("thread name %v", thr.Body["name"])
	}
	threadID := ""
	first := fake.WaitFor(5*time.Second, "answer in the thread", func(c discordtest.Call) bool {
		if c.Method != "POST" || !strings.HasSuffix(c.Path, "/messages") || strings.HasPrefix(c.Path, "/channels/"+channel+"/") {
			return false
		}
		threadID = strings.Split(c.Path, "/")[2]
		return true
	})
	if !strings.Contains(string(first.Raw), "ideological ties") {
		t.Errorf("thread answer %s", first.Raw)
	}

	// A follow-up in the thread needs no mention and uses the conversation.
	fake.Message(threadID, carol, "and who is their main rival?", false)
	fake.WaitFor(5*time.Second, "follow-up answer", func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/"+threadID+"/messages" && strings.Contains(string(c.Raw), "ISKP")
	})

	// /source shows a passage; /audit is refused to a non-moderator.
	sid, _ := fake.SlashCommand(channel, bob, "source", map[string]string{"id": "5ffc846ac378"} /* chunker-v3: was bf9e7d254789 */)
	sc := fake.WaitFor(5*time.Second, "source callback", func(c discordtest.Call) bool { return callbackOf(c, sid) })
	if d := sc.Body["data"].(map[string]any); !strings.Contains(str(d["content"]), "SAT Commentaries") || d["flags"] != 64.0 {
		t.Errorf("/source %v", sc.Body)
	}
	aid, _ := fake.SlashCommand(channel, bob, "audit", nil)
	ac := fake.WaitFor(5*time.Second, "audit refusal", func(c discordtest.Call) bool { return callbackOf(c, aid) })
	if d := ac.Body["data"].(map[string]any); !strings.Contains(str(d["content"]), "Only moderators") || d["flags"] != 64.0 {
		t.Errorf("/audit refusal %v", ac.Body)
	}
	mid, _ := fake.SlashCommand(channel, mod, "audit", nil)
	mc := fake.WaitFor(5*time.Second, "audit listing", func(c discordtest.Call) bool { return callbackOf(c, mid) })
	if d := mc.Body["data"].(map[string]any); !strings.Contains(str(d["content"]), "excerpts verified") {
		t.Errorf("/audit for a moderator %v", mc.Body)
	}

	// A moderator reindexes.
	rid, rtok := fake.SlashCommand(channel, mod, "reindex", nil)
	fake.WaitFor(5*time.Second, "reindex deferral", func(c discordtest.Call) bool { return callbackOf(c, rid) })
	fake.WaitFor(10*time.Second, "reindex result", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && strings.Contains(c.Path, rtok) && strings.Contains(str(c.Body["content"]), "Reindexed: 18 passages from 1 documents")
	})

	// A user over the rate limit (3 at once, then 1 a minute) hears so,
	// privately. Events are handled concurrently: any one of four may be
	// the one refused.
	var asks []string
	for i := 0; i < 4; i++ {
		id, _ := fake.SlashCommand(channel, bob, "ask", map[string]string{"question": "What are fusion cells?"})
		asks = append(asks, id)
	}
	busy := 0
	for _, id := range asks {
		c := fake.WaitFor(5*time.Second, "ask callback", func(c discordtest.Call) bool { return callbackOf(c, id) })
		if d, _ := c.Body["data"].(map[string]any); d != nil && strings.Contains(str(d["content"]), "try again in") && d["flags"] == 64.0 {
			busy++
		}
	}
	if busy != 1 {
		t.Errorf("%d of 4 quick questions refused, want 1", busy)
	}

	// 👎 lands in the audit log.
	did, _ := fake.Button(channel, bob, downButton)
	fake.WaitFor(5*time.Second, "feedback callback", func(c discordtest.Call) bool { return callbackOf(c, did) })

	// Shut down cleanly, then check the log and every payload.
	r.stop(t)
	log, err := audit.Open(context.Background(), filepath.Join(r.data, "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	recs, err := log.Recent(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	var down bool
	for _, rec := range recs {
		if rec.Feedback == -1 && rec.FeedbackBy == bob.UserID && rec.UserID == alice.UserID {
			down = true
		}
	}
	if !down || len(recs) < 3 {
		t.Errorf("audit log lacks alice's answer with bob's 👎: %+v", recs)
	}
	checkPayloads(t, fake.Calls())
	if strings.Contains(r.stderr.String(), "test-token") {
		t.Error("the token appears in the logs")
	}
}

// checkPayloads asserts that every message citebot sent pings nobody and
// fits Discord's limits.
func checkPayloads(t *testing.T, calls []discordtest.Call) {
	t.Helper()
	checked := 0
	for _, c := range calls {
		if c.Method != "POST" && c.Method != "PATCH" {
			continue
		}
		if c.Auth != "Bot test-token" {
			t.Errorf("%s %s: Authorization %q", c.Method, c.Path, c.Auth)
		}
		body := c.Body
		if d, ok := body["data"].(map[string]any); ok { // interaction callbacks
			body = d
		}
		if v, ok := body["embeds"]; ok && v == nil && c.Method == "PATCH" {
			t.Errorf("%s %s: embeds null", c.Method, c.Path)
		}
		_, hasContent := body["content"]
		_, hasEmbeds := body["embeds"]
		if !hasContent && !hasEmbeds {
			continue
		}
		checked++
		am, ok := body["allowed_mentions"].(map[string]any)
		if parse, isList := am["parse"].([]any); !ok || !isList || len(parse) != 0 {
			t.Errorf("%s %s: allowed_mentions %v, want parse: []", c.Method, c.Path, body["allowed_mentions"])
		}
		if n := len([]rune(str(body["content"]))); n > 2000 {
			t.Errorf("%s %s: content of %d characters", c.Method, c.Path, n)
		}
		embeds, _ := body["embeds"].([]any)
		total := 0
		for _, e := range embeds {
			em := e.(map[string]any)
			d := len([]rune(str(em["description"])))
			total += d + len([]rune(str(em["title"])))
			if d > 4096 {
				t.Errorf("%s: embed description of %d characters", c.Path, d)
			}
			fields, _ := em["fields"].([]any)
			if len(fields) > 25 {
				t.Errorf("%s: %d fields", c.Path, len(fields))
			}
			for _, f := range fields {
				fm := f.(map[string]any)
				n, v := len([]rune(str(fm["name"]))), len([]rune(str(fm["value"])))
				total += n + v
				if n > 256 || v > 1024 {
					t.Errorf("%s: field name %d, value %d characters", c.Path, n, v)
				}
			}
		}
		if total > 6000 {
			t.Errorf("%s: embeds of %d characters", c.Path, total)
		}
	}
	if checked < 8 {
		t.Errorf("only %d message payloads checked", checked)
	}
}

func TestDiscordReplyModeAndPlainRender(t *testing.T) {
	r := startDiscord(t, "  reply_mode: reply\n  render: plain\n")
	msgID := r.fake.Message(channel, alice, "What are fusion cells?", true)
	c := r.fake.WaitFor(5*time.Second, "reply", func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/"+channel+"/messages"
	})
	ref, _ := c.Body["message_reference"].(map[string]any)
	if ref == nil || ref["message_id"] != msgID {
		t.Errorf("not a reply: %s", c.Raw)
	}
	if content := str(c.Body["content"]); !strings.Contains(content, "**Sources**") || c.Body["embeds"] != nil && len(c.Body["embeds"].([]any)) > 0 {
		t.Errorf("plain render: %s", c.Raw)
	}
	for _, call := range r.fake.Calls() {
		if strings.HasSuffix(call.Path, "/threads") {
			t.Error("a thread was started in reply mode")
		}
	}
}

func TestDiscordNeedsToken(t *testing.T) {
	r := run(t, "", "", "discord")
	if r.code != 1 || !strings.Contains(r.stderr, "set the environment variable DISCORD_TOKEN") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

func TestAuditExport(t *testing.T) {
	data := t.TempDir()
	log, err := audit.Open(context.Background(), filepath.Join(data, "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	log.Add(context.Background(), audit.Record{UserID: "u", Question: "q?", Answer: "a", Mode: "extractive"})
	log.Close()
	cfg := "data_dir: " + data + "\n"
	r := run(t, cfg, "", "audit", "export", "--format", "jsonl")
	var rec map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &rec) != nil || rec["question"] != "q?" {
		t.Errorf("jsonl: exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = run(t, cfg, "", "audit", "export", "--format", "csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "id,time,") {
		t.Errorf("csv: %s", r.stdout)
	}
	if r := run(t, cfg, "", "audit", "export", "--format", "xml"); r.code != 2 {
		t.Errorf("xml: exit %d", r.code)
	}
	if r := run(t, "", "", "audit", "export"); r.code != 1 || !strings.Contains(r.stderr, "the Discord bot creates it") {
		t.Errorf("no log: exit %d %s", r.code, r.stderr)
	}
}
