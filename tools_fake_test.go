package composio_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toolsFakeClient is a client of a fresh fake with the seeded toolkits pinned
// at their latest versions.
func toolsFakeClient(t *testing.T, opts ...composio.Option) (*composio.Client, *composiotest.Server) {
	t.Helper()
	srv := composiotest.NewServer(t)
	pins := composio.WithToolkitVersions(map[string]string{
		"composio": "20250901_00", "github": "20250906_01", "gmail": "20250909_00", "slack": "20250820_00",
		"notion": "20250903_00", "linear": "20250825_00", "hackernews": "20250730_00",
	})
	return srv.Client(append([]composio.Option{pins}, opts...)...), srv
}

// toolsExecuteRequests counts the execute calls the fake received.
func toolsExecuteRequests(srv *composiotest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			n++
		}
	}
	return n
}

func TestToolsFakeExecute_NotRetriedAfterTheServerMayHaveRun(t *testing.T) {
	for name, inject := range map[string]func(*composiotest.Server){
		"500":     func(s *composiotest.Server) { s.FailNext(1, 500) },
		"502":     func(s *composiotest.Server) { s.FailNext(1, 502) },
		"504":     func(s *composiotest.Server) { s.FailNext(1, 504) },
		"dropped": func(s *composiotest.Server) { s.DropNext(1) },
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := toolsFakeClient(t, composio.WithMaxRetries(3))
			inject(srv)
			_, err := c.Tools.Execute(context.Background(), "COMPOSIO_ECHO", composio.ToolExecuteParams{
				Arguments: map[string]any{"message": "once"}, Version: "20250901_00"})
			require.Error(t, err)
			assert.Equal(t, 1, toolsExecuteRequests(srv), "a tool must never run twice")
			assert.Len(t, srv.Requests(), 1, "no lookup, no retry")
		})
	}
}

func TestToolsFakeExecute_RetriedWhenNothingRan(t *testing.T) {
	for name, inject := range map[string]func(*composiotest.Server){
		"429":             func(s *composiotest.Server) { s.FailNext(1, 429) },
		"503 retry-after": func(s *composiotest.Server) { s.FailNext(1, 503, composiotest.WithRetryAfter("0")) },
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := toolsFakeClient(t)
			inject(srv)
			res, err := c.Tools.Execute(context.Background(), "COMPOSIO_ECHO", composio.ToolExecuteParams{
				Arguments: map[string]any{"message": "again"}, Version: "20250901_00"})
			require.NoError(t, err)
			assert.True(t, res.Successful)
			assert.Equal(t, 2, toolsExecuteRequests(srv))
		})
	}
}

func TestToolsFakeExecute_KeylessTools(t *testing.T) {
	c, _ := toolsFakeClient(t)
	ctx := context.Background()

	res, err := c.Tools.Execute(ctx, "COMPOSIO_CALCULATE", composio.ToolExecuteParams{Arguments: map[string]any{"operation": "multiply", "a": 6, "b": 7}})
	require.NoError(t, err)
	require.NoError(t, res.Err())
	var out struct{ Result float64 }
	require.NoError(t, res.Decode(&out))
	assert.Equal(t, 42.0, out.Result)
	assert.True(t, strings.HasPrefix(res.LogID, "log_"))

	res, err = c.Tools.Execute(ctx, "COMPOSIO_CALCULATE", composio.ToolExecuteParams{Arguments: map[string]any{"operation": "divide", "a": 1, "b": 0}})
	require.NoError(t, err)
	assert.ErrorIs(t, res.Err(), composio.ErrToolFailed)
	assert.Equal(t, "Division by zero", res.Error)

	res, err = c.Tools.Execute(ctx, "COMPOSIO_ALWAYS_FAIL", composio.ToolExecuteParams{Arguments: map[string]any{"reason": "nope"}})
	require.NoError(t, err)
	var te *composio.ToolError
	require.ErrorAs(t, res.Err(), &te)
	assert.Equal(t, "nope", te.Message)
	assert.Equal(t, "COMPOSIO_ALWAYS_FAIL", te.Tool)

	// Arguments are checked against the schema, as a failed execution.
	res, err = c.Tools.Execute(ctx, "COMPOSIO_CALCULATE", composio.ToolExecuteParams{Arguments: map[string]any{"operation": "pow", "a": 1, "b": 2}})
	require.NoError(t, err)
	assert.Contains(t, res.Error, "operation: must be one of")
	res, err = c.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{Arguments: map[string]any{}})
	require.NoError(t, err)
	assert.Contains(t, res.Error, "missing required fields: message")

	// Text instead of arguments.
	res, err = c.Tools.Execute(ctx, "COMPOSIO_CALCULATE", composio.ToolExecuteParams{Text: "What is 12 minus 5?"})
	require.NoError(t, err)
	require.NoError(t, res.Decode(&out))
	assert.Equal(t, 7.0, out.Result)
}

func TestToolsFakeExecute_ConnectedAccount(t *testing.T) {
	c, srv := toolsFakeClient(t)
	ctx := context.Background()

	_, err := c.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{UserID: "user_1"})
	require.ErrorIs(t, err, composio.ErrBadRequest, "no account yet")

	id := srv.SeedActiveAccount("user_1", "github")
	res, err := c.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{UserID: "user_1"})
	require.NoError(t, err)
	var user struct {
		Login              string `json:"login"`
		ConnectedAccountID string `json:"connected_account_id"`
	}
	require.NoError(t, res.Decode(&user))
	assert.Equal(t, "octo-user_1", user.Login)
	assert.Equal(t, id, user.ConnectedAccountID)

	// Issues created are listed back.
	res, err = c.Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{ConnectedAccountID: id,
		Arguments: map[string]any{"owner": "acme", "repo": "app", "title": "Bug"}})
	require.NoError(t, err)
	require.NoError(t, res.Err())
	res, err = c.Tools.Execute(ctx, "GITHUB_LIST_REPOSITORY_ISSUES", composio.ToolExecuteParams{UserID: "user_1",
		Arguments: map[string]any{"owner": "acme", "repo": "app"}})
	require.NoError(t, err)
	var issues struct {
		Issues []struct{ Title string } `json:"issues"`
	}
	require.NoError(t, res.Decode(&issues))
	require.Len(t, issues.Issues, 1)
	assert.Equal(t, "Bug", issues.Issues[0].Title)

	_, err = c.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{ConnectedAccountID: "ca_missing"})
	require.ErrorIs(t, err, composio.ErrNotFound)
}

func TestToolsFakeExecute_VersionsAndUnknownTool(t *testing.T) {
	c, _ := toolsFakeClient(t)
	ctx := context.Background()
	_, err := c.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{Arguments: map[string]any{"message": "x"}, Version: "19990101_00"})
	require.ErrorIs(t, err, composio.ErrNotFound, "an unknown version is refused")

	_, err = c.Tools.Execute(ctx, "COMPOSIO_NOPE", composio.ToolExecuteParams{Version: "20250901_00"})
	require.ErrorIs(t, err, composio.ErrNotFound)

	// Older versions run; the lookup reports the pinned version.
	old, err := c.With(composio.WithToolkitVersions(map[string]string{"github": "20250801_00"}))
	require.NoError(t, err)
	tool, err := old.Tools.Get(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "20250801_00", tool.Version)
	assert.Equal(t, []string{"20250906_01", "20250801_00"}, tool.AvailableVersions)

	_, err = c.Tools.Get(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolGetParams{Version: "20200101_00"})
	require.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Tools.List(ctx, composio.ToolListParams{ToolkitVersions: composio.ToolkitVersions{ByToolkit: map[string]string{"github": "nope"}}})
	require.ErrorIs(t, err, composio.ErrBadRequest)
}

func TestToolsFakeExecute_SlowToolHonoursTimeout(t *testing.T) {
	c, srv := toolsFakeClient(t)
	start := time.Now()
	_, err := c.Tools.Execute(context.Background(), "COMPOSIO_SLEEP", composio.ToolExecuteParams{Arguments: map[string]any{"milliseconds": 5000}},
		composio.WithRequestTimeout(50*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)

	// The fake kept serving while the tool slept, and is free afterwards.
	res, err := c.Tools.Execute(context.Background(), "COMPOSIO_SLEEP", composio.ToolExecuteParams{Arguments: map[string]any{"milliseconds": 1}})
	require.NoError(t, err)
	require.NoError(t, res.Err())
	assert.Equal(t, 2, toolsExecuteRequests(srv))
}

func TestToolsFake_ListFiltersAndPaging(t *testing.T) {
	c, _ := toolsFakeClient(t)
	ctx := context.Background()

	all, err := composio.Collect(c.Tools.ListAll(ctx, composio.ToolListParams{Limit: 3}))
	require.NoError(t, err)
	slugs := toolsSlugs(all)
	assert.Contains(t, slugs, "COMPOSIO_ECHO")
	assert.NotContains(t, slugs, "SLACK_CHAT_POST_MESSAGE", "deprecated tools are hidden by default")
	enum, err := c.Tools.ListSlugs(ctx)
	require.NoError(t, err)
	assert.Len(t, enum, len(all)+1)

	page, err := c.Tools.List(ctx, composio.ToolListParams{ToolkitSlug: "GitHub"})
	require.NoError(t, err)
	assert.Equal(t, []string{"GITHUB_GET_THE_AUTHENTICATED_USER", "GITHUB_CREATE_AN_ISSUE", "GITHUB_LIST_REPOSITORY_ISSUES"}, toolsSlugs(page.Items))
	assert.Equal(t, "20250906_01", page.Items[0].Version)

	for name, tc := range map[string]struct {
		params composio.ToolListParams
		want   []string
	}{
		"slugs override":    {composio.ToolListParams{ToolSlugs: "GMAIL_SEND_EMAIL,COMPOSIO_ECHO", ToolkitSlug: "slack"}, []string{"COMPOSIO_ECHO", "GMAIL_SEND_EMAIL"}},
		"tags":              {composio.ToolListParams{Tags: []string{"math"}}, []string{"COMPOSIO_CALCULATE"}},
		"scopes":            {composio.ToolListParams{Scopes: []string{"chat:write"}}, []string{"SLACK_SEND_MESSAGE"}},
		"scopes+deprecated": {composio.ToolListParams{Scopes: []string{"chat:write"}, IncludeDeprecated: composio.Ptr(true)}, []string{"SLACK_SEND_MESSAGE", "SLACK_CHAT_POST_MESSAGE"}},
		"query":             {composio.ToolListParams{Query: "send email"}, []string{"GMAIL_SEND_EMAIL"}},
		"important":         {composio.ToolListParams{Important: composio.Ptr(true), ToolkitSlug: "gmail"}, []string{"GMAIL_SEND_EMAIL"}},
	} {
		page, err := c.Tools.List(ctx, tc.params)
		require.NoError(t, err, name)
		assert.Equal(t, tc.want, toolsSlugs(page.Items), name)
	}
}

func TestToolsFake_InputScopesProxy(t *testing.T) {
	c, srv := toolsFakeClient(t)
	ctx := context.Background()

	in, err := c.Tools.GenerateInput(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolGenerateInputParams{
		Text: `Open an issue titled "Login fails" in owner: acme repo: web, labels: [bug, p1]`})
	require.NoError(t, err)
	assert.Empty(t, in.Error)
	assert.Equal(t, map[string]any{"owner": "acme", "repo": "web", "title": "Login fails", "labels": []any{"bug", "p1"}}, in.Arguments)
	in, err = c.Tools.GenerateInput(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolGenerateInputParams{Text: "do something"})
	require.NoError(t, err)
	assert.Contains(t, in.Error, "owner")

	scopes, err := c.Tools.GetRequiredScopes(ctx, composio.ToolRequiredScopesParams{Tools: []string{"GITHUB_CREATE_AN_ISSUE", "GITHUB_GET_THE_AUTHENTICATED_USER"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"repo", "user"}, scopes.ScopesRequired)
	assert.Equal(t, []composio.ScopeRequirement{{AnyOf: []string{"repo", "public_repo"}}}, scopes.PerToolRequirements[0].ScopeRequirements.AllOf)
	_, err = c.Tools.GetRequiredScopes(ctx, composio.ToolRequiredScopesParams{Tools: []string{"GITHUB_CREATE_AN_ISSUE", "GMAIL_SEND_EMAIL"}})
	require.ErrorIs(t, err, composio.ErrBadRequest, "tools of two toolkits")

	id := srv.SeedActiveAccount("user_1", "github")
	res, err := c.Tools.Proxy(ctx, composio.ToolProxyParams{ConnectedAccountID: id, Endpoint: "/user/repos", Method: composio.ProxyPost,
		Body: map[string]any{"name": "x"}, Parameters: []composio.ProxyParameter{{Name: "page", Value: "2", Type: composio.ParameterInQuery}}})
	require.NoError(t, err)
	assert.Equal(t, 200, res.Status)
	var echoed struct {
		Method, URL string
		Body        map[string]any
		Parameters  []composio.ProxyParameter
	}
	require.NoError(t, res.Decode(&echoed))
	assert.Equal(t, "POST", echoed.Method)
	assert.Equal(t, "https://api.github.com/user/repos?page=2", echoed.URL)
	assert.Equal(t, map[string]any{"name": "x"}, echoed.Body)
	assert.Equal(t, []composio.ProxyParameter{{Name: "page", Value: "2", Type: composio.ParameterInQuery}}, echoed.Parameters)
	_, err = c.Tools.Proxy(ctx, composio.ToolProxyParams{ConnectedAccountID: "ca_nope", Endpoint: "/x", Method: composio.ProxyGet})
	require.ErrorIs(t, err, composio.ErrNotFound)
}

func TestToolsFake_AuthPerOperation(t *testing.T) {
	srv := composiotest.NewServer(t)
	userOnly, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithUserAPIKey(srv.UserAPIKey))
	require.NoError(t, err)
	_, err = userOnly.Tools.List(context.Background(), composio.ToolListParams{})
	require.NoError(t, err, "list accepts a user key")

	wrong, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithAPIKey("ak_wrong"))
	require.NoError(t, err)
	_, err = wrong.Tools.ListSlugs(context.Background())
	require.ErrorIs(t, err, composio.ErrUnauthorized)
}

func toolsSlugs(tools []composio.Tool) []string {
	out := []string{}
	for _, t := range tools {
		out = append(out, t.Slug)
	}
	return out
}
