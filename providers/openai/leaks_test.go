package openaiprovider_test

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"
)

// TestRunsLeaveNoGoroutines: whole runs on both APIs, one of them cut
// short by its context, leave nothing running once the servers are gone.
func TestRunsLeaveNoGoroutines(t *testing.T) {
	http.DefaultClient.CloseIdleConnections()
	base := runtime.NumGoroutine()

	fake := composiotest.Start()
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	model := newScriptedModel(t)
	model.chat = multiplyAndFail
	model.respFn = multiplyAndFailResponses
	client := model.client()
	_, _, err = openaiprovider.RunChat(context.Background(), client, set, openai.ChatCompletionNewParams{
		Model: openai.ChatModelGPT5_4Mini, Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("6 times 7?")},
	})
	require.NoError(t, err)
	_, _, err = openaiprovider.RunResponses(context.Background(), client, set, responses.ResponseNewParams{
		Model: openai.ChatModelGPT5_4Mini, Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("6 times 7?")},
	})
	require.NoError(t, err)

	// A slow tool and a context that ends while it runs.
	model.chat = func(turn int, req chatRequest) chatAnswer {
		return chatAnswer{ToolCalls: []scriptedCall{{"call_1", req.toolTaking("milliseconds"), `{"milliseconds":5000}`}}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, messages, err := openaiprovider.RunChat(ctx, client, set, openai.ChatCompletionNewParams{
		Model: openai.ChatModelGPT5_4Mini, Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("sleep")},
	})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Len(t, messages, 3, "the call that did not finish is answered too")
	require.NotNil(t, messages[2].OfTool)
	require.Equal(t, "call_1", messages[2].OfTool.ToolCallID)

	fake.Close()
	model.srv.Close()
	settles(t, base)
}

// settles waits for the goroutine count to come back to base.
func settles(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}
