package composio

// MCPServerCreateParams is the body of [MCPService.Create].
type MCPServerCreateParams struct {
	// Name identifies the server: 4-30 letters, digits, spaces and hyphens.
	Name string `json:"name"`
	// AuthConfigIDs are the auth configs whose toolkits the server serves.
	AuthConfigIDs []string `json:"auth_config_ids"`
	// NoAuthApps are toolkits needing no account to serve as well.
	NoAuthApps []string `json:"no_auth_apps,omitzero"`
	// AllowedTools limits the server to these tool slugs; empty allows all
	// tools of its auth configs.
	AllowedTools []string `json:"allowed_tools,omitzero"`
	// ManagedAuthViaComposio lets Composio manage the users' authentication.
	ManagedAuthViaComposio *bool `json:"managed_auth_via_composio,omitzero"`
}

// MCPCustomServerCreateParams is the body of [MCPService.CreateCustom].
type MCPCustomServerCreateParams struct {
	// Name identifies the server: 4-30 letters, digits, spaces and hyphens.
	Name          string   `json:"name"`
	AuthConfigIDs []string `json:"auth_config_ids,omitzero"`
	// Toolkits are the toolkit slugs the server serves.
	Toolkits     []string `json:"toolkits,omitzero"`
	AllowedTools []string `json:"allowed_tools,omitzero"`
	// Deprecated: use AllowedTools.
	CustomTools            []string `json:"custom_tools,omitzero"`
	ManagedAuthViaComposio *bool    `json:"managed_auth_via_composio,omitzero"`
}

// MCPGenerateURLParams is the body of [MCPService.GenerateURL].
type MCPGenerateURLParams struct {
	ServerID              string `json:"mcp_server_id"`
	ManagedAuthByComposio *bool  `json:"managed_auth_by_composio,omitzero"`
	// UserIDs get one URL each, in MCPServerURLs.UserIDURLs.
	UserIDs []string `json:"user_ids,omitzero"`
	// ConnectedAccountIDs get one URL each, in
	// MCPServerURLs.ConnectedAccountURLs.
	ConnectedAccountIDs []string `json:"connected_account_ids,omitzero"`
}

// MCPServerListParams filters [MCPService.List] and
// [MCPService.ListForToolkit]. The zero value lists every server.
type MCPServerListParams struct {
	// Name matches servers whose name contains it.
	Name string `url:"name,omitempty"`
	// Toolkits matches servers using any of these toolkit slugs.
	Toolkits []string `url:"toolkits,comma,omitempty"`
	// AuthConfigIDs matches servers using any of these auth configs.
	AuthConfigIDs  []string          `url:"auth_config_ids,comma,omitempty"`
	OrderBy        MCPOrderBy        `url:"order_by,omitempty"`
	OrderDirection MCPOrderDirection `url:"order_direction,omitempty"`
	PageNo         int               `url:"page_no,omitempty"`
	Limit          int               `url:"limit,omitempty"`
}

// MCPServerUpdateParams is the body of [MCPService.Update]; unset fields
// keep their value.
type MCPServerUpdateParams struct {
	Name          string   `json:"name,omitzero"`
	Toolkits      []string `json:"toolkits,omitzero"`
	AllowedTools  []string `json:"allowed_tools,omitzero"`
	AuthConfigIDs []string `json:"auth_config_ids,omitzero"`
	// ManagedAuthViaComposio is a pointer: false is a real value here.
	ManagedAuthViaComposio *bool `json:"managed_auth_via_composio,omitzero"`
}

// MCPInstanceCreateParams is the body of [MCPService.CreateInstance].
type MCPInstanceCreateParams struct {
	// UserID is your user's id; it becomes the instance id.
	UserID string `json:"user_id"`
}

// MCPInstanceListParams filters [MCPService.ListInstances].
type MCPInstanceListParams struct {
	PageNo int `url:"page_no,omitempty"`
	Limit  int `url:"limit,omitempty"`
	// Search matches instances whose user id or instance id contains it.
	Search         string            `url:"search,omitempty"`
	OrderBy        MCPOrderBy        `url:"order_by,omitempty"`
	OrderDirection MCPOrderDirection `url:"order_direction,omitempty"`
}

// MCPOrderBy orders MCP lists.
type MCPOrderBy string

// MCP list orders.
const (
	MCPOrderByCreatedAt MCPOrderBy = "created_at"
	MCPOrderByUpdatedAt MCPOrderBy = "updated_at"
)

// MCPOrderDirection is the direction of an MCP list's order.
type MCPOrderDirection string

// Order directions.
const (
	MCPOrderAsc  MCPOrderDirection = "asc"
	MCPOrderDesc MCPOrderDirection = "desc"
)
