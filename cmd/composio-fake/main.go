// Command composio-fake serves the in-memory fake Composio API, so clients
// in any language can be tested offline.
//
//	composio-fake --addr 127.0.0.1:8080 --api-key KEY
//
// It prints the base URL and keys to use (COMPOSIO_BASE_URL and
// COMPOSIO_API_KEY) and serves until interrupted. The default key is
// composiotest.DefaultAPIKey. Beside the API it serves the fake's own
// endpoints under /fake/, guarded by the project key: faults, the request
// log, seeding users, accounts and auth configs, firing triggers and
// resetting state, so a test in any language can do what a Go test does.
// composio-fake --help lists them with a curl example each. A fired trigger
// is also published to realtime subscribers: a Pusher (protocol 7) websocket
// at ws://<addr>/app/<pusher_key>, with the credentials and channel-auth
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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "composio-fake:", err)
		os.Exit(1)
	}
}

// usage is the --help text after the flags; B and K stand for the printed
// COMPOSIO_BASE_URL and COMPOSIO_API_KEY. A test runs every curl line.
const usage = `
The fake's own endpoints are not part of Composio's API: they live under
/fake/, take the project key (x-api-key), answer JSON (errors in the API's
envelope) and are neither logged nor hit by faults. Below, B is the printed
COMPOSIO_BASE_URL and K the COMPOSIO_API_KEY.

Faults make the API requests they match fail, wait, drop or stall. Fields:
method, path (an operation's path, placeholders as in the API reference:
/connected_accounts/{nanoid}/status), query (parameters that must match),
body_contains, times (0: every match), for_ms; then what happens:
latency_ms, status (400-599, answered with the error envelope: code,
message, suggested_fix), retry_after, retry_after_ms, headers, drop
(before_body, after_body or answer: the operation runs, its answer is lost),
stall_body_ms, truncate_body.
  add:     curl -X POST "$B/fake/faults" -H "x-api-key: $K" -d '{"method":"POST","path":"/tools/execute/{tool_slug}","times":1,"status":503,"retry_after_ms":10}'
  list:    curl "$B/fake/faults" -H "x-api-key: $K"
  remove:  curl -X DELETE "$B/fake/faults/flt_1" -H "x-api-key: $K"
  clear:   curl -X DELETE "$B/fake/faults" -H "x-api-key: $K"

The request log holds what clients sent (method and path filter it):
  read:    curl -g "$B/fake/requests?method=POST&path=/tools/execute/{tool_slug}" -H "x-api-key: $K"
  clear:   curl -X DELETE "$B/fake/requests" -H "x-api-key: $K"

Seeding:
  a user:  curl -X POST "$B/fake/users" -H "x-api-key: $K" -d '{"user_id":"user_1","toolkits":["github","gmail"]}'
  account: curl -X POST "$B/fake/connected_accounts" -H "x-api-key: $K" -d '{"user_id":"user_1","toolkit":"github","status":"EXPIRED","alias":"old"}'
  config:  curl -X POST "$B/fake/auth_configs" -H "x-api-key: $K" -d '{"toolkit":"slack"}'
(a user gets an ACTIVE account of each toolkit; an account takes user_id,
toolkit or auth_config_id, status, alias and credentials.)

Triggers: deliver a signed event to every webhook subscription (fields
trigger_id or trigger_slug, user_id, data, max_attempts):
  fire:    curl -X POST "$B/fake/triggers/fire" -H "x-api-key: $K" -d '{"trigger_slug":"GITHUB_COMMIT_EVENT","data":{"id":"c0ffee"}}'

Reset: back to a fresh fake (the catalog; no accounts, faults or log):
  reset:   curl -X POST "$B/fake/reset" -H "x-api-key: $K"
`

// run serves until ctx ends, after printing the settings clients need to out.
// --help prints the usage to out and returns nil.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("composio-fake", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned; --help is printed below
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	apiKey := fs.String("api-key", composiotest.DefaultAPIKey, "project API key to accept (x-api-key)")
	orgKey := fs.String("org-api-key", composiotest.DefaultOrgAPIKey, "organization API key to accept (x-org-api-key)")
	userKey := fs.String("user-api-key", composiotest.DefaultUserAPIKey, "user API key to accept (x-user-api-key)")
	readTimeout := fs.Duration("read-timeout", time.Minute, "longest time to read a whole request, body included")
	headerTimeout := fs.Duration("read-header-timeout", 10*time.Second, "longest time to read a request's headers")
	idleTimeout := fs.Duration("idle-timeout", 2*time.Minute, "how long an idle keep-alive connection stays open")
	shutdownGrace := fs.Duration("shutdown-grace", 5*time.Second, "how long an interrupted server lets requests in flight finish before it cuts them")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(out, "Usage: composio-fake [flags]\n\nServes the in-memory fake of the Composio API v3.1, for testing clients in any\nlanguage offline, and prints COMPOSIO_BASE_URL and the keys to use.\n\nFlags:")
		fs.SetOutput(out)
		fs.PrintDefaults()
		fmt.Fprint(out, usage)
		return nil
	} else if err != nil {
		return fmt.Errorf("%w (see --help)", err)
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
	fmt.Fprintf(out, "Fire a trigger to every subscribed webhook and realtime subscriber:\n  curl -X POST http://%s/fake/triggers/fire -H 'x-api-key: %s' -H 'content-type: application/json' -d '{\"trigger_slug\":\"GITHUB_COMMIT_EVENT\",\"data\":{}}'\n",
		l.Addr(), fake.APIKey)
	fmt.Fprintf(out, "Receive the fired triggers over Pusher protocol 7 (no public URL needed):\n  websocket host ws://%s (Go: composio.WithRealtimeURL(\"ws://%s\"))\n",
		l.Addr(), l.Addr())
	fmt.Fprintln(out, "Faults, the request log, seeding and reset: see composio-fake --help.")

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
	shutdown, cancel := context.WithTimeout(context.Background(), *shutdownGrace)
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
