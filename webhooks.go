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
		return nil, invalidParam("ToolkitSlug", "must not be empty")
	}
	if strings.TrimSpace(params.ClientID) == "" {
		return nil, invalidParam("ClientID", "must not be empty")
	}
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsCreate, body: params}, opts)
}

// GetEndpoint returns a webhook endpoint, its secret fields masked.
//
// API: GET /webhook_endpoints/{nano_id}
func (s *WebhooksService) GetEndpoint(ctx context.Context, endpointID string, opts ...RequestOption) (*WebhookEndpoint, error) {
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsRetrieve, pathArgs: []string{endpointID}}, opts)
}

// UpdateEndpoint changes some setup fields of a webhook endpoint; fields
// left out keep their values.
//
// API: PATCH /webhook_endpoints/{nano_id}
func (s *WebhooksService) UpdateEndpoint(ctx context.Context, endpointID string, params WebhookEndpointUpdateParams, opts ...RequestOption) (*WebhookEndpoint, error) {
	if len(params.Data) == 0 {
		return nil, invalidParam("Data", "must name at least one field")
	}
	return do[WebhookEndpoint](ctx, s.client, request{op: ops.WebhookEndpointsUpdate, pathArgs: []string{endpointID}, body: params}, opts)
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
		return nil, invalidParam("WebhookURL", "must not be empty")
	}
	if len(params.EnabledEvents) == 0 {
		return nil, invalidParam("EnabledEvents", "must name at least one event type, such as WebhookEventTriggerMessage")
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

// WebhookEndpointListParams filters [WebhooksService.ListEndpoints].
type WebhookEndpointListParams struct {
	ToolkitSlug string `url:"toolkit_slug,omitempty"`
}

// WebhookEndpointCreateParams is the body of
// [WebhooksService.CreateEndpoint].
type WebhookEndpointCreateParams struct {
	// ToolkitSlug is the toolkit, such as "slack".
	ToolkitSlug string `json:"toolkit_slug"`
	// ClientID is the OAuth app's client id: one endpoint per app.
	ClientID string `json:"client_id"`
}

// WebhookEndpointUpdateParams is the body of
// [WebhooksService.UpdateEndpoint].
type WebhookEndpointUpdateParams struct {
	// Data holds the setup fields to change.
	Data map[string]string `json:"data"`
}

// WebhookEndpointReplaceParams is the body of
// [WebhooksService.ReplaceEndpoint].
type WebhookEndpointReplaceParams struct {
	// Data holds every required setup field of the toolkit.
	Data map[string]string `json:"data"`
}

// WebhookSubscriptionListParams pages [WebhooksService.ListSubscriptions].
type WebhookSubscriptionListParams struct {
	// Limit is the page size (the API allows at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// WebhookSubscriptionCreateParams is the body of
// [WebhooksService.CreateSubscription].
type WebhookSubscriptionCreateParams struct {
	// WebhookURL receives the events; the API wants https.
	WebhookURL string `json:"webhook_url"`
	// EnabledEvents are the event types to deliver, usually
	// {WebhookEventTriggerMessage}.
	EnabledEvents []WebhookEventType `json:"enabled_events"`
	// Version is the payload format; empty means the API's default, V3.
	Version WebhookVersion `json:"version,omitzero"`
}

// WebhookSubscriptionUpdateParams is the body of
// [WebhooksService.UpdateSubscription]; zero fields are left unchanged.
type WebhookSubscriptionUpdateParams struct {
	WebhookURL    string             `json:"webhook_url,omitzero"`
	EnabledEvents []WebhookEventType `json:"enabled_events,omitzero"`
	Version       WebhookVersion     `json:"version,omitzero"`
}

// WebhookEndpointList is the answer of [WebhooksService.ListEndpoints].
type WebhookEndpointList struct {
	Items []WebhookEndpointSummary `json:"items"`
}

// WebhookEndpointSummary is a webhook endpoint as lists show it.
type WebhookEndpointSummary struct {
	ID          string `json:"id"`
	ToolkitSlug string `json:"toolkit_slug"`
	// ClientID is the OAuth app's client id; empty when the API sent null.
	ClientID string `json:"client_id"`
}

// WebhookEndpoint is a Composio-issued URL that receives a provider's
// events for one OAuth app.
type WebhookEndpoint struct {
	ID          string `json:"id"`
	ToolkitSlug string `json:"toolkit_slug"`
	// ClientID is the OAuth app's client id; empty when the API sent null.
	ClientID string `json:"client_id"`
	// WebhookURL is the URL to register with the provider.
	WebhookURL string `json:"webhook_url"`
	// Data holds the configured setup fields, secret values masked; nil
	// until the endpoint is configured.
	Data      map[string]string `json:"data"`
	CreatedAt Timestamp         `json:"created_at"`
}

// WebhookSubscription is where Composio delivers the project's events.
type WebhookSubscription struct {
	ID            string             `json:"id"`
	WebhookURL    string             `json:"webhook_url"`
	Version       WebhookVersion     `json:"version"`
	EnabledEvents []WebhookEventType `json:"enabled_events"`
	// Secret signs every delivery: pass it to [VerifyWebhook] or
	// [WebhookHandler]. Keep it out of logs and source code.
	Secret    SecretString `json:"secret"`
	CreatedAt Timestamp    `json:"created_at"`
	UpdatedAt Timestamp    `json:"updated_at"`
}

// WebhookSubscriptionDeleted is the answer of
// [WebhooksService.DeleteSubscription].
type WebhookSubscriptionDeleted struct {
	Success bool `json:"success"`
}

// WebhookSecret is a subscription's new signing secret.
type WebhookSecret struct {
	ID     string       `json:"id"`
	Secret SecretString `json:"secret"`
}

// WebhookEventTypeList is the answer of [WebhooksService.ListEventTypes].
type WebhookEventTypeList struct {
	Items []WebhookEventTypeInfo `json:"items"`
}

// WebhookEventTypeInfo describes one event type a subscription can receive.
type WebhookEventTypeInfo struct {
	EventType         WebhookEventType `json:"event_type"`
	Description       string           `json:"description"`
	SupportedVersions []WebhookVersion `json:"supported_versions"`
}

// WebhookEventType names a kind of event, such as
// "composio.trigger.message".
type WebhookEventType string

// Event types.
const (
	// WebhookEventTriggerMessage is a trigger instance's event: the default
	// and most common subscription.
	WebhookEventTriggerMessage WebhookEventType = "composio.trigger.message"
	// WebhookEventConnectionExpired reports a connected account whose
	// credentials could not be refreshed (V3 payloads only).
	WebhookEventConnectionExpired WebhookEventType = "composio.connected_account.expired"
)

// WebhookVersion is a webhook payload format.
type WebhookVersion string

// Webhook payload versions. V3 is the current default; [VerifyWebhook]
// reads all three.
const (
	WebhookV1 WebhookVersion = "V1"
	WebhookV2 WebhookVersion = "V2"
	WebhookV3 WebhookVersion = "V3"
)
