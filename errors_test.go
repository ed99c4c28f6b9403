package composio_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func apiError(t *testing.T, status int, body string, header ...string) (*composio.Error, error) {
	t.Helper()
	w := newWire(t, status, body)
	if len(header) > 0 {
		w.answers[0].header = map[string][]string{}
		for i := 0; i+1 < len(header); i += 2 {
			w.answers[0].header[header[i]] = []string{header[i+1]}
		}
	}
	_, err := w.client(composio.WithMaxRetries(0)).Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{})
	require.Error(t, err)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	return apiErr, err
}

func TestErrorBodies(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	cases := []struct {
		name     string
		status   int
		body     string
		sentinel error
		message  string
		code     int
		reqID    string
		details  []string
	}{
		{"envelope", 400, `{"error":{"message":"Invalid slug","code":1803,"status":400,"request_id":"req_1","suggested_fix":"Use a slug","errors":["slug: too long"]}}`,
			composio.ErrBadRequest, "Invalid slug", 1803, "req_1", []string{"slug: too long"}},
		{"envelope string code", 422, `{"error":{"message":"Bad","code":"1804","status":"422"}}`, composio.ErrBadRequest, "Bad", 1804, "req_wire_1", nil},
		{"object details", 400, `{"error":{"message":"Bad","errors":[{"path":"a"}]}}`, composio.ErrBadRequest, "Bad", 0, "req_wire_1", []string{`{"path":"a"}`}},
		{"flat json", 401, `{"message":"Unauthorized","request_id":"req_flat"}`, composio.ErrUnauthorized, "Unauthorized", 0, "req_flat", nil},
		{"other json", 403, `[1,2,3]`, composio.ErrForbidden, "[1,2,3]", 0, "req_wire_1", nil},
		{"html", 502, "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>", composio.ErrServer, "<html><body><h1>502 Bad Gateway</h1> <p>nginx</p></body></html>", 0, "req_wire_1", nil},
		{"empty", 404, ``, composio.ErrNotFound, "", 0, "req_wire_1", nil},
		{"truncated", 409, `{"error":{"message":"Conflict on`, composio.ErrConflict, `{"error":{"message":"Conflict on`, 0, "req_wire_1", nil},
		{"rate limited", 429, `{"error":{"message":"Slow down"}}`, composio.ErrRateLimited, "Slow down", 0, "req_wire_1", nil},
		{"server", 500, `{"error":{"message":"boom"}}`, composio.ErrServer, "boom", 0, "req_wire_1", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := apiError(t, tc.status, tc.body)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.message, e.Message)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.reqID, e.RequestID)
			assert.Equal(t, tc.details, e.Details)
			assert.Equal(t, "GET", e.Method)
			assert.True(t, strings.HasSuffix(e.URL, "/api/v3.1/toolkits/github"), e.URL)
			assert.Equal(t, tc.body, string(e.Body))
			for _, other := range []error{composio.ErrBadRequest, composio.ErrUnauthorized, composio.ErrForbidden, composio.ErrNotFound, composio.ErrConflict, composio.ErrRateLimited, composio.ErrServer} {
				if other != tc.sentinel {
					assert.NotErrorIs(t, err, other)
				}
			}
		})
	}
	t.Run("huge body is bounded", func(t *testing.T) {
		e, _ := apiError(t, 500, long)
		assert.Len(t, e.Body, 64<<10)
		assert.Less(t, len(e.Message), 300)
	})
}

func TestErrorString(t *testing.T) {
	e, err := apiError(t, 404, `{"error":{"message":"No connected account found","request_id":"req_abc","suggested_fix":"Connect first"}}`)
	assert.Equal(t, "composio: 404 Not Found: No connected account found (request_id req_abc; fix: Connect first)", e.Error())
	assert.Equal(t, e.Error(), err.Error())
}

func TestRateLimitCarriesRetryAfter(t *testing.T) {
	e, err := apiError(t, 429, `{"error":{"message":"Too many"}}`, "Retry-After", "7")
	assert.ErrorIs(t, err, composio.ErrRateLimited)
	assert.Equal(t, 7*time.Second, e.RetryAfter)
	assert.Contains(t, e.Error(), "retry after 7s")
}

func TestKeyNeverInErrors(t *testing.T) {
	// A server (or proxy) that echoes the key back must not leak it.
	e, err := apiError(t, 401, `{"error":{"message":"Invalid key `+testAPIKey+`"}}`)
	assert.NotContains(t, err.Error(), testAPIKey)
	assert.NotContains(t, string(e.Body), testAPIKey)
	assert.NotContains(t, e.URL, testAPIKey)

	w := newWire(t, 200, `{"slug": "`+testAPIKey+``)
	_, err = w.client().Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "decoding 200 response")
	assert.NotContains(t, err.Error(), testAPIKey)

	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithBaseURL("http://127.0.0.1:1"), composio.WithMaxRetries(0))
	require.NoError(t, err)
	_, err = c.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testAPIKey)
	var apiErr *composio.Error
	assert.False(t, errors.As(err, &apiErr), "a transport failure is not an API error")
}
