package goopenaiprovider_test

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	goopenaiprovider "github.com/ComposioHQ/composio-go/providers/goopenai"
	openai "github.com/sashabaranov/go-openai"
	"github.com/stretchr/testify/require"
)

// TestRunsLeaveNoGoroutines: a whole run, and one cut short by its context
// while a tool runs, leave nothing running once the servers are gone.
func TestRunsLeaveNoGoroutines(t *testing.T) {
	http.DefaultClient.CloseIdleConnections()
	base := runtime.NumGoroutine()

	fake := composiotest.Start()
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	m := newScriptedModel(t)
	m.chat = multiplyAndFail
	client := m.client()
	req := openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "6 times 7?"}}}
	_, _, err = goopenaiprovider.RunChat(context.Background(), client, set, req)
	require.NoError(t, err)

	m.chat = func(turn int, req chatRequest) chatAnswer {
		return chatAnswer{ToolCalls: []scriptedCall{{"call_1", req.toolTaking("milliseconds"), `{"milliseconds":5000}`}}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, messages, err := goopenaiprovider.RunChat(ctx, client, set, req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Len(t, messages, 3, "the call that did not finish is answered too")
	require.Equal(t, "call_1", messages[2].ToolCallID)

	fake.Close()
	m.srv.Close()
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
