package transport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

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
