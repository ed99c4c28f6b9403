package composio_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleConnectedAccountsService_WaitForConnection() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	link, err := client.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{
		AuthConfigID: srv.SeedAuthConfig("github"), UserID: "user_123"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The user opens link.RedirectURL; on the fake, that completes the
	// connection.
	resp, err := http.Get(link.RedirectURL)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()

	account, err := client.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID, composio.WithPollInterval(time.Millisecond))
	var failed *composio.ConnectionFailedError
	switch {
	case errors.As(err, &failed):
		fmt.Println("connection failed:", failed.Status, failed.StatusReason)
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println(account.Status, account.Toolkit.Slug, account.State.AuthScheme)
	}
	// Output: ACTIVE github OAUTH2
}

func ExampleCredentialMap() {
	state := composio.APIKeyState("sk_live_123")
	fmt.Println(state)
	fmt.Println(state.Val["api_key"]) // read on purpose
	// Output:
	// {AuthScheme:API_KEY Val:map[api_key:[REDACTED] status:ACTIVE]}
	// sk_live_123
}
