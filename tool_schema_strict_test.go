package composio_test

import (
	"encoding/json"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func strictOf(t *testing.T, schema string) (composio.FunctionDefinition, map[string]any) {
	t.Helper()
	d := composio.Tool{Slug: "X", Description: "d", InputParameters: json.RawMessage(schema)}.FunctionDefinition().Strict()
	var got map[string]any
	require.NoError(t, json.Unmarshal(d.Parameters, &got))
	return d, got
}

func TestFunctionDefinitions_StrictGolden(t *testing.T) {
	defs := composio.ToolDefinitions(toolsSchemaFixtures(t)).Strict()
	for _, d := range defs {
		assert.True(t, d.IsStrict, d.Name)
	}
	toolsGolden(t, "openai_strict.json", defs.OpenAI())
	toolsGolden(t, "openai_responses_strict.json", defs.OpenAIResponses())
}

func TestFunctionDefinition_StrictForm(t *testing.T) {
	d, got := strictOf(t, `{
		"type": "object",
		"properties": {
			"owner":  {"type": "string", "description": "Owner.", "examples": ["acme"], "minLength": 1},
			"body":   {"type": ["string", "null"], "default": null},
			"state":  {"type": "string", "enum": ["open", "closed"], "default": "open"},
			"count":  {"type": "integer", "minimum": 1, "maximum": 100, "default": 30},
			"site":   {"type": "string", "format": "uri"},
			"when":   {"type": "string", "format": "date-time"},
			"labels": {"type": "array", "items": {"type": "string"}, "file_uploadable": false},
			"author": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}, "required": ["name"]},
			"either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
			"tag":    {"enum": ["a", "b"]}
		},
		"required": ["owner"]
	}`)
	assert.True(t, d.IsStrict)
	assert.Equal(t, map[string]any{
		"type": "object",
		"properties": map[string]any{
			"owner":  map[string]any{"type": "string", "description": "Owner."},
			"body":   map[string]any{"type": []any{"string", "null"}},
			"state":  map[string]any{"type": []any{"string", "null"}, "enum": []any{"open", "closed", nil}},
			"count":  map[string]any{"type": []any{"integer", "null"}, "minimum": 1.0, "maximum": 100.0},
			"site":   map[string]any{"type": []any{"string", "null"}},
			"when":   map[string]any{"type": []any{"string", "null"}, "format": "date-time"},
			"labels": map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "string"}},
			"author": map[string]any{
				"type": []any{"object", "null"},
				"properties": map[string]any{
					"name":  map[string]any{"type": "string"},
					"email": map[string]any{"type": []any{"string", "null"}},
				},
				"required": []any{"email", "name"}, "additionalProperties": false,
			},
			"either": map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}, map[string]any{"type": "null"}}},
			"tag":    map[string]any{"type": []any{"string", "null"}, "enum": []any{"a", "b", nil}},
		},
		"required":             []any{"author", "body", "count", "either", "labels", "owner", "site", "state", "tag", "when"},
		"additionalProperties": false,
	}, got)

	again := d.Strict()
	assert.Equal(t, d, again, "Strict is idempotent")
}

func TestFunctionDefinition_StrictResolvesRefs(t *testing.T) {
	d, got := strictOf(t, `{
		"type": "object",
		"$defs": {
			"Address": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
			"Named":   {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
		},
		"definitions": {"Kind": {"type": "string", "enum": ["home", "work"]}},
		"properties": {
			"home":   {"$ref": "#/$defs/Address", "description": "Where they live."},
			"kind":   {"$ref": "#/definitions/Kind"},
			"person": {"allOf": [{"$ref": "#/$defs/Named"}, {"properties": {"age": {"type": "integer"}}}]},
			"data":   {"type": "object", "properties": {"x": {"type": "string", "default": {"$ref": "not a schema"}}}}
		},
		"required": ["home", "kind", "person", "data"]
	}`)
	require.True(t, d.IsStrict)
	props := got["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "object", "description": "Where they live.",
		"properties": map[string]any{"city": map[string]any{"type": "string"}}, "required": []any{"city"}, "additionalProperties": false}, props["home"])
	assert.Equal(t, map[string]any{"type": "string", "enum": []any{"home", "work"}}, props["kind"])
	assert.Equal(t, map[string]any{"type": "object",
		"properties": map[string]any{"name": map[string]any{"type": "string"}, "age": map[string]any{"type": []any{"integer", "null"}}},
		"required":   []any{"age", "name"}, "additionalProperties": false}, props["person"])
	assert.NotContains(t, got, "$defs")
	assert.NotContains(t, got, "definitions")
}

func TestFunctionDefinition_StrictFallsBack(t *testing.T) {
	for name, schema := range map[string]string{
		"free-form object":     `{"type":"object","properties":{"meta":{"type":"object"}}}`,
		"map":                  `{"type":"object","properties":{"meta":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}}}}`,
		"open root":            `{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true}`,
		"any value":            `{"type":"object","properties":{"v":{"description":"anything"}}}`,
		"array of anything":    `{"type":"object","properties":{"v":{"type":"array"}}}`,
		"recursive ref":        `{"type":"object","$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}},"properties":{"n":{"$ref":"#/$defs/Node"}}}`,
		"dangling ref":         `{"type":"object","properties":{"n":{"$ref":"#/$defs/Missing"}}}`,
		"remote ref":           `{"type":"object","properties":{"n":{"$ref":"https://example.com/s.json"}}}`,
		"conflicting allOf":    `{"type":"object","properties":{"n":{"allOf":[{"type":"string"},{"type":"integer"}]}}}`,
		"mixed enum":           `{"type":"object","properties":{"n":{"enum":["a",1]}}}`,
		"anyOf and oneOf both": `{"type":"object","properties":{"n":{"anyOf":[{"type":"string"}],"oneOf":[{"type":"integer"}]}}}`,
	} {
		orig := composio.Tool{Slug: "X", InputParameters: json.RawMessage(schema)}.FunctionDefinition()
		got := orig.Strict()
		assert.False(t, got.IsStrict, name)
		assert.Equal(t, orig, got, name)
		b, err := json.Marshal(got.OpenAI())
		require.NoError(t, err)
		assert.NotContains(t, string(b), `"strict"`, name)
	}

	// Eleven levels of objects are past what strict mode takes.
	deep := `{"type":"string"}`
	for range 11 {
		deep = `{"type":"object","properties":{"a":` + deep + `},"required":["a"]}`
	}
	assert.False(t, composio.Tool{Slug: "X", InputParameters: json.RawMessage(deep)}.FunctionDefinition().Strict().IsStrict)
}

func TestFunctionDefinition_StrictRendering(t *testing.T) {
	d, _ := strictOf(t, `{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}`)
	b, err := json.Marshal(d.OpenAI())
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"function","function":{"name":"X","description":"d","strict":true,
		"parameters":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}}`, string(b))
	b, err = json.Marshal(d.OpenAIResponses())
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"function","name":"X","description":"d","strict":true,
		"parameters":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}`, string(b))
	b, err = json.Marshal(d.Anthropic())
	require.NoError(t, err)
	assert.NotContains(t, string(b), "strict")

	// A tool without inputs has a strict form too.
	empty, got := strictOf(t, `{"type":"object","properties":{}}`)
	assert.True(t, empty.IsStrict)
	assert.Equal(t, map[string]any{"type": "object", "properties": map[string]any{}, "required": []any{}, "additionalProperties": false}, got)

	// Large integers keep every digit.
	big, got := strictOf(t, `{"type":"object","properties":{"n":{"type":"integer","maximum":12345678901234567890}},"required":["n"]}`)
	assert.True(t, big.IsStrict)
	assert.Contains(t, string(big.Parameters), "12345678901234567890")
	assert.NotNil(t, got)
}

func TestFunctionDefinition_GeminiInlinesRefs(t *testing.T) {
	tool := composio.Tool{Slug: "X", InputParameters: json.RawMessage(`{
		"type": "object",
		"$defs": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}}},
		"properties": {"home": {"$ref": "#/$defs/Address"}, "work": {"$ref": "#/$defs/Address", "description": "Office."}}
	}`)}
	var got map[string]any
	require.NoError(t, json.Unmarshal(tool.FunctionDefinition().Gemini().Parameters, &got))
	props := got["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}}, props["home"])
	assert.Equal(t, "Office.", props["work"].(map[string]any)["description"])
}
