// Package discord is citebot's Discord adapter: it turns slash commands,
// mentions, thread messages and button clicks into questions for the answer
// pipeline and renders the answers as Discord messages. It decides nothing
// about what to answer.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/time/rate"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/retrieval"
)

// Config is the bot's configuration, plain values only.
type Config struct {
	Token string
	// APIBaseURL sends REST traffic to a Discord API proxy (or a fake);
	// empty is Discord itself.
	APIBaseURL string
	// GuildID registers commands in one guild (available at once);
	// empty registers them globally.
	GuildID         string
	ReplyMode       string // "thread" or "reply"
	Render          string // "embed" or "plain"
	AllowedChannels []string
	AllowedRoles    []string
	ModeratorRoles  []string
	AllowDMs        bool
	// Per-user rate limit: RatePerMinute questions a minute, bursts of
	// RateBurst.
	RatePerMinute float64
	RateBurst     int
	// MaxConcurrent answers are written at once; QueueSize more wait.
	MaxConcurrent int
	QueueSize     int
	// MaxMessages bounds the messages of one answer, the first (or the
	// interaction's response) included; a longer answer is cut short with
	// a line saying so. Default 3.
	MaxMessages int
	// EditInterval is the least time between two edits of one message.
	EditInterval    time.Duration
	AnswerTimeout   time.Duration
	ShutdownTimeout time.Duration
}

// Engine is what answers: the pipeline and the index it reads.
type Engine struct {
	Pipeline *bot.Pipeline
	Index    *retrieval.Index
}

// Deps are the bot's collaborators.
type Deps struct {
	Engine Engine
	// Reload rebuilds the engine from the corpus (for /reindex).
	Reload func(ctx context.Context) (Engine, string, error)
	Audit  *audit.Log
	Log    *slog.Logger
}

// interactionTTL is how long an interaction token may be used; answers
// finishing later go to the channel instead.
const interactionTTL = 15 * time.Minute

// Bot is a running Discord bot.
type Bot struct {
	cfg    Config
	deps   Deps
	log    *slog.Logger
	s      *discordgo.Session
	engine atomic.Pointer[Engine]

	queue   chan struct{} // answers admitted: writing or waiting
	workers chan struct{} // answers being written

	limMu    sync.Mutex
	limiters map[string]*userLimiter

	threadMu sync.Mutex
	threads  map[string]*thread // threads (and DM channels) the bot converses in

	parentMu sync.Mutex
	parents  map[string]string // channel → parent channel ("" for none)

	// tokenTTL is how long an interaction token lasts (15 minutes).
	tokenTTL time.Duration

	closing  atomic.Bool
	inflight sync.WaitGroup
	answers  context.Context // parent of every answer; canceled at the shutdown deadline
	stop     context.CancelFunc
	// ready is closed once userID and appID are known; handlers wait for it
	// (discordgo may run them as soon as the gateway is open).
	ready  chan struct{}
	userID string
	appID  string
}

type userLimiter struct {
	lim  *rate.Limiter
	seen time.Time
	// noticeUntil is when the user may next be told they are refused: one
	// notice per noticeWindow however many questions they send.
	noticeUntil time.Time
	dm          string // the user's direct message channel, once opened
}

// noticeWindow is the least time between two "busy" notices to one user.
const noticeWindow = time.Minute

type thread struct {
	mu   sync.Mutex // one answer at a time in a conversation
	conv *bot.Conversation
	seen atomic.Int64 // unix nanoseconds of the last question, for eviction
}

// maxThreads bounds the conversations kept in memory; the oldest go first.
const maxThreads = 2000

// ErrNoToken is returned when the bot has no token.
var ErrNoToken = errors.New("no Discord bot token")

// New prepares a bot; Run connects it.
func New(cfg Config, deps Deps) (*Bot, error) {
	if cfg.Token == "" {
		return nil, ErrNoToken
	}
	if cfg.ReplyMode == "" {
		cfg.ReplyMode = "thread"
	}
	if cfg.Render == "" {
		cfg.Render = "embed"
	}
	if cfg.RatePerMinute <= 0 {
		cfg.RatePerMinute = 6
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = 3
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 8
	}
	if cfg.QueueSize < 0 {
		cfg.QueueSize = 0
	}
	if cfg.MaxMessages <= 0 {
		cfg.MaxMessages = 3
	}
	if cfg.EditInterval <= 0 {
		cfg.EditInterval = 1500 * time.Millisecond
	}
	if cfg.AnswerTimeout <= 0 {
		cfg.AnswerTimeout = 2 * time.Minute
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 20 * time.Second
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	deps.Log = slog.New(redactor{deps.Log.Handler()})
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	if discordgo.Logger != nil { // routed to slog (see DiscordgoLogger): as verbose as the log is
		for _, l := range []int{discordgo.LogWarning, discordgo.LogInformational, discordgo.LogDebug} {
			if deps.Log.Enabled(context.Background(), slogLevel(l)) {
				s.LogLevel = l
			}
		}
	}
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages |
		discordgo.IntentsDirectMessages | discordgo.IntentMessageContent
	s.StateEnabled = true
	s.Client = &http.Client{Timeout: 30 * time.Second}
	if cfg.APIBaseURL != "" {
		base, err := url.Parse(strings.TrimRight(cfg.APIBaseURL, "/"))
		if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
			return nil, fmt.Errorf("discord.api_base_url %q is not an http(s) URL", cfg.APIBaseURL)
		}
		s.Client.Transport = rewriteHost{base: base, next: http.DefaultTransport}
	}
	b := &Bot{
		cfg: cfg, deps: deps, log: deps.Log, s: s,
		queue:    make(chan struct{}, cfg.MaxConcurrent+cfg.QueueSize),
		workers:  make(chan struct{}, cfg.MaxConcurrent),
		limiters: map[string]*userLimiter{},
		threads:  map[string]*thread{},
		parents:  map[string]string{},
		tokenTTL: interactionTTL,
		ready:    make(chan struct{}),
	}
	e := deps.Engine
	b.engine.Store(&e)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
		if b.waitReady() {
			b.safely("interaction", func() { b.onInteraction(i) })
		}
	})
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) {
		if b.waitReady() {
			b.safely("message", func() { b.onMessage(m) })
		}
	})
	return b, nil
}

// waitReady waits until Run knows who the bot is.
func (b *Bot) waitReady() bool {
	select {
	case <-b.ready:
		return true
	case <-time.After(30 * time.Second):
		b.log.Warn("event dropped: the bot never became ready")
		return false
	}
}

// rewriteHost sends requests meant for discord.com to a proxy.
type rewriteHost struct {
	base *url.URL
	next http.RoundTripper
}

func (t rewriteHost) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == "discord.com" {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = t.base.Scheme, t.base.Host
		r.URL.Path = t.base.Path + r.URL.Path
		r.Host = t.base.Host
	}
	return t.next.RoundTrip(r)
}

// safely runs a handler, turning a panic into a log line: one bad event must
// not take every conversation down.
func (b *Bot) safely(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("panic in handler", "handler", what, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	f()
}

// Run connects, registers the commands and serves until ctx is done; then it
// stops taking questions, lets answers in progress finish up to the
// shutdown timeout, and disconnects.
func (b *Bot) Run(ctx context.Context) error {
	b.answers, b.stop = context.WithCancel(context.WithoutCancel(ctx))
	defer b.stop()
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("discord: connect: %w", err)
	}
	b.userID = b.s.State.User.ID
	b.appID = b.userID
	if app := b.s.State.Application; app != nil && app.ID != "" {
		b.appID = app.ID
	}
	close(b.ready)
	if _, err := b.s.ApplicationCommandBulkOverwrite(b.appID, b.cfg.GuildID, commands()); err != nil {
		b.s.Close()
		return fmt.Errorf("discord: register commands: %w", err)
	}
	where := "globally (may take up to an hour to appear)"
	if b.cfg.GuildID != "" {
		where = "in guild " + b.cfg.GuildID
	}
	b.log.Info("discord bot connected", "user", b.userID, "commands", where)
	<-ctx.Done()
	b.closing.Store(true)
	b.log.Info("discord bot stopping; finishing answers in progress", "deadline", b.cfg.ShutdownTimeout)
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.cfg.ShutdownTimeout):
		b.log.Warn("shutdown deadline passed; canceling answers in progress")
		b.stop()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
	if err := b.s.Close(); err != nil {
		return fmt.Errorf("discord: close: %w", err)
	}
	b.log.Info("discord bot stopped")
	return nil
}

func commands() []*discordgo.ApplicationCommand {
	modPerms := int64(discordgo.PermissionManageMessages) // to see the moderators' commands by default
	return []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask a question; the answer cites the corpus", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: bot.MaxQuestionChars},
		}},
		{Name: "source", Description: "Show a passage of the corpus with its provenance", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "id", Description: "Passage ID, as shown under answers", Required: true},
		}},
		// Hidden from members without Manage Messages unless a server
		// admin changes that; checked again when run.
		{Name: "audit", Description: "Moderators: recent answers, flagged ones first",
			DefaultMemberPermissions: &modPerms, DMPermission: new(bool)},
		{Name: "reindex", Description: "Moderators: reload the corpus and rebuild the index",
			DefaultMemberPermissions: &modPerms, DMPermission: new(bool)},
	}
}

// noMentions lets nothing in a message ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// ---- admission: rate limit and queue ----

// admit checks the user's rate limit and takes a place in the queue; wait
// says how long to come back after when refused.
func (b *Bot) admit(userID string) (release func(), wait time.Duration, ok bool) {
	if b.closing.Load() {
		return nil, 30 * time.Second, false
	}
	b.limMu.Lock()
	ul := b.limiter(userID)
	ul.seen = time.Now()
	r := ul.lim.Reserve()
	b.limMu.Unlock()
	if d := r.Delay(); d > 0 {
		r.Cancel()
		return nil, d, false
	}
	select {
	case b.queue <- struct{}{}:
	default:
		return nil, 10 * time.Second, false
	}
	b.inflight.Add(1)
	return func() { <-b.queue; b.inflight.Done() }, 0, true
}

// limiter returns the user's limiter, made on first use; limMu is held.
func (b *Bot) limiter(userID string) *userLimiter {
	ul := b.limiters[userID]
	if ul == nil {
		if len(b.limiters) > 10000 {
			for id, l := range b.limiters {
				if time.Since(l.seen) > 10*time.Minute {
					delete(b.limiters, id)
				}
			}
		}
		ul = &userLimiter{lim: rate.NewLimiter(rate.Limit(b.cfg.RatePerMinute/60), b.cfg.RateBurst)}
		b.limiters[userID] = ul
	}
	return ul
}

// noticeDue reports whether a user refused now should be told so: once per
// noticeWindow, so that a flood of questions costs no flood of notices.
func (b *Bot) noticeDue(userID string) bool {
	b.limMu.Lock()
	defer b.limMu.Unlock()
	ul := b.limiter(userID)
	now := time.Now()
	if now.Before(ul.noticeUntil) {
		return false
	}
	ul.noticeUntil = now.Add(noticeWindow)
	return true
}

func busyText(wait time.Duration) string {
	s := int(wait.Seconds() + 0.999)
	return fmt.Sprintf("I'm busy right now; please try again in %d s.", max(s, 1))
}

// work waits for a free writer; false when ctx ends first.
func (b *Bot) work(ctx context.Context) (func(), bool) {
	select {
	case b.workers <- struct{}{}:
		return func() { <-b.workers }, true
	case <-ctx.Done():
		return nil, false
	}
}

// ---- who may do what ----

// dmRolesText refuses a direct message when questions are limited to some
// roles: a direct message carries no roles to check.
const dmRolesText = "Questions here are limited to some server roles, which I can't check in direct messages; please ask in the server."

func (b *Bot) isModerator(m *discordgo.Member) bool {
	if m == nil {
		return false
	}
	if m.Permissions&discordgo.PermissionManageMessages != 0 || m.Permissions&discordgo.PermissionAdministrator != 0 {
		return true
	}
	for _, r := range m.Roles {
		if slices.Contains(b.cfg.ModeratorRoles, r) {
			return true
		}
	}
	return false
}

func (b *Bot) roleAllowed(m *discordgo.Member) bool {
	if len(b.cfg.AllowedRoles) == 0 || b.isModerator(m) {
		return true
	}
	if m == nil {
		return false
	}
	for _, r := range m.Roles {
		if slices.Contains(b.cfg.AllowedRoles, r) {
			return true
		}
	}
	return false
}

// channelAllowed reports whether the bot may answer in a channel: one of the
// allowed channels, or a thread in one.
func (b *Bot) channelAllowed(channelID string) bool {
	if len(b.cfg.AllowedChannels) == 0 || slices.Contains(b.cfg.AllowedChannels, channelID) {
		return true
	}
	parent := b.parent(channelID)
	return parent != "" && slices.Contains(b.cfg.AllowedChannels, parent)
}

func (b *Bot) parent(channelID string) string {
	b.parentMu.Lock()
	p, ok := b.parents[channelID]
	b.parentMu.Unlock()
	if ok {
		return p
	}
	ch, err := b.s.State.Channel(channelID)
	if err != nil {
		ch, err = b.s.Channel(channelID)
	}
	if err != nil {
		b.log.Warn("look up channel", "channel", channelID, "err", err)
		return ""
	}
	b.parentMu.Lock()
	b.parents[channelID] = ch.ParentID
	b.parentMu.Unlock()
	return ch.ParentID
}

// ---- interactions ----

func (b *Bot) onInteraction(i *discordgo.InteractionCreate) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		switch data.Name {
		case "ask":
			b.onAsk(i, optionString(data, "question"))
		case "source":
			b.onSource(i, optionString(data, "id"))
		case "audit":
			b.onAudit(i)
		case "reindex":
			b.onReindex(i)
		default:
			b.private(i, "Unknown command.")
		}
	case discordgo.InteractionMessageComponent:
		b.onButton(i, i.MessageComponentData().CustomID)
	}
}

func optionString(d discordgo.ApplicationCommandInteractionData, name string) string {
	for _, o := range d.Options {
		if o.Name == name {
			return o.StringValue()
		}
	}
	return ""
}

func interactionUser(i *discordgo.InteractionCreate) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// private answers an interaction with a message only its user sees.
func (b *Bot) private(i *discordgo.InteractionCreate, text string) {
	err := b.s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: clip(text, maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	})
	if err != nil {
		b.log.Warn("respond to interaction", "err", err)
	}
}

func (b *Bot) onAsk(i *discordgo.InteractionCreate, question string) {
	if i.GuildID == "" && !b.cfg.AllowDMs {
		b.private(i, "Questions in direct messages are turned off here; ask in the server.")
		return
	}
	if i.GuildID == "" && len(b.cfg.AllowedRoles) > 0 {
		b.private(i, dmRolesText)
		return
	}
	if i.GuildID != "" && (!b.channelAllowed(i.ChannelID) || !b.roleAllowed(i.Member)) {
		b.private(i, "I can't answer here: this channel or your roles are not enabled for citebot.")
		return
	}
	q, err := bot.CleanQuestion(question)
	if err != nil {
		b.private(i, "Sorry: "+err.Error()+".")
		return
	}
	user := interactionUser(i)
	release, wait, ok := b.admit(user)
	if !ok {
		b.private(i, busyText(wait))
		return
	}
	defer release()
	received := time.Now()
	if err := b.s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		b.log.Warn("defer interaction", "err", err)
		return
	}
	out := &interactionOut{b: b, i: i.Interaction, created: received, ttl: b.tokenTTL}
	b.answer(req{guild: i.GuildID, channel: i.ChannelID, user: user, question: q, received: received}, out)
}

func (b *Bot) onSource(i *discordgo.InteractionCreate, id string) {
	p, ok := b.engine.Load().Index.Passage(strings.TrimSpace(id))
	if !ok {
		b.private(i, fmt.Sprintf("No passage with ID `%s` in the corpus.", escape(clip(id, 40))))
		return
	}
	b.private(i, renderPassage(p))
}

func (b *Bot) onAudit(i *discordgo.InteractionCreate) {
	if !b.isModerator(i.Member) {
		b.private(i, "Only moderators can use /audit.")
		return
	}
	if b.deps.Audit == nil {
		b.private(i, "The audit log is off.")
		return
	}
	recs, err := b.deps.Audit.Recent(context.Background(), 10)
	if err != nil {
		b.log.Error("read audit log", "err", err)
		b.private(i, "Could not read the audit log.")
		return
	}
	if len(recs) == 0 {
		b.private(i, "No answers recorded yet.")
		return
	}
	var sb strings.Builder
	for _, r := range recs {
		flag := ""
		if r.Flagged() {
			flag = "🚩 "
		}
		verified := 0
		for _, c := range r.Citations {
			if c.Verified {
				verified++
			}
		}
		vote := map[int]string{1: " 👍", -1: " 👎", 0: ""}[r.Feedback]
		fmt.Fprintf(&sb, "%s**#%d** <@%s> %s · %s · %d/%d excerpts verified%s\n> %s\n", flag, r.ID, r.UserID,
			r.Time.Format("2006-01-02 15:04"), r.Mode, verified, len(r.Citations), vote, escape(clip(r.Question, 150)))
		for _, c := range r.Citations {
			mark := "✅"
			if !c.Verified {
				mark = "❌ unverified"
			}
			fmt.Fprintf(&sb, "  [%d] `%s` %s\n", c.Ref, c.PassageID, mark)
		}
	}
	parts := split(sb.String(), maxContent)
	if len(parts) > b.cfg.MaxMessages {
		parts = parts[:b.cfg.MaxMessages]
		parts[len(parts)-1] = clip(parts[len(parts)-1], maxContent-40) + "\n… (more in `citebot audit export`)"
	}
	b.private(i, parts[0])
	for _, p := range parts[1:] {
		if _, err := b.s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{Content: p, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()}); err != nil {
			b.log.Warn("audit follow-up", "err", err)
		}
	}
}

func (b *Bot) onReindex(i *discordgo.InteractionCreate) {
	if !b.isModerator(i.Member) {
		b.private(i, "Only moderators can use /reindex.")
		return
	}
	if b.deps.Reload == nil {
		b.private(i, "Reindexing is not available.")
		return
	}
	if err := b.s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}); err != nil {
		b.log.Warn("defer interaction", "err", err)
		return
	}
	ctx, cancel := context.WithTimeout(b.answers, 10*time.Minute)
	defer cancel()
	e, summary, err := b.deps.Reload(ctx)
	text := "Reindexed: " + summary
	if err != nil {
		b.log.Error("reindex", "err", err)
		text = "Reindexing failed; the previous index stays in use. The bot's log has the details."
	} else {
		b.engine.Store(&e)
		b.log.Info("reindexed", "by", interactionUser(i), "summary", summary)
	}
	content := text
	if _, err := b.s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err != nil {
		b.log.Warn("edit interaction", "err", err)
	}
}

func (b *Bot) onButton(i *discordgo.InteractionCreate, id string) {
	switch {
	case strings.HasPrefix(id, "passage:"):
		b.onSource(i, strings.TrimPrefix(id, "passage:"))
	case strings.HasPrefix(id, "fb:"):
		parts := strings.Split(id, ":")
		n, err := strconv.ParseInt(parts[1], 10, 64)
		if len(parts) != 3 || err != nil || b.deps.Audit == nil {
			b.private(i, "This button no longer works.")
			return
		}
		vote := 1
		if parts[2] == "down" {
			vote = -1
		}
		if err := b.deps.Audit.Feedback(context.Background(), n, interactionUser(i), vote); err != nil {
			b.log.Warn("record feedback", "answer", n, "err", err)
			b.private(i, "Could not record your feedback.")
			return
		}
		b.private(i, "Thanks, your feedback is recorded.")
	default:
		b.private(i, "This button no longer works.")
	}
}

// ---- messages: mentions, threads, DMs ----

func (b *Bot) onMessage(m *discordgo.MessageCreate) {
	if m.Author == nil || m.Author.Bot || m.Author.ID == b.userID {
		return
	}
	dm := m.GuildID == ""
	th := b.thread(m.ChannelID)
	mentioned := false
	for _, u := range m.Mentions {
		if u.ID == b.userID {
			mentioned = true
		}
	}
	switch {
	case dm && !b.cfg.AllowDMs:
		return
	case !dm && th == nil && !mentioned:
		return
	case dm && len(b.cfg.AllowedRoles) > 0:
		if b.noticeDue(m.Author.ID) {
			b.reply(m, dmRolesText)
		}
		return
	}
	if !dm && (!b.channelAllowed(m.ChannelID) || !b.roleAllowed(m.Member)) {
		return // not enabled here: stay quiet rather than answer everyone
	}
	text := strings.NewReplacer("<@"+b.userID+">", "", "<@!"+b.userID+">", "").Replace(m.Content)
	q, err := bot.CleanQuestion(text)
	if err != nil {
		b.reply(m, "Ask me a question about the corpus, for example: what does it say about border security?")
		return
	}
	release, wait, ok := b.admit(m.Author.ID)
	if !ok {
		if b.noticeDue(m.Author.ID) {
			b.privateNote(m, busyText(wait))
		} else {
			b.log.Debug("question refused; the user was told already", "user", m.Author.ID)
		}
		return
	}
	defer release()
	received := time.Now()
	out := &channelOut{b: b, channel: m.ChannelID}
	switch {
	case th != nil || dm:
	case b.cfg.ReplyMode == "thread":
		ch, err := b.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: clip(q, 90), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
		})
		if err != nil {
			b.log.Warn("start thread; replying instead", "err", err)
			out.ref = m.Reference()
			break
		}
		b.parentMu.Lock()
		b.parents[ch.ID] = m.ChannelID
		b.parentMu.Unlock()
		th = b.newThread(ch.ID)
		out.channel = ch.ID
	default:
		out.ref = m.Reference()
	}
	if dm && th == nil {
		th = b.newThread(m.ChannelID)
	}
	r := req{guild: m.GuildID, channel: m.ChannelID, user: m.Author.ID, question: q, received: received}
	if th != nil {
		th.mu.Lock()
		defer th.mu.Unlock()
		th.seen.Store(time.Now().UnixNano())
		r.conv = th.conv
	}
	b.answer(r, out)
}

func (b *Bot) thread(id string) *thread {
	b.threadMu.Lock()
	defer b.threadMu.Unlock()
	return b.threads[id]
}

func (b *Bot) newThread(id string) *thread {
	b.threadMu.Lock()
	defer b.threadMu.Unlock()
	if len(b.threads) >= maxThreads {
		var oldest string
		var at int64
		for k, t := range b.threads {
			if seen := t.seen.Load(); oldest == "" || seen < at {
				oldest, at = k, seen
			}
		}
		delete(b.threads, oldest)
	}
	t := &thread{conv: b.engine.Load().Pipeline.NewConversation()}
	t.seen.Store(time.Now().UnixNano())
	b.threads[id] = t
	return t
}

// reply answers a message briefly in its channel.
func (b *Bot) reply(m *discordgo.MessageCreate, text string) {
	if _, err := b.s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Content: text, Reference: m.Reference(), AllowedMentions: noMentions(),
	}); err != nil {
		b.log.Warn("reply", "err", err)
	}
}

// privateNote tells the author of a message something privately (a direct
// message), or in a reply when their direct messages are closed.
func (b *Bot) privateNote(m *discordgo.MessageCreate, text string) {
	if m.GuildID != "" {
		if ch, err := b.dmChannel(m.Author.ID); err == nil {
			if _, err := b.s.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: text, AllowedMentions: noMentions()}); err == nil {
				return
			}
		}
	}
	b.reply(m, text)
}

// dmChannel returns the user's direct message channel, opening it once.
func (b *Bot) dmChannel(userID string) (string, error) {
	b.limMu.Lock()
	id := b.limiter(userID).dm
	b.limMu.Unlock()
	if id != "" {
		return id, nil
	}
	ch, err := b.s.UserChannelCreate(userID)
	if err != nil {
		return "", err
	}
	b.limMu.Lock()
	b.limiter(userID).dm = ch.ID
	b.limMu.Unlock()
	return ch.ID, nil
}

// ---- answering ----

type req struct {
	guild, channel, user, question string
	conv                           *bot.Conversation
	received                       time.Time
}

// output is where an answer goes: the original interaction response, or a
// channel. show replaces the first message of the answer; final writes all
// messages of the finished answer.
type output interface {
	show(m message) error
	final(msgs []message) error
}

// answer writes one answer: streamed into the first message at most every
// EditInterval, then in full with sources and buttons.
func (b *Bot) answer(r req, out output) {
	ctx, cancel := context.WithTimeout(b.answers, b.cfg.AnswerTimeout)
	defer cancel()
	done, ok := b.work(ctx)
	if !ok {
		// Waited in the queue until the answer's time was up: say so.
		text := "Sorry, too many questions at once; please ask again in a minute."
		if b.closing.Load() {
			text = "Sorry, I'm restarting; please ask again in a minute."
		}
		if err := out.final([]message{{Content: text}}); err != nil {
			b.log.Warn("send busy notice", "err", err)
		}
		return
	}
	defer done()
	embeds := b.cfg.Render != "plain"
	var streamed strings.Builder
	lastShow := r.received // nothing is shown before one interval has passed
	shown := false
	onUpdate := func(u bot.Update) error {
		if u.Reset {
			streamed.Reset()
		}
		streamed.WriteString(u.Text)
		if time.Since(lastShow) < b.cfg.EditInterval || strings.TrimSpace(streamed.String()) == "" {
			return nil
		}
		lastShow, shown = time.Now(), true
		if err := out.show(renderPartial(streamed.String(), embeds)); err != nil {
			b.log.Warn("show partial answer", "err", err)
		}
		return nil
	}
	e := b.engine.Load()
	var a bot.Answer
	var err error
	if r.conv != nil {
		r.conv.Use(e.Pipeline) // the corpus may have been reloaded since the thread began
		a, _, err = r.conv.Ask(ctx, r.question, onUpdate)
	} else {
		a, err = e.Pipeline.Ask(ctx, r.question, onUpdate)
	}
	latency := time.Since(r.received)
	if err != nil {
		// Users get a short class of what went wrong; the log and the audit
		// record keep the detail.
		b.log.Error("answer", "err", err, "user", r.user)
		const failed = "Sorry, I could not answer that just now. Please try again later."
		if b.deps.Audit != nil {
			rec := audit.Record{Time: r.received, GuildID: r.guild, ChannelID: r.channel, UserID: r.user, Question: r.question,
				Note: failed, ErrorDetail: RedactTokens(err.Error()), LatencyMS: latency.Milliseconds()}
			if _, err := b.deps.Audit.Add(ctx, rec); err != nil {
				b.log.Error("audit log", "err", err)
			}
		}
		if err := out.final([]message{{Content: failed}}); err != nil {
			b.log.Warn("send failure notice", "err", err)
		}
		return
	}
	// Users see the note's short class; the log and the audit record keep
	// the cause (and any parenthesised detail the note carried).
	detail := a.Cause
	if a.Note != "" && userNote(a.Note) != a.Note {
		detail = strings.TrimSpace(a.Note + " " + detail)
	}
	if detail != "" {
		b.log.Warn("answer note", "note", a.Note, "cause", RedactTokens(detail), "user", r.user)
	}
	var id int64
	if b.deps.Audit != nil {
		rec := audit.Record{Time: r.received, GuildID: r.guild, ChannelID: r.channel, UserID: r.user, Question: r.question,
			Answer: a.Text, Declined: a.Declined, Mode: a.Mode, Model: a.Model, Note: userNote(a.Note), ErrorDetail: RedactTokens(detail),
			LatencyMS: latency.Milliseconds()}
		for _, c := range a.Citations {
			rec.Citations = append(rec.Citations, audit.Citation{Ref: c.Ref, PassageID: c.PassageID, Source: c.Source,
				LineStart: c.LineStart, LineEnd: c.LineEnd, Excerpt: c.Excerpt, Verified: c.Verified})
		}
		if id, err = b.deps.Audit.Add(ctx, rec); err != nil {
			b.log.Error("audit log", "err", err)
		}
	}
	msgs := renderAnswer(a, embeds, answerButtons(a, id), b.cfg.MaxMessages)
	if shown {
		if wait := b.cfg.EditInterval - time.Since(lastShow); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
			}
		}
	}
	if err := out.final(msgs); err != nil {
		b.log.Warn("send answer", "err", err)
	}
}

// interactionOut writes into an interaction's deferred response and
// follow-ups; once its token is about to expire, into the channel.
type interactionOut struct {
	b       *Bot
	i       *discordgo.Interaction
	created time.Time
	ttl     time.Duration
}

// expired reports whether the token is too close to its end to use.
func (o *interactionOut) expired() bool { return time.Since(o.created) > o.ttl*29/30 }

func (o *interactionOut) show(m message) error {
	if o.expired() {
		return nil
	}
	return o.edit(m)
}

func (o *interactionOut) edit(m message) error {
	m = m.filled()
	e := &discordgo.WebhookEdit{Content: &m.Content, Embeds: &m.Embeds, AllowedMentions: noMentions()}
	if m.Components != nil {
		e.Components = &m.Components
	} else {
		e.Components = &[]discordgo.MessageComponent{}
	}
	_, err := o.b.s.InteractionResponseEdit(o.i, e)
	return err
}

func (o *interactionOut) final(msgs []message) error {
	if o.expired() {
		c := &channelOut{b: o.b, channel: o.i.ChannelID}
		return c.final(msgs)
	}
	if err := o.edit(msgs[0]); err != nil {
		return err
	}
	for _, m := range msgs[1:] {
		if _, err := o.b.s.FollowupMessageCreate(o.i, true, &discordgo.WebhookParams{
			Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions(),
		}); err != nil {
			return err
		}
	}
	return nil
}

// channelOut writes into a channel or thread, optionally as a reply.
type channelOut struct {
	b       *Bot
	channel string
	ref     *discordgo.MessageReference
	first   string // ID of the answer's first message, once sent
}

func (o *channelOut) show(m message) error {
	if o.first == "" {
		msg, err := o.b.s.ChannelMessageSendComplex(o.channel, &discordgo.MessageSend{
			Content: m.Content, Embeds: m.Embeds, Components: m.Components, Reference: o.ref, AllowedMentions: noMentions(),
		})
		if err != nil {
			return err
		}
		o.first = msg.ID
		return nil
	}
	m = m.filled()
	e := &discordgo.MessageEdit{ID: o.first, Channel: o.channel, Content: &m.Content, Embeds: &m.Embeds, AllowedMentions: noMentions()}
	if m.Components != nil {
		e.Components = &m.Components
	}
	_, err := o.b.s.ChannelMessageEditComplex(e)
	return err
}

func (o *channelOut) final(msgs []message) error {
	if err := o.show(msgs[0]); err != nil {
		return err
	}
	for _, m := range msgs[1:] {
		if _, err := o.b.s.ChannelMessageSendComplex(o.channel, &discordgo.MessageSend{
			Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions(),
		}); err != nil {
			return err
		}
	}
	return nil
}
