package composio_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var timestampType = reflect.TypeFor[composio.Timestamp]()

// timestampForms are ISO 8601 forms servers write besides RFC 3339, each
// naming the same instant as t.
var timestampForms = []func(t time.Time) string{
	func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.999999999") },       // no zone
	func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999999+00:00") }, // space separator
	func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.999999999+0000") },  // +0000
	func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999999") },       // space, no zone
	func(t time.Time) string {
		return t.In(time.FixedZone("", 19800)).Format("20060102T150405.999999999-0700")
	}, // basic
	func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999999 UTC") }, // zone name
}

// rewriteTimestamps walks v, a decoded JSON value, alongside the Go type
// it decodes into, and replaces each value of a Timestamp field by
// rewrite's; it returns how many it replaced.
func rewriteTimestamps(t *testing.T, v any, typ reflect.Type, rewrite func(string) string) (any, int) {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ == timestampType {
		s, ok := v.(string)
		if !ok {
			return v, 0
		}
		return rewrite(s), 1
	}
	n := 0
	switch typ.Kind() {
	case reflect.Slice, reflect.Array:
		arr, ok := v.([]any)
		if !ok {
			return v, 0
		}
		for i := range arr {
			var k int
			arr[i], k = rewriteTimestamps(t, arr[i], typ.Elem(), rewrite)
			n += k
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return v, 0
		}
		for key := range obj {
			var k int
			obj[key], k = rewriteTimestamps(t, obj[key], typ.Elem(), rewrite)
			n += k
		}
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return v, 0
		}
		for _, f := range reflect.VisibleFields(typ) {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || f.Anonymous || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			for key := range obj {
				if strings.EqualFold(key, name) {
					var k int
					obj[key], k = rewriteTimestamps(t, obj[key], f.Type, rewrite)
					n += k
				}
			}
		}
	}
	return v, n
}

// normalizeTimestamps sets every Timestamp under v to its instant in UTC
// with no Raw text, so that values decoded from different forms compare.
func normalizeTimestamps(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			normalizeTimestamps(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			normalizeTimestamps(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			normalizeTimestamps(e)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		if v.Type() == timestampType {
			ts := v.Addr().Interface().(*composio.Timestamp)
			*ts = composio.NewTimestamp(ts.UTC())
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				normalizeTimestamps(v.Field(i))
			}
		}
	}
}

// TestTimestampFormsDecodeInEveryResource serves real-shaped answers of
// lists and single resources with each timestamp rewritten to another
// ISO 8601 form, and expects the very answer the RFC 3339 payload gives.
func TestTimestampFormsDecodeInEveryResource(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		file string
		call func(c *composio.Client) (any, error)
	}{
		{"connected_accounts/list.json", func(c *composio.Client) (any, error) {
			return c.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{})
		}},
		{"connected_accounts/account.json", func(c *composio.Client) (any, error) { return c.ConnectedAccounts.Get(ctx, "ca_1") }},
		{"auth_configs/auth_config.json", func(c *composio.Client) (any, error) { return c.AuthConfigs.Get(ctx, "ac_1") }},
		{"triggers/active_page.json", func(c *composio.Client) (any, error) {
			return c.Triggers.ListActive(ctx, composio.TriggerListActiveParams{})
		}},
		{"projects/get.json", func(c *composio.Client) (any, error) { return c.Projects.Get(ctx, "pr_1") }},
		{"projects/session_info.json", func(c *composio.Client) (any, error) { return c.Projects.GetSessionInfo(ctx) }},
		{"mcp/server.json", func(c *composio.Client) (any, error) { return c.MCP.Get(ctx, "srv_1") }},
		{"mcp/instances.json", func(c *composio.Client) (any, error) {
			return c.MCP.ListInstances(ctx, "srv_1", composio.MCPInstanceListParams{})
		}},
		{"logs/list.json", func(c *composio.Client) (any, error) {
			return c.Logs.ListToolExecutions(ctx, composio.LogListParams{})
		}},
		{"logs/get.json", func(c *composio.Client) (any, error) { return c.Logs.GetToolExecution(ctx, "log_1") }},
		{"webhooks/endpoint.json", func(c *composio.Client) (any, error) { return c.Webhooks.GetEndpoint(ctx, "we_1") }},
		{"webhooks/subscription.json", func(c *composio.Client) (any, error) { return c.Webhooks.GetSubscription(ctx, "ws_1") }},
		{"tool_router/config_history.json", func(c *composio.Client) (any, error) {
			return c.ToolRouter.ListConfigHistory(ctx, "trs_1", composio.SessionConfigHistoryParams{})
		}},
		{"tools/proxy.json", func(c *composio.Client) (any, error) {
			return c.Tools.Proxy(ctx, composio.ToolProxyParams{ConnectedAccountID: "ca_1", Endpoint: "/user", Method: composio.ProxyGet})
		}},
	}
	// The payload's shape, where it is not the result's.
	shapes := map[string]reflect.Type{
		"logs/list.json": reflect.TypeFor[struct {
			Logs []composio.ToolExecutionLog `json:"logs"`
		}](),
	}
	total := 0
	for _, tc := range cases {
		for f, form := range timestampForms {
			t.Run(tc.file+"/"+form(time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)), func(t *testing.T) {
				// The baseline is the payload as re-encoded, so that raw
				// JSON fields compare byte for byte.
				var doc any
				require.NoError(t, json.Unmarshal([]byte(readTestdata(t, tc.file)), &doc))
				payload, err := json.Marshal(doc)
				require.NoError(t, err)
				want, err := tc.call(newWire(t, 200, string(payload)).client())
				require.NoError(t, err)

				shape := shapes[tc.file]
				if shape == nil {
					shape = reflect.TypeOf(want)
				}
				doc, n := rewriteTimestamps(t, doc, shape, func(s string) string {
					at, err := time.Parse(time.RFC3339Nano, s)
					require.NoError(t, err, "testdata timestamps are RFC 3339")
					return form(at)
				})
				require.Positive(t, n, "the payload has timestamps")
				if f == 0 {
					total += n
				}
				rewritten, err := json.Marshal(doc)
				require.NoError(t, err)

				got, err := tc.call(newWire(t, 200, string(rewritten)).client())
				require.NoError(t, err, "payload: %s", rewritten)
				normalizeTimestamps(reflect.ValueOf(want))
				normalizeTimestamps(reflect.ValueOf(got))
				assert.Equal(t, want, got)
			})
		}
	}
	assert.GreaterOrEqual(t, total, 25, "timestamps rewritten across the payloads")
}

// TestTimestampUnparsedKeepsThePage: one value no form matches does not
// fail the page it is on; it stays readable in Raw.
func TestTimestampUnparsedKeepsThePage(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(readTestdata(t, "connected_accounts/list.json")), &doc))
	items := doc["items"].([]any)
	require.GreaterOrEqual(t, len(items), 2)
	items[0].(map[string]any)["updated_at"] = "last Tuesday"
	items[1].(map[string]any)["created_at"] = "2026-01-02T03:04:05"
	body, err := json.Marshal(doc)
	require.NoError(t, err)

	page, err := newWire(t, 200, string(body)).client().ConnectedAccounts.List(context.Background(), composio.ConnectedAccountListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, len(items))
	assert.True(t, page.Items[0].UpdatedAt.Unparsed())
	assert.Equal(t, "last Tuesday", page.Items[0].UpdatedAt.Raw)
	assert.False(t, page.Items[0].CreatedAt.Unparsed())
	assert.Equal(t, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), page.Items[1].CreatedAt.Time, "no zone: UTC")
	assert.Equal(t, "2026-01-02T03:04:05", page.Items[1].CreatedAt.Raw)
}
