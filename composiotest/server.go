package composiotest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
)

// Server is a Fake listening on a loopback port.
type Server struct {
	*Fake
	// URL is the root of the server (http://127.0.0.1:port), the form of
	// COMPOSIO_BASE_URL; the API lives under URL + "/api/v3.1".
	URL string

	hs     *httptest.Server
	cancel context.CancelFunc
}

// NewServer starts a fake on a loopback port and closes it when the test
// ends.
func NewServer(tb testing.TB, opts ...ServerOption) *Server {
	tb.Helper()
	s := start(opts)
	tb.Cleanup(s.Close)
	return s
}

// Start starts a fake on a loopback port outside of a test (examples,
// cmd/composio-fake). Close it when done.
func Start(opts ...ServerOption) *Server { return start(opts) }

// A ServerOption configures a Server.
type ServerOption func(*Config)

// WithKeys sets the keys the fake accepts (empty ones keep the defaults).
func WithKeys(apiKey, orgAPIKey, userAPIKey string) ServerOption {
	return func(c *Config) { c.APIKey, c.OrgAPIKey, c.UserAPIKey = apiKey, orgAPIKey, userAPIKey }
}

// WithClock sets the fake's clock. It is called from several goroutines
// (webhook deliveries run outside the fake's lock), so it must be safe for
// concurrent use.
func WithClock(now func() time.Time) ServerOption {
	return func(c *Config) { c.Now = now }
}

func start(opts []ServerOption) *Server {
	var cfg Config
	for _, o := range opts {
		o(&cfg)
	}
	f := New(cfg)
	// Requests carry a context that Close cancels, so what waits on it
	// (slow tools, injected latency, deliveries) ends with the server.
	ctx, cancel := context.WithCancel(context.Background())
	hs := httptest.NewUnstartedServer(f)
	hs.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	hs.Start()
	return &Server{Fake: f, URL: hs.URL, hs: hs, cancel: cancel}
}

// Close shuts the server down. Requests still in flight are cut short: their
// contexts are cancelled and their connections closed, so Close returns at
// once even when a client stalls or a slow tool sleeps.
func (s *Server) Close() {
	s.cancel()
	s.hs.CloseClientConnections()
	s.hs.Close()
	s.deliveries.CloseIdleConnections()
}

// Client returns a composio client pointed at the server with all three of
// its keys, ignoring the environment, with millisecond retry waits so retry
// tests run fast, and its trigger subscriptions connected to the fake's
// websocket. opts are applied last.
func (s *Server) Client(opts ...composio.Option) *composio.Client {
	base := []composio.Option{
		composio.WithoutEnvironment(),
		composio.WithBaseURL(s.URL),
		composio.WithAPIKey(s.APIKey),
		composio.WithOrgAPIKey(s.OrgAPIKey),
		composio.WithUserAPIKey(s.UserAPIKey),
		composio.WithRetryWait(time.Millisecond, 10*time.Millisecond),
		composio.WithRealtimeURL(s.URL), // trigger subscriptions connect to the fake
	}
	c, err := composio.NewClient(append(base, opts...)...)
	if err != nil {
		panic("composiotest: " + err.Error())
	}
	return c
}

// Origin is the scheme and host requests to r were addressed to, for links
// the fake hands out (connect pages, presigned URLs) that point back at it.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
