package composio_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sentBody runs call against a scripted server and returns the exact bytes
// of the one request body it sent.
func sentBody(t *testing.T, answer string, call func(ctx context.Context, c *composio.Client) error) string {
	t.Helper()
	w := newWire(t, 200, answer)
	require.NoError(t, call(context.Background(), w.client()))
	reqs := w.requests()
	require.Len(t, reqs, 1)
	return string(reqs[0].Body)
}

// tableBody returns the body field names operations.json lists for an
// operation.
func tableBody(t *testing.T, method, path string) []string {
	t.Helper()
	raw, err := os.ReadFile("testdata/operations.json")
	require.NoError(t, err)
	var ops []tableFields
	require.NoError(t, json.Unmarshal(raw, &ops))
	for _, op := range ops {
		if op.HTTPMethod == method && op.Path == "/api/v3.1"+path {
			var names []string
			for _, b := range op.Body {
				names = append(names, b.Name)
			}
			return names
		}
	}
	t.Fatalf("%s %s is not in the table", method, path)
	return nil
}

func TestSessionUpdateParamsIsThePatchBody(t *testing.T) {
	// Every field set: the body carries exactly the PATCH fields.
	full := composio.SessionUpdateParams{
		Toolkits:          &composio.SessionToolkitFilter{Enable: []string{"github"}},
		AuthConfigs:       map[string]string{"github": "ac_1"},
		ConnectedAccounts: map[string][]string{"github": {"ca_1"}},
		ManageConnections: &composio.SessionManageConnections{Enable: composio.Ptr(true)},
		Tools:             map[string]composio.SessionToolFilter{"github": {Enable: []string{"GITHUB_X"}}},
		Tags:              &composio.SessionTagFilter{Enable: []composio.ToolHint{composio.ToolHintReadOnly}},
		Workbench:         &composio.SessionWorkbench{Enable: composio.Ptr(true)},
		MultiAccount:      &composio.SessionMultiAccount{Enable: composio.Ptr(true)},
		Preload:           &composio.SessionPreload{All: true},
		Search:            &composio.SessionSwitch{Enable: composio.Ptr(true)},
		Execute:           &composio.SessionExecuteConfig{EnableMultiExecute: composio.Ptr(true)},
		Experimental: &composio.SessionUpdateExperimental{
			Permissions:      &composio.SessionPermissions{Default: composio.PermissionAllowAll},
			LinkURLOverwrite: "https://connect.example.com",
		},
	}
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
		_, err := c.ToolRouter.Update(ctx, "trs_1", full)
		return err
	})), &fields))
	var names []string
	for name := range fields {
		names = append(names, name)
	}
	assert.ElementsMatch(t, tableBody(t, "PATCH", "/tool_router/session/{session_id}"), names)

	// The update's experimental block has only what PATCH accepts.
	var exp []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[composio.SessionUpdateExperimental]()) {
		exp = append(exp, strings.Split(f.Tag.Get("json"), ",")[0])
	}
	assert.Equal(t, []string{"permissions", "link_url_overwrite"}, exp)
	assert.Equal(t, `{"experimental":{"permissions":{"default":"allow_all"},"link_url_overwrite":"https://connect.example.com"}}`,
		sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{Experimental: full.Experimental})
			return err
		}))
}

func TestSessionManageConnectionsSendsNull(t *testing.T) {
	update := func(mc *composio.SessionManageConnections) func(ctx context.Context, c *composio.Client) error {
		return func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{ManageConnections: mc})
			return err
		}
	}
	assert.Equal(t, `{"manage_connections":{"callback_url":"https://app.example.com/cb","enable_connection_removal":null,"enable_wait_for_connections":null}}`,
		sentBody(t, "{}", update(&composio.SessionManageConnections{
			CallbackURL: "https://app.example.com/cb",
			Reset: []composio.ManageConnectionsSetting{
				composio.ManageConnectionsSettingEnableWaitForConnections, composio.ManageConnectionsSettingEnableConnectionRemoval},
		})))
	assert.Equal(t, `{"manage_connections":{"enable":null}}`,
		sentBody(t, "{}", update(&composio.SessionManageConnections{Reset: []composio.ManageConnectionsSetting{composio.ManageConnectionsSettingEnable}})))
	assert.Equal(t, `{"manage_connections":{"enable":false}}`,
		sentBody(t, "{}", update(&composio.SessionManageConnections{Enable: composio.Ptr(false)})), "false is not null")

	// On create too: the API takes null there as well.
	assert.Equal(t, `{"manage_connections":{"enable_wait_for_connections":null},"user_id":"u"}`,
		sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
				ManageConnections: &composio.SessionManageConnections{Reset: []composio.ManageConnectionsSetting{composio.ManageConnectionsSettingEnableWaitForConnections}},
			}})
			return err
		}))

	w := newWire(t, 200, "{}")
	c := w.client()
	_, err := c.ToolRouter.Update(context.Background(), "trs_1", composio.SessionUpdateParams{ManageConnections: &composio.SessionManageConnections{
		Enable: composio.Ptr(true), Reset: []composio.ManageConnectionsSetting{composio.ManageConnectionsSettingEnable}}})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "manage_connections.enable: set and reset at once")
	_, err = c.ToolRouter.Update(context.Background(), "trs_1", composio.SessionUpdateParams{ManageConnections: &composio.SessionManageConnections{
		Reset: []composio.ManageConnectionsSetting{"callback_url"}}})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), `manage_connections.reset: "callback_url" cannot be reset`)
	assert.Empty(t, w.requests())
}

func TestZeroIsSentWhereItIsAValue(t *testing.T) {
	assert.Equal(t, `{"workbench":{"auto_offload_threshold":0},"multi_account":{"max_accounts_per_toolkit":0}}`,
		sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{
				Workbench:    &composio.SessionWorkbench{AutoOffloadThreshold: composio.Ptr(0)},
				MultiAccount: &composio.SessionMultiAccount{MaxAccountsPerToolkit: composio.Ptr(0)},
			})
			return err
		}))
	assert.Equal(t, `{"workbench":{"enable":true},"multi_account":{"enable":true}}`,
		sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{
				Workbench:    &composio.SessionWorkbench{Enable: composio.Ptr(true)},
				MultiAccount: &composio.SessionMultiAccount{Enable: composio.Ptr(true)},
			})
			return err
		}), "nil is not sent")
	assert.Equal(t, `{"name":"p","config":{"is_2FA_enabled":false,"mask_secret_keys_in_connected_account":false,"log_visibility_setting":"show_all","signed_url_file_expiry_in_seconds":0}}`,
		sentBody(t, `{"id":"pr_1"}`, func(ctx context.Context, c *composio.Client) error {
			_, err := c.Projects.Create(ctx, composio.ProjectCreateParams{Name: "p", Config: &composio.ProjectConfig{
				LogVisibilitySetting: composio.LogVisibilityShowAll, SignedURLFileExpiryInSeconds: composio.Ptr(0)}})
			return err
		}))
}

func TestCustomToolsNeverSendOriginalSlug(t *testing.T) {
	tool := composio.SessionCustomTool{Slug: "FIND", Name: "Find", Description: "Find a customer",
		InputSchema: map[string]any{"type": "object"}, OriginalSlug: "FIND"}
	assert.Equal(t, `{"experimental":{"custom_toolkits":[{"slug":"crm","name":"CRM","description":"Our CRM","tools":[{"slug":"FIND","name":"Find","description":"Find a customer","input_schema":{"type":"object"}}]}],"custom_tools":[{"slug":"FIND","name":"Find","description":"Find a customer","input_schema":{"type":"object"}}]}}`,
		sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Attach(ctx, "trs_1", composio.SessionAttachParams{Experimental: &composio.SessionInline{
				CustomToolkits: []composio.SessionCustomToolkit{{Slug: "crm", Name: "CRM", Description: "Our CRM", Tools: []composio.SessionCustomTool{tool}}},
				CustomTools:    []composio.SessionCustomTool{tool},
			}})
			return err
		}))
	assert.NotContains(t, sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
		_, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
			Experimental: &composio.SessionExperimental{CustomTools: []composio.SessionCustomTool{tool}}}})
		return err
	}), "original_slug")

	// Answers still report it.
	var got composio.SessionCustomTool
	require.NoError(t, json.Unmarshal([]byte(`{"slug":"LOCAL_FIND","original_slug":"FIND"}`), &got))
	assert.Equal(t, "FIND", got.OriginalSlug)
}

func TestAuthConfigCreateRefusesToolsAvailableForExecution(t *testing.T) {
	w := newWire(t, 201, "{}")
	for name, spec := range map[string]composio.AuthConfigSpec{
		"managed": {ComposioManaged: &composio.ComposioManagedAuthConfig{ToolAccessConfig: &composio.ToolAccessConfig{ToolsAvailableForExecution: []string{"A"}}}},
		"custom": {Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeAPIKey,
			ToolAccessConfig: &composio.ToolAccessConfig{ToolsAvailableForExecution: []string{"A"}}}},
	} {
		_, err := w.client().AuthConfigs.Create(context.Background(), composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: spec})
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.Contains(t, err.Error(), "auth_config.tool_access_config.tools_available_for_execution: can only be set by Update", name)
	}
	assert.Empty(t, w.requests())

	assert.Equal(t, `{"toolkit":{"slug":"github"},"auth_config":{"type":"use_composio_managed_auth","tool_access_config":{"tools_for_connected_account_creation":["GITHUB_X"]}}}`,
		sentBody(t, "{}", func(ctx context.Context, c *composio.Client) error {
			_, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{
				ComposioManaged: &composio.ComposioManagedAuthConfig{ToolAccessConfig: &composio.ToolAccessConfig{ToolsForConnectedAccountCreation: []string{"GITHUB_X"}}}}})
			return err
		}))
}

func TestProxyEnumsAreTyped(t *testing.T) {
	assert.Equal(t, reflect.TypeFor[composio.ProxyMethod](), reflect.TypeFor[composio.SessionProxyParams]().Field(fieldIndex(t, reflect.TypeFor[composio.SessionProxyParams](), "Method")).Type)
	assert.Equal(t, reflect.TypeFor[composio.ParameterIn](), reflect.TypeFor[composio.SessionProxyParameter]().Field(fieldIndex(t, reflect.TypeFor[composio.SessionProxyParameter](), "Type")).Type)
	assert.Equal(t, reflect.TypeFor[composio.AuthScheme](), reflect.TypeFor[composio.CustomConnectionData]().Field(fieldIndex(t, reflect.TypeFor[composio.CustomConnectionData](), "AuthScheme")).Type)

	assert.Equal(t, `{"toolkit_slug":"github","endpoint":"/user","method":"GET","parameters":[{"name":"X-Trace","value":"1","type":"header"}]}`,
		sentBody(t, `{"status":200}`, func(ctx context.Context, c *composio.Client) error {
			_, err := c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/user",
				Method: composio.ProxyGet, Parameters: []composio.SessionProxyParameter{{Name: "X-Trace", Value: "1", Type: composio.ParameterInHeader}}})
			return err
		}))
	assert.Equal(t, `{"endpoint":"/user","method":"GET","custom_connection_data":{"authScheme":"BEARER_TOKEN","toolkitSlug":"github","val":{"token":"t"}}}`,
		sentBody(t, `{"status":200}`, func(ctx context.Context, c *composio.Client) error {
			_, err := c.Tools.Proxy(ctx, composio.ToolProxyParams{Endpoint: "/user", Method: composio.ProxyGet,
				CustomConnectionData: &composio.CustomConnectionData{AuthScheme: composio.AuthSchemeBearerToken, ToolkitSlug: "github", Val: map[string]any{"token": "t"}}})
			return err
		}))

	w := newWire(t, 200, "{}")
	_, err := w.client().ToolRouter.Proxy(context.Background(), "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/user", Method: "TRACE"})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

func fieldIndex(t *testing.T, typ reflect.Type, name string) int {
	t.Helper()
	f, ok := typ.FieldByName(name)
	require.True(t, ok, "%s has no field %s", typ, name)
	return f.Index[0]
}

func TestTriggersListActiveFiltersByUUID(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	_, err := w.client().Triggers.ListActive(context.Background(), composio.TriggerListActiveParams{
		DeprecatedConnectedAccountUUIDs: []string{"6f0e8d2c-0000-4c3d-8e7f-a1b2c3d4e5f6", "7a"},
		DeprecatedAuthConfigUUIDs:       []string{"9b1a"},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"deprecatedConnectedAccountUuids[]": {"6f0e8d2c-0000-4c3d-8e7f-a1b2c3d4e5f6", "7a"},
		"deprecatedAuthConfigUuids[]":       {"9b1a"},
	}, w.last().Query)
	assert.True(t, slices.ContainsFunc(strings.Split(w.last().RawQuery, "&"), func(p string) bool {
		return p == "deprecatedAuthConfigUuids%5B%5D=9b1a"
	}), w.last().RawQuery)
}
