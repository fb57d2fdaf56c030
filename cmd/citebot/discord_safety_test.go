package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citebot/citebot/bot/audit"
	"github.com/citebot/citebot/bot/discord/discordtest"
)

func TestDiscordAuditLogIsOwnerOnly(t *testing.T) {
	r := startDiscord(t, "")
	_, token := r.fake.SlashCommand(channel, alice, "ask", map[string]string{"question": "What are fusion cells?"})
	r.fake.WaitFor(10*time.Second, "answer", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "custom_id")
	})
	path := filepath.Join(r.data, "audit.db")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
		}
	}
}

func TestDiscordgoLogsAreRedacted(t *testing.T) {
	r := startDiscord(t, "log:\n  level: debug\n")
	var failed atomic.Bool
	r.fake.SetFault(func(c discordtest.Call) int {
		if c.Method == "PATCH" && strings.HasPrefix(c.Path, "/webhooks/") && failed.CompareAndSwap(false, true) {
			return 502 // discordgo logs the URL, with the token, and retries
		}
		return 0
	})
	_, token := r.fake.SlashCommand(channel, alice, "ask", map[string]string{"question": "What are fusion cells?"})
	r.fake.WaitFor(10*time.Second, "answer", func(c discordtest.Call) bool {
		return c.Method == "PATCH" && strings.Contains(c.Path, token) && strings.Contains(string(c.Raw), "custom_id")
	})
	r.stop(t)
	logs := r.stderr.String()
	if !strings.Contains(logs, "Retrying") || !strings.Contains(logs, "[redacted]") {
		t.Errorf("discordgo's retry is not in the log, redacted:\n%s", logs)
	}
	if strings.Contains(logs, token) {
		t.Errorf("interaction token %s in the log:\n%s", token, logs)
	}
}

func TestAuditExportCSVNeutralisesFormulas(t *testing.T) {
	data := t.TempDir()
	log, err := audit.Open(context.Background(), filepath.Join(data, "audit.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"=cmd|'/c calc'!A0", "+1", "-1", "@A1", "\t=1", "\r=1"} {
		log.Add(context.Background(), audit.Record{UserID: "u", Question: q, Answer: q, Mode: "extractive"})
	}
	log.Close()
	r := run(t, "data_dir: "+data+"\n", "", "audit", "export", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil || len(rows) != 7 {
		t.Fatalf("exit %d, %v: %s %s", r.code, err, r.stdout, r.stderr)
	}
	for _, row := range rows[1:] {
		t.Run(row[5], func(t *testing.T) {
			for _, c := range row[5:7] {
				if !strings.HasPrefix(c, "'") {
					t.Errorf("cell %q would be read as a formula", c)
				}
			}
		})
	}
}
