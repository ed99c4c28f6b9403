package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/ComposioHQ/composio-go/internal/testlog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `Subscribed to the project's trigger events (no public URL needed)
Fired GITHUB_COMMIT_EVENT in the fake server
Received a composio.trigger.message event (V3 payload)
  trigger: GITHUB_COMMIT_EVENT for user user_123
  commit:  c0ffee1 "Fix the flaky test" by ada
`, out.String())
}

// TestOnlinePrintsUntilInterrupted: online (no fake handed to run) the
// program prints every event until its context ends, then returns nil.
func TestOnlinePrintsUntilInterrupted(t *testing.T) {
	srv := composiotest.NewServer(t)
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	var out testlog.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, srv.Client(), nil, &out) }()
	require.Eventually(t, func() bool { return srv.RealtimeSubscribers() == 1 }, 5*time.Second, time.Millisecond)

	for _, slug := range []string{"SLACK_RECEIVE_MESSAGE", "GITHUB_COMMIT_EVENT"} {
		_, err := srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: slug, UserID: "user_9"})
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool { return strings.Count(out.String(), "Received a ") == 2 }, 5*time.Second, time.Millisecond)
	interrupt()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop when interrupted")
	}
	assert.Contains(t, out.String(), "Waiting for events; press Ctrl-C to stop.\n")
	assert.Contains(t, out.String(), "  trigger: SLACK_RECEIVE_MESSAGE for user user_9\n")
	assert.Contains(t, out.String(), "  trigger: GITHUB_COMMIT_EVENT for user user_9\n")
}
