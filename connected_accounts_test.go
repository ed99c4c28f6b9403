package composio_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountWireCase is one operation's exact request.
type accountWireCase struct {
	name   string
	answer string // JSON the server answers (200)
	call   func(ctx context.Context, c *composio.Client) error
	method string
	path   string // escaped, without the /api/v3.1 prefix
	query  url.Values
	header string // the one credential header expected
	body   string // expected JSON body; "" for none
}

func runAccountWireCases(t *testing.T, cases []accountWireCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newWire(t, http.StatusOK, tc.answer)
			require.NoError(t, tc.call(context.Background(), w.client()))
			req := w.last()
			assert.Equal(t, tc.method, req.Method)
			assert.Equal(t, "/api/v3.1"+tc.path, req.Path)
			if tc.query == nil {
				assert.Empty(t, req.RawQuery)
			} else {
				assert.Equal(t, tc.query, req.Query)
			}
			assert.Equal(t, tc.header, req.credential(t))
			if tc.body == "" {
				assert.Empty(t, req.Body)
			} else {
				assert.JSONEq(t, tc.body, string(req.Body))
				assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			}
		})
	}
}

func TestConnectedAccountsWire(t *testing.T) {
	state := composio.APIKeyState("sk_live_123")
	runAccountWireCases(t, []accountWireCase{
		{
			name: "create", answer: `{"id":"ca_1","connectionData":{"authScheme":"API_KEY","val":{"status":"ACTIVE"}},"status":"ACTIVE","redirect_url":null,"redirect_uri":null}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{
					AuthConfigID: "ac_1", UserID: "user_1", CallbackURL: "https://app.example/cb", Alias: "work", State: &state,
					Experimental:        &composio.ConnectionSharing{AccountType: composio.AccountTypeShared, ACLConfigForShared: &composio.SharedACL{AllowAllUsers: true}},
					ValidateCredentials: true,
				})
				return err
			},
			method: "POST", path: "/connected_accounts", header: "X-Api-Key",
			body: `{"auth_config":{"id":"ac_1"},"validate_credentials":true,"connection":{"user_id":"user_1","callback_url":"https://app.example/cb","alias":"work",
				"state":{"authScheme":"API_KEY","val":{"status":"ACTIVE","api_key":"sk_live_123"}},
				"experimental":{"account_type":"SHARED","acl_config_for_shared":{"allow_all_users":true}}}}`,
		},
		{
			name: "create minimal", answer: `{"id":"ca_1","connectionData":{"authScheme":"OAUTH2","val":{"status":"INITIATED"}},"status":"INITIATED"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: "ac_1"})
				return err
			},
			method: "POST", path: "/connected_accounts", header: "X-Api-Key", body: `{"auth_config":{"id":"ac_1"},"connection":{}}`,
		},
		{
			name: "create with a state without fields", answer: `{"id":"ca_1","connectionData":{"authScheme":"NO_AUTH","val":{"status":"ACTIVE"}},"status":"ACTIVE"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: "ac_1", State: &composio.ConnectionState{AuthScheme: composio.AuthSchemeNoAuth}})
				return err
			},
			method: "POST", path: "/connected_accounts", header: "X-Api-Key",
			body: `{"auth_config":{"id":"ac_1"},"connection":{"state":{"authScheme":"NO_AUTH","val":{}}}}`,
		},
		{
			name: "link", answer: `{"link_token":"lt","redirect_url":"https://connect.composio.dev/link/lk","expires_at":"2025-09-06T10:10:00Z","connected_account_id":"ca_1"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: "ac_1", UserID: "user_1",
					Alias: "a", CallbackURL: "https://app.example/cb", ConnectionData: composio.CredentialMap{"subdomain": "acme"}})
				return err
			},
			method: "POST", path: "/connected_accounts/link", header: "X-Api-Key",
			body: `{"auth_config_id":"ac_1","user_id":"user_1","alias":"a","callback_url":"https://app.example/cb","connection_data":{"subdomain":"acme"}}`,
		},
		{
			name: "link shared", answer: `{"link_token":"lt","redirect_url":"https://connect.composio.dev/link/lk","expires_at":"2025-09-06T10:10:00Z","connected_account_id":"ca_1"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: "ac_1", UserID: "user_1",
					Experimental: &composio.ConnectionSharing{AccountType: composio.AccountTypeShared,
						ACLConfigForShared: &composio.SharedACL{AllowedUserIDs: []string{"u2"}, NotAllowedUserIDs: []string{"u3"}}}})
				return err
			},
			method: "POST", path: "/connected_accounts/link", header: "X-Api-Key",
			body: `{"auth_config_id":"ac_1","user_id":"user_1","experimental":{"account_type":"SHARED",
				"acl_config_for_shared":{"allow_all_users":false,"allowed_user_ids":["u2"],"not_allowed_user_ids":["u3"]}}}`,
		},
		{
			name: "list with every filter", answer: `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{
					ToolkitSlugs: []string{"github", "gmail"}, Statuses: []composio.ConnectedAccountStatus{composio.StatusActive, composio.StatusExpired},
					UserIDs: []string{"user_1", "user 2"}, AuthConfigIDs: []string{"ac_1"}, ConnectedAccountIDs: []string{"ca_1", "ca_2"},
					OrderBy: composio.ConnectedAccountOrderByUpdatedAt, OrderDirection: composio.ConnectedAccountOrderAsc,
					AccountType: composio.AccountTypeAll, Limit: 50, Cursor: "c1",
				})
				return err
			},
			method: "GET", path: "/connected_accounts", header: "X-Api-Key",
			query: url.Values{
				"toolkit_slugs[]": {"github", "gmail"}, "statuses[]": {"ACTIVE", "EXPIRED"}, "user_ids[]": {"user_1", "user 2"},
				"auth_config_ids[]": {"ac_1"}, "connected_account_ids[]": {"ca_1", "ca_2"}, "order_by": {"updated_at"},
				"order_direction": {"asc"}, "account_type": {"ALL"}, "limit": {"50"}, "cursor": {"c1"},
			},
		},
		{
			name: "list without filters", answer: `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{})
				return err
			},
			method: "GET", path: "/connected_accounts", header: "X-Api-Key",
		},
		{
			name: "get", answer: `{"id":"ca/1","status":"ACTIVE"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Get(ctx, "ca/1")
				return err
			},
			method: "GET", path: "/connected_accounts/ca%2F1", header: "X-Api-Key",
		},
		{
			name: "update", answer: `{"success":true,"id":"ca_1","status":"ACTIVE"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Update(ctx, "ca_1", composio.ConnectedAccountUpdateParams{
					Alias:        composio.Ptr(""),
					Credentials:  &composio.CredentialsUpdate{AuthScheme: composio.AuthSchemeBearerToken, Fields: map[string]*string{"token": composio.Ptr("t2"), "user_agent": nil}},
					Experimental: &composio.SharingUpdate{ACLConfigForShared: &composio.SharedACL{AllowedUserIDs: []string{"u2"}, NotAllowedUserIDs: []string{}}},
				})
				return err
			},
			method: "PATCH", path: "/connected_accounts/ca_1", header: "X-Api-Key",
			body: `{"alias":"","connection":{"state":{"authScheme":"BEARER_TOKEN","val":{"token":"t2","user_agent":null}}},
				"experimental":{"acl_config_for_shared":{"allow_all_users":false,"allowed_user_ids":["u2"],"not_allowed_user_ids":[]}}}`,
		},
		{
			name: "update nothing", answer: `{"success":true,"id":"ca_1","status":"ACTIVE"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Update(ctx, "ca_1", composio.ConnectedAccountUpdateParams{})
				return err
			},
			method: "PATCH", path: "/connected_accounts/ca_1", header: "X-Api-Key", body: `{}`,
		},
		{
			name: "delete", answer: `{"success":true}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Delete(ctx, "ca_1", composio.ConnectedAccountDeleteParams{})
				return err
			},
			method: "DELETE", path: "/connected_accounts/ca_1", header: "X-Api-Key",
		},
		{
			name: "delete revoking", answer: `{"success":true,"revoke_job_id":"rj_1"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Delete(ctx, "ca_1", composio.ConnectedAccountDeleteParams{RevokeOnDelete: composio.Ptr(false)})
				return err
			},
			method: "DELETE", path: "/connected_accounts/ca_1", header: "X-Api-Key", query: url.Values{"revoke_on_delete": {"false"}},
		},
		{
			name: "enable", answer: `{"success":true}`,
			call: func(ctx context.Context, c *composio.Client) error {
				return c.ConnectedAccounts.Enable(ctx, "ca_1")
			},
			method: "PATCH", path: "/connected_accounts/ca_1/status", header: "X-Api-Key", body: `{"enabled":true}`,
		},
		{
			name: "disable", answer: `{"success":true}`,
			call: func(ctx context.Context, c *composio.Client) error {
				return c.ConnectedAccounts.Disable(ctx, "ca_1")
			},
			method: "PATCH", path: "/connected_accounts/ca_1/status", header: "X-Api-Key", body: `{"enabled":false}`,
		},
		{
			name: "refresh", answer: `{"id":"ca_1","status":"INITIATED","redirect_url":"https://x"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Refresh(ctx, "ca_1", composio.ConnectedAccountRefreshParams{
					RedirectURL: "https://app.example/body", QueryRedirectURL: "https://app.example/query", ValidateCredentials: true})
				return err
			},
			method: "POST", path: "/connected_accounts/ca_1/refresh", header: "X-Api-Key",
			query: url.Values{"redirect_url": {"https://app.example/query"}},
			body:  `{"redirect_url":"https://app.example/body","validate_credentials":true}`,
		},
		{
			name: "refresh plain", answer: `{"id":"ca_1","status":"ACTIVE","redirect_url":null}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Refresh(ctx, "ca_1", composio.ConnectedAccountRefreshParams{})
				return err
			},
			method: "POST", path: "/connected_accounts/ca_1/refresh", header: "X-Api-Key", body: `{}`,
		},
		{
			name: "revoke", answer: `{"revoked_tokens":["credential"],"connected_account":{"id":"ca_1","status":"REVOKED"}}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ConnectedAccounts.Revoke(ctx, "ca_1")
				return err
			},
			method: "POST", path: "/connected_accounts/ca_1/revoke", header: "X-Api-Key",
		},
	})
}

func TestConnectedAccountsUserKeyWhereAccepted(t *testing.T) {
	w := newWire(t, http.StatusOK, `{"items":[],"total_items":0,"total_pages":0,"current_page":1}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{})
	require.NoError(t, err)
	assert.Equal(t, "X-User-Api-Key", w.last().credential(t))
	// Create, Revoke and the status change take only the project key.
	_, err = c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: "ac_1"})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	require.ErrorIs(t, c.ConnectedAccounts.Disable(ctx, "ca_1"), composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 1)
}

func TestConnectedAccountDecode(t *testing.T) {
	w := newWire(t, http.StatusOK, readTestdata(t, "connected_accounts/account.json"))
	a, err := w.client().ConnectedAccounts.Get(context.Background(), "ca_x2k9QmT4vB7n")
	require.NoError(t, err)
	assert.Equal(t, "ca_x2k9QmT4vB7n", a.ID)
	assert.Equal(t, "github_red-castle", a.WordID)
	assert.Equal(t, "work", a.Alias)
	assert.Equal(t, "user_123", a.UserID)
	assert.Equal(t, composio.StatusActive, a.Status)
	assert.Equal(t, "github", a.Toolkit.Slug)
	assert.Equal(t, composio.ConnectedAccountAuthConfig{ID: "ac_Gh7kTq2LmN9p", AuthScheme: composio.AuthSchemeOAuth2, IsComposioManaged: true}, a.AuthConfig)
	assert.Equal(t, composio.AuthSchemeOAuth2, a.State.AuthScheme)
	assert.Equal(t, composio.StatusActive, a.State.Status())
	assert.Equal(t, "gho_SECRETaccess000111", a.State.Val["access_token"])
	assert.InDelta(t, 28800, a.State.Val["expires_in"], 0)
	assert.Equal(t, "https://api.github.com", a.Params["base_url"])
	assert.Empty(t, a.StatusReason)
	assert.Equal(t, "https://api.github.com/user", a.TestRequestEndpoint)
	assert.Equal(t, []string{"repo", "user"}, a.RequestedScopes)
	require.NotNil(t, a.Experimental)
	assert.Equal(t, composio.AccountTypePrivate, a.Experimental.AccountType)
	assert.Equal(t, time.Date(2025, 9, 7, 11, 30, 15, 250e6, time.UTC), a.UpdatedAt.Time)
}

func TestConnectedAccountListDecode(t *testing.T) {
	w := newWire(t, http.StatusOK, readTestdata(t, "connected_accounts/list.json"))
	page, err := w.client().ConnectedAccounts.List(context.Background(), composio.ConnectedAccountListParams{Limit: 2})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, "eyJwYWdlIjoyLCJsaW1pdCI6Mn0=", page.NextCursor)
	assert.Equal(t, 6, page.TotalItems)
	assert.Equal(t, composio.AuthSchemeAPIKey, page.Items[0].State.AuthScheme)
	assert.Empty(t, page.Items[0].WordID)
	assert.Equal(t, composio.StatusExpired, page.Items[1].Status)
	assert.True(t, page.Items[1].Status.Terminal())
	assert.Equal(t, "Permanent auth error during token refresh", page.Items[1].StatusReason)
}

func TestConnectedAccountsListAllFollowsCursors(t *testing.T) {
	w := newWire(t, http.StatusOK, `{"items":[{"id":"ca_1"},{"id":"ca_2"}],"next_cursor":"c2","total_items":3,"total_pages":2,"current_page":1}`).
		then(http.StatusOK, `{"items":[{"id":"ca_3"}],"next_cursor":null,"total_items":3,"total_pages":2,"current_page":2}`)
	got, err := composio.Collect(w.client().ConnectedAccounts.ListAll(context.Background(),
		composio.ConnectedAccountListParams{Statuses: []composio.ConnectedAccountStatus{composio.StatusActive}, Limit: 2}))
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, "ca_3", got[2].ID)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.Empty(t, reqs[0].Query.Get("cursor"))
	assert.Equal(t, url.Values{"statuses[]": {"ACTIVE"}, "limit": {"2"}, "cursor": {"c2"}}, reqs[1].Query)
}

func TestConnectionRequestDecode(t *testing.T) {
	w := newWire(t, http.StatusCreated, readTestdata(t, "connected_accounts/create.json"))
	req, err := w.client().ConnectedAccounts.Create(context.Background(), composio.ConnectedAccountCreateParams{AuthConfigID: "ac_1"})
	require.NoError(t, err)
	assert.Equal(t, "ca_new1", req.ID)
	assert.Equal(t, composio.StatusInitiated, req.Status)
	assert.Equal(t, "https://connect.composio.dev/link/lk_abc", req.RedirectURL, "taken from the state when the top-level field is null")
	assert.Equal(t, "https://app.example/cb", req.ConnectionData.Val["callback_url"])
}

func TestConnectedAccountsErrors(t *testing.T) {
	w := newWire(t, http.StatusNotFound, `{"error":{"message":"Connected account ca_x not found","code":1800,"status":404,"request_id":"req_1","suggested_fix":"List them."}}`)
	c := w.client()
	ctx := context.Background()
	_, err := c.ConnectedAccounts.Get(ctx, "ca_x")
	require.ErrorIs(t, err, composio.ErrNotFound)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1800, apiErr.Code)
	assert.Equal(t, "req_1", apiErr.RequestID)

	w400 := newWire(t, http.StatusBadRequest, `{"error":{"message":"auth_config.id: Required","status":400}}`)
	_, err = w400.client().ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: "ac", UserID: "u"})
	require.ErrorIs(t, err, composio.ErrBadRequest)

	// Empty ids and required fields are refused before sending.
	before := len(w.requests())
	for name, call := range map[string]func() error{
		"get": func() error { _, err := c.ConnectedAccounts.Get(ctx, ""); return err },
		"update": func() error {
			_, err := c.ConnectedAccounts.Update(ctx, " ", composio.ConnectedAccountUpdateParams{})
			return err
		},
		"delete": func() error {
			_, err := c.ConnectedAccounts.Delete(ctx, "", composio.ConnectedAccountDeleteParams{})
			return err
		},
		"enable":  func() error { return c.ConnectedAccounts.Enable(ctx, "") },
		"disable": func() error { return c.ConnectedAccounts.Disable(ctx, "..") },
		"refresh": func() error {
			_, err := c.ConnectedAccounts.Refresh(ctx, "", composio.ConnectedAccountRefreshParams{})
			return err
		},
		"revoke": func() error { _, err := c.ConnectedAccounts.Revoke(ctx, ""); return err },
		"wait":   func() error { _, err := c.ConnectedAccounts.WaitForConnection(ctx, ""); return err },
		"create": func() error {
			_, err := c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{})
			return err
		},
		"create state without scheme": func() error {
			_, err := c.ConnectedAccounts.Create(ctx, composio.ConnectedAccountCreateParams{AuthConfigID: "ac", State: &composio.ConnectionState{}})
			return err
		},
		"update credentials without scheme": func() error {
			_, err := c.ConnectedAccounts.Update(ctx, "ca_1", composio.ConnectedAccountUpdateParams{Credentials: &composio.CredentialsUpdate{}})
			return err
		},
		"link no config": func() error {
			_, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{UserID: "u"})
			return err
		},
		"link no user": func() error {
			_, err := c.ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: "ac"})
			return err
		},
	} {
		assert.ErrorIs(t, call(), composio.ErrInvalidParams, name)
	}
	assert.Len(t, w.requests(), before, "nothing sent")
}

func TestStatusChangeReportingFailure(t *testing.T) {
	w := newWire(t, http.StatusOK, `{"success":false}`)
	err := w.client().ConnectedAccounts.Enable(context.Background(), "ca_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "success: false")
}
