package composio_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func accountAnswer(status, reason string) string {
	r := "null"
	if reason != "" {
		r = `"` + reason + `"`
	}
	return `{"id":"ca_1","status":"` + status + `","status_reason":` + r + `,"state":{"authScheme":"OAUTH2","val":{"status":"` + status + `"}}}`
}

func TestWaitForConnectionPollsUntilActive(t *testing.T) {
	w := newWire(t, http.StatusOK, accountAnswer("INITIATED", "")).
		then(http.StatusOK, accountAnswer("INITIALIZING", "")).
		then(http.StatusOK, accountAnswer("ACTIVE", ""))
	acct, err := w.client().ConnectedAccounts.WaitForConnection(context.Background(), "ca_1", composio.WithPollInterval(time.Millisecond))
	require.NoError(t, err)
	assert.Equal(t, composio.StatusActive, acct.Status)
	reqs := w.requests()
	require.Len(t, reqs, 3)
	for _, r := range reqs {
		assert.Equal(t, http.MethodGet, r.Method)
		assert.Equal(t, "/api/v3.1/connected_accounts/ca_1", r.Path)
		assert.Equal(t, "X-Api-Key", r.credential(t))
	}
}

func TestWaitForConnectionStopsOnTerminalStatus(t *testing.T) {
	for _, status := range []composio.ConnectedAccountStatus{composio.StatusFailed, composio.StatusExpired, composio.StatusRevoked} {
		t.Run(string(status), func(t *testing.T) {
			w := newWire(t, http.StatusOK, accountAnswer("INITIATED", "")).then(http.StatusOK, accountAnswer(string(status), "Max auth failures reached"))
			_, err := w.client().ConnectedAccounts.WaitForConnection(context.Background(), "ca_1", composio.WithPollInterval(time.Millisecond))
			var failed *composio.ConnectionFailedError
			require.True(t, errors.As(err, &failed), "got %v", err)
			assert.Equal(t, &composio.ConnectionFailedError{ConnectedAccountID: "ca_1", Status: status, StatusReason: "Max auth failures reached"}, failed)
			assert.ErrorIs(t, err, composio.ErrConnectionFailed)
			assert.Equal(t, "composio: connected account ca_1 is "+string(status)+", not ACTIVE (reason: Max auth failures reached)", err.Error())
			assert.Len(t, w.requests(), 2)
		})
	}
}

func TestWaitForConnectionInactiveKeepsWaiting(t *testing.T) {
	w := newWire(t, http.StatusOK, accountAnswer("INACTIVE", "")).then(http.StatusOK, accountAnswer("ACTIVE", ""))
	_, err := w.client().ConnectedAccounts.WaitForConnection(context.Background(), "ca_1", composio.WithPollInterval(time.Millisecond))
	require.NoError(t, err)
}

func TestWaitForConnectionDeadline(t *testing.T) {
	w := newWire(t, http.StatusOK, accountAnswer("INITIATED", ""))
	c := w.client()
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ConnectedAccounts.WaitForConnection(ctx, "ca_1", composio.WithPollInterval(2*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "ca_1 still INITIATED")
	assert.Less(t, time.Since(start), 500*time.Millisecond)
	polls := len(w.requests())
	assert.Greater(t, polls, 2, "it polled")

	// A cancelled context stops the wait too, before any request.
	cancelled, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	_, err = c.ConnectedAccounts.WaitForConnection(cancelled, "ca_1")
	require.ErrorIs(t, err, context.Canceled)
	assert.Len(t, w.requests(), polls)
}

func TestWaitForConnectionPassesAPIErrorsThrough(t *testing.T) {
	w := newWire(t, http.StatusUnauthorized, `{"error":{"message":"Invalid API key","status":401}}`)
	_, err := w.client().ConnectedAccounts.WaitForConnection(context.Background(), "ca_1", composio.WithPollInterval(time.Millisecond))
	require.ErrorIs(t, err, composio.ErrUnauthorized)
	assert.Len(t, w.requests(), 1)
}

// TestWaitForConnectionPollsAtAFixedInterval pins the cadence of
// @composio/core: one poll per interval, not a growing backoff.
func TestWaitForConnectionPollsAtAFixedInterval(t *testing.T) {
	const interval, pending = 20 * time.Millisecond, 8
	w := newWire(t, http.StatusOK, accountAnswer("INITIATED", ""))
	for range pending - 1 {
		w.then(http.StatusOK, accountAnswer("INITIATED", ""))
	}
	w.then(http.StatusOK, accountAnswer("ACTIVE", ""))
	start := time.Now()
	_, err := w.client().ConnectedAccounts.WaitForConnection(context.Background(), "ca_1", composio.WithPollInterval(interval))
	require.NoError(t, err)
	elapsed := time.Since(start)
	assert.Len(t, w.requests(), pending+1)
	assert.GreaterOrEqual(t, elapsed, pending*interval, "it pauses between polls")
	// A backoff growing by a quarter per poll would take over 2.3 times as long.
	assert.Less(t, elapsed, pending*interval*2, "the interval stays fixed")
}

func TestWaitForConnectionDefaults(t *testing.T) {
	assert.Equal(t, time.Second, composio.DefaultPollInterval)
	assert.Equal(t, 60*time.Second, composio.DefaultWaitTimeout)
}
