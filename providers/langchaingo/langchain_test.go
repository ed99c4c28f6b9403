package langchainprovider

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/openai"
)

// The tools of the fake's "composio" toolkit as LangChainGo's openai client
// sends them: the schemas unchanged, no strict flag.
const composioToolsJSON = `[
{"type":"function","function":{"name":"COMPOSIO_ECHO","description":"Returns its arguments unchanged.",
 "parameters":{"properties":{"message":{"description":"Text to echo back.","examples":["hello"],"title":"Message","type":"string"}},"required":["message"],"title":"EchoRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_CALCULATE","description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.",
 "parameters":{"properties":{"a":{"description":"The left operand.","title":"A","type":"number"},"b":{"description":"The right operand.","title":"B","type":"number"},"operation":{"description":"The operation to apply.","enum":["add","subtract","multiply","divide"],"title":"Operation","type":"string"}},"required":["operation","a","b"],"title":"CalculateRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_ALWAYS_FAIL","description":"Runs and reports failure (successful: false), for testing error handling.",
 "parameters":{"properties":{"reason":{"description":"The failure message to report.","title":"Reason","type":"string"}},"required":[],"title":"AlwaysFailRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_SLEEP","description":"Waits the given number of milliseconds (at most 10000), then answers; for testing timeouts.",
 "parameters":{"properties":{"milliseconds":{"description":"How long to wait.","maximum":10000,"minimum":0,"title":"Milliseconds","type":"integer"}},"required":["milliseconds"],"title":"SleepRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_GET_CURRENT_TIME","description":"Returns the current time in UTC.",
 "parameters":{"properties":{},"required":[],"title":"GetCurrentTimeRequest","type":"object"}}}
]`

// The script of the tests: a calculation, a tool that fails, and a name
// that is no tool of the set.
var (
	callCalc    = scriptedCall{id: "call_calc", name: "COMPOSIO_CALCULATE", args: `{"operation":"multiply","a":6,"b":7}`}
	callFail    = scriptedCall{id: "call_fail", name: "COMPOSIO_ALWAYS_FAIL", args: `{"reason":"out of paper"}`}
	callUnknown = scriptedCall{id: "call_unknown", name: "COMPOSIO_NOT_A_TOOL", args: `{}`, force: true}
)

func toolSet(t *testing.T, srv *composiotest.Server) *composio.ToolSet {
	t.Helper()
	set, err := srv.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	require.Len(t, set.Definitions(), 5)
	return set
}

func newLLM(t *testing.T, m *chatModel) *openai.LLM {
	t.Helper()
	llm, err := openai.New(openai.WithBaseURL(m.srv.URL), openai.WithToken("test"), openai.WithModel("gpt-4o-mini"))
	require.NoError(t, err)
	return llm
}

// field returns one top-level member of a recorded request body.
func field(t *testing.T, body []byte, name string) string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &m))
	return string(m[name])
}

// executions returns the tool executions the fake received: slug and body.
func executions(srv *composiotest.Server) map[string]string {
	out := map[string]string{}
	for _, r := range srv.Requests() {
		if slug, ok := strings.CutPrefix(r.Path, "/api/v3.1/tools/execute/"); ok {
			out[slug] = string(r.Body)
		}
	}
	return out
}

func TestToolCallLoopThroughOpenAIClient(t *testing.T) {
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	model := newChatModel(t, callCalc, callFail, callUnknown)
	llm := newLLM(t, model)

	history := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "What is 6 times 7?")}
	resp, err := llm.GenerateContent(ctx, history, llms.WithTools(Tools(set)))
	require.NoError(t, err)
	require.Len(t, resp.Choices, 1)
	require.Len(t, resp.Choices[0].ToolCalls, 3)

	msgs, err := HandleToolCalls(ctx, set, resp.Choices[0])
	require.NoError(t, err)
	require.Len(t, msgs, 4) // the model's turn, then one tool message per call
	history = append(history, msgs...)

	resp, err = llm.GenerateContent(ctx, history, llms.WithTools(Tools(set)))
	require.NoError(t, err)
	assert.Equal(t, "6 times 7 is 42.", resp.Choices[0].Content)
	assert.Empty(t, resp.Choices[0].ToolCalls)

	reqs := model.requests()
	require.Len(t, reqs, 2)
	assert.JSONEq(t, composioToolsJSON, field(t, reqs[0], "tools"))
	assert.JSONEq(t, `[{"role":"user","content":"What is 6 times 7?"}]`, field(t, reqs[0], "messages"))
	// The next request carries the model's tool calls and a result for
	// each, paired by call id; the failures are results the model reads.
	// (The unknown name's text is the tool set's own.)
	results, err := set.Handle(ctx, []composio.ToolCall{{Name: "COMPOSIO_NOT_A_TOOL"}})
	require.NoError(t, err)
	require.True(t, results[0].IsError)
	unknownJSON, err := json.Marshal(results[0].Content)
	require.NoError(t, err)
	unknown := string(unknownJSON)
	assert.JSONEq(t, `[
{"role":"user","content":"What is 6 times 7?"},
{"role":"assistant","content":"","tool_calls":[
 {"id":"call_calc","type":"function","function":{"name":"COMPOSIO_CALCULATE","arguments":"{\"operation\":\"multiply\",\"a\":6,\"b\":7}"}},
 {"id":"call_fail","type":"function","function":{"name":"COMPOSIO_ALWAYS_FAIL","arguments":"{\"reason\":\"out of paper\"}"}},
 {"id":"call_unknown","type":"function","function":{"name":"COMPOSIO_NOT_A_TOOL","arguments":"{}"}}]},
{"role":"tool","content":"{\"data\":{\"result\":42}}","tool_call_id":"call_calc"},
{"role":"tool","content":"{\"error\":\"out of paper\",\"data\":{\"attempted\":true}}","tool_call_id":"call_fail"},
{"role":"tool","content":`+unknown+`,"tool_call_id":"call_unknown"}
]`, field(t, reqs[1], "messages"))

	// Composio ran the two tools of the set once each, for the set's user,
	// at the version whose schema the model saw.
	execs := executions(srv)
	require.Len(t, execs, 2)
	assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{"operation":"multiply","a":6,"b":7}}`, execs["COMPOSIO_CALCULATE"])
	assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{"reason":"out of paper"}}`, execs["COMPOSIO_ALWAYS_FAIL"])
}

func TestRunThroughOpenAIClient(t *testing.T) {
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	model := newChatModel(t, callCalc)
	in := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "What is 6 times 7?")}

	history, choice, err := Run(ctx, newLLM(t, model), set, in, 4, llms.WithTemperature(0), llms.WithTools(StrictTools(set)))
	require.NoError(t, err)
	assert.Equal(t, "6 times 7 is 42.", choice.Content)
	assert.Len(t, in, 1, "the caller's messages are not changed")
	// user, the model's turn, the tool result, the answer.
	require.Len(t, history, 4)
	assert.Equal(t, llms.ChatMessageTypeAI, history[1].Role)
	assert.Equal(t, llms.MessageContent{Role: llms.ChatMessageTypeTool, Parts: []llms.ContentPart{
		llms.ToolCallResponse{ToolCallID: "call_calc", Name: "COMPOSIO_CALCULATE", Content: `{"data":{"result":42}}`},
	}}, history[2])
	assert.Equal(t, llms.TextParts(llms.ChatMessageTypeAI, "6 times 7 is 42."), history[3])

	reqs := model.requests()
	require.Len(t, reqs, 2)
	// The caller's options follow Run's: here the strict tools replace the
	// default ones, on every turn.
	assert.JSONEq(t, strictToolsJSON, field(t, reqs[0], "tools"))
	assert.JSONEq(t, strictToolsJSON, field(t, reqs[1], "tools"))
	assert.Equal(t, "0", field(t, reqs[1], "temperature"), "the caller's options are sent")
}

func TestRunStopsAfterMaxTurns(t *testing.T) {
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	model := newChatModel(t, callCalc)
	model.always = true
	in := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "loop")}

	history, choice, err := Run(context.Background(), newLLM(t, model), set, in, 2)
	require.ErrorIs(t, err, ErrMaxTurns)
	assert.Nil(t, choice)
	assert.Len(t, history, 5) // user, then (turn, result) twice
	require.Len(t, model.requests(), 2)
	assert.JSONEq(t, composioToolsJSON, field(t, model.requests()[1], "tools"), "Run sends Tools(set) by default")
	assert.Len(t, executions(srv), 1)

	_, _, err = Run(context.Background(), newLLM(t, model), set, in, 0)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "maxTurns")
}

func TestRunReturnsModelError(t *testing.T) {
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	model := newChatModel(t)
	// An empty conversation is refused by the scripted model (400).
	_, _, err := Run(context.Background(), newLLM(t, model), set, nil, 2)
	require.Error(t, err)
	assert.Empty(t, executions(srv))
}

func TestHandleToolCallsProgramFault(t *testing.T) {
	srv := composiotest.NewServer(t)
	// One call at a time, so that the refused key meets the first call.
	set, err := toolSet(t, srv).With(composio.WithConcurrency(1))
	require.NoError(t, err)
	srv.FailNext(1, http.StatusUnauthorized)
	choice := &llms.ContentChoice{ToolCalls: []llms.ToolCall{
		{ID: "c1", Type: "function", FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":1,"b":2}`}},
		{ID: "c2", Type: "function", FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_ECHO", Arguments: `{"message":"hi"}`}},
	}}

	msgs, err := HandleToolCalls(context.Background(), set, choice)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	// The messages still pair every call with a result the model can read.
	require.Len(t, msgs, 3)
	for i, id := range []string{"c1", "c2"} {
		require.Len(t, msgs[i+1].Parts, 1)
		part := msgs[i+1].Parts[0].(llms.ToolCallResponse)
		assert.Equal(t, id, part.ToolCallID)
		assert.Contains(t, part.Content, `{"error":`)
	}
	assert.Equal(t, `{"error":"composio: the tool call did not run"}`, msgs[2].Parts[0].(llms.ToolCallResponse).Content)
	assert.Empty(t, executions(srv)["COMPOSIO_ECHO"], "no call starts after a program fault")
}

func TestHandleToolCallsWithoutCalls(t *testing.T) {
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	for _, choice := range []*llms.ContentChoice{nil, {Content: "done"}} {
		msgs, err := HandleToolCalls(context.Background(), set, choice)
		require.NoError(t, err)
		assert.Nil(t, msgs)
	}
	assert.Empty(t, executions(srv))
}

func TestAssistantMessage(t *testing.T) {
	call := llms.ToolCall{ID: "c1", FunctionCall: &llms.FunctionCall{Name: "X", Arguments: "{}"}}
	got := AssistantMessage(&llms.ContentChoice{Content: "Let me check.", ToolCalls: []llms.ToolCall{call}})
	call.Type = "function"
	assert.Equal(t, llms.MessageContent{Role: llms.ChatMessageTypeAI, Parts: []llms.ContentPart{
		llms.TextContent{Text: "Let me check."}, call,
	}}, got)
	assert.Equal(t, llms.MessageContent{Role: llms.ChatMessageTypeAI}, AssistantMessage(nil))
}

func TestToolCallsConversion(t *testing.T) {
	got := ToolCalls([]llms.ToolCall{
		{ID: "a", FunctionCall: &llms.FunctionCall{Name: "N", Arguments: `{"x":1}`}},
		{ID: "b"}, // no function: an unknown tool for Handle
	})
	assert.Equal(t, []composio.ToolCall{{ID: "a", Name: "N", Arguments: `{"x":1}`}, {ID: "b"}}, got)
}

func TestToolKeepsSchemaAndCutsDescription(t *testing.T) {
	long := strings.Repeat("é", 1100)
	got := tool(composio.FunctionDefinition{Name: "T", Description: long,
		Parameters: json.RawMessage(`{"type":"object","properties":{"n":{"type":"integer","maximum":12345678901234567890}}}`)})
	assert.Equal(t, "function", got.Type)
	assert.Equal(t, "T", got.Function.Name)
	assert.Equal(t, strings.Repeat("é", 1024), got.Function.Description)
	assert.False(t, got.Function.Strict)
	params, ok := got.Function.Parameters.(map[string]any)
	require.True(t, ok, "a map, as the googleai backend requires")
	b, err := json.Marshal(params)
	require.NoError(t, err)
	assert.Equal(t, `{"properties":{"n":{"maximum":12345678901234567890,"type":"integer"}},"type":"object"}`, string(b))

	bad := tool(composio.FunctionDefinition{Name: "U", Parameters: json.RawMessage(`[1]`)})
	assert.Equal(t, map[string]any{"type": "object", "properties": map[string]any{}}, bad.Function.Parameters)
}

func TestToolMessages(t *testing.T) {
	got := ToolMessages([]composio.ToolResult{
		{CallID: "a", Name: "A", Content: `{"data":1}`},
		{CallID: "b", Name: "B", IsError: true, Content: `{"error":"no"}`},
		{CallID: "c", Name: "C", Err: composio.ErrToolNotRun},
	})
	want := []llms.MessageContent{
		{Role: llms.ChatMessageTypeTool, Parts: []llms.ContentPart{llms.ToolCallResponse{ToolCallID: "a", Name: "A", Content: `{"data":1}`}}},
		{Role: llms.ChatMessageTypeTool, Parts: []llms.ContentPart{llms.ToolCallResponse{ToolCallID: "b", Name: "B", Content: `{"error":"no"}`}}},
		{Role: llms.ChatMessageTypeTool, Parts: []llms.ContentPart{llms.ToolCallResponse{ToolCallID: "c", Name: "C", Content: `{"error":"the tool did not run"}`}}},
	}
	assert.Equal(t, want, got)
}

func TestHandleToolCallsContextEnded(t *testing.T) {
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	msgs, err := HandleToolCalls(ctx, set, &llms.ContentChoice{ToolCalls: []llms.ToolCall{
		{ID: "c1", FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_ECHO", Arguments: `{"message":"hi"}`}},
	}})
	require.True(t, errors.Is(err, context.Canceled), "got %v", err)
	require.Len(t, msgs, 2)
	assert.Equal(t, "c1", msgs[1].Parts[0].(llms.ToolCallResponse).ToolCallID)
}

// The same tools in OpenAI's strict form: closed objects, every property
// required, the optional ones nullable, "examples" dropped.
const strictToolsJSON = `[
{"type":"function","function":{"name":"COMPOSIO_ECHO","description":"Returns its arguments unchanged.","strict":true,
 "parameters":{"additionalProperties":false,"properties":{"message":{"description":"Text to echo back.","title":"Message","type":"string"}},"required":["message"],"title":"EchoRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_CALCULATE","description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.","strict":true,
 "parameters":{"additionalProperties":false,"properties":{"a":{"description":"The left operand.","title":"A","type":"number"},"b":{"description":"The right operand.","title":"B","type":"number"},"operation":{"description":"The operation to apply.","enum":["add","subtract","multiply","divide"],"title":"Operation","type":"string"}},"required":["a","b","operation"],"title":"CalculateRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_ALWAYS_FAIL","description":"Runs and reports failure (successful: false), for testing error handling.","strict":true,
 "parameters":{"additionalProperties":false,"properties":{"reason":{"description":"The failure message to report.","title":"Reason","type":["string","null"]}},"required":["reason"],"title":"AlwaysFailRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_SLEEP","description":"Waits the given number of milliseconds (at most 10000), then answers; for testing timeouts.","strict":true,
 "parameters":{"additionalProperties":false,"properties":{"milliseconds":{"description":"How long to wait.","maximum":10000,"minimum":0,"title":"Milliseconds","type":"integer"}},"required":["milliseconds"],"title":"SleepRequest","type":"object"}}},
{"type":"function","function":{"name":"COMPOSIO_GET_CURRENT_TIME","description":"Returns the current time in UTC.","strict":true,
 "parameters":{"additionalProperties":false,"properties":{},"required":[],"title":"GetCurrentTimeRequest","type":"object"}}}
]`

func TestStrictToolsThroughOpenAIClient(t *testing.T) {
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	// A strict model sends null for an optional property it leaves out.
	model := newChatModel(t, scriptedCall{id: "call_fail", name: "COMPOSIO_ALWAYS_FAIL", args: `{"reason":null}`})
	llm := newLLM(t, model)
	history := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "Fail, please.")}
	resp, err := llm.GenerateContent(ctx, history, llms.WithTools(StrictTools(set)))
	require.NoError(t, err)
	reqs := model.requests()
	require.Len(t, reqs, 1)
	assert.JSONEq(t, strictToolsJSON, field(t, reqs[0], "tools"))

	msgs, err := HandleToolCalls(ctx, set, resp.Choices[0])
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	assert.Equal(t, llms.ToolCallResponse{ToolCallID: "call_fail", Name: "COMPOSIO_ALWAYS_FAIL",
		Content: `{"error":"This tool always fails.","data":{"attempted":true}}`}, msgs[1].Parts[0])
	// The null went no further than Handle.
	assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{}}`, executions(srv)["COMPOSIO_ALWAYS_FAIL"])
}
