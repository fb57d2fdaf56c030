package discord

import (
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
)

// ---- messages: mentions, threads, DMs ----

// mentions reports whether a message mentions the bot.
func (b *Bot) mentions(m *discordgo.MessageCreate) bool {
	for _, u := range m.Mentions {
		if u.ID == b.userID {
			return true
		}
	}
	return false
}

func (b *Bot) onMessage(m *discordgo.MessageCreate) {
	if m.Author == nil || m.Author.Bot || m.Author.ID == b.userID {
		return
	}
	dm := m.GuildID == ""
	cv := b.desk.Conversation(m.ChannelID)
	switch {
	case dm && !b.cfg.AllowDMs:
		return
	case !dm && cv == nil && !b.mentions(m):
		return
	case dm && len(b.cfg.AllowedRoles) > 0:
		if b.desk.NoticeDue(m.Author.ID) {
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
	t, wait, ok := b.desk.Admit(m.Author.ID)
	if !ok {
		if b.desk.NoticeDue(m.Author.ID) {
			b.privateNote(m, serve.BusyText(wait))
		} else {
			b.log.Debug("question refused; the user was told already", "user", m.Author.ID)
		}
		return
	}
	received := time.Now()
	out, cv := b.messageOut(m, q, cv)
	b.desk.Submit(t, cv, serve.Question{Text: q, Origin: serve.Origin{Space: m.GuildID, Channel: m.ChannelID, User: m.Author.ID}, Received: received},
		deskOut{b: b, output: out})
}

// messageOut says where the answer to a message goes: into its thread or
// direct message conversation, a new thread, or a reply; and in which
// conversation it is asked (nil: none).
func (b *Bot) messageOut(m *discordgo.MessageCreate, q string, cv *serve.Conversation) (*channelOut, *serve.Conversation) {
	out := &channelOut{b: b, channel: m.ChannelID}
	switch {
	case cv != nil:
	case m.GuildID == "":
		cv = b.desk.StartConversation(m.ChannelID)
	case b.cfg.ReplyMode == "thread":
		ch, err := b.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: clip(strings.Join(strings.Fields(q), " "), 90), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
		})
		if err != nil {
			b.log.Warn("start thread; replying instead", "err", err)
			out.ref = m.Reference()
			break
		}
		b.parentMu.Lock()
		b.parents[ch.ID] = m.ChannelID
		b.parentMu.Unlock()
		cv = b.desk.StartConversation(ch.ID)
		out.channel = ch.ID
	default:
		out.ref = m.Reference()
	}
	return out, cv
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

// maxDMs bounds the direct message channels remembered.
const maxDMs = 10000

// dmChannel returns the user's direct message channel, opening it once.
func (b *Bot) dmChannel(userID string) (string, error) {
	b.dmMu.Lock()
	id := b.dms[userID]
	b.dmMu.Unlock()
	if id != "" {
		return id, nil
	}
	ch, err := b.s.UserChannelCreate(userID)
	if err != nil {
		return "", err
	}
	b.dmMu.Lock()
	if len(b.dms) >= maxDMs {
		clear(b.dms)
	}
	b.dms[userID] = ch.ID
	b.dmMu.Unlock()
	return ch.ID, nil
}
