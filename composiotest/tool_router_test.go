package composiotest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// doRouterRequest sends a raw API request with the project key and decodes the JSON
// answer.
func doRouterRequest(t *testing.T, s *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+"/api/v3.1"+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("x-api-key", s.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return resp.StatusCode, out
}

func TestSessionPatchNullResetsSetting(t *testing.T) {
	s := NewServer(t)
	status, created := doRouterRequest(t, s, "POST", "/tool_router/session",
		`{"user_id":"u1","workbench":{"enable":false,"sandbox_size":"large"},"tags":["readOnlyHint"],"tools":{"composio":{"disable":["composio_echo"]}}}`)
	require.Equal(t, http.StatusCreated, status, created)
	cfg := created["config"].(map[string]any)
	assert.Equal(t, map[string]any{"enable": false, "sandbox_size": "large"}, cfg["workbench"])
	assert.Equal(t, map[string]any{"enabled": []any{"readOnlyHint"}}, cfg["tags"], "the list form of tags reads as an enable list")
	assert.Equal(t, map[string]any{"disabled": []any{"COMPOSIO_ECHO"}}, cfg["tools"].(map[string]any)["composio"])
	assert.NotContains(t, created["tool_router_tools"], "COMPOSIO_REMOTE_WORKBENCH")
	id := created["session_id"].(string)

	status, patched := doRouterRequest(t, s, "PATCH", "/tool_router/session/"+id, `{"workbench":null}`)
	require.Equal(t, http.StatusOK, status, patched)
	assert.NotContains(t, patched["config"], "workbench")
	assert.Contains(t, patched["tool_router_tools"], "COMPOSIO_REMOTE_WORKBENCH")
	assert.EqualValues(t, 2, patched["config_version"])

	status, bad := doRouterRequest(t, s, "PATCH", "/tool_router/session/"+id, `{"user_id":"other"}`)
	assert.Equal(t, http.StatusBadRequest, status, bad)
	status, bad = doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1","search":null}`)
	assert.Equal(t, http.StatusBadRequest, status, bad)
	status, bad = doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1","tags":["loudHint"]}`)
	assert.Equal(t, http.StatusBadRequest, status, bad)
	status, bad = doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1","multi_account":{"max_accounts_per_toolkit":11}}`)
	assert.Equal(t, http.StatusBadRequest, status, bad)
}

func TestSessionCustomToolsEcho(t *testing.T) {
	s := NewServer(t)
	status, created := doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1","experimental":{
		"custom_tools":[{"slug":"get_issues","name":"Issues","description":"d","input_schema":{"type":"object","properties":{}},"extends_toolkit":"github"}],
		"custom_toolkits":[{"slug":"crm","name":"CRM","description":"d","tools":[{"slug":"find","name":"Find","description":"d","input_schema":{"type":"object","properties":{}}}]}]}}`)
	require.Equal(t, http.StatusCreated, status, created)
	exp := created["experimental"].(map[string]any)
	tool := exp["custom_tools"].([]any)[0].(map[string]any)
	assert.Equal(t, "LOCAL_GITHUB_GET_ISSUES", tool["slug"])
	assert.Equal(t, "get_issues", tool["original_slug"])
	kit := exp["custom_toolkits"].([]any)[0].(map[string]any)
	assert.Equal(t, "LOCAL_CRM_FIND", kit["tools"].([]any)[0].(map[string]any)["slug"])

	status, bad := doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1","experimental":{"custom_toolkits":[{"slug":"github","name":"G","description":"d","tools":[]}]}}`)
	assert.Equal(t, http.StatusBadRequest, status, bad)
}

func TestSessionFileURLsExpire(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 9, 8, 12, 0, 0, 0, time.UTC)
	s := NewServer(t, WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	_, created := doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1"}`)
	id := created["session_id"].(string)
	status, up := doRouterRequest(t, s, "POST", "/tool_router/session/"+id+"/mounts/files/upload_url", `{"mount_relative_path":"a.txt"}`)
	require.Equal(t, http.StatusCreated, status, up)
	assert.Equal(t, "2025-09-08T13:00:00Z", up["expires_at"])

	mu.Lock()
	now = now.Add(2 * time.Hour)
	mu.Unlock()
	req, _ := http.NewRequest(http.MethodPut, up["upload_url"].(string), strings.NewReader("late"))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)

	status, items := doRouterRequest(t, s, "GET", "/tool_router/session/"+id+"/mounts/files/items", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, []any{}, items["items"])
	assert.NotContains(t, items, "next_cursor")
	assert.NotContains(t, items, "total_items", "this list answers only items and next_cursor")
}

func TestRouterLinkUnknownToken(t *testing.T) {
	s := NewServer(t)
	resp, err := http.Get(s.URL + "/fake/router-link/lt_nope")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestMCPListPagesByNumber(t *testing.T) {
	s := NewServer(t)
	for _, name := range []string{"Server One", "Server Two", "Server Three"} {
		status, body := doRouterRequest(t, s, "POST", "/mcp/servers", `{"name":"`+name+`","auth_config_ids":[]}`)
		require.Equal(t, http.StatusCreated, status, body)
	}
	status, page := doRouterRequest(t, s, "GET", "/mcp/servers?limit=2&page_no=2&order_direction=asc", "")
	require.Equal(t, http.StatusOK, status)
	assert.EqualValues(t, 2, page["total_pages"])
	assert.EqualValues(t, 2, page["current_page"])
	items := page["items"].([]any)
	require.Len(t, items, 1)
	assert.Equal(t, "Server Three", items[0].(map[string]any)["name"])
	assert.NotContains(t, page, "next_cursor")

	status, bad := doRouterRequest(t, s, "GET", "/mcp/servers?page_no=0", "")
	assert.Equal(t, http.StatusBadRequest, status, bad)
	status, bad = doRouterRequest(t, s, "POST", "/mcp/servers", `{"name":"No Auth Configs"}`)
	assert.Equal(t, http.StatusBadRequest, status, bad)
}

func TestSessionProxyBinaryBodyNeedsOneSource(t *testing.T) {
	s := NewServer(t)
	status, created := doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1"}`)
	require.Equal(t, http.StatusCreated, status, created)
	path := "/tool_router/session/" + created["session_id"].(string) + "/proxy_execute"
	for _, binary := range []string{`{"content_type":"image/png"}`, `{"url":"https://x.test/a","base64":"AA=="}`} {
		status, bad := doRouterRequest(t, s, "POST", path, `{"toolkit_slug":"composio","endpoint":"https://x.test/up","method":"POST","binary_body":`+binary+`}`)
		assert.Equal(t, http.StatusBadRequest, status, bad)
	}
	status, out := doRouterRequest(t, s, "POST", path, `{"toolkit_slug":"composio","endpoint":"https://x.test/up","method":"POST","binary_body":{"base64":"AA=="}}`)
	assert.Equal(t, http.StatusOK, status, out)
}
