// Command connect-account connects a user's account to a toolkit, the
// flow every Composio app starts with: pick (or create) an auth config,
// create a Connect link, send the user to it, wait until the account is
// ACTIVE, then run one of the toolkit's tools as that user.
//
// Offline (no COMPOSIO_API_KEY) it runs against the built-in fake, whose
// link completes when visited, so the program plays the user's browser
// itself. Online it prints the link for you to open and waits up to two
// minutes. EXAMPLE_TOOLKIT (default github) and EXAMPLE_USER_ID (default
// example-user) choose the toolkit and user.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"time"

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
		fmt.Fprintln(os.Stderr, "connect-account:", err)
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

// run connects EXAMPLE_USER_ID's EXAMPLE_TOOLKIT account. fake is the
// in-process fake when offline, nil online.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, w io.Writer) error {
	toolkit := cmp.Or(os.Getenv("EXAMPLE_TOOLKIT"), "github")
	userID := cmp.Or(os.Getenv("EXAMPLE_USER_ID"), "example-user")

	authConfigID, err := authConfigFor(ctx, client, toolkit, w)
	if err != nil {
		return err
	}

	// A Connect link: the hosted page where the user signs in.
	link, err := client.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{
		AuthConfigID: authConfigID,
		UserID:       userID,
		CallbackURL:  "https://example.com/connected",
	})
	if err != nil {
		return fmt.Errorf("creating the connect link: %w", err)
	}
	fmt.Fprintf(w, "Connected account %s is waiting for %s to sign in at:\n  %s\n", link.ConnectedAccountID, userID, link.RedirectURL)

	waitOpts := []composio.WaitOption{composio.WithWaitTimeout(2 * time.Minute)}
	if fake != nil {
		if err := actAsUser(ctx, link.RedirectURL, w); err != nil {
			return err
		}
		waitOpts = append(waitOpts, composio.WithPollInterval(10*time.Millisecond))
	} else {
		fmt.Fprintln(w, "Open the link in a browser; waiting up to 2 minutes...")
	}

	account, err := client.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID, waitOpts...)
	if err != nil {
		return fmt.Errorf("waiting for the connection: %w", err)
	}
	fmt.Fprintf(w, "Connected: %s is %s (toolkit %s, auth scheme %s, user %s)\n",
		account.ID, account.Status, account.Toolkit.Slug, account.State.AuthScheme, userID)
	// Printing the state is safe: credentials come out redacted.
	fmt.Fprintf(w, "State: %v\n", account.State)
	return runFirstTool(ctx, client, toolkit, userID, w)
}

// runFirstTool executes, as the newly connected user, the first tool of the
// toolkit that needs no arguments, pinned to the tool's current version (an
// execution never runs at "latest" by accident).
func runFirstTool(ctx context.Context, client *composio.Client, toolkit, userID string, w io.Writer) error {
	for tool, err := range client.Tools.ListAll(ctx, composio.ToolListParams{ToolkitSlug: toolkit, Limit: 50}) {
		if err != nil {
			return fmt.Errorf("listing %s tools: %w", toolkit, err)
		}
		var schema struct {
			Required []string `json:"required"`
		}
		if json.Unmarshal(tool.InputParameters, &schema) != nil || len(schema.Required) > 0 || tool.NoAuth {
			continue
		}
		exec, err := client.Tools.Execute(ctx, tool.Slug, composio.ToolExecuteParams{UserID: userID, Version: tool.Version})
		if err != nil {
			return fmt.Errorf("executing %s: %w", tool.Slug, err)
		}
		if err := exec.Err(); err != nil {
			return fmt.Errorf("%s ran and failed: %w", tool.Slug, err)
		}
		fmt.Fprintf(w, "Ran %s (version %s) as %s: %s\n", tool.Slug, tool.Version, userID, exec.Data)
		return nil
	}
	fmt.Fprintf(w, "Tools of %s can now run as user %s.\n", toolkit, userID)
	return nil
}

// authConfigFor reuses the project's Composio-managed auth config for the
// toolkit, creating one the first time.
func authConfigFor(ctx context.Context, client *composio.Client, toolkit string, w io.Writer) (string, error) {
	page, err := client.AuthConfigs.List(ctx, composio.AuthConfigListParams{ToolkitSlug: toolkit, IsComposioManaged: composio.Ptr(true), Limit: 1})
	if err != nil {
		return "", fmt.Errorf("listing auth configs: %w", err)
	}
	if len(page.Items) > 0 {
		fmt.Fprintf(w, "Using auth config %s (%s)\n", page.Items[0].ID, page.Items[0].Name)
		return page.Items[0].ID, nil
	}
	created, err := client.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{
		ToolkitSlug: toolkit,
		AuthConfig:  composio.AuthConfigSpec{ComposioManaged: &composio.ComposioManagedAuthConfig{Name: toolkit + " (connect-account example)"}},
	})
	if err != nil {
		return "", fmt.Errorf("creating an auth config for %s: %w", toolkit, err)
	}
	fmt.Fprintf(w, "Created auth config %s (%s, Composio-managed)\n", created.AuthConfig.ID, created.AuthConfig.AuthScheme)
	return created.AuthConfig.ID, nil
}

// actAsUser visits the link as the user's browser would. The fake's page
// completes the connection and redirects to the callback URL, which we
// report instead of following.
func actAsUser(ctx context.Context, link string, w io.Writer) error {
	browser := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return err
	}
	resp, err := browser.Do(req)
	if err != nil {
		return fmt.Errorf("visiting the connect link: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusFound {
		return fmt.Errorf("visiting the connect link: %s", resp.Status)
	}
	fmt.Fprintf(w, "The user signed in; the page sent them back to %s\n", resp.Header.Get("Location"))
	return nil
}
