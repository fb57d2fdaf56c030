package structure

import (
	"slices"
	"strings"
	"testing"
)

// A MyST page (the Markdown of Sphinx sites) reads as it renders, each
// line of its text after the line of the page it shows: a directive reads
// as its reStructuredText twin does, a role shows its text, and targets,
// comments and directives of nothing to read show nothing.
func TestScanMySTRendersThePage(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want []string
	}{
		{
			name: "admonitions and version notes are labelled prose, not code",
			doc:  "# Caching\n\n```{versionadded} 6.0\n\n```\n\nText.\n\n```{caution}\nThe layout may change.\n```\n",
			want: []string{"1|# Caching", "2|", "3|New in version 6.0:", "4|", "7|Text.", "8|", "9|Caution:", "10|The layout may change."},
		},
		{
			name: "Docusaurus and VitePress containers are labelled prose; a colon run of other text is text",
			doc:  ":::tip\n\nUse `--fix`.\n\n:::\n\n::: warning Deprecated\nThe `--ext` flag is deprecated.\n:::\n\n:::note[Heads up]\nRead this.\n:::\n\n::: wat\n",
			want: []string{"1|Tip:", "2|", "3|Use `--fix`.", "4|", "7|Warning: Deprecated", "8|The `--ext` flag is deprecated.", "9|", "11|Note: Heads up", "12|Read this.", "13|", "15|::: wat"},
		},
		{
			name: "a code-block directive is a fenced code block; its options show nothing",
			doc:  "Run:\n\n```{code-block} console\n:caption: run\n\n$ pip cache dir\n```\n",
			want: []string{"1|Run:", "2|", "3|```console", "5|", "6|$ pip cache dir", "7|```"},
		},
		{
			name: "a tab is its label over its content, a fence inside it code",
			doc:  "````{tab} Linux\n```\n~/.cache/pip\n```\n````\n",
			want: []string{"1|Linux:", "2|```", "3|~/.cache/pip", "4|```"},
		},
		{
			name: "roles show their text; targets and comments show nothing; a toctree nothing",
			doc: "(wheel-caching)=\n% a comment\n## Wheels\n\nSee {ref}`local installs <Installing from local packages>` and {pep}`517`, {option}`--user`.\n\n" +
				"```{toctree}\n:maxdepth: 1\n\ncaching\n```\n\nEnd.\n",
			want: []string{"3|## Wheels", "4|", "5|See local installs and PEP 517, `--user`.", "6|", "13|End."},
		},
		{
			name: "a code span that ends in braces is code, no role over the text after it",
			doc:  "# W\n\nIt uses `arm` as the `{arch}`. Until that is fixed, install `widget` from source; see {ref}`builds`.\n",
			want: []string{"1|# W", "2|", "3|It uses `arm` as the `{arch}`. Until that is fixed, install `widget` from source; see builds."},
		},
		{
			name: "a colon fence opens a directive; a plain code fence keeps its roles as written",
			doc:  ":::{note}\nUse {ref}`caching`.\n:::\n\n```\n{ref}`kept`\n```\n",
			want: []string{"1|Note:", "2|Use caching.", "3|", "5|```", "6|{ref}`kept`", "7|```"},
		},
		{
			name: "HTML comments show nothing (Node.js's history blocks), in code they are code",
			doc:  "<!--introduced_in=v0.10.0-->\n## fs.readFile(path)\n<!-- YAML\nadded: v0.1.29\n-->\n\nReads the file. <!-- x -->\n\n```html\n<!-- kept -->\n```\n",
			want: []string{"2|## fs.readFile(path)", "3|", "7|Reads the file. <!-- x -->", "8|", "9|```html", "10|<!-- kept -->", "11|```"},
		},
		{
			name: "an empty comment closes where it opens; a % line in indented code is code",
			doc:  "<!-- badges -->\n# Title\n\n    % make\n\n<!-->\n\nInstall it.\n",
			want: []string{"2|# Title", "3|", "4|    % make", "5|", "8|Install it."},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !IsRendered(c.doc) {
				t.Fatalf("not read as MyST")
			}
			if got := rendered(ScanMyST(c.doc)); !slices.Equal(got, c.want) {
				t.Errorf("rendered\n  %q\nwant\n  %q", got, c.want)
			}
		})
	}
	for _, doc := range []string{"# Plain\n\n```go\nx := 1\n```\n", "Use `{x}` in a template.\n", "A {b} and (c) = d.\n", "Ratio 1:::2 and ::: notes\n"} {
		if IsRendered(doc) {
			t.Errorf("%q read as MyST", doc)
		}
	}
}

// An MDX page reads as it renders: its imports and exports show nothing,
// its components' tags are bare tags, its containers are labelled.
func TestScanMDX(t *testing.T) {
	doc := "---\ntitle: Install\n---\n\nimport Tabs from '@theme/Tabs';\nexport const x = 1;\n\n# Install\n\n<Tabs>\n<TabItem value=\"npm\">\n\nRun `npm i tool`.\n\n</TabItem>\n</Tabs>\n\n:::tip\nUse the latest release.\n:::\n\n```js\nimport x from 'y';\n```\n"
	d := ScanMDX(doc)
	for _, bad := range []string{"import Tabs", "export const", ":::"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("rendered text holds %q:\n%s", bad, d.Text)
		}
	}
	for _, want := range []string{"Run `npm i tool`.", "Tip:", "import x from 'y';"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("rendered text lacks %q:\n%s", want, d.Text)
		}
	}
	if d.Title() != "Install" {
		t.Errorf("title %q, want Install", d.Title())
	}
}

// An MkDocs admonition renders as its label and title over its content,
// which is text, not indented code; a fenced block within it is code; the
// content ends at the first line less indented. A VitePress code group
// shows its blocks and nothing of its own.
func TestMkDocsAdmonitionsAndCodeGroups(t *testing.T) {
	doc := "# Sockets\n\n!!! warning \"Docker Support\"\n\n    Socket activation is not supported by Docker.\n\n    ```yaml\n    sockets: true\n    ```\n\n" +
		"??? tip\n    Collapsed by default.\n\nAfter it.\n\n    real indented code\n\n::: code-group\n```sh [npm]\nnpm i tool\n```\n:::\n"
	if !IsRendered(doc) {
		t.Fatal("a page with MkDocs admonitions is read as written")
	}
	d := ScanMyST(doc)
	for _, want := range []string{"\nWarning: Docker Support\n", "\nSocket activation is not supported by Docker.\n", "\n```yaml\nsockets: true\n```\n",
		"\nTip:\nCollapsed by default.\n", "\nAfter it.\n", "\n    real indented code\n", "```sh [npm]\nnpm i tool\n```"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("rendered text lacks %q:\n%s", want, d.Text)
		}
	}
	for _, bad := range []string{"!!!", "???", ":::", "code-group"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("rendered text holds %q:\n%s", bad, d.Text)
		}
	}
	var code []string
	for _, b := range d.Blocks {
		if b.Kind == Code {
			code = append(code, d.Text[d.Lines[b.First].Start:d.Lines[b.Last].End])
		}
	}
	if slices.ContainsFunc(code, func(c string) bool { return strings.Contains(c, "Socket activation") }) {
		t.Errorf("the admonition's text is read as code: %q", code)
	}
}
