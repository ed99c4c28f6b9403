package composiotest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// call sends a raw request to the fake, as a client in any language would.
func call(t *testing.T, srv *Server, method, path string, header map[string]string, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(raw) > 0 {
		require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	}
	return resp.StatusCode, resp.Header, out
}

func envelope(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	e, ok := body["error"].(map[string]any)
	require.True(t, ok, "error envelope expected, got %v", body)
	for _, field := range []string{"message", "code", "status", "request_id"} {
		assert.Contains(t, e, field)
	}
	return e
}

func TestAuthIsEnforcedWithTheEnvelope(t *testing.T) {
	srv := NewServer(t)
	key := map[string]string{"x-api-key": srv.APIKey}
	status, h, body := call(t, srv, "GET", "/api/v3.1/toolkits/categories", key, "")
	assert.Equal(t, 200, status)
	assert.NotEmpty(t, h.Get("X-Request-Id"))
	assert.NotEmpty(t, body["items"])

	for name, hdr := range map[string]map[string]string{
		"missing":     nil,
		"wrong key":   {"x-api-key": "nope"},
		"two keys":    {"x-api-key": srv.APIKey, "x-user-api-key": srv.UserAPIKey},
		"not allowed": {"x-user-api-key": srv.UserAPIKey}, // categories take only x-api-key
		"org key":     {"x-org-api-key": srv.OrgAPIKey},
	} {
		status, h, body := call(t, srv, "GET", "/api/v3.1/toolkits/categories", hdr, "")
		assert.Equal(t, 401, status, name)
		e := envelope(t, body)
		assert.EqualValues(t, 401, e["status"], name)
		assert.Equal(t, h.Get("X-Request-Id"), e["request_id"], "%s: the envelope and header ids agree", name)
	}
	status, _, _ = call(t, srv, "GET", "/api/v3.1/toolkits", map[string]string{"x-user-api-key": srv.UserAPIKey}, "")
	assert.Equal(t, 200, status, "toolkits accept a user key")
}

func TestUnknownRouteAndRequestIDs(t *testing.T) {
	srv := NewServer(t)
	status, h1, body := call(t, srv, "GET", "/api/v3.1/nope", map[string]string{"x-api-key": srv.APIKey}, "")
	assert.Equal(t, 404, status)
	envelope(t, body)
	_, h2, _ := call(t, srv, "GET", "/api/v3.1/nope", nil, "")
	assert.NotEqual(t, h1.Get("X-Request-Id"), h2.Get("X-Request-Id"))
}

func TestFakePagesWithOpaqueCursors(t *testing.T) {
	srv := NewServer(t)
	key := map[string]string{"x-api-key": srv.APIKey}
	var slugs []string
	cursor := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 10)
		path := "/api/v3.1/toolkits?limit=3"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		status, _, body := call(t, srv, "GET", path, key, "")
		require.Equal(t, 200, status, body)
		assert.EqualValues(t, 8, body["total_items"])
		assert.EqualValues(t, 3, body["total_pages"])
		assert.EqualValues(t, pages+1, body["current_page"])
		for _, it := range body["items"].([]any) {
			slugs = append(slugs, it.(map[string]any)["slug"].(string))
		}
		next, _ := body["next_cursor"].(string)
		if next == "" {
			assert.Contains(t, body, "next_cursor", "null, not absent, on the last page")
			break
		}
		_, convErr := strconv.Atoi(next)
		assert.Error(t, convErr, "cursors are opaque, not offsets")
		cursor = next
	}
	assert.Len(t, slugs, 8)
	assert.Equal(t, "gmail", slugs[0], "sorted by usage by default")

	status, _, body := call(t, srv, "GET", "/api/v3.1/toolkits?cursor=bogus", key, "")
	assert.Equal(t, 400, status)
	envelope(t, body)
	status, _, _ = call(t, srv, "GET", "/api/v3.1/toolkits?limit=0", key, "")
	assert.Equal(t, 400, status)
}

func TestToolkitFilters(t *testing.T) {
	srv := NewServer(t)
	key := map[string]string{"x-api-key": srv.APIKey}
	slugsOf := func(path string) []string {
		status, _, body := call(t, srv, "GET", path, key, "")
		require.Equal(t, 200, status, body)
		var out []string
		for _, it := range body["items"].([]any) {
			out = append(out, it.(map[string]any)["slug"].(string))
		}
		return out
	}
	assert.Equal(t, []string{"github", "linear"}, slugsOf("/api/v3.1/toolkits?category=developer-tools"))
	assert.Equal(t, []string{"slack"}, slugsOf("/api/v3.1/toolkits?search=channel"))
	assert.Contains(t, slugsOf("/api/v3.1/toolkits?include_deprecated=true"), "clickup_legacy")
	assert.NotContains(t, slugsOf("/api/v3.1/toolkits"), "clickup_legacy")
	assert.Equal(t, "clickup_legacy", slugsOf("/api/v3.1/toolkits?sort_by=alphabetically&include_deprecated=true")[0])
	assert.NotContains(t, slugsOf("/api/v3.1/toolkits?managed_by=composio"), "linear")
	assert.Empty(t, slugsOf("/api/v3.1/toolkits?type=custom"))

	status, _, body := call(t, srv, "GET", "/api/v3.1/toolkits?sort_by=random", key, "")
	assert.Equal(t, 400, status)
	assert.Contains(t, envelope(t, body)["message"], "sort_by")

	status, _, body = call(t, srv, "POST", "/api/v3.1/toolkits/multi", map[string]string{"x-api-key": srv.APIKey, "content-type": "application/json"}, `{"toolkits":["slack","github"],"limit":1}`)
	require.Equal(t, 200, status)
	assert.Len(t, body["items"], 1)
	assert.EqualValues(t, 2, body["total_items"])
	assert.NotEmpty(t, body["next_cursor"])

	status, _, body = call(t, srv, "POST", "/api/v3.1/toolkits/multi", map[string]string{"x-api-key": srv.APIKey}, `{"toolkits":"github"}`)
	assert.Equal(t, 400, status)
	envelope(t, body)

	status, _, body = call(t, srv, "GET", "/api/v3.1/toolkits/GitHub?version=20250801_00", key, "")
	require.Equal(t, 200, status)
	assert.Equal(t, "github", body["slug"])
	status, _, _ = call(t, srv, "GET", "/api/v3.1/toolkits/github?version=19990101_00", key, "")
	assert.Equal(t, 404, status)
}

func TestQueryListAcceptsEveryArrayForm(t *testing.T) {
	for _, raw := range []string{"ids[]=a&ids[]=b", "ids=a,b", "ids=a&ids=b", "ids%5B%5D=a&ids=b"} {
		r := httptest.NewRequest("GET", "/x?"+raw, nil)
		assert.Equal(t, []string{"a", "b"}, queryList(r, "ids"), raw)
	}
	r := httptest.NewRequest("GET", "/x?toolkit_versions[github]=1&toolkit_versions[slack]=2", nil)
	assert.Equal(t, map[string]string{"github": "1", "slack": "2"}, queryMap(r, "toolkit_versions"))
}

func TestFaultsAndRequestLog(t *testing.T) {
	srv := NewServer(t)
	key := map[string]string{"x-api-key": srv.APIKey}
	srv.FailNext(1, 503, WithRetryAfter("2"))
	status, h, body := call(t, srv, "GET", "/api/v3.1/toolkits", key, "")
	assert.Equal(t, 503, status)
	assert.Equal(t, "2", h.Get("Retry-After"))
	envelope(t, body)
	status, _, _ = call(t, srv, "GET", "/api/v3.1/toolkits", key, "")
	assert.Equal(t, 200, status, "one failure only")

	srv.DropNext(1)
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, err := fresh.Get(srv.URL + "/api/v3.1/toolkits")
	assert.Error(t, err, "the connection is dropped")

	srv.SetLatency(30 * time.Millisecond)
	start := time.Now()
	call(t, srv, "GET", "/api/v3.1/toolkits/categories", key, "")
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	srv.SetLatency(0)

	srv.ResetRequests()
	call(t, srv, "POST", "/api/v3.1/toolkits/multi?x=1", key, `{"toolkits":["github"]}`)
	last, ok := srv.LastRequest()
	require.True(t, ok)
	assert.Equal(t, "POST", last.Method)
	assert.Equal(t, "/api/v3.1/toolkits/multi", last.Path)
	assert.Equal(t, "x=1", last.Query)
	assert.JSONEq(t, `{"toolkits":["github"]}`, string(last.Body))
	assert.Len(t, srv.Requests(), 1)
}

func TestToolsCountAgreesWithTheToolList(t *testing.T) {
	srv := NewServer(t)
	key := map[string]string{"x-api-key": srv.APIKey}
	for _, slug := range []string{"github", "composio", "hackernews"} {
		_, _, tk := call(t, srv, "GET", "/api/v3.1/toolkits/"+slug, key, "")
		_, _, tools := call(t, srv, "GET", "/api/v3.1/tools?toolkit_slug="+slug, key, "")
		require.NotNil(t, tools["total_items"], slug)
		assert.Equal(t, tools["total_items"], tk["meta"].(map[string]any)["tools_count"], slug)
		assert.NotZero(t, tools["total_items"], slug)
	}
}
