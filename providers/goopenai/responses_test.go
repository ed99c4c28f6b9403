package goopenaiprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	goopenaiprovider "github.com/ComposioHQ/composio-go/providers/goopenai"
	openai "github.com/sashabaranov/go-openai"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResponses_EndToEnd drives the real client's Responses API through
// ResponseTools and HandleResponse, carrying the conversation as input.
func TestResponses_EndToEnd(t *testing.T) {
	set, srv := toolSet(t)
	m := newScriptedModel(t)
	m.respFn = func(turn int, req responsesRequest) []map[string]any {
		if turn == 0 {
			return []map[string]any{
				{"type": "reasoning", "id": "rs_1", "summary": []any{}},
				functionCall(1, req.toolTaking("operation"), `{"operation":"multiply","a":6,"b":7}`),
				functionCall(2, req.toolTaking("reason"), `{"reason":"the disk is full"}`),
				{"type": "custom_tool_call", "id": "ctc_3", "call_id": "call_3", "name": "grammar", "input": "x"},
			}
		}
		var parts []string
		for _, it := range req.items() {
			if strings.HasSuffix(fmt.Sprint(it["type"]), "call_output") {
				parts = append(parts, fmt.Sprint(it["call_id"], "=", it["output"]))
			}
		}
		return []map[string]any{outputMessage(strings.Join(parts, " "))}
	}
	client := m.client()
	ctx := context.Background()

	input := []any{openai.ResponseInputMessage{Role: "user", Content: "What is 6 times 7?"}}
	req := openai.CreateResponseRequest{Model: model, Input: input, Tools: goopenaiprovider.ResponseTools(set)}
	resp, err := client.CreateResponse(ctx, req)
	require.NoError(t, err)
	outputs, err := goopenaiprovider.HandleResponse(ctx, set, resp)
	require.NoError(t, err)
	require.Len(t, outputs, 3)
	input = append(input, resp.Output...)
	for _, o := range outputs {
		input = append(input, o)
	}
	req.Input = input
	final, err := client.CreateResponse(ctx, req)
	require.NoError(t, err)
	none, err := goopenaiprovider.HandleResponse(ctx, set, final)
	require.NoError(t, err)
	assert.Empty(t, none)

	reqs := m.requests()
	require.Len(t, reqs, 2)
	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(reqs[0], &first))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, `{"type":"function","name":"COMPOSIO_CALCULATE","strict":false,
		"description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.",
		"parameters":{"type":"object","title":"CalculateRequest","required":["operation","a","b"],"properties":{
			"a":{"type":"number","title":"A","description":"The left operand."},
			"b":{"type":"number","title":"B","description":"The right operand."},
			"operation":{"type":"string","title":"Operation","description":"The operation to apply.","enum":["add","subtract","multiply","divide"]}}}}`,
		string(first.Tools[1]))
	for i, d := range set.Definitions() {
		assert.JSONEq(t, fmt.Sprintf(`{"type":"function","name":%q,"description":%q,"parameters":%s,"strict":false}`, d.Name, d.Description, d.Parameters),
			string(first.Tools[i]))
	}

	var second struct {
		Input json.RawMessage `json:"input"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	assert.JSONEq(t, `[
		{"role":"user","content":"What is 6 times 7?"},
		{"type":"reasoning","id":"rs_1","summary":[]},
		{"type":"function_call","id":"fc_1","call_id":"call_1","name":"COMPOSIO_CALCULATE","arguments":"{\"operation\":\"multiply\",\"a\":6,\"b\":7}","status":"completed"},
		{"type":"function_call","id":"fc_2","call_id":"call_2","name":"COMPOSIO_ALWAYS_FAIL","arguments":"{\"reason\":\"the disk is full\"}","status":"completed"},
		{"type":"custom_tool_call","id":"ctc_3","call_id":"call_3","name":"grammar","input":"x"},
		{"type":"function_call_output","call_id":"call_1","output":"{\"data\":{\"result\":42}}"},
		{"type":"function_call_output","call_id":"call_2","output":"{\"error\":\"the disk is full\",\"data\":{\"attempted\":true}}"},
		{"type":"custom_tool_call_output","call_id":"call_3","output":"{\"error\":\"goopenaiprovider: \\\"grammar\\\" is a custom tool, not a function; this tool set has function tools only\"}"}
	]`, string(second.Input))
	assert.True(t, strings.HasPrefix(final.GetOutputText(), `call_1={"data":{"result":42}} call_2={"error":"the disk is full"`), final.GetOutputText())
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")
}

func TestResponseTools_Strict(t *testing.T) {
	set, _ := toolSet(t)
	b, err := json.Marshal(goopenaiprovider.ResponseTools(set, goopenaiprovider.WithStrict()))
	require.NoError(t, err)
	var tools []json.RawMessage
	require.NoError(t, json.Unmarshal(b, &tools))
	require.Len(t, tools, 5)
	assert.JSONEq(t, `{"type":"function","name":"COMPOSIO_ALWAYS_FAIL","strict":true,
		"description":"Runs and reports failure (successful: false), for testing error handling.",
		"parameters":{"type":"object","title":"AlwaysFailRequest","additionalProperties":false,"required":["reason"],
			"properties":{"reason":{"type":["string","null"],"title":"Reason","description":"The failure message to report."}}}}`, string(tools[2]))
}

func TestHandleResponse(t *testing.T) {
	tests := []struct {
		name     string
		output   string
		want     string
		executed []string
	}{
		{"no calls", `[{"type":"message","id":"m","role":"assistant","status":"completed","content":[{"type":"output_text","text":"hi","annotations":[]}]}]`, `null`, nil},
		{"hosted tool left alone", `[{"type":"web_search_call","id":"ws","status":"completed","action":{"type":"search","query":"q"}},
			{"type":"function_call","call_id":"c1","name":"COMPOSIO_ECHO","arguments":"{\"message\":\"hi\"}"}]`,
			`[{"type":"function_call_output","call_id":"c1","output":"{\"data\":{\"echo\":{\"message\":\"hi\"}}}"}]`, []string{"COMPOSIO_ECHO"}},
		{"unknown tool", `[{"type":"function_call","call_id":"c1","name":"GMAIL_SEND_EMAIL","arguments":"{}"}]`,
			`[{"type":"function_call_output","call_id":"c1","output":<core GMAIL_SEND_EMAIL {}>}]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, srv := toolSet(t)
			srv.ResetRequests()
			var resp openai.CreateResponseResponse
			require.NoError(t, json.Unmarshal([]byte(`{"id":"resp_1","object":"response","model":"m","output":`+tt.output+`}`), &resp))
			items, err := goopenaiprovider.HandleResponse(context.Background(), set, resp)
			require.NoError(t, err)
			got, err := json.Marshal(items)
			require.NoError(t, err)
			want := strings.ReplaceAll(tt.want, "<core GMAIL_SEND_EMAIL {}>", jsonString(coreAnswer(t, set, "GMAIL_SEND_EMAIL", "{}")))
			assert.JSONEq(t, want, string(got))
			assert.Equal(t, tt.executed, executed(srv))
		})
	}
}

func TestHandleResponse_Errors(t *testing.T) {
	set, srv := toolSet(t)
	srv.ResetRequests()
	var resp openai.CreateResponseResponse
	require.NoError(t, json.Unmarshal([]byte(`{"id":"resp_1","output":[
		{"type":"function_call","call_id":"c1","name":"COMPOSIO_ECHO","arguments":"[1]"},
		{"type":"function_call","call_id":"c2","name":"COMPOSIO_ECHO","arguments":"{\"message\":\"b\"}"}]}`), &resp))

	items, err := goopenaiprovider.HandleResponse(context.Background(), nil, resp)
	require.Error(t, err)
	assert.Nil(t, items)

	// Malformed arguments are the model's to fix.
	items, err = goopenaiprovider.HandleResponse(context.Background(), set, resp)
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, openai.ResponseFunctionCallOutput{Type: "function_call_output", CallID: "c1", Output: coreAnswer(t, set, "COMPOSIO_ECHO", "[1]")}, items[0])
	assert.Equal(t, openai.ResponseFunctionCallOutput{Type: "function_call_output", CallID: "c2", Output: `{"data":{"echo":{"message":"b"}}}`}, items[1])
	assert.Equal(t, []string{"COMPOSIO_ECHO"}, executed(srv))

	// A cancelled context is the program's, and every call is still
	// answered.
	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items, err = goopenaiprovider.HandleResponse(ctx, set, resp)
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, items, 2)
	for i, it := range items {
		assert.Equal(t, fmt.Sprintf("c%d", i+1), it.CallID)
		assertFailure(t, it.Output.(string))
	}
	assert.Empty(t, executed(srv))
}
