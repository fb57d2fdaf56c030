package discord

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"

	"github.com/bwmarrin/discordgo"
)

// tokenInPath matches the secret part of interaction and webhook URLs:
// /interactions/<id>/<token>/callback and /webhooks/<application>/<token>/….
var tokenInPath = regexp.MustCompile(`(/(?:interactions|webhooks)/[^/\s"'?#]+/)[^/\s"'?#]+`)

// RedactTokens replaces interaction and webhook tokens in s (request URLs
// in errors and log lines) with "[redacted]": anyone holding one can post
// as the bot in that conversation for 15 minutes.
func RedactTokens(s string) string {
	return tokenInPath.ReplaceAllString(s, "${1}[redacted]")
}

// redactor is a slog handler that redacts tokens from a record's message
// and attributes before passing it on.
type redactor struct{ next slog.Handler }

func (h redactor) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h redactor) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, RedactTokens(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactor) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = redactAttr(a)
	}
	return redactor{h.next.WithAttrs(red)}
}

func (h redactor) WithGroup(name string) slog.Handler { return redactor{h.next.WithGroup(name)} }

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, RedactTokens(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]slog.Attr, len(g))
		for i, ga := range g {
			red[i] = redactAttr(ga)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(red...)}
	case slog.KindAny:
		var s string
		if err, ok := v.Any().(error); ok {
			s = err.Error()
		} else {
			s = fmt.Sprint(v.Any())
		}
		if r := RedactTokens(s); r != s {
			return slog.String(a.Key, r)
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// DiscordgoLogger returns a function for discordgo.Logger that sends
// discordgo's own log lines to log, tokens redacted. discordgo.Logger is
// package state: main sets it once. With it set, New makes each session
// log as much as log's level lets through.
func DiscordgoLogger(log *slog.Logger) func(msgL, caller int, format string, a ...any) {
	return func(msgL, _ int, format string, a ...any) {
		level := slogLevel(msgL)
		if !log.Enabled(context.Background(), level) {
			return
		}
		log.Log(context.Background(), level, RedactTokens(fmt.Sprintf(format, a...)), "from", "discordgo")
	}
}

// slogLevel maps a discordgo log level to slog's: its informational lines
// (retries, rate limits) are debug detail here.
func slogLevel(msgL int) slog.Level {
	switch msgL {
	case discordgo.LogError:
		return slog.LevelError
	case discordgo.LogWarning:
		return slog.LevelWarn
	case discordgo.LogInformational:
		return slog.LevelDebug
	}
	return slog.LevelDebug - 4
}

// RedactLog returns log with interaction and webhook tokens redacted from
// every line; cmd/citebot gives it to the serving core too.
func RedactLog(log *slog.Logger) *slog.Logger {
	if _, ok := log.Handler().(redactor); ok {
		return log
	}
	return slog.New(redactor{log.Handler()})
}
