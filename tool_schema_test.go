package composio_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Set UPDATE_GOLDEN=1 to rewrite the golden files from the current output.
func toolsGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "tools", "schema", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with UPDATE_GOLDEN=1 to create %s", path)
	assert.Equal(t, string(want), string(got), "golden file %s", path)
}

func toolsSchemaFixtures(t *testing.T) []composio.Tool {
	t.Helper()
	var page composio.Page[composio.Tool]
	require.NoError(t, json.Unmarshal([]byte(toolsTestdata(t, "list.json")), &page))
	return page.Items
}

func TestFunctionDefinitions_Golden(t *testing.T) {
	defs := composio.ToolDefinitions(toolsSchemaFixtures(t))
	toolsGolden(t, "definitions.json", defs)
	toolsGolden(t, "openai.json", defs.OpenAI())
	toolsGolden(t, "openai_responses.json", defs.OpenAIResponses())
	toolsGolden(t, "anthropic.json", defs.Anthropic())
	toolsGolden(t, "gemini.json", defs.Gemini())
}

func TestFunctionDefinition_Shapes(t *testing.T) {
	def := toolsSchemaFixtures(t)[0].FunctionDefinition()
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", def.Name)

	var params map[string]any
	require.NoError(t, json.Unmarshal(def.Parameters, &params))
	assert.Equal(t, "object", params["type"])
	assert.Equal(t, []any{"owner", "repo", "title"}, params["required"], "duplicates removed")

	openai, err := json.Marshal(def.OpenAI())
	require.NoError(t, err)
	var o struct {
		Type     string
		Function struct {
			Name       string
			Parameters map[string]any
		}
	}
	require.NoError(t, json.Unmarshal(openai, &o))
	assert.Equal(t, "function", o.Type)
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", o.Function.Name)

	anthropic, err := json.Marshal(def.Anthropic())
	require.NoError(t, err)
	assert.Contains(t, string(anthropic), `"input_schema":{`)

	gemini := def.Gemini()
	var g map[string]any
	require.NoError(t, json.Unmarshal(gemini.Parameters, &g))
	assert.NotContains(t, g, "additionalProperties")
	body := g["properties"].(map[string]any)["body"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "string", "nullable": true, "title": "Body", "default": nil, "description": "The contents of the issue."}, body)
	assert.NotContains(t, g["properties"].(map[string]any)["owner"], "examples")

	// A tool without inputs: an empty object schema; Gemini omits it.
	empty := toolsSchemaFixtures(t)[1].FunctionDefinition()
	assert.JSONEq(t, `{"type":"object","properties":{},"title":"GetTheAuthenticatedUserRequest"}`, string(empty.Parameters))
	assert.Nil(t, empty.Gemini().Parameters)
	assert.JSONEq(t, `{"type":"object","properties":{}}`, string(composio.Tool{Slug: "X"}.FunctionDefinition().Parameters))
}

func TestExecuteCall_Wire(t *testing.T) {
	w := newWire(t, 200, toolsExecutedJSON)
	c := w.client(composio.WithToolkitVersion("20250906_01"))
	call := composio.ToolCall{ID: "call_1", Name: "GITHUB_CREATE_AN_ISSUE", Arguments: `{"owner":"acme","n":12345678901234567890,"x":1.50}`}
	res, err := c.Tools.ExecuteCall(context.Background(), call, composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, "/api/v3.1/tools/execute/GITHUB_CREATE_AN_ISSUE", r.Path)
	assert.JSONEq(t, `{"user_id":"u","version":"20250906_01","arguments":{"owner":"acme","n":12345678901234567890,"x":1.50}}`, string(r.Body))
	assert.Contains(t, string(r.Body), "12345678901234567890", "integers keep every digit")
	assert.JSONEq(t, `{"data":{"ok":true}}`, res.ModelOutput())

	_, err = c.Tools.ExecuteCall(context.Background(), composio.ToolCall{Name: "COMPOSIO_GET_CURRENT_TIME"}, composio.ToolExecuteParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"arguments":{},"version":"20250906_01"}`, string(w.last().Body))

	n := len(w.requests())
	for name, tc := range map[string]struct {
		call   composio.ToolCall
		params composio.ToolExecuteParams
	}{
		"no name":        {composio.ToolCall{Arguments: "{}"}, composio.ToolExecuteParams{}},
		"not json":       {composio.ToolCall{Name: "X", Arguments: "{oops"}, composio.ToolExecuteParams{}},
		"not an object":  {composio.ToolCall{Name: "X", Arguments: "[1]"}, composio.ToolExecuteParams{}},
		"trailing data":  {composio.ToolCall{Name: "X", Arguments: "{} {}"}, composio.ToolExecuteParams{}},
		"args in params": {composio.ToolCall{Name: "X"}, composio.ToolExecuteParams{Arguments: map[string]any{}}},
	} {
		_, err := c.Tools.ExecuteCall(context.Background(), tc.call, tc.params)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
	assert.Len(t, w.requests(), n)
}

func TestFunctionDefinitions_LongSlugsAndFind(t *testing.T) {
	long := "GITHUB_LIST_CUSTOM_DEPLOYMENT_RULE_INTEGRATIONS_AVAILABLE_FOR_AN_ENVIRONMENT"
	longer := long + "_V2"
	defs := composio.ToolDefinitions([]composio.Tool{
		{Slug: "COMPOSIO_ECHO", Version: "20250901_00"},
		{Slug: long, Version: "20250906_01"},
		{Slug: longer, Version: "20250906_01"},
	})
	assert.Equal(t, "COMPOSIO_ECHO", defs[0].Name)
	assert.Len(t, defs[1].Name, 64)
	assert.Len(t, defs[2].Name, 64)
	assert.NotEqual(t, defs[1].Name, defs[2].Name)
	assert.Regexp(t, `^[A-Za-z0-9_-]{1,64}$`, defs[1].Name)
	assert.Equal(t, defs[1].Name, composio.ToolDefinitions([]composio.Tool{{Slug: long}})[0].Name, "stable")

	def, ok := defs.Find(defs[2].Name)
	require.True(t, ok)
	assert.Equal(t, longer, def.ToolSlug)
	assert.Equal(t, "20250906_01", def.Version)
	_, ok = defs.Find("NOPE")
	assert.False(t, ok)

	b, err := json.Marshal(defs[0])
	require.NoError(t, err)
	assert.NotContains(t, string(b), "20250901_00", "slug and version stay out of the provider shape")
}

func TestFunctionDefinition_GeminiSanitizes(t *testing.T) {
	tool := composio.Tool{Slug: "X", Description: "d", InputParameters: json.RawMessage(`{
		"type": "object",
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"properties": {
			"data":   {"description": "implicit object", "properties": {"id": {"type": "string"}}, "required": ["id", "ghost"]},
			"tag":    {"type": "string", "enum": ["a", ""], "properties": {"bogus": {"type": "string"}}, "required": ["bogus"]},
			"meta":   {"type": ["object", "null"], "additionalProperties": {"type": "string"}},
			"opts":   {"type": "object"},
			"free":   {"type": "object", "properties": {}, "required": ["x"], "additionalProperties": true},
			"list":   {"type": "array", "items": {"type": "object", "required": ["nope"]}},
			"level":  {"type": "integer", "enum": [1, 2, 3], "format": "int32"},
			"mode":   {"enum": ["fast", "slow", 3]},
			"empty":  {"type": "string", "enum": [""]},
			"site":   {"type": "string", "format": "uri"},
			"when":   {"type": "string", "format": "date-time"},
			"ratio":  {"type": "number", "format": "int64"}
		},
		"required": ["data", "missing"]
	}`)}
	var got map[string]any
	require.NoError(t, json.Unmarshal(tool.FunctionDefinition().Gemini().Parameters, &got))
	assert.Equal(t, map[string]any{
		"type": "object",
		"properties": map[string]any{
			"data": map[string]any{"type": "object", "description": "implicit object",
				"properties": map[string]any{"id": map[string]any{"type": "string"}}, "required": []any{"id"}},
			"tag":   map[string]any{"type": "string", "enum": []any{"a"}},
			"meta":  map[string]any{"type": "object", "nullable": true},
			"opts":  map[string]any{"type": "object"},
			"free":  map[string]any{"type": "object"},
			"list":  map[string]any{"type": "array", "items": map[string]any{"type": "object"}},
			"level": map[string]any{"type": "integer", "format": "int32"},
			"mode":  map[string]any{"type": "string", "enum": []any{"fast", "slow"}},
			"empty": map[string]any{"type": "string"},
			"site":  map[string]any{"type": "string"},
			"when":  map[string]any{"type": "string", "format": "date-time"},
			"ratio": map[string]any{"type": "number"},
		},
		"required": []any{"data"},
	}, got)
}

func TestFunctionDefinition_OpenAIDescriptionFits(t *testing.T) {
	long := strings.Repeat("é", 1030)
	d := composio.Tool{Slug: "X", Description: long}.FunctionDefinition()
	got := d.OpenAI().Function.Description
	assert.Equal(t, 1024, utf8.RuneCountInString(got), "Chat Completions refuses descriptions over 1024 characters")
	assert.True(t, strings.HasPrefix(long, got))
	assert.Equal(t, long, d.Anthropic().Description, "other providers keep the whole description")
	assert.Equal(t, long, d.Description, "the definition itself is unchanged")

	short := strings.Repeat("é", 1024)
	assert.Equal(t, short, composio.Tool{Slug: "X", Description: short}.FunctionDefinition().OpenAI().Function.Description)
}

func TestFunctionDefinition_ArraysGetItems(t *testing.T) {
	tool := composio.Tool{Slug: "X", InputParameters: json.RawMessage(`{
		"type": "object",
		"properties": {
			"ids":    {"type": "array"},
			"either": {"type": ["string", "array"]},
			"typed":  {"type": "array", "items": {"type": "integer"}},
			"deep":   {"type": "object", "properties": {"rows": {"type": "array", "items": {"type": "array"}}}},
			"choice": {"anyOf": [{"type": "array"}, {"type": "null"}]}
		}
	}`)}
	def := tool.FunctionDefinition()
	var got map[string]any
	require.NoError(t, json.Unmarshal(def.OpenAI().Function.Parameters, &got))
	props := got["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "array", "items": map[string]any{}}, props["ids"], "OpenAI refuses an array without items")
	assert.Equal(t, map[string]any{}, props["either"].(map[string]any)["items"])
	assert.Equal(t, map[string]any{"type": "integer"}, props["typed"].(map[string]any)["items"])
	rows := props["deep"].(map[string]any)["properties"].(map[string]any)["rows"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "array", "items": map[string]any{}}, rows["items"])
	assert.Equal(t, map[string]any{"type": "array", "items": map[string]any{}}, props["choice"].(map[string]any)["anyOf"].([]any)[0])

	var gem map[string]any
	require.NoError(t, json.Unmarshal(def.Gemini().Parameters, &gem))
	// Gemini refuses an array schema without items ("items: missing
	// field"): item-less arrays get string items there.
	gemProps := gem["properties"].(map[string]any)
	stringItems := map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	assert.Equal(t, stringItems, gemProps["ids"])
	assert.Equal(t, map[string]any{"type": "string"}, gemProps["either"], "the first type is Gemini's")
	assert.Equal(t, map[string]any{"type": "array", "items": map[string]any{"type": "integer"}}, gemProps["typed"])
	assert.Equal(t, stringItems, gemProps["deep"].(map[string]any)["properties"].(map[string]any)["rows"].(map[string]any)["items"])
	assert.Equal(t, map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "nullable": true}, gemProps["choice"])
}

// Gemini wants a type on every schema: an anyOf with a null variant (the
// JSON Schema of an optional field, as pydantic writes it) is the other
// variant made nullable, not a variant without a type.
func TestFunctionDefinition_GeminiNullVariants(t *testing.T) {
	d := composio.FunctionDefinition{Name: "X", Parameters: json.RawMessage(`{
		"type": "object",
		"properties": {
			"error": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null, "title": "Error"},
			"when":  {"anyOf": [{"type": "null"}, {"type": "string", "format": "date-time", "description": "inner"}], "description": "outer"},
			"id":    {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
			"plain": {"anyOf": [{"type": "string"}, {"type": "integer"}]}
		}
	}`)}
	var got struct {
		Properties map[string]map[string]any `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(d.Gemini().Parameters, &got))
	assert.Equal(t, map[string]any{"type": "string", "nullable": true, "default": nil, "title": "Error"}, got.Properties["error"])
	assert.Equal(t, map[string]any{"type": "string", "nullable": true, "format": "date-time", "description": "outer"}, got.Properties["when"],
		"the outer keywords win")
	assert.Equal(t, map[string]any{"anyOf": []any{
		map[string]any{"type": "string", "nullable": true}, map[string]any{"type": "integer", "nullable": true},
	}}, got.Properties["id"], "several variants each take the null")
	assert.Equal(t, map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}}}, got.Properties["plain"])
}

// The Messages API refuses an input schema with anyOf, oneOf or allOf at
// its root ("input_schema does not support oneOf, allOf, or anyOf at the
// top level"), failing the whole request: Anthropic() folds them into the
// root, and sends any other schema as it is.
func TestFunctionDefinition_AnthropicRootCombinators(t *testing.T) {
	d := composio.FunctionDefinition{Name: "X", Parameters: json.RawMessage(`{
		"type": "object",
		"properties": {"id": {"type": "string"}, "n": {"type": "integer", "maximum": 12345678901234567890}},
		"required": ["n"],
		"anyOf": [{"required": ["id"]}, {"properties": {"name": {"type": "string"}}, "required": ["name"]}],
		"oneOf": [{"$ref": "#/$defs/Extra"}],
		"allOf": [{"properties": {"id": {"type": "integer"}, "tag": {"type": "string"}}, "required": ["tag"]}],
		"$defs": {"Extra": {"properties": {"extra": {"type": "boolean"}}}}
	}`)}
	got := d.Anthropic().InputSchema
	assert.JSONEq(t, `{
		"type": "object",
		"properties": {
			"id": {"type": "string"}, "n": {"type": "integer", "maximum": 12345678901234567890},
			"name": {"type": "string"}, "extra": {"type": "boolean"}, "tag": {"type": "string"}
		},
		"required": ["n", "tag"]
	}`, string(got), "the root's own properties win; allOf's required names join; either-or rules go")
	assert.Contains(t, string(got), "12345678901234567890", "numbers keep their text")

	plain := composio.FunctionDefinition{Name: "X", Parameters: json.RawMessage(`{"type":"object","properties":{"a":{"anyOf":[{"type":"string"},{"type":"null"}]}}}`)}
	assert.Equal(t, string(plain.Parameters), string(plain.Anthropic().InputSchema), "nested combinators are fine: sent byte for byte")
}

// OpenAI ("schema must have type 'object' and not have
// 'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level") and
// Anthropic refuse those keywords at the root of a function's parameters,
// failing the whole request: a tool's definition folds them into the root.
func TestFunctionDefinition_NoRootCombinators(t *testing.T) {
	tool := composio.Tool{Slug: "X", InputParameters: json.RawMessage(`{
		"type": "object",
		"properties": {"id": {"type": "string"}},
		"oneOf": [{"properties": {"id": {"type": "integer"}}, "required": ["id"]}, {"properties": {"name": {"type": "string"}}, "required": ["name"]}],
		"allOf": [{"properties": {"tag": {"type": "string"}}, "required": ["tag"]}],
		"not": {"required": ["both"]}, "enum": [{}], "const": {}
	}`)}
	def := tool.FunctionDefinition()
	want := `{"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "tag": {"type": "string"}}, "required": ["tag"]}`
	assert.JSONEq(t, want, string(def.Parameters))
	assert.JSONEq(t, want, string(def.OpenAI().Function.Parameters))
	strict := def.Strict()
	require.True(t, strict.IsStrict, "the folded schema has a strict form")
	assert.NotContains(t, string(strict.Parameters), "anyOf")
}
