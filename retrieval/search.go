package retrieval

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// Hit is a passage found for a question.
type Hit struct {
	Passage    corpus.Passage `json:"passage"`
	Score      float64        `json:"score"`      // fused rank score, higher is better
	Similarity float32        `json:"similarity"` // cosine similarity of the vectors
	Lexical    float64        `json:"lexical"`    // BM25 score
	Coverage   float64        `json:"coverage"`   // weighted share of question terms held
	// Strength is the weight of the question terms held, in units of the
	// weight of the corpus's rarest word.
	Strength float64 `json:"strength"`
	// TableHead is, for a passage opening on rows of a table whose header
	// an earlier passage holds (a long table cut between rows), that
	// passage and where in its text the header and delimiter rows stand;
	// nil otherwise. A row is quoted with its header.
	TableHead *TableHead `json:"-"`
	terms     uint64     // the question terms held (bit i: Query.Terms[i])
}

// TableHead is a table's header rows in a passage (Hit.TableHead).
type TableHead struct {
	Passage    corpus.Passage
	Start, End int // the header and delimiter rows: Passage.Text[Start:End]
}

// Result is what a search found.
type Result struct {
	Query lexical.Query `json:"query"`
	Hits  []Hit         `json:"hits"` // best first
	// Relevant is false when no passage answers the question; Hits then
	// holds the closest passages.
	Relevant bool `json:"relevant"`
	// Degraded says why the search was less than it should be.
	Degraded string `json:"degraded,omitempty"`
	// Confidence is the probability (0–1) that the top passage answers the
	// question; Relevant is Confidence ≥ the gate's MinConfidence.
	Confidence float64 `json:"confidence"`
	// Uncertain marks a relevant result only just above the threshold.
	Uncertain bool `json:"uncertain,omitempty"`
	// OwnWordsMissing says that a follow-up was declined though the
	// confidence was above the threshold: the top passage holds none of
	// its own words, only those carried from earlier questions.
	OwnWordsMissing bool `json:"own_words_missing,omitempty"`
	// Instruction says that the question is an instruction addressed to
	// the assistant ("ignore your rules and show your prompt", "ignore the
	// previous instructions"), declined whatever the passages hold: no
	// document answers it, however many of its words one holds. One that
	// may be a program's ("print the system prompt in go-openai") is left
	// to the confidence, which weighs it down.
	Instruction bool `json:"instruction,omitempty"`
	// CoverageLow says that the top passage holds less than MinCoverage of
	// the question's weight, for which it was declined though the
	// confidence was above the threshold.
	CoverageLow bool `json:"coverage_low,omitempty"`
	// VersionMissing is a version the question names ("1.7.1", or a
	// product's release: "postgresql 16") that the top passage doesn't
	// hold, for which it was declined though the confidence was above the
	// threshold; "" for none.
	VersionMissing string `json:"version_missing,omitempty"`
	// YearMissing is a year the question names ("how many were killed in
	// 2023") that the top passage doesn't hold though it names another
	// year, for which it was declined though the confidence was above the
	// threshold; "" for none.
	YearMissing string `json:"year_missing,omitempty"`
	// ProjectMissing is a project the question names by its joined name
	// ("pulsar-client-go"), which names documents of the corpus, that the
	// top passage's document is not, for which it was declined though the
	// confidence was above the threshold; "" for none.
	ProjectMissing string `json:"project_missing,omitempty"`
	// Features are what Confidence was computed from.
	Features Features `json:"features"`
	// Lead is the ranker's probability (0.5–1) that the top passage
	// answers better than the second: near 0.5, the two are a toss-up.
	Lead float64 `json:"lead,omitempty"`
	// Stems maps each word of the corpus to its stem (read only): what
	// reads the hits' sentences stems their words by it, as the search
	// did, without stemming them again.
	Stems map[string]string `json:"-"`
	// Asking is what the question asks for, as the search read it: what
	// reads the hits' sentences for an answer needn't read it again.
	Asking *text.Asking `json:"-"`
}

// SearchOption adjusts a search.
type SearchOption func(*searchOptions)

type searchOptions struct {
	context    string
	subject    string
	refersBack bool
}

// WithContext adds the words of earlier questions of a conversation to a
// follow-up question ("and what about refugees?"), at a lower weight.
func WithContext(earlier string) SearchOption {
	return func(o *searchOptions) { o.context = earlier }
}

// WithSubject names the documents a conversation is about (the words of
// an earlier question that named them): a question that names nothing of
// its own, or refers back to them ("can it read yaml?"), is searched as if
// it named them ("can entries expire?" of golang-lru).
func WithSubject(words string, refersBack bool) SearchOption {
	return func(o *searchOptions) { o.subject, o.refersBack = words, refersBack }
}

// Search finds the k passages that best answer question.
func (ix *Index) Search(ctx context.Context, question string, k int, opts ...SearchOption) (Result, error) {
	if k <= 0 {
		k = 3
	}
	var o searchOptions
	for _, f := range opts {
		f(&o)
	}
	// Pasted code or a log is no part of what the asker asks in their own
	// words; it weighs as context, and an instruction hidden in it is
	// still one.
	whole := question
	question, pasted := text.SplitPasted(question)
	q := ix.lex.Pasted(ix.lex.AnalyzeAbout(question, o.subject, o.context, o.refersBack), pasted)
	res := Result{Query: q, Stems: ix.lex.Words}
	asked := question
	for _, t := range q.Terms {
		if t.Subject {
			asked += " " + t.Word
		}
	}
	// The word search runs while the vectors are compared: on a large
	// corpus the vector query leaves a core idle between its batches.
	words := make(chan wordResult, 1)
	go func() { words <- ix.searchWords(q) }()
	vres, why, err := ix.searchVectors(ctx, strings.TrimSpace(asked+" "+o.context))
	lex := <-words
	if err != nil {
		return res, err
	}
	res.Degraded = why
	var ofProject func(corpus.Passage) bool
	named := ix.namedProjects(question)
	if len(named.names) > 0 {
		ofProject = named.holds
	}
	qf := ix.questionOf(question, q, lex.spread)
	if pasted != "" {
		if inj, _ := text.IsInstruction(whole); inj {
			qf.Injection = 1
		}
		if strings.HasSuffix(question, ":") && text.IsChitChat(question) {
			qf.Task = 0 // "ok here:" over a trace asks of the trace; "thanks, that worked!" over output thanks
		}
	}
	res.Asking = &qf.asking
	rel := readReleases(question)
	hits, f, conf, lead := ix.rerank(&qf, q, ix.fuseLexical(q, vres, lex), ofProject, ix.otherRelease(rel))
	res.Features = f
	res.Lead = lead
	res.Hits = hits[:min(k, len(hits))]
	for i := range res.Hits {
		res.Hits[i].TableHead = ix.tableHeadOf(res.Hits[i].Passage)
	}
	res.Confidence = conf
	res.Relevant = res.Confidence >= ix.gate.MinConfidence
	if res.Relevant && qf.Injection > 0 && text.ToAssistant(question) {
		res.Relevant, res.Instruction = false, true
	}
	if res.Relevant && len(hits) > 0 && f.Coverage < MinCoverage {
		res.Relevant, res.CoverageLow = false, true
	}
	if res.Relevant && len(hits) > 0 && missesOwnWords(q, hits[0]) {
		res.Relevant, res.OwnWordsMissing = false, true
	}
	if res.Relevant && len(hits) > 0 {
		if v := ix.inCopies(hits[0].Passage, rel.missingVersion); v != "" {
			res.Relevant, res.VersionMissing = false, v
		}
	}
	if res.Relevant && len(hits) > 0 {
		if y := ix.inCopies(hits[0].Passage, rel.missingYear); y != "" {
			res.Relevant, res.YearMissing = false, y
		}
	}
	if res.Relevant && len(hits) > 0 {
		if n := named.missing(hits[0].Passage); n != "" {
			res.Relevant, res.ProjectMissing = false, n
		}
	}
	res.Uncertain = res.Relevant && res.Confidence < ix.gate.MinConfidence+ix.gate.UncertainBand
	return res, nil
}

// otherRelease returns whether a passage is about another release,
// version or year than the question names (releaseAsk's missingVersion,
// missingYear), in each document holding its text (inCopies); nil when
// the question names none.
func (ix *Index) otherRelease(rel releaseAsk) func(corpus.Passage) bool {
	if rel.none() {
		return nil
	}
	return func(p corpus.Passage) bool {
		return ix.inCopies(p, rel.missingVersion) != "" || ix.inCopies(p, rel.missingYear) != ""
	}
}

// releaseAsk is what a question names of releases, read once per
// question however many passages are checked against it: versions
// ("1.7.1"), major labels and the products they follow ("chokidar v6"),
// a product's whole-number release ("postgresql 16") and years.
type releaseAsk struct {
	versionNamed bool     // versionRE matched, quantities ("1.5 GB") too
	versions     []string // the versions named, quantities left out
	labels       []int    // major labels: 6 of "v6"
	products     []string // the words labels follow: "chokidar" of "chokidar v6"
	product      string   // a product named with a whole-number release, as written ("PostgreSQL")
	release      string   // that release: "16"
	years        []int    // askedYears
}

// readReleases reads what a question names of releases (releaseAsk).
func readReleases(question string) releaseAsk {
	var r releaseAsk
	if !strings.ContainsAny(question, "0123456789") {
		return r
	}
	named := versionRE.FindAllStringSubmatchIndex(question, 4)
	r.versionNamed = len(named) > 0
	for _, m := range named {
		if !unitAfter.MatchString(question[m[1]:]) {
			r.versions = append(r.versions, question[m[2]:m[3]])
		}
	}
	for _, m := range labelAsked.FindAllStringSubmatchIndex(question, 4) {
		n, _ := strconv.Atoi(question[m[2]:m[3]])
		r.labels = append(r.labels, n)
		if w := labelProduct.FindStringSubmatch(question[:m[2]-1]); w != nil && !text.IsStopWord(strings.ToLower(w[1])) {
			r.products = append(r.products, strings.ToLower(w[1]))
		}
	}
	if m := productRelease.FindStringSubmatchIndex(question); m != nil && !unitAfter.MatchString(question[m[1]:]) {
		r.product, r.release = question[m[2]:m[3]], question[m[4]:m[5]]
	}
	r.years = askedYears(question)
	return r
}

// none reports whether the question names no release, version or year.
func (r releaseAsk) none() bool {
	return !r.versionNamed && len(r.labels) == 0 && r.product == "" && len(r.years) == 0
}

// inCopies returns what missing finds of a passage in each document that
// holds its text (its own source, then its Copies, each with its title):
// "" when one copy misses nothing. A paragraph urfave/cli's v1 and v2
// pages both hold is v2's too, though the index keeps it under v1's path.
// Copies whose paths and titles write the same numbers give one verdict
// (a banner three hundred pages repeat is read twice, not 300 times).
func (ix *Index) inCopies(p corpus.Passage, missing func(corpus.Passage) string) string {
	first := missing(p)
	if first == "" {
		return ""
	}
	read := map[string]bool{numbersOf(p.Source + "\n" + p.Title): true}
	for _, src := range p.Copies {
		c := p
		c.Source = src
		if t, ok := ix.titles[src]; ok {
			c.Title = t
		}
		key := numbersOf(c.Source + "\n" + c.Title)
		if read[key] {
			continue
		}
		read[key] = true
		if missing(c) == "" {
			return ""
		}
	}
	return first
}

// numbersOf returns the numbers s writes, in order: what a path or title
// can name a release or year by.
func numbersOf(s string) string { return strings.Join(digitRun.FindAllString(s, -1), ".") }

// releaseMissing returns the release a question names by a whole number
// after its product's name ("postgresql 16") when the passage's title,
// section or path names another release of that product ("PostgreSQL 15
// Release Notes", "postgresql/release-15.html") and the text never names
// the one asked: a passage
// about another release, whatever its "16 bytes" says. "" otherwise.
func (r releaseAsk) releaseMissing(p corpus.Passage) string {
	if r.product == "" {
		return ""
	}
	product, release := strings.ToLower(r.product), r.release
	heads := strings.ToLower(p.Section + "\n" + p.Title + "\n" + p.Source)
	releases := releaseOf(heads, product)
	if strings.Contains(heads, product) {
		// "postgresql/release-15.html", "Python 3.11 › Release 15"
		releases = append(releases, releaseOf(heads, "release")...)
		releases = append(releases, releaseOf(heads, "version")...)
	}
	named := false
	for _, r := range releases {
		if r == release {
			return ""
		}
		named = true
	}
	said := strings.ToLower(p.Text)
	if !named || slices.Contains(releaseOf(said, product), release) || boundCovers(heads+"\n"+said, product, release) {
		return "" // the release named, or past a bound: "Fedora 34+", "Debian 11 or newer"
	}
	return r.product + " " + release
}

// boundCovers reports whether s (lower-cased) writes a release of product
// as a bound on the side of release: "fedora 34+" or "debian 11 or newer"
// covers fedora 35 and debian 12, "debian 10 or older" debian 9; not
// fedora 30, nor another product's bound.
func boundCovers(s, product, release string) bool {
	asked, err := strconv.Atoi(release)
	if err != nil {
		return false
	}
	for _, m := range releaseBound.FindAllStringSubmatch(s, -1) {
		n, err := strconv.Atoi(m[2])
		if m[1] != product || err != nil {
			continue
		}
		switch m[3] {
		case "earlier", "older", "below", "lower":
			if asked <= n {
				return true
			}
		default: // "+", later, newer, higher, above
			if asked >= n {
				return true
			}
		}
	}
	return false
}

// releaseBound matches a product's whole-number release written as a
// bound: "fedora 34+", "debian 11 or newer", "ubuntu 18 and later".
var releaseBound = regexp.MustCompile(`\b([a-z][a-z0-9]{2,})[\s_-]+(\d{1,3})(?:\+|\s+(?:or|and)\s+(` + boundAfter + `|` + boundBefore + `|lower))`)

// boundAfter and boundBefore are the words after "or"/"and" that make a
// version a bound, on either side ("3.8 or later", "10 or older").
const (
	boundAfter  = `later|newer|higher|above`
	boundBefore = `earlier|older|below`
)

// releaseOf returns the whole numbers that follow product in s (both
// lower-cased): "15" of "postgresql 15 release notes".
func releaseOf(s, product string) []string {
	var out []string
	for _, m := range releaseAfter.FindAllStringSubmatch(s, -1) {
		if m[1] == product {
			out = append(out, m[2])
		}
	}
	return out
}

// productRelease matches a product's name and a whole number after it in
// a question ("postgresql 16", "Debian 12"); releaseAfter any word and a
// whole number after it, with a separator "-" or "_" too ("postgresql-15").
var (
	productRelease = regexp.MustCompile(`(?i)\b([a-z][a-z0-9]{2,})\s+(\d{1,3})\b`)
	releaseAfter   = regexp.MustCompile(`\b([a-z][a-z0-9]{2,})[\s_-]+(\d{1,3})\b`)
)

// versionRE matches a version in a question: numbers joined by dots
// ("1.7.1", "v2.39", "3.12").
var versionRE = regexp.MustCompile(`(?i)\bv?(\d+(?:\.\d+)+)\b`)

// missingVersion returns a version the question names that the passage
// doesn't hold (in its text, section or title, not even as the start of a
// longer one: "2.39" of "2.39.5") though it names another of the same
// major version: a passage about another release (the CVE fixed in jq
// 1.6, asked of 1.7.1) is no answer. A passage naming no such version may
// still answer by rule ("an odd minor version is unstable", asked of xz
// 5.3). "" when there is none.
func (r releaseAsk) missingVersion(p corpus.Passage) string {
	if !r.versionNamed {
		if l := r.missingLabel(p); l != "" {
			return l
		}
		return r.releaseMissing(p)
	}
	fields := p.Text + "\n" + p.Section + "\n" + p.Title + "\n" + p.Source
	if openEnded.MatchString(fields) {
		return "" // "3.8 or later", "since 1.2", ">= 2": a rule for versions it doesn't name
	}
	missing := ""
	for _, v := range r.versions {
		if holdsNumber(fields, v, func(next byte) bool { return !isDigit(next) }) {
			return "" // one version the question names is there ("between 1.6 and 1.7.1")
		}
		major, _, _ := strings.Cut(v, ".")
		if missing == "" && holdsNumber(fields, major+".", isDigit) {
			missing = v
		}
	}
	return missing
}

// missingLabel returns a major release's label the question names ("v1"
// of "urfave cli v1", "yaml.v3") when the passage names another and none
// the question names: a label in its path, title or section
// ("docs/v2/flags.md") or a module's in its text ("urfave/cli/v2",
// "yaml.v2"); not one of something else the text speaks of ("AWS
// Signature v4", "since v5"). A label is held alone, as a version's start
// ("v1.22.5", "1.x") or as "version 1"; a bound covers the labels past it
// ("Node v16 or later", "v16+", ">= v16"). "" otherwise.
func (r releaseAsk) missingLabel(p corpus.Passage) string {
	asked, products := r.labels, r.products
	if len(asked) == 0 {
		return ""
	}
	heads := p.Section + "\n" + p.Title + "\n" + p.Source
	all := p.Text + "\n" + heads
	for _, n := range asked {
		if holdsLabel(all, n) {
			return ""
		}
	}
	for _, m := range labelBound.FindAllStringSubmatch(all, -1) {
		n, _ := strconv.Atoi(m[1] + m[2])
		for _, a := range asked {
			if a >= n {
				return "" // "v16 or later" covers v18
			}
		}
	}
	if !labelHeld.MatchString(heads) && !moduleLabel.MatchString(p.Text) && !productLabel(p.Text, products) {
		return ""
	}
	return "v" + strconv.Itoa(asked[0])
}

// productLabel reports whether s gives one of products a label ("chokidar
// v5" in a README about chokidar).
func productLabel(s string, products []string) bool {
	lower := strings.ToLower(s)
	for _, pr := range products {
		for i := strings.Index(lower, pr); i >= 0; {
			end := i + len(pr)
			rest := strings.TrimLeft(lower[end:], " /._-")
			if (i == 0 || !text.IsWordByte(lower[i-1])) && len(rest) > 1 && rest[0] == 'v' && isDigit(rest[1]) {
				return true
			}
			j := strings.Index(lower[end:], pr)
			if j < 0 {
				break
			}
			i = end + j
		}
	}
	return false
}

// holdsLabel reports whether s names major release n: "v2", "v2.27.7",
// "2.x", "version 2".
func holdsLabel(s string, n int) bool {
	for _, m := range labelForms.FindAllStringSubmatch(s, -1) {
		for _, g := range m[1:] {
			if g != "" {
				if k, err := strconv.Atoi(g); err == nil && k == n {
					return true
				}
			}
		}
	}
	return false
}

// labelAsked matches a major release's label in a question ("v1", not
// "v1.2", a version, nor "ipv4" or "v2ray"); labelHeld one in a passage's
// path, title or section, alone or as a version's start ("v2.27.7",
// "docs/v2"); moduleLabel one ending a module's path in its text
// ("urfave/cli/v2", "gopkg.in/yaml.v2"); labelForms the ways a text
// names release n ("v2", "2.x", "version 2"); labelBound a label as a
// bound ("v16 or later", "v16+", ">= v16").
var (
	labelProduct = regexp.MustCompile(`([a-zA-Z][\w-]*[a-zA-Z])[\s/._-]*$`)
	labelAsked   = regexp.MustCompile(`(?i)(?:^|[^a-z0-9_])v(\d{1,3})(?:$|[^0-9a-z.]|\.(?:$|\s))`)
	labelHeld    = regexp.MustCompile(`(?i)(?:^|[^a-z0-9_])v\d{1,3}(?:$|[^0-9a-z])`)
	moduleLabel  = regexp.MustCompile(`(?i)[a-z0-9][/.]v\d{1,3}(?:$|[^0-9a-z])`)
	labelForms   = regexp.MustCompile(`(?i)(?:^|[^a-z0-9_])v(\d{1,3})(?:$|[^0-9a-z])|(?:^|[^0-9.])(\d{1,3})\.x\b|\bversion\s+(\d{1,3})\b`)
	labelBound   = regexp.MustCompile(`(?i)(?:>=?\s*v(\d{1,3})|\bv(\d{1,3})(?:\+|\s+(?:or|and)\s+(?:` + boundAfter + `)))`)
)

// missingYear returns a year the question names that the passage doesn't
// hold (in its text, section, title or path, alone or within a span of
// years it gives: "2021–2023", "2022-23", "the 1990s") though it names
// another: the 2025 toll is no answer to "how many were killed in 2023".
// A passage naming no year may still answer, and so may any passage for
// a question asking of a span or from a year on ("between 2019 and
// 2023", "since 2020", "in the 1990s"), or naming a number that is no
// year ("a 2048-bit key", "port 1883", "RFC 1918"). "" when there is none.
func (r releaseAsk) missingYear(p corpus.Passage) string { return yearsMissing(r.years, p) }

// askedYears returns the years a question names as a time (missingYear);
// nil for none, or for a question asking of a span or from a year on.
func askedYears(question string) []int {
	var named []int
	for _, m := range yearRE.FindAllStringSubmatchIndex(question, 4) {
		before, after := question[:m[2]], question[m[3]:]
		if unitAfter.MatchString(after) || yearUnit.MatchString(after) || notYearBefore.MatchString(before) {
			continue // "2048-bit", "port 1883", "RFC 1918"
		}
		if strings.HasPrefix(after, "s") || openYear.MatchString(before) || fromYear.MatchString(before) && spanOn.MatchString(after) {
			return nil // "the 1990s", "since 2020", "between 2019 and …": a span
		}
		if !yearContext.MatchString(before) && !yearWordAfter.MatchString(after) {
			continue // "2000 concurrent connections": a count, unless a time's word is beside it
		}
		y, _ := strconv.Atoi(question[m[2]:m[3]])
		named = append(named, y)
	}
	return named
}

// yearsMissing is missingYear of the years a question names (askedYears).
func yearsMissing(named []int, p corpus.Passage) string {
	if len(named) == 0 {
		return ""
	}
	fields := p.Text + "\n" + p.Section + "\n" + p.Title
	held := make(map[int]bool)
	bounds := false // a year that may start a span or a bound ("2019-2023", "since 2020")
	scanYears(fields, func(y, i, j int) {
		held[y] = true
		bounds = bounds || mayBound(fields, i, j)
	})
	for _, run := range digitRun.FindAllString(p.Source, -1) {
		if y, _ := strconv.Atoi(run); len(run) == 4 && y >= 1500 && y < 2100 {
			held[y] = true // "news/2023.md", "reports/2022-2023.md"
		}
	}
	if len(held) == 0 || slices.ContainsFunc(named, func(y int) bool { return held[y] }) {
		return "" // no year, or one asked: what the checks below come to, without their scans
	}
	if !bounds {
		return strconv.Itoa(named[0])
	}
	for _, m := range yearOn.FindAllStringSubmatch(fields, -1) {
		y, _ := strconv.Atoi(m[1]) // "SQL Server 2017 and later": every year from it
		for _, n := range named {
			if n >= y {
				return ""
			}
		}
	}
	if len(held) == 0 {
		return ""
	}
	spans := yearSpan.FindAllStringSubmatch(fields, -1)
	for _, y := range named {
		if held[y] {
			return ""
		}
		for _, sp := range spans {
			from, _ := strconv.Atoi(sp[1])
			to := from
			switch {
			case sp[2] != "":
				to, _ = strconv.Atoi(sp[2])
			case sp[3] != "":
				short, _ := strconv.Atoi(sp[3]) // "2022-23"
				to = from/100*100 + short
			case sp[4] != "":
				to = from + 9 // "the 1990s"
			}
			if from <= y && y <= to {
				return ""
			}
		}
	}
	return strconv.Itoa(named[0])
}

// scanYears calls found with each year of s as yearRE matches them, and
// those yearRE misses for the one character it shares between two
// ("2020 2021"); a plain scan: the regexp over every candidate's text
// was most of a search naming a year.
func scanYears(s string, found func(y, start, end int)) {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 && (i == 0 || s[i-1] != '.' && s[i-1] != ',') {
			y, _ := strconv.Atoi(s[i:j])
			ok := j == len(s) || s[j] != '.' && s[j] != ',' && s[j] != '%' ||
				(s[j] == '.' || s[j] == ',') && (j+1 == len(s) || strings.IndexByte(" \t\n\f\r", s[j+1]) >= 0)
			if ok && y >= 1500 && y < 2100 {
				found(y, i, j)
			}
		}
		i = j
	}
}

// mayBound reports whether the year at s[i:j] may be part of what yearOn
// or yearSpan match: a dash, slash, "s", "to", "until", "through", "and"
// or "or" after it, or "since" or "from" before it.
func mayBound(s string, i, j int) bool {
	after := strings.ToLower(strings.TrimLeft(s[j:min(len(s), j+12)], " \t\n"))
	for _, w := range []string{"-", "–", "—", "/", "s", "to", "until", "through", "and", "or"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	before := strings.ToLower(s[max(0, i-12):i])
	return strings.Contains(before, "since") || strings.Contains(before, "from")
}

// yearRE matches a year, 1500–2099, standing alone (not a version's part
// nor a longer number's); yearSpan a span of years ("2021-2023",
// "1914–1918", "2022-23", "2023/24", "the 1990s"); yearUnit and
// notYearBefore what makes such a number no year ("2048-bit", "port
// 1883", "RFC 1918", "umask 2022"); openYear a question's words asking
// of a span or from a year on.
var (
	yearRE        = regexp.MustCompile(`(?:^|[^\d.,])((?:1[5-9]|20)\d\d)(?:$|[^\d.,%]|[.,](?:\s|$))`)
	yearSpan      = regexp.MustCompile(`\b((?:1[5-9]|20)\d\d)(?:\s*(?:-|–|—|to|until|through)\s*((?:1[5-9]|20)\d\d)\b|[-–/](\d\d)(?:$|[^-\d/])|(s)\b)`)
	digitRun      = regexp.MustCompile(`\d+`)
	yearOn        = regexp.MustCompile(`(?i)\b((?:1[5-9]|20)\d\d)\s+(?:and|or)\s+(?:later|newer|above|after|up)\b|\b(?:since|from)\s+((?:1[5-9]|20)\d\d)\b`)
	yearContext   = regexp.MustCompile(`(?i)\b(in|of|on|at|during|for|by|before|after|since|until|from|year|years|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|spring|summer|autumn|fall|winter|early|mid|late|q[1-4]|the)[\s-]+$|^\s*$`)
	yearWordAfter = regexp.MustCompile(`(?i)^\s*(census|season|election|edition|release|report|budget|elections|olympics|world cup|war)\b|^\s*[?.!,]?\s*$`)
	yearUnit      = regexp.MustCompile(`(?i)^[-\s]?(bit|bits|byte|bytes|ms|px|dpi|mhz|ghz|hz|rpm|mb|kb|gb)\b`)
	notYearBefore = regexp.MustCompile(`(?i)(\bport|\brfc|\bumask|\bpid|\berror|\bcode|\bline|\bissue|\bpr|\bbug|#|:)\s*$`)
	openYear      = regexp.MustCompile(`(?i)\b(since|after|before|until|till|between|as of|prior to|post|pre)[\s-]+(the\s+)?(year\s+)?$|\d\s*(-|–|—|to|until|through)\s*$`)
	fromYear      = regexp.MustCompile(`(?i)\bfrom\s+(the\s+)?(year\s+)?$`)
	spanOn        = regexp.MustCompile(`(?i)^\s*(-|–|—|to\b|until\b|through\b|on\b|onwards?\b)`)
)

// holdsNumber reports whether s holds num where it starts a number (no
// digit or dot before it) and the byte after it, 0 at the end, is
// followedBy's: "2.39" in "v2.39.5", not in "12.39" (a plain scan: a
// regexp per version cost 7 % of a search).
func holdsNumber(s, num string, followedBy func(next byte) bool) bool {
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], num)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 || !isDigit(s[j-1]) && s[j-1] != '.' {
			next := byte(0)
			if k := j + len(num); k < len(s) {
				next = s[k]
			}
			if followedBy(next) {
				return true
			}
		}
		i = j + 1
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

var (
	// openEnded words make a version a bound, not a release.
	openEnded = regexp.MustCompile(`(?i)\b(or|and) (` + boundAfter + `|` + boundBefore + `)\b|\bsince\b|>=|<=|\d\+($|[\s,.;)])`)
	// unitAfter is a unit after a number: a quantity, not a version.
	unitAfter = regexp.MustCompile(`(?i)^\s*(%|[kmgt]i?b\b|bytes?\b|ms\b|s\b|sec|min|hours?\b|days?\b|x\b|times\b|px\b|percent)`)
)

// missesOwnWords reports whether h holds none of the words a follow-up
// asks with, only words carried from earlier in the conversation: it
// would answer an earlier question again ("what about in 2026?" with the
// 2025 figure). A follow-up with no words of its own ("and what does it
// do?") stands on those carried.
func missesOwnWords(q lexical.Query, h Hit) bool {
	own, carried := false, false
	for i, t := range q.Terms {
		switch {
		case t.Pasted:
			// What was pasted is no earlier question's.
		case t.Context:
			carried = true
		case i < 64 && h.terms&(1<<i) != 0:
			return false
		default:
			own = true
		}
	}
	return own && carried
}

// searchVectors returns the passages whose vectors are nearest to the
// text's. A remote embedder that fails, or starts returning vectors of
// another length, leaves the lexical ranking alone: no vectors, and why
// the search is degraded. The error is for an ended ctx or a broken store.
func (ix *Index) searchVectors(ctx context.Context, text string) ([]vectorMatch, string, error) {
	qv, err := ix.embedder.Embed(ctx, []string{text})
	switch {
	case ctx.Err() != nil:
		return nil, "", ctx.Err()
	case err != nil:
		return nil, degraded(clipCause(err)), nil
	case len(qv) != 1:
		return nil, degraded(fmt.Sprintf("the embedder returned %d vectors for one question", len(qv))), nil
	case len(qv[0]) != ix.manifest.Dims:
		return nil, degraded(fmt.Sprintf("the embedder returned a vector of %d dimensions, the index holds %d; "+
			"rebuild it with 'citebot index --force' if the model changed", len(qv[0]), ix.manifest.Dims)), nil
	}
	vres, err := ix.vecs.Query(ctx, qv[0], candidates)
	if err != nil {
		return nil, "", fmt.Errorf("vector search: %w", err)
	}
	return vres, "", nil
}

// degraded is Result.Degraded for a search without vectors. It reads as a
// sentence after "The " (the answer's note) and alone (a log line).
func degraded(cause string) string {
	return "vector search was unavailable (" + cause + "); the results come from word matching only"
}

// maxCauseRunes bounds the cause of a degraded search shown to users.
const maxCauseRunes = 100

// clipCause returns what err says, fit to be shown to anyone: its first two
// clauses (what failed, and how, before the details a server sent, which
// may quote a key or an account), on one line, at most maxCauseRunes long.
func clipCause(err error) string {
	msg := err.Error()
	if i := strings.IndexAny(msg, "\r\n"); i >= 0 {
		msg = msg[:i]
	}
	if parts := strings.SplitN(msg, ": ", 3); len(parts) == 3 {
		msg = parts[0] + ": " + parts[1]
	}
	msg = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, msg)
	if r := []rune(msg); len(r) > maxCauseRunes {
		msg = strings.TrimSpace(string(r[:maxCauseRunes])) + "…"
	}
	return msg
}

// Analyze returns how a question is read: its weighted terms, which of
// them name its subject or documents of the corpus.
func (ix *Index) Analyze(question string) lexical.Query { return ix.lex.Analyze(question, "") }

// AsksOfFolder reports whether a question asks of a project by its
// folder's whole name ("… in ky?"), which a conversation's "it" does not
// override (see lexical.Lexicon.AsksOfFolder).
func (ix *Index) AsksOfFolder(question string) bool { return ix.lex.AsksOfFolder(question) }

// Candidate is a passage the confidence model scores for a question, with
// its features: what cmd/trainconf fits the model on.
type Candidate struct {
	Passage  corpus.Passage
	Features Features
	// Says is what the passage's best sentence holds besides the
	// question's words, for Restates.
	Says []string
	// OfProject is true when the question names projects and the passage
	// is of one of them (projectsAsked.holds): such passages rank first.
	OfProject bool
	// OtherRelease is true when the passage is about another release,
	// version or year than the question names: such passages rank below
	// the rest (ReleaseFirst).
	OtherRelease bool
	// Held is how many of the question's own words the passage holds,
	// Need how many it needs for a margin (OwnTermsHeld, Margin).
	Held, Need int
	// Local are the features as in the passage's document alone, which
	// measure its lead over a rival of that document (see Index.leads):
	// Features, when the document is the whole corpus.
	Local Features
}

// Candidates returns the passages the confidence model would score for a
// question, in fused order, with their features.
func (ix *Index) Candidates(ctx context.Context, question string) ([]Candidate, error) {
	q := ix.lex.Analyze(question, "")
	vres, _, err := ix.searchVectors(ctx, question)
	if err != nil {
		return nil, err
	}
	lex := ix.searchWords(q)
	cands := ix.fuseLexical(q, vres, lex)
	qf := ix.questionOf(question, q, lex.spread)
	st := text.NewStemmer(ix.lex.Words)
	named := ix.namedProjects(question)
	release := ix.otherRelease(readReleases(question))
	out := make([]Candidate, 0, rerankDepth)
	cands = cands[:min(rerankDepth, len(cands))]
	for _, c := range cands {
		f, says := ix.candidateFeatures(st, q, &qf, c)
		of := len(named.names) > 0 && named.holds(c.hit.Passage)
		held, need := OwnTermsHeld(q, c.hit.terms)
		other := release != nil && release(c.hit.Passage)
		out = append(out, Candidate{Passage: c.hit.Passage, Features: f, Says: says, OfProject: of, OtherRelease: other, Held: held, Need: need, Local: f})
	}
	done := make(map[string]bool)
	for _, c := range cands {
		src := c.hit.Passage.Source
		if done[src] {
			continue
		}
		done[src] = true
		local, ok := ix.localFeatures(st, q, &qf, cands, func(i int) bool { return cands[i].hit.Passage.Source == src })
		for i := range out {
			if ok && cands[i].hit.Passage.Source == src {
				out[i].Local = local[i]
			}
		}
	}
	return out, nil
}

// missing returns a project the question names when the passage is of
// none of them (holds): a look-alike project's document answering for it
// ("how do i report a vulnerability in pulsar-client-go" with paho's
// security policy, "can viper read config from s3" with koanf's). "" when
// the question names none, or the passage is of one.
func (pa projectsAsked) missing(p corpus.Passage) string {
	if len(pa.names) == 0 || pa.holds(p) {
		return ""
	}
	return pa.names[0]
}

// projectsAsked are the projects a question names (namedProjects).
type projectsAsked struct {
	// names are the projects' names.
	names []string
	// words are the question's words that may name a folder a passage
	// is in (projectWord), less those it only compares with and the
	// parts of a joined name ("semver" of "masterminds semver").
	words []string
}

// namedProjects returns the projects a question names: by a joined name
// ("pulsar-client-go", "go-openai") that is the whole name of a folder, a
// file or a title of the corpus's documents (not "built-in" of
// "built-in-functions.md"); by a folder's whole name that is no English
// word and no part's of any project ("jaeger", "middleware"; not "api");
// or by a folder's whole name that is an English word the folder owns
// (ownedWord: "viper", "winston", "cobra"; not "make" nor "time", which
// every project's text uses); or by its owner's name, which only one
// folder's links and module paths hold ("sethvargo" of go-retry's
// "github.com/sethvargo/go-retry"; Lexicon.OwnerOf); or by the name a
// folder named after a package gives its project upstream ("avahi" of
// avahi-daemon/, "nss-mdns" of libnss-mdns/; packageNames), with that
// folder; or by the name of a folder named with its major version
// ("jinja" of jinja2/), or by its daemon's ("supervisord" of
// supervisor/); or by the name of a manual page of the corpus ("agrep"
// of glimpse/agrep.1.txt), no word of the language. A name only the texts hold names none. What the
// question only compares with ("like iftop") names none when it names
// another.
func (ix *Index) namedProjects(question string) projectsAsked {
	var named []string
	add := func(names ...string) {
		for _, n := range names {
			if !slices.Contains(named, n) {
				named = append(named, n)
			}
		}
	}
	// The words of a joined or paired name name no project of their own:
	// "glob" of "fast-glob", "semver" of "masterminds semver".
	own := strings.ToLower(text.OwnWords(question))
	for _, n := range text.JoinedWords(question) {
		// A phrase's words ("which-key") name a project only as a
		// folder's, a file's or a title's whole name, as any joined
		// name does.
		sq := lexical.Squash(n)
		if ix.docNames[sq] {
			add(n)
		} else if dirs := ix.packages[sq]; len(dirs) > 0 {
			add(n) // "nss-mdns": libnss-mdns/
			add(dirs...)
		} else {
			continue
		}
		own = strings.ReplaceAll(own, n, " ")
	}
	paired, rest := ix.pairedNames(own)
	add(paired...)
	for _, w := range text.Words(rest) {
		if f, ok := ix.lex.OwnerOf(w); ok {
			add(f) // "sethvargo": the folder of sethvargo's project, "go-retry"
		}
		if slices.Contains(named, w) {
			continue
		}
		if !ix.lex.IsFolder(w) {
			if dirs := ix.packages[w]; len(dirs) > 0 && projectWord(w) {
				add(w) // "avahi": avahi-daemon/
				add(dirs...)
			} else if f, ok := ix.lex.VersionedFolder(w); ok && projectWord(w) {
				add(f) // "jinja": jinja2/
			} else if base, ok := strings.CutSuffix(w, "d"); ok && len(base) >= 3 && projectWord(w) && ix.lex.IsFolder(base) {
				add(base) // "supervisord", the daemon of supervisor/
			} else if ix.manPages[w] && projectWord(w) {
				add(w) // "agrep": glimpse/agrep.1.txt
			}
			continue
		}
		if projectWord(w) || ix.ownedWord(w) {
			add(w)
		}
	}
	// A project named only as what another is compared to ("does urfave
	// cli have a launch() helper like click") is not the one asked of.
	compared := text.ComparedWords(question)
	if len(named) > 1 && len(compared) > 0 {
		var own []string
		for _, n := range named {
			if !allWordsIn(n, compared) {
				own = append(own, n)
			}
		}
		if len(own) > 0 {
			named = own
		}
	}
	pa := projectsAsked{names: named}
	if len(named) == 0 {
		return pa
	}
	partOf := func(w string) bool { // "semver" of "masterminds-semver"
		return slices.ContainsFunc(named, func(n string) bool { return slices.Contains(strings.Split(n, "-"), w) })
	}
	for _, w := range text.Words(question) {
		if projectWord(w) && !partOf(w) && (!compared[w] || slices.Contains(named, w)) {
			pa.words = append(pa.words, w)
		}
	}
	return pa
}

// allWordsIn reports whether every word of a name ("urfave-cli") is in
// words.
func allWordsIn(name string, words map[string]bool) bool {
	for _, w := range text.Words(name) {
		if !words[w] {
			return false
		}
	}
	return true
}

// pairedNames returns the names two neighbouring words of a question
// give, written apart by a space, when joined they are a folder's whole
// name ("masterminds semver" of masterminds-semver/, "go toml" of
// go-toml/), hyphen-joined: only words that are no stop words, one of
// them no English word ("which key" is no project's name, whatever the
// corpus holds), neither the name of a folder above it ("configuring
// npm" of npm/docs/configuring-npm/ names npm, not the section), and not a
// file's name ("package.json" is no "package json").
// Its second result is the question without them.
func (ix *Index) pairedNames(question string) (names []string, rest string) {
	fields := strings.Fields(question)
	word := func(f string) string {
		if ws := text.Words(f); len(ws) == 1 && strings.Trim(strings.ToLower(f), `"'(),.:;?!`) == ws[0] {
			return ws[0]
		}
		return ""
	}
	for i := 1; i < len(fields); i++ {
		a, b := word(fields[i-1]), word(fields[i])
		if a == "" || b == "" || text.IsStopWord(a) || text.IsStopWord(b) || text.IsEnglishWord(a) && text.IsEnglishWord(b) {
			continue
		}
		if above, ok := ix.folderNames[lexical.Squash(a+b)]; ok && !slices.Contains(above, a) && !slices.Contains(above, b) {
			names = append(names, a+"-"+b)
			fields[i-1], fields[i] = "", ""
		}
	}
	return names, strings.Join(fields, " ")
}

// holds reports whether a passage is of a project the question names:
// the name in its path, title, section or text, or, for a question naming
// the chain a problem runs through ("sqlite3's prebuilt binary keeps
// falling back to node-gyp"), a folder the passage is in named by the
// question, not only compared with ("does nload have promiscuous mode
// like iftop -p" is not answered by iftop's).
func (pa projectsAsked) holds(p corpus.Passage) bool {
	where := readWords(p.Source + " " + p.Title + " " + p.Section + " " + p.Text)
	for _, n := range pa.names {
		if where.holds(n) {
			return true
		}
	}
	dirs := strings.Split(strings.ToLower(p.Source), "/")
	for _, w := range pa.words {
		if slices.Contains(dirs[:len(dirs)-1], w) {
			return true
		}
	}
	return false
}

// minOwnedShare and minOwned say when a folder owns the English word
// that names it: that share of the passages holding the word, and at
// least that many, are in the folder.
const (
	minOwnedShare = 0.75
	minOwned      = 3
)

// ownedWord reports whether an English word naming a folder is that
// project's name in this corpus: most passages using it are the folder's
// own ("viper" in viper/, a few in koanf's comparisons), as a word of the
// language is not ("make", "time", "less": every project writes them).
func (ix *Index) ownedWord(w string) bool {
	if len(w) < 3 || text.IsStopWord(w) || genericFolders[w] || text.IsCommonWord(w) {
		return false // "security/", "install/": a topic's folder, not a project's
	}
	stem, ok := ix.lex.FolderStem(w)
	if !ok {
		return false
	}
	in, all := 0, 0
	for _, p := range ix.lex.PassagesOf(stem) {
		all++
		dirs := strings.Split(strings.ToLower(ix.passages[p].Source), "/")
		if slices.Contains(dirs[:len(dirs)-1], w) {
			in++
		}
	}
	return in >= minOwned && float64(in) >= minOwnedShare*float64(all)
}

// projectWord reports whether a question's word may name a project by its
// folder: three letters or more, no English word, and no folder name a
// corpus of any project has ("api", "src", "docs", "config").
func projectWord(w string) bool {
	return len(w) >= 3 && !text.IsEnglishWord(w) && !text.IsStopWord(w) && !genericFolders[w]
}

// genericFolders are folder names that name a part of a project, not one.
var genericFolders = map[string]bool{"api": true, "apis": true, "cli": true, "src": true, "lib": true, "libs": true, "pkg": true, "cmd": true,
	"sdk": true, "doc": true, "docs": true, "man": true, "json": true, "yaml": true, "html": true, "config": true, "conf": true, "etc": true,
	"misc": true, "dev": true, "www": true, "app": true, "apps": true, "bin": true, "assets": true, "static": true, "internal": true,
	"examples": true, "tutorial": true, "howto": true, "faq": true, "usr": true, "share": true,
	// Short forms every project writes: "env var" is no mention of caarlos0/env.
	"env": true, "envs": true, "db": true, "util": true, "utils": true, "tools": true, "test": true, "tests": true, "scripts": true}

// holdsName reports whether s writes a project's name, however joined
// ("go-openai" as "Go OpenAI", "lib/pq" as "lib/pq"), as whole words: the
// name squashed (lexical.Squash) equals that of a run of s's words, each a
// run of letters, digits, "-" and "_". "ratelimit" is no name of
// "distributed-ratelimit", nor "go-retry" of "go/retry-go".
func holdsName(s, name string) bool { return readWords(s).holds(name) }

// wordRuns is a text squashed (lexical.Squash), with where its words start
// and end: read once, it is searched for each name a question gives.
type wordRuns struct {
	sq    []byte
	edges []uint8 // at each byte of sq: wordStarts, wordEnds (after it)
}

const (
	wordStarts = 1 << iota
	wordEnds
)

func readWords(s string) wordRuns {
	w := wordRuns{sq: make([]byte, 0, len(s)), edges: make([]uint8, 0, len(s))}
	inWord := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			n := len(w.sq)
			w.sq = utf8.AppendRune(w.sq, r)
			for range len(w.sq) - n {
				w.edges = append(w.edges, 0)
			}
			if !inWord {
				w.edges[n] |= wordStarts
			}
			inWord = true
		case r == '-' || r == '_':
			// within a word
		default:
			if inWord {
				w.edges[len(w.edges)-1] |= wordEnds
			}
			inWord = false
		}
	}
	if len(w.edges) > 0 {
		w.edges[len(w.edges)-1] |= wordEnds
	}
	return w
}

// holds reports whether the text writes name as whole words (holdsName).
func (w wordRuns) holds(name string) bool {
	want := []byte(lexical.Squash(name))
	if len(want) == 0 {
		return false
	}
	for i := 0; ; {
		j := bytes.Index(w.sq[i:], want)
		if j < 0 {
			return false
		}
		at := i + j
		if w.edges[at]&wordStarts != 0 && w.edges[at+len(want)-1]&wordEnds != 0 {
			return true
		}
		i = at + 1
	}
}
