// Package text is how citebot reads words: normalising quotes, dashes and
// white space, splitting text into words and sentences, stop words,
// stemming, what a question asks for (a kind of answer, a task, a
// definition, a name), and the word lists behind them (embedded files under
// words/). It knows nothing of corpora or indexes.
package text
