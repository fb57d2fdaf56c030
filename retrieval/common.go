package retrieval

import "strings"

// commonWords are frequent English words that say little about a topic.
// A question word the corpus lacks counts for little when it is one of these
// ("why does Kabul back the TTP": "back" is a paraphrase, not a new topic),
// and for a lot when it is not ("capital of France": France is the topic).
var commonWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`
about above across act actually add affect after again against ago agree ahead
allow almost alone along already although always among amount another answer
anyone anything anyway appear apply area around ask asked away back bad based
basically become becoming began begin behind believe best better big bit both
bring brought build built call called came cannot care carry case cause certain
change changed choose claim clear close come comes coming consider continue
could course create current currently deal decide describe despite detail did
different do does doing done down during each early easy effect either else
end enough entire especially even ever every example explain face fact fail
fall far feel felt few find first follow following form found full get gets
getting give given go goes going gone good got great group grow happen happened
happening hard help helps high hold how however idea important include including
indeed instead involve issue keep kind know known large last late later lead
least leave less let level like likely little live lives living long look lot
low made main major make makes making many matter mean means meant might more
most move much must need needs never new next nothing now number often old
once one open order other others out over overall own part particular people
person place play point possible put quite rather real really reason recent
regard regarding related result right role run said same saw say says see seem
seen set several should show shows side since small so some someone something
sometimes soon sort specific start state still stop such sure take taken takes
talk tell term than thing things think though through thus time today together
took toward towards true try turn under understand until upon use used uses
using usually very view want wanted way ways well went what whatever whether
which while whole why wide win won work works world worse worst would wrong
year years yes yet`) {
		m[w] = true
	}
	return m
}()
