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
