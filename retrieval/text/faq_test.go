package text

import "testing"

func TestFAQMarks(t *testing.T) {
	for s, want := range map[string][2]bool{
		"Q: Why is it slow?":        {true, false},
		"Q1. Why?":                  {true, false},
		"Question 2: what is it?":   {true, false},
		"A: Because.":               {false, true},
		"Answer: it is.":            {false, true},
		"Q. Zhang found the effect": {true, false}, // the mark alone; questionEnd tells it apart
		"QA: the team":              {false, false},
		"Quality matters.":          {false, false},
	} {
		if q, a := OpensFAQQuestion(s), OpensFAQAnswer(s); q != want[0] || a != want[1] {
			t.Errorf("%q: question %v answer %v, want %v %v", s, q, a, want[0], want[1])
		}
	}
	if got := WithoutFAQQuestionMark("Q2: What if I want it?"); got != "What if I want it?" {
		t.Errorf("WithoutFAQQuestionMark = %q", got)
	}
	for s, want := range map[string]int{"Q: Why? A: Because.": 7, "Q: Why?\nA: Because.": 7, "Q: Why? Because.": -1} {
		if got := FAQAnswerAt(s); got != want {
			t.Errorf("FAQAnswerAt(%q) = %d, want %d", s, got, want)
		}
	}
}
