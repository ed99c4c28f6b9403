package composiotest

import "net/http"

// A resource names a kind of record for its 404 answer: the Composio error
// code and suggested fix the API gives when one is missing.
type resource struct {
	name string // "Auth config": the message is "Auth config <id> not found"
	code int    // Composio's error code for its 404
	fix  string // the suggested fix; "" for the generic one (and code 404, id quoted)
}

// The resources that answer a 404 of their own.
var (
	resAuthConfig      = resource{"Auth config", 1500, "List auth configs with GET /api/v3.1/auth_configs to see valid ids."}
	resAuthConfigToUse = resource{"Auth config", 1500, "Create one with POST /api/v3.1/auth_configs, or list them."} // one a body names, to connect with
	resAccount         = resource{"Connected account", 1800, "List connected accounts with GET /api/v3.1/connected_accounts to see valid ids."}
	resToolkit         = resource{"Toolkit", 1400, "List toolkits with GET /api/v3.1/toolkits to see valid slugs."}
	resTool            = resource{"Tool", 1500, "List tools with GET /api/v3.1/tools to see valid slugs."}
	resTriggerType     = resource{"Trigger type", 1900, "List trigger types with GET /api/v3.1/triggers_types to see valid slugs."}
	resTrigger         = resource{"Trigger instance", 1901, "List trigger instances with GET /api/v3.1/trigger_instances/active?show_disabled=true."}
	resSession         = resource{"Tool router session", 4301, "Create a session with POST /api/v3.1/tool_router/session and use its session_id."}
	resLog             = resource{"Log", 404, "Use a log_id from a tool execution or from POST /api/v3.1/logs/tool_execution."}
	resMCPServer       = resource{name: "MCP server"}
	resMCPInstance     = resource{name: "MCP server instance"}
	resWebhookEndpoint = resource{name: "Webhook endpoint"}
	resSubscription    = resource{name: "Webhook subscription"}
	resAccountAny      = resource{name: "Connected account"} // an account named in a body, not the path
	resToolAny         = resource{name: "Tool"}
	resMountFile       = resource{name: "File"}
)

// notFound answers the 404 envelope for the record id of k.
func (k resource) notFound(w http.ResponseWriter, r *http.Request, id string) {
	if k.fix == "" {
		notFound(w, r, k.name, id)
		return
	}
	writeError(w, r, http.StatusNotFound, k.code, k.name+" "+id+" not found", k.fix)
}

// lookup returns m[id], answering the 404 envelope of k itself when there
// is none.
func lookup[V any](w http.ResponseWriter, r *http.Request, k resource, m map[string]V, id string) (V, bool) {
	v, ok := m[id]
	if !ok {
		k.notFound(w, r, id)
	}
	return v, ok
}

// lookupPath is lookup with the id the path parameter param.
func lookupPath[V any](w http.ResponseWriter, r *http.Request, k resource, m map[string]V, param string) (V, bool) {
	return lookup(w, r, k, m, r.PathValue(param))
}

// find is lookup through a finder (a case-insensitive catalog lookup, a
// search of a list).
func find[V any](w http.ResponseWriter, r *http.Request, k resource, id string, get func(string) (V, bool)) (V, bool) {
	v, ok := get(id)
	if !ok {
		k.notFound(w, r, id)
	}
	return v, ok
}
