module github.com/citebot/citebot

go 1.26.8

require (
	github.com/kljensen/snowball v0.10.0
	github.com/philippgille/chromem-go v0.7.0
	go.yaml.in/yaml/v3 v3.0.6
)

require (
	github.com/sashabaranov/go-openai v1.43.0
	github.com/schollz/progressbar/v3 v3.19.1
	golang.org/x/term v0.48.0
)

require (
	github.com/mitchellh/colorstring v0.0.0-20190213212951-d06e56a500db // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
