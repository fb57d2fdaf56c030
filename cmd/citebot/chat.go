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

	"golang.org/x/term"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval"
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
	var in lineReader
	var cooked func() (raw func()) // terminal back to normal while an answer streams
	var tl *termLines
	out := a.Stdout
	inF, inOK := a.Stdin.(*os.File)
	outF, outOK := a.Stdout.(*os.File)
	inTTY := inOK && term.IsTerminal(int(inF.Fd()))
	if inTTY && outOK && term.IsTerminal(int(outF.Fd())) {
		fd := int(inF.Fd())
		old, err := term.MakeRaw(fd)
		if err != nil {
			return fmt.Errorf("chat: %w", err)
		}
		defer term.Restore(fd, old)
		// While an answer streams the terminal is in its normal mode, so
		// that Ctrl-C is a signal that stops the answer.
		cooked = func() func() {
			term.Restore(fd, old)
			return func() { term.MakeRaw(fd) }
		}
		tl = &termLines{}
		t := term.NewTerminal(struct {
			io.Reader
			io.Writer
		}{&ctrlCReader{r: inF, n: &tl.pending}, outF}, "you> ")
		t.History = &chatHistory{}
		if w, h, err := term.GetSize(int(outF.Fd())); err == nil {
			t.SetSize(w, h)
		}
		tl.t = t
		in, out = tl, t
	} else {
		sc := bufio.NewScanner(a.Stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		in = plainLines{sc}
	}
	mode := "answers are excerpts from the corpus (no model server configured)"
	if o.cfg.LLM.BaseURL != "" {
		mode = "answers by " + o.cfg.LLM.Model + ", every quotation checked against the corpus"
	}
	fmt.Fprintf(out, "citebot chat: %s. /help for commands.\n", mode)
	// Ctrl-C at the prompt of a terminal drops the line being typed, as in
	// a shell; it never ends the chat (Ctrl-D and /quit do). On a terminal
	// in raw mode it arrives as a byte (ctrlCReader); otherwise as a
	// signal, taken here while no answer is being written (the terminal
	// itself drops the line).
	var idle *func()
	if inTTY {
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
		if cooked != nil {
			raw = cooked()
		}
		return actx, func() { a.interrupt.Store(idle); stop(); raw() }
	}
	err = chatLoop(ctx, o.env, o.p.NewConversation(), o.ix, in, out, stoppable)
	if tl != nil && tl.atPrompt {
		// Leave the prompt's line. Written past the terminal's line
		// editor, which would draw its prompt again after any output.
		io.WriteString(outF, "\r\n")
	}
	return err
}

// chatLoop reads questions and commands until the input ends. stoppable
// gives each answer a context that Ctrl-C cancels without ending the chat.
func chatLoop(ctx context.Context, e *env, conv *bot.Conversation, ix *retrieval.Index, in lineReader, out io.Writer,
	stoppable func(context.Context) (context.Context, func())) error {
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
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "/") {
			if quit := chatCommand(conv, ix, line, out); quit {
				return nil
			}
			continue
		}
		q, err := bot.CleanQuestion(line)
		if err != nil {
			fmt.Fprintf(out, "%v.\n", err)
			continue
		}
		var standalone string
		actx, done := stoppable(ctx)
		_, err = askStreaming(func(onUpdate func(bot.Update) error) (bot.Answer, error) {
			a, sq, err := conv.Ask(actx, q, onUpdate)
			standalone = sq
			return a, err
		}, out)
		done()
		if rerr := conv.RewriteErr(); rerr != nil {
			e.log.Warn("follow-up not rewritten", "err", rerr)
		}
		if err == nil {
			e.logNote(conv.Last())
		}
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, context.Canceled):
			fmt.Fprintln(out, "(stopped)")
			continue
		default:
			fmt.Fprintf(out, "citebot: %v\n", err)
		}
		if standalone != "" && standalone != q {
			fmt.Fprintf(out, "(searched for: %s)\n", standalone)
		}
		fmt.Fprintln(out)
	}
}

// chatCommand runs a /command and reports whether the chat ends.
func chatCommand(conv *bot.Conversation, ix *retrieval.Index, line string, out io.Writer) bool {
	cmd, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	last := conv.Last()
	switch cmd {
	case "/quit", "/exit", "/q":
		return true
	case "/help", "/?":
		fmt.Fprint(out, chatHelp)
	case "/reset":
		conv.Reset()
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
			for _, c := range last.Citations {
				if c.Ref == n {
					id = c.PassageID
					break
				}
			}
			if id == "" {
				fmt.Fprintf(out, "The last answer has no citation [%d].\n", n)
				break
			}
		}
		p, ok := ix.Passage(id)
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
