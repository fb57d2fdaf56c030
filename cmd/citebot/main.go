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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	code := app.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
