package llm

import "strings"

const (
	openThink  = "<think>"
	closeThink = "</think>"
)

// thinkFilter removes a reasoning model's thinking from streamed text:
// blocks in <think>…</think>, and everything before a lone </think> (some
// chat templates open the block in the prompt, so only the close arrives).
type thinkFilter struct {
	inThink bool
	pending string          // held back: may be the start of a tag
	shown   strings.Builder // visible text so far
}

// feed takes the next piece of the stream and returns the text that is now
// safe to show. reset reports that everything shown before was reasoning
// after all (a lone </think>) and must be withdrawn.
func (f *thinkFilter) feed(s string) (out string, reset bool) {
	buf := f.pending + s
	f.pending = ""
	var b strings.Builder
	for buf != "" {
		if f.inThink {
			i := strings.Index(buf, closeThink)
			if i < 0 {
				f.pending = tail(buf, closeThink)
				return b.String(), reset
			}
			buf = strings.TrimLeft(buf[i+len(closeThink):], " \t\r\n")
			f.inThink = false
			continue
		}
		open, close := strings.Index(buf, openThink), strings.Index(buf, closeThink)
		switch {
		case close >= 0 && (open < 0 || close < open):
			// A lone closing tag: all before it was reasoning.
			f.shown.Reset()
			b.Reset()
			reset = true
			buf = strings.TrimLeft(buf[close+len(closeThink):], " \t\r\n")
		case open >= 0:
			b.WriteString(buf[:open])
			f.shown.WriteString(buf[:open])
			f.inThink = true
			buf = buf[open+len(openThink):]
		default:
			keep := max(len(tail(buf, openThink)), len(tail(buf, closeThink)))
			b.WriteString(buf[:len(buf)-keep])
			f.shown.WriteString(buf[:len(buf)-keep])
			f.pending = buf[len(buf)-keep:]
			buf = ""
		}
	}
	return b.String(), reset
}

// flush returns what was held back at the end of the stream.
func (f *thinkFilter) flush() string {
	if f.inThink {
		// An unterminated think block: none of it is the answer.
		f.pending = ""
		return ""
	}
	out := f.pending
	f.pending = ""
	f.shown.WriteString(out)
	return out
}

// text is the whole visible answer.
func (f *thinkFilter) text() string { return f.shown.String() }

// tail returns the longest suffix of s that is a proper prefix of tag.
func tail(s, tag string) string {
	for n := min(len(s), len(tag)-1); n > 0; n-- {
		if strings.HasSuffix(s, tag[:n]) {
			return s[len(s)-n:]
		}
	}
	return ""
}

// StripThinking removes reasoning from a complete answer.
func StripThinking(s string) string {
	var f thinkFilter
	f.feed(s)
	f.flush()
	return f.text()
}
