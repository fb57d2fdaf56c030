package text

import "strings"

// EntryLabel returns the name a line labels when the line is nothing but
// an entry's label in a reference page: one code span or bold term, maybe
// followed by a colon, over the text about it ("`startretries`" over
// "The number of serial failure attempts …", "**maxRetries**:" over "How
// many times …"). A label names; it says nothing, so the sentences below
// it are about what it names. ok is false for anything else: a sentence
// in bold ("**Note: this is deprecated.**"), a code span among words, a
// span holding a line break.
func EntryLabel(line string) (name string, ok bool) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), ":"))
	bold := false
	for _, mark := range []string{"**", "__"} {
		if inner, found := strings.CutPrefix(t, mark); found {
			if inner, found = strings.CutSuffix(inner, mark); found {
				t, bold = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(inner), ":")), true
				break
			}
		}
	}
	for _, mark := range []string{"``", "`"} {
		if inner, found := strings.CutPrefix(t, mark); found {
			if inner, found = strings.CutSuffix(inner, mark); found {
				if strings.Contains(inner, "`") {
					return "", false
				}
				return labelName(inner, true)
			}
		}
	}
	if !bold {
		return "", false // no mark: a line of words
	}
	return labelName(t, false)
}

// labelName checks the words inside a label's marks: a name, not a
// sentence. code is true for a code span's, which may hold a value or an
// option's argument ("respawn_max=x", "--retries <n>"), not a command.
func labelName(t string, code bool) (string, bool) {
	if t == "" || len(t) > maxLabel || strings.ContainsAny(t, "*\n") || notLabels[strings.ToLower(t)] {
		return "", false
	}
	f := strings.Fields(t)
	if code {
		// A name ("startretries", "respawn_max=x") or an option with its
		// argument ("--retries <n>"), not a command ("go get …").
		if len(f) > 1 && (!strings.HasPrefix(f[0], "-") || len(f) > 3) {
			return "", false
		}
		return t, true
	}
	// A bold term is a few words, not a sentence.
	if strings.ContainsAny(t, ".!?,;`") || len(f) > maxLabelWords {
		return "", false
	}
	return t, true
}

// notLabels are words a line may hold alone in bold that name no entry:
// an admonition's ("**Note**", "**Important**") or a field's of the entry
// ("**Default:**", "**Type**"), which are of the entry they are in.
var notLabels = map[string]bool{"note": true, "notes": true, "important": true, "warning": true, "warnings": true,
	"caution": true, "tip": true, "tips": true, "hint": true, "danger": true, "attention": true, "info": true,
	"example": true, "examples": true, "default": true, "defaults": true, "type": true, "types": true,
	"required": true, "optional": true, "see also": true, "usage": true, "output": true, "result": true,
	"returns": true, "return": true, "value": true, "values": true, "todo": true, "deprecated": true,
	"since": true, "introduced": true, "description": true, "synopsis": true, "options": true, "arguments": true,
	"parameters": true, "notice": true, "summary": true}

// maxLabel bounds an entry's label, in bytes; maxLabelWords a bold one's
// words.
const (
	maxLabel      = 80
	maxLabelWords = 5
)

// Entries returns, for each of a text's sentences (spans), the index of
// the label sentence (EntryLabel) of the entry it belongs to, or -1: a
// label's entry runs from it to the next label or heading line. The
// label's own index is its own.
func Entries(body string, spans []Span) []int {
	out := make([]int, len(spans))
	open := -1
	for i, sp := range spans {
		s := strings.TrimSpace(body[sp.Start:sp.End])
		switch {
		case !strings.Contains(s, "\n") && isLabel(s):
			open = i
		case strings.HasPrefix(s, "#"):
			open = -1
		}
		out[i] = open
	}
	return out
}

// AboutEntry returns over, what names sentence i of body (spans) from
// above, with the name its entry's label gives (entries, from Entries)
// when it speaks in one: what a sentence of "`startretries`"'s entry is
// about.
func AboutEntry(over, body string, spans []Span, entries []int, i int) string {
	e := entries[i]
	if e < 0 || e >= i {
		return over
	}
	name, _ := EntryLabel(body[spans[e].Start:spans[e].End])
	return strings.TrimSpace(over + " " + name)
}

func isLabel(s string) bool {
	_, ok := EntryLabel(s)
	return ok
}
