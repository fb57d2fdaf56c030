package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/term"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
)

const chatHelp = `Ask a question about the corpus; follow-up questions may lean on earlier ones.
  /sources      the sources of the last answer
  /passage N    the full passage behind citation [N] (or a passage ID)
  /reset        forget the conversation
  /quit         leave (also Ctrl-D)
`

// lineReader reads the user's lines: with editing and history on a
// terminal, plainly otherwise.
type lineReader interface {
	ReadLine() (string, error)
}

type plainLines struct{ sc *bufio.Scanner }

func (p plainLines) ReadLine() (string, error) {
	if !p.sc.Scan() {
		if err := p.sc.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	return p.sc.Text(), nil
}

// ctrlCLine is what a Ctrl-C typed at the prompt becomes for the line
// editor: the cursor to the end of the line (Ctrl-E), "^C" shown, and Enter.
// termLines then drops the line. (The line editor itself takes Ctrl-C for
// the end of the input.)
const ctrlCLine = "\x05^C\r"

// ctrlCReader turns the Ctrl-C bytes of a raw terminal into ctrlCLine and
// counts them.
type ctrlCReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *ctrlCReader) Read(p []byte) (int, error) {
	buf := make([]byte, max(1, len(p)/len(ctrlCLine)))
	n, err := c.r.Read(buf)
	out := p[:0]
	for _, b := range buf[:n] {
		if b == 3 {
			out = append(out, ctrlCLine...)
			c.n.Add(1)
			continue
		}
		out = append(out, b)
	}
	return len(out), err
}

// termLines reads lines with the terminal's line editor, dropping those
// ended by Ctrl-C.
type termLines struct {
	t        *term.Terminal
	pending  atomic.Int64 // Ctrl-Cs read and not yet seen as a line
	atPrompt bool         // the last read ended on the prompt's line (Ctrl-D)
}

func (l *termLines) ReadLine() (string, error) {
	for {
		line, err := l.t.ReadLine()
		l.atPrompt = errors.Is(err, io.EOF)
		if err == nil && l.pending.Load() > 0 && strings.HasSuffix(line, ctrlCLine[1:3]) {
			l.pending.Add(-1)
			continue
		}
		return line, err
	}
}

// chatHistory is the line editor's history, without lines dropped by
// Ctrl-C and without repeats of the line before.
type chatHistory struct{ lines []string }

const maxChatHistory = 200

func (h *chatHistory) Add(line string) {
	if strings.HasSuffix(line, ctrlCLine[1:3]) || strings.TrimSpace(line) == "" ||
		(len(h.lines) > 0 && h.lines[len(h.lines)-1] == line) {
		return
	}
	h.lines = append(h.lines, line)
	if len(h.lines) > maxChatHistory {
		h.lines = h.lines[len(h.lines)-maxChatHistory:]
	}
}

func (h *chatHistory) Len() int { return len(h.lines) }

func (h *chatHistory) At(i int) string { return h.lines[len(h.lines)-1-i] }

func (a *App) cmdChat(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("chat", "chat [--config FILE] [-k N]", &cf)
	k := kFlag(fs, "retrieve `N` passages per question (1–20; default retrieval.top_k)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("chat takes no arguments; it reads questions from standard input")
	}
	o, err := a.open(ctx, cf, *k)
	if err != nil {
		return err
	}
	// The conversation is the serving core's, as in every front end.
	core, err := serve.NewCore(serve.Deps{Engine: serve.Engine{Pipeline: o.p, Index: o.ix}, Log: o.log})
	if err != nil {
		return err
	}
	t, err := a.chatTerminal()
	if err != nil {
		return err
	}
	defer t.restore()
	mode := "answers are excerpts from the corpus (no model server configured)"
	if o.cfg.LLM.BaseURL != "" {
		mode = "answers by " + o.cfg.LLM.Model + ", every quotation checked against the corpus"
	}
	fmt.Fprintf(t.out, "citebot chat: %s. /help for commands.\n", mode)
	// Ctrl-C at the prompt of a terminal drops the line being typed, as in
	// a shell; it never ends the chat (Ctrl-D and /quit do). On a terminal
	// in raw mode it arrives as a byte (ctrlCReader); otherwise as a
	// signal, taken here while no answer is being written (the terminal
	// itself drops the line).
	var idle *func()
	if t.tty {
		f := func() {}
		idle = &f
	}
	a.interrupt.Store(idle)
	defer a.interrupt.Store(nil)
	stoppable := func(ctx context.Context) (context.Context, func()) {
		actx, cancel := context.WithCancel(ctx)
		stop := func() { cancel() }
		a.interrupt.Store(&stop)
		raw := func() {}
		if t.cooked != nil {
			raw = t.cooked()
		}
		return actx, func() { a.interrupt.Store(idle); stop(); raw() }
	}
	c := &chat{core: core, conv: core.NewConversation(), out: t.out}
	return c.loop(ctx, t.in, stoppable)
}

// chatTerm is where a chat reads and writes: a terminal with line editing
// and history, or plain streams.
type chatTerm struct {
	in     lineReader
	out    io.Writer
	tty    bool                // stdin is a terminal
	cooked func() (raw func()) // terminal back to normal while an answer streams
	// restore puts the terminal back as it was.
	restore func()
}

func (a *App) chatTerminal() (*chatTerm, error) {
	inF, inOK := a.Stdin.(*os.File)
	outF, outOK := a.Stdout.(*os.File)
	t := &chatTerm{out: a.Stdout, restore: func() {}}
	t.tty = inOK && term.IsTerminal(int(inF.Fd()))
	if !t.tty || !outOK || !term.IsTerminal(int(outF.Fd())) {
		sc := bufio.NewScanner(a.Stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		t.in = plainLines{sc}
		return t, nil
	}
	fd := int(inF.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return nil, fmt.Errorf("chat: %w", err)
	}
	// While an answer streams the terminal is in its normal mode, so
	// that Ctrl-C is a signal that stops the answer.
	t.cooked = func() func() {
		term.Restore(fd, old)
		return func() { term.MakeRaw(fd) }
	}
	tl := &termLines{}
	tt := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{&ctrlCReader{r: inF, n: &tl.pending}, outF}, "you> ")
	tt.History = &chatHistory{}
	if w, h, err := term.GetSize(int(outF.Fd())); err == nil {
		tt.SetSize(w, h)
	}
	tl.t = tt
	t.in, t.out = tl, tt
	t.restore = func() {
		if tl.atPrompt {
			// Leave the prompt's line. Written past the terminal's line
			// editor, which would draw its prompt again after any output.
			io.WriteString(outF, "\r\n")
		}
		term.Restore(fd, old)
	}
	return t, nil
}

// chat is a conversation in the terminal, held by the serving core.
type chat struct {
	core *serve.Core
	conv *serve.Conversation
	out  io.Writer
}

// loop reads questions and commands until the input ends. stoppable gives
// each answer a context that Ctrl-C cancels without ending the chat.
func (c *chat) loop(ctx context.Context, in lineReader, stoppable func(context.Context) (context.Context, func())) error {
	for {
		if ctx.Err() != nil {
			return nil
		}
		line, err := in.ReadLine()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("chat: read: %w", err)
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "/"):
			if quit := c.command(line); quit {
				return nil
			}
		default:
			actx, done := stoppable(ctx)
			c.ask(ctx, actx, line)
			done()
			if ctx.Err() != nil {
				return nil
			}
		}
	}
}

// ask answers one line of the chat with actx, which Ctrl-C cancels; ctx is
// the whole chat's.
func (c *chat) ask(ctx, actx context.Context, line string) {
	q, err := bot.CleanQuestion(line)
	if err != nil {
		fmt.Fprintf(c.out, "%v.\n", err)
		return
	}
	var standalone string
	_, err = askStreaming(func(onUpdate func(bot.Update) error) (bot.Answer, error) {
		r, err := c.core.Ask(actx, c.conv, serve.Question{Text: q, Received: time.Now()}, onUpdate)
		standalone = r.Standalone
		return r.Answer, err
	}, c.out)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(c.out, "(stopped)")
		return
	default:
		fmt.Fprintf(c.out, "citebot: %v\n", err)
	}
	if standalone != "" && standalone != q {
		fmt.Fprintf(c.out, "(searched for: %s)\n", standalone)
	}
	fmt.Fprintln(c.out)
}

// command runs a /command and reports whether the chat ends.
func (c *chat) command(line string) bool {
	out := c.out
	cmd, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	last := c.conv.Last()
	switch cmd {
	case "/quit", "/exit", "/q":
		return true
	case "/help", "/?":
		fmt.Fprint(out, chatHelp)
	case "/reset":
		c.conv.Reset()
		fmt.Fprintln(out, "Conversation forgotten.")
	case "/sources":
		if last.Text == "" {
			fmt.Fprintln(out, "No answer yet.")
			break
		}
		renderSources(out, last)
	case "/passage":
		if arg == "" {
			fmt.Fprintln(out, "Usage: /passage N (a citation number of the last answer) or /passage ID")
			break
		}
		id := arg
		if n, err := strconv.Atoi(strings.Trim(arg, "[]")); err == nil {
			id = ""
			for _, cit := range last.Citations {
				if cit.Ref == n {
					id = cit.PassageID
					break
				}
			}
			if id == "" {
				fmt.Fprintf(out, "The last answer has no citation [%d].\n", n)
				break
			}
		}
		p, ok := c.core.Engine().Index.Passage(id)
		if !ok {
			fmt.Fprintf(out, "No passage with ID %q.\n", id)
			break
		}
		renderPassage(out, p)
	default:
		fmt.Fprintf(out, "Unknown command %s.\n%s", cmd, chatHelp)
	}
	return false
}
