package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `Subscribed the local receiver to composio.trigger.message events (V3 payloads)
Fired GITHUB_COMMIT_EVENT: the receiver answered 204
Received a verified composio.trigger.message event (V3 payload)
  trigger: GITHUB_COMMIT_EVENT for user user_123
  commit:  c0ffee1 "Fix the flaky test" by ada
A forged delivery was answered 400
`, out.String())
}

func TestInstructionsOnline(t *testing.T) {
	// Online the program only reads the event types and explains.
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), nil, &out))
	assert.Contains(t, out.String(), "composio.trigger.message: ")
	assert.Contains(t, out.String(), "composio.WebhookHandler(secret, yourFunc)")
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "GET", reqs[0].Method, "nothing is created on the real project")
}
