package composio_test

import (
	"context"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeTriggerTypes(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()

	all, err := composio.Collect(c.Triggers.ListTypesAll(ctx, composio.TriggerTypeListParams{Limit: 5}))
	require.NoError(t, err)
	slugs, err := c.Triggers.ListTypeSlugs(ctx)
	require.NoError(t, err)
	require.Len(t, all, len(slugs))

	// Each toolkit has as many trigger types as its triggers_count says.
	for _, tk := range []string{"github", "gmail", "slack", "notion", "linear"} {
		details, err := c.Toolkits.Get(ctx, tk, composio.ToolkitGetParams{})
		require.NoError(t, err)
		page, err := c.Triggers.ListTypes(ctx, composio.TriggerTypeListParams{ToolkitSlugs: []string{tk}, Limit: 50})
		require.NoError(t, err)
		assert.Equal(t, details.Meta.TriggersCount, page.TotalItems, tk)
		for _, tt := range page.Items {
			assert.Equal(t, tk, tt.Toolkit.Slug)
			assert.Equal(t, details.Meta.Version, tt.Version)
			assert.Equal(t, "object", tt.Config["type"], tt.Slug)
			assert.NotEmpty(t, tt.Payload["properties"], tt.Slug)
		}
	}

	tt, err := c.Triggers.GetType(ctx, "github_commit_event", composio.TriggerTypeGetParams{ToolkitVersions: composio.ToolkitVersions{ByToolkit: map[string]string{"github": "20250801_00"}}})
	require.NoError(t, err)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", tt.Slug)
	assert.Equal(t, "20250801_00", tt.Version)
	assert.Equal(t, []any{"owner", "repo"}, tt.Config["required"])

	slack, err := c.Triggers.GetType(ctx, "SLACK_RECEIVE_MESSAGE", composio.TriggerTypeGetParams{})
	require.NoError(t, err)
	assert.True(t, slack.RequiresWebhookEndpointSetup)

	_, err = c.Triggers.GetType(ctx, "GITHUB_NOPE", composio.TriggerTypeGetParams{})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Triggers.GetType(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerTypeGetParams{ToolkitVersions: composio.ToolkitVersions{Version: "19990101_00"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = c.Triggers.ListTypes(ctx, composio.TriggerTypeListParams{Limit: 51})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}

func TestFakeTriggerInstancesErrors(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()

	_, err := c.Triggers.Upsert(ctx, "GITHUB_NOPE", composio.TriggerUpsertParams{UserID: "user_1"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{ConnectedAccountID: "ca_missing"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{UserID: "user_without_accounts"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	page, err := c.Triggers.ListActive(ctx, composio.TriggerListActiveParams{ShowDisabled: composio.Ptr(true)})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	_, err = c.Triggers.ListActive(ctx, composio.TriggerListActiveParams{Limit: 51})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	_, err = c.Triggers.Enable(ctx, "ti_missing")
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Triggers.Delete(ctx, "ti_missing")
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Triggers.Update(ctx, "ti_missing", composio.TriggerUpdateParams{Status: "pause"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	// Trigger operations accept the user key too; a wrong key is refused.
	userOnly, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithUserAPIKey(srv.UserAPIKey))
	require.NoError(t, err)
	_, err = userOnly.Triggers.ListTypeSlugs(ctx)
	assert.NoError(t, err)
	_, err = srv.Client(composio.WithAPIKey("ak_wrong")).Triggers.ListTypeSlugs(ctx)
	assert.ErrorIs(t, err, composio.ErrUnauthorized)
}
