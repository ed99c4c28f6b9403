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

// DeleteInstance deletes a user's instance of an MCP server, with the
// connected accounts it created.
//
// API: DELETE /mcp/servers/{serverId}/instances/{instanceId}
func (s *MCPService) DeleteInstance(ctx context.Context, serverID, instanceID string, opts ...RequestOption) (*MCPInstanceDeleted, error) {
	return do[MCPInstanceDeleted](ctx, s.client, request{op: ops.MCPDeleteInstance, pathArgs: []string{serverID, instanceID}}, opts)
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
