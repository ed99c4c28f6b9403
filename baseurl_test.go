package composio_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A base URL with stray whitespace (an .env file's) is trimmed, as
// COMPOSIO_BASE_URL is.
func TestBaseURLIsTrimmed(t *testing.T) {
	clearEnv(t)
	for _, in := range []string{" https://backend.composio.dev", "https://backend.composio.dev/api/v3.1 ", "\thttps://backend.composio.dev\n"} {
		c, err := composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL(in))
		require.NoError(t, err, "%q", in)
		assert.Equal(t, composio.DefaultBaseURL, c.BaseURL(), "%q", in)
	}
	t.Setenv(composio.EnvBaseURL, " https://backend.composio.dev ")
	c, err := composio.NewClient(composio.WithAPIKey("k"))
	require.NoError(t, err)
	assert.Equal(t, composio.DefaultBaseURL, c.BaseURL())
}

// A bad base URL is shown in the error, so the mistake can be seen; only
// what may hold a secret (user info, query, a configured key) is hidden.
func TestBadBaseURLIsShown(t *testing.T) {
	clearEnv(t)
	for in, shown := range map[string]string{
		"https://backend.composio.dev:abc":        `"https://backend.composio.dev:abc"`,
		"htps://backend.composio.dev":             `"htps://backend.composio.dev"`,
		"https://backend.composio.dev/%zz?t=tok1": `"https://backend.composio.dev/%zz"`,
		"https://user:pw@bad host/api/v3.1":       `"https://bad host/api/v3.1"`,
	} {
		_, err := composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL(in))
		require.ErrorIs(t, err, composio.ErrInvalidParams, in)
		assert.Contains(t, err.Error(), "base URL "+shown, in)
		assert.NotContains(t, err.Error(), "REDACTED", in)
		assert.NotContains(t, err.Error(), "tok1", in)
		assert.NotContains(t, err.Error(), "pw", in)
	}
}

// A base URL whose path is not the API root (/api/v3 without .1) is
// accepted, since a proxy may mount the API anywhere, but the 404 it leads
// to says what to change.
func TestBaseURLOffTheAPIRootExplainsTheNotFound(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"message":"Cannot GET ` + r.URL.Path + `"}}`))
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()

	c := userClient(t, srv.URL+"/api/v3")
	_, err := c.Toolkits.List(ctx, composio.ToolkitListParams{})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	require.ErrorIs(t, err, composio.ErrNotFound)
	assert.Equal(t, `the base URL path "/api/v3" is not the API root /api/v3.1: if every call answers 404, `+
		`use WithBaseURL or COMPOSIO_BASE_URL with `+srv.URL+`/api/v3.1 or the bare host `+srv.URL, apiErr.SuggestedFix)
	assert.Contains(t, err.Error(), "fix: the base URL path")

	_, err = userClient(t, srv.URL).Toolkits.List(ctx, composio.ToolkitListParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Empty(t, apiErr.SuggestedFix, "at the API root a 404 is the API's own")

	fixing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"message":"no toolkit x","suggested_fix":"list toolkits first"}}`))
	}))
	t.Cleanup(fixing.Close)
	_, err = userClient(t, fixing.URL+"/proxy/composio").Toolkits.Get(ctx, "x", composio.ToolkitGetParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.SuggestedFix, "list toolkits first; the base URL path \"/proxy/composio\" is not the API root")

	w := newWire(t, 400, `{"error":{"message":"bad"}}`)
	_, err = userClient(t, w.srv.URL+"/api/v3").Toolkits.List(ctx, composio.ToolkitListParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Empty(t, apiErr.SuggestedFix, "only a 404 gets the hint")
}
