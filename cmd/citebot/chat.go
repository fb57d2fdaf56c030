package main

import (
	"context"
	"fmt"

	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/cmd/citebot/internal/chat"
)

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
	t, err := chat.Open(a.Stdin, a.Stdout)
	if err != nil {
		return err
	}
	defer t.Close()
	mode := "answers are excerpts from the corpus (no model server configured)"
	if o.cfg.LLM.BaseURL != "" {
		mode = "answers by " + o.cfg.LLM.Model + ", every quotation checked against the corpus"
	}
	fmt.Fprintf(t.Out, "citebot chat: %s. /help for commands.\n", mode)
	// Ctrl-C at the prompt of a terminal drops the line being typed, as in
	// a shell; it never ends the chat (Ctrl-D and /quit do). On a terminal
	// in raw mode it arrives as a byte (see package chat); otherwise as a
	// signal, taken here while no answer is being written (the terminal
	// itself drops the line).
	var idle *func()
	if t.TTY {
		f := func() {}
		idle = &f
	}
	a.interrupt.Store(idle)
	defer a.interrupt.Store(nil)
	stoppable := func(ctx context.Context) (context.Context, func()) {
		actx, cancel := context.WithCancel(ctx)
		stop := func() { cancel() }
		a.interrupt.Store(&stop)
		raw := t.Cooked()
		return actx, func() { a.interrupt.Store(idle); stop(); raw() }
	}
	return chat.Run(ctx, core, t, stoppable)
}
