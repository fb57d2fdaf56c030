package structure

import (
	"regexp"
	"strings"
)

// ScanPlain reads a plain-text document (see Scan). One laid out in pages
// (IETF RFCs and Internet-Drafts, roff's output: a form feed between pages,
// each page's running header and footer around it) reads as the text of
// its pages run together: the headers and footers ("RFC 3533  OGG  May
// 2003", "Pfeiffer  Informational  [Page 4]") and the form feeds show
// nothing, and a paragraph a page's end cuts mid-sentence goes on across
// it, so neither half is a passage alone nor a footer a heading. Each line
// of Doc.Text is then mapped to its line of the document (Origins).
func ScanPlain(doc string) Doc {
	view, origins, ok := pagedView(doc)
	if !ok {
		return Scan(doc, false)
	}
	d := Scan(view, false)
	d.Origins = origins
	return d
}

// minPageBreaks is how many form feeds make a document paged; a running
// header's or footer's shape must come back at half of them.
const minPageBreaks = 2

// furnitureReach bounds how many lines of text from a form feed a running
// header or footer is looked for; maxFurnitureWalk how many lines, blank
// ones too.
const (
	furnitureReach   = 3
	maxFurnitureWalk = 12
)

// pagedView returns a paged document's text without its form feeds and
// running headers and footers, a sentence cut by a page's end joined, and
// each line's origin; ok is false for a document that is not paged (no
// form feeds, or no line coming back around them: Emacs's NEWS parts its
// sections by form feeds alone, and reads as it is).
func pagedView(doc string) (string, []Origin, bool) {
	if strings.Count(doc, "\f") < minPageBreaks {
		return "", nil, false // most documents: not read line by line twice
	}
	lines := strings.Split(doc, "\n")
	var breaks []int
	for i, l := range lines {
		if k := strings.IndexByte(l, '\f'); k >= 0 {
			if strings.Trim(l, "\f\r\t ") != "" && strings.Trim(l[:k], " \t") != "" && strings.Trim(l[k:], "\f\r\t ") != "" {
				return "", nil, false // a form feed within a line's text: no page's end
			}
			breaks = append(breaks, i)
		}
	}
	if len(breaks) < minPageBreaks {
		return "", nil, false
	}
	// Lines around each form feed, by shape: the same header or footer
	// on each page, its page number and date aside, on as many lines as
	// half the pages at least.
	near := func(f, step int) []int {
		var out []int
		if step > 0 && strings.TrimSpace(strings.ReplaceAll(lines[f], "\f", "")) != "" {
			out = append(out, f) // a header on the form feed's line
		}
		seen := 0
		for k, walked := f+step, 0; k >= 0 && k < len(lines) && seen < furnitureReach && walked < maxFurnitureWalk; k, walked = k+step, walked+1 {
			if strings.Contains(lines[k], "\f") {
				break
			}
			if strings.TrimSpace(lines[k]) == "" {
				continue
			}
			out = append(out, k)
			seen++
		}
		return out
	}
	// Each line near a form feed, once, with its shape and whether it is
	// above the form feed (a footer's place) or below (a header's).
	type nearLine struct {
		k     int
		above bool
		shape string
	}
	var cands []nearLine
	shapes := make(map[string]map[int]bool)
	for _, f := range breaks {
		for _, step := range []int{-1, 1} {
			for _, k := range near(f, step) {
				s := pageShape(lines[k])
				cands = append(cands, nearLine{k, step < 0, s})
				if shapes[s] == nil {
					shapes[s] = make(map[int]bool)
				}
				shapes[s][k] = true
			}
		}
	}
	// Paged: running lines both above form feeds (footers) and below them
	// (headers); section headings opening each part are below alone. The
	// form feed's line goes, unless it opens the page's text ("\f4.
	// Sandboxing" of pdftotext's layout).
	drop := make([]bool, len(lines))
	for _, f := range breaks {
		drop[f] = strings.TrimSpace(strings.ReplaceAll(lines[f], "\f", "")) == ""
	}
	var footers, headers bool
	for _, c := range cands {
		n := len(shapes[c.shape])
		if n >= minPageBreaks && 2*n >= len(breaks) && runningLine.MatchString(lines[c.k]) {
			drop[c.k] = true
			footers = footers || c.above
			headers = headers || !c.above
		}
	}
	if !footers || !headers {
		return "", nil, false
	}
	// Between the last line of text before a page's end and the first
	// after it, only blank lines are left: none when the text runs on
	// (no sentence's end before, or a lower-case word after), one when a
	// paragraph ended with the page.
	// nextDropped[i]: the first line from i on that is not blank is
	// dropped (a blank line within a page break).
	nextDropped := make([]bool, len(lines)+1)
	for i := len(lines) - 1; i >= 0; i-- {
		switch {
		case drop[i]:
			nextDropped[i] = true
		case strings.TrimSpace(lines[i]) == "":
			nextDropped[i] = nextDropped[i+1]
		}
	}
	var out []string
	var origins []Origin
	for i := 0; i < len(lines); i++ {
		if !drop[i] && !(strings.TrimSpace(lines[i]) == "" && i > 0 && nextDropped[i]) {
			out = append(out, strings.ReplaceAll(lines[i], "\f", ""))
			origins = append(origins, Origin{First: i + 1, Last: i + 1})
			continue
		}
		// A page break: skip to the next line of text.
		j := i
		for j < len(lines) && (drop[j] || strings.TrimSpace(lines[j]) == "") {
			j++
		}
		prev := lastText(out)
		if j < len(lines) && prev != "" && !runsOn(prev, lines[j]) {
			out = append(out, "")
			origins = append(origins, Origin{First: j, Last: j})
		}
		i = j - 1
	}
	return strings.Join(out, "\n"), origins, true
}

// lastText returns the last line of out that is not blank, "" for none.
func lastText(out []string) string {
	for k := len(out) - 1; k >= 0; k-- {
		if t := strings.TrimSpace(out[k]); t != "" {
			return t
		}
	}
	return ""
}

// runsOn reports whether the text after a page break goes on with the
// paragraph before it: the paragraph stops mid-sentence (no end of a
// sentence or a clause, no heading's shape), or the text after opens on
// a lower-case word; not when a numbered section's heading opens the page.
func runsOn(before, after string) bool {
	if numberedHeading.MatchString(after) {
		return false // a section's heading at the margin
	}
	after = strings.TrimSpace(after)
	if after == "" {
		return false
	}
	if c := after[0]; c >= 'a' && c <= 'z' {
		return true
	}
	last := before[len(before)-1]
	return strings.IndexByte(".:!?;)]\"'", last) < 0 && len(strings.Fields(before)) > 4 && !numberedHeading.MatchString(before)
}

// pageShape is the shape of a line for telling running headers and
// footers: white space one space, digits one '#', letters' case kept.
func pageShape(line string) string {
	s := strings.Join(strings.Fields(line), " ")
	return digitRun.ReplaceAllString(s, "#")
}

var digitRun = regexp.MustCompile(`[0-9]+`)

// runningLine matches a line laid out as a running header or footer is:
// text set apart in columns ("RFC 3533      OGG      May 2003"), or a
// page's number ("[Page 4]", "Page 4", "- 4 -", "4").
var runningLine = regexp.MustCompile(`\S\s{3,}\S|(?i)\bpage\s*[0-9]+|^\W*[0-9]+\W*$`)

// numberedHeading matches a numbered section's heading at the left
// margin, as standards documents number them ("4.1.2.  Access Token
// Response", "Appendix A.  Examples").
var numberedHeading = regexp.MustCompile(`^(?:[0-9]+(?:\.[0-9]+)*\.?|Appendix [A-Z]\.?|[A-Z]\.[0-9.]*)\s+\S`)
