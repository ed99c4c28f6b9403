package transport

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRedirectToAnotherOriginCarriesNoCredential(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(200)
	}))
	t.Cleanup(other.Close)
	var sameOriginHeader http.Header
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/landed", http.StatusFound)
		case "/here":
			http.Redirect(w, r, "/landed", http.StatusFound)
		default:
			sameOriginHeader = r.Header.Clone()
			w.WriteHeader(200)
		}
	}))
	t.Cleanup(origin.Close)

	header := http.Header{"X-Api-Key": {"secret-project"}, "X-User-Api-Key": {"secret-user"}, "X-Org-Api-Key": {"secret-org"}, "X-Tenant": {"a"}}
	tr := New(Config{})
	resp, err := tr.Do(context.Background(), "GET", origin.URL+"/away", header.Clone(), nil, &Policy{Idempotent: true})
	require.NoError(t, err)
	resp.Body.Close()
	require.NotNil(t, got)
	for _, h := range CredentialHeaders {
		assert.Empty(t, got.Get(h), "%s crossed origins", h)
	}
	assert.Equal(t, "a", got.Get("X-Tenant"), "other headers follow")

	resp, err = tr.Do(context.Background(), "GET", origin.URL+"/here", header.Clone(), nil, &Policy{Idempotent: true})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "secret-project", sameOriginHeader.Get("X-Api-Key"), "a same-origin redirect keeps the key")
}

func TestPlainHTTPRefusedOffLoopback(t *testing.T) {
	for _, tc := range []struct {
		url   string
		allow bool
		ok    bool
	}{
		{"https://backend.composio.dev", false, true},
		{"http://127.0.0.1:8080", false, true},
		{"http://[::1]:8080", false, true},
		{"http://localhost:8080", false, true},
		{"http://api.localhost", false, true},
		{"http://backend.composio.dev", false, false},
		{"http://10.0.0.5", false, false},
		{"http://backend.composio.dev", true, true},
	} {
		u, err := url.Parse(tc.url)
		require.NoError(t, err)
		err = CheckPlainHTTP(u, tc.allow)
		if tc.ok {
			assert.NoError(t, err, tc.url)
		} else {
			assert.ErrorIs(t, err, ErrInsecureURL, tc.url)
		}
	}
}

func TestRedirectToPlainHTTPRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://storage.example.invalid/x?X-Amz-Signature=topsecret", http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	_, err := New(Config{}).Do(context.Background(), "GET", srv.URL, http.Header{"X-Api-Key": {"k"}}, nil, &Policy{Idempotent: true, MaxRetries: 2})
	require.ErrorIs(t, err, ErrInsecureURL)
	assert.NotContains(t, err.Error(), "topsecret", "the redirect target's signature is redacted")
}

func TestRedactURL(t *testing.T) {
	u, _ := url.Parse("https://user:pw@storage.example/obj?X-Amz-Signature=sig&X-Amz-Credential=cred&part=2&api_key=k")
	got := RedactURL(u)
	for _, secret := range []string{"pw", "sig&", "cred", "=k"} {
		assert.NotContains(t, got, secret)
	}
	assert.Contains(t, got, "part=2")
	assert.Equal(t, "https://backend.composio.dev/api/v3.1/tools", RedactURLString("https://backend.composio.dev/api/v3.1/tools"))
	assert.Equal(t, Redacted, RedactURLString("http://[::1"))
	assert.Equal(t, "a REDACTED b", RedactSecrets("a key1 b", "key1", ""))
}

func TestLoggingNeverShowsKeys(t *testing.T) {
	srv, _ := scripted(t, 200)
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tr := New(Config{Logger: log})
	resp, err := tr.Do(context.Background(), "GET", srv.URL+"/x?token=tok123&page=2", http.Header{"X-Api-Key": {"ak_live_secret"}}, nil, &Policy{Idempotent: true})
	require.NoError(t, err)
	resp.Body.Close()
	out := buf.String()
	assert.Contains(t, out, "status=200")
	assert.Contains(t, out, "page=2")
	assert.NotContains(t, out, "ak_live_secret")
	assert.NotContains(t, out, "tok123")

	buf.Reset()
	busy, _ := scripted(t, 503)
	resp, err = fastTransport(Config{Logger: log}).Do(context.Background(), "GET", busy.URL, http.Header{"X-Api-Key": {"ak_live_secret"}}, nil, &Policy{Idempotent: true, MaxRetries: 1})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Contains(t, buf.String(), `msg="composio: retrying" retry=1 reason="503 Service Unavailable"`)
	assert.NotContains(t, buf.String(), "ak_live_secret")
}
