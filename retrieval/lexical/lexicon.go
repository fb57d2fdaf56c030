// Package lexical is the word search of an index: a BM25F lexicon over
// passages and their fields (title, section path, source path), the
// analysis of a question into weighted terms (reading typos as corpus
// words and telling the names of its subject), and the search itself.
package lexical

import (
	"iter"
	"math"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/text"
)

// BM25 parameters: K1 saturates term frequency, B normalises passage
// length.
const (
	K1 = 1.2
	B  = 0.75
)

// posting records that a stem occurs TF times in passage P.
type posting struct {
	P  int32
	TF int32
}

// Lexicon is the lexical index: BM25 postings per stem, passage lengths and
// the corpus vocabulary used to correct misspelt query words. It is built
// once and only read afterwards, so it is safe for concurrent use.
type Lexicon struct {
	N        int
	AvgLen   float64
	DocLen   []int32
	Postings map[string][]posting
	// Words maps each surface word of the corpus to its stem.
	Words map[string]string
	// Fields maps a stem to the passages whose document title, section
	// path or source path holds it, in passage order (BM25F-style fields:
	// a question naming a project and "install" finds that project's
	// Installation section).
	Fields map[string][]fieldPosting

	byLen map[int][]string // surface words by rune count, for typo look-ups
	df    map[string]int   // passages holding a stem in the body or a field
	named map[string]int   // passages whose title or source path holds a stem
	// namedDocs counts the documents whose title or source path holds a
	// stem, docs the documents.
	namedDocs map[string]int
	docs      int
	// hyphenated maps a word the corpus writes with a hyphen, written as
	// one ("multithreaded"), to its parts.
	hyphenated map[string][2]string
	fields     map[string]uint8 // the field bits of any passage holding a stem
	// texts are the passages' texts, read to tell where a question's
	// word stands in them (see InPathsOnly).
	texts []string
	// folderWords maps the name of each one-word folder of the corpus's
	// paths ("postgresql" of "postgresql/runtime-config.html") to its
	// stem.
	folderWords map[string]string
	// versioned maps a project's name to the one folder named by it and
	// a major version ("jinja" to "jinja2"), "" when two are
	// ("python2/", "python3/").
	versioned map[string]string
	// pathWords holds the stem of each word a corpus path writes whole,
	// between separators ("cell" of "cell-types.md"), not only as a
	// camel-case part ("cell" of "iPythonCell.7.txt").
	pathWords map[string]bool
	// owners maps an owner's name in the corpus's links and module paths
	// ("avast" of "github.com/avast/retry-go") to the one top folder whose
	// documents write it; an owner written in two folders' is none.
	owners map[string]string
}

// Field bits of a fieldPosting.
const (
	fieldTitle     = 1 << iota // the document's title
	fieldSection               // the heading path above the passage
	fieldSource                // the file's path in the corpus
	fieldFolder                // a folder of that path, whole ("less" of "less/NEWS")
	fieldTitleHead             // the title's first word ("Cobra" of "Cobra: a CLI library")
)

// fieldPosting records the fields of passage P that hold a stem.
type fieldPosting struct {
	P    int32
	Bits uint8
}

// fieldTF is what a stem's presence in each field adds to its term
// frequency in a passage.
func fieldTF(bits uint8) float64 {
	var tf float64
	if bits&fieldTitle != 0 {
		tf += fieldWeightTitle
	}
	if bits&fieldSection != 0 {
		tf += fieldWeightSection
	}
	if bits&fieldSource != 0 {
		tf += fieldWeightSource
	}
	return tf
}

// Field weights, in units of one occurrence in the passage's text.
const (
	fieldWeightTitle   = 2.0
	fieldWeightSection = 1.5
	fieldWeightSource  = 2.0
)

// Build indexes passages, in order: passage i of the lexicon is passages[i].
func Build(passages []corpus.Passage) *Lexicon {
	lx := &Lexicon{
		N:        len(passages),
		DocLen:   make([]int32, len(passages)),
		Postings: make(map[string][]posting),
		Words:    make(map[string]string),
		Fields:   make(map[string][]fieldPosting),
	}
	var st text.Stemmer
	fields := make(map[string]uint8)
	total := 0
	tf := make(map[string]int32)
	for i, p := range passages {
		clear(tf)
		n := 0
		for _, t := range text.Tokens(&st, p.Text) {
			if t.Stop {
				continue
			}
			n++
			tf[t.Stem]++
			lx.Words[t.Word] = t.Stem
		}
		lx.DocLen[i] = int32(n)
		total += n
		for s, c := range tf {
			lx.Postings[s] = append(lx.Postings[s], posting{P: int32(i), TF: c})
		}
		clear(fields)
		lx.addField(&st, fields, p.Title, fieldTitle, fieldTitleHead)
		lx.addField(&st, fields, structure.SearchedSection(p.Section), fieldSection, 0)
		lx.addField(&st, fields, sourceField(p.Source), fieldSource, 0)
		for _, t := range folderTokens(&st, p.Source) {
			fields[t.Stem] |= fieldFolder
		}
		for s, bits := range fields {
			lx.Fields[s] = append(lx.Fields[s], fieldPosting{P: int32(i), Bits: bits})
		}
	}
	if lx.N > 0 {
		lx.AvgLen = float64(total) / float64(lx.N)
	}
	lx.Prepare(passages)
	return lx
}

// addField marks the stems of a field's text in fields with bit, and the
// first with head too ("Cobra" of "Cobra: a CLI library").
func (lx *Lexicon) addField(st *text.Stemmer, fields map[string]uint8, s string, bit, head uint8) {
	for _, t := range text.Tokens(st, s) {
		if t.Stop {
			continue
		}
		fields[t.Stem] |= bit | head
		head = 0
		if _, ok := lx.Words[t.Word]; !ok {
			lx.Words[t.Word] = t.Stem
		}
	}
}

// sourceField returns what of a file's path is searched as its source
// field: the path, without a file name that names no page but a folder's
// own ("_index.md", a Hugo section's; "index.html", "README.md"), whose
// word every passage of the page would otherwise hold ("flag imports
// ending in /index" answered from a site's completions/_index.md).
func sourceField(source string) string {
	dir, file := path.Split(source)
	base := strings.ToLower(strings.Trim(strings.TrimSuffix(file, path.Ext(file)), "_-."))
	if dir != "" && pageNames[base] {
		return dir
	}
	return source
}

// pageNames are the file names that stand for their folder's page.
var pageNames = map[string]bool{"index": true, "readme": true, "default": true}

// folderTokens returns the token of each folder of source whose name is
// one word ("less" of "less/NEWS", not "x-time" of "x-time/README.md"):
// a project's documents kept under its name, as Debian's /usr/share/doc
// does, name it even when the name is an English word (fieldFolder).
func folderTokens(st *text.Stemmer, source string) []text.Token {
	var out []text.Token
	dirs := strings.Split(source, "/")
	for _, d := range dirs[:len(dirs)-1] {
		if ts := text.Tokens(st, d); len(ts) == 1 && !ts[0].Stop && ts[0].Word == strings.ToLower(d) {
			out = append(out, ts[0])
		}
	}
	return out
}

// wholePathWords returns the words of a path written whole between
// separators, lower-cased: "cell", "types" and "md" of "cell-types.md";
// "ipythoncell" of "iPythonCell", whose camel-case parts are not whole.
func wholePathWords(source string) []string {
	return strings.FieldsFunc(strings.ToLower(source), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// ownersOf maps the owners' names in the passages' links and module paths
// (the part after a host: "avast" of "https://github.com/avast/retry-go",
// "sethvargo" of "github.com/sethvargo/go-retry") to the top folder of
// the passages writing them, "" when two folders' do: only where the
// repository after the owner is the folder's own project (retry-go/'s
// "avast/retry-go", not its "stretchr/testify"). A passage not in a
// folder names no owner's project.
func ownersOf(passages []corpus.Passage) map[string]string {
	owners := make(map[string]string)
	for _, p := range passages {
		folder, _, ok := strings.Cut(p.Source, "/")
		if !ok {
			continue
		}
		folder = strings.ToLower(folder)
		t := p.Text
		for i := 0; ; {
			j := strings.IndexByte(t[i:], '/')
			if j < 0 {
				break
			}
			at := i + j
			i = at + 1
			host := t[strings.LastIndexFunc(t[:at], notHostRune)+1 : at]
			if !isHostName(host) {
				continue
			}
			owner := t[at+1:]
			end := strings.IndexFunc(owner, notNameRune)
			if end <= 1 || owner[end] != '/' {
				continue // no owner and repository after the host
			}
			name := strings.ToLower(owner[:end])
			if strings.Contains(name, ".") || genericOwners[name] {
				continue // a host after a host: "pkg.go.dev/golang.org/x/term"
			}
			repo := owner[end+1:]
			if k := strings.IndexFunc(repo, notNameRune); k >= 0 {
				repo = repo[:k]
			}
			if !sameProject(repo, folder) {
				continue // another project's link ("github.com/sponsors/…" in nodejs/)
			}
			if f, seen := owners[name]; !seen {
				owners[name] = folder
			} else if f != folder {
				owners[name] = ""
			}
		}
	}
	return owners
}

// sameProject reports whether a repository's name ("retry-go", "pq",
// "go-openai") is the project a folder holds ("retry-go", "pq",
// "openai"): equal, or one of them the other but for a language's affixes
// and a major version ("go-", "-go", "node-", "-js", "-v5"); "go-retry"
// is not "retry-go", nor "node" "node-fetch".
func sameProject(repo, folder string) bool {
	r, f := Squash(repo), Squash(folder)
	return r != "" && f != "" && (r == f || bareName(repo) == f || r == bareName(folder))
}

// bareName is a project's name without a language's affixes and a major
// version, letters and digits only, lower case.
func bareName(name string) string {
	n := strings.ToLower(name)
	if i := strings.LastIndexAny(n, "-./"); i >= 0 && len(n) > i+2 && n[i+1] == 'v' && strings.Trim(n[i+2:], "0123456789") == "" {
		n = n[:i]
	}
	for _, p := range []string{"golang-", "go-", "node-", "python-", "py-"} {
		n = strings.TrimPrefix(n, p)
	}
	for _, suf := range []string{"-golang", "-go", ".go", "-js", ".js", "-node", "-py", "-rs"} {
		n = strings.TrimSuffix(n, suf)
	}
	return Squash(n)
}

// Squash lower-cases s and drops all but its letters and digits: "Go
// OpenAI" and "go-openai" are one name.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// genericOwners are path parts after a host that name no one: a site's
// sections ("badge", "sponsors"), a language's ("en-us").
var genericOwners = map[string]bool{"lib": true, "libs": true, "pkg": true, "src": true, "api": true, "app": true, "apps": true,
	"docs": true, "doc": true, "www": true, "x": true, "badge": true, "badges": true, "sponsors": true, "orgs": true, "users": true,
	"github": true, "gitlab": true, "npm": true, "package": true, "packages": true, "mod": true, "blog": true, "wiki": true, "en-us": true}

// isHostName reports whether a word is a host's name: parts parted by
// dots, the last of two letters or more ("github.com", "gopkg.in").
func isHostName(s string) bool {
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 || len(s)-dot-1 < 2 {
		return false
	}
	for _, r := range s[dot+1:] {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func notHostRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-')
}

func notNameRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_')
}

// OwnerOf returns the top folder whose documents link to or import the
// projects of an owner a question names (word, lower case: "avast",
// "sethvargo"), and whether the word names one: the corpus names that
// owner in one folder's links and module paths alone, and the word is no
// project's own name, no English word the texts use (the texts never
// write "avast", though English has it), and no word the texts write
// apart from a path ("thanks to mattn2 for the port").
func (lx *Lexicon) OwnerOf(word string) (string, bool) {
	f := lx.owners[word]
	if f == "" || len(word) < 3 || text.IsStopWord(word) {
		return "", false // "my" of "example.com/my/app"
	}
	var st text.Stemmer
	stem := st.Stem(word)
	switch {
	case lx.NamesDocuments(stem):
		return "", false
	case !lx.known(stem):
		return f, true // in links alone
	case text.IsEnglishWord(word):
		return "", false
	}
	// The texts write it: only joined to a path by "/" ("go get
	// github.com/sethvargo/go-retry", "Benchmark/sethvargo-7"), not as
	// a word of their own ("thanks to mattn2 for …").
	ps := lx.Postings[stem]
	if len(ps) > maxPathScan {
		return "", false
	}
	for _, p := range ps {
		if int(p.P) >= len(lx.texts) || !slashJoined(lx.texts[p.P], word) {
			return "", false
		}
	}
	return f, true
}

// slashJoined reports whether every occurrence of word (lower case) in
// text, as a word of its own in any case, has a "/" on one side.
func slashJoined(text, word string) bool {
	lower := strings.ToLower(text)
	for start, end := range wordsAt(lower, word) {
		if !(start > 0 && lower[start-1] == '/' || end < len(lower) && lower[end] == '/') {
			return false
		}
	}
	return true
}

// wordsAt yields where word stands in lower as a word of its own (not
// within another), start and end.
func wordsAt(lower, word string) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := 0; ; {
			j := strings.Index(lower[i:], word)
			if j < 0 {
				return
			}
			start, end := i+j, i+j+len(word)
			i = end
			if start > 0 && isWordByte(lower[start-1]) || end < len(lower) && isWordByte(lower[end]) {
				continue // within another word
			}
			if !yield(start, end) {
				return
			}
		}
	}
}

// maxPathScan bounds the passages InPathsOnly reads: a word in more is no
// owner's name alone.
const maxPathScan = 50

// InPathsOnly reports whether the corpus writes a word (lower case) only
// as a part of a path or a URL: an owner's name ("robfig" of
// "github.com/robfig/cron", "caarlos0"), which a question adds to name a
// project ("robfig cron") but no text says anything of. A word in more
// than maxPathScan passages is not read.
func (lx *Lexicon) InPathsOnly(word, stem string) bool {
	ps := lx.Postings[stem]
	if len(ps) == 0 || len(ps) > maxPathScan || word == "" {
		return false
	}
	for _, p := range ps {
		if int(p.P) >= len(lx.texts) || !onlyInPaths(lx.texts[p.P], word) {
			return false
		}
	}
	return true
}

// onlyInPaths reports whether every occurrence of word in text, as a word
// of its own in any case, is an owner's in a module path, a URL or an
// owner/name pair: before a "/" ("github.com/robfig/cron",
// "cenkalti/backoff") or a scope after its "@" ("@types/node"), in a path
// that is no file's ("/usr/bin/gmake/", "./bin/x", "~/go/bin") unless it
// has a host ("https://github.com/robfig/cron").
func onlyInPaths(text, word string) bool {
	found := false
	lower := strings.ToLower(text)
	for start, end := range wordsAt(lower, word) {
		if start > 0 && lower[start-1] == '@' {
			found = true
			continue
		}
		if end >= len(lower) || lower[end] != '/' {
			return false // a project's own name ends a path ("github.com/jmoiron/sqlx"); an owner is followed by it
		}
		tok := lower[strings.LastIndexAny(lower[:start], " \t\n(<[\"'`")+1 : start]
		if (strings.HasPrefix(tok, "/") || strings.HasPrefix(tok, "./") || strings.HasPrefix(tok, "~")) && !hasHost(tok) {
			return false // a file's path
		}
		found = true
	}
	return found
}

// hasHost reports whether a path has a host's name among its parts: one
// with a dot before letters ("github.com", "gopkg.in", "coveralls.io").
func hasHost(path string) bool {
	for _, part := range strings.Split(path, "/") {
		if dot := strings.LastIndexByte(part, '.'); dot > 0 && dot < len(part)-1 && part[dot+1] >= 'a' && part[dot+1] <= 'z' {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// IsFolder reports whether a word (lower case) is the whole name of a
// folder of the corpus's paths.
func (lx *Lexicon) IsFolder(word string) bool {
	_, ok := lx.folderWords[word]
	return ok
}

// VersionedFolder returns the one folder named by word and a major
// version ("jinja2" of "jinja", "sqlite3" of "sqlite"), and whether there
// is exactly one.
func (lx *Lexicon) VersionedFolder(word string) (string, bool) {
	f := lx.versioned[word]
	return f, f != ""
}

// versionedFolder matches a folder's name that is its project's and a
// major version: "jinja" and "2" of "jinja2", "python" and "3.11" of
// "python3.11".
var versionedFolder = regexp.MustCompile(`^(.*[^\d.])\d{1,2}(?:\.\d{1,2})?$`)

// FolderStem returns the stem of a folder's one-word name, and whether
// word is one.
func (lx *Lexicon) FolderStem(word string) (string, bool) {
	s, ok := lx.folderWords[word]
	return s, ok
}

// PassagesOf returns the indices of the passages whose text holds stem.
func (lx *Lexicon) PassagesOf(stem string) []int {
	ps := lx.Postings[stem]
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = int(p.P)
	}
	return out
}

// Prepare derives the look-up tables that are not persisted from the
// lexicon and its passages: Build does, and a Lexicon decoded from an
// index file needs it before use.
func (lx *Lexicon) Prepare(passages []corpus.Passage) {
	lx.texts = make([]string, len(passages))
	for i, p := range passages {
		lx.texts[i] = p.Text
	}
	lx.df = make(map[string]int, len(lx.Postings))
	for s, ps := range lx.Postings {
		lx.df[s] = len(ps)
	}
	lx.named = make(map[string]int)
	lx.namedDocs = make(map[string]int)
	lx.fields = make(map[string]uint8)
	lx.docs = 0
	lx.hyphenated = hyphenatedWords(passages)
	lx.folderWords = make(map[string]string)
	lx.pathWords = make(map[string]bool)
	var st text.Stemmer
	for i, p := range passages {
		if i == 0 || p.Source != passages[i-1].Source {
			lx.docs++
			for _, t := range folderTokens(&st, p.Source) {
				lx.folderWords[t.Word] = t.Stem
			}
			for _, w := range wholePathWords(p.Source) {
				lx.pathWords[st.Stem(w)] = true
			}
		}
	}
	lx.versioned = make(map[string]string)
	for f := range lx.folderWords {
		if m := versionedFolder.FindStringSubmatch(f); m != nil {
			if _, two := lx.versioned[m[1]]; two {
				lx.versioned[m[1]] = "" // "python2", "python3": no one project
			} else {
				lx.versioned[m[1]] = f
			}
		}
	}
	for s, fs := range lx.Fields {
		last := ""
		for _, f := range fs {
			if f.Bits&(fieldTitle|fieldSource) != 0 {
				lx.named[s]++
				if int(f.P) < len(passages) && passages[f.P].Source != last {
					last = passages[f.P].Source
					lx.namedDocs[s]++
				}
			}
			lx.fields[s] |= f.Bits
		}
		body := lx.Postings[s]
		extra, j := 0, 0
		for _, f := range fs {
			for j < len(body) && body[j].P < f.P {
				j++
			}
			if j == len(body) || body[j].P != f.P {
				extra++
			}
		}
		lx.df[s] += extra
	}
	lx.owners = ownersOf(passages)
	lx.byLen = make(map[int][]string)
	for w := range lx.Words {
		n := len([]rune(w))
		lx.byLen[n] = append(lx.byLen[n], w)
	}
	for _, ws := range lx.byLen {
		sort.Strings(ws)
	}
}

// folderFor returns the folder a question's word names by a short form
// ("postgres" of "postgresql/"): a word of at least minShortForm letters,
// no English word and no folder's whole name, that starts the name of one
// folder only, at most maxShortFormCut letters shorter. The word the text
// holds ("The default is postgres") is then not what the question asks of.
func (lx *Lexicon) folderFor(word string) (folder, stem string, ok bool) {
	if len(word) < minShortForm || text.IsEnglishWord(word) {
		return "", "", false
	}
	if _, whole := lx.folderWords[word]; whole {
		return "", "", false
	}
	for f, s := range lx.folderWords {
		if strings.HasPrefix(f, word) && len(f)-len(word) <= maxShortFormCut {
			if ok {
				return "", "", false // two folders: no one name
			}
			folder, stem, ok = f, s, true
		}
	}
	return folder, stem, ok
}

// minShortForm and maxShortFormCut bound a folder's short form (folderFor).
const (
	minShortForm    = 5
	maxShortFormCut = 3
)

// idf is the BM25 inverse document frequency of a stem; a stem the corpus
// doesn't hold gets the weight of the rarest possible one.
func (lx *Lexicon) idf(stem string) float64 {
	return lx.IDFOf(lx.df[stem])
}

// known reports whether the corpus holds a stem, in a text or a field.
func (lx *Lexicon) known(stem string) bool { return lx.df[stem] > 0 }

// IDF is the BM25 inverse document frequency of a stem (see idf).
func (lx *Lexicon) IDF(stem string) float64 { return lx.idf(stem) }

// IDFOf is the inverse document frequency of a stem found in df passages.
func (lx *Lexicon) IDFOf(df int) float64 {
	n, d := float64(lx.N), float64(df)
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}
