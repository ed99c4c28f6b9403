package composio

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
