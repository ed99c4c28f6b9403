package composiotest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// The URLs the fake hands out for MCP servers and tool router sessions
// speak MCP (JSON-RPC over streamable HTTP, JSON answers, no SSE): an MCP
// client can initialize, list the tools and call them, offline.

// mcpProtocolVersions are the MCP revisions the fake speaks, newest first.
var mcpProtocolVersions = []string{"2025-06-18", "2025-03-26", "2024-11-05"}

// endpointTool is a tool as an MCP endpoint lists and calls it.
type endpointTool struct {
	name, description string
	schema            map[string]any
	call              func(args map[string]any) (data map[string]any, failure string)
}

func (f *Fake) serveMCPServer(w http.ResponseWriter, r *http.Request) {
	s, ok := lookupPath(w, r, resMCPServer, f.mcp().byID, "id")
	if !ok {
		return
	}
	q := r.URL.Query()
	userID, accountID := q.Get("user_id"), q.Get("connected_account_id")
	if userID == "" && accountID == "" {
		badRequest(w, r, "user_id or connected_account_id query parameter is required", "Use the URLs of POST /api/v3.1/mcp/servers/generate.")
		return
	}
	var tools []endpointTool
	for _, t := range f.tools().order {
		if (len(s.AllowedTools) > 0 && !slices.Contains(s.AllowedTools, t.Slug)) ||
			(len(s.AllowedTools) == 0 && !slices.Contains(s.Toolkits, t.ToolkitSlug)) {
			continue
		}
		tools = append(tools, endpointTool{name: t.Slug, description: t.Description, schema: t.InputParameters,
			call: func(args map[string]any) (map[string]any, string) {
				var account *connectedAccount
				if !t.NoAuth {
					a, problem := f.userAccount(userID, accountID, t.ToolkitSlug)
					if a == nil {
						return nil, problem
					}
					account = a
				}
				return outcomeOf(f.runTool(r, t, userID, account, args))
			}})
	}
	f.serveRPC(w, r, "composio-mcp/"+s.Name, tools)
}

func (f *Fake) serveSessionMCP(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var tools []endpointTool
	for _, slug := range s.metaTools() {
		tools = append(tools, endpointTool{name: slug, description: "Composio meta tool " + slug + ".",
			schema: map[string]any{"type": "object", "properties": map[string]any{}},
			call: func(args map[string]any) (map[string]any, string) {
				out := f.metaOutcome(r, s, slug, args)
				if out.Error != nil {
					return out.Data, *out.Error
				}
				return out.Data, ""
			}})
	}
	catalog := f.tools().bySlug
	for _, slug := range s.preloadedTools(f) {
		t, ok := catalog[slug]
		if !ok || !s.toolAllowed(t) {
			continue
		}
		tools = append(tools, endpointTool{name: t.Slug, description: t.Description, schema: t.InputParameters,
			call: func(args map[string]any) (map[string]any, string) {
				var account *connectedAccount
				if !t.NoAuth {
					a, problem := f.sessionAccount(s, t.ToolkitSlug, "")
					if a == nil {
						return nil, problem
					}
					account = a
				}
				return outcomeOf(f.runTool(r, t, s.Config.UserID, account, args))
			}})
	}
	f.serveRPC(w, r, "composio-tool-router/"+s.ID, tools)
}

// outcomeOf splits a tool run into its data and its failure message.
func outcomeOf(out toolOutcome) (map[string]any, string) {
	if out.Error != nil {
		return out.Data, *out.Error
	}
	return out.Data, ""
}

// userAccount finds the ACTIVE account a user's MCP calls of toolkit run
// as, or explains why there is none.
func (f *Fake) userAccount(userID, accountID, toolkit string) (*connectedAccount, string) {
	for _, a := range f.accounts().order {
		if a.ToolkitSlug != toolkit || (accountID != "" && a.ID != accountID) || (accountID == "" && a.UserID != userID) {
			continue
		}
		if a.Status == "ACTIVE" {
			return a, ""
		}
	}
	return nil, "No ACTIVE " + toolkit + " connected account for this MCP URL; connect one first."
}

type rpcMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params,omitempty"`
}

// serveRPC answers one JSON-RPC message of the MCP lifecycle and tools
// methods.
func (f *Fake) serveRPC(w http.ResponseWriter, r *http.Request, name string, tools []endpointTool) {
	var msg rpcMessage
	if err := json.NewDecoder(r.Body).Decode(&msg); err != nil || msg.JSONRPC != "2.0" || msg.Method == "" {
		writeJSON(w, http.StatusBadRequest, rpcErrorWire{JSONRPC: "2.0",
			Error: rpcErrorBodyWire{Code: -32700, Message: "Parse error: expected one JSON-RPC 2.0 request"}})
		return
	}
	if len(msg.ID) == 0 { // a notification, such as notifications/initialized
		w.WriteHeader(http.StatusAccepted)
		return
	}
	reply := func(result any) {
		writeJSON(w, http.StatusOK, rpcResultWire{JSONRPC: "2.0", ID: msg.ID, Result: result})
	}
	fail := func(code int, message string) {
		writeJSON(w, http.StatusOK, rpcErrorWire{JSONRPC: "2.0", ID: msg.ID, Error: rpcErrorBodyWire{Code: code, Message: message}})
	}
	switch msg.Method {
	case "initialize":
		var p struct {
			ProtocolVersion string `json:"protocolVersion"`
		}
		_ = json.Unmarshal(msg.Params, &p)
		version := mcpProtocolVersions[0]
		if slices.Contains(mcpProtocolVersions, p.ProtocolVersion) {
			version = p.ProtocolVersion
		}
		reply(rpcInitializeWire{ProtocolVersion: version, ServerInfo: rpcServerInfoWire{Name: name, Version: "fake"}})
	case "ping":
		reply(emptyWire{})
	case "tools/list":
		list := []rpcToolWire{}
		for _, t := range tools {
			list = append(list, rpcToolWire{Name: t.name, Description: t.description, InputSchema: routerNonNilMap(t.schema)})
		}
		reply(struct {
			Tools []rpcToolWire `json:"tools"`
		}{list})
	case "tools/call":
		var p struct {
			Name      string         `json:"name"`
			Arguments map[string]any `json:"arguments"`
		}
		if err := json.Unmarshal(msg.Params, &p); err != nil {
			fail(-32602, "Invalid params: "+err.Error())
			return
		}
		i := slices.IndexFunc(tools, func(t endpointTool) bool { return strings.EqualFold(t.name, p.Name) })
		if i < 0 {
			fail(-32602, "Unknown tool: "+p.Name)
			return
		}
		data, failure := tools[i].call(routerNonNilMap(p.Arguments))
		if failure != "" {
			reply(rpcCallWire{Content: []rpcContentWire{{Type: "text", Text: failure}}, IsError: true})
			return
		}
		text, _ := json.Marshal(routerNonNilMap(data))
		reply(rpcCallWire{Content: []rpcContentWire{{Type: "text", Text: string(text)}},
			StructuredContent: routerNonNilMap(data), IsError: false})
	default:
		fail(-32601, "Method not found: "+msg.Method)
	}
}

// The JSON-RPC shapes of the MCP endpoints.

type rpcResultWire struct {
	ID      json.RawMessage `json:"id"`
	JSONRPC string          `json:"jsonrpc"`
	Result  any             `json:"result"`
}

type rpcErrorWire struct {
	Error   rpcErrorBodyWire `json:"error"`
	ID      json.RawMessage  `json:"id"` // null when the request could not be read
	JSONRPC string           `json:"jsonrpc"`
}

type rpcErrorBodyWire struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// rpcInitializeWire is the result of initialize.
type rpcInitializeWire struct {
	Capabilities    rpcCapabilitiesWire `json:"capabilities"`
	ProtocolVersion string              `json:"protocolVersion"`
	ServerInfo      rpcServerInfoWire   `json:"serverInfo"`
}

type rpcCapabilitiesWire struct {
	Tools struct {
		ListChanged bool `json:"listChanged"`
	} `json:"tools"`
}

type rpcServerInfoWire struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// rpcToolWire is a tool of tools/list.
type rpcToolWire struct {
	Description string         `json:"description"`
	InputSchema map[string]any `json:"inputSchema"` // the tool's JSON Schema
	Name        string         `json:"name"`
}

// rpcCallWire is the result of tools/call.
type rpcCallWire struct {
	Content           []rpcContentWire `json:"content"`
	IsError           bool             `json:"isError"`
	StructuredContent any              `json:"structuredContent,omitempty"` // the tool's data (an object, {} too) when it succeeded
}

type rpcContentWire struct {
	Text string `json:"text"`
	Type string `json:"type"`
}
