// Command trainconf fits citebot's answer confidence: a logistic model of
// the probability that the top passage of a search answers the question,
// over retrieval.Features, trained on the development evaluation sets. It
// writes the model as JSON (retrieval/confidence.json, embedded in the
// binary). Same data, same weights: the fit is deterministic.
//
//	go generate ./retrieval   (runs: go run ../cmd/trainconf -out confidence.json)
//
// With -sentences it fits the extractive answer's sentence model instead
// (bot/sentence.json): which sentence of a passage holding the evidence
// to quote (see sentences.go).
//
//	go generate ./bot         (runs: go run ../cmd/trainconf -sentences -out sentence.json)
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/citebot/citebot/bot/eval"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/seeds"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "trainconf:", err)
		os.Exit(1)
	}
}

// example is one question's features and whether answering from its top
// passage is right.
type example struct {
	set          int
	question     int // index of the question in its set
	x            []float64
	says         []string  // see retrieval.Candidate.Says
	ofProject    bool      // see retrieval.Candidate.OfProject
	otherRelease bool      // see retrieval.Candidate.OtherRelease
	held, need   int       // see retrieval.Candidate.Held
	source       string    // its document
	local        []float64 // see retrieval.Candidate.Local
	right        bool
}

// set is a development set: a corpus and questions about it.
type set struct {
	name   string
	squad  bool
	corpus func() (*corpus.Corpus, error)
	cases  []caseLabel
	// sentenceCases are its questions for the sentence model.
	sentenceCases []sentenceCase
}

// caseLabel is a question with the test that says whether a passage
// answers it.
type caseLabel struct {
	question string
	answers  func(p corpus.Passage) bool // nil: unanswerable
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("trainconf", flag.ContinueOnError)
	suitePath := fs.String("suite", "../testdata/eval-suite.yaml", "the evaluation suite")
	only := fs.String("sets", "seed,realdocs,realdocs3-go,realdocs3-deb,realdocs5,realdocs9,realdocs10,realdocs12,realdocs14,realdocs15,squad2,haystack", "the suite's sets to train on (never the check sets realdocs-heldout, realdocs2, realdocs4, realdocs6, realdocs7, realdocs8, realdocs11, realdocs13, realdocs16, realdocs17, realdocs18, realdocs19, realdocs20, realdocs21, realdocs22, realdocs23, realdocs24, realdocs25, realdocs26, realdocs27, realdocs28, realdocs29, realdocs30 and haystack-check)")
	squadWeight := fs.Float64("squad-weight", 0.3, "the weight of SQuAD sets in the confidence fit, against 1 for each other set "+
		"(Wikipedia with questions written to trick a reader, unlike the documentation citebot is for)")
	halfSets := fs.String("half-sets", "realdocs3-go,realdocs3-deb", "sets that weigh half in the confidence fit: the two files of one set (realdocs3) weigh as one set")
	outPath := fs.String("out", "", "where to write the model (default: standard output)")
	sentences := fs.Bool("sentences", false, "fit the extractive answer's sentence model (bot/sentence.json) instead, on -sentence-sets")
	sentenceSets := fs.String("sentence-sets", "seed,realdocs,realdocs3-go,realdocs3-deb,realdocs5,realdocs9,realdocs10,realdocs12,realdocs14,realdocs15,squad2", "the suite's sets to fit the sentence model on")
	sentenceSquad := fs.Float64("sentence-squad-weight", 1, "the weight of SQuAD sets in the sentence model's fit, against 1 for each other set")
	cv := fs.String("cv", "", "instead of fitting a model, measure the ranker out of set: each of -sets left out in turn, and these check sets (comma-separated)")
	dropFeatures := fs.String("drop", "", "with -cv, features to zero first (comma-separated), to measure what they add")
	confL2 := fs.Float64("conf-l2", l2, "the L2 shrinkage of the confidence fit, on standardised features")
	cvConf := fs.Bool("cv-conf", false, "instead of fitting a model, measure the confidence out of set: each of -sets left out in turn")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cv != "" {
		train, err := devSets(*suitePath, strings.Split(*only, ","))
		if err != nil {
			return err
		}
		check, err := devSets(*suitePath, strings.Split(*cv, ","))
		if err != nil {
			return err
		}
		var drop []string
		if *dropFeatures != "" {
			drop = strings.Split(*dropFeatures, ",")
		}
		return crossCheck(ctx, train, check, drop, out)
	}
	if *confL2 <= 0 {
		return fmt.Errorf("-conf-l2 %g: the shrinkage must be positive (it keeps the fit's Hessian invertible)", *confL2)
	}
	if *cvConf {
		train, err := devSets(*suitePath, strings.Split(*only, ","))
		if err != nil {
			return err
		}
		return crossCheckConfidence(ctx, train, setWeights(train, *squadWeight, *halfSets), *confL2, out)
	}
	if *sentences {
		*only = *sentenceSets
	}
	sets, err := devSets(*suitePath, strings.Split(*only, ","))
	if err != nil {
		return err
	}
	if *sentences {
		m, err := trainSentences(ctx, sets, *sentenceSquad, os.Stderr)
		if err != nil {
			return err
		}
		return writeJSON(m, *outPath, out)
	}
	var data []example
	for i, s := range sets {
		ex, err := examples(ctx, i, s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(os.Stderr, "%s: %d candidate passages, %d answer their question\n", s.name, len(ex), countRight(ex))
		data = append(data, ex...)
	}
	names := make([]string, len(sets))
	for i, s := range sets {
		names[i] = s.name
	}
	weights := setWeights(sets, *squadWeight, *halfSets)
	m := retrieval.NeutralModel()
	m.Rank = fitRanker(data, len(sets))
	tops := topCandidates(m, data)
	m.Weights, m.Bias = fitConfidence(tops, len(sets), weights, *confL2)
	m.Trained = "ranker: pairwise logistic; confidence: logistic over the top candidates; sets: " +
		strings.Join(names, ", ") + fmt.Sprintf(" (weighted equally; in the confidence, SQuAD sets at %g and %s at 0.5)", *squadWeight, *halfSets)
	if *confL2 != l2 {
		m.Trained += fmt.Sprintf("; confidence L2 %g", *confL2)
	}
	report(os.Stderr, m, tops, names)
	return writeJSON(m, *outPath, out)
}

// setWeights returns each set's weight in the confidence fit: 1, SQuAD
// sets squadWeight, the sets named in halfSets (comma-separated) 0.5.
func setWeights(sets []set, squadWeight float64, halfSets string) []float64 {
	halves := strings.Split(halfSets, ",")
	weights := make([]float64, len(sets))
	for i, s := range sets {
		weights[i] = 1
		if s.squad {
			weights[i] = squadWeight
		}
		if slices.Contains(halves, s.name) {
			weights[i] = 0.5
		}
	}
	return weights
}

// writeJSON writes a model as indented JSON to the file path, or to out
// when path is "".
func writeJSON(m any, path string, out io.Writer) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "" {
		_, err = out.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// devSets reads the named sets of the suite whose corpora are here; a
// set that isn't (the haystack, built by a script) is skipped with a line.
func devSets(suitePath string, names []string) ([]set, error) {
	suite, err := eval.LoadSuite(suitePath)
	if err != nil {
		return nil, err
	}
	var sets []set
	for _, ss := range suite.Sets {
		if !slices.Contains(names, ss.Name) {
			continue
		}
		if why := ss.Unavailable(); why != "" {
			fmt.Fprintf(os.Stderr, "%s: skipped: %s\n", ss.Name, why)
			continue
		}
		cases, sq, err := eval.Load(ss.Eval)
		if err != nil {
			return nil, err
		}
		s := set{name: ss.Name, cases: labels(cases), sentenceCases: sentenceCases(cases)}
		switch ss.Kind() {
		case eval.KindSeeds:
			s.corpus = func() (*corpus.Corpus, error) { return corpus.Load(seeds.FS()) }
		case eval.KindSQuAD:
			s.squad = true
			fsys := fstest.MapFS{}
			for name, body := range sq.Files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			s.corpus = func() (*corpus.Corpus, error) { return corpus.Load(fsys) }
		default:
			dir := ss.Corpus
			s.corpus = func() (*corpus.Corpus, error) { return corpus.LoadDir(dir, corpus.Options{}) }
		}
		sets = append(sets, s)
	}
	return sets, nil
}

// labels turns evaluation cases into questions with the test of a
// passage that answers: it holds one of the evidence strings.
func labels(cases []eval.Case) []caseLabel {
	var out []caseLabel
	for _, c := range cases {
		if strings.TrimSpace(c.Question) == "" || c.Answerable == nil {
			continue
		}
		cl := caseLabel{question: c.Question}
		if *c.Answerable {
			if len(c.Evidence) == 0 {
				continue // nothing to judge a passage by
			}
			ev := c.Evidence
			cl.answers = func(p corpus.Passage) bool { return eval.HasEvidence(p.Text, ev...) }
		}
		out = append(out, cl)
	}
	return out
}

func examples(ctx context.Context, i int, s set) ([]example, error) {
	c, err := s.corpus()
	if err != nil {
		return nil, err
	}
	// Features don't depend on the model, but the index needs one.
	neutral := retrieval.NeutralModel()
	ix, err := retrieval.BuildWithGate(ctx, c, retrieval.LocalEmbedderFactory(retrieval.DefaultLocalDims),
		retrieval.Gate{MinConfidence: 0.5, Model: neutral})
	if err != nil {
		return nil, err
	}
	var out []example
	for qi, cl := range s.cases {
		cands, err := ix.Candidates(ctx, cl.question)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			right := cl.answers != nil && cl.answers(c.Passage)
			out = append(out, example{set: i, question: qi, x: c.Features.Vector(), says: c.Says, ofProject: c.OfProject, otherRelease: c.OtherRelease, held: c.Held, need: c.Need, source: c.Passage.Source, local: c.Local.Vector(), right: right})
		}
	}
	return out, nil
}

func countRight(ex []example) int {
	n := 0
	for _, e := range ex {
		if e.right {
			n++
		}
	}
	return n
}

// Fit parameters: each set weighs as much as any other, each question of
// a set as much as any other; weights on standardised features are shrunk
// by L2 (the bias is not). The logistic fits are solved by Newton's method
// to their optimum (the loss is convex), so that the same data always give
// the same weights and a small change of the data a small change of them;
// the sentence model's softmax fit by gradient descent, which converges in
// its iterations (measured: 30,000 change no weight by 1e-4).
const (
	iterations = 3000
	rate       = 0.5
	l2         = 1e-3
	newtonMax  = 100  // Newton steps at most
	newtonTol  = 1e-9 // a step no weight moves more than this ends the fit
)

// question is one question's candidates.
type question struct {
	set   int
	cands []example
}

// byQuestion groups the examples by question, in their order.
func byQuestion(ex []example) []question {
	var out []question
	for i, e := range ex {
		if i == 0 || e.set != ex[i-1].set || e.question != ex[i-1].question {
			out = append(out, question{set: e.set})
		}
		out[len(out)-1].cands = append(out[len(out)-1].cands, e)
	}
	return out
}

// sample is one row of a logistic fit: features, label, weight.
type sample struct {
	x []float64
	y float64
	w float64
}

// logistic fits weights (and a bias when withBias) minimising the weighted
// logistic loss of samples, in raw feature units.
func logistic(samples []sample, withBias bool, l2 float64) ([]float64, float64) {
	mean, std, total := moments(samples, withBias)
	w, b := newton(samples, mean, std, total, withBias, l2)
	out := make([]float64, len(w))
	for j := range w {
		out[j] = round(w[j] / std[j])
		b -= w[j] * mean[j] / std[j]
	}
	return out, round(b)
}

// moments returns the weighted mean of each feature of samples (0 without
// a bias: pairwise differences are not centred), its standard deviation
// (1 for a constant feature) and the samples' total weight: how logistic
// standardises them.
func moments(samples []sample, withBias bool) (mean, std []float64, total float64) {
	d := len(samples[0].x)
	mean, std = make([]float64, d), make([]float64, d)
	for _, s := range samples {
		total += s.w
		for j, x := range s.x {
			mean[j] += s.w * x
		}
	}
	for j := range mean {
		mean[j] /= total
		if !withBias {
			mean[j] = 0
		}
	}
	for _, s := range samples {
		for j, x := range s.x {
			std[j] += s.w * (x - mean[j]) * (x - mean[j]) / total
		}
	}
	for j := range std {
		std[j] = math.Sqrt(std[j])
		if std[j] < 1e-9 {
			std[j] = 1
		}
	}
	return mean, std, total
}

// newton minimises the mean weighted logistic loss of samples, on the
// features standardised by mean and std, plus l2/2 times the squared
// weights (not the bias, fitted when withBias), by Newton's method with
// step halving: a step that raises the loss is halved.
func newton(samples []sample, mean, std []float64, total float64, withBias bool, l2 float64) ([]float64, float64) {
	d := len(mean)
	n := d // parameters: the weights, then the bias when fitted
	if withBias {
		n++
	}
	theta := make([]float64, n)
	z := make([]float64, n)
	loss := func(t []float64) float64 {
		var l float64
		for _, s := range samples {
			m := standardise(z, s.x, mean, std, withBias)
			z := dot(t, m, nil)
			l += s.w * (softplus(z) - s.y*z)
		}
		l /= total
		for j := range d {
			l += l2 / 2 * t[j] * t[j]
		}
		return l
	}
	cur := loss(theta)
	grad := make([]float64, n)
	hess := make([][]float64, n)
	for i := range hess {
		hess[i] = make([]float64, n)
	}
	next := make([]float64, n)
	for range newtonMax {
		clear(grad)
		for i := range hess {
			clear(hess[i])
		}
		for _, s := range samples {
			m := standardise(z, s.x, mean, std, withBias)
			p := 1 / (1 + math.Exp(-dot(theta, m, nil)))
			g, h := s.w*(p-s.y)/total, s.w*p*(1-p)/total
			for i, mi := range m {
				grad[i] += g * mi
				if mi == 0 {
					continue
				}
				for j := i; j < n; j++ {
					hess[i][j] += h * mi * m[j]
				}
			}
		}
		for i := range n {
			for j := range i {
				hess[i][j] = hess[j][i]
			}
			if i < d {
				grad[i] += l2 * theta[i]
				hess[i][i] += l2
			}
		}
		step, ok := solve(hess, grad)
		// With L2 the Hessian is positive definite; rounding may still
		// leave it short of that on nearly collinear features: a ridge,
		// growing until it is, makes the step a damped one.
		for ridge := 1e-10; !ok && ridge < 1e3; ridge *= 10 {
			for i := range n {
				hess[i][i] += ridge
			}
			step, ok = solve(hess, grad)
		}
		if !ok {
			break // no step can be taken: theta is where descent stopped
		}
		moved := 0.0
		for f := 1.0; f > 1e-6; f /= 2 {
			for i := range n {
				next[i] = theta[i] - f*step[i]
			}
			if l := loss(next); l <= cur {
				cur = l
				for i := range n {
					moved = max(moved, math.Abs(next[i]-theta[i]))
				}
				copy(theta, next)
				break
			}
		}
		if moved < newtonTol {
			break
		}
	}
	if withBias {
		return theta[:d], theta[d]
	}
	return theta, 0
}

// standardise writes x standardised by mean and std into z (then a 1 for
// the bias when withBias) and returns it.
func standardise(z, x, mean, std []float64, withBias bool) []float64 {
	for j, v := range x {
		z[j] = (v - mean[j]) / std[j]
	}
	if withBias {
		z[len(x)] = 1
	}
	return z
}

// softplus is log(1+e^x), without overflow.
func softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}

// solve returns x with a·x = b for a symmetric positive definite a, by
// Cholesky decomposition; false when a is not positive definite.
func solve(a [][]float64, b []float64) ([]float64, bool) {
	n := len(b)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
		for j := 0; j <= i; j++ {
			s := a[i][j]
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				if s <= 0 {
					return nil, false
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	y := make([]float64, n)
	for i := range n {
		s := b[i]
		for k := range i {
			s -= l[i][k] * y[k]
		}
		y[i] = s / l[i][i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= l[k][i] * x[k]
		}
		x[i] = s / l[i][i]
	}
	return x, true
}

// dot is the score weights w give features x, over the features keep
// allows (all when keep is nil): the ranker's score, as retrieval's
// Model.Score and Model.LexicalScore compute it from Features.
func dot(w, x []float64, keep func(j int) bool) float64 {
	z := 0.0
	for j, v := range x {
		if keep == nil || keep(j) {
			z += w[j] * v
		}
	}
	return z
}

func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// questionWeights returns, per question, the weight that makes each set weigh
// the same in total.
func questionWeights(qs []question, sets int, counts func(question) bool) []float64 {
	n := make([]float64, sets)
	for _, q := range qs {
		if counts(q) {
			n[q.set]++
		}
	}
	w := make([]float64, len(qs))
	for i, q := range qs {
		if counts(q) {
			w[i] = 1 / n[q.set]
		}
	}
	return w
}

// fitRanker fits the ranker: answering candidates of a question should
// score above the others (pairwise logistic loss on feature differences).
func fitRanker(ex []example, sets int) []float64 {
	qs := byQuestion(ex)
	mixed := func(q question) bool {
		right, wrong := false, false
		for _, c := range q.cands {
			right = right || c.right
			wrong = wrong || !c.right
		}
		return right && wrong
	}
	qw := questionWeights(qs, sets, mixed)
	var samples []sample
	for i, q := range qs {
		if qw[i] == 0 {
			continue
		}
		var right, wrong []example
		for _, c := range q.cands {
			if c.right {
				right = append(right, c)
			} else {
				wrong = append(wrong, c)
			}
		}
		w := qw[i] / float64(len(right)*len(wrong))
		for _, r := range right {
			for _, o := range wrong {
				diff := make([]float64, len(r.x))
				for j := range diff {
					diff[j] = r.x[j] - o.x[j]
				}
				samples = append(samples, sample{x: diff, y: 1, w: w})
			}
		}
	}
	// Pairs only ever say "first above second": mirror them so the loss
	// has both labels and no bias is needed.
	n := len(samples)
	for _, s := range samples[:n] {
		neg := make([]float64, len(s.x))
		for j, x := range s.x {
			neg[j] = -x
		}
		samples = append(samples, sample{x: neg, y: 0, w: s.w})
	}
	w, _ := logistic(samples, false, l2)
	return w
}

// top is a question's best candidate by the ranker.
type top struct {
	set   int
	x     []float64 // features, then the margin over the next candidate
	right bool      // it answers
	some  bool      // some candidate answers
}

// topCandidates returns each question's best candidate under m's ranker.
func topCandidates(m retrieval.Model, ex []example) []top {
	names := retrieval.FeatureNames()
	rivalDocs, coverage := slices.Index(names, "rival_docs"), slices.Index(names, "coverage")
	var out []top
	for _, q := range byQuestion(ex) {
		type sc struct {
			e example
			s float64
		}
		ss := make([]sc, len(q.cands))
		some := false
		for i, c := range q.cands {
			ss[i] = sc{c, dot(m.Rank, c.x, nil)}
			some = some || c.right
		}
		slices.SortStableFunc(ss, func(a, b sc) int { return cmp.Compare(b.s, a.s) })
		// As retrieval ranks them and computes the margin: the passages
		// of the projects the question names first, the top one's lead
		// on the words alone (vector features are not the confidence's).
		ss = retrieval.ReleaseFirst(ss, func(c sc) bool { return c.e.otherRelease })
		ss, rivals := retrieval.ProjectFirst(ss, func(c sc) bool { return c.e.ofProject })
		lexical := func(j int) bool { return !retrieval.VectorFeature(names[j]) }
		leads := make([]float64, rivals)
		says := make([][]string, rivals)
		for i, o := range ss[:rivals] {
			says[i] = o.e.says
			if i == 0 {
				continue
			}
			// A rival of the top's own document is measured also as in
			// that document alone, the larger lead kept (retrieval's
			// Index.leads).
			leads[i] = dot(m.Rank, ss[0].e.x, lexical) - dot(m.Rank, o.e.x, lexical)
			if o.e.source == ss[0].e.source {
				leads[i] = max(leads[i], dot(m.Rank, ss[0].e.local, lexical)-dot(m.Rank, o.e.local, lexical))
			}
		}
		margin := retrieval.Margin(leads, says, ss[0].e.held, ss[0].e.need)
		x := slices.Clone(ss[0].e.x)
		sources := make([]string, len(ss))
		for i, o := range ss {
			if i == 0 || o.e.x[coverage] > 0 {
				sources[i] = o.e.source // one holding no word of the question is no rival
			}
		}
		x[rivalDocs] = retrieval.RivalDocs(sources)
		for j := range x {
			if !retrieval.ConfidenceFeature(names[j]) {
				x[j] = 0
			}
		}
		out = append(out, top{set: q.set, x: append(x, margin), right: ss[0].e.right, some: some})
	}
	return out
}

// fitConfidence fits the probability that the top candidate answers,
// each set weighing setWeight.
func fitConfidence(tops []top, sets int, setWeight []float64, l2 float64) ([]float64, float64) {
	n := make([]float64, sets)
	for _, t := range tops {
		n[t.set]++
	}
	samples := make([]sample, len(tops))
	for i, t := range tops {
		y := 0.0
		if t.right {
			y = 1
		}
		samples[i] = sample{x: t.x, y: y, w: setWeight[t.set] / n[t.set]}
	}
	return logistic(samples, true, l2)
}

// report prints, per set and threshold, how many questions would be
// answered and how many of those from a passage that does not answer.
func report(w io.Writer, m retrieval.Model, tops []top, names []string) {
	fmt.Fprintln(w, "threshold  set        top-right/answerable  answered  wrong-rate  answered-of-answerable  declined-rest")
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6} {
		for si, name := range names {
			var some, topRight, ans, wrong, ansOK, rest, declRest, all int
			for _, t := range tops {
				if t.set != si {
					continue
				}
				all++
				z := m.Bias
				for j, x := range t.x {
					z += m.Weights[j] * x
				}
				answered := 1/(1+math.Exp(-z)) >= th
				if t.some {
					some++
				} else {
					rest++
				}
				if t.right {
					topRight++
				}
				switch {
				case answered && !t.right:
					ans++
					wrong++
				case answered:
					ans++
				case !t.some:
					declRest++
				}
				if answered && t.some {
					ansOK++
				}
			}
			fmt.Fprintf(w, "%-10.2f %-10s %5d/%-5d %16d/%-5d %10.3f %12d/%-5d %8d/%d\n", th, name, topRight, some, ans, all,
				float64(wrong)/math.Max(1, float64(ans)), ansOK, some, declRest, rest)
		}
	}
}
