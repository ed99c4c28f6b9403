package geminiprovider_test

import (
	"context"
	"encoding/json"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	geminiprovider "github.com/ComposioHQ/composio-go/providers/gemini"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genai"
)

// A nil tool set is bad input: an error wrapping ErrInvalidParams where
// the function returns one, no tool where it does not; never a panic.
func TestNilToolSet(t *testing.T) {
	assert.Nil(t, geminiprovider.Tool(nil))

	b, err := json.Marshal(answer("STOP", callPart("call_a", "COMPOSIO_ECHO", map[string]any{})))
	require.NoError(t, err)
	var resp genai.GenerateContentResponse
	require.NoError(t, json.Unmarshal(b, &resp))
	require.Len(t, geminiprovider.ToolCalls(&resp), 1)
	for name, r := range map[string]*genai.GenerateContentResponse{"calls": &resp, "no calls": {}, "nil response": nil} {
		_, err := geminiprovider.HandleToolCalls(context.Background(), nil, r)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.ErrorContains(t, err, "set", name)
	}

	model := newScriptedModel(t, func(int, wireRequest) (int, any) { return 200, answer("STOP", textPart("hi")) })
	_, _, err = geminiprovider.Run(context.Background(), model.client(t), "gemini-test", nil, question("hello"), nil, 3)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	assert.Empty(t, model.requests(), "nothing is sent")
}
