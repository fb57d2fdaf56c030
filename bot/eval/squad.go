package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/citebot/citebot/retrieval/text"
)

// squadFile is the part of a SQuAD 2.0 JSON file citebot reads.
type squadFile struct {
	Data []struct {
		Title      string `json:"title"`
		Paragraphs []struct {
			Context string `json:"context"`
			QAs     *[]struct {
				ID           string `json:"id"`
				Question     string `json:"question"`
				IsImpossible bool   `json:"is_impossible"`
				Answers      []struct {
					Text        string `json:"text"`
					AnswerStart int    `json:"answer_start"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

// IsSQuAD reports whether raw is a SQuAD JSON file: an object whose data
// holds articles with paragraphs with qas.
func IsSQuAD(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return false
	}
	var f squadFile
	if json.Unmarshal(raw, &f) != nil {
		return false
	}
	for _, a := range f.Data {
		for _, p := range a.Paragraphs {
			if p.QAs != nil {
				return true
			}
		}
	}
	return false
}

// SQuAD is a SQuAD file turned into citebot's terms: a corpus of one
// plain-text document per article and the questions asked over it.
type SQuAD struct {
	// Files maps a file name ("Title.txt") to its text: the article's title
	// on line 1, then its paragraphs separated by blank lines.
	Files map[string]string
	Cases []Case
}

// ParseSQuAD converts a SQuAD 2.0 file. An answerable question's evidence
// is the sentence of its paragraph that holds the first answer's start, so
// the right paragraph is judged by a span of that paragraph only; its
// answers are the accepted answer texts. An impossible question is
// unanswerable.
func ParseSQuAD(raw []byte) (SQuAD, error) {
	var f squadFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return SQuAD{}, fmt.Errorf("read SQuAD file: %w", err)
	}
	out := SQuAD{Files: map[string]string{}}
	yes, no := true, false
	for ai, a := range f.Data {
		title := strings.TrimSpace(strings.ReplaceAll(a.Title, "_", " "))
		if title == "" {
			title = fmt.Sprintf("Article %d", ai+1)
		}
		name := squadFileName(title)
		for i := 2; out.Files[name] != ""; i++ {
			name = fmt.Sprintf("%s-%d.txt", strings.TrimSuffix(squadFileName(title), ".txt"), i)
		}
		var doc strings.Builder
		doc.WriteString(title + "\n")
		for pi, p := range a.Paragraphs {
			// One paragraph, one block: line breaks inside it would be
			// paragraph breaks to the corpus reader. Offsets are kept.
			ctx := strings.Map(func(r rune) rune {
				if r == '\n' || r == '\r' {
					return ' '
				}
				return r
			}, p.Context)
			if strings.TrimSpace(ctx) != "" {
				doc.WriteString("\n" + strings.TrimSpace(ctx) + "\n")
			}
			if p.QAs == nil {
				continue
			}
			for qi, q := range *p.QAs {
				id := q.ID
				if id == "" {
					id = fmt.Sprintf("%s-p%d-q%d", name, pi+1, qi+1)
				}
				c := Case{ID: id, Question: q.Question, Answerable: &no}
				if !q.IsImpossible && len(q.Answers) > 0 {
					c.Answerable = &yes
					if ev := sentenceAt(ctx, q.Answers[0].AnswerStart); ev != "" {
						c.Evidence = Strings{ev}
					}
					seen := map[string]bool{}
					for _, ans := range q.Answers {
						if t := strings.TrimSpace(ans.Text); t != "" && !seen[t] {
							seen[t] = true
							c.Answers = append(c.Answers, t)
						}
					}
				}
				out.Cases = append(out.Cases, c)
			}
		}
		out.Files[name] = doc.String()
	}
	if len(out.Cases) == 0 {
		return SQuAD{}, fmt.Errorf("SQuAD file holds no questions")
	}
	return out, nil
}

// sentenceAt returns the sentence of s holding character offset off, or ""
// when off is outside s. SQuAD offsets count characters; they are the
// same as bytes for ASCII and found again by rune count otherwise.
func sentenceAt(s string, off int) string {
	if off < 0 {
		return ""
	}
	b := text.ByteOffset(s, off)
	if b >= len(s) {
		return ""
	}
	for _, sp := range sentenceSpans(s) {
		if b < sp[1] {
			return s[sp[0]:sp[1]]
		}
	}
	return ""
}

// squadFileName makes a safe file name of an article title.
func squadFileName(title string) string {
	name := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, title)
	return strings.Trim(name, "._") + ".txt"
}
