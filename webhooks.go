package composio

// WebhooksService calls the Composio API's webhook endpoints and subscriptions operations. Use it through
// [Client].Webhooks.
type WebhooksService service
