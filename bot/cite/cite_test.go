package cite

import (
	"strconv"
	"strings"
	"testing"
)

var testPassages = []string{
	"The Taliban support the TTP for three main reasons.\nFirst, both groups share deep ideological ties.",
	"Qatar’s role in South Asia illustrates how mediation and media narratives converge.",
}

// check runs text through a Checker in one piece and byte by byte, which
// must agree, and returns the text and what it cites, each as
// "ref:excerpt:verified".
func check(t *testing.T, text string) (string, []string) {
	t.Helper()
	whole := New(testPassages, nil)
	whole.Feed(text)
	whole.Finish()
	var streamed strings.Builder
	split := New(testPassages, func(s string) error { streamed.WriteString(s); return nil })
	for i := 0; i < len(text); i++ {
		split.Feed(text[i : i+1])
	}
	split.Finish()
	if whole.Text() != split.Text() || streamed.String() != split.Text() {
		t.Errorf("streaming changes the text:\nwhole    %q\nstreamed %q", whole.Text(), streamed.String())
	}
	out := whole.Text()
	var cites []string
	for _, e := range whole.Excerpts(out) {
		excerpt := e.Text
		if e.Verified {
			excerpt = testPassages[e.Ref-1][e.Span.Start:e.Span.End]
		}
		cites = append(cites, strings.Join([]string{strconv.Itoa(e.Ref), excerpt, strconv.FormatBool(e.Verified)}, ":"))
	}
	return out, cites
}

// TestCheckerMarkersAndQuotes: markers of passages that don't exist go,
// a misattributed quotation is re-attributed, one in no passage is marked
// (unverified).
func TestCheckerMarkersAndQuotes(t *testing.T) {
	cases := []struct {
		in, out string
		cites   []string // ref:excerpt:verified
	}{
		{`They have reasons [1].`, `They have reasons [1].`, []string{"1:The Taliban support the TTP for three main reasons.:true"}},
		{`Both "share deep ideological ties" [1, 2] and more [1][2].`, `Both "share deep ideological ties" [1, 2] and more [1][2].`,
			[]string{"1:share deep ideological ties:true", "2:Qatar’s role in South Asia illustrates how mediation and media narratives converge.:true"}},
		{`Out of range [7] and [2, 9].`, `Out of range and [2].`, []string{"2:Qatar’s role in South Asia illustrates how mediation and media narratives converge.:true"}},
		{`Misattributed "Qatar's role in South Asia" [1].`, `Misattributed "Qatar's role in South Asia" [2].`, []string{"2:Qatar’s role in South Asia:true"}},
		{`Curly “both groups share deep ideological ties” [1].`, `Curly “both groups share deep ideological ties” [1].`, []string{"1:both groups share deep ideological ties:true"}},
		{`Made up "the Taliban love peace" [1].`, `Made up the Taliban love peace (unverified) [1].`,
			[]string{"1:The Taliban support the TTP for three main reasons.:true", "1:the Taliban love peace:false"}},
		{`Never closed "the Taliban support [1]`, `Never closed the Taliban support [1]`, []string{"1:The Taliban support the TTP for three main reasons.:true"}},
		{`A [note] and [1`, `A [note] and [1`, nil},
		{`Français « both groups share deep ideological ties » [1] et « une invention » [1].`, `Français « both groups share deep ideological ties » [1] et une invention (unverified) [1].`,
			[]string{"1:both groups share deep ideological ties:true", "1:une invention:false"}},
		{`Deutsch „both groups share deep ideological ties“ [1].`, `Deutsch „both groups share deep ideological ties“ [1].`, []string{"1:both groups share deep ideological ties:true"}},
		{`Lower-case start "the Taliban support the TTP" [1].`, `Lower-case start "the Taliban support the TTP" [1].`, []string{"1:The Taliban support the TTP:true"}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			out, got := check(t, c.in)
			if out != c.out {
				t.Errorf("%q\n  gave %q\n  want %q", c.in, out, c.out)
			}
			if strings.Join(got, "|") != strings.Join(c.cites, "|") {
				t.Errorf("%q citations\n  got  %q\n  want %q", c.in, got, c.cites)
			}
		})
	}
}

// TestCheckerEveryQuotationForm: a quotation in any form is checked; one
// not in its passage loses its marks (and a block quote its '>') and is
// marked (unverified); apostrophes are not quotation marks.
func TestCheckerEveryQuotationForm(t *testing.T) {
	const fake = "1:the TTP takes orders from Beijing:false"
	best1 := "1:The Taliban support the TTP for three main reasons.:true"
	cases := []struct {
		name, in, out string
		cites         []string
	}{
		{"straight single", `Says 'the TTP takes orders from Beijing' [1].`, `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"straight single verified", `They 'share deep ideological ties' [1].`, `They 'share deep ideological ties' [1].`, []string{"1:share deep ideological ties:true"}},
		{"apostrophes", `Pakistan's view, don't, the '90s, the students' union, Qatar’s role [1].`, `Pakistan's view, don't, the '90s, the students' union, Qatar’s role [1].`, []string{best1}},
		{"unclosed single quote is dropped", `Until 'til then [1].`, `Until til then [1].`, []string{best1}},
		{"apostrophe inside a single-quoted span", `'Qatar’s role in South Asia' [2]`, `'Qatar’s role in South Asia' [2]`, []string{"2:Qatar’s role in South Asia:true"}},
		{"curly single", `Says ‘the TTP takes orders from Beijing’ [1].`, `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"curly single with apostrophe", `Says ‘Qatar’s role is to fund the TTP’ [2].`, `Says Qatar’s role is to fund the TTP (unverified) [2].`,
			[]string{"2:Qatar’s role in South Asia illustrates how mediation and media narratives converge.:true", "2:Qatar’s role is to fund the TTP:false"}},
		{"right double as both marks", `Says ”the TTP takes orders from Beijing” [1].`, `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"fullwidth", `Says ＂the TTP takes orders from Beijing＂ [1].`, `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"guillemets reversed", `Says »the TTP takes orders from Beijing« [1].`, `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"backticks", "Says `the TTP takes orders from Beijing` [1].", `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"double backticks", "Says ``the TTP takes orders from Beijing`` [1].", `Says the TTP takes orders from Beijing (unverified) [1].`, []string{best1, fake}},
		{"backticks verified", "They `share deep ideological ties` [1].", "They `share deep ideological ties` [1].", []string{"1:share deep ideological ties:true"}},
		{"block quote", "It says:\n> the TTP takes orders from Beijing [1]\nSo.", "It says:\nthe TTP takes orders from Beijing (unverified) [1]\nSo.", []string{best1, fake}},
		{"indented block quote, quoted", "It says:\n  > \"the TTP takes orders from Beijing\" [1].", "It says:\n  the TTP takes orders from Beijing (unverified) [1]", []string{best1, fake}},
		{"discord multi-line block quote", ">>> the TTP takes orders from Beijing [1]", "the TTP takes orders from Beijing (unverified) [1]", []string{best1, fake}},
		{"block quote verified", "It says:\n> both groups share deep ideological ties [1]\nSo.", "It says:\n> both groups share deep ideological ties [1]\nSo.", []string{"1:both groups share deep ideological ties:true"}},
		{"block quote verified without marker", "> First, both groups share deep ideological ties.", "> First, both groups share deep ideological ties. [1]", []string{"1:First, both groups share deep ideological ties.:true"}},
		{"block quote after a dropped marker", "x\n[9]> the TTP takes orders from Beijing [1]", "x\nthe TTP takes orders from Beijing (unverified) [1]", []string{best1, fake}},
		{"greater-than mid-line", "3 > 2 and 'x' [1]", "3 > 2 and x (unverified) [1]", []string{best1, "1:x:false"}},
		{"nested quote in an unverified one", `"he said 'the TTP takes orders' today" [1]`, `he said the TTP takes orders today (unverified) [1]`, []string{best1, "1:he said 'the TTP takes orders' today:false"}},
		{"verified quotation without marker gets one", `"both groups share deep ideological ties" and more.`, `"both groups share deep ideological ties" [1] and more.`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, got := check(t, c.in)
			if out != c.out {
				t.Errorf("%q\n  gave %q\n  want %q", c.in, out, c.out)
			}
			if c.cites != nil && strings.Join(got, "|") != strings.Join(c.cites, "|") {
				t.Errorf("citations\n  got  %q\n  want %q", got, c.cites)
			}
		})
	}
}
