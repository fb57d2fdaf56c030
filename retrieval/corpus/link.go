package corpus

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// linkPlaceholders are the names a link template may hold, in the order
// errors list them.
var linkPlaceholders = [...]string{"path", "start", "end", "anchor", "page"}

// Link is the address of l in the published corpus: template with its
// placeholders filled in. {path} is Source, each segment path-escaped (a
// space is %20, é is %C3%A9); {start} and {end} are the lines ({end} is
// {start} for one line, so "#L{start}-L{end}" gives "#L6-L6", which GitHub
// reads as line 6; none for a PDF, whose lines are counted within a page); {anchor} is the HTML fragment, escaped; {page} the PDF
// page. The fragment of the template (from its first "#") is dropped when
// a placeholder in it has no value here (no anchor, no lines, no page), so
// a link never points at "#L0" or an empty anchor; elsewhere such a
// placeholder becomes "". An empty template gives "". The template is
// assumed checked with CheckLink; an unknown placeholder is left as it is.
func (l Locator) Link(template string) string {
	if template == "" {
		return ""
	}
	base, frag, hasFrag := strings.Cut(template, "#")
	out, _ := fill(base, l)
	if hasFrag {
		if f, complete := fill(frag, l); complete {
			out += "#" + f
		}
	}
	return out
}

// value is what placeholder name stands for at l, "" when l has none.
func (l Locator) value(name string) string {
	num := func(n int) string {
		if n <= 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	switch name {
	case "path":
		segs := strings.Split(l.Source, "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		return strings.Join(segs, "/")
	case "start":
		if l.Page > 0 {
			return "" // lines of a page, not of the file
		}
		return num(l.LineStart)
	case "end":
		if l.Page > 0 {
			return ""
		}
		if l.LineEnd < l.LineStart {
			return num(l.LineStart)
		}
		return num(l.LineEnd)
	case "anchor":
		return url.PathEscape(l.Anchor)
	case "page":
		return num(l.Page)
	}
	return ""
}

// fill replaces the placeholders of s in one pass (a value holding
// "{end}" is not read again); complete is false when one had no value.
func fill(s string, l Locator) (out string, complete bool) {
	var b strings.Builder
	complete = true
	for {
		i := strings.IndexByte(s, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(s[i+1:], '}')
		}
		if j < 0 {
			b.WriteString(s)
			return b.String(), complete
		}
		name := s[i+1 : i+1+j]
		b.WriteString(s[:i])
		if !known(name) {
			b.WriteString(s[i : i+2+j])
		} else if v := l.value(name); v != "" {
			b.WriteString(v)
		} else {
			complete = false
		}
		s = s[i+2+j:]
	}
}

func known(name string) bool {
	for _, p := range linkPlaceholders {
		if p == name {
			return true
		}
	}
	return false
}

// CheckLink says what is wrong with a link template (see Link): a
// placeholder it does not know, a brace left open, or an address that is
// not an absolute http(s) URL once filled in. The empty template (no
// links) is fine.
func CheckLink(template string) error {
	if template == "" {
		return nil
	}
	allowed := "{" + strings.Join(linkPlaceholders[:], "}, {") + "}"
	for s := template; ; {
		i := strings.IndexAny(s, "{}")
		if i < 0 {
			break
		}
		if s[i] == '}' {
			return fmt.Errorf("a } without its { (placeholders are %s)", allowed)
		}
		j := strings.IndexAny(s[i+1:], "{}")
		if j < 0 || s[i+1+j] == '{' {
			return fmt.Errorf("a { without its } (placeholders are %s)", allowed)
		}
		if name := s[i+1 : i+1+j]; !known(name) {
			return fmt.Errorf("unknown placeholder {%s} (use %s)", name, allowed)
		}
		s = s[i+2+j:]
	}
	sample := Locator{Source: "docs/a b.html", LineStart: 6, LineEnd: 8, Page: 3, Anchor: "intro"}
	u, err := url.Parse(sample.Link(template))
	if err != nil {
		return fmt.Errorf("not a URL once filled in: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("not an absolute http(s) URL (for example https://github.com/ORG/REPO/blob/main/{path}#L{start}-L{end})")
	}
	return nil
}
