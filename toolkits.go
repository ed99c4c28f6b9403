package composio

import (
	"context"
	"iter"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ToolkitsService calls the Composio API's toolkit operations: the catalog
// of apps (GitHub, Gmail, ...) whose tools an agent can use. Use it through
// [Client].Toolkits.
type ToolkitsService service

// List returns one page of toolkits matching params.
//
// API: GET /toolkits
func (s *ToolkitsService) List(ctx context.Context, params ToolkitListParams, opts ...RequestOption) (*Page[Toolkit], error) {
	return do[Page[Toolkit]](ctx, s.client, request{op: ops.ToolkitsList, query: params}, opts)
}

// ListAll iterates over every toolkit matching params, fetching pages as
// the loop advances.
//
// API: GET /toolkits
func (s *ToolkitsService) ListAll(ctx context.Context, params ToolkitListParams, opts ...RequestOption) iter.Seq2[Toolkit, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Toolkit], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// ListCategories returns the categories toolkits are filed under.
//
// API: GET /toolkits/categories
func (s *ToolkitsService) ListCategories(ctx context.Context, opts ...RequestOption) (*Page[ToolkitCategory], error) {
	return do[Page[ToolkitCategory]](ctx, s.client, request{op: ops.ToolkitsRetrieveCategories}, opts)
}

// Changelog returns the version history of every toolkit.
//
// API: GET /toolkits/changelog
func (s *ToolkitsService) Changelog(ctx context.Context, opts ...RequestOption) (*ToolkitChangelog, error) {
	return do[ToolkitChangelog](ctx, s.client, request{op: ops.ToolkitsRetrieveChangelog}, opts)
}

// Get returns a toolkit with its auth details, by slug.
//
// API: GET /toolkits/{slug}
func (s *ToolkitsService) Get(ctx context.Context, slug string, params ToolkitGetParams, opts ...RequestOption) (*ToolkitDetails, error) {
	return do[ToolkitDetails](ctx, s.client, request{op: ops.ToolkitsRetrieve, pathArgs: []string{slug}, query: params}, opts)
}

// ListMulti returns one page of the toolkits named in params.Toolkits (all
// toolkits when empty), with the same filters as List.
//
// API: POST /toolkits/multi
func (s *ToolkitsService) ListMulti(ctx context.Context, params ToolkitListMultiParams, opts ...RequestOption) (*Page[Toolkit], error) {
	return do[Page[Toolkit]](ctx, s.client, request{op: ops.ToolkitsRetrieveMulti, body: params}, opts)
}

// ListMultiAll iterates over every toolkit ListMulti would return, page by
// page.
//
// API: POST /toolkits/multi
func (s *ToolkitsService) ListMultiAll(ctx context.Context, params ToolkitListMultiParams, opts ...RequestOption) iter.Seq2[Toolkit, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Toolkit], error) {
		params.Cursor = cursor
		return s.ListMulti(ctx, params, opts...)
	})
}

// ToolkitListParams filters [ToolkitsService.List]. The zero value lists
// every toolkit.
type ToolkitListParams struct {
	// Category is a category id, such as "developer-tools".
	Category  string            `url:"category,omitempty"`
	ManagedBy ToolkitManagedBy  `url:"managed_by,omitempty"`
	Type      ToolkitTypeFilter `url:"type,omitempty"`
	SortBy    ToolkitSortBy     `url:"sort_by,omitempty"`
	// IncludeDeprecated includes deprecated toolkits when true.
	IncludeDeprecated *bool  `url:"include_deprecated,omitempty"`
	Search            string `url:"search,omitempty"`
	// Limit is the page size.
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// ToolkitGetParams selects what [ToolkitsService.Get] returns.
type ToolkitGetParams struct {
	// Version is a toolkit version such as "20250906_01"; empty means latest.
	Version string `url:"version,omitempty"`
}

// ToolkitListMultiParams is the body of [ToolkitsService.ListMulti].
type ToolkitListMultiParams struct {
	// Toolkits are the slugs to return.
	Toolkits  []string         `json:"toolkits,omitzero"`
	Category  string           `json:"category,omitzero"`
	ManagedBy ToolkitManagedBy `json:"managed_by,omitzero"`
	SortBy    ToolkitSortBy    `json:"sort_by,omitzero"`
	Limit     int              `json:"limit,omitzero"`
	Cursor    string           `json:"cursor,omitzero"`
}

// Toolkit is a toolkit as lists return it.
type Toolkit struct {
	Slug string      `json:"slug"`
	Name string      `json:"name"`
	Type ToolkitType `json:"type"`
	// AuthSchemes are the authentication methods the toolkit supports, such
	// as "OAUTH2" or "API_KEY".
	AuthSchemes []string `json:"auth_schemes,omitempty"`
	// ComposioManagedAuthSchemes are those Composio manages for you.
	ComposioManagedAuthSchemes []string `json:"composio_managed_auth_schemes,omitempty"`
	// Deprecated: the API always reports false.
	IsLocalToolkit bool `json:"is_local_toolkit"`
	// NoAuth is true when the toolkit's tools need no connected account.
	NoAuth       bool               `json:"no_auth,omitempty"`
	AuthGuideURL string             `json:"auth_guide_url,omitempty"`
	Deprecated   ToolkitDeprecation `json:"deprecated"`
	Meta         ToolkitMeta        `json:"meta"`
}

// ToolkitDeprecation carries the toolkit's legacy (v1) identity.
type ToolkitDeprecation struct {
	ToolkitID string `json:"toolkitId"`
}

// ToolkitMeta describes a toolkit.
type ToolkitMeta struct {
	// CreatedAt and UpdatedAt are the API's date-time text as sent: it
	// documents no format, so they are not parsed here (a value that is
	// not RFC 3339 must not fail the whole list).
	CreatedAt     string            `json:"created_at"`
	UpdatedAt     string            `json:"updated_at"`
	Description   string            `json:"description"`
	Logo          string            `json:"logo"`
	AppURL        string            `json:"app_url,omitempty"`
	Categories    []ToolkitCategory `json:"categories"`
	TriggersCount int               `json:"triggers_count"`
	ToolsCount    int               `json:"tools_count"`
	// Version is the latest version of the toolkit.
	Version string `json:"version"`
	// AvailableVersions lists every version; only Get returns it.
	AvailableVersions []string `json:"available_versions,omitempty"`
}

// ToolkitCategory is a category toolkits are filed under. Lists carry ID;
// toolkit details carry Slug.
type ToolkitCategory struct {
	ID   string `json:"id,omitempty"`
	Slug string `json:"slug,omitempty"`
	Name string `json:"name"`
}

// ToolkitDetails is one toolkit with what it takes to authenticate to it.
type ToolkitDetails struct {
	Slug    string      `json:"slug"`
	Name    string      `json:"name"`
	Type    ToolkitType `json:"type"`
	Enabled bool        `json:"enabled"`
	// ComposioManagedAuthSchemes are the auth schemes Composio manages.
	ComposioManagedAuthSchemes []string `json:"composio_managed_auth_schemes,omitempty"`
	// ComposioManagedAuth lists, per managed scheme, the scopes available.
	ComposioManagedAuth []ManagedAuth `json:"composio_managed_auth"`
	// Deprecated: the API always reports false.
	IsLocalToolkit bool `json:"is_local_toolkit"`
	// AuthConfigDetails describes, per auth scheme, the fields an auth
	// config and a connection need.
	AuthConfigDetails            []AuthConfigDetail        `json:"auth_config_details,omitempty"`
	AuthGuideURL                 string                    `json:"auth_guide_url,omitempty"`
	BaseURL                      string                    `json:"base_url,omitempty"`
	Meta                         ToolkitMeta               `json:"meta"`
	GetCurrentUserEndpoint       string                    `json:"get_current_user_endpoint,omitempty"`
	GetCurrentUserEndpointMethod string                    `json:"get_current_user_endpoint_method,omitempty"`
	Deprecated                   ToolkitDeprecationDetails `json:"deprecated"`
}

// ManagedAuth is one Composio-managed auth scheme of a toolkit.
type ManagedAuth struct {
	Mode       string    `json:"mode"`
	Scopes     ScopeSet  `json:"scopes"`
	UserScopes *ScopeSet `json:"user_scopes,omitempty"`
}

// ScopeSet lists OAuth scopes.
type ScopeSet struct {
	Available []string `json:"available"`
}

// AuthConfigDetail describes one auth scheme of a toolkit.
type AuthConfigDetail struct {
	// Mode is the auth scheme, such as "OAUTH2".
	Mode   string           `json:"mode"`
	Name   string           `json:"name"`
	Fields AuthSchemeFields `json:"fields"`
	Proxy  *struct {
		BaseURL string `json:"base_url"`
	} `json:"proxy,omitempty"`
	AuthHintURL                   string `json:"auth_hint_url,omitempty"`
	DeprecatedAuthProviderDetails *struct {
		AuthorizationURL string `json:"authorization_url,omitempty"`
		TokenURL         string `json:"token_url,omitempty"`
	} `json:"deprecated_auth_provider_details,omitempty"`
}

// AuthSchemeFields are the inputs an auth scheme needs, at auth config
// creation and at connection time.
type AuthSchemeFields struct {
	AuthConfigCreation         FieldGroup `json:"auth_config_creation"`
	ConnectedAccountInitiation FieldGroup `json:"connected_account_initiation"`
}

// FieldGroup splits fields into required and optional.
type FieldGroup struct {
	Required []AuthField `json:"required"`
	Optional []AuthField `json:"optional"`
}

// AuthField is one input of an auth scheme.
type AuthField struct {
	Name               string `json:"name"`
	DisplayName        string `json:"displayName"`
	Default            string `json:"default,omitempty"`
	Type               string `json:"type"`
	Description        string `json:"description"`
	Required           bool   `json:"required"`
	IsSecret           bool   `json:"is_secret,omitempty"`
	LegacyTemplateName string `json:"legacy_template_name,omitempty"`
}

// ToolkitDeprecationDetails carries a toolkit's legacy (v1) details.
type ToolkitDeprecationDetails struct {
	ToolkitID                 string           `json:"toolkitId"`
	GetCurrentUserEndpoint    string           `json:"getCurrentUserEndpoint,omitempty"`
	RawProxyInfoByAuthSchemes []map[string]any `json:"rawProxyInfoByAuthSchemes"`
}

// ToolkitChangelog is the version history of every toolkit.
type ToolkitChangelog struct {
	Items []ToolkitChangelogEntry `json:"items"`
}

// ToolkitChangelogEntry is one toolkit's version history.
type ToolkitChangelogEntry struct {
	Slug        string              `json:"slug"`
	Name        string              `json:"name"`
	DisplayName string              `json:"display_name"`
	Versions    []ToolkitVersionLog `json:"versions"`
}

// ToolkitVersionLog is one version of a toolkit and what changed in it.
type ToolkitVersionLog struct {
	Version   string `json:"version"`
	Changelog string `json:"changelog"`
}

// ToolkitType says where a toolkit comes from.
type ToolkitType string

// Toolkit types.
const (
	ToolkitTypeNative ToolkitType = "native" // managed by Composio
	ToolkitTypeCustom ToolkitType = "custom" // registered by the project (custom MCP)
)

// ToolkitTypeFilter filters lists by [ToolkitType].
type ToolkitTypeFilter string

// Toolkit type filters.
const (
	ToolkitTypeFilterNative ToolkitTypeFilter = "native"
	ToolkitTypeFilterCustom ToolkitTypeFilter = "custom"
	ToolkitTypeFilterAll    ToolkitTypeFilter = "all"
)

// ToolkitManagedBy filters toolkits by who manages their auth.
type ToolkitManagedBy string

// Managed-by filters.
const (
	ManagedByComposio ToolkitManagedBy = "composio"
	ManagedByProject  ToolkitManagedBy = "project"
	ManagedByAll      ToolkitManagedBy = "all"
)

// ToolkitSortBy orders toolkit lists.
type ToolkitSortBy string

// Toolkit orders.
const (
	ToolkitSortByUsage          ToolkitSortBy = "usage"
	ToolkitSortByAlphabetically ToolkitSortBy = "alphabetically"
)
