package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
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
	} `yaml:"corpus"`
	Embedder struct {
		Kind string `yaml:"kind"` // local
		Dims int    `yaml:"dims"`
	} `yaml:"embedder"`
	Retrieval struct {
		TopK        int     `yaml:"top_k"`
		MinCoverage float64 `yaml:"min_coverage"`
	} `yaml:"retrieval"`
	Log struct {
		Level  string `yaml:"level"`  // debug, info, warn, error
		Format string `yaml:"format"` // text, json
	} `yaml:"log"`
}

func defaultConfig() Config {
	var c Config
	c.Embedder.Kind = "local"
	c.Embedder.Dims = 1024
	c.Retrieval.TopK = 3
	c.Retrieval.MinCoverage = 0.5
	c.Log.Level = "info"
	c.Log.Format = "text"
	return c
}

// loadConfig reads the file at path over the defaults; an empty path gives
// the defaults. Unknown keys are errors, so a typo never goes unnoticed.
// Relative folders in the file are taken from the file's own folder.
func loadConfig(path string) (Config, error) {
	c := defaultConfig()
	if path == "" {
		return c, c.validate()
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("read config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	base := filepath.Dir(path)
	for _, p := range []*string{&c.DataDir, &c.Corpus.Dir} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	if err := c.validate(); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

func (c Config) validate() error {
	switch c.Embedder.Kind {
	case "local", "":
	default:
		return fmt.Errorf("embedder.kind %q is not supported (use local)", c.Embedder.Kind)
	}
	if c.Embedder.Dims < 64 || c.Embedder.Dims > 8192 {
		return fmt.Errorf("embedder.dims must be between 64 and 8192, not %d", c.Embedder.Dims)
	}
	if c.Retrieval.TopK < 1 || c.Retrieval.TopK > 20 {
		return fmt.Errorf("retrieval.top_k must be between 1 and 20, not %d", c.Retrieval.TopK)
	}
	if c.Retrieval.MinCoverage < 0 || c.Retrieval.MinCoverage > 1 {
		return fmt.Errorf("retrieval.min_coverage must be between 0 and 1, not %g", c.Retrieval.MinCoverage)
	}
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
