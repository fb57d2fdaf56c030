package structure

import (
	"strings"
	"testing"
)

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

// A paragraph is an option's term when it opens in bold on a dash, a minus
// sign or a plus and is a short line, no sentence.
func TestBoldOption(t *testing.T) {
	for markup, want := range map[string]bool{
		"<b>&minus;dir</b>\n<i>directory</i></p>":       true,
		"<b>-q</b>, <b>--quiet</b></p>":                 true,
		"<STRONG>+x</STRONG></p>":                       true,
		"<b>Note</b></p>":                               false,
		"<b>-</b> a dash</p>":                           false,
		"<b>-v</b> prints more. It helps.</p>":          false,
		"<b>-v</b><div>x</div></p>":                     false,
		"<b>-v</b> " + strings.Repeat("x", 90) + "</p>": false,
		"-v</p>": false,
		"<b>-v":  false,
	} {
		if got := boldOption(markup); got != want {
			t.Errorf("boldOption(%q) = %v, want %v", markup, got, want)
		}
	}
}
