package composio_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const createdAuthConfig = `{"toolkit":{"slug":"github"},"auth_config":{"id":"ac_1","auth_scheme":"OAUTH2","is_composio_managed":true,"restrict_to_following_tools":[]}}`

func TestAuthConfigsWire(t *testing.T) {
	runAccountWireCases(t, []accountWireCase{
		{
			name: "create default", answer: createdAuthConfig,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github"})
				return err
			},
			method: "POST", path: "/auth_configs", header: "X-Api-Key", body: `{"toolkit":{"slug":"github"}}`,
		},
		{
			name: "create managed", answer: createdAuthConfig,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{
					ComposioManaged: &composio.ComposioManagedAuthConfig{Name: "GitHub", Scopes: []string{"repo", "user"},
						ToolAccessConfig:       &composio.ToolAccessConfig{ToolsForConnectedAccountCreation: []string{"GITHUB_LIST_REPOS"}},
						IsEnabledForToolRouter: composio.Ptr(false)}}})
				return err
			},
			method: "POST", path: "/auth_configs", header: "X-Api-Key",
			body: `{"toolkit":{"slug":"github"},"auth_config":{"type":"use_composio_managed_auth","name":"GitHub","credentials":{"scopes":["repo","user"]},
				"tool_access_config":{"tools_for_connected_account_creation":["GITHUB_LIST_REPOS"]},"is_enabled_for_tool_router":false}}`,
		},
		{
			name: "create custom oauth", answer: createdAuthConfig,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{
					Custom: &composio.CustomAuthConfig{Name: "Ours", AuthScheme: composio.AuthSchemeOAuth2,
						Credentials: composio.AuthConfigCredentials{ClientID: "cid", ClientSecret: "csecret", Scopes: []string{"repo"},
							Fields: composio.CredentialMap{"subdomain": "acme"}},
						ProxyConfig:       &composio.ProxyConfig{ProxyURL: "https://proxy.example", ProxyAuthKey: "pk"},
						SharedCredentials: composio.CredentialMap{"webhook_secret": "ws"}}}})
				return err
			},
			method: "POST", path: "/auth_configs", header: "X-Api-Key",
			body: `{"toolkit":{"slug":"github"},"auth_config":{"type":"use_custom_auth","name":"Ours","authScheme":"OAUTH2",
				"credentials":{"client_id":"cid","client_secret":"csecret","scopes":["repo"],"subdomain":"acme"},
				"proxy_config":{"proxy_url":"https://proxy.example","proxy_auth_key":"pk"},"shared_credentials":{"webhook_secret":"ws"}}}`,
		},
		{
			name: "create custom bearer", answer: createdAuthConfig,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{
					Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeBearerToken}}})
				return err
			},
			method: "POST", path: "/auth_configs", header: "X-Api-Key",
			body: `{"toolkit":{"slug":"github"},"auth_config":{"type":"use_custom_auth","authScheme":"BEARER_TOKEN"}}`,
		},
		{
			name: "list", answer: `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.List(ctx, composio.AuthConfigListParams{IsComposioManaged: composio.Ptr(false), ToolkitSlug: "github,gmail",
					ShowDisabled: composio.Ptr(true), Search: "our app", Limit: 10, Cursor: "c"})
				return err
			},
			method: "GET", path: "/auth_configs", header: "X-Api-Key",
			query: url.Values{"is_composio_managed": {"false"}, "toolkit_slug": {"github,gmail"}, "show_disabled": {"true"},
				"search": {"our app"}, "limit": {"10"}, "cursor": {"c"}},
		},
		{
			name: "list without filters", answer: `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.List(ctx, composio.AuthConfigListParams{})
				return err
			},
			method: "GET", path: "/auth_configs", header: "X-Api-Key",
		},
		{
			name: "get", answer: `{"id":"ac 1"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.Get(ctx, "ac 1")
				return err
			},
			method: "GET", path: "/auth_configs/ac%201", header: "X-Api-Key",
		},
		{
			name: "update custom", answer: `{}`,
			call: func(ctx context.Context, c *composio.Client) error {
				return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{
					Name: "n", Credentials: &composio.AuthConfigCredentials{ClientSecret: "rotated"},
					ToolAccessConfig:       &composio.ToolAccessConfig{ToolsAvailableForExecution: []string{"A"}},
					IsEnabledForToolRouter: composio.Ptr(true)}})
			},
			method: "PATCH", path: "/auth_configs/ac_1", header: "X-Api-Key",
			body: `{"type":"custom","name":"n","credentials":{"client_secret":"rotated"},"tool_access_config":{"tools_available_for_execution":["A"]},"is_enabled_for_tool_router":true}`,
		},
		{
			name: "update custom removing the proxy", answer: `{}`,
			call: func(ctx context.Context, c *composio.Client) error {
				return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{Name: "n", RemoveProxyConfig: true}})
			},
			method: "PATCH", path: "/auth_configs/ac_1", header: "X-Api-Key",
			body: `{"type":"custom","name":"n","proxy_config":null}`,
		},
		{
			name: "update custom with a proxy", answer: `{}`,
			call: func(ctx context.Context, c *composio.Client) error {
				return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{
					ProxyConfig: &composio.ProxyConfig{ProxyURL: "https://proxy.example"}}})
			},
			method: "PATCH", path: "/auth_configs/ac_1", header: "X-Api-Key",
			body: `{"type":"custom","proxy_config":{"proxy_url":"https://proxy.example"}}`,
		},
		{
			name: "update default", answer: `{}`,
			call: func(ctx context.Context, c *composio.Client) error {
				return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{Default: &composio.DefaultAuthConfigUpdate{
					Scopes: composio.ScopeList{"repo"}, UserScopes: composio.ScopeList{"chat:write"}}})
			},
			method: "PATCH", path: "/auth_configs/ac_1", header: "X-Api-Key",
			body: `{"type":"default","scopes":["repo"],"user_scopes":["chat:write"]}`,
		},
		{
			name: "delete", answer: `{}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.AuthConfigs.Delete(ctx, "ac_1", composio.AuthConfigDeleteParams{RevokeOnDelete: composio.Ptr(true)})
				return err
			},
			method: "DELETE", path: "/auth_configs/ac_1", header: "X-Api-Key", query: url.Values{"revoke_on_delete": {"true"}},
		},
		{
			name: "enable", answer: `{}`,
			call:   func(ctx context.Context, c *composio.Client) error { return c.AuthConfigs.Enable(ctx, "ac_1") },
			method: "PATCH", path: "/auth_configs/ac_1/ENABLED", header: "X-Api-Key",
		},
		{
			name: "disable", answer: `{}`,
			call:   func(ctx context.Context, c *composio.Client) error { return c.AuthConfigs.Disable(ctx, "ac_1") },
			method: "PATCH", path: "/auth_configs/ac_1/DISABLED", header: "X-Api-Key",
		},
	})
}

func TestAuthConfigsUserKey(t *testing.T) {
	w := newWire(t, http.StatusOK, `{}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.AuthConfigs.Get(ctx, "ac_1")
	require.NoError(t, err)
	assert.Equal(t, "X-User-Api-Key", w.last().credential(t))
	require.ErrorIs(t, c.AuthConfigs.Disable(ctx, "ac_1"), composio.ErrInvalidParams, "the status change takes only the project key")
}

func TestAuthConfigDecode(t *testing.T) {
	w := newWire(t, http.StatusOK, readTestdata(t, "auth_configs/auth_config.json"))
	ac, err := w.client().AuthConfigs.Get(context.Background(), "ac_Gh7kTq2LmN9p")
	require.NoError(t, err)
	assert.Equal(t, "ac_Gh7kTq2LmN9p", ac.ID)
	assert.Equal(t, composio.AuthConfigTypeCustom, ac.Type)
	assert.Equal(t, composio.AuthConfigToolkit{Slug: "github", Logo: "https://logos.composio.dev/api/github", AuthHintURL: "https://github.com/settings/developers"}, ac.Toolkit)
	assert.Equal(t, composio.AuthSchemeOAuth2, ac.AuthScheme)
	assert.False(t, ac.IsComposioManaged)
	assert.Equal(t, "Iv1.8a61f9b3a7aba766", ac.Credentials["client_id"])
	require.NotNil(t, ac.ProxyConfig)
	assert.Equal(t, "SECRETproxykey", ac.ProxyConfig.ProxyAuthKey)
	assert.Equal(t, composio.AuthConfigEnabled, ac.Status)
	assert.Equal(t, time.Date(2025, 9, 8, 12, 0, 0, 0, time.UTC), ac.LastUpdatedAt.Time)
	assert.Equal(t, 42, ac.NoOfConnections)
	require.Len(t, ac.ExpectedInputFields, 1)
	assert.JSONEq(t, `{"name":"subdomain","required":false}`, string(ac.ExpectedInputFields[0]))
	assert.Equal(t, []string{"GITHUB_LIST_REPOS", "GITHUB_CREATE_ISSUE"}, ac.ToolAccessConfig.ToolsAvailableForExecution)
	assert.Equal(t, "SECRETshared", ac.SharedCredentials["webhook_secret"])
	assert.True(t, ac.IsEnabledForToolRouter)
}

func TestAuthConfigsErrorsAndValidation(t *testing.T) {
	w := newWire(t, http.StatusNotFound, `{"error":{"message":"Auth config not found","status":404}}`)
	c := w.client()
	ctx := context.Background()
	_, err := c.AuthConfigs.Get(ctx, "ac_x")
	require.ErrorIs(t, err, composio.ErrNotFound)
	before := len(w.requests())
	for name, call := range map[string]func() error{
		"get":     func() error { _, err := c.AuthConfigs.Get(ctx, ""); return err },
		"delete":  func() error { _, err := c.AuthConfigs.Delete(ctx, "", composio.AuthConfigDeleteParams{}); return err },
		"enable":  func() error { return c.AuthConfigs.Enable(ctx, "") },
		"disable": func() error { return c.AuthConfigs.Disable(ctx, ".") },
		"update id": func() error {
			return c.AuthConfigs.Update(ctx, "", composio.AuthConfigUpdateParams{Default: &composio.DefaultAuthConfigUpdate{}})
		},
		"update no variant": func() error { return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{}) },
		"update both variants": func() error {
			return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{Default: &composio.DefaultAuthConfigUpdate{}, Custom: &composio.CustomAuthConfigUpdate{}})
		},
		"update proxy twice": func() error {
			return c.AuthConfigs.Update(ctx, "ac_1", composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{
				ProxyConfig: &composio.ProxyConfig{ProxyURL: "https://p"}, RemoveProxyConfig: true}})
		},
		"create no toolkit": func() error { _, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{}); return err },
		"create both variants": func() error {
			_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{
				ComposioManaged: &composio.ComposioManagedAuthConfig{}, Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeAPIKey}}})
			return err
		},
		"create custom without scheme": func() error {
			_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{}}})
			return err
		},
	} {
		assert.ErrorIs(t, call(), composio.ErrInvalidParams, name)
	}
	assert.Len(t, w.requests(), before, "nothing sent")
}

func TestAuthConfigUnionsRoundTrip(t *testing.T) {
	for name, spec := range map[string]composio.AuthConfigSpec{
		"managed": {ComposioManaged: &composio.ComposioManagedAuthConfig{Name: "m", Scopes: []string{"a"}, UserScopes: []string{"b"},
			RestrictToFollowingTools: []string{"T"}, SharedCredentials: composio.CredentialMap{"k": "v"}, IsEnabledForToolRouter: composio.Ptr(true)}},
		"custom": {Custom: &composio.CustomAuthConfig{Name: "c", AuthScheme: composio.AuthSchemeBasic,
			Credentials: composio.AuthConfigCredentials{ClientID: "id", ClientSecret: "s", Scopes: []string{"x"}, UserScopes: []string{"y"}, Fields: composio.CredentialMap{"region": "eu"}},
			ProxyConfig: &composio.ProxyConfig{ProxyURL: "https://p"}, ToolAccessConfig: &composio.ToolAccessConfig{ToolsForConnectedAccountCreation: []string{"T"}}}},
	} {
		t.Run(name, func(t *testing.T) {
			data, err := json.Marshal(spec)
			require.NoError(t, err)
			var back composio.AuthConfigSpec
			require.NoError(t, json.Unmarshal(data, &back))
			assert.Equal(t, spec, back)
		})
	}

	var spec composio.AuthConfigSpec
	require.NoError(t, json.Unmarshal([]byte(`{"type":"use_composio_managed_auth","credentials":{"scopes":"repo, user"}}`), &spec))
	require.NotNil(t, spec.ComposioManaged)
	assert.Nil(t, spec.Custom)
	assert.Equal(t, composio.ScopeList{"repo", "user"}, spec.ComposioManaged.Scopes, "a scope string is split")
	assert.Error(t, json.Unmarshal([]byte(`{"type":"something_else"}`), &spec))
	_, err := json.Marshal(composio.AuthConfigSpec{ComposioManaged: &composio.ComposioManagedAuthConfig{}, Custom: &composio.CustomAuthConfig{AuthScheme: "X"}})
	assert.Error(t, err, "both variants cannot be encoded")

	for name, p := range map[string]composio.AuthConfigUpdateParams{
		"custom":                    {Custom: &composio.CustomAuthConfigUpdate{Name: "n", ProxyConfig: &composio.ProxyConfig{ProxyURL: "https://p"}}},
		"default":                   {Default: &composio.DefaultAuthConfigUpdate{Name: "n", Scopes: composio.ScopeList{"a"}}},
		"custom removing the proxy": {Custom: &composio.CustomAuthConfigUpdate{Name: "n", RemoveProxyConfig: true}},
	} {
		t.Run("update "+name, func(t *testing.T) {
			data, err := json.Marshal(p)
			require.NoError(t, err)
			var back composio.AuthConfigUpdateParams
			require.NoError(t, json.Unmarshal(data, &back))
			assert.Equal(t, p, back)
		})
	}
	var upd composio.AuthConfigUpdateParams
	assert.Error(t, json.Unmarshal([]byte(`{"type":"other"}`), &upd))
}
