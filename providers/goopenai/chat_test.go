package goopenaiprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	goopenaiprovider "github.com/ComposioHQ/composio-go/providers/goopenai"
	openai "github.com/sashabaranov/go-openai"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// model is the model the tests ask for; the scripted server ignores it.
const model = openai.GPT4Dot1Mini

// calculateTool is COMPOSIO_CALCULATE of the fake's catalog in the exact
// Chat Completions shape.
const calculateTool = `{"type":"function","function":{"name":"COMPOSIO_CALCULATE",
	"description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.",
	"parameters":{"type":"object","title":"CalculateRequest","required":["operation","a","b"],"properties":{
		"a":{"type":"number","title":"A","description":"The left operand."},
		"b":{"type":"number","title":"B","description":"The right operand."},
		"operation":{"type":"string","title":"Operation","description":"The operation to apply.","enum":["add","subtract","multiply","divide"]}}}}}`

// toolSet is the "composio" toolkit of a fresh fake, for user_1.
func toolSet(t *testing.T) (*composio.ToolSet, *composiotest.Server) {
	t.Helper()
	srv := composiotest.NewServer(t)
	set, err := srv.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
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

// multiplyAndFail multiplies 6 by 7 with the tool taking an "operation",
// makes the tool taking a "reason" fail and calls a tool that does not
// exist, all in one answer; then it quotes each tool message.
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

// wantAnswer is multiplyAndFail's final answer.
func wantAnswer(t *testing.T, set *composio.ToolSet) string {
	return `call_1={"data":{"result":42}} call_2={"error":"the disk is full","data":{"attempted":true}} call_3=` + coreAnswer(t, set, "NO_SUCH_TOOL", "{}")
}

// TestChat_EndToEnd drives the real go-openai client through Tools and
// HandleChatCompletion and checks the bytes it sent on both turns.
func TestChat_EndToEnd(t *testing.T) {
	set, srv := toolSet(t)
	m := newScriptedModel(t)
	m.chat = multiplyAndFail
	client := m.client()
	ctx := context.Background()

	req := openai.ChatCompletionRequest{
		Model:    model,
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "What is 6 times 7?"}},
		Tools:    goopenaiprovider.Tools(set),
	}
	resp, err := client.CreateChatCompletion(ctx, req)
	require.NoError(t, err)
	results, err := goopenaiprovider.HandleChatCompletion(ctx, set, resp)
	require.NoError(t, err)
	require.Len(t, results, 3)
	req.Messages = append(req.Messages, resp.Choices[0].Message)
	req.Messages = append(req.Messages, results...)
	final, err := client.CreateChatCompletion(ctx, req)
	require.NoError(t, err)
	none, err := goopenaiprovider.HandleChatCompletion(ctx, set, final)
	require.NoError(t, err)
	assert.Empty(t, none)

	reqs := m.requests()
	require.Len(t, reqs, 2)
	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(reqs[0], &first))
	want, err := json.Marshal(set.Definitions().OpenAI())
	require.NoError(t, err)
	got, err := json.Marshal(first.Tools)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, calculateTool, string(first.Tools[1]))
	assert.NotContains(t, string(reqs[0]), `"strict"`)

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

	assert.Equal(t, wantAnswer(t, set), final.Choices[0].Message.Content)
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			assert.Contains(t, string(r.Body), `"user_id":"user_1"`)
			assert.Contains(t, string(r.Body), `"version":"20250901_00"`)
		}
	}
}

func TestRunChat(t *testing.T) {
	set, srv := toolSet(t)
	m := newScriptedModel(t)
	m.chat = multiplyAndFail
	final, messages, err := goopenaiprovider.RunChat(context.Background(), m.client(), set, openai.ChatCompletionRequest{
		Model:    model,
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "What is 6 times 7?"}},
	})
	require.NoError(t, err)
	assert.Equal(t, "chatcmpl-2", final.ID)
	assert.Equal(t, wantAnswer(t, set), final.Choices[0].Message.Content)
	assert.ElementsMatch(t, []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"}, executed(srv), "each ran once; calls run concurrently")

	reqs := m.requests()
	require.Len(t, reqs, 2)
	var second struct {
		Messages []json.RawMessage `json:"messages"`
		Tools    []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	assert.Len(t, second.Tools, 5)
	require.Len(t, messages, 6)
	for i, raw := range second.Messages {
		b, err := json.Marshal(messages[i])
		require.NoError(t, err)
		assert.JSONEq(t, string(raw), string(b))
	}
	assert.Equal(t, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: wantAnswer(t, set)}, messages[5])
}

// TestRunChat_Strict: strict tools on the wire, and the null a strict
// model sends for an optional property is dropped before the tool runs.
func TestRunChat_Strict(t *testing.T) {
	set, srv := toolSet(t)
	m := newScriptedModel(t)
	m.chat = func(turn int, req chatRequest) chatAnswer {
		if turn == 0 {
			return chatAnswer{ToolCalls: []scriptedCall{{"call_1", req.toolTaking("reason"), `{"reason":null}`}}}
		}
		return chatAnswer{Content: req.content(len(req.Messages) - 1)}
	}
	final, _, err := goopenaiprovider.RunChat(context.Background(), m.client(), set, openai.ChatCompletionRequest{
		Model:    model,
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "fail"}},
	}, goopenaiprovider.WithStrict())
	require.NoError(t, err)
	assert.Equal(t, `{"error":"This tool always fails.","data":{"attempted":true}}`, final.Choices[0].Message.Content)
	for _, r := range srv.Requests() {
		if r.Path == "/api/v3.1/tools/execute/COMPOSIO_ALWAYS_FAIL" {
			assert.Contains(t, string(r.Body), `"arguments":{}`)
		}
	}

	var first struct {
		Tools []json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(m.requests()[0], &first))
	require.Len(t, first.Tools, 5)
	assert.JSONEq(t, `{"type":"function","function":{"name":"COMPOSIO_ALWAYS_FAIL","strict":true,
		"description":"Runs and reports failure (successful: false), for testing error handling.",
		"parameters":{"type":"object","title":"AlwaysFailRequest","additionalProperties":false,"required":["reason"],
			"properties":{"reason":{"type":["string","null"],"title":"Reason","description":"The failure message to report."}}}}}`, string(first.Tools[2]))
	want, err := json.Marshal(set.Definitions().Strict().OpenAI())
	require.NoError(t, err)
	got, err := json.Marshal(first.Tools)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

func TestRunChat_MaxTurns(t *testing.T) {
	set, srv := toolSet(t)
	m := newScriptedModel(t)
	m.chat = func(turn int, req chatRequest) chatAnswer {
		return chatAnswer{ToolCalls: []scriptedCall{{fmt.Sprintf("call_%d", turn), req.toolTaking("message"), `{"message":"again"}`}}}
	}
	final, messages, err := goopenaiprovider.RunChat(context.Background(), m.client(), set, openai.ChatCompletionRequest{
		Model:    model,
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "loop"}},
	}, goopenaiprovider.WithMaxTurns(2))
	require.ErrorIs(t, err, goopenaiprovider.ErrMaxTurns)
	assert.Equal(t, "chatcmpl-2", final.ID)
	assert.Len(t, messages, 1+2*2)
	assert.Equal(t, []string{"COMPOSIO_ECHO", "COMPOSIO_ECHO"}, executed(srv))
}

func TestRunChat_Errors(t *testing.T) {
	set, _ := toolSet(t)
	m := newScriptedModel(t)
	req := openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "hi"}}}

	_, messages, err := goopenaiprovider.RunChat(context.Background(), m.clientWithKey("wrong"), set, req)
	var apiErr *openai.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 401, apiErr.HTTPStatusCode)
	assert.Len(t, messages, 1)

	_, _, err = goopenaiprovider.RunChat(context.Background(), nil, set, req)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "client")
	_, _, err = goopenaiprovider.RunChat(context.Background(), m.client(), nil, req)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	assert.Empty(t, m.requests(), "the refused request is not recorded, and the others were not sent")
}

// response is a chat response with the given tool calls, decoded as the
// client does.
func response(t *testing.T, toolCalls string) openai.ChatCompletionResponse {
	t.Helper()
	var r openai.ChatCompletionResponse
	require.NoError(t, json.Unmarshal([]byte(`{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
		"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":`+toolCalls+`}}]}`), &r))
	return r
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
func toolMessages(t *testing.T, msgs []openai.ChatCompletionMessage) []string {
	t.Helper()
	var out []string
	for _, m := range msgs {
		require.Equal(t, openai.ChatMessageRoleTool, m.Role)
		out = append(out, m.ToolCallID+"="+m.Content)
	}
	return out
}

func TestHandleChatCompletion(t *testing.T) {
	tests := []struct {
		name      string
		toolCalls string
		want      []string // tool_call_id=content; a final "..." matches any end, <core> the core's answer to that call
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
			{"id":"c2","type":"function","function":{"name":"COMPOSIO_GET_CURRENT_TIME","arguments":""}}]`,
			[]string{`c1={"error":"goopenaiprovider: this call is of a custom tool, not a function; this tool set has function tools only"}`,
				`c2={"data":{"utc":"...`}, []string{"COMPOSIO_GET_CURRENT_TIME"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, srv := toolSet(t)
			srv.ResetRequests()
			msgs, err := goopenaiprovider.HandleChatCompletion(context.Background(), set, response(t, tt.toolCalls))
			require.NoError(t, err)
			got := toolMessages(t, msgs)
			want := withCore(t, set, tt.toolCalls, tt.want)
			require.Len(t, got, len(want), "%q", got)
			for i, w := range want {
				if p, ok := strings.CutSuffix(w, "..."); ok {
					assert.True(t, strings.HasPrefix(got[i], p), "%s\ndoes not start with\n%s", got[i], p)
				} else {
					assert.Equal(t, w, got[i])
				}
			}
			assert.Equal(t, tt.executed, executed(srv))
		})
	}
}

func TestHandleChatCompletion_Errors(t *testing.T) {
	set, srv := toolSet(t)
	msgs, err := goopenaiprovider.HandleChatCompletion(context.Background(), set, openai.ChatCompletionResponse{})
	require.NoError(t, err)
	assert.Nil(t, msgs)

	_, err = goopenaiprovider.HandleChatCompletion(context.Background(), nil,
		response(t, `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{}"}}]`))
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")

	// A fault of the program is the error, and every call still gets its
	// tool message.
	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	msgs, err = goopenaiprovider.HandleChatCompletion(ctx, set, response(t, `[
		{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{\"message\":\"a\"}"}},
		{"id":"c2","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{\"message\":\"b\"}"}}]`))
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, msgs, 2)
	for i, m := range msgs {
		assert.Equal(t, fmt.Sprintf("c%d", i+1), m.ToolCallID)
		assertFailure(t, m.Content)
	}
	assert.Empty(t, executed(srv))
}

func TestTools_NilSet(t *testing.T) {
	assert.Nil(t, goopenaiprovider.Tools(nil))
	assert.Nil(t, goopenaiprovider.ResponseTools(nil))
}
