// Quickstart lists Composio toolkits with auto-paging and shows a typed
// error. With no COMPOSIO_API_KEY it runs against the built-in fake server.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	client, fake, err := newClient()
	if err == nil {
		if fake != nil {
			fmt.Println("COMPOSIO_API_KEY is not set: using a fake Composio server started in this process.")
		}
		err = run(ctx, client, fake, os.Stdout)
	}
	if fake != nil {
		fake.Close()
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// newClient talks to the real API when COMPOSIO_API_KEY is set, and to a fake
// Composio server started in this process otherwise, so the example runs offline.
func newClient() (*composio.Client, *composiotest.Server, error) {
	if os.Getenv("COMPOSIO_API_KEY") != "" {
		c, err := composio.NewClient()
		return c, nil, err
	}
	fake := composiotest.Start()
	return fake.Client(), fake, nil
}

// run lists toolkits and shows a typed error. It does not need the
// in-process fake: the quickstart does the same against either.
func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, out io.Writer) error {
	fmt.Fprintln(out, "\nToolkits (most used first):")
	n := 0
	for tk, err := range client.Toolkits.ListAll(ctx, composio.ToolkitListParams{Limit: 5}) {
		if err != nil {
			return fmt.Errorf("listing toolkits: %w", err)
		}
		auth := "no auth"
		if !tk.NoAuth {
			auth = fmt.Sprint(tk.AuthSchemes)
		}
		fmt.Fprintf(out, "  %-12s %-14s %4d tools  %s\n", tk.Slug, tk.Name, tk.Meta.ToolsCount, auth)
		if n++; n == 12 {
			fmt.Fprintln(out, "  ... (stopping early: breaking out of the loop fetches no more pages)")
			break
		}
	}

	github, err := client.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{})
	if err != nil {
		return fmt.Errorf("getting github: %w", err)
	}
	fmt.Fprintf(out, "\n%s: %s (latest version %s)\n", github.Name, github.Meta.Description, github.Meta.Version)

	// Errors are typed: match a category with errors.Is, read details with errors.As.
	_, err = client.Toolkits.Get(ctx, "no-such-toolkit", composio.ToolkitGetParams{})
	var apiErr *composio.Error
	switch {
	case errors.Is(err, composio.ErrNotFound) && errors.As(err, &apiErr):
		fmt.Fprintf(out, "\nA typed error, as expected:\n  status %d, request id %s\n  %v\n", apiErr.StatusCode, apiErr.RequestID, err)
	case err != nil:
		return fmt.Errorf("unexpected error: %w", err)
	default:
		return errors.New("expected a not-found error for no-such-toolkit")
	}
	return nil
}
