package composio_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastConnectionWait keeps connection waits in tests to milliseconds.
var fastConnectionWait = composio.WithPollInterval(2 * time.Millisecond)

// noRedirectClient is an http.Client that stops at the first redirect, so a test
// can read where the fake's connect page sends the user.
var noRedirectClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func newManagedAuthConfig(t *testing.T, c *composio.Client, toolkit string) string {
	t.Helper()
	created, err := c.AuthConfigs.Create(context.Background(), composio.AuthConfigCreateParams{ToolkitSlug: toolkit})
	require.NoError(t, err)
	return created.AuthConfig.ID
}

func TestFakeLinkFlowEndToEnd(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	acID := newManagedAuthConfig(t, c, "github")

	link, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{
		AuthConfigID: acID, UserID: "user_1", CallbackURL: "https://app.example/done?from=test"})
	require.NoError(t, err)
	assert.Equal(t, srv.URL+"/fake/connect/"+link.ConnectedAccountID, link.RedirectURL)
	assert.WithinDuration(t, time.Now().Add(10*time.Minute), link.ExpiresAt.Time, time.Minute)

	pending, err := c.ConnectedAccounts.Get(ctx, link.ConnectedAccountID)
	require.NoError(t, err)
	assert.Equal(t, composio.StatusInitiated, pending.Status)
	assert.Equal(t, link.RedirectURL, pending.State.RedirectURL())

	// The wait runs while the user visits the page.
	done := make(chan error, 1)
	var acct *composio.ConnectedAccount
	go func() {
		var err error
		acct, err = c.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID, fastConnectionWait)
		done <- err
	}()
	resp, err := noRedirectClient.Get(link.RedirectURL)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "app.example", loc.Host)
	assert.Equal(t, url.Values{"from": {"test"}, "status": {"success"}, "connected_account_id": {link.ConnectedAccountID}}, loc.Query())

	require.NoError(t, <-done)
	assert.Equal(t, composio.StatusActive, acct.Status)
	assert.Equal(t, composio.AuthSchemeOAuth2, acct.State.AuthScheme)
	assert.Equal(t, "user_1", acct.UserID)
	assert.Equal(t, "github", acct.Toolkit.Slug)
	assert.Equal(t, acID, acct.AuthConfig.ID)
	assert.True(t, acct.AuthConfig.IsComposioManaged)
	assert.NotEmpty(t, acct.State.Val["access_token"])
	assert.Equal(t, []string{"repo", "user", "read:org"}, acct.RequestedScopes)

	cfg, err := c.AuthConfigs.Get(ctx, acID)
	require.NoError(t, err)
	assert.Equal(t, 1, cfg.NoOfConnections)
}

func TestFakeCreateWithAPIKeyIsActiveAtOnce(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	created, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "linear",
		AuthConfig: composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeAPIKey, Name: "Linear keys"}}})
	require.NoError(t, err)
	assert.False(t, created.AuthConfig.IsComposioManaged)

	state := composio.APIKeyState("lin_api_secret_123")
	req, err := c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: created.AuthConfig.ID, UserID: "u", State: &state})
	require.NoError(t, err)
	assert.Equal(t, composio.StatusActive, req.Status)
	assert.Empty(t, req.RedirectURL)
	assert.Equal(t, "lin_api_secret_123", req.ConnectionData.Val["api_key"])

	// An ACTIVE state without its credential is refused.
	empty := composio.NewConnectionState(composio.AuthSchemeAPIKey, composio.StatusActive, nil)
	_, err = c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: created.AuthConfig.ID, State: &empty})
	require.ErrorIs(t, err, composio.ErrBadRequest)

	// Without a state the API key is collected on the connect page.
	req, err = c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: created.AuthConfig.ID, UserID: "v"})
	require.NoError(t, err)
	assert.Equal(t, composio.StatusInitiated, req.Status)
	resp, err := http.Get(req.RedirectURL + "?api_key=typed_by_user")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	acct, err := c.ConnectedAccounts.Get(ctx, req.ID)
	require.NoError(t, err)
	assert.Equal(t, composio.StatusActive, acct.Status)
	assert.Equal(t, "typed_by_user", acct.State.Val["api_key"])
}

func TestFakeWaitForConnectionFailure(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	link, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: newManagedAuthConfig(t, c, "gmail"), UserID: "u"})
	require.NoError(t, err)
	resp, err := noRedirectClient.Get(link.RedirectURL + "?outcome=failed")
	require.NoError(t, err)
	resp.Body.Close()

	_, err = c.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID, fastConnectionWait)
	var failed *composio.ConnectionFailedError
	require.ErrorAs(t, err, &failed)
	assert.Equal(t, composio.StatusFailed, failed.Status)
	assert.Equal(t, link.ConnectedAccountID, failed.ConnectedAccountID)
	assert.NotEmpty(t, failed.StatusReason)
	assert.ErrorIs(t, err, composio.ErrConnectionFailed)

	// The link is spent.
	resp, err = noRedirectClient.Get(link.RedirectURL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusGone, resp.StatusCode)
}

func TestFakeInitiatedConnectionExpires(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := func() time.Time { return now }
	srv := composiotest.NewServer(t, composiotest.WithClock(func() time.Time { return clock() }))
	c := srv.Client()
	ctx := context.Background()
	link, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: newManagedAuthConfig(t, c, "slack"), UserID: "u"})
	require.NoError(t, err)
	later := now.Add(11 * time.Minute)
	clock = func() time.Time { return later }

	_, err = c.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID, fastConnectionWait)
	var failed *composio.ConnectionFailedError
	require.ErrorAs(t, err, &failed)
	assert.Equal(t, composio.StatusExpired, failed.Status)
	assert.Contains(t, failed.Error(), "10 minutes")
}

func TestFakeWaitForConnectionHonoursContext(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	link, err := c.ConnectedAccounts.Link(context.Background(), composio.ConnectedAccountLinkParams{AuthConfigID: newManagedAuthConfig(t, c, "github"), UserID: "u"})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.ConnectedAccounts.WaitForConnection(ctx, link.ConnectedAccountID, fastConnectionWait)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "still INITIATED")
	assert.Less(t, time.Since(start), time.Second)

	// WithWaitTimeout bounds the wait the same way.
	_, err = c.ConnectedAccounts.WaitForConnection(context.Background(), link.ConnectedAccountID, fastConnectionWait, composio.WithWaitTimeout(20*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// An unknown account is a 404 at once, not a wait.
	_, err = c.ConnectedAccounts.WaitForConnection(context.Background(), "ca_missing", fastConnectionWait)
	require.ErrorIs(t, err, composio.ErrNotFound)
	var failed *composio.ConnectionFailedError
	assert.False(t, errors.As(err, &failed))
}

func TestAddConnectedAccountIsAWholeAccount(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	id := srv.SeedActiveAccount("user_9", "github")
	acct, err := c.ConnectedAccounts.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, composio.ConnectedAccountStatus("ACTIVE"), acct.Status)
	_, err = c.AuthConfigs.Get(ctx, acct.AuthConfig.ID)
	require.NoError(t, err, "its auth config exists, as for an account made through the connection flow")
}
