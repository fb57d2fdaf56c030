package structure

import (
	"regexp"
	"strings"
)

// renderedMarkup matches what a Markdown page shows otherwise than as
// written: what only MyST Markdown (the Markdown of Sphinx sites) writes, a
// directive fence ("```{note}", ":::{tip}"), a role ("{ref}`caching`") or a
// target line ("(wheel-caching)="); or an HTML comment opening a line
// ("<!-- YAML", Node.js's pages' history).
var renderedMarkup = regexp.MustCompile("(?m)^ {0,3}(?:```+|~~~+|:::+) *\\{[A-Za-z][\\w:+.-]*\\}|\\{[A-Za-z][\\w:+.-]*\\}`[^`]+`|^\\([\\w.:-]+\\)=[ \\t]*$|^ {0,3}<!--")

// IsRendered reports whether a Markdown page shows otherwise than as
// written (MyST's directives, roles or targets; HTML comments), which
// ScanMyST reads as it renders.
func IsRendered(doc string) bool {
	// The expression alone is slow on a large page: only the lines that
	// hold a sign of such markup are matched against it.
	if !strings.Contains(doc, "}`") && !strings.Contains(doc, "<!--") && !strings.Contains(doc, ")=") &&
		!strings.Contains(doc, "{") && !strings.Contains(doc, ":::") && !strings.Contains(doc, "!!!") && !strings.Contains(doc, "???") {
		return false
	}
	for rest := doc; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if (strings.Contains(line, "}`") || strings.Contains(line, "<!--") || strings.Contains(line, ")=") ||
			strings.Contains(line, "{") && strings.ContainsAny(line, "`~:")) && renderedMarkup.MatchString(line) {
			return true
		}
		if strings.Contains(line, ":::") && containerOpen.MatchString(line) {
			return true
		}
		if (strings.Contains(line, "!!!") || strings.Contains(line, "???")) && mkdocsAdmonition.MatchString(line) {
			return true
		}
	}
	return false
}

// containerOpen matches the line opening a Docusaurus or VitePress
// container: an admonition (":::tip", "::: warning Deprecated",
// ":::note[Title]") or a details block, which renders as its label.
// A VitePress code group (":::code-group") shows its fenced blocks, as
// tabs, and nothing of its own.
var containerOpen = regexp.MustCompile(`(?i)^ {0,3}:::+ *(note|tip|info|warning|danger|caution|important|details|code-group)\b(.*)$`)

// mkdocsAdmonition matches the line opening an MkDocs (Material,
// Python-Markdown) admonition: `!!! warning "Docker Support"`, or a
// collapsible one (`??? note`, `???+ tip "Open"`), its content the lines
// indented four spaces under it. It renders as its label and title over
// the content: "Warning: Docker Support".
var mkdocsAdmonition = regexp.MustCompile(`^( {0,3})(?:!!!|\?\?\?\+?) *([A-Za-z][\w-]*)(?: +(?:inline(?: end)?|[\w-]+))*(?: +"([^"]*)")? *$`)

// ScanMyST reads a MyST Markdown document as a Sphinx site renders it (and
// any Markdown page without its HTML comments), and finds its blocks as in
// any Markdown document. Directives read as those
// of reStructuredText do (see ScanRST): a code-block or code directive is
// a fenced code block, an admonition is its label over its text ("Note:",
// "New in version 6.0:"), a tab its label over its content; toctree,
// image, include and the like, target lines ("(wheel-caching)="),
// comments ("% …") and HTML comments ("<!-- … -->") show nothing, and a role shows its text
// ({ref}`Installing from local packages` is "Installing from local
// packages"). Doc.Text has a line for every line of doc that shows
// something, Origins mapping each to its line of doc.
func ScanMyST(doc string) Doc { return scanMyST(doc, false) }

// ScanMDX reads an MDX page (Docusaurus's Markdown with JSX) as ScanMyST
// does, its import and export statements showing nothing; its components'
// tags (<Tabs>, <TabItem value="npm">) show nothing as any bare tag.
func ScanMDX(doc string) Doc { return scanMyST(doc, true) }

// mdxStatement matches an MDX page's import or export line.
var mdxStatement = regexp.MustCompile(`^(import|export)\s+\S`)

func scanMyST(doc string, mdx bool) Doc {
	src := strings.Split(doc, "\n")
	out := make([]string, len(src))
	skip := make([]bool, len(src)) // lines that are not even a blank line (a directive's options)
	type fence struct {
		marker    string // the fence's characters, which its closing line repeats at least
		code      bool   // a code block: its lines are as written
		drop      bool   // its content shows nothing
		directive bool   // a directive: its closing line shows nothing either
		opts      bool   // option lines (":caption: x", or a "---" block) may open it
	}
	var stack []fence
	inOpts := false       // within a directive's "---" option block
	comment := false      // within an HTML comment
	var admonitions []int // the indents of the MkDocs admonitions' content the line is in
	for i, raw := range src {
		line := strings.TrimRight(raw, " \t\r")
		t := strings.TrimLeft(line, " ")
		if t != "" {
			for n := len(admonitions); n > 0 && len(line)-len(t) < admonitions[n-1]; n-- {
				admonitions = admonitions[:n-1]
			}
		}
		if n := len(admonitions); n > 0 && t != "" {
			// An admonition's content shows as text, not indented code.
			line = line[admonitions[n-1]:]
		}
		var top *fence
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if top != nil && closesFence(t, top.marker) {
			if !top.directive {
				out[i] = line
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if top != nil && top.opts {
			switch {
			case inOpts:
				inOpts = t != "---"
				skip[i] = true
				continue
			case t == "---":
				inOpts = true
				skip[i] = true
				continue
			case rstOption.MatchString(t):
				skip[i] = true
				continue
			case t != "":
				top.opts = false
			}
		}
		if top != nil && top.drop {
			continue
		}
		if top != nil && top.code {
			out[i] = line
			continue
		}
		if comment || strings.HasPrefix(t, "<!--") && len(line)-len(t) < 4 {
			// An HTML comment shows nothing: the lines it covers whole.
			end := strings.Index(t, "-->")
			if !comment {
				t = t[2:] // "<!-->" closes where it opens
				end = strings.Index(t[2:], "-->")
				if end >= 0 {
					end += 2
				} else if strings.HasPrefix(t, "-->") {
					end = 0
				}
			}
			comment = end < 0
			if end >= 0 {
				if rest := strings.TrimSpace(t[end+3:]); rest != "" {
					out[i] = mystInline(rest)
				}
			}
			continue
		}
		if m := mkdocsAdmonition.FindStringSubmatch(line); m != nil {
			name := strings.ToLower(m[2])
			label := rstAdmonition[name]
			if label == "" {
				label = strings.ToUpper(name[:1]) + name[1:] // "Example", "Abstract", "Bug"
			}
			out[i] = label + ":"
			if m[3] != "" {
				out[i] += " " + mystInline(m[3])
			}
			admonitions = append(admonitions, len(m[1])+4)
			continue
		}
		if marker, info, ok := fenceOpen(line); ok {
			name, arg, directive := strings.Cut(strings.TrimPrefix(info, "{"), "}")
			if !strings.HasPrefix(info, "{") || !directive {
				stack = append(stack, fence{marker: marker, code: true})
				out[i] = line
				continue
			}
			name, arg = strings.ToLower(name), strings.TrimSpace(arg)
			if k := strings.LastIndexByte(name, ':'); k >= 0 && name[k+1:] != "" {
				name = name[k+1:]
			}
			f := fence{marker: marker, directive: true, opts: true}
			switch {
			case rstCode[name] || name == "code-cell":
				f.code = true
				out[i] = strings.Repeat("`", 3) + arg
			case rstDropped[name] || name == "eval-rst" || name == "figure":
				f.drop = true
			case rstAdmonition[name] != "":
				var label string
				label, arg = admonitionLabel(name, arg)
				out[i] = label + ":"
				if arg != "" {
					out[i] += " " + mystInline(arg)
				}
			case rstLabelled[name] && arg != "":
				out[i] = mystInline(arg)
				if name != "rubric" && name != "centered" && !strings.HasSuffix(arg, ":") {
					out[i] += ":"
				}
			}
			stack = append(stack, f)
			if f.code {
				// Its closing fence is written as Markdown's.
				stack[len(stack)-1].directive = false
			}
			continue
		}
		switch {
		case mystTarget.MatchString(t), (strings.HasPrefix(t, "% ") || t == "%") && len(line)-len(t) < 4:
			// A target names the heading below it; a comment shows nothing.
		case mdx && line == t && mdxStatement.MatchString(t):
			// An MDX page's import or export shows nothing.
		default:
			out[i] = mystInline(line)
		}
	}
	var rl renderedLines
	for i, l := range out {
		if !skip[i] {
			rl.add(l, Origin{First: i + 1, Last: i + 1})
		}
	}
	return rl.doc()
}

var mystTarget = regexp.MustCompile(`^\([\w.:-]+\)=$`)

// FenceInfo returns the info string of a line opening a code fence ("go"
// of "```go"), and whether it opens one.
func FenceInfo(line string) (info string, ok bool) {
	_, info, ok = fenceOpen(line)
	return info, ok
}

// fenceOpen reads a line opening a fence (```, ~~~ or MyST's :::, at most
// three spaces in) and returns its marker and info string.
func fenceOpen(line string) (marker, info string, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || !strings.ContainsRune("`~:", rune(t[0])) {
		return "", "", false
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 {
		return "", "", false
	}
	info = strings.TrimSpace(t[n:])
	if m := containerOpen.FindStringSubmatch(line); t[0] == ':' && m != nil {
		// A Docusaurus or VitePress container reads as MyST's directive
		// of its name, its title ("[Title]" too) as the argument.
		title := strings.TrimSpace(m[2])
		if strings.HasPrefix(title, "[") && strings.HasSuffix(title, "]") {
			title = title[1 : len(title)-1]
		}
		return t[:n], "{" + strings.ToLower(m[1]) + "} " + title, true
	}
	if t[0] == '`' && strings.Contains(info, "`") || t[0] == ':' && !strings.HasPrefix(info, "{") {
		return "", "", false // an inline code span; a colon run that opens no directive
	}
	return t[:n], info, true
}

// closesFence reports whether a line (trimmed on the left) closes the
// fence opened by marker.
func closesFence(t, marker string) bool {
	return strings.HasPrefix(t, marker) && strings.Trim(t, marker[:1]+" ") == ""
}

var mystRole = regexp.MustCompile("\\{([A-Za-z][\\w:+.-]*)\\}`([^`]+)`")

// mystInline writes a line's MyST roles as they render, as RST's are; not
// what a code span shows ("uses `arm` as the `{arch}`. Until …", where
// "{arch}" is code, not a role over the text after it).
func mystInline(s string) string {
	if !strings.Contains(s, "}`") {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range mystRole.FindAllStringSubmatchIndex(s, -1) {
		if strings.Count(s[:m[0]], "`")%2 == 1 {
			continue // inside a code span
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(renderRole(s[m[2]:m[3]], s[m[4]:m[5]]))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}
