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
	"strconv"
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
	_, err := srv.Client().Toolkits.ListBySlugs(context.Background(), composio.ToolkitListBySlugsParams{})
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

// A success is final: x-should-retry: true on a 2xx does not run a tool
// execution again. The header counts only on an error status.
func TestShouldRetryHeaderIgnoredOnSuccess(t *testing.T) {
	w := newWire(t, 200, `{"data":{"ok":true},"error":null,"successful":true}`)
	w.answers[0].header = http.Header{"X-Should-Retry": {"true"}}
	c := userClient(t, w.srv.URL)
	res, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u", Version: "20250906_01"})
	require.NoError(t, err)
	assert.True(t, res.Successful)
	assert.Equal(t, 1, len(w.requests()), "the tool ran once")

	w = newWire(t, 201, `{}`)
	w.answers[0].header = http.Header{"X-Should-Retry": {"true"}}
	_, err = userClient(t, w.srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.NoError(t, err)
	assert.Equal(t, 1, len(w.requests()), "a GET's success is final too")

	w = newWire(t, 409, `{"error":{"message":"busy"}}`).then(200, `{"items":[]}`)
	w.answers[0].header = http.Header{"X-Should-Retry": {"true"}}
	_, err = userClient(t, w.srv.URL).Toolkits.ListBySlugs(context.Background(), composio.ToolkitListBySlugsParams{})
	require.NoError(t, err)
	assert.Equal(t, 2, len(w.requests()), "on an error status the header is obeyed")
}

// A huge Retry-After is clamped to 60s, not overflowed to no wait: with a
// deadline shorter than that, the 429 comes back at once, never retried.
// delay-seconds are digits only: "Inf" or "1e20" promise nothing, so a 503
// carrying one does not make a POST safe to repeat.
func TestHugeRetryAfterIsClampedNotOverflowed(t *testing.T) {
	for _, v := range []string{"9999999999", "99999999999999999999999"} {
		w := newWire(t, 429, `{"error":{"message":"slow down"}}`).then(200, `{"items":[]}`)
		w.answers[0].header = http.Header{"Retry-After": {v}}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := userClient(t, w.srv.URL).Toolkits.List(ctx, composio.ToolkitListParams{})
		cancel()
		require.ErrorIs(t, err, composio.ErrRateLimited, v)
		var apiErr *composio.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 60*time.Second, apiErr.RetryAfter, v)
		assert.Equal(t, 1, len(w.requests()), "%s: no retry with a 60s wait and a 5s deadline", v)
	}
	for _, v := range []string{"Inf", "1e20", "+Inf", "NaN", "1.5", "-1", "3s"} {
		w := newWire(t, 503, `{}`).then(200, `{"items":[]}`)
		w.answers[0].header = http.Header{"Retry-After": {v}}
		_, err := userClient(t, w.srv.URL).Toolkits.ListBySlugs(context.Background(), composio.ToolkitListBySlugsParams{})
		require.ErrorIs(t, err, composio.ErrServer, v)
		var apiErr *composio.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Zero(t, apiErr.RetryAfter, v)
		assert.Equal(t, 1, len(w.requests()), "%q is no promise: the POST is not repeated", v)
	}
}

// cutBody answers the first cuts requests with headers and half a body
// (the connection then closes: the client reads an unexpected EOF), and
// the rest in full.
func cutBody(t *testing.T, cuts int32, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		if hits.Add(1) <= cuts {
			_, _ = io.WriteString(w, body[:len(body)/2])
			return
		}
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// A GET whose body is cut after the headers is retried like a dropped
// connection, within the same retry budget; a POST is not (the server may
// have acted on it).
func TestCutBodyIsRetriedForIdempotentCalls(t *testing.T) {
	page := `{"items":[{"slug":"github","name":"GitHub"}],"next_cursor":null,"total_pages":1}`
	srv, hits := cutBody(t, 1, page)
	got, err := userClient(t, srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.NoError(t, err)
	require.Len(t, got.Items, 1)
	assert.Equal(t, "github", got.Items[0].Slug)
	assert.EqualValues(t, 2, hits.Load())

	srv, hits = cutBody(t, 100, page)
	_, err = userClient(t, srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Contains(t, err.Error(), "reading response")
	assert.EqualValues(t, 3, hits.Load(), "the default 2 retries, no more")

	srv, hits = cutBody(t, 1, page)
	_, err = userClient(t, srv.URL).Toolkits.List(context.Background(), composio.ToolkitListParams{}, composio.WithRequestMaxRetries(0))
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.EqualValues(t, 1, hits.Load(), "no retries allowed")

	srv, hits = cutBody(t, 1, page)
	_, err = userClient(t, srv.URL).Toolkits.ListBySlugs(context.Background(), composio.ToolkitListBySlugsParams{})
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assertNotTimeout(t, err)
	assert.EqualValues(t, 1, hits.Load(), "a POST is never repeated")
}
