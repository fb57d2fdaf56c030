package config

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/citebot/citebot/retrieval/text"
)

// configProblem is a mistake in the configuration file, told in the file's
// own terms: the line, the key path and what the key takes.
type configProblem struct {
	line int
	msg  string
}

func (p configProblem) String() string { return fmt.Sprintf("line %d: %s", p.line, p.msg) }

// configProblems is every problem found in a configuration file.
type configProblems []configProblem

func (ps configProblems) Error() string {
	if len(ps) == 1 {
		return ps[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ps))
	for _, p := range ps {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

var durationType = reflect.TypeFor[time.Duration]()

// checkConfigNode walks a decoded configuration file against the type it is
// decoded into and returns the problems in file order: unknown keys (with
// the keys the section knows and the closest one), and values of the wrong
// kind (a duration that isn't one, a word where a number goes). It keeps Go
// type names out of what the user reads.
func checkConfigNode(n *yaml.Node, t reflect.Type, path string) []configProblem {
	for n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
			continue
		}
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	if isNull(n) {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	name := path
	if name == "" {
		name = "the file"
	}
	if t.Kind() == reflect.Struct && t != durationType {
		if n.Kind != yaml.MappingNode {
			return []configProblem{{n.Line, fmt.Sprintf("%s must be a section of keys (%s), not %s", name, strings.Join(yamlKeys(t), ", "), describe(n))}}
		}
		var probs []configProblem
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := join(path, k.Value)
			f, ok := fieldByTag(t, k.Value)
			if !ok {
				probs = append(probs, configProblem{k.Line, unknownKey(t, path, k.Value)})
				continue
			}
			probs = append(probs, checkConfigNode(v, f.Type, key)...)
		}
		return probs
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch {
	case t == durationType:
		if n.Kind != yaml.ScalarNode {
			return []configProblem{{n.Line, fmt.Sprintf("%s must be a duration such as 90s or 2m, not %s", path, describe(n))}}
		}
		if _, err := time.ParseDuration(n.Value); err != nil {
			return []configProblem{{n.Line, fmt.Sprintf("%s: %q is not a duration; use a duration such as 90s or 2m", path, n.Value)}}
		}
		return nil
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return []configProblem{{n.Line, fmt.Sprintf("%s must be a list (for example [a, b]), not %s", path, describe(n))}}
		}
		var probs []configProblem
		for i, e := range n.Content {
			probs = append(probs, checkConfigNode(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return probs
	}
	if n.Kind != yaml.ScalarNode {
		return []configProblem{{n.Line, fmt.Sprintf("%s must be a single value (%s), not %s", path, kindName(t), describe(n))}}
	}
	if err := n.Decode(reflect.New(t).Interface()); err != nil {
		return []configProblem{{n.Line, fmt.Sprintf("%s: %q is not %s", path, n.Value, kindName(t))}}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// kindName says what a value of type t is, in words.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	default:
		return "text"
	}
}

// describe says what a node holds, in words.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a section of keys"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

// yamlKeys lists the keys a section takes, in the order of its fields.
func yamlKeys(t reflect.Type) []string {
	var ks []string
	for f := range t.Fields() {
		if k := yamlKey(f); k != "" {
			ks = append(ks, k)
		}
	}
	return ks
}

func yamlKey(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	k, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if k == "-" {
		return ""
	}
	if k == "" {
		k = strings.ToLower(f.Name)
	}
	return k
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for f := range t.Fields() {
		if yamlKey(f) == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// unknownKey tells of a key a section doesn't take: the closest one it
// does, if any is close, and all it takes.
func unknownKey(t reflect.Type, section, key string) string {
	known := yamlKeys(t)
	msg := fmt.Sprintf("unknown key %s", join(section, key))
	best, bestD := "", 0
	for _, k := range known {
		if d := text.EditDistance([]rune(strings.ToLower(key)), []rune(k), max(1, len(k)/3)); d <= max(1, len(k)/3) && (best == "" || d < bestD) {
			best, bestD = k, d
		}
	}
	if best != "" {
		msg += fmt.Sprintf("; did you mean %s?", join(section, best))
	}
	where := "top-level keys"
	if section != "" {
		where = "keys in " + section
	}
	return msg + fmt.Sprintf(" (known %s: %s)", where, strings.Join(known, ", "))
}
