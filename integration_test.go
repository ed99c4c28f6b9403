//go:build integration

// Live tests against the real API: go test -tags integration -run Live .
// They need COMPOSIO_API_KEY, only read, and are skipped without a key.
package composio_test

import (
	"context"
	"os"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func liveClient(t *testing.T) *composio.Client {
	t.Helper()
	if os.Getenv(composio.EnvAPIKey) == "" {
		t.Skip("COMPOSIO_API_KEY is not set")
	}
	c, err := composio.NewClient()
	require.NoError(t, err)
	return c
}

func TestLiveCatalog(t *testing.T) {
	c := liveClient(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	page, err := c.Toolkits.List(ctx, composio.ToolkitListParams{Limit: 5})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)

	gh, err := c.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "github", gh.Slug)

	tools, err := c.Tools.List(ctx, composio.ToolListParams{ToolkitSlug: "github", Limit: 3})
	require.NoError(t, err)
	require.NotEmpty(t, tools.Items)
	tool, err := c.Tools.Get(ctx, tools.Items[0].Slug, composio.ToolGetParams{})
	require.NoError(t, err)
	assert.Equal(t, tools.Items[0].Slug, tool.Slug)

	types, err := c.Triggers.ListTypes(ctx, composio.TriggerTypeListParams{ToolkitSlugs: []string{"github"}, Limit: 3})
	require.NoError(t, err)
	assert.NotNil(t, types)

	_, err = c.Toolkits.Get(ctx, "no-such-toolkit-composio-go", composio.ToolkitGetParams{})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.NotEmpty(t, apiErr.RequestID)
}

func TestLiveProjectLists(t *testing.T) {
	c := liveClient(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.AuthConfigs.List(ctx, composio.AuthConfigListParams{Limit: 5})
	require.NoError(t, err)
	_, err = c.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{Limit: 5})
	require.NoError(t, err)
	n := 0
	for _, err := range c.Toolkits.ListAll(ctx, composio.ToolkitListParams{Limit: 10}) {
		require.NoError(t, err)
		if n++; n == 25 {
			break
		}
	}
	assert.Equal(t, 25, n, "paging across three pages")
}
