package composio_test

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

// TestWaitsAndWalksLeaveNoGoroutines: waits that time out or are
// cancelled, and walks the caller breaks out of, leave nothing running
// once the server is gone.
func TestWaitsAndWalksLeaveNoGoroutines(t *testing.T) {
	http.DefaultClient.CloseIdleConnections()
	base := runtime.NumGoroutine()

	srv := composiotest.Start()
	c := srv.Client()
	ctx := context.Background()
	link, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: srv.SeedAuthConfig("github"), UserID: "u"})
	require.NoError(t, err)

	_, err = c.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID,
		composio.WithPollInterval(time.Millisecond), composio.WithWaitTimeout(20*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)

	cancelled, cancel := context.WithCancel(ctx)
	time.AfterFunc(15*time.Millisecond, cancel)
	_, err = c.ConnectedAccounts.WaitForConnection(cancelled, link.ConnectedAccountID, composio.WithPollInterval(time.Hour))
	require.ErrorIs(t, err, context.Canceled)

	for i := range 5 {
		srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{ToolkitSlug: "github", UserID: "u", Alias: string(rune('a' + i))})
	}
	n := 0
	for _, err := range c.ConnectedAccounts.ListAll(ctx, composio.ConnectedAccountListParams{Limit: 2}) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)

	srv.Close()
	settles(t, base)
}
