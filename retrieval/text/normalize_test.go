package text

import "testing"

func TestQuestionForm(t *testing.T) {
	for q, want := range map[string]string{
		"whats pigz":              "what's pigz",
		"Whats the default port?": "What's the default port?",
		"what’s lzop":             "what's lzop",
		"whos behind bunrouter":   "who's behind bunrouter",
		"what is pigz":            "what is pigz",
		"whatsapp export":         "whatsapp export",
		"wats lzip":               "what's lzip",
		"whatre the defaults":     "what are the defaults",
	} {
		if got := QuestionForm(q); got != want {
			t.Errorf("QuestionForm(%q) = %q, want %q", q, got, want)
		}
	}
	if !IsDefinition(QuestionForm("whats pigz")) {
		t.Error(`"whats pigz" is no definition question`)
	}
}
