package structure

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title picks the title the document's text gives itself, "" when it
// gives none: for Markdown, the front matter's title, else the first
// level-1 heading, else the first heading, else a first line that reads as
// a title; for plain text, the first line when it reads as a title, else
// the first heading-like line; for HTML, its <title> (or the "Title" of
// the metadata comment the Go project's pages open with), else its first
// <h1>. A title is never a URL, a badge row, an HTML tag or a line of
// punctuation.
func (d Doc) Title() string {
	if d.html {
		for _, c := range []string{d.frontTitle, d.h1} {
			if t := cleanHTMLTitle(c); isTitle(t) && !isGenericHeading(t) {
				return t
			}
		}
		return ""
	}
	// The first line of text, when it stands alone: the first line of a
	// wrapped paragraph ("TOML stands for Tom's Obvious, Minimal
	// Language. This Go package provides a") is no title.
	// A page's front matter names it, however generic its title ("Install"
	// of a docs site's page).
	if t := cleanTitle(d.frontTitle); d.markdown && isTitle(t) {
		return t
	}
	var first string
	for i, l := range d.Lines {
		if i < d.frontEnd || l.Blank() || (d.markdown && isDecoration([]Line{l})) || modeLine.MatchString(l.Text) {
			continue
		}
		if i+1 == len(d.Lines) || d.Lines[i+1].Blank() || isSetextUnderline(d.Lines[i+1].Text) || isUnderline(d.Lines[i+1].Text) {
			first = l.Text
		}
		break
	}
	var cands []string
	if d.markdown {
		cands = []string{d.frontTitle, d.h1, d.firstHeading, titleLine(first)}
	} else {
		heading := d.firstHeading
		if d.headingAfterText && !isTitleCase(cleanTitle(heading)) {
			// Below text, only a line in title case reads as the
			// document's title ("Afghan Taliban and Cross Border
			// Terrorism in Pakistan"), not "Pre-C99 build failure".
			heading = ""
		}
		cands = []string{titleLine(first), titleLine(heading)}
		if isManHeader(first) {
			if name := manName(d.Lines); name != "" {
				cands = []string{name}
			}
		}
	}
	for _, c := range cands {
		if t := cleanTitle(c); isTitle(t) && !isGenericHeading(t) {
			return t
		}
	}
	return ""
}

// cleanHTMLTitle turns the visible text of an HTML heading or <title>
// into a title: white space collapsed, a trailing ':' and a permalink's
// mark around it gone. Unlike Markdown, its brackets are text, not links:
// "fs.watch(filename[, options][, listener])".
func cleanHTMLTitle(s string) string {
	t := strings.Join(strings.Fields(s), " ")
	t = strings.TrimRight(t, ":")
	return strings.TrimFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("#¶§|", r) })
}

// isTitleCase reports whether a line of at least three words capitalises
// its words, small words apart.
func isTitleCase(s string) bool {
	words := strings.Fields(s)
	if len(words) < 3 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && !smallTitleWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// smallTitleWords stay lower case in a title.
var smallTitleWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true,
	"to": true, "for": true, "with": true, "by": true, "at": true, "from": true, "as": true, "vs": true,
}

// emojiCode matches an emoji short code (":zap:", ":walrus:").
var emojiCode = regexp.MustCompile(`(^|\s):[a-z0-9_+-]+:($|\s)`)

// modeLine matches an editor's mode line ("-*- text -*-").
var modeLine = regexp.MustCompile(`-\*-.*-\*-`)

// sentenceBreak matches the end of a sentence followed by another; not a
// subtitle's colon ("GNU Make: A Program for …") nor an initial ("U.S.
// Army").
var sentenceBreak = regexp.MustCompile(`[!?]\s+\p{Lu}|\p{Ll}{2}\.\s+\p{Lu}`)

// genericHeadings name a part of any document, not the document: a file
// whose only heading is "Introduction" is better called by its name.
var genericHeadings = map[string]bool{
	"introduction": true, "overview": true, "description": true, "background": true, "about": true,
	"abstract": true, "summary": true, "contents": true, "table of contents": true, "preface": true,
	"synopsis": true, "getting started": true, "installation": true, "install": true, "installing": true,
	"usage": true, "download": true, "downloading": true, "features": true, "requirements": true,
	"building": true, "build": true, "license": true, "licence": true, "documentation": true, "notes": true,
	"news": true, "changes": true, "changelog": true, "readme": true, "text": true, "examples": true,
	"example": true, "contributing": true, "authors": true, "credits": true, "status": true,
	"quick start": true, "quickstart": true, "general": true, "motivation": true, "welcome": true,
}

// isGenericHeading reports whether a title names a part of any document
// ("Overview", "1. Introduction").
func isGenericHeading(t string) bool {
	t = strings.TrimLeft(strings.ToLower(t), "0123456789. ")
	return genericHeadings[t]
}

// titleLine returns s when it reads as a title line: short, without a URL,
// not a sentence; "" otherwise.
func titleLine(s string) string {
	t := cleanTitle(s)
	if !isTitle(t) || utf8.RuneCountInString(t) > 80 || len(strings.Fields(t)) > 12 {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(cleanInline(s, true)))
	if strings.ContainsRune(".?;,", last) || (last == '!' && len(strings.Fields(t)) > 6) || sentenceBreak.MatchString(t) {
		return ""
	}
	// A command line ("./configure --x", "ps -o pid") is no title, nor an
	// address or a copyright line.
	if strings.HasPrefix(t, "./") || strings.HasPrefix(t, "$ ") || strings.Contains(t, " -") && !strings.Contains(t, " - ") {
		return ""
	}
	if strings.Contains(s, "@") || strings.HasPrefix(strings.ToLower(t), "copyright") {
		return ""
	}
	// A quoted line is a tagline or a notice ("> Terminal string styling
	// done right" under chalk's logo, "> [!IMPORTANT]"), not a title: the
	// document's text begins with it.
	if strings.HasPrefix(strings.TrimSpace(s), ">") {
		return ""
	}
	// A line that is one link is a banner pointing elsewhere.
	if l, ok := strings.CutPrefix(strings.TrimLeft(s, " \t"), "["); ok && strings.HasSuffix(strings.TrimSpace(l), ")") {
		if _, end, ok := linkAt(strings.TrimLeft(s, " \t"), 0); ok && end == len(strings.TrimSpace(s)) {
			return ""
		}
	}
	return t
}

// cleanTitle turns a heading into plain words: links become their text,
// badges and HTML tags go, emphasis marks and a trailing ':' are dropped,
// as are runs of punctuation around the words. Images become their alt
// text in a heading of images alone (a logo: "# <img alt="chi" …>"); in
// one with words of its own they are badges ("# Go rate limiter
// ![test][test-img]").
func cleanTitle(s string) string {
	t := cleanInline(s, false)
	if !hasWordChar(t) {
		t = cleanInline(s, true)
	}
	t = shortcutLink.ReplaceAllString(t, "$1$2") // "## [4.4.0] - 2026-08-04": a link to its reference
	t = html.UnescapeString(t)
	for range 8 { // back to back (":zap: :fire:"), each match takes the space between
		u := emojiCode.ReplaceAllString(t, " ")
		if u == t {
			break
		}
		t = u
	}
	t = strings.NewReplacer("**", "", "__", "", "`", "").Replace(t)
	t = strings.Join(strings.Fields(t), " ")
	t = strings.TrimRight(t, ":")
	trim := func(r rune) bool {
		return r != ')' && r != '"' && r != '\'' && (unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r))
	}
	// A path's, an option's or a dotfile's sign is the name's own
	// ("/etc/mdns.allow", "--force", ".npmrc", "$HOME", "@types/node"),
	// not decoration.
	k := 0
	for k < len(t) && strings.IndexByte(nameSigns, t[k]) >= 0 {
		k++
	}
	// Not when the same signs close the title too ("--Options--"): those
	// frame it.
	if k > 0 && k < len(t) && (t[k] == '_' || t[k] >= '0' && t[k] <= '9' || t[k] >= 'a' && t[k] <= 'z' || t[k] >= 'A' && t[k] <= 'Z') &&
		!strings.HasSuffix(t, t[:k]) {
		return t[:k] + strings.TrimRightFunc(t[k:], trim)
	}
	// An INI section's brackets ("[include] Section Settings") are its
	// name's, closed within the title.
	if strings.HasPrefix(t, "[") && !strings.Contains(s, "[[") && strings.IndexByte(t, ']') > 1 {
		return strings.TrimRightFunc(t, func(r rune) bool { return r != ']' && trim(r) })
	}
	return strings.TrimFunc(t, trim)
}

// nameSigns are the characters a name may start with: a path's, an
// option's, a dotfile's, a variable's, a scoped package's, a home
// folder's.
const nameSigns = "/-.$@~+%"

// shortcutLink matches a Markdown shortcut reference link ("[4.4.0]", its
// destination given elsewhere by "[4.4.0]: https://…"): its text is what
// it shows; not an index ("arr[i]"), an escaped bracket ("\[") or a
// code span's.
var shortcutLink = regexp.MustCompile("(^|[^\\w\\\\`])\\[([^\\[\\]\\n`]+)\\]")

// isTitle reports whether a cleaned line may be a title at all.
func isTitle(t string) bool {
	if t == "" || !hasWordChar(t) || utf8.RuneCountInString(t) > 120 {
		return false
	}
	l := strings.ToLower(t)
	return !strings.Contains(l, "://") && !strings.HasPrefix(l, "www.") && !strings.HasPrefix(t, "<")
}

// cleanInline returns s with Markdown links replaced by their text, images
// by their alt text (keepAlt) or nothing, badges (a link around an image)
// and HTML tags removed.
func cleanInline(s string, keepAlt bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '!' && i+1 < len(s) && s[i+1] == '[':
			if alt, end, ok := linkAt(s, i+1); ok {
				if keepAlt {
					b.WriteString(alt)
				}
				i = end
				continue
			}
		case s[i] == '[':
			if label, end, ok := linkAt(s, i); ok {
				if inner := strings.TrimSpace(label); !(strings.HasPrefix(inner, "![") && (strings.HasSuffix(inner, ")") || strings.HasSuffix(inner, "]"))) {
					b.WriteString(cleanInline(label, keepAlt))
				}
				i = end
				continue
			}
		case s[i] == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!') {
				if keepAlt {
					b.WriteString(imgAlt(s[i : i+j+1]))
				}
				i += j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// imgAlt returns the alt text of an HTML <img> tag ("# <img alt="chi"
// src="logo.svg">" is a heading saying "chi"), "" for any other tag.
func imgAlt(tag string) string {
	if len(tag) < 5 || !strings.EqualFold(tag[:4], "<img") || (tag[4] != ' ' && tag[4] != '\t' && tag[4] != '\n') {
		return ""
	}
	for from := 1; ; {
		k := indexFoldASCII(tag[from:], "alt=")
		if k < 0 {
			return ""
		}
		k += from
		from = k + 4
		if c := tag[k-1]; c != ' ' && c != '\t' && c != '\n' {
			continue // "data-alt=", not "alt="
		}
		v := tag[k+4:]
		if v == "" || (v[0] != '"' && v[0] != '\'') {
			return ""
		}
		end := strings.IndexByte(v[1:], v[0])
		if end < 0 {
			return ""
		}
		return " " + strings.TrimSpace(v[1:1+end]) + " "
	}
}

// indexFoldASCII is strings.Index, ASCII letters matching either case;
// unlike lower-casing s first, it keeps s's byte offsets.
func indexFoldASCII(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// maxLinkLabel bounds the label linkAt looks through: a line of brackets
// would otherwise cost the square of its length.
const maxLinkLabel = 1000

// linkAt parses "[label](target)" or "[label][ref]" at s[i] (which is
// '['), brackets nested, the label at most maxLinkLabel bytes, and returns
// the label and the offset after it.
func linkAt(s string, i int) (string, int, bool) {
	depth := 0
	j := i
	for ; j < len(s) && j-i <= maxLinkLabel; j++ {
		if s[j] == '[' {
			depth++
		} else if s[j] == ']' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j+1 >= len(s) || (s[j+1] != '(' && s[j+1] != '[') {
		return "", 0, false
	}
	closing := byte(')')
	if s[j+1] == '[' {
		closing = ']' // a reference link: "[text][label]", "![alt][label]"
	}
	k := strings.IndexByte(s[j+1:], closing)
	if k < 0 {
		return "", 0, false
	}
	return s[i+1 : j], j + 1 + k + 1, true
}

// manName returns the names a manual page rendered as text gives itself
// under its NAME section ("grep, egrep, fgrep, rgrep" of "grep, egrep,
// fgrep, rgrep - print lines that match patterns"), "" when it has none:
// the description after the dash stays the NAME section's text, not words
// of every passage's title.
func manName(lines []Line) string {
	for i, l := range lines {
		if l.Indent != 0 || l.Text != "NAME" {
			continue
		}
		var parts []string
		for _, n := range lines[i+1:] {
			if n.Blank() || n.Indent == 0 {
				break
			}
			parts = append(parts, n.Text)
		}
		name := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		for _, dash := range []string{" - ", " \u2010 ", " \u2013 ", " \u2014 ", " \\- "} {
			if i := strings.Index(name, dash); i > 0 {
				return name[:i]
			}
		}
		return name
	}
	return ""
}
