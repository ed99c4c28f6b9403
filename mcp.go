package composio

import (
	"context"
	"iter"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// MCPService calls the Composio API's MCP server operations: hosted Model
// Context Protocol servers that expose a chosen set of toolkits and tools to
// MCP clients (Claude, Cursor, ...), one instance per user. Use it through
// [Client].MCP.
type MCPService service

// Create creates an MCP server over existing auth configs.
//
// API: POST /mcp/servers
func (s *MCPService) Create(ctx context.Context, params MCPServerCreateParams, opts ...RequestOption) (*MCPServer, error) {
	if params.Name == "" {
		return nil, invalidParam("name", "must not be empty")
	}
	if params.AuthConfigIDs == nil {
		params.AuthConfigIDs = []string{} // required on the wire, even when empty
	}
	return do[MCPServer](ctx, s.client, request{op: ops.MCPCreate, body: params}, opts)
}

// CreateCustom creates an MCP server over several toolkits at once, with
// tools chosen one by one. Its answer carries fewer fields than
// [MCPService.Get]'s: ID, Name, AuthConfigIDs, AllowedTools, MCPURL and
// Commands.
//
// API: POST /mcp/servers/custom
func (s *MCPService) CreateCustom(ctx context.Context, params MCPCustomServerCreateParams, opts ...RequestOption) (*MCPServer, error) {
	if params.Name == "" {
		return nil, invalidParam("name", "must not be empty")
	}
	return do[MCPServer](ctx, s.client, request{op: ops.MCPCustomCreate, body: params}, opts)
}

// GenerateURL returns the URLs MCP clients connect to: the server's base
// URL and one URL per user id and per connected account id of params.
//
// API: POST /mcp/servers/generate
func (s *MCPService) GenerateURL(ctx context.Context, params MCPGenerateURLParams, opts ...RequestOption) (*MCPServerURLs, error) {
	if params.ServerID == "" {
		return nil, invalidParam("mcp_server_id", "must not be empty")
	}
	return do[MCPServerURLs](ctx, s.client, request{op: ops.MCPGenerateURL, body: params}, opts)
}

// List returns one page of the project's MCP servers. The list is paged by
// page number (params.PageNo), not by cursor.
//
// API: GET /mcp/servers
func (s *MCPService) List(ctx context.Context, params MCPServerListParams, opts ...RequestOption) (*MCPServerPage, error) {
	return do[MCPServerPage](ctx, s.client, request{op: ops.MCPList, query: params}, opts)
}

// ListAll iterates over every MCP server matching params, from
// params.PageNo (or the first page) on, fetching pages as the loop
// advances.
//
// API: GET /mcp/servers
func (s *MCPService) ListAll(ctx context.Context, params MCPServerListParams, opts ...RequestOption) iter.Seq2[MCPServer, error] {
	return listNumbered(ctx, params.PageNo, func(ctx context.Context, pageNo int) ([]MCPServer, int, error) {
		params.PageNo = pageNo
		p, err := s.List(ctx, params, opts...)
		if err != nil {
			return nil, 0, err
		}
		return p.Items, p.TotalPages, nil
	})
}

// ListForToolkit returns one page of the MCP servers that use the toolkit
// toolkitSlug (the API calls it the app key), with List's filters.
//
// API: GET /mcp/app/{appKey}
func (s *MCPService) ListForToolkit(ctx context.Context, toolkitSlug string, params MCPServerListParams, opts ...RequestOption) (*MCPServerPage, error) {
	return do[MCPServerPage](ctx, s.client, request{op: ops.MCPRetrieveApp, pathArgs: []string{toolkitSlug}, query: params}, opts)
}

// ListForToolkitAll iterates over every MCP server ListForToolkit would
// return, page by page.
//
// API: GET /mcp/app/{appKey}
func (s *MCPService) ListForToolkitAll(ctx context.Context, toolkitSlug string, params MCPServerListParams, opts ...RequestOption) iter.Seq2[MCPServer, error] {
	return listNumbered(ctx, params.PageNo, func(ctx context.Context, pageNo int) ([]MCPServer, int, error) {
		params.PageNo = pageNo
		p, err := s.ListForToolkit(ctx, toolkitSlug, params, opts...)
		if err != nil {
			return nil, 0, err
		}
		return p.Items, p.TotalPages, nil
	})
}

// Get returns an MCP server by id.
//
// API: GET /mcp/{id}
func (s *MCPService) Get(ctx context.Context, serverID string, opts ...RequestOption) (*MCPServer, error) {
	return do[MCPServer](ctx, s.client, request{op: ops.MCPRetrieve, pathArgs: []string{serverID}}, opts)
}

// Update changes the fields of an MCP server that params sets; the others
// keep their value.
//
// API: PATCH /mcp/{id}
func (s *MCPService) Update(ctx context.Context, serverID string, params MCPServerUpdateParams, opts ...RequestOption) (*MCPServer, error) {
	return do[MCPServer](ctx, s.client, request{op: ops.MCPUpdate, pathArgs: []string{serverID}, body: params}, opts)
}

// Delete deletes an MCP server. Its URLs stop working.
//
// API: DELETE /mcp/{id}
func (s *MCPService) Delete(ctx context.Context, serverID string, opts ...RequestOption) (*MCPServerDeleted, error) {
	return do[MCPServerDeleted](ctx, s.client, request{op: ops.MCPDelete, pathArgs: []string{serverID}}, opts)
}

// CreateInstance creates the instance of an MCP server for one user; the
// user id doubles as the instance id.
//
// API: POST /mcp/servers/{serverId}/instances
func (s *MCPService) CreateInstance(ctx context.Context, serverID string, params MCPInstanceCreateParams, opts ...RequestOption) (*MCPInstance, error) {
	if params.UserID == "" {
		return nil, invalidParam("user_id", "must not be empty")
	}
	return do[MCPInstance](ctx, s.client, request{op: ops.MCPCreateInstance, pathArgs: []string{serverID}, body: params}, opts)
}

// ListInstances returns one page of an MCP server's user instances, paged
// by page number.
//
// API: GET /mcp/servers/{serverId}/instances
func (s *MCPService) ListInstances(ctx context.Context, serverID string, params MCPInstanceListParams, opts ...RequestOption) (*MCPInstancePage, error) {
	return do[MCPInstancePage](ctx, s.client, request{op: ops.MCPListInstances, pathArgs: []string{serverID}, query: params}, opts)
}

// ListInstancesAll iterates over every instance ListInstances would return,
// page by page.
//
// API: GET /mcp/servers/{serverId}/instances
func (s *MCPService) ListInstancesAll(ctx context.Context, serverID string, params MCPInstanceListParams, opts ...RequestOption) iter.Seq2[MCPInstance, error] {
	return listNumbered(ctx, params.PageNo, func(ctx context.Context, pageNo int) ([]MCPInstance, int, error) {
		params.PageNo = pageNo
		p, err := s.ListInstances(ctx, serverID, params, opts...)
		if err != nil {
			return nil, 0, err
		}
		return p.Instances, p.TotalPages, nil
	})
}

// DeleteInstance deletes a user's instance of an MCP server, with the
// connected accounts it created.
//
// API: DELETE /mcp/servers/{serverId}/instances/{instanceId}
func (s *MCPService) DeleteInstance(ctx context.Context, serverID, instanceID string, opts ...RequestOption) (*MCPInstanceDeleted, error) {
	return do[MCPInstanceDeleted](ctx, s.client, request{op: ops.MCPDeleteInstance, pathArgs: []string{serverID, instanceID}}, opts)
}

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
