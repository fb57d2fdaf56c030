package bot

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
)

var testPassages = []corpus.Passage{
	{ID: "p1", Locator: corpus.Locator{Source: "a.txt", Title: "A", LineStart: 1, LineEnd: 2}, Text: "The Taliban support the TTP for three main reasons.\nFirst, both groups share deep ideological ties."},
	{ID: "p2", Locator: corpus.Locator{Source: "b.txt", Title: "B", LineStart: 5, LineEnd: 5}, Text: "Qatar’s role in South Asia illustrates how mediation and media narratives converge."},
}

// check runs text through a citer in one piece and byte by byte, which
// must agree, and returns the text and citations.
func check(t *testing.T, text string) (string, []Citation) {
	t.Helper()
	whole := newCiter(testPassages, nil)
	whole.feed(text)
	whole.finish()
	var streamed strings.Builder
	split := newCiter(testPassages, func(s string) error { streamed.WriteString(s); return nil })
	for i := 0; i < len(text); i++ {
		split.feed(text[i : i+1])
	}
	split.finish()
	if whole.out.String() != split.out.String() || streamed.String() != split.out.String() {
		t.Errorf("streaming changes the text:\nwhole    %q\nstreamed %q", whole.out.String(), streamed.String())
	}
	out := whole.out.String()
	return out, whole.citations(out)
}

func TestCiterMarkersAndQuotes(t *testing.T) {
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
		out, cits := check(t, c.in)
		if out != c.out {
			t.Errorf("%q\n  gave %q\n  want %q", c.in, out, c.out)
		}
		var got []string
		for _, ci := range cits {
			got = append(got, strings.Join([]string{strconv.Itoa(ci.Ref), ci.Excerpt, map[bool]string{true: "true", false: "false"}[ci.Verified]}, ":"))
			if ci.Verified && !strings.Contains(ci.Passage, ci.Excerpt) {
				t.Errorf("%q: verified excerpt %q not in its passage", c.in, ci.Excerpt)
			}
		}
		if strings.Join(got, "|") != strings.Join(c.cites, "|") {
			t.Errorf("%q citations\n  got  %q\n  want %q", c.in, got, c.cites)
		}
	}
}

func TestCitationLinesPointAtTheExcerpt(t *testing.T) {
	_, cits := check(t, `"both groups share deep ideological ties" [1]`)
	if c := cits[0]; c.LineStart != 2 || c.LineEnd != 2 {
		t.Errorf("lines %d–%d, want 2–2 (the excerpt's line, not the passage's first)", c.LineStart, c.LineEnd)
	}
}

type fixedSearcher struct{ res retrieval.Result }

func (f fixedSearcher) Search(context.Context, string, int, ...retrieval.SearchOption) (retrieval.Result, error) {
	return f.res, nil
}

type recordingModel struct{ got []Message }

func (m *recordingModel) Complete(_ context.Context, msgs []Message, _ func(Chunk) error) (Completion, error) {
	m.got = msgs
	return Completion{Text: "Reasons [1]."}, nil
}
func (m *recordingModel) Model() string { return "rec" }

func TestContextBudgetDropsLowestRankedFirst(t *testing.T) {
	long := strings.Repeat("Filler sentence about border fencing. ", 80) // ~3,000 characters
	hits := []retrieval.Hit{
		{Passage: testPassages[0], Coverage: 1},
		{Passage: corpus.Passage{ID: "p3", Locator: corpus.Locator{Title: "C"}, Text: long}, Coverage: 0.5},
		{Passage: testPassages[1], Coverage: 0.4},
	}
	m := &recordingModel{}
	p, err := NewPipeline(fixedSearcher{retrieval.Result{Hits: hits, Relevant: true}}, Options{Model: m, TopK: 3, ModelTopK: 5, MaxContextChars: 1000, ModelMinCoverage: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ask(t.Context(), "q", nil); err != nil {
		t.Fatal(err)
	}
	user := m.got[1].Content
	if !strings.Contains(user, "[1] A") || strings.Contains(user, "[2]") || strings.Contains(user, "Filler") {
		t.Errorf("prompt kept passages past the budget:\n%s", user)
	}
	// A best passage longer than the whole budget is cut at a sentence.
	hits[0].Passage.Text = long
	if _, err := p.Ask(t.Context(), "q", nil); err != nil {
		t.Fatal(err)
	}
	user = m.got[1].Content
	if n := len(user); n > 1400 || !strings.Contains(user, "fencing.\n</passages>") {
		t.Errorf("over-long passage not cut at a sentence (%d chars)", n)
	}
}

// TestCiterEveryQuotationForm: a quotation in any form is checked; one
// not in its passage loses its marks (and a block quote its '>') and is
// marked (unverified); apostrophes are not quotation marks.
func TestCiterEveryQuotationForm(t *testing.T) {
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
			out, cits := check(t, c.in)
			if out != c.out {
				t.Errorf("%q\n  gave %q\n  want %q", c.in, out, c.out)
			}
			var got []string
			for _, ci := range cits {
				got = append(got, strings.Join([]string{strconv.Itoa(ci.Ref), ci.Excerpt, strconv.FormatBool(ci.Verified)}, ":"))
			}
			if c.cites != nil && strings.Join(got, "|") != strings.Join(c.cites, "|") {
				t.Errorf("citations\n  got  %q\n  want %q", got, c.cites)
			}
		})
	}
}
