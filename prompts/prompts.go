// Package prompts holds the prompt templates citebot sends to a model
// server, embedded in the binary and overridable from a folder.
package prompts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var embedded embed.FS

// NoAnswer is the sentence a model is told to reply with when the passages
// do not answer a question; citebot recognises it and declines.
const NoAnswer = "I cannot answer this from the corpus."

// Template file names.
const (
	SystemFile  = "system.tmpl"
	UserFile    = "user.tmpl"
	RewriteFile = "rewrite.tmpl"
)

// Passage is a passage as the model sees it.
type Passage struct {
	N                  int
	Title, Section     string
	Source             string
	LineStart, LineEnd int
	Text               string
}

// Turn is one earlier message of a conversation.
type Turn struct {
	Role    string // "user" or "assistant"
	Content string
}

// Set is a loaded set of templates.
type Set struct {
	system, user, rewrite *template.Template
}

// Load returns the embedded templates, each replaced by the file of the
// same name in dir when dir is not empty and holds one.
func Load(dir string) (*Set, error) {
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("prompts: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("prompts: %s is not a folder", dir)
		}
	}
	var s Set
	for _, t := range []struct {
		name string
		dst  **template.Template
	}{{SystemFile, &s.system}, {UserFile, &s.user}, {RewriteFile, &s.rewrite}} {
		src, err := read(dir, t.name)
		if err != nil {
			return nil, err
		}
		tmpl, err := template.New(t.name).Funcs(template.FuncMap{"data": data}).Option("missingkey=error").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("prompts: %w", err)
		}
		*t.dst = tmpl
	}
	return &s, nil
}

func read(dir, name string) (string, error) {
	if dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("prompts: %w", err)
		}
	}
	b, err := embedded.ReadFile(name)
	return string(b), err
}

// dataTags are the tags that fence data in the templates; text inside the
// data may not close them.
var dataTags = strings.NewReplacer(
	"</passages>", "<\\/passages>", "</question>", "<\\/question>",
	"</conversation>", "<\\/conversation>", "</last_question>", "<\\/last_question>",
)

// data keeps text from closing the tags that fence it.
func data(s string) string { return dataTags.Replace(s) }

// Answer renders the system and user messages that ask a question about
// passages.
func (s *Set) Answer(question string, passages []Passage) (system, user string, err error) {
	if system, err = exec(s.system, map[string]any{"NoAnswer": NoAnswer}); err != nil {
		return "", "", err
	}
	user, err = exec(s.user, map[string]any{"Question": question, "Passages": passages})
	return system, user, err
}

// Rewrite renders the message that asks for a follow-up question to be
// made standalone.
func (s *Set) Rewrite(question string, history []Turn) (string, error) {
	return exec(s.rewrite, map[string]any{"Question": question, "History": history})
}

func exec(t *template.Template, v any) (string, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return "", fmt.Errorf("prompts: render %s: %w", t.Name(), err)
	}
	return strings.TrimSpace(b.String()), nil
}
