package langchainprovider

import (
	"context"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tmc/langchaingo/llms"
)

// A nil tool set is bad input: an error wrapping ErrInvalidParams where
// the function returns one, no tools where it does not; never a panic.
func TestNilToolSet(t *testing.T) {
	assert.Empty(t, Tools(nil))
	assert.Empty(t, StrictTools(nil))
	assert.Empty(t, AgentTools(nil))

	ctx := context.Background()
	calls := []llms.ToolCall{{ID: "c1", Type: "function", FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_ECHO", Arguments: `{}`}}}
	for name, choice := range map[string]*llms.ContentChoice{"calls": {ToolCalls: calls}, "no calls": {}, "nil choice": nil} {
		_, err := HandleToolCalls(ctx, nil, choice)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.ErrorContains(t, err, "set", name)
		var resp *llms.ContentResponse
		if choice != nil {
			resp = &llms.ContentResponse{Choices: []*llms.ContentChoice{choice}}
		}
		_, err = HandleResponse(ctx, nil, resp)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.ErrorContains(t, err, "set", name)
	}

	_, err := (&AgentTool{}).Call(ctx, `{}`)
	require.ErrorIs(t, err, composio.ErrInvalidParams, "the zero AgentTool has no set")

	m := newChatModel(t)
	_, _, err = Run(ctx, newLLM(t, m), nil, []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "hello")}, 3)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	assert.Empty(t, m.requests(), "nothing is sent")
}
