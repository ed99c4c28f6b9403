package composio

// TriggerType is an event a toolkit can report, such as
// GITHUB_COMMIT_EVENT.
type TriggerType struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Instructions explain how to set the trigger up.
	Instructions string         `json:"instructions"`
	Type         TriggerKind    `json:"type"`
	Toolkit      TriggerToolkit `json:"toolkit"`
	// Config is the JSON Schema of the configuration an instance takes
	// (TriggerUpsertParams.TriggerConfig).
	Config map[string]any `json:"config"`
	// Payload is the JSON Schema of the data each event carries
	// ([TriggerEvent].Data).
	Payload map[string]any `json:"payload"`
	// Version is the toolkit version this description belongs to.
	Version string `json:"version"`
	// RequiresWebhookEndpointSetup is true when a Composio-issued URL must be
	// registered with the provider first (Slack event subscriptions, Notion
	// integration webhooks): see [WebhooksService.CreateEndpoint].
	RequiresWebhookEndpointSetup bool `json:"requires_webhook_endpoint_setup,omitempty"`
}

// TriggerToolkit names the toolkit a trigger type belongs to.
type TriggerToolkit struct {
	Slug string `json:"slug"`
	// Deprecated: use Slug.
	Name string `json:"name"`
	Logo string `json:"logo"`
}

// TriggerKind is how a trigger learns of events.
type TriggerKind string

// Trigger kinds.
const (
	TriggerKindWebhook TriggerKind = "webhook" // the provider pushes events
	TriggerKindPoll    TriggerKind = "poll"    // Composio checks on a schedule
)

// TriggerInstanceRef identifies the trigger instance an upsert or delete
// acted on.
type TriggerInstanceRef struct {
	TriggerID string `json:"trigger_id"`
}

// TriggerUpdateResult is the answer of [TriggersService.Update]; Status is
// "success".
type TriggerUpdateResult struct {
	Status string `json:"status"`
}

// TriggerInstance is a trigger type switched on for one connected account.
// The API repeats some fields in camelCase (connectedAccountId, triggerName,
// ...) for old clients; those duplicates are not kept.
type TriggerInstance struct {
	// ID is the instance's id, as events and the manage operations use it.
	ID string `json:"id"`
	// UUID is the instance's legacy id.
	UUID string `json:"uuid,omitempty"`
	// TriggerName is the trigger type's slug.
	TriggerName          string `json:"trigger_name"`
	ConnectedAccountID   string `json:"connected_account_id"`
	ConnectedAccountUUID string `json:"connected_account_uuid"`
	UserID               string `json:"user_id"`
	// TriggerConfig is the instance's configuration.
	TriggerConfig map[string]any `json:"trigger_config"`
	// TriggerData is extra provider data, when the trigger keeps any.
	TriggerData string `json:"trigger_data,omitempty"`
	Version     string `json:"version"`
	// Deprecated: internal state the API is removing.
	State     map[string]any `json:"state,omitempty"`
	UpdatedAt Timestamp      `json:"updated_at"`
	// DisabledAt is when the instance was disabled; nil while enabled.
	DisabledAt *Timestamp `json:"disabled_at"`
	// Deprecated carries the instance's legacy fields.
	Deprecated *TriggerInstanceDeprecated `json:"deprecated,omitempty"`
}

// Enabled reports whether the instance delivers events.
func (t *TriggerInstance) Enabled() bool { return t.DisabledAt == nil }

// TriggerInstanceDeprecated carries legacy fields of a trigger instance.
type TriggerInstanceDeprecated struct {
	CreatedAt string `json:"createdAt"`
}
