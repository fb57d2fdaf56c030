// Command trainconf fits citebot's answer confidence: a logistic model of
// the probability that the top passage of a search answers the question,
// over retrieval.Features, trained on the development evaluation sets. It
// writes the model as JSON (retrieval/confidence.json, embedded in the
// binary). Same data, same weights: the fit is deterministic.
//
//	go generate ./retrieval   (runs: go run ../cmd/trainconf -out confidence.json)
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/citebot/citebot/bot/eval"
	"github.com/citebot/citebot/retrieval"
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
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
	set      int
	question int // index of the question in its set
	x        []float64
	right    bool
}

// set is a development set: a corpus and questions about it.
type set struct {
	name   string
	corpus func() (*corpus.Corpus, error)
	cases  func() ([]caseLabel, error)
}

// caseLabel is a question with the test that says whether a passage
// answers it.
type caseLabel struct {
	question string
	answers  func(p corpus.Passage) bool // nil: unanswerable
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("trainconf", flag.ContinueOnError)
	root := fs.String("root", "..", "the repository root")
	outPath := fs.String("out", "", "where to write the model (default: standard output)")
	haystack := fs.String("haystack", "", "a haystack corpus folder built by testdata/haystack/make.sh (optional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sets := devSets(*root, *haystack)
	var data []example
	for i, s := range sets {
		ex, err := examples(ctx, i, s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(os.Stderr, "%s: %d candidate passages, %d answer their question\n", s.name, len(ex), countRight(ex))
		data = append(data, ex...)
	}
	m := fit(data, len(sets))
	names := make([]string, len(sets))
	for i, s := range sets {
		names[i] = s.name
	}
	m.Trained = "logistic regression, sets weighted equally: " + strings.Join(names, ", ")
	report(os.Stderr, m, data, names)
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if *outPath == "" {
		_, err = out.Write(b)
		return err
	}
	return os.WriteFile(*outPath, b, 0o644)
}

// devSets are the development sets (the held-out ones are not here).
func devSets(root, haystack string) []set {
	yamlSet := func(name, dir, file string) set {
		return set{name: name,
			corpus: func() (*corpus.Corpus, error) {
				if dir == "" {
					return corpus.Load(seeds.FS())
				}
				return corpus.LoadDir(dir, corpus.Options{})
			},
			cases: func() ([]caseLabel, error) { return yamlCases(file) },
		}
	}
	sets := []set{
		yamlSet("seed", "", filepath.Join(root, "testdata/eval.yaml")),
		yamlSet("realdocs", filepath.Join(root, "testdata/realdocs/corpus"), filepath.Join(root, "testdata/realdocs/eval.yaml")),
	}
	sq := filepath.Join(root, "testdata/squad2/squad2-dev-half.json")
	if _, err := os.Stat(sq); err == nil {
		sets = append(sets, squadSet(sq))
	}
	if haystack != "" {
		sets = append(sets, yamlSet("haystack", haystack, filepath.Join(root, "testdata/haystack/eval.yaml")))
	}
	return sets
}

func yamlCases(path string) ([]caseLabel, error) {
	cases, err := eval.LoadFile(path)
	if err != nil {
		return nil, err
	}
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
			cl.answers = func(p corpus.Passage) bool {
				for _, e := range ev {
					if text.ContainsNormalized(p.Text, e, true) {
						return true
					}
				}
				return false
			}
		}
		out = append(out, cl)
	}
	return out, nil
}

// squadSet reads a SQuAD 2.0 file: one document per article, paragraphs
// separated by blank lines; a passage answers when it lies in the gold
// paragraph and holds an accepted answer.
func squadSet(path string) set {
	type qa struct {
		Question   string `json:"question"`
		Impossible bool   `json:"is_impossible"`
		Answers    []struct {
			Text string `json:"text"`
		} `json:"answers"`
	}
	var file struct {
		Data []struct {
			Title      string `json:"title"`
			Paragraphs []struct {
				Context string `json:"context"`
				QAs     []qa   `json:"qas"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	load := func() error {
		if file.Data != nil {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return json.Unmarshal(raw, &file)
	}
	return set{name: "squad2",
		corpus: func() (*corpus.Corpus, error) {
			if err := load(); err != nil {
				return nil, err
			}
			fsys := fstest.MapFS{}
			for _, a := range file.Data {
				var b strings.Builder
				b.WriteString(strings.ReplaceAll(a.Title, "_", " ") + "\n")
				for _, p := range a.Paragraphs {
					b.WriteString("\n" + strings.TrimSpace(p.Context) + "\n")
				}
				fsys[a.Title+".txt"] = &fstest.MapFile{Data: []byte(b.String())}
			}
			return corpus.Load(fsys)
		},
		cases: func() ([]caseLabel, error) {
			if err := load(); err != nil {
				return nil, err
			}
			var out []caseLabel
			for _, a := range file.Data {
				for _, p := range a.Paragraphs {
					ctxNorm := text.NormalizeText(strings.TrimSpace(p.Context))
					for _, q := range p.QAs {
						cl := caseLabel{question: q.Question}
						if !q.Impossible {
							answers := q.Answers
							cl.answers = func(ps corpus.Passage) bool {
								if !strings.Contains(ctxNorm, text.NormalizeText(strings.TrimSpace(ps.Text))) {
									return false
								}
								for _, an := range answers {
									if text.ContainsNormalized(ps.Text, an.Text, true) {
										return true
									}
								}
								return false
							}
						}
						out = append(out, cl)
					}
				}
			}
			return out, nil
		},
	}
}

func examples(ctx context.Context, i int, s set) ([]example, error) {
	c, err := s.corpus()
	if err != nil {
		return nil, err
	}
	// Features don't depend on the model, but the index needs one.
	neutral := retrieval.Model{Names: retrieval.FeatureNames(), Weights: make([]float64, len(retrieval.FeatureNames()))}
	ix, err := retrieval.BuildWithGate(ctx, c, retrieval.LocalEmbedderFactory(retrieval.DefaultLocalDims),
		retrieval.Gate{MinConfidence: 0.5, Model: neutral})
	if err != nil {
		return nil, err
	}
	cases, err := s.cases()
	if err != nil {
		return nil, err
	}
	var out []example
	for qi, cl := range cases {
		cands, err := ix.Candidates(ctx, cl.question)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			right := cl.answers != nil && cl.answers(c.Passage)
			out = append(out, example{set: i, question: qi, x: c.Features.Vector(), right: right})
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

// Fit parameters: full-batch gradient descent on the standardised
// features, each set weighing as much as any other, with L2 shrinkage.
const (
	iterations = 4000
	rate       = 0.5
	l2         = 1e-3
)

// fit returns the logistic model of ex's labels, in raw feature units.
func fit(ex []example, sets int) retrieval.Model {
	d := len(retrieval.FeatureNames())
	mean, std := make([]float64, d), make([]float64, d)
	for _, e := range ex {
		for j, x := range e.x {
			mean[j] += x / float64(len(ex))
		}
	}
	for _, e := range ex {
		for j, x := range e.x {
			std[j] += (x - mean[j]) * (x - mean[j]) / float64(len(ex))
		}
	}
	for j := range std {
		std[j] = math.Sqrt(std[j])
		if std[j] < 1e-9 {
			std[j] = 1
		}
	}
	perSet := make([]float64, sets)
	for _, e := range ex {
		perSet[e.set]++
	}
	w, b := make([]float64, d), 0.0
	grad := make([]float64, d)
	for it := 0; it < iterations; it++ {
		clear(grad)
		var gb float64
		for _, e := range ex {
			z := b
			for j, x := range e.x {
				z += w[j] * (x - mean[j]) / std[j]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if e.right {
				y = 1
			}
			g := (p - y) / (perSet[e.set] * float64(sets))
			for j, x := range e.x {
				grad[j] += g * (x - mean[j]) / std[j]
			}
			gb += g
		}
		for j := range w {
			w[j] -= rate * (grad[j] + l2*w[j])
		}
		b -= rate * gb
	}
	m := retrieval.Model{Names: retrieval.FeatureNames(), Weights: make([]float64, d), Bias: b}
	for j := range w {
		m.Weights[j] = round(w[j] / std[j])
		m.Bias -= w[j] * mean[j] / std[j]
	}
	m.Bias = round(m.Bias)
	return m
}

func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// report prints, per set and threshold, how many questions would be
// answered (top candidate's confidence at least the threshold) and how
// many of those from a passage that does not answer.
func report(w io.Writer, m retrieval.Model, ex []example, names []string) {
	type top struct {
		conf        float64
		right, some bool
	}
	tops := make([]map[int]*top, len(names))
	for i := range tops {
		tops[i] = make(map[int]*top)
	}
	for _, e := range ex {
		conf := 1 / (1 + math.Exp(-dot(m, e.x)))
		t, ok := tops[e.set][e.question]
		if !ok {
			t = &top{conf: -1}
			tops[e.set][e.question] = t
		}
		t.some = t.some || e.right
		if conf > t.conf {
			t.conf, t.right = conf, e.right
		}
	}
	fmt.Fprintln(w, "threshold  set        top-right/answerable  answered  wrong-rate  answered-of-answerable  declined-rest")
	for _, th := range []float64{0.2, 0.3, 0.4, 0.5, 0.6} {
		for si, name := range names {
			var some, topRight, ans, wrong, ansOfAnswerable, rest, declRest int
			for _, t := range tops[si] {
				if t.some {
					some++
				} else {
					rest++
				}
				if t.right {
					topRight++
				}
				if t.conf >= th {
					ans++
					if !t.right {
						wrong++
					}
					if t.some {
						ansOfAnswerable++
					}
				} else if !t.some {
					declRest++
				}
			}
			fmt.Fprintf(w, "%-10.2f %-10s %5d/%-5d %16d/%-5d %10.3f %12d/%-5d %8d/%d\n", th, name, topRight, some, ans, len(tops[si]),
				float64(wrong)/math.Max(1, float64(ans)), ansOfAnswerable, some, declRest, rest)
		}
	}
}

func dot(m retrieval.Model, x []float64) float64 {
	z := m.Bias
	for j, v := range x {
		z += m.Weights[j] * v
	}
	return z
}
