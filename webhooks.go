package composio

import (
	"context"
	"iter"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// WebhooksService calls the Composio API's webhook operations: the
// project's webhook subscription (where Composio delivers trigger events,
// and the secret that signs them) and webhook endpoints (Composio-issued
// URLs to register with providers such as Slack). Use it through
// [Client].Webhooks.
//
// The API allows one subscription per project: create it once, then update
// it. Verify deliveries with [VerifyWebhook] or [WebhookHandler].
type WebhooksService service

// ListEndpoints returns the project's webhook endpoints, optionally those
// of one toolkit.
//
// API: GET /webhook_endpoints
func (s *WebhooksService) ListEndpoints(ctx context.Context, params WebhookEndpointListParams, opts ...RequestOption) (*WebhookEndpointList, error) {
	return do[WebhookEndpointList](ctx, s.client, request{op: ops.WebhookEndpointsList, query: params}, opts)
}

// CreateEndpoint returns the webhook endpoint of a toolkit's OAuth app,
// creating it when it does not exist yet. Register its WebhookURL with the
// provider, then configure it with [WebhooksService.ReplaceEndpoint].
//
// API: POST /webhook_endpoints
func (s *WebhooksService) CreateEndpoint(ctx context.Context, params WebhookEndpointCreateParams, opts ...RequestOption) (*WebhookEndpoint, error) {
	if strings.TrimSpace(params.ToolkitSlug) == "" {
		return nil, invalidParam("toolkit_slug", "must not be empty")
	}
	if strings.TrimSpace(params.ClientID) == "" {
		return nil, invalidParam("client_id", "must not be empty")
	}
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsCreate, body: params}, opts)
}

// GetEndpoint returns a webhook endpoint, its secret fields masked.
//
// API: GET /webhook_endpoints/{nano_id}
func (s *WebhooksService) GetEndpoint(ctx context.Context, endpointID string, opts ...RequestOption) (*WebhookEndpoint, error) {
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsRetrieve, pathArgs: []string{endpointID}}, opts)
}

// ReplaceEndpoint configures a webhook endpoint: Data must hold every
// required setup field of the toolkit (such as Slack's signing secret).
//
// API: POST /webhook_endpoints/{nano_id}
func (s *WebhooksService) ReplaceEndpoint(ctx context.Context, endpointID string, params WebhookEndpointReplaceParams, opts ...RequestOption) (*WebhookEndpoint, error) {
	if params.Data == nil {
		params.Data = map[string]string{} // required on the wire, even empty
	}
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsReplace, pathArgs: []string{endpointID}, body: params}, opts)
}

// UpdateEndpoint changes some setup fields of a webhook endpoint; fields
// left out keep their values.
//
// API: PATCH /webhook_endpoints/{nano_id}
func (s *WebhooksService) UpdateEndpoint(ctx context.Context, endpointID string, params WebhookEndpointUpdateParams, opts ...RequestOption) (*WebhookEndpoint, error) {
	if len(params.Data) == 0 {
		return nil, invalidParam("data", "must name at least one field")
	}
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsUpdate, pathArgs: []string{endpointID}, body: params}, opts)
}

// ListSubscriptions returns one page of the project's webhook
// subscriptions (at most one today).
//
// API: GET /webhook_subscriptions
func (s *WebhooksService) ListSubscriptions(ctx context.Context, params WebhookSubscriptionListParams, opts ...RequestOption) (*Page[WebhookSubscription], error) {
	return do[Page[WebhookSubscription]](ctx, s.client, request{op: ops.WebhookSubscriptionsList, query: params}, opts)
}

// ListSubscriptionsAll iterates over every webhook subscription, page by
// page.
//
// API: GET /webhook_subscriptions
func (s *WebhooksService) ListSubscriptionsAll(ctx context.Context, params WebhookSubscriptionListParams, opts ...RequestOption) iter.Seq2[WebhookSubscription, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[WebhookSubscription], error) {
		params.Cursor = cursor
		return s.ListSubscriptions(ctx, params, opts...)
	})
}

// CreateSubscription subscribes a URL to events; the answer carries the
// secret that signs every delivery. A project has at most one
// subscription: a second create fails with a conflict, so update the
// existing one instead.
//
// API: POST /webhook_subscriptions
func (s *WebhooksService) CreateSubscription(ctx context.Context, params WebhookSubscriptionCreateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	if strings.TrimSpace(params.WebhookURL) == "" {
		return nil, invalidParam("webhook_url", "must not be empty")
	}
	if len(params.EnabledEvents) == 0 {
		return nil, invalidParam("enabled_events", "must name at least one event type, such as WebhookEventTriggerMessage (set EnabledEvents)")
	}
	return do[WebhookSubscription](ctx, s.client, request{op: ops.WebhookSubscriptionsCreate, body: params}, opts)
}

// ListEventTypes returns the event types a subscription can receive and
// the payload versions each supports.
//
// API: GET /webhook_subscriptions/event_types
func (s *WebhooksService) ListEventTypes(ctx context.Context, opts ...RequestOption) (*WebhookEventTypeList, error) {
	return do[WebhookEventTypeList](ctx, s.client, request{op: ops.WebhookSubscriptionsListEventTypes}, opts)
}

// GetSubscription returns a webhook subscription with its signing secret.
//
// API: GET /webhook_subscriptions/{id}
func (s *WebhooksService) GetSubscription(ctx context.Context, subscriptionID string, opts ...RequestOption) (*WebhookSubscription, error) {
	return do[WebhookSubscription](ctx, s.client, request{op: ops.WebhookSubscriptionsRetrieve, pathArgs: []string{subscriptionID}}, opts)
}

// UpdateSubscription changes a subscription's URL, events or payload
// version; zero fields are left as they are. The secret is unchanged.
//
// API: PATCH /webhook_subscriptions/{id}
func (s *WebhooksService) UpdateSubscription(ctx context.Context, subscriptionID string, params WebhookSubscriptionUpdateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return do[WebhookSubscription](ctx, s.client, request{op: ops.WebhookSubscriptionsUpdate, pathArgs: []string{subscriptionID}, body: params}, opts)
}

// DeleteSubscription removes a webhook subscription: no more events are
// delivered.
//
// API: DELETE /webhook_subscriptions/{id}
func (s *WebhooksService) DeleteSubscription(ctx context.Context, subscriptionID string, opts ...RequestOption) (*WebhookSubscriptionDeleted, error) {
	return do[WebhookSubscriptionDeleted](ctx, s.client, request{op: ops.WebhookSubscriptionsDelete, pathArgs: []string{subscriptionID}}, opts)
}

// RotateSecret replaces a subscription's signing secret and returns the new
// one. Deliveries are signed with the new secret at once: deploy it to your
// receiver promptly.
//
// API: POST /webhook_subscriptions/{id}/rotate_secret
func (s *WebhooksService) RotateSecret(ctx context.Context, subscriptionID string, opts ...RequestOption) (*WebhookSecret, error) {
	return do[WebhookSecret](ctx, s.client, request{op: ops.WebhookSubscriptionsRotateSecret, pathArgs: []string{subscriptionID}}, opts)
}
