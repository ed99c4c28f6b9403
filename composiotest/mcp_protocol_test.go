package composiotest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mcpRPC posts one JSON-RPC message to an MCP URL with the project key.
func mcpRPC(t *testing.T, s *Server, url, msg string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(msg))
	require.NoError(t, err)
	req.Header.Set("x-api-key", s.APIKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestMCPServerSpeaksMCP(t *testing.T) {
	s := NewServer(t)
	status, server := doRouterRequest(t, s, "POST", "/mcp/servers", `{"name":"Echo MCP","auth_config_ids":[],"allowed_tools":["COMPOSIO_ECHO"]}`)
	require.Equal(t, http.StatusCreated, status, server)
	status, urls := doRouterRequest(t, s, "POST", "/mcp/servers/generate", `{"mcp_server_id":"`+server["id"].(string)+`","user_ids":["alice"]}`)
	require.Equal(t, http.StatusOK, status, urls)
	url := urls["user_ids_url"].([]any)[0].(string)

	status, init := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`)
	require.Equal(t, http.StatusOK, status, init)
	assert.Equal(t, "2025-03-26", init["result"].(map[string]any)["protocolVersion"])
	status, _ = mcpRPC(t, s, url, `{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	assert.Equal(t, http.StatusAccepted, status)

	_, list := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	tools := list["result"].(map[string]any)["tools"].([]any)
	require.Len(t, tools, 1)
	assert.Equal(t, "COMPOSIO_ECHO", tools[0].(map[string]any)["name"])

	_, call := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"COMPOSIO_ECHO","arguments":{"message":"hi"}}}`)
	result := call["result"].(map[string]any)
	assert.Equal(t, false, result["isError"])
	assert.Equal(t, map[string]any{"echo": map[string]any{"message": "hi"}}, result["structuredContent"])

	_, bad := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"COMPOSIO_ECHO","arguments":{}}}`)
	assert.Equal(t, true, bad["result"].(map[string]any)["isError"], "arguments are checked against the schema, as Tools.Execute does")

	_, unknown := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"GITHUB_STAR"}}`)
	assert.EqualValues(t, -32602, unknown["error"].(map[string]any)["code"])
	_, missing := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":5,"method":"resources/list"}`)
	assert.EqualValues(t, -32601, missing["error"].(map[string]any)["code"])

	status, _ = mcpRPC(t, s, strings.Split(url, "?")[0], `{"jsonrpc":"2.0","id":1,"method":"ping"}`)
	assert.Equal(t, http.StatusBadRequest, status, "an MCP URL names its user")
	status, _ = mcpRPC(t, s, url, `not json`)
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestSessionSpeaksMCP(t *testing.T) {
	s := NewServer(t)
	status, session := doRouterRequest(t, s, "POST", "/tool_router/session", `{"user_id":"u1","preload":{"tools":["COMPOSIO_ECHO"]}}`)
	require.Equal(t, http.StatusCreated, status, session)
	url := session["mcp"].(map[string]any)["url"].(string)

	_, list := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`)
	var names []string
	for _, tool := range list["result"].(map[string]any)["tools"].([]any) {
		names = append(names, tool.(map[string]any)["name"].(string))
	}
	assert.Contains(t, names, "COMPOSIO_SEARCH_TOOLS")
	assert.Contains(t, names, "COMPOSIO_ECHO", "preloaded tools are listed directly")

	_, call := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"COMPOSIO_SEARCH_TOOLS","arguments":{"queries":[{"use_case":"echo a message"}]}}}`)
	result := call["result"].(map[string]any)
	require.Equal(t, false, result["isError"], result)
	primary := result["structuredContent"].(map[string]any)["results"].([]any)[0].(map[string]any)["primary_tool_slugs"]
	assert.Contains(t, primary, "COMPOSIO_ECHO")

	_, wb := mcpRPC(t, s, url, `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"COMPOSIO_REMOTE_WORKBENCH","arguments":{}}}`)
	assert.Equal(t, true, wb["result"].(map[string]any)["isError"])
}
