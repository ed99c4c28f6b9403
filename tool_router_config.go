package composio

import (
	"encoding/json"
	"fmt"
)

// The configuration of a tool router session: what a request sets
// (SessionConfigParams, with enable/disable lists) and what the API reports
// back (SessionConfig, with enabled/disabled lists).

// SessionCreateParams is the body of [ToolRouterService.Create].
type SessionCreateParams struct {
	// UserID is your user's id (from your database, or an email address).
	UserID string `json:"user_id"`
	SessionConfigParams
}

// SessionUpdateParams is the body of [ToolRouterService.Update]: the parts
// of the configuration to change, with the fields PATCH
// /tool_router/session/{session_id} accepts. Every field is optional; a
// zero field keeps the current value. The fields mean what they mean in
// [SessionConfigParams]; Experimental holds only what an update can change.
type SessionUpdateParams struct {
	// Toolkits is an allowlist or a denylist of toolkit slugs.
	Toolkits *SessionToolkitFilter `json:"toolkits,omitzero"`
	// AuthConfigs picks, per toolkit slug, the auth config to use.
	AuthConfigs map[string]string `json:"auth_configs,omitzero"`
	// ConnectedAccounts pins, per toolkit slug, the connected account ids
	// to use (one unless multi-account is on).
	ConnectedAccounts map[string][]string `json:"connected_accounts,omitzero"`
	// ManageConnections configures the connection manager meta tool; its
	// Reset sends null for the booleans it names.
	ManageConnections *SessionManageConnections `json:"manage_connections,omitzero"`
	// Tools filters tools per toolkit slug.
	Tools map[string]SessionToolFilter `json:"tools,omitzero"`
	// Tags filters every toolkit's tools by MCP annotation hints.
	Tags         *SessionTagFilter    `json:"tags,omitzero"`
	Workbench    *SessionWorkbench    `json:"workbench,omitzero"`
	MultiAccount *SessionMultiAccount `json:"multi_account,omitzero"`
	// Preload exposes tools directly rather than only through search.
	Preload *SessionPreload `json:"preload,omitzero"`
	// Search turns the search meta tool on or off.
	Search *SessionSwitch `json:"search,omitzero"`
	// Execute configures the execute meta tools.
	Execute *SessionExecuteConfig `json:"execute,omitzero"`
	// Experimental features may change or go away.
	Experimental *SessionUpdateExperimental `json:"experimental,omitzero"`
	// Reset returns settings to the API's defaults (the API receives them
	// as null). A setting cannot be both set and reset.
	Reset []SessionSetting `json:"-"`
}

// SessionUpdateExperimental holds the experimental settings an update can
// change. Custom tools and toolkits and the assistive prompt are set at
// creation only (custom tools also travel inline, see [SessionInline]).
type SessionUpdateExperimental struct {
	// Permissions configure when the user is asked before a tool runs; they
	// replace the stored ones.
	Permissions *SessionPermissions `json:"permissions,omitzero"`
	// LinkURLOverwrite replaces the Connect host of the links Link returns.
	LinkURLOverwrite string `json:"link_url_overwrite,omitzero"`
}

// MarshalJSON encodes the settings that are set, and null for each one in
// Reset.
func (p SessionUpdateParams) MarshalJSON() ([]byte, error) {
	type plain SessionUpdateParams // no methods: no recursion
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withNulls(b, p.Reset)
}

// withNulls adds a null member to the JSON object b for each of names.
func withNulls[N ~string](b []byte, names []N) ([]byte, error) {
	if len(names) == 0 {
		return b, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	for _, name := range names {
		fields[string(name)] = json.RawMessage("null")
	}
	return json.Marshal(fields)
}

// SessionConfigParams configures a new session (see [SessionCreateParams];
// an update takes [SessionUpdateParams]). Every field is optional; a zero
// field leaves the API's default.
type SessionConfigParams struct {
	// Toolkits is an allowlist or a denylist of toolkit slugs.
	Toolkits *SessionToolkitFilter `json:"toolkits,omitzero"`
	// AuthConfigs picks, per toolkit slug, the auth config to use.
	AuthConfigs map[string]string `json:"auth_configs,omitzero"`
	// ConnectedAccounts pins, per toolkit slug, the connected account ids
	// to use (one unless multi-account is on). Each must belong to the
	// session's user.
	ConnectedAccounts map[string][]string `json:"connected_accounts,omitzero"`
	// ManageConnections configures the connection manager meta tool.
	ManageConnections *SessionManageConnections `json:"manage_connections,omitzero"`
	// Tools filters tools per toolkit slug.
	Tools map[string]SessionToolFilter `json:"tools,omitzero"`
	// Tags filters every toolkit's tools by MCP annotation hints; a
	// toolkit's own Tools filter takes precedence.
	Tags         *SessionTagFilter    `json:"tags,omitzero"`
	Workbench    *SessionWorkbench    `json:"workbench,omitzero"`
	MultiAccount *SessionMultiAccount `json:"multi_account,omitzero"`
	// Preload exposes tools directly rather than only through search.
	Preload *SessionPreload `json:"preload,omitzero"`
	// Search turns the search meta tool on or off.
	Search *SessionSwitch `json:"search,omitzero"`
	// Execute configures the execute meta tools.
	Execute *SessionExecuteConfig `json:"execute,omitzero"`
	// Experimental features may change or go away.
	Experimental *SessionExperimental `json:"experimental,omitzero"`
	// Reset is refused: only an update resets settings (see
	// [SessionUpdateParams]).
	Reset []SessionSetting `json:"-"`
}

// SessionSetting names a session setting that an update can reset.
type SessionSetting string

// Resettable session settings.
const (
	SessionSettingConnectedAccounts SessionSetting = "connected_accounts"
	SessionSettingManageConnections SessionSetting = "manage_connections"
	SessionSettingWorkbench         SessionSetting = "workbench"
	SessionSettingMultiAccount      SessionSetting = "multi_account"
	SessionSettingExperimental      SessionSetting = "experimental"
)

// MarshalJSON encodes the settings that are set, and null for each one
// in Reset.
func (p SessionConfigParams) MarshalJSON() ([]byte, error) {
	type plain SessionConfigParams // no methods: no recursion
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withNulls(b, p.Reset)
}

// MarshalJSON encodes the user id with the configuration.
func (p SessionCreateParams) MarshalJSON() ([]byte, error) {
	b, err := p.SessionConfigParams.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	if fields["user_id"], err = json.Marshal(p.UserID); err != nil {
		return nil, err
	}
	return json.Marshal(fields)
}

// SessionToolkitFilter is an allowlist (Enable) or a denylist (Disable);
// set exactly one. An empty non-nil Enable allows no toolkit at all.
type SessionToolkitFilter struct {
	Enable  []string `json:"enable,omitzero"`
	Disable []string `json:"disable,omitzero"`
}

// SessionToolFilter filters one toolkit's tools: by slug (Enable or
// Disable) or by annotation hints (Tags). Set exactly one.
type SessionToolFilter struct {
	Enable  []string          `json:"enable,omitzero"`
	Disable []string          `json:"disable,omitzero"`
	Tags    *SessionTagFilter `json:"tags,omitzero"`
}

// SessionTagFilter filters tools by their MCP annotation hints: a tool must
// carry at least one Enable tag and none of the Disable tags.
type SessionTagFilter struct {
	Enable  []ToolHint `json:"enable,omitzero"`
	Disable []ToolHint `json:"disable,omitzero"`
}

// ToolHint is an MCP tool annotation hint.
type ToolHint string

// MCP tool annotation hints.
const (
	ToolHintReadOnly    ToolHint = "readOnlyHint"
	ToolHintDestructive ToolHint = "destructiveHint"
	ToolHintIdempotent  ToolHint = "idempotentHint"
	ToolHintOpenWorld   ToolHint = "openWorldHint"
)

// SessionManageConnections configures the COMPOSIO_MANAGE_CONNECTIONS
// meta tool, with which an agent connects the user's accounts itself.
type SessionManageConnections struct {
	Enable *bool `json:"enable,omitzero"`
	// CallbackURL is where users land after authenticating.
	CallbackURL string `json:"callback_url,omitzero"`
	// EnableWaitForConnections exposes COMPOSIO_WAIT_FOR_CONNECTIONS
	// (default false).
	EnableWaitForConnections *bool `json:"enable_wait_for_connections,omitzero"`
	// EnableConnectionRemoval allows the tool's "remove" action (default
	// true).
	EnableConnectionRemoval *bool `json:"enable_connection_removal,omitzero"`
	// Reset sends null for the booleans it names, which the API reads as
	// "use the default". A boolean cannot be both set and reset.
	Reset []ManageConnectionsSetting `json:"-"`
}

// ManageConnectionsSetting names a nullable boolean of
// [SessionManageConnections].
type ManageConnectionsSetting string

// The booleans of manage_connections that can be sent as null.
const (
	ManageConnectionsSettingEnable                   ManageConnectionsSetting = "enable"
	ManageConnectionsSettingEnableWaitForConnections ManageConnectionsSetting = "enable_wait_for_connections"
	ManageConnectionsSettingEnableConnectionRemoval  ManageConnectionsSetting = "enable_connection_removal"
)

// MarshalJSON encodes the fields that are set, and null for each boolean
// in Reset.
func (m SessionManageConnections) MarshalJSON() ([]byte, error) {
	type plain SessionManageConnections // no methods: no recursion
	b, err := json.Marshal(plain(m))
	if err != nil {
		return nil, err
	}
	return withNulls(b, m.Reset)
}

// SessionWorkbench configures the code execution sandbox.
type SessionWorkbench struct {
	// Enable false removes the workbench tools from the session.
	Enable               *bool `json:"enable,omitzero"`
	EnableProxyExecution *bool `json:"enable_proxy_execution,omitzero"`
	// AutoOffloadThreshold is the response size, in characters, past which
	// results are saved to a workbench file (nil: not sent; 0 is a value).
	AutoOffloadThreshold *int        `json:"auto_offload_threshold,omitzero"`
	SandboxSize          SandboxSize `json:"sandbox_size,omitzero"`
}

// SandboxSize is the compute tier of a workbench sandbox.
type SandboxSize string

// Sandbox sizes.
const (
	SandboxStandard SandboxSize = "standard" // 1 vCPU, 1 GB
	SandboxMedium   SandboxSize = "medium"   // 2 vCPU, 2 GB
	SandboxLarge    SandboxSize = "large"    // 4 vCPU, 4 GB
	SandboxXLarge   SandboxSize = "xlarge"   // 8 vCPU, 8 GB
)

// SessionMultiAccount configures several connected accounts per toolkit.
type SessionMultiAccount struct {
	Enable *bool `json:"enable,omitzero"`
	// MaxAccountsPerToolkit is between 2 and 10 (nil: not sent).
	MaxAccountsPerToolkit *int `json:"max_accounts_per_toolkit,omitzero"`
	// RequireExplicitSelection makes the agent name the account to use.
	RequireExplicitSelection *bool `json:"require_explicit_selection,omitzero"`
}

// SessionPreload lists the tools exposed directly: the slugs in Tools, or
// with All every tool the session's allowlists permit (at most 1000).
type SessionPreload struct {
	Tools []string
	All   bool
}

// MarshalJSON encodes {"tools": [...]} or {"tools": "all"}.
func (p SessionPreload) MarshalJSON() ([]byte, error) {
	if p.All {
		if p.Tools != nil {
			return nil, fmt.Errorf("%w: preload: set Tools or All, not both", ErrInvalidParams)
		}
		return []byte(`{"tools":"all"}`), nil
	}
	return json.Marshal(struct {
		Tools []string `json:"tools,omitzero"`
	}{p.Tools})
}

// UnmarshalJSON decodes both forms of MarshalJSON.
func (p *SessionPreload) UnmarshalJSON(b []byte) error {
	var raw struct {
		Tools json.RawMessage `json:"tools"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = SessionPreload{}
	var all string
	if json.Unmarshal(raw.Tools, &all) == nil {
		p.All = all == "all"
		return nil
	}
	if len(raw.Tools) == 0 || string(raw.Tools) == "null" {
		return nil
	}
	return json.Unmarshal(raw.Tools, &p.Tools)
}

// SessionSwitch turns a meta tool on or off.
type SessionSwitch struct {
	Enable *bool `json:"enable,omitzero"`
}

// SessionExecuteConfig configures the execute meta tools.
type SessionExecuteConfig struct {
	// EnableMultiExecute exposes COMPOSIO_MULTI_EXECUTE_TOOL.
	EnableMultiExecute *bool `json:"enable_multi_execute,omitzero"`
}

// SessionExperimental holds experimental session settings.
type SessionExperimental struct {
	// AssistivePromptConfig customizes the generated system prompt.
	AssistivePromptConfig *AssistivePromptConfig `json:"assistive_prompt_config,omitzero"`
	// CustomToolkits are your own no-auth toolkits, run by your program.
	CustomToolkits []SessionCustomToolkit `json:"custom_toolkits,omitzero"`
	// CustomTools are your own tools, standalone or extending a toolkit.
	CustomTools []SessionCustomTool `json:"custom_tools,omitzero"`
	// Permissions configure when the user is asked before a tool runs.
	Permissions *SessionPermissions `json:"permissions,omitzero"`
	// LinkURLOverwrite replaces the Connect host of the links Link returns.
	LinkURLOverwrite string `json:"link_url_overwrite,omitzero"`
}

// AssistivePromptConfig customizes the session's generated system prompt.
type AssistivePromptConfig struct {
	// UserTimezone is an IANA zone such as "Europe/London".
	UserTimezone string `json:"user_timezone,omitzero"`
}

// SessionPermissions configure elicitation: whether the user is asked
// before a tool runs.
type SessionPermissions struct {
	Default PermissionDefault `json:"default"`
	// Overrides are keyed "<TOOL_SLUG>:<connected account id or __none__>",
	// or "*:<account>" for every tool of an account.
	Overrides map[string]PermissionOverride `json:"overrides,omitzero"`
}

// PermissionDefault is the default elicitation behaviour.
type PermissionDefault string

// Elicitation defaults.
const (
	PermissionAllowAll          PermissionDefault = "allow_all"
	PermissionAskEveryCall      PermissionDefault = "ask_every_call"
	PermissionAskOncePerSession PermissionDefault = "ask_once_per_session"
)

// PermissionOverride is the elicitation behaviour for one tool or account.
type PermissionOverride string

// Elicitation overrides.
const (
	PermissionAlwaysAllow PermissionOverride = "always_allow"
	PermissionAlwaysDeny  PermissionOverride = "always_deny"
	PermissionAskOnce     PermissionOverride = "ask_once"
	PermissionAskAlways   PermissionOverride = "ask_always"
)

// SessionCustomToolkit is a toolkit of your own tools, sent inline with session
// requests. Its slug must not be a Composio toolkit's.
type SessionCustomToolkit struct {
	Slug        string              `json:"slug"`
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Preload     bool                `json:"preload,omitzero"`
	Tools       []SessionCustomTool `json:"tools"`
}

// SessionCustomTool is a tool of your own. The API prefixes its slug: LOCAL_<TOOL>,
// or LOCAL_<TOOLKIT>_<TOOL> inside a toolkit (60 characters at most).
type SessionCustomTool struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// InputSchema is a JSON schema with "type": "object" and "properties".
	InputSchema  map[string]any `json:"input_schema"`
	OutputSchema map[string]any `json:"output_schema,omitzero"`
	// ExtendsToolkit makes the tool use that Composio toolkit's connection.
	ExtendsToolkit string `json:"extends_toolkit,omitzero"`
	Preload        bool   `json:"preload,omitzero"`
	// OriginalSlug is the slug as you gave it, reported back by the API
	// (Slug then carries the LOCAL_ prefix). It is never sent.
	OriginalSlug string `json:"original_slug,omitzero"`
}

// MarshalJSON encodes the tool for a request: without OriginalSlug, which
// only answers carry.
func (t SessionCustomTool) MarshalJSON() ([]byte, error) {
	type plain SessionCustomTool // no methods: no recursion
	w := plain(t)
	w.OriginalSlug = ""
	return json.Marshal(w)
}

// SessionConfig is a session's configuration as the API reports it.
type SessionConfig struct {
	UserID            string                       `json:"user_id"`
	Toolkits          *SessionToolkitConfig        `json:"toolkits,omitempty"`
	AuthConfigs       map[string]string            `json:"auth_configs,omitempty"`
	ManageConnections *SessionConnectionsConfig    `json:"manage_connections,omitempty"`
	Tools             map[string]SessionToolConfig `json:"tools,omitempty"`
	Tags              *SessionTagConfig            `json:"tags,omitempty"`
	Workbench         *SessionWorkbenchConfig      `json:"workbench,omitempty"`
	MultiAccount      *SessionMultiAccount         `json:"multi_account,omitempty"`
	Preload           SessionPreload               `json:"preload"`
	ConnectedAccounts map[string][]string          `json:"connected_accounts,omitempty"`
	Search            SessionSwitch                `json:"search"`
	Execute           SessionExecuteConfig         `json:"execute"`
}

// SessionToolkitConfig is the toolkit allowlist (Enabled) or denylist
// (Disabled) in force.
type SessionToolkitConfig struct {
	Enabled  []string `json:"enabled,omitempty"`
	Disabled []string `json:"disabled,omitempty"`
}

// SessionToolConfig is one toolkit's tool filter in force.
type SessionToolConfig struct {
	Enabled  []string          `json:"enabled,omitempty"`
	Disabled []string          `json:"disabled,omitempty"`
	Tags     *SessionTagConfig `json:"tags,omitempty"`
}

// SessionTagConfig is a tag filter in force.
type SessionTagConfig struct {
	Enabled  []ToolHint `json:"enabled,omitempty"`
	Disabled []ToolHint `json:"disabled,omitempty"`
}

// SessionConnectionsConfig is the connection manager configuration in
// force.
type SessionConnectionsConfig struct {
	Enabled                  *bool  `json:"enabled,omitempty"`
	CallbackURL              string `json:"callback_url,omitempty"`
	EnableWaitForConnections *bool  `json:"enable_wait_for_connections,omitempty"`
	EnableConnectionRemoval  *bool  `json:"enable_connection_removal,omitempty"`
}

// SessionWorkbenchConfig is the workbench configuration in force.
type SessionWorkbenchConfig struct {
	Enable                *bool       `json:"enable,omitempty"`
	ProxyExecutionEnabled *bool       `json:"proxy_execution_enabled,omitempty"`
	AutoOffloadThreshold  int         `json:"auto_offload_threshold,omitempty"`
	SandboxSize           SandboxSize `json:"sandbox_size,omitempty"`
}

// SessionConfigHistoryParams pages [ToolRouterService.ListConfigHistory].
type SessionConfigHistoryParams struct {
	// Limit is the page size (at most 100).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// SessionConfigVersion is one entry of a session's config history.
type SessionConfigVersion struct {
	Version int `json:"version"`
	// CreatedAt is, for archived entries, when an update superseded them.
	CreatedAt Timestamp     `json:"created_at"`
	Config    SessionConfig `json:"config"`
	// IsCurrent marks the live configuration.
	IsCurrent bool `json:"is_current"`
}
