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
fall far feel felt few find first follow following form full get gets
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
year years yes yet
wrote written took taken gave saw went gone came made told knew thought felt kept held brought bought began
begun ran lost met paid sent spent stood understood led heard meant became chose chosen fell grew grown drew
ability able absolutely accept access according account achieve acknowledge actual address admit adult advice afford afraid age agency agent ago allowed alongside amid amount analysis animal announce annual anybody apart apparently approach appropriate approve area argue arm arrive article aspect assume attempt attend attention available average avoid aware bar base basic basis bear beat beautiful bed beginning belong benefit beside beyond bill billion black blood blue board body book born box boy break bright brother budget building burn business buy car card career carry catch central century chair chance character charge check child children choice citizen city class clearly coach cold collection college color come common community company compare complete concern condition conference contain content control cost count country couple cover create crime cultural culture cup current customer cut dark data daughter dead death decade decision deep degree describe design despite determine develop development die difference difficult dinner direction director discover discuss disease doctor dog door draw drawn dream drink drive drop due early east easy eat edge education effort eight election else employee energy enjoy ensure enter environment especially establish evening event everybody everyone everything evidence exactly exist expect experience expert explain eye face factor fail fall family far fast father fear feeling field fight figure fill film final finally financial find fine finger finish fire firm fish five floor fly focus food foot forget former forward four free friend front fund future game garden gas general generation girl glass goal green ground growth guess gun guy hair half hand handle hang happy hard hardest head health hear heart heat heavy hit hold home hope horse hospital hot hotel hour house huge human hundred hurt identify image imagine impact improve increase indicate individual industry information inside instead institution interest interview investment involve item job join key kill kid kitchen knowledge land language large later laugh law lawyer lay learn leave left leg legal less letter lie life light likely line list listen little live local long lose loss lot love low machine magazine maintain major manage manager market marriage material may maybe measure media medical meet meeting member memory mention message method middle million mind minute miss mission model modern moment money month morning mother mouth movement movie music name nation natural nature near nearly necessary network news newspaper nice night nine none nor north note notice officer official oil ok okay operation opportunity option organization outside owner page pain paper parent particularly partner party pass past patient pattern pay peace per perform perhaps period phone physical pick picture piece plan plant player pm police policy political poor popular population position positive possible pressure pretty prevent price private probably problem process produce product production professional professor program project property protect prove provide public purpose push quality question quickly quite race radio raise range rate reach read ready reality realize receive recently recognize record red reduce reflect region relate relationship religious remain remember remove report represent require research resource respond response rest return reveal rich rise risk road rock room rule safe save scene school science score sea season seat second section security seek sell send senior sense series serious serve service seven several shake share shoot short shot shoulder sign significant similar simple simply sing single sister sit site situation six size skill skin social society soldier son song sound source south space speak special spend sport spring staff stage stand standard star statement station stay step stock story strategy street strong structure student study stuff style subject succeed success suddenly suffer suggest summer support surface system table talk task tax teach teacher team technology television ten test thank theory third thousand threat three throw tonight total tough town trade traditional training travel treat treatment tree trial trip trouble truth tv two type unit until usually value various victim visit voice vote wait walk wall war watch water weapon wear week weight west white wife window wish woman wonder word worker worry write writer yard yeah young yourself zero
`) {
		m[w] = true
	}
	return m
}()

// isCommon reports whether a word, or its stem, is a frequent English word.
func isCommon(word, stem string) bool { return commonWords[word] || commonWords[stem] }
