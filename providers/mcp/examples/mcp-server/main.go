// Command mcp-server serves a user's Composio tools to MCP clients (desktop
// assistants, IDEs, agents) over stdio: the client starts this program and
// speaks MCP on its standard input and output.
//
// Offline by default: without COMPOSIO_API_KEY it serves the tools of a fake
// Composio server started in the process. With COMPOSIO_API_KEY set, the
// same program serves the real tools of the user COMPOSIO_USER_ID (default
// "default").
package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	mcpprovider "github.com/ComposioHQ/composio-go/providers/mcp"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := serve(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mcp-server:", err)
		os.Exit(1)
	}
}

func serve(ctx context.Context) error {
	client, fake, err := newClient()
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
	}
	// Standard output carries the protocol: messages go to standard error.
	return run(ctx, client, fake, &mcp.StdioTransport{}, os.Stderr)
}

// newClient talks to the real API when COMPOSIO_API_KEY is set, and to a
// fake Composio server started in this process otherwise, so the example
// runs offline.
func newClient() (*composio.Client, *composiotest.Server, error) {
	if os.Getenv("COMPOSIO_API_KEY") != "" {
		c, err := composio.NewClient()
		return c, nil, err
	}
	fake := composiotest.Start()
	return fake.Client(), fake, nil
}

// run serves the user's tools over transport until the client goes away or
// ctx ends. fake is nil online.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, transport mcp.Transport, log io.Writer) error {
	userID := cmp.Or(os.Getenv("COMPOSIO_USER_ID"), "default")
	// Pick the toolkits your users connect: "github", "gmail", ...
	set, err := client.Tools.ForUser(ctx, userID, composio.ToolSetParams{Toolkits: []string{"composio"}})
	if err != nil {
		return err
	}
	server := mcpprovider.NewServer(set, &mcp.Implementation{Name: "mcp-server", Version: "1.0.0"}, nil)
	where := "Composio"
	if fake != nil {
		where = "the offline fake Composio"
	}
	fmt.Fprintf(log, "serving %d tools of %s for user %q\n", len(set.Definitions()), where, userID)
	return server.Run(ctx, transport)
}
