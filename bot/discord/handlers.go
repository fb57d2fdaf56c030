package discord

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
)

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

// deferPrivate acknowledges an interaction whose answer only its user will
// see, to be written within 15 minutes.
func (b *Bot) deferPrivate(i *discordgo.InteractionCreate) bool {
	if err := b.s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}); err != nil {
		b.log.Warn("defer interaction", "err", err)
		return false
	}
	return true
}

// askRefusal says why /ask is refused here, "" when it is not.
func (b *Bot) askRefusal(i *discordgo.InteractionCreate) string {
	switch {
	case i.GuildID == "" && !b.cfg.AllowDMs:
		return "Questions in direct messages are turned off here; ask in the server."
	case i.GuildID == "" && len(b.cfg.AllowedRoles) > 0:
		return dmRolesText
	case i.GuildID != "" && (!b.channelAllowed(i.ChannelID) || !b.roleAllowed(i.Member)):
		return "I can't answer here: this channel or your roles are not enabled for citebot."
	}
	return ""
}

func (b *Bot) onAsk(i *discordgo.InteractionCreate, question string) {
	if why := b.askRefusal(i); why != "" {
		b.private(i, why)
		return
	}
	q, err := bot.CleanQuestion(question)
	if err != nil {
		b.private(i, "Sorry: "+err.Error()+".")
		return
	}
	user := interactionUser(i)
	t, wait, ok := b.desk.Admit(user)
	if !ok {
		b.private(i, serve.BusyText(wait))
		return
	}
	received := time.Now()
	if err := b.s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		b.log.Warn("defer interaction", "err", err)
		t.Release()
		return
	}
	out := &interactionOut{b: b, i: i.Interaction, created: received, ttl: b.tokenTTL}
	b.desk.Submit(t, nil, serve.Question{Text: q, Origin: serve.Origin{Space: i.GuildID, Channel: i.ChannelID, User: user}, Received: received},
		deskOut{b: b, output: out})
}

func (b *Bot) onSource(i *discordgo.InteractionCreate, id string) {
	e := b.desk.Engine()
	p, ok := e.Index.Passage(strings.TrimSpace(id))
	if !ok {
		b.private(i, fmt.Sprintf("No passage with ID `%s` in the corpus.", escape(clip(id, 40))))
		return
	}
	b.private(i, renderPassage(p, e.Pipeline.Link(p.Locator)))
}

func (b *Bot) onAudit(i *discordgo.InteractionCreate) {
	if !b.isModerator(i.Member) {
		b.private(i, "Only moderators can use /audit.")
		return
	}
	if !b.desk.Journaled() {
		b.private(i, "The audit log is off.")
		return
	}
	b.desk.Do(func(ctx context.Context) {
		ents, err := b.desk.Recent(ctx, 10)
		if err != nil {
			b.log.Error("read audit log", "err", err)
			b.private(i, "Could not read the audit log.")
			return
		}
		if len(ents) == 0 {
			b.private(i, "No answers recorded yet.")
			return
		}
		parts := split(renderAudit(ents), maxContent)
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
	})
}

// renderAudit lists journal entries for moderators.
func renderAudit(ents []serve.Entry) string {
	var sb strings.Builder
	for _, e := range ents {
		flag := ""
		if e.Flagged() {
			flag = "🚩 "
		}
		verified := 0
		for _, c := range e.Answer.Citations {
			if c.Verified {
				verified++
			}
		}
		vote := map[int]string{1: " 👍", -1: " 👎", 0: ""}[e.Feedback]
		fmt.Fprintf(&sb, "%s**#%d** <@%s> %s · %s · %d/%d excerpts verified%s\n> %s\n", flag, e.ID, e.Origin.User,
			e.Time.Format("2006-01-02 15:04"), e.Answer.Mode, verified, len(e.Answer.Citations), vote, escape(clip(strings.Join(strings.Fields(e.Question), " "), 150)))
		for _, c := range e.Answer.Citations {
			mark := "✅"
			if !c.Verified {
				mark = "❌ unverified"
			}
			fmt.Fprintf(&sb, "  [%d] `%s` %s\n", c.Ref, c.PassageID, mark)
		}
	}
	return sb.String()
}

// reindexTimeout bounds a /reindex.
const reindexTimeout = 10 * time.Minute

func (b *Bot) onReindex(i *discordgo.InteractionCreate) {
	if !b.isModerator(i.Member) {
		b.private(i, "Only moderators can use /reindex.")
		return
	}
	if !b.desk.Reloadable() {
		b.private(i, "Reindexing is not available.")
		return
	}
	if !b.deferPrivate(i) {
		return
	}
	b.desk.Do(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, reindexTimeout)
		defer cancel()
		summary, err := b.desk.Reload(ctx)
		text := "Reindexed: " + summary
		if err != nil {
			b.log.Error("reindex", "err", err)
			text = "Reindexing failed; the previous index stays in use. The bot's log has the details."
		} else {
			b.log.Info("reindexed", "by", interactionUser(i), "summary", summary)
		}
		if _, err := b.s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions()}); err != nil {
			b.log.Warn("edit interaction", "err", err)
		}
	})
}

func (b *Bot) onButton(i *discordgo.InteractionCreate, id string) {
	switch {
	case strings.HasPrefix(id, "passage:"):
		b.onSource(i, strings.TrimPrefix(id, "passage:"))
	case strings.HasPrefix(id, "fb:"):
		parts := strings.Split(id, ":")
		n, err := strconv.ParseInt(parts[1], 10, 64)
		if len(parts) != 3 || err != nil || !b.desk.Journaled() {
			b.private(i, "This button no longer works.")
			return
		}
		vote := 1
		if parts[2] == "down" {
			vote = -1
		}
		b.desk.Do(func(ctx context.Context) {
			if err := b.desk.Feedback(ctx, n, interactionUser(i), vote); err != nil {
				b.log.Warn("record feedback", "answer", n, "err", err)
				b.private(i, "Could not record your feedback.")
				return
			}
			b.private(i, "Thanks, your feedback is recorded.")
		})
	default:
		b.private(i, "This button no longer works.")
	}
}
