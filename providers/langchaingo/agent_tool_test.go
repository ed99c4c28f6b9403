package langchainprovider

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tmc/langchaingo/agents"
	"github.com/tmc/langchaingo/chains"
	"github.com/tmc/langchaingo/tools"
)

func TestAgentToolsInOpenAIFunctionsAgent(t *testing.T) {
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	model := newChatModel(t, callCalc, callFail)
	agent := agents.NewOpenAIFunctionsAgent(newLLM(t, model), AgentTools(set))
	exec := agents.NewExecutor(agent, agents.WithMaxIterations(3))

	out, err := chains.Run(context.Background(), exec, "What is 6 times 7?")
	require.NoError(t, err)
	assert.Equal(t, "6 times 7 is 42.", out)

	reqs := model.requests()
	require.Len(t, reqs, 2)
	// The agent sends each tool with its single string argument; the
	// description tells the model what to write in it.
	var first struct {
		Tools []struct {
			Type     string `json:"type"`
			Function struct {
				Name        string          `json:"name"`
				Description string          `json:"description"`
				Parameters  json.RawMessage `json:"parameters"`
			} `json:"function"`
		} `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(reqs[0], &first))
	require.Len(t, first.Tools, 5)
	calc := first.Tools[1]
	assert.Equal(t, "COMPOSIO_CALCULATE", calc.Function.Name)
	assert.Equal(t, "Applies an arithmetic operation to two numbers. Dividing by zero fails.\n"+
		"Input: a JSON object of these arguments:\n"+
		"- a (number, required): The left operand.\n"+
		"- b (number, required): The right operand.\n"+
		"- operation (string, required, one of add, subtract, multiply, divide): The operation to apply.",
		calc.Function.Description)
	assert.JSONEq(t, `{"properties":{"__arg1":{"title":"__arg1","type":"string"}},"required":["__arg1"],"type":"object"}`,
		string(calc.Function.Parameters))

	// The second request carries both results, paired by call id; the
	// failed tool did not stop the agent.
	var second struct {
		Messages []struct {
			Role       string `json:"role"`
			Content    string `json:"content"`
			ToolCallID string `json:"tool_call_id"`
		} `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	results := map[string]string{}
	for _, m := range second.Messages {
		if m.Role == "tool" {
			results[m.ToolCallID] = m.Content
		}
	}
	assert.Equal(t, map[string]string{
		"call_calc": `{"data":{"result":42}}`,
		"call_fail": `{"error":"out of paper","data":{"attempted":true}}`,
	}, results)

	execs := executions(srv)
	assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{"operation":"multiply","a":6,"b":7}}`, execs["COMPOSIO_CALCULATE"])
}

func agentTool(t *testing.T, set *composio.ToolSet, name string) tools.Tool {
	t.Helper()
	for _, tl := range AgentTools(set) {
		if tl.Name() == name {
			return tl
		}
	}
	t.Fatalf("no agent tool %s", name)
	return nil
}

func TestAgentToolCall(t *testing.T) {
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	echo := agentTool(t, set, "COMPOSIO_ECHO")
	assert.Equal(t, "COMPOSIO_ECHO", echo.(*AgentTool).Definition().ToolSlug)

	out, err := echo.Call(ctx, ` {"message":"hi"} `)
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"echo":{"message":"hi"}}}`, out)

	// Input that is not a JSON object is the model's to fix: a result, no error.
	out, err = echo.Call(ctx, "hi")
	require.NoError(t, err)
	assert.Contains(t, out, `{"error":"composio: invalid params: `)
	assert.Contains(t, out, "JSON")

	// Empty input is no arguments.
	clock := agentTool(t, set, "COMPOSIO_GET_CURRENT_TIME")
	out, err = clock.Call(ctx, "")
	require.NoError(t, err)
	assert.Contains(t, out, `{"data":{"utc":"`)
	assert.Equal(t, "Returns the current time in UTC.\nInput: {} (no arguments).", clock.Description())

	// A fault of the program stops the agent.
	srv.FailNext(1, http.StatusUnauthorized)
	_, err = echo.Call(ctx, `{"message":"hi"}`)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
}

func TestAgentDescription(t *testing.T) {
	d := composio.FunctionDefinition{Name: "T", Description: " Does it. ", Parameters: json.RawMessage(`{"type":"object",
	"properties":{"z":{"type":"string"},"a":{"type":["string","null"],"description":"Maybe."},"m":{"description":"Any."},"r":{"type":"integer"}},
	"required":["r"]}`)}
	assert.Equal(t, "Does it.\nInput: a JSON object of these arguments:\n"+
		"- r (integer, required)\n"+
		"- a (string or null): Maybe.\n"+
		"- m (any): Any.\n"+
		"- z (string)", agentDescription(d))

	long := composio.FunctionDefinition{Name: "L", Description: strings.Repeat("x", 2000), Parameters: json.RawMessage(`{"type":"object","properties":{}}`)}
	assert.Len(t, agentDescription(long), maxDescription)
}
