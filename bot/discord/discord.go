// Package discord is citebot's Discord adapter: it turns slash commands,
// mentions, thread messages and button clicks into calls of the serving
// core (bot/serve) and renders what comes back as Discord messages. It
// decides nothing about what to answer, nor about who is admitted when.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
)

// Config is the bot's configuration, plain values only; every value is
// given (cmd/citebot owns the defaults).
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
	// MaxMessages bounds the messages of one answer, the first (or the
	// interaction's response) included; a longer answer is cut short with
	// a line saying so.
	MaxMessages int
}

// Deps are the bot's collaborators.
type Deps struct {
	// Desk admits questions and writes answers; the bot runs it.
	Desk *serve.Desk
	Log  *slog.Logger
}

// interactionTTL is how long an interaction token may be used; answers
// finishing later go to the channel instead.
const interactionTTL = 15 * time.Minute

// Bot is a running Discord bot.
type Bot struct {
	cfg  Config
	desk *serve.Desk
	log  *slog.Logger
	s    *discordgo.Session

	parentMu sync.Mutex
	parents  map[string]string // channel → parent channel ("" for none)

	dmMu sync.Mutex
	dms  map[string]string // user → direct message channel, once opened

	// tokenTTL is how long an interaction token lasts (15 minutes).
	tokenTTL time.Duration

	// ready is closed once userID and appID are known; handlers wait for it
	// (discordgo may run them as soon as the gateway is open).
	ready  chan struct{}
	userID string
	appID  string
}

// ErrNoToken is returned when the bot has no token.
var ErrNoToken = errors.New("no Discord bot token")

// New prepares a bot; Run connects it.
func New(cfg Config, deps Deps) (*Bot, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if deps.Desk == nil || deps.Log == nil {
		return nil, errors.New("discord: a desk and a logger are required")
	}
	log := RedactLog(deps.Log)
	s, err := newSession(cfg, log)
	if err != nil {
		return nil, err
	}
	b := &Bot{
		cfg: cfg, desk: deps.Desk, log: log, s: s,
		parents:  map[string]string{},
		dms:      map[string]string{},
		tokenTTL: interactionTTL,
		ready:    make(chan struct{}),
	}
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

func (c Config) validate() error {
	switch {
	case c.Token == "":
		return ErrNoToken
	case c.ReplyMode != "thread" && c.ReplyMode != "reply":
		return fmt.Errorf("discord: reply mode %q: want thread or reply", c.ReplyMode)
	case c.Render != "embed" && c.Render != "plain":
		return fmt.Errorf("discord: render %q: want embed or plain", c.Render)
	case c.MaxMessages < 1:
		return fmt.Errorf("discord: at most %d messages per answer: want at least 1", c.MaxMessages)
	}
	return nil
}

// newSession makes a discordgo session for cfg, logging as verbosely as log.
func newSession(cfg Config, log *slog.Logger) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	if discordgo.Logger != nil { // routed to slog (see DiscordgoLogger): as verbose as the log is
		for _, l := range []int{discordgo.LogWarning, discordgo.LogInformational, discordgo.LogDebug} {
			if log.Enabled(context.Background(), slogLevel(l)) {
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
	return s, nil
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

// readyTimeout bounds the wait for READY after connecting.
const readyTimeout = 30 * time.Second

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

// Run connects, registers the commands and runs the desk until ctx is done;
// then the desk stops taking questions and lets answers in progress finish
// up to its shutdown timeout, and the bot disconnects.
func (b *Bot) Run(ctx context.Context) error {
	readyc := make(chan *discordgo.Ready, 1)
	removeReady := b.s.AddHandlerOnce(func(_ *discordgo.Session, r *discordgo.Ready) {
		select {
		case readyc <- r:
		default:
		}
	})
	defer removeReady()
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("discord: connect: %w", err)
	}
	// discordgo fills its state from READY while connecting; should the
	// gateway send something else first, wait for READY rather than fail.
	var user *discordgo.User
	var app *discordgo.Application
	if st := b.s.State; st != nil {
		st.RLock() // discordgo writes it from READY under its lock, maybe still now
		user, app = st.User, st.Application
		st.RUnlock()
	}
	if user == nil {
		select {
		case r := <-readyc:
			user, app = r.User, r.Application
		case <-time.After(readyTimeout):
		case <-ctx.Done():
		}
	}
	if user == nil {
		b.s.Close()
		return errors.New("discord: connected, but the gateway sent no READY with the bot's user")
	}
	b.userID = user.ID
	b.appID = b.userID
	if app != nil && app.ID != "" {
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
	serr := b.desk.Serve(ctx)
	if err := b.s.Close(); err != nil {
		return fmt.Errorf("discord: close: %w", err)
	}
	b.log.Info("discord bot stopped")
	return serr
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
