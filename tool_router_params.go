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

// SessionConfigHistoryParams pages [ToolRouterService.ListConfigHistory].
type SessionConfigHistoryParams struct {
	// Limit is the page size (at most 100).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// SessionFileListParams filters [ToolRouterService.ListFiles].
type SessionFileListParams struct {
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size (1-500).
	Limit int `url:"limit,omitempty"`
	// MountRelativePrefix lists only files under it, such as "data/".
	MountRelativePrefix string `url:"mount_relative_prefix,omitempty"`
}

// SessionFileUploadParams is the body of
// [ToolRouterService.CreateFileUploadURL].
type SessionFileUploadParams struct {
	// MountRelativePath may hold directories: "data/output.csv".
	MountRelativePath string `json:"mount_relative_path"`
	// Mimetype is the content type, such as "text/csv".
	Mimetype string `json:"mimetype,omitzero"`
}

// SessionFileParams names a file of a mount.
type SessionFileParams struct {
	MountRelativePath string `json:"mount_relative_path"`
}

// SessionInline carries custom tools and toolkits for one request: the API
// does not keep them in the session, so send them with every request that
// needs them.
type SessionInline struct {
	CustomToolkits []SessionCustomToolkit `json:"custom_toolkits,omitzero"`
	CustomTools    []SessionCustomTool    `json:"custom_tools,omitzero"`
}

// SessionAttachParams is the body of [ToolRouterService.Attach].
type SessionAttachParams struct {
	Experimental *SessionInline `json:"experimental,omitzero"`
}

// SessionToolListParams pages [ToolRouterService.ListTools].
type SessionToolListParams struct {
	// Limit is the page size (at most 500).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// SessionExecuteParams is the body of [ToolRouterService.Execute].
type SessionExecuteParams struct {
	ToolSlug  string         `json:"tool_slug"`
	Arguments map[string]any `json:"arguments,omitzero"`
	// Account picks the connected account by id or alias; needed when the
	// user has several.
	Account string `json:"account,omitzero"`
	// EnableAutoWorkbenchOffload lets a large result come back as a
	// workbench file preview.
	EnableAutoWorkbenchOffload bool           `json:"enable_auto_workbench_offload,omitzero"`
	Experimental               *SessionInline `json:"experimental,omitzero"`
}

// SessionExecuteMetaParams is the body of [ToolRouterService.ExecuteMeta].
type SessionExecuteMetaParams struct {
	Slug         MetaTool       `json:"slug"`
	Arguments    map[string]any `json:"arguments,omitzero"`
	Experimental *SessionInline `json:"experimental,omitzero"`
}

// MetaTool is a tool router meta tool.
type MetaTool string

// Meta tools.
const (
	MetaToolSearchTools        MetaTool = "COMPOSIO_SEARCH_TOOLS"
	MetaToolMultiExecute       MetaTool = "COMPOSIO_MULTI_EXECUTE_TOOL"
	MetaToolManageConnections  MetaTool = "COMPOSIO_MANAGE_CONNECTIONS"
	MetaToolWaitForConnections MetaTool = "COMPOSIO_WAIT_FOR_CONNECTIONS"
	MetaToolRemoteWorkbench    MetaTool = "COMPOSIO_REMOTE_WORKBENCH"
	MetaToolRemoteBash         MetaTool = "COMPOSIO_REMOTE_BASH_TOOL"
	MetaToolGetToolSchemas     MetaTool = "COMPOSIO_GET_TOOL_SCHEMAS"
)

// SessionToolkitListParams filters [ToolRouterService.ListToolkits].
type SessionToolkitListParams struct {
	// Limit is the page size (at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
	// Toolkits lists only these slugs, overriding the session's toolkits.
	Toolkits []string `url:"toolkits,brackets,omitempty"`
	// IsConnected filters by whether the user has a connected account.
	IsConnected *bool `url:"is_connected,omitempty"`
	// Search matches name, slug or description.
	Search string `url:"search,omitempty"`
}

// SessionLinkParams is the body of [ToolRouterService.Link].
type SessionLinkParams struct {
	// Toolkit is the slug of the toolkit to connect.
	Toolkit string `json:"toolkit"`
	// Alias names the account; unique per user and toolkit.
	Alias string `json:"alias,omitzero"`
	// CallbackURL is where the user lands after authenticating.
	CallbackURL  string                   `json:"callback_url,omitzero"`
	Experimental *SessionLinkExperimental `json:"experimental,omitzero"`
}

// SessionLinkExperimental holds experimental connection settings.
type SessionLinkExperimental struct {
	AccountType        SessionAccountType `json:"account_type,omitzero"`
	ACLConfigForShared *SharedACL         `json:"acl_config_for_shared,omitzero"`
}

// MarshalJSON sends the ACL as a new connection needs it: unlike an
// update of a connected account, which always sends allow_all_users so
// that it can turn it off, a link leaves a false allow_all_users out.
func (e SessionLinkExperimental) MarshalJSON() ([]byte, error) {
	type acl struct {
		AllowAllUsers     bool     `json:"allow_all_users,omitzero"`
		AllowedUserIDs    []string `json:"allowed_user_ids,omitzero"`
		NotAllowedUserIDs []string `json:"not_allowed_user_ids,omitzero"`
	}
	var wire struct {
		AccountType        SessionAccountType `json:"account_type,omitzero"`
		ACLConfigForShared *acl               `json:"acl_config_for_shared,omitzero"`
	}
	wire.AccountType = e.AccountType
	if a := e.ACLConfigForShared; a != nil {
		wire.ACLConfigForShared = &acl{a.AllowAllUsers, a.AllowedUserIDs, a.NotAllowedUserIDs}
	}
	return json.Marshal(wire)
}

// SessionProxyExecuteParams is the former name of SessionProxyParams.
//
// Deprecated: use SessionProxyParams.
type SessionProxyExecuteParams = SessionProxyParams

// SessionProxyParams is the body of [ToolRouterService.Proxy].
type SessionProxyParams struct {
	ToolkitSlug string `json:"toolkit_slug"`
	// Endpoint is an absolute URL or a path under the toolkit's base URL.
	Endpoint string `json:"endpoint"`
	// Method is GET, POST, PUT, DELETE, PATCH or HEAD.
	Method ProxyMethod `json:"method"`
	// Body is sent as JSON (POST, PUT, PATCH).
	Body       any                     `json:"body,omitzero"`
	BinaryBody *SessionProxyBinaryBody `json:"binary_body,omitzero"`
	// Parameters are extra headers and query parameters.
	Parameters []SessionProxyParameter `json:"parameters,omitzero"`
	// CustomConnectionData supplies credentials instead of the user's
	// connected account ({"authScheme": "OAUTH2", "toolkitSlug": ...,
	// "val": {...}}).
	CustomConnectionData map[string]any `json:"custom_connection_data,omitzero"`
}

// SessionProxyBinaryBody is a binary request body: fetched from URL, or
// given as Base64. Set one.
type SessionProxyBinaryBody struct {
	URL         string `json:"url,omitzero"`
	Base64      string `json:"base64,omitzero"`
	ContentType string `json:"content_type,omitzero"`
}

// SessionProxyParameter is a header or query parameter of a proxied request.
type SessionProxyParameter struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Type is ParameterInHeader or ParameterInQuery.
	Type ParameterIn `json:"type"`
}

// The types of [ToolRouterService.Search].

// SessionSearchParams is the body of [ToolRouterService.Search].
type SessionSearchParams struct {
	// Queries run in parallel; at least one.
	Queries []SearchQuery `json:"queries"`
	// Model hints the model the agent uses, such as "gpt-4o".
	Model        string         `json:"model,omitzero"`
	Experimental *SessionInline `json:"experimental,omitzero"`
}

// SearchQuery is one use case to find tools for.
type SearchQuery struct {
	// UseCase describes the task in detail (at most 1024 characters).
	UseCase string `json:"use_case"`
	// KnownFields are hints such as "channel_name:general" (at most 500
	// characters).
	KnownFields string `json:"known_fields,omitzero"`
}

func (f SessionToolkitFilter) validate(field string) error {
	if (f.Enable == nil) == (f.Disable == nil) {
		return invalidParam(field, "set exactly one of Enable and Disable")
	}
	return nil
}

func (p SessionConfigParams) validate() error {
	if err := validateResets(p.Reset, map[SessionSetting]bool{
		SessionSettingConnectedAccounts: p.ConnectedAccounts != nil, SessionSettingManageConnections: p.ManageConnections != nil,
		SessionSettingWorkbench: p.Workbench != nil, SessionSettingMultiAccount: p.MultiAccount != nil, SessionSettingExperimental: p.Experimental != nil,
	}); err != nil {
		return err
	}
	if err := validateSessionFilters(p.Toolkits, p.Tools, p.ManageConnections); err != nil {
		return err
	}
	if e := p.Experimental; e != nil {
		if err := e.Permissions.validate(); err != nil {
			return err
		}
		if err := validateCustoms(e.CustomToolkits, e.CustomTools); err != nil {
			return err
		}
	}
	return nil
}

func (p SessionUpdateParams) validate() error {
	if err := validateResets(p.Reset, map[SessionSetting]bool{
		SessionSettingConnectedAccounts: p.ConnectedAccounts != nil, SessionSettingManageConnections: p.ManageConnections != nil,
		SessionSettingWorkbench: p.Workbench != nil, SessionSettingMultiAccount: p.MultiAccount != nil, SessionSettingExperimental: p.Experimental != nil,
	}); err != nil {
		return err
	}
	if err := validateSessionFilters(p.Toolkits, p.Tools, p.ManageConnections); err != nil {
		return err
	}
	if e := p.Experimental; e != nil {
		return e.Permissions.validate()
	}
	return nil
}

// validateResets checks that each reset names a resettable setting (the
// keys of set) that is not also set.
func validateResets(reset []SessionSetting, set map[SessionSetting]bool) error {
	for _, name := range reset {
		isSet, known := set[name]
		switch {
		case !known:
			return invalidParam("reset", fmt.Sprintf("%q cannot be reset", name))
		case isSet:
			return invalidParam(string(name), "set and reset at once")
		}
	}
	return nil
}

func validateSessionFilters(toolkits *SessionToolkitFilter, tools map[string]SessionToolFilter, mc *SessionManageConnections) error {
	if toolkits != nil {
		if err := toolkits.validate("toolkits"); err != nil {
			return err
		}
	}
	for slug, f := range tools {
		set := 0
		for _, on := range []bool{f.Enable != nil, f.Disable != nil, f.Tags != nil} {
			if on {
				set++
			}
		}
		if set != 1 {
			return invalidParam("tools["+slug+"]", "set exactly one of Enable, Disable and Tags")
		}
	}
	if mc != nil {
		set := map[ManageConnectionsSetting]bool{
			ManageConnectionsSettingEnable:                   mc.Enable != nil,
			ManageConnectionsSettingEnableWaitForConnections: mc.EnableWaitForConnections != nil,
			ManageConnectionsSettingEnableConnectionRemoval:  mc.EnableConnectionRemoval != nil,
		}
		for _, name := range mc.Reset {
			isSet, known := set[name]
			switch {
			case !known:
				return invalidParam("manage_connections.reset", fmt.Sprintf("%q cannot be reset", name))
			case isSet:
				return invalidParam("manage_connections."+string(name), "set and reset at once")
			}
		}
	}
	return nil
}

func (p *SessionPermissions) validate() error {
	if p != nil && p.Default == "" {
		return invalidParam("experimental.permissions.default", "must not be empty")
	}
	return nil
}

// validateCustoms checks the fields the API requires of custom toolkits
// and tools.
func validateCustoms(toolkits []SessionCustomToolkit, tools []SessionCustomTool) error {
	for i, tk := range toolkits {
		field := fmt.Sprintf("experimental.custom_toolkits[%d]", i)
		switch {
		case tk.Slug == "":
			return invalidParam(field+".slug", "must not be empty")
		case tk.Name == "":
			return invalidParam(field+".name", "must not be empty")
		case tk.Description == "":
			return invalidParam(field+".description", "must not be empty")
		case len(tk.Tools) == 0:
			return invalidParam(field+".tools", "must not be empty")
		}
		for j, t := range tk.Tools {
			if err := t.validate(fmt.Sprintf("%s.tools[%d]", field, j)); err != nil {
				return err
			}
		}
	}
	for i, t := range tools {
		if err := t.validate(fmt.Sprintf("experimental.custom_tools[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func (in *SessionInline) validate() error {
	if in == nil {
		return nil
	}
	return validateCustoms(in.CustomToolkits, in.CustomTools)
}
