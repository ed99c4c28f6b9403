package composio

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
