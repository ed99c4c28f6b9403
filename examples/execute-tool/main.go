// Command execute-tool looks a tool up, pins its toolkit version, runs it
// and reads its typed output, then shows a tool failure and the refusal to
// run an unpinned ("latest") version.
//
// Offline by default (an in-process fake); set COMPOSIO_API_KEY to use the
// real API.
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
		fmt.Fprintln(os.Stderr, "execute-tool:", err)
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

// run is the example; fake is the in-process fake when offline, where it
// gives the user a GitHub account, and nil online.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, out io.Writer) error {
	// Look the tool up to learn its toolkit and current version.
	tool, err := client.Tools.Get(ctx, "COMPOSIO_CALCULATE", composio.ToolGetParams{})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s (%s toolkit, version %s): %s\n", tool.Slug, tool.Toolkit.Slug, tool.Version, tool.Description)

	// Pin that version: the tool cannot change under this program.
	pinned, err := client.With(composio.WithToolkitVersions(map[string]string{tool.Toolkit.Slug: tool.Version}))
	if err != nil {
		return err
	}
	res, err := pinned.Tools.Execute(ctx, tool.Slug, composio.ToolExecuteParams{
		Arguments: map[string]any{"operation": "multiply", "a": 6, "b": 7},
	})
	if err != nil {
		return err
	}
	if err := res.Err(); err != nil {
		return err
	}
	var product struct {
		Result float64 `json:"result"`
	}
	if err := res.Decode(&product); err != nil {
		return err
	}
	fmt.Fprintf(out, "6 x 7 = %g (log %s)\n", product.Result, res.LogID)

	// A tool that runs and fails is a result, not a request error.
	res, err = pinned.Tools.Execute(ctx, tool.Slug, composio.ToolExecuteParams{
		Arguments: map[string]any{"operation": "divide", "a": 1, "b": 0},
	})
	if err != nil {
		return err
	}
	var toolErr *composio.ToolError
	if errors.As(res.Err(), &toolErr) {
		fmt.Fprintf(out, "1 / 0 failed as expected: %s\n", toolErr.Message)
	}

	// Without a pinned version, Execute refuses to run "latest".
	_, err = client.Tools.Execute(ctx, tool.Slug, composio.ToolExecuteParams{Arguments: map[string]any{"operation": "add", "a": 1, "b": 1}})
	if !errors.Is(err, composio.ErrToolkitVersionRequired) {
		return fmt.Errorf("expected the version check to refuse, got %v", err)
	}
	fmt.Fprintln(out, "unpinned execution refused: pin a version with WithToolkitVersions")

	// Tools of apps run as a user's connected account. Offline, the fake
	// gets one; online, connect an account for the user first.
	if fake == nil {
		return nil
	}
	fake.SeedActiveAccount("user_1", composiotest.ToolkitGitHub)
	res, err = client.Tools.Execute(ctx, composiotest.ToolGitHubGetTheAuthenticatedUser,
		composio.ToolExecuteParams{UserID: "user_1", Version: composiotest.VersionGitHub})
	if err != nil {
		return err
	}
	var user struct {
		Login string `json:"login"`
	}
	if err := res.Decode(&user); err != nil {
		return err
	}
	fmt.Fprintf(out, "user_1 is %s on GitHub\n", user.Login)
	return nil
}
