package openaiprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// calculateChatTool is COMPOSIO_CALCULATE of the fake's catalog in the exact
// Chat Completions shape.
const calculateChatTool = `{"type":"function","function":{"name":"COMPOSIO_CALCULATE",
	"description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.",
	"parameters":{"type":"object","title":"CalculateRequest","required":["operation","a","b"],"properties":{
		"a":{"type":"number","title":"A","description":"The left operand."},
		"b":{"type":"number","title":"B","description":"The right operand."},
		"operation":{"type":"string","title":"Operation","description":"The operation to apply.","enum":["add","subtract","multiply","divide"]}}}}}`

// toolSet is the "composio" toolkit of a fresh fake, for user_1.
func toolSet(t *testing.T, opts ...composio.ToolSetOption) (*composio.ToolSet, *composiotest.Server) {
	t.Helper()
	srv := composiotest.NewServer(t)
	set, err := srv.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}}, opts...)
	require.NoError(t, err)
	return set, srv
}

// executed lists the tools the fake ran, in order.
func executed(srv *composiotest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if slug, ok := strings.CutPrefix(r.Path, "/api/v3.1/tools/execute/"); ok {
			out = append(out, slug)
		}
	}
	return out
}

// coreAnswer returns what set.Handle answers to a call that runs nothing
// (an unknown tool, unreadable arguments). The provider passes the core's
// words through untouched, so the tests take them from the core.
func coreAnswer(t *testing.T, set *composio.ToolSet, name, args string) string {
	t.Helper()
	res, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "probe", Name: name, Arguments: args}})
	require.NoError(t, err)
	require.Len(t, res, 1)
	require.True(t, res[0].IsError, res[0].Content)
	return res[0].Content
}

// jsonString is s as a JSON string literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// assertFailure checks that content is the JSON document of a failure.
func assertFailure(t *testing.T, content string) {
	t.Helper()
	var doc struct {
		Error string `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(content), &doc), content)
	assert.NotEmpty(t, doc.Error, content)
}

// multiplyAndFail is a two-turn chat script: first it multiplies 6 by 7
// with the tool taking an "operation", makes the tool taking a "reason"
// fail, and calls a tool that does not exist, all in one answer; then it
// reports what the tool messages said.
func multiplyAndFail(turn int, req chatRequest) chatAnswer {
	if turn == 0 {
		return chatAnswer{ToolCalls: []scriptedCall{
			{"call_1", req.toolTaking("operation"), `{"operation":"multiply","a":6,"b":7}`},
			{"call_2", req.toolTaking("reason"), `{"reason":"the disk is full"}`},
			{"call_3", "NO_SUCH_TOOL", `{}`},
		}}
	}
	var parts []string
	for i, m := range req.Messages {
		if m.Role == "tool" {
			parts = append(parts, m.ToolCallID+"="+req.content(i))
		}
	}
	return chatAnswer{Content: strings.Join(parts, " ")}
}

// TestChat_EndToEnd drives the real OpenAI client through the building
// blocks: tools from ChatTools, results from HandleChatCompletion, and
// checks the bytes the client sent on both turns.
func TestChat_EndToEnd(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.chat = multiplyAndFail
	client := model.client()
	ctx := context.Background()

	params := openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("What is 6 times 7?")},
		Tools:    openaiprovider.ChatTools(set),
	}
	completion, err := client.Chat.Completions.New(ctx, params)
	require.NoError(t, err)
	results, err := openaiprovider.HandleChatCompletion(ctx, set, completion)
	require.NoError(t, err)
	require.Len(t, results, 3)
	params.Messages = append(params.Messages, completion.Choices[0].Message.ToParam())
	params.Messages = append(params.Messages, results...)
	final, err := client.Chat.Completions.New(ctx, params)
	require.NoError(t, err)
	noCalls, err := openaiprovider.HandleChatCompletion(ctx, set, final)
	require.NoError(t, err)
	assert.Empty(t, noCalls)

	reqs := model.requests()
	require.Len(t, reqs, 2)
	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(reqs[0], &first))
	// The tools in the exact Chat Completions shape: the core's rendering of
	// the same definitions, in order, and one spelled out.
	want, err := json.Marshal(set.Definitions().OpenAI())
	require.NoError(t, err)
	got, err := json.Marshal(first.Tools)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, calculateChatTool, string(first.Tools[1]))
	assert.NotContains(t, string(reqs[0]), `"strict"`)

	// The second request: the assistant's calls, then one tool message per
	// call paired by id; failures carry an "error" member.
	var second struct {
		Messages json.RawMessage `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	assert.JSONEq(t, `[
		{"role":"user","content":"What is 6 times 7?"},
		{"role":"assistant","tool_calls":[
			{"id":"call_1","type":"function","function":{"name":"COMPOSIO_CALCULATE","arguments":"{\"operation\":\"multiply\",\"a\":6,\"b\":7}"}},
			{"id":"call_2","type":"function","function":{"name":"COMPOSIO_ALWAYS_FAIL","arguments":"{\"reason\":\"the disk is full\"}"}},
			{"id":"call_3","type":"function","function":{"name":"NO_SUCH_TOOL","arguments":"{}"}}]},
		{"role":"tool","tool_call_id":"call_1","content":"{\"data\":{\"result\":42}}"},
		{"role":"tool","tool_call_id":"call_2","content":"{\"error\":\"the disk is full\",\"data\":{\"attempted\":true}}"},
		{"role":"tool","tool_call_id":"call_3","content":`+jsonString(coreAnswer(t, set, "NO_SUCH_TOOL", "{}"))+`}
	]`, string(second.Messages))

	assert.Equal(t, `call_1={"data":{"result":42}} call_2={"error":"the disk is full","data":{"attempted":true}} call_3=`+coreAnswer(t, set, "NO_SUCH_TOOL", "{}"),
		final.Choices[0].Message.Content)
	// Each known tool ran once, for the set's user, at the version listed.
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			assert.Contains(t, string(r.Body), `"user_id":"user_1"`)
			assert.Contains(t, string(r.Body), `"version":"20250901_00"`)
		}
	}
}

// TestRunChat runs the same conversation through the loop helper.
func TestRunChat(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.chat = multiplyAndFail

	final, messages, err := openaiprovider.RunChat(context.Background(), model.client(), set, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("What is 6 times 7?")},
	})
	require.NoError(t, err)
	assert.Equal(t, "chatcmpl-2", final.ID)
	assert.True(t, strings.HasPrefix(final.Choices[0].Message.Content, `call_1={"data":{"result":42}} call_2={"error":"the disk is full"`))
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")

	reqs := model.requests()
	require.Len(t, reqs, 2)
	// Both requests carry the tools; the conversation returned is the second
	// request's messages and the final answer.
	for _, r := range reqs {
		var body struct {
			Tools []json.RawMessage `json:"tools"`
		}
		require.NoError(t, json.Unmarshal(r, &body))
		assert.Len(t, body.Tools, 5)
	}
	var second struct {
		Messages []json.RawMessage `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	require.Len(t, messages, 6)
	for i, m := range second.Messages {
		b, err := json.Marshal(messages[i])
		require.NoError(t, err)
		assert.JSONEq(t, string(m), string(b))
	}
	last, err := json.Marshal(messages[5])
	require.NoError(t, err)
	assert.JSONEq(t, fmt.Sprintf(`{"role":"assistant","content":%q}`, final.Choices[0].Message.Content), string(last))
}

// TestRunChat_KeepsOwnTools: tools already in params stay, first.
func TestRunChat_KeepsOwnTools(t *testing.T) {
	set, _ := toolSet(t)
	model := newScriptedModel(t)
	model.chat = func(int, chatRequest) chatAnswer { return chatAnswer{Content: "hi"} }
	own := openai.ChatCompletionFunctionTool(openai.FunctionDefinitionParam{Name: "mine"})
	_, messages, err := openaiprovider.RunChat(context.Background(), model.client(), set, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hello")},
		Tools:    []openai.ChatCompletionToolUnionParam{own},
	})
	require.NoError(t, err)
	assert.Len(t, messages, 2)
	var body struct {
		Tools []struct {
			Function struct{ Name string } `json:"function"`
		} `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(model.requests()[0], &body))
	require.Len(t, body.Tools, 6)
	assert.Equal(t, "mine", body.Tools[0].Function.Name)
	assert.Equal(t, "COMPOSIO_ECHO", body.Tools[1].Function.Name)
}

// TestRunChat_MaxTurns: a model that never stops calling tools is cut off
// after the turns allowed, with every call of the conversation answered.
func TestRunChat_MaxTurns(t *testing.T) {
	set, srv := toolSet(t)
	model := newScriptedModel(t)
	model.chat = func(turn int, req chatRequest) chatAnswer {
		return chatAnswer{ToolCalls: []scriptedCall{{fmt.Sprintf("call_%d", turn), req.toolTaking("message"), `{"message":"again"}`}}}
	}
	final, messages, err := openaiprovider.RunChat(context.Background(), model.client(), set, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("loop")},
	}, openaiprovider.WithMaxTurns(3))
	require.ErrorIs(t, err, openaiprovider.ErrMaxTurns)
	assert.Equal(t, "chatcmpl-3", final.ID)
	assert.Len(t, model.requests(), 3)
	assert.Len(t, messages, 1+3*2) // user, then (assistant, tool) per turn
	assert.Equal(t, []string{"COMPOSIO_ECHO", "COMPOSIO_ECHO", "COMPOSIO_ECHO"}, executed(srv))
}

// TestRunChat_ModelError: an error of the OpenAI API ends the run with it.
func TestRunChat_ModelError(t *testing.T) {
	set, _ := toolSet(t)
	model := newScriptedModel(t)
	client := openai.NewClient(optionsFor(model, "wrong-key")...)
	_, messages, err := openaiprovider.RunChat(context.Background(), client, set, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hello")},
	})
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Len(t, messages, 1)
}

func TestRunChat_NilSet(t *testing.T) {
	model := newScriptedModel(t)
	_, _, err := openaiprovider.RunChat(context.Background(), model.client(), nil, openai.ChatCompletionNewParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	assert.Empty(t, model.requests())
}

// completion decodes a Chat Completions answer as the client does.
func completion(t *testing.T, toolCalls string) *openai.ChatCompletion {
	t.Helper()
	var c openai.ChatCompletion
	require.NoError(t, json.Unmarshal([]byte(`{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
		"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":`+toolCalls+`}}]}`), &c))
	return &c
}

func TestHandleChatCompletion(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		toolCalls string
		want      []string // tool_call_id=content per message; a final "..." matches any end, <core> the core's answer to that call
		executed  []string
	}{
		{"no tool calls", `null`, nil, nil},
		{"one call", `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{\"message\":\"hi\"}"}}]`,
			[]string{`c1={"data":{"echo":{"message":"hi"}}}`}, []string{"COMPOSIO_ECHO"}},
		{"unknown tool", `[{"id":"c1","type":"function","function":{"name":"GITHUB_CREATE_AN_ISSUE","arguments":"{}"}}]`,
			[]string{`c1=<core>`}, nil},
		{"malformed arguments", `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{\"message\":"}}]`,
			[]string{`c1=<core>`}, nil},
		{"schema refuses the arguments", `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_CALCULATE","arguments":"{\"operation\":\"pow\",\"a\":1,\"b\":2}"}}]`,
			[]string{`c1={"error":"Invalid request data provided: operation: must be one of [\"add\",\"subtract\",\"multiply\",\"divide\"], got \"pow\"","data":{}}`}, []string{"COMPOSIO_CALCULATE"}},
		{"custom tool call", `[{"id":"c1","type":"custom","custom":{"name":"grammar","input":"x"}},
			{"id":"c2","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":""}}]`,
			[]string{`c1={"error":"openaiprovider: \"grammar\" is not a function tool; this tool set has function tools only"}`,
				`c2={"error":"Invalid request data provided: missing required fields: message","data":{}}`}, []string{"COMPOSIO_ECHO"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, srv := toolSet(t)
			srv.ResetRequests()
			msgs, err := openaiprovider.HandleChatCompletion(ctx, set, completion(t, tt.toolCalls))
			require.NoError(t, err)
			assertMessages(t, withCore(t, set, tt.toolCalls, tt.want), toolMessages(t, msgs))
			assert.Equal(t, tt.executed, executed(srv))
		})
	}
}

// assertMessages compares messages with want, where a want ending in "..."
// matches any message starting with the rest (for the core's wording).
func assertMessages(t *testing.T, want, got []string) {
	t.Helper()
	require.Len(t, got, len(want), "%q", got)
	for i, w := range want {
		if p, ok := strings.CutSuffix(w, "..."); ok {
			assert.True(t, strings.HasPrefix(got[i], p), "%s\ndoes not start with\n%s", got[i], p)
			continue
		}
		assert.Equal(t, w, got[i])
	}
}

// withCore fills the <core> wants: the core's answer to the call of that
// id in toolCalls.
func withCore(t *testing.T, set *composio.ToolSet, toolCalls string, want []string) []string {
	t.Helper()
	var calls []struct {
		ID       string
		Function struct{ Name, Arguments string }
	}
	require.NoError(t, json.Unmarshal([]byte(toolCalls), &calls))
	out := slices.Clone(want)
	for i, w := range out {
		id, ok := strings.CutSuffix(w, "=<core>")
		if !ok {
			continue
		}
		for _, c := range calls {
			if c.ID == id {
				out[i] = id + "=" + coreAnswer(t, set, c.Function.Name, c.Function.Arguments)
			}
		}
	}
	return out
}

// toolMessages renders tool messages as tool_call_id=content.
func toolMessages(t *testing.T, msgs []openai.ChatCompletionMessageParamUnion) []string {
	t.Helper()
	var out []string
	for _, m := range msgs {
		require.NotNil(t, m.OfTool, "a tool message")
		out = append(out, m.OfTool.ToolCallID+"="+m.OfTool.Content.OfString.Value)
	}
	return out
}

func TestHandleChatCompletion_NoChoices(t *testing.T) {
	set, _ := toolSet(t)
	msgs, err := openaiprovider.HandleChatCompletion(context.Background(), set, &openai.ChatCompletion{})
	require.NoError(t, err)
	assert.Nil(t, msgs)
}

func TestHandleChatCompletion_BadInput(t *testing.T) {
	set, _ := toolSet(t)
	_, err := openaiprovider.HandleChatCompletion(context.Background(), set, nil)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "completion")
	_, err = openaiprovider.HandleChatCompletion(context.Background(), nil,
		completion(t, `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{}"}}]`))
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
}

// TestHandleChatCompletion_ContextCancelled: a fault of the program is the
// error, and every call still gets its tool message.
func TestHandleChatCompletion_ContextCancelled(t *testing.T) {
	set, srv := toolSet(t)
	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	msgs, err := openaiprovider.HandleChatCompletion(ctx, set, completion(t, `[
		{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{\"message\":\"a\"}"}},
		{"id":"c2","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{\"message\":\"b\"}"}}]`))
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, msgs, 2)
	for i, m := range msgs {
		assert.Equal(t, fmt.Sprintf("c%d", i+1), m.OfTool.ToolCallID)
		assertFailure(t, m.OfTool.Content.OfString.Value)
	}
	assert.Empty(t, executed(srv))
}

func TestChatTools_NilSet(t *testing.T) {
	assert.Nil(t, openaiprovider.ChatTools(nil))
	assert.Nil(t, openaiprovider.ResponsesTools(nil))
}
