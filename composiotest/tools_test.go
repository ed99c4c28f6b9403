package composiotest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toolsCall sends one request to f with the project key and decodes the answer.
func toolsCall(t *testing.T, f *Fake, method, path, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, apiPrefix+path, strings.NewReader(body))
	req.Header.Set(hdrAPIKey, f.APIKey)
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, req)
	raw, _ := io.ReadAll(rec.Body)
	var out map[string]any
	if len(raw) > 0 && raw[0] == '{' {
		require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	}
	return rec.Code, out
}

func TestToolCatalog_SchemasAreConsistent(t *testing.T) {
	f := New(Config{})
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, tool := range f.tools().order {
		_, ok := f.toolkit(tool.ToolkitSlug)
		assert.True(t, ok, "%s: toolkit %s is seeded", tool.Slug, tool.ToolkitSlug)
		assert.True(t, strings.HasPrefix(tool.Slug, strings.ToUpper(tool.ToolkitSlug)+"_"), tool.Slug)
		props, _ := tool.InputParameters["properties"].(map[string]any)
		require.NotNil(t, props, tool.Slug)
		for _, r := range anyList(tool.InputParameters["required"]) {
			assert.Contains(t, props, r, "%s: required %v is a property", tool.Slug, r)
		}
		for name, p := range props {
			assert.NotEmpty(t, p.(map[string]any)["type"], "%s.%s has a type", tool.Slug, name)
		}
		_, err := json.Marshal(f.renderTool(tool, "latest"))
		require.NoError(t, err)
	}
}

func TestToolsGenerateArgs(t *testing.T) {
	f := New(Config{})
	f.mu.Lock()
	calc, _ := f.tool("COMPOSIO_CALCULATE")
	mail, _ := f.tool("GMAIL_SEND_EMAIL")
	echo, _ := f.tool("COMPOSIO_ECHO")
	issues, _ := f.tool("GITHUB_LIST_REPOSITORY_ISSUES")
	f.mu.Unlock()

	for name, tc := range map[string]struct {
		tool    *fakeTool
		text    string
		want    map[string]any
		failure string
	}{
		"synonym and numbers": {calc, "What is 2.5 plus 4?", map[string]any{"operation": "add", "a": 2.5, "b": 4.0}, ""},
		"enum word":           {calc, "divide 9 by 3", map[string]any{"operation": "divide", "a": 9.0, "b": 3.0}, ""},
		"key value wins":      {calc, "operation: subtract a=1 b=10 (ignore 99)", map[string]any{"operation": "subtract", "a": 1.0, "b": 10.0}, ""},
		"email and quotes":    {mail, `Email bob@example.com saying "Lunch at noon?"`, map[string]any{"recipient_email": "bob@example.com", "body": "Lunch at noon?"}, ""},
		"whole text":          {echo, "what's up", map[string]any{"message": "what's up"}, ""},
		"typed optional":      {issues, "owner=acme repo=web state=all per_page=5", map[string]any{"owner": "acme", "repo": "web", "state": "all", "per_page": int64(5)}, ""},
		"missing":             {calc, "nothing useful", map[string]any{}, "operation, a, b"},
	} {
		got, failure := generateArgs(tc.tool.InputParameters, tc.text)
		assert.Equal(t, tc.want, got, name)
		if tc.failure == "" {
			assert.Empty(t, failure, name)
		} else {
			assert.Contains(t, failure, tc.failure, name)
		}
	}
}

func TestToolsValidateArgs(t *testing.T) {
	f := New(Config{})
	f.mu.Lock()
	issues, _ := f.tool("GITHUB_LIST_REPOSITORY_ISSUES")
	f.mu.Unlock()
	s := issues.InputParameters
	assert.Empty(t, validateArgs(s, map[string]any{"owner": "a", "repo": "b", "per_page": 10.0, "extra": true}))
	assert.Contains(t, validateArgs(s, map[string]any{"owner": "a"}), "missing required fields: repo")
	assert.Contains(t, validateArgs(s, map[string]any{"owner": "a", "repo": 1.0}), "repo: expected string")
	assert.Contains(t, validateArgs(s, map[string]any{"owner": "a", "repo": "b", "per_page": 1.5}), "per_page: expected integer")
	assert.Contains(t, validateArgs(s, map[string]any{"owner": "a", "repo": "b", "per_page": 500.0}), "at most 100")
	assert.Contains(t, validateArgs(s, map[string]any{"owner": "a", "repo": "b", "state": "merged"}), "state: must be one of")
	assert.Contains(t, validateArgs(s, map[string]any{"owner": "a", "repo": "b", "state": map[string]any{}}), "state: expected string")
}

func TestToolsFake_EnvelopeErrors(t *testing.T) {
	f := New(Config{})
	for name, tc := range map[string]struct {
		method, path, body string
		status             int
	}{
		"bad json":              {"POST", "/tools/execute/COMPOSIO_ECHO", `{`, 400},
		"args and text":         {"POST", "/tools/execute/COMPOSIO_ECHO", `{"arguments":{},"text":"x"}`, 400},
		"unknown version":       {"POST", "/tools/execute/COMPOSIO_ECHO", `{"version":"1"}`, 404},
		"unknown tool":          {"GET", "/tools/NOPE", ``, 404},
		"bad toolkit_versions":  {"GET", "/tools?toolkit_versions=19990101_00", ``, 400},
		"bad important":         {"GET", "/tools?important=yes", ``, 400},
		"bad include":           {"GET", "/tools?include_deprecated=maybe", ``, 400},
		"bad limit":             {"GET", "/tools?limit=0", ``, 400},
		"bad cursor":            {"GET", "/tools?cursor=zzz", ``, 400},
		"input without text":    {"POST", "/tools/execute/COMPOSIO_ECHO/input", `{}`, 400},
		"scopes without tools":  {"POST", "/tools/scopes/required", `{"tools":[]}`, 400},
		"scopes unknown tool":   {"POST", "/tools/scopes/required", `{"tools":["NOPE"]}`, 404},
		"scopes bad version":    {"POST", "/tools/scopes/required", `{"tools":["GITHUB_CREATE_AN_ISSUE"],"version":"1"}`, 404},
		"proxy no endpoint":     {"POST", "/tools/execute/proxy", `{"method":"GET"}`, 400},
		"proxy bad method":      {"POST", "/tools/execute/proxy", `{"method":"TRACE","endpoint":"/x","connected_account_id":"ca_1"}`, 400},
		"proxy no account":      {"POST", "/tools/execute/proxy", `{"method":"GET","endpoint":"/x"}`, 400},
		"proxy unknown account": {"POST", "/tools/execute/proxy", `{"method":"GET","endpoint":"/x","connected_account_id":"ca_1"}`, 404},
		"no user for app tool":  {"POST", "/tools/execute/GITHUB_CREATE_AN_ISSUE", `{"arguments":{}}`, 400},
	} {
		status, body := toolsCall(t, f, tc.method, tc.path, tc.body)
		assert.Equal(t, tc.status, status, name)
		errBody, _ := body["error"].(map[string]any)
		require.NotNil(t, errBody, name)
		assert.NotEmpty(t, errBody["message"], name)
		assert.NotEmpty(t, errBody["request_id"], name)
	}
}

func TestToolsFake_ProxyAndCustomAuth(t *testing.T) {
	f := New(Config{})
	id := f.SeedActiveAccount("u", "GitHub")
	status, body := toolsCall(t, f, "POST", "/tools/execute/proxy", `{"method":"HEAD","endpoint":"https://api.github.com/rate_limit","connected_account_id":"`+id+`"}`)
	assert.Equal(t, 200, status)
	assert.NotContains(t, body, "data", "HEAD has no body")

	status, body = toolsCall(t, f, "POST", "/tools/execute/proxy", `{"method":"GET","endpoint":"/me","custom_connection_data":{"authScheme":"OAUTH2","toolkitSlug":"slack","val":{"access_token":"t"}},
		"parameters":[{"name":"X-Trace","value":"1","type":"header"}]}`)
	assert.Equal(t, 200, status)
	data := body["data"].(map[string]any)
	assert.Equal(t, "https://slack.com/api/me", data["url"])
	assert.Equal(t, map[string]any{"X-Trace": "1"}, data["headers"])

	// Inline credentials stand in for a connected account.
	status, body = toolsCall(t, f, "POST", "/tools/execute/SLACK_SEND_MESSAGE", `{"custom_auth_params":{"parameters":[{"name":"Authorization","in":"header","value":"Bearer x"}]},
		"arguments":{"channel":"#general","text":"hi"}}`)
	assert.Equal(t, 200, status)
	assert.Equal(t, true, body["successful"])

	// A text the fake cannot read is a failed execution.
	status, body = toolsCall(t, f, "POST", "/tools/execute/COMPOSIO_CALCULATE", `{"text":"hello"}`)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, false, body["successful"])
	assert.Contains(t, body["error"], "Could not derive")
}
