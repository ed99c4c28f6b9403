package anthropicprovider_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	anthropicprovider "github.com/ComposioHQ/composio-go/providers/anthropic"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestTool(t *testing.T) {
	tests := []struct {
		name string
		def  composio.FunctionDefinition
		want string
	}{
		{
			name: "schema sent byte for byte, big numbers exact",
			def: composio.FunctionDefinition{Name: "GITHUB_LIST", Description: "Lists things.", ToolSlug: "GITHUB_LIST", Version: "v1",
				Parameters: json.RawMessage(`{"type":"object","title":"T","properties":{"n":{"type":"integer","maximum":12345678901234567890}},"required":["n"],"$defs":{"x":{"type":"string"}},"additionalProperties":false}`)},
			want: `{"input_schema":{"type":"object","title":"T","properties":{"n":{"type":"integer","maximum":12345678901234567890}},"required":["n"],"$defs":{"x":{"type":"string"}},"additionalProperties":false},"name":"GITHUB_LIST","description":"Lists things."}`,
		},
		{
			// The Messages API refuses anyOf, oneOf or allOf at the root of
			// an input schema, failing the whole request.
			name: "root combinators folded into the root",
			def: composio.FunctionDefinition{Name: "X", Parameters: json.RawMessage(`{"type":"object","properties":{"id":{"type":"string"}},` +
				`"anyOf":[{"required":["id"]},{"properties":{"name":{"type":"string"}},"required":["name"]}],"allOf":[{"required":["id"]}]}`)},
			want: `{"input_schema":{"properties":{"id":{"type":"string"},"name":{"type":"string"}},"required":["id"],"type":"object"},"name":"X"}`,
		},
		{
			name: "no description",
			def:  composio.FunctionDefinition{Name: "X", Parameters: json.RawMessage(`{"type":"object","properties":{}}`)},
			want: `{"input_schema":{"type":"object","properties":{}},"name":"X"}`,
		},
		{
			name: "no schema",
			def:  composio.FunctionDefinition{Name: "X", Description: "d"},
			want: `{"input_schema":{"type":"object","properties":{}},"name":"X","description":"d"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := anthropicprovider.Tool(tt.def)
			require.NotNil(t, got.OfTool)
			assert.Equal(t, tt.want, marshal(t, got))
			assert.Equal(t, tt.def.Name, *got.GetName())
		})
	}
}

func TestTools(t *testing.T) {
	fake := composiotest.NewServer(t)
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	tools := anthropicprovider.Tools(set)
	defs := set.Definitions()
	require.Len(t, tools, len(defs))
	for i, d := range defs {
		assert.Equal(t, marshal(t, anthropicprovider.Tool(d)), marshal(t, tools[i]))
		// The same entry as the core's own Anthropic rendering.
		assert.JSONEq(t, marshal(t, d.Anthropic()), marshal(t, tools[i]))
	}
}

func TestToolCalls(t *testing.T) {
	var msg anthropic.Message
	require.NoError(t, json.Unmarshal([]byte(`{
		"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test", "stop_reason": "tool_use",
		"content": [
			{"type": "thinking", "thinking": "hmm", "signature": "sig"},
			{"type": "text", "text": "Working on it."},
			{"type": "tool_use", "id": "toolu_1", "name": "COMPOSIO_ECHO", "input": {"message": "hi", "n": 12345678901234567890}},
			{"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "go"}},
			{"type": "tool_use", "id": "toolu_2", "name": "COMPOSIO_GET_CURRENT_TIME", "input": {}}
		],
		"usage": {"input_tokens": 1, "output_tokens": 1}
	}`), &msg))
	assert.Equal(t, []composio.ToolCall{
		{ID: "toolu_1", Name: "COMPOSIO_ECHO", Arguments: `{"message": "hi", "n": 12345678901234567890}`},
		{ID: "toolu_2", Name: "COMPOSIO_GET_CURRENT_TIME", Arguments: `{}`},
	}, anthropicprovider.ToolCalls(&msg))

	built := &anthropic.Message{Content: []anthropic.ContentBlockUnion{
		{Type: "text", Text: "x"},
		{Type: "tool_use", ID: "toolu_9", Name: "COMPOSIO_ECHO", Input: json.RawMessage(`{"message":"built"}`)},
	}}
	assert.Equal(t, []composio.ToolCall{{ID: "toolu_9", Name: "COMPOSIO_ECHO", Arguments: `{"message":"built"}`}},
		anthropicprovider.ToolCalls(built), "a message built in code")

	assert.Nil(t, anthropicprovider.ToolCalls(nil))
	assert.Nil(t, anthropicprovider.ToolCalls(&anthropic.Message{Content: []anthropic.ContentBlockUnion{{Type: "text", Text: "done"}}}))
}

func TestToolResults(t *testing.T) {
	results := []composio.ToolResult{
		{CallID: "toolu_1", Name: "COMPOSIO_ECHO", Content: `{"data":{"echo":{"message":"hi"}}}`},
		{CallID: "toolu_2", Name: "COMPOSIO_ALWAYS_FAIL", Content: `{"error":"no","data":null}`, IsError: true, Err: errors.New("no")},
		{CallID: "toolu_3", Name: "COMPOSIO_ECHO", Err: context.Canceled},
		{CallID: "toolu_4", Name: "COMPOSIO_ECHO", Err: composio.ErrToolNotRun},
		{CallID: "toolu_5", Name: "COMPOSIO_ECHO"},
	}
	got := anthropicprovider.ToolResults(results)
	assert.JSONEq(t, `{"role": "user", "content": [
		{"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "{\"data\":{\"echo\":{\"message\":\"hi\"}}}"}]},
		{"type": "tool_result", "tool_use_id": "toolu_2", "is_error": true, "content": [{"type": "text", "text": "{\"error\":\"no\",\"data\":null}"}]},
		{"type": "tool_result", "tool_use_id": "toolu_3", "is_error": true, "content": [{"type": "text", "text": "{\"error\":\"context canceled\"}"}]},
		{"type": "tool_result", "tool_use_id": "toolu_4", "is_error": true, "content": [{"type": "text", "text": "{\"error\":\"composio: the tool call did not run\"}"}]},
		{"type": "tool_result", "tool_use_id": "toolu_5", "is_error": true, "content": [{"type": "text", "text": "{\"error\":\"composio: the tool call did not run\"}"}]}
	]}`, marshal(t, got))
}

func TestHandleToolCallsWithoutCalls(t *testing.T) {
	fake := composiotest.NewServer(t)
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	fake.ResetRequests()
	got, err := anthropicprovider.HandleToolCalls(context.Background(), set, &anthropic.Message{
		StopReason: anthropic.StopReasonEndTurn, Content: []anthropic.ContentBlockUnion{{Type: "text", Text: "done"}}})
	require.NoError(t, err)
	assert.Nil(t, got.OfUser)
	assert.Nil(t, got.GetContent().AsAny(), "nothing to send")
	assert.Empty(t, fake.Requests(), "no tool ran")
}

func TestHandleToolCallsProgramFault(t *testing.T) {
	fake := composiotest.NewServer(t)
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	msg := &anthropic.Message{StopReason: anthropic.StopReasonToolUse, Content: []anthropic.ContentBlockUnion{
		{Type: "tool_use", ID: "toolu_1", Name: "COMPOSIO_ECHO", Input: json.RawMessage(`{"message":"a"}`)},
		{Type: "tool_use", ID: "toolu_2", Name: "COMPOSIO_ECHO", Input: json.RawMessage(`{"message":"b"}`)},
	}}
	got, err := anthropicprovider.HandleToolCalls(ctx, set, msg)
	require.ErrorIs(t, err, context.Canceled)

	// The message still answers every call, each marked as a failure.
	require.NotNil(t, got.OfUser)
	blocks := got.OfUser.Content
	require.Len(t, blocks, 2)
	for i, id := range []string{"toolu_1", "toolu_2"} {
		r := blocks[i].OfToolResult
		require.NotNil(t, r)
		assert.Equal(t, id, r.ToolUseID)
		assert.True(t, r.IsError.Value)
		assert.Contains(t, r.Content[0].OfText.Text, `{"error":`)
	}
}
