package composio

// MCPService calls the Composio API's MCP servers operations. Use it through
// [Client].MCP.
type MCPService service
