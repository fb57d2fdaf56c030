// Command citebot answers questions from a document corpus with cited,
// verbatim excerpts.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range sig {
			// Ctrl-C while a chat answer streams stops that answer only.
			if s == os.Interrupt && app.Interrupt() {
				continue
			}
			cancel()
		}
	}()
	code := app.Run(ctx, os.Args[1:])
	cancel()
	os.Exit(code)
}
