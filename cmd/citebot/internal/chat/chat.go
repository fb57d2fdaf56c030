// Package chat is a conversation with citebot in the terminal: questions
// and follow-ups answered by the serving core, /commands, line editing and
// history on a terminal, and Ctrl-C that stops an answer or drops the line
// being typed without ending the chat.
package chat

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
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/cmd/citebot/internal/render"
)

const help = `Ask a question about the corpus; follow-up questions may lean on earlier ones.
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

// plainLines reads lines from a pipe or file. A line longer than
// maxLineBytes is kept only that long (it is then too long a question, and
// said so) and the rest of it skipped, so no line ends the chat.
type plainLines struct{ r *bufio.Reader }

// maxLineBytes bounds a line kept in memory: more than any question.
const maxLineBytes = 4 * bot.MaxQuestionChars * utf8.UTFMax

func (p plainLines) ReadLine() (string, error) {
	var line []byte
	for {
		chunk, err := p.r.ReadSlice('\n')
		if len(line) < maxLineBytes {
			line = append(line, chunk[:min(len(chunk), maxLineBytes-len(line))]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(line) > 0:
			return strings.TrimRight(string(line), "\r\n"), nil
		case err != nil:
			return "", err
		}
		return strings.TrimRight(string(line), "\r\n"), nil
	}
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

// history is the line editor's history, without lines dropped by
// Ctrl-C and without repeats of the line before.
type history struct{ lines []string }

const maxHistory = 200

func (h *history) Add(line string) {
	if strings.HasSuffix(line, ctrlCLine[1:3]) || strings.TrimSpace(line) == "" ||
		(len(h.lines) > 0 && h.lines[len(h.lines)-1] == line) {
		return
	}
	h.lines = append(h.lines, line)
	if len(h.lines) > maxHistory {
		h.lines = h.lines[len(h.lines)-maxHistory:]
	}
}

func (h *history) Len() int { return len(h.lines) }

func (h *history) At(i int) string { return h.lines[len(h.lines)-1-i] }

// Terminal is where a chat reads and writes: a terminal with line editing
// and history, or plain streams.
type Terminal struct {
	in lineReader
	// Out is where the chat writes.
	Out io.Writer
	// TTY reports whether standard input is a terminal.
	TTY    bool
	cooked func() (raw func()) // terminal back to normal while an answer streams
	// restore puts the terminal back as it was.
	restore func()
}

// Open makes stdin and stdout a chat's terminal: with a line editor and
// history, the terminal in raw mode, when both are terminals; plain lines
// otherwise. Close puts the terminal back.
func Open(stdin io.Reader, stdout io.Writer) (*Terminal, error) {
	inF, inOK := stdin.(*os.File)
	outF, outOK := stdout.(*os.File)
	t := &Terminal{Out: stdout, restore: func() {}}
	t.TTY = inOK && term.IsTerminal(int(inF.Fd()))
	if !t.TTY || !outOK || !term.IsTerminal(int(outF.Fd())) {
		sc := bufio.NewReader(stdin)
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
	tt.History = &history{}
	if w, h, err := term.GetSize(int(outF.Fd())); err == nil {
		tt.SetSize(w, h)
	}
	tl.t = tt
	t.in, t.Out = tl, tt
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

// Close puts the terminal back as it was.
func (t *Terminal) Close() { t.restore() }

// Cooked puts a raw terminal in its normal mode while an answer streams, so
// that Ctrl-C is a signal that stops the answer; raw makes it raw again.
// Plain streams are left as they are.
func (t *Terminal) Cooked() (raw func()) {
	if t.cooked == nil {
		return func() {}
	}
	return t.cooked()
}

// Run holds a conversation, kept by core, on t until the input ends.
// stoppable gives each answer a context that Ctrl-C cancels without ending
// the chat, and a func to call when the answer is done.
func Run(ctx context.Context, core *serve.Core, t *Terminal, stoppable func(context.Context) (context.Context, func())) error {
	c := &session{core: core, conv: core.NewConversation(), out: t.Out}
	return c.loop(ctx, t.in, stoppable)
}

// session is a conversation in the terminal, held by the serving core.
type session struct {
	core *serve.Core
	conv *serve.Conversation
	out  io.Writer
}

// loop reads questions and commands until the input ends. stoppable gives
// each answer a context that Ctrl-C cancels without ending the chat.
func (c *session) loop(ctx context.Context, in lineReader, stoppable func(context.Context) (context.Context, func())) error {
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
func (c *session) ask(ctx, actx context.Context, line string) {
	q, err := bot.CleanQuestion(line)
	if err != nil {
		fmt.Fprintf(c.out, "%v.\n", err)
		return
	}
	var standalone, about string
	_, err = render.Stream(func(onUpdate func(bot.Update) error) (bot.Answer, error) {
		r, err := c.core.Ask(actx, c.conv, serve.Question{Text: q, Received: time.Now()}, onUpdate)
		standalone, about = r.Standalone, r.About
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
	if about != "" {
		fmt.Fprintf(c.out, "(taken to be about %s, as earlier in the chat; name another project to ask about it)\n", about)
	}
	fmt.Fprintln(c.out)
}

// command runs a /command and reports whether the chat ends.
func (c *session) command(line string) bool {
	out := c.out
	cmd, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	last := c.conv.Last()
	switch cmd {
	case "/quit", "/exit", "/q":
		return true
	case "/help", "/?":
		fmt.Fprint(out, help)
	case "/reset":
		c.conv.Reset()
		fmt.Fprintln(out, "Conversation forgotten.")
	case "/sources":
		if last.Text == "" {
			fmt.Fprintln(out, "No answer yet.")
			break
		}
		render.Sources(out, last)
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
		e := c.core.Engine()
		p, ok := e.Index.Passage(id)
		if !ok {
			fmt.Fprintf(out, "No passage with ID %q.\n", id)
			break
		}
		render.Passage(out, p, e.Pipeline.Link(p.Locator))
	default:
		fmt.Fprintf(out, "Unknown command %s.\n%s", cmd, help)
	}
	return false
}
