package structure

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// headingPath follows the headings of a document: the section of a
// passage is the path of the headings above it ("A › B"), in Markdown
// below the first level-1 heading (the title). A plain-text file's
// headings are of one level, but an outline's ("* Release 3.3" over "**
// New features"), so its section is mostly its last heading.
type headingPath struct {
	md      bool
	titled  bool        // the first level-1 Markdown heading was seen
	stack   []mdHeading // the heading path (in Markdown, below the title)
	section string
}

func (hp *headingPath) set(h mdHeading) {
	// Plain text's headings are of one level but an outline's, whose
	// stars nest ("Noteworthy changes in release 3.3 › New features").
	if hp.md && !hp.titled && h.level == 1 && !IsReleaseHeading(h.text) {
		hp.titled = true
		hp.stack, hp.section = nil, ""
		return
	}
	if k := hp.openRelease(); k >= 0 && IsReleaseHeading(h.text) {
		// A release is a sibling of the release open, whatever the
		// level its heading is written at: standard-version writes a
		// major release "## [9.0.0]" and the patches after it "###
		// [8.3.2]", which are no parts of 9.0.0.
		h.level = hp.stack[k].level
		hp.stack = append(hp.stack[:k], h)
		hp.name()
		return
	}
	if hp.md && releasePart(h.text) {
		// A release's own headings may be written at its level ("##
		// v1.50.1" over "## What's Changed", GitHub's release notes):
		// they are its parts, up to the next release. Another heading
		// ("## License" after the last release) is not.
		for n := len(hp.stack); n > 0; n = len(hp.stack) {
			top := hp.stack[n-1]
			if top.level < h.level || top.level == h.level && IsReleaseHeading(top.text) {
				break
			}
			hp.stack = hp.stack[:n-1]
		}
	} else if k := hp.numberedParent(h.text); k >= 0 {
		// Plain text's numbered sections nest by their numbers, whatever
		// their style: "4.2. Procedure" is under "4. General
		// Resolution", though both are lines of their own.
		hp.stack = hp.stack[:k+1]
		h.level = max(h.level, hp.stack[k].level+1)
	} else {
		hp.close(h.level)
	}
	hp.stack = append(hp.stack, h)
	hp.name()
}

// openRelease returns the place in the path of the outermost release's
// heading, -1 for none.
func (hp *headingPath) openRelease() int {
	for k, h := range hp.stack {
		if IsReleaseHeading(h.text) {
			return k
		}
	}
	return -1
}

// numberedParent returns the place in the path of the heading whose
// section number is the parent of title's ("4." of "4.2. Procedure"),
// -1 for none (no number of two parts or more, or no such heading open),
// in plain text.
func (hp *headingPath) numberedParent(title string) int {
	if hp.md {
		return -1
	}
	n := sectionNumber.FindStringSubmatch(title)
	if n == nil {
		return -1
	}
	cut := strings.LastIndexByte(n[1], '.')
	if cut < 0 {
		return -1
	}
	parent := n[1][:cut]
	for k := len(hp.stack) - 1; k >= 0; k-- {
		if m := sectionNumber.FindStringSubmatch(hp.stack[k].text); m != nil && m[1] == parent {
			return k
		}
	}
	return -1
}

// name sets the section to the path of the stack's headings.
func (hp *headingPath) name() {
	names := make([]string, len(hp.stack))
	for i, s := range hp.stack {
		names[i] = s.text
	}
	hp.section = strings.Join(names, SectionSeparator)
}

// depth is the level of the innermost heading of the path, 0 for none.
func (hp *headingPath) depth() int {
	if len(hp.stack) == 0 {
		return 0
	}
	return hp.stack[len(hp.stack)-1].level
}

// close ends the sections of level and below: the path is the headings
// above them again.
func (hp *headingPath) close(level int) {
	for len(hp.stack) > 0 && hp.stack[len(hp.stack)-1].level >= level {
		hp.stack = hp.stack[:len(hp.stack)-1]
	}
	hp.name()
}

// releasePart reports whether a heading names a part of a release's notes
// ("What's Changed", "New Contributors", "Bug Fixes", "Breaking
// Changes", Keep a Changelog's "Added" or "Fixed").
func releasePart(heading string) bool {
	t := strings.ToLower(strings.Trim(cleanTitle(heading), " :"))
	t = strings.NewReplacer("’", "'", "&", "and").Replace(t)
	if releaseParts[t] {
		return true
	}
	// Words of kinds of change alone, however decorated: "⚠️ Breaking
	// Changes & Deprecations", "🔒 Security Fixes", "Maintenance &
	// Chores".
	words := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	if len(words) == 0 || len(words) > maxPartWords {
		return false
	}
	for _, w := range words {
		if !changeWords[w] {
			return false
		}
	}
	return true
}

// maxPartWords is the most words of a release's part heading read by its
// words.
const maxPartWords = 5

// changeWords are the words a heading of a release's part is made of.
var changeWords = map[string]bool{
	"breaking": true, "change": true, "changes": true, "changed": true, "deprecation": true, "deprecations": true,
	"deprecated": true, "security": true, "fix": true, "fixes": true, "fixed": true, "bug": true, "bugs": true,
	"bugfix": true, "bugfixes": true, "feature": true, "features": true, "new": true, "added": true, "removed": true,
	"removals": true, "maintenance": true, "chore": true, "chores": true, "performance": true, "improvement": true,
	"improvements": true, "enhancement": true, "enhancements": true, "documentation": true, "docs": true,
	"dependency": true, "dependencies": true, "updates": true, "refactor": true, "refactoring": true, "tests": true,
	"testing": true, "build": true, "ci": true, "other": true, "misc": true, "miscellaneous": true, "internal": true,
	"notable": true, "minor": true, "major": true, "and": true, "known": true, "issues": true, "reverts": true,
}

var releaseParts = map[string]bool{
	"what's changed": true, "whats changed": true, "what's new": true, "new contributors": true, "contributors": true,
	"changes": true, "changelog": true, "full changelog": true, "highlights": true, "notes": true, "release notes": true,
	"breaking changes": true, "breaking": true, "features": true, "new features": true, "enhancements": true,
	"improvements": true, "bug fixes": true, "bugfixes": true, "fixes": true, "fixed": true, "added": true,
	"changed": true, "removed": true, "deprecated": true, "deprecations": true, "security": true, "dependencies": true,
	"dependency updates": true, "documentation": true, "docs": true, "performance": true, "other changes": true,
	"other": true, "miscellaneous": true, "misc": true, "internal": true, "maintenance": true, "known issues": true,
	"upgrade notes": true, "upgrading": true, "migration": true, "bug fixes and improvements": true,
}

// IsReleaseHeading reports whether a heading titles a release's entries:
// a version alone or with its date ("v3.24.0", "[1.2.0] - 2024-01-31",
// "1.5.1 (2023-03-02)", "Version 2.1", "Release 3.4", "4.22.3", a
// pre-release "2.0.0rc3" or "v1.0.0-beta.2"); not a
// numbered section ("2.1 Configuring the server") nor a guide ("Upgrading
// to version 3"). A release log's first such heading is its newest
// release, not its title.
func IsReleaseHeading(text string) bool {
	if releaseHeading.MatchString(text) {
		return true
	}
	// The product's name before its release ("E2fsprogs 1.47.0 (February
	// 5, 2023)", "Go 1.21.0"): read so when the release is dated or has
	// three parts, as a numbered section ("Step 2.1", "Chapter 3.2") is
	// not, and the name is no word numbering a document's parts.
	name, rest, ok := strings.Cut(strings.TrimSpace(text), " ")
	if !ok || !productName.MatchString(name) || sectionWords[strings.ToLower(name)] || !releaseHeading.MatchString(rest) {
		return false
	}
	return namedRelease.MatchString(rest)
}

// UnderRelease reports whether a section path is a release's entries: one
// of its headings names a release ("[1.2.0] - 2024-01-31 › Added").
func UnderRelease(section string) bool {
	for h := range strings.SplitSeq(section, SectionSeparator) {
		if IsReleaseHeading(h) {
			return true
		}
	}
	return false
}

// SearchedSection returns the section path a search reads for its words:
// the path without a release's change categories ("[3.28.0] › Fixed" reads
// as "[3.28.0]"). A release log files every entry under "Added", "Fixed",
// "Changed" …, which say what kind of change an entry is, not what it is
// about: read as words of the entry, "what does goose fix do" matched every
// fix of the log before the fix command's own text.
func SearchedSection(section string) string {
	if !strings.Contains(section, SectionSeparator) || !UnderRelease(section) {
		return section
	}
	parts := strings.Split(section, SectionSeparator)
	kept := parts[:0]
	release := false
	for _, h := range parts {
		if release && changeCategory.MatchString(h) {
			continue
		}
		release = release || IsReleaseHeading(h)
		kept = append(kept, h)
	}
	return strings.Join(kept, SectionSeparator)
}

// changeCategory matches the heading of a kind of change under a release
// (Keep a Changelog's and the like's), an emoji or two before it allowed;
// not the kinds a question asks for by their word ("what was deprecated in
// 2.1", "removed", "security", "breaking changes"), which stay searched.
var changeCategory = regexp.MustCompile(`(?i)^[^\pL\pN]{0,4}(added|changed|changes|fixed|fixes|bug ?fixes|improvements|improved|enhancements|features|new features|documentation|docs|dependencies|dependency updates|internal|misc|miscellaneous|other|other changes|chores?|maintenance|refactor(ing)?|build|tests?|ci)\s*:?\s*$`)

// productName matches a product's name before its release: a letter, then
// letters, digits and hyphens ("E2fsprogs", "Go", "pdf-lib"); not a
// symbol ("§", "•") nor an abbreviation's dot ("Sec.", "Fig.").
var productName = regexp.MustCompile(`^\pL(?:[\pL\d._+-]*[\pL\d+])?$`)

// namedRelease matches a release after its product's name: dated, or of
// three parts or more.
var namedRelease = regexp.MustCompile(`(?i)^\s*(?:v?\d+\.\d+\.\d+|.*\b\d{4}\b|.*\bunreleased)`)

// sectionWords number a document's parts, not a product's releases.
var sectionWords = map[string]bool{"section": true, "chapter": true, "step": true, "part": true, "figure": true, "fig": true,
	"table": true, "appendix": true, "example": true, "note": true, "rule": true, "phase": true, "stage": true, "level": true,
	"lesson": true, "exercise": true, "item": true, "question": true, "listing": true, "page": true, "article": true,
	"clause": true, "paragraph": true, "volume": true, "vol": true, "book": true, "unit": true, "module": true, "task": true,
	"problem": true, "case": true, "test": true, "option": true, "equation": true, "lemma": true, "theorem": true,
	"definition": true, "control": true, "requirement": true, "lecture": true, "kapitel": true, "abschnitt": true,
	"chapitre": true, "capitulo": true, "see": true, "and": true, "or": true, "in": true, "of": true, "to": true, "upgrading": true,
	"since": true, "from": true, "before": true, "after": true, "until": true, "with": true}

var releaseHeading = regexp.MustCompile(`(?i)^\s*(?:(?:version|release)\s+)?\[?v?\d+(?:\.\d+)+(?:[-.]?(?:rc|alpha|beta|pre|preview|dev)\.?\d*)?\]?(?:\s*(?:[-–—/(]\s*)?(?:\d{4}-\d\d-\d\d|\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|unreleased)\)?)?\s*$`)

// SectionSeparator joins the headings of a section path ("Install › On Linux").
const SectionSeparator = " › "

type mdHeading struct {
	level    int
	text     string
	question bool // an FAQ's quoted question (scanner.quotedQuestion)
}

// faqSection matches a heading naming an FAQ: "FAQ", "Frequently Asked
// Questions", "Common questions", "Q&A".
var faqSection = regexp.MustCompile(`(?i)\b(faqs?|frequently asked questions|common questions|questions and answers|q ?& ?a)\b`)

// headsFAQ reports whether the innermost heading of the path is an FAQ's
// own ("## FAQ") or one of its quoted questions, or, with none, whether the
// document's title (h1) names an FAQ ("# FAQ" of docs/faq.md): where an
// FAQ's questions stand, not in an answer under a question of another
// form ("### Why is it slow?" over "> Because …").
func (hp *headingPath) headsFAQ(h1 string) bool {
	n := len(hp.stack)
	if n == 0 {
		return faqSection.MatchString(h1)
	}
	top := hp.stack[n-1]
	return top.question || faqSection.MatchString(top.text) && top.level < 6
}

// questionLevel is the level of an FAQ's quoted question: its sibling's
// when one is open, else one below the innermost heading.
func (hp *headingPath) questionLevel() int {
	if n := len(hp.stack); n > 0 && hp.stack[n-1].question {
		return hp.stack[n-1].level
	}
	return min(hp.depth()+1, 6)
}

// IsATXHeading reports whether a line is a Markdown ATX heading ("##
// Usage", "#"): one to six "#" followed by a space, a tab or nothing; not
// C's "#define X" or a shell's "#!/bin/sh".
func IsATXHeading(line string) bool {
	_, ok := markdownHeading(line)
	return ok
}

// ATXHeadingText returns the text of a Markdown ATX heading line as a
// section path shows it ("Usage" of "## Usage ##"), and whether the line
// is one.
func ATXHeadingText(line string) (string, bool) {
	h, ok := markdownHeading(line)
	return h.text, ok
}

// markdownHeading recognises an ATX heading ("## Text ##"); its text is
// cleaned of links, badges and emphasis marks.
func markdownHeading(s string) (mdHeading, bool) {
	if !strings.HasPrefix(s, "#") {
		return mdHeading{}, false
	}
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return mdHeading{}, false
	}
	t := strings.TrimSpace(s[level:])
	if u := strings.TrimRight(t, "#"); u == "" || strings.HasSuffix(u, " ") || strings.HasSuffix(u, "\t") {
		t = strings.TrimSpace(u) // closing #s follow a space
	}
	// An attribute block ("{#fail-fast-dependencies}") is no part of the
	// title; an id naming the section otherwise than its title (often its
	// older name: "Ask before running {#confirmation-prompts}") follows
	// it in parentheses, words a reader may ask with.
	if m := headingAttrs.FindStringSubmatchIndex(t); m != nil {
		id := t[m[2]:m[3]]
		t = cleanTitle(strings.TrimSpace(t[:m[0]]))
		if other := otherName(t, id); other != "" {
			t += " (" + other + ")"
		}
		return mdHeading{level: level, text: t}, true
	}
	return mdHeading{level: level, text: cleanTitle(t)}, true
}

// otherName returns the words of a heading's id ("confirmation-prompts")
// when some are not the title's, "" when the id is the title's own slug.
func otherName(title, id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ':' })
	own := strings.ToLower(title)
	for _, w := range words {
		w = strings.ToLower(w)
		if strings.Trim(w, "0123456789") == "" {
			continue // a slug's counter ("install-1")
		}
		// A form of a title's word ("cache" of "Caching") is its own.
		if !strings.Contains(own, w[:min(len(w), 4)]) {
			return strings.Join(words, " ")
		}
	}
	return ""
}

// headingAttrs matches the attribute block ending a heading: "{#id}",
// "{#id .class}".
var headingAttrs = regexp.MustCompile(`\s\{#([A-Za-z][\w:.-]*)(\s+[.#][A-Za-z][\w:.-]*)*\s*\}$`)

// copyrightNotice matches a copyright line ("Copyright (c) 2014 Cenk
// Altı", "© 2020 The Authors"): who holds it, a statement to quote, not a
// heading over the licence below it. "Copyright" alone, or "Copyright and
// licence", titles a section.
var copyrightNotice = regexp.MustCompile(`(?i)^(copyright\s+)?(\(c\)|©)\s*\S|^copyright\s+\d{4}`)

// capsLabel reports whether a line is a label in capitals ending in a
// colon, as plain-text READMEs head their sections ("REQUIREMENTS:",
// "WARNINGS and TAINT FLAGS:"): at most six words, most of its letters
// capitals, the first word all capitals, and no admonition alone
// ("NOTE:", not "WARNINGS and TAINT FLAGS:").
func capsLabel(s string) bool {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":"))
	f := strings.Fields(t)
	if len(f) == 0 || len(f) > 6 || strings.ContainsAny(t, ":") {
		return false
	}
	upper, letters := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 3 && upper*4 >= letters*3 && strings.ToUpper(f[0]) == f[0] && !(len(f) == 1 && admonition[strings.ToLower(f[0])])
}

// admonition holds the labels that set a remark apart within a section
// ("NOTE:", "WARNING:") rather than head one.
var admonition = map[string]bool{"note": true, "notes": true, "warning": true, "warnings": true, "caution": true, "important": true, "tip": true,
	"hint": true, "todo": true, "fixme": true, "xxx": true, "example": true, "examples": true, "attention": true, "danger": true, "nb": true}

// answerLabel matches an FAQ's answer by its label ("A: You need a bash
// shell in your executable path"): a sentence of four words or more after
// it, short as it may be, answers the question above it and heads
// nothing. "A: Introduction" is an appendix's heading still.
var answerLabel = regexp.MustCompile(`^(?:A|Answer|ANSWER)\s*:\s`)

// isHeadingLike reports whether a plain-text line reads as a heading: short,
// at most 16 words, not a list item, and not ending like a sentence.
func isHeadingLike(s string) bool {
	if utf8.RuneCountInString(s) > 120 || len(strings.Fields(s)) > 16 {
		return false
	}
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "• ") || strings.Contains(s, "://") ||
		alignedField.MatchString(s) || outlineItem(s) || email.MatchString(s) || codeLine.MatchString(s) || copyrightNotice.MatchString(s) ||
		answerLabel.MatchString(s) && len(strings.Fields(s)) > 4 {
		return false
	}
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters = true
			break
		}
	}
	if !letters {
		return false
	}
	// A line closing a bracket it did not open is the end of something
	// longer (a prototype's wrapped parameters, "int flags)"); a
	// bracketed word alone is a reference manual's kind of entry
	// ("[Function]" of Texinfo), not its name.
	body := outlineNumber.ReplaceAllString(s, "") // "1) Introduction", "a) Install"
	if strings.Count(body, ")") > strings.Count(body, "(") || strings.Count(body, "]") > strings.Count(body, "[") || bracketedKind.MatchString(s) {
		return false
	}
	t := strings.TrimRight(s, `"')]»”’`)
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".!?;,:…", last) && !(last == '?' && numberedQuestion.MatchString(t)) {
		return false
	}
	// A long line or a clause ending in a word that needs more after it
	// ("To view the repository in your browser, go to") runs on into the
	// next: it is no heading. A short heading may end in one ("What to
	// look for", "Sign in"), but not in an article or a conjunction ("This
	// can be overridden by the", over the option it goes on with).
	f := strings.Fields(t)
	if conjunctions[f[0]] {
		return false // "or specify it directly while configuring": a sentence going on
	}
	lastWord := strings.ToLower(f[len(f)-1])
	long := len(f) >= 7 || strings.Contains(t, ",")
	return !(long && runOnWords[lastWord] || neverLast[f[len(f)-1]] || statement(f, runOnWords[lastWord]))
}

// numberedQuestion matches a question under a section's number, an FAQ's
// entry ("2.14. Why are client log records dropped?", curl's "3.5 How
// can I …?" without the last period, zsh's "1.5: What's the latest
// version?" with a colon): a heading though
// it ends in "?". One marked "Q3:" is read as an FAQ's entry is
// (faqTitle), under the heading it is in.
var numberedQuestion = regexp.MustCompile(`^\d+(?:\.\d+)*[.):]\s+\S|^\d+(?:\.\d+)+\s+\S`)

// IsNumberedQuestion reports whether a heading is a question under a
// section's number ("2.14. Why are client log records dropped?").
func IsNumberedQuestion(title string) bool {
	t := strings.TrimSpace(title)
	return strings.HasSuffix(t, "?") && numberedQuestion.MatchString(t)
}

// outlineNumber matches a heading's number closed by a parenthesis: "1) ",
// "a) ", "iv) ".
var outlineNumber = regexp.MustCompile(`^\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)\s+`)

// bracketedKind matches a bracketed word alone: "[Function]", "[Macro]".
var bracketedKind = regexp.MustCompile(`^\[[A-Za-z][\w -]*\]$`)

// statement reports whether the words f of a line say something rather
// than title it: a verb such as "is" or "fixes" after the first word, in a
// line of six words or more ("This release fixes some bugs and adds a few
// new features", "Patchlevel 15 was a stabilisation release") or in one
// ending in a word that runs on ("adduser is developed on"); not a
// question ("What is new in 2.0").
func statement(f []string, runsOn bool) bool {
	for len(f) > 1 && numbering.MatchString(f[0]) {
		f = f[1:] // "2. What is new in version 2.0"
	}
	if len(f) < 6 && !runsOn || questionWords[strings.ToLower(f[0])] {
		return false
	}
	for i, w := range f[1:] {
		// A verb after "that", "which" or "who" is in a clause naming
		// the title's subject: "Systems that are known to work well".
		if statementVerbs[strings.ToLower(w)] && !relatives[strings.ToLower(f[i])] {
			return true
		}
	}
	return false
}

// numbering matches a heading's number or FAQ mark: "2.", "1.3", "(a)",
// "Q3:".
var numbering = regexp.MustCompile(`^(?:\(?\d+(?:\.\d+)*[.)]?|\(?[a-z][.)]|Q\d*[.:)])$`)

var (
	relatives      = map[string]bool{"that": true, "which": true, "who": true}
	questionWords  = map[string]bool{"what": true, "why": true, "how": true, "when": true, "where": true, "which": true, "who": true, "is": true, "are": true, "does": true, "do": true, "can": true, "should": true}
	statementVerbs = map[string]bool{"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true,
		"fixes": true, "adds": true, "includes": true, "contains": true, "provides": true, "supports": true, "allows": true, "requires": true}
)

// outlineItem reports whether a line starts with stars then a space ("* ",
// "** Fix build issues"): an item, or an outline's heading, which
// starHeading reads apart (libidn2's NEWS lists its changes as "**" items
// under "* Noteworthy changes in release 2.0.3").
func outlineItem(s string) bool {
	t := strings.TrimLeft(s, "*")
	return len(t) < len(s) && strings.HasPrefix(t, " ")
}

// codeLine matches a line of C-like code in plain text: one opening or
// ending a block or a statement ("try {", "};"), or a qualified call or
// definition ("Test::Test(const char *q)"); or a state diagram's
// transition ("Timeout -> broadcast").
var codeLine = regexp.MustCompile(`[{;]\s*$|^\s*}|\w::\w+\(|(?:^|\s)->(?:\s|$)`)

// email matches an e-mail address: a line with one is an author's or a
// maintainer's ("Matthias Klose <doko@debian.org>"), no title.
var email = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b`)

// alignedField matches a record's field with its value aligned after the
// label ("what:   sfdisk --unit", "Package:  foo"), or a reference
// entry's field after its label ("Default: "poll"", "Type: integer"): a
// value, not a title.
var alignedField = regexp.MustCompile(`^[A-Za-z][\w-]*:(?:\t|[ \t]{2,})\S|^(?i:defaults?|type|values?|syntax|context|scope|since|range|units?|example):\s+\S`)

// neverLast end no heading however short: articles, conjunctions and
// modal verbs, in lower case ("Appendix A" is a heading, "What's new in
// May" too); "An individual Developer may" leads in to the list under it.
var neverLast = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true,
	"may": true, "must": true, "should": true, "shall": true, "can": true, "will": true, "would": true, "could": true, "might": true}

// conjunctions, in lower case, open no heading.
var conjunctions = map[string]bool{"or": true, "and": true, "but": true, "nor": true}

// runOnWords end no heading: a line ending in one runs on.
var runOnWords = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "of": true, "for": true, "and": true, "or": true,
	"in": true, "on": true, "at": true, "by": true, "with": true, "from": true, "into": true, "is": true,
	"are": true, "was": true, "be": true, "than": true, "that": true, "which": true, "as": true,
	// a lead-in to an example: "… could contain something like", "… by
	// calling", "… via", "… using"
	"like": true, "via": true, "using": true, "calling": true,
}

// leadsLongerLines reports whether the first line of a block is much shorter
// than a later one, as a heading above a hard-wrapped paragraph is.
func leadsLongerLines(b []Line) bool {
	if len(b) < 2 {
		return false
	}
	first := utf8.RuneCountInString(b[0].Text)
	for _, l := range b[1:] {
		if float64(first) < 0.6*float64(utf8.RuneCountInString(l.Text)) {
			return true
		}
	}
	return false
}

func medianRunes(b []Line) int {
	ns := make([]int, len(b))
	for i, l := range b {
		ns[i] = utf8.RuneCountInString(l.Text)
	}
	slices.Sort(ns)
	return ns[len(ns)/2]
}
