package lexical

import "testing"

// TestSameProject: an owner names a folder's project only where the
// repository after it is that project, but for a language's affixes and a
// major version.
func TestSameProject(t *testing.T) {
	for _, c := range []struct {
		repo, folder string
		want         bool
	}{
		{"retry-go", "retry-go", true},
		{"pq", "pq", true},
		{"go-openai", "openai", true},
		{"kafka-go", "kafka-go", true},
		{"pgx", "pgx", true},
		{"go-retry", "retry-go", false},
		{"node", "node-fetch", false},
		{"pgx-golog", "pgx", false},
		{"testify", "retry-go", false},
	} {
		if got := sameProject(c.repo, c.folder); got != c.want {
			t.Errorf("sameProject(%q, %q) = %v, want %v", c.repo, c.folder, got, c.want)
		}
	}
}
