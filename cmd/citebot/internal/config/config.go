// Package config is citebot's configuration file: the Config struct, every
// default, loading over the defaults, and validation with errors told in the
// file's own terms.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

// Config is citebot's configuration file. Defaults come first, the file goes
// over them; secrets never live here, only the names of the environment
// variables that hold them.
type Config struct {
	// DataDir holds the index; empty means the user cache folder + /citebot.
	DataDir string `yaml:"data_dir"`
	Corpus  struct {
		// Dir replaces the embedded default corpus with a folder.
		Dir string `yaml:"dir"`
		// MaxFileBytes is the size of the largest file read from Dir;
		// larger files are skipped with a warning.
		MaxFileBytes int64 `yaml:"max_file_bytes"`
		// Link is the URL template of a cited place (corpus.Locator.Link);
		// empty: citations have no link.
		Link string `yaml:"link"`
		// Watch: the Discord bot follows changes of Dir and reindexes
		// without a restart.
		Watch bool `yaml:"watch"`
		// WatchDebounce is how long Dir must stay unchanged before a
		// reindex starts.
		WatchDebounce time.Duration `yaml:"watch_debounce"`
	} `yaml:"corpus"`
	Embedder struct {
		Kind string `yaml:"kind"` // local or openai
		Dims int    `yaml:"dims"` // local embedder only
		// openai: an OpenAI-compatible /v1/embeddings endpoint.
		BaseURL     string `yaml:"base_url"`
		Model       string `yaml:"model"`
		APIKeyEnv   string `yaml:"api_key_env"`
		BatchSize   int    `yaml:"batch_size"`
		Concurrency int    `yaml:"concurrency"`
	} `yaml:"embedder"`
	Retrieval struct {
		TopK          int     `yaml:"top_k"`
		MinConfidence float64 `yaml:"min_confidence"`
	} `yaml:"retrieval"`
	LLM struct {
		// BaseURL of an OpenAI-compatible server, /v1 included; empty
		// answers extractively, without a model.
		BaseURL string `yaml:"base_url"`
		Model   string `yaml:"model"`
		// APIKeyEnv names the environment variable holding the API key;
		// empty sends no key (Ollama, llama.cpp).
		APIKeyEnv       string        `yaml:"api_key_env"`
		Temperature     *float64      `yaml:"temperature"`
		MaxTokens       int           `yaml:"max_tokens"`
		Timeout         time.Duration `yaml:"timeout"`
		Stream          bool          `yaml:"stream"`
		MaxRetries      int           `yaml:"max_retries"`
		MaxOutputBytes  int           `yaml:"max_output_bytes"`
		MaxContextChars int           `yaml:"max_context_chars"`
		Passages        int           `yaml:"passages"`
		PromptsDir      string        `yaml:"prompts_dir"`
		// MinCoverage: with a model, questions whose best passage holds
		// less than this share of their words are declined unasked.
		MinCoverage float64 `yaml:"min_coverage"`
	} `yaml:"llm"`
	Discord struct {
		TokenEnv        string        `yaml:"token_env"`
		APIBaseURL      string        `yaml:"api_base_url"`
		GuildID         string        `yaml:"guild_id"`
		ReplyMode       string        `yaml:"reply_mode"`
		Render          string        `yaml:"render"`
		AllowedChannels []string      `yaml:"allowed_channels"`
		AllowedRoles    []string      `yaml:"allowed_roles"`
		ModeratorRoles  []string      `yaml:"moderator_roles"`
		AllowDMs        bool          `yaml:"allow_dms"`
		RatePerMinute   float64       `yaml:"rate_per_minute"`
		RateBurst       int           `yaml:"rate_burst"`
		MaxConcurrent   int           `yaml:"max_concurrent"`
		QueueSize       int           `yaml:"queue_size"`
		MaxMessages     int           `yaml:"max_messages"`
		EditInterval    time.Duration `yaml:"edit_interval"`
		AnswerTimeout   time.Duration `yaml:"answer_timeout"`
		ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	} `yaml:"discord"`
	Serve struct {
		// Addr is where `citebot serve` listens (HOST:PORT).
		Addr string `yaml:"addr"`
		// APIKeysEnv names the environment variables holding API keys;
		// with none set, the server listens on a loopback address only
		// and asks for no key.
		APIKeysEnv      []string      `yaml:"api_keys_env"`
		MaxBodyBytes    int64         `yaml:"max_body_bytes"`
		ReadTimeout     time.Duration `yaml:"read_timeout"`
		WriteTimeout    time.Duration `yaml:"write_timeout"`
		IdleTimeout     time.Duration `yaml:"idle_timeout"`
		RatePerMinute   float64       `yaml:"rate_per_minute"`
		RateBurst       int           `yaml:"rate_burst"`
		MaxConcurrent   int           `yaml:"max_concurrent"`
		QueueSize       int           `yaml:"queue_size"`
		StreamInterval  time.Duration `yaml:"stream_interval"`
		AnswerTimeout   time.Duration `yaml:"answer_timeout"`
		ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
		// ModeratorTokenEnv names the environment variable holding the
		// token of the moderators' pages (/mod/); unset: they are shut.
		ModeratorTokenEnv string `yaml:"moderator_token_env"`
		// PublicURL is where the web pages are reached from outside
		// ("https://docs-bot.example.org"); with no corpus.link, citations
		// link to its document viewer. "": none.
		PublicURL string `yaml:"public_url"`
		// AskPage opens the ask page (/) to questions: unset (nil), it is
		// open on a server without API keys (loopback only) and shut on
		// one with keys, since it asks for none; true opens it to anyone
		// who can reach the server, false shuts it.
		AskPage *bool `yaml:"ask_page"`
		// TrustedProxies are the networks (CIDRs, or single addresses) of
		// the reverse proxies in front of the server: only from them is
		// X-Forwarded-For believed, for the web pages' per-client limits.
		TrustedProxies []string `yaml:"trusted_proxies"`
	} `yaml:"serve"`
	Audit struct {
		// Path of the SQLite file; empty: data_dir/audit.db.
		Path          string `yaml:"path"`
		RetentionDays int    `yaml:"retention_days"`
	} `yaml:"audit"`
	Log struct {
		Level  string `yaml:"level"`  // debug, info, warn, error
		Format string `yaml:"format"` // text, json
	} `yaml:"log"`
}

// Default is the configuration with no file: every default citebot has is
// set here and nowhere else.
func Default() Config {
	var c Config
	c.Corpus.MaxFileBytes = corpus.DefaultMaxFileBytes
	c.Corpus.Watch = true
	c.Corpus.WatchDebounce = 2 * time.Second
	c.Embedder.Kind = "local"
	c.Embedder.Dims = 1024
	c.Embedder.BatchSize = 64
	c.Embedder.Concurrency = 4
	c.Retrieval.TopK = 3
	c.Retrieval.MinConfidence = retrieval.DefaultMinConfidence
	c.LLM.MaxTokens = 800
	c.LLM.Timeout = 90 * time.Second
	c.LLM.Stream = true
	c.LLM.MaxRetries = 2
	c.LLM.MaxOutputBytes = 64 << 10
	c.LLM.MaxContextChars = 12000
	c.LLM.Passages = 5
	c.LLM.MinCoverage = 0.2
	d := &c.Discord
	d.TokenEnv = "DISCORD_TOKEN"
	d.ReplyMode = "thread"
	d.Render = "embed"
	d.RatePerMinute = 6
	d.RateBurst = 3
	d.MaxConcurrent = 8
	d.QueueSize = 32
	d.MaxMessages = 3
	d.EditInterval = 1500 * time.Millisecond
	d.AnswerTimeout = 3 * time.Minute
	d.ShutdownTimeout = 20 * time.Second
	sv := &c.Serve
	sv.Addr = "127.0.0.1:8080"
	sv.MaxBodyBytes = 256 << 10
	sv.ReadTimeout = 10 * time.Second
	sv.WriteTimeout = 4 * time.Minute
	sv.IdleTimeout = 2 * time.Minute
	sv.RatePerMinute = 30
	sv.RateBurst = 10
	sv.MaxConcurrent = 16
	sv.QueueSize = 64
	sv.StreamInterval = 50 * time.Millisecond
	sv.AnswerTimeout = 3 * time.Minute
	sv.ShutdownTimeout = 20 * time.Second
	sv.ModeratorTokenEnv = "CITEBOT_MODERATOR_TOKEN"
	c.Audit.RetentionDays = 90
	c.Log.Level = "info"
	c.Log.Format = "text"
	return c
}

// Load reads the file at path over the defaults; an empty path gives the
// defaults. Unknown keys are errors, so a typo never goes unnoticed.
// Relative folders in the file are taken from the file's own folder.
func Load(path string) (Config, error) {
	c := Default()
	if path == "" {
		return c, c.validate()
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("read config: %w", err)
	}
	// The file is checked key by key first, so that mistakes are told by
	// key path and line, with what the key takes, not in Go's types.
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	if isEmpty(&root) { // an empty file, or one of comments only: the defaults
		return c, c.validate()
	}
	if probs := checkConfigNode(&root, reflect.TypeFor[Config](), ""); len(probs) > 0 {
		return c, fmt.Errorf("config %s: %w", path, configProblems(probs))
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	base := filepath.Dir(path)
	for _, p := range []*string{&c.DataDir, &c.Corpus.Dir, &c.LLM.PromptsDir, &c.Audit.Path} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	if err := c.validate(); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// isEmpty reports whether a YAML document holds nothing (or only comments).
func isEmpty(root *yaml.Node) bool {
	if root.Kind == 0 {
		return true
	}
	return root.Kind == yaml.DocumentNode && (len(root.Content) == 0 || root.Content[0].Tag == "!!null")
}

// validate checks the configuration section by section: the error names
// the first problem of every section that has one.
func (c Config) validate() error {
	var errs []error
	for _, check := range []func() error{c.validateCorpus, c.validateEmbedder, c.validateRetrieval,
		c.validateLLM, c.validateDiscord, c.validateServe, c.validateAudit, c.validateLog} {
		if err := check(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (c Config) validateCorpus() error {
	if c.Corpus.MaxFileBytes < 1 || c.Corpus.MaxFileBytes > 1<<30 {
		return fmt.Errorf("corpus.max_file_bytes must be between 1 and 1073741824 (1 GiB), not %d", c.Corpus.MaxFileBytes)
	}
	if err := corpus.CheckLink(c.Corpus.Link); err != nil {
		return fmt.Errorf("corpus.link %q: %w", c.Corpus.Link, err)
	}
	if d := c.Corpus.WatchDebounce; d < 10*time.Millisecond || d > time.Hour {
		return fmt.Errorf("corpus.watch_debounce must be between 10ms and 1h, not %s", d)
	}
	return nil
}

func (c Config) validateEmbedder() error {
	e := c.Embedder
	switch e.Kind {
	case "local", "":
	case "openai":
		if err := httpURL("embedder.base_url", e.BaseURL); err != nil {
			return err
		}
		if e.Model == "" {
			return errors.New("embedder.model is required when embedder.kind is openai")
		}
		if e.BatchSize < 1 || e.BatchSize > 2048 || e.Concurrency < 1 || e.Concurrency > 64 {
			return errors.New("embedder.batch_size must be 1–2048 and embedder.concurrency 1–64")
		}
	default:
		return fmt.Errorf("embedder.kind %q is not supported (use local or openai)", e.Kind)
	}
	if e.Dims < 64 || e.Dims > 8192 {
		return fmt.Errorf("embedder.dims must be between 64 and 8192, not %d", e.Dims)
	}
	return nil
}

func (c Config) validateRetrieval() error {
	if c.Retrieval.TopK < 1 || c.Retrieval.TopK > 20 {
		return fmt.Errorf("retrieval.top_k must be between 1 and 20, not %d", c.Retrieval.TopK)
	}
	if c.Retrieval.MinConfidence < 0 || c.Retrieval.MinConfidence > 1 {
		return fmt.Errorf("retrieval.min_confidence must be between 0 and 1, not %g", c.Retrieval.MinConfidence)
	}
	return nil
}

// validateLLM checks the model settings, which matter only with a model.
func (c Config) validateLLM() error {
	l := c.LLM
	if l.BaseURL == "" {
		return nil
	}
	if err := httpURL("llm.base_url", l.BaseURL); err != nil {
		return err
	}
	if l.Model == "" {
		return errors.New("llm.model is required when llm.base_url is set")
	}
	if l.Temperature != nil && (*l.Temperature < 0 || *l.Temperature > 2) {
		return fmt.Errorf("llm.temperature must be between 0 and 2, not %g", *l.Temperature)
	}
	if l.MaxTokens < 0 || l.Timeout <= 0 || l.MaxRetries < 0 || l.MaxRetries > 10 {
		return errors.New("llm.max_tokens must be ≥ 0, llm.timeout > 0 and llm.max_retries 0–10")
	}
	if l.MaxOutputBytes < 1024 || l.MaxOutputBytes > 16<<20 {
		return errors.New("llm.max_output_bytes must be between 1024 and 16777216")
	}
	if l.MaxContextChars < 1000 || l.Passages < 1 || l.Passages > 20 {
		return errors.New("llm.max_context_chars must be ≥ 1000 and llm.passages 1–20")
	}
	if l.MinCoverage < 0 || l.MinCoverage > 1 {
		return fmt.Errorf("llm.min_coverage must be between 0 and 1, not %g", l.MinCoverage)
	}
	return nil
}

func (c Config) validateDiscord() error {
	d := c.Discord
	if d.ReplyMode != "thread" && d.ReplyMode != "reply" {
		return fmt.Errorf("discord.reply_mode must be thread or reply, not %q", d.ReplyMode)
	}
	if d.Render != "embed" && d.Render != "plain" {
		return fmt.Errorf("discord.render must be embed or plain, not %q", d.Render)
	}
	if d.APIBaseURL != "" {
		if err := httpURL("discord.api_base_url", d.APIBaseURL); err != nil {
			return err
		}
	}
	if d.TokenEnv == "" {
		return errors.New("discord.token_env must name an environment variable")
	}
	if d.RatePerMinute <= 0 || d.RateBurst < 1 || d.MaxConcurrent < 1 || d.QueueSize < 0 {
		return errors.New("discord.rate_per_minute and discord.rate_burst must be positive, discord.max_concurrent ≥ 1, discord.queue_size ≥ 0")
	}
	if d.MaxMessages < 1 {
		return errors.New("discord.max_messages must be at least 1")
	}
	if d.EditInterval <= 0 || d.AnswerTimeout <= 0 || d.ShutdownTimeout <= 0 {
		return errors.New("discord.edit_interval, discord.answer_timeout and discord.shutdown_timeout must be positive")
	}
	return nil
}

func (c Config) validateServe() error {
	s := c.Serve
	if _, _, err := net.SplitHostPort(s.Addr); err != nil {
		return fmt.Errorf("serve.addr must be HOST:PORT (for example 127.0.0.1:8080), not %q", s.Addr)
	}
	for _, name := range s.APIKeysEnv {
		if name == "" {
			return errors.New("serve.api_keys_env: an empty environment variable name")
		}
	}
	if s.MaxBodyBytes < 1 {
		return errors.New("serve.max_body_bytes must be positive")
	}
	if s.RatePerMinute <= 0 || s.RateBurst < 1 || s.MaxConcurrent < 1 || s.QueueSize < 0 {
		return errors.New("serve.rate_per_minute and serve.rate_burst must be positive, serve.max_concurrent ≥ 1, serve.queue_size ≥ 0")
	}
	if s.ReadTimeout <= 0 || s.IdleTimeout <= 0 || s.StreamInterval <= 0 || s.AnswerTimeout <= 0 || s.ShutdownTimeout <= 0 {
		return errors.New("serve.read_timeout, serve.idle_timeout, serve.stream_interval, serve.answer_timeout and serve.shutdown_timeout must be positive")
	}
	if s.WriteTimeout <= s.AnswerTimeout {
		return fmt.Errorf("serve.write_timeout (%s) must be longer than serve.answer_timeout (%s), or answers are cut off", s.WriteTimeout, s.AnswerTimeout)
	}
	if !envName.MatchString(s.ModeratorTokenEnv) {
		return fmt.Errorf("serve.moderator_token_env must name an environment variable (letters, digits and _), not %q", s.ModeratorTokenEnv)
	}
	if _, err := ParsePrefixes(s.TrustedProxies); err != nil {
		return fmt.Errorf("serve.trusted_proxies: %w", err)
	}
	if err := checkPublicURL(s.PublicURL); err != nil {
		return fmt.Errorf("serve.public_url %q: %w", s.PublicURL, err)
	}
	if c.Corpus.Link == "" {
		// The viewer's template made of it (a bad corpus.link is told
		// under its own key).
		if err := corpus.CheckLink(c.CitationLink()); err != nil {
			return fmt.Errorf("serve.public_url %q: %w", s.PublicURL, err)
		}
	}
	return nil
}

// ParsePrefixes reads networks written as CIDRs ("10.0.0.0/8") or single
// addresses ("192.0.2.1").
func ParsePrefixes(ss []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(ss))
	for _, s := range ss {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%q is neither a network (10.0.0.0/8) nor an address", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// envName is what an environment variable's name may be.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// checkPublicURL says what is wrong with a public address: it must be an
// absolute http(s) URL without a query, a fragment or a user; "" is fine.
func checkPublicURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("not a URL: %w", err)
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return errors.New("not an absolute http(s) URL (for example https://docs-bot.example.org)")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		return errors.New("a query or a fragment: give the address of the site alone")
	case u.User != nil:
		return errors.New("a user name in the address")
	case strings.ContainsAny(s, "{} "):
		return errors.New("braces or spaces in the address")
	}
	return nil
}

// CitationLink is the link template of citations: corpus.link, or with
// none, the document viewer of serve.public_url (the cited lines
// highlighted; a PDF's page, whose lines the template can't name); "" for
// no links.
func (c Config) CitationLink() string {
	if c.Corpus.Link != "" || c.Serve.PublicURL == "" {
		return c.Corpus.Link
	}
	return strings.TrimRight(c.Serve.PublicURL, "/") + "/doc/{path}?hl={start}-{end}&page={page}#L{start}"
}

func (c Config) validateAudit() error {
	if c.Audit.RetentionDays < 0 {
		return errors.New("audit.retention_days must be ≥ 0 (0 keeps answers forever)")
	}
	return nil
}

func (c Config) validateLog() error {
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log.level must be debug, info, warn or error, not %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		return fmt.Errorf("log.format must be text or json, not %q", c.Log.Format)
	}
	return nil
}

// httpURL checks that the value of key is an http(s) URL.
func httpURL(key, v string) error {
	if v == "" {
		return fmt.Errorf("%s is required", key)
	}
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s %q is not an http(s) URL (for example http://localhost:11434/v1)", key, v)
	}
	return nil
}
