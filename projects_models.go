package composio

import (
	"encoding/json"
	"time"
)

// ProjectCreateParams is the body of [ProjectsService.Create].
type ProjectCreateParams struct {
	// Name must be unique in the organization. Required.
	Name string `json:"name"`
	// ShouldCreateAPIKey asks for the project's first API key in the answer.
	ShouldCreateAPIKey bool           `json:"should_create_api_key,omitzero"`
	Config             *ProjectConfig `json:"config,omitzero"`
}

// ProjectConfig configures a new project. The API requires the three
// non-optional fields whenever a config is sent.
type ProjectConfig struct {
	Is2FAEnabled                     bool                 `json:"is_2FA_enabled"`
	MaskSecretKeysInConnectedAccount bool                 `json:"mask_secret_keys_in_connected_account"`
	LogVisibilitySetting             LogVisibilitySetting `json:"log_visibility_setting"`
	LogoURL                          string               `json:"logo_url,omitzero"`
	DisplayName                      string               `json:"display_name,omitzero"`
	RequireMCPAPIKey                 *bool                `json:"require_mcp_api_key,omitzero"`
	// SignedURLFileExpiryInSeconds is how long file links stay valid (nil:
	// the API's default; 0 is a value).
	SignedURLFileExpiryInSeconds *int `json:"signed_url_file_expiry_in_seconds,omitzero"`
	// Deprecated: the API will drop it.
	IsComposioLinkEnabledForManagedAuth *bool `json:"is_composio_link_enabled_for_managed_auth,omitzero"`
}

// LogVisibilitySetting says whether a project stores tool inputs and outputs
// in its logs.
type LogVisibilitySetting string

// Log visibility settings.
const (
	LogVisibilityShowAll       LogVisibilitySetting = "show_all"
	LogVisibilityDontStoreData LogVisibilitySetting = "dont_store_data"
)

// ProjectListParams pages [ProjectsService.List].
type ProjectListParams struct {
	// Limit is the page size (at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// ProjectListAccessibleParams filters [ProjectsService.ListAccessible].
type ProjectListAccessibleParams struct {
	// AllOrganizations lists the projects of every organization the user
	// belongs to, not only the key's.
	AllOrganizations *bool  `url:"list_all_org_projects,omitempty"`
	Limit            int    `url:"limit,omitempty"`
	Cursor           string `url:"cursor,omitempty"`
}

// ProjectDeleteParams tunes [ProjectsService.Delete].
type ProjectDeleteParams struct {
	// RevokeOnDelete also revokes, in a background job, the upstream
	// credentials of every connected account of the project. Irreversible.
	RevokeOnDelete *bool `url:"revoke_on_delete,omitempty"`
}

// OrganizationListParams pages [ProjectsService.ListOrganizations].
type OrganizationListParams struct {
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// ConsumerToolkitsParams selects the user of
// [ProjectsService.ListConsumerConnectedToolkits].
type ConsumerToolkitsParams struct {
	// UserID is the consumer user to inspect. Required.
	UserID string `url:"user_id"`
}

// APIKeyRevocationParams is the body of [ProjectsService.RevokeAPIKeys].
type APIKeyRevocationParams struct {
	// APIKeys are the keys to revoke, 1 to 100.
	APIKeys []string `json:"api_keys"`
}

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

// UsageSummaryParams selects the usage [ProjectsService.GetUsageSummary] and
// [ProjectsService.GetOrgUsageSummary] total up. The zero value means the last
// 30 days, every entity type.
type UsageSummaryParams struct {
	// From is the inclusive start; zero means 30 days before To.
	From time.Time `json:"-"`
	// To is the exclusive end; zero means now.
	To time.Time `json:"-"`
	// EntityTypes are the metering entity types, such as "tool_calls".
	EntityTypes []string     `json:"entity_types,omitzero"`
	Filters     UsageFilters `json:"filters,omitzero"`
}

// MarshalJSON sends From and To as Unix milliseconds, as the API wants.
func (p UsageSummaryParams) MarshalJSON() ([]byte, error) {
	type plain UsageSummaryParams
	return json.Marshal(struct {
		From int64 `json:"from,omitzero"`
		To   int64 `json:"to,omitzero"`
		plain
	}{unixMilli(p.From), unixMilli(p.To), plain(p)})
}

// UsageParams selects the breakdown [ProjectsService.GetUsage] and
// [ProjectsService.GetOrgUsage] return.
type UsageParams struct {
	From time.Time `json:"-"`
	To   time.Time `json:"-"`
	// GroupBy is the dimension to group by; default tool_slug for
	// tool_calls, user_id for sessions.
	GroupBy        string             `json:"group_by,omitzero"`
	OrderBy        UsageOrderBy       `json:"order_by,omitzero"`
	OrderDirection UsageSortDirection `json:"order_direction,omitzero"`
	// Limit is the number of groups (default 100, at most 1000).
	Limit   int          `json:"limit,omitzero"`
	Filters UsageFilters `json:"filters,omitzero"`
}

// MarshalJSON sends From and To as Unix milliseconds, as the API wants.
func (p UsageParams) MarshalJSON() ([]byte, error) {
	type plain UsageParams
	return json.Marshal(struct {
		From int64 `json:"from,omitzero"`
		To   int64 `json:"to,omitzero"`
		plain
	}{unixMilli(p.From), unixMilli(p.To), plain(p)})
}

func unixMilli(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// UsageFilters narrows usage to some users, sessions or (organization calls
// only) projects; within a list any value matches.
type UsageFilters struct {
	UserIDs    []string `json:"user_id,omitzero"`
	SessionIDs []string `json:"session_id,omitzero"`
	// ProjectIDs is accepted by the organization calls only.
	ProjectIDs []string `json:"project_id,omitzero"`
}

// UsageOrderBy orders usage groups.
type UsageOrderBy string

// Usage orders.
const (
	UsageOrderByKey           UsageOrderBy = "key"
	UsageOrderByTotalQuantity UsageOrderBy = "total_quantity"
	UsageOrderByEventCount    UsageOrderBy = "event_count"
)

// UsageSortDirection is ascending or descending.
type UsageSortDirection string

// Sort directions.
const (
	UsageSortAsc  UsageSortDirection = "asc"
	UsageSortDesc UsageSortDirection = "desc"
)

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
