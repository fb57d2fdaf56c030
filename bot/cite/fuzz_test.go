package cite

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/text"
)

// FuzzCiter feeds model text to the citation checker whole and in pieces:
// it must never panic, the pieces must give the same text, and every
// quotation shown must be verbatim in its cited passage.
func FuzzCiter(f *testing.F) {
	for _, s := range []string{
		`They "share deep ideological ties" [1] and [2, 3][1].`,
		`« Qatar’s role » [2] „x“ [9] "unclosed [1`,
		`[1][ [12345678901234567890] "" [1] “”`,
		"\xc2\xab mid-rune \xab\xbb",
		"Pakistan's 'the TTP' ‘x’ ”y” ＂z＂ `code` ``two`` »de« [1]",
		"x\n> both groups share deep ideological ties [1]\n>>> made up\n  > \"quoted\" [2].",
	} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, text string, step int) {
		checkCiter(t, text, step)
	})
}

// FuzzQuoteForms builds model answers from every quotation form around
// real and altered passage text, with markers valid, out of range, glued
// or missing, and checks them as FuzzCiter does.
func FuzzQuoteForms(f *testing.F) {
	f.Add([]byte{0, 0, 10, 20, 5, 1, 3, 30, 16, 0, 0, 15, 17, 1, 0, 40}, 2)
	f.Add([]byte{3, 1, 0, 25, 12, 0, 51, 9, 19, 0, 4, 4, 18, 1, 1, 1}, 1)
	f.Fuzz(func(t *testing.T, ops []byte, step int) {
		checkCiter(t, quoteFormsText(ops), step)
	})
}

// quoteFormsText turns fuzz bytes into a model answer: each four bytes
// choose a form, a passage, a slice of it, a marker and an alteration.
func quoteFormsText(ops []byte) string {
	pairs := [][2]string{{`"`, `"`}, {"“", "”"}, {"”", "”"}, {"＂", "＂"}, {"«", "»"}, {"»", "«"}, {"„", "“"}, {"「", "」"},
		{"『", "』"}, {"‹", "›"}, {"'", "'"}, {"‘", "’"}, {"’", "’"}, {"‚", "‘"}, {"`", "`"}, {"``", "``"}}
	markers := []string{" [1]", " [2]", "[1]", " [9]", "", " [2, 1]", " [1", "\n"}
	fillers := []string{"Pakistan's view", " don't ", "the '90s", "\n", "\n  ", " x ", ">", "[", "'", "‘"}
	var b strings.Builder
	for i := 0; i+3 < len(ops); i += 4 {
		form, p, start, n := int(ops[i]), int(ops[i+1]), int(ops[i+2]), int(ops[i+3])
		text := []rune(testPassages[p%len(testPassages)])
		start %= len(text)
		words := string(text[start:min(len(text), start+n%60)])
		if n >= 128 { // alter one character: a made-up quotation
			r := []rune(words)
			if len(r) > 0 {
				r[n%len(r)] = 'Z'
			}
			words = string(r)
		}
		marker := markers[form>>5%len(markers)]
		switch k := form % 20; {
		case k < len(pairs):
			b.WriteString(pairs[k][0] + words + pairs[k][1] + marker)
		case k == 16:
			b.WriteString("\n> " + words + marker + "\n")
		case k == 17:
			b.WriteString("\n" + strings.Repeat(">", 1+n%3) + words + marker)
		case k == 18:
			b.WriteString(fillers[n%len(fillers)])
		default:
			b.WriteString(words + marker)
		}
		b.WriteString(fillers[start%len(fillers)])
	}
	return b.String()
}

// checkCiter runs text through the checker whole and in pieces of step
// bytes and fails on a difference, or on any quotation shown unchecked.
func checkCiter(t *testing.T, text string, step int) {
	t.Helper()
	if step < 1 || step > 64 {
		step = 1 + step&31
	}
	whole := New(testPassages, nil)
	whole.Feed(text)
	whole.Finish()
	var streamed strings.Builder
	split := New(testPassages, func(s string) error { streamed.WriteString(s); return nil })
	for i := 0; i < len(text); i += step {
		split.Feed(text[i:min(i+step, len(text))])
	}
	split.Finish()
	if streamed.String() != split.Text() {
		t.Fatalf("streamed text is not the final text:\nstreamed %q\nfinal    %q", streamed.String(), split.Text())
	}
	if utf8.ValidString(text) && whole.Text() != split.Text() {
		t.Fatalf("pieces of %d change the text:\nwhole %q\nsplit %q", step, whole.Text(), split.Text())
	}
	out := whole.Text()
	for _, e := range whole.Excerpts(out) {
		if e.Verified && (e.Ref < 1 || e.Ref > len(testPassages) || e.Span.Start > e.Span.End || e.Span.End > len(testPassages[e.Ref-1])) {
			t.Fatalf("verified excerpt %+v not in the passages", e)
		}
	}
	assertQuotationsChecked(t, testPassages, out, whole.quotes)
}

// assertQuotationsChecked fails when out, a checked answer, shows a
// quotation that is not verbatim in the passage its marker cites: every
// verified quotation must be followed by the marker of a passage holding
// it; outside those, no quotation mark that always opens a quotation may
// remain, no line may start with '>', and checking out again must find
// no quotation that is not verified.
func assertQuotationsChecked(t *testing.T, passages []string, out string, quotes []quoteRec) {
	t.Helper()
	rest := []byte(out)
	for _, q := range quotes {
		if !q.verified {
			continue
		}
		m := markerRE.FindString(strings.TrimLeft(out[q.end:], " \t"))
		refs := parseRefs(m)
		if len(refs) == 0 || refs[0] != q.refs[0] {
			t.Fatalf("quotation %q shown without the marker of its passage %d: %q", out[q.at:q.end], q.refs[0], out)
		}
		if _, ok := text.FindNormalized(passages[refs[0]-1], q.text, true); !ok {
			t.Fatalf("quotation %q shown as verified is not in passage %d", q.text, refs[0])
		}
		for i := q.at; i < q.end; i++ {
			rest[i] = 'x'
		}
	}
	for _, r := range string(rest) {
		if f, ok := quoteForms[r]; (ok && !f.apostrophe) || r == '`' {
			t.Fatalf("quotation mark %q shown outside a verified quotation: %q", r, out)
		}
	}
	for _, line := range strings.FieldsFunc(string(rest), isNewline) {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), ">") {
			t.Fatalf("block quote %q shown unverified in %q", line, out)
		}
	}
	again := New(passages, nil)
	again.Feed(out)
	again.Finish()
	for _, q := range again.quotes {
		if !q.verified {
			t.Fatalf("unverified quotation %q shown as one in %q", q.text, out)
		}
	}
}
