package composio

import (
	"encoding/json"
	"fmt"
)

// ToolHint is an MCP tool annotation hint.
type ToolHint string

// MCP tool annotation hints.
const (
	ToolHintReadOnly    ToolHint = "readOnlyHint"
	ToolHintDestructive ToolHint = "destructiveHint"
	ToolHintIdempotent  ToolHint = "idempotentHint"
	ToolHintOpenWorld   ToolHint = "openWorldHint"
)

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

// SessionConfigVersion is one entry of a session's config history.
type SessionConfigVersion struct {
	Version int `json:"version"`
	// CreatedAt is, for archived entries, when an update superseded them.
	CreatedAt Timestamp     `json:"created_at"`
	Config    SessionConfig `json:"config"`
	// IsCurrent marks the live configuration.
	IsCurrent bool `json:"is_current"`
}

// DefaultMountID is the file mount every session has: the sandbox sees it
// at /mnt/files.
const DefaultMountID = "files"

// SessionFile is a file in a session's mount.
type SessionFile struct {
	MountRelativePath string `json:"mount_relative_path"`
	// SandboxMountPrefix is where the sandbox sees the mount (/mnt/files).
	SandboxMountPrefix string    `json:"sandbox_mount_prefix"`
	Size               int64     `json:"size"`
	LastModified       Timestamp `json:"last_modified"`
}

// SessionFileUploadURL is where to PUT a file's content.
type SessionFileUploadURL struct {
	UploadURL          string    `json:"upload_url"`
	MountRelativePath  string    `json:"mount_relative_path"`
	SandboxMountPrefix string    `json:"sandbox_mount_prefix"`
	ExpiresAt          Timestamp `json:"expires_at"`
}

// SessionFileDownloadURL is where to GET a file's content.
type SessionFileDownloadURL struct {
	DownloadURL        string    `json:"download_url"`
	MountRelativePath  string    `json:"mount_relative_path"`
	SandboxMountPrefix string    `json:"sandbox_mount_prefix"`
	ExpiresAt          Timestamp `json:"expires_at"`
}

// SessionFileDeleted is the answer of [ToolRouterService.DeleteFile].
type SessionFileDeleted struct {
	MountRelativePath  string `json:"mount_relative_path"`
	SandboxMountPrefix string `json:"sandbox_mount_prefix"`
}

// Session is a tool router session.
type Session struct {
	ID string `json:"session_id"`
	// MCP is where MCP clients reach the session.
	MCP SessionMCP `json:"mcp"`
	// ToolRouterTools are the slugs of the meta tools the session exposes.
	ToolRouterTools []string      `json:"tool_router_tools"`
	Config          SessionConfig `json:"config"`
	// ConfigVersion starts at 1 and grows with each update; use it to spot
	// concurrent changes.
	ConfigVersion int `json:"config_version"`
	// Experimental carries the generated system prompt and the custom
	// tools as registered; only Create and Attach return it.
	Experimental *SessionExperimentalInfo `json:"experimental,omitempty"`
	// Warnings are advisories: the session works, but look at them.
	Warnings []SessionWarning `json:"warnings,omitempty"`
}

// SessionMCP is a session's MCP endpoint.
type SessionMCP struct {
	// Type is "http".
	Type string `json:"type"`
	URL  string `json:"url"`
}

// SessionExperimentalInfo is what a session reports of its experimental
// features.
type SessionExperimentalInfo struct {
	// AssistivePrompt is a system prompt for the agent using the session.
	AssistivePrompt string                 `json:"assistive_prompt,omitempty"`
	CustomToolkits  []SessionCustomToolkit `json:"custom_toolkits,omitempty"`
	CustomTools     []SessionCustomTool    `json:"custom_tools,omitempty"`
}

// SessionWarning is an advisory about a session.
type SessionWarning struct {
	// Code is stable, such as "PRELOAD_TOOLS_HIGH_CONTEXT_USAGE".
	Code    string `json:"code"`
	Message string `json:"message"`
}

// SessionDeleted is the answer of [ToolRouterService.Delete].
type SessionDeleted struct {
	SessionID string `json:"session_id"`
	Deleted   bool   `json:"deleted"`
}

// SessionTool is a tool a session exposes, with its schemas. The API
// answers with the same shape as the tools service, so it is [Tool].
type SessionTool = Tool

// SessionExecution is the outcome of a tool run in a session.
type SessionExecution struct {
	// Data is the tool's output, a JSON object; read it with Decode.
	Data json.RawMessage `json:"data"`
	// Error says why the tool failed; empty when it succeeded (the API
	// sends null).
	Error string `json:"error"`
	LogID string `json:"log_id"`
	// Tool is the slug of the tool that ran. Not part of the answer.
	Tool string `json:"-"`
}

// Decode unmarshals Data into v.
func (e *SessionExecution) Decode(v any) error {
	if len(e.Data) == 0 {
		return fmt.Errorf("composio: tool %s returned no data (log_id %s)", e.Tool, e.LogID)
	}
	return json.Unmarshal(e.Data, v)
}

// Err returns a *[ToolError] when the tool ran and failed, else nil, as
// [ToolExecution.Err] does: errors.Is(err, ErrToolFailed) matches it.
func (e *SessionExecution) Err() error {
	if e.Error == "" {
		return nil
	}
	return &ToolError{Tool: e.Tool, Message: e.Error, LogID: e.LogID, Data: e.Data}
}

// SessionToolkit is a toolkit as a session sees it.
type SessionToolkit struct {
	Name                       string   `json:"name"`
	Slug                       string   `json:"slug"`
	Enabled                    bool     `json:"enabled"`
	IsNoAuth                   bool     `json:"is_no_auth"`
	ComposioManagedAuthSchemes []string `json:"composio_managed_auth_schemes"`
	Meta                       struct {
		Logo        string `json:"logo"`
		Description string `json:"description"`
	} `json:"meta"`
	// ConnectedAccount is the user's account for the toolkit; nil when
	// there is none.
	ConnectedAccount *SessionConnectedAccount `json:"connected_account"`
}

// SessionConnectedAccount is the user's connected account of a toolkit.
type SessionConnectedAccount struct {
	ID         string    `json:"id"`
	UserID     string    `json:"user_id"`
	Status     string    `json:"status"`
	CreatedAt  Timestamp `json:"created_at"`
	AuthConfig struct {
		ID                string `json:"id"`
		AuthScheme        string `json:"auth_scheme"`
		IsComposioManaged bool   `json:"is_composio_managed"`
	} `json:"auth_config"`
}

// SessionSharedACL is the [SharedACL] of a session's connections.
//
// Deprecated: use SharedACL, the same wire concept.
type SessionSharedACL = SharedACL

// SessionLink is a pending connection of the session's user.
type SessionLink struct {
	LinkToken string `json:"link_token"`
	// RedirectURL is where to send the user to authenticate.
	RedirectURL        string `json:"redirect_url"`
	ConnectedAccountID string `json:"connected_account_id"`
	Experimental       *struct {
		AccountType        SessionAccountType `json:"account_type"`
		ACLConfigForShared *SharedACL         `json:"acl_config_for_shared,omitempty"`
	} `json:"experimental,omitempty"`
}

// SessionProxyResponse is the toolkit API's answer to a proxied request.
type SessionProxyResponse struct {
	// Status is the toolkit API's HTTP status.
	Status  int               `json:"status"`
	Data    json.RawMessage   `json:"data,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
	// BinaryData points at a binary answer, stored for download.
	BinaryData *struct {
		URL         string    `json:"url"`
		ContentType string    `json:"content_type"`
		Size        int64     `json:"size"`
		ExpiresAt   Timestamp `json:"expires_at,omitzero"`
	} `json:"binary_data,omitempty"`
}

// Decode unmarshals Data into v.
func (r *SessionProxyResponse) Decode(v any) error {
	if len(r.Data) == 0 {
		return fmt.Errorf("composio: proxied request returned no JSON data (status %d)", r.Status)
	}
	return json.Unmarshal(r.Data, v)
}

// SessionSearchResult is the answer of [ToolRouterService.Search].
type SessionSearchResult struct {
	// Success is false when any query failed; Error then says why.
	Success bool   `json:"success"`
	Error   string `json:"error"`
	// Results has one entry per query, in request order.
	Results                   []SearchResult              `json:"results"`
	ToolkitConnectionStatuses []ToolkitConnectionStatus   `json:"toolkit_connection_statuses"`
	ToolSchemas               map[string]SearchToolSchema `json:"tool_schemas"`
	TimeInfo                  SearchTimeInfo              `json:"time_info"`
	Session                   SearchSession               `json:"session"`
	NextStepsGuidance         []string                    `json:"next_steps_guidance"`
}

// SearchResult is the answer to one query.
type SearchResult struct {
	// Index is the 1-based position of the query.
	Index                      int                `json:"index"`
	UseCase                    string             `json:"use_case"`
	ExecutionGuidance          string             `json:"execution_guidance,omitempty"`
	Difficulty                 string             `json:"difficulty,omitempty"`
	RecommendedPlanSteps       []string           `json:"recommended_plan_steps,omitempty"`
	KnownPitfalls              []string           `json:"known_pitfalls,omitempty"`
	ReferenceWorkbenchSnippets []WorkbenchSnippet `json:"reference_workbench_snippets,omitempty"`
	// PrimaryToolSlugs are the best matches; their schemas are in
	// SessionSearchResult.ToolSchemas.
	PrimaryToolSlugs []string `json:"primary_tool_slugs"`
	RelatedToolSlugs []string `json:"related_tool_slugs"`
	Toolkits         []string `json:"toolkits"`
	PlanID           string   `json:"plan_id,omitempty"`
	// Error is set when this query failed.
	Error  string              `json:"error,omitempty"`
	Memory map[string][]string `json:"memory,omitempty"`
}

// WorkbenchSnippet is reference Python code for the workbench.
type WorkbenchSnippet struct {
	Description string `json:"description"`
	Code        string `json:"code"`
}

// ToolkitConnectionStatus tells whether the user can use a toolkit yet.
type ToolkitConnectionStatus struct {
	Toolkit             string             `json:"toolkit"`
	Description         string             `json:"description"`
	HasActiveConnection bool               `json:"has_active_connection"`
	ConnectionDetails   map[string]any     `json:"connection_details,omitempty"`
	CurrentUserInfo     map[string]any     `json:"current_user_info,omitempty"`
	AccountType         SessionAccountType `json:"account_type,omitempty"`
	Accounts            []SearchAccount    `json:"accounts,omitempty"`
	// AccountSelection is "required" when the agent must pick an account.
	AccountSelection string `json:"account_selection,omitempty"`
	StatusMessage    string `json:"status_message"`
}

// SearchAccount is one of the user's accounts of a toolkit (multi-account
// sessions).
type SearchAccount struct {
	ID       string         `json:"id"`
	Alias    string         `json:"alias,omitempty"`
	UserInfo map[string]any `json:"user_info,omitempty"`
	Status   string         `json:"status"`
	// CreatedAt is ISO 8601 text.
	CreatedAt   string             `json:"created_at"`
	IsDefault   bool               `json:"is_default"`
	AccountType SessionAccountType `json:"account_type,omitempty"`
}

// SessionAccountType is the sharing model of a connected account.
type SessionAccountType string

// Account sharing models.
const (
	// SessionAccountPrivate accounts serve only their owner.
	SessionAccountPrivate SessionAccountType = "PRIVATE"
	// SessionAccountShared accounts serve a session only when pinned to it.
	SessionAccountShared SessionAccountType = "SHARED"
)

// SearchToolSchema describes a tool found by a search.
type SearchToolSchema struct {
	Toolkit     string `json:"toolkit"`
	ToolSlug    string `json:"tool_slug"`
	Description string `json:"description,omitempty"`
	// InputSchema is present when HasFullSchema is true; otherwise
	// SchemaRef says how to fetch it.
	InputSchema   map[string]any `json:"input_schema,omitempty"`
	OutputSchema  map[string]any `json:"output_schema,omitempty"`
	HasFullSchema bool           `json:"hasFullSchema,omitempty"`
	SchemaRef     *SchemaRef     `json:"schemaRef,omitempty"`
}

// SchemaRef names the meta tool call that returns a full tool schema.
type SchemaRef struct {
	// Tool is "COMPOSIO_GET_TOOL_SCHEMAS".
	Tool string `json:"tool"`
	Args struct {
		ToolSlugs []string `json:"tool_slugs"`
	} `json:"args"`
	Message string `json:"message,omitempty"`
}

// SearchTimeInfo is the server's clock, for time-aware planning.
type SearchTimeInfo struct {
	// CurrentTimeUTC is ISO 8601 text, meant for the model; the epoch
	// seconds are the exact value.
	CurrentTimeUTC             string `json:"current_time_utc"`
	CurrentTimeUTCEpochSeconds int64  `json:"current_time_utc_epoch_seconds"`
	Message                    string `json:"message"`
}

// SearchSession correlates meta tool calls.
type SearchSession struct {
	ID           string `json:"id"`
	GenerateID   bool   `json:"generate_id"`
	Instructions string `json:"instructions"`
}

func (t SessionCustomTool) validate(field string) error {
	switch {
	case t.Slug == "":
		return invalidParam(field+".slug", "must not be empty")
	case t.Name == "":
		return invalidParam(field+".name", "must not be empty")
	case t.Description == "":
		return invalidParam(field+".description", "must not be empty")
	case t.InputSchema == nil:
		return invalidParam(field+".input_schema", "must not be nil")
	}
	return nil
}
