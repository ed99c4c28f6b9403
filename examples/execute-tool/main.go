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

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/ComposioHQ/composio-go/internal/exampleenv"
)

func main() { exampleenv.Main("execute-tool", run) }

func run(ctx context.Context, client *composio.Client, srv *composiotest.Server, out io.Writer) error {
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
	if srv == nil {
		return nil
	}
	srv.AddConnectedAccount("user_1", "github")
	res, err = client.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{UserID: "user_1", Version: "20250906_01"})
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
