package composio_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/require"
)

// Keys the wire tests configure; tests assert which one was sent.
const (
	testAPIKey     = "ak_wire_test_key_123456"
	testOrgAPIKey  = "oak_wire_test_key_123456"
	testUserAPIKey = "uak_wire_test_key_123456"
)

// wireRequest is one request as it arrived at the test server.
type wireRequest struct {
	Method   string
	Path     string // escaped, as on the wire
	Query    url.Values
	RawQuery string
	Header   http.Header
	Body     []byte
}

// wire is a scripted test server: it records every request and answers
// each with the next scripted response (the last one repeats).
type wire struct {
	t       *testing.T
	srv     *httptest.Server
	mu      sync.Mutex
	reqs    []wireRequest
	answers []answer
}

type answer struct {
	status int
	body   string
	header http.Header
}

// newWire starts a scripted server answering status and body (JSON).
func newWire(t *testing.T, status int, body string) *wire {
	t.Helper()
	w := &wire{t: t}
	w.answers = []answer{{status: status, body: body}}
	w.srv = httptest.NewServer(http.HandlerFunc(w.serve))
	t.Cleanup(w.srv.Close)
	return w
}

// then appends further scripted answers, used in order after the first.
func (w *wire) then(status int, body string, header ...string) *wire {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Add(header[i], header[i+1])
	}
	w.mu.Lock()
	w.answers = append(w.answers, answer{status: status, body: body, header: h})
	w.mu.Unlock()
	return w
}

func (w *wire) serve(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.mu.Lock()
	w.reqs = append(w.reqs, wireRequest{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), RawQuery: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body,
	})
	a := w.answers[min(len(w.reqs)-1, len(w.answers)-1)]
	w.mu.Unlock()
	for k, v := range a.header {
		rw.Header()[k] = v
	}
	rw.Header().Set("Content-Type", "application/json")
	rw.Header().Set("X-Request-Id", "req_wire_1")
	rw.WriteHeader(a.status)
	_, _ = io.WriteString(rw, a.body)
}

// client returns a client for the server with all three keys configured
// (the project key wins where several are accepted) and fast retries.
func (w *wire) client(opts ...composio.Option) *composio.Client {
	w.t.Helper()
	base := []composio.Option{
		composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL),
		composio.WithAPIKey(testAPIKey), composio.WithOrgAPIKey(testOrgAPIKey), composio.WithUserAPIKey(testUserAPIKey),
		composio.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}
	c, err := composio.NewClient(append(base, opts...)...)
	require.NoError(w.t, err)
	return c
}

// requests returns what the server received so far.
func (w *wire) requests() []wireRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]wireRequest(nil), w.reqs...)
}

// last returns the only or latest request, failing the test if none came.
func (w *wire) last() wireRequest {
	w.t.Helper()
	reqs := w.requests()
	require.NotEmpty(w.t, reqs, "no request reached the server")
	return reqs[len(reqs)-1]
}

// credential returns the name of the single credential header r carried,
// failing the test if it carried none or several.
func (r wireRequest) credential(t *testing.T) string {
	t.Helper()
	var names []string
	for _, h := range []string{"X-Api-Key", "X-User-Api-Key", "X-Org-Api-Key"} {
		if r.Header.Get(h) != "" {
			names = append(names, h)
		}
	}
	require.Len(t, names, 1, "exactly one credential header must be sent")
	return names[0]
}

// readTestdata returns testdata/<name>, a realistic payload.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}
