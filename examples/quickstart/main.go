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

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/ComposioHQ/composio-go/internal/exampleenv"
)

func main() { exampleenv.Main("quickstart", run) }

// run lists toolkits and shows a typed error; srv, the fake when offline,
// is not needed: the quickstart does the same against either.
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
