package geminiprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	geminiprovider "github.com/ComposioHQ/composio-go/providers/gemini"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genai"
)

// refused is the result of a call whose arguments Composio refused.
const refused = `{"error":"Invalid request data provided: operation: must be one of [\"add\",\"subtract\",\"multiply\",\"divide\"], got \"power\"","data":{}}`

// calculatorScript is a model that, offered the Composio utilities,
// multiplies 6 by 7, makes the failing tool fail and sends the calculator
// an argument it refuses (calls with the given ids, or none, as the Gemini
// API sends them), then reads the responses and answers.
func calculatorScript(ids ...string) func(int, wireRequest) (int, any) {
	id := func(i int) string {
		if i < len(ids) {
			return ids[i]
		}
		return ""
	}
	return func(turn int, req wireRequest) (int, any) {
		if turn == 1 {
			for _, name := range []string{"COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL"} {
				if !req.hasFunction(name) {
					return http.StatusBadRequest, map[string]any{"error": map[string]any{"code": 400, "message": "no function " + name, "status": "INVALID_ARGUMENT"}}
				}
			}
			return http.StatusOK, answer("STOP",
				callPart(id(0), "COMPOSIO_CALCULATE", map[string]any{"operation": "multiply", "a": 6, "b": 7}),
				callPart(id(1), "COMPOSIO_ALWAYS_FAIL", map[string]any{"reason": "the disk is full"}),
				callPart(id(2), "COMPOSIO_CALCULATE", map[string]any{"operation": "power", "a": 2, "b": 8}),
			)
		}
		var parts []string
		for i, p := range req.lastResponses() {
			r, _ := json.Marshal(p.FunctionResponse.Response)
			parts = append(parts, fmt.Sprintf("%d %s %s", i, p.FunctionResponse.Name, r))
		}
		return http.StatusOK, answer("STOP", textPart("6 times 7 is 42. ("+strings.Join(parts, "; ")+")"))
	}
}

// wantTools is the tools list the composio toolkit goes out as.
const wantTools = `[{"functionDeclarations": [
	{"name": "COMPOSIO_ECHO", "description": "Returns its arguments unchanged.",
	 "parameters": {"type": "OBJECT", "title": "EchoRequest", "required": ["message"], "properties": {
		"message": {"type": "STRING", "title": "Message", "description": "Text to echo back."}}}},
	{"name": "COMPOSIO_CALCULATE", "description": "Applies an arithmetic operation to two numbers. Dividing by zero fails.",
	 "parameters": {"type": "OBJECT", "title": "CalculateRequest", "required": ["operation", "a", "b"], "properties": {
		"a": {"type": "NUMBER", "title": "A", "description": "The left operand."},
		"b": {"type": "NUMBER", "title": "B", "description": "The right operand."},
		"operation": {"type": "STRING", "title": "Operation", "description": "The operation to apply.", "enum": ["add", "subtract", "multiply", "divide"]}}}},
	{"name": "COMPOSIO_ALWAYS_FAIL", "description": "Runs and reports failure (successful: false), for testing error handling.",
	 "parameters": {"type": "OBJECT", "title": "AlwaysFailRequest", "properties": {
		"reason": {"type": "STRING", "title": "Reason", "description": "The failure message to report."}}}},
	{"name": "COMPOSIO_SLEEP", "description": "Waits the given number of milliseconds (at most 10000), then answers; for testing timeouts.",
	 "parameters": {"type": "OBJECT", "title": "SleepRequest", "required": ["milliseconds"], "properties": {
		"milliseconds": {"type": "INTEGER", "title": "Milliseconds", "description": "How long to wait.", "minimum": 0, "maximum": 10000}}}},
	{"name": "COMPOSIO_GET_CURRENT_TIME", "description": "Returns the current time in UTC."}
]}]`

func utilitySet(t *testing.T) (*composiotest.Server, *composio.ToolSet) {
	t.Helper()
	fake := composiotest.NewServer(t)
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	return fake, set
}

func TestHandleToolCallsThroughTheSDK(t *testing.T) {
	ctx := context.Background()
	fake, set := utilitySet(t)
	model := newScriptedModel(t, calculatorScript())
	gemini := model.client(t)

	config := &genai.GenerateContentConfig{Tools: []*genai.Tool{geminiprovider.Tool(set)}}
	contents := []*genai.Content{genai.NewContentFromText("What is 6 times 7?", genai.RoleUser)}
	resp, err := gemini.Models.GenerateContent(ctx, "gemini-test", contents, config)
	require.NoError(t, err)
	fake.ResetRequests()
	results, err := geminiprovider.HandleToolCalls(ctx, set, resp)
	require.NoError(t, err)
	require.NotNil(t, results)
	contents = append(contents, resp.Candidates[0].Content, results)
	final, err := gemini.Models.GenerateContent(ctx, "gemini-test", contents, config)
	require.NoError(t, err)

	// The final answer read every response, paired by position.
	assert.Equal(t, `6 times 7 is 42. (0 COMPOSIO_CALCULATE {"output":{"data":{"result":42}}}; `+
		`1 COMPOSIO_ALWAYS_FAIL {"error":{"data":{"attempted":true},"error":"the disk is full"}}; `+
		`2 COMPOSIO_CALCULATE {"error":{"data":{},"error":"Invalid request data provided: operation: must be one of [\"add\",\"subtract\",\"multiply\",\"divide\"], got \"power\""}})`,
		final.Text())

	bodies := model.requests()
	require.Len(t, bodies, 2)

	// The declarations went out in Gemini's shape: OpenAPI types, keywords
	// Gemini refuses ("examples") dropped, no parameters for a tool
	// without inputs.
	var first struct {
		Tools json.RawMessage `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(bodies[0], &first))
	assert.JSONEq(t, wantTools, string(first.Tools))

	// The second request carries the model's content as it came (thought
	// signatures included), then one user content of function responses in
	// call order, without ids as the calls had none, failures under "error".
	var second struct {
		Contents []json.RawMessage `json:"contents"`
	}
	require.NoError(t, json.Unmarshal(bodies[1], &second))
	require.Len(t, second.Contents, 3)
	assert.JSONEq(t, `{"role": "model", "parts": [
		{"functionCall": {"name": "COMPOSIO_CALCULATE", "args": {"operation": "multiply", "a": 6, "b": 7}}, "thoughtSignature": "c2lnLQ=="},
		{"functionCall": {"name": "COMPOSIO_ALWAYS_FAIL", "args": {"reason": "the disk is full"}}, "thoughtSignature": "c2lnLQ=="},
		{"functionCall": {"name": "COMPOSIO_CALCULATE", "args": {"operation": "power", "a": 2, "b": 8}}, "thoughtSignature": "c2lnLQ=="}
	]}`, string(second.Contents[1]))
	assert.JSONEq(t, `{"role": "user", "parts": [
		{"functionResponse": {"name": "COMPOSIO_CALCULATE", "response": {"output": {"data": {"result": 42}}}}},
		{"functionResponse": {"name": "COMPOSIO_ALWAYS_FAIL", "response": {"error": {"error": "the disk is full", "data": {"attempted": true}}}}},
		{"functionResponse": {"name": "COMPOSIO_CALCULATE", "response": {"error": `+refused+`}}}
	]}`, string(second.Contents[2]))

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

func TestHandleToolCallsPairsByID(t *testing.T) {
	ctx := context.Background()
	_, set := utilitySet(t)
	model := newScriptedModel(t, calculatorScript("call_a", "call_b", "call_c"))
	gemini := model.client(t)

	contents := []*genai.Content{genai.NewContentFromText("What is 6 times 7?", genai.RoleUser)}
	resp, err := gemini.Models.GenerateContent(ctx, "gemini-test", contents,
		&genai.GenerateContentConfig{Tools: []*genai.Tool{geminiprovider.Tool(set)}})
	require.NoError(t, err)
	results, err := geminiprovider.HandleToolCalls(ctx, set, resp)
	require.NoError(t, err)
	_, err = gemini.Models.GenerateContent(ctx, "gemini-test", append(contents, resp.Candidates[0].Content, results), nil)
	require.NoError(t, err)

	req := decodeRequest(t, model.requests()[1])
	responses := req.lastResponses()
	require.Len(t, responses, 3)
	for i, want := range []struct{ id, name, key string }{
		{"call_a", "COMPOSIO_CALCULATE", "output"},
		{"call_b", "COMPOSIO_ALWAYS_FAIL", "error"},
		{"call_c", "COMPOSIO_CALCULATE", "error"},
	} {
		fr := responses[i].FunctionResponse
		assert.Equal(t, want.id, fr.ID)
		assert.Equal(t, want.name, fr.Name)
		assert.Contains(t, fr.Response, want.key)
		assert.Len(t, fr.Response, 1)
	}
}
