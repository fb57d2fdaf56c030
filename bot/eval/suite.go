package eval

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SeedsCorpus names the embedded default corpus in a suite.
const SeedsCorpus = "seeds"

// Suite is a list of evaluation sets run together.
type Suite struct {
	Sets []SuiteSet `yaml:"sets"`
}

// SuiteSet is one set of a suite.
type SuiteSet struct {
	// Name names the set in reports and its index's data folder.
	Name string `yaml:"name"`
	// Eval is the evaluation file: YAML, or a SQuAD JSON file.
	Eval string `yaml:"eval"`
	// Corpus is "seeds" (the default corpus), a folder, or a SQuAD JSON
	// file (usually Eval itself), whose articles are the corpus. Empty
	// means the SQuAD file Eval.
	Corpus string `yaml:"corpus"`
	// Build is the command that builds a corpus folder that is not there,
	// run from the repository root; the suite does not run it.
	Build string `yaml:"build"`
}

// Corpus kinds of a suite set.
const (
	KindSeeds  = "seeds"
	KindFolder = "folder"
	KindSQuAD  = "squad"
)

// Kind says what the set's corpus is: KindSeeds, KindFolder or KindSQuAD.
func (s SuiteSet) Kind() string {
	switch {
	case s.Corpus == SeedsCorpus:
		return KindSeeds
	case s.Corpus == "" || strings.HasSuffix(strings.ToLower(s.Corpus), ".json"):
		return KindSQuAD
	}
	return KindFolder
}

// Unavailable says why the set cannot run now, "" when it can: its corpus
// folder is missing or empty (with the command that builds it), or a file
// is missing.
func (s SuiteSet) Unavailable() string {
	if _, err := os.Stat(s.Eval); err != nil {
		return fmt.Sprintf("evaluation file %s not found", s.Eval)
	}
	switch s.Kind() {
	case KindSQuAD:
		if _, err := os.Stat(s.Corpus); err != nil {
			return fmt.Sprintf("SQuAD file %s not found", s.Corpus)
		}
	case KindFolder:
		ents, err := os.ReadDir(s.Corpus)
		if err == nil && len(ents) > 0 {
			return ""
		}
		msg := fmt.Sprintf("corpus folder %s is missing or empty", s.Corpus)
		if s.Build != "" {
			msg += "; build it with: " + s.Build
		}
		return msg
	}
	return ""
}

// LoadSuite reads a suite file. Relative eval and corpus paths are taken
// from the suite file's folder.
func LoadSuite(path string) (Suite, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Suite{}, fmt.Errorf("read suite: %w", err)
	}
	var s Suite
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return Suite{}, fmt.Errorf("suite %s: %w", path, err)
	}
	if len(s.Sets) == 0 {
		return Suite{}, fmt.Errorf("suite %s lists no sets", path)
	}
	base := filepath.Dir(path)
	rel := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	seen := map[string]bool{}
	for i := range s.Sets {
		set := &s.Sets[i]
		switch {
		case !validSetName(set.Name):
			return Suite{}, fmt.Errorf("suite %s, set %d: name %q must be letters, digits, '-', '_' or '.'", path, i+1, set.Name)
		case seen[set.Name]:
			return Suite{}, fmt.Errorf("suite %s: two sets are named %q", path, set.Name)
		case set.Eval == "":
			return Suite{}, fmt.Errorf("suite %s, set %s: no eval file", path, set.Name)
		case set.Corpus == "" && !strings.HasSuffix(strings.ToLower(set.Eval), ".json"):
			return Suite{}, fmt.Errorf("suite %s, set %s: no corpus (seeds, a folder or a SQuAD JSON file)", path, set.Name)
		}
		seen[set.Name] = true
		set.Eval = rel(set.Eval)
		switch {
		case set.Corpus == "":
			set.Corpus = set.Eval
		case set.Corpus != SeedsCorpus:
			set.Corpus = rel(set.Corpus)
		}
	}
	return s, nil
}

func validSetName(n string) bool {
	if n == "" || n == "." || n == ".." || len(n) > 64 {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// Load reads an evaluation file: a SQuAD JSON file (its questions, and its
// articles as a corpus) or a YAML list of cases (no corpus).
func Load(path string) ([]Case, *SQuAD, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read evaluation file: %w", err)
	}
	if IsSQuAD(raw) {
		sq, err := ParseSQuAD(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("evaluation file %s: %w", path, err)
		}
		return sq.Cases, &sq, nil
	}
	cases, err := LoadFile(path)
	return cases, nil, err
}
