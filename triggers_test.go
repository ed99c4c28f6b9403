package composio_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// triggersTestdata reads a payload from testdata/.
const notFoundEnvelope = `{"error":{"message":"Trigger not found","code":404,"status":404,"request_id":"req_nf","suggested_fix":"Check the id."}}`

func TestTriggersListTypesWire(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "triggers/trigger_types_page.json"))
	page, err := w.client().Triggers.ListTypes(context.Background(), composio.TriggerTypeListParams{
		ToolkitSlugs: []string{"github", "slack"}, Limit: 2, Cursor: "abc",
		ToolkitVersions: composio.ToolkitVersions{ByToolkit: map[string]string{"GitHub": "20250906_01", "slack": "20250820_00"}},
	})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/triggers_types", req.Path)
	assert.Equal(t, url.Values{
		"toolkit_slugs[]":          {"github", "slack"},
		"toolkit_versions[github]": {"20250906_01"},
		"toolkit_versions[slack]":  {"20250820_00"},
		"limit":                    {"2"},
		"cursor":                   {"abc"},
	}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Empty(t, req.Body)

	require.Len(t, page.Items, 2)
	assert.Equal(t, "Y3Vyc29yOjI=", page.NextCursor)
	assert.Equal(t, 21, page.TotalItems)
	tt := page.Items[0]
	assert.Equal(t, "GITHUB_COMMIT_EVENT", tt.Slug)
	assert.Equal(t, composio.TriggerKindWebhook, tt.Type)
	assert.Equal(t, "github", tt.Toolkit.Slug)
	assert.Equal(t, "20250906_01", tt.Version)
	assert.Equal(t, []any{"owner", "repo"}, tt.Config["required"])
	assert.Contains(t, tt.Payload["properties"], "message")
	assert.False(t, tt.RequiresWebhookEndpointSetup)
	assert.True(t, page.Items[1].RequiresWebhookEndpointSetup)
}

func TestTriggersListTypesOneVersionAndNoFilters(t *testing.T) {
	w := newWire(t, 200, `{"items":[],"total_pages":0,"current_page":1,"total_items":0}`)
	_, err := w.client().Triggers.ListTypes(context.Background(), composio.TriggerTypeListParams{ToolkitVersions: composio.ToolkitVersions{Version: "latest"}})
	require.NoError(t, err)
	assert.Equal(t, "toolkit_versions=latest", w.last().RawQuery)

	_, err = w.client().Triggers.ListTypes(context.Background(), composio.TriggerTypeListParams{})
	require.NoError(t, err)
	assert.Equal(t, "toolkit_versions=latest", w.last().RawQuery, "with no version configured, latest is asked for, as the official SDK does")

	_, err = w.client().Triggers.ListTypes(context.Background(), composio.TriggerTypeListParams{
		ToolkitVersions: composio.ToolkitVersions{Version: "latest", ByToolkit: map[string]string{"github": "x"}}})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 2, "an invalid call must not be sent")
}

func TestTriggersToolkitVersionsFromEnvironment(t *testing.T) {
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GITHUB", "20250801_00")
	w := newWire(t, 200, `{"trigger_id":"ti_1"}`)
	c, err := composio.NewClient(composio.WithBaseURL(w.srv.URL), composio.WithAPIKey(testAPIKey))
	require.NoError(t, err)
	_, err = c.Triggers.Upsert(context.Background(), "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{UserID: "u"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_id":"u","toolkit_versions":{"github":"20250801_00"}}`, string(w.last().Body))

	_, err = c.Triggers.GetType(context.Background(), "GITHUB_COMMIT_EVENT", composio.TriggerTypeGetParams{ToolkitVersions: composio.ToolkitVersions{Version: "latest"}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions": {"latest"}}, w.last().Query, "the call's own versions win")
}

func TestTriggersGetTypeWire(t *testing.T) {
	w := newWire(t, 200, `{"slug":"GMAIL_NEW_GMAIL_MESSAGE","name":"New Gmail Message","description":"d","instructions":"i","type":"poll",
		"toolkit":{"slug":"gmail","name":"gmail","logo":"l"},"config":{"type":"object"},"payload":{"type":"object"},"version":"20250909_00"}`)
	tt, err := w.client().Triggers.GetType(context.Background(), "gmail new/message", composio.TriggerTypeGetParams{
		ToolkitVersions: composio.ToolkitVersions{ByToolkit: map[string]string{"gmail": "20250909_00"}}})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/triggers_types/gmail%20new%2Fmessage", req.Path)
	assert.Equal(t, url.Values{"toolkit_versions[gmail]": {"20250909_00"}}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, composio.TriggerKindPoll, tt.Type)
	assert.Equal(t, "gmail", tt.Toolkit.Slug)

	_, err = w.client().Triggers.GetType(context.Background(), " ", composio.TriggerTypeGetParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 1)
}

func TestTriggersListTypeSlugsWire(t *testing.T) {
	w := newWire(t, 200, `["GITHUB_COMMIT_EVENT","SLACK_RECEIVE_MESSAGE"]`)
	slugs, err := w.client().Triggers.ListTypeSlugs(context.Background())
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/triggers_types/list/enum", req.Path)
	assert.Empty(t, req.RawQuery)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, []string{"GITHUB_COMMIT_EVENT", "SLACK_RECEIVE_MESSAGE"}, slugs)

	// The API describes the answer as a "JSON string": an encoded array
	// decodes alike.
	w = newWire(t, 200, `"[\"GITHUB_COMMIT_EVENT\",\"SLACK_RECEIVE_MESSAGE\"]"`)
	slugs, err = w.client().Triggers.ListTypeSlugs(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []string{"GITHUB_COMMIT_EVENT", "SLACK_RECEIVE_MESSAGE"}, slugs)

	w = newWire(t, 200, `{"items":[]}`)
	_, err = w.client().Triggers.ListTypeSlugs(context.Background())
	assert.Error(t, err, "another shape is a decode error")
}

func TestTriggersUpsertWire(t *testing.T) {
	w := newWire(t, 201, `{"trigger_id":"ti_Q2xvdWR5U2t5"}`)
	ref, err := w.client().Triggers.Upsert(context.Background(), "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{
		ConnectedAccountID: "ca_1", UserID: "user_123",
		TriggerConfig:   map[string]any{"owner": "composiohq", "repo": "composio"},
		ToolkitVersions: composio.ToolkitVersions{Version: "latest"},
	})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v3.1/trigger_instances/GITHUB_COMMIT_EVENT/upsert", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"connected_account_id":"ca_1","user_id":"user_123",
		"trigger_config":{"owner":"composiohq","repo":"composio"},"toolkit_versions":"latest"}`, string(req.Body))
	assert.Equal(t, "ti_Q2xvdWR5U2t5", ref.TriggerID)
}

func TestTriggersUpsertMinimalBodyAndValidation(t *testing.T) {
	w := newWire(t, 200, `{"trigger_id":"ti_1"}`)
	_, err := w.client().Triggers.Upsert(context.Background(), "SLACK_RECEIVE_MESSAGE", composio.TriggerUpsertParams{UserID: "user_1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_id":"user_1","toolkit_versions":"latest"}`, string(w.last().Body))

	_, err = w.client().Triggers.Upsert(context.Background(), "SLACK_RECEIVE_MESSAGE", composio.TriggerUpsertParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "ConnectedAccountID")
	_, err = w.client().Triggers.Upsert(context.Background(), "", composio.TriggerUpsertParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 1)
}

func TestTriggersUserKeyWhenNoProjectKey(t *testing.T) {
	w := newWire(t, 200, `{"trigger_id":"ti_1"}`)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	_, err = c.Triggers.Delete(context.Background(), "ti_1")
	require.NoError(t, err)
	assert.Equal(t, "X-User-Api-Key", w.last().credential(t))

	// Webhook operations take only the project key.
	_, err = c.Webhooks.GetSubscription(context.Background(), "ws_1")
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 1)
}

func TestTriggersListActiveWire(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "triggers/active_page.json"))
	page, err := w.client().Triggers.ListActive(context.Background(), composio.TriggerListActiveParams{
		UserIDs: []string{"user_123", "user_456"}, ConnectedAccountIDs: []string{"ca_1"}, AuthConfigIDs: []string{"ac_1"},
		TriggerIDs: []string{"ti_1"}, TriggerNames: []string{"github_commit_event"},
		ShowDisabled: composio.Ptr(false), Limit: 50, Cursor: "c1",
	})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/trigger_instances/active", req.Path)
	assert.Equal(t, url.Values{
		"user_ids[]": {"user_123", "user_456"}, "connected_account_ids[]": {"ca_1"}, "auth_config_ids[]": {"ac_1"},
		"trigger_ids[]": {"ti_1"}, "trigger_names[]": {"github_commit_event"},
		"show_disabled": {"false"}, "limit": {"50"}, "cursor": {"c1"},
	}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))

	require.Len(t, page.Items, 2)
	assert.False(t, page.HasMore())
	ti := page.Items[0]
	assert.Equal(t, "ti_Q2xvdWR5U2t5", ti.ID)
	assert.Equal(t, "0b8f8e8a-6a54-4c1e-9b8e-2f7c3f1d9a11", ti.UUID)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ti.TriggerName)
	assert.Equal(t, "ca_7Yb2kLmN3pQr", ti.ConnectedAccountID)
	assert.Equal(t, "5d1c3f0e-8b2a-4a7e-9c1d-6e0f2b3a4c5d", ti.ConnectedAccountUUID)
	assert.Equal(t, "user_123", ti.UserID)
	assert.Equal(t, map[string]any{"owner": "composiohq", "repo": "composio"}, ti.TriggerConfig)
	assert.Equal(t, time.Date(2025, 9, 10, 8, 30, 0, 0, time.UTC), ti.UpdatedAt.Time)
	assert.True(t, ti.Enabled())
	require.NotNil(t, ti.Deprecated)
	assert.Equal(t, "2025-09-09T12:00:00.000Z", ti.Deprecated.CreatedAt)
	assert.False(t, page.Items[1].Enabled())
	assert.Equal(t, time.Date(2025, 9, 12, 10, 15, 0, 0, time.UTC), page.Items[1].DisabledAt.Time)
}

func TestTriggersListActiveAllFollowsCursors(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"id":"ti_1","updated_at":"2025-09-10T08:30:00Z","disabled_at":null}],"next_cursor":"p2","total_pages":2,"current_page":1,"total_items":2}`).
		then(200, `{"items":[{"id":"ti_2","updated_at":"2025-09-10T08:30:00Z","disabled_at":null}],"next_cursor":null,"total_pages":2,"current_page":2,"total_items":2}`)
	items, err := composio.Collect(w.client().Triggers.ListActiveAll(context.Background(), composio.TriggerListActiveParams{UserIDs: []string{"u"}}))
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, "ti_2", items[1].ID)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.Empty(t, reqs[0].Query.Get("cursor"))
	assert.Equal(t, url.Values{"user_ids[]": {"u"}, "cursor": {"p2"}}, reqs[1].Query)
}

func TestTriggersListTypesAllFollowsCursors(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"A"}],"next_cursor":"p2","total_pages":2,"current_page":1,"total_items":2}`).
		then(200, `{"items":[{"slug":"B"}],"total_pages":2,"current_page":2,"total_items":2}`)
	var slugs []string
	for tt, err := range w.client().Triggers.ListTypesAll(context.Background(), composio.TriggerTypeListParams{ToolkitSlugs: []string{"github"}}) {
		require.NoError(t, err)
		slugs = append(slugs, tt.Slug)
	}
	assert.Equal(t, []string{"A", "B"}, slugs)
	assert.Equal(t, url.Values{"toolkit_slugs[]": {"github"}, "cursor": {"p2"}, "toolkit_versions": {"latest"}}, w.last().Query)
}

func TestTriggersUpdateEnableDisableWire(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func(*composio.Client) (*composio.TriggerUpdateResult, error)
		body string
	}{
		{"update", func(c *composio.Client) (*composio.TriggerUpdateResult, error) {
			return c.Triggers.Update(context.Background(), "ti_1", composio.TriggerUpdateParams{Status: composio.TriggerStatusDisable})
		}, `{"status":"disable"}`},
		{"enable", func(c *composio.Client) (*composio.TriggerUpdateResult, error) {
			return c.Triggers.Enable(context.Background(), "ti_1")
		}, `{"status":"enable"}`},
		{"disable", func(c *composio.Client) (*composio.TriggerUpdateResult, error) {
			return c.Triggers.Disable(context.Background(), "ti_1")
		}, `{"status":"disable"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWire(t, 200, `{"status":"success"}`)
			res, err := tc.call(w.client())
			require.NoError(t, err)
			req := w.last()
			assert.Equal(t, http.MethodPatch, req.Method)
			assert.Equal(t, "/api/v3.1/trigger_instances/manage/ti_1", req.Path)
			assert.Equal(t, "X-Api-Key", req.credential(t))
			assert.JSONEq(t, tc.body, string(req.Body))
			assert.Equal(t, "success", res.Status)
		})
	}
	w := newWire(t, 200, `{}`)
	_, err := w.client().Triggers.Update(context.Background(), "ti_1", composio.TriggerUpdateParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = w.client().Triggers.Enable(context.Background(), "")
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = w.client().Triggers.Disable(context.Background(), "..")
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

func TestTriggersDeleteWire(t *testing.T) {
	w := newWire(t, 200, `{"trigger_id":"ti_1"}`)
	ref, err := w.client().Triggers.Delete(context.Background(), "ti_1")
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodDelete, req.Method)
	assert.Equal(t, "/api/v3.1/trigger_instances/manage/ti_1", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Empty(t, req.Body)
	assert.Equal(t, "ti_1", ref.TriggerID)

	_, err = w.client().Triggers.Delete(context.Background(), "")
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Len(t, w.requests(), 1)
}

func TestTriggersErrorEnvelope(t *testing.T) {
	w := newWire(t, 404, notFoundEnvelope)
	c := w.client()
	calls := map[string]func() error{
		"ListTypes": func() error {
			_, err := c.Triggers.ListTypes(context.Background(), composio.TriggerTypeListParams{})
			return err
		},
		"ListTypeSlugs": func() error { _, err := c.Triggers.ListTypeSlugs(context.Background()); return err },
		"GetType": func() error {
			_, err := c.Triggers.GetType(context.Background(), "X", composio.TriggerTypeGetParams{})
			return err
		},
		"Upsert": func() error {
			_, err := c.Triggers.Upsert(context.Background(), "X", composio.TriggerUpsertParams{UserID: "u"})
			return err
		},
		"ListActive": func() error {
			_, err := c.Triggers.ListActive(context.Background(), composio.TriggerListActiveParams{})
			return err
		},
		"Update": func() error { _, err := c.Triggers.Disable(context.Background(), "ti_x"); return err },
		"Delete": func() error { _, err := c.Triggers.Delete(context.Background(), "ti_x"); return err },
		"ListActiveAll": func() error {
			_, err := composio.Collect(c.Triggers.ListActiveAll(context.Background(), composio.TriggerListActiveParams{}))
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := call()
			require.ErrorIs(t, err, composio.ErrNotFound)
			var apiErr *composio.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, "Trigger not found", apiErr.Message)
			assert.Equal(t, "req_nf", apiErr.RequestID)
		})
	}
}

func TestTriggersToolkitVersionsForms(t *testing.T) {
	w := newWire(t, 200, `{"trigger_id":"ti_1"}`)
	ctx := context.Background()
	c := w.client()

	// Per toolkit: slugs in lower case, as tool lookups send them.
	_, err := c.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{UserID: "u",
		ToolkitVersions: composio.ToolkitVersions{ByToolkit: map[string]string{"GitHub": "20250906_01"}}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_id":"u","toolkit_versions":{"github":"20250906_01"}}`, string(w.last().Body))
	_, err = c.Triggers.GetType(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerTypeGetParams{
		ToolkitVersions: composio.ToolkitVersions{ByToolkit: map[string]string{"GitHub": "20250906_01"}}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"toolkit_versions[github]": {"20250906_01"}}, w.last().Query)

	// Refused before sending: both forms, or an empty slug or version.
	for _, v := range []composio.ToolkitVersions{
		{Version: "latest", ByToolkit: map[string]string{"github": "x"}},
		{ByToolkit: map[string]string{"github": " "}},
		{ByToolkit: map[string]string{"": "x"}},
	} {
		_, err = c.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{UserID: "u", ToolkitVersions: v})
		assert.ErrorIs(t, err, composio.ErrInvalidParams, "%+v", v)
		_, err = c.Triggers.GetType(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerTypeGetParams{ToolkitVersions: v})
		assert.ErrorIs(t, err, composio.ErrInvalidParams, "%+v", v)
	}
	assert.Len(t, w.requests(), 2)

	// The client's single version applies to every lookup and upsert.
	one := w.client(composio.WithToolkitVersion("20250906_01"))
	_, err = one.Triggers.ListTypes(ctx, composio.TriggerTypeListParams{})
	require.NoError(t, err)
	assert.Equal(t, "toolkit_versions=20250906_01", w.last().RawQuery)
	_, err = one.Triggers.GetType(ctx, "X", composio.TriggerTypeGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "toolkit_versions=20250906_01", w.last().RawQuery)
	_, err = one.Triggers.Upsert(ctx, "X", composio.TriggerUpsertParams{ConnectedAccountID: "ca_1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"connected_account_id":"ca_1","toolkit_versions":"20250906_01"}`, string(w.last().Body))
}

func TestTriggersUpsertNoContent(t *testing.T) {
	// The API documents a 204 answer as well: no error, no id.
	w := newWire(t, 204, "")
	ref, err := w.client().Triggers.Upsert(context.Background(), "X", composio.TriggerUpsertParams{UserID: "u"})
	require.NoError(t, err)
	require.NotNil(t, ref)
	assert.Empty(t, ref.TriggerID)
}
