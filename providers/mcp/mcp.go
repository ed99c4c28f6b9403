package mcpprovider

import (
	"context"
	"fmt"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// NewServer returns an MCP server whose tools are the tools of set (see
// [AddTools]), ready to run on any go-sdk transport. impl names the server
// to clients; nil means {Name: "composio", Version: composio.Version}.
// opts are the go-sdk's server options, and may be nil. A nil set gives a
// server without tools.
func NewServer(set *composio.ToolSet, impl *mcp.Implementation, opts *mcp.ServerOptions) *mcp.Server {
	if impl == nil {
		impl = &mcp.Implementation{Name: "composio", Version: composio.Version}
	}
	s := mcp.NewServer(impl, opts)
	AddTools(s, set)
	return s
}

// AddTools registers every tool of set on server, each with its input
// schema ([Tools]) and calls run through set.Handle ([Handler]). A tool of
// the same name already on server is replaced. A nil set has no tools:
// AddTools registers none.
func AddTools(server *mcp.Server, set *composio.ToolSet) {
	if set == nil {
		return
	}
	h := Handler(set)
	for _, t := range Tools(set) {
		server.AddTool(t, h)
	}
}

// Tools returns the tools of set as MCP tool definitions: each tool's
// function name, description, and JSON schema as its input schema,
// unchanged. A nil set has no tools: Tools returns nil.
func Tools(set *composio.ToolSet) []*mcp.Tool {
	if set == nil {
		return nil
	}
	defs := set.Definitions()
	out := make([]*mcp.Tool, len(defs))
	for i, d := range defs {
		out[i] = &mcp.Tool{Name: d.Name, Description: d.Description, InputSchema: d.Parameters}
	}
	return out
}

// Handler returns the tool handler of set's tools: it runs the called tool
// with the request's arguments through set.Handle and returns its
// [Result]. A failure the model can fix (arguments that are not a JSON
// object or that the schema rejects, a tool that failed, an unknown name)
// is a result with IsError set. A fault of the program (the context ended,
// the key refused, the API unreachable) is returned as an error, which the
// go-sdk sends as a JSON-RPC internal error; it wraps Handle's error. The
// handler of a nil set fails every call that way, with an error wrapping
// [composio.ErrInvalidParams].
func Handler(set *composio.ToolSet) mcp.ToolHandler {
	return func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		if set == nil {
			return nil, programError{fmt.Errorf("%w: set: must not be nil", composio.ErrInvalidParams)}
		}
		var call composio.ToolCall
		if req != nil && req.Params != nil {
			call.Name, call.Arguments = req.Params.Name, string(req.Params.Arguments)
		}
		results, err := set.Handle(ctx, []composio.ToolCall{call})
		if err != nil {
			return nil, programError{err}
		}
		return Result(results[0]), nil
	}
}

// Result returns a tool result as an MCP tool result: its content as one
// text content, and IsError for a failure the model can fix.
func Result(r composio.ToolResult) *mcp.CallToolResult {
	content := r.Content
	if content == "" { // a call Handle did not run
		content = `{"error":"the tool did not run"}`
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: content}}, IsError: r.IsError}
}

// programError is a fault of the program: errors.Is and errors.As reach
// the cause, and the go-sdk finds the JSON-RPC code in it.
type programError struct{ err error }

func (e programError) Error() string { return e.err.Error() }

func (e programError) Unwrap() []error {
	return []error{e.err, &jsonrpc.Error{Code: jsonrpc.CodeInternalError, Message: "internal error"}}
}
