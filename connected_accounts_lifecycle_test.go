package composio_test

import (
	"context"
	"net/http"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func accountIDs(t *testing.T, seq func(func(composio.ConnectedAccount, error) bool)) []string {
	t.Helper()
	var out []string
	for a, err := range seq {
		require.NoError(t, err)
		out = append(out, a.ID)
	}
	return out
}

func TestFakeListFiltersOrdersAndPages(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	gh := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "alice", ToolkitSlug: "github"})
	gm := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "alice", ToolkitSlug: "gmail", Status: "INITIATED"})
	sl := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "bob", ToolkitSlug: "slack"})
	gh2 := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "bob", ToolkitSlug: "github", Status: "EXPIRED"})

	all := composio.ConnectedAccountListParams{Limit: 3}
	page, err := c.ConnectedAccounts.List(ctx, all)
	require.NoError(t, err)
	assert.Equal(t, 4, page.TotalItems)
	assert.Len(t, page.Items, 3)
	assert.True(t, page.HasMore())
	assert.Equal(t, []string{gh2, sl, gm, gh}, accountIDs(t, c.ConnectedAccounts.ListAll(ctx, all)), "newest first by default")

	asc := composio.ConnectedAccountListParams{OrderDirection: composio.ConnectedAccountOrderAsc, OrderBy: composio.ConnectedAccountOrderByCreatedAt, Limit: 1}
	assert.Equal(t, []string{gh, gm, sl, gh2}, accountIDs(t, c.ConnectedAccounts.ListAll(ctx, asc)))

	for name, tc := range map[string]struct {
		params composio.ConnectedAccountListParams
		want   []string
	}{
		"users":     {composio.ConnectedAccountListParams{UserIDs: []string{"bob"}}, []string{gh2, sl}},
		"toolkits":  {composio.ConnectedAccountListParams{ToolkitSlugs: []string{"github", "gmail"}}, []string{gh2, gm, gh}},
		"statuses":  {composio.ConnectedAccountListParams{Statuses: []composio.ConnectedAccountStatus{composio.StatusActive}}, []string{sl, gh}},
		"ids":       {composio.ConnectedAccountListParams{ConnectedAccountIDs: []string{gm, sl}}, []string{sl, gm}},
		"combined":  {composio.ConnectedAccountListParams{UserIDs: []string{"alice"}, Statuses: []composio.ConnectedAccountStatus{composio.StatusActive, composio.StatusInitiated}, ToolkitSlugs: []string{"gmail"}}, []string{gm}},
		"shared":    {composio.ConnectedAccountListParams{AccountType: composio.AccountTypeShared}, nil},
		"all types": {composio.ConnectedAccountListParams{AccountType: composio.AccountTypeAll, UserIDs: []string{"alice"}}, []string{gm, gh}},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, accountIDs(t, c.ConnectedAccounts.ListAll(ctx, tc.params)))
		})
	}

	acct, err := c.ConnectedAccounts.Get(ctx, gh)
	require.NoError(t, err)
	byConfig := composio.ConnectedAccountListParams{AuthConfigIDs: []string{acct.AuthConfig.ID}}
	assert.Equal(t, []string{gh2, gh}, accountIDs(t, c.ConnectedAccounts.ListAll(ctx, byConfig)))

	// The comma form other clients send is accepted too.
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v3.1/connected_accounts?user_ids=alice,bob&statuses=EXPIRED", nil)
	require.NoError(t, err)
	req.Header.Set("x-api-key", srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	_, err = c.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{Statuses: []composio.ConnectedAccountStatus{"BOGUS"}})
	require.ErrorIs(t, err, composio.ErrBadRequest)
}

func TestFakeAccountLifecycle(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	id := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "u", ToolkitSlug: "github"})
	status := func() composio.ConnectedAccountStatus {
		a, err := c.ConnectedAccounts.Get(ctx, id)
		require.NoError(t, err)
		return a.Status
	}

	require.NoError(t, c.ConnectedAccounts.Disable(ctx, id))
	a, err := c.ConnectedAccounts.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, composio.StatusInactive, a.Status)
	assert.True(t, a.IsDisabled)
	require.NoError(t, c.ConnectedAccounts.Enable(ctx, id))
	assert.Equal(t, composio.StatusActive, status())

	upd, err := c.ConnectedAccounts.Update(ctx, id, composio.ConnectedAccountUpdateParams{Alias: composio.Ptr("work")})
	require.NoError(t, err)
	assert.True(t, upd.Success)
	a, err = c.ConnectedAccounts.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "work", a.Alias)
	// OAuth credentials cannot be patched.
	_, err = c.ConnectedAccounts.Update(ctx, id, composio.ConnectedAccountUpdateParams{Credentials: &composio.CredentialsUpdate{
		AuthScheme: composio.AuthSchemeOAuth2, Fields: map[string]*string{"access_token": composio.Ptr("x")}}})
	require.ErrorIs(t, err, composio.ErrBadRequest)

	ref, err := c.ConnectedAccounts.Refresh(ctx, id, composio.ConnectedAccountRefreshParams{RedirectURL: "https://app.example/again"})
	require.NoError(t, err)
	assert.Equal(t, composio.StatusInitiated, ref.Status)
	assert.Equal(t, srv.URL+"/fake/connect/"+id, ref.RedirectURL)
	resp, err := noRedirectClient.Get(ref.RedirectURL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Contains(t, resp.Header.Get("Location"), "https://app.example/again?")
	assert.Equal(t, composio.StatusActive, status())

	rev, err := c.ConnectedAccounts.Revoke(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, []string{"access_token", "refresh_token"}, rev.RevokedTokens)
	assert.Equal(t, composio.StatusRevoked, rev.ConnectedAccount.Status)
	a, err = c.ConnectedAccounts.Get(ctx, id)
	require.NoError(t, err)
	assert.Nil(t, a.State.Val["access_token"])
	rev, err = c.ConnectedAccounts.Revoke(ctx, id)
	require.NoError(t, err)
	assert.Empty(t, rev.RevokedTokens, "already revoked")

	del, err := c.ConnectedAccounts.Delete(ctx, id, composio.ConnectedAccountDeleteParams{RevokeOnDelete: composio.Ptr(true)})
	require.NoError(t, err)
	assert.True(t, del.Success)
	assert.NotEmpty(t, del.RevokeJobID)
	_, err = c.ConnectedAccounts.Get(ctx, id)
	require.ErrorIs(t, err, composio.ErrNotFound)
}

func TestFakeUpdateAPIKeyCredentials(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	id := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "u", ToolkitSlug: "linear", Credentials: map[string]any{"api_key": "old", "generic_id": "g"}})
	_, err := c.ConnectedAccounts.Update(ctx, id, composio.ConnectedAccountUpdateParams{Credentials: &composio.CredentialsUpdate{
		AuthScheme: composio.AuthSchemeAPIKey, Fields: map[string]*string{"api_key": composio.Ptr("new"), "generic_id": nil}}})
	require.NoError(t, err)
	a, err := c.ConnectedAccounts.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "new", a.State.Val["api_key"])
	assert.NotContains(t, a.State.Val, "generic_id")

	// Refresh of a non-OAuth account has nothing for the user to do.
	ref, err := c.ConnectedAccounts.Refresh(ctx, id, composio.ConnectedAccountRefreshParams{})
	require.NoError(t, err)
	assert.Equal(t, composio.StatusActive, ref.Status)
	assert.Empty(t, ref.RedirectURL)
}

func TestFakeAuthConfigLifecycle(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	managed := newManagedAuthConfig(t, c, "github")
	custom, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{
		Custom: &composio.CustomAuthConfig{Name: "Our GitHub app", AuthScheme: composio.AuthSchemeOAuth2,
			Credentials: composio.AuthConfigCredentials{ClientID: "Iv1.abc", ClientSecret: "shh-very-secret", Scopes: []string{"repo"}}}}})
	require.NoError(t, err)
	customID := custom.AuthConfig.ID

	got, err := c.AuthConfigs.Get(ctx, customID)
	require.NoError(t, err)
	assert.Equal(t, composio.AuthConfigTypeCustom, got.Type)
	assert.Equal(t, "Iv1.abc", got.Credentials["client_id"])
	assert.NotEqual(t, "shh-very-secret", got.Credentials["client_secret"], "secrets come back hidden")
	assert.Equal(t, composio.AuthConfigEnabled, got.Status)

	// Validation as the API does it.
	for name, p := range map[string]composio.AuthConfigCreateParams{
		"unknown toolkit":   {ToolkitSlug: "nope"},
		"unmanaged toolkit": {ToolkitSlug: "linear"},
		"scheme unsupported": {ToolkitSlug: "linear", AuthConfig: composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeOAuth2,
			Credentials: composio.AuthConfigCredentials{ClientID: "a", ClientSecret: "b"}}}},
		"oauth without client": {ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeOAuth2}}},
	} {
		_, err := c.AuthConfigs.Create(ctx, p)
		assert.ErrorIs(t, err, composio.ErrBadRequest, name)
	}

	// Update: the variant must match the config's type.
	err = c.AuthConfigs.Update(ctx, customID, composio.AuthConfigUpdateParams{Default: &composio.DefaultAuthConfigUpdate{Name: "x"}})
	require.ErrorIs(t, err, composio.ErrBadRequest)
	require.NoError(t, c.AuthConfigs.Update(ctx, customID, composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{
		Name: "Renamed", ToolAccessConfig: &composio.ToolAccessConfig{ToolsAvailableForExecution: []string{"GITHUB_LIST_REPOS"}}}}))
	require.NoError(t, c.AuthConfigs.Update(ctx, managed, composio.AuthConfigUpdateParams{Default: &composio.DefaultAuthConfigUpdate{IsEnabledForToolRouter: composio.Ptr(true)}}))
	got, err = c.AuthConfigs.Get(ctx, customID)
	require.NoError(t, err)
	assert.Equal(t, "Renamed", got.Name)
	assert.Equal(t, []string{"GITHUB_LIST_REPOS"}, got.ToolAccessConfig.ToolsAvailableForExecution)

	// A proxy is set, kept by an update that does not name it, then removed.
	require.NoError(t, c.AuthConfigs.Update(ctx, customID, composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{
		ProxyConfig: &composio.ProxyConfig{ProxyURL: "https://proxy.example", ProxyAuthKey: "pk-secret"}}}))
	require.NoError(t, c.AuthConfigs.Update(ctx, customID, composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{IsEnabledForToolRouter: composio.Ptr(false)}}))
	got, err = c.AuthConfigs.Get(ctx, customID)
	require.NoError(t, err)
	require.NotNil(t, got.ProxyConfig)
	assert.Equal(t, "https://proxy.example", got.ProxyConfig.ProxyURL)
	assert.NotEqual(t, "pk-secret", got.ProxyConfig.ProxyAuthKey, "the key comes back hidden")
	require.NoError(t, c.AuthConfigs.Update(ctx, customID, composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{RemoveProxyConfig: true}}))
	got, err = c.AuthConfigs.Get(ctx, customID)
	require.NoError(t, err)
	assert.Nil(t, got.ProxyConfig)

	// Disabled configs are hidden from lists by default and refuse connections.
	require.NoError(t, c.AuthConfigs.Disable(ctx, managed))
	list, err := composio.Collect(c.AuthConfigs.ListAll(ctx, composio.AuthConfigListParams{}))
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, customID, list[0].ID)
	list, err = composio.Collect(c.AuthConfigs.ListAll(ctx, composio.AuthConfigListParams{ShowDisabled: composio.Ptr(true), IsComposioManaged: composio.Ptr(true)}))
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, composio.AuthConfigDisabled, list[0].Status)
	_, err = c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: managed, UserID: "u"})
	require.ErrorIs(t, err, composio.ErrBadRequest)
	require.NoError(t, c.AuthConfigs.Enable(ctx, managed))

	list, err = composio.Collect(c.AuthConfigs.ListAll(ctx, composio.AuthConfigListParams{Search: "renamed", ToolkitSlug: "github,gmail", Limit: 1}))
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, customID, list[0].ID)

	// Deleting a config deletes its accounts.
	acct := srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{ToolkitSlug: "github", AuthConfigID: customID})
	del, err := c.AuthConfigs.Delete(ctx, customID, composio.AuthConfigDeleteParams{})
	require.NoError(t, err)
	assert.Empty(t, del.RevokeJobID)
	_, err = c.AuthConfigs.Get(ctx, customID)
	require.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.ConnectedAccounts.Get(ctx, acct)
	require.ErrorIs(t, err, composio.ErrNotFound)
}
