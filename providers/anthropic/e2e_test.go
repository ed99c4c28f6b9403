package anthropicprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	anthropicprovider "github.com/ComposioHQ/composio-go/providers/anthropic"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// calculatorScript is a model that, offered the Composio utilities,
// multiplies 6 by 7, makes the failing tool fail and sends the calculator
// an argument it refuses, then reads the results and answers.
func calculatorScript() func(int, wireRequest) (int, any) {
	return func(turn int, req wireRequest) (int, any) {
		switch turn {
		case 1:
			for _, name := range []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"} {
				if !req.hasTool(name) {
					return http.StatusBadRequest, map[string]any{"type": "error", "error": map[string]any{"type": "invalid_request_error", "message": "no tool " + name}}
				}
			}
			return http.StatusOK, answer("tool_use",
				textBlock("Let me work that out."),
				toolUse("toolu_01", "COMPOSIO_CALCULATE", map[string]any{"operation": "multiply", "a": 6, "b": 7}),
				toolUse("toolu_02", "COMPOSIO_ALWAYS_FAIL", map[string]any{"reason": "the disk is full"}),
				toolUse("toolu_03", "COMPOSIO_CALCULATE", map[string]any{"operation": "power", "a": 2, "b": 8}),
			)
		default:
			var parts []string
			for _, r := range req.lastResults() {
				status := "ok"
				if r.IsError != nil && *r.IsError {
					status = "failed"
				}
				parts = append(parts, fmt.Sprintf("%s %s %s", r.ToolUseID, status, r.Content[0].Text))
			}
			return http.StatusOK, answer("end_turn", textBlock("6 times 7 is 42. ("+strings.Join(parts, "; ")+")"))
		}
	}
}

// refused is the result of a call whose arguments Composio refused.
const refused = `{"error":"Invalid request data provided: operation: must be one of [\"add\",\"subtract\",\"multiply\",\"divide\"], got \"power\"","data":{}}`

// jsonString is s as a JSON string literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestHandleToolCallsThroughTheSDK(t *testing.T) {
	ctx := context.Background()
	fake := composiotest.NewServer(t)
	set, err := fake.Client().Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	model := newScriptedModel(t, calculatorScript())
	claude := model.client()

	params := anthropic.MessageNewParams{
		Model:     "claude-test",
		MaxTokens: 1024,
		Tools:     anthropicprovider.Tools(set),
		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("What is 6 times 7?"))},
	}
	msg, err := claude.Messages.New(ctx, params)
	require.NoError(t, err)
	require.Equal(t, anthropic.StopReasonToolUse, msg.StopReason)
	fake.ResetRequests()
	results, err := anthropicprovider.HandleToolCalls(ctx, set, msg)
	require.NoError(t, err)
	params.Messages = append(params.Messages, msg.ToParam(), results)
	final, err := claude.Messages.New(ctx, params)
	require.NoError(t, err)

	// The final answer read every result, each paired with its call.
	assert.Equal(t, anthropic.StopReasonEndTurn, final.StopReason)
	assert.Equal(t, `6 times 7 is 42. (toolu_01 ok {"data":{"result":42}}; `+
		`toolu_02 failed {"error":"the disk is full","data":{"attempted":true}}; `+
		"toolu_03 failed "+refused+")",
		final.Content[0].Text)

	bodies := model.requests()
	require.Len(t, bodies, 2)

	// The tools went out in the Messages API shape, each schema exactly the
	// definition's.
	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(bodies[0], &first))
	defs := set.Definitions()
	require.Len(t, first.Tools, len(defs))
	assert.JSONEq(t, `{
		"name": "COMPOSIO_CALCULATE",
		"description": "Applies an arithmetic operation to two numbers. Dividing by zero fails.",
		"input_schema": {
			"type": "object", "title": "CalculateRequest",
			"properties": {
				"a": {"description": "The left operand.", "title": "A", "type": "number"},
				"b": {"description": "The right operand.", "title": "B", "type": "number"},
				"operation": {"description": "The operation to apply.", "enum": ["add", "subtract", "multiply", "divide"], "title": "Operation", "type": "string"}
			},
			"required": ["operation", "a", "b"]
		}
	}`, string(first.Tools[1]))
	for i, d := range defs {
		var tool struct {
			Name        string          `json:"name"`
			Description string          `json:"description"`
			InputSchema json.RawMessage `json:"input_schema"`
		}
		require.NoError(t, json.Unmarshal(first.Tools[i], &tool))
		assert.Equal(t, d.Name, tool.Name)
		assert.Equal(t, d.Description, tool.Description)
		assert.Equal(t, string(d.Parameters), string(tool.InputSchema), "schema of %s sent byte for byte", d.Name)
	}

	// The second request carries the assistant turn as it came, then one
	// user message of tool results, in call order, failures marked.
	var second struct {
		Messages []json.RawMessage `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(bodies[1], &second))
	require.Len(t, second.Messages, 3)
	assert.JSONEq(t, `{"role": "assistant", "content": [
		{"type": "text", "text": "Let me work that out."},
		{"type": "tool_use", "id": "toolu_01", "name": "COMPOSIO_CALCULATE", "input": {"operation": "multiply", "a": 6, "b": 7}},
		{"type": "tool_use", "id": "toolu_02", "name": "COMPOSIO_ALWAYS_FAIL", "input": {"reason": "the disk is full"}},
		{"type": "tool_use", "id": "toolu_03", "name": "COMPOSIO_CALCULATE", "input": {"operation": "power", "a": 2, "b": 8}}
	]}`, string(second.Messages[1]))
	assert.JSONEq(t, `{"role": "user", "content": [
		{"type": "tool_result", "tool_use_id": "toolu_01", "content": [{"type": "text", "text": "{\"data\":{\"result\":42}}"}]},
		{"type": "tool_result", "tool_use_id": "toolu_02", "is_error": true, "content": [{"type": "text", "text": "{\"error\":\"the disk is full\",\"data\":{\"attempted\":true}}"}]},
		{"type": "tool_result", "tool_use_id": "toolu_03", "is_error": true, "content": [{"type": "text", "text": `+jsonString(refused)+`}]}
	]}`, string(second.Messages[2]))

	// Composio ran each call once, for the set's user, at the version the
	// model saw.
	var executed []string
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			executed = append(executed, strings.TrimPrefix(r.Path, "/api/v3.1/tools/execute/"))
			assert.Contains(t, string(r.Body), `"user_id":"user_1"`)
			assert.Contains(t, string(r.Body), `"version":"20250901_00"`)
		}
	}
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL", "COMPOSIO_CALCULATE"}, executed)
}
