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

func (a *App) cmdChat(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := a.newFlagSet("chat", "chat [--config FILE] [-k N]", &cf)
	k := fs.Int("k", 0, "passages to retrieve per question")
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
	out := a.Stdout
	inF, inOK := a.Stdin.(*os.File)
	outF, outOK := a.Stdout.(*os.File)
	if inOK && outOK && term.IsTerminal(int(inF.Fd())) && term.IsTerminal(int(outF.Fd())) {
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
		t := term.NewTerminal(struct {
			io.Reader
			io.Writer
		}{inF, outF}, "you> ")
		if w, h, err := term.GetSize(int(outF.Fd())); err == nil {
			t.SetSize(w, h)
		}
		in, out = t, t
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
	stoppable := func(ctx context.Context) (context.Context, func()) {
		actx, cancel := context.WithCancel(ctx)
		stop := func() { cancel() }
		a.interrupt.Store(&stop)
		raw := func() {}
		if cooked != nil {
			raw = cooked()
		}
		return actx, func() { a.interrupt.Store(nil); stop(); raw() }
	}
	err = chatLoop(ctx, o.env, o.p.NewConversation(), o.ix, in, out, stoppable)
	if _, terminal := in.(*term.Terminal); terminal {
		fmt.Fprintln(out) // leave the prompt's line
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
