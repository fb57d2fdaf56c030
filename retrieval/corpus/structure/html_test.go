package structure

import "testing"

// A paragraph is an FAQ's question when all of it is bold and ends in "?";
// bold words the paragraph goes on after, a block within them, or a
// closing tag of another element ("</br>", "</body>") are no question.
func TestBoldQuestion(t *testing.T) {
	for markup, want := range map[string]bool{
		"<b>(1) How do I create an AUTOINCREMENT\nfield?</b></p>": true,
		" <STRONG>Is it <code>safe</code>?</STRONG>\n</p>":        true,
		"<b>Not a question</b></p>":                               false,
		"<b>Why?</b> Because.</p>":                                false,
		"<b>Why? <div>x</div></b></p>":                            false,
		"<b>What?</br></b></p>":                                   false,
		"<b>Unclosed?":                                            false,
		"<b>":                                                     false,
		"":                                                        false,
		"<b></b></p>":                                             false,
	} {
		if got := boldQuestion(markup); got != want {
			t.Errorf("boldQuestion(%q) = %v, want %v", markup, got, want)
		}
	}
}
