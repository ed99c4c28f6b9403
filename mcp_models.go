package composio

// MCPServer is a hosted MCP server.
type MCPServer struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	AuthConfigIDs []string `json:"auth_config_ids"`
	// AllowedTools are the tool slugs the server exposes.
	AllowedTools []string `json:"allowed_tools"`
	// MCPURL is the server's base URL.
	//
	// Deprecated: connect through the per-user URLs of
	// [MCPService.GenerateURL] (the base URL with user_id or
	// connected_account_id).
	MCPURL   string   `json:"mcp_url"`
	Toolkits []string `json:"toolkits"`
	// ToolkitIcons maps each toolkit slug to its logo URL.
	ToolkitIcons map[string]string `json:"toolkit_icons"`
	// Deprecated: the commands that set up clients for this server.
	Commands               MCPCommands `json:"commands"`
	UpdatedAt              Timestamp   `json:"updated_at"`
	CreatedAt              Timestamp   `json:"created_at"`
	ServerInstanceCount    int         `json:"server_instance_count"`
	ManagedAuthViaComposio bool        `json:"managed_auth_via_composio"`
	// Deleted is reported by Get and Update only.
	Deleted bool `json:"deleted"`
}

// MCPCommands are the shell commands that add a server to MCP clients.
//
// Deprecated: the API keeps them for old integrations.
type MCPCommands struct {
	Cursor   string `json:"cursor"`
	Claude   string `json:"claude"`
	Windsurf string `json:"windsurf"`
}

// MCPServerPage is one page of MCP servers. MCP lists are paged by page
// number; use ListAll to walk them.
type MCPServerPage struct {
	Items       []MCPServer `json:"items"`
	TotalPages  int         `json:"total_pages"`
	CurrentPage int         `json:"current_page"`
}

// MCPServerURLs are the connection URLs of an MCP server.
type MCPServerURLs struct {
	// MCPURL is the base URL, without user or account.
	MCPURL string `json:"mcp_url"`
	// ConnectedAccountURLs has one URL per requested connected account id,
	// in request order.
	ConnectedAccountURLs []string `json:"connected_account_urls"`
	// UserIDURLs has one URL per requested user id, in request order.
	UserIDURLs []string `json:"user_ids_url"`
}

// MCPServerDeleted is the answer of [MCPService.Delete].
type MCPServerDeleted struct {
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

// MCPInstance is one user's instance of an MCP server.
type MCPInstance struct {
	ID string `json:"id"`
	// InstanceID equals the user id the instance was created for.
	InstanceID  string    `json:"instance_id"`
	MCPServerID string    `json:"mcp_server_id"`
	CreatedAt   Timestamp `json:"created_at"`
	UpdatedAt   Timestamp `json:"updated_at"`
}

// MCPInstancePage is one page of an MCP server's instances.
type MCPInstancePage struct {
	Instances   []MCPInstance `json:"instances"`
	ServerID    string        `json:"server_id"`
	ServerName  string        `json:"server_name"`
	TotalPages  int           `json:"total_pages"`
	CurrentPage int           `json:"current_page"`
}

// MCPInstanceDeleted is the answer of [MCPService.DeleteInstance].
type MCPInstanceDeleted struct {
	Message string `json:"message"`
	// DeletedConnectedAccounts counts the instance's accounts deleted with it.
	DeletedConnectedAccounts int `json:"deleted_connected_accounts"`
}
