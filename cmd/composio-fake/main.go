// Command composio-fake serves the in-memory fake Composio API, so clients
// in any language can be tested offline.
//
//	composio-fake --addr 127.0.0.1:8080 --api-key KEY
//
// It prints the base URL and keys to use (COMPOSIO_BASE_URL and
// COMPOSIO_API_KEY) and serves until interrupted. The default key is
// composiotest.DefaultAPIKey. Beside the API it serves the fake's own pages:
// POST /fake/triggers/fire (x-api-key) delivers a signed trigger event to
// every webhook subscription, as srv.FireTrigger does in Go tests.
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
	readTimeout := fs.Duration("read-timeout", time.Minute, "longest time to read a whole request, body included")
	headerTimeout := fs.Duration("read-header-timeout", 10*time.Second, "longest time to read a request's headers")
	idleTimeout := fs.Duration("idle-timeout", 2*time.Minute, "how long an idle keep-alive connection stays open")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for name, d := range map[string]time.Duration{"--read-timeout": *readTimeout, "--read-header-timeout": *headerTimeout, "--idle-timeout": *idleTimeout} {
		if d <= 0 {
			return fmt.Errorf("%s must be positive, got %s", name, d)
		}
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fake := composiotest.New(composiotest.Config{APIKey: *apiKey, OrgAPIKey: *orgKey, UserAPIKey: *userKey})
	fmt.Fprintf(out, "composio-fake listening\nCOMPOSIO_BASE_URL=http://%s\nCOMPOSIO_API_KEY=%s\nCOMPOSIO_ORG_API_KEY=%s\nCOMPOSIO_USER_API_KEY=%s\n",
		l.Addr(), fake.APIKey, fake.OrgAPIKey, fake.UserAPIKey)
	fmt.Fprintf(out, "Fire a trigger to every subscribed webhook:\n  curl -X POST http://%s/fake/triggers/fire -H 'x-api-key: %s' -H 'content-type: application/json' -d '{\"trigger_slug\":\"GITHUB_COMMIT_EVENT\",\"data\":{}}'\n",
		l.Addr(), fake.APIKey)

	// Requests carry a context that is cancelled when the grace period
	// ends, so what waits on it (slow tools, latency, deliveries) stops.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	// The timeouts cut clients that trickle a request or idle forever; the
	// answer has none, since a slow tool may take its time.
	srv := &http.Server{Handler: fake, ReadTimeout: *readTimeout, ReadHeaderTimeout: *headerTimeout, IdleTimeout: *idleTimeout,
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
