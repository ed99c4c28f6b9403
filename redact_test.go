package composio_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headerRecorder is a server that keeps the headers of the last request it
// received, answering {"items":[]}.
type headerRecorder struct {
	*httptest.Server
	mu   sync.Mutex
	last http.Header
}

func newHeaderRecorder(t *testing.T) *headerRecorder {
	t.Helper()
	h := &headerRecorder{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.last = r.Header.Clone()
		h.mu.Unlock()
		_, _ = io.WriteString(w, `{"items":[],"data":{},"successful":true}`)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *headerRecorder) header() http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// redirector sends every request to target+path, with a 307 (a 303 for a
// POST, whose body may not cross origins).
func redirector(t *testing.T, target string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code := http.StatusTemporaryRedirect
		if r.Method == http.MethodPost {
			code = http.StatusSeeOther
		}
		http.Redirect(w, r, target+r.URL.Path, code)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Every header a caller adds (WithHeader, WithRequestHeader, the LLM gateway
// headers of a tool execution) may carry a credential: none follows a
// redirect to another origin, unless marked public with WithPublicHeaders.
// A same-origin redirect keeps them all.
func TestCallerHeadersDroppedOnCrossOriginRedirect(t *testing.T) {
	other := newHeaderRecorder(t)
	origin := redirector(t, other.URL)
	c := userClient(t, origin.URL,
		composio.WithHeader("X-Gateway-Token", "gw_secret_value"),
		composio.WithHeader("X-Tenant", "acme"),
		composio.WithHeader("X-Trace-Id", "trace-1"),
		composio.WithPublicHeaders("x-tenant"),
		composio.WithPublicHeaders("X-Trace-Id"))
	ctx := context.Background()
	_, err := c.Toolkits.List(ctx, composio.ToolkitListParams{},
		composio.WithRequestHeader("X-Call-Token", "call_secret_value"),
		composio.WithRequestHeader("X-Trace-Id", "trace-2"))
	require.NoError(t, err)
	got := other.header()
	require.NotNil(t, got)
	assert.Empty(t, got.Get("X-Gateway-Token"), "a client header crossed origins")
	assert.Empty(t, got.Get("X-Call-Token"), "a per-call header crossed origins")
	assert.Empty(t, got.Get("X-Api-Key"))
	assert.Equal(t, "acme", got.Get("X-Tenant"), "a public header follows the redirect")
	assert.Equal(t, []string{"trace-2"}, got.Values("X-Trace-Id"), "public for per-call headers too (which replace the client's)")
	assert.NotEmpty(t, got.Get("User-Agent"))

	_, err = c.Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u", Version: "20250906_01",
		LLMGatewayHeaders: map[string]string{"Authorization": "Bearer sk-provider-123"}})
	require.NoError(t, err)
	assert.Empty(t, other.header().Get("X-Llm-Gateway-Headers"))

	same := newHeaderRecorder(t)
	mux := http.NewServeMux()
	mux.Handle("/api/v3.1/toolkits", http.RedirectHandler("/landed", http.StatusTemporaryRedirect))
	mux.Handle("/landed", same.Config.Handler)
	hop := httptest.NewServer(mux)
	t.Cleanup(hop.Close)
	_, err = userClient(t, hop.URL, composio.WithHeader("X-Gateway-Token", "gw_secret_value")).
		Toolkits.List(ctx, composio.ToolkitListParams{}, composio.WithRequestHeader("X-Call-Token", "call_secret_value"))
	require.NoError(t, err)
	assert.Equal(t, "gw_secret_value", same.header().Get("X-Gateway-Token"), "same origin: kept")
	assert.Equal(t, "call_secret_value", same.header().Get("X-Call-Token"), "same origin: kept")
}

// Credential headers and the gateway headers cannot be declared public.
func TestWithPublicHeadersRefusesSecretHeaders(t *testing.T) {
	for _, name := range []string{"X-Api-Key", "authorization", "X-Llm-Gateway-Headers", "Proxy-Authorization", "", "bad name"} {
		_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("k"), composio.WithPublicHeaders(name))
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
}

// echoServer answers 400 with an error envelope quoting the request's
// headers back, puts one in x-request-id, and answers status text that
// repeats it, as a careless server or proxy might.
func echoServer(t *testing.T, header string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var all []string
		for name, v := range r.Header {
			all = append(all, name+"="+strings.Join(v, ","))
		}
		msg := strings.ReplaceAll(strings.Join(all, " "), `"`, `'`)
		w.Header().Set("X-Request-Id", r.Header.Get(header))
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, `{"error":{"message":%q,"suggested_fix":%q,"errors":[%q]}}`, msg, r.Header.Get(header), r.Header.Get(header))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The values of caller-added headers are secrets too: a server echoing them
// into an error or a log line shows REDACTED, except for public headers.
func TestCallerHeaderValuesRedactedWhenEchoed(t *testing.T) {
	secrets := []string{"gw_secret_value", "call_secret_value", "sk-provider-123"}
	for _, echoed := range []string{"X-Gateway-Token", "X-Call-Token", "X-Llm-Gateway-Headers"} {
		t.Run(echoed, func(t *testing.T) {
			srv := echoServer(t, echoed)
			var logs bytes.Buffer
			c := userClient(t, srv.URL,
				composio.WithHeader("X-Gateway-Token", "gw_secret_value"),
				composio.WithHeader("X-Tenant", "acme"), composio.WithPublicHeaders("X-Tenant"),
				composio.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
			_, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u", Version: "20250906_01",
				LLMGatewayHeaders: map[string]string{"Authorization": "Bearer sk-provider-123"}},
				composio.WithRequestHeader("X-Call-Token", "call_secret_value"))
			var apiErr *composio.Error
			require.ErrorAs(t, err, &apiErr)
			require.Contains(t, string(apiErr.Body), "X-Tenant=acme", "the public header is shown as sent")
			assert.Contains(t, apiErr.Message, "REDACTED")
			for _, s := range secrets {
				for what, text := range map[string]string{
					"error": err.Error(), "message": apiErr.Message, "body": string(apiErr.Body),
					"request id": apiErr.RequestID, "fix": apiErr.SuggestedFix, "details": strings.Join(apiErr.Details, " "),
					"log": logs.String(), "%+v": fmt.Sprintf("%+v", apiErr),
				} {
					assert.NotContains(t, text, s, "%s shows a header value", what)
				}
			}
			assertNoKey(t, "error", err.Error()+string(apiErr.Body))
		})
	}
}

// A redirect whose Location carries the key in a query parameter of any
// name (or in the path) never puts it in a log line, Error.URL or the
// error text.
func TestKeyInRedirectLocationIsRedacted(t *testing.T) {
	for _, location := range []string{"/x?k=" + testAPIKey, "/x?q=" + testAPIKey + "&page=2", "/t/" + testAPIKey + "/x", "/x?cb=https%3A%2F%2Fh.example%2F%3Fk%3D" + testAPIKey} {
		t.Run(location, func(t *testing.T) {
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusNotFound)
				_, _ = io.WriteString(w, `{"error":{"message":"nothing here"}}`)
			}))
			t.Cleanup(other.Close)
			origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, other.URL+location, http.StatusFound)
			}))
			t.Cleanup(origin.Close)
			var logs bytes.Buffer
			c := userClient(t, origin.URL, composio.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
			_, err := c.Toolkits.List(context.Background(), composio.ToolkitListParams{})
			var apiErr *composio.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Contains(t, apiErr.URL, other.URL, "the URL still says where the answer came from")
			assert.Contains(t, apiErr.URL, "REDACTED")
			require.Contains(t, logs.String(), other.URL)
			assertNoKey(t, "Error.URL", apiErr.URL)
			assertNoKey(t, "error", err.Error())
			assertNoKey(t, "log", logs.String())
		})
	}
}

// The same redirect to a refused destination (plain http off loopback)
// fails with an error whose text, at every level, hides the key.
func TestKeyInRefusedRedirectIsRedacted(t *testing.T) {
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://collector.example/x?k="+testAPIKey, http.StatusFound)
	}))
	t.Cleanup(origin.Close)
	_, err := userClient(t, origin.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "collector.example")
	for e := err; e != nil; e = errors.Unwrap(e) {
		assertNoKey(t, "wrapped error", e.Error())
	}
}

// A very short key is redacted where it stands as a whole token, never
// inside other words, so messages stay readable.
func TestShortKeyDoesNotGarbleMessages(t *testing.T) {
	w := newWire(t, 404, `{"error":{"message":"Toolkit kick not found: check the key k, or ask k-team","suggested_fix":"use key=k"}}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("k"), composio.WithBaseURL(w.srv.URL))
	require.NoError(t, err)
	_, err = c.Toolkits.Get(context.Background(), "kick", composio.ToolkitGetParams{})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Toolkit kick not found: check the key REDACTED, or ask k-team", apiErr.Message)
	assert.Equal(t, "use key=REDACTED", apiErr.SuggestedFix)
	assert.Contains(t, apiErr.URL, "/toolkits/kick")
	assert.Contains(t, err.Error(), "404 Not Found: Toolkit kick not found")
}

// A key passed by mistake as the base URL (alone, or with the key options
// swapped) is never quoted in the NewClient error; neither is a base URL
// that holds a configured key.
func TestKeyAsBaseURLIsNotQuoted(t *testing.T) {
	for name, opts := range map[string][]composio.Option{
		"key as base URL":   {composio.WithAPIKey(testAPIKey), composio.WithBaseURL(testAPIKey)},
		"swapped":           {composio.WithAPIKey("https://backend.composio.dev"), composio.WithBaseURL(testAPIKey)},
		"key in the path":   {composio.WithAPIKey(testAPIKey), composio.WithBaseURL("https://backend.composio.dev/" + testAPIKey)},
		"key as the host":   {composio.WithAPIKey(testAPIKey), composio.WithBaseURL("https://" + testAPIKey)},
		"key as user info":  {composio.WithAPIKey(testAPIKey), composio.WithBaseURL("https://" + testAPIKey + "@backend.composio.dev")},
		"key in the query":  {composio.WithAPIKey(testAPIKey), composio.WithBaseURL("https://backend.composio.dev/?k=" + testAPIKey)},
		"org key as base":   {composio.WithOrgAPIKey(testOrgAPIKey), composio.WithBaseURL("ftp://" + testOrgAPIKey)},
		"unparsable w. key": {composio.WithAPIKey(testAPIKey), composio.WithBaseURL("https://h.example/%zz" + testAPIKey)},
	} {
		_, err := composio.NewClient(append([]composio.Option{composio.WithoutEnvironment()}, opts...)...)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assertNoKey(t, name, err.Error())
		assert.Contains(t, err.Error(), "base URL", name)
	}
}

// A storage URL that carries a configured key (under a parameter of any
// name) shows it neither in the *Error nor in the debug log.
func TestKeyInStorageURLIsRedacted(t *testing.T) {
	storage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	t.Cleanup(storage.Close)
	var logs bytes.Buffer
	c := userClient(t, "http://127.0.0.1:1", composio.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := c.Files.Download(context.Background(), storage.URL+"/obj?owner="+testAPIKey, io.Discard, composio.FileDownloadParams{})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	require.Contains(t, logs.String(), "composio storage request")
	assert.Contains(t, apiErr.URL, "owner=REDACTED")
	assertNoKey(t, "Error.URL", apiErr.URL)
	assertNoKey(t, "log", logs.String())
}
