package openaiprovider

import (
	"encoding/json"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSchemaMap: the schema the SDK sends is the schema defined, numbers
// included (the SDK would send a json.Number as a string).
func TestSchemaMap(t *testing.T) {
	schema := `{"type":"object","properties":{
		"n":{"type":"integer","minimum":0,"maximum":9007199254740993,"default":12},
		"x":{"type":"number","multipleOf":0.01,"examples":[1.5,0.30000000000000000001,-2]},
		"s":{"type":"string","enum":["a","b"]}},"required":["n"]}`
	m := schemaMap(json.RawMessage(schema))
	assert.Equal(t, float64(12), m["properties"].(map[string]any)["n"].(map[string]any)["default"], "plain numbers are float64s")

	chat, err := json.Marshal(openai.FunctionDefinitionParam{Name: "f", Parameters: m})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"f","parameters":`+schema+`}`, string(chat))
	assert.Contains(t, string(chat), `9007199254740993`)
	assert.Contains(t, string(chat), `0.30000000000000000001`)

	resp, err := json.Marshal(responses.FunctionToolParam{Name: "f", Parameters: schemaMap(json.RawMessage(schema)), Strict: openai.Bool(false)})
	require.NoError(t, err)
	assert.Contains(t, string(resp), `9007199254740993`)
}

func TestSchemaMap_NotAnObject(t *testing.T) {
	for _, raw := range []string{``, `null`, `[1]`, `{`} {
		assert.Equal(t, map[string]any{"type": "object", "properties": map[string]any{}}, schemaMap(json.RawMessage(raw)), raw)
	}
}

func TestWithMaxTurns(t *testing.T) {
	assert.Equal(t, DefaultMaxTurns, newConfig(nil).maxTurns)
	assert.Equal(t, 3, newConfig([]Option{WithMaxTurns(3)}).maxTurns)
	assert.Equal(t, 1, newConfig([]Option{WithMaxTurns(0)}).maxTurns)
	assert.Equal(t, 1, newConfig([]Option{WithMaxTurns(-5)}).maxTurns)
	assert.True(t, newConfig([]Option{nil, WithStrict()}).strict)
}
