package composio_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func toolsTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "tools", name))
	require.NoError(t, err)
	return string(b)
}

const toolNotFoundBody = `{"error":{"message":"Tool NOPE not found","code":1500,"status":404,"request_id":"req_1","suggested_fix":"List tools."}}`

func TestToolsList_Wire(t *testing.T) {
	w := newWire(t, 200, toolsTestdata(t, "list.json"))
	c := w.client()
	page, err := c.Tools.List(context.Background(), composio.ToolListParams{
		ToolkitSlug:       "github",
		ToolSlugs:         "GITHUB_CREATE_AN_ISSUE,GITHUB_STAR_A_REPO",
		AuthConfigIDs:     []string{"ac_1", "ac_2"},
		Important:         composio.Ptr(true),
		Tags:              []string{"issues", "important"},
		Scopes:            []string{"repo"},
		Query:             "create issue",
		IncludeDeprecated: composio.Ptr(false),
		ToolkitVersions:   composio.ToolkitVersions{ByToolkit: map[string]string{"GitHub": "20250906_01", "gmail": "20250909_00"}},
		Limit:             2,
		Cursor:            "abc",
	})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/api/v3.1/tools", r.Path)
	assert.Equal(t, "X-Api-Key", r.credential(t))
	assert.Equal(t, url.Values{
		"toolkit_slug":             {"github"},
		"tool_slugs":               {"GITHUB_CREATE_AN_ISSUE,GITHUB_STAR_A_REPO"},
		"auth_config_ids[]":        {"ac_1", "ac_2"},
		"important":                {"true"},
		"tags[]":                   {"issues", "important"},
		"scopes[]":                 {"repo"},
		"query":                    {"create issue"},
		"include_deprecated":       {"false"},
		"toolkit_versions[github]": {"20250906_01"},
		"toolkit_versions[gmail]":  {"20250909_00"},
		"limit":                    {"2"},
		"cursor":                   {"abc"},
	}, r.Query)
	assert.Empty(t, r.Body)

	require.Len(t, page.Items, 2)
	assert.Equal(t, "eyJwYWdlIjoyLCJsaW1pdCI6Mn0=", page.NextCursor)
	assert.Equal(t, 9, page.TotalItems)
	tool := page.Items[0]
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", tool.Slug)
	assert.Equal(t, composio.ToolToolkit{Slug: "github", Name: "GitHub", Logo: "https://logos.composio.dev/api/github"}, tool.Toolkit)
	assert.Equal(t, "20250906_01", tool.Version)
	assert.Equal(t, []string{"20250906_01", "20250801_00"}, tool.AvailableVersions)
	assert.Equal(t, []string{"repo"}, tool.Scopes)
	require.NotNil(t, tool.ScopeRequirements)
	assert.Equal(t, []composio.ScopeRequirement{{Scope: "read:user"}, {AnyOf: []string{"repo", "public_repo"}}}, tool.ScopeRequirements.AllOf)
	assert.Equal(t, []string{"issues", "important"}, tool.Tags)
	assert.Equal(t, "Create a new issue in a repository", tool.HumanDescription)
	assert.Equal(t, "Create an issue", tool.Deprecated.DisplayName)
	assert.Contains(t, string(tool.InputParameters), `"CreateAnIssueRequest"`)
	assert.Nil(t, page.Items[1].ScopeRequirements, "null scope_requirements marks a legacy tool")
}

func TestToolsList_StringVersionAndUserKey(t *testing.T) {
	w := newWire(t, 200, `{"items":[],"total_items":0,"total_pages":0,"current_page":1}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	_, err = c.Tools.List(context.Background(), composio.ToolListParams{ToolkitVersions: composio.ToolkitVersions{Version: composio.VersionLatest}, Search: "x"})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, "X-User-Api-Key", r.credential(t))
	assert.Equal(t, url.Values{"toolkit_versions": {"latest"}, "search": {"x"}}, r.Query)
}

func TestToolsList_SendsClientVersions(t *testing.T) {
	w := newWire(t, 200, `{"items":[],"total_items":0,"total_pages":0,"current_page":1}`)
	ctx := context.Background()

	c := w.client(composio.WithToolkitVersions(map[string]string{"GitHub": "20250906_01"}))
	_, err := c.Tools.List(ctx, composio.ToolListParams{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions[github]": {"20250906_01"}}, w.last().Query)

	_, err = c.Tools.List(ctx, composio.ToolListParams{ToolkitVersions: composio.ToolkitVersions{Version: "latest"}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions": {"latest"}}, w.last().Query, "an explicit value wins over the client's")

	c = w.client(composio.WithToolkitVersion("20250906_01"))
	_, err = c.Tools.List(ctx, composio.ToolListParams{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions": {"20250906_01"}}, w.last().Query)

	c = w.client()
	_, err = c.Tools.List(ctx, composio.ToolListParams{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions": {"latest"}}, w.last().Query, "nothing configured: latest, as @composio/core sends it")
}

func TestToolkitVersions_BothSetRefused(t *testing.T) {
	w := newWire(t, 200, `{}`)
	_, err := w.client().Tools.List(context.Background(), composio.ToolListParams{
		ToolkitVersions: composio.ToolkitVersions{Version: "latest", ByToolkit: map[string]string{"github": "x"}},
	})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

func TestToolsListAll_Pages(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"A"}],"next_cursor":"c2","total_items":2,"total_pages":2,"current_page":1}`).
		then(200, `{"items":[{"slug":"B"}],"next_cursor":null,"total_items":2,"total_pages":2,"current_page":2}`)
	tools, err := composio.Collect(w.client().Tools.ListAll(context.Background(), composio.ToolListParams{ToolkitSlug: "github", Limit: 1}))
	require.NoError(t, err)
	require.Len(t, tools, 2)
	assert.Equal(t, "B", tools[1].Slug)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, url.Values{"toolkit_slug": {"github"}, "toolkit_versions": {"latest"}, "limit": {"1"}, "cursor": {"c2"}}, reqs[1].Query)
}

func TestToolsGetEnum_Wire(t *testing.T) {
	w := newWire(t, 200, `["GITHUB_CREATE_AN_ISSUE","GMAIL_SEND_EMAIL"]`)
	slugs, err := w.client().Tools.ListSlugs(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []string{"GITHUB_CREATE_AN_ISSUE", "GMAIL_SEND_EMAIL"}, slugs)
	r := w.last()
	assert.Equal(t, "GET /api/v3.1/tools/enum", r.Method+" "+r.Path)
	assert.Equal(t, "X-Api-Key", r.credential(t))

	// The answer is described as a JSON string holding the array.
	w = newWire(t, 200, `"[\"GITHUB_CREATE_AN_ISSUE\",\"GMAIL_SEND_EMAIL\"]"`)
	slugs, err = w.client().Tools.ListSlugs(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []string{"GITHUB_CREATE_AN_ISSUE", "GMAIL_SEND_EMAIL"}, slugs)

	w = newWire(t, 200, `{"items":[]}`)
	_, err = w.client().Tools.ListSlugs(context.Background())
	require.Error(t, err)
}

func TestToolsGet_Wire(t *testing.T) {
	w := newWire(t, 200, toolsTestdata(t, "tool.json"))
	c := w.client(composio.WithToolkitVersions(map[string]string{"github": "20250801_00"}))
	tool, err := c.Tools.Get(context.Background(), "GITHUB CREATE/ISSUE", composio.ToolGetParams{Version: "20250906_01"})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/api/v3.1/tools/GITHUB%20CREATE%2FISSUE", r.Path)
	assert.Equal(t, url.Values{"version": {"20250906_01"}}, r.Query, "an explicit version replaces the client's toolkit versions")
	assert.Equal(t, "X-Api-Key", r.credential(t))
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", tool.Slug)
	assert.False(t, tool.NoAuth)

	_, err = c.Tools.Get(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolGetParams{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions[github]": {"20250801_00"}}, w.last().Query)
}

func TestToolsGet_NotFoundAndEmptySlug(t *testing.T) {
	w := newWire(t, 404, toolNotFoundBody)
	c := w.client()
	_, err := c.Tools.Get(context.Background(), "NOPE", composio.ToolGetParams{})
	require.ErrorIs(t, err, composio.ErrNotFound)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1500, apiErr.Code)
	assert.Equal(t, "req_1", apiErr.RequestID)

	n := len(w.requests())
	for _, slug := range []string{"", " ", "..", "."} {
		_, err = c.Tools.Get(context.Background(), slug, composio.ToolGetParams{})
		require.ErrorIs(t, err, composio.ErrInvalidParams, slug)
		_, err = c.Tools.Execute(context.Background(), slug, composio.ToolExecuteParams{Version: "20250906_01"})
		require.ErrorIs(t, err, composio.ErrInvalidParams, slug)
		_, err = c.Tools.GenerateInput(context.Background(), slug, composio.ToolGenerateInputParams{Text: "x"})
		require.ErrorIs(t, err, composio.ErrInvalidParams, slug)
	}
	assert.Len(t, w.requests(), n, "nothing sent for an invalid slug")
}

func TestToolsExecute_Wire(t *testing.T) {
	w := newWire(t, 200, toolsTestdata(t, "execute.json"))
	res, err := w.client().Tools.Execute(context.Background(), "GITHUB_CREATE_A_WORKFLOW_DISPATCH_EVENT", composio.ToolExecuteParams{
		UserID:             "user-123",
		ConnectedAccountID: "ca_1a2b3c4d5e6f",
		Arguments:          map[string]any{"repository": "octocat/Hello-World", "ref": "main", "inputs": map[string]any{"environment": "production"}},
		Version:            "20250906_01",
		CustomAuthParams: &composio.CustomAuthParams{
			BaseURL:    "https://api.example.com",
			Parameters: []composio.CustomAuthParameter{{Name: "x-api-key", In: composio.ParameterInHeader, Value: "secret-key"}, {Name: "page", In: composio.ParameterInQuery, Value: 2}},
		},
		CustomConnectionData: &composio.CustomConnectionData{AuthScheme: "OAUTH2", ToolkitSlug: "github", Val: map[string]any{"access_token": "secret-token"}},
		AllowTracing:         composio.Ptr(false),
		LLMGatewayHeaders:    map[string]string{"x-team": "a"},
	})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/api/v3.1/tools/execute/GITHUB_CREATE_A_WORKFLOW_DISPATCH_EVENT", r.Path)
	assert.Equal(t, "X-Api-Key", r.credential(t))
	assert.Equal(t, `{"x-team":"a"}`, r.Header.Get("X-Llm-Gateway-Headers"))
	assert.JSONEq(t, `{
		"user_id": "user-123",
		"connected_account_id": "ca_1a2b3c4d5e6f",
		"arguments": {"repository": "octocat/Hello-World", "ref": "main", "inputs": {"environment": "production"}},
		"version": "20250906_01",
		"custom_auth_params": {"base_url": "https://api.example.com", "parameters": [
			{"name": "x-api-key", "in": "header", "value": "secret-key"}, {"name": "page", "in": "query", "value": 2}]},
		"custom_connection_data": {"authScheme": "OAUTH2", "toolkitSlug": "github", "val": {"access_token": "secret-token"}},
		"allow_tracing": false
	}`, string(r.Body))

	assert.True(t, res.Successful)
	assert.Empty(t, res.Error)
	assert.Equal(t, "log_abc123def456", res.LogID)
	assert.Equal(t, "GITHUB_CREATE_A_WORKFLOW_DISPATCH_EVENT", res.Tool)
	assert.JSONEq(t, `{"session_id": "session-12345", "expires_at": "2023-01-01T13:00:00Z"}`, string(res.SessionInfo))
	require.NoError(t, res.Err())
	var run struct {
		RunID  int64  `json:"run_id"`
		Status string `json:"status"`
	}
	require.NoError(t, res.Decode(&run))
	assert.Equal(t, int64(12345678), run.RunID)
	assert.Equal(t, "queued", run.Status)
}

func TestToolsExecute_TextAndUserKey(t *testing.T) {
	w := newWire(t, 200, `{"data":{},"error":null,"successful":true}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	_, err = c.Tools.Execute(context.Background(), "GMAIL_SEND_EMAIL", composio.ToolExecuteParams{
		UserID: "u", Text: "Send hello to a@example.com", Version: "20250909_00", EntityID: "legacy"})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, "X-User-Api-Key", r.credential(t))
	assert.JSONEq(t, `{"user_id":"u","text":"Send hello to a@example.com","version":"20250909_00","entity_id":"legacy"}`, string(r.Body))
	assert.Empty(t, r.Header.Get("X-Llm-Gateway-Headers"))

	_, err = c.Tools.Execute(context.Background(), "X", composio.ToolExecuteParams{Text: "a", Arguments: map[string]any{}, Version: "1"})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestToolsExecute_FailedTool(t *testing.T) {
	w := newWire(t, 200, `{"data":{"status_code":404,"message":"Not Found"},"error":"Repository not found","successful":false,"log_id":"log_9"}`)
	res, err := w.client().Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u", Version: "20250906_01"})
	require.NoError(t, err, "a tool that ran and failed is not a request error")
	assert.False(t, res.Successful)
	toolErr := res.Err()
	require.Error(t, toolErr)
	assert.ErrorIs(t, toolErr, composio.ErrToolFailed)
	var te *composio.ToolError
	require.ErrorAs(t, toolErr, &te)
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", te.Tool)
	assert.Equal(t, "Repository not found", te.Message)
	assert.Equal(t, "log_9", te.LogID)
	assert.JSONEq(t, `{"status_code":404,"message":"Not Found"}`, string(te.Data))
	assert.Equal(t, "composio: tool GITHUB_CREATE_AN_ISSUE failed: Repository not found (log_id log_9)", toolErr.Error())
	assert.JSONEq(t, `{"error":"Repository not found","data":{"status_code":404,"message":"Not Found"}}`, res.ModelOutput())
}

func TestToolsExecute_ErrorEnvelope(t *testing.T) {
	w := newWire(t, 400, `{"error":{"message":"No connected account found","code":1803,"status":400,"request_id":"req_2","suggested_fix":"Connect an account."}}`)
	_, err := w.client().Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u", Version: "20250906_01"})
	require.ErrorIs(t, err, composio.ErrBadRequest)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1803, apiErr.Code)
	assert.Len(t, w.requests(), 1)
}

func TestToolExecution_DecodeWithoutData(t *testing.T) {
	var e composio.ToolExecution
	var v map[string]any
	assert.Error(t, e.Decode(&v))
	assert.True(t, errors.Is(e.Err(), composio.ErrToolFailed), "successful false by default")
}
