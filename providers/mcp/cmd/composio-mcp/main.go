// Command composio-mcp serves a user's Composio tools to any MCP client (a
// desktop assistant, an IDE, an agent), over stdio or streamable HTTP.
//
//	composio-mcp --user-id USER --toolkits github,gmail            # stdio
//	composio-mcp --user-id USER --tools GITHUB_CREATE_AN_ISSUE --http 127.0.0.1:8765
//
// The key comes from COMPOSIO_API_KEY (and the API from COMPOSIO_BASE_URL,
// when set); it is never printed. Without a key the command serves the
// tools of a fake Composio API started in the process, so it can be tried
// offline. --user-id defaults to $COMPOSIO_USER_ID. Over stdio, standard
// output carries the protocol and messages go to standard error; over HTTP
// the endpoint (http://ADDR/mcp) is printed, and the address must be a
// loopback one unless --allow-remote is given, for the tools act as the
// user and the endpoint has no authentication.
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
	"strings"
	"syscall"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	mcpprovider "github.com/ComposioHQ/composio-go/providers/mcp"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// shutdownGrace is how long an interrupted HTTP server lets requests in
// flight finish.
var shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "composio-mcp:", err)
		os.Exit(1)
	}
}

const usage = `Usage: composio-mcp --user-id USER (--toolkits SLUGS | --tools SLUGS) [flags]

Serves the Composio tools of one user over MCP: over stdio by default, over
streamable HTTP at http://ADDR/mcp with --http ADDR.

Environment:
  COMPOSIO_API_KEY   the project API key (never printed). When it is not set,
                     composio-mcp runs offline: it serves the tools of a fake
                     Composio API started in the process (toolkit "composio"
                     has keyless tools to try).
  COMPOSIO_BASE_URL  the API's address, when not the default.
  COMPOSIO_USER_ID   the default of --user-id.

Flags:
`

// config is what the flags and environment select.
type config struct {
	userID      string
	params      composio.ToolSetParams
	httpAddr    string
	allowRemote bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var toolkits, tools, tags string
	fs := flag.NewFlagSet("composio-mcp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.userID, "user-id", os.Getenv("COMPOSIO_USER_ID"), "the user whose tools and connected accounts to use (default $COMPOSIO_USER_ID)")
	fs.StringVar(&toolkits, "toolkits", "", "comma-separated toolkit slugs whose tools to serve (github,gmail)")
	fs.StringVar(&tools, "tools", "", "comma-separated tool slugs to serve (GITHUB_CREATE_AN_ISSUE)")
	fs.StringVar(&c.params.Search, "search", "", "keep the toolkits' tools matching this query (every toolkit's, without --toolkits)")
	fs.StringVar(&tags, "tags", "", "keep the toolkits' tools with any of these comma-separated tags (every toolkit's, without --toolkits)")
	fs.IntVar(&c.params.Limit, "limit", 0, "serve at most this many tools (0: all)")
	fs.StringVar(&c.httpAddr, "http", "", "serve streamable HTTP on this address (127.0.0.1:8765) instead of stdio")
	fs.BoolVar(&c.allowRemote, "allow-remote", false, "allow --http on an address other than loopback (the endpoint has no authentication)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	c.userID = strings.TrimSpace(c.userID)
	c.params.Toolkits, c.params.Tools, c.params.Tags = splitList(toolkits), splitList(tools), splitList(tags)
	switch {
	case c.userID == "":
		return c, errors.New("--user-id (or COMPOSIO_USER_ID) is required")
	case len(c.params.Toolkits) == 0 && len(c.params.Tools) == 0:
		return c, errors.New("no tools selected: give --toolkits or --tools")
	case c.params.Limit < 0:
		return c, errors.New("--limit must not be negative")
	}
	if c.httpAddr != "" && !c.allowRemote && !isLoopback(c.httpAddr) {
		return c, fmt.Errorf("--http %s is not a loopback address: the tools act as the user and the endpoint has no authentication; add --allow-remote to serve it anyway", c.httpAddr)
	}
	return c, nil
}

// splitList splits a comma-separated list, dropping empty entries.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// isLoopback reports whether addr (host:port) listens on loopback only.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// run serves until ctx ends or, over stdio, until stdin closes.
func run(ctx context.Context, args []string, stdin io.ReadCloser, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	client, offline, err := newClient()
	if err != nil {
		return err
	}
	if offline != nil {
		defer offline.Close()
	}
	set, err := client.Tools.ForUser(ctx, cfg.userID, cfg.params)
	if err != nil {
		return fmt.Errorf("fetching the tools: %w", err)
	}
	n := len(set.Definitions())
	if n == 0 {
		return errors.New("no tools match the selection")
	}
	server := mcpprovider.NewServer(set, &mcp.Implementation{Name: "composio-mcp", Version: composio.Version}, nil)
	where := "the Composio API"
	if offline != nil {
		where = "an in-process fake Composio API (offline: COMPOSIO_API_KEY is not set)"
	}
	if cfg.httpAddr == "" {
		fmt.Fprintf(stderr, "composio-mcp: serving %d tools of %s for user %q over stdio\n", n, where, cfg.userID)
		err := server.Run(ctx, &mcp.IOTransport{Reader: stdin, Writer: nopCloser{stdout}})
		if ctx.Err() != nil || errors.Is(err, io.EOF) {
			return nil // interrupted, or the client went away
		}
		return err
	}
	return serveHTTP(ctx, cfg.httpAddr, server, stdout, fmt.Sprintf("%d tools of %s for user %q", n, where, cfg.userID))
}

// newClient talks to the real API when COMPOSIO_API_KEY is set, and to a
// fake Composio server started in this process otherwise.
func newClient() (*composio.Client, *composiotest.Server, error) {
	if strings.TrimSpace(os.Getenv(composio.EnvAPIKey)) != "" {
		c, err := composio.NewClient()
		return c, nil, err
	}
	fake := composiotest.Start()
	return fake.Client(), fake, nil
}

// serveHTTP serves server's streamable HTTP endpoint at /mcp on addr
// until ctx ends.
func serveHTTP(ctx context.Context, addr string, server *mcp.Server, out io.Writer, what string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	// The go-sdk refuses requests to a loopback address naming another host
	// (DNS rebinding); cross-origin protection refuses browsers' requests
	// from other sites.
	mux.Handle("/mcp", http.NewCrossOriginProtection().Handler(
		mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, &mcp.StreamableHTTPOptions{SessionTimeout: time.Hour})))
	fmt.Fprintf(out, "composio-mcp: serving %s\nMCP endpoint (streamable HTTP): http://%s/mcp\n", what, l.Addr())

	// Requests carry a context cancelled when the grace period ends, so
	// the streams and tool calls waiting on it stop.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return base }}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
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

// nopCloser is stdout for the transport: closing the session leaves it
// open.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
