package eval

import (
	"reflect"
	"testing"
)

func TestThresholdsDeclineWhatFallsBelow(t *testing.T) {
	cases := []CaseResult{
		{Answerable: true, Confidence: 0.9, judged: true},               // right, kept throughout
		{Answerable: true, Confidence: 0.55, judged: true, Wrong: true}, // wrong, gone from 0.6
		{Answerable: true, Confidence: 0.3, Declined: true},             // declined anyway
		{Answerable: true, Confidence: 0.7},                             // answered, no evidence to judge by
		{Answerable: false, Confidence: 0.62, judged: true, Wrong: true},
		{Answerable: false, Confidence: 0.2, Declined: true},
		{Answerable: false, invalid: true}, // neither answered nor declined
	}
	got := thresholds(cases, 0.5)
	if len(got) != 6 || got[0].MinConfidence != 0.55 || got[5].MinConfidence != 0.8 {
		t.Fatalf("thresholds %v, want 0.55 to 0.8 in steps of 0.05", got)
	}
	want := Threshold{MinConfidence: 0.6, Answered: 2, WrongAnswers: 1, WrongAnswerRate: 0.5, AnsweredShare: 0.5, DeclineAccuracy: 1.0 / 3}
	if !reflect.DeepEqual(got[1], want) {
		t.Errorf("at 0.6: %+v, want %+v", got[1], want)
	}
	want = Threshold{MinConfidence: 0.75, Answered: 1, AnsweredShare: 0.25, DeclineAccuracy: 2.0 / 3}
	if !reflect.DeepEqual(got[4], want) {
		t.Errorf("at 0.75: %+v, want %+v", got[4], want)
	}
	if thresholds(cases, 0) != nil {
		t.Error("rows without a threshold to start from")
	}
}

// A problem names where the evidence ranked, and says a rank of 0 is none
// in the ranking searched, not the first place.
func TestRankText(t *testing.T) {
	for rank, want := range map[int]string{0: "not in the top 10", 4: "at rank 4"} {
		if got := rankText(rank); got != want {
			t.Errorf("rankText(%d) = %q, want %q", rank, got, want)
		}
	}
}
