package openaiprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// calculateResponsesTool is COMPOSIO_CALCULATE in the exact Responses shape.
const calculateResponsesTool = `{"type":"function","name":"COMPOSIO_CALCULATE","strict":false,
	"description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.",
	"parameters":{"type":"object","title":"CalculateRequest","required":["operation","a","b"],"properties":{
		"a":{"type":"number","title":"A","description":"The left operand."},
		"b":{"type":"number","title":"B","description":"The right operand."},
		"operation":{"type":"string","title":"Operation","description":"The operation to apply.","enum":["add","subtract","multiply","divide"]}}}}`

// multiplyAndFailResponses is multiplyAndFail for the Responses API: the
// calls first, then a message quoting each function_call_output.
func multiplyAndFailResponses(turn int, req responsesRequest) []map[string]any {
	if turn == 0 {
		return []map[string]any{
			{"type": "reasoning", "id": "rs_1", "summary": []any{}},
			functionCall(1, req.toolTaking("operation"), `{"operation":"multiply","a":6,"b":7}`),
			functionCall(2, req.toolTaking("reason"), `{"reason":"the disk is full"}`),
			functionCall(3, "NO_SUCH_TOOL", `{}`),
		}
	}
	var parts []string
	for _, it := range req.items() {
		if it["type"] == "function_call_output" {
			parts = append(parts, fmt.Sprint(it["call_id"], "=", it["output"]))
		}
	}
	return []map[string]any{outputMessage(strings.Join(parts, " "))}
}

// wantOutputs are the function_call_output items answering the calls of
// multiplyAndFailResponses.
func wantOutputs(t *testing.T, set *composio.ToolSet) string {
	return `
	{"type":"function_call_output","call_id":"call_1","output":"{\"data\":{\"result\":42}}"},
	{"type":"function_call_output","call_id":"call_2","output":"{\"error\":\"the disk is full\",\"data\":{\"attempted\":true}}"},
	{"type":"function_call_output","call_id":"call_3","output":` + jsonString(coreAnswer(t, set, "NO_SUCH_TOOL", "{}")) + `}`
}

// TestResponses_EndToEnd drives the real client through the building
// blocks, continuing with PreviousResponseID.
func TestResponses_EndToEnd(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.respFn = multiplyAndFailResponses
	client := model.client()
	ctx := context.Background()

	params := responses.ResponseNewParams{
		Model: openai.ChatModelGPT5_4Mini,
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("What is 6 times 7?")},
		Tools: openaiprovider.ResponsesTools(set),
	}
	resp, err := client.Responses.New(ctx, params)
	require.NoError(t, err)
	outputs, err := openaiprovider.HandleResponse(ctx, set, resp)
	require.NoError(t, err)
	require.Len(t, outputs, 3)
	params.PreviousResponseID = openai.String(resp.ID)
	params.Input = responses.ResponseNewParamsInputUnion{OfInputItemList: outputs}
	final, err := client.Responses.New(ctx, params)
	require.NoError(t, err)
	none, err := openaiprovider.HandleResponse(ctx, set, final)
	require.NoError(t, err)
	assert.Empty(t, none)

	reqs := model.requests()
	require.Len(t, reqs, 2)
	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(reqs[0], &first))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, calculateResponsesTool, string(first.Tools[1]))
	for i, d := range set.Definitions() {
		assert.JSONEq(t, fmt.Sprintf(`{"type":"function","name":%q,"description":%q,"parameters":%s,"strict":false}`, d.Name, d.Description, d.Parameters),
			string(first.Tools[i]))
	}

	var second struct {
		Input              json.RawMessage `json:"input"`
		PreviousResponseID string          `json:"previous_response_id"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	assert.Equal(t, "resp_1", second.PreviousResponseID)
	assert.JSONEq(t, `[`+wantOutputs(t, set)+`]`, string(second.Input))

	assert.Equal(t, `call_1={"data":{"result":42}} call_2={"error":"the disk is full","data":{"attempted":true}} call_3=`+coreAnswer(t, set, "NO_SUCH_TOOL", "{}"),
		final.OutputText())
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")
}

// TestRunResponses: the loop sends the whole run as input, the response's
// items exactly as they came, then the outputs.
func TestRunResponses(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.respFn = multiplyAndFailResponses

	final, input, err := openaiprovider.RunResponses(context.Background(), model.client(), set, responses.ResponseNewParams{
		Model:        openai.ChatModelGPT5_4Mini,
		Instructions: openai.String("Be brief."),
		Input:        responses.ResponseNewParamsInputUnion{OfString: openai.String("What is 6 times 7?")},
	})
	require.NoError(t, err)
	assert.Equal(t, "resp_2", final.ID)
	assert.True(t, strings.HasPrefix(final.OutputText(), `call_1={"data":{"result":42}}`))
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")

	reqs := model.requests()
	require.Len(t, reqs, 2)
	wantSecond := `[
		{"role":"user","content":"What is 6 times 7?"},
		{"type":"reasoning","id":"rs_1","summary":[]},
		{"type":"function_call","id":"fc_1","call_id":"call_1","name":"COMPOSIO_CALCULATE","arguments":"{\"operation\":\"multiply\",\"a\":6,\"b\":7}","status":"completed"},
		{"type":"function_call","id":"fc_2","call_id":"call_2","name":"COMPOSIO_ALWAYS_FAIL","arguments":"{\"reason\":\"the disk is full\"}","status":"completed"},
		{"type":"function_call","id":"fc_3","call_id":"call_3","name":"NO_SUCH_TOOL","arguments":"{}","status":"completed"},` + wantOutputs(t, set) + `]`
	for i, r := range reqs {
		var body struct {
			Input              json.RawMessage   `json:"input"`
			Tools              []json.RawMessage `json:"tools"`
			Instructions       string            `json:"instructions"`
			PreviousResponseID *string           `json:"previous_response_id"`
		}
		require.NoError(t, json.Unmarshal(r, &body))
		assert.Len(t, body.Tools, 5)
		assert.Equal(t, "Be brief.", body.Instructions)
		assert.Nil(t, body.PreviousResponseID)
		if i == 0 {
			assert.JSONEq(t, `[{"role":"user","content":"What is 6 times 7?"}]`, string(body.Input))
		} else {
			assert.JSONEq(t, wantSecond, string(body.Input))
		}
	}
	// The input returned is the second request's and the final message.
	got, err := json.Marshal(input)
	require.NoError(t, err)
	msg, err := json.Marshal(outputMessage(final.OutputText()))
	require.NoError(t, err)
	assert.JSONEq(t, strings.TrimSuffix(wantSecond, "]")+","+string(msg)+"]", string(got))
}

// TestRunResponses_Conversation: in a conversation only new items are sent.
func TestRunResponses_Conversation(t *testing.T) {
	set, _ := toolSet(t)
	model := newScriptedModel(t)
	model.respFn = multiplyAndFailResponses
	_, _, err := openaiprovider.RunResponses(context.Background(), model.client(), set, responses.ResponseNewParams{
		Model:        openai.ChatModelGPT5_4Mini,
		Conversation: responses.ResponseNewParamsConversationUnion{OfString: openai.String("conv_1")},
		Input: responses.ResponseNewParamsInputUnion{OfInputItemList: responses.ResponseInputParam{
			responses.ResponseInputItemParamOfMessage("What is 6 times 7?", responses.EasyInputMessageRoleUser)}},
	})
	require.NoError(t, err)
	reqs := model.requests()
	require.Len(t, reqs, 2)
	var second struct {
		Input        json.RawMessage `json:"input"`
		Conversation string          `json:"conversation"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	assert.Equal(t, "conv_1", second.Conversation)
	assert.JSONEq(t, `[`+wantOutputs(t, set)+`]`, string(second.Input))
}

func TestRunResponses_MaxTurns(t *testing.T) {
	set, _ := toolSet(t)
	model := newScriptedModel(t)
	model.respFn = func(turn int, req responsesRequest) []map[string]any {
		return []map[string]any{functionCall(turn+1, req.toolTaking("message"), `{"message":"again"}`)}
	}
	final, input, err := openaiprovider.RunResponses(context.Background(), model.client(), set, responses.ResponseNewParams{
		Model: openai.ChatModelGPT5_4Mini,
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("loop")},
	}, openaiprovider.WithMaxTurns(2))
	require.ErrorIs(t, err, openaiprovider.ErrMaxTurns)
	assert.Equal(t, "resp_2", final.ID)
	assert.Len(t, model.requests(), 2)
	assert.Len(t, input, 1+2*2)
}

func TestRunResponses_ModelError(t *testing.T) {
	set, _ := toolSet(t)
	model := newScriptedModel(t)
	client := openai.NewClient(optionsFor(model, "wrong-key")...)
	_, input, err := openaiprovider.RunResponses(context.Background(), client, set, responses.ResponseNewParams{
		Model: openai.ChatModelGPT5_4Mini,
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("hello")},
	})
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Len(t, input, 1)

	_, _, err = openaiprovider.RunResponses(context.Background(), client, nil, responses.ResponseNewParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
}

// response decodes a Responses answer with the given output items.
func response(t *testing.T, output string) *responses.Response {
	t.Helper()
	var r responses.Response
	require.NoError(t, json.Unmarshal([]byte(`{"id":"resp_1","object":"response","status":"completed","model":"m","output":`+output+`}`), &r))
	return &r
}

func TestHandleResponse(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		output   string
		want     string // the items, as JSON
		executed []string
	}{
		{"no calls", `[{"type":"message","id":"m","role":"assistant","status":"completed","content":[{"type":"output_text","text":"hi","annotations":[]}]}]`, `null`, nil},
		{"hosted tool and reasoning left alone", `[{"type":"reasoning","id":"rs","summary":[]},{"type":"web_search_call","id":"ws","status":"completed","action":{"type":"search","query":"q"}},
			{"type":"function_call","call_id":"c1","name":"COMPOSIO_ECHO","arguments":"{\"message\":\"hi\"}"}]`,
			`[{"type":"function_call_output","call_id":"c1","output":"{\"data\":{\"echo\":{\"message\":\"hi\"}}}"}]`, []string{"COMPOSIO_ECHO"}},
		{"unknown tool", `[{"type":"function_call","call_id":"c1","name":"GMAIL_SEND_EMAIL","arguments":"{}"}]`,
			`[{"type":"function_call_output","call_id":"c1","output":<core GMAIL_SEND_EMAIL {}>}]`, nil},
		{"custom tool call", `[{"type":"custom_tool_call","call_id":"c1","name":"grammar","input":"x"}]`,
			`[{"type":"custom_tool_call_output","call_id":"c1","output":"{\"error\":\"openaiprovider: \\\"grammar\\\" is not a function tool; this tool set has function tools only\"}"}]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, srv := toolSet(t)
			srv.ResetRequests()
			items, err := openaiprovider.HandleResponse(ctx, set, response(t, tt.output))
			require.NoError(t, err)
			got, err := json.Marshal(items)
			require.NoError(t, err)
			want := strings.ReplaceAll(tt.want, "<core GMAIL_SEND_EMAIL {}>", jsonString(coreAnswer(t, set, "GMAIL_SEND_EMAIL", "{}")))
			assert.JSONEq(t, want, string(got))
			assert.Equal(t, tt.executed, executed(srv))
		})
	}
}

func TestHandleResponse_MalformedArguments(t *testing.T) {
	set, srv := toolSet(t)
	srv.ResetRequests()
	items, err := openaiprovider.HandleResponse(context.Background(), set, response(t,
		`[{"type":"function_call","call_id":"c1","name":"COMPOSIO_ECHO","arguments":"[1]"}]`))
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.Equal(t, "c1", items[0].OfFunctionCallOutput.CallID.Value)
	assert.Equal(t, coreAnswer(t, set, "COMPOSIO_ECHO", "[1]"), items[0].OfFunctionCallOutput.Output.OfString.Value)
	assert.Empty(t, executed(srv))
}

func TestHandleResponse_Errors(t *testing.T) {
	set, srv := toolSet(t)
	_, err := openaiprovider.HandleResponse(context.Background(), set, nil)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "resp")

	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items, err := openaiprovider.HandleResponse(ctx, set, response(t, `[
		{"type":"function_call","call_id":"c1","name":"COMPOSIO_ECHO","arguments":"{\"message\":\"a\"}"},
		{"type":"function_call","call_id":"c2","name":"COMPOSIO_ECHO","arguments":"{\"message\":\"b\"}"}]`))
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, items, 2)
	for i, it := range items {
		assert.Equal(t, fmt.Sprintf("c%d", i+1), it.OfFunctionCallOutput.CallID.Value)
		assertFailure(t, it.OfFunctionCallOutput.Output.OfString.Value)
	}
	assert.Empty(t, executed(srv))
}

// TestResponseInput: output items go back as input byte for byte.
func TestResponseInput(t *testing.T) {
	output := `[{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"abc"},
		{"type":"function_call","id":"fc_1","call_id":"c1","name":"X","arguments":"{}","status":"completed","namespace":"n"},
		{"type":"message","id":"m","role":"assistant","status":"completed","content":[{"type":"output_text","text":"hi","annotations":[]}]}]`
	got, err := json.Marshal(openaiprovider.ResponseInput(response(t, output)))
	require.NoError(t, err)
	assert.JSONEq(t, output, string(got))
	assert.Nil(t, openaiprovider.ResponseInput(nil))
}
