package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/citebot/citebot/prompts"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// maxHistory is how many earlier messages a rewrite sees.
const maxHistory = 6

// Conversation is a series of questions where later ones may lean on
// earlier ones ("and what about refugees?"). It is not safe for concurrent
// use: one conversation, one asker at a time.
type Conversation struct {
	p       *Pipeline
	history []prompts.Turn
	topic   string // the last question, made standalone
	// subject is the words of the last question that named documents of
	// the corpus (a project): what later questions are about until one
	// names others.
	subject string
	about   string // the subject the last question was taken to be about, "" for none
	last    Answer
	// rewriteErr is why the model could not make the last follow-up
	// standalone (the words of the previous question were used instead).
	rewriteErr error
}

// NewConversation starts a conversation.
func (p *Pipeline) NewConversation() *Conversation { return &Conversation{p: p} }

// Resume returns a conversation that goes on from turns the asker kept
// (an API client sends the whole history with each question): user turns
// are earlier questions, assistant turns their answers; others are
// ignored. No model is asked about them: each earlier question stands as
// asked, a follow-up among them leaning on the words of the one before.
func (p *Pipeline) Resume(turns []prompts.Turn) *Conversation {
	c := &Conversation{p: p}
	for _, t := range turns {
		switch t.Role {
		case "user":
			q, err := CleanQuestion(t.Content)
			if err != nil {
				continue
			}
			earlier := ""
			if c.topic != "" && IsFollowUp(q) {
				earlier = c.topic
			}
			if subject := p.subjectOf(q, c.subject); subject != c.subject {
				earlier = withoutWords(earlier, c.subject)
				c.subject = subject
			}
			own, _ := text.SplitPasted(q) // no follow-up asks of what was pasted
			c.topic = strings.TrimSpace(own + " " + lastWords(earlier, 12))
			c.history = append(c.history, prompts.Turn{Role: "user", Content: q})
		case "assistant":
			c.history = append(c.history, prompts.Turn{Role: "assistant", Content: t.Content})
		}
	}
	if len(c.history) > maxHistory {
		c.history = c.history[len(c.history)-maxHistory:]
	}
	return c
}

// Use makes the conversation go on with another pipeline (after the corpus
// was reloaded), keeping what was said.
func (c *Conversation) Use(p *Pipeline) { c.p = p }

// Reset forgets the conversation.
func (c *Conversation) Reset() {
	c.history, c.topic, c.subject, c.about, c.last = nil, "", "", "", Answer{}
}

// Last returns the last answer (zero before the first).
func (c *Conversation) Last() Answer { return c.last }

// About returns the words of the documents the last question was taken
// to be about, named by an earlier question ("golang-lru"), or "" when it
// named its own or there were none.
func (c *Conversation) About() string { return c.about }

// RewriteErr returns why the model failed to make the last question
// standalone, or nil when it did or was not asked. The conversation goes on
// without it; callers log it.
func (c *Conversation) RewriteErr() error { return c.rewriteErr }

// Ask answers a question in the light of the conversation so far. A
// follow-up is made standalone before retrieval: by the model when there is
// one, otherwise by carrying over the words of the previous question. Any
// question that names no documents of its own is about those the
// conversation was about ("can entries expire?" after "what is
// golang-lru?"). It returns the answer and the standalone question
// searched for.
func (c *Conversation) Ask(ctx context.Context, question string, onUpdate func(Update) error) (Answer, string, error) {
	standalone, earlier, subject := question, "", c.subject
	c.rewriteErr = nil
	if c.topic != "" && IsFollowUp(question) {
		rw, err := c.rewrite(ctx, question)
		if err == nil && rw != "" {
			standalone, subject = rw, "" // the model made it name its subject
		} else {
			earlier = c.topic
			c.rewriteErr = err
		}
	}
	a, q, err := c.p.ask(ctx, standalone, subject, earlier, onUpdate)
	c.about = ""
	carried := carriesSubject(q)
	if carried {
		c.about = subject
	}
	// A question naming other documents moves the conversation to them,
	// unless it was about the subject still ("can it read yaml?").
	if q.NamesDocuments() && !carried {
		c.subject = documentWords(standalone, q)
		// A stopped answer still leaves its question for the next
		// follow-up to lean on, but not the words of the documents before.
		earlier = withoutWords(earlier, subject)
	}
	asked := standalone
	if q.Text != "" {
		asked = q.Text // without what was pasted into it: no follow-up asks of that
	}
	c.topic = strings.TrimSpace(asked + " " + lastWords(earlier, 12))
	c.history = append(c.history, prompts.Turn{Role: "user", Content: question})
	if err == nil {
		a.Question = question
		c.last = a
		c.history = append(c.history, prompts.Turn{Role: "assistant", Content: a.Text})
	}
	if len(c.history) > maxHistory {
		c.history = c.history[len(c.history)-maxHistory:]
	}
	return a, standalone, err
}

// rewrite asks the model to make a follow-up standalone; "" without a
// model.
func (c *Conversation) rewrite(ctx context.Context, question string) (string, error) {
	if c.p.opts.Model == nil {
		return "", nil
	}
	msg, err := c.p.opts.Prompts.Rewrite(question, c.history)
	if err != nil {
		return "", fmt.Errorf("rewrite follow-up: %w", err)
	}
	res, err := c.p.opts.Model.Complete(ctx, []Message{{Role: "user", Content: msg}}, nil)
	if err != nil {
		return "", fmt.Errorf("rewrite follow-up: %w", err)
	}
	rw, err := CleanQuestion(strings.Trim(firstLine(res.Text), `"“” `))
	if err != nil {
		return "", fmt.Errorf("rewrite follow-up: %w", err)
	}
	if len(rw) > 500 {
		return "", errors.New("rewrite follow-up: the rewritten question is too long")
	}
	return rw, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// documentWords returns the words of question, as written, that hold a
// term of q naming documents ("golang-lru" of "what is golang-lru?").
func documentWords(question string, q lexical.Query) string {
	var words []string
	for _, f := range strings.Fields(question) {
		f = strings.Trim(f, `?!.,;:"'()[]`)
		for _, w := range text.Words(f) {
			if namesDocuments(q, w) && !slices.Contains(words, f) {
				words = append(words, f)
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// namesDocuments reports whether the word w is a term of q's question
// that names documents.
func namesDocuments(q lexical.Query, w string) bool {
	for _, t := range q.Terms {
		if t.Documents && !t.Context && t.Word == w {
			return true
		}
	}
	return false
}

// analyzer reads a question as a search would, without searching.
type analyzer interface {
	Analyze(question string) lexical.Query
	AsksOfFolder(question string) bool
}

// carriesSubject reports whether q was searched with a subject carried
// from earlier in the conversation.
func carriesSubject(q lexical.Query) bool {
	for _, t := range q.Terms {
		if t.Subject {
			return true
		}
	}
	return false
}

// subjectOf returns the subject of a conversation after question, as Ask
// would leave it were the question answered: the words naming documents it
// holds, unless it refers back to subject and asks of no project by its
// folder's name; else subject.
func (p *Pipeline) subjectOf(question, subject string) string {
	an, ok := p.search.(analyzer)
	if !ok || subject != "" && refersBack(question) && !an.AsksOfFolder(question) {
		return subject
	}
	if q := an.Analyze(question); q.NamesDocuments() {
		return documentWords(question, q)
	}
	return subject
}

// withoutWords returns s without the words of drop (compared as lower
// case).
func withoutWords(s, drop string) string {
	gone := make(map[string]bool)
	for _, w := range strings.Fields(strings.ToLower(drop)) {
		gone[w] = true
	}
	var out []string
	for _, w := range strings.Fields(s) {
		if !gone[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// lastWords returns the last n content words of s.
func lastWords(s string, n int) string {
	var words []string
	for _, w := range strings.Fields(s) {
		if !text.IsStopWord(strings.ToLower(strings.Trim(w, `?!.,;:"'`))) {
			words = append(words, w)
		}
	}
	return strings.Join(words[max(0, len(words)-n):], " ")
}

var (
	followUpStart = regexp.MustCompile(`(?i)^\s*(and|but|or|so|also|then|what about|how about|what else|why not|same for|and what|and how|and why)\b`)
	backReference = regexp.MustCompile(`(?i)\b(it|its|they|them|their|theirs|this|that|these|those|he|him|his|she|her|such|the same)\b`)
)

// topicSwitch starts a question that turns to what it names ("what about
// go-runewidth, what license is that?").
var topicSwitch = regexp.MustCompile(`(?i)^\s*(what|how) about\b`)

// refersBack reports whether a question refers back to what the
// conversation is about ("can it read yaml?"), not to what it names
// itself.
func refersBack(q string) bool { return backReference.MatchString(q) && !topicSwitch.MatchString(q) }

// IsFollowUp reports whether a question seems to lean on an earlier one: it
// starts like a continuation, or it is short and refers back.
func IsFollowUp(q string) bool {
	if followUpStart.MatchString(q) {
		return true
	}
	content := 0
	for _, w := range text.Words(q) {
		if !text.IsStopWord(w) {
			content++
		}
	}
	return content <= 1 || (content <= 4 && backReference.MatchString(q))
}
