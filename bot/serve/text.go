package serve

import (
	"fmt"
	"strings"
	"time"
)

// What users are told when things go wrong: short, the cause in the log.
const (
	// FailedText: the answer could not be written.
	FailedText = "Sorry, I could not answer that just now. Please try again later."
	// OverloadedText: the question waited in the queue until its time was up.
	OverloadedText = "Sorry, too many questions at once; please ask again in a minute."
	// RestartingText: the desk is shutting down.
	RestartingText = "Sorry, I'm restarting; please ask again in a minute."
)

// BusyText tells a refused asker when to come back.
func BusyText(wait time.Duration) string {
	s := int(wait.Seconds() + 0.999)
	return fmt.Sprintf("I'm busy right now; please try again in %d s.", max(s, 1))
}

// UserNote is the part of an answer's note users see: parenthesised detail
// (an error's text, which may quote a model server's reply, keys and
// account names included) is left out; the full note goes to the log and
// the journal.
func UserNote(note string) string {
	if note == "" { // most answers carry no note
		return ""
	}
	var b strings.Builder
	depth := 0
	for _, r := range note {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	s = strings.NewReplacer(" ,", ",", " .", ".", " ;", ";").Replace(s)
	if depth > 0 { // an unclosed parenthesis: everything after it was dropped
		s = strings.TrimRight(s, " ,;:") + "."
	}
	return s
}
