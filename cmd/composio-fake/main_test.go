package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServesTheAPIWithThePrintedSettings(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--api-key", "my-key"}, pw); pw.Close() }()

	settings := map[string]string{}
	sc := bufio.NewScanner(pr)
	for sc.Scan() && len(settings) < 4 {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok && strings.HasPrefix(k, "COMPOSIO_") {
			settings[k] = v
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	require.Equal(t, "my-key", settings["COMPOSIO_API_KEY"])
	require.True(t, strings.HasPrefix(settings["COMPOSIO_BASE_URL"], "http://127.0.0.1:"))

	client, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(settings["COMPOSIO_BASE_URL"]), composio.WithAPIKey("my-key"))
	require.NoError(t, err)
	page, err := client.Toolkits.List(ctx, composio.ToolkitListParams{})
	require.NoError(t, err)
	assert.NotEmpty(t, page.Items)

	resp, err := http.Get(settings["COMPOSIO_BASE_URL"] + "/api/v3.1/toolkits")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}

func TestBadFlags(t *testing.T) {
	err := run(context.Background(), []string{"--nope"}, io.Discard)
	assert.Error(t, err)
}

// TestServesRealtimeTriggers: a client subscribes over the program's
// websocket, and a trigger fired over HTTP reaches it.
func TestServesRealtimeTriggers(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	base, key, done := start(t, ctx)
	client, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(base), composio.WithAPIKey(key),
		composio.WithRealtimeURL("ws"+strings.TrimPrefix(base, "http")))
	require.NoError(t, err)
	subCtx, stop := context.WithTimeout(context.Background(), 10*time.Second) // outlives the server
	defer stop()
	sub, err := client.Triggers.Subscribe(subCtx, composio.TriggerSubscribeParams{TriggerSlugs: []string{"GITHUB_COMMIT_EVENT"}})
	require.NoError(t, err)

	req, err := http.NewRequest(http.MethodPost, base+"/fake/triggers/fire", strings.NewReader(`{"trigger_slug":"GITHUB_COMMIT_EVENT","data":{"id":"c1"}}`))
	require.NoError(t, err)
	req.Header.Set("x-api-key", key)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	ev, err := sub.Next(subCtx)
	require.NoError(t, err)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)

	// An open websocket does not hold the shutdown up.
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	require.NoError(t, sub.Close())
}
