package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An https request redirected to plain http is refused, even where plain
// http is allowed: the caller asked for TLS.
func TestRedirectDowngradeRefused(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }))
	t.Cleanup(plain.Close)
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/landed", http.StatusFound)
	}))
	t.Cleanup(tls.Close)
	for _, allow := range []bool{false, true} {
		tr := New(Config{HTTPClient: tls.Client(), AllowInsecureHTTP: allow})
		resp, err := tr.Do(context.Background(), "GET", tls.URL+"/start", http.Header{}, nil, &Policy{Idempotent: true})
		if err == nil {
			resp.Body.Close()
		}
		require.ErrorIs(t, err, ErrInsecureURL, "allow=%v", allow)
	}
}

// Plain HTTP is allowed to a loopback name only if the name really
// resolves to loopback: DNS answers for "api.localhost" (Go's resolver asks
// it) and could send the key in clear text to any host.
func TestPlainHTTPToLoopbackNameDialsOnlyLoopback(t *testing.T) {
	var marked []bool
	rec := roundTripper(func(r *http.Request) (*http.Response, error) {
		marked = append(marked, LoopbackDialRequired(r.Context()))
		return nil, errors.New("stop")
	})
	g := guard{next: rec}
	for _, u := range []string{"http://api.localhost:8080/x", "http://localhost/x", "http://127.0.0.1/x", "http://[::1]/x", "https://api.localhost/x"} {
		req, _ := http.NewRequest("GET", u, nil)
		_, _ = g.RoundTrip(req)
	}
	assert.Equal(t, []bool{true, true, false, false, false}, marked)

	ctx, cancel := context.WithTimeout(RequireLoopbackDial(context.Background()), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://203.0.113.7:9/", nil)
	_, err := pools{}.RoundTrip(req)
	require.ErrorIs(t, err, ErrInsecureURL, "a non-loopback address is refused before connecting")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	req, _ = http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := pools{}.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A 307/308 redirect to another origin would re-send the request body,
// which may hold third-party credentials (an auth config's client secret,
// a connection's tokens): it is refused, while a same-origin one is
// followed.
func TestCrossOriginRedirectDoesNotReplayBody(t *testing.T) {
	var leaked []byte
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked, _ = io.ReadAll(r.Body)
	}))
	t.Cleanup(other.Close)
	var same []byte
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/x", http.StatusTemporaryRedirect)
		case "/here":
			http.Redirect(w, r, "/landed", http.StatusPermanentRedirect)
		default:
			same, _ = io.ReadAll(r.Body)
		}
	}))
	t.Cleanup(origin.Close)
	body := []byte(`{"client_secret":"cs_secret"}`)
	_, err := New(Config{}).Do(context.Background(), "POST", origin.URL+"/away", http.Header{}, body, &Policy{})
	require.Error(t, err)
	assert.Empty(t, leaked, "the body crossed origins")

	resp, err := New(Config{}).Do(context.Background(), "POST", origin.URL+"/here", http.Header{}, body, &Policy{})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, body, same, "a same-origin redirect re-sends the body")
}

// API redirects carry no Referer (Go sets it to the previous URL, query
// included).
func TestRedirectSendsNoReferer(t *testing.T) {
	var referer = "unset"
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { referer = r.Header.Get("Referer") }))
	t.Cleanup(other.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", http.StatusFound)
	}))
	t.Cleanup(origin.Close)
	resp, err := New(Config{}).Do(context.Background(), "GET", origin.URL+"/a?token=t_secret", http.Header{}, nil, &Policy{})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Empty(t, referer)
}

// x-llm-gateway-headers holds the caller's LLM provider credentials: like
// the key headers, it never follows a redirect to another origin.
func TestCrossOriginRedirectDropsGatewayHeaders(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
	t.Cleanup(other.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", http.StatusFound)
	}))
	t.Cleanup(origin.Close)
	h := http.Header{"X-Llm-Gateway-Headers": {`{"Authorization":"Bearer sk-provider"}`}}
	resp, err := New(Config{}).Do(context.Background(), "GET", origin.URL, h, nil, &Policy{})
	require.NoError(t, err)
	resp.Body.Close()
	require.NotNil(t, got)
	assert.Empty(t, got.Get("X-Llm-Gateway-Headers"))
}
