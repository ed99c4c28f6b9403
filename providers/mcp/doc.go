// Package mcpprovider serves a user's Composio tools over the Model Context
// Protocol, with the official Go SDK (github.com/modelcontextprotocol/go-sdk),
// so that any MCP client (a desktop assistant, an IDE, an agent framework)
// gets them from a Go process.
//
// [NewServer] returns an *mcp.Server whose tools are the tools of a
// [composio.ToolSet]: each registered with its name, description and JSON
// schema as the input schema, each tools/call request run through
// [composio.ToolSet.Handle] and answered with an *mcp.CallToolResult, with
// IsError set for a failure the model can fix. Run the server on any
// go-sdk transport:
//
//	set, err := client.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"github"}})
//	if err != nil { ... }
//	server := mcpprovider.NewServer(set, nil, nil)
//	err = server.Run(ctx, &mcp.StdioTransport{}) // or mcp.NewStreamableHTTPHandler(...)
//
// [AddTools] adds the tools to a server of your own beside other tools,
// prompts or resources; [Tools], [Handler] and [Result] are the pieces.
//
// The command composio-mcp (providers/mcp/cmd/composio-mcp) serves a tool
// set over stdio or streamable HTTP with no code at all.
//
// # Failures
//
// A failure the model can fix (a tool that ran and failed, arguments the
// schema rejects, an account not connected) is a tool result with IsError
// set and its content a JSON document with an "error" member, which the
// client shows the model. A fault of the program (the key refused, the API
// unreachable, the request cancelled) is a JSON-RPC internal error instead:
// the model cannot fix it. The go-sdk does not validate the arguments: the
// API does, or the tool set itself when built with
// composio.WithArgumentValidation(true).
package mcpprovider
