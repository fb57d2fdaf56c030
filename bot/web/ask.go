package web

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/bot/clientip"
	"github.com/citebot/citebot/bot/serve"
	"github.com/citebot/citebot/retrieval/corpus"
)

// askPage is the data of the ask page.
type askPage struct {
	chrome
	Off      bool // the ask page is off (a server with API keys)
	Question string
	Error    string // why the question was not answered
	Answer   *shownAnswer
}

// shownAnswer is an answer as the ask page shows it.
type shownAnswer struct {
	Paragraphs [][]segment
	Declined   bool
	Note       string
	Mode       string
	Citations  []shownCitation
	Related    []shownCitation
}

// segment is a piece of an answer's text: words, or a reference to a
// citation ([n]).
type segment struct {
	Text string
	Ref  int // 0: text
}

// shownCitation is a citation as pages show it.
type shownCitation struct {
	Ref       int
	Excerpt   string
	Verified  bool
	Where     string // "a.md:6–8"
	Title     string
	Section   string
	DocURL    string // the document viewer, the cited lines highlighted
	Published string // the published copy (corpus.link), "" for none
	PassageID string
}

var refPattern = regexp.MustCompile(`\[(\d{1,3})\]`)

// ask serves the ask page; with ?q= it answers the question.
func (s *Server) ask(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("q")
	page := askPage{chrome: chrome{Title: "Ask"}, Question: raw}
	if s.cfg.NoAskPage {
		// Anyone who reaches the page could ask through it, without a key.
		page.Off, page.Title, page.Question = true, "The ask page is off", ""
		status := http.StatusOK
		if raw != "" {
			status = http.StatusUnauthorized
		}
		s.render(w, status, "ask", page)
		return
	}
	if strings.TrimSpace(raw) == "" || r.Method == http.MethodHead {
		s.render(w, http.StatusOK, "ask", page)
		return
	}
	page.Title = raw
	w.Header().Set("Cache-Control", "no-store")
	q, err := bot.CleanQuestion(raw)
	if err != nil {
		page.Error = err.Error()
		s.render(w, http.StatusBadRequest, "ask", page)
		return
	}
	user := "web:" + s.clientAddr(r)
	t, wait, why := s.deps.Desk.AdmitFor(user)
	if why != serve.Admitted {
		w.Header().Set("Retry-After", strconv.Itoa(max(int((wait+time.Second-1)/time.Second), 1)))
		page.Error = serve.BusyText(wait)
		status := http.StatusServiceUnavailable
		if why == serve.RateLimited {
			status = http.StatusTooManyRequests
		}
		s.render(w, status, "ask", page)
		return
	}
	out := &output{final: make(chan serve.Reply, 1), notice: make(chan string, 1)}
	s.deps.Desk.SubmitContext(r.Context(), t, nil, serve.Question{Text: q,
		Origin: serve.Origin{Space: "web", Channel: "web", User: user}, Received: time.Now()}, out)
	select {
	case rep := <-out.final:
		a := shown(rep.Answer)
		page.Answer = &a
		s.render(w, http.StatusOK, "ask", page)
	case text := <-out.notice:
		page.Error = text
		status := http.StatusServiceUnavailable
		if text == serve.FailedText {
			status = http.StatusInternalServerError
		}
		s.render(w, status, "ask", page)
	case <-r.Context().Done():
	}
}

// clientAddr is the address of the request's client (see clientip).
func (s *Server) clientAddr(r *http.Request) string {
	return clientip.Proxies(s.cfg.TrustedProxies).Client(r)
}

// output is a serve.Output that keeps the final answer or the notice for
// the handler; partial answers are not shown (the page is sent whole).
type output struct {
	final  chan serve.Reply
	notice chan string
}

func (o *output) Partial(string) error { return nil }

func (o *output) Final(r serve.Reply) error {
	select {
	case o.final <- r:
		return nil
	default:
		return errors.New("a second final answer")
	}
}

func (o *output) Notice(text string) error {
	select {
	case o.notice <- text:
		return nil
	default:
		return errors.New("a second notice")
	}
}

// shown is an answer as the ask page shows it: the note's parenthesised
// detail is for the log only.
func shown(a bot.Answer) shownAnswer {
	out := shownAnswer{Paragraphs: paragraphs(a.Text), Declined: a.Declined, Note: serve.UserNote(a.Note), Mode: a.Mode}
	for _, c := range a.Citations {
		out.Citations = append(out.Citations, shownCitation{Ref: c.Ref, Excerpt: c.Excerpt, Verified: c.Verified,
			Where: c.Locator.String(), Title: c.Title, Section: c.Section, DocURL: DocURL(c.Locator),
			Published: c.URL, PassageID: c.PassageID})
	}
	for _, rel := range a.Related {
		out.Related = append(out.Related, shownCitation{Excerpt: rel.Passage, Verified: true,
			Where: rel.Locator.String(), Title: rel.Title, Section: rel.Section, DocURL: DocURL(rel.Locator),
			Published: rel.URL, PassageID: rel.PassageID})
	}
	return out
}

// paragraphs splits an answer's text at blank lines, and each paragraph
// into words and [n] references.
func paragraphs(text string) [][]segment {
	var out [][]segment
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		var segs []segment
		last := 0
		for _, m := range refPattern.FindAllStringSubmatchIndex(p, -1) {
			n, _ := strconv.Atoi(p[m[2]:m[3]])
			if m[0] > last {
				segs = append(segs, segment{Text: p[last:m[0]]})
			}
			segs = append(segs, segment{Ref: n})
			last = m[1]
		}
		if last < len(p) {
			segs = append(segs, segment{Text: p[last:]})
		}
		out = append(out, segs)
	}
	return out
}

// DocURL is the document viewer's address of l: the document with l's
// lines highlighted (on its page, for a PDF), scrolled to the first.
func DocURL(l corpus.Locator) string {
	u := "/doc/" + escapePath(l.Source)
	var q []string
	if l.Page > 0 {
		q = append(q, "page="+strconv.Itoa(l.Page))
	}
	end := max(l.LineEnd, l.LineStart)
	if l.LineStart > 0 {
		q = append(q, "hl="+strconv.Itoa(l.LineStart)+"-"+strconv.Itoa(end))
	}
	if len(q) > 0 {
		u += "?" + strings.Join(q, "&")
	}
	switch {
	case l.LineStart > 0:
		u += "#L" + strconv.Itoa(l.LineStart)
	case l.Page > 0:
		u += "#page-" + strconv.Itoa(l.Page)
	}
	return u
}
