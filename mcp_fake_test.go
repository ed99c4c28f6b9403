package composio_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeMCPServerLifecycle(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()

	s, err := c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "Echo Server", NoAuthApps: []string{"composio"}, AllowedTools: []string{"COMPOSIO_ECHO"}})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(s.MCPURL, srv.URL+"/"), "MCP URLs point at the fake: %s", s.MCPURL)
	assert.Equal(t, []string{"composio"}, s.Toolkits)
	assert.Equal(t, []string{"COMPOSIO_ECHO"}, s.AllowedTools)
	assert.NotEmpty(t, s.ToolkitIcons["composio"])
	assert.False(t, s.CreatedAt.IsZero())

	_, err = c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "echo server"})
	assert.ErrorIs(t, err, composio.ErrConflict, "names are unique")
	_, err = c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "no!"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "Bad Tools", AllowedTools: []string{"NOPE_TOOL"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	custom, err := c.MCP.CreateCustom(ctx, composio.MCPCustomServerCreateParams{Name: "Dev Tools", Toolkits: []string{"github", "linear"}})
	require.NoError(t, err)
	assert.NotEmpty(t, custom.MCPURL)
	_, err = c.MCP.CreateCustom(ctx, composio.MCPCustomServerCreateParams{Name: "Bad Kits", Toolkits: []string{"nope"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	got, err := c.MCP.Get(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, s.ID, got.ID)

	upd, err := c.MCP.Update(ctx, s.ID, composio.MCPServerUpdateParams{Name: "Echo Renamed", ManagedAuthViaComposio: composio.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, "Echo Renamed", upd.Name)
	assert.True(t, upd.ManagedAuthViaComposio)
	assert.Equal(t, []string{"COMPOSIO_ECHO"}, upd.AllowedTools, "unset fields keep their value")

	page, err := c.MCP.List(ctx, composio.MCPServerListParams{Name: "renamed"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, s.ID, page.Items[0].ID)
	page, err = c.MCP.List(ctx, composio.MCPServerListParams{Toolkits: []string{"github", "slack"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, custom.ID, page.Items[0].ID)
	all, err := composio.Collect(c.MCP.ListAll(ctx, composio.MCPServerListParams{Limit: 1, OrderBy: composio.MCPOrderByCreatedAt, OrderDirection: composio.MCPOrderAsc}))
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, []string{s.ID, custom.ID}, []string{all[0].ID, all[1].ID})
	byApp, err := c.MCP.ListForToolkit(ctx, "linear", composio.MCPServerListParams{})
	require.NoError(t, err)
	require.Len(t, byApp.Items, 1)
	assert.Equal(t, custom.ID, byApp.Items[0].ID)

	urls, err := c.MCP.GenerateURL(ctx, composio.MCPGenerateURLParams{ServerID: s.ID, UserIDs: []string{"alice@example.com"}, ConnectedAccountIDs: []string{"ca_1"}})
	require.NoError(t, err)
	assert.Equal(t, s.MCPURL, urls.MCPURL)
	assert.Equal(t, []string{s.MCPURL + "?user_id=alice%40example.com"}, urls.UserIDURLs)
	assert.Equal(t, []string{s.MCPURL + "?connected_account_id=ca_1"}, urls.ConnectedAccountURLs)
	_, err = c.MCP.GenerateURL(ctx, composio.MCPGenerateURLParams{ServerID: "missing"})
	assert.ErrorIs(t, err, composio.ErrNotFound)

	del, err := c.MCP.Delete(ctx, s.ID)
	require.NoError(t, err)
	assert.True(t, del.Deleted)
	_, err = c.MCP.Get(ctx, s.ID)
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

func TestFakeMCPInstances(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "Team Server", NoAuthApps: []string{"composio"}})
	require.NoError(t, err)

	for _, u := range []string{"alice", "bob", "carol"} {
		in, err := c.MCP.CreateInstance(ctx, s.ID, composio.MCPInstanceCreateParams{UserID: u})
		require.NoError(t, err)
		assert.Equal(t, u, in.InstanceID)
		assert.Equal(t, s.ID, in.MCPServerID)
	}
	_, err = c.MCP.CreateInstance(ctx, s.ID, composio.MCPInstanceCreateParams{UserID: "bob"})
	assert.ErrorIs(t, err, composio.ErrConflict)
	_, err = c.MCP.CreateInstance(ctx, "missing", composio.MCPInstanceCreateParams{UserID: "bob"})
	assert.ErrorIs(t, err, composio.ErrNotFound)

	all, err := composio.Collect(c.MCP.ListInstancesAll(ctx, s.ID, composio.MCPInstanceListParams{Limit: 2, OrderDirection: composio.MCPOrderAsc}))
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.Equal(t, "alice", all[0].InstanceID)
	page, err := c.MCP.ListInstances(ctx, s.ID, composio.MCPInstanceListParams{Search: "CAR"})
	require.NoError(t, err)
	require.Len(t, page.Instances, 1)
	assert.Equal(t, "Team Server", page.ServerName)

	got, err := c.MCP.Get(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, got.ServerInstanceCount)

	_, err = c.MCP.DeleteInstance(ctx, s.ID, "bob")
	require.NoError(t, err)
	_, err = c.MCP.DeleteInstance(ctx, s.ID, "bob")
	assert.ErrorIs(t, err, composio.ErrNotFound)
	page, err = c.MCP.ListInstances(ctx, s.ID, composio.MCPInstanceListParams{})
	require.NoError(t, err)
	assert.Len(t, page.Instances, 2)

	_, err = c.MCP.ListInstances(ctx, s.ID, composio.MCPInstanceListParams{OrderBy: "name"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}

// The MCP operations take the project key only.
func TestFakeMCPAuth(t *testing.T) {
	srv := composiotest.NewServer(t)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v3.1/mcp/servers", nil)
	require.NoError(t, err)
	req.Header.Set("x-user-api-key", srv.UserAPIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

// A server over auth configs serves their toolkits; unknown ids are refused.
func TestFakeMCPServerOverAuthConfigs(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	ac, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github"})
	require.NoError(t, err)
	s, err := c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "GitHub Desk", AuthConfigIDs: []string{ac.AuthConfig.ID}})
	require.NoError(t, err)
	assert.Equal(t, []string{"github"}, s.Toolkits)
	assert.Equal(t, []string{ac.AuthConfig.ID}, s.AuthConfigIDs)
	byApp, err := c.MCP.ListForToolkit(ctx, "github", composio.MCPServerListParams{})
	require.NoError(t, err)
	require.Len(t, byApp.Items, 1)
	assert.Equal(t, 1, byApp.TotalPages)
	assert.Equal(t, 1, byApp.CurrentPage)

	_, err = c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: "Ghost Desk", AuthConfigIDs: []string{"ac_missing"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = c.MCP.CreateCustom(ctx, composio.MCPCustomServerCreateParams{Name: "Ghost Kit", AuthConfigIDs: []string{"ac_missing"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = c.MCP.Update(ctx, s.ID, composio.MCPServerUpdateParams{AuthConfigIDs: []string{"ac_missing"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}
