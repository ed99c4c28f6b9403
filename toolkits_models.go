package composio

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
