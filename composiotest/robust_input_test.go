package composiotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveOnce runs one request through f in process, so a panic in a handler
// fails the test instead of being swallowed by net/http, and a handler that
// does not answer within a few seconds is reported as a hang.
func serveOnce(t *testing.T, f *Fake, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan string, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Sprintf("panic: %v\n%s", p, debug.Stack())
				return
			}
			done <- ""
		}()
		f.ServeHTTP(rec, req)
	}()
	select {
	case msg := <-done:
		if msg != "" {
			t.Fatalf("%s %s: %s", req.Method, req.URL, msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("%s %s: no answer after 5 s", req.Method, req.URL)
	}
	return rec
}

// keyFor finds a credential header the route accepts.
func keyFor(t *testing.T, f *Fake, method, path string) (string, string) {
	t.Helper()
	for _, h := range []struct{ name, value string }{{hdrAPIKey, f.APIKey}, {hdrUserKey, f.UserAPIKey}, {hdrOrgKey, f.OrgAPIKey}} {
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set(h.name, h.value)
		rec := serveOnce(t, f, req)
		if rec.Code != http.StatusUnauthorized {
			return h.name, h.value
		}
	}
	return hdrAPIKey, f.APIKey
}

// Kinds of routes, by what their errors look like.
const (
	kindAPI   = iota // the v3.1 error envelope
	kindMCP          // JSON-RPC errors
	kindOther        // the fake's own pages (storage, connect pages)
)

func routeKind(path string) int {
	switch {
	case strings.HasPrefix(path, apiPrefix+"/"):
		return kindAPI
	case strings.Contains(path, "/mcp"):
		return kindMCP
	}
	return kindOther
}

// checkAnswer asserts that a request the fake cannot serve is answered
// with a 4xx and the v3.1 error envelope (JSON-RPC errors on the MCP
// endpoints), never a 5xx.
func checkAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder, kind int) {
	t.Helper()
	if !assert.Less(t, rec.Code, 500, "%s: %s", what, rec.Body.String()) {
		return
	}
	if rec.Code < 400 || rec.Code == http.StatusMethodNotAllowed || kind == kindOther {
		return
	}
	var body map[string]any
	if !assert.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), "%s: %d %q", what, rec.Code, rec.Body.String()) {
		return
	}
	if kind == kindMCP {
		assert.Contains(t, body, "error", what)
		return
	}
	e, ok := body["error"].(map[string]any)
	if assert.True(t, ok, "%s: envelope expected, got %s", what, rec.Body.String()) {
		assert.NotEmpty(t, e["message"], what)
		assert.EqualValues(t, rec.Code, e["status"], what)
		assert.NotEmpty(t, e["request_id"], what)
	}
}

// oddSegments are path parameter values no resource has.
var oddSegments = []string{"nope", "a%2Fb", "%2E%2E", "%00", "%FF%FE", "%C3%BC", "%20", "'%3B--", strings.Repeat("x", 4096)}

// oddQueries are paging and filter parameters out of range or of the wrong
// kind.
var oddQueries = []string{
	"limit=-1", "limit=0", "limit=abc", "limit=99999999999999999999999", "limit=1e3",
	"cursor=%25%25", "cursor=!!", "cursor=" + encodeCursor(hexKey(1<<62)), "cursor=" + encodeCursor("not-a-key"),
	"page_no=9223372036854775807", "page_no=9223372036854775807&limit=1000", "page_no=-5", "page_no=0",
	"order_direction=sideways&order_by=nope&sort_by=nope&status=BOGUS&statuses[]=BOGUS&statuses=a,b",
	"important=maybe&include_deprecated=perhaps&show_disabled=x&is_composio_managed=x&managed_by=x",
	"toolkit_versions=bogus&toolkit_versions[github]=nope&version=bogus&user_id=%00",
	"user_ids[]=&user_ids=,,&toolkit_slugs[]=%FF&auth_config_ids=" + strings.Repeat("a,", 2000),
}

// oddBodies are request bodies of the wrong shape.
var oddBodies = []string{
	"{", "[]", `"s"`, "123", "null", "true", "\xff\xfe", `{"a":1}`, strings.Repeat("[", 100000),
	`{"limit":-1,"cursor":"zz"}`, `{"limit":"x","cursor":5}`, `{"limit":1e30}`, `{"user_id":5,"toolkit":[],"name":{}}`,
	`{"arguments":"x","config":7,"data":"x","filters":"x","items":{}}`, `{"status":"BOGUS","type":"BOGUS","version":"BOGUS"}`,
}

// TestEveryRouteAnswersMalformedInputWithTheEnvelope sends every route odd
// path parameters, query parameters and bodies: the fake must answer each
// with a 4xx and the error envelope (or succeed), never panic, 5xx or hang.
func TestEveryRouteAnswersMalformedInputWithTheEnvelope(t *testing.T) {
	f := New(Config{})
	require.NotEmpty(t, f.routes)
	for _, pattern := range f.routes {
		method, path, _ := strings.Cut(pattern, " ")
		kind := routeKind(path)
		t.Run(pattern, func(t *testing.T) {
			fill := func(seg string) string {
				var b strings.Builder
				for rest := path; ; {
					i := strings.IndexByte(rest, '{')
					if i < 0 {
						b.WriteString(rest)
						return b.String()
					}
					j := strings.IndexByte(rest[i:], '}')
					b.WriteString(rest[:i] + seg)
					rest = rest[i+j+1:]
				}
			}
			name, value := keyFor(t, f, method, fill("nope"))
			send := func(target, body string) {
				t.Helper()
				var r io.Reader
				if body != "" {
					r = strings.NewReader(body)
				}
				req := httptest.NewRequest(method, target, r)
				req.Header.Set(name, value)
				req.Header.Set("Content-Type", "application/json")
				what := fmt.Sprintf("%s %.200s body %.40q", method, target, body)
				checkAnswer(t, what, serveOnce(t, f, req), kind)
			}
			for _, seg := range oddSegments {
				send(fill(seg), "")
			}
			for _, q := range oddQueries {
				send(fill("nope")+"?"+q, "")
			}
			if method == http.MethodGet {
				return
			}
			for _, body := range oddBodies {
				send(fill("nope"), body)
			}
		})
	}
}

// TestHugeBodiesAre413 checks that a body past the fake's limit is refused
// with 413 and the envelope, not read whole nor answered 5xx.
func TestHugeBodiesAre413(t *testing.T) {
	f := New(Config{})
	huge := append(append([]byte(`{"text":"`), bytes.Repeat([]byte("a"), maxBody)...), `"}`...)
	for _, path := range []string{"/tools/execute/COMPOSIO_ECHO", "/connected_accounts", "/auth_configs", "/logs/tool_execution"} {
		req := httptest.NewRequest(http.MethodPost, apiPrefix+path, bytes.NewReader(huge))
		req.Header.Set(hdrAPIKey, f.APIKey)
		rec := serveOnce(t, f, req)
		assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, path)
		checkAnswer(t, path, rec, kindAPI)
	}
}

// apiCall sends one API request in process and decodes the answer.
func apiCall(t *testing.T, f *Fake, method, path, body string) map[string]any {
	t.Helper()
	req := httptest.NewRequest(method, apiPrefix+path, strings.NewReader(body))
	req.Header.Set(hdrAPIKey, f.APIKey)
	rec := serveOnce(t, f, req)
	require.Less(t, rec.Code, 300, "%s %s: %s", method, path, rec.Body.String())
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out
}

// world creates one resource of each kind and returns path parameter
// values that address them, by route prefix and parameter name.
func world(t *testing.T, f *Fake) func(pattern, param string) string {
	t.Helper()
	ac := f.SeedAuthConfig("github")
	ca := f.SeedConnectedAccount(ConnectedAccountSeed{AuthConfigID: ac, UserID: "u1"})
	ti := apiCall(t, f, "POST", "/trigger_instances/GITHUB_COMMIT_EVENT/upsert",
		`{"connected_account_id":"`+ca+`","trigger_config":{"owner":"o","repo":"r"}}`)["trigger_id"].(string)
	mcp := apiCall(t, f, "POST", "/mcp/servers", `{"name":"Sweep Server","auth_config_ids":[],"no_auth_apps":["composio"]}`)["id"].(string)
	inst := apiCall(t, f, "POST", "/mcp/servers/"+mcp+"/instances", `{"user_id":"u1"}`)["instance_id"].(string)
	sess := apiCall(t, f, "POST", "/tool_router/session", `{"user_id":"u1"}`)["session_id"].(string)
	sub := apiCall(t, f, "POST", "/webhook_subscriptions", `{"webhook_url":"https://example.com/hook","enabled_events":["composio.trigger.message"]}`)["id"].(string)
	we := apiCall(t, f, "POST", "/webhook_endpoints", `{"toolkit_slug":"slack","client_id":"c1"}`)["id"].(string)
	byParam := map[string]string{
		"status": "ENABLED", "id": "log_gh7Qm2xV9kLp", "appKey": "composio", "serverId": mcp, "instanceId": inst,
		"session_id": sess, "mount_id": routerDefaultMount, "slug": "github", "tool_slug": "COMPOSIO_ECHO",
		"triggerId": ti, "entity_type": "tool_calls", "key...": "nope", "token": "nope",
	}
	return func(pattern, param string) string {
		switch {
		case strings.Contains(pattern, "/auth_configs/"):
			return ac
		case strings.Contains(pattern, "/connected_accounts/"), strings.Contains(pattern, "/fake/connect/"):
			return ca
		case strings.Contains(pattern, "/mcp/{id}"), strings.Contains(pattern, "/v3/mcp/"):
			return mcp
		case strings.Contains(pattern, "/org/owner/project/"):
			return fakeProjectID
		case strings.Contains(pattern, "/webhook_endpoints/"):
			return we
		case strings.Contains(pattern, "/webhook_subscriptions/"):
			return sub
		case strings.Contains(pattern, "/triggers_types/"), strings.Contains(pattern, "/trigger_instances/{slug}"):
			return "GITHUB_COMMIT_EVENT"
		}
		if v, ok := byParam[param]; ok {
			return v
		}
		t.Fatalf("no value for {%s} in %s", param, pattern)
		return ""
	}
}

// TestRoutesOfRealResourcesAnswerMalformedInput is the sweep above with
// path parameters that exist, so the query and body checks behind the
// lookups are reached too.
func TestRoutesOfRealResourcesAnswerMalformedInput(t *testing.T) {
	for _, pattern := range New(Config{}).routes {
		method, path, _ := strings.Cut(pattern, " ")
		if !strings.Contains(path, "{") {
			continue // the sweep above reached these already
		}
		kind := routeKind(path)
		t.Run(pattern, func(t *testing.T) {
			f := New(Config{})
			value := world(t, f)
			var b strings.Builder
			for rest := path; ; {
				i := strings.IndexByte(rest, '{')
				if i < 0 {
					b.WriteString(rest)
					break
				}
				j := strings.IndexByte(rest[i:], '}')
				b.WriteString(rest[:i] + value(pattern, rest[i+1:i+j]))
				rest = rest[i+j+1:]
			}
			target := b.String()
			name, key := keyFor(t, f, method, target)
			send := func(target, body string) {
				t.Helper()
				var r io.Reader
				if body != "" {
					r = strings.NewReader(body)
				}
				req := httptest.NewRequest(method, target, r)
				req.Header.Set(name, key)
				req.Header.Set("Content-Type", "application/json")
				what := fmt.Sprintf("%s %.200s body %.40q", method, target, body)
				checkAnswer(t, what, serveOnce(t, f, req), kind)
			}
			if method != http.MethodGet {
				for _, body := range oddBodies {
					send(target, body)
				}
			}
			for _, q := range oddQueries {
				send(target+"?"+q, "")
			}
		})
	}
}

// FuzzRouteInput sends fuzzed queries and bodies to the fake's routes; the
// seeds run in every go test, the fuzzer with
// go test ./composiotest -run '^$' -fuzz FuzzRouteInput.
func FuzzRouteInput(f *testing.F) {
	routes := New(Config{}).routes
	for i, q := range oddQueries {
		f.Add(uint16(i*7), q, oddBodies[i%len(oddBodies)])
	}
	f.Add(uint16(0), "", `{"toolkit":{"slug":"github"},"auth_config":{"type":"use_custom_auth","credentials":{"a":[1]}}}`)
	f.Add(uint16(1), "limit=2&cursor="+encodeCursor(posKey(1)), "")
	f.Fuzz(func(t *testing.T, route uint16, query, body string) {
		fk := New(Config{})
		pattern := routes[int(route)%len(routes)]
		method, path, _ := strings.Cut(pattern, " ")
		for strings.Contains(path, "{") {
			i := strings.IndexByte(path, '{')
			j := strings.IndexByte(path[i:], '}')
			path = path[:i] + "nope" + path[i+j+1:]
		}
		target := path
		if u, err := url.ParseQuery(query); err == nil && len(u) > 0 {
			target += "?" + u.Encode()
		}
		name, key := keyFor(t, fk, method, target)
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.Header.Set(name, key)
		checkAnswer(t, pattern, serveOnce(t, fk, req), routeKind(path))
	})
}

// TestAdminRoutesAnswerMalformedInputWithTheEnvelope: the admin API answers
// odd bodies, queries and path values with a 4xx and the envelope (or
// succeeds), never a panic, a 5xx or a hang.
func TestAdminRoutesAnswerMalformedInputWithTheEnvelope(t *testing.T) {
	f := New(Config{})
	require.NotEmpty(t, f.adminRoutes)
	for _, pattern := range f.adminRoutes {
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.ReplaceAll(path, "{id}", "flt_nope")
		for i, body := range append(oddBodies, "") {
			req := httptest.NewRequest(method, path+"?"+strings.TrimPrefix(oddQueries[i%len(oddQueries)], "?"), strings.NewReader(body))
			req.Header.Set(hdrAPIKey, f.APIKey)
			checkAnswer(t, pattern+" "+body, serveOnce(t, f, req), kindAPI)
		}
	}
}
