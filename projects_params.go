package composio

import (
	"encoding/json"
	"time"
)

// maxUsageGroups is the most groups a usage breakdown returns.
const maxUsageGroups = 1000

func (p UsageParams) validate() error {
	if p.Limit < 0 || p.Limit > maxUsageGroups {
		return invalidParam("limit", "must be between 1 and 1000 (0 for the default, 100)")
	}
	return checkUsageWindow(p.From, p.To)
}

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
