package composio

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRealtimeSocketURL(t *testing.T) {
	creds := &realtimeCredentials{PusherKey: "ff9f18c208855d77a152", ProjectID: "pr_1", PusherCluster: "mt1"}
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"))
	require.NoError(t, err)
	assert.Equal(t, "wss://ws-mt1.pusher.com/app/ff9f18c208855d77a152?client=composio-go&protocol=7&version="+Version, c.realtimeSocketURL(creds),
		"Pusher's host for the cluster by default")
	for option, want := range map[string]string{
		"https://proxy.example/pusher/": "wss://proxy.example/pusher/app/",
		"ws://127.0.0.1:6001":           "ws://127.0.0.1:6001/app/",
		"http://localhost:6001/a%20b":   "ws://localhost:6001/a%20b/app/",
	} {
		c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithRealtimeURL(option))
		require.NoError(t, err)
		assert.Equal(t, want+"ff9f18c208855d77a152?client=composio-go&protocol=7&version="+Version, c.realtimeSocketURL(creds), option)
	}
	creds.PusherKey = "a/b?c"
	assert.Contains(t, c.realtimeSocketURL(creds), "/app/a%2Fb%3Fc?", "the key is one path segment")
}

func TestAPIRoot(t *testing.T) {
	for base, want := range map[string]string{
		"https://backend.composio.dev":          "https://backend.composio.dev",
		"https://backend.composio.dev/api/v3.1": "https://backend.composio.dev",
		"https://gw.example/composio/api/v3.1/": "https://gw.example/composio",
		"https://gw.example/composio":           "https://gw.example/composio",
	} {
		c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithBaseURL(base))
		require.NoError(t, err)
		assert.Equal(t, want, c.apiRoot(), base)
	}
}

func TestRealtimeCredentialChecks(t *testing.T) {
	for s, want := range map[string]bool{"pr_abc-1": true, "mt1": true, "": false, "a.b": false, "a/b": false, "ü": false} {
		assert.Equal(t, want, safeName(s), "%q", s)
	}
	for status, want := range map[int]bool{400: true, 401: true, 403: true, 404: true, 408: false, 429: false, 500: false, 503: false, 302: false} {
		assert.Equal(t, want, refusal(status), "%d", status)
	}
}
