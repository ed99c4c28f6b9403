package composio_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func deliver(h http.Handler, method string, header http.Header, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/webhooks/composio", bytes.NewReader(body))
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestWebhookHandlerStatuses(t *testing.T) {
	body := []byte(vectorBody)
	good := vectorHeader("v1," + vectorSignature)
	var got []*composio.TriggerEvent
	ok := func(_ context.Context, ev *composio.TriggerEvent) error { got = append(got, ev); return nil }
	failing := func(context.Context, *composio.TriggerEvent) error { return errors.New("database down") }
	clock := atVectorTime()

	for _, tc := range []struct {
		name   string
		h      http.Handler
		method string
		header http.Header
		body   []byte
		status int
	}{
		{"delivered", composio.WebhookHandler(vectorSecret, ok, clock), http.MethodPost, good, body, http.StatusNoContent},
		{"wrong secret", composio.WebhookHandler("whsec_other", ok, clock), http.MethodPost, good, body, http.StatusBadRequest},
		{"tampered", composio.WebhookHandler(vectorSecret, ok, clock), http.MethodPost, good, append([]byte(" "), body...), http.StatusBadRequest},
		{"no headers", composio.WebhookHandler(vectorSecret, ok, clock), http.MethodPost, http.Header{}, body, http.StatusBadRequest},
		{"stale", composio.WebhookHandler(vectorSecret, ok), http.MethodPost, good, body, http.StatusBadRequest},
		{"unknown payload", composio.WebhookHandler("whsec_x", ok), http.MethodPost,
			composio.SignWebhook("whsec_x", "msg_1", time.Now(), []byte(`{"hello":"world"}`)), []byte(`{"hello":"world"}`), http.StatusBadRequest},
		{"oversized", composio.WebhookHandler(vectorSecret, ok, clock, composio.WithWebhookMaxBodySize(100)), http.MethodPost, good, body, http.StatusRequestEntityTooLarge},
		{"GET", composio.WebhookHandler(vectorSecret, ok, clock), http.MethodGet, good, nil, http.StatusMethodNotAllowed},
		{"PUT", composio.WebhookHandler(vectorSecret, ok, clock), http.MethodPut, good, body, http.StatusMethodNotAllowed},
		{"callback fails", composio.WebhookHandler(vectorSecret, failing, clock), http.MethodPost, good, body, http.StatusInternalServerError},
		{"no secret", composio.WebhookHandler("", ok, clock), http.MethodPost, good, body, http.StatusInternalServerError},
		{"nil callback", composio.WebhookHandler(vectorSecret, nil, clock), http.MethodPost, good, body, http.StatusInternalServerError},
		{"bad option", composio.WebhookHandler(vectorSecret, ok, composio.WithWebhookTolerance(-1)), http.MethodPost, good, body, http.StatusInternalServerError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			w := deliver(tc.h, tc.method, tc.header, tc.body)
			assert.Equal(t, tc.status, w.Code, w.Body.String())
			if tc.status == http.StatusMethodNotAllowed {
				assert.Equal(t, "POST", w.Header().Get("Allow"))
			}
			if tc.status == http.StatusNoContent {
				require.Len(t, got, 1)
				assert.Equal(t, "GITHUB_COMMIT_EVENT", got[0].TriggerSlug)
			} else {
				assert.Empty(t, got, "the callback never sees a rejected delivery")
			}
			assert.NotContains(t, w.Body.String(), vectorSecret)
		})
	}
}

func TestWebhookHandlerPassesRequestContext(t *testing.T) {
	type key struct{}
	var seen any
	h := composio.WebhookHandler(vectorSecret, func(ctx context.Context, ev *composio.TriggerEvent) error {
		seen = ctx.Value(key{})
		return nil
	}, atVectorTime())
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(vectorBody))
	r = r.WithContext(context.WithValue(r.Context(), key{}, "traced"))
	for k, v := range vectorHeader("v1," + vectorSignature) {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusNoContent, w.Code)
	assert.Equal(t, "traced", seen)
}

func TestWebhookHandlerLogsWithoutSecrets(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	h := composio.WebhookHandler(vectorSecret, func(context.Context, *composio.TriggerEvent) error { return errors.New("queue full") },
		atVectorTime(), composio.WithWebhookLogger(logger))
	deliver(h, http.MethodPost, vectorHeader("v1,"+vectorSignature), []byte(vectorBody))
	deliver(h, http.MethodPost, vectorHeader("v1,AAAA"), []byte(vectorBody))
	out := buf.String()
	assert.Contains(t, out, "queue full")
	assert.Contains(t, out, "event_id="+vectorID)
	assert.Contains(t, out, "signature does not match")
	assert.NotContains(t, out, vectorSecret)
	assert.NotContains(t, out, "Fix the build", "bodies are not logged")
}

// endless is a body that never ends, counting the bytes read from it.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += int64(len(p))
	return len(p), nil
}

func TestWebhookHandlerReadsABoundedBody(t *testing.T) {
	called := false
	h := composio.WebhookHandler(vectorSecret, func(context.Context, *composio.TriggerEvent) error { called = true; return nil },
		atVectorTime(), composio.WithWebhookMaxBodySize(1024))
	body := &endless{}
	r := httptest.NewRequest(http.MethodPost, "/webhooks/composio", body)
	for k, v := range vectorHeader("v1," + vectorSignature) {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.False(t, called)
	assert.LessOrEqual(t, body.read, int64(64<<10), "the handler stops reading past the limit")
}
