package geminiprovider_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	geminiprovider "github.com/ComposioHQ/composio-go/providers/gemini"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genai"
)

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestFunctionDeclaration(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		want   string // the declaration's parameters; "" for none
	}{
		{
			name:   "no inputs",
			schema: `{"type":"object","properties":{},"required":[]}`,
			want:   ``,
		},
		{
			name: "types, bounds and counts",
			schema: `{"type":"object","properties":{
				"n": {"type":"integer","minimum":1,"maximum":12.5,"default":3,"format":"int64"},
				"tags": {"type":"array","items":{"type":"string","minLength":2,"maxLength":10.0},"minItems":1,"maxItems":5},
				"meta": {"type":"object","properties":{"k":{"type":"boolean"}},"minProperties":1,"maxProperties":4.5}
			},"required":["n","missing"]}`,
			want: `{"properties":{
				"meta":{"minProperties":1,"properties":{"k":{"type":"BOOLEAN"}},"type":"OBJECT"},
				"n":{"default":3,"format":"int64","maximum":12.5,"minimum":1,"type":"INTEGER"},
				"tags":{"items":{"maxLength":10,"minLength":2,"type":"STRING"},"maxItems":5,"minItems":1,"type":"ARRAY"}
			},"required":["n"],"type":"OBJECT"}`,
		},
		{
			name: "nullable, anyOf, enums and formats",
			schema: `{"type":"object","properties":{
				"when": {"type":["string","null"],"format":"date-time","example":"2025-01-01T00:00:00Z"},
				"url": {"type":"string","format":"uri","pattern":"^https://"},
				"level": {"type":"integer","enum":[1,2]},
				"mode": {"enum":["fast","","slow"]},
				"id": {"anyOf":[{"type":"string"},{"type":"integer"}],"$ref":"#/$defs/x","additionalProperties":false}
			}}`,
			want: `{"properties":{
				"id":{"anyOf":[{"type":"STRING"},{"type":"INTEGER"}]},
				"level":{"type":"INTEGER"},
				"mode":{"enum":["fast","slow"],"type":"STRING"},
				"url":{"pattern":"^https://","type":"STRING"},
				"when":{"example":"2025-01-01T00:00:00Z","format":"date-time","nullable":true,"type":"STRING"}
			},"type":"OBJECT"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := composio.FunctionDefinition{Name: "TOOL_X", Description: "Does x.", Parameters: json.RawMessage(tt.schema), ToolSlug: "TOOL_X"}
			got := geminiprovider.FunctionDeclaration(d)
			assert.Equal(t, "TOOL_X", got.Name)
			assert.Equal(t, "Does x.", got.Description)
			assert.Nil(t, got.ParametersJsonSchema)
			if tt.want == "" {
				assert.Nil(t, got.Parameters)
				assert.Equal(t, `{"description":"Does x.","name":"TOOL_X"}`, marshal(t, got))
				return
			}
			require.NotNil(t, got.Parameters)
			assert.JSONEq(t, tt.want, marshal(t, got.Parameters))
		})
	}
}

func TestFunctionDeclarationMatchesTheCoreRendering(t *testing.T) {
	_, set := utilitySet(t)
	tool := geminiprovider.Tool(set)
	defs := set.Definitions()
	require.Len(t, tool.FunctionDeclarations, len(defs))
	for i, d := range defs {
		// Gemini() with the types in the SDK's names.
		var core, ours map[string]any
		require.NoError(t, json.Unmarshal([]byte(marshal(t, d.Gemini())), &core))
		require.NoError(t, json.Unmarshal([]byte(marshal(t, tool.FunctionDeclarations[i])), &ours))
		assert.Equal(t, lowerTypes(core), lowerTypes(ours), d.Name)
	}
}

// lowerTypes lower-cases every "type" value under v.
func lowerTypes(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "type" {
				x[k] = map[string]string{"OBJECT": "object", "STRING": "string", "NUMBER": "number", "INTEGER": "integer", "BOOLEAN": "boolean", "ARRAY": "array"}[s]
				if x[k] == "" {
					x[k] = s
				}
			} else {
				x[k] = lowerTypes(e)
			}
		}
	case []any:
		for i, e := range x {
			x[i] = lowerTypes(e)
		}
	}
	return v
}

func TestToolCalls(t *testing.T) {
	var resp genai.GenerateContentResponse
	require.NoError(t, json.Unmarshal([]byte(`{"candidates": [
		{"content": {"role": "model", "parts": [
			{"text": "thinking aloud"},
			{"functionCall": {"id": "call_1", "name": "COMPOSIO_ECHO", "args": {"message": "hi"}}},
			{"functionCall": {"name": "COMPOSIO_GET_CURRENT_TIME"}},
			{"functionCall": {"name": "COMPOSIO_ECHO", "args": {}}}
		]}},
		{"content": {"role": "model", "parts": [{"functionCall": {"name": "OTHER_CANDIDATE", "args": {}}}]}}
	]}`), &resp))
	assert.Equal(t, []composio.ToolCall{
		{ID: "call_1", Name: "COMPOSIO_ECHO", Arguments: `{"message":"hi"}`},
		{Name: "COMPOSIO_GET_CURRENT_TIME"},
		{Name: "COMPOSIO_ECHO", Arguments: `{}`},
	}, geminiprovider.ToolCalls(&resp), "the first candidate's calls")

	for name, r := range map[string]*genai.GenerateContentResponse{
		"nil":           nil,
		"no candidates": {},
		"nil candidate": {Candidates: []*genai.Candidate{nil}},
		"no content":    {Candidates: []*genai.Candidate{{FinishReason: genai.FinishReasonSafety}}},
		"text only":     {Candidates: []*genai.Candidate{{Content: genai.NewContentFromText("done", genai.RoleModel)}}},
		"nil part":      {Candidates: []*genai.Candidate{{Content: &genai.Content{Parts: []*genai.Part{nil}}}}},
	} {
		assert.Nil(t, geminiprovider.ToolCalls(r), name)
	}
}

func TestToolResults(t *testing.T) {
	got := geminiprovider.ToolResults([]composio.ToolResult{
		{CallID: "call_1", Name: "COMPOSIO_ECHO", Content: `{"data":{"n":12345678901234567890}}`},
		{Name: "COMPOSIO_ALWAYS_FAIL", Content: `{"error":"no","data":null}`, IsError: true, Err: errors.New("no")},
		{Name: "LOCAL_NOTE", Content: `plain text, not JSON`},
		{Name: "COMPOSIO_ECHO", Err: context.Canceled},
		{Name: "COMPOSIO_ECHO", Err: composio.ErrToolNotRun},
	})
	assert.Equal(t, `{"parts":[`+
		`{"functionResponse":{"id":"call_1","name":"COMPOSIO_ECHO","response":{"output":{"data":{"n":12345678901234567890}}}}},`+
		`{"functionResponse":{"name":"COMPOSIO_ALWAYS_FAIL","response":{"error":{"data":null,"error":"no"}}}},`+
		`{"functionResponse":{"name":"LOCAL_NOTE","response":{"output":"plain text, not JSON"}}},`+
		`{"functionResponse":{"name":"COMPOSIO_ECHO","response":{"error":"context canceled"}}},`+
		`{"functionResponse":{"name":"COMPOSIO_ECHO","response":{"error":"composio: the tool call did not run"}}}`+
		`],"role":"user"}`, marshal(t, got))
}

func TestHandleToolCallsWithoutCalls(t *testing.T) {
	fake, set := utilitySet(t)
	fake.ResetRequests()
	got, err := geminiprovider.HandleToolCalls(context.Background(), set, &genai.GenerateContentResponse{
		Candidates: []*genai.Candidate{{Content: genai.NewContentFromText("done", genai.RoleModel)}}})
	require.NoError(t, err)
	assert.Nil(t, got)
	assert.Empty(t, fake.Requests(), "no tool ran")
}

func TestHandleToolCallsProgramFault(t *testing.T) {
	_, set := utilitySet(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	resp := &genai.GenerateContentResponse{Candidates: []*genai.Candidate{{Content: &genai.Content{Role: genai.RoleModel, Parts: []*genai.Part{
		genai.NewPartFromFunctionCall("COMPOSIO_ECHO", map[string]any{"message": "a"}),
		genai.NewPartFromFunctionCall("COMPOSIO_ECHO", map[string]any{"message": "b"}),
	}}}}}
	got, err := geminiprovider.HandleToolCalls(ctx, set, resp)
	require.ErrorIs(t, err, context.Canceled)

	// The content still answers every call, each under "error".
	require.NotNil(t, got)
	assert.Equal(t, genai.RoleUser, got.Role)
	require.Len(t, got.Parts, 2)
	for _, p := range got.Parts {
		require.NotNil(t, p.FunctionResponse)
		assert.Equal(t, "COMPOSIO_ECHO", p.FunctionResponse.Name)
		assert.Contains(t, p.FunctionResponse.Response, "error")
		assert.NotContains(t, p.FunctionResponse.Response, "output")
	}
}
