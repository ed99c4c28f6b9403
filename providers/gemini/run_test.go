package geminiprovider_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	geminiprovider "github.com/ComposioHQ/composio-go/providers/gemini"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genai"
)

func question(text string) []*genai.Content {
	return []*genai.Content{genai.NewContentFromText(text, genai.RoleUser)}
}

func TestRun(t *testing.T) {
	_, set := utilitySet(t)
	model := newScriptedModel(t, calculatorScript("call_a", "call_b", "call_c"))
	config := &genai.GenerateContentConfig{Temperature: genai.Ptr[float32](0)}
	contents := question("What is 6 times 7?")

	final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, contents, config, 5)
	require.NoError(t, err)
	assert.Contains(t, final.Text(), `0 COMPOSIO_CALCULATE {"output":{"data":{"result":42}}}`)
	assert.Nil(t, config.Tools, "the caller's config is not changed")
	assert.Len(t, contents, 1, "nor are the caller's contents")

	// user, model (calls), user (responses), model (answer).
	require.Len(t, conversation, 4)
	assert.Equal(t, []string{"user", "model", "user", "model"},
		[]string{conversation[0].Role, conversation[1].Role, conversation[2].Role, conversation[3].Role})
	require.Len(t, conversation[2].Parts, 3)
	assert.Equal(t, "call_b", conversation[2].Parts[1].FunctionResponse.ID)
	assert.Equal(t, final.Text(), conversation[3].Parts[0].Text)

	// Both requests declared the set's tools, with the caller's settings.
	bodies := model.requests()
	require.Len(t, bodies, 2)
	for _, b := range bodies {
		var req struct {
			Tools            json.RawMessage `json:"tools"`
			GenerationConfig struct {
				Temperature *float64 `json:"temperature"`
			} `json:"generationConfig"`
		}
		require.NoError(t, json.Unmarshal(b, &req))
		assert.JSONEq(t, wantTools, string(req.Tools))
		require.NotNil(t, req.GenerationConfig.Temperature)
		assert.Zero(t, *req.GenerationConfig.Temperature)
	}
	second := decodeRequest(t, bodies[1])
	require.Len(t, second.Contents, 3)
	assert.Equal(t, "model", second.Contents[1].Role)
}

func TestRunKeepsTheGivenTools(t *testing.T) {
	_, set := utilitySet(t)
	model := newScriptedModel(t, func(int, wireRequest) (int, any) { return http.StatusOK, answer("STOP", textPart("hi")) })
	config := &genai.GenerateContentConfig{Tools: []*genai.Tool{{FunctionDeclarations: []*genai.FunctionDeclaration{
		geminiprovider.FunctionDeclaration(set.Definitions()[0])}}}}
	final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("hello"), config, 1)
	require.NoError(t, err)
	assert.Equal(t, "hi", final.Text())
	assert.Len(t, conversation, 2)
	req := decodeRequest(t, model.requests()[0])
	require.Len(t, req.Tools, 1)
	require.Len(t, req.Tools[0].FunctionDeclarations, 1)
	assert.Equal(t, "COMPOSIO_ECHO", req.Tools[0].FunctionDeclarations[0].Name)
}

func TestRunMaxTurns(t *testing.T) {
	fake, set := utilitySet(t)
	model := newScriptedModel(t, func(int, wireRequest) (int, any) {
		return http.StatusOK, answer("STOP", callPart("", "COMPOSIO_ECHO", map[string]any{"message": "again"}))
	})
	fake.ResetRequests()
	final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("loop"), nil, 2)
	require.ErrorIs(t, err, geminiprovider.ErrMaxTurns)
	require.NotNil(t, final)
	assert.Len(t, model.requests(), 2)
	// user, model, responses, model: the last calls are not run.
	require.Len(t, conversation, 4)
	assert.Equal(t, "model", conversation[3].Role)
	assert.Len(t, fake.Requests(), 1, "only the first turn's call ran")
}

func TestRunErrors(t *testing.T) {
	t.Run("maxTurns below 1", func(t *testing.T) {
		_, set := utilitySet(t)
		model := newScriptedModel(t, func(int, wireRequest) (int, any) { return http.StatusOK, answer("STOP", textPart("x")) })
		_, _, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("x"), nil, 0)
		require.ErrorContains(t, err, "maxTurns must be at least 1, got 0")
		assert.Empty(t, model.requests())
	})

	t.Run("the API refuses the request", func(t *testing.T) {
		_, set := utilitySet(t)
		model := newScriptedModel(t, func(int, wireRequest) (int, any) {
			return http.StatusBadRequest, map[string]any{"error": map[string]any{"code": 400, "message": "bad schema", "status": "INVALID_ARGUMENT"}}
		})
		final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("x"), nil, 3)
		var apiErr genai.APIError
		require.True(t, errors.As(err, &apiErr), "got %T %v", err, err)
		assert.Equal(t, http.StatusBadRequest, apiErr.Code)
		assert.Nil(t, final)
		assert.Len(t, conversation, 1)
	})

	t.Run("the tools cannot run", func(t *testing.T) {
		fake, set := utilitySet(t)
		fake.FailNext(1, http.StatusUnauthorized)
		model := newScriptedModel(t, func(int, wireRequest) (int, any) {
			return http.StatusOK, answer("STOP", callPart("", "COMPOSIO_ECHO", map[string]any{"message": "x"}))
		})
		final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("x"), nil, 3)
		require.ErrorIs(t, err, composio.ErrUnauthorized)
		require.NotNil(t, final)
		// The conversation stays well formed: the answer's calls are
		// answered, so it can be resumed without running any call again.
		require.Len(t, conversation, 3, "the conversation ends with the responses to the answer's calls")
		assert.Equal(t, "model", conversation[1].Role)
		assert.Equal(t, genai.RoleUser, conversation[2].Role)
		require.Len(t, conversation[2].Parts, 1)
		fr := conversation[2].Parts[0].FunctionResponse
		require.NotNil(t, fr)
		assert.Equal(t, "COMPOSIO_ECHO", fr.Name)
		assert.Contains(t, fr.Response, "error", "a call that hit the fault is a failure")
		assert.Len(t, model.requests(), 1)
	})

	t.Run("an answer without a role", func(t *testing.T) {
		_, set := utilitySet(t)
		model := newScriptedModel(t, func(int, wireRequest) (int, any) {
			return http.StatusOK, map[string]any{"candidates": []any{map[string]any{"content": map[string]any{"parts": []any{textPart("hi")}}}}}
		})
		final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("x"), nil, 1)
		require.NoError(t, err)
		require.Len(t, conversation, 2)
		assert.Equal(t, genai.RoleModel, conversation[1].Role)
		assert.Empty(t, final.Candidates[0].Content.Role, "the response itself is not changed")
	})
}

// A function call Gemini could not form (finishReason
// MALFORMED_FUNCTION_CALL, no content) is the model's to put right: Run
// asks again, within its turns, rather than return as if it had answered.
func TestRunRetriesAMalformedFunctionCall(t *testing.T) {
	_, set := utilitySet(t)
	model := newScriptedModel(t, func(turn int, _ wireRequest) (int, any) {
		if turn == 1 {
			return http.StatusOK, map[string]any{"candidates": []any{map[string]any{"finishReason": "MALFORMED_FUNCTION_CALL", "index": 0}}}
		}
		return http.StatusOK, answer("STOP", textPart("hello"))
	})
	final, conversation, err := geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("hi"), nil, 3)
	require.NoError(t, err)
	assert.Equal(t, "hello", final.Text())
	require.Len(t, model.requests(), 2)
	assert.Equal(t, model.requests()[0], model.requests()[1], "the same request, sent again")
	require.Len(t, conversation, 2, "the malformed answer is not part of the conversation")

	// On the last turn allowed, it is ErrMaxTurns.
	model = newScriptedModel(t, func(int, wireRequest) (int, any) {
		return http.StatusOK, map[string]any{"candidates": []any{map[string]any{"finishReason": "MALFORMED_FUNCTION_CALL", "index": 0}}}
	})
	final, conversation, err = geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("hi"), nil, 2)
	require.ErrorIs(t, err, geminiprovider.ErrMaxTurns)
	require.NotNil(t, final)
	assert.Len(t, model.requests(), 2)
	assert.Len(t, conversation, 1)
}
