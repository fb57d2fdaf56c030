package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/citebot/citebot/retrieval/corpus"
)

// TestExampleConfigShowsTheDefaults: config.example.yaml says "the values
// shown are the defaults". Every key of Config stands in it, with the value
// Default gives it, so the two cannot drift apart.
func TestExampleConfigShowsTheDefaults(t *testing.T) {
	raw, err := os.ReadFile("../../../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	if probs := checkConfigNode(&root, reflect.TypeFor[Config](), ""); len(probs) > 0 {
		t.Fatalf("the example is not a valid configuration: %v", configProblems(probs))
	}
	for _, k := range missingKeys(root.Content[0], reflect.TypeFor[Config](), "") {
		t.Errorf("the example lacks %s", k)
	}
	var example Config // zero, so a key the example lacks shows as a difference too
	if err := root.Decode(&example); err != nil {
		t.Fatal(err)
	}
	for _, d := range differences(reflect.ValueOf(example), reflect.ValueOf(Default()), "") {
		t.Errorf("the example and Default disagree: %s", d)
	}
	if err := Default().validate(); err != nil {
		t.Errorf("the defaults are not valid: %v", err)
	}
}

// missingKeys lists the keys of the section type t that mapping node n
// does not hold, sub-sections included, by key path.
func missingKeys(n *yaml.Node, t reflect.Type, path string) []string {
	var out []string
	for f := range t.Fields() {
		k := yamlKey(f)
		if k == "" {
			continue
		}
		var v *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				v = n.Content[i+1]
			}
		}
		switch {
		case v == nil:
			out = append(out, join(path, k))
		case f.Type.Kind() == reflect.Struct && f.Type != durationType:
			out = append(out, missingKeys(v, f.Type, join(path, k))...)
		}
	}
	return out
}

// differences lists, by key path, where configurations a and b differ; an
// empty list and none are the same.
func differences(a, b reflect.Value, path string) []string {
	switch {
	case a.Kind() == reflect.Struct && a.Type() != durationType:
		var out []string
		for i := range a.NumField() {
			out = append(out, differences(a.Field(i), b.Field(i), join(path, yamlKey(a.Type().Field(i))))...)
		}
		return out
	case a.Kind() == reflect.Slice && a.Len() == 0 && b.Len() == 0:
		return nil
	case a.Kind() == reflect.Pointer && !a.IsNil() && !b.IsNil():
		return differences(a.Elem(), b.Elem(), path)
	case !reflect.DeepEqual(a.Interface(), b.Interface()):
		return []string{fmt.Sprintf("%s: example %v, default %v", path, show(a), show(b))}
	}
	return nil
}

func show(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "(empty)"
		}
		return v.Elem().Interface()
	}
	return v.Interface()
}

// TestExampleConfigDriftIsCaught: the comparison above sees a changed
// value, a missing key and a list that is not empty.
func TestExampleConfigDriftIsCaught(t *testing.T) {
	half := 0.5
	for _, c := range []struct {
		name   string
		change func(*Config)
	}{
		{"number", func(c *Config) { c.Discord.QueueSize = 0 }},
		{"duration", func(c *Config) { c.Discord.AnswerTimeout /= 2 }},
		{"text", func(c *Config) { c.Log.Format = "json" }},
		{"pointer", func(c *Config) { c.LLM.Temperature = &half }},
		{"list", func(c *Config) { c.Discord.AllowedRoles = []string{"1"} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			changed := Default()
			c.change(&changed)
			if d := differences(reflect.ValueOf(changed), reflect.ValueOf(Default()), ""); len(d) != 1 {
				t.Errorf("differences: %q, want one", d)
			}
		})
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte("corpus:\n  dir: \"\"\nlog: {level: info}\n"), &root); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(missingKeys(root.Content[0], reflect.TypeFor[Config](), ""))
	if want := "[data_dir corpus.max_file_bytes corpus.link corpus.watch corpus.watch_debounce embedder retrieval llm discord serve audit log.format]"; got != want {
		t.Errorf("missing keys %s, want %s", got, want)
	}
}

// TestCorpusLinkIsChecked: corpus.link is checked as the file is loaded,
// the error naming the key and, for a placeholder it does not know, the
// ones it does.
func TestCorpusLinkIsChecked(t *testing.T) {
	for _, c := range []struct{ link, err string }{
		{"https://github.com/org/repo/blob/main/{path}#L{start}-L{end}", ""},
		{"https://docs.example.org/{path}#{anchor}", ""},
		{"https://x.org/{path}#page={page}", ""},
		{"https://x.org/{file}#L{line}", `corpus.link "https://x.org/{file}#L{line}": unknown placeholder {file} (use {path}, {start}, {end}, {anchor}, {page})`},
		{"https://x.org/{path", `corpus.link "https://x.org/{path": a { without its }`},
		{"github.com/org/repo/{path}", "corpus.link \"github.com/org/repo/{path}\": not an absolute http(s) URL"},
		{"file:///srv/docs/{path}", "not an absolute http(s) URL"},
	} {
		t.Run(c.link, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "citebot.yaml")
			if err := os.WriteFile(path, []byte("corpus:\n  link: '"+c.link+"'\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := Load(path)
			switch {
			case c.err == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case c.err == "" && cfg.Corpus.Link != c.link:
				t.Errorf("corpus.link %q, want %q", cfg.Corpus.Link, c.link)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("error %v, want one containing %s", err, c.err)
			case err != nil && strings.Contains(err.Error(), "serve.public_url"):
				t.Errorf("error %v blames serve.public_url, which is not set", err)
			}
		})
	}
}

// TestServeKeysAreChecked: serve.* mistakes are told by key as the file is
// loaded.
func TestServeKeysAreChecked(t *testing.T) {
	for _, c := range []struct{ yaml, err string }{
		{"serve:\n  addr: 0.0.0.0:9000\n  api_keys_env: [CITEBOT_KEY]\n", ""},
		{"serve:\n  addr: localhost\n", `serve.addr must be HOST:PORT`},
		{"serve:\n  api_keys_env: [\"\"]\n", "serve.api_keys_env: an empty environment variable name"},
		{"serve:\n  max_body_bytes: 0\n", "serve.max_body_bytes must be positive"},
		{"serve:\n  rate_burst: 0\n", "serve.rate_per_minute and serve.rate_burst must be positive"},
		{"serve:\n  stream_interval: 0s\n", "serve.stream_interval"},
		{"serve:\n  write_timeout: 1m\n", "serve.write_timeout (1m0s) must be longer than serve.answer_timeout (3m0s)"},
		{"serve:\n  api_keys_env: CITEBOT_KEY\n", "serve.api_keys_env"},
		{"serve:\n  moderator_token_env: MOD_TOKEN\n  public_url: https://docs-bot.example.org/\n", ""},
		{"serve:\n  public_url: http://127.0.0.1:8080/bot\n", ""},
		{"serve:\n  moderator_token_env: \"\"\n", "serve.moderator_token_env must name an environment variable"},
		{"serve:\n  moderator_token_env: MY-TOKEN\n", "serve.moderator_token_env must name an environment variable"},
		{"serve:\n  public_url: docs-bot.example.org\n", "not an absolute http(s) URL"},
		{"serve:\n  trusted_proxies: [10.0.0.0/8, 192.0.2.1, \"::1\"]\n", ""},
		{"serve:\n  trusted_proxies: [10.0.0.0/33]\n", "serve.trusted_proxies: \"10.0.0.0/33\" is neither"},
		{"serve:\n  trusted_proxies: [proxy.example.org]\n", "serve.trusted_proxies: \"proxy.example.org\" is neither"},
		{"serve:\n  public_url: ftp://docs-bot.example.org\n", "not an absolute http(s) URL"},
		{"serve:\n  public_url: https://docs-bot.example.org/?x=1\n", "a query or a fragment"},
		{"serve:\n  public_url: https://docs-bot.example.org/#top\n", "a query or a fragment"},
		{"serve:\n  public_url: https://u:p@docs-bot.example.org\n", "a user name"},
		{"serve:\n  public_url: https://docs-bot.example.org/{path}\n", "braces"},
	} {
		t.Run(c.yaml, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "citebot.yaml")
			if err := os.WriteFile(path, []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			switch {
			case c.err == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("error %v, want one containing %s", err, c.err)
			}
		})
	}
}

// TestCitationLink: serve.public_url gives citations the document
// viewer's links when corpus.link is empty; corpus.link wins.
func TestCitationLink(t *testing.T) {
	loc := corpus.Locator{Source: "docs/a b.md", LineStart: 6, LineEnd: 8}
	pdf := corpus.Locator{Source: "r.pdf", LineStart: 2, LineEnd: 3, Page: 4}
	for _, c := range []struct {
		link, public  string
		want, wantPDF string
	}{
		{"", "", "", ""},
		{"", "https://bot.example.org/", "https://bot.example.org/doc/docs/a%20b.md?hl=6-8&page=#L6", "https://bot.example.org/doc/r.pdf?hl=-&page=4"},
		{"https://x.org/{path}#L{start}", "https://bot.example.org", "https://x.org/docs/a%20b.md#L6", "https://x.org/r.pdf"},
	} {
		var cfg Config
		cfg.Corpus.Link, cfg.Serve.PublicURL = c.link, c.public
		tmpl := cfg.CitationLink()
		if got := loc.Link(tmpl); got != c.want {
			t.Errorf("%q, %q: %q, want %q", c.link, c.public, got, c.want)
		}
		if got := pdf.Link(tmpl); got != c.wantPDF {
			t.Errorf("%q, %q: PDF %q, want %q", c.link, c.public, got, c.wantPDF)
		}
	}
}

func TestEmptyFileGivesTheDefaults(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "comments only": "# nothing set yet\n\n# still nothing\n"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.yaml")
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path)
			if err != nil || !reflect.DeepEqual(c, Default()) {
				t.Errorf("Load = %+v, %v; want the defaults", c, err)
			}
		})
	}
}

// Every section's first out-of-range value is named in one error, so a
// user fixes them in one pass.
func TestRangeProblemsOfEverySection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	body := "corpus:\n  max_file_bytes: -5\nretrieval:\n  top_k: 50\nlog:\n  level: loud\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	for _, want := range []string{"corpus.max_file_bytes", "retrieval.top_k", "log.level"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}
