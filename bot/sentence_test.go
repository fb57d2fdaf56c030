package bot

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/text"
)

// query analyses question as the search would, each content word weighing 1.
func query(question string) lexical.Query {
	var st text.Stemmer
	q := lexical.Query{Text: question}
	for _, t := range text.Tokens(&st, question) {
		if !t.Stop {
			q.Terms = append(q.Terms, lexical.QueryTerm{Word: t.Word, Stem: t.Stem, Weight: 1, Known: true})
		}
	}
	return q
}

func TestReadSentencesFeatures(t *testing.T) {
	p := corpus.Passage{Locator: corpus.Locator{Title: "Normans"}, Text: "The Bayeux Tapestry is a famous work of Norman art. " +
		"It was commissioned by Odo in 1070.\n\n| Year | Work |\n\n```\ngo get example.com/x\n```"}
	cases := []struct {
		name, question string
		idx            int
		check          func(f SentenceFeatures) bool
	}{
		{"coverage", "what famous work of art is the tapestry", 0, func(f SentenceFeatures) bool { return f.Coverage == 1 }},
		{"title counts with fields", "which Norman tapestry", 0, func(f SentenceFeatures) bool { return f.WithFields == 1 && f.Coverage == 1 }},
		{"bigram in order", "famous work", 0, func(f SentenceFeatures) bool { return f.Bigrams == 1 && f.Density == 1 }},
		{"bigram reversed", "work famous", 0, func(f SentenceFeatures) bool { return f.Bigrams == 0 }},
		{"who: a new name", "who commissioned the tapestry", 1, func(f SentenceFeatures) bool { return f.TypeHeld == 1 && f.TypeLacked == 0 }},
		{"who: no new name", "who made the Bayeux Tapestry of Norman art", 0, func(f SentenceFeatures) bool { return f.TypeLacked == 1 }},
		{"when: a year", "when was the tapestry commissioned", 1, func(f SentenceFeatures) bool { return f.TypeHeld == 1 && f.Digit == 1 }},
		{"how many: no number", "how many tapestries", 0, func(f SentenceFeatures) bool { return f.TypeLacked == 1 }},
		{"pronoun, following the question's sentence", "famous tapestry", 1,
			func(f SentenceFeatures) bool {
				return f.Pronoun == 1 && f.PrevCover == 1 && f.Follows == 1 && f.First == 0
			}},
		{"first", "tapestry", 0, func(f SentenceFeatures) bool { return f.First == 1 && f.Position == 0 && f.Pronoun == 0 }},
		{"table row", "year", 2, func(f SentenceFeatures) bool { return f.Structure == 1 && f.Short == 1 }},
		{"code", "go get", 3, func(f SentenceFeatures) bool { return f.Structure == 1 && f.Position == 1 }},
		{"novel words", "famous work", 0, func(f SentenceFeatures) bool { return f.Novel > 0.5 && f.NovelWords > 1 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ss := ReadSentences(c.question, query(c.question), p)
			if len(ss) != 4 { // the code block, through its closing fence, is the fourth
				t.Fatalf("%d sentences, want 4", len(ss))
			}
			if f := ss[c.idx].Features; !c.check(f) {
				t.Errorf("sentence %d %q: %+v", c.idx, p.Text[ss[c.idx].Span.Start:ss[c.idx].Span.End], f)
			}
		})
	}
}

// extract answers question from one passage of text.
func extract(question, body string) string {
	res := retrieval.Result{Query: query(question), Relevant: true,
		Hits: []retrieval.Hit{{Passage: corpus.Passage{ID: "p", Locator: corpus.Locator{Source: "a.txt", LineStart: 1}, Text: body}}}}
	a := Extract(question, res)
	var ex []string
	for _, c := range a.Citations {
		ex = append(ex, c.Excerpt)
	}
	return strings.Join(ex, " | ")
}

func TestExtractChoosesTheAnsweringSentence(t *testing.T) {
	cases := []struct {
		name, question, body string
		want, not            []string
	}{
		{"how many: the sentence with the number",
			"How many soldiers did the Normans have in Sicily?",
			// Paragraphs of one sentence each: which is chosen, not its
			// paragraph's context, is under test.
			"The Norman army of Sicily was feared across the Mediterranean world and its soldiers were famous.\n\n" +
				"The Normans in Sicily fielded about 3,000 soldiers at Cerami.\n\nShips were built in Messina.",
			[]string{"about 3,000 soldiers"}, []string{"feared across"}},
		{"the pronoun-led sentence after the best one",
			"Who commissioned the Bayeux Tapestry?",
			"Norman art flourished in the eleventh century.\n\nBy far the most famous work of Norman art is the Bayeux Tapestry, which is not a tapestry but a work of embroidery. " +
				"It was commissioned by Odo, the Bishop of Bayeux.\n\nEmbroidery was common.",
			[]string{"most famous work of Norman art is the Bayeux Tapestry", "It was commissioned by Odo"}, []string{"flourished", "Embroidery was common"}},
		{"a pronoun-led answer gets its antecedent",
			"What did the storm scatter near Crete?",
			"Richard's fleet left Messina in April.\n\nRichard the Lion-hearted sailed for Acre with a large fleet. " +
				"It was scattered by a storm near Crete, and three ships sank.\n\nCyprus was next.",
			[]string{"Richard the Lion-hearted sailed for Acre with a large fleet. It was scattered by a storm near Crete"}, []string{"left Messina", "Cyprus was next"}},
		{"no neighbour when the next sentence stands alone",
			"When did Richard reach Limassol?",
			"Richard reached Limassol on 6 May 1191.\n\nIsaac refused to release the prisoners. The island fell.",
			[]string{"Richard reached Limassol on 6 May 1191."}, []string{"Isaac"}},
		{"a front matter description without its key",
			"what does npm ci do",
			`description: "Clean install a project from its lockfile"`,
			[]string{"Clean install a project from its lockfile"}, []string{"description:", `lockfile"`}},
		{"a table row with its table's header",
			"which mode groups each command's output",
			"Modes:\n\n| What do you need? | Mode |\n| --- | --- |\n| Live output | `interleaved` |\n| Labeled output | `prefixed` |\n| Each command's output in one block | `group` |\n",
			[]string{"| What do you need? | Mode |", "| Each command's output in one block | `group` |"}, []string{"prefixed"}},
		{"a row under another table's header after a blank line is quoted alone",
			"which mode groups each command's output",
			"| Flag | Meaning |\n| --- | --- |\n| -v | verbose |\n\n| Each command's output in one block | `group` |\n| Live output | `interleaved` |\n",
			[]string{"| Each command's output in one block | `group` |"}, []string{"Flag", "Meaning"}},
		{"a lead-in's table comes with its rows",
			"what output modes are there",
			"Task offers three output modes:\n\n| Need | Mode |\n|-|-|\n| Live output | `interleaved` |\n| Grouped | `group` |\n",
			[]string{"output modes:", "| Need | Mode |", "`interleaved`", "`group`"}, nil},
		{"an empty description is quoted as its line or not at all",
			"what is the description",
			"description: \"\"\n\nThe description of the tool is short.",
			[]string{"The description of the tool is short."}, nil},
		{"a list item with the sentence introducing its list",
			"what should i use for multithreaded programs",
			"Cases for which fakeroot-tcp has been observed to work well include the items listed below.\n\n  * Multithreaded programs (using pthread)\n  * Realtime kernels\n",
			[]string{"Cases for which fakeroot-tcp", "* Multithreaded programs"}, nil},
		{"a list item without a label for a lead-in",
			"does it support multithreaded programs",
			"Supported features:\n\n  * Multithreaded programs (using pthread)\n  * Realtime kernels\n",
			[]string{"* Multithreaded programs"}, []string{"Supported features"}},
		{"no next line in a file of one paragraph a line",
			"who did the cricket board name as captain",
			"Pakistan's economy grew by 2 percent in 2024, helped by remittances from workers in the Gulf states and by a good harvest of wheat and cotton across the plains of Punjab and Sindh, and by lower prices for oil.\n" +
				"The cricket board named a new captain for the test side after a long series of defeats at home and abroad, choosing the opening batsman over two bowlers.\n",
			[]string{"The cricket board named a new captain"}, []string{"economy"}},
		{"the next sentence of its paragraph, which holds the value",
			"What checksum is used by default?",
			"Some other text first, long enough to stand on its own as a paragraph of the page.\n\n" +
				"The client computes a checksum by default. By default, CRC32 is used.\n\nUploads are retried.",
			[]string{"computes a checksum by default. By default, CRC32 is used."}, []string{"Some other text", "retried"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := extract(c.question, c.body)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("excerpts %q lack %q", got, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("excerpts %q hold %q", got, n)
				}
			}
		})
	}
}

func TestNeighbours(t *testing.T) {
	plain, pron, structure := SentenceFeatures{}, SentenceFeatures{Pronoun: 1}, SentenceFeatures{Structure: 1, Pronoun: 1}
	type s = SentenceView
	p := func(text string) s { return s{Features: plain, Text: text} }
	// row is a table row on the line after the one before it.
	row := func(text string) s { return s{Features: structure, Text: text, Joined: true} }
	// j is a sentence in one paragraph with the one before it.
	j := func(text string) s { return s{Features: plain, Text: text, Joined: true} }
	pr := func(text string) s { return s{Features: pron, Text: text} }
	// code is a code block as ReadSentences gives it: without its fences.
	code := func(text string) s { return s{Features: structure, Text: text, Code: true} }
	item := func(text string) s { return s{Features: plain, Text: text, Item: true} }
	cases := []struct {
		name   string
		ss     []s
		best   int
		how    bool
		lo, hi int
	}{
		{"alone", []s{p("A."), p("B."), p("C.")}, 1, false, 1, 2},
		// A signature alone brings the description under it.
		{"a signature's description", []s{p("`myCache.del( key )`"), p("Delete a key."), j("Returns the count."), p("C.")}, 0, false, 0, 3},
		{"a call's description", []s{p("A."), item("- buf.toString([encoding])"), p("Decodes buf.")}, 1, false, 1, 3},
		{"not code after a signature", []s{p("`del( key )`"), code("del(\"A\")")}, 0, false, 0, 1},
		{"a sentence naming code is no signature", []s{p("Call `del( key )` to delete."), p("B.")}, 0, false, 0, 1},
		// A sentence of a paragraph brings the others around it, the one
		// after first, within contextChars; not across a blank line, nor
		// a heading, code or an item. So does a sentence with the one it
		// leans on.
		{"its paragraph's sentences", []s{p("A."), j("B."), j("C."), j("D.")}, 1, false, 0, 4},
		{"its paragraph's sentences around a pronoun's", []s{p("A."), j("B."), {Features: pron, Text: "It is.", Joined: true}, j("D.")}, 2, false, 0, 4},
		{"not across a blank line", []s{p("A."), p("B."), p("C.")}, 1, false, 1, 2},
		// Across it, the next paragraph's first sentence, when it goes on
		// about the question.
		{"the next paragraph's sentence on the question", []s{p("A."), p("B."), {Features: SentenceFeatures{Coverage: 0.4}, Text: "C."}, j("D.")}, 1, false, 1, 3},
		{"within the bound, the one after first", []s{j(strings.Repeat("a", 150) + "."), j(strings.Repeat("b", 150) + "."), j(strings.Repeat("c", 150) + ".")}, 1, false, 1, 3},
		{"not an item", []s{p("A."), item("- b."), {Features: plain, Text: "C.", Joined: true}}, 1, false, 1, 2},
		// A list item brings its own paragraph indented under it, not the
		// next item nor a paragraph after the list.
		{"an item's own paragraph", []s{{Features: plain, Text: "- UnZip has problems with archives bigger than 2GB.", Item: true, Indent: 1}, {Features: plain, Text: "Fixed with Zip64 support in UnZip 6.0", Indent: 6}, item("- b.")}, 0, false, 0, 2},
		{"an item's own items", []s{{Features: plain, Text: "- Add support for .env files.", Item: true, Indent: 0}, {Features: plain, Text: "- To disable it, set -env=none.", Item: true, Indent: 2}, {Features: plain, Text: "- Fix a bug.", Item: true, Indent: 0}}, 0, false, 0, 2},
		{"not a paragraph after the list", []s{{Features: plain, Text: "- a.", Item: true, Indent: 1}, {Features: plain, Text: "B.", Indent: 0}}, 0, false, 0, 1},
		{"not code", []s{p("A."), code("x := 1"), {Features: structure, Text: "y := 2", Code: true, Joined: true}}, 0, false, 0, 1},
		// A how-to question's sentence right after code brings it.
		{"the code a how-to answer explains", []s{p("Make one with:"), code("l := log.Named(\"x\")"), p("Notice that its logs carry the name.")}, 2, true, 1, 3},
		{"the code and its output a how-to answer explains", []s{p("Make one:"), code("l := log.Named(\"x\")"), code("[INFO] my-app.x: hi"), p("Notice that its logs carry the name.")}, 3, true, 1, 4},
		{"no code before when not asked how", []s{code("l := log.Named(\"x\")"), p("Notice that its logs carry the name.")}, 1, false, 1, 2},
		{"no code before when code follows", []s{code("a()"), p("Then run:"), code("b()")}, 1, true, 1, 3},
		{"the one after goes on", []s{p("A."), p("B."), pr("It is.")}, 1, false, 1, 3},
		{"best leans on the one before", []s{p("A."), pr("It is."), p("C.")}, 1, false, 0, 2},
		{"both", []s{p("A."), pr("It is."), pr("It was.")}, 1, false, 0, 3},
		{"first sentence has nothing before", []s{pr("It is."), p("B.")}, 0, false, 0, 1},
		{"code is not added", []s{code("x := 1"), pr("It is."), code("y := 2")}, 1, false, 1, 2},
		{"what best announces is", []s{p("A."), p("It can be installed by running:"), code("go get x")}, 1, false, 1, 3},
		{"the answer under a FAQ's question", []s{p("Why does ps -aux complain?"), p("Because it reads BSD options."), p("C.")}, 0, false, 0, 2},
		{"the command under a how-to answer", []s{p("First, use go get to install it."), code("go get x")}, 0, true, 0, 2},
		{"code under best, not asked how", []s{p("First, use go get to install it."), code("go get x")}, 0, false, 0, 1},
		{"what the sentence after best announces", []s{p("Those tools are also available as a Docker image."), pr("For example, to use tomljson:"), code("docker run x"), p("D.")}, 0, false, 0, 3},
		{"the example best points to", []s{p("The example below shows how to connect with a URL."), code("redis.ParseURL(url)"), p("C.")}, 0, false, 0, 2},
		{"a table's header brings its rows", []s{row("| Need | Mode |\n| --- | --- |"), row("| live | `interleaved` |"), row("| grouped | `group` |"), p("After.")}, 0, false, 0, 3},
		{"a table's rows, not another table's after a blank line", []s{row("| Need | Mode |\n|-|-|"), row("| live | `interleaved` |"), {Features: structure, Text: "| other | x |"}}, 0, false, 0, 2},
		{"a table's row alone", []s{row("| Need | Mode |\n| --- | --- |"), row("| live | `interleaved` |"), row("| grouped | `group` |")}, 1, false, 1, 2},
		{"the format a sentence points to", []s{p("The parser expects files in this format."), code("a 1\nb 2"), p("C.")}, 0, false, 0, 2},
		{"no code after a pointer", []s{p("The example below shows how to connect with a URL."), p("C.")}, 0, false, 0, 1},
		{"a word that points nowhere", []s{p("Redirects are removed when following links."), code("x")}, 0, false, 0, 1},
		{"what a FAQ's answer announces", []s{p("How do I install it?"), p("Run:"), code("go get x"), p("D.")}, 0, false, 0, 3},
		{"code ending in a colon announces nothing", []s{code("def f():"), code("pass")}, 0, false, 0, 1},
		{"an announced list, whole", []s{p("The daemon does things like:"), item("- notify apps when others exit"), item("- start services on demand"), item("- support single-instance apps"), p("See the site.")}, 0, false, 0, 4},
		{"an announced list, up to its cap", append([]s{p("It supports:")}, slices.Repeat([]s{item("- x")}, 12)...), 0, false, 0, 1 + maxAnnouncedItems},
		{"an item's second sentence and nested items go with it", []s{p("Options:"), item("- -s saves memory."), {Features: plain, Text: "It is slower.", Continues: true}, {Features: plain, Text: "- nested", Item: true, Indent: 2}, item("- -k keeps files."), p("After.")}, 0, false, 0, 5},
		{"nested items don't count toward the cap", append(append([]s{p("It supports:"), item("- a")}, slices.Repeat([]s{{Features: plain, Text: "- sub", Item: true, Indent: 2}}, 10)...), slices.Repeat([]s{item("- x")}, 9)...), 0, false, 0, 2 + 10 + maxAnnouncedItems - 1},
		{"an item is not a list announced", []s{p("A."), item("- first"), item("- second")}, 0, false, 0, 1},
		{"nothing after a last question", []s{p("A."), p("Why?")}, 1, false, 1, 2},
		{"a question before another is no FAQ's", []s{p("Did you try restarting it?"), p("Why does C fail?")}, 0, false, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if lo, hi := Neighbours(c.ss, c.best, c.how); lo != c.lo || hi != c.hi {
				t.Errorf("Neighbours = [%d, %d), want [%d, %d)", lo, hi, c.lo, c.hi)
			}
		})
	}
}

// The committed model fits today's features and was trained.
func TestDefaultSentenceModel(t *testing.T) {
	m, err := DefaultSentenceModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Trained == "" {
		t.Error("the committed sentence model says nothing of its training")
	}
	if err := CoverageSentenceModel().Check(); err != nil {
		t.Error(err)
	}
	bad := m
	bad.Names = append([]string{"other"}, m.Names[1:]...)
	if bad.Check() == nil {
		t.Error("a model for other features passed its check")
	}
}

// TestTossUpQuotesBothPassages: when the search could hardly tell its top
// two passages apart, the answer quotes the second too, if it holds as
// much of the question; when the top one clearly leads, only it.
func TestTossUpQuotesBothPassages(t *testing.T) {
	const question = "how do i install the tool"
	hits := []retrieval.Hit{
		{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "a.md", LineStart: 1}, Text: "To install the tool, run the setup script."}},
		{Passage: corpus.Passage{ID: "b", Locator: corpus.Locator{Source: "b.md", LineStart: 1}, Text: "Install the tool with go install example.org/tool@latest."}},
		{Passage: corpus.Passage{ID: "c", Locator: corpus.Locator{Source: "c.md", LineStart: 1}, Text: "The colour of the sky is blue."}},
	}
	for _, c := range []struct {
		name    string
		lead    float64
		sources []string
	}{
		{"a toss-up", 0.6, []string{"a.md", "b.md"}},
		{"a clear lead", 0.95, []string{"a.md"}},
		// The same words in another edition of the page are quoted once.
		{"a toss-up with a twin", 0.6, []string{"a.md"}},
		// Words the first excerpt holds, within a longer sentence of the
		// other edition's, are not quoted again.
		{"a toss-up with a twin's part", 0.6, []string{"a.md"}},
		// Another document's sentence within the first's is quoted: it
		// may say the opposite.
		{"a toss-up with another document's part", 0.6, []string{"a.md", "b.md"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			hits := hits
			switch {
			case strings.HasSuffix(c.name, "twin"):
				hits = slices.Clone(hits)
				hits[1].Passage.Source, hits[1].Passage.Text = "a.html", "To install the tool, run the `setup` script!"
			case strings.HasSuffix(c.name, "twin's part"):
				hits = slices.Clone(hits)
				hits[0].Passage.Text = "To install the tool, run the setup script as root."
				hits[1].Passage.Source, hits[1].Passage.Text = "a.html", "To install the tool, run the `setup` script"
			case strings.HasSuffix(c.name, "document's part"):
				hits = slices.Clone(hits)
				hits[0].Passage.Text = "Never install the tool by running the setup script as root."
				hits[1].Passage.Text = "Install the tool by running the setup script"
			}
			a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: c.lead, Hits: hits})
			var got []string
			for _, cit := range a.Citations {
				got = append(got, cit.Source)
			}
			if strings.Join(got, " ") != strings.Join(c.sources, " ") {
				t.Errorf("cited %v, want %v", got, c.sources)
			}
		})
	}
}

// The second passage of a toss-up is quoted as the first is: with the
// sentence of its paragraph that goes on from the one chosen.
func TestTossUpQuotesTheSecondsParagraph(t *testing.T) {
	const question = "cobra ignores flags i defined on the parent command"
	hits := []retrieval.Hit{
		{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "README.md", LineStart: 1},
			Text: "A Cobra command can define flags that persist through to children commands and flags that are only available to that command."}},
		{Passage: corpus.Passage{ID: "b", Locator: corpus.Locator{Source: "user_guide.md", LineStart: 1},
			Text: "By default, Cobra only parses local flags on the target command, and any local flags on\nparent commands are ignored. " +
				"By enabling `Command.TraverseChildren`, Cobra will\nparse local flags on each command before executing the target command."}},
	}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 0.6, Hits: hits})
	if len(a.Citations) != 2 || !strings.Contains(a.Citations[1].Excerpt, "By enabling `Command.TraverseChildren`") {
		t.Errorf("citations %v, answer %q", a.Citations, a.Text)
	}
}

// TestAdjacentPassageIsQuoted: a passage right next to the top one in its
// document, holding enough of the question, is quoted too (the answer's
// second half); one further away, or in another document, is not.
func TestAdjacentPassageIsQuoted(t *testing.T) {
	const question = "what is the difference between zip and gzip"
	top := retrieval.Hit{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "gzip.txt", LineStart: 10, LineEnd: 12},
		Text: "The name gzip was an unfortunate choice, because zip and gzip are different programs."}}
	next := func(source string, line int) retrieval.Hit {
		return retrieval.Hit{Passage: corpus.Passage{ID: "b", Locator: corpus.Locator{Source: source, LineStart: line, LineEnd: line + 1},
			Text: "zip is an archiver: it compresses several files into one archive, while gzip compresses one file."}}
	}
	for _, c := range []struct {
		name    string
		second  retrieval.Hit
		sources []string
	}{
		{"the next paragraph", next("gzip.txt", 14), []string{"gzip.txt", "gzip.txt"}},
		{"further down", next("gzip.txt", 40), []string{"gzip.txt"}},
		{"another document", next("zip.txt", 14), []string{"gzip.txt"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{top, c.second}})
			var got []string
			for _, cit := range a.Citations {
				got = append(got, cit.Source)
			}
			if strings.Join(got, " ") != strings.Join(c.sources, " ") {
				t.Errorf("cited %v, want %v", got, c.sources)
			}
		})
	}
}

// A sentence opening with a connective leans on the one before, as one
// opening with a pronoun does.
func TestConnectiveLeansOnTheSentenceBefore(t *testing.T) {
	p := corpus.Passage{Text: "libxcrypt as a whole is licensed under the GNU Lesser General Public License. " +
		"However, many individual files may be reused under more permissive licenses. Contributions are welcome."}
	ss := ReadSentences("libxcrypt licence", query("libxcrypt licence"), p)
	if len(ss) != 3 {
		t.Fatalf("%d sentences, want 3", len(ss))
	}
	for i, want := range []float64{0, 1, 0} {
		if got := ss[i].Features.Pronoun; got != want {
			t.Errorf("sentence %d leans on the one before: %v, want %v", i, got, want)
		}
	}
}

// A code block opening with a shell comment is code that speaks, not a
// heading: it can be the excerpt.
func TestCodeBlockOpeningWithACommentIsNoHeading(t *testing.T) {
	p := corpus.Passage{Text: "## Installation\n\n```bash\n# To get the latest released Go client:\ngo get github.com/nats-io/nats.go@latest\n```"}
	ss := ReadSentences("how do i install the nats go client", query("how do i install the nats go client"), p)
	if len(ss) != 2 {
		t.Fatalf("%d sentences, want the heading and the code", len(ss))
	}
	if !ss[0].heading || ss[1].heading {
		t.Errorf("heading flags %v, %v: want the heading line only", ss[0].heading, ss[1].heading)
	}
}

// TestPlainCommentIsNoHeading: in plain text (a sample configuration), a
// comment's lines opening on "#" are sentences wrapped over lines, which
// answer; in Markdown such a line is a heading.
func TestPlainCommentIsNoHeading(t *testing.T) {
	const question = "how should i edit the sudoers file"
	body := "#\n# This file MUST be edited with the 'visudo' command as root.\n#\n# See the man page for details on how to write\n# a sudoers file.\n#\nDefaults\tenv_reset\nDefaults\tmail_badpass"
	plain := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "sudoers.txt", LineStart: 1}, Text: body, Plain: true}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: plain}}})
	if len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Excerpt, "edited with the 'visudo' command") {
		t.Errorf("plain text: answer %q, want the comment saying how", a.Text)
	}
	ss := ReadSentences(question, query(question), corpus.Passage{Text: "# Editing\n\nUse visudo."})
	if len(ss) == 0 || !ss[0].heading {
		t.Errorf("Markdown: %+v, want the first line a heading", ss)
	}
}

// TestExcerptQuotesTheCodeItAnnounces: a sentence that announces or points
// to the code block under it is quoted with it, and the excerpt opens and
// closes the block's fence (an open fence would turn the rest of a Discord
// message into code).
func TestExcerptQuotesTheCodeItAnnounces(t *testing.T) {
	for _, c := range []struct {
		name, question, text, want string
	}{
		{"pointed to", "connect go-redis using a redis url string",
			"go-redis also supports connecting via the redis uri specification. The example below demonstrates how the connection can be configured using a string.\n\n```go\nopts, err := redis.ParseURL(url)\n```",
			"go-redis also supports connecting via the redis uri specification. The example below demonstrates how the connection can be configured using a string.\n\n```go\nopts, err := redis.ParseURL(url)\n```"},
		{"an announced numbered list, whole", "what are the steps to build frob from source",
			"To build frob from source, follow these steps:\n\n1. Unpack the archive.\n2. Run ./configure. It takes a minute.\n3. Run make.\n\nThen install it.",
			"To build frob from source, follow these steps:\n\n1. Unpack the archive.\n2. Run ./configure. It takes a minute.\n3. Run make."},
		{"an announced list, whole", "what does the dbus daemon do",
			"D-Bus is a simple system for interprocess communication.\n\nThe \"and coordination\" part is important; D-Bus provides a bus daemon that does things like:\n - notify applications when other apps exit\n - start services on demand\n - support single-instance applications\n\nSee the web site for documentation.",
			"The \"and coordination\" part is important; D-Bus provides a bus daemon that does things like:\n - notify applications when other apps exit\n - start services on demand\n - support single-instance applications"},
		// … and the lead-in, opening on "For example", the sentence it
		// leans on.
		{"code quoted for itself brings its lead-in", "can i run the go-toml tools in docker",
			"Those tools are also available as a Docker image. For example, to use `tomljson`:\n\n```\ndocker run -i ghcr.io/pelletier/go-toml:v2 tomljson < example.toml\n```\n\nMultiple versions are available.",
			"Those tools are also available as a Docker image. For example, to use `tomljson`:\n\n```\ndocker run -i ghcr.io/pelletier/go-toml:v2 tomljson < example.toml\n```"},
		// A how-to's answer whose paragraph goes on to announce the
		// command (a web page's <pre>, no fence) brings both.
		{"the rest of the paragraph announces the command", "how do i change the system default text editor",
			"Debian provides unified access to the system default editor via command \"/usr/bin/editor\" so other programs can invoke it. You can change it by the following.\n$ sudo update-alternatives --config editor\nThe choice of vim is my recommendation.",
			"Debian provides unified access to the system default editor via command \"/usr/bin/editor\" so other programs can invoke it. You can change it by the following.\n$ sudo update-alternatives --config editor"},
	} {
		t.Run(c.name, func(t *testing.T) {
			hits := []retrieval.Hit{{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "go-toml/README.md", LineStart: 1,
				Title: "go-toml v2", Section: "Tools › Docker image"}, Text: c.text}}}
			a := Extract(c.question, retrieval.Result{Query: query(c.question), Relevant: true, Lead: 1, Hits: hits})
			if len(a.Citations) == 0 || a.Citations[0].Excerpt != c.want {
				var got []string
				for _, x := range a.Citations {
					got = append(got, x.Excerpt)
				}
				t.Errorf("excerpts %q, want %q", got, c.want)
			}
		})
	}
}

// An excerpt never opens a fence it doesn't close, nor starts at a
// closing one: a passage cut from a long code block quotes its code or the
// prose after it without the fence the cut left alone.
func TestExcerptFencesBalanced(t *testing.T) {
	for _, c := range []struct {
		name, question, text string
	}{
		{"the block's tail, then prose", "what port does the frobnicator daemon listen on",
			"./step25\n./step26\n```\n\nThe frobnicator daemon listens on port 7781."},
		{"the block's head", "what are the frobnicator build steps",
			"```sh\n./frobnicator-build step1\n./frobnicator-build step2"},
		{"prose and a whole block", "how do i build the frobnicator",
			"Build the frobnicator with:\n\n```sh\nmake frobnicator\n```\n\nThat is all."},
	} {
		t.Run(c.name, func(t *testing.T) {
			hits := []retrieval.Hit{{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "README.md", LineStart: 1}, Text: c.text}}}
			a := Extract(c.question, retrieval.Result{Query: query(c.question), Relevant: true, Lead: 1, Hits: hits})
			if len(a.Citations) == 0 {
				t.Fatal("no excerpt")
			}
			for _, cit := range a.Citations {
				fences := 0
				for line := range strings.Lines(cit.Excerpt) {
					if strings.HasPrefix(strings.TrimSpace(line), "```") {
						fences++
					}
				}
				if fences%2 != 0 {
					t.Errorf("excerpt %q has %d fence lines", cit.Excerpt, fences)
				}
			}
		})
	}
}

// A question asking for several things is told from one asking for one.
func TestAsksForSet(t *testing.T) {
	for q, want := range map[string]bool{
		"which control chars does virtualterm support": true,
		"what output formats can groff produce":        true,
		"list the supported platforms":                 true,
		"what are the build dependencies":              true,
		"which libs do i need before building gnupg":   true,
		"what does fc-cache -f do":                     false,
		"what is the default port":                     false,
		"which version of go does it need":             false,
		"what status does it return":                   false,
		"how do i install it":                          false,
		"what changed in lib 2.1.0":                    true,
		"whats new in v3":                              true,
		"changes in sarama 1.46.1":                     true,
		"what changes the colour":                      true,
		"what is new york like":                        false,
	} {
		if got := asksForSet(q); got != want {
			t.Errorf("asksForSet(%q) = %v, want %v", q, got, want)
		}
	}
}

// A question asking for several things that the passage's section names
// ("Control Characters") is answered by the list under it, not by the
// sentence beside the list that holds the question's other words; a
// question asking for one thing is not.
func TestHeadedListAnswersASet(t *testing.T) {
	text := "* `\\b` backspace\n* `\\r` carriage return\n* `ESC[#A` moves cursor up # lines\n\n***WARNING:*** if you try to write not supported ESC to it, the output may can not be predicted"
	list := "* `\\b` backspace\n* `\\r` carriage return\n* `ESC[#A` moves cursor up # lines"
	hits := []retrieval.Hit{{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "virtualterm/README.md", LineStart: 13,
		Title: "virtual-term", Section: "Now Support › Control Characters"}, Text: text}}}
	for _, c := range []struct {
		question string
		list     bool
	}{
		{"which control chars does virtualterm support", true},
		{"what happens with an unsupported control char in virtualterm", false},
	} {
		a := Extract(c.question, retrieval.Result{Query: query(c.question), Relevant: true, Lead: 1, Hits: hits})
		quoted := false
		for _, cit := range a.Citations {
			quoted = quoted || strings.Contains(cit.Excerpt, list)
		}
		if quoted != c.list {
			t.Errorf("%q: quotes the list %v, want %v (%+v)", c.question, quoted, c.list, a.Citations)
		}
	}
}

// A manual's header line or a plain-text heading, which the passage's text
// starts with, is no answer: "what is tar" quotes what NAME says.
func TestTitleLineIsNoAnswer(t *testing.T) {
	const question = "what is tar"
	hits := []retrieval.Hit{{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "tar.1.txt", LineStart: 1,
		Title: "TAR(1) GNU TAR Manual TAR(1)", Section: "NAME"},
		Text: "TAR(1)                 GNU TAR Manual                 TAR(1)\n\nNAME\n       tar - an archiving utility"}}}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: hits})
	if len(a.Citations) == 0 || strings.Contains(a.Citations[0].Excerpt, "GNU TAR Manual") || !strings.Contains(a.Text, "an archiving utility") {
		t.Errorf("answer %q", a.Text)
	}
}

// An outline heading ("* Installation", as tmux's README writes its
// sections) names its section and is no answer: "how do i install it"
// (of tmux) quotes what the section says.
func TestOutlineHeadingIsNoAnswer(t *testing.T) {
	const question = "how do i install it"
	q := lexical.Query{Text: question, Terms: []lexical.QueryTerm{
		{Word: "install", Stem: "instal", Weight: 2, Known: true},
		{Word: "tmux", Stem: "tmux", Weight: 3, Known: true, Context: true, Subject: true, Name: true, Documents: true},
	}}
	hits := []retrieval.Hit{{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "tmux/README", LineStart: 22,
		Title: "Welcome to tmux", Section: "Installation"},
		Text: "* Installation\n\nTo build and install tmux from a release tarball, use:\n\n\t$ ./configure && make\n\t$ sudo make install\n\n" +
			"tmux can use the utempter library to update utmp(5), if it is installed - run\nconfigure with --enable-utempter to enable this.\n\n" +
			"To get and build the latest from version control - note that this requires\nautoconf, automake and pkg-config:\n\n" +
			"\t$ git clone https://github.com/tmux/tmux.git\n\t$ cd tmux\n\t$ sh autogen.sh\n\t$ ./configure && make"}}}
	a := Extract(question, retrieval.Result{Query: q, Relevant: true, Lead: 1, Hits: hits})
	if len(a.Citations) == 0 || strings.HasPrefix(a.Citations[0].Excerpt, "* Installation") || !strings.Contains(a.Text, "To build and install tmux") {
		t.Errorf("answer %q", a.Text)
	}
}

// A heading line the passage's text opens with is a sentence of its own,
// though no full stop ends it (an HTML page's "os.loadavg()" over "Added
// in: v0.3.3"), so it is no answer with the line under it; a setext
// heading ("jq" over "==") stays one.
func TestHeadingLineIsASentenceApart(t *testing.T) {
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "os.html", LineStart: 555, Title: "OS", Section: "OS › os.loadavg()"},
		Text: "os.loadavg()\nAdded in: v0.3.3\n- Returns: <number[]>\nReturns an array containing the 1, 5, and 15 minute load averages.\n" +
			"The load average is a Unix-specific concept. On Windows, the return value is\nalways [0, 0, 0]."}
	const question = "what does os.loadavg give on windows"
	q := lexical.Query{Text: question, Terms: []lexical.QueryTerm{
		{Word: "os.loadavg", Stem: "os.loadavg", Weight: 1, Known: true},
		{Word: "os", Stem: "os", Weight: 1, Known: true},
		{Word: "loadavg", Stem: "loadavg", Weight: 3, Known: true},
		{Word: "give", Stem: "give", Weight: 0.5, Known: true},
		{Word: "windows", Stem: "window", Weight: 2, Known: true},
	}}
	ss := ReadSentences(question, q, p)
	if len(ss) == 0 || p.Text[ss[0].Span.Start:ss[0].Span.End] != "os.loadavg()" || Candidate(ss[0]) {
		t.Fatalf("first sentence %q is a candidate", p.Text[ss[0].Span.Start:ss[0].Span.End])
	}
	a := Extract(question, retrieval.Result{Query: q, Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.Contains(a.Text, "return value is\nalways [0, 0, 0]") || strings.Contains(a.Text, "Added in") {
		t.Errorf("answer %q", a.Text)
	}
	setext := corpus.Passage{ID: "b", Locator: corpus.Locator{Source: "jq/README", LineStart: 1, Title: "jq", Section: "jq"},
		Text: "jq\n==\n\njq is a lightweight and flexible command-line JSON processor."}
	ss = ReadSentences("what is jq", query("what is jq"), setext)
	if len(ss) == 0 || setext.Text[ss[0].Span.Start:ss[0].Span.End] != "jq\n==" {
		t.Errorf("setext heading read as %q", setext.Text[ss[0].Span.Start:ss[0].Span.End])
	}
}

// An FAQ's question over lines that heads its answer's passage is one
// sentence apart, however the reader would split it ("5.4."), and no
// answer: the answer under it is, with the verdict that opens it ("No.").
func TestQuestionOverLinesIsAHeading(t *testing.T) {
	const heading = "5.4. Is it possible to attach Valgrind to a program that is already running?"
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "FAQ.txt", LineStart: 416, Title: "Valgrind FAQ", Section: "5. Miscellaneous › " + heading},
		Text: "5.4. Is it possible to attach Valgrind to a program that is already \nrunning? \n\n" +
			"No. The environment that Valgrind provides for running programs is \nsignificantly different to that for normal programs. " +
			"Therefore Valgrind has to have full control \nfrom the very start."}
	const question = "can valgrind attach to an already running process"
	ss := ReadSentences(question, query(question), p)
	if len(ss) < 2 || strings.Join(strings.Fields(p.Text[ss[0].Span.Start:ss[0].Span.End]), " ") != heading || Candidate(ss[0]) {
		t.Fatalf("first sentence %q: want the question whole, no candidate", p.Text[ss[0].Span.Start:ss[0].Span.End])
	}
	if got := p.Text[ss[1].Span.Start:ss[1].Span.End]; got != "No." || ss[1].Features.First != 1 {
		t.Errorf("second sentence %q (first %v): want the verdict, first of the answer", got, ss[1].Features.First)
	}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.HasPrefix(a.Text, "\"No. The environment") || strings.Contains(a.Text, "Is it possible") {
		t.Errorf("answer %q: want the answer from its verdict, without the question", a.Text)
	}
	// On one line, the question counts no place either; a sentence that
	// only opens with the heading's words is no heading.
	const problem = "Home/End keys don't work in some non-full-screen applications."
	one := corpus.Passage{ID: "b", Locator: corpus.Locator{Source: "FAQ", Title: "ncurses FAQ", Section: problem},
		Text: problem + "\n\nThe key sequences in terminfo are for full-screen applications only."}
	ss = ReadSentences("home end keys", query("home end keys"), one)
	if len(ss) != 2 || Candidate(ss[0]) || ss[0].Features.First != 0 || ss[1].Features.First != 1 {
		t.Errorf("one-line question: %d sentences, the first a candidate %v, first places %v, %v; want the answer first",
			len(ss), len(ss) > 0 && Candidate(ss[0]), len(ss) > 0 && ss[0].Features.First == 1, len(ss) > 1 && ss[1].Features.First == 1)
	}
	// A numbered heading on one line, its number read as a sentence's
	// end ("15.2.3."), spaced as written: one sentence, no candidate.
	numbered := corpus.Passage{ID: "d", Plain: true, Locator: corpus.Locator{Source: "slang.txt", Title: "slang", Section: "15.  Error Handling › 15.2.3.  The finally block"},
		Text: "15.2.3.  The finally block\n\n  The finally-block runs whether or not an exception occurs."}
	ss = ReadSentences("when does the finally block run", query("when does the finally block run"), numbered)
	if len(ss) != 2 || Candidate(ss[0]) || numbered.Text[ss[0].Span.Start:ss[0].Span.End] != "15.2.3.  The finally block" {
		t.Fatalf("numbered heading: %d sentences, want the heading whole and no candidate, then its text", len(ss))
	}
	// A plain-text heading's underline, text right below it, is the
	// heading's: no excerpt opens on the dashes.
	under := corpus.Passage{ID: "e", Plain: true, Locator: corpus.Locator{Source: "adduser/README", Title: "adduser in Debian", Section: "Usage in maintainer scripts"},
		Text: "Usage in maintainer scripts\n---------------------------\nadduser --system can help you to create a user in your postinst."}
	ss = ReadSentences("adduser in postinst", query("adduser in postinst"), under)
	if len(ss) != 2 || Candidate(ss[0]) || !strings.HasPrefix(under.Text[ss[1].Span.Start:ss[1].Span.End], "adduser --system") {
		t.Errorf("underlined heading: %d sentences, want the heading with its underline, then the text", len(ss))
	}
	wraps := corpus.Passage{ID: "c", Locator: corpus.Locator{Source: "a.txt", Section: "Setup › The configuration file"},
		Text: "The configuration\nfile holds every setting of the server, one per line."}
	ss = ReadSentences("what does the configuration file hold", query("what does the configuration file hold"), wraps)
	if len(ss) != 1 || !Candidate(ss[0]) {
		t.Errorf("a sentence opening with the heading's words: %d sentences, want it whole and a candidate", len(ss))
	}
}

// An FAQ's question ("Q: …"), every sentence of it, asks rather than
// answers: the answer's sentences under it are the candidates.
func TestFAQQuestionSentencesAreNoAnswer(t *testing.T) {
	p := corpus.Passage{ID: "q", Locator: corpus.Locator{Source: "faq.txt", Section: "XZ Utils FAQ › I need to use a script that runs xz -9."},
		Text: "Q:  I need to use a script that runs \"xz -9\". On a system with 256 MiB\n    of RAM, xz says that it cannot allocate memory. Can I make the\n    script work without modifying it?\n\n" +
			"A:  Set a default memory usage limit for compression. You can do it e.g.\n    in a shell initialization script."}
	const question = "xz -9 says cannot allocate memory on a box with 256mb ram"
	ss := ReadSentences(question, query(question), p)
	var asks, answers []string
	for _, s := range ss {
		if Candidate(s) {
			answers = append(answers, p.Text[s.Span.Start:s.Span.End])
		} else {
			asks = append(asks, p.Text[s.Span.Start:s.Span.End])
		}
	}
	if len(asks) != 3 || len(answers) == 0 || !strings.HasPrefix(answers[0], "A:  Set a default") {
		t.Errorf("question sentences %q, candidates %q: want the question's three sentences apart and the answer first among the candidates", asks, answers)
	}
	// The question ends at its question mark or at the answer's mark, on
	// the next line or its own; "Q." opening no question is an initial.
	for body, want := range map[string]int{
		"Q: Why is xz compression slow?\nA: Because the LZMA2 dictionary is large.":                       1,
		"Q: Why is xz slow? A: Because the dictionary is large.":                                          1,
		"Question 2: what does the level flag do? The level flag sets the preset.":                        1,
		"Q. Zhang found the effect in 2019. It was confirmed later.":                                      0,
		"Q1: Can I make the script work\nwithout modifying it? Or must I edit it?\n\nA1: Set a limit.":    2,
		"Q: Screen compiled on SunOS cannot reattach a session.\n \nA: You are using the wrong compiler.": 1,
		"Q: Installation fails on Windows 10 with MSVC\nA: Use the MinGW build instead.":                  1,
		"Q: Screen cannot reattach a detached session. A: You are using the wrong compiler.":              1,
		"Q: I picked option A: static linking. The build breaks.\nA: Link it dynamically.":                2,
		"Q: heat flow rate through the wall [W]\nA: area of the wall [m2]":                                0,
		"Q: volumetric flow rate (m3/s)\nA: cross-sectional area":                                         0,
		"Q: Screen cannot reattach, see notes A) and B).\n\nA: Use the other compiler.":                   1,
		"Q. Zhang found the effect in 2019.\n\nA. Kumar later showed it holds.":                           0,
		"Q: Mesg cannot be turned on. It fails under screen.\n\nA: Install screen setuid-root.":           2,
		"Q: Mesg cannot be turned on.\n\nIt fails under screen.\n\nA: Install screen setuid-root.":        0,
		// An FAQ marking its answers alone: the paragraph above the mark,
		// with the output it quotes, asks.
		"2.11. When I launch sadc, I get the error message:\n```\nCannot open /proc/diskstats\n```\nA: Your kernel lacks it.": 3,
		"See the notes below.\n\nThe daemon fails on start.\nA: Run it as root.":                                              1,
		"Copy it to the floppy:\nA:\\setup.exe runs it.":                                                                      0,
		"Run the demo. It talks.\nExample session:\nA: hello there":                                                           0,
		"Set the keys of the map.\n\n```yaml\nkeys:\n\nA: 1\n```\n":                                                           0,
	} {
		p := corpus.Passage{ID: "f", Locator: corpus.Locator{Source: "faq.txt"}, Text: body}
		n := 0
		for _, s := range ReadSentences("why is xz slow", query("why is xz slow"), p) {
			if s.asks {
				n++
			}
		}
		if n != want {
			t.Errorf("%q: %d sentences read as asking, want %d", body, n, want)
		}
	}
}

// A verdict opening a paragraph ("No.", "Yes, it is.") comes with the
// paragraph's second sentence when that one is quoted, however it was
// chosen; a verdict-like sentence of another paragraph does not.
func TestVerdictOpensTheQuote(t *testing.T) {
	hits := []retrieval.Hit{
		{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "a.txt", LineStart: 1}, Text: "Tracing works on any build."}},
		{Passage: corpus.Passage{ID: "b", Locator: corpus.Locator{Source: "b.txt", LineStart: 1},
			Text: "Yes.\n\nNo. Attaching needs the process started under the tool."}},
	}
	perHit := [][]sentence{nil, {
		{PassageSentence: PassageSentence{Span: text.Span{Start: 0, End: 4}}, hit: 1, idx: 0},
		{PassageSentence: PassageSentence{Span: text.Span{Start: 6, End: 9}}, hit: 1, idx: 1},
		{PassageSentence: PassageSentence{Span: text.Span{Start: 10, End: 61}, Joined: true}, hit: 1, idx: 2},
	}}
	got := verdicts(hits, perHit, []sentence{perHit[1][2]})
	if len(got) != 1 || got[0].idx != 1 {
		t.Errorf("verdicts %+v, want the paragraph's \"No.\" alone", got)
	}
	if got := verdicts(hits, perHit, []sentence{perHit[1][1]}); len(got) != 0 {
		t.Errorf("verdicts %+v for a sentence opening its paragraph, want none", got)
	}
	// Not a verdict: one inside its paragraph, a list item, a heading,
	// or one a blank line parts from the sentence quoted.
	for name, change := range map[string]func(ss []sentence){
		"joined":  func(ss []sentence) { ss[1].Joined = true },
		"item":    func(ss []sentence) { ss[1].Item = true },
		"heading": func(ss []sentence) { ss[1].Features.Structure = 1 },
		"apart":   func(ss []sentence) { ss[2].Joined = false },
	} {
		ss := slices.Clone(perHit[1])
		change(ss)
		if got := verdicts(hits, [][]sentence{nil, ss}, []sentence{ss[2]}); len(got) != 0 {
			t.Errorf("%s: verdicts %+v, want none", name, got)
		}
	}
	// A verdict alone in its paragraph answers the question over it, or
	// says it is the short answer: an FAQ's "**tl;dr:** No.".
	faq := "Does Viper support case sensitive keys?\n\n**tl;dr:** No.\n\nViper merges configuration from many sources."
	fhits := []retrieval.Hit{{Passage: corpus.Passage{ID: "f", Locator: corpus.Locator{Source: "f.md", LineStart: 1}, Text: faq}}}
	fs := []sentence{
		{PassageSentence: PassageSentence{Span: text.Span{Start: 0, End: 39}, Features: SentenceFeatures{Structure: 1, Coverage: 0.8}}, idx: 0},
		{PassageSentence: PassageSentence{Span: text.Span{Start: 41, End: 55}}, idx: 1},
		{PassageSentence: PassageSentence{Span: text.Span{Start: 57, End: len(faq)}}, idx: 2},
	}
	if got := verdicts(fhits, [][]sentence{fs}, []sentence{fs[2]}); len(got) != 1 || got[0].idx != 1 {
		t.Errorf("verdicts %+v, want the FAQ's labelled verdict", got)
	}
	// Not under a question holding little of the one asked (another FAQ
	// entry's), nor under a statement.
	fs[0].Features.Coverage = 0.3
	if got := verdicts(fhits, [][]sentence{fs}, []sentence{fs[2]}); len(got) != 0 {
		t.Errorf("verdicts %+v under another question, want none", got)
	}
	fs[0].Features.Structure, fs[0].Features.Coverage = 0, 0.8
	fhits[0].Passage.Text = strings.Replace(faq, "?", ".", 1)
	if got := verdicts(fhits, [][]sentence{fs}, []sentence{fs[2]}); len(got) != 0 {
		t.Errorf("verdicts %+v under a statement, want none", got)
	}
	for s, want := range map[string]bool{"No.": true, "Yes, it is.": true, "No, it does not.": true, "No, you can't.": true,
		"Not yet!": true, "No more.": false, "Yes, but only on Linux.": false, "No": false,
		"No, it doesn’t.": true, "No, it's not.": true} {
		if got := verdict.MatchString(s); got != want {
			t.Errorf("verdict %q: %v, want %v", s, got, want)
		}
	}
	// Through the extractive answer: the paragraph's second sentence fills
	// the excerpt alone, so no growth brings the verdict; it comes all the
	// same.
	long := "Attaching to a process that is already running is not possible, because the tool must control the program from its very first instruction, " +
		"set up its own memory layout, replace the allocator, and read every load and store the program makes, none of which it can do for a program " +
		"that was started without it, so the only way is to run the program under the tool from the very start, as the manual says."
	p := corpus.Passage{ID: "v", Locator: corpus.Locator{Source: "FAQ.txt", LineStart: 1}, Text: "No. " + long}
	const question = "can the tool attach to an already running process"
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.HasPrefix(a.Text, "\"No. Attaching") {
		t.Errorf("answer %q: want it to open with the verdict", a.Text)
	}
}

// themes returns a question, a passage of a heading and two paragraphs
// as the one hit, and the sentence model.
func themes(t *testing.T) (question, body string, hits []retrieval.Hit, m SentenceModel) {
	t.Helper()
	question = "what does dark mode need"
	body = "# Themes\n\nThe theme files are read at start. This requires a terminal with 256 colours.\n\nIt is fast."
	hits = []retrieval.Hit{{Passage: corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "a.md", LineStart: 1}, Text: body}}}
	m, err := DefaultSentenceModel()
	if err != nil {
		t.Fatal(err)
	}
	return question, body, hits, m
}

// A sentence quoted for what it adds, opening on a pronoun, brings the
// sentence of its paragraph it leans on; one after a blank line or a
// heading does not.
func TestAntecedents(t *testing.T) {
	question, body, hits, m := themes(t)
	_, perHit := scoreSentences(m, question, query(question), nil, nil, hits)
	var this, it sentence
	for _, s := range perHit[0] {
		switch said := body[s.Span.Start:s.Span.End]; {
		case strings.HasPrefix(said, "This requires"):
			this = s
		case strings.HasPrefix(said, "It is fast"):
			it = s
		}
	}
	got := antecedents(perHit, []sentence{this, it})
	if len(got) != 1 || !strings.HasPrefix(body[got[0].Span.Start:got[0].Span.End], "The theme files") {
		t.Errorf("antecedents = %v, want the sentence before \"This requires\" only", got)
	}
}

// A how-to question's sentence that says what to do ("First, try running
// …", "To disable this feature, set …") is marked as one, not the one
// describing the problem, nor a release's entry saying what was done
// ("- Add support for …").
func TestInstructingSentence(t *testing.T) {
	const question = "how do i get chromium to run natively on wayland"
	p := corpus.Passage{Locator: corpus.Locator{Title: "Chromium", Section: "Native Wayland Support"},
		Text: "By default Chromium will use its X11 backend, even if you're running it in a\nWayland session.\n\n" +
			"First, try running Chromium with the argument --ozone-platform=wayland.\n\nTo disable this feature, set `-env=none`."}
	ss := ReadSentences(question, query(question), p)
	if len(ss) != 3 {
		t.Fatalf("%d sentences", len(ss))
	}
	for i, want := range []float64{0, 1, 1} {
		if got := ss[i].Features.Instructs; got != want {
			t.Errorf("sentence %d instructs %v, want %v", i, got, want)
		}
	}
	if ss := ReadSentences("what is chromium", query("what is chromium"), p); ss[1].Features.Instructs != 0 {
		t.Error("a sentence instructs a question that asks no way")
	}
	p.Section = "v3.24.0"
	p.Text = "- Add support for loading environment variables from `.env` files."
	if ss := ReadSentences("how do i load env files", query("how do i load env files"), p); ss[0].Features.Instructs != 0 {
		t.Error("a release's entry instructs")
	}
}

// A release's entries are read from any heading of the section path, not
// from a numbered section or an upgrade guide's.
func TestReleaseEntries(t *testing.T) {
	for section, want := range map[string]bool{
		"v3.24.0": true, "Changelog › [1.2.0] - 2024-01-31 › Added": true, "1.5.1 (2023-03-02)": true, "Version 2.1": true,
		"2.1 Configuring the server": false, "Upgrading to version 3": false, "Migrating from v1 to v2.0": false, "Installation": false,
	} {
		if got := structure.UnderRelease(section); got != want {
			t.Errorf("UnderRelease(%q) = %v, want %v", section, got, want)
		}
	}
	if instructs.MatchString("Users must not share tokens.") && !prohibits.MatchString("Users must not share tokens.") {
		t.Error("a prohibition instructs")
	}
}

// A sentence holding no content word ("or" between two code blocks) is
// never quoted, though its passage's section holds the question.
func TestNoContentWordIsNoCandidate(t *testing.T) {
	const question = "is there a ternary function"
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "defaults.md", LineStart: 1, Section: "ternary › true test value"},
		Text: "```\nternary \"foo\" \"bar\" true\n```\n\nor\n\n```\ntrue | ternary \"foo\" \"bar\"\n```\n\nThe above returns `\"foo\"`."}
	for _, s := range ReadSentences(question, query(question), p) {
		if strings.TrimSpace(p.Text[s.Span.Start:s.Span.End]) == "or" && Candidate(s) {
			t.Error(`"or" is a candidate`)
		}
	}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 0.6, Hits: []retrieval.Hit{
		{Passage: corpus.Passage{ID: "b", Locator: corpus.Locator{Source: "defaults.md", LineStart: 20, Section: "ternary"}, Text: "The `ternary` function takes two values, and a test value."}},
		{Passage: p},
	}})
	for _, c := range a.Citations {
		if strings.TrimSpace(c.Excerpt) == "or" {
			t.Errorf("quoted %q", c.Excerpt)
		}
	}
}

// A paragraph quoted to its end that speaks of what follows ("the
// following environment variables …") brings the list after it.
func TestParagraphAnnouncingAListBringsIt(t *testing.T) {
	const question = "how to limit the tcp port range the plugin uses"
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "internals.md", LineStart: 1, Section: "Environment Variables"},
		Text: "When serving a plugin over TCP, the following environment variables can be\nspecified to restrict the port range. " +
			"If no values are provided, the port is chosen by the system.\n\n * `PLUGIN_MIN_PORT`: the minimum port.\n * `PLUGIN_MAX_PORT`: the maximum port.\n"}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.Contains(a.Text, "PLUGIN_MIN_PORT") || !strings.Contains(a.Text, "PLUGIN_MAX_PORT") {
		t.Errorf("answer %q", a.Text)
	}
}

// A question comparing two things marks the sentences that set them
// apart; another question marks none.
func TestContrastFeature(t *testing.T) {
	p := corpus.Passage{Locator: corpus.Locator{Title: "nss-mdns"},
		Text: "The minimal modules are mostly identical to the normal ones. They differ in one way. Combining the minimal and the normal modules makes mDNS authoritative."}
	for q, want := range map[string][]float64{
		"difference between the minimal and normal modules": {1, 1, 0},
		"minimal vs normal modules":                         {1, 1, 0},
		"what do the minimal modules do":                    {0, 0, 0},
	} {
		ss := ReadSentences(q, query(q), p)
		if len(ss) != len(want) {
			t.Fatalf("%q: %d sentences, want %d", q, len(ss), len(want))
		}
		for i, w := range want {
			if got := ss[i].Features.Contrast; got != w {
				t.Errorf("%q: sentence %d contrast %v, want %v", q, i, got, w)
			}
		}
	}
}

// The sentences of the hits are stemmed by the corpus's own word → stem
// map when the search gives one: with the stems Snowball gives, every
// sentence reads as without the map; a stem the map says otherwise is the
// one read.
func TestSentencesReadWithCorpusStems(t *testing.T) {
	question, body, hits, m := themes(t)
	var st text.Stemmer
	stems := map[string]string{}
	for _, tok := range text.Tokens(&st, body+" a.md") {
		stems[tok.Word] = tok.Stem
	}
	without, _ := scoreSentences(m, question, query(question), nil, nil, hits)
	with, _ := scoreSentences(m, question, query(question), stems, nil, hits)
	if !reflect.DeepEqual(without, with) {
		t.Errorf("read with the corpus's stems:\n%+v\nwithout:\n%+v", with, without)
	}
	stems["requires"] = "need"
	odd, _ := scoreSentences(m, question, query(question), stems, nil, hits)
	for i, s := range odd {
		if said := body[s.Span.Start:s.Span.End]; strings.HasPrefix(said, "This requires") && s.cov <= without[i].cov {
			t.Errorf("%q holds %.2f of the question with \"requires\" read as \"need\", %.2f without: the map was not read", said, s.cov, without[i].cov)
		}
	}
}

// Where the question asks for a kind of answer, the sentence of the top
// passage that holds one comes first, though another holds more of the
// question's words.
func TestTypedSentenceFirst(t *testing.T) {
	const question = "how many retries does the client make after a timeout"
	body := "After a timeout the client makes its retries with backoff, and the client logs each of its retries.\n\nThe client retries 3 times."
	hits := []retrieval.Hit{{Passage: corpus.Passage{ID: "p", Locator: corpus.Locator{Source: "a.md", LineStart: 1}, Text: body}}}
	m, err := DefaultSentenceModel()
	if err != nil {
		t.Fatal(err)
	}
	all, _ := scoreSentences(m, question, query(question), nil, nil, hits)
	best := firstSentence(all)
	if got := body[best.Span.Start:best.Span.End]; !strings.Contains(got, "3 times") {
		t.Errorf("first sentence %q, want the one giving the number", got)
	}
}

// A question after a fix that quotes the error gets what the passage says
// after the error, and the command it announces, not the error alone; a
// question that asks no fix does not.
func TestRemedyAfterQuotedError(t *testing.T) {
	body := "## macOS\n\nWhile running tool you may run out of shared memory segments. If so, you will see this error message:\n\n```\ntool:ERROR: shmat failed: Too many open files\n```\n\n" +
		"By default macOS allows a very small number of shared segments. Raise the limit with:\n\n```\nsysctl kern.sysv.shmseg=16\n```\n"
	p := corpus.Passage{ID: "t", Locator: corpus.Locator{Source: "TROUBLESHOOTING.md", LineStart: 1, Section: "macOS"}, Text: body}
	for q, want := range map[string]bool{
		"tool says shmat failed: Too many open files, how to fix":  true,
		"what does tool print when shared memory segments run out": false,
	} {
		a := Extract(q, retrieval.Result{Query: query(q), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if got := strings.Contains(a.Text, "sysctl kern.sysv.shmseg=16"); got != want {
			t.Errorf("%q: the fix quoted %v, want %v:\n%s", q, got, want, a.Text)
		}
	}
	// A symptom told asks for the way out as much, when the document
	// tells it in the question's words.
	body = "I start tcsh and it takes a couple of minutes to get the prompt.\n\n" +
		"You have defined REMOTEHOST and your DNS is not responding. Either undefine REMOTEHOST and recompile or fix your DNS.\n"
	p = corpus.Passage{ID: "s", Locator: corpus.Locator{Source: "FAQ", LineStart: 1}, Text: body}
	for q, want := range map[string]bool{
		"tcsh takes a couple minutes before the prompt shows up": true,
		"what does tcsh do when it starts":                       false,
	} {
		a := Extract(q, retrieval.Result{Query: query(q), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if got := strings.Contains(a.Text, "undefine REMOTEHOST"); got != want {
			t.Errorf("%q: the way out quoted %v, want %v:\n%s", q, got, want, a.Text)
		}
	}
	// A pasted error message alone asks for the fix as much.
	body = "## Permissions\n\nInstalling globally may stop with this message:\n\n```\nnpm ERR! code EACCES while installing the package globally\n```\n\n" +
		"The cache folder belongs to root. Change its owner with:\n\n```\nsudo chown -R me ~/.npm\n```\n"
	p = corpus.Passage{ID: "u", Locator: corpus.Locator{Source: "TROUBLESHOOTING.md", LineStart: 1, Section: "Permissions"}, Text: body}
	q := "npm ERR! code EACCES while installing the package globally"
	if a := Extract(q, retrieval.Result{Query: query(q), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}}); !strings.Contains(a.Text, "sudo chown") {
		t.Errorf("%q: the fix not quoted:\n%s", q, a.Text)
	}
	// A failure told in other order, with other words between, asks for
	// the way out as much when most of its words are echoed.
	body = "For example, Electron exposes an `electron` module:\n\n```js\nimport 'electron'  // without extra config, will be flagged as unresolved!\n```\n\n" +
		"that would otherwise be unresolved. To avoid this, you may provide `electron` as a core module:\n\n```jsonc\n{ \"settings\": { \"import/core-modules\": [\"electron\"] } }\n```\n"
	p = corpus.Passage{ID: "e", Locator: corpus.Locator{Source: "README.md", LineStart: 1, Section: "import/core-modules"}, Text: body}
	for q, want := range map[string]bool{
		"import 'electron' gets flagged unresolved, how to fix": true,
		"what does electron expose":                             false,
	} {
		a := Extract(q, retrieval.Result{Query: query(q), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if got := strings.Contains(a.Text, "To avoid this"); got != want {
			t.Errorf("%q: the way out quoted %v, want %v:\n%s", q, got, want, a.Text)
		}
	}
}

// A long table's row whose header is in an earlier passage is quoted with
// that header, cited at its own place, above the row.
func TestRowQuotedWithItsHeaderFromAnEarlierPassage(t *testing.T) {
	head := corpus.Passage{ID: "h", Locator: corpus.Locator{Source: "ratelimit.md", LineStart: 5, LineEnd: 7, Section: "Options"},
		Text: "| Field | Description | Default |\n|---|---|---|\n| `average` | The average rate. | 0 |"}
	rows := corpus.Passage{ID: "r", Locator: corpus.Locator{Source: "ratelimit.md", LineStart: 30, LineEnd: 31, Section: "Options"},
		Text: "| `burst` | The largest burst of requests. | 1 |\n| `period` | The period of the rate. | 1s |"}
	const question = "default period of the ratelimit"
	end := strings.Index(head.Text, "\n| `average`")
	res := retrieval.Result{Query: query(question), Relevant: true, Lead: 1,
		Hits: []retrieval.Hit{{Passage: rows, TableHead: &retrieval.TableHead{Passage: head, Start: 0, End: end}}}}
	a := Extract(question, res)
	if len(a.Citations) < 2 || !strings.HasPrefix(a.Citations[0].Excerpt, "| Field | Description | Default |") || a.Citations[0].Source != "ratelimit.md" ||
		!strings.Contains(a.Citations[1].Excerpt, "`period`") {
		t.Fatalf("citations %+v: want the header, then the period row", a.Citations)
	}
	if a.Citations[0].LineStart != 5 || a.Citations[0].LineEnd != 6 {
		t.Errorf("header cited at lines %d–%d, want 5–6", a.Citations[0].LineStart, a.Citations[0].LineEnd)
	}
}

// TestExtraSentenceOfAnotherDocumentSharesTheAnswersWords: a sentence
// that adds what the best one lacks is quoted from another document only
// when it also holds a word of the question the best one holds; one that
// meets the question on other words alone speaks of something else.
func TestExtraSentenceOfAnotherDocumentSharesTheAnswersWords(t *testing.T) {
	const question = "how do fusion cells share intelligence and work with the border force"
	best := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "brief.txt", LineStart: 1}, Text: "Fusion cells share intelligence between agencies."}
	for _, c := range []struct {
		name, source, text string
		quoted             bool
	}{
		{"another document, no word of the answer's", "handbook.txt", "The border force work rota is posted weekly.", false},
		{"another document, a word of the answer's", "handbook.txt", "The border force work with the fusion cells daily.", true},
		{"the same document", "brief.txt", "The border force work rota is posted weekly.", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			other := corpus.Passage{ID: "b", Locator: corpus.Locator{Source: c.source, LineStart: 9}, Text: c.text}
			a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 0.95,
				Hits: []retrieval.Hit{{Passage: best}, {Passage: other}}})
			var quoted bool
			for _, cit := range a.Citations {
				quoted = quoted || strings.Contains(cit.Excerpt, "border force")
			}
			if quoted != c.quoted {
				t.Errorf("%q quoted %v, want %v: %+v", c.text, quoted, c.quoted, a.Citations)
			}
		})
	}
}

// A heading line of several sentences (an FAQ's "How much memory should
// tool use? Is there a memory leak?") is the heading's whole: its later
// sentences are no answer, the text under it is.
func TestHeadingOfSentencesIsNoAnswer(t *testing.T) {
	for _, c := range []struct {
		heading, question, want string
	}{
		{"How much memory should tool use? Is there a memory leak?", "tool eating memory, is it a leak?", "probably because it is using an early version"},
		{`For some reason tool failed while backing up. Now every time it runs it says "regressing destination" and then fails again.  What should I do?`,
			"tool keeps saying regressing destination then fails again, what do i do", "Delete the current_mirror file"},
	} {
		p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "tool/FAQ.md", LineStart: 3, Title: "tool FAQ",
			Section: strings.TrimSuffix(strings.Join(strings.Fields(c.heading), " "), "?")},
			Text: "## " + c.heading + "\n\nFirstly, the amount of memory tool uses should not depend on the size of directories.\n\n" +
				"If tool seems to be leaking memory, it is probably because it is using an early version of librsync.\n" +
				"Delete the current_mirror file with the earlier date, and it won't try regressing the destination."}
		ss := ReadSentences(c.question, query(c.question), p)
		for _, s := range ss {
			if s.Span.End <= len("## ")+len(c.heading) && Candidate(s) {
				t.Errorf("%q: the heading's sentence %q is a candidate", c.question, p.Text[s.Span.Start:s.Span.End])
			}
		}
		a := Extract(c.question, retrieval.Result{Query: query(c.question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if !strings.Contains(a.Text, c.want) || strings.Contains(a.Text, "What should I do") || strings.Contains(a.Text, "Is there a memory leak") {
			t.Errorf("%q: answer %q, want the text under the heading", c.question, a.Text)
		}
	}
}

// TestListItemHeadIsQuoted: a sentence going on a list item under its
// first line is quoted with the item's first sentence, which names what it
// describes.
func TestListItemHeadIsQuoted(t *testing.T) {
	const question = "how to override the docker socket path that ryuk mounts"
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "tc/configuration.md", LineStart: 9, Title: "Custom configuration", Section: "Docker socket path detection"},
		Text: "1. Read the **tc.host** property in the `~/.testcontainers.properties` file.\n\n" +
			"2. Read the **TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE** environment variable.\n" +
			"Path to Docker's socket. Used by Ryuk, Docker Compose, and a few other containers that need to perform Docker actions.\n\n" +
			"3. Else, the default location of the docker socket is used: `/var/run/docker.sock`"}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.Contains(a.Text, "Used by Ryuk") || !strings.Contains(a.Text, "TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") {
		t.Errorf("answer %q: want the item's first sentence with the one going on it", a.Text)
	}
}

// TestFAQVerdictIsQuoted: a yes/no question answered from an FAQ entry
// whose heading asks it gets the entry's verdict ("No, and it doesn't plan
// to.") above the detail chosen; one the heading does not ask does not.
func TestFAQVerdictIsQuoted(t *testing.T) {
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "rdiff-backup/FAQ.adoc", LineStart: 3, Title: "rdiff-backup FAQ", Section: "Does rdiff-backup have a GUI or WebUI"},
		Text: "## Does rdiff-backup have a GUI or WebUI?\n\nNo, and it doesn't plan to.\n" +
			"It leaves this exercise to external utilities like (we'll list only open source tools here):\n\n" +
			"* https://rdiffweb.org/[Rdiffweb] is a Web interface to browse and restore data.\n" +
			"* https://minarca.org/[Minarca] is a more complete solution for non-technical users.\n" +
			"It uses Rdiffweb with extra plugins for the server and provides a GUI to be installed on the desktop.\n" +
			"* https://github.com/schaeferservices/simple-rdiff-backup-webui[simple-rdiff-backup-webui] is a very simple \"read-only\" PHP based web UI"}
	for question, want := range map[string]bool{
		"is there a gui for rdiff-backup":     true,
		"does minarca need a desktop install": false, // not the question the heading asks
	} {
		a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if got := strings.Contains(a.Text, "No, and it doesn't plan to."); got != want {
			t.Errorf("%q: answer %q quotes the verdict %v, want %v", question, a.Text, got, want)
		}
	}
}

// TestItemHeadAndVerdictStayInTheirBlock: a line that is no item's (a
// label, "Configuration:") ends the walk back to an item, and in plain text
// so does a paragraph at the margin after a list; a yes/no question's FAQ
// verdict is quoted only with the paragraph it opens, not over another's
// answer.
func TestItemHeadAndVerdictStayInTheirBlock(t *testing.T) {
	for _, c := range []struct {
		name, question, text string
		plain                bool
		not                  string
	}{
		{"a label", "how do i set the foo_home environment variable",
			"Requirements:\n- Python 3.8 or newer.\n- The libfoo library.\nConfiguration:\nSet the FOO_HOME environment variable to the folder holding the data files.", true, "libfoo"},
		{"plain text after a list", "are backups encrypted before upload",
			"Known limitations:\n- Symlinks are not followed.\n- Sparse files are stored in full.\nEvery backup is encrypted with AES-256 before it is uploaded to the server.", true, "Sparse"},
		{"a verdict over another paragraph", "do i need root to run tool",
			"## Do I need root to install tool?\n\nNo, the installer writes only to your home folder.\n\nTo run tool you do need root, because tool opens a raw socket.", false, "installer"},
	} {
		p := corpus.Passage{ID: "a", Plain: c.plain, Locator: corpus.Locator{Source: "tool/notes.txt", LineStart: 1, Title: "Tool notes"}, Text: c.text}
		if !c.plain {
			p.Section = "Do I need root to install tool"
		}
		a := Extract(c.question, retrieval.Result{Query: query(c.question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if a.Declined || strings.Contains(a.Text, c.not) {
			t.Errorf("%s: answer %q quotes %q", c.name, a.Text, c.not)
		}
	}
}

// TestDefaultRowAnswersTheDefault: what an option's default is gets the
// row stating it ("+ Default: `1048576` (1MiB)") rather than a sentence
// sharing more of the question's words ("The default body reader …");
// whether a default holds gets the sentence saying so.
func TestDefaultRowAnswersTheDefault(t *testing.T) {
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "fastify/Server.md", LineStart: 20, Title: "Server", Section: "Factory › bodyLimit"},
		Text: "### `bodyLimit`\n\n+ Default: `1048576` (1MiB)\n\nDefines the maximum payload, in bytes, the server is allowed to accept.\n" +
			"The default body reader sends `FST_ERR_CTP_BODY_TOO_LARGE`\nreply, if the size of the body exceeds this limit."}
	for question, want := range map[string]string{
		"what is the default bodyLimit":            "+ Default: `1048576` (1MiB)",
		"does the default body reader send errors": "FST_ERR_CTP_BODY_TOO_LARGE",
	} {
		a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
		if !strings.HasPrefix(a.Text, `"`+want) && !strings.Contains(a.Text, want) {
			t.Errorf("%q: answer %q, want %q", question, a.Text, want)
		}
	}
	a := Extract("what is the default bodyLimit", retrieval.Result{Query: query("what is the default bodyLimit"), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.HasPrefix(a.Text, "\"+ Default: `1048576` (1MiB)\"") {
		t.Errorf("answer %q: want the default's row first", a.Text)
	}
}

// TestCodeDefaultKeyIsNoDefaultRow: a code block's `default:` key is no
// row stating a default; the sentence saying it is.
func TestCodeDefaultKeyIsNoDefaultRow(t *testing.T) {
	const question = "what is the default pool size"
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "database.md", LineStart: 3, Title: "Configuring the database", Section: "Connection pool"},
		Text: "## Connection pool\n\nThe connection pool holds up to 5 connections per process by default; raise it\n" +
			"with the `pool` setting when you run more threads.\n\n```yaml\ndefault: &default\n  adapter: postgresql\n  pool: 10\n  timeout: 5000\n```"}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.HasPrefix(a.Text, "\"The connection pool holds up to 5") {
		t.Errorf("answer %q, want the sentence giving the default first", a.Text)
	}
}

// TestEntryLabelIsQuotedAndReadAsTheSubject: in a reference page's entry,
// the sentence stating the default of the option asked answers under its
// label ("**maxRetries**"), which is quoted above it; the other entry's
// default is not taken.
func TestEntryLabelIsQuotedAndReadAsTheSubject(t *testing.T) {
	const question = "what is the default maxRetries"
	p := corpus.Passage{ID: "a", Locator: corpus.Locator{Source: "tool/README.md", LineStart: 20, Title: "Tool", Section: "Options"},
		Text: "**timeout**\n\nHow long to wait. The default is 10 seconds.\n\n**maxRetries**\n\nHow often it tries again. The default is 3.\n"}
	a := Extract(question, retrieval.Result{Query: query(question), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if !strings.Contains(a.Text, "The default is 3.") || !strings.Contains(a.Text, "**maxRetries**") || strings.Contains(a.Text, "10 seconds") {
		t.Errorf("answer %q: want maxRetries' label over its default, not timeout's", a.Text)
	}
}

// An FAQ's question written as a block quote heads its entry: the answer
// is quoted, never the quoted question.
func TestQuotedQuestionIsNoAnswer(t *testing.T) {
	p := corpus.Passage{ID: "q", Locator: corpus.Locator{Source: "README.md", LineStart: 7, Section: "Frequently Asked Questions › I cannot see any browser window"},
		Text: "> I cannot see any browser window\n\nBy default, foo runs the browser in headless mode."}
	q := "why can't i see a browser window"
	a := Extract(q, retrieval.Result{Query: query(q), Relevant: true, Lead: 1, Hits: []retrieval.Hit{{Passage: p}}})
	if strings.Contains(a.Text, "I cannot see") || !strings.Contains(a.Text, "headless mode") {
		t.Errorf("quoted %q", a.Text)
	}
}
