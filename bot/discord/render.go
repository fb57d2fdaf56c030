package discord

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
)

// Discord's limits (characters).
const (
	maxContent      = 2000
	maxDescription  = 4096
	maxFieldName    = 256
	maxFieldValue   = 1024
	maxFields       = 25
	maxEmbedTotal   = 6000
	maxButtonLabel  = 80
	maxButtonsInRow = 5
	maxRows         = 5
)

// message is one Discord message to send or edit.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// filled returns m with an empty embed list instead of none, so that an
// edit sends "embeds": [] (clearing them) rather than null.
func (m message) filled() message {
	if m.Embeds == nil {
		m.Embeds = []*discordgo.MessageEmbed{}
	}
	return m
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// clip shortens s to at most n characters, ending in "…" (text.Clip).
func clip(s string, n int) string { return text.Clip(s, n) }

// split cuts text into pieces of at most limit characters, at paragraph,
// then line, then sentence, then word boundaries, never inside a word when
// it can help it; a code block cut in two is closed and reopened so each
// piece renders on its own.
func split(text string, limit int) []string {
	var out []string
	fence := "" // the ``` line open at the end of the previous piece
	for runes(text) > 0 {
		prefix := ""
		switch {
		case fence == "":
		case runes(fence)+1 <= limit/4:
			prefix = fence + "\n"
		case limit >= 12:
			prefix = "```\n" // the tag would leave too little room
		}
		room := limit - runes(prefix) - 4 // room for a closing fence
		if runes(prefix)+runes(text) <= limit {
			out = append(out, prefix+text)
			break
		}
		cut := cutPoint(text, max(room, 1))
		if cut == 0 {
			_, cut = utf8.DecodeRuneInString(text) // always make progress
		}
		piece := strings.TrimRight(text[:cut], " \n")
		text = strings.TrimLeft(text[cut:], " \n")
		open := openFence(fence, piece)
		if open != "" && prefix == "" && fence != "" {
			open = "" // a block that could not be reopened stays as it was
		}
		if open != "" {
			piece += "\n```"
		}
		out = append(out, prefix+piece)
		fence = open
	}
	return out
}

// cutPoint returns the byte offset at which to cut s so that the first
// part has at most room characters.
func cutPoint(s string, room int) int {
	limit := text.ByteOffset(s, room)
	head := s[:limit]
	for _, sep := range []string{"\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " "} {
		if i := strings.LastIndex(head, sep); i > limit/3 {
			return i + len(sep)
		}
	}
	return limit
}

// openFence returns the fence line left open after piece, given the one
// open before it ("" for none). A line with an odd number of ``` opens or
// closes a block; "```x```" on one line is complete in itself.
func openFence(open, piece string) string {
	for _, line := range strings.Split(piece, "\n") {
		if strings.Count(line, "```")%2 == 0 {
			continue
		}
		if open == "" {
			open = "```" + fenceTag(line[strings.Index(line, "```")+3:])
		} else {
			open = ""
		}
	}
	return open
}

// fenceTag returns the language tag that follows a fence ("go" in
// "```go"), or "" when what follows is not a short word.
func fenceTag(s string) string {
	tag, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	if tag == "" || len(tag) > 15 || strings.ContainsAny(tag, "`") {
		return ""
	}
	for _, r := range tag {
		if !(r == '+' || r == '-' || r == '#' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return tag
}

// escape keeps corpus text from being read as Discord markdown.
var escaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`)

func escape(s string) string { return escaper.Replace(s) }

// quote formats an excerpt as a Discord block quote.
func quote(s string) string {
	lines := strings.Split(escape(s), "\n")
	return "> " + strings.Join(lines, "\n> ")
}

// heading names the document and section of a location: "Title › Section".
func heading(loc corpus.Locator) string {
	if loc.Section == "" {
		return loc.Title
	}
	return loc.Title + " › " + loc.Section
}

// place is how a source is named: "Title › Section (file:6–8)", the
// location in its one human form, Locator.String, on one line whatever
// the corpus's file names, titles and sections hold.
func place(loc corpus.Locator) string {
	return oneLine(heading(loc) + " (" + loc.String() + ")")
}

// oneLine replaces what could break a name out of its line or reorder its
// text (line breaks and other control characters, bidirectional
// overrides and isolates) with U+FFFD.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case text.Hidden(r):
			return '\ufffd'
		}
		return r
	}, s)
}

// source is one numbered source under an answer.
type source struct {
	ref   string // "[1]", or "1." for a closest passage
	place string // "Title › Section (file:6–8)", one line
	where string // "file:6–8", one line
	url   string // a masked link's target (linkTarget), "" for none
	body  string // the excerpt as a quote, or why there is none
}

// name is how the source is headed: "[1] Title › Section (file:6–8)".
func (s source) name() string { return s.ref + " " + s.place }

// newSource heads a source at loc, linked to url when it is one of ours.
func newSource(ref string, loc corpus.Locator, url, body string) source {
	return source{ref: ref, place: place(loc), where: oneLine(loc.String()), url: linkTarget(url), body: body}
}

func sources(a bot.Answer) []source {
	var out []source
	if a.Declined {
		for i, r := range a.Related {
			out = append(out, newSource(fmt.Sprintf("%d.", i+1), r.Locator, r.URL, quote(clip(r.Passage, 300))))
		}
		return out
	}
	for _, c := range a.Citations {
		body := "The words the model quoted " + c.WhereNotFound() + "; they are not shown as a quotation."
		if c.Verified {
			body = quote(clip(c.Excerpt, 700))
		}
		out = append(out, newSource(fmt.Sprintf("[%d]", c.Ref), c.Locator, c.URL, body))
	}
	return out
}

// maxLinkURL is the longest address citebot makes a link of; a longer one
// would crowd out the excerpt it stands above.
const maxLinkURL = 512

// linkTarget makes url, an address citebot made from corpus.link (never
// one a model or the corpus wrote), safe as the target of a Markdown
// masked link: anything that could end the link early or break its line
// (parentheses, angle brackets, spaces, backslashes, quotes, controls,
// non-ASCII) is percent-encoded. "" when url is not an http(s) address or
// is too long.
func linkTarget(url string) string {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") || len(url) > maxLinkURL {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(url); i++ {
		c := url[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~:/?#@!$&*+,;=%", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// linkText makes s safe as the text of a masked link: escaped like other
// corpus text, with square brackets (which would end or nest the link)
// turned into parentheses.
func linkText(s string) string {
	return strings.NewReplacer("[", "(", "]", ")").Replace(escape(s))
}

// maskedLinkTo is the Markdown masked link [text](target), or with angle
// [text](<target>), which keeps Discord from adding a preview of the page
// to a message (embeds get none anyway).
func maskedLinkTo(text, target string, angle bool) string {
	if !angle {
		return "[" + linkText(text) + "](" + target + ")"
	}
	return "[" + linkText(text) + "](<" + target + ">)"
}

// renderAnswer turns an answer into at most maxMsgs messages within
// Discord's limits (0: no bound); the last one carries the buttons. An
// answer that needs more is cut short, sources kept, with a line saying so.
func renderAnswer(a bot.Answer, embeds bool, buttons []discordgo.MessageComponent, maxMsgs int) []message {
	text := neutraliseLinks(a.Text)
	note := ""
	if n := serve.UserNote(a.Note); n != "" {
		note = "\n\n*" + escape(n) + "*"
	}
	srcs := sources(a)
	heading := "Sources"
	if a.Declined {
		heading = "Closest passages (citebot is not confident they answer the question)"
	}
	layout := func(text string) []message {
		text += note
		if embeds {
			return renderEmbeds(text, heading, srcs)
		}
		var b strings.Builder
		b.WriteString(text)
		if len(srcs) > 0 {
			fmt.Fprintf(&b, "\n\n**%s**", heading)
			for _, s := range srcs {
				if s.url == "" {
					fmt.Fprintf(&b, "\n**%s**\n%s", escape(s.name()), s.body)
				} else {
					fmt.Fprintf(&b, "\n**%s %s**\n%s", escape(s.ref), maskedLinkTo(s.place, s.url, true), s.body)
				}
			}
		}
		var msgs []message
		for _, p := range split(b.String(), maxContent) {
			msgs = append(msgs, message{Content: p})
		}
		return msgs
	}
	perMsg := maxContent
	if embeds {
		perMsg = maxDescription
	}
	var msgs []message
	if maxMsgs <= 0 || runes(text) <= maxMsgs*perMsg {
		msgs = layout(text)
	}
	if maxMsgs > 0 && (msgs == nil || len(msgs) > maxMsgs) {
		msgs = fit([]rune(text), maxMsgs, maxMsgs*perMsg, layout)
	}
	if len(msgs) == 0 {
		msgs = []message{{Content: "…"}}
	}
	msgs[len(msgs)-1].Components = buttons
	return msgs
}

// truncatedNote ends an answer cut short to fit its messages.
const truncatedNote = "**… truncated:** the answer is longer than citebot shows in Discord. " +
	"The sources and the \"Show passage\" buttons have the passages it cites; `/source` shows any passage in full."

// fit lays out the longest beginning of text (at most most characters)
// that, ended with truncatedNote, takes at most n messages. When even the
// sources alone need more, the first n messages are kept and the last one
// ends with the note.
func fit(text []rune, n, most int, layout func(string) []message) []message {
	cut := func(k int) string {
		head := strings.TrimRight(string(text[:k]), " \n")
		if i := strings.LastIndexAny(head, " \n"); i > len(head)*4/5 {
			head = strings.TrimRight(head[:i], " \n") // end on a word boundary
		}
		if strings.Count(head, "```")%2 != 0 {
			head += "\n```" // close a code block left open
		}
		if head != "" {
			head += " …\n\n"
		}
		return head + truncatedNote
	}
	most = min(len(text), most)
	if len(layout(cut(0))) <= n {
		lo, hi := 0, most
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if len(layout(cut(mid))) <= n {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return layout(cut(lo))
	}
	// The sources alone take more than n messages.
	msgs := layout(string(text[:most]))[:n]
	last := &msgs[n-1]
	last.Content = strings.TrimSpace(clip(last.Content, maxContent-runes(truncatedNote)-2) + "\n\n" + truncatedNote)
	return msgs
}

// maskedLink matches the middle of a Markdown link, "](", which Discord
// renders as clickable text ("[1](https://…)" shows as a "1" that looks like
// a citation marker). Discord wants nothing between the two.
var maskedLink = regexp.MustCompile(`\]\(`)

// neutraliseLinks keeps Markdown links in text a model wrote from
// rendering as masked links: the parenthesis is escaped, so the brackets
// and the address show as written.
func neutraliseLinks(s string) string {
	return maskedLink.ReplaceAllLiteralString(s, `]\(`)
}

func renderEmbeds(text, heading string, srcs []source) []message {
	var msgs []message
	for _, d := range split(text, maxDescription) {
		msgs = append(msgs, message{Embeds: []*discordgo.MessageEmbed{{Description: d, Color: 0x4f7cac}}})
	}
	last := msgs[len(msgs)-1].Embeds[0]
	total := runes(last.Description)
	for _, s := range srcs {
		// A field's name shows no links, so its value starts with one.
		value := s.body
		if s.url != "" {
			value = maskedLinkTo(s.where, s.url, false) + "\n" + value
		}
		f := &discordgo.MessageEmbedField{Name: clip(s.name(), maxFieldName), Value: clip(value, maxFieldValue)}
		size := runes(f.Name) + runes(f.Value)
		if len(last.Fields) == maxFields || total+size+runes(heading) > maxEmbedTotal {
			last = &discordgo.MessageEmbed{Color: 0x4f7cac}
			msgs = append(msgs, message{Embeds: []*discordgo.MessageEmbed{last}})
			total = 0
		}
		if len(last.Fields) == 0 {
			last.Title = heading
			total += runes(heading)
		}
		last.Fields = append(last.Fields, f)
		total += size
	}
	return msgs
}

// renderPartial is what an answer being written looks like.
func renderPartial(text string, embeds bool) message {
	text = neutraliseLinks(strings.TrimSpace(text)) + " …"
	if embeds {
		return message{Embeds: []*discordgo.MessageEmbed{{Description: tail(text, maxDescription), Color: 0x4f7cac}}}
	}
	return message{Content: tail(text, maxContent)}
}

// tail keeps the last n characters of s (the newest text of a long stream).
func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

// renderPassage shows a passage in full with its provenance, the location
// a link to url when that is one of citebot's.
func renderPassage(p corpus.Passage, url string) string {
	where := oneLine(p.Locator.String())
	if t := linkTarget(url); t != "" {
		where = maskedLinkTo(where, t, true)
	}
	head := fmt.Sprintf("**%s** (%s) · passage `%s`\n", escape(heading(p.Locator)), where, p.ID)
	return clip(head+quote(p.Text), maxContent)
}

// answerButtons are the buttons under an answer: one per cited passage,
// then feedback.
func answerButtons(a bot.Answer, auditID int64) []discordgo.MessageComponent {
	var btns []discordgo.MessageComponent
	seen := map[string]bool{}
	add := func(label, id string) {
		if seen[id] || len(btns) >= (maxRows-1)*maxButtonsInRow {
			return
		}
		seen[id] = true
		btns = append(btns, discordgo.Button{Label: clip(label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: "passage:" + id})
	}
	for _, c := range a.Citations {
		if c.PassageID != "" {
			add(fmt.Sprintf("Show passage %d", c.Ref), c.PassageID)
		}
	}
	for i, r := range a.Related {
		add(fmt.Sprintf("Show passage %d", i+1), r.PassageID)
	}
	var rows []discordgo.MessageComponent
	for i := 0; i < len(btns); i += maxButtonsInRow {
		rows = append(rows, discordgo.ActionsRow{Components: btns[i:min(i+maxButtonsInRow, len(btns))]})
	}
	if auditID > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: fmt.Sprintf("fb:%d:up", auditID)},
			discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: fmt.Sprintf("fb:%d:down", auditID)},
		}})
	}
	return rows
}
