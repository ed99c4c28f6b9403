package composio_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func clearEnv(t *testing.T) {
	for _, name := range []string{composio.EnvAPIKey, composio.EnvOrgAPIKey, composio.EnvUserAPIKey, composio.EnvBaseURL} {
		t.Setenv(name, "")
	}
}

func TestNewClientNeedsAKey(t *testing.T) {
	clearEnv(t)
	_, err := composio.NewClient()
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "WithAPIKey")
	assert.Contains(t, err.Error(), composio.EnvAPIKey)

	t.Setenv(composio.EnvAPIKey, "ak_from_env")
	_, err = composio.NewClient(composio.WithoutEnvironment())
	require.ErrorIs(t, err, composio.ErrInvalidParams, "WithoutEnvironment ignores the variable")

	for _, opt := range []composio.Option{composio.WithOrgAPIKey("o"), composio.WithUserAPIKey("u")} {
		_, err = composio.NewClient(composio.WithoutEnvironment(), opt)
		assert.NoError(t, err, "any kind of key is enough to build a client")
	}
}

func TestBaseURLForms(t *testing.T) {
	clearEnv(t)
	cases := map[string]string{
		"https://backend.composio.dev":                 "https://backend.composio.dev/api/v3.1",
		"https://backend.composio.dev/":                "https://backend.composio.dev/api/v3.1",
		"https://backend.composio.dev/api/v3.1":        "https://backend.composio.dev/api/v3.1",
		"https://proxy.example.com/composio/api/v3.1/": "https://proxy.example.com/composio/api/v3.1",
		"http://127.0.0.1:8080":                        "http://127.0.0.1:8080/api/v3.1",
		"http://localhost:9000/custom":                 "http://localhost:9000/custom",
	}
	for in, want := range cases {
		c, err := composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, c.BaseURL(), in)
	}
	c, err := composio.NewClient(composio.WithAPIKey("k"))
	require.NoError(t, err)
	assert.Equal(t, composio.DefaultBaseURL, c.BaseURL())

	for _, bad := range []string{"backend.composio.dev", "ftp://x.example", "https://", "https://u:p@x.example", "https://x.example/?q=1", "::"} {
		_, err := composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL(bad))
		assert.ErrorIs(t, err, composio.ErrInvalidParams, bad)
	}
	_, err = composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL("http://backend.composio.dev"))
	require.ErrorIs(t, err, composio.ErrInvalidParams, "plain HTTP off loopback is refused")
	assert.Contains(t, err.Error(), "http://")
	_, err = composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL("http://backend.composio.dev"), composio.WithAllowInsecureHTTP())
	assert.NoError(t, err)
}

func TestEnvironmentPrecedence(t *testing.T) {
	clearEnv(t)
	var got http.Header
	var path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, path = r.Header.Clone(), r.URL.Path
		_, _ = w.Write([]byte(`{"items":[]}`))
	}))
	t.Cleanup(srv.Close)

	t.Setenv(composio.EnvAPIKey, "ak_env")
	t.Setenv(composio.EnvBaseURL, srv.URL)
	c, err := composio.NewClient()
	require.NoError(t, err)
	assert.Equal(t, srv.URL+"/api/v3.1", c.BaseURL(), "env base URL, bare host form")
	_, err = c.Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ak_env", got.Get("X-Api-Key"), "environment over default")
	assert.Equal(t, "/api/v3.1/toolkits/changelog", path)

	c, err = composio.NewClient(composio.WithAPIKey("ak_option"))
	require.NoError(t, err)
	_, err = c.Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ak_option", got.Get("X-Api-Key"), "option over environment")

	t.Setenv(composio.EnvBaseURL, "https://env.example")
	c, err = composio.NewClient(composio.WithAPIKey("k"), composio.WithBaseURL(srv.URL+"/mounted"))
	require.NoError(t, err)
	assert.Equal(t, srv.URL+"/mounted", c.BaseURL())

	t.Setenv(composio.EnvUserAPIKey, "uak_env")
	t.Setenv(composio.EnvAPIKey, "")
	t.Setenv(composio.EnvBaseURL, srv.URL)
	c, err = composio.NewClient()
	require.NoError(t, err)
	_, err = c.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.NoError(t, err)
	assert.Equal(t, "uak_env", got.Get("X-User-Api-Key"))
	assert.Empty(t, got.Get("X-Api-Key"))
}

func TestOptionsValidateArguments(t *testing.T) {
	for name, opt := range map[string]composio.Option{
		"empty key":        composio.WithAPIKey(" "),
		"empty org key":    composio.WithOrgAPIKey(""),
		"empty user key":   composio.WithUserAPIKey(""),
		"empty base":       composio.WithBaseURL(""),
		"nil client":       composio.WithHTTPClient(nil),
		"negative retries": composio.WithMaxRetries(-1),
		"bad wait":         composio.WithRetryWait(time.Second, time.Millisecond),
		"negative timeout": composio.WithTimeout(-time.Second),
		"credential hdr":   composio.WithHeader("X-Api-Key", "sneaky"),
		"empty hdr":        composio.WithHeader("", "v"),
	} {
		_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("k"), opt)
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
}

func TestHeadersAndUserAgent(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	c := w.client(composio.WithHeader("X-Tenant", "acme"), composio.WithUserAgent("my-agent/1.2"))
	_, err := c.Toolkits.GetChangelog(context.Background(), composio.WithRequestHeader("X-Trace", "t1"))
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, "composio-go/"+composio.Version+" go/"+strings.TrimPrefix(runtime.Version(), "go")+" my-agent/1.2", req.Header.Get("User-Agent"))
	assert.Equal(t, "acme", req.Header.Get("X-Tenant"))
	assert.Equal(t, "t1", req.Header.Get("X-Trace"))
	assert.Equal(t, "application/json", req.Header.Get("Accept"))
	assert.Empty(t, req.Header.Get("Content-Type"), "no body, no content type")

	_, err = c.Toolkits.GetChangelog(context.Background(), composio.WithRequestHeader("x-org-api-key", "x"))
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestWithDerivesACopy(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	base := w.client(composio.WithHeader("X-Tenant", "a"))
	derived, err := base.With(composio.WithAPIKey("ak_other"), composio.WithHeader("X-Extra", "1"))
	require.NoError(t, err)

	_, err = derived.Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ak_other", w.last().Header.Get("X-Api-Key"))
	assert.Equal(t, "a", w.last().Header.Get("X-Tenant"))
	assert.Equal(t, "1", w.last().Header.Get("X-Extra"))

	_, err = base.Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Equal(t, testAPIKey, w.last().Header.Get("X-Api-Key"), "the original is unchanged")
	assert.Empty(t, w.last().Header.Get("X-Extra"))

	_, err = base.With(composio.WithBaseURL("nope"))
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestResponseInto(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	var resp composio.Response
	_, err := w.client().Toolkits.GetChangelog(context.Background(), composio.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "req_wire_1", resp.RequestID)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))

	w = newWire(t, 404, `{"error":{"message":"x"}}`)
	_, err = w.client().Toolkits.GetChangelog(context.Background(), composio.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, 404, resp.StatusCode, "filled on API errors too")
}

func TestRequestRetryAndTimeoutOptions(t *testing.T) {
	w := newWire(t, 503, `{}`)
	c := w.client()
	_, err := c.Toolkits.GetChangelog(context.Background())
	require.ErrorIs(t, err, composio.ErrServer)
	assert.Len(t, w.requests(), 3, "default: 2 retries")

	w = newWire(t, 503, `{}`)
	_, err = w.client().Toolkits.GetChangelog(context.Background(), composio.WithRequestMaxRetries(0))
	require.ErrorIs(t, err, composio.ErrServer)
	assert.Len(t, w.requests(), 1)

	w = newWire(t, 503, `{}`)
	_, err = w.client(composio.WithMaxRetries(4)).Toolkits.GetChangelog(context.Background())
	require.ErrorIs(t, err, composio.ErrServer)
	assert.Len(t, w.requests(), 5)

	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	c, err = composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("k"), composio.WithBaseURL(slow.URL))
	require.NoError(t, err)
	_, err = c.Toolkits.GetChangelog(context.Background(), composio.WithRequestTimeout(50*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)

	_, err = c.Toolkits.GetChangelog(context.Background(), composio.WithRequestTimeout(0))
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Toolkits.GetChangelog(context.Background(), composio.WithRequestMaxRetries(-2))
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestHTTPClientTransportIsWrapped(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	var seen int
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen++
		return http.DefaultTransport.RoundTrip(r)
	})
	_, err := w.client(composio.WithHTTPClient(&http.Client{Transport: rt})).Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, seen, "the caller's transport carried the request")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestCrossOriginRedirectDropsKey(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range []string{"X-Api-Key", "X-User-Api-Key", "X-Org-Api-Key"} {
			if v := r.Header.Get(h); v != "" {
				leaked = append(leaked, h)
			}
		}
		_, _ = w.Write([]byte(`{"items":[]}`))
	}))
	t.Cleanup(other.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(origin.Close)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithBaseURL(origin.URL))
	require.NoError(t, err)
	_, err = c.Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Empty(t, leaked)
}

func TestLoggerNeverSeesKeys(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`).then(500, `{"error":{"message":"boom"}}`)
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := w.client(composio.WithLogger(log))
	_, err := c.Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	_, _ = c.Toolkits.GetChangelog(context.Background())
	out := buf.String()
	assert.Contains(t, out, "/api/v3.1/toolkits/changelog")
	assert.Contains(t, out, `"status":500`)
	for _, key := range []string{testAPIKey, testOrgAPIKey, testUserAPIKey} {
		assert.NotContains(t, out, key)
	}
}

func TestMissingKeyForOperationFailsBeforeSending(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithOrgAPIKey("oak"))
	require.NoError(t, err)
	_, err = c.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "WithAPIKey")
	assert.Contains(t, err.Error(), "WithUserAPIKey")
	assert.Empty(t, w.requests())
}

func TestNilContextRefused(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	//lint:ignore SA1012 the nil context is the point of the test
	_, err := w.client().Toolkits.GetChangelog(nil) //nolint:staticcheck
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}
