package llm

import (
	"context"

	"github.com/citebot/citebot/bot"
)

// ChatModel is a Client as the answer pipeline's model (bot.ChatModel):
// the adapter depends on the core's types, never the reverse.
type ChatModel struct{ c *Client }

// ChatModel returns c as a bot.ChatModel.
func (c *Client) ChatModel() ChatModel { return ChatModel{c} }

// An *Error names a class of failure that is safe to show users.
var _ bot.ModelError = (*Error)(nil)

// Model returns the configured model name.
func (m ChatModel) Model() string { return m.c.Model() }

// Complete sends msgs and returns the answer; see Client.Complete.
func (m ChatModel) Complete(ctx context.Context, msgs []bot.Message, onChunk func(bot.Chunk) error) (bot.Completion, error) {
	in := make([]Message, len(msgs))
	for i, msg := range msgs {
		in[i] = Message{Role: msg.Role, Content: msg.Content}
	}
	var each func(Chunk) error
	if onChunk != nil {
		each = func(ch Chunk) error { return onChunk(bot.Chunk{Text: ch.Text, Reset: ch.Reset}) }
	}
	res, err := m.c.Complete(ctx, in, each)
	return bot.Completion{Text: res.Text, Truncated: res.Truncated, Cut: cuts[res.Cut], Model: res.Model}, err
}

// cuts names the client's reasons for an incomplete answer in the core's
// words.
var cuts = map[string]string{CutLength: bot.CutLength, CutOutputCap: bot.CutOutputCap, CutEnded: bot.CutEnded}
