package geminiprovider_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	geminiprovider "github.com/ComposioHQ/composio-go/providers/gemini"
	"github.com/stretchr/testify/require"
)

// TestRunLeavesNoGoroutines: a whole loop, the tools run concurrently or
// not, leaves nothing running once the servers are gone.
func TestRunLeavesNoGoroutines(t *testing.T) {
	http.DefaultClient.CloseIdleConnections()
	base := runtime.NumGoroutine()

	fake := composiotest.Start()
	set, err := fake.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	model := &scriptedModel{script: calculatorScript()}
	model.srv = httptest.NewServer(http.HandlerFunc(model.serve))
	_, _, err = geminiprovider.Run(context.Background(), model.client(t), "gemini-test", set, question("What is 6 times 7?"), nil, 3)
	require.NoError(t, err)
	model.srv.Close()
	fake.Close()

	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}
