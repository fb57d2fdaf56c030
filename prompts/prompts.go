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
	"unicode"
	"unicode/utf8"
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
	N              int
	Title, Section string
	// Where is the passage's place in the corpus as people write it
	// ("a.txt:6–8"; the locator's String).
	Where string
	Text  string
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
		tmpl, err := template.New(t.name).Funcs(template.FuncMap{"data": data, "field": field}).Option("missingkey=error").Parse(src)
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

// fenceTags are the tags that fence data in the templates; text inside the
// data may neither open nor close them.
var fenceTags = []string{"passages", "question", "conversation", "last_question"}

// data keeps text from opening or closing the tags that fence it: a '<',
// or anything that looks like one, that starts what reads as a fence tag
// (in any case, with spaces, slashes or zero-width characters around, in
// fullwidth or look-alike letters) is written "&lt;".
func data(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isLessThan(r) && opensFenceTag(s[i+size:]) {
			b.WriteString("&lt;")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// field is data for a one-line field from the corpus (title, section,
// source): control characters and line breaks become spaces, zero-width
// characters go, and it is fenced as data.
func field(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	return data(strings.Join(strings.Fields(s), " "))
}

func isLessThan(r rune) bool {
	return strings.ContainsRune("<＜﹤‹〈〈⟨❮˂ᐸ⧼", r)
}

func isSlash(r rune) bool { return strings.ContainsRune("/／⁄∕⧸\\＼", r) }

// opensFenceTag reports whether s, which follows a '<', reads as the name
// of a fence tag.
func opensFenceTag(s string) bool {
	var name []rune
scan:
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r):
			continue
		case len(name) == 0 && (unicode.IsSpace(r) || isSlash(r)):
			continue
		}
		l, ok := tagLetter(r)
		if !ok || len(name) >= 16 {
			break scan
		}
		name = append(name, l)
	}
	for _, t := range fenceTags {
		if strings.HasPrefix(string(name), t) {
			return true
		}
	}
	return false
}

// lookAlikes maps letters that look like those of the fence tags to them.
var lookAlikes = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'ѕ': 's', 'і': 'i', 'ԛ': 'q', 'у': 'y', 'ν': 'v',
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ι': 'i', 'τ': 't', 'κ': 'k', 'ѵ': 'v', 'ɡ': 'g', 'ı': 'i', '＿': '_',
}

// tagLetter folds a letter of a possible tag name to lower-case ASCII.
func tagLetter(r rune) (rune, bool) {
	if r >= 0xFF01 && r <= 0xFF5E { // fullwidth ASCII
		r -= 0xFEE0
	}
	if l, ok := lookAlikes[unicode.ToLower(r)]; ok {
		r = l
	}
	r = unicode.ToLower(r)
	return r, (r >= 'a' && r <= 'z') || r == '_'
}

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
