package openaiprovider_test

import (
	"context"
	"encoding/json"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type note struct {
	Text string `json:"text" jsonschema:"what to remember"`
}

// localTools are a typed local tool and one taking any object, which has
// no strict form.
func localTools() []composio.ToolSetOption {
	return []composio.ToolSetOption{
		composio.LocalTool("save_note", "Saves a note.", func(_ context.Context, n note) (map[string]string, error) {
			return map[string]string{"saved": n.Text}, nil
		}),
		composio.LocalTool("count_keys", "Counts the keys of any object.", func(_ context.Context, in map[string]any) (int, error) {
			return len(in), nil
		}),
	}
}

// TestRunChat_LocalTools: local tools go to the model with the others and
// run in process; with WithStrict, a tool without a strict form is offered
// in normal mode beside the strict ones.
func TestRunChat_LocalTools(t *testing.T) {
	set, srv := toolSet(t, localTools()...)
	model := newScriptedModel(t)
	model.chat = func(turn int, req chatRequest) chatAnswer {
		if turn == 0 {
			return chatAnswer{ToolCalls: []scriptedCall{
				{"call_1", "LOCAL_SAVE_NOTE", `{"text":"buy milk"}`},
				{"call_2", "LOCAL_COUNT_KEYS", `{"a":1,"b":2}`},
			}}
		}
		return chatAnswer{Content: req.content(len(req.Messages)-2) + " " + req.content(len(req.Messages)-1)}
	}
	final, _, err := openaiprovider.RunChat(context.Background(), model.client(), set, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("remember")},
	}, openaiprovider.WithStrict())
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"saved":"buy milk"}} {"data":2}`, final.Choices[0].Message.Content)
	assert.Empty(t, executed(srv), "local tools never reach Composio")

	var first struct {
		Tools []struct {
			Function struct {
				Name       string          `json:"name"`
				Strict     *bool           `json:"strict"`
				Parameters json.RawMessage `json:"parameters"`
			} `json:"function"`
		} `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(model.requests()[0], &first))
	require.Len(t, first.Tools, 7)
	strict := map[string]*bool{}
	for _, tl := range first.Tools {
		strict[tl.Function.Name] = tl.Function.Strict
	}
	require.NotNil(t, strict["LOCAL_SAVE_NOTE"])
	assert.True(t, *strict["LOCAL_SAVE_NOTE"])
	assert.Nil(t, strict["LOCAL_COUNT_KEYS"], "no strict form: normal mode, no strict flag")
	require.NotNil(t, strict["COMPOSIO_ECHO"])
	assert.True(t, *strict["COMPOSIO_ECHO"])
}

func TestResponsesTools_NoStrictForm(t *testing.T) {
	set, _ := toolSet(t, localTools()...)
	b, err := json.Marshal(openaiprovider.ResponsesTools(set, openaiprovider.WithStrict()))
	require.NoError(t, err)
	var tools []struct {
		Name   string `json:"name"`
		Strict *bool  `json:"strict"`
	}
	require.NoError(t, json.Unmarshal(b, &tools))
	require.Len(t, tools, 7)
	for _, tl := range tools {
		require.NotNil(t, tl.Strict, "the Responses API requires the flag: %s", tl.Name)
		assert.Equal(t, tl.Name != "LOCAL_COUNT_KEYS", *tl.Strict, tl.Name)
	}
}
