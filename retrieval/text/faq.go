package text

import "regexp"

// A plain-text FAQ marks its entries: a question with "Q:", "Q1." or
// "Question 2:", its answer with "A:", "A1." or "Answer:". The chunker
// keeps an entry together under its question; the extractive answer reads
// the question as asking, not answering.
const questionMark = `(?:Q[.:)]|Q\d+[.:)]|Question(?: \d+)?:)(?:\s|$)`

var (
	faqQuestion     = regexp.MustCompile(`^\s*` + questionMark)
	faqQuestionLine = regexp.MustCompile(`(?m)^\s*` + questionMark)
	faqAnswer       = regexp.MustCompile(`^\s*(?:A[.:)]|A\d+[.:)]|Answer:)(?:\s|$)`)
	faqAnswerWithin = regexp.MustCompile(`\s(?:A[.:)]|A\d+[.:)]|Answer:)(?:\s|$)`)
)

// OpensFAQQuestion reports whether s opens on an FAQ question's mark.
func OpensFAQQuestion(s string) bool { return faqQuestion.MatchString(s) }

// MarksFAQQuestions reports whether a line of s opens on an FAQ
// question's mark.
func MarksFAQQuestions(s string) bool { return faqQuestionLine.MatchString(s) }

// OpensFAQAnswer reports whether s opens on an FAQ answer's mark.
func OpensFAQAnswer(s string) bool { return faqAnswer.MatchString(s) }

// WithoutFAQQuestionMark returns s without the question's mark it opens
// on ("Q2: What if …" → "What if …"), or s.
func WithoutFAQQuestionMark(s string) string {
	if loc := faqQuestion.FindStringIndex(s); loc != nil {
		return s[loc[1]:]
	}
	return s
}

// FAQAnswerAt returns where an answer's mark stands in s after its first
// character, on the line or a later one ("Q: Why? A: Because."), with the
// white space before it; -1 when none does.
func FAQAnswerAt(s string) int {
	if loc := faqAnswerWithin.FindStringIndex(s); loc != nil {
		return loc[0]
	}
	return -1
}
