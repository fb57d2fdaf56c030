module github.com/citebot/citebot

go 1.26.8

require (
	github.com/kljensen/snowball v0.10.0
	github.com/philippgille/chromem-go v0.7.0
	go.yaml.in/yaml/v3 v3.0.6
)

require github.com/sashabaranov/go-openai v1.43.0
