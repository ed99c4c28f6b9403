// Command admin-accounts is the kind of job a project administrator runs:
// it walks every connected account of the project, page by page, prints a
// summary by toolkit and status, then lists the accounts that need
// attention (not ACTIVE) with the API's reason.
//
// Offline (no COMPOSIO_API_KEY) it first gives the built-in fake a few
// users and connections, made through the API itself; online it only reads.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"text/tabwriter"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

// summaryStatuses are the columns of the summary, in lifecycle order.
var summaryStatuses = []composio.ConnectedAccountStatus{
	composio.StatusActive, composio.StatusInitiated, composio.StatusInactive,
	composio.StatusExpired, composio.StatusFailed, composio.StatusRevoked,
}

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
		fmt.Fprintln(os.Stderr, "admin-accounts:", err)
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

// run prints the report. fake is the in-process fake when offline, nil online.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, w io.Writer) error {
	pageSize := 50
	if fake != nil {
		if err := seed(ctx, client); err != nil {
			return fmt.Errorf("seeding the fake: %w", err)
		}
		pageSize = 4 // small pages, so the few seeded accounts span several
	}

	// Every account, page by page: ListAll fetches the next page only when
	// the loop needs it, and holds one page at a time.
	counts := map[string]map[composio.ConnectedAccountStatus]int{}
	total := 0
	for acct, err := range client.ConnectedAccounts.ListAll(ctx, composio.ConnectedAccountListParams{Limit: pageSize}) {
		if err != nil {
			return fmt.Errorf("listing connected accounts: %w", err)
		}
		if counts[acct.Toolkit.Slug] == nil {
			counts[acct.Toolkit.Slug] = map[composio.ConnectedAccountStatus]int{}
		}
		counts[acct.Toolkit.Slug][acct.Status]++
		total++
	}
	fmt.Fprintf(w, "\n%d connected accounts\n\n", total)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "TOOLKIT")
	for _, s := range summaryStatuses {
		fmt.Fprintf(tw, "\t%s", s)
	}
	fmt.Fprintln(tw, "\tTOTAL")
	toolkits := make([]string, 0, len(counts))
	for slug := range counts {
		toolkits = append(toolkits, slug)
	}
	slices.Sort(toolkits)
	for _, slug := range toolkits {
		fmt.Fprint(tw, slug)
		sum := 0
		for _, s := range summaryStatuses {
			fmt.Fprintf(tw, "\t%d", counts[slug][s])
		}
		for _, n := range counts[slug] {
			sum += n
		}
		fmt.Fprintf(tw, "\t%d\n", sum)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// The accounts needing attention, filtered by the API.
	attention := composio.ConnectedAccountListParams{
		Statuses: []composio.ConnectedAccountStatus{composio.StatusInitiated, composio.StatusInactive,
			composio.StatusExpired, composio.StatusFailed, composio.StatusRevoked},
		OrderBy: composio.ConnectedAccountOrderByUpdatedAt,
		Limit:   pageSize,
	}
	fmt.Fprintf(w, "\nNeeding attention:\n\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tUSER\tTOOLKIT\tSTATUS\tREASON")
	n := 0
	for acct, err := range client.ConnectedAccounts.ListAll(ctx, attention) {
		if err != nil {
			return fmt.Errorf("listing connected accounts: %w", err)
		}
		reason := acct.StatusReason
		if reason == "" {
			reason = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", acct.ID, acct.UserID, acct.Toolkit.Slug, acct.Status, reason)
		n++
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d of %d accounts need attention.\n", n, total)
	return nil
}

// seed gives the fake three toolkits and a handful of users in every
// state, through the same API calls an application makes.
func seed(ctx context.Context, client *composio.Client) error {
	authConfigs := map[string]string{}
	for _, spec := range []composio.AuthConfigCreateParams{
		{ToolkitSlug: "github"},
		{ToolkitSlug: "gmail"},
		{ToolkitSlug: "linear", AuthConfig: composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeAPIKey}}},
	} {
		created, err := client.AuthConfigs.Create(ctx, spec)
		if err != nil {
			return err
		}
		authConfigs[spec.ToolkitSlug] = created.AuthConfig.ID
	}

	// Users who connected GitHub or Gmail through a Connect link ("" leaves
	// the link unvisited; "failed" refuses consent).
	links := []struct{ user, toolkit, outcome string }{
		{"alice", "github", "success"}, {"bob", "github", "success"}, {"carol", "github", ""},
		{"alice", "gmail", "success"}, {"dave", "gmail", "failed"}, {"erin", "gmail", "success"},
	}
	ids := map[string]string{}
	for _, l := range links {
		link, err := client.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: authConfigs[l.toolkit], UserID: l.user})
		if err != nil {
			return err
		}
		ids[l.user+"/"+l.toolkit] = link.ConnectedAccountID
		if l.outcome != "" {
			if err := visit(ctx, link.RedirectURL+"?outcome="+l.outcome); err != nil {
				return err
			}
		}
	}
	// Users who pasted a Linear API key.
	for _, user := range []string{"alice", "bob", "frank"} {
		state := composio.APIKeyState("lin_api_" + user)
		req, err := client.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: authConfigs["linear"], UserID: user, State: &state})
		if err != nil {
			return err
		}
		ids[user+"/linear"] = req.ID
	}
	// An administrator disabled one account; another user revoked access.
	if err := client.ConnectedAccounts.Disable(ctx, ids["frank/linear"]); err != nil {
		return err
	}
	_, err := client.ConnectedAccounts.Revoke(ctx, ids["erin/gmail"])
	return err
}

// visit opens a connect link as the user's browser would, without
// following the redirect to the application.
func visit(ctx context.Context, link string) error {
	browser := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return err
	}
	resp, err := browser.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 400 {
		return fmt.Errorf("visiting %s: %s", link, resp.Status)
	}
	return nil
}
