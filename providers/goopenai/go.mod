module github.com/ComposioHQ/composio-go/providers/goopenai

go 1.24

require (
	github.com/ComposioHQ/composio-go v0.0.0-00010101000000-000000000000
	github.com/sashabaranov/go-openai v1.43.0
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/coder/websocket v1.8.15 // indirect
	github.com/google/go-querystring v1.2.0 // indirect
	github.com/google/jsonschema-go v0.4.3 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

replace github.com/ComposioHQ/composio-go => ../..
