package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/retrieval/retrievaltest"
)

// realdocs2 is a pipeline over testdata/realdocs2: 23 READMEs of 22
// projects, several alike.
func realdocs2(t *testing.T) *bot.Pipeline {
	t.Helper()
	_, ix := retrievaltest.Build(t, os.DirFS(filepath.Join("..", "testdata", "realdocs2", "corpus")))
	p, err := bot.NewPipeline(ix, bot.Options{TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A conversation stays with the project it is about until a question
// names another, whether or not a question reads as a follow-up: "can
// entries expire?" is about golang-lru, and so is "what's its license"
// after it (golang-lru's README states none: another project's licence is
// no answer). A question naming another project moves the conversation,
// unless it refers back ("can it compress pdf files?" of zstd is no
// question about the pdf library) without asking of a project by its
// folder's name ("… in zstd?").
func TestConversationStaysWithItsProject(t *testing.T) {
	c := realdocs2(t).NewConversation()
	for _, turn := range []struct {
		question string
		source   string // "" for a decline; ending in "?", that source or a decline
		about    string // what Conversation.About says
	}{
		{"what is golang-lru?", "golang-lru/README.md", ""},
		{"can entries expire?", "golang-lru/README.md", "golang-lru"},
		{"what's its license", "", "golang-lru"},
		{"how do i install go-spew?", "go-spew/README.md", ""},
		{"and its license?", "go-spew/README.md", "go-spew"},
		// A word naming other documents, in a question that refers back,
		// leaves the conversation where it was.
		{"how do i install zstd?", "zstd/README.md?", ""}, // its README's one install line ("build and install zstd [vcpkg]…") sits at the threshold
		{"can it compress pdf files?", "zstd/README.md?", "zstd"},
		{"how do I install it?", "zstd/README.md", "zstd"},
		// A name of its own moves it, a common word though the project's is.
		{"how do I install GNU make?", "make/README.txt", ""},
		// A project asked of by its folder's name ("in zstd") moves it,
		// "it" or not; "it" then stands for that project.
		{"is the format of it standardized in zstd?", "zstd/README.md?", ""},
		{"how do I install it?", "zstd/README.md", "zstd"},
	} {
		a, _, err := c.Ask(t.Context(), turn.question, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.About(); got != turn.about {
			t.Errorf("%q: about %q, want %q", turn.question, got, turn.about)
		}
		source, either := strings.CutSuffix(turn.source, "?")
		switch {
		case either && !a.Declined && a.Citations[0].Source != source:
			t.Errorf("%q: cited %v, want %s or a decline", turn.question, a.Citations, source)
		case either:
		case source == "" && !a.Declined:
			t.Errorf("%q: answered %q, want a decline", turn.question, a.Text)
		case source != "" && (a.Declined || a.Citations[0].Source != source):
			t.Errorf("%q: declined %v, citations %v, want %s", turn.question, a.Declined, a.Citations, turn.source)
		}
	}
}

// A follow-up is answered from its own words: a passage holding only the
// words carried from earlier questions answers one of those again ("what
// about in 2026?" with the figure for 2025).
func TestFollowUpNeedsItsOwnWords(t *testing.T) {
	c := pipeline(t).NewConversation()
	for _, q := range []string{"How many people were killed in Pakistan in the first nine months of 2025?", "who warned about that?"} {
		if a, _, err := c.Ask(t.Context(), q, nil); err != nil || a.Declined {
			t.Fatalf("%q: declined %v, %v", q, a.Declined, err)
		}
	}
	a, _, err := c.Ask(t.Context(), "what about in 2026?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Declined || strings.Contains(a.Text, "2,414") {
		t.Errorf("answered %q, want a decline", a.Text)
	}
}
