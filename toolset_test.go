package composio_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toolSetFor is the fake's "composio" and "github" tools for user_1, who
// has a GitHub account.
func toolSetFor(t *testing.T, opts ...composio.ToolSetOption) (*composio.ToolSet, *composiotest.Server) {
	t.Helper()
	srv := composiotest.NewServer(t)
	srv.SeedActiveAccount("user_1", "github")
	set, err := srv.Client().Tools.ForUser(context.Background(), "user_1",
		composio.ToolSetParams{Toolkits: []string{"composio", "github"}}, opts...)
	require.NoError(t, err)
	return set, srv
}

// executeBodies returns the bodies of the execute requests the fake got,
// by tool slug.
func executeBodies(srv *composiotest.Server) map[string][]string {
	out := map[string][]string{}
	for _, r := range srv.Requests() {
		if slug, ok := strings.CutPrefix(r.Path, "/api/v3.1/tools/execute/"); ok {
			out[slug] = append(out[slug], string(r.Body))
		}
	}
	return out
}

func TestToolSet_ForUser(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()

	set, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{
		Tools:    []string{"GITHUB_CREATE_AN_ISSUE", "COMPOSIO_ECHO"},
		Toolkits: []string{"composio"},
	})
	require.NoError(t, err)
	assert.Equal(t, "user_1", set.UserID())
	var names []string
	for _, d := range set.Definitions() {
		names = append(names, d.Name)
		assert.NotEmpty(t, d.Version, d.Name)
	}
	assert.Equal(t, []string{"COMPOSIO_ECHO", "GITHUB_CREATE_AN_ISSUE", "COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL",
		"COMPOSIO_SLEEP", "COMPOSIO_GET_CURRENT_TIME"}, names, "a tool named and in a toolkit is listed once")

	limited, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"composio", "github"}, Limit: 2})
	require.NoError(t, err)
	assert.Len(t, limited.Definitions(), 2)

	searched, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}, Search: "arithmetic"})
	require.NoError(t, err)
	require.Len(t, searched.Definitions(), 1)
	assert.Equal(t, "COMPOSIO_CALCULATE", searched.Definitions()[0].Name)

	tagged, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}, Tags: []string{"math"}})
	require.NoError(t, err)
	require.Len(t, tagged.Definitions(), 1)

	none, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{})
	require.NoError(t, err)
	assert.Empty(t, none.Definitions())

	_, err = c.Tools.ForUser(ctx, " ", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "userID")

	// Definitions is a copy: changing it changes nothing in the set.
	defs := set.Definitions()
	defs[0].Name = "CHANGED"
	assert.Equal(t, "COMPOSIO_ECHO", set.Definitions()[0].Name)
}

func TestToolSet_ForUserLimitCountsDistinctTools(t *testing.T) {
	srv := composiotest.NewServer(t)
	// COMPOSIO_ECHO is named and is also the composio toolkit's first tool:
	// listed once, it counts once.
	set, err := srv.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{
		Tools: []string{"COMPOSIO_ECHO"}, Toolkits: []string{"composio"}, Limit: 2,
	})
	require.NoError(t, err)
	var names []string
	for _, d := range set.Definitions() {
		names = append(names, d.Name)
	}
	assert.Equal(t, []string{"COMPOSIO_ECHO", "COMPOSIO_CALCULATE"}, names)
}

func TestToolSet_ForUserSearchOrTagsAlone(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	slugs := func(set *composio.ToolSet) []string {
		var out []string
		for _, d := range set.Definitions() {
			out = append(out, d.ToolSlug)
		}
		return out
	}

	searched, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Search: "arithmetic"})
	require.NoError(t, err)
	assert.Equal(t, []string{"COMPOSIO_CALCULATE"}, slugs(searched), "a search without toolkits searches every toolkit")

	tagged, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Tags: []string{"math"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"COMPOSIO_CALCULATE"}, slugs(tagged))

	both, err := c.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Tools: []string{"COMPOSIO_ECHO"}, Search: "arithmetic"})
	require.NoError(t, err)
	assert.Equal(t, []string{"COMPOSIO_ECHO", "COMPOSIO_CALCULATE"}, slugs(both))

	var queries []string
	for _, r := range srv.Requests() {
		if r.Path == "/api/v3.1/tools" && !strings.Contains(r.Query, "tool_slugs") {
			queries = append(queries, r.Query)
		}
	}
	require.Len(t, queries, 3)
	for _, q := range queries {
		assert.NotContains(t, q, "toolkit_slug", q)
	}
}

func TestToolSet_ForUserFailsOnAPIErrors(t *testing.T) {
	srv := composiotest.NewServer(t)
	srv.FailNext(1, 401)
	_, err := srv.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.ErrorIs(t, err, composio.ErrUnauthorized)
}

func TestToolSet_HandleDropsStrictNulls(t *testing.T) {
	set, srv := toolSetFor(t)
	def, ok := set.Definitions().Find("GITHUB_CREATE_AN_ISSUE")
	require.True(t, ok)
	require.True(t, def.Strict().IsStrict)

	// What a strict-mode model sends: every property, null for those it
	// leaves out.
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "call_1", Name: def.Name,
		Arguments: `{"owner":"acme","repo":"rocket","title":"Bug","body":null,"labels":null,"assignees":null}`}})
	require.NoError(t, err)
	require.Len(t, results, 1)
	assert.False(t, results[0].IsError, results[0].Content)
	bodies := executeBodies(srv)["GITHUB_CREATE_AN_ISSUE"]
	require.Len(t, bodies, 1)
	var body struct {
		Arguments map[string]any `json:"arguments"`
		Version   string         `json:"version"`
		UserID    string         `json:"user_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(bodies[0]), &body))
	assert.Equal(t, map[string]any{"owner": "acme", "repo": "rocket", "title": "Bug"}, body.Arguments)
	assert.Equal(t, def.Version, body.Version)
	assert.Equal(t, "user_1", body.UserID)
}

// wireToolSet is a set holding one tool of the given input schema, served
// by a scripted server that then answers every execution with ok.
func wireToolSet(t *testing.T, slug, schema string, opts ...composio.ToolSetOption) (*composio.ToolSet, *wire) {
	t.Helper()
	page := `{"items":[{"slug":"` + slug + `","name":"Tool","description":"A tool.","toolkit":{"slug":"demo"},"version":"20250101_00",
		"input_parameters":` + schema + `}],"next_cursor":null,"total_pages":1,"current_page":1,"total_items":1}`
	w := newWire(t, 200, page).then(200, toolsExecutedJSON)
	set, err := w.client().Tools.ForUser(context.Background(), "u1", composio.ToolSetParams{Tools: []string{slug}}, opts...)
	require.NoError(t, err)
	return set, w
}

func TestToolSet_HandleDropsNullsByTheSchema(t *testing.T) {
	set, w := wireToolSet(t, "DEMO_NESTED", `{"type":"object","properties":{
		"name":     {"type":"string"},
		"note":     {"type":"string"},
		"clear":    {"type":["string","null"]},
		"anything": {},
		"address":  {"type":"object","properties":{"city":{"type":"string"},"zip":{"type":"string"}},"required":["city"]},
		"people":   {"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"role":{"type":"string"}},"required":["id"]}}
	},"required":["name"]}`)
	_, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "c1", Name: "DEMO_NESTED", Arguments: `{
		"name": null, "note": null, "clear": null, "anything": null,
		"address": {"city": null, "zip": null},
		"people": [{"id": 1, "role": null}, {"id": null, "role": "x"}]
	}`}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_id":"u1","version":"20250101_00","arguments":{
		"name": null, "clear": null, "anything": null,
		"address": {"city": null},
		"people": [{"id": 1}, {"id": null, "role": "x"}]
	}}`, string(w.last().Body), "a null is dropped only where the property is optional and refuses null")
}

// A strict-mode model sends null for the optional properties of an object
// inside an anyOf too (Strict makes them nullable there as well).
func TestToolSet_HandleDropsNullsInAnyOfObjects(t *testing.T) {
	set, w := wireToolSet(t, "DEMO_FILTER", `{"type":"object","properties":{
		"filter": {"anyOf": [
			{"type":"object","properties":{"q":{"type":"string"},"limit":{"type":"integer"}},"required":["q"]},
			{"type":"string"}
		]}
	},"required":["filter"]}`)
	require.True(t, set.Definitions()[0].Strict().IsStrict)
	_, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "c1", Name: "DEMO_FILTER", Arguments: `{"filter": {"q": null, "limit": null}}`}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_id":"u1","version":"20250101_00","arguments":{"filter":{"q":null}}}`, string(w.last().Body))
}
