package composio_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wireCase is one operation call and the exact request it must send.
type wireCase struct {
	name   string
	status int
	answer string
	call   func(ctx context.Context, c *composio.Client) error
	method string
	path   string     // escaped
	query  url.Values // nil: no query at all
	body   string     // "": no body
	cred   string     // credential header sent
}

// runWireCases checks every case against a scripted server.
func runWireCases(t *testing.T, cases []wireCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			answer := tc.answer
			if answer == "" {
				answer = "{}"
			}
			w := newWire(t, status, answer)
			require.NoError(t, tc.call(context.Background(), w.client()))
			req := w.last()
			assert.Equal(t, tc.method, req.Method)
			assert.Equal(t, "/api/v3.1"+tc.path, req.Path)
			if tc.query == nil {
				assert.Empty(t, req.RawQuery)
			} else {
				assert.Equal(t, tc.query, req.Query)
			}
			if tc.body == "" {
				assert.Empty(t, req.Body)
			} else {
				assert.JSONEq(t, tc.body, string(req.Body))
				assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			}
			cred := tc.cred
			if cred == "" {
				cred = "X-Api-Key"
			}
			assert.Equal(t, cred, req.credential(t))
		})
	}
}

func TestMCPWire(t *testing.T) {
	const sid = "550e8400-e29b-41d4-a716-446655440000"
	runWireCases(t, []wireCase{
		{
			name: "Create", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "Support Desk", AuthConfigIDs: []string{"ac_1"},
					NoAuthApps: []string{"hackernews"}, AllowedTools: []string{"GITHUB_CREATE_AN_ISSUE"}, ManagedAuthViaComposio: composio.Ptr(false)})
				return err
			},
			method: "POST", path: "/mcp/servers",
			body: `{"name":"Support Desk","auth_config_ids":["ac_1"],"no_auth_apps":["hackernews"],"allowed_tools":["GITHUB_CREATE_AN_ISSUE"],"managed_auth_via_composio":false}`,
		},
		{
			name: "Create sends empty auth_config_ids", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "Keyless", NoAuthApps: []string{"composio"}})
				return err
			},
			method: "POST", path: "/mcp/servers", body: `{"name":"Keyless","auth_config_ids":[],"no_auth_apps":["composio"]}`,
		},
		{
			name: "CreateCustom", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.CreateCustom(ctx, composio.MCPCustomServerCreateParams{Name: "Multi", Toolkits: []string{"github", "slack"},
					AllowedTools: []string{"SLACK_SEND_MESSAGE"}, CustomTools: []string{"X"}, AuthConfigIDs: []string{"ac_1"}, ManagedAuthViaComposio: composio.Ptr(true)})
				return err
			},
			method: "POST", path: "/mcp/servers/custom",
			body: `{"name":"Multi","auth_config_ids":["ac_1"],"toolkits":["github","slack"],"allowed_tools":["SLACK_SEND_MESSAGE"],"custom_tools":["X"],"managed_auth_via_composio":true}`,
		},
		{
			name: "GenerateURL",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.GenerateURL(ctx, composio.MCPGenerateURLParams{ServerID: sid, UserIDs: []string{"u1", "u2"}, ConnectedAccountIDs: []string{"ca_1"}, ManagedAuthByComposio: composio.Ptr(true)})
				return err
			},
			method: "POST", path: "/mcp/servers/generate",
			body: `{"mcp_server_id":"` + sid + `","managed_auth_by_composio":true,"user_ids":["u1","u2"],"connected_account_ids":["ca_1"]}`,
		},
		{
			name: "List", answer: `{"items":[],"total_pages":0,"current_page":1}`,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.List(ctx, composio.MCPServerListParams{Name: "desk", Toolkits: []string{"github", "slack"}, AuthConfigIDs: []string{"ac_1", "ac_2"},
					OrderBy: composio.MCPOrderByUpdatedAt, OrderDirection: composio.MCPOrderAsc, PageNo: 2, Limit: 5})
				return err
			},
			method: "GET", path: "/mcp/servers",
			// toolkits and auth_config_ids are comma-separated strings by type.
			query: url.Values{"name": {"desk"}, "toolkits": {"github,slack"}, "auth_config_ids": {"ac_1,ac_2"}, "order_by": {"updated_at"},
				"order_direction": {"asc"}, "page_no": {"2"}, "limit": {"5"}},
		},
		{
			name: "List without filters",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.List(ctx, composio.MCPServerListParams{})
				return err
			},
			method: "GET", path: "/mcp/servers",
		},
		{
			name: "ListForToolkit",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.ListForToolkit(ctx, "git hub", composio.MCPServerListParams{Limit: 3})
				return err
			},
			method: "GET", path: "/mcp/app/git%20hub", query: url.Values{"limit": {"3"}},
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.Get(ctx, sid)
				return err
			},
			method: "GET", path: "/mcp/" + sid,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.Update(ctx, sid, composio.MCPServerUpdateParams{Name: "Renamed", AllowedTools: []string{}, ManagedAuthViaComposio: composio.Ptr(false)})
				return err
			},
			method: "PATCH", path: "/mcp/" + sid, body: `{"name":"Renamed","allowed_tools":[],"managed_auth_via_composio":false}`,
		},
		{
			name: "Delete", answer: `{"id":"` + sid + `","deleted":true}`,
			call: func(ctx context.Context, c *composio.Client) error {
				d, err := c.MCP.Delete(ctx, sid)
				if err == nil && !d.Deleted {
					err = errors.New("deleted not decoded")
				}
				return err
			},
			method: "DELETE", path: "/mcp/" + sid,
		},
		{
			name: "CreateInstance", status: 201,
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.CreateInstance(ctx, sid, composio.MCPInstanceCreateParams{UserID: "user@example.com"})
				return err
			},
			method: "POST", path: "/mcp/servers/" + sid + "/instances", body: `{"user_id":"user@example.com"}`,
		},
		{
			name: "ListInstances",
			call: func(ctx context.Context, c *composio.Client) error {
				_, err := c.MCP.ListInstances(ctx, sid, composio.MCPInstanceListParams{PageNo: 1, Limit: 50, Search: "user", OrderBy: composio.MCPOrderByCreatedAt, OrderDirection: composio.MCPOrderDesc})
				return err
			},
			method: "GET", path: "/mcp/servers/" + sid + "/instances",
			query: url.Values{"page_no": {"1"}, "limit": {"50"}, "search": {"user"}, "order_by": {"created_at"}, "order_direction": {"desc"}},
		},
		{
			name: "DeleteInstance", answer: `{"message":"ok","deleted_connected_accounts":2}`,
			call: func(ctx context.Context, c *composio.Client) error {
				d, err := c.MCP.DeleteInstance(ctx, sid, "user/1")
				if err == nil && d.DeletedConnectedAccounts != 2 {
					err = errors.New("deleted_connected_accounts not decoded")
				}
				return err
			},
			method: "DELETE", path: "/mcp/servers/" + sid + "/instances/user%2F1",
		},
	})
}

func TestMCPDecodeServer(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "mcp/server.json"))
	s, err := w.client().MCP.Get(context.Background(), "550e8400-e29b-41d4-a716-446655440000")
	require.NoError(t, err)
	assert.Equal(t, "Support Desk", s.Name)
	assert.Equal(t, []string{"ac_9Xk2mQ7vT1bN"}, s.AuthConfigIDs)
	assert.Equal(t, []string{"github", "slack"}, s.Toolkits)
	assert.Equal(t, "https://logos.composio.dev/api/slack", s.ToolkitIcons["slack"])
	assert.Contains(t, s.Commands.Claude, "--client claude")
	assert.Equal(t, time.Date(2025, 9, 6, 10, 0, 0, 0, time.UTC), s.CreatedAt.Time)
	assert.Equal(t, 3, s.ServerInstanceCount)
	assert.True(t, s.ManagedAuthViaComposio)
	assert.False(t, s.Deleted)
}

func TestMCPDecodeInstances(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "mcp/instances.json"))
	p, err := w.client().MCP.ListInstances(context.Background(), "srv", composio.MCPInstanceListParams{})
	require.NoError(t, err)
	require.Len(t, p.Instances, 2)
	assert.Equal(t, "user_456", p.Instances[1].InstanceID)
	assert.Equal(t, time.Date(2025, 9, 7, 9, 0, 0, 0, time.UTC), p.Instances[1].UpdatedAt.Time)
	assert.Equal(t, "Support Desk", p.ServerName)
	assert.Equal(t, 3, p.TotalPages)
}

func TestMCPListAllWalksPageNumbers(t *testing.T) {
	page := func(n, total int, names ...string) string {
		items := []map[string]any{}
		for _, name := range names {
			items = append(items, map[string]any{"id": name, "name": name})
		}
		b, _ := json.Marshal(map[string]any{"items": items, "total_pages": total, "current_page": n})
		return string(b)
	}
	w := newWire(t, 200, page(1, 3, "a", "b")).then(200, page(2, 3, "c")).then(200, page(3, 3, "d"))
	var names []string
	for s, err := range w.client().MCP.ListAll(context.Background(), composio.MCPServerListParams{Limit: 2}) {
		require.NoError(t, err)
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, names)
	reqs := w.requests()
	require.Len(t, reqs, 3)
	for i, r := range reqs {
		assert.Equal(t, url.Values{"limit": {"2"}, "page_no": {[]string{"1", "2", "3"}[i]}}, r.Query)
	}
}

func TestMCPListAllStopsOnError(t *testing.T) {
	w := newWire(t, 200, `{"instances":[{"id":"a","instance_id":"u1"}],"total_pages":2,"current_page":1}`).
		then(404, `{"error":{"message":"gone","status":404}}`)
	items, err := composio.Collect(w.client().MCP.ListInstancesAll(context.Background(), "srv", composio.MCPInstanceListParams{}))
	require.Len(t, items, 1)
	assert.Equal(t, "u1", items[0].InstanceID)
	require.Error(t, err)
	assert.True(t, errors.Is(err, composio.ErrNotFound))
}

func TestMCPErrors(t *testing.T) {
	w := newWire(t, 404, `{"error":{"message":"MCP server not found","code":404,"status":404,"request_id":"req_1","suggested_fix":"List servers."}}`)
	_, err := w.client().MCP.Get(context.Background(), "missing")
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "MCP server not found", apiErr.Message)
	assert.True(t, errors.Is(err, composio.ErrNotFound))

	w = newWire(t, 400, `{"error":{"message":"name must be 4-30 characters","code":1803,"status":400}}`)
	_, err = w.client().MCP.Create(context.Background(), composio.MCPServerCreateParams{Name: "x"})
	assert.True(t, errors.Is(err, composio.ErrBadRequest))
}

func TestMCPValidation(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c, ctx := w.client(), context.Background()
	checks := map[string]error{}
	_, checks["create name"] = c.MCP.Create(ctx, composio.MCPServerCreateParams{})
	_, checks["custom name"] = c.MCP.CreateCustom(ctx, composio.MCPCustomServerCreateParams{})
	_, checks["generate id"] = c.MCP.GenerateURL(ctx, composio.MCPGenerateURLParams{})
	_, checks["get id"] = c.MCP.Get(ctx, "")
	_, checks["update id"] = c.MCP.Update(ctx, " ", composio.MCPServerUpdateParams{})
	_, checks["delete id"] = c.MCP.Delete(ctx, "..")
	_, checks["list app"] = c.MCP.ListForToolkit(ctx, "", composio.MCPServerListParams{})
	_, checks["instance user"] = c.MCP.CreateInstance(ctx, "srv", composio.MCPInstanceCreateParams{})
	_, checks["instance server"] = c.MCP.CreateInstance(ctx, "", composio.MCPInstanceCreateParams{UserID: "u"})
	_, checks["list instances"] = c.MCP.ListInstances(ctx, "", composio.MCPInstanceListParams{})
	_, checks["delete instance"] = c.MCP.DeleteInstance(ctx, "srv", "")
	for name, err := range checks {
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
	assert.Empty(t, w.requests(), "invalid calls must not reach the server")
}

func TestMCPDecodeCustomAndURLs(t *testing.T) {
	ctx := context.Background()
	// The custom server answer carries only some of a server's fields.
	w := newWire(t, 201, `{"id":"srv_1","name":"Multi","auth_config_ids":[],"allowed_tools":["SLACK_SEND_MESSAGE"],
		"mcp_url":"https://backend.composio.dev/v3/mcp/srv_1","commands":{"cursor":"c","claude":"cl","windsurf":"w"}}`)
	s, err := w.client().MCP.CreateCustom(ctx, composio.MCPCustomServerCreateParams{Name: "Multi"})
	require.NoError(t, err)
	assert.Equal(t, "srv_1", s.ID)
	assert.Equal(t, []string{"SLACK_SEND_MESSAGE"}, s.AllowedTools)
	assert.Equal(t, "w", s.Commands.Windsurf)
	assert.True(t, s.CreatedAt.IsZero())

	w = newWire(t, 200, `{"mcp_url":"https://backend.composio.dev/v3/mcp/srv_1","connected_account_urls":["https://backend.composio.dev/v3/mcp/srv_1?connected_account_id=ca_1"],
		"user_ids_url":["https://backend.composio.dev/v3/mcp/srv_1?user_id=u1"]}`)
	urls, err := w.client().MCP.GenerateURL(ctx, composio.MCPGenerateURLParams{ServerID: "srv_1", UserIDs: []string{"u1"}, ConnectedAccountIDs: []string{"ca_1"}})
	require.NoError(t, err)
	assert.Equal(t, "https://backend.composio.dev/v3/mcp/srv_1", urls.MCPURL)
	assert.Equal(t, []string{"https://backend.composio.dev/v3/mcp/srv_1?user_id=u1"}, urls.UserIDURLs)
	assert.Equal(t, []string{"https://backend.composio.dev/v3/mcp/srv_1?connected_account_id=ca_1"}, urls.ConnectedAccountURLs)

	w = newWire(t, 201, `{"id":"in_1","instance_id":"u1","mcp_server_id":"srv_1","created_at":"2025-09-07T09:00:00.000Z","updated_at":"2025-09-07T09:00:00.000Z"}`)
	in, err := w.client().MCP.CreateInstance(ctx, "srv_1", composio.MCPInstanceCreateParams{UserID: "u1"})
	require.NoError(t, err)
	assert.Equal(t, "u1", in.InstanceID)
	assert.Equal(t, time.Date(2025, 9, 7, 9, 0, 0, 0, time.UTC), in.CreatedAt.Time)
}

func TestMCPListForToolkitAllWalksPageNumbers(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"id":"a"}],"total_pages":2,"current_page":1}`).
		then(200, `{"items":[{"id":"b"}],"total_pages":2,"current_page":2}`)
	servers, err := composio.Collect(w.client().MCP.ListForToolkitAll(context.Background(), "github", composio.MCPServerListParams{PageNo: 0}))
	require.NoError(t, err)
	require.Len(t, servers, 2)
	assert.Equal(t, "b", servers[1].ID)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/api/v3.1/mcp/app/github", reqs[1].Path)
	assert.Equal(t, url.Values{"page_no": {"2"}}, reqs[1].Query)
}
