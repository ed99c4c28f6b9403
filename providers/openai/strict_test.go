package openaiprovider_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alwaysFailStrictSchema is COMPOSIO_ALWAYS_FAIL's schema in strict form:
// closed, every property required, the optional "reason" nullable.
const alwaysFailStrictSchema = `{"type":"object","title":"AlwaysFailRequest","additionalProperties":false,"required":["reason"],
	"properties":{"reason":{"type":["string","null"],"title":"Reason","description":"The failure message to report."}}}`

// executeBody returns the body of the fake's only execution of slug.
func executeBody(t *testing.T, srv *composiotest.Server, slug string) string {
	t.Helper()
	var bodies []string
	for _, r := range srv.Requests() {
		if r.Path == "/api/v3.1/tools/execute/"+slug {
			bodies = append(bodies, string(r.Body))
		}
	}
	require.Len(t, bodies, 1)
	return bodies[0]
}

// TestRunChat_Strict: strict tools on the wire, and the null a strict
// model sends for an optional property is dropped before the tool runs.
func TestRunChat_Strict(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.chat = func(turn int, req chatRequest) chatAnswer {
		if turn == 0 {
			return chatAnswer{ToolCalls: []scriptedCall{{"call_1", req.toolTaking("reason"), `{"reason":null}`}}}
		}
		return chatAnswer{Content: req.content(len(req.Messages) - 1)}
	}
	final, _, err := openaiprovider.RunChat(context.Background(), model.client(), set, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("fail")},
	}, openaiprovider.WithStrict())
	require.NoError(t, err)
	assert.Equal(t, `{"error":"This tool always fails.","data":{"attempted":true}}`, final.Choices[0].Message.Content)
	assert.JSONEq(t, `{}`, argumentsOf(t, executeBody(t, srv, "COMPOSIO_ALWAYS_FAIL")))

	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(model.requests()[0], &first))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, `{"type":"function","function":{"name":"COMPOSIO_ALWAYS_FAIL","strict":true,
		"description":"Runs and reports failure (successful: false), for testing error handling.",
		"parameters":`+alwaysFailStrictSchema+`}}`, string(first.Tools[2]))
	for i, d := range set.Definitions().Strict() {
		var tool struct {
			Function struct {
				Strict     bool            `json:"strict"`
				Parameters json.RawMessage `json:"parameters"`
			} `json:"function"`
		}
		require.NoError(t, json.Unmarshal(first.Tools[i], &tool))
		assert.Equal(t, d.IsStrict, tool.Function.Strict, d.Name)
		assert.JSONEq(t, string(d.Parameters), string(tool.Function.Parameters), d.Name)
	}
}

func TestRunResponses_Strict(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.respFn = func(turn int, req responsesRequest) []map[string]any {
		if turn == 0 {
			return []map[string]any{functionCall(1, req.toolTaking("reason"), `{"reason":null}`)}
		}
		items := req.items()
		out, _ := items[len(items)-1]["output"].(string)
		return []map[string]any{outputMessage(out)}
	}
	final, _, err := openaiprovider.RunResponses(context.Background(), model.client(), set, responses.ResponseNewParams{
		Model: openai.ChatModelGPT5_4Mini,
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("fail")},
	}, openaiprovider.WithStrict())
	require.NoError(t, err)
	assert.Equal(t, `{"error":"This tool always fails.","data":{"attempted":true}}`, final.OutputText())
	assert.JSONEq(t, `{}`, argumentsOf(t, executeBody(t, srv, "COMPOSIO_ALWAYS_FAIL")))

	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(model.requests()[0], &first))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, `{"type":"function","name":"COMPOSIO_ALWAYS_FAIL","strict":true,
		"description":"Runs and reports failure (successful: false), for testing error handling.",
		"parameters":`+alwaysFailStrictSchema+`}`, string(first.Tools[2]))
	for _, raw := range first.Tools {
		assert.True(t, strings.Contains(string(raw), `"strict":true`), string(raw))
	}
}

// argumentsOf returns the "arguments" member of an execute request body.
func argumentsOf(t *testing.T, body string) string {
	t.Helper()
	var b struct {
		Arguments json.RawMessage `json:"arguments"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &b))
	return string(b.Arguments)
}
