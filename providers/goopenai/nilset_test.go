package goopenaiprovider_test

import (
	"context"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	goopenaiprovider "github.com/ComposioHQ/composio-go/providers/goopenai"
	openai "github.com/sashabaranov/go-openai"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A nil tool set is bad input: an error wrapping ErrInvalidParams where
// the function returns one, whatever else it is given, and no tools where
// it does not; never a panic.
func TestNilToolSet(t *testing.T) {
	assert.Empty(t, goopenaiprovider.Tools(nil))
	assert.Empty(t, goopenaiprovider.Tools(nil, goopenaiprovider.WithStrict()))
	assert.Empty(t, goopenaiprovider.ResponseTools(nil))

	ctx := context.Background()
	for name, resp := range map[string]openai.ChatCompletionResponse{
		"calls":    response(t, `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{}"}}]`),
		"no calls": response(t, `[]`),
		"empty":    {},
	} {
		_, err := goopenaiprovider.HandleChatCompletion(ctx, nil, resp)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.ErrorContains(t, err, "set", name)
	}
	_, err := goopenaiprovider.HandleResponse(ctx, nil, openai.CreateResponseResponse{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
}
