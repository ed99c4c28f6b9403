package openaiprovider_test

import (
	"context"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A nil tool set is bad input: an error wrapping ErrInvalidParams where
// the function returns one, whatever else it is given, and no tools where
// it does not; never a panic.
func TestNilToolSet(t *testing.T) {
	assert.Empty(t, openaiprovider.ChatTools(nil))
	assert.Empty(t, openaiprovider.ChatTools(nil, openaiprovider.WithStrict()))
	assert.Empty(t, openaiprovider.ResponsesTools(nil))

	ctx := context.Background()
	for name, c := range map[string]*openai.ChatCompletion{
		"calls":    completion(t, `[{"id":"c1","type":"function","function":{"name":"COMPOSIO_ECHO","arguments":"{}"}}]`),
		"no calls": completion(t, `[]`),
		"empty":    {},
	} {
		_, err := openaiprovider.HandleChatCompletion(ctx, nil, c)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.ErrorContains(t, err, "set", name)
	}
	_, err := openaiprovider.HandleResponse(ctx, nil, &responses.Response{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")

	model := newScriptedModel(t)
	_, _, err = openaiprovider.RunResponses(ctx, model.client(), nil, responses.ResponseNewParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	assert.Empty(t, model.requests(), "nothing is sent")
}
