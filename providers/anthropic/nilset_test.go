package anthropicprovider_test

import (
	"context"
	"encoding/json"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	anthropicprovider "github.com/ComposioHQ/composio-go/providers/anthropic"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A nil tool set is bad input: an error wrapping ErrInvalidParams where
// the function returns one, no tools where it does not; never a panic.
func TestNilToolSet(t *testing.T) {
	assert.Empty(t, anthropicprovider.Tools(nil))

	b, err := json.Marshal(answer("tool_use", toolUse("toolu_1", "COMPOSIO_ECHO", map[string]any{})))
	require.NoError(t, err)
	var msg anthropic.Message
	require.NoError(t, json.Unmarshal(b, &msg))
	for name, m := range map[string]*anthropic.Message{"calls": &msg, "no calls": {}, "nil message": nil} {
		_, err := anthropicprovider.HandleToolCalls(context.Background(), nil, m)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.ErrorContains(t, err, "set", name)
	}

	model := newScriptedModel(t, func(int, wireRequest) (int, any) { return 200, answer("end_turn", textBlock("hi")) })
	_, _, err = anthropicprovider.Run(context.Background(), model.client(), nil, question("hello"), 3)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	assert.Empty(t, model.requests(), "nothing is sent")
}
