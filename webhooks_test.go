package composio_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhooksEndpointsWire(t *testing.T) {
	endpoint := readTestdata(t, "webhooks/endpoint.json")
	checkEndpoint := func(t *testing.T, e *composio.WebhookEndpoint) {
		t.Helper()
		assert.Equal(t, "we_abc123XYZ789", e.ID)
		assert.Equal(t, "slack", e.ToolkitSlug)
		assert.Equal(t, "1234567890.987654321", e.ClientID)
		assert.Equal(t, "https://backend.composio.dev/api/v3/webhook_endpoints/we_abc123XYZ789/events", e.WebhookURL)
		assert.Equal(t, map[string]string{"signing_secret": "****c0ff", "app_id": "A0123456"}, e.Data)
		assert.Equal(t, time.Date(2025, 9, 10, 8, 30, 0, 0, time.UTC), e.CreatedAt.Time)
	}
	for _, tc := range []struct {
		name, method, path, body, query string
		call                            func(c *composio.Client) (*composio.WebhookEndpoint, error)
	}{
		{"create", http.MethodPost, "/api/v3.1/webhook_endpoints", `{"toolkit_slug":"slack","client_id":"1234567890.987654321"}`, "",
			func(c *composio.Client) (*composio.WebhookEndpoint, error) {
				return c.Webhooks.CreateEndpoint(context.Background(), composio.WebhookEndpointCreateParams{ToolkitSlug: "slack", ClientID: "1234567890.987654321"})
			}},
		{"get", http.MethodGet, "/api/v3.1/webhook_endpoints/we_abc123XYZ789", "", "",
			func(c *composio.Client) (*composio.WebhookEndpoint, error) {
				return c.Webhooks.GetEndpoint(context.Background(), "we_abc123XYZ789")
			}},
		{"update", http.MethodPatch, "/api/v3.1/webhook_endpoints/we_abc123XYZ789", `{"data":{"app_id":"A0123456"}}`, "",
			func(c *composio.Client) (*composio.WebhookEndpoint, error) {
				return c.Webhooks.UpdateEndpoint(context.Background(), "we_abc123XYZ789", composio.WebhookEndpointUpdateParams{Data: map[string]string{"app_id": "A0123456"}})
			}},
		{"replace", http.MethodPost, "/api/v3.1/webhook_endpoints/we_abc123XYZ789", `{"data":{"signing_secret":"s3cr3tc0ff","app_id":"A0123456"}}`, "",
			func(c *composio.Client) (*composio.WebhookEndpoint, error) {
				return c.Webhooks.ReplaceEndpoint(context.Background(), "we_abc123XYZ789", composio.WebhookEndpointReplaceParams{Data: map[string]string{"signing_secret": "s3cr3tc0ff", "app_id": "A0123456"}})
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWire(t, 200, endpoint)
			e, err := tc.call(w.client())
			require.NoError(t, err)
			req := w.last()
			assert.Equal(t, tc.method, req.Method)
			assert.Equal(t, tc.path, req.Path)
			assert.Equal(t, tc.query, req.RawQuery)
			assert.Equal(t, "X-Api-Key", req.credential(t))
			if tc.body == "" {
				assert.Empty(t, req.Body)
			} else {
				assert.JSONEq(t, tc.body, string(req.Body))
			}
			checkEndpoint(t, e)
		})
	}
}

func TestWebhooksEndpointNullFields(t *testing.T) {
	w := newWire(t, 201, `{"id":"we_1","toolkit_slug":"notion","client_id":null,"webhook_url":"https://x/y","data":null,"created_at":"2025-09-10T08:30:00Z"}`)
	e, err := w.client().Webhooks.CreateEndpoint(context.Background(), composio.WebhookEndpointCreateParams{ToolkitSlug: "notion", ClientID: "c"})
	require.NoError(t, err)
	assert.Empty(t, e.ClientID)
	assert.Nil(t, e.Data)
}

func TestWebhooksEndpointValidation(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c := w.client()
	_, err := c.Webhooks.CreateEndpoint(context.Background(), composio.WebhookEndpointCreateParams{ClientID: "c"})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.CreateEndpoint(context.Background(), composio.WebhookEndpointCreateParams{ToolkitSlug: "slack"})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.GetEndpoint(context.Background(), "")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.UpdateEndpoint(context.Background(), "we_1", composio.WebhookEndpointUpdateParams{})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.ReplaceEndpoint(context.Background(), ".", composio.WebhookEndpointReplaceParams{})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())

	// Data is required on the wire: an empty replace still sends it.
	_, err = c.Webhooks.ReplaceEndpoint(context.Background(), "we_1", composio.WebhookEndpointReplaceParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data":{}}`, string(w.last().Body))
}

func TestWebhooksListEndpointsWire(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"id":"we_1","toolkit_slug":"slack","client_id":"123.456","extra":1},{"id":"we_2","toolkit_slug":"slack","client_id":null}]}`)
	list, err := w.client().Webhooks.ListEndpoints(context.Background(), composio.WebhookEndpointListParams{ToolkitSlug: "slack"})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/webhook_endpoints", req.Path)
	assert.Equal(t, url.Values{"toolkit_slug": {"slack"}}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Equal(t, []composio.WebhookEndpointSummary{
		{ID: "we_1", ToolkitSlug: "slack", ClientID: "123.456"},
		{ID: "we_2", ToolkitSlug: "slack"},
	}, list.Items)
}

func checkSubscription(t *testing.T, s *composio.WebhookSubscription) {
	t.Helper()
	assert.Equal(t, "ws_L8kTq2Vn5xWz", s.ID)
	assert.Equal(t, "https://example.com/webhooks/composio", s.WebhookURL)
	assert.Equal(t, composio.WebhookV3, s.Version)
	assert.Equal(t, []composio.WebhookEventType{composio.WebhookEventTriggerMessage, composio.WebhookEventConnectionExpired}, s.EnabledEvents)
	assert.Equal(t, "whsec_6b9f0c2d4e8a1f3b5c7d9e0f2a4b6c8d", s.Secret.Value())
	assert.NotContains(t, fmt.Sprintf("%+v", s), "whsec_", "the secret prints redacted")
	assert.Equal(t, time.Date(2025, 9, 10, 8, 30, 0, 0, time.UTC), s.CreatedAt.Time)
	assert.Equal(t, time.Date(2025, 9, 11, 9, 45, 12, 345e6, time.UTC), s.UpdatedAt.Time)
}

func TestWebhooksSubscriptionsWire(t *testing.T) {
	sub := readTestdata(t, "webhooks/subscription.json")
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		call                     func(c *composio.Client) (*composio.WebhookSubscription, error)
	}{
		{"create", http.MethodPost, "/api/v3.1/webhook_subscriptions",
			`{"webhook_url":"https://example.com/webhooks/composio","enabled_events":["composio.trigger.message","composio.connected_account.expired"],"version":"V3"}`, 201,
			func(c *composio.Client) (*composio.WebhookSubscription, error) {
				return c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
					WebhookURL:    "https://example.com/webhooks/composio",
					EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage, composio.WebhookEventConnectionExpired},
					Version:       composio.WebhookV3,
				})
			}},
		{"create default version", http.MethodPost, "/api/v3.1/webhook_subscriptions",
			`{"webhook_url":"https://example.com/webhooks/composio","enabled_events":["composio.trigger.message"]}`, 201,
			func(c *composio.Client) (*composio.WebhookSubscription, error) {
				return c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
					WebhookURL: "https://example.com/webhooks/composio", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage},
				})
			}},
		{"get", http.MethodGet, "/api/v3.1/webhook_subscriptions/ws_L8kTq2Vn5xWz", "", 200,
			func(c *composio.Client) (*composio.WebhookSubscription, error) {
				return c.Webhooks.GetSubscription(context.Background(), "ws_L8kTq2Vn5xWz")
			}},
		{"update", http.MethodPatch, "/api/v3.1/webhook_subscriptions/ws_L8kTq2Vn5xWz", `{"version":"V2"}`, 200,
			func(c *composio.Client) (*composio.WebhookSubscription, error) {
				return c.Webhooks.UpdateSubscription(context.Background(), "ws_L8kTq2Vn5xWz", composio.WebhookSubscriptionUpdateParams{Version: composio.WebhookV2})
			}},
		{"update all", http.MethodPatch, "/api/v3.1/webhook_subscriptions/ws_L8kTq2Vn5xWz",
			`{"webhook_url":"https://example.com/new","enabled_events":["composio.trigger.message"],"version":"V1"}`, 200,
			func(c *composio.Client) (*composio.WebhookSubscription, error) {
				return c.Webhooks.UpdateSubscription(context.Background(), "ws_L8kTq2Vn5xWz", composio.WebhookSubscriptionUpdateParams{
					WebhookURL: "https://example.com/new", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}, Version: composio.WebhookV1,
				})
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWire(t, tc.status, sub)
			s, err := tc.call(w.client())
			require.NoError(t, err)
			req := w.last()
			assert.Equal(t, tc.method, req.Method)
			assert.Equal(t, tc.path, req.Path)
			assert.Empty(t, req.RawQuery)
			assert.Equal(t, "X-Api-Key", req.credential(t))
			if tc.body == "" {
				assert.Empty(t, req.Body)
			} else {
				assert.JSONEq(t, tc.body, string(req.Body))
			}
			checkSubscription(t, s)
		})
	}
}

func TestWebhooksSubscriptionValidation(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c := w.client()
	_, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{EnabledEvents: []composio.WebhookEventType{"x"}})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{WebhookURL: "https://x"})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "EnabledEvents")
	_, err = c.Webhooks.GetSubscription(context.Background(), "")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.UpdateSubscription(context.Background(), "", composio.WebhookSubscriptionUpdateParams{})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.DeleteSubscription(context.Background(), "..")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = c.Webhooks.RotateSecret(context.Background(), " ")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

func TestWebhooksListSubscriptionsWire(t *testing.T) {
	w := newWire(t, 200, `{"items":[`+readTestdata(t, "webhooks/subscription.json")+`],"next_cursor":"n2","total_pages":2,"current_page":1,"total_items":2}`).
		then(200, `{"items":[{"id":"ws_2","webhook_url":"https://b","version":"V1","enabled_events":[],"secret":"s","created_at":"2025-09-10T08:30:00Z","updated_at":"2025-09-10T08:30:00Z"}],"total_pages":2,"current_page":2,"total_items":2}`)
	page, err := w.client().Webhooks.ListSubscriptions(context.Background(), composio.WebhookSubscriptionListParams{Limit: 1})
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/webhook_subscriptions", req.Path)
	assert.Equal(t, url.Values{"limit": {"1"}}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	require.Len(t, page.Items, 1)
	checkSubscription(t, &page.Items[0])
	assert.Equal(t, "n2", page.NextCursor)

	all, err := composio.Collect(w.client().Webhooks.ListSubscriptionsAll(context.Background(), composio.WebhookSubscriptionListParams{Limit: 1, Cursor: "n2"}))
	require.NoError(t, err)
	require.Len(t, all, 1, "ListSubscriptionsAll starts at the given cursor")
	assert.Equal(t, "ws_2", all[0].ID)
	assert.Equal(t, url.Values{"limit": {"1"}, "cursor": {"n2"}}, w.last().Query)
}

func TestWebhooksDeleteSubscriptionWire(t *testing.T) {
	w := newWire(t, 200, `{"success":true}`)
	res, err := w.client().Webhooks.DeleteSubscription(context.Background(), "ws_1")
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodDelete, req.Method)
	assert.Equal(t, "/api/v3.1/webhook_subscriptions/ws_1", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Empty(t, req.Body)
	assert.True(t, res.Success)
}

func TestWebhooksRotateSecretWire(t *testing.T) {
	w := newWire(t, 200, `{"id":"ws_1","secret":"whsec_new"}`)
	res, err := w.client().Webhooks.RotateSecret(context.Background(), "ws_1")
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v3.1/webhook_subscriptions/ws_1/rotate_secret", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Empty(t, req.Body)
	assert.Equal(t, &composio.WebhookSecret{ID: "ws_1", Secret: "whsec_new"}, res)
}

func TestWebhooksListEventTypesWire(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "webhooks/event_types.json"))
	list, err := w.client().Webhooks.ListEventTypes(context.Background())
	require.NoError(t, err)
	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/webhook_subscriptions/event_types", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	require.Len(t, list.Items, 2)
	assert.Equal(t, composio.WebhookEventTriggerMessage, list.Items[0].EventType)
	assert.Equal(t, []composio.WebhookVersion{composio.WebhookV1, composio.WebhookV2, composio.WebhookV3}, list.Items[0].SupportedVersions)
	assert.Equal(t, []composio.WebhookVersion{composio.WebhookV3}, list.Items[1].SupportedVersions)
	assert.NotEmpty(t, list.Items[1].Description)
}

func TestWebhooksErrorEnvelope(t *testing.T) {
	w := newWire(t, 400, `{"error":{"message":"webhook_url must be https","code":1803,"status":400,"request_id":"req_bad","errors":["webhook_url: Invalid url"]}}`)
	c := w.client()
	calls := map[string]func() error{
		"ListEndpoints": func() error {
			_, err := c.Webhooks.ListEndpoints(context.Background(), composio.WebhookEndpointListParams{})
			return err
		},
		"CreateEndpoint": func() error {
			_, err := c.Webhooks.CreateEndpoint(context.Background(), composio.WebhookEndpointCreateParams{ToolkitSlug: "s", ClientID: "c"})
			return err
		},
		"GetEndpoint": func() error { _, err := c.Webhooks.GetEndpoint(context.Background(), "we"); return err },
		"UpdateEndpoint": func() error {
			_, err := c.Webhooks.UpdateEndpoint(context.Background(), "we", composio.WebhookEndpointUpdateParams{Data: map[string]string{"a": "b"}})
			return err
		},
		"ReplaceEndpoint": func() error {
			_, err := c.Webhooks.ReplaceEndpoint(context.Background(), "we", composio.WebhookEndpointReplaceParams{})
			return err
		},
		"ListSubscriptions": func() error {
			_, err := c.Webhooks.ListSubscriptions(context.Background(), composio.WebhookSubscriptionListParams{})
			return err
		},
		"CreateSubscription": func() error {
			_, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{WebhookURL: "http://x", EnabledEvents: []composio.WebhookEventType{"e"}})
			return err
		},
		"ListEventTypes":  func() error { _, err := c.Webhooks.ListEventTypes(context.Background()); return err },
		"GetSubscription": func() error { _, err := c.Webhooks.GetSubscription(context.Background(), "ws"); return err },
		"UpdateSubscription": func() error {
			_, err := c.Webhooks.UpdateSubscription(context.Background(), "ws", composio.WebhookSubscriptionUpdateParams{})
			return err
		},
		"DeleteSubscription": func() error { _, err := c.Webhooks.DeleteSubscription(context.Background(), "ws"); return err },
		"RotateSecret":       func() error { _, err := c.Webhooks.RotateSecret(context.Background(), "ws"); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := call()
			require.ErrorIs(t, err, composio.ErrBadRequest)
			var apiErr *composio.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, "webhook_url must be https", apiErr.Message)
			assert.Equal(t, []string{"webhook_url: Invalid url"}, apiErr.Details)
		})
	}
}
