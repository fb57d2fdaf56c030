package eval

import "testing"

func TestHasEvidence(t *testing.T) {
	tests := []struct {
		name, s  string
		evidence []string
		want     bool
	}{
		{"as written", "Install it with go get.", []string{"install it with"}, true},
		{"white space and quotes folded", "it’s  set\nto 5", []string{"it's set to 5"}, true},
		{"reStructuredText literal rendered", "you also have to install its dependency, `jq`.", []string{"install its dependency, ``jq``"}, true},
		{"reStructuredText link rendered", "See the [jq installation instructions](https://stedolan.github.io/jq/download/).",
			[]string{"`jq installation instructions <https://stedolan.github.io/jq/download/>`_"}, true},
		{"HTML entity", "Tom & Jerry", []string{"Tom &amp; Jerry"}, true},
		{"one of several", "the default is 30 seconds", []string{"nothing here", "30 seconds"}, true},
		{"words out of order", "the default is 30 seconds", []string{"seconds 30"}, false},
		{"word missing", "the default is 30 seconds", []string{"default is 30 minutes"}, false},
		{"markup only", "a `b` c", []string{"``"}, false},
		{"plain evidence as written only", "pass --no-cache to skip it", []string{"--cache"}, false},
		{"operators are not markup", "when x >= 3", []string{"x <= 3"}, false},
		{"none", "text", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasEvidence(tt.s, tt.evidence...); got != tt.want {
				t.Errorf("HasEvidence(%q, %q) = %v, want %v", tt.s, tt.evidence, got, tt.want)
			}
		})
	}
}
