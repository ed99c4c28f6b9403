package composiotest_test

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

func TestAdminAPINeedsTheProjectKey(t *testing.T) {
	srv := composiotest.NewServer(t)
	for _, key := range []string{"", "wrong"} {
		req, err := http.NewRequest("GET", srv.URL+"/fake/faults", nil)
		require.NoError(t, err)
		if key != "" {
			req.Header.Set("x-api-key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "key %q", key)
	}
}

func TestAdminFaults(t *testing.T) {
	srv := composiotest.NewServer(t)
	status, out := adminCall(t, srv, "POST", "/fake/faults",
		`{"method":"GET","path":"/toolkits/{slug}","times":1,"status":503,"retry_after_ms":5,"message":"down for a moment"}`)
	require.Equal(t, http.StatusCreated, status, out)
	id, _ := out["id"].(string)
	require.NotEmpty(t, id)
	assert.EqualValues(t, 1, out["left"])
	assert.EqualValues(t, 0, out["hits"])
	assert.Equal(t, "/toolkits/{slug}", out["path"])

	// The fault hits its operation once; the client retries on its own.
	client := srv.Client(composio.WithMaxRetries(0))
	_, err := client.Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Equal(t, "down for a moment", apiErr.Message)
	assert.Equal(t, 5_000_000, int(apiErr.RetryAfter))
	_, err = client.Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{})
	require.NoError(t, err)

	// A declarative predicate: query parameters and a body substring.
	status, _ = adminCall(t, srv, "POST", "/fake/faults", `{"path":"/tools/execute/{tool_slug}","body_contains":"boom","status":400}`)
	require.Equal(t, http.StatusCreated, status)
	status, _ = adminCall(t, srv, "POST", "/fake/faults", `{"path":"/toolkits","query":{"category":"news"},"status":418}`)
	require.Equal(t, http.StatusCreated, status)
	echo := func(msg string) error {
		_, err := client.Tools.Execute(context.Background(), composiotest.ToolComposioEcho, composio.ToolExecuteParams{
			Version: composiotest.VersionComposio, Arguments: map[string]any{"message": msg}})
		return err
	}
	assert.NoError(t, echo("calm"))
	assert.ErrorIs(t, echo("boom"), composio.ErrBadRequest)
	_, err = client.Toolkits.List(context.Background(), composio.ToolkitListParams{Category: "news"})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 418, apiErr.StatusCode)
	_, err = client.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	assert.NoError(t, err)

	// List, remove one, clear.
	srv.FailNext(1, 500) // Go faults are listed too
	status, out = adminCall(t, srv, "GET", "/fake/faults", "")
	require.Equal(t, http.StatusOK, status)
	faults, _ := out["faults"].([]any)
	require.Len(t, faults, 3)
	first := faults[0].(map[string]any)
	assert.Equal(t, "boom", first["body_contains"])
	assert.EqualValues(t, -1, first["left"])
	assert.EqualValues(t, 1, first["hits"])
	assert.EqualValues(t, 500, faults[2].(map[string]any)["status"])

	status, _ = adminCall(t, srv, "DELETE", "/fake/faults/"+first["id"].(string), "")
	assert.Equal(t, http.StatusOK, status)
	status, out = adminCall(t, srv, "DELETE", "/fake/faults/"+first["id"].(string), "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, errorMessage(out), "No pending fault")
	status, out = adminCall(t, srv, "DELETE", "/fake/faults", "")
	assert.Equal(t, http.StatusOK, status)
	assert.EqualValues(t, 2, out["removed"])
	assert.Empty(t, srv.Faults())
}

// The admin API's errors name its JSON fields.
func TestAdminFaultErrorsNameJSONFields(t *testing.T) {
	srv := composiotest.NewServer(t)
	for body, want := range map[string]string{
		`{"status":200}`:                             "status must be from 400 to 599, got 200",
		`{"latency":5}`:                              `unknown field \"latency\"`,
		`{"latency_ms":-1}`:                          "latency_ms must not be negative",
		`{"drop":"answer","status":500}`:             "drop excludes status, stall_body_ms and truncate_body",
		`{"drop":"later"}`:                           `drop must be \"before_body\", \"after_body\" or \"answer\"`,
		`{"path":"/toolkits"}`:                       "status is not set, nor any other effect",
		`{"path":"toolkits","status":500}`:           "path must start with /",
		`{"stall_body_ms":5,"truncate_body":true}`:   "stall_body_ms excludes truncate_body",
		`{"status":"500"}`:                           `invalid type for field \"status\"`,
		`{"drop":"before_body","body_contains":"x"}`: "body_contains needs the body",
	} {
		status, out := adminCall(t, srv, "POST", "/fake/faults", body)
		assert.Equal(t, http.StatusBadRequest, status, body)
		msg := errorMessage(out)
		assert.Contains(t, msg, want, body)
		assert.NotContains(t, msg, "Fault.", body)
	}
	assert.Empty(t, srv.Faults())
}

func TestAdminRequestLog(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	_, err := client.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{})
	require.NoError(t, err)
	_, err = client.Tools.Execute(ctx, composiotest.ToolComposioEcho, composio.ToolExecuteParams{
		Version: composiotest.VersionComposio, Arguments: map[string]any{"message": "hi"}})
	require.NoError(t, err)
	adminCall(t, srv, "GET", "/fake/faults", "") // admin calls are not logged

	status, out := adminCall(t, srv, "GET", "/fake/requests", "")
	require.Equal(t, http.StatusOK, status)
	reqs, _ := out["requests"].([]any)
	require.Len(t, reqs, 2)
	get := reqs[0].(map[string]any)
	assert.Equal(t, "GET", get["method"])
	assert.Equal(t, "/api/v3.1/toolkits/github", get["path"])
	assert.Nil(t, get["body"])
	headers := get["headers"].(map[string]any)
	assert.Contains(t, headers, "X-Api-Key")
	post := reqs[1].(map[string]any)
	assert.Contains(t, post["body"], `"message":"hi"`)

	status, out = adminCall(t, srv, "GET", "/fake/requests?method=post&path=/tools/execute/{tool_slug}", "")
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, out["requests"], 1)
	status, out = adminCall(t, srv, "GET", "/fake/requests?path=tools", "")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, errorMessage(out), "path must start with /")

	status, _ = adminCall(t, srv, "DELETE", "/fake/requests", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Empty(t, srv.Requests())
}

func TestAdminSeeding(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()

	status, out := adminCall(t, srv, "POST", "/fake/users", `{"user_id":"ada","toolkits":["github","slack"]}`)
	require.Equal(t, http.StatusCreated, status, out)
	assert.Len(t, out["connected_accounts"], 2)
	page, err := client.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{UserIDs: []string{"ada"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	for _, a := range page.Items {
		assert.Equal(t, composio.StatusActive, a.Status)
	}
	// A seeded user's tools run.
	_, err = client.Tools.Execute(ctx, composiotest.ToolGitHubGetTheAuthenticatedUser, composio.ToolExecuteParams{UserID: "ada", Version: composiotest.VersionGitHub})
	require.NoError(t, err)

	status, out = adminCall(t, srv, "POST", "/fake/connected_accounts", `{"user_id":"bob","toolkit":"gmail","status":"EXPIRED","alias":"work"}`)
	require.Equal(t, http.StatusCreated, status, out)
	acct, err := client.ConnectedAccounts.Get(ctx, out["id"].(string))
	require.NoError(t, err)
	assert.Equal(t, composio.StatusExpired, acct.Status)
	assert.Equal(t, "work", acct.Alias)

	status, out = adminCall(t, srv, "POST", "/fake/auth_configs", `{"toolkit":"linear"}`)
	require.Equal(t, http.StatusOK, status, out)
	cfg, err := client.AuthConfigs.Get(ctx, out["id"].(string))
	require.NoError(t, err)
	assert.Equal(t, "linear", cfg.Toolkit.Slug)

	for path, tc := range map[string][2]string{
		"/fake/users#1":              {`{"toolkits":["github"]}`, "user_id is required"},
		"/fake/users#2":              {`{"user_id":"x"}`, "toolkits must list at least one toolkit"},
		"/fake/users#3":              {`{"user_id":"x","toolkits":["github","nope"]}`, `toolkits[1]: no toolkit \"nope\"`},
		"/fake/connected_accounts#1": {`{"user_id":"x"}`, "toolkit or auth_config_id is required"},
		"/fake/connected_accounts#2": {`{"toolkit":"nope"}`, `toolkit: no toolkit \"nope\"`},
		"/fake/connected_accounts#3": {`{"toolkit":"github","status":"SLEEPY"}`, "status must be one of"},
		"/fake/connected_accounts#4": {`{"auth_config_id":"ac_nope"}`, "auth_config_id: no auth config ac_nope"},
		"/fake/auth_configs#1":       {`{}`, "toolkit is required"},
		"/fake/auth_configs#2":       {`{"toolkit":"nope"}`, `no toolkit \"nope\"`},
	} {
		status, out := adminCall(t, srv, "POST", strings.Split(path, "#")[0], tc[0])
		assert.Equal(t, http.StatusBadRequest, status, path)
		assert.Contains(t, errorMessage(out), tc[1], path)
	}
}

func TestReset(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	srv.SeedActiveAccount("u", "github")
	srv.AddFault(composiotest.Fault{Path: "/auth_configs", Status: 500})
	srv.SetLatency(time.Hour)

	status, _ := adminCall(t, srv, "POST", "/fake/reset", "")
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, srv.Faults())
	assert.Empty(t, srv.Requests())
	page, err := client.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{})
	require.NoError(t, err, "no fault, no latency")
	assert.Empty(t, page.Items)
	tks, err := client.Toolkits.List(ctx, composio.ToolkitListParams{})
	require.NoError(t, err)
	assert.NotEmpty(t, tks.Items, "the catalog is back")

	srv.SeedActiveAccount("u", "github")
	srv.Reset()
	page, err = client.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
}

// WithKeys sets the keys the fake accepts; Client uses them, and the
// defaults no longer work. Empty ones keep the defaults.
func TestWithKeys(t *testing.T) {
	srv := composiotest.NewServer(t, composiotest.WithKeys("ak_mine_0123456789", "oak_mine_0123456789", ""))
	assert.Equal(t, "ak_mine_0123456789", srv.APIKey)
	assert.Equal(t, "oak_mine_0123456789", srv.OrgAPIKey)
	assert.Equal(t, composiotest.DefaultUserAPIKey, srv.UserAPIKey)
	ctx := context.Background()
	_, err := srv.Client().Toolkits.List(ctx, composio.ToolkitListParams{})
	require.NoError(t, err)
	_, err = srv.Client().Projects.List(ctx, composio.ProjectListParams{}) // the org key
	require.NoError(t, err)

	stale, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithAPIKey(composiotest.DefaultAPIKey))
	require.NoError(t, err)
	_, err = stale.Toolkits.List(ctx, composio.ToolkitListParams{})
	assert.ErrorIs(t, err, composio.ErrUnauthorized)
}
