package lexical

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
)

// QueryTerm is one content word of a question.
type QueryTerm struct {
	Word      string  `json:"word"`
	Stem      string  `json:"stem"`                // the stem searched for
	Weight    float64 `json:"weight"`              // IDF-based importance
	Known     bool    `json:"known"`               // the corpus holds the stem
	Corrected string  `json:"corrected,omitempty"` // corpus word a misspelling was read as
	// Context marks a word carried over from earlier in a conversation.
	Context bool `json:"context,omitempty"`
	// Name marks a word that names the question's subject (a project,
	// product, person or place): written as a name, or naming documents of
	// the corpus. A passage that answers should hold it.
	Name bool `json:"name,omitempty"`
	// Documents marks a word that names documents of the corpus (it is in
	// their titles or paths: a project's name): what a conversation is
	// about until a question names other documents.
	Documents bool `json:"documents,omitempty"`
	// Subject marks a word of the documents a conversation is about,
	// carried into a question that names none of its own ("can entries
	// expire?" of golang-lru): a context word that counts as if asked.
	Subject bool `json:"subject,omitempty"`
	// Pasted marks a word of what the asker pasted into the question (a
	// log, code): context, never a name (Lexicon.Pasted).
	Pasted bool `json:"pasted,omitempty"`
	// Answer marks a word its answer is written with, not what it asks
	// about ("copyright", "author" for "who wrote bzip2" or "who is the
	// author of bzip2"), searched for as context is.
	Answer bool `json:"answer,omitempty"`
}

// Query is an analysed question.
type Query struct {
	Text  string      `json:"text"`
	Terms []QueryTerm `json:"terms"`
	// Phrasings are the question's words joined by a hyphen that are
	// English phrasing the corpus never writes (Lexicon.Phrasings): no
	// names, read once here for the search and its confidence.
	Phrasings []string `json:"-"`
}

// TotalWeight is the sum of the weights of the query's terms.
func (q Query) TotalWeight() float64 {
	var w float64
	for _, t := range q.Terms {
		w += t.Weight
	}
	return w
}

// Coverage returns the share, by weight, of the query's terms that occur in
// text: 1 when all do, 0 when none does or the query has no terms.
func (q Query) Coverage(s string) float64 {
	total := q.TotalWeight()
	if total == 0 {
		return 0
	}
	var got float64
	for _, i := range q.Matched(s) {
		got += q.Terms[i].Weight
	}
	return got / total
}

// Matched returns the indexes of the query's terms that occur in text.
func (q Query) Matched(s string) []int {
	var st text.Stemmer
	have := make(map[string]bool)
	for _, t := range text.Tokens(&st, s) {
		have[t.Stem] = true
	}
	var out []int
	for i, t := range q.Terms {
		if have[t.Stem] {
			out = append(out, i)
		}
	}
	return out
}

// majorVersion returns the stem of a major version ("v9") that a whole
// number of up to three digits stands for after a word of the corpus's
// paths or titles' heads, or a runtime's ("uuid 9", "node 10", "python
// 3"), when the corpus writes that version so.
func (lx *Lexicon) majorVersion(before text.Token, number string) (string, bool) {
	if len(number) > 3 || !isNumber(number) || before.Stop {
		return "", false
	}
	if !runtimes[before.Word] && lx.fields[before.Stem]&(fieldSource|fieldTitleHead) == 0 {
		return "", false // not a name of documents of the corpus, however many
	}
	v := "v" + number
	return v, lx.known(v)
}

// runtimes are names of platforms whose major versions a question gives as
// a number ("drop node 10", "python 3").
var runtimes = map[string]bool{"node": true, "nodejs": true, "python": true, "go": true, "golang": true, "java": true,
	"ruby": true, "php": true, "perl": true, "rust": true, "debian": true, "ubuntu": true, "postgresql": true,
	"postgres": true, "mysql": true, "ie": true, "chrome": true, "firefox": true, "safari": true, "electron": true}

// ownerWeight is how much a word the corpus has only in paths (an owner's
// name) counts against a word of the text.
const ownerWeight = 0.3

// modulePath matches a host and the path after it, as a module or import
// path is written ("go.uber.org/ratelimit", "gopkg.in/yaml.v3",
// "https://github.com/avast/retry-go").
var modulePath = regexp.MustCompile(`(?i)\b((?:[a-z0-9-]+\.)+[a-z]{2,})/([\w.~/-]+)`)

// hostLabels returns the words of the hosts a question writes before a
// path naming one of the corpus's folders ("go", "uber" and "org" of "what
// does Take() do in go.uber.org/ratelimit"), lower-cased: they say where
// the project is published, not what it is, and are not searched for; the
// folder's name after them names it. A host before any other path
// ("docs.python.org/3/library") is left as written.
func (lx *Lexicon) hostLabels(question string) map[string]bool {
	var out map[string]bool
	for _, m := range modulePath.FindAllStringSubmatch(question, -1) {
		named := false
		for seg := range strings.SplitSeq(strings.ToLower(m[2]), "/") {
			if lx.IsFolder(seg) || lx.IsFolder(bareName(seg)) {
				named = true
				break
			}
		}
		if !named {
			continue
		}
		if out == nil {
			out = make(map[string]bool)
		}
		for _, w := range text.Words(m[1]) {
			if !lx.IsFolder(w) {
				out[w] = true
			}
		}
	}
	return out
}

// loneLetterWeight is how much a one-letter word ("k" of "isis-k") counts
// against a word of the subject.
const loneLetterWeight = 0.2

// hedgeWeight is how much a word that qualifies the asking rather than
// what is asked ("what is openssl exactly", "how much slower, roughly";
// text.IsHedge), or asks what an abbreviation stands for ("stand" of
// "what does ttp stand for"; text.AcronymFrame), counts against a word of
// the question.
const hedgeWeight = 0.15

// codeNameWeight is how much a name of code made of parts
// ("buffer.tostring", "ffi_prep_closure") counts against a word: its parts
// are terms of their own, so the whole name only tells the passages that
// write it so from those that hold its parts apart.
const codeNameWeight = 0.35

// makerWords are the words an answer to who made a work is written with.
var makerWords = []string{"author", "copyright", "written"}

// makerRoles are the roles a question after a work's maker names ("who is
// the author of …", text.AsksMaker).
var makerRoles = map[string]bool{"author": true, "authors": true, "creator": true, "creators": true, "maintainer": true, "maintainers": true,
	"developer": true, "developers": true, "writer": true, "writers": true, "designer": true, "designers": true}

// contextWeight is how much a word carried over from earlier in a
// conversation counts against a word of the question itself.
const contextWeight = 0.3

// Analyze turns a question into weighted terms, reading misspelt words as
// the nearest corpus word; words of context (earlier questions of a
// conversation) follow at a lower weight.
func (lx *Lexicon) Analyze(question, context string) Query {
	return lx.analyze(question, "", context)
}

// AnalyzeAbout analyses a question of a conversation about the documents
// that subject names (the words of earlier questions that named them): the
// subject's words follow the question as if asked, and must be held as its
// names are, when the question refers back to it ("can it read yaml?") or
// names nothing of its own ("can entries expire?"), not when it names
// documents or anything else ("how do I install GNU make?"), nor when it
// asks of a project by its folder's name ("is it enabled by default in
// ky?"). The words of context follow at a lower weight.
func (lx *Lexicon) AnalyzeAbout(question, subject, context string, refersBack bool) Query {
	q := lx.analyze(question, "", context)
	if subject == "" || (!refersBack || lx.AsksOfFolder(question)) && q.namesOwn() {
		return q
	}
	return lx.analyze(question, subject, context)
}

// AsksOfFolder reports whether a question names a project by its folder's
// whole name after "in", "for", "of" or "about" ("is it enabled by
// default in ky?"): the project asked about, whatever "it" stands for,
// not a thing the project of the conversation does ("does it support
// yaml?").
func (lx *Lexicon) AsksOfFolder(question string) bool {
	ws := text.Words(question)
	for i := 1; i < len(ws); i++ {
		if lx.IsFolder(ws[i]) && ofWords[ws[i-1]] {
			return true
		}
	}
	return false
}

var ofWords = map[string]bool{"in": true, "for": true, "of": true, "about": true}

// namesOwn reports whether the question (not its context) names a subject.
func (q Query) namesOwn() bool {
	for _, t := range q.Terms {
		if t.Name && !t.Context {
			return true
		}
	}
	return false
}

// NamesDocuments reports whether the question (not its context) names
// documents of the corpus.
func (q Query) NamesDocuments() bool {
	for _, t := range q.Terms {
		if t.Documents && !t.Context {
			return true
		}
	}
	return false
}

func (lx *Lexicon) analyze(question, subject, context string) Query {
	q := Query{Text: question, Phrasings: lx.Phrasings(question)}
	var st text.Stemmer
	seen := make(map[string]bool)
	toks := lx.splitVersioned(&st, lx.splitCompounds(&st, lx.joinUnknown(&st, question, text.Tokens(&st, question))))
	fromQuestion := len(toks)
	toks = append(toks, text.Tokens(&st, subject)...)
	fromContext := len(toks)
	// A question in another language: its function words are no terms,
	// its words the corpus lacks no misspellings by English's rules, and
	// German writes every noun in capitals. A word the corpus lacks still
	// names what the question is about ("Proxy für Kubernetes").
	lang := text.QuestionLanguage(question)
	names := text.WrittenAsNames(question)
	if lang == "de" {
		names = nil
	}
	for _, c := range q.Phrasings {
		a, b, _ := strings.Cut(c, "-")
		delete(names, a)
		delete(names, b)
	}
	settingParts := partsOfSettings(question)
	hosts := lx.hostLabels(question)
	contextNames := text.WrittenAsNames(context)
	typeWords := text.AnswerTypeWords(question)
	acronymFrame := text.AcronymFrame(question)
	for w := range text.FrameWords(question) {
		if typeWords == nil {
			typeWords = make(map[string]bool)
		}
		typeWords[w] = true
	}
	toks = append(toks, text.Tokens(&st, context)...)
	// A word of the question is no misspelling of another of its words:
	// "can gofrs uuid generate ULIDs" asks of ULIDs, not of UUIDs again.
	own := make(map[string]bool, fromQuestion)
	for _, t := range toks[:fromQuestion] {
		own[t.Stem] = true
	}
	for i, t := range toks {
		if t.Stop {
			continue
		}
		if typeWords[t.Word] && i < fromQuestion {
			// "what percentage": the kind of answer, checked apart; the
			// word asks it once ("how long can long options be").
			delete(typeWords, t.Word)
			continue
		}
		if i < fromQuestion && hosts[t.Word] {
			// "uber" of "go.uber.org/ratelimit": where the project is
			// published, not searched for; "ratelimit" names it.
			continue
		}
		if lang != "" && i < fromQuestion && text.IsStopWordIn(lang, t.Word) {
			continue // "wie", "qui", "cómo"
		}
		term := QueryTerm{Word: t.Word, Stem: t.Stem}
		english := lang == "" // corrected by English's spelling: "eingeführt" is no misspelt "eingefügt"
		_, owner := lx.OwnerOf(t.Word)
		if lx.known(t.Stem) || owner {
			// An owner's name the text lacks is known from links
			// ("avast" of "github.com/avast/retry-go"): no misspelling.
			term.Known = true
		} else if w, ok := lx.Correct(t.Word); english && ok && !own[lx.Words[w]] {
			term.Corrected = w
			term.Stem = lx.Words[w]
			term.Known = true
		} else if e, ok := text.EnglishMisspelling(t.Word); english && ok && lx.known(st.Stem(e)) {
			// A misspelt word of the dictionary whose stem the corpus
			// holds in other forms ("realisticaly" of "realistic").
			term.Corrected, term.Stem, term.Known = e, st.Stem(e), true
		}
		if !term.Known && text.IsCodeName(t.Word) && !settingName(t.Word) {
			continue // a name of code the corpus doesn't hold: its parts say what it can
		}
		if !lx.NamesDocuments(term.Stem) {
			if f, stem, ok := lx.folderFor(t.Word); ok {
				term.Corrected, term.Stem, term.Known = f, stem, true
			}
		}
		if seen[term.Stem] {
			continue
		}
		seen[term.Stem] = true
		term.Weight = lx.idf(term.Stem)
		switch {
		case text.IsCodeName(t.Word):
			term.Weight *= codeNameWeight
		case isLoneLetter(t.Word):
			term.Weight *= loneLetterWeight
		case text.IsHedge(t.Word) || i < fromQuestion && acronymFrame[t.Word]:
			term.Weight *= hedgeWeight
		case term.Known && (text.IsCommonWord(t.Word) || !names[t.Word] && text.IsCommonForm(t.Word, t.Stem)):
			term.Weight *= 0.5
		case term.Known:
		case text.IsMetaWord(t.Word):
			term.Weight *= 0.15
		case text.IsCommon(t.Word, t.Stem) || text.IsCommonDegree(t.Word):
			term.Weight *= 0.3 // "newest", where the corpus writes "latest"
		}
		// An English word names documents in their titles or as a whole
		// word of their paths; a camel-case part of a file name ("cell"
		// of "iPythonCell.7.txt") is no name of the question's subject.
		term.Documents = lx.NamesDocuments(term.Stem) && !isLoneLetter(t.Word) &&
			(lx.fields[term.Stem]&fieldTitleHead != 0 || lx.fields[term.Stem]&fieldSource != 0 && lx.pathWords[term.Stem] || !text.IsEnglishWord(t.Word))
		if i < fromQuestion && settingParts[t.Word] {
			// "xdg" of "XDG_CONFIG_HOME": a part of a setting's name
			// names no project; the whole name is the question's.
			term.Documents = false
			delete(names, t.Word)
		}
		switch {
		case i >= fromQuestion && i < fromContext:
			if !term.Documents {
				continue // a subject word that names no documents now
			}
			term.Context, term.Subject, term.Name = true, true, true
		case i >= fromQuestion:
			term.Context = true
			term.Weight *= contextWeight
			term.Name = contextNames[t.Word] && !isLoneLetter(t.Word) || term.Documents
		default:
			term.Name = names[t.Word] && !isLoneLetter(t.Word) || term.Documents
		}
		if owner || term.Known && !term.Documents && !text.IsEnglishWord(t.Word) && lx.InPathsOnly(t.Word, term.Stem) {
			// An owner's name ("robfig cron", "caarlos0 env"): the
			// corpus has it only in paths, "go get" lines and URLs; the
			// project after it is the subject.
			term.Name = false
			term.Weight *= ownerWeight
		}
		q.Terms = append(q.Terms, term)
		if i < fromQuestion && i > 0 {
			if v, ok := lx.majorVersion(toks[i-1], t.Word); ok && !seen[v] {
				// "uuid 9", "node 10": the major release of what the
				// word before names, as its notes write it ("9.0.0",
				// "v10"), besides the number, or instead of it when the
				// corpus never writes the number alone.
				seen[v] = true
				if last := &q.Terms[len(q.Terms)-1]; !last.Known {
					last.Corrected, last.Stem, last.Known, last.Weight = v, v, true, lx.idf(v)
				} else {
					q.Terms = append(q.Terms, QueryTerm{Word: v, Stem: v, Known: true, Weight: lx.idf(v)})
				}
			}
		}
	}
	lx.unnameCommonFolders(q.Terms, names, text.Words(question))
	if text.AsksMaker(question) {
		// "who wrote bzip2" is answered "Copyright (C) 1996-2019 Julian
		// Seward", under "AUTHOR", "written by Mark Adler". The role a
		// question asks after ("author" of "who is the author of tslog")
		// is such a word too, not its subject, though the question's own
		// ("Noam Yorav-Raphael … original author").
		for i := range q.Terms {
			if t := &q.Terms[i]; !t.Context && makerRoles[t.Word] {
				t.Answer, t.Name, t.Documents = true, false, false
			}
		}
		for _, w := range makerWords {
			stem := st.Stem(w)
			if lx.known(stem) && !slices.ContainsFunc(q.Terms, func(t QueryTerm) bool { return t.Stem == stem }) {
				q.Terms = append(q.Terms, QueryTerm{Word: w, Stem: stem, Known: true, Context: true, Answer: true, Weight: lx.idf(stem) * contextWeight})
			}
		}
	}
	// "how do i stop less from saving a history file" is answered "to
	// disable the history file"; "turn on 24-bit colour", "enable".
	for _, ph := range text.PhrasalMeanings(question) {
		stem := st.Stem(ph)
		if lx.known(stem) && !slices.ContainsFunc(q.Terms, func(t QueryTerm) bool { return t.Stem == stem }) {
			q.Terms = append(q.Terms, QueryTerm{Word: ph, Stem: stem, Known: true, Context: true, Answer: true, Weight: lx.idf(stem) * contextWeight})
		}
	}
	// A follow-up ("what about its license?") keeps the subject of the
	// conversation, unless it names one of its own: other documents ("and
	// chromem?") replace the documents it was about; another name ("and in
	// Sindh?") replaces the names that are not documents' ("Punjab"), but
	// "can I use it with CommonJS?" is still about the project.
	ownDocuments, ownName := false, false
	for _, t := range q.Terms {
		if !t.Context {
			ownDocuments = ownDocuments || t.Documents
		}
	}
	for i := range q.Terms {
		t := &q.Terms[i]
		if t.Context {
			continue
		}
		// A question naming none of the corpus's documents may name
		// something else: a word the corpus lacks that is no English word
		// ("default expiration in ristretto"). One naming a document asks
		// about it ("does envconfig read yaml").
		if !ownDocuments && namesElsewhere(*t) {
			t.Name = true
		}
		ownName = ownName || t.Name
	}
	for i := range q.Terms {
		if t := &q.Terms[i]; t.Context && !t.Subject && (ownDocuments || ownName && !t.Documents) {
			t.Name = false
		}
	}
	unnameCompared(q.Terms, text.ComparedWords(question))
	return q
}

// unnameCompared takes the name from what a question names only to
// compare with ("fzf" of "does peco have a preview window like fzf"),
// when it names another thing it asks of: a passage about fzf alone
// holds none of the question's subject.
func unnameCompared(terms []QueryTerm, compared map[string]bool) {
	if len(compared) == 0 {
		return
	}
	own := false
	for _, t := range terms {
		own = own || t.Name && !t.Context && !compared[t.Word]
	}
	if !own {
		return
	}
	for i := range terms {
		if t := &terms[i]; t.Name && !t.Context && compared[t.Word] {
			t.Name = false
		}
	}
}

// Pasted adds to q the words of what the asker pasted into the question
// (text.SplitPasted: code, a log, a stack trace) that the corpus holds and
// q lacks, as context: at contextWeight, never names, never read as
// misspellings of other words. They break ties between passages that
// hold the asker's own words; they don't outweigh them, as a document's
// example of the same output would.
func (lx *Lexicon) Pasted(q Query, pasted string) Query {
	if pasted == "" {
		return q
	}
	seen := make(map[string]bool, len(q.Terms))
	for _, t := range q.Terms {
		seen[t.Stem] = true
	}
	var st text.Stemmer
	for _, t := range text.Tokens(&st, pasted) {
		if t.Stop || seen[t.Stem] || !lx.known(t.Stem) || isLoneLetter(t.Word) {
			continue
		}
		seen[t.Stem] = true
		w := lx.idf(t.Stem) * contextWeight
		if text.IsCodeName(t.Word) {
			w *= codeNameWeight
		}
		q.Terms = append(q.Terms, QueryTerm{Word: t.Word, Stem: t.Stem, Known: true, Context: true, Pasted: true, Weight: w})
	}
	return q
}

// settingName reports whether a word is a setting's or a variable's name
// written in snake case ("statement_timeout", "max_connections"): the name
// a reference documents it by. Where the corpus lacks it, the corpus lacks
// what is asked, however much its parts ("statement", "timeout") say of
// other settings.
func settingName(w string) bool {
	parts := strings.Split(w, "_")
	if len(parts) < 2 || strings.ContainsAny(w, ".:()-") {
		return false
	}
	for _, p := range parts {
		if len(p) < 2 || !isLetters(p) {
			return false
		}
	}
	return true
}

// partsOfSettings returns the parts of the settings' names a question
// writes in snake case (settingName), lower-cased, but those it also
// writes as words of their own ("does less read LESS_TERMCAP").
func partsOfSettings(question string) map[string]bool {
	var parts map[string]bool
	own := make(map[string]bool)
	for _, f := range strings.Fields(question) {
		w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }))
		if !settingName(w) {
			own[w] = true
			continue
		}
		if parts == nil {
			parts = make(map[string]bool)
		}
		for _, p := range strings.Split(w, "_") {
			parts[p] = true
		}
	}
	for w := range own {
		delete(parts, w)
	}
	return parts
}

// isLetters reports whether a word is letters only.
func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// namesElsewhere reports whether a question's word the corpus lacks, and
// no misspelling of a corpus word, may name something, however written:
// no English word ("ristretto" of "default expiration in ristretto",
// "zutty"), no number. What it names is not in the corpus, and a passage
// about another subject does not answer.
func namesElsewhere(t QueryTerm) bool {
	return !t.Known && t.Corrected == "" && len(t.Word) >= 4 && !hasDigit(t.Word) && !text.IsEnglishWord(t.Word)
}

// unnameCommonFolders reads a frequent English word of the question that
// names documents ("help" of a corpus with a help/ folder, "make" of
// make/NEWS) as the question's subject when it stands where a question
// names what it asks about (namingPlace: "can task import a makefile",
// "does less handle utf-8", "how do i quit in less"), or when the
// documents it names hold the question's most specific other word, its
// known word of most weight that names no documents; elsewhere, and
// when they never say it, it is the English word: "what rules help keep
// militants out" does not ask about GnuPG's help. A word of no English, or
// a question with no other word, keeps its documents. words are the
// question's words, lower-cased.
func (lx *Lexicon) unnameCommonFolders(terms []QueryTerm, names map[string]bool, words []string) {
	other := -1
	for i, t := range terms {
		if !t.Context && t.Known && !t.Documents && (other < 0 || t.Weight > terms[other].Weight) {
			other = i
		}
	}
	if other < 0 {
		return
	}
	for i := range terms {
		t := &terms[i]
		if t.Context || !t.Documents || !text.IsCommon(t.Word, t.Stem) && !text.IsCommonInflection(t.Word) || namingPlace(words, t.Word) || lx.namedHold(t.Stem, terms[other].Stem) {
			continue
		}
		t.Documents = false
		t.Name = names[t.Word] && !isLoneLetter(t.Word)
	}
}

// Phrasings returns the words of a question joined by a hyphen that are
// English phrasing (text.EnglishCompound: "even-handed", "non-admin")
// and that the corpus never writes, joined or as one word: no name of
// anything it holds. One the corpus writes ("multi-threaded",
// "pip-compile") may name what it describes.
func (lx *Lexicon) Phrasings(question string) []string {
	var out []string
	var st text.Stemmer
	for _, n := range text.JoinedNames(question) {
		if !text.EnglishCompound(n) {
			continue
		}
		joined := strings.ReplaceAll(n, "-", "")
		if _, ok := lx.hyphenated[joined]; ok || lx.known(st.Stem(joined)) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// namingPlace reports whether a word stands where a question names what
// it asks about: first ("less: how do i quit"), after an opening
// auxiliary ("can task import …", "does less handle …"), or last after a
// preposition ("how do i quit in less").
func namingPlace(words []string, w string) bool {
	n := len(words)
	switch {
	case n == 0:
		return false
	case words[0] == w:
		return true
	case n > 1 && words[1] == w && openingAux[words[0]]:
		return true
	case n > 1 && words[n-1] == w && lastPreposition[words[n-2]]:
		return true
	}
	return false
}

// openingAux are the words opening a yes-or-no question before its
// subject; lastPreposition those naming, before a question's last word,
// what it asks of.
var (
	openingAux = map[string]bool{"can": true, "could": true, "does": true, "do": true, "did": true, "is": true, "are": true, "was": true,
		"will": true, "would": true, "should": true, "has": true, "have": true, "may": true, "must": true}
	lastPreposition = map[string]bool{"in": true, "with": true, "for": true, "of": true, "about": true, "on": true, "from": true, "by": true,
		"using": true, "via": true, "under": true, "into": true}
)

// namedHold reports whether a passage of the documents a stem names (in
// their titles or paths) holds another stem, in its text or its fields.
func (lx *Lexicon) namedHold(name, stem string) bool {
	for _, f := range lx.Fields[name] {
		if f.Bits&(fieldTitle|fieldSource) != 0 && lx.holding(stem, f.P, f.P+1) > 0 {
			return true
		}
	}
	return false
}

// maxNamedShare is the largest share of passages, or of documents, whose
// titles or sources may hold a word for it to name documents
// ("discordgo" does; "readme", in every file's path, does not).
const maxNamedShare = 0.25

// NamesDocuments reports whether a stem names some of the corpus's
// documents: it is in their titles or paths, and not in most of them, by
// passages or by documents (rsync's NEWS, a third of a corpus's passages,
// is one document of thirteen). A number never does ("10" of "Windows 10"
// is not the "10" of a heading's "2022-10-10"), nor a frequent English
// word, unless it is the whole name of a folder ("less" of "less/NEWS":
// GNU less's documents).
func (lx *Lexicon) NamesDocuments(stem string) bool {
	n := lx.named[stem]
	few := float64(n) <= maxNamedShare*float64(lx.N) || float64(lx.namedDocs[stem]) <= maxNamedShare*float64(lx.docs)
	return n > 0 && few && (!text.IsCommonWord(stem) || lx.fields[stem]&fieldFolder != 0) &&
		!isNumber(strings.ReplaceAll(stem, ".", ""))
}

// isNumber reports whether a word is digits only.
func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// isLoneLetter reports whether a word is one letter ("k" of "isis-k", "x"
// of "x/term"): too short to say what a question is about.
func isLoneLetter(w string) bool {
	r := []rune(w)
	return len(r) == 1 && unicode.IsLetter(r[0])
}

// splitCompounds reads a word of the question that the corpus lacks, and
// that is no misspelling of one of its words, as the two words the corpus
// joins by a hyphen ("multithreaded" of a text that writes
// "multi-threaded"). A word the corpus lacks that merely starts and ends as
// two of its words do ("websocket" of a text with "web" and "socket") is
// not split: the corpus lacking it says something.
func (lx *Lexicon) splitCompounds(st *text.Stemmer, toks []text.Token) []text.Token {
	return replaceTokens(toks, func(t text.Token) []text.Token {
		parts, ok := lx.hyphenated[t.Word]
		if !ok || t.Stop || lx.known(t.Stem) {
			return nil
		}
		if _, corrected := lx.Correct(t.Word); corrected {
			return nil
		}
		out := make([]text.Token, 0, len(parts))
		for _, w := range parts {
			out = append(out, text.Token{Word: w, Stem: st.Stem(w), Stop: text.IsStopWord(w)})
		}
		return out
	})
}

// joinUnknown reads two words the question writes side by side (a space
// between, no more), one of which the corpus lacks, as the one word the
// corpus writes them as ("dry run" of a text with "-dryrun"), the word it
// knows kept too: the corpus lacking a word of the pair says the question
// writes apart what it writes together. Two words the corpus knows stay
// apart (joining any two the corpus also writes as one, "discord go" as
// "discordgo", was measured to lose more answers than it found), and so do
// two names ("John Doe" is no "johndoe").
func (lx *Lexicon) joinUnknown(st *text.Stemmer, question string, toks []text.Token) []text.Token {
	var out []text.Token
	for k := 0; k < len(toks); k++ {
		if k+1 < len(toks) {
			if joined := lx.joinedPair(st, question, toks[k], toks[k+1]); joined != nil {
				if out == nil {
					out = append([]text.Token(nil), toks[:k]...)
				}
				out = append(out, joined...)
				k++
				continue
			}
		}
		if out != nil {
			out = append(out, toks[k])
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// joinedPair returns the tokens question's words t and u read as (see
// joinUnknown): their joined word, then whichever of them the corpus
// knows; nil when they stay as they are.
func (lx *Lexicon) joinedPair(st *text.Stemmer, question string, t, u text.Token) []text.Token {
	tKnown, uKnown := lx.known(t.Stem), lx.known(u.Stem)
	if t.Stop || u.Stop || tKnown && uKnown {
		return nil
	}
	w := t.Word + u.Word
	stem := st.Stem(w)
	if !lx.known(stem) || !strings.Contains(strings.ToLower(question), t.Word+" "+u.Word) {
		return nil
	}
	if names := text.WrittenAsNames(question); names[t.Word] && names[u.Word] {
		return nil
	}
	out := []text.Token{{Word: w, Stem: stem}}
	if tKnown {
		out = append(out, t)
	}
	if uKnown {
		out = append(out, u)
	}
	return out
}

// replaceTokens returns toks with each token that parts splits (a non-nil
// result) replaced by its parts; toks itself when none is.
func replaceTokens(toks []text.Token, parts func(text.Token) []text.Token) []text.Token {
	var out []text.Token
	for k, t := range toks {
		p := parts(t)
		if p == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append([]text.Token(nil), toks[:k]...)
		}
		out = append(out, p...)
	}
	if out == nil {
		return toks
	}
	return out
}

// versioned matches a name with its version glued on ("gplv2", "mpl2",
// "lgpl2.1", "node18").
var versioned = regexp.MustCompile(`^([a-z]{3,}?)v?([0-9]+(?:\.[0-9]+)?)$`)

// splitVersioned reads a word of the question that the corpus lacks, a
// name of three letters or more, no English word, with a version glued on
// ("gplv2"), as the name, the version and their joined form, when the
// corpus writes that release ("GPL-2": gpl, 2, gpl2; or a dotted one,
// "LGPL-2.1": lgpl, 2.1). A release it does
// not write ("gplv3" of a corpus of GPL-2.0 texts) is a word it lacks, and
// "ipv6" is no "ip" and "6".
func (lx *Lexicon) splitVersioned(st *text.Stemmer, toks []text.Token) []text.Token {
	return replaceTokens(toks, func(t text.Token) []text.Token {
		m := versioned.FindStringSubmatch(t.Word)
		if m == nil || t.Stop || lx.known(t.Stem) {
			return nil
		}
		name, release, joined := m[1], m[2], m[1]+m[2]
		if !lx.known(st.Stem(name)) || text.IsStopWord(name) || text.IsEnglishWord(name) {
			return nil
		}
		writesJoined := lx.known(st.Stem(joined))
		if !writesJoined && !(strings.Contains(release, ".") && lx.known(st.Stem(release))) {
			return nil
		}
		parts := []text.Token{{Word: name, Stem: st.Stem(name)}, {Word: release, Stem: st.Stem(release)}}
		if writesJoined {
			parts = append(parts, text.Token{Word: joined, Stem: st.Stem(joined)})
		}
		return parts
	})
}

// hyphenatedWords files each word of two lower-case parts joined by a
// hyphen in the passages ("multi-threaded", "built-in") under the two
// written as one ("multithreaded"); parts of a letter ("e-mail") or
// longer joins ("state-of-the-art") are left out.
func hyphenatedWords(passages []corpus.Passage) map[string][2]string {
	out := make(map[string][2]string)
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for _, p := range passages {
		s := p.Text
		for k := strings.IndexByte(s, '-'); k >= 0; {
			if k > 0 && k+1 < len(s) && isLetter(s[k-1]) && isLetter(s[k+1]) {
				i, j := k-1, k+1
				for i > 0 && isLetter(s[i-1]) {
					i--
				}
				for j < len(s) && isLetter(s[j]) {
					j++
				}
				before := i > 0 && (s[i-1] == '-' || s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '_')
				after := j < len(s) && (s[j] == '-' || s[j] >= '0' && s[j] <= '9' || s[j] == '_')
				if !before && !after && k-i >= 2 && j-k-1 >= 2 {
					a, b := strings.ToLower(s[i:k]), strings.ToLower(s[k+1:j])
					out[a+b] = [2]string{a, b}
				}
			}
			n := strings.IndexByte(s[k+1:], '-')
			if n < 0 {
				break
			}
			k += 1 + n
		}
	}
	return out
}
