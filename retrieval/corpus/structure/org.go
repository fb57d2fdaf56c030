package structure

import (
	"regexp"
	"strings"
)

// orgHeading matches an Org heading: stars at the start of the line, a
// space, then its title, which may open with a TODO keyword and a
// priority ("** TODO [#A] Release") and end with tags (":docs:web:").
var orgHeading = regexp.MustCompile(`^(\*+)[ \t]+(?:(?:TODO|DONE)[ \t]+)?(?:\[#[A-Z0-9]\][ \t]+)?(.*?)(?:[ \t]+:[\w@#%:]+:)?[ \t]*$`)

// ScanOrg reads an Org document (Emacs's Org mode: zutty's USAGE.org) as
// its export shows it, and finds its blocks as in a Markdown document: the
// "#+TITLE:" line is the title and every other "#+" line (settings,
// captions) shows nothing, nor do comments ("# …", "#+BEGIN_COMMENT"
// blocks); a heading's stars are its level below the title, without its
// TODO keyword, priority or tags; a source or example block, and a run of
// fixed-width lines (": sudo apt-get install …"), is code, shown without
// its markers; a quote's or a verse's lines are text. Doc.Text has a line
// for every line of doc that shows something (and a code fence around a
// fixed-width run), Origins mapping each to its line of doc.
func ScanOrg(doc string) Doc {
	src := strings.Split(doc, "\n")
	var lines []string
	var origins []Origin
	emit := func(l string, i int) {
		if strings.TrimSpace(l) == "" {
			if len(lines) == 0 || lines[len(lines)-1] == "" {
				return
			}
			l = ""
		}
		lines = append(lines, l)
		origins = append(origins, Origin{First: i + 1, Last: i + 1})
	}
	block, code, drop := false, false, false // within a #+BEGIN_ block; of code; showing nothing
	fixed := false                           // within a run of fixed-width lines
	for i, raw := range src {
		line := strings.TrimRight(raw, " \t\r")
		t := strings.TrimLeft(line, " \t")
		up := strings.ToUpper(t)
		if block {
			switch {
			case strings.HasPrefix(up, "#+END_"):
				if code {
					emit("```", i)
				}
				block, code, drop = false, false, false
			case drop:
			default:
				emit(line, i)
			}
			continue
		}
		isFixed := t == ":" || strings.HasPrefix(t, ": ")
		if fixed && !isFixed {
			emit("```", i-1)
			fixed = false
		}
		switch {
		case isFixed:
			if !fixed {
				emit("```", i)
				fixed = true
			}
			lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(t, ":"), " "))
			origins = append(origins, Origin{First: i + 1, Last: i + 1})
		case strings.HasPrefix(up, "#+TITLE:"):
			emit("# "+strings.TrimSpace(t[len("#+TITLE:"):]), i)
		case strings.HasPrefix(up, "#+BEGIN_SRC") || strings.HasPrefix(up, "#+BEGIN_EXAMPLE"):
			info := ""
			if f := strings.Fields(t); len(f) > 1 && strings.HasPrefix(up, "#+BEGIN_SRC") {
				info = f[1]
			}
			emit("```"+info, i)
			block, code = true, true
		case strings.HasPrefix(up, "#+BEGIN_COMMENT"):
			block, drop = true, true
		case strings.HasPrefix(up, "#+BEGIN_"):
			block = true // a quote, verse or centred block: its lines are text
		case strings.HasPrefix(t, "#+"), t == "#", strings.HasPrefix(t, "# "):
			// settings, a caption, a comment: nothing shows
		default:
			if m := orgHeading.FindStringSubmatch(line); m != nil && m[2] != "" {
				emit(strings.Repeat("#", min(len(m[1])+1, 6))+" "+m[2], i)
				continue
			}
			emit(line, i)
		}
	}
	if fixed {
		emit("```", len(src)-1)
	}
	return renderedDoc(lines, origins)
}
