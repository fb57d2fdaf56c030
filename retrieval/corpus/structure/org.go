package structure

import (
	"regexp"
	"strings"
)

// orgHeading matches an Org heading: stars at the start of the line, a
// space, then its title, which may open with a TODO keyword and a
// priority ("** TODO [#A] Release") and end with tags (":docs:web:").
var orgHeading = regexp.MustCompile(`^(\*+)[ \t]+(?:(?:TODO|DONE)[ \t]+)?(?:\[#[A-Z0-9]\][ \t]+)?(.*?)(?:[ \t]+(:[\w@#%:]+:))?[ \t]*$`)

// orgDrawer matches the line opening an Org drawer (":PROPERTIES:",
// ":LOGBOOK:"), whose lines up to ":END:" are settings; orgPlanning a
// heading's planning line ("SCHEDULED: <2024-01-01>").
var (
	orgDrawer   = regexp.MustCompile(`^[ \t]*:[A-Za-z][\w-]*:[ \t]*$`)
	orgPlanning = regexp.MustCompile(`^[ \t]*(SCHEDULED|DEADLINE|CLOSED):`)
)

// ScanOrg reads an Org document (Emacs's Org mode: zutty's USAGE.org) as
// its export shows it, and finds its blocks as in a Markdown document: the
// "#+TITLE:" line is the title and every other "#+" line (settings,
// captions) shows nothing, nor do comments ("# …", "#+BEGIN_COMMENT"
// blocks), drawers (":PROPERTIES:" to ":END:"), planning lines, rules
// ("-----") and subtrees left out of the export (tagged ":noexport:", or
// titled "COMMENT …"); a heading's stars are its level below the title,
// without its TODO keyword, priority or tags; a source or example block,
// and a run of fixed-width lines (": sudo apt-get install …"), is code,
// shown without its markers; a quote's or a verse's lines are text. Text
// shows without the indentation Org gives it under a heading. Doc.Text has
// a line for every line of doc that shows something (and a code fence
// around a fixed-width run), Origins mapping each to its line of doc.
func ScanOrg(doc string) Doc {
	src := strings.Split(doc, "\n")
	// A block that never ends is no block: its opening line is text.
	ends := make([]bool, len(src))
	open := -1
	for i, raw := range src {
		up := strings.ToUpper(strings.TrimSpace(raw))
		switch {
		case strings.HasPrefix(up, "#+BEGIN_") && open < 0:
			open = i
		case strings.HasPrefix(up, "#+END_") && open >= 0:
			ends[open], open = true, -1
		}
	}
	var rl renderedLines
	at := func(i int) Origin { return Origin{First: i + 1, Last: i + 1} }
	emit := func(l string, i int) { rl.add(l, at(i)) }
	const fence = "````"                     // longer than a fence of the code it holds
	block, code, drop := false, false, false // within a #+BEGIN_ block; of code; showing nothing
	fixed, drawer := false, false            // within a run of fixed-width lines; a drawer
	cut := 0                                 // the level of a subtree left out, 0 for none
	for i, raw := range src {
		line := strings.TrimRight(raw, " \t\r")
		t := strings.TrimLeft(line, " \t")
		up := strings.ToUpper(t)
		if block {
			switch {
			case strings.HasPrefix(up, "#+END_"):
				if code {
					emit(fence, i)
				}
				block, code, drop = false, false, false
			case drop:
			case code:
				rl.keep(line, at(i))
			case t == "#" || strings.HasPrefix(t, "# "):
			default:
				emit(t, i)
			}
			continue
		}
		var m []string
		if strings.HasPrefix(line, "*") {
			m = orgHeading.FindStringSubmatch(line)
		}
		if cut > 0 {
			if m == nil || len(m[1]) > cut {
				continue
			}
			cut = 0
		}
		if drawer {
			drawer = !strings.EqualFold(t, ":END:")
			continue
		}
		isFixed := t == ":" || strings.HasPrefix(t, ": ")
		if fixed && !isFixed {
			emit(fence, i-1)
			fixed = false
		}
		switch {
		case isFixed:
			if !fixed {
				emit(fence, i)
				fixed = true
			}
			rl.keep(strings.TrimPrefix(strings.TrimPrefix(t, ":"), " "), at(i))
		case m != nil && m[2] != "":
			if strings.Contains(m[3], ":noexport:") || m[2] == "COMMENT" || strings.HasPrefix(m[2], "COMMENT ") {
				cut = len(m[1])
				continue
			}
			emit(strings.Repeat("#", min(len(m[1])+1, 6))+" "+m[2], i)
		case strings.HasPrefix(up, "#+TITLE:"):
			if title := strings.TrimSpace(t[len("#+TITLE:"):]); title != "" {
				emit("# "+title, i)
			}
		case strings.HasPrefix(up, "#+BEGIN_") && !ends[i]:
			// never ended: nothing to open
		case strings.HasPrefix(up, "#+BEGIN_SRC") || strings.HasPrefix(up, "#+BEGIN_EXAMPLE"):
			info := ""
			if f := strings.Fields(t); len(f) > 1 && strings.HasPrefix(up, "#+BEGIN_SRC") {
				info = f[1]
			}
			emit(fence+info, i)
			block, code = true, true
		case strings.HasPrefix(up, "#+BEGIN_COMMENT"):
			block, drop = true, true
		case strings.HasPrefix(up, "#+BEGIN_"):
			block = true // a quote, verse or centred block: its lines are text
		case strings.HasPrefix(t, "#+"), t == "#", strings.HasPrefix(t, "# "),
			orgPlanning.MatchString(t), t != "" && strings.Trim(t, "*") == "", len(t) >= 5 && strings.Trim(t, "-") == "":
			// settings, a caption, a comment, a planning line, stars alone,
			// a rule: nothing shows
		case orgDrawer.MatchString(t):
			drawer = !strings.EqualFold(t, ":END:")
		default:
			emit(t, i)
		}
	}
	if fixed {
		emit(fence, len(src)-1)
	}
	return rl.doc()
}
