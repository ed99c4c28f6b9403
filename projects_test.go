package composio_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// projectsWireCase is one operation of ProjectsService on the wire.
type projectsWireCase struct {
	name       string
	call       func(ctx context.Context, p *composio.ProjectsService) (any, error)
	answer     string
	method     string
	path       string
	query      url.Values
	body       string // JSON; empty for no body
	credential string // header name; "" for none
	header     map[string]string
	check      func(t *testing.T, got any)
}

var (
	jan1 = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	jan8 = time.Date(2025, 9, 8, 0, 0, 0, 0, time.UTC)
)

func projectsWireCases(t *testing.T) []projectsWireCase {
	return []projectsWireCase{
		{
			name: "Create",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.Create(ctx, composio.ProjectCreateParams{Name: "staging", ShouldCreateAPIKey: true,
					Config: &composio.ProjectConfig{LogVisibilitySetting: composio.LogVisibilityDontStoreData, RequireMCPAPIKey: composio.Ptr(false), DisplayName: "Staging"}})
			},
			answer: `{"id":"pr_new1","name":"staging","api_key":"ak_live_brand_new_secret"}`,
			method: http.MethodPost, path: "/api/v3.1/org/owner/project/new", credential: "X-Org-Api-Key",
			body: `{"name":"staging","should_create_api_key":true,"config":{"is_2FA_enabled":false,"mask_secret_keys_in_connected_account":false,
				"log_visibility_setting":"dont_store_data","display_name":"Staging","require_mcp_api_key":false}}`,
			check: func(t *testing.T, got any) {
				c := got.(*composio.ProjectCreated)
				assert.Equal(t, "pr_new1", c.ID)
				assert.Equal(t, "ak_live_brand_new_secret", c.APIKey.Value())
				assertRedacted(t, c, "ak_live_brand_new_secret")
			},
		},
		{
			name: "List",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.List(ctx, composio.ProjectListParams{Limit: 10, Cursor: "c1"})
			},
			answer: `{"data":[{"id":"pr_1","org_id":"ok_1","name":"default","email":"a@b.c","created_at":"2025-03-14T09:26:53.000Z",
				"updated_at":"2025-03-14T09:26:53.000Z","webhook_url":null,"event_webhook_url":null,"webhook_secret":null,
				"webhook_version":"V3","deleted":false}],"next_cursor":"c2","total_pages":2,"current_page":1,"total_items":11}`,
			method: http.MethodGet, path: "/api/v3.1/org/owner/project/list", credential: "X-Org-Api-Key",
			query: url.Values{"limit": {"10"}, "cursor": {"c1"}},
			check: func(t *testing.T, got any) {
				p := got.(*composio.Page[composio.Project])
				require.Len(t, p.Items, 1)
				assert.Equal(t, "pr_1", p.Items[0].ID)
				assert.Equal(t, composio.ProjectWebhookV3, p.Items[0].WebhookVersion)
				assert.Equal(t, "c2", p.NextCursor)
				assert.Equal(t, 11, p.TotalItems)
			},
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, p *composio.ProjectsService) (any, error) { return p.Get(ctx, "pr_1a2b 3c") },
			answer: readTestdata(t, "projects/get.json"),
			method: http.MethodGet, path: "/api/v3.1/org/owner/project/pr_1a2b%203c", credential: "X-Org-Api-Key",
			check: func(t *testing.T, got any) {
				d := got.(*composio.ProjectDetails)
				assert.Equal(t, "production", d.Name)
				assert.Equal(t, time.Date(2025, 9, 1, 17, 45, 0, 123e6, time.UTC), d.UpdatedAt.Time)
				require.NotNil(t, d.LastSubscribedAt)
				require.Len(t, d.APIKeys, 1)
				assert.Equal(t, "ak_********9xQ2", d.APIKeys[0].Key.Value())
				assert.Equal(t, "whsec_live_8f7e6d5c4b3a", d.WebhookSecret.Value())
				assertRedacted(t, d, "whsec_live_8f7e6d5c4b3a")
			},
		},
		{
			name: "Delete",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.Delete(ctx, "pr_1", composio.ProjectDeleteParams{RevokeOnDelete: composio.Ptr(true)})
			},
			answer: `{"status":"success","revoke_job_id":"rj_1"}`,
			method: http.MethodDelete, path: "/api/v3.1/org/owner/project/pr_1", credential: "X-Org-Api-Key",
			query: url.Values{"revoke_on_delete": {"true"}},
			check: func(t *testing.T, got any) {
				assert.Equal(t, &composio.ProjectDeleted{Status: "success", RevokeJobID: "rj_1"}, got)
			},
		},
		{
			name: "RegenerateAPIKey",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.RegenerateAPIKey(ctx, "pr_1")
			},
			answer: `{"api_key":{"id":"key_2","name":"default","key":"ak_regenerated_full_value","created_at":"2025-09-06T10:00:00Z"},"message":"API key regenerated successfully"}`,
			method: http.MethodPost, path: "/api/v3.1/org/owner/project/pr_1/regenerate_api_key", credential: "X-Org-Api-Key",
			check: func(t *testing.T, got any) {
				k := got.(*composio.RegeneratedAPIKey)
				assert.Equal(t, "ak_regenerated_full_value", k.APIKey.Key.Value())
				assertRedacted(t, k, "ak_regenerated_full_value")
			},
		},
		{
			name: "GetOrgUsageSummary",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.GetOrgUsageSummary(ctx, composio.UsageSummaryParams{From: jan1, To: jan8, EntityTypes: []string{"tool_calls"},
					Filters: composio.UsageFilters{ProjectIDs: []string{"pr_1"}, UserIDs: []string{"u1", "u2"}}})
			},
			answer: `{"entities":{"tool_calls":{"unit":"calls","total_quantity":"12345678901234567890","event_count":42}}}`,
			method: http.MethodPost, path: "/api/v3.1/org/usage/summary", credential: "X-Org-Api-Key",
			body: fmt.Sprintf(`{"from":%d,"to":%d,"entity_types":["tool_calls"],"filters":{"user_id":["u1","u2"],"project_id":["pr_1"]}}`, jan1.UnixMilli(), jan8.UnixMilli()),
			check: func(t *testing.T, got any) {
				s := got.(*composio.UsageSummary)
				assert.Equal(t, composio.UsageTotal{Unit: "calls", TotalQuantity: "12345678901234567890", EventCount: 42}, s.Entities["tool_calls"])
			},
		},
		{
			name: "GetOrgUsage",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.GetOrgUsage(ctx, "tool_calls", composio.UsageParams{GroupBy: "project_id", OrderBy: composio.UsageOrderByEventCount,
					OrderDirection: composio.UsageSortAsc, Limit: 5})
			},
			answer: `{"entity_type":"tool_calls","unit":"calls","total_quantity":"7","event_count":7,"groups":[{"key":"pr_1","total_quantity":"7","event_count":7}]}`,
			method: http.MethodPost, path: "/api/v3.1/org/usage/tool_calls", credential: "X-Org-Api-Key",
			body: `{"group_by":"project_id","order_by":"event_count","order_direction":"asc","limit":5}`,
			check: func(t *testing.T, got any) {
				u := got.(*composio.Usage)
				assert.Equal(t, []composio.UsageGroup{{Key: "pr_1", TotalQuantity: "7", EventCount: 7}}, u.Groups)
			},
		},
		{
			name: "UsageSummary",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.GetUsageSummary(ctx, composio.UsageSummaryParams{})
			},
			answer: `{"entities":{}}`,
			method: http.MethodPost, path: "/api/v3.1/project/usage/summary", credential: "X-Api-Key", body: `{}`,
		},
		{
			name: "Usage",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.GetUsage(ctx, "sessions", composio.UsageParams{From: jan1, Filters: composio.UsageFilters{SessionIDs: []string{"s1"}}})
			},
			answer: `{"entity_type":"sessions","unit":"sessions","total_quantity":"1","event_count":3,"groups":[]}`,
			method: http.MethodPost, path: "/api/v3.1/project/usage/sessions", credential: "X-Api-Key",
			body: fmt.Sprintf(`{"from":%d,"filters":{"session_id":["s1"]}}`, jan1.UnixMilli()),
		},
		{
			name: "ListOrganizations",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.ListOrganizations(ctx, composio.OrganizationListParams{Limit: 1})
			},
			answer: `{"organizations":[{"id":"ok_1","name":"Acme","created_at":"2025-03-14T09:26:53Z","updated_at":"2025-03-14T09:26:53Z","plan":"x"}],
				"next_cursor":null,"total_pages":1,"current_page":1,"total_items":1}`,
			method: http.MethodGet, path: "/api/v3.1/org/list", credential: "X-User-Api-Key", query: url.Values{"limit": {"1"}},
			check: func(t *testing.T, got any) {
				p := got.(*composio.Page[composio.Organization])
				require.Len(t, p.Items, 1)
				assert.Equal(t, "Acme", p.Items[0].Name)
				assert.False(t, p.HasMore())
			},
		},
		{
			name: "ListAccessible",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.ListAccessible(ctx, composio.ProjectListAccessibleParams{AllOrganizations: composio.Ptr(false)})
			},
			answer: `{"data":[],"total_pages":0,"current_page":1,"total_items":0}`,
			method: http.MethodGet, path: "/api/v3.1/org/project/list", credential: "X-User-Api-Key",
			query: url.Values{"list_all_org_projects": {"false"}},
			check: func(t *testing.T, got any) {
				assert.NotNil(t, got.(*composio.Page[composio.Project]).Items)
			},
		},
		{
			name:   "GetSessionInfo",
			call:   func(ctx context.Context, p *composio.ProjectsService) (any, error) { return p.GetSessionInfo(ctx) },
			answer: readTestdata(t, "projects/session_info.json"),
			method: http.MethodGet, path: "/api/v3.1/auth/session/info", credential: "X-User-Api-Key",
			check: func(t *testing.T, got any) {
				s := got.(*composio.AuthSessionInfo)
				require.NotNil(t, s.Project)
				assert.Equal(t, "pr_1a2b3c4d5e6f", s.Project.NanoID)
				assert.Equal(t, "GROWTH", s.Project.Org.Plan)
				assert.Nil(t, s.Project.LastSubscribedAt)
				require.NotNil(t, s.APIKey)
				assert.Equal(t, "uak_live_full_secret_value", s.APIKey.Key.Value())
				assert.Equal(t, "OWNER", s.OrgMember.Role)
				assert.Equal(t, "dark", s.OrgMember.Metadata["theme"])
				assertRedacted(t, s, "uak_live_full_secret_value")
				assertRedacted(t, s, "whsec_live_8f7e6d5c4b3a")
			},
		},
		{
			name: "ResolveConsumer",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.ResolveConsumer(ctx, "ok_acme")
			},
			answer: `{"project_id":"uuid-1","project_nano_id":"pr_c","project_name":"consumer","org_id":"ok_acme","project_type":"CONSUMER","consumer_user_id":"cu_1"}`,
			method: http.MethodPost, path: "/api/v3.1/org/consumer/project/resolve", credential: "X-User-Api-Key",
			header: map[string]string{"X-Org-Id": "ok_acme"},
			check: func(t *testing.T, got any) {
				assert.Equal(t, "cu_1", got.(*composio.ConsumerProject).ConsumerUserID)
			},
		},
		{
			name: "ListConsumerConnectedToolkits",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.ListConsumerConnectedToolkits(ctx, "ok_acme", composio.ConsumerToolkitsParams{UserID: "user 1"})
			},
			answer: `{"toolkits":["github","gmail"]}`,
			method: http.MethodGet, path: "/api/v3.1/org/consumer/connected_toolkits", credential: "X-User-Api-Key",
			query: url.Values{"user_id": {"user 1"}}, header: map[string]string{"X-Org-Id": "ok_acme"},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []string{"github", "gmail"}, got.(*composio.ConsumerToolkits).Toolkits)
			},
		},
		{
			name: "RevokeAPIKeys",
			call: func(ctx context.Context, p *composio.ProjectsService) (any, error) {
				return p.RevokeAPIKeys(ctx, composio.APIKeyRevocationParams{APIKeys: []string{"ak_leaked", "uak_leaked"}})
			},
			answer: `{"received":true}`,
			method: http.MethodPost, path: "/api/v3.1/api_key_revocation",
			body:  `{"api_keys":["ak_leaked","uak_leaked"]}`,
			check: func(t *testing.T, got any) { assert.True(t, got.(*composio.APIKeyRevocation).Received) },
		},
	}
}

func TestProjectsWire(t *testing.T) {
	for _, tc := range projectsWireCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			w := newWire(t, 200, tc.answer)
			got, err := tc.call(context.Background(), w.client().Projects)
			require.NoError(t, err)
			req := w.last()
			assert.Equal(t, tc.method, req.Method)
			assert.Equal(t, tc.path, req.Path)
			if tc.query == nil {
				tc.query = url.Values{}
			}
			assert.Equal(t, tc.query, req.Query)
			if tc.credential == "" {
				for _, h := range []string{"X-Api-Key", "X-User-Api-Key", "X-Org-Api-Key"} {
					assert.Empty(t, req.Header.Get(h), "no-auth operation sent %s", h)
				}
			} else {
				assert.Equal(t, tc.credential, req.credential(t))
			}
			for k, v := range tc.header {
				assert.Equal(t, v, req.Header.Get(k))
			}
			if tc.body == "" {
				assert.Empty(t, req.Body)
			} else {
				assert.JSONEq(t, tc.body, string(req.Body))
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// Each operation fails before sending, naming the option, when the key it
// needs is not configured; and the API's error envelope becomes *Error.
func TestProjectsMissingKeyAndErrors(t *testing.T) {
	want := map[string]string{"X-Org-Api-Key": "WithOrgAPIKey", "X-User-Api-Key": "WithUserAPIKey", "X-Api-Key": "WithAPIKey"}
	for _, tc := range projectsWireCases(t) {
		if tc.credential == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			w := newWire(t, 404, `{"error":{"message":"Project not found","code":404,"status":404,"request_id":"req_e"}}`)
			keys := map[string]composio.Option{
				"X-Api-Key": composio.WithAPIKey(testAPIKey), "X-Org-Api-Key": composio.WithOrgAPIKey(testOrgAPIKey),
				"X-User-Api-Key": composio.WithUserAPIKey(testUserAPIKey),
			}
			var opts []composio.Option
			for h, o := range keys {
				if h != tc.credential {
					opts = append(opts, o)
				}
			}
			c, err := composio.NewClient(append(opts, composio.WithoutEnvironment(), composio.WithBaseURL(w.srv.URL))...)
			require.NoError(t, err)
			_, err = tc.call(context.Background(), c.Projects)
			require.ErrorIs(t, err, composio.ErrInvalidParams)
			assert.Contains(t, err.Error(), want[tc.credential])
			assert.Empty(t, w.requests(), "nothing is sent without the key")

			_, err = tc.call(context.Background(), w.client().Projects)
			var apiErr *composio.Error
			require.ErrorAs(t, err, &apiErr)
			assert.ErrorIs(t, err, composio.ErrNotFound)
			assert.Equal(t, "req_e", apiErr.RequestID)
		})
	}
}

func TestProjectsValidation(t *testing.T) {
	w := newWire(t, 200, `{}`)
	p := w.client().Projects
	ctx := context.Background()
	checks := map[string]func() error{
		"name":       func() error { _, err := p.Create(ctx, composio.ProjectCreateParams{}); return err },
		"nano_id":    func() error { _, err := p.Get(ctx, ""); return err },
		"nano_id ..": func() error { _, err := p.Delete(ctx, "..", composio.ProjectDeleteParams{}); return err },
		"regenerate": func() error { _, err := p.RegenerateAPIKey(ctx, " "); return err },
		"entity_type": func() error {
			_, err := p.GetUsage(ctx, "", composio.UsageParams{})
			return err
		},
		"org entity_type": func() error { _, err := p.GetOrgUsage(ctx, "", composio.UsageParams{}); return err },
		"project_id on project usage": func() error {
			_, err := p.GetUsageSummary(ctx, composio.UsageSummaryParams{Filters: composio.UsageFilters{ProjectIDs: []string{"x"}}})
			return err
		},
		"project_id on project breakdown": func() error {
			_, err := p.GetUsage(ctx, "tool_calls", composio.UsageParams{Filters: composio.UsageFilters{ProjectIDs: []string{"x"}}})
			return err
		},
		"x-org-id": func() error { _, err := p.ResolveConsumer(ctx, ""); return err },
		"x-org-id toolkit": func() error {
			_, err := p.ListConsumerConnectedToolkits(ctx, "", composio.ConsumerToolkitsParams{UserID: "u"})
			return err
		},
		"user_id": func() error {
			_, err := p.ListConsumerConnectedToolkits(ctx, "ok", composio.ConsumerToolkitsParams{})
			return err
		},
		"api_keys": func() error {
			_, err := p.RevokeAPIKeys(ctx, composio.APIKeyRevocationParams{})
			return err
		},
		"empty key": func() error {
			_, err := p.RevokeAPIKeys(ctx, composio.APIKeyRevocationParams{APIKeys: []string{"ak_1", " "}})
			return err
		},
		"usage limit": func() error {
			_, err := p.GetUsage(ctx, "tool_calls", composio.UsageParams{Limit: 1001})
			return err
		},
		"org usage limit": func() error {
			_, err := p.GetOrgUsage(ctx, "tool_calls", composio.UsageParams{Limit: -1})
			return err
		},
		"usage window": func() error {
			_, err := p.GetUsage(ctx, "tool_calls", composio.UsageParams{From: jan8, To: jan1})
			return err
		},
		"summary window": func() error {
			_, err := p.GetUsageSummary(ctx, composio.UsageSummaryParams{From: jan1, To: jan1})
			return err
		},
		"org summary window": func() error {
			_, err := p.GetOrgUsageSummary(ctx, composio.UsageSummaryParams{From: jan8, To: jan1})
			return err
		},
		"api_keys over 100": func() error {
			_, err := p.RevokeAPIKeys(ctx, composio.APIKeyRevocationParams{APIKeys: make([]string, 101)})
			return err
		},
	}
	for name, fn := range checks {
		assert.ErrorIs(t, fn(), composio.ErrInvalidParams, name)
	}
	assert.Empty(t, w.requests())
}

func TestProjectsListAllVariants(t *testing.T) {
	ctx := context.Background()
	w := newWire(t, 200, `{"data":[{"id":"a"}],"next_cursor":"n","total_items":2,"total_pages":2,"current_page":1}`).
		then(200, `{"data":[{"id":"b"}],"next_cursor":null,"total_items":2,"total_pages":2,"current_page":2}`)
	ps, err := composio.Collect(w.client().Projects.ListAll(ctx, composio.ProjectListParams{}))
	require.NoError(t, err)
	assert.Len(t, ps, 2)
	assert.Equal(t, "n", w.last().Query.Get("cursor"))

	w = newWire(t, 200, `{"organizations":[{"id":"o1"}],"next_cursor":"n","total_items":2}`).
		then(200, `{"organizations":[{"id":"o2"}],"total_items":2}`)
	orgs, err := composio.Collect(w.client().Projects.ListOrganizationsAll(ctx, composio.OrganizationListParams{}))
	require.NoError(t, err)
	assert.Equal(t, "o2", orgs[1].ID)

	w = newWire(t, 200, `{"data":[{"id":"a"}],"next_cursor":"n"}`).then(200, `{"data":[{"id":"b"}]}`)
	ps, err = composio.Collect(w.client().Projects.ListAccessibleAll(ctx, composio.ProjectListAccessibleParams{AllOrganizations: composio.Ptr(true)}))
	require.NoError(t, err)
	assert.Len(t, ps, 2)
	assert.Equal(t, "true", w.last().Query.Get("list_all_org_projects"))
}

// assertRedacted checks that printing or logging v never shows secret.
func assertRedacted(t *testing.T, v any, secret string) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, v), secret, verb)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "v", v)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "v", v)
	assert.NotContains(t, buf.String(), secret, "slog")
}

// The nullable shapes the API documents decode: no key on a new project, an
// organization-level session with neither project nor key record.
func TestProjectsDecodeNullables(t *testing.T) {
	ctx := context.Background()
	w := newWire(t, 200, `{"id":"pr_2","api_key":null}`)
	created, err := w.client().Projects.Create(ctx, composio.ProjectCreateParams{Name: "x"})
	require.NoError(t, err)
	assert.Equal(t, &composio.ProjectCreated{ID: "pr_2"}, created)
	assert.JSONEq(t, `{"name":"x"}`, string(w.last().Body), "optional fields stay off the wire")

	w = newWire(t, 200, `{"project":null,"api_key":null,"org_member":{"id":"om_1","email":"a@b.c","name":"A","role":"MEMBER","metadata":{}}}`)
	info, err := w.client().Projects.GetSessionInfo(ctx)
	require.NoError(t, err)
	assert.Nil(t, info.Project)
	assert.Nil(t, info.APIKey)
	assert.Equal(t, "MEMBER", info.OrgMember.Role)
	assert.NotContains(t, fmt.Sprintf("%v %+v", info, info), "0x", "nil records print as nil, not as addresses")

	w = newWire(t, 200, `{"id":"pr_3","org_id":"o","name":"n","email":"e","created_at":"2025-03-14T09:26:53.000Z","updated_at":"2025-03-14T09:26:53.000Z",
		"webhook_url":null,"event_webhook_url":null,"webhook_secret":null,"last_subscribed_at":null,"webhook_version":"V1","deleted":true,"api_keys":[]}`)
	d, err := w.client().Projects.Get(ctx, "pr_3")
	require.NoError(t, err)
	assert.True(t, d.Deleted)
	assert.Nil(t, d.LastSubscribedAt)
	assert.Empty(t, d.WebhookSecret.Value())
	assert.NotNil(t, d.APIKeys)
}
