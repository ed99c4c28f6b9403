package transport

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The websocket handshake client keeps the guards and the logging of Do,
// but neither a per-attempt timeout (the connection outlives it) nor
// redirects.
func TestUpgrader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/app/key", http.StatusFound)
			return
		}
		time.Sleep(30 * time.Millisecond)
		w.WriteHeader(http.StatusTeapot)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	tr := New(Config{Timeout: 5 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	hc := tr.Upgrader()

	resp, err := hc.Get(srv.URL + "/app/key")
	require.NoError(t, err, "no 5 ms attempt timeout")
	resp.Body.Close()
	assert.Equal(t, http.StatusTeapot, resp.StatusCode)
	assert.Contains(t, logs.String(), "/app/key")

	_, err = hc.Get(srv.URL + "/moved")
	assert.ErrorContains(t, err, "refusing to follow a redirect of a websocket handshake")

	_, err = hc.Get("http://example.com/app/key")
	assert.ErrorIs(t, err, ErrInsecureURL, "plain HTTP off loopback is refused")
	_, err = New(Config{AllowInsecureHTTP: true}).Upgrader().Get("http://127.0.0.1:1/app/key")
	assert.NotErrorIs(t, err, ErrInsecureURL)
}

// A handshake is made outside Do, so no call policy carries the secrets:
// its log line hides the transport's own.
func TestUpgraderLogHidesSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	const key = "ak_upgrader_secret_123456"
	tr := New(Config{Secrets: []string{key}, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	resp, err := tr.Upgrader().Get(srv.URL + "/app/pk?echo=" + key)
	require.NoError(t, err)
	resp.Body.Close()
	assert.NotContains(t, logs.String(), key)
	assert.Contains(t, logs.String(), "/app/pk")
}
