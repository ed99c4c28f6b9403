package composio_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolkitsListWire(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "toolkits/list.json"))
	page, err := w.client().Toolkits.List(context.Background(), composio.ToolkitListParams{
		Category: "developer-tools", ManagedBy: composio.ManagedByComposio, Type: composio.ToolkitTypeFilterNative,
		SortBy: composio.ToolkitSortByUsage, IncludeDeprecated: composio.Ptr(false), Search: "git hub", Limit: 2, Cursor: "abc",
	})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/toolkits", req.Path)
	assert.Equal(t, url.Values{
		"category": {"developer-tools"}, "managed_by": {"composio"}, "type": {"native"}, "sort_by": {"usage"},
		"include_deprecated": {"false"}, "search": {"git hub"}, "limit": {"2"}, "cursor": {"abc"},
	}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, testAPIKey, req.Header.Get("X-Api-Key"))
	assert.Equal(t, "application/json", req.Header.Get("Accept"))
	assert.Empty(t, req.Body)

	require.Len(t, page.Items, 2)
	assert.Equal(t, "eyJwYWdlIjoyLCJsaW1pdCI6Mn0", page.NextCursor)
	assert.True(t, page.HasMore())
	assert.Equal(t, 84, page.TotalItems)
	assert.Equal(t, 42, page.TotalPages)
	assert.Equal(t, 1, page.CurrentPage)
	gh := page.Items[0]
	assert.Equal(t, "github", gh.Slug)
	assert.Equal(t, composio.ToolkitTypeNative, gh.Type)
	assert.Equal(t, []string{"OAUTH2", "BEARER_TOKEN"}, gh.AuthSchemes)
	assert.Equal(t, []string{"OAUTH2"}, gh.ComposioManagedAuthSchemes)
	assert.Equal(t, "a1b2c3d4", gh.Deprecated.ToolkitID)
	assert.Equal(t, "2024-05-03T11:44:32.061Z", gh.Meta.CreatedAt)
	assert.Equal(t, []composio.ToolkitCategory{{ID: "developer-tools", Name: "Developer Tools"}}, gh.Meta.Categories)
	assert.Equal(t, 868, gh.Meta.ToolsCount)
	assert.Equal(t, "20250906_01", gh.Meta.Version)
	assert.Equal(t, "https://github.com", gh.Meta.AppURL)
	hn := page.Items[1]
	assert.True(t, hn.NoAuth)
	assert.Empty(t, hn.Meta.AppURL, "null decodes to empty")
	assert.Equal(t, "Sat Jun 01 2024 00:00:00 GMT+0000 (Coordinated Universal Time)", hn.Meta.CreatedAt, "a date in any format decodes")
}

func TestToolkitsListZeroParamsSendsNoQuery(t *testing.T) {
	w := newWire(t, 200, `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`)
	page, err := w.client().Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.NoError(t, err)
	assert.Empty(t, w.last().RawQuery)
	assert.Empty(t, page.Items)
	assert.False(t, page.HasMore())
}

func TestToolkitsListAcceptsUserKeyAlone(t *testing.T) {
	w := newWire(t, 200, `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	_, err = c.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, "X-User-Api-Key", req.credential(t))
	assert.Equal(t, testUserAPIKey, req.Header.Get("X-User-Api-Key"))

	_, err = c.Toolkits.ListCategories(context.Background())
	require.ErrorIs(t, err, composio.ErrInvalidParams, "categories accept only x-api-key")
	assert.Contains(t, err.Error(), "WithAPIKey")
	assert.Len(t, w.requests(), 1, "nothing sent")
}

func TestToolkitsGetWire(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "toolkits/get.json"))
	tk, err := w.client().Toolkits.Get(context.Background(), "git hub/x", composio.ToolkitGetParams{Version: "20250906_01"})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, "GET", req.Method)
	assert.Equal(t, "/api/v3.1/toolkits/git%20hub%2Fx", req.Path, "the slug is one escaped segment")
	assert.Equal(t, url.Values{"version": {"20250906_01"}}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))

	assert.Equal(t, "github", tk.Slug)
	assert.True(t, tk.Enabled)
	require.Len(t, tk.ComposioManagedAuth, 1)
	assert.Equal(t, []string{"repo", "user"}, tk.ComposioManagedAuth[0].Scopes.Available)
	assert.Equal(t, []string{"read:user"}, tk.ComposioManagedAuth[0].UserScopes.Available)
	require.Len(t, tk.AuthConfigDetails, 1)
	d := tk.AuthConfigDetails[0]
	assert.Equal(t, "OAUTH2", d.Mode)
	require.Len(t, d.Fields.AuthConfigCreation.Required, 2)
	assert.True(t, d.Fields.AuthConfigCreation.Required[1].IsSecret)
	assert.Equal(t, "Client ID", d.Fields.AuthConfigCreation.Required[0].DisplayName)
	assert.Equal(t, "repo,user", d.Fields.AuthConfigCreation.Optional[0].Default)
	assert.Equal(t, "https://api.github.com", d.Proxy.BaseURL)
	assert.Equal(t, "https://github.com/login/oauth/access_token", d.DeprecatedAuthProviderDetails.TokenURL)
	assert.Equal(t, []string{"20250801_00", "20250906_01"}, tk.Meta.AvailableVersions)
	assert.Equal(t, []composio.ToolkitCategory{{Slug: "developer-tools", Name: "Developer Tools"}}, tk.Meta.Categories)
	assert.Equal(t, "/user", tk.GetCurrentUserEndpoint)
	assert.Equal(t, "GET", tk.GetCurrentUserEndpointMethod)
	assert.Equal(t, "/user", tk.Deprecated.GetCurrentUserEndpoint)
	assert.Equal(t, []map[string]any{{"scheme": "oauth2"}}, tk.Deprecated.RawProxyInfoByAuthSchemes)
}

func TestToolkitsGetRefusesBadSlugBeforeSending(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c := w.client()
	for _, slug := range []string{"", "  ", ".", ".."} {
		_, err := c.Toolkits.Get(context.Background(), slug, composio.ToolkitGetParams{})
		require.ErrorIs(t, err, composio.ErrInvalidParams, "%q", slug)
		assert.Contains(t, err.Error(), "slug")
	}
	assert.Empty(t, w.requests())
}

func TestToolkitsGetNotFound(t *testing.T) {
	w := newWire(t, 404, `{"error":{"message":"Toolkit nope not found","code":1400,"status":404,"request_id":"req_9","suggested_fix":"List toolkits first"}}`)
	_, err := w.client().Toolkits.Get(context.Background(), "nope", composio.ToolkitGetParams{})
	require.ErrorIs(t, err, composio.ErrNotFound)
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1400, apiErr.Code)
	assert.Equal(t, "req_9", apiErr.RequestID)
	assert.Equal(t, "List toolkits first", apiErr.SuggestedFix)
	assert.Len(t, w.requests(), 1, "a 404 is not retried")
}

func TestToolkitsCategoriesWire(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"id":"productivity","name":"Productivity"},{"id":"crm","name":"CRM"}],"next_cursor":null,"total_pages":1,"current_page":1,"total_items":2}`)
	page, err := w.client().Toolkits.ListCategories(context.Background())
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, "GET", req.Method)
	assert.Equal(t, "/api/v3.1/toolkits/categories", req.Path)
	assert.Empty(t, req.RawQuery)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, []composio.ToolkitCategory{{ID: "productivity", Name: "Productivity"}, {ID: "crm", Name: "CRM"}}, page.Items)
	assert.Empty(t, page.NextCursor)
}

func TestToolkitsChangelogWire(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"github","name":"github","display_name":"GitHub","versions":[{"version":"20250906_01","changelog":"New tools"},{"version":"20250801_00","changelog":"Initial"}]}]}`)
	cl, err := w.client().Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, "GET", req.Method)
	assert.Equal(t, "/api/v3.1/toolkits/changelog", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	require.Len(t, cl.Items, 1)
	assert.Equal(t, "GitHub", cl.Items[0].DisplayName)
	assert.Equal(t, []composio.ToolkitVersionLog{{Version: "20250906_01", Changelog: "New tools"}, {Version: "20250801_00", Changelog: "Initial"}}, cl.Items[0].Versions)
}

func TestToolkitsListMultiWire(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "toolkits/list.json"))
	page, err := w.client().Toolkits.ListBySlugs(context.Background(), composio.ToolkitListBySlugsParams{
		Toolkits: []string{"github", "hackernews"}, SortBy: composio.ToolkitSortByAlphabetically, Limit: 2,
	})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "/api/v3.1/toolkits/multi", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"toolkits":["github","hackernews"],"sort_by":"alphabetically","limit":2}`, string(req.Body))
	assert.Len(t, page.Items, 2)

	_, err = w.client().Toolkits.ListBySlugs(context.Background(), composio.ToolkitListBySlugsParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(w.last().Body), "optional fields are omitted")
}

func TestToolkitsListMultiAllFollowsBodyCursor(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"a"}],"next_cursor":"c2","total_pages":2,"current_page":1,"total_items":2}`).
		then(200, `{"items":[{"slug":"b"}],"next_cursor":null,"total_pages":2,"current_page":2,"total_items":2}`)
	got, err := composio.Collect(w.client().Toolkits.ListBySlugsAll(context.Background(), composio.ToolkitListBySlugsParams{Toolkits: []string{"a", "b"}, Limit: 1}))
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "b", got[1].Slug)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.JSONEq(t, `{"toolkits":["a","b"],"limit":1}`, string(reqs[0].Body))
	assert.JSONEq(t, `{"toolkits":["a","b"],"limit":1,"cursor":"c2"}`, string(reqs[1].Body))
}

func TestEmptySuccessBodyIsTheZeroModel(t *testing.T) {
	w := newWire(t, 204, ``)
	cl, err := w.client().Toolkits.GetChangelog(context.Background())
	require.NoError(t, err)
	assert.Empty(t, cl.Items)
}
