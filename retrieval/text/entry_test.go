package text

import (
	"slices"
	"testing"
)

func TestEntryLabel(t *testing.T) {
	for _, tc := range []struct {
		line, name string
		ok         bool
	}{
		{"`startretries`", "startretries", true},
		{"  ``startretries``", "startretries", true},
		{"**maxRetries**", "maxRetries", true},
		{"**maxRetries**:", "maxRetries", true},
		{"**Default:**", "", false},
		{"**Important**", "", false},
		{"`Note`", "", false},
		{"`--retries <n>`", "--retries <n>", true},
		{"**`timeout`**", "timeout", true},
		{"__Warning__", "", false},
		{"__maxConns__", "maxConns", true},
		{"**Note: this is deprecated.**", "", false},
		{"**This is a whole sentence in bold, sadly**", "", false},
		{"Use `make` to build.", "", false},
		{"`go get github.com/philippgille/chromem-go@latest`", "", false},
		{"`make install`", "", false},
		{"`--max-retries`", "--max-retries", true},
		{"`a` and `b`", "", false},
		{"plain words", "", false},
		{"``", "", false},
		{"**", "", false},
		{"``` ```", "", false},
	} {
		name, ok := EntryLabel(tc.line)
		if name != tc.name || ok != tc.ok {
			t.Errorf("EntryLabel(%q) = %q, %v; want %q, %v", tc.line, name, ok, tc.name, tc.ok)
		}
	}
}

func TestEntries(t *testing.T) {
	body := "Intro.\n\n`startretries`\n\nHow many tries. *Default*: 3\n\n`autorestart`\n\nWhether to restart.\n\n## Next\n\nOther."
	spans := Sentences(body)
	var got []string
	for i, e := range Entries(body, spans) {
		label := "-"
		if e >= 0 {
			label = body[spans[e].Start:spans[e].End]
		}
		got = append(got, body[spans[i].Start:spans[i].End]+" => "+label)
	}
	want := []string{
		"Intro. => -",
		"`startretries` => `startretries`",
		"How many tries. *Default*: 3 => `startretries`",
		"`autorestart` => `autorestart`",
		"Whether to restart. => `autorestart`",
		"## Next => -",
		"Other. => -",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Entries:\n got %q\nwant %q", got, want)
	}
}
