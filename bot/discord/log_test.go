package discord

import (
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactTokens(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Post "https://discord.com/api/v9/interactions/123/aW50ZXJhY3Rpb24.tok-en_1/callback": EOF`,
			`Post "https://discord.com/api/v9/interactions/123/[redacted]/callback": EOF`},
		{"PATCH /api/v9/webhooks/900/tok-55/messages/@original Failed (502)", "PATCH /api/v9/webhooks/900/[redacted]/messages/@original Failed (502)"},
		{"/webhooks/900/tok-55?wait=true", "/webhooks/900/[redacted]?wait=true"},
		{"/channels/1/messages", "/channels/1/messages"},
		{"no URL at all", "no URL at all"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := RedactTokens(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRedactorCoversMessagesAttrsAndGroups(t *testing.T) {
	var b lockedBuffer
	log := slog.New(redactor{slog.NewTextHandler(&b, nil)}).With("url", "/interactions/1/secret-a/callback")
	log.Info("POST /webhooks/2/secret-b/messages", "err", errors.New("Post /interactions/3/secret-c/callback: EOF"),
		slog.Group("req", "path", "/webhooks/4/secret-d"), "n", 7)
	out := b.String()
	if strings.Contains(out, "secret-") || strings.Count(out, "[redacted]") != 4 || !strings.Contains(out, "n=7") {
		t.Errorf("log line %s", out)
	}
}

func TestNeutraliseLinks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[1](https://evil.example/x)", `[1]\(https://evil.example/x)`},
		{"[text](<https://e.example>)", `[text]\(<https://e.example>)`},
		{"[1]( https://e.example)", `[1]\( https://e.example)`},
		{"ties [1]. (Also [2].)", "ties [1]. (Also [2].)"},
		{"ties [1] (see [2])", "ties [1] (see [2])"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := neutraliseLinks(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
