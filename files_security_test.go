package composio

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// A storage URL served over https that redirects to plain http is
// refused, even to a loopback host the download may otherwise reach.
func TestDownloadRefusesRedirectDowngrade(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("data")) }))
	defer plain.Close()
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/file", http.StatusFound)
	}))
	defer tls.Close()
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithBaseURL(plain.URL), WithHTTPClient(tls.Client()), WithAllowInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	_, err = c.Files.Download(context.Background(), tls.URL+"/file", &buf, FileDownloadParams{})
	if !errors.Is(err, transport.ErrInsecureURL) || buf.Len() != 0 {
		t.Fatalf("https -> http redirect: err %v, %d bytes written; want ErrInsecureURL and nothing", err, buf.Len())
	}
}
