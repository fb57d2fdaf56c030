package discord

import (
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot/serve"
)

// output is where an answer goes in Discord: the original interaction
// response, or a channel. show replaces the first message of the answer;
// final writes all messages of the finished answer.
type output interface {
	show(m message) error
	final(msgs []message) error
}

// deskOut renders what the serving core writes into an output.
type deskOut struct {
	b *Bot
	output
}

func (o deskOut) embeds() bool { return o.b.cfg.Render != "plain" }

// Partial shows the answer written so far.
func (o deskOut) Partial(text string) error { return o.show(renderPartial(text, o.embeds())) }

// Final shows the answer with its sources and buttons.
func (o deskOut) Final(r serve.Reply) error {
	return o.final(renderAnswer(r.Answer, o.embeds(), answerButtons(r.Answer, r.Entry), o.b.cfg.MaxMessages))
}

// Notice says why there is no answer.
func (o deskOut) Notice(text string) error { return o.final([]message{{Content: text}}) }

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
