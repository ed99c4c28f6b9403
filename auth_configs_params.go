package composio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// AuthConfigListParams filters [AuthConfigsService.List]. The zero value
// lists every enabled auth config.
type AuthConfigListParams struct {
	// IsComposioManaged keeps only Composio-managed (true) or custom
	// (false) configs.
	IsComposioManaged *bool `url:"is_composio_managed,omitempty"`
	// ToolkitSlug filters by toolkit; several slugs are comma-separated.
	ToolkitSlug string `url:"toolkit_slug,omitempty"`
	// ShowDisabled includes disabled configs when true.
	ShowDisabled *bool `url:"show_disabled,omitempty"`
	// Search matches names and ids.
	Search string `url:"search,omitempty"`
	// DeprecatedAppID filters by legacy app id.
	//
	// Deprecated: use ToolkitSlug.
	DeprecatedAppID string `url:"deprecated_app_id,omitempty"`
	// DeprecatedStatus filters by legacy status.
	//
	// Deprecated: the API will remove it.
	DeprecatedStatus string `url:"deprecated_status,omitempty"`
	// Limit is the page size (at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// AuthConfigDeleteParams tunes [AuthConfigsService.Delete].
type AuthConfigDeleteParams struct {
	// RevokeOnDelete also revokes the credentials of every connected
	// account of the config when true.
	RevokeOnDelete *bool `url:"revoke_on_delete,omitempty"`
}

// AuthConfigCreateParams is the body of [AuthConfigsService.Create].
type AuthConfigCreateParams struct {
	// ToolkitSlug is the toolkit to authenticate to, such as "github".
	// Required; on the wire toolkit.slug.
	ToolkitSlug string
	// AuthConfig chooses Composio-managed or custom auth; the zero value
	// lets the API use Composio-managed auth with its defaults.
	AuthConfig AuthConfigSpec
}

// MarshalJSON encodes {"toolkit": {"slug": ...}, "auth_config": {...}}.
func (p AuthConfigCreateParams) MarshalJSON() ([]byte, error) {
	var spec *AuthConfigSpec
	if !p.AuthConfig.isZero() {
		spec = &p.AuthConfig
	}
	return json.Marshal(struct {
		Toolkit    slugRef         `json:"toolkit"`
		AuthConfig *AuthConfigSpec `json:"auth_config,omitempty"`
	}{slugRef{p.ToolkitSlug}, spec})
}

// Auth config kinds on the wire of Create.
const (
	specComposioManaged = "use_composio_managed_auth"
	specCustom          = "use_custom_auth"
)

// AuthConfigSpec is the kind of auth config to create: set exactly one
// field. On the wire it is one object whose "type" tells the variants apart.
type AuthConfigSpec struct {
	// ComposioManaged uses Composio's own OAuth app.
	ComposioManaged *ComposioManagedAuthConfig
	// Custom uses your credentials: your OAuth client, or a scheme such as
	// API_KEY or BEARER_TOKEN whose secrets each connection supplies.
	Custom *CustomAuthConfig
}

func (s AuthConfigSpec) isZero() bool { return s.ComposioManaged == nil && s.Custom == nil }

func (s AuthConfigSpec) check() error {
	switch {
	case s.ComposioManaged != nil && s.Custom != nil:
		return invalidParam("auth_config", "set ComposioManaged or Custom, not both")
	case s.Custom != nil && s.Custom.AuthScheme == "":
		return invalidParam("auth_config.authScheme", "must not be empty for custom auth")
	}
	var access *ToolAccessConfig
	if s.ComposioManaged != nil {
		access = s.ComposioManaged.ToolAccessConfig
	} else if s.Custom != nil {
		access = s.Custom.ToolAccessConfig
	}
	if access != nil && access.ToolsAvailableForExecution != nil {
		return invalidParam("auth_config.tool_access_config.tools_available_for_execution", "can only be set by Update")
	}
	return nil
}

// ComposioManagedAuthConfig is Composio-managed auth.
type ComposioManagedAuthConfig struct {
	Name string
	// Scopes are the OAuth scopes to request (on the wire credentials.scopes).
	Scopes ScopeList
	// UserScopes are user-token scopes (Slack; credentials.user_scopes).
	UserScopes ScopeList
	// ToolAccessConfig derives the minimum scopes from tools.
	ToolAccessConfig *ToolAccessConfig
	// RestrictToFollowingTools limits the tools of the config.
	//
	// Deprecated: use ToolAccessConfig.
	RestrictToFollowingTools []string
	// SharedCredentials are inherited by every connected account of the
	// config (experimental).
	SharedCredentials      CredentialMap
	IsEnabledForToolRouter *bool
}

// CustomAuthConfig is auth with your own credentials.
type CustomAuthConfig struct {
	Name string
	// AuthScheme is the toolkit scheme to use, such as OAUTH2. Required.
	AuthScheme AuthScheme
	// Credentials are the config's credentials: an OAuth client id and
	// secret, or the fields the toolkit's scheme asks for.
	Credentials AuthConfigCredentials
	// ProxyConfig routes authentication through your proxy.
	ProxyConfig      *ProxyConfig
	ToolAccessConfig *ToolAccessConfig
	// RestrictToFollowingTools limits the tools of the config.
	//
	// Deprecated: use ToolAccessConfig.
	RestrictToFollowingTools []string
	// SharedCredentials are inherited by every connected account of the
	// config (experimental).
	SharedCredentials      CredentialMap
	IsEnabledForToolRouter *bool
}

// MarshalJSON encodes the variant that is set, with its "type".
func (s AuthConfigSpec) MarshalJSON() ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	switch {
	case s.ComposioManaged != nil:
		m := s.ComposioManaged
		w := managedWire{Type: specComposioManaged, Name: m.Name, ToolAccessConfig: m.ToolAccessConfig,
			RestrictToFollowingTools: m.RestrictToFollowingTools, SharedCredentials: m.SharedCredentials, IsEnabledForToolRouter: m.IsEnabledForToolRouter}
		if len(m.Scopes) > 0 || len(m.UserScopes) > 0 {
			w.Credentials = &scopesWire{Scopes: m.Scopes, UserScopes: m.UserScopes}
		}
		return json.Marshal(w)
	case s.Custom != nil:
		c := s.Custom
		w := customWire{Type: specCustom, Name: c.Name, AuthScheme: c.AuthScheme, ProxyConfig: c.ProxyConfig, ToolAccessConfig: c.ToolAccessConfig,
			RestrictToFollowingTools: c.RestrictToFollowingTools, SharedCredentials: c.SharedCredentials, IsEnabledForToolRouter: c.IsEnabledForToolRouter}
		if !c.Credentials.isZero() {
			w.Credentials = &c.Credentials
		}
		return json.Marshal(w)
	}
	return []byte("null"), nil
}

// UnmarshalJSON decodes either variant by its "type".
func (s *AuthConfigSpec) UnmarshalJSON(data []byte) error {
	*s = AuthConfigSpec{}
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	switch head.Type {
	case specComposioManaged:
		var w managedWire
		if err := json.Unmarshal(data, &w); err != nil {
			return err
		}
		m := &ComposioManagedAuthConfig{Name: w.Name, ToolAccessConfig: w.ToolAccessConfig, RestrictToFollowingTools: w.RestrictToFollowingTools,
			SharedCredentials: w.SharedCredentials, IsEnabledForToolRouter: w.IsEnabledForToolRouter}
		if w.Credentials != nil {
			m.Scopes, m.UserScopes = w.Credentials.Scopes, w.Credentials.UserScopes
		}
		s.ComposioManaged = m
	case specCustom:
		var w customWire
		if err := json.Unmarshal(data, &w); err != nil {
			return err
		}
		c := &CustomAuthConfig{Name: w.Name, AuthScheme: w.AuthScheme, ProxyConfig: w.ProxyConfig, ToolAccessConfig: w.ToolAccessConfig,
			RestrictToFollowingTools: w.RestrictToFollowingTools, SharedCredentials: w.SharedCredentials, IsEnabledForToolRouter: w.IsEnabledForToolRouter}
		if w.Credentials != nil {
			c.Credentials = *w.Credentials
		}
		s.Custom = c
	default:
		return fmt.Errorf("composio: unknown auth config type %q", head.Type)
	}
	return nil
}

// AuthConfigUpdateParams is the body of [AuthConfigsService.Update]: set
// exactly one field, the one matching the config's type.
type AuthConfigUpdateParams struct {
	// Custom updates a custom auth config (type "custom").
	Custom *CustomAuthConfigUpdate
	// Default updates a Composio-managed auth config (type "default").
	Default *DefaultAuthConfigUpdate
}

func (p AuthConfigUpdateParams) check() error {
	if (p.Custom == nil) == (p.Default == nil) {
		return invalidParam("type", "set exactly one of Custom or Default")
	}
	if p.Custom != nil && p.Custom.RemoveProxyConfig && p.Custom.ProxyConfig != nil {
		return invalidParam("proxy_config", "set ProxyConfig or RemoveProxyConfig, not both")
	}
	return nil
}

// CustomAuthConfigUpdate changes a custom auth config; unset fields keep
// their value.
type CustomAuthConfigUpdate struct {
	Name string `json:"name,omitzero"`
	// Credentials replace the config's credentials.
	Credentials *AuthConfigCredentials `json:"credentials,omitempty"`
	// ProxyConfig replaces the config's proxy.
	ProxyConfig *ProxyConfig `json:"proxy_config,omitempty"`
	// RemoveProxyConfig removes the config's proxy (proxy_config: null on
	// the wire); it cannot be combined with ProxyConfig.
	RemoveProxyConfig bool `json:"-"`
	// Deprecated: use ToolAccessConfig.
	RestrictToFollowingTools []string          `json:"restrict_to_following_tools,omitzero"`
	ToolAccessConfig         *ToolAccessConfig `json:"tool_access_config,omitempty"`
	// SharedCredentials replace the shared credentials; the API answers
	// them redacted, so send the real values.
	SharedCredentials      CredentialMap `json:"shared_credentials,omitzero"`
	IsEnabledForToolRouter *bool         `json:"is_enabled_for_tool_router,omitempty"`
}

// DefaultAuthConfigUpdate changes a Composio-managed auth config; unset
// fields keep their value.
type DefaultAuthConfigUpdate struct {
	Name       string    `json:"name,omitzero"`
	Scopes     ScopeList `json:"scopes,omitzero"`
	UserScopes ScopeList `json:"user_scopes,omitzero"`
	// Deprecated: use ToolAccessConfig.
	RestrictToFollowingTools []string          `json:"restrict_to_following_tools,omitzero"`
	ToolAccessConfig         *ToolAccessConfig `json:"tool_access_config,omitempty"`
	SharedCredentials        CredentialMap     `json:"shared_credentials,omitzero"`
	IsEnabledForToolRouter   *bool             `json:"is_enabled_for_tool_router,omitempty"`
}

// MarshalJSON encodes the variant that is set with its "type".
func (p AuthConfigUpdateParams) MarshalJSON() ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if p.Custom != nil {
		if p.Custom.RemoveProxyConfig {
			// The shallower proxy_config field wins over the embedded one.
			return json.Marshal(struct {
				Type string `json:"type"`
				*CustomAuthConfigUpdate
				ProxyConfig *ProxyConfig `json:"proxy_config"`
			}{"custom", p.Custom, nil})
		}
		return json.Marshal(struct {
			Type string `json:"type"`
			*CustomAuthConfigUpdate
		}{"custom", p.Custom})
	}
	return json.Marshal(struct {
		Type string `json:"type"`
		*DefaultAuthConfigUpdate
	}{"default", p.Default})
}

// UnmarshalJSON decodes either variant by its "type".
func (p *AuthConfigUpdateParams) UnmarshalJSON(data []byte) error {
	var head struct {
		Type AuthConfigType `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	*p = AuthConfigUpdateParams{}
	switch head.Type {
	case AuthConfigTypeCustom:
		var proxy struct {
			ProxyConfig json.RawMessage `json:"proxy_config"`
		}
		if err := json.Unmarshal(data, &proxy); err != nil {
			return err
		}
		p.Custom = new(CustomAuthConfigUpdate)
		p.Custom.RemoveProxyConfig = string(bytes.TrimSpace(proxy.ProxyConfig)) == "null"
		return json.Unmarshal(data, p.Custom)
	case AuthConfigTypeDefault:
		p.Default = new(DefaultAuthConfigUpdate)
		return json.Unmarshal(data, p.Default)
	}
	return fmt.Errorf("composio: unknown auth config update type %q", head.Type)
}

// AuthConfigCredentials are the credentials of a custom auth config. They
// print and log with ClientSecret and every non-public field redacted.
type AuthConfigCredentials struct {
	// ClientID and ClientSecret are your OAuth app's client credentials.
	ClientID     string
	ClientSecret string
	// Scopes are the OAuth scopes to request.
	Scopes ScopeList
	// UserScopes are user-token scopes (Slack).
	UserScopes ScopeList
	// Fields holds any other field the toolkit's scheme asks for
	// (bearer_token, api_key, subdomain, ...), sent as given.
	Fields CredentialMap
}

func (c AuthConfigCredentials) isZero() bool {
	return c.ClientID == "" && c.ClientSecret == "" && len(c.Scopes) == 0 && len(c.UserScopes) == 0 && len(c.Fields) == 0
}

// asMap is the wire object: Fields, then the named fields over them.
func (c AuthConfigCredentials) asMap() CredentialMap {
	m := make(CredentialMap, len(c.Fields)+4)
	for k, v := range c.Fields {
		m[k] = v
	}
	if c.ClientID != "" {
		m["client_id"] = c.ClientID
	}
	if c.ClientSecret != "" {
		m["client_secret"] = c.ClientSecret
	}
	if len(c.Scopes) > 0 {
		m["scopes"] = c.Scopes
	}
	if len(c.UserScopes) > 0 {
		m["user_scopes"] = c.UserScopes
	}
	return m
}

// MarshalJSON encodes one flat object, as the API expects.
func (c AuthConfigCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any(c.asMap()))
}

// UnmarshalJSON splits the flat object into the named fields and Fields.
func (c *AuthConfigCredentials) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*c = AuthConfigCredentials{}
	for k, v := range raw {
		var err error
		switch k {
		case "client_id":
			err = json.Unmarshal(v, &c.ClientID)
		case "client_secret":
			err = json.Unmarshal(v, &c.ClientSecret)
		case "scopes":
			err = json.Unmarshal(v, &c.Scopes)
		case "user_scopes":
			err = json.Unmarshal(v, &c.UserScopes)
		default:
			var x any
			if err = json.Unmarshal(v, &x); err == nil {
				if c.Fields == nil {
					c.Fields = CredentialMap{}
				}
				c.Fields[k] = x
			}
		}
		if err != nil {
			return fmt.Errorf("composio: credentials.%s: %w", k, err)
		}
	}
	return nil
}

// String prints the credentials with their secrets redacted.
func (c AuthConfigCredentials) String() string { return c.asMap().String() }

// GoString prints the credentials as Go syntax, their secrets redacted.
func (c AuthConfigCredentials) GoString() string {
	return "composio.AuthConfigCredentials(" + c.asMap().GoString() + ")"
}

// Format prints the credentials redacted whatever the verb (see
// [CredentialMap.Format]).
func (c AuthConfigCredentials) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.AuthConfigCredentials", c.String, c.GoString)
}

// LogValue logs the credentials with their secrets redacted.
func (c AuthConfigCredentials) LogValue() slog.Value { return c.asMap().LogValue() }

// ScopeList is a list of OAuth scopes. The API accepts and may answer
// either a JSON array or one string; a string decodes split at commas and
// spaces.
type ScopeList []string

// UnmarshalJSON accepts an array or a string.
func (l *ScopeList) UnmarshalJSON(data []byte) error {
	var list []string
	if err := json.Unmarshal(data, &list); err == nil {
		*l = list
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("composio: scopes must be a string or a list of strings: %w", err)
	}
	*l = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	return nil
}

type slugRef struct {
	Slug string `json:"slug"`
}

// The wire forms of the two variants.
type managedWire struct {
	Type                     string            `json:"type"`
	Name                     string            `json:"name,omitzero"`
	Credentials              *scopesWire       `json:"credentials,omitempty"`
	ToolAccessConfig         *ToolAccessConfig `json:"tool_access_config,omitempty"`
	RestrictToFollowingTools []string          `json:"restrict_to_following_tools,omitzero"`
	SharedCredentials        CredentialMap     `json:"shared_credentials,omitzero"`
	IsEnabledForToolRouter   *bool             `json:"is_enabled_for_tool_router,omitempty"`
}

type scopesWire struct {
	Scopes     ScopeList `json:"scopes,omitzero"`
	UserScopes ScopeList `json:"user_scopes,omitzero"`
}

type customWire struct {
	Type                     string                 `json:"type"`
	Name                     string                 `json:"name,omitzero"`
	AuthScheme               AuthScheme             `json:"authScheme"`
	Credentials              *AuthConfigCredentials `json:"credentials,omitempty"`
	ProxyConfig              *ProxyConfig           `json:"proxy_config,omitempty"`
	ToolAccessConfig         *ToolAccessConfig      `json:"tool_access_config,omitempty"`
	RestrictToFollowingTools []string               `json:"restrict_to_following_tools,omitzero"`
	SharedCredentials        CredentialMap          `json:"shared_credentials,omitzero"`
	IsEnabledForToolRouter   *bool                  `json:"is_enabled_for_tool_router,omitempty"`
}
