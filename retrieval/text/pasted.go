package text

import (
	"regexp"
	"strings"
	"unicode"
)

// SplitPasted parts a question of several lines into the asker's own lines
// and what they pasted into it: code, a command at a prompt, a log, a stack
// trace, a program's output. Each part comes back as one text, its lines
// joined by spaces, but for a line break after an error message's line
// among the asker's (its words end there: OwnWords). A pasted error
// message's own line ("Error: Cannot find
// module …", "panic: runtime error: …") is the asker's: it is what they ask
// about, and what a FAQ's heading repeats. A question with nothing pasted,
// or with nothing but, is all the asker's, on one line.
//
// The pasted lines match a document's own examples of such output (a
// retry log, a GC trace, a "go get" line) better than the sentence that
// answers; read as the asker's words they win the search for the example.
func SplitPasted(question string) (own, pasted string) {
	if !strings.Contains(question, "\n") {
		return question, ""
	}
	var mine, theirs []string
	fenced := false
	for line := range strings.Lines(question) {
		line = strings.TrimRight(line, " \t\r\n")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			continue
		case IsFenceLine(t) && strings.Count(t, "```") < 2:
			fenced = !fenced
			theirs = append(theirs, strings.Trim(t, "`~"))
		case fenced || isPastedLine(line, t):
			theirs = append(theirs, t)
		default:
			mine = append(mine, t)
		}
	}
	if len(mine) == 0 || len(theirs) == 0 {
		return strings.Join(strings.Fields(question), " "), ""
	}
	// The asker's lines are one text, as a question wrapped over lines
	// is, but an error message's words end with its line (OwnWords).
	var b strings.Builder
	for i, l := range mine {
		if i > 0 {
			if errorMark.MatchString(mine[i-1]) {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(strings.Join(strings.Fields(l), " "))
	}
	return b.String(), strings.Join(strings.Fields(strings.Join(theirs, " ")), " ")
}

// isPastedLine reports whether a line of a question (t: trimmed) reads as
// pasted, not written: indented, at a prompt, a frame of a stack trace, a
// line of a log or of a program's output, or code. A line asking (ending
// in "?", or of three words or more opening on a question word) that reads
// as prose, however indented, or opening on an error's mark is the
// asker's; one that reads as code ("    i := backoff.Next()", "  let f =
// File::open(path)?") is pasted.
func isPastedLine(line, t string) bool {
	if m := errorMark.FindStringIndex(t); m != nil && m[0] == 0 {
		return false
	}
	// A statement's marks, a program's output, a frame or a log's line
	// are code even in a line opening as a question ("    do {", "  let
	// f = File::open(path)?"); a call at its end is not ("how do i call
	// retry.Do()").
	statement := outputLine.MatchString(t) || stackFrame.MatchString(t) || logLine.MatchString(t) ||
		strings.ContainsAny(t, "{};") || strings.Contains(t, ":=") || strings.Contains(t, " = ")
	if !statement && (strings.HasSuffix(t, "?") || asking.MatchString(t) && len(strings.Fields(t)) >= 3) {
		return false // "  1. how do I set the port?", "[envconfig] why is it not enforced?"
	}
	return statement || codeLine.MatchString(t) || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "  ") || IsPromptLine(t) || fewLetters(t)
}

// stackFrame matches a frame of a stack trace (JavaScript's "at f
// (file:1:2)", Python's `File "x.py", line 3`, Go's "goroutine 1
// [running]:", "main.run(...)", "/src/main.go:27 +0x1a5", Java's "at
// a.b.C.d(C.java:10)"); logLine a line opening on a timestamp, a bracketed
// prefix or a log level; codeLine a line of code (a statement's or a
// block's end, an assignment, an arrow, "&&", a line ending on a call);
// outputLine a program's "Key: value" or "key=value" line; asking a line
// opening as a question or a request.
var (
	stackFrame = regexp.MustCompile(`^at\s+\S+.*[(\s]\S+:\d+(:\d+)?\)?$|^File\s+"[^"]+",\s+line\s+\d+|^goroutine\s+\d+\s+\[|^[\w./@-]+\.\w+\(.*\)$|^\S+\.\w+:\d+(:\d+)?(\s+\+0x[0-9a-f]+)?$`)
	logLine    = regexp.MustCompile(`^\[?\d{4}[-/]\d\d[-/]\d\d[T\s\]]|^\[?\d\d:\d\d:\d\d|^\[?\d\d:\d\d\]?\s+(ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|NOTICE)\b|^\[[^\]\s]*[\d:][^\]\s]*\]\s|^\[[A-Z]+\]\s|^(INFO|WARN|WARNING|DEBUG|TRACE|NOTICE)\b|^<-+.*-+>$`)
	codeLine   = regexp.MustCompile(`[;{}\[(]$|^[})\]]|:=|\s(=>|&&|\|\|)\s|\w\(.*\)$|^(const|let|var|func|def|import|from|type|class|return|if|for|while)\s.*[=:{(]|^\w[\w.]*\(.*\)[;,]?$|^#\s*\.\w+$`)
	outputLine = regexp.MustCompile(`^[A-Za-z_][\w.-]*\s?[:=]\s?\S+$|^[A-Z_][A-Z0-9_]*=|^\w+(\s+\d+)?(\s+\w+=("[^"]*"|\S+))+$|^"[^"]+"\s*:`)
	asking     = regexp.MustCompile(`(?i)^(how|what|what's|whats|which|why|where|when|who|is|are|does|do|did|can|could|should|would|will|any|anyone|i|i'm|im|my|we|after|help|pls|please)\b`)
)

// fewLetters reports whether under half of a line's marks are letters:
// "[4012:0x5e8f2a0] 91234 ms: 2047.6 (2083.4) -> 2046.9", "^", "...".
func fewLetters(t string) bool {
	var letters, marks int
	for _, r := range t {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsLetter(r):
			letters++
			marks++
		default:
			marks++
		}
	}
	return marks > 0 && 2*letters < marks
}
