package text

import (
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"
)

// QuestionLanguage returns the language a question is written in when it
// is not English: "de", "fr" or "es", read from its function words that
// no English text uses ("wie stell ich bei watch …", "où mettre un
// programme qui ne vient pas de debian"); "" for English, or a language
// its words don't tell. A community asks in its own language, and a
// question's own function words ("wer", "qui") are then no terms to
// search, nor names its passage must hold.
func QuestionLanguage(question string) string {
	best, most := "", 0
	words := Words(question)
	shouted := shoutedIn(question)
	for _, lang := range []string{"de", "fr", "es"} {
		seen := make(map[string]bool)
		for _, w := range words {
			if telling()[lang][w] && !shouted[w] {
				seen[w] = true
			}
		}
		n := len(seen)
		if len(words) > 0 && foreignAsks[words[0]] == lang && !IsEnglishWord(words[0]) {
			n++ // a question word opening it says as much: "wer hat info entworfen"
		}
		if n > most {
			best, most = lang, n
		}
	}
	if most < minLanguageWords {
		return ""
	}
	return best
}

// foreignAsks are the question words of each language, which open its
// questions.
var foreignAsks = map[string]string{"wer": "de", "wie": "de", "wann": "de", "warum": "de", "wieso": "de", "welche": "de", "welcher": "de", "welches": "de", "wo": "de",
	"qui": "fr", "quand": "fr", "comment": "fr", "pourquoi": "fr", "combien": "fr", "quel": "fr", "quelle": "fr", "quels": "fr", "quelles": "fr", "où": "fr", "est-ce": "fr",
	"cómo": "es", "cuándo": "es", "cuál": "es", "quién": "es", "qué": "es", "cuántos": "es", "cuántas": "es", "cuánto": "es", "dónde": "es"}

// shoutedIn returns the words a question writes in capitals only
// ("DER", "ES", "EST", "OU"): acronyms, not function words.
func shoutedIn(question string) map[string]bool {
	out := make(map[string]bool)
	lower := make(map[string]bool)
	for _, w := range strings.FieldsFunc(question, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) > 1 && strings.ToUpper(w) == w {
			out[strings.ToLower(w)] = true
		} else {
			lower[strings.ToLower(w)] = true
		}
	}
	for w := range lower {
		delete(out, w)
	}
	return out
}

// minLanguageWords is how many function words of a language a question
// must hold to be read as written in it: one may be a name or a word
// English borrows ("die", "de", "la").
const minLanguageWords = 2

// IsStopWordIn reports whether w is a function word of lang ("de", "fr",
// "es"): an article, a pronoun, a preposition, an auxiliary, a question
// word.
func IsStopWordIn(lang, w string) bool {
	w = strings.ToLower(w)
	switch lang {
	case "fr":
		return french.IsStopWord(w) || frenchExtra[w] || telling()["fr"][w]
	case "es":
		return spanish.IsStopWord(w) || telling()["es"][w]
	case "de":
		return germanStops()[w]
	}
	return false
}

// frenchExtra are French function words and question words the snowball
// list leaves out, with their forms written without accents as chat
// writes them.
var frenchExtra = map[string]bool{"comment": true, "pourquoi": true, "quand": true, "combien": true, "quel": true, "quelle": true,
	"quels": true, "quelles": true, "ou": true, "où": true, "est-ce": true, "peut": true, "peux": true, "faut": true, "dois": true,
	"doit": true, "puis": true, "puis-je": true, "ete": true, "etre": true, "deja": true, "tres": true, "ca": true, "ça": true}

// telling lists, per language, function words no English text uses: what
// tells a question's language.
var telling = sync.OnceValue(func() map[string]map[string]bool {
	set := func(s string) map[string]bool {
		m := make(map[string]bool)
		for _, w := range strings.Fields(s) {
			m[w] = true
		}
		return m
	}
	return map[string]map[string]bool{
		"de": set("ich du er sie wir ihr mich mir dich dir uns euch sich ist sind bist wird werden wurde wurden kann kannst können muss muß müssen soll sollte " +
			"und oder aber nicht kein keine keinen einen einem einer eines dem wie wo wer wann warum wieso weshalb welche welcher welches " +
			"bei für fuer über ueber auf nach vom zum zur beim ins durch gegen ohne zwischen unter wenn dass auch noch nur schon doch gibt habe haben mein meine dieser diese dieses"),
		"fr": set("je tu elle nous vous ils elles aux où sont suis être ete été avoir ont que qui quoi quand " +
			"pourquoi combien quel quelle quels quelles dans avec sur pas n'est c'est cette ces mes tes leur leurs " +
			"peut peux faut dois doit puis-je est-ce lui mettre faire fait"),
		"es": set("yo tú él ella nosotros ellos ellas una unos unas soy estoy está esta este esto estos que qué cómo como cuándo cuando " +
			"cuál cual cuáles cuántos cuántas quién quien sus puedo puede pueden debo debe hacer hace"),
	}
})

// germanStops are German function words: telling()'s and those English
// shares ("die", "in", "was", "man", "mit", "der", "des").
var germanStops = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for w := range telling()["de"] {
		m[w] = true
	}
	for _, w := range strings.Fields("die in am an so was da als zu ja nein denn dann sehr mehr viel viele alle alles etwas ob es bin den hat man mit um im " +
		"der das des ein eine aus von mir dir") {
		m[w] = true
	}
	return m
})
