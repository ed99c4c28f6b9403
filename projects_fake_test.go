package composio_test

import (
	"context"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeProjectsLifecycle(t *testing.T) {
	srv := composiotest.NewServer(t)
	projects := srv.Client().Projects
	ctx := context.Background()

	before, err := composio.Collect(projects.ListAll(ctx, composio.ProjectListParams{Limit: 1}))
	require.NoError(t, err)
	require.NotEmpty(t, before)

	created, err := projects.Create(ctx, composio.ProjectCreateParams{Name: "agents-prod", ShouldCreateAPIKey: true})
	require.NoError(t, err)
	assert.Equal(t, "agents-prod", created.Name)
	require.NotEmpty(t, created.APIKey.Value())
	assert.NotContains(t, created.APIKey.String(), created.APIKey.Value())

	_, err = projects.Create(ctx, composio.ProjectCreateParams{Name: "agents-prod"})
	assert.ErrorIs(t, err, composio.ErrConflict, "names are unique in an organization")
	_, err = projects.Create(ctx, composio.ProjectCreateParams{Name: "x", Config: &composio.ProjectConfig{}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "a config needs its log visibility setting")

	got, err := projects.Get(ctx, created.ID)
	require.NoError(t, err)
	require.Len(t, got.APIKeys, 1)
	assert.NotEqual(t, created.APIKey.Value(), got.APIKeys[0].Key.Value(), "Get shows keys masked")
	assert.Equal(t, created.APIKey.Value()[len(created.APIKey.Value())-4:], got.APIKeys[0].Key.Value()[len(got.APIKeys[0].Key.Value())-4:])

	regen, err := projects.RegenerateAPIKey(ctx, created.ID)
	require.NoError(t, err)
	assert.NotEqual(t, created.APIKey.Value(), regen.APIKey.Key.Value())
	got, err = projects.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, regen.APIKey.ID, got.APIKeys[0].ID)

	after, err := composio.Collect(projects.ListAll(ctx, composio.ProjectListParams{}))
	require.NoError(t, err)
	assert.Len(t, after, len(before)+1)

	del, err := projects.Delete(ctx, created.ID, composio.ProjectDeleteParams{RevokeOnDelete: composio.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, "success", del.Status)
	assert.NotEmpty(t, del.RevokeJobID)
	_, err = projects.Get(ctx, created.ID)
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = projects.Delete(ctx, created.ID, composio.ProjectDeleteParams{})
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

// The fake enforces the key each operation takes, like the API: a client
// with every key sends the right one; a wrong one is refused.
func TestFakeProjectsKeyRouting(t *testing.T) {
	srv := composiotest.NewServer(t)
	ctx := context.Background()
	_, err := srv.Client().Projects.List(ctx, composio.ProjectListParams{})
	require.NoError(t, err)

	wrongOrg := srv.Client(composio.WithOrgAPIKey("oak_not_this_one"))
	_, err = wrongOrg.Projects.List(ctx, composio.ProjectListParams{})
	assert.ErrorIs(t, err, composio.ErrUnauthorized)

	projectOnly, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithAPIKey(srv.APIKey))
	require.NoError(t, err)
	_, err = projectOnly.Projects.List(ctx, composio.ProjectListParams{})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "WithOrgAPIKey")
	_, err = projectOnly.Projects.GetUsageSummary(ctx, composio.UsageSummaryParams{})
	assert.NoError(t, err, "project usage takes the project key")
	_, err = projectOnly.Projects.RevokeAPIKeys(ctx, composio.APIKeyRevocationParams{APIKeys: []string{"ak_leaked"}})
	assert.NoError(t, err, "revocation takes no key")
	last, _ := srv.LastRequest()
	assert.Empty(t, last.Header.Get("X-Api-Key"), "and sends none")
}

func TestFakeOrganizationsAndUserKeyCalls(t *testing.T) {
	srv := composiotest.NewServer(t)
	p := srv.Client().Projects
	ctx := context.Background()

	orgs, err := composio.Collect(p.ListOrganizationsAll(ctx, composio.OrganizationListParams{Limit: 1}))
	require.NoError(t, err)
	require.Len(t, orgs, 2)

	mine, err := composio.Collect(p.ListAccessibleAll(ctx, composio.ProjectListAccessibleParams{}))
	require.NoError(t, err)
	everything, err := composio.Collect(p.ListAccessibleAll(ctx, composio.ProjectListAccessibleParams{AllOrganizations: composio.Ptr(true)}))
	require.NoError(t, err)
	assert.Greater(t, len(everything), len(mine))
	for _, pr := range mine {
		assert.Equal(t, orgs[0].ID, pr.OrgID)
	}

	info, err := p.GetSessionInfo(ctx)
	require.NoError(t, err)
	require.NotNil(t, info.Project)
	require.NotNil(t, info.APIKey)
	assert.Equal(t, orgs[0].ID, info.Project.Org.ID)
	assert.NotEqual(t, srv.UserAPIKey, info.APIKey.Key.Value(), "the session shows the key masked")

	consumer, err := p.ResolveConsumer(ctx, orgs[1].ID)
	require.NoError(t, err)
	assert.Equal(t, "CONSUMER", consumer.ProjectType)
	assert.Equal(t, orgs[1].ID, consumer.OrgID)
	_, err = p.ResolveConsumer(ctx, "ok_unknown")
	assert.ErrorIs(t, err, composio.ErrNotFound)

	tk, err := p.ListConsumerConnectedToolkits(ctx, orgs[0].ID, composio.ConsumerToolkitsParams{UserID: "nobody"})
	require.NoError(t, err)
	assert.NotNil(t, tk.Toolkits)
	assert.Empty(t, tk.Toolkits)
}

func TestFakeUsageFromLogs(t *testing.T) {
	srv := composiotest.NewServer(t)
	p := srv.Client().Projects
	ctx := context.Background()

	sum, err := p.GetUsageSummary(ctx, composio.UsageSummaryParams{})
	require.NoError(t, err)
	calls := sum.Entities["tool_calls"]
	assert.Equal(t, "calls", calls.Unit)
	assert.Positive(t, calls.EventCount)

	logs, err := composio.Collect(srv.Client().Logs.ListToolExecutionsAll(ctx, composio.LogListParams{}))
	require.NoError(t, err)
	assert.EqualValues(t, len(logs), calls.EventCount, "usage counts the executions the logs show")

	byTool, err := p.GetUsage(ctx, "tool_calls", composio.UsageParams{GroupBy: "toolkit_slug", OrderBy: composio.UsageOrderByKey, OrderDirection: composio.UsageSortAsc})
	require.NoError(t, err)
	require.NotEmpty(t, byTool.Groups)
	for i := 1; i < len(byTool.Groups); i++ {
		assert.Less(t, byTool.Groups[i-1].Key, byTool.Groups[i].Key)
	}

	recent, err := p.GetOrgUsageSummary(ctx, composio.UsageSummaryParams{From: time.Now().Add(-time.Hour), EntityTypes: []string{"tool_calls"}})
	require.NoError(t, err)
	assert.Less(t, recent.Entities["tool_calls"].EventCount, calls.EventCount, "the time range applies")
	assert.NotContains(t, recent.Entities, "sessions")

	other, err := p.GetOrgUsage(ctx, "tool_calls", composio.UsageParams{Filters: composio.UsageFilters{ProjectIDs: []string{"pr_other"}}})
	require.NoError(t, err)
	assert.Equal(t, "0", other.TotalQuantity)

	_, err = p.GetUsage(ctx, "bananas", composio.UsageParams{})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}
