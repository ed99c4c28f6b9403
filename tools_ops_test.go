package composio_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolsGenerateInput_Wire(t *testing.T) {
	w := newWire(t, 200, `{"arguments":{"owner":"composiohq","repo":"composio","title":"Bug"},"extra":1}`)
	in, err := w.client().Tools.GenerateInput(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolGenerateInputParams{
		Text: "Open an issue titled Bug in composiohq/composio", CustomDescription: "Creates issues", SystemPrompt: "Be terse", Version: "20250906_01",
	})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, "POST /api/v3.1/tools/execute/GITHUB_CREATE_AN_ISSUE/input", r.Method+" "+r.Path)
	assert.Equal(t, "X-Api-Key", r.credential(t))
	assert.JSONEq(t, `{"text":"Open an issue titled Bug in composiohq/composio","custom_description":"Creates issues","system_prompt":"Be terse","version":"20250906_01"}`, string(r.Body))
	assert.Equal(t, map[string]any{"owner": "composiohq", "repo": "composio", "title": "Bug"}, in.Arguments)
	assert.Empty(t, in.Error)

	_, err = w.client().Tools.GenerateInput(context.Background(), "X", composio.ToolGenerateInputParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestToolsGenerateInput_RequiresProjectKey(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	_, err = c.Tools.GenerateInput(context.Background(), "X", composio.ToolGenerateInputParams{Text: "a"})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Tools.Proxy(context.Background(), composio.ToolProxyParams{Endpoint: "/x", Method: composio.ProxyGet})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Tools.GetRequiredScopes(context.Background(), composio.ToolRequiredScopesParams{Tools: []string{"X"}})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

func TestToolsProxy_Wire(t *testing.T) {
	w := newWire(t, 200, toolsTestdata(t, "proxy.json"))
	res, err := w.client().Tools.Proxy(context.Background(), composio.ToolProxyParams{
		ConnectedAccountID: "ca_1",
		Endpoint:           "/repos/octocat/hello/issues",
		Method:             composio.ProxyPost,
		Body:               map[string]any{"title": "Bug"},
		Parameters:         []composio.ProxyParameter{{Name: "Accept", Value: "application/vnd.github+json", Type: composio.ParameterInHeader}},
	})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, "POST /api/v3.1/tools/execute/proxy", r.Method+" "+r.Path)
	assert.Equal(t, "X-Api-Key", r.credential(t))
	assert.JSONEq(t, `{"connected_account_id":"ca_1","endpoint":"/repos/octocat/hello/issues","method":"POST",
		"body":{"title":"Bug"},"parameters":[{"name":"Accept","value":"application/vnd.github+json","type":"header"}]}`, string(r.Body))
	assert.Equal(t, 200, res.Status)
	assert.Equal(t, "4999", res.Headers["x-ratelimit-remaining"])
	var user struct{ Login string }
	require.NoError(t, res.Decode(&user))
	assert.Equal(t, "octocat", user.Login)
	require.NotNil(t, res.BinaryData)
	assert.Equal(t, int64(20481), res.BinaryData.Size)
	assert.Equal(t, time.Date(2025, 9, 6, 11, 0, 0, 0, time.UTC), res.BinaryData.ExpiresAt.Time)

	_, err = w.client().Tools.Proxy(context.Background(), composio.ToolProxyParams{
		Endpoint: "/upload", Method: composio.ProxyPut, BinaryBody: &composio.ProxyBinaryBody{Base64: "aGk=", ContentType: "text/plain"},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"endpoint":"/upload","method":"PUT","binary_body":{"base64":"aGk=","content_type":"text/plain"}}`, string(w.last().Body))
}

func TestToolsProxy_Validation(t *testing.T) {
	w := newWire(t, 200, `{"status":200}`)
	c := w.client()
	for name, p := range map[string]composio.ToolProxyParams{
		"no endpoint":  {Method: composio.ProxyGet},
		"no method":    {Endpoint: "/x"},
		"bad method":   {Endpoint: "/x", Method: "TRACE"},
		"binary both":  {Endpoint: "/x", Method: composio.ProxyPut, BinaryBody: &composio.ProxyBinaryBody{URL: "https://a", Base64: "aGk="}},
		"binary none":  {Endpoint: "/x", Method: composio.ProxyPut, BinaryBody: &composio.ProxyBinaryBody{}},
		"body and bin": {Endpoint: "/x", Method: composio.ProxyPut, Body: "x", BinaryBody: &composio.ProxyBinaryBody{URL: "https://a"}},
	} {
		_, err := c.Tools.Proxy(context.Background(), p)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
	assert.Empty(t, w.requests())
}

func TestToolsGetRequiredScopes_Wire(t *testing.T) {
	w := newWire(t, 200, toolsTestdata(t, "scopes.json"))
	res, err := w.client().Tools.GetRequiredScopes(context.Background(), composio.ToolRequiredScopesParams{
		Tools: []string{"GITHUB_CREATE_AN_ISSUE", "GITHUB_LEGACY_TOOL"}, Version: "20250906_01"})
	require.NoError(t, err)
	r := w.last()
	assert.Equal(t, "POST /api/v3.1/tools/scopes/required", r.Method+" "+r.Path)
	assert.Equal(t, "X-Api-Key", r.credential(t))
	assert.JSONEq(t, `{"tools":["GITHUB_CREATE_AN_ISSUE","GITHUB_LEGACY_TOOL"],"version":"20250906_01"}`, string(r.Body))
	assert.Equal(t, []string{"repo", "read:user"}, res.ScopesRequired)
	require.Len(t, res.PerToolRequirements, 2)
	assert.Equal(t, []composio.ScopeRequirement{{Scope: "read:user"}, {AnyOf: []string{"repo", "public_repo"}}}, res.PerToolRequirements[0].ScopeRequirements.AllOf)
	assert.Nil(t, res.PerToolRequirements[1].ScopeRequirements)

	for _, tools := range [][]string{nil, {""}} {
		_, err = w.client().Tools.GetRequiredScopes(context.Background(), composio.ToolRequiredScopesParams{Tools: tools})
		require.ErrorIs(t, err, composio.ErrInvalidParams)
	}
	assert.Len(t, w.requests(), 1)
}

func TestScopeRequirement_RoundTrip(t *testing.T) {
	in := `{"all_of":["a",{"any_of":["b","c"]},{"any_of":[]}]}`
	var reqs composio.ScopeRequirements
	require.NoError(t, json.Unmarshal([]byte(in), &reqs))
	assert.Equal(t, []composio.ScopeRequirement{{Scope: "a"}, {AnyOf: []string{"b", "c"}}, {AnyOf: []string{}}}, reqs.AllOf)
	out, err := json.Marshal(reqs)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

func TestTools_ErrorEnvelopeEveryOperation(t *testing.T) {
	ctx := context.Background()
	ops := map[string]func(c *composio.Client) error{
		"List": func(c *composio.Client) error { _, err := c.Tools.List(ctx, composio.ToolListParams{}); return err },
		"ListAll": func(c *composio.Client) error {
			_, err := composio.Collect(c.Tools.ListAll(ctx, composio.ToolListParams{}))
			return err
		},
		"ListSlugs": func(c *composio.Client) error { _, err := c.Tools.ListSlugs(ctx); return err },
		"Get":       func(c *composio.Client) error { _, err := c.Tools.Get(ctx, "X", composio.ToolGetParams{}); return err },
		"Execute": func(c *composio.Client) error {
			_, err := c.Tools.Execute(ctx, "X", composio.ToolExecuteParams{Version: "1"})
			return err
		},
		"ExecuteCall": func(c *composio.Client) error {
			_, err := c.Tools.ExecuteCall(ctx, composio.ToolCall{Name: "X"}, composio.ToolExecuteParams{Version: "1"})
			return err
		},
		"GenerateInput": func(c *composio.Client) error {
			_, err := c.Tools.GenerateInput(ctx, "X", composio.ToolGenerateInputParams{Text: "t"})
			return err
		},
		"Proxy": func(c *composio.Client) error {
			_, err := c.Tools.Proxy(ctx, composio.ToolProxyParams{Endpoint: "/x", Method: composio.ProxyGet})
			return err
		},
		"GetRequiredScopes": func(c *composio.Client) error {
			_, err := c.Tools.GetRequiredScopes(ctx, composio.ToolRequiredScopesParams{Tools: []string{"X"}})
			return err
		},
	}
	for name, op := range ops {
		for status, sentinel := range map[int]error{404: composio.ErrNotFound, 400: composio.ErrBadRequest} {
			w := newWire(t, status, toolNotFoundBody)
			err := op(w.client())
			require.ErrorIs(t, err, sentinel, name)
			var apiErr *composio.Error
			require.ErrorAs(t, err, &apiErr, name)
			assert.Equal(t, "req_1", apiErr.RequestID, name)
			assert.Len(t, w.requests(), 1, "%s: 4xx is not retried", name)
		}
	}
}
