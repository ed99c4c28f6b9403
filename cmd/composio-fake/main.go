// Command composio-fake serves the in-memory fake Composio API, so clients
// in any language can be tested offline.
//
//	composio-fake --addr 127.0.0.1:8080 --api-key KEY
//
// It prints the base URL and keys to use (COMPOSIO_BASE_URL and
// COMPOSIO_API_KEY) and serves until interrupted. The default key is
// composiotest.DefaultAPIKey. Beside the API it serves the fake's own pages:
// POST /fake/triggers/fire (x-api-key) delivers a signed trigger event to
// every webhook subscription, as srv.FireTrigger does in Go tests, and
// publishes it to realtime subscribers: a Pusher (protocol 7) websocket at
// ws://<addr>/app/<pusher_key>, with the credentials and channel-auth
// endpoints of the real API (/api/v3/internal/sdk/realtime/...), so any
// Pusher client can subscribe (Go: composio.WithRealtimeURL("ws://<addr>")).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ComposioHQ/composio-go/composiotest"
)

// shutdownGrace is how long an interrupted server lets requests in flight
// finish.
var shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "composio-fake:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends, after printing the settings clients need to out.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("composio-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	apiKey := fs.String("api-key", composiotest.DefaultAPIKey, "project API key to accept (x-api-key)")
	orgKey := fs.String("org-api-key", composiotest.DefaultOrgAPIKey, "organization API key to accept (x-org-api-key)")
	userKey := fs.String("user-api-key", composiotest.DefaultUserAPIKey, "user API key to accept (x-user-api-key)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fake := composiotest.New(composiotest.Config{APIKey: *apiKey, OrgAPIKey: *orgKey, UserAPIKey: *userKey})
	fmt.Fprintf(out, "composio-fake listening\nCOMPOSIO_BASE_URL=http://%s\nCOMPOSIO_API_KEY=%s\nCOMPOSIO_ORG_API_KEY=%s\nCOMPOSIO_USER_API_KEY=%s\n",
		l.Addr(), fake.APIKey, fake.OrgAPIKey, fake.UserAPIKey)
	fmt.Fprintf(out, "Fire a trigger to every subscribed webhook and realtime subscriber:\n  curl -X POST http://%s/fake/triggers/fire -H 'x-api-key: %s' -H 'content-type: application/json' -d '{\"trigger_slug\":\"GITHUB_COMMIT_EVENT\",\"data\":{}}'\n",
		l.Addr(), fake.APIKey)
	fmt.Fprintf(out, "Receive the fired triggers over Pusher protocol 7 (no public URL needed):\n  websocket host ws://%s (Go: composio.WithRealtimeURL(\"ws://%s\"))\n",
		l.Addr(), l.Addr())

	// Requests carry a context that is cancelled when the grace period
	// ends, so what waits on it (slow tools, latency, deliveries) stops.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	srv := &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return base }}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served: // the listener failed
		return err
	case <-ctx.Done():
	}
	// Serve returns as soon as Shutdown starts; wait for Shutdown instead,
	// which lets requests in flight finish, then cut those that outlast
	// the grace period.
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		cancelBase()
		_ = srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
