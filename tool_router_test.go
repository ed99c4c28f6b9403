package composio_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolRouterWire(t *testing.T) {
	const base = "/tool_router/session/trs_1"
	runWireCases(t, []wireCase{
		{
			name: "Create", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{
					UserID: "user_123",
					SessionConfigParams: composio.SessionConfigParams{
						Toolkits:          &composio.SessionToolkitFilter{Enable: []string{"github", "gmail"}},
						AuthConfigs:       map[string]string{"github": "ac_1"},
						ConnectedAccounts: map[string][]string{"github": {"ca_1"}},
						ManageConnections: &composio.SessionManageConnections{Enable: composio.Ptr(false), CallbackURL: "https://app.example.com/cb"},
						Tools: map[string]composio.SessionToolFilter{
							"github": {Enable: []string{"GITHUB_CREATE_AN_ISSUE"}},
							"gmail":  {Tags: &composio.SessionTagFilter{Enable: []composio.ToolHint{composio.ToolHintReadOnly}}},
						},
						Tags:         &composio.SessionTagFilter{Disable: []composio.ToolHint{composio.ToolHintDestructive}},
						Workbench:    &composio.SessionWorkbench{Enable: composio.Ptr(true), AutoOffloadThreshold: composio.Ptr(5000), SandboxSize: composio.SandboxLarge},
						MultiAccount: &composio.SessionMultiAccount{Enable: composio.Ptr(true), MaxAccountsPerToolkit: composio.Ptr(3)},
						Preload:      &composio.SessionPreload{Tools: []string{"GITHUB_CREATE_AN_ISSUE"}},
						Search:       &composio.SessionSwitch{Enable: composio.Ptr(false)},
						Execute:      &composio.SessionExecuteConfig{EnableMultiExecute: composio.Ptr(true)},
						Experimental: &composio.SessionExperimental{
							AssistivePromptConfig: &composio.AssistivePromptConfig{UserTimezone: "Europe/London"},
							CustomTools: []composio.SessionCustomTool{{Slug: "GET_WEATHER", Name: "Weather", Description: "Weather for a city",
								InputSchema: map[string]any{"type": "object", "properties": map[string]any{}}}},
							Permissions: &composio.SessionPermissions{Default: composio.PermissionAskOncePerSession,
								Overrides: map[string]composio.PermissionOverride{"GITHUB_CREATE_AN_ISSUE:ca_1": composio.PermissionAlwaysAllow}},
						},
					},
				})
				return err
			},
			method: "POST", path: "/tool_router/session",
			body: `{"user_id":"user_123","toolkits":{"enable":["github","gmail"]},"auth_configs":{"github":"ac_1"},
				"connected_accounts":{"github":["ca_1"]},
				"manage_connections":{"enable":false,"callback_url":"https://app.example.com/cb"},
				"tools":{"github":{"enable":["GITHUB_CREATE_AN_ISSUE"]},"gmail":{"tags":{"enable":["readOnlyHint"]}}},
				"tags":{"disable":["destructiveHint"]},
				"workbench":{"enable":true,"auto_offload_threshold":5000,"sandbox_size":"large"},
				"multi_account":{"enable":true,"max_accounts_per_toolkit":3},
				"preload":{"tools":["GITHUB_CREATE_AN_ISSUE"]},"search":{"enable":false},"execute":{"enable_multi_execute":true},
				"experimental":{"assistive_prompt_config":{"user_timezone":"Europe/London"},
					"custom_tools":[{"slug":"GET_WEATHER","name":"Weather","description":"Weather for a city","input_schema":{"type":"object","properties":{}}}],
					"permissions":{"default":"ask_once_per_session","overrides":{"GITHUB_CREATE_AN_ISSUE:ca_1":"always_allow"}}}}`,
		},
		{
			name: "Create minimal", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u"})
				return err
			},
			method: "POST", path: "/tool_router/session", body: `{"user_id":"u"}`,
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Get(ctx, "trs_1")
				return err
			},
			method: "GET", path: base,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{
					Toolkits: &composio.SessionToolkitFilter{Disable: []string{"slack"}},
					Preload:  &composio.SessionPreload{All: true},
				})
				return err
			},
			method: "PATCH", path: base, body: `{"toolkits":{"disable":["slack"]},"preload":{"tools":"all"}}`,
		},
		{
			name: "Update experimental",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{Experimental: &composio.SessionUpdateExperimental{
					Permissions:      &composio.SessionPermissions{Default: composio.PermissionAllowAll},
					LinkURLOverwrite: "https://connect.example.com",
				}})
				return err
			},
			method: "PATCH", path: base, body: `{"experimental":{"permissions":{"default":"allow_all"},"link_url_overwrite":"https://connect.example.com"}}`,
		},
		{
			name: "Update resets settings",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{
					Search: &composio.SessionSwitch{Enable: composio.Ptr(true)},
					Reset:  []composio.SessionSetting{composio.SessionSettingConnectedAccounts, composio.SessionSettingWorkbench},
				})
				return err
			},
			method: "PATCH", path: base, body: `{"search":{"enable":true},"connected_accounts":null,"workbench":null}`,
		},
		{
			name: "Delete", answer: `{"session_id":"trs_1","deleted":true}`,
			call: func(ctx context.Context, c *composio.Client) error {
				d, err := c.ToolRouter.Delete(ctx, "trs_1")
				if err == nil && (!d.Deleted || d.SessionID != "trs_1") {
					err = errors.New("deletion not decoded")
				}
				return err
			},
			method: "DELETE", path: base,
		},
		{
			name: "Attach",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Attach(ctx, "trs_1", composio.SessionAttachParams{Experimental: &composio.SessionInline{
					CustomToolkits: []composio.SessionCustomToolkit{{Slug: "crm", Name: "CRM", Description: "Our CRM", Tools: []composio.SessionCustomTool{
						{Slug: "FIND", Name: "Find", Description: "Find a customer", InputSchema: map[string]any{"type": "object", "properties": map[string]any{}}}}}},
				}})
				return err
			},
			method: "POST", path: base + "/attach",
			body: `{"experimental":{"custom_toolkits":[{"slug":"crm","name":"CRM","description":"Our CRM","tools":[{"slug":"FIND","name":"Find","description":"Find a customer","input_schema":{"type":"object","properties":{}}}]}]}}`,
		},
		{
			name: "Attach empty",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Attach(ctx, "trs_1", composio.SessionAttachParams{})
				return err
			},
			method: "POST", path: base + "/attach", body: `{}`,
		},
		{
			name: "ListConfigHistory",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.ListConfigHistory(ctx, "trs_1", composio.SessionConfigHistoryParams{Limit: 10, Cursor: "abc"})
				return err
			},
			method: "GET", path: base + "/config_history", query: url.Values{"limit": {"10"}, "cursor": {"abc"}},
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Search(ctx, "trs_1", composio.SessionSearchParams{
					Queries: []composio.SearchQuery{{UseCase: "send an email", KnownFields: "to:a@b.c"}, {UseCase: "star a repo"}}, Model: "gpt-4o"})
				return err
			},
			method: "POST", path: base + "/search",
			body: `{"queries":[{"use_case":"send an email","known_fields":"to:a@b.c"},{"use_case":"star a repo"}],"model":"gpt-4o"}`,
		},
		{
			name: "ListTools",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.ListTools(ctx, "trs_1", composio.SessionToolListParams{Limit: 100, Cursor: "c1"})
				return err
			},
			method: "GET", path: base + "/tools", query: url.Values{"limit": {"100"}, "cursor": {"c1"}},
		},
		{
			name: "Execute", answer: `{"data":{"echo":{"message":"hi"}},"error":null,"log_id":"log_1"}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Execute(ctx, "trs_1", composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO",
					Arguments: map[string]any{"message": "hi"}, Account: "work", EnableAutoWorkbenchOffload: true})
				return err
			},
			method: "POST", path: base + "/execute",
			body: `{"tool_slug":"COMPOSIO_ECHO","arguments":{"message":"hi"},"account":"work","enable_auto_workbench_offload":true}`,
		},
		{
			name: "ExecuteMeta",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.ExecuteMeta(ctx, "trs_1", composio.SessionExecuteMetaParams{Slug: composio.MetaToolSearchTools,
					Arguments: map[string]any{"queries": []any{map[string]any{"use_case": "echo"}}}})
				return err
			},
			method: "POST", path: base + "/execute_meta",
			body: `{"slug":"COMPOSIO_SEARCH_TOOLS","arguments":{"queries":[{"use_case":"echo"}]}}`,
		},
		{
			name: "ListToolkits",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.ListToolkits(ctx, "trs_1", composio.SessionToolkitListParams{Limit: 5, Cursor: "c",
					Toolkits: []string{"github", "gmail"}, IsConnected: composio.Ptr(false), Search: "git"})
				return err
			},
			method: "GET", path: base + "/toolkits",
			query: url.Values{"limit": {"5"}, "cursor": {"c"}, "toolkits[]": {"github", "gmail"}, "is_connected": {"false"}, "search": {"git"}},
		},
		{
			name: "Link", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Link(ctx, "trs_1", composio.SessionLinkParams{Toolkit: "github", Alias: "work", CallbackURL: "https://app.example.com/cb",
					Experimental: &composio.SessionLinkExperimental{AccountType: composio.SessionAccountShared, ACLConfigForShared: &composio.SessionSharedACL{AllowedUserIDs: []string{"u2"}}}})
				return err
			},
			method: "POST", path: base + "/link",
			body: `{"toolkit":"github","alias":"work","callback_url":"https://app.example.com/cb","experimental":{"account_type":"SHARED","acl_config_for_shared":{"allowed_user_ids":["u2"]}}}`,
		},
		{
			name: "ProxyExecute", answer: `{"status":200,"data":{"login":"octocat"}}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/user", Method: "POST",
					Body: map[string]any{"a": 1}, Parameters: []composio.SessionProxyParameter{{Name: "X-Trace", Value: "1", Type: "header"}},
					BinaryBody: &composio.SessionProxyBinaryBody{Base64: "aGk=", ContentType: "text/plain"}})
				return err
			},
			method: "POST", path: base + "/proxy_execute",
			body: `{"toolkit_slug":"github","endpoint":"/user","method":"POST","body":{"a":1},"binary_body":{"base64":"aGk=","content_type":"text/plain"},"parameters":[{"name":"X-Trace","value":"1","type":"header"}]}`,
		},
		{
			name: "ListFiles", answer: `{"items":[]}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.ListFiles(ctx, "trs_1", composio.DefaultMountID, composio.SessionFileListParams{Cursor: "c", Limit: 2, MountRelativePrefix: "data/"})
				return err
			},
			method: "GET", path: base + "/mounts/files/items", query: url.Values{"cursor": {"c"}, "limit": {"2"}, "mount_relative_prefix": {"data/"}},
		},
		{
			name: "CreateFileUploadURL", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.CreateFileUploadURL(ctx, "trs_1", "files", composio.SessionFileUploadParams{MountRelativePath: "data/out.csv", Mimetype: "text/csv"})
				return err
			},
			method: "POST", path: base + "/mounts/files/upload_url", body: `{"mount_relative_path":"data/out.csv","mimetype":"text/csv"}`,
		},
		{
			name: "CreateFileDownloadURL", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.CreateFileDownloadURL(ctx, "trs_1", "my mount", composio.SessionFileParams{MountRelativePath: "report.pdf"})
				return err
			},
			method: "POST", path: base + "/mounts/my%20mount/download_url", body: `{"mount_relative_path":"report.pdf"}`,
		},
		{
			name: "DeleteFile",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.ToolRouter.DeleteFile(ctx, "trs_1", "files", composio.SessionFileParams{MountRelativePath: "report.pdf"})
				return err
			},
			method: "POST", path: base + "/mounts/files/delete", body: `{"mount_relative_path":"report.pdf"}`,
		},
	})
}

// ProxyExecute is the one operation that also takes a user key.
func TestToolRouterProxyExecuteWithUserKey(t *testing.T) {
	w := newWire(t, 200, `{"status":204}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	resp, err := c.ToolRouter.Proxy(context.Background(), "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/user", Method: "GET"})
	require.NoError(t, err)
	assert.Equal(t, 204, resp.Status)
	assert.Equal(t, "X-User-Api-Key", w.last().credential(t))

	// Every other session operation needs the project key.
	_, err = c.ToolRouter.Get(context.Background(), "trs_1")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 1)
}

func TestToolRouterDecodeSession(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "tool_router/session.json"))
	s, err := w.client().ToolRouter.Get(context.Background(), "trs_4fB8kQ2mZx7p")
	require.NoError(t, err)
	assert.Equal(t, "trs_4fB8kQ2mZx7p", s.ID)
	assert.Equal(t, "http", s.MCP.Type)
	assert.Contains(t, s.ToolRouterTools, "COMPOSIO_SEARCH_TOOLS")
	assert.Equal(t, 4, s.ConfigVersion)
	cfg := s.Config
	assert.Equal(t, "user_123", cfg.UserID)
	require.NotNil(t, cfg.Toolkits)
	assert.Equal(t, []string{"github", "gmail"}, cfg.Toolkits.Enabled)
	assert.Equal(t, "ac_gh_1", cfg.AuthConfigs["github"])
	require.NotNil(t, cfg.ManageConnections)
	assert.True(t, *cfg.ManageConnections.Enabled)
	assert.False(t, *cfg.ManageConnections.EnableConnectionRemoval)
	assert.Nil(t, cfg.ManageConnections.EnableWaitForConnections)
	assert.Equal(t, []string{"GITHUB_CREATE_AN_ISSUE"}, cfg.Tools["github"].Enabled)
	assert.Equal(t, []composio.ToolHint{composio.ToolHintReadOnly}, cfg.Tools["gmail"].Tags.Enabled)
	assert.Equal(t, []composio.ToolHint{composio.ToolHintDestructive}, cfg.Tags.Disabled)
	assert.Equal(t, composio.SandboxMedium, cfg.Workbench.SandboxSize)
	assert.Equal(t, 20000, cfg.Workbench.AutoOffloadThreshold)
	assert.False(t, *cfg.Workbench.ProxyExecutionEnabled)
	assert.Equal(t, composio.Ptr(3), cfg.MultiAccount.MaxAccountsPerToolkit)
	assert.True(t, cfg.Preload.All)
	assert.Nil(t, cfg.Preload.Tools)
	assert.Equal(t, []string{"ca_gh_1"}, cfg.ConnectedAccounts["github"])
	assert.True(t, *cfg.Search.Enable)
	assert.True(t, *cfg.Execute.EnableMultiExecute)
	require.NotNil(t, s.Experimental)
	assert.NotEmpty(t, s.Experimental.AssistivePrompt)
	require.Len(t, s.Experimental.CustomTools, 1)
	assert.Equal(t, "GET_WEATHER", s.Experimental.CustomTools[0].OriginalSlug)
	require.Len(t, s.Warnings, 1)
	assert.Equal(t, "PRELOAD_TOOLS_HIGH_CONTEXT_USAGE", s.Warnings[0].Code)
}

func TestToolRouterDecodeSearch(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "tool_router/search.json"))
	res, err := w.client().ToolRouter.Search(context.Background(), "trs_1", composio.SessionSearchParams{Queries: []composio.SearchQuery{{UseCase: "x"}}})
	require.NoError(t, err)
	assert.False(t, res.Success)
	assert.Contains(t, res.Error, "1 out of 2")
	require.Len(t, res.Results, 2)
	r0 := res.Results[0]
	assert.Equal(t, 1, r0.Index)
	assert.Equal(t, []string{"GITHUB_CREATE_AN_ISSUE"}, r0.PrimaryToolSlugs)
	assert.Equal(t, "print(result['data'])", r0.ReferenceWorkbenchSnippets[0].Code)
	assert.Equal(t, []string{"Default repo is acme/api"}, r0.Memory["github"])
	assert.Empty(t, r0.Error)
	assert.Equal(t, "timeout", res.Results[1].Error)
	st := res.ToolkitConnectionStatuses[0]
	assert.True(t, st.HasActiveConnection)
	assert.Equal(t, composio.SessionAccountPrivate, st.AccountType)
	assert.Equal(t, "octocat", st.CurrentUserInfo["login"])
	require.Len(t, st.Accounts, 1)
	assert.True(t, st.Accounts[0].IsDefault)
	assert.Equal(t, "required", st.AccountSelection)
	assert.True(t, res.ToolSchemas["GITHUB_CREATE_AN_ISSUE"].HasFullSchema)
	ref := res.ToolSchemas["GITHUB_LIST_REPOSITORY_ISSUES"].SchemaRef
	require.NotNil(t, ref)
	assert.Equal(t, []string{"GITHUB_LIST_REPOSITORY_ISSUES"}, ref.Args.ToolSlugs)
	assert.Equal(t, int64(1757332800), res.TimeInfo.CurrentTimeUTCEpochSeconds)
	assert.Equal(t, "2025-09-08T12:00:00.000Z", res.TimeInfo.CurrentTimeUTC)
	assert.Equal(t, "trs_4fB8kQ2mZx7p", res.Session.ID)
	assert.Len(t, res.NextStepsGuidance, 1)
}

func TestToolRouterDecodeLists(t *testing.T) {
	ctx := context.Background()
	w := newWire(t, 200, readTestdata(t, "tool_router/tools_page.json"))
	tools, err := w.client().ToolRouter.ListTools(ctx, "trs_1", composio.SessionToolListParams{})
	require.NoError(t, err)
	require.Len(t, tools.Items, 1)
	tool := tools.Items[0]
	assert.Equal(t, "GitHub", tool.Toolkit.Name)
	var schema struct {
		Required []string `json:"required"`
	}
	require.NoError(t, json.Unmarshal(tool.InputParameters, &schema))
	assert.Equal(t, []string{"title"}, schema.Required)
	require.NotNil(t, tool.ScopeRequirements)
	assert.Equal(t, []composio.ScopeRequirement{{Scope: "repo"}, {AnyOf: []string{"public_repo", "repo"}}}, tool.ScopeRequirements.AllOf)
	assert.Equal(t, "20250906_01", tool.Deprecated.Version)
	assert.True(t, tools.HasMore())

	w = newWire(t, 200, readTestdata(t, "tool_router/toolkits_page.json"))
	kits, err := w.client().ToolRouter.ListToolkits(ctx, "trs_1", composio.SessionToolkitListParams{})
	require.NoError(t, err)
	require.Len(t, kits.Items, 2)
	require.NotNil(t, kits.Items[0].ConnectedAccount)
	assert.Equal(t, "OAUTH2", kits.Items[0].ConnectedAccount.AuthConfig.AuthScheme)
	assert.Nil(t, kits.Items[1].ConnectedAccount)
	assert.True(t, kits.Items[1].IsNoAuth)
	assert.False(t, kits.HasMore())

	w = newWire(t, 200, readTestdata(t, "tool_router/config_history.json"))
	hist, err := w.client().ToolRouter.ListConfigHistory(ctx, "trs_1", composio.SessionConfigHistoryParams{})
	require.NoError(t, err)
	require.Len(t, hist.Items, 2)
	assert.True(t, hist.Items[0].IsCurrent)
	assert.Equal(t, []string{"slack"}, hist.Items[0].Config.Toolkits.Disabled)
	assert.Equal(t, []string{"GITHUB_CREATE_AN_ISSUE"}, hist.Items[0].Config.Preload.Tools)
	assert.False(t, *hist.Items[0].Config.Search.Enable)
	assert.Equal(t, []string{}, hist.Items[1].Config.Preload.Tools)
	assert.Equal(t, 3, hist.TotalItems)
}

func TestToolRouterExecution(t *testing.T) {
	ctx := context.Background()
	w := newWire(t, 200, `{"data":{"echo":{"message":"hi"}},"error":null,"log_id":"log_1"}`)
	exec, err := w.client().ToolRouter.Execute(ctx, "trs_1", composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO"})
	require.NoError(t, err)
	require.NoError(t, exec.Err())
	var out struct {
		Echo struct{ Message string } `json:"echo"`
	}
	require.NoError(t, exec.Decode(&out))
	assert.Equal(t, "hi", out.Echo.Message)

	w = newWire(t, 200, `{"data":{},"error":"Rate limited by GitHub","log_id":"log_2"}`)
	exec, err = w.client().ToolRouter.Execute(ctx, "trs_1", composio.SessionExecuteParams{ToolSlug: "GITHUB_STAR"})
	require.NoError(t, err, "a tool failure is not a transport error")
	var toolErr *composio.ToolError
	require.ErrorAs(t, exec.Err(), &toolErr)
	assert.ErrorIs(t, exec.Err(), composio.ErrToolFailed)
	assert.Equal(t, "log_2", toolErr.LogID)
	assert.Equal(t, "GITHUB_STAR", toolErr.Tool)
	assert.Equal(t, "composio: tool GITHUB_STAR failed: Rate limited by GitHub (log_id log_2)", toolErr.Error())
	assert.JSONEq(t, `{}`, string(toolErr.Data))

	empty := composio.SessionExecution{LogID: "log_3"}
	assert.Error(t, empty.Decode(&out))

	w = newWire(t, 200, `{"status":201,"data":{"id":7},"headers":{"content-type":"application/json"},"binary_data":{"url":"https://s3/x","content_type":"image/png","size":12,"expires_at":"2025-09-08T13:00:00Z"}}`)
	proxy, err := w.client().ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x", Method: "GET"})
	require.NoError(t, err)
	var body struct{ ID int }
	require.NoError(t, proxy.Decode(&body))
	assert.Equal(t, 7, body.ID)
	assert.Equal(t, int64(12), proxy.BinaryData.Size)
	assert.Equal(t, "application/json", proxy.Headers["content-type"])
}

func TestSessionPreloadJSON(t *testing.T) {
	for _, tc := range []struct {
		in   composio.SessionPreload
		want string
	}{
		{composio.SessionPreload{Tools: []string{"A"}}, `{"tools":["A"]}`},
		{composio.SessionPreload{Tools: []string{}}, `{"tools":[]}`},
		{composio.SessionPreload{}, `{}`},
		{composio.SessionPreload{All: true}, `{"tools":"all"}`},
	} {
		b, err := json.Marshal(tc.in)
		require.NoError(t, err)
		assert.JSONEq(t, tc.want, string(b))
		var back composio.SessionPreload
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, tc.in.All, back.All)
		assert.Equal(t, len(tc.in.Tools), len(back.Tools))
	}
	_, err := json.Marshal(composio.SessionPreload{All: true, Tools: []string{"A"}})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestToolRouterErrors(t *testing.T) {
	w := newWire(t, 404, `{"error":{"message":"Tool router session trs_x not found","code":4301,"status":404,"request_id":"req_9"}}`)
	_, err := w.client().ToolRouter.Execute(context.Background(), "trs_x", composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO"})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "req_9", apiErr.RequestID)
	assert.Equal(t, 4301, apiErr.Code)
	assert.ErrorIs(t, err, composio.ErrNotFound)

	w = newWire(t, 400, `{"error":{"message":"limit must be at most 100","status":400}}`)
	_, err = composio.Collect(w.client().ToolRouter.ListConfigHistoryAll(context.Background(), "trs_1", composio.SessionConfigHistoryParams{Limit: 500}))
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}

func TestToolRouterValidation(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c, ctx := w.client(), context.Background()
	checks := map[string]error{}
	_, checks["create user"] = c.ToolRouter.Create(ctx, composio.SessionCreateParams{})
	_, checks["create toolkits both"] = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
		Toolkits: &composio.SessionToolkitFilter{Enable: []string{"a"}, Disable: []string{"b"}}}})
	_, checks["create toolkits none"] = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
		Toolkits: &composio.SessionToolkitFilter{}}})
	_, checks["update tools"] = c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{Tools: map[string]composio.SessionToolFilter{"github": {}}})
	_, checks["create reset"] = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
		Reset: []composio.SessionSetting{composio.SessionSettingWorkbench}}})
	_, checks["reset and set"] = c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{Workbench: &composio.SessionWorkbench{},
		Reset: []composio.SessionSetting{composio.SessionSettingWorkbench}})
	_, checks["reset unknown"] = c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{Reset: []composio.SessionSetting{"toolkits"}})
	_, checks["get id"] = c.ToolRouter.Get(ctx, "")
	_, checks["delete id"] = c.ToolRouter.Delete(ctx, "..")
	_, checks["attach id"] = c.ToolRouter.Attach(ctx, "", composio.SessionAttachParams{})
	_, checks["history id"] = c.ToolRouter.ListConfigHistory(ctx, "", composio.SessionConfigHistoryParams{})
	_, checks["search queries"] = c.ToolRouter.Search(ctx, "trs_1", composio.SessionSearchParams{})
	_, checks["search use case"] = c.ToolRouter.Search(ctx, "trs_1", composio.SessionSearchParams{Queries: []composio.SearchQuery{{}}})
	_, checks["tools id"] = c.ToolRouter.ListTools(ctx, "", composio.SessionToolListParams{})
	_, checks["execute slug"] = c.ToolRouter.Execute(ctx, "trs_1", composio.SessionExecuteParams{})
	_, checks["execute id"] = c.ToolRouter.Execute(ctx, "", composio.SessionExecuteParams{ToolSlug: "X"})
	_, checks["meta slug"] = c.ToolRouter.ExecuteMeta(ctx, "trs_1", composio.SessionExecuteMetaParams{})
	_, checks["toolkits id"] = c.ToolRouter.ListToolkits(ctx, " ", composio.SessionToolkitListParams{})
	_, checks["link toolkit"] = c.ToolRouter.Link(ctx, "trs_1", composio.SessionLinkParams{})
	_, checks["proxy toolkit"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{Endpoint: "/x", Method: "GET"})
	_, checks["proxy endpoint"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Method: "GET"})
	_, checks["proxy method"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x"})
	_, checks["proxy method enum"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x", Method: "get"})
	_, checks["proxy binary none"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x", Method: "POST",
		BinaryBody: &composio.SessionProxyBinaryBody{ContentType: "image/png"}})
	_, checks["proxy binary both"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x", Method: "POST",
		BinaryBody: &composio.SessionProxyBinaryBody{URL: "https://x", Base64: "AA=="}})
	_, checks["proxy parameter type"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x", Method: "GET",
		Parameters: []composio.SessionProxyParameter{{Name: "a", Value: "b", Type: "cookie"}}})
	_, checks["proxy parameter name"] = c.ToolRouter.Proxy(ctx, "trs_1", composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/x", Method: "GET",
		Parameters: []composio.SessionProxyParameter{{Value: "b", Type: "query"}}})
	_, checks["permissions default"] = c.ToolRouter.Update(ctx, "trs_1", composio.SessionUpdateParams{Experimental: &composio.SessionUpdateExperimental{
		Permissions: &composio.SessionPermissions{Overrides: map[string]composio.PermissionOverride{"*:ca_1": composio.PermissionAlwaysAllow}}}})
	_, checks["custom tool schema"] = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
		Experimental: &composio.SessionExperimental{CustomTools: []composio.SessionCustomTool{{Slug: "T", Name: "T", Description: "d"}}}}})
	_, checks["custom toolkit tools"] = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u", SessionConfigParams: composio.SessionConfigParams{
		Experimental: &composio.SessionExperimental{CustomToolkits: []composio.SessionCustomToolkit{{Slug: "K", Name: "K", Description: "d"}}}}})
	inline := &composio.SessionInline{CustomTools: []composio.SessionCustomTool{{Name: "T", Description: "d", InputSchema: map[string]any{"type": "object"}}}}
	_, checks["execute inline"] = c.ToolRouter.Execute(ctx, "trs_1", composio.SessionExecuteParams{ToolSlug: "X", Experimental: inline})
	_, checks["meta inline"] = c.ToolRouter.ExecuteMeta(ctx, "trs_1", composio.SessionExecuteMetaParams{Slug: composio.MetaToolSearchTools, Experimental: inline})
	_, checks["search inline"] = c.ToolRouter.Search(ctx, "trs_1", composio.SessionSearchParams{Queries: []composio.SearchQuery{{UseCase: "x"}}, Experimental: inline})
	_, checks["attach inline"] = c.ToolRouter.Attach(ctx, "trs_1", composio.SessionAttachParams{Experimental: inline})
	_, checks["files mount"] = c.ToolRouter.ListFiles(ctx, "trs_1", "", composio.SessionFileListParams{})
	_, checks["upload path"] = c.ToolRouter.CreateFileUploadURL(ctx, "trs_1", "files", composio.SessionFileUploadParams{})
	_, checks["download path"] = c.ToolRouter.CreateFileDownloadURL(ctx, "trs_1", "files", composio.SessionFileParams{})
	_, checks["delete path"] = c.ToolRouter.DeleteFile(ctx, "trs_1", "files", composio.SessionFileParams{})
	_, checks["delete mount"] = c.ToolRouter.DeleteFile(ctx, "trs_1", "", composio.SessionFileParams{MountRelativePath: "a"})
	for name, err := range checks {
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
	assert.Empty(t, w.requests(), "invalid calls must not reach the server")
}

// TestSharedACLOmitRules pins the one SharedACL's two wire forms: a
// connected account always sends allow_all_users (an update can turn it
// off), a session link leaves a false one out.
func TestSharedACLOmitRules(t *testing.T) {
	acl := &composio.SharedACL{NotAllowedUserIDs: []string{"u9"}}
	link, err := json.Marshal(composio.SessionLinkExperimental{ACLConfigForShared: acl})
	require.NoError(t, err)
	assert.JSONEq(t, `{"acl_config_for_shared":{"not_allowed_user_ids":["u9"]}}`, string(link))
	account, err := json.Marshal(acl)
	require.NoError(t, err)
	assert.JSONEq(t, `{"allow_all_users":false,"not_allowed_user_ids":["u9"]}`, string(account))

	all, err := json.Marshal(composio.SessionLinkExperimental{AccountType: composio.SessionAccountShared, ACLConfigForShared: &composio.SharedACL{AllowAllUsers: true}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"account_type":"SHARED","acl_config_for_shared":{"allow_all_users":true}}`, string(all))
	none, err := json.Marshal(composio.SessionLinkExperimental{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(none))
}
