package composio

// Project is a project as lists return it.
type Project struct {
	// ID is the project's nano id, the one the other calls take.
	ID        string    `json:"id"`
	OrgID     string    `json:"org_id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	CreatedAt Timestamp `json:"created_at"`
	UpdatedAt Timestamp `json:"updated_at"`
	// Deprecated: use webhook subscriptions.
	WebhookURL string `json:"webhook_url"`
	// Deprecated: no longer used.
	EventWebhookURL string `json:"event_webhook_url"`
	// Deprecated: use webhook subscriptions. Redacted when printed.
	WebhookSecret    SecretString `json:"webhook_secret"`
	TriggersEnabled  bool         `json:"triggers_enabled"`
	LastSubscribedAt *Timestamp   `json:"last_subscribed_at,omitempty"`
	// Deprecated: use WebhookVersion.
	IsNewWebhook bool `json:"is_new_webhook,omitempty"`
	// WebhookVersion is the payload format of real-time events.
	WebhookVersion ProjectWebhookVersion `json:"webhook_version"`
	Deleted        bool                  `json:"deleted"`
}

// ProjectDetails is a project with its API keys.
type ProjectDetails struct {
	Project
	// APIKeys are the project's keys, their values masked by the API.
	APIKeys []ProjectAPIKey `json:"api_keys"`
}

// ProjectAPIKey is one API key of a project.
type ProjectAPIKey struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Key is the key: masked in ProjectDetails, in full once after
	// regeneration. Redacted when printed either way.
	Key       SecretString `json:"key"`
	CreatedAt Timestamp    `json:"created_at"`
}

// ProjectCreated is the answer of [ProjectsService.Create].
type ProjectCreated struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// APIKey is the project's first key, when asked for; empty otherwise.
	// This is the only time it is shown. Redacted when printed.
	APIKey SecretString `json:"api_key"`
}

// ProjectDeleted is the answer of [ProjectsService.Delete].
type ProjectDeleted struct {
	// Status is "success".
	Status string `json:"status"`
	// RevokeJobID identifies the revocation job, with RevokeOnDelete.
	RevokeJobID string `json:"revoke_job_id,omitempty"`
}

// RegeneratedAPIKey is the answer of [ProjectsService.RegenerateAPIKey].
type RegeneratedAPIKey struct {
	// APIKey holds the new key in full in APIKey.Key; store it now.
	APIKey  ProjectAPIKey `json:"api_key"`
	Message string        `json:"message"`
}

// UsageSummary is usage totals per entity type.
type UsageSummary struct {
	// Entities maps an entity type ("tool_calls") to its totals.
	Entities map[string]UsageTotal `json:"entities"`
}

// UsageTotal is the usage of one entity type.
type UsageTotal struct {
	Unit string `json:"unit"`
	// TotalQuantity is a decimal string: quantities can exceed float64
	// precision.
	TotalQuantity string `json:"total_quantity"`
	EventCount    int64  `json:"event_count"`
}

// Usage is the breakdown of one entity type.
type Usage struct {
	EntityType    string       `json:"entity_type"`
	Unit          string       `json:"unit"`
	TotalQuantity string       `json:"total_quantity"`
	EventCount    int64        `json:"event_count"`
	Groups        []UsageGroup `json:"groups"`
}

// UsageGroup is the usage of one value of the grouping dimension.
type UsageGroup struct {
	Key           string `json:"key"`
	TotalQuantity string `json:"total_quantity"`
	EventCount    int64  `json:"event_count"`
}

// Organization is an organization a user belongs to.
type Organization struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt Timestamp `json:"created_at"`
	UpdatedAt Timestamp `json:"updated_at"`
}

// ConsumerProject is the answer of [ProjectsService.ResolveConsumer].
type ConsumerProject struct {
	ProjectID     string `json:"project_id"`
	ProjectNanoID string `json:"project_nano_id"`
	ProjectName   string `json:"project_name"`
	OrgID         string `json:"org_id"`
	// ProjectType is "CONSUMER".
	ProjectType string `json:"project_type"`
	// ConsumerUserID is the user's Composio user id in the project.
	ConsumerUserID string `json:"consumer_user_id"`
}

// ConsumerToolkits is the answer of
// [ProjectsService.ListConsumerConnectedToolkits].
type ConsumerToolkits struct {
	// Toolkits are the slugs of toolkits with an active connection.
	Toolkits []string `json:"toolkits"`
}

// APIKeyRevocation is the answer of [ProjectsService.RevokeAPIKeys].
type APIKeyRevocation struct {
	// Received is true whenever the request was valid.
	Received bool `json:"received"`
}

// ProjectWebhookVersion is a payload format version.
type ProjectWebhookVersion string

// Webhook payload versions.
const (
	ProjectWebhookV1 ProjectWebhookVersion = "V1"
	ProjectWebhookV2 ProjectWebhookVersion = "V2"
	ProjectWebhookV3 ProjectWebhookVersion = "V3"
)

// AuthSessionInfo describes the session behind a user API key, the answer
// of [ProjectsService.GetSessionInfo].
type AuthSessionInfo struct {
	// Project is the key's project; nil for an organization-level session.
	Project *SessionProject `json:"project"`
	// APIKey is the key record; nil for a dashboard session.
	APIKey    *SessionAPIKey `json:"api_key"`
	OrgMember OrgMember      `json:"org_member"`
}

// SessionProject is the project of a session.
type SessionProject struct {
	AutoID    int64     `json:"auto_id"`
	ID        string    `json:"id"`
	OrgID     string    `json:"org_id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	NanoID    string    `json:"nano_id"`
	CreatedAt Timestamp `json:"created_at"`
	UpdatedAt Timestamp `json:"updated_at"`
	// Deprecated: use webhook subscriptions.
	WebhookURL      string `json:"webhook_url"`
	EventWebhookURL string `json:"event_webhook_url"`
	// WebhookSecret is redacted when printed.
	WebhookSecret    SecretString          `json:"webhook_secret"`
	TriggersEnabled  bool                  `json:"triggers_enabled"`
	LastSubscribedAt *Timestamp            `json:"last_subscribed_at"`
	Deleted          bool                  `json:"deleted"`
	IsNewWebhook     bool                  `json:"is_new_webhook"`
	WebhookVersion   ProjectWebhookVersion `json:"webhook_version"`
	Org              SessionOrg            `json:"org"`
}

// SessionOrg is the organization of a session's project.
type SessionOrg struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Plan string `json:"plan"`
}

// SessionAPIKey is the API key record of a session.
type SessionAPIKey struct {
	AutoID      int64      `json:"auto_id"`
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	ProjectID   string     `json:"project_id"`
	OrgMemberID string     `json:"org_member_id"`
	CreatedAt   Timestamp  `json:"created_at"`
	UpdatedAt   Timestamp  `json:"updated_at"`
	DeletedAt   *Timestamp `json:"deleted_at"`
	// Key is redacted when printed.
	Key     SecretString `json:"key"`
	Deleted bool         `json:"deleted"`
}

// OrgMember is the person behind a session.
type OrgMember struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	// Metadata holds dashboard preferences (onboarding flags and the like).
	Metadata map[string]any `json:"metadata"`
}
