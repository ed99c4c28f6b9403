package composio

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// AuthConfig is an auth config. Printing or logging it never shows a
// secret.
type AuthConfig struct {
	ID string `json:"id"`
	// UUID is the legacy identifier.
	//
	// Deprecated: use ID.
	UUID              string            `json:"uuid,omitempty"`
	Type              AuthConfigType    `json:"type"`
	Toolkit           AuthConfigToolkit `json:"toolkit"`
	Name              string            `json:"name"`
	AuthScheme        AuthScheme        `json:"auth_scheme,omitempty"`
	IsComposioManaged bool              `json:"is_composio_managed"`
	// Credentials are the config's credentials, partly hidden by the API.
	Credentials CredentialMap    `json:"credentials,omitempty"`
	ProxyConfig *ProxyConfig     `json:"proxy_config,omitempty"`
	Status      AuthConfigStatus `json:"status"`
	CreatedBy   string           `json:"created_by,omitempty"`
	CreatedAt   Timestamp        `json:"created_at,omitzero"`
	// LastUpdatedAt is when the config last changed.
	LastUpdatedAt Timestamp `json:"last_updated_at,omitzero"`
	// NoOfConnections counts the active connections using the config.
	NoOfConnections int `json:"no_of_connections"`
	// ExpectedInputFields describe the fields a connection must supply.
	ExpectedInputFields []json.RawMessage `json:"expected_input_fields,omitempty"`
	// Deprecated: use ToolAccessConfig.
	RestrictToFollowingTools []string         `json:"restrict_to_following_tools,omitempty"`
	ToolAccessConfig         ToolAccessConfig `json:"tool_access_config"`
	// SharedCredentials are inherited by the config's connected accounts
	// (experimental).
	SharedCredentials      CredentialMap `json:"shared_credentials,omitempty"`
	IsEnabledForToolRouter bool          `json:"is_enabled_for_tool_router"`
}

// AuthConfigToolkit describes the toolkit of an auth config.
type AuthConfigToolkit struct {
	Slug         string `json:"slug"`
	Logo         string `json:"logo"`
	AuthGuideURL string `json:"auth_guide_url,omitempty"`
	AuthHintURL  string `json:"auth_hint_url,omitempty"`
}

// AuthConfigCreated is the answer to [AuthConfigsService.Create].
type AuthConfigCreated struct {
	Toolkit struct {
		Slug string `json:"slug"`
	} `json:"toolkit"`
	AuthConfig struct {
		ID                       string     `json:"id"`
		AuthScheme               AuthScheme `json:"auth_scheme"`
		IsComposioManaged        bool       `json:"is_composio_managed"`
		RestrictToFollowingTools []string   `json:"restrict_to_following_tools,omitempty"`
	} `json:"auth_config"`
}

// AuthConfigDeleted is the answer to [AuthConfigsService.Delete].
type AuthConfigDeleted struct {
	// RevokeJobID identifies the background revocation started by
	// RevokeOnDelete.
	RevokeJobID string `json:"revoke_job_id,omitempty"`
}

// AuthConfigType says who manages an auth config.
type AuthConfigType string

// Auth config types.
const (
	AuthConfigTypeDefault AuthConfigType = "default" // Composio-managed
	AuthConfigTypeCustom  AuthConfigType = "custom"  // your credentials
)

// AuthConfigStatus is whether an auth config can be used.
type AuthConfigStatus string

// Auth config statuses.
const (
	AuthConfigEnabled  AuthConfigStatus = "ENABLED"
	AuthConfigDisabled AuthConfigStatus = "DISABLED"
)

// ToolAccessConfig limits what an auth config is used for.
type ToolAccessConfig struct {
	// ToolsForConnectedAccountCreation derive the minimum OAuth scopes
	// requested (OAuth only).
	ToolsForConnectedAccountCreation []string `json:"tools_for_connected_account_creation,omitzero"`
	// ToolsAvailableForExecution are the tools users may run. Only Update
	// sends it; Create refuses it.
	ToolsAvailableForExecution []string `json:"tools_available_for_execution,omitzero"`
}

// ProxyConfig routes authentication through your proxy. ProxyAuthKey is
// redacted when printed or logged.
type ProxyConfig struct {
	ProxyURL     string `json:"proxy_url"`
	ProxyAuthKey string `json:"proxy_auth_key,omitzero"`
}

func (p ProxyConfig) redacted() ProxyConfig {
	if p.ProxyAuthKey != "" {
		p.ProxyAuthKey = redacted
	}
	return p
}

// String prints the config with its key redacted.
func (p ProxyConfig) String() string {
	return fmt.Sprintf("{ProxyURL:%s ProxyAuthKey:%s}", p.ProxyURL, p.redacted().ProxyAuthKey)
}

// GoString prints the config as Go syntax, its key redacted.
func (p ProxyConfig) GoString() string {
	return fmt.Sprintf("composio.ProxyConfig{ProxyURL:%q, ProxyAuthKey:%q}", p.ProxyURL, p.redacted().ProxyAuthKey)
}

// Format prints the config with its key redacted whatever the verb (see
// [CredentialMap.Format]).
func (p ProxyConfig) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ProxyConfig", p.String, p.GoString)
}

// LogValue logs the config with its key redacted.
func (p ProxyConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("proxy_url", p.ProxyURL), slog.String("proxy_auth_key", p.redacted().ProxyAuthKey))
}
