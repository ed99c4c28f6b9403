package composio_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// userClient builds a client as a user would (default timeout and retry
// count), with short retry waits so the test stays quick.
func userClient(t *testing.T, baseURL string, opts ...composio.Option) *composio.Client {
	t.Helper()
	base := []composio.Option{composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey),
		composio.WithBaseURL(baseURL), composio.WithRetryWait(time.Millisecond, 2*time.Millisecond)}
	c, err := composio.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// assertNotTimeout fails when err reads, or reports itself, as a timeout.
func assertNotTimeout(t *testing.T, err error) {
	t.Helper()
	assert.NotContains(t, err.Error(), "timed out")
	var ne net.Error
	if errors.As(err, &ne) {
		assert.False(t, ne.Timeout(), "Timeout() of %v", err)
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// A refused connection says so: it is not an attempt timeout, even with the
// default per-attempt timeout on. Nothing was sent, so it is retried.
func TestRefusedConnectionIsNotATimeout(t *testing.T) {
	c := userClient(t, "http://"+closedPort(t))
	_, err := c.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	require.ErrorIs(t, err, syscall.ECONNREFUSED)
	assertNotTimeout(t, err)
}

// A server whose certificate is not trusted fails once: a verification
// failure would only repeat, so even a GET makes one handshake.
func TestUntrustedCertificateIsNotRetried(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = discardLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)

	_, err := userClient(t, srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	var verr *tls.CertificateVerificationError
	require.ErrorAs(t, err, &verr)
	var unknown x509.UnknownAuthorityError
	assert.ErrorAs(t, err, &unknown)
	assertNotTimeout(t, err)
	assert.EqualValues(t, 1, conns.Load(), "one handshake: an untrusted certificate is never retried")
}

// A POST whose connection drops after it was sent is not retried, and the
// error says what happened rather than claiming a timeout.
func TestDroppedPOSTDoesNotClaimATimeout(t *testing.T) {
	srv := composiotest.NewServer(t)
	srv.DropNext(1)
	_, err := srv.Client().Toolkits.ListMulti(context.Background(), composio.ToolkitListMultiParams{})
	require.Error(t, err)
	assertNotTimeout(t, err)
	assert.Equal(t, 1, countAPI(srv, "POST", "/api/v3.1/toolkits/multi"))
}

// A redirect to a scheme the SDK cannot speak is refused at once, not
// retried as if the network had failed.
func TestRedirectToUnsupportedSchemeIsNotRetried(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "ftp://files.example/x", http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	_, err := userClient(t, srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unsupported scheme "ftp"`)
	assertNotTimeout(t, err)
	assert.EqualValues(t, 1, hits.Load())
}

// A redirect loop ends at the 10th redirect, once: it would only repeat.
func TestRedirectLoopIsNotRetried(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	_, err := userClient(t, srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "stopped after 10 redirects")
	assert.EqualValues(t, 10, hits.Load(), "one walk of the loop, no retry")
}

// A real attempt timeout still reads as one, and an idempotent call is
// retried after it.
func TestAttemptTimeoutIsReportedAndRetried(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	_, err := userClient(t, srv.URL, composio.WithTimeout(30*time.Millisecond)).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "attempt timed out after 30ms")
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
	assert.EqualValues(t, 3, hits.Load())
}

// discardLog silences a test server's own log (failed handshakes).
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
