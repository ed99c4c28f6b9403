package composio

import (
	"encoding/json"
	"fmt"
)

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

// SessionTool is a tool a session exposes, with its schemas. The API
// answers with the same shape as the tools service, so it is [Tool].
type SessionTool = Tool

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
	ACLConfigForShared *SessionSharedACL  `json:"acl_config_for_shared,omitzero"`
}

// SessionSharedACL says which users may use a SHARED connection besides its
// creator: deny list first, then AllowAllUsers, then the allow list.
type SessionSharedACL struct {
	AllowAllUsers     bool     `json:"allow_all_users,omitzero"`
	AllowedUserIDs    []string `json:"allowed_user_ids,omitzero"`
	NotAllowedUserIDs []string `json:"not_allowed_user_ids,omitzero"`
}

// SessionLink is a pending connection of the session's user.
type SessionLink struct {
	LinkToken string `json:"link_token"`
	// RedirectURL is where to send the user to authenticate.
	RedirectURL        string `json:"redirect_url"`
	ConnectedAccountID string `json:"connected_account_id"`
	Experimental       *struct {
		AccountType        SessionAccountType `json:"account_type"`
		ACLConfigForShared *SessionSharedACL  `json:"acl_config_for_shared,omitempty"`
	} `json:"experimental,omitempty"`
}

// SessionProxyExecuteParams is the body of [ToolRouterService.ProxyExecute].
type SessionProxyExecuteParams struct {
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
