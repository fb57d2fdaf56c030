package corpus

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// chunkHTML reads one HTML page and checks what holds for every format:
// each passage lies on existing lines, within Corpus.Lines of its Locator,
// and fits the size limit.
func chunkHTML(t *testing.T, name, src string) (*Corpus, Chunked) {
	t.Helper()
	c, err := Load(fstest.MapFS{name: {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	checkProvenance(t, c, ch)
	return c, ch
}

func checkProvenance(t *testing.T, c *Corpus, ch Chunked) {
	t.Helper()
	for _, p := range ch.Passages {
		got, ok := c.Lines(p.Source, p.LineStart, p.LineEnd)
		if !ok || !strings.Contains(got, p.Text) || strings.TrimSpace(p.Text) == "" {
			t.Errorf("%s: passage %q is not within lines %d–%d, which hold %q (exist: %v)", p.Source, p.Text, p.LineStart, p.LineEnd, got, ok)
		}
		if n := utf8.RuneCountInString(p.Text); n > MaxPassageChars {
			t.Errorf("%s: passage at lines %d–%d has %d characters", p.Source, p.LineStart, p.LineEnd, n)
		}
	}
}

// show writes a passage as "first-last #anchor [section] text".
func show(p Passage) string {
	s := fmt.Sprintf("%d-%d", p.LineStart, p.LineEnd)
	if p.Anchor != "" {
		s += " #" + p.Anchor
	}
	if p.Section != "" {
		s += " [" + p.Section + "]"
	}
	return s + " " + p.Text
}

func TestHTMLPassages(t *testing.T) {
	cases := []struct {
		name, src, title string
		want             []string
	}{
		{
			name: "the title comes from <title>, the head gives no text",
			src: "<!DOCTYPE html>\n<html><head>\n<title>Bee &amp; Wasp\n Guide</title>\n<meta charset=utf-8>\n" +
				"<link rel=stylesheet href=s.css>\n</head>\n<body>\n<p>Bees make honey.</p>\n</body></html>\n",
			title: "Bee & Wasp Guide",
			want:  []string{"9-9 Bees make honey."},
		},
		{
			name:  "a superscript reads as one: 2^32, not 232",
			src:   "<title>T</title>\n<p>Value is changed to 2<sup>32</sup> on 64-bit, x<sup> 2</sup>. Next<sup></sup> 1 note<sup>1</sup> ^ none.</p>\n",
			title: "T",
			want:  []string{"2-2 Value is changed to 2^32 on 64-bit, x 2. Next 1 note^1 ^ none."},
		},
		{
			name: "a manual page's options (groff's bold terms, alone or beside their text in a table's row) head their text, and a title in bold after them",
			src: "<title>T</title>\n<h2>OPTIONS</h2>\n<p style=\"margin-left:11%;\"><b>&minus;dir</b>\n<i>directory</i></p>\n<p style=\"margin-left:22%;\">Write the files to\n<i>directory</i>.</p>\n" +
				"<table width=\"100%\">\n<tr valign=\"top\">\n<td width=\"11%\"></td>\n<td width=\"6%\">\n<p><b>&minus;fix</b></p></td>\n<td width=\"78%\">\n<p>Enable error recovery.</p></td></tr>\n</table>\n" +
				"<p><b>Note</b></p>\n<p>Bold words after an option's title a section.</p>\n<p><b>More</b>\n<br>\nSo do ones running in.</p>\n",
			title: "T",
			want: []string{"2-6 [OPTIONS › −dir directory] OPTIONS\n−dir directory\nWrite the files to\ndirectory.",
				"11-13 [OPTIONS › −fix] −fix\nEnable error recovery.", "15-16 [OPTIONS › Note] Note\nBold words after an option's title a section.", "17-19 [OPTIONS › More] More\nSo do ones running in."},
		},
		{
			name: "a term with its description in one paragraph, a diff's lines and a comment's +1 head nothing; a bare bold cell heads its row; a heading ends the options",
			src: "<title>T</title>\n<h2>OPTIONS</h2>\n<p><b>-v</b> print every file name.</p>\n<p><b>-q</b> suppress all warnings.</p>\n" +
				"<table>\n<tr><td><b>-b</b></td><td>Brief output.</td></tr>\n</table>\n" +
				"<h2>Examples</h2>\n<p><b>-old_value = 1</b></p>\n<p><b>+1 for this</b></p>\n<p><b>Important</b></p>\n<p>Text.</p>\n",
			title: "T",
			want: []string{"2-4 [OPTIONS] OPTIONS\n-v print every file name.\n-q suppress all warnings.", "6-6 [OPTIONS › -b] -b\nBrief output.",
				"8-12 [Examples] Examples\n-old_value = 1\n+1 for this\nImportant\nText."},
		},
		{
			name:  "the metadata comment of the Go site gives a title",
			src:   "<!--{\n\t\"Title\": \"The Go Memory Model\"\n}-->\n\n<p>Text.</p>\n",
			title: "The Go Memory Model",
			want:  []string{"5-5 Text."},
		},
		{
			name:  "without a <title>, the first h1 is the title and no section",
			src:   "<h1>Hive Manual</h1>\n<p>Intro.</p>\n<h2>Feeding</h2>\n<p>Sugar water.</p>\n",
			title: "Hive Manual",
			want:  []string{"1-2 Hive Manual\nIntro.", "3-4 [Feeding] Feeding\nSugar water."},
		},
		{
			name: "headings make a section path, their ids the anchor of the passages below",
			src: "<title>T</title>\n<h2 id=\"setup\">Setup</h2>\n<p>Install it.</p>\n<h3 id='linux'>On <em>Linux</em></h3>\n" +
				"<p>Use apt.</p>\n<p>Or snap.</p>\n<h2>Use</h2>\n<p>Run it.</p>\n",
			title: "T",
			want: []string{"2-3 #setup [Setup] Setup\nInstall it.", "4-6 #linux [Setup › On Linux] On Linux\nUse apt.\nOr snap.",
				"7-8 #linux [Use] Use\nRun it."},
		},
		{
			name:  "a heading with nothing under it before the next: the passage's anchor is the nearer heading's",
			src:   "<title>T</title>\n<h2 id=\"init\">Initialization</h2>\n<h3 id=\"zero\">The zero value</h3>\n<p>Zero is the default.</p>\n",
			title: "T",
			want:  []string{"2-4 #zero [Initialization › The zero value] Initialization\nThe zero value\nZero is the default."},
		},
		{
			name: "the nearest element with an id, or an <a name>, above the text is its anchor",
			src: "<div id=\"top\">\n<p>First.</p>\n<p><a name=\"faq1\"></a>Why bees?</p>\n<p>Because.</p>\n" +
				"<section id=\"more\"><p>More <span id=\"in\">inside</span> text.</p>\n<p>Last.</p></section>\n</div>\n",
			want: []string{"2-2 #top First.", "3-4 #faq1 Why bees?\nBecause.", "5-5 #more More inside text.", "6-6 #in Last."},
		},
		{
			name: "an FAQ's question, a paragraph all in bold, heads its answer; bold within a paragraph heads nothing",
			src: "<title>FAQ</title>\n<h2>General</h2>\n<p><b>(1) How do I create an AUTOINCREMENT\nfield?</b></p>\n<p>Declare it <b>INTEGER PRIMARY KEY</b>.</p>\n" +
				"<p><b>(2) What datatypes does it support?</b></p>\n<p>Any. <b>Really?</b></p>\n<p><b>Not a question</b></p>\n<p>Text.</p>\n",
			title: "FAQ",
			want: []string{"2-5 [General › (1) How do I create an AUTOINCREMENT field?] General\n(1) How do I create an AUTOINCREMENT field?\nDeclare it INTEGER PRIMARY KEY.",
				"6-9 [General › (2) What datatypes does it support?] (2) What datatypes does it support?\nAny. Really?\nNot a question\nText."},
		},
		{
			name: "a list of links to places in the page is its table of contents when what it lists is read below; links with words of their own, or whose words are said nowhere else, are text",
			src: "<title>FAQ</title>\n<ol><li value='1'><a href=\"#q1\">How do I start?</a></li><li><a href=\"#q2\">Is it <b>safe</b>?</a></li>\n<li><a href=\"#q3\">Why?</a></li></ol>\n" +
				"<ul><li><a href=\"#a\">One</a></li><li><a href=\"#b\">Two</a> and more</li><li><a href=\"#c\">Three</a></li></ul>\n<p>How do I start? Is it safe? Why? Answers.</p>\n" +
				"<ol><li><a href=\"#s1\">Step one: install</a></li><li><a href=\"#s2\">Step two: run</a></li><li><a href=\"#s3\">Step three: stop</a></li></ol><p id=s1>x</p>\n",
			title: "FAQ",
			want:  []string{"4-4 - One\n- Two and more\n- Three", "5-5 How do I start? Is it safe? Why? Answers.", "6-6 1. Step one: install\n2. Step two: run\n3. Step three: stop", "6-6 #s1 x"},
		},
		{
			name: "the main content shows whatever its class; a sidebar does not, a layout that has one does",
			src: "<html class=\"light sidebar-visible\"><title>T</title>\n<div role=\"main\" class=\"withsidebar\"><p>Body text.</p></div>\n<div class=\"sphinxsidebar\"><p>Quick search</p></div>\n" +
				"<div class=\"has-sidebar\"><p>Shown too.</p></div>\n<div class=\"bd-sidebar-primary\"><p>Nav</p></div>\n",
			title: "T",
			want:  []string{"2-2 Body text.", "4-4 Shown too."},
		},
		{
			name: "Read the Docs' theme: the grid that leaves room for the navigation is the page; the navigation beside it is not",
			src: "<title>Restoring</title>\n<body class=\"wy-body-for-nav\"><div class=\"wy-grid-for-nav\">\n<nav class=\"wy-nav-side\"><ul><li><a href=\"a.html\">Installation</a></li></ul></nav>\n" +
				"<section class=\"wy-nav-content-wrap\"><div role=\"main\" class=\"document\"><div itemprop=\"articleBody\">\n<h1>Restoring from backup</h1>\n<p>Restore a snapshot with restic restore.</p>\n</div></div></section></div></body>\n",
			title: "Restoring",
			want:  []string{"5-6 Restoring from backup\nRestore a snapshot with restic restore."},
		},
		{
			name:  "a page whose every word a class would hide is read with classes saying nothing",
			src:   "<title>T</title>\n<div class=\"site-nav\">\n<p>The only text of the page.</p>\n</div>\n",
			title: "T",
			want:  []string{"3-3 The only text of the page."},
		},
		{
			name: "a sidebar of prose (DocBook's TIP box) is text; a sidebar of links, Publican's docnav list and the banner over the page are not",
			src: "<title>T</title>\n<p>With APT, packages are added.</p>\n<div class=\"sidebar\"><p><strong>TIP</strong></p><p>The packaging system refuses to reinstall a package; use the --reinstall option.</p></div>\n" +
				"<div class=\"sidebar\"><ul><li><a href=\"a.html\">Installing packages with the tools of the system</a></li><li><a href=\"b.html\">Removing packages</a></li></ul></div>" +
				"<div class=\"sidebar\"><ul><li>Home</li><li>Getting started</li><li>Configuration options</li><li>Command line reference</li></ul></div>\n" +
				"<ul class=\"docnav top\"><li><a href=\"a.html\">Prev</a></li><li><a href=\"b.html\">Next</a></li></ul><div id=\"banner\"><a href=\"/e\">Download the ebook</a></div>\n",
			title: "T",
			want:  []string{"2-2 With APT, packages are added.", "3-3 TIP", "3-3 The packaging system refuses to reinstall a package; use the --reinstall option."},
		},
		{
			name: "inline tags don't break words, <br> breaks the line",
			src:  "<p>foo<b>bar</b> is <i>one</i> word,<br>a new line<br/>and <a href=\"x\">a <code>link</code></a>.</p>\n",
			want: []string{"1-1 foobar is one word,\na new line\nand a link."},
		},
		{
			name: "the visible text keeps to the lines of the markup",
			src:  "<p>Bees\n   <em>make</em>\nhoney\n\nin hives.</p>\n",
			want: []string{"1-5 Bees\nmake\nhoney\nin hives."},
		},
		{
			name: "entities are decoded",
			src:  "<p>&lt;hive&gt; &amp; caf&eacute; &#8212; 5&nbsp;kg &#x263A; &copy; AT&T</p>\n",
			want: []string{"1-1 <hive> & café — 5 kg ☺ © AT&T"},
		},
		{
			name: "what is not shown gives no text",
			src: "<html><head><style>p { color: red }</style><script>var secret1 = 1;</script></head><body>\n" +
				"<header><p>secret2 banner</p></header>\n<nav><ul><li>secret3 menu</li></ul></nav>\n" +
				"<noscript>secret4</noscript><template><p>secret5</p></template>\n" +
				"<svg viewBox=\"0 0 1 1\"><title>secret6</title><text>secret7</text></svg>\n" +
				"<p>Shown <span hidden>secret8</span>text<span aria-hidden=\"true\">secret9</span>.</p>\n" +
				"<aside>secret10</aside><form><label>secret11</label><input value=secret12><button>secret13</button></form>\n" +
				"<div style=\"display: none\">secret14</div><div role=\"navigation\">secret15</div>\n" +
				"<p>More <img src=i.png alt=\"secret16\"> text.</p>\n<footer>secret17 &copy; 2024</footer>\n</body></html>\n",
			want: []string{"6-6 Shown text.", "9-9 More text."},
		},
		{
			name: "generated manuals' navigation, marked by class, gives no text",
			src: "<div class=\"navheader\"><table class=\"nav\"><tr><td><a href=\"p.html\">Prev</a></td><th>Manual</th></tr></table></div>\n" +
				"<div class=\"header\"><p>Next: <a href=\"t.html\">Types</a>, Up: <a href=\"u.html\">Using</a> [<a href=\"i.html\">Index</a>]</p></div>\n" +
				"<a class=\"skip-to-content\" href=\"#c\">Skip to content</a><div class=\"breadcrumbs\">Docs &raquo; Bees</div>\n" +
				"<p>Bees make honey.</p>\n<div class=\"toc\"><p>1. Bees</p></div><div class=\"page-header\"><p>Kept.</p></div>\n" +
				"<div class=\"navfooter\"><a href=\"n.html\">Next</a> | <a href=\"index.html\">Home</a></div>\n",
			want: []string{"4-4 Bees make honey.", "5-5 Kept."},
		},
		{
			name: "Doxygen's tooltips, obfuscated addresses, permalinks and member summaries give no text",
			src: "<table class=\"memberdecls\"><tr><td><a class=\"el\" href=\"#a1\">sftp_mkdir</a></td><td>Create a directory. <a href=\"#details\">More...</a></td></tr></table>\n" +
				"<p>Call <a class=\"code\" href=\"#a1\">sftp_mkdir</a> to make one.</p><div class=\"ttc\" id=\"a1\"><div class=\"ttdef\">Definition: sftp.c:2546</div></div>\n" +
				"<p>Write to statv<span class=\"obfuscator\">.nosp@m.</span>fs@openssh.com.</p><h2><span class=\"permalink\">&#9670;&#160;</span>sftp_mkdir()</h2>\n<p>It makes a directory.</p>\n",
			want: []string{"2-2 Call sftp_mkdir to make one.", "3-3 Write to statvfs@openssh.com.", "3-4 [sftp_mkdir()] sftp_mkdir()\nIt makes a directory."},
		},
		{
			name: "a heading keeps its brackets and loses its permalink's mark and source link",
			src: "<title>T</title>\n<h2>fs.watch(filename[, options][, listener])<span><a class=\"mark\" href=\"#w\" id=\"w\">#</a></span></h2>\n<p>Watch it.</p>\n" +
				"<h2 id=\"s\">Stream<a class=\"srclink\" href=\"https://x/s.js\">[src]</a><a class=\"headerlink\" href=\"#s\">¶</a></h2>\n<p>Flow.</p>\n<h2>Is it safe?</h2>\n<p>Yes.</p>\n",
			title: "T",
			want: []string{"2-3 #w [fs.watch(filename[, options][, listener])] fs.watch(filename[, options][, listener])\nWatch it.",
				"4-5 #s [Stream] Stream\nFlow.", "6-7 #s [Is it safe?] Is it safe?\nYes."},
		},
		{
			name: "one example in two flavours, two <code> in one <pre>, is two lines",
			src:  "<pre><code class=\"mjs\">import zlib from 'node:zlib';</code><code class=\"cjs\">const zlib = require('node:zlib');</code></pre>\n<pre>$ <code>ls</code> -l</pre>\n",
			want: []string{"1-1 import zlib from 'node:zlib';\nconst zlib = require('node:zlib');", "2-2 $ ls -l"},
		},
		{
			name: "unclosed paragraphs and list items end where a browser ends them",
			src:  "<p>One.\n<p>Kinds:\n<ul>\n<li>alpha\n<li>beta\n</ul>\n<p>Three.\n",
			want: []string{"1-1 One.", "2-5 Kinds:\n- alpha\n- beta", "7-7 Three."},
		},
		{
			name: "list items are shown with their marks, nested ones and further lines indented",
			src: "<ol>\n<li>Unpack\nthe archive.</li>\n<li>Build:<ul><li>make</li>\n<li>make install</li></ul></li>\n</ol>\n" +
				"<table><tr><td><ul><li>in a cell</li></ul></td></tr></table>\n",
			want: []string{"2-5 1. Unpack\n   the archive.\n2. Build:\n  - make\n  - make install", "7-7 in a cell"},
		},
		{
			name: "an <ol> numbers its items from its start; an item opening with a table or code marks neither",
			src:  "<ol start=\"3\"><li>three</li><li>four</li></ol>\n<ul><li><table><tr><td>x</td><td>y</td></tr></table></li></ul>\n<ul><li><pre>code</pre></li></ul>\n",
			want: []string{"1-1 3. three\n4. four", "2-2 x | y", "3-3 code"},
		},
		{
			name: "a definition list of code heads a section per term, nested ones below it; text after it is the page's section again",
			src: "<h2>Operations</h2>\n<dl class=\"py function\">\n<dt id=\"m.which\">m.which(cmd)<a class=\"headerlink\" href=\"#m.which\">¶</a></dt>\n<dd><p>Return the path.</p>\n" +
				"<dl class=\"py method\"><dt id=\"m.which.x\">x()</dt><dd><p>Nested.</p></dd></dl>\n</dd></dl>\n<p>After the list.</p>\n<dl><dt>term</dt><dd>plain</dd></dl>\n",
			want: []string{"1-4 #m.which [Operations › m.which(cmd)] Operations\nm.which(cmd)\nReturn the path.", "5-5 #m.which.x [Operations › m.which(cmd) › x()] x()\nNested.",
				"7-8 #m.which.x [Operations] After the list.\nterm\nplain"},
		},
		{
			name: "within the description of an object of code, a list whose terms are names heads a section per parameter; one of phrases does not",
			src: "<h2>API</h2>\n<dl class=\"py class\"><dt id=\"Env\">Env([options])</dt>\n<dd><p>Options:</p>\n<div><dl>\n<dt><cite>cache_size</cite></dt><dd><p>Per default this is 400.</p></dd>\n" +
				"<dt><cite>trim_blocks</cite></dt><dd><p>Defaults to False.</p></dd>\n</dl></div>\n<dl><dt>Plain words here</dt><dd><p>Text.</p></dd></dl>\n</dd></dl>\n",
			want: []string{"1-3 #Env [API › Env([options])] API\nEnv([options])\nOptions:", "5-5 #Env [API › Env([options]) › cache_size] cache_size\nPer default this is 400.",
				"6-6 #Env [API › Env([options]) › trim_blocks] trim_blocks\nDefaults to False.", "8-8 #Env [API › Env([options])] Plain words here\nText."},
		},
		{
			name: "a Sphinx field list (Parameters, Return type) within the description of an object of code is part of it, no section of its own",
			src: "<h2>Testing</h2>\n<dl class=\"py method\"><dt id=\"invoke\">invoke(cli)</dt>\n<dd><p>Invokes a command. This returns a Result object.</p>\n" +
				"<dl class=\"field-list simple\">\n<dt class=\"field-odd\">Parameters</dt>\n<dd class=\"field-odd\"><p><strong>cli</strong> – the command</p></dd>\n" +
				"<dt class=\"field-even\">Return type</dt>\n<dd class=\"field-even\"><p>Result</p></dd>\n</dl>\n</dd></dl>\n",
			want: []string{"1-8 #invoke [Testing › invoke(cli)] Testing\ninvoke(cli)\nInvokes a command. This returns a Result object.\nParameters\ncli – the command\nReturn type\nResult"},
		},
		{
			name: "a definition list whose terms are code (DocBook's settings), options or questions (an FAQ) heads a section per term; one of words does not",
			src: "<h2>Settings</h2>\n<dl class=\"variablelist\"><dt id=\"GUC-PORT\"><span class=\"term\"><code class=\"varname\">port</code> (integer)</span></dt>\n<dd><p>The port; 5432 by default.</p></dd>\n" +
				"<dt><span class=\"term\"><code class=\"varname\">work_mem</code> (integer)</span></dt>\n<dd><p>The default is 4MB.</p></dd></dl>\n" +
				"<h2>FAQ</h2>\n<dl><dt>How do I ignore changes to a file?</dt>\n<dd><p>Git can't.</p></dd></dl>\n" +
				"<h2>Options</h2>\n<dl><dt>-v, --verbose</dt>\n<dd><p>Say more.</p></dd></dl>\n<dl><dt>Drone</dt><dd>A male bee.</dd></dl>\n",
			want: []string{"1-3 #GUC-PORT [Settings › port (integer)] Settings\nport (integer)\nThe port; 5432 by default.", "4-5 #GUC-PORT [Settings › work_mem (integer)] work_mem (integer)\nThe default is 4MB.",
				"6-8 #GUC-PORT [FAQ › How do I ignore changes to a file?] FAQ\nHow do I ignore changes to a file?\nGit can't.",
				"9-11 #GUC-PORT [Options › -v, --verbose] Options\n-v, --verbose\nSay more.", "12-12 #GUC-PORT [Options] Drone\nA male bee."},
		},
		{
			name: "a manual page's definition list of options whose terms open on anchors and leave out their end tags (yodl's) heads a section per term",
			src: "<h2>Options</h2>\n<dl>\n<a name=\"OPTION_BACKLOG\"></a><p><dt><strong><strong><code>backlog=&lt;count&gt;</code></strong></strong><dd>\n   Sets the backlog. Default is 5.\n" +
				"<a name=\"OPTION_TIMEOUT\"></a><p><dt><strong><strong><code>accept-timeout=&lt;seconds&gt;</code></strong></strong><dd>\n   End waiting after seconds.\n</dl>\n",
			want: []string{"1-4 #OPTION_BACKLOG [Options › backlog=<count>] Options\nbacklog=<count>\nSets the backlog. Default is 5.",
				"5-6 #OPTION_TIMEOUT [Options › accept-timeout=<seconds>] accept-timeout=<seconds>\nEnd waiting after seconds."},
		},
		{
			name: "a <pre> block is kept whole, its lines and spaces as they are",
			src:  "<p>Code:</p>\n<pre>\nfunc main() {\n\tif x &lt; 1 {\n\n\t\tprint(<b>x</b>)\n\t}\n}\n</pre>\n<p>After.</p>\n",
			want: []string{"1-8 Code:\nfunc main() {\n\tif x < 1 {\n\n\t\tprint(x)\n\t}\n}", "10-10 After."},
		},
		{
			name: "a table is kept whole, a row on a line, cells separated",
			src: "<table>\n<caption>Hives</caption>\n<tr><th>Kind</th><th>Bees</th></tr>\n<tr>\n  <td>Langstroth</td>\n  <td>60,000</td>\n</tr>\n" +
				"<tr><td>Top bar</td><td></td><td>30,000</td></tr>\n</table>\n",
			want: []string{"2-8 Hives\nKind | Bees\nLangstroth | 60,000\nTop bar | 30,000"},
		},
		{
			name: "definition lists keep terms with their descriptions",
			src:  "<dl>\n<dt>Drone</dt><dd>A male bee.</dd>\n<dt>Queen</dt>\n<dd>The mother.</dd>\n</dl>\n",
			want: []string{"2-4 Drone\nA male bee.\nQueen\nThe mother."},
		},
		{
			name: "a page of headings alone still gives passages",
			src:  "<h2>Only a heading</h2>\n",
			want: []string{"1-1 Only a heading"},
		},
		{
			name: "mdBook: a heading that is a link to itself keeps its text; the menu bar, popups and hidden parts give none",
			src: "<title>T</title>\n<div id=\"mdbook-help-container\"><div id=\"mdbook-help-popup\"><h2 class=\"mdbook-help-title\">Keyboard shortcuts</h2><p>Press S to search</p></div></div>\n" +
				"<div id=\"mdbook-menu-bar\" class=\"menu-bar sticky\"><h1 class=\"menu-title\">The rustc book</h1></div>\n<div class=\"hidden\"><p>Search results</p></div>\n" +
				"<h1 id=\"jobserver\"><a class=\"header\" href=\"#jobserver\">Jobserver</a></h1>\n<p>rustc uses a jobserver.</p>\n" +
				"<h2 id=\"gnu-make\"><a class=\"header\" href=\"#gnu-make\">GNU Make</a></h2>\n<p>Make 4.3 works.</p>\n" +
				"<p id=\"chunk\"><b class=\"header\">chunk</b><code>_.chunk(array, length)</code> splits an array.</p>\n",
			title: "T",
			want: []string{"5-6 #jobserver Jobserver\nrustc uses a jobserver.",
				"7-9 #gnu-make [GNU Make] GNU Make\nMake 4.3 works.\nchunk_.chunk(array, length) splits an array."},
		},
		{
			name: "markup that never closes its tags is read to the end",
			src:  "<div><p>Open <b>bold <i>italic\n<h2 id=h>Heading\n<p>Body text",
			want: []string{"1-1 Open bold italic", "2-3 #h [Heading] Heading\nBody text"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, ch := chunkHTML(t, "page.html", tc.src)
			var got []string
			for _, p := range ch.Passages {
				got = append(got, show(p))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n---\n"), strings.Join(tc.want, "\n---\n"))
			}
			wantTitle := tc.title
			if wantTitle == "" {
				wantTitle = "page"
			}
			if ch.Documents[0].Title != wantTitle {
				t.Errorf("title %q, want %q", ch.Documents[0].Title, wantTitle)
			}
		})
	}
}

func TestHTMLLongBlocksSplitBetweenUnits(t *testing.T) {
	row := func(i int) string {
		return fmt.Sprintf("<tr><td>row %d</td><td>%s</td></tr>\n", i, strings.Repeat("pollen ", 20))
	}
	var table, pre strings.Builder
	table.WriteString("<table>\n")
	pre.WriteString("<pre>\n")
	for i := range 30 {
		table.WriteString(row(i))
		fmt.Fprintf(&pre, "line %d %s\n", i, strings.Repeat("x", 60))
	}
	table.WriteString("</table>\n")
	pre.WriteString("</pre>\n")
	for _, tc := range []struct{ name, src, unit string }{
		{"table rows", table.String(), `^row \d+ \| (pollen ?)+$`},
		{"pre lines", pre.String(), `^line \d+ x+$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ch := chunkHTML(t, "long.html", tc.src)
			if len(ch.Passages) < 2 {
				t.Fatalf("%d passages, want the block split", len(ch.Passages))
			}
			unit := regexp.MustCompile(tc.unit)
			n := 0
			for _, p := range ch.Passages {
				for _, l := range strings.Split(p.Text, "\n") {
					if !unit.MatchString(l) {
						t.Errorf("passage at %d–%d has a piece of a unit: %q", p.LineStart, p.LineEnd, l)
					}
					n++
				}
			}
			if n != 30 {
				t.Errorf("%d units in the passages, want 30", n)
			}
		})
	}
}

func TestHTMLLinesAreTheVisibleText(t *testing.T) {
	src := "<title>T</title>\n<p>The <b>queen</b>\nlays eggs.</p><p>Drones &amp; workers.</p>\n<script>x()</script>\n"
	c, err := Load(fstest.MapFS{"bees.htm": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		start, end int
		want       string
		ok         bool
	}{
		{2, 3, "The queen\nlays eggs.\nDrones & workers.", true},
		{2, 2, "The queen", true},
		{3, 3, "lays eggs.\nDrones & workers.", true},
		{4, 4, "", true},
		{1, 5, "The queen\nlays eggs.\nDrones & workers.", true},
		{4, 6, "", false},
		{0, 1, "", false},
	} {
		t.Run(fmt.Sprint(tc.start, "-", tc.end), func(t *testing.T) {
			got, ok := c.Lines("bees.htm", tc.start, tc.end)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Lines = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestHTMLWithoutVisibleTextIsSkipped(t *testing.T) {
	c, err := Load(fstest.MapFS{
		"a.txt":      {Data: []byte("Text.\n")},
		"empty.html": {Data: []byte("<html><head><title>T</title><script>x()</script></head><body>\n</body></html>\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 1 || len(c.Skipped) != 1 || c.Skipped[0].Reason != "no visible text" || c.Skipped[0].Problem {
		t.Errorf("documents %d, skipped %+v", len(c.Documents), c.Skipped)
	}
}

// The Go distribution's own HTML documentation (testdata/README.md).
func loadGoDocs(t *testing.T) (*Corpus, Chunked) {
	t.Helper()
	c, err := LoadDir("testdata/html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	checkProvenance(t, c, ch)
	return c, ch
}

func TestGoDocsTitlesSectionsAnchors(t *testing.T) {
	_, ch := loadGoDocs(t)
	titles := map[string]string{}
	for _, d := range ch.Documents {
		titles[d.Source] = d.Title
	}
	if titles["go_mem.html"] != "The Go Memory Model" || titles["asm.html"] != "A Quick Guide to Go's Assembler" {
		t.Errorf("titles %q", titles)
	}
	for _, tc := range []struct {
		source, words, section, anchor string
		start                          int
	}{
		{"go_mem.html", "The happens before relation is defined as the transitive closure", "Memory Model", "model", 153},
		{"go_mem.html", "A send on a channel is synchronized before the completion", "Synchronization › Channel communication", "chan", 373},
		{"go_mem.html", "Don't be clever.", "Introduction › Advice", "advice", 41},
		{"asm.html", "The FUNCDATA and PCDATA directives contain information", "", "introduction", 90},
		{"asm.html", "The TEXT directive declares the symbol runtime·profileloop", "Directives", "directives", 301},
	} {
		t.Run(tc.words, func(t *testing.T) {
			p, ok := find(ch.Passages, tc.source, tc.words)
			if !ok {
				t.Fatalf("no passage of %s holds %q", tc.source, tc.words)
			}
			if p.Section != tc.section || p.Anchor != tc.anchor || tc.start > 0 && (p.LineStart > tc.start || p.LineEnd < tc.start) {
				t.Errorf("got %s [%s] #%s, want line %d in it, [%s] #%s", p.Locator, p.Section, p.Anchor, tc.start, tc.section, tc.anchor)
			}
		})
	}
}

func find(ps []Passage, source, words string) (Passage, bool) {
	for _, p := range ps {
		if p.Source == source && strings.Contains(strings.Join(strings.Fields(p.Text), " "), words) {
			return p, true
		}
	}
	return Passage{}, false
}

// itemMark matches the mark a list item's first line is shown with.
var itemMark = regexp.MustCompile(`(?m)^ *(?:- |\d+\. )`)

// tag matches a tag of markup (not a "<" in code: "i < m").
var tag = regexp.MustCompile(`</?[a-zA-Z!][^>]*>`)

// TestGoDocsProvenanceIsExact checks that the lines of markup a passage
// cites hold its words: tags removed and entities decoded, every word of
// the passage is on those lines, in order.
func TestGoDocsProvenanceIsExact(t *testing.T) {
	c, ch := loadGoDocs(t)
	n := 0
	for _, p := range ch.Passages {
		src := sourceText(c, p.Source)
		lines := strings.Split(src, "\n")
		cited := html.UnescapeString(tag.ReplaceAllString(strings.Join(lines[p.LineStart-1:p.LineEnd], "\n"), ""))
		rest := cited
		// A list item's mark ("- ", "2. ") is shown, not written in the markup.
		shown := itemMark.ReplaceAllString(p.Text, "")
		for _, w := range strings.Fields(shown) {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s: word %q of the passage is not on its lines (in order):\n%s", p.Locator, w, cited)
				break
			}
			rest = rest[i+len(w):]
		}
		// The first and last lines cited hold text of the passage.
		for _, l := range []int{p.LineStart, p.LineEnd} {
			if !strings.ContainsFunc(html.UnescapeString(tag.ReplaceAllString(lines[l-1], "")), func(r rune) bool { return r > ' ' }) {
				t.Errorf("%s: cited line %d holds no text", p.Locator, l)
			}
		}
		if p.Anchor != "" && !strings.Contains(src, `id="`+p.Anchor+`"`) {
			t.Errorf("%s: anchor %q is no id of the page", p.Locator, p.Anchor)
		}
		n++
	}
	if n < 90 {
		t.Errorf("only %d passages", n)
	}
}

func TestGoDocsVisibleTextOnly(t *testing.T) {
	_, ch := loadGoDocs(t)
	for _, p := range ch.Passages {
		for _, bad := range []string{"font-style", "p.rule", "<code>", "</", "&lt;", "&amp;", `"Path"`} {
			if strings.Contains(p.Text, bad) {
				t.Errorf("%s holds %q: %q", p.Locator, bad, p.Text)
			}
		}
	}
	// Entities decoded, and a <pre> block whole with its tabs.
	want := "func f() {\n\ta = \"hello, world\"\n\tc <- 0\n}"
	p, ok := find(ch.Passages, "go_mem.html", "a = \"hello, world\" c <- 0")
	if !ok || !strings.Contains(p.Text, want) {
		t.Fatalf("no passage holds the <pre> block %q; found %q", want, p.Text)
	}
	if p.LineStart > 380 || p.LineEnd < 393 {
		t.Errorf("the <pre> block at lines 380–393 is cited as %s", p.Locator)
	}
}

// Each line of an HTML passage's visible text says which lines of the
// markup hold it, so that an excerpt of a few lines cites those lines, not
// the passage's first lines counted down (a page's tags part lines the
// visible text joins, and the reverse).
func TestGoDocsExcerptLinesAreExact(t *testing.T) {
	c, ch := loadGoDocs(t)
	n := 0
	for _, p := range ch.Passages {
		src := sourceText(c, p.Source)
		lines := strings.Split(src, "\n")
		off := 0
		for i, l := range strings.Split(p.Text, "\n") {
			first, last, ok := p.LinesOf(off, off+len(l))
			off += len(l) + 1
			if !ok || first < p.LineStart || last > p.LineEnd || first > last {
				t.Fatalf("%s: line %d of the text cites lines %d–%d", p.Locator, i, first, last)
			}
			cited := html.UnescapeString(tag.ReplaceAllString(strings.Join(lines[first-1:last], "\n"), ""))
			for _, w := range strings.Fields(itemMark.ReplaceAllString(l, "")) {
				if !strings.Contains(cited, w) {
					t.Errorf("%s: word %q of text line %d is not on lines %d–%d: %q", p.Locator, w, i, first, last, cited)
					break
				}
			}
			n++
		}
	}
	if n < 500 {
		t.Errorf("only %d lines checked", n)
	}
}

// sourceText returns the text of c's document at source.
func sourceText(c *Corpus, source string) string {
	for _, d := range c.Documents {
		if d.Source == source {
			return d.Text
		}
	}
	return ""
}

// An Org file's passages are its export's text, under its headings, each
// at the lines it comes from.
func TestOrgPassages(t *testing.T) {
	c, ch := chunkHTML(t, "zutty/USAGE.org", "#+TITLE: Zutty user guide\n#+OPTIONS: num:nil\n\n* Installation\n** Build it\n\nRun this:\n: ./waf build\n\n* Options\n\nRun it with =-fg= to set the colour.\n")
	if c.Documents[0].Kind != "org" {
		t.Fatalf("kind %q, want org", c.Documents[0].Kind)
	}
	var got []string
	for _, p := range ch.Passages {
		got = append(got, show(p))
	}
	// As reStructuredText's, its headings show as Markdown's.
	want := []string{"4-8 [Installation › Build it] ## Installation\n### Build it\n\nRun this:\n````\n./waf build\n````",
		"10-12 [Options] ## Options\n\nRun it with =-fg= to set the colour."}
	if !slices.Equal(got, want) {
		t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n---\n"), strings.Join(want, "\n---\n"))
	}
	if ch.Documents[0].Title != "Zutty user guide" {
		t.Errorf("title %q", ch.Documents[0].Title)
	}
}

// Letters that grow when lower-cased ("Ⱥ") before a list's end tag do
// not break the look-ahead for a table of contents.
func TestHTMLListOfGrowingLetters(t *testing.T) {
	src := "<ul>ȺȺȺȺȺȺ</ul>\n<ol><li><a href=\"#x\">ȺȺȺ</a></li></ol>\n"
	c, err := Load(fstest.MapFS{"a.html": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 1 {
		t.Fatalf("%d documents", len(c.Documents))
	}
}
