package main

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestExampleConfigHoldsTheDefaults: config.example.yaml shows every
// default as defaultConfig sets it, the one place defaults live.
func TestExampleConfigHoldsTheDefaults(t *testing.T) {
	got, err := loadConfig(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := defaultConfig()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		section := gv.Type().Field(i)
		t.Run(section.Tag.Get("yaml"), func(t *testing.T) {
			g, w := gv.Field(i), wv.Field(i)
			if g.Kind() != reflect.Struct {
				if !reflect.DeepEqual(g.Interface(), w.Interface()) {
					t.Errorf("example %v, default %v", g.Interface(), w.Interface())
				}
				return
			}
			for j := range g.NumField() {
				gf, wf := g.Field(j).Interface(), w.Field(j).Interface()
				if reflect.ValueOf(gf).Kind() == reflect.Slice && reflect.ValueOf(gf).Len() == 0 && reflect.ValueOf(wf).Len() == 0 {
					continue // [] in the file, nil in code
				}
				if !reflect.DeepEqual(gf, wf) {
					t.Errorf("%s: example %v, default %v", g.Type().Field(j).Tag.Get("yaml"), gf, wf)
				}
			}
		})
	}
}
