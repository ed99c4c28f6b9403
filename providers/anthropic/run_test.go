package anthropicprovider_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	anthropicprovider "github.com/ComposioHQ/composio-go/providers/anthropic"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func utilitySet(t *testing.T) (*composiotest.Server, *composio.ToolSet) {
	t.Helper()
	fake := composiotest.NewServer(t)
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	return fake, set
}

func question(text string) anthropic.MessageNewParams {
	return anthropic.MessageNewParams{
		Model:     "claude-test",
		MaxTokens: 256,
		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(text))},
	}
}

func TestRun(t *testing.T) {
	_, set := utilitySet(t)
	model := newScriptedModel(t, calculatorScript())

	final, messages, err := anthropicprovider.Run(context.Background(), model.client(), set, question("What is 6 times 7?"), 5)
	require.NoError(t, err)
	require.NotNil(t, final)
	assert.Equal(t, anthropic.StopReasonEndTurn, final.StopReason)
	assert.Contains(t, final.Content[0].Text, "toolu_01 ok {\"data\":{\"result\":42}}")

	// user, assistant (tool calls), user (results), assistant (answer).
	require.Len(t, messages, 4)
	assert.NotNil(t, messages[0].OfUser)
	assert.NotNil(t, messages[1].OfAssistant)
	require.NotNil(t, messages[2].OfUser)
	assert.Len(t, messages[2].OfUser.Content, 3)
	require.NotNil(t, messages[3].OfAssistant)
	assert.Equal(t, final.Content[0].Text, messages[3].OfAssistant.Content[0].OfText.Text)

	// Run offered the set's tools, the same list on both requests.
	bodies := model.requests()
	require.Len(t, bodies, 2)
	for _, b := range bodies {
		var req struct {
			Tools json.RawMessage `json:"tools"`
		}
		require.NoError(t, json.Unmarshal(b, &req))
		assert.JSONEq(t, marshal(t, anthropicprovider.Tools(set)), string(req.Tools))
	}
}

func TestRunKeepsTheGivenTools(t *testing.T) {
	_, set := utilitySet(t)
	model := newScriptedModel(t, func(int, wireRequest) (int, any) { return http.StatusOK, answer("end_turn", textBlock("hi")) })
	params := question("hello")
	params.Tools = []anthropic.ToolUnionParam{anthropicprovider.Tool(set.Definitions()[0])}
	_, _, err := anthropicprovider.Run(context.Background(), model.client(), set, params, 1)
	require.NoError(t, err)
	req := decodeRequest(t, model.requests()[0])
	require.Len(t, req.Tools, 1)
	assert.Equal(t, set.Definitions()[0].Name, req.Tools[0].Name)
}

func TestRunMaxTurns(t *testing.T) {
	fake, set := utilitySet(t)
	model := newScriptedModel(t, func(turn int, _ wireRequest) (int, any) {
		return http.StatusOK, answer("tool_use", toolUse("toolu_"+string(rune('0'+turn)), "COMPOSIO_ECHO", map[string]any{"message": "again"}))
	})
	fake.ResetRequests()
	final, messages, err := anthropicprovider.Run(context.Background(), model.client(), set, question("loop"), 2)
	require.ErrorIs(t, err, anthropicprovider.ErrMaxTurns)
	require.NotNil(t, final)
	assert.Equal(t, "toolu_2", final.Content[0].ID)
	assert.Len(t, model.requests(), 2)
	// user, assistant, results, assistant: the last calls are not run.
	require.Len(t, messages, 4)
	assert.NotNil(t, messages[3].OfAssistant)
	assert.Len(t, fake.Requests(), 1, "only the first turn's call ran")
}

func TestRunPauseTurn(t *testing.T) {
	_, set := utilitySet(t)
	model := newScriptedModel(t, func(turn int, _ wireRequest) (int, any) {
		if turn == 1 {
			return http.StatusOK, answer("pause_turn", textBlock("searching..."))
		}
		return http.StatusOK, answer("end_turn", textBlock("found it"))
	})
	final, messages, err := anthropicprovider.Run(context.Background(), model.client(), set, question("search"), 3)
	require.NoError(t, err)
	assert.Equal(t, "found it", final.Content[0].Text)
	require.Len(t, messages, 3)
	// The paused answer went back as the conversation's last message.
	req := decodeRequest(t, model.requests()[1])
	require.Len(t, req.Messages, 2)
	assert.Equal(t, "assistant", req.Messages[1].Role)
	assert.Equal(t, "searching...", req.Messages[1].Content[0].Text)
}

func TestRunErrors(t *testing.T) {
	_, set := utilitySet(t)

	t.Run("maxTurns below 1", func(t *testing.T) {
		model := newScriptedModel(t, func(int, wireRequest) (int, any) { return http.StatusOK, answer("end_turn", textBlock("x")) })
		_, _, err := anthropicprovider.Run(context.Background(), model.client(), set, question("x"), 0)
		require.ErrorContains(t, err, "maxTurns must be at least 1, got 0")
		assert.Empty(t, model.requests())
	})

	t.Run("the API refuses the request", func(t *testing.T) {
		model := newScriptedModel(t, func(int, wireRequest) (int, any) {
			return http.StatusBadRequest, map[string]any{"type": "error", "error": map[string]any{"type": "invalid_request_error", "message": "max_tokens: too large"}}
		})
		final, messages, err := anthropicprovider.Run(context.Background(), model.client(), set, question("x"), 3)
		var apiErr *anthropic.Error
		require.True(t, errors.As(err, &apiErr), "got %v", err)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
		assert.Nil(t, final)
		assert.Len(t, messages, 1)
	})

	t.Run("the tools cannot run", func(t *testing.T) {
		fake, set := utilitySet(t)
		fake.FailNext(1, http.StatusUnauthorized)
		model := newScriptedModel(t, func(int, wireRequest) (int, any) {
			return http.StatusOK, answer("tool_use", toolUse("toolu_1", "COMPOSIO_ECHO", map[string]any{"message": "x"}))
		})
		final, messages, err := anthropicprovider.Run(context.Background(), model.client(), set, question("x"), 3)
		require.ErrorIs(t, err, composio.ErrUnauthorized)
		require.NotNil(t, final)
		assert.Equal(t, "toolu_1", final.Content[0].ID)
		// The conversation stays well formed: the answer's calls are
		// answered, so it can be resumed without running any call again.
		require.Len(t, messages, 3, "the conversation ends with the results of the answer's calls")
		assert.NotNil(t, messages[1].OfAssistant)
		require.NotNil(t, messages[2].OfUser)
		require.Len(t, messages[2].OfUser.Content, 1)
		result := messages[2].OfUser.Content[0].OfToolResult
		require.NotNil(t, result)
		assert.Equal(t, "toolu_1", result.ToolUseID)
		assert.True(t, result.IsError.Value, "a call that hit the fault is a failure")
		assert.Len(t, model.requests(), 1)
	})
}
