package text

import (
	"regexp"
	"testing"
)

// TestPhrasesMatchAsTheirPattern checks Phrases against the pattern each
// list stands for, on sentences that probe the word boundaries and case.
func TestPhrasesMatchAsTheirPattern(t *testing.T) {
	sentences := []string{
		"", "none", "One", "one_two", "one-two", "phone", "éone", "Most users", "almost", "x86", "a_1",
		"the MAJORITY of", "Twice a day", "tenth", "ten.", "(five)", "forty-two", "halfway", "half-way",
		"It failed Because of the disk.", "due  to", "due to", "overdue to", "In Order To", "recommended",
		"Recommendation", "unrecommended", "the needs to", "needed_to", "He ought", "ought2", "since1990",
	}
	for _, c := range []struct {
		phrases Phrases
		pattern string
	}{
		{countingWords, `(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|majority|minority|most|few|several|percent|once|twice)\b`},
		{NewPhrases("because", "reason", "reasons", "due to", "in order to", "since"), `(?i)\b(because|reasons?|due to|in order to|since)\b`},
		{NewPhrases("need to", "needs to", "needed to", "ought", "recommend*"), `(?i)\b(need(s|ed)? to|ought|recommend\w*)\b`},
		{Phrases{}, `$^x`},
	} {
		re := regexp.MustCompile(c.pattern)
		for _, s := range sentences {
			if got, want := c.phrases.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("%v.MatchString(%q) = %v, the pattern %v", c.phrases.literal, s, got, want)
			}
		}
	}
}

// TestPrefiltersKeepThePatterns checks the tests run before issueRef and
// hyphenNumber: whatever those patterns match, the tests let through.
func TestPrefiltersKeepThePatterns(t *testing.T) {
	for _, s := range []string{
		"See GH-12 and #6369 (CVE-2024-1234).", "ISO-8859-1", "UTF-8 only", "a - 3", "x--9", "end-",
		"GHSA-x4jg-abcd-1234-ef", "gh-pages", "cve-2020-1", "no digits here at all", "#", "x-1-",
	} {
		if issueRef.MatchString(s) && !mayReferIssue(s) {
			t.Errorf("mayReferIssue(%q) = false, but issueRef matches", s)
		}
		if hyphenNumber.MatchString(s) && !hyphenDigit(s) {
			t.Errorf("hyphenDigit(%q) = false, but hyphenNumber matches", s)
		}
	}
}

// TestNewPhrasesRefusesWhatItCannotMatch: an empty phrase, one with upper
// case or edged by a sign ("c++") would not match as its pattern does.
func TestNewPhrasesRefusesWhatItCannotMatch(t *testing.T) {
	for _, bad := range []string{"", "*", "Because", "c++", " due to", "x-"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewPhrases(%q) did not panic", bad)
				}
			}()
			NewPhrases(bad)
		}()
	}
}
