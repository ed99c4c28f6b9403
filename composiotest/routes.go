package composiotest

import "net/http"

// The fake's route table: every path it serves, in one place, read top to
// bottom like the API reference. The Composio operations come first, one
// resource after another; after them, marked as such, the routes that are
// not the Composio API: the realtime (Pusher) side of trigger
// subscriptions, the pages and URLs the fake hands out (connect pages,
// storage, presigned file URLs), and the admin API under /fake/.
//
// Adding an operation: add its line here (its handler in the resource's
// file), in the place the API reference gives it.

// serving says how a route is served.
type serving int

const (
	// servesAPI is a Composio operation: the credential is checked against
	// the accepted set, and the handler runs with f.mu held.
	servesAPI serving = iota
	// servesSDK is an endpoint the SDK calls outside the v3.1 reference
	// (the realtime credentials, an MCP server's protocol endpoint),
	// served like an operation.
	servesSDK
	// servesPage is a page or URL the fake hands out (connect page,
	// storage, presigned file URL): its URL is the credential; the handler
	// runs with f.mu held.
	servesPage
	// servesSocket is the realtime websocket: it holds its request for its
	// whole life, so it runs without f.mu.
	servesSocket
	// servesAdmin is the fake's admin API under /fake/: it takes the
	// project key and calls the Fake's methods, which take f.mu
	// themselves, so it runs without it.
	servesAdmin
)

// route is one line of the table.
type route struct {
	kind    serving
	pattern string   // "METHOD /path", as http.ServeMux reads it
	auth    []string // the credentials accepted; nil: none
	handler http.HandlerFunc
}

func apiOp(pattern string, auth []string, h http.HandlerFunc) route {
	return route{kind: servesAPI, pattern: pattern, auth: auth, handler: h}
}

func sdkEndpoint(pattern string, auth []string, h http.HandlerFunc) route {
	return route{kind: servesSDK, pattern: pattern, auth: auth, handler: h}
}

func pageURL(pattern string, h http.HandlerFunc) route {
	return route{kind: servesPage, pattern: pattern, handler: h}
}

func socketURL(pattern string, h http.HandlerFunc) route {
	return route{kind: servesSocket, pattern: pattern, handler: h}
}

func adminOp(pattern string, h http.HandlerFunc) route {
	return route{kind: servesAdmin, pattern: pattern, auth: authProject, handler: h}
}

// routeTable is every route of f.
func routeTable(f *Fake) []route {
	const v = apiPrefix
	const session = v + "/tool_router/session/{session_id}"
	const mount = session + "/mounts/{mount_id}"
	return []route{
		// Tools
		apiOp("GET "+v+"/tools", authProjectOrUser, f.listTools),
		apiOp("GET "+v+"/tools/enum", authProjectOrUser, f.toolEnum),
		apiOp("GET "+v+"/tools/{tool_slug}", authProjectOrUser, f.getTool),
		apiOp("POST "+v+"/tools/execute/{tool_slug}", authProjectOrUser, f.executeToolRequest),
		apiOp("POST "+v+"/tools/execute/{tool_slug}/input", authProject, f.generateToolInput),
		apiOp("POST "+v+"/tools/execute/proxy", authProject, f.proxyTool),
		apiOp("POST "+v+"/tools/scopes/required", authProject, f.requiredToolScopes),

		// Toolkits
		apiOp("GET "+v+"/toolkits", authProjectOrUser, f.listToolkits),
		apiOp("GET "+v+"/toolkits/categories", authProject, f.listToolkitCategories),
		apiOp("GET "+v+"/toolkits/changelog", authProject, f.toolkitChangelog),
		apiOp("GET "+v+"/toolkits/{slug}", authProjectOrUser, f.getToolkit),
		apiOp("POST "+v+"/toolkits/multi", authProject, f.listToolkitsMulti),

		// Connected accounts
		apiOp("POST "+v+"/connected_accounts", authProject, f.createConnectedAccount),
		apiOp("POST "+v+"/connected_accounts/link", authProjectOrUser, f.linkConnectedAccount),
		apiOp("GET "+v+"/connected_accounts", authProjectOrUser, f.listConnectedAccounts),
		apiOp("GET "+v+"/connected_accounts/{nanoid}", authProjectOrUser, f.getConnectedAccount),
		apiOp("PATCH "+v+"/connected_accounts/{nanoid}", authProject, f.updateConnectedAccount),
		apiOp("DELETE "+v+"/connected_accounts/{nanoid}", authProjectOrUser, f.deleteConnectedAccount),
		apiOp("PATCH "+v+"/connected_accounts/{nanoid}/status", authProject, f.setConnectedAccountStatus),
		apiOp("POST "+v+"/connected_accounts/{nanoid}/refresh", authProject, f.refreshConnectedAccount),
		apiOp("POST "+v+"/connected_accounts/{nanoid}/revoke", authProject, f.revokeConnectedAccount),

		// Auth configs
		apiOp("POST "+v+"/auth_configs", authProjectOrUser, f.createAuthConfig),
		apiOp("GET "+v+"/auth_configs", authProjectOrUser, f.listAuthConfigs),
		apiOp("GET "+v+"/auth_configs/{nanoid}", authProjectOrUser, f.getAuthConfig),
		apiOp("PATCH "+v+"/auth_configs/{nanoid}", authProjectOrUser, f.updateAuthConfig),
		apiOp("DELETE "+v+"/auth_configs/{nanoid}", authProjectOrUser, f.deleteAuthConfig),
		apiOp("PATCH "+v+"/auth_configs/{nanoid}/{status}", authProject, f.setAuthConfigStatus),

		// Triggers
		apiOp("GET "+v+"/triggers_types", authProjectOrUser, f.listTriggerTypes),
		apiOp("GET "+v+"/triggers_types/list/enum", authProjectOrUser, f.triggerTypeEnum),
		apiOp("GET "+v+"/triggers_types/{slug}", authProjectOrUser, f.getTriggerType),
		apiOp("POST "+v+"/trigger_instances/{slug}/upsert", authProjectOrUser, f.upsertTrigger),
		apiOp("GET "+v+"/trigger_instances/active", authProjectOrUser, f.listActiveTriggers),
		apiOp("PATCH "+v+"/trigger_instances/manage/{triggerId}", authProjectOrUser, f.manageTrigger),
		apiOp("DELETE "+v+"/trigger_instances/manage/{triggerId}", authProjectOrUser, f.deleteTrigger),

		// Webhooks
		apiOp("GET "+v+"/webhook_endpoints", authProject, f.listWebhookEndpoints),
		apiOp("POST "+v+"/webhook_endpoints", authProject, f.createWebhookEndpoint),
		apiOp("GET "+v+"/webhook_endpoints/{nano_id}", authProject, f.getWebhookEndpoint),
		apiOp("PATCH "+v+"/webhook_endpoints/{nano_id}", authProject, f.configureWebhookEndpoint(false)),
		apiOp("POST "+v+"/webhook_endpoints/{nano_id}", authProject, f.configureWebhookEndpoint(true)),
		apiOp("GET "+v+"/webhook_subscriptions", authProject, f.listWebhookSubscriptions),
		apiOp("POST "+v+"/webhook_subscriptions", authProject, f.createWebhookSubscription),
		apiOp("GET "+v+"/webhook_subscriptions/event_types", authProject, f.listWebhookEventTypes),
		apiOp("GET "+v+"/webhook_subscriptions/{id}", authProject, f.getWebhookSubscription),
		apiOp("PATCH "+v+"/webhook_subscriptions/{id}", authProject, f.updateWebhookSubscription),
		apiOp("DELETE "+v+"/webhook_subscriptions/{id}", authProject, f.deleteWebhookSubscription),
		apiOp("POST "+v+"/webhook_subscriptions/{id}/rotate_secret", authProject, f.rotateWebhookSecret),

		// Files
		apiOp("GET "+v+"/files/list", authProject, f.listFiles),
		apiOp("POST "+v+"/files/upload/request", authProject, f.requestUpload),

		// MCP
		apiOp("POST "+v+"/mcp/servers", authProject, f.createMCPServer),
		apiOp("POST "+v+"/mcp/servers/custom", authProject, f.createCustomMCPServer),
		apiOp("POST "+v+"/mcp/servers/generate", authProject, f.generateMCPURL),
		apiOp("GET "+v+"/mcp/servers", authProject, f.listMCPServers),
		apiOp("GET "+v+"/mcp/app/{appKey}", authProject, f.listMCPServersForApp),
		apiOp("GET "+v+"/mcp/{id}", authProject, f.getMCPServer),
		apiOp("PATCH "+v+"/mcp/{id}", authProject, f.updateMCPServer),
		apiOp("DELETE "+v+"/mcp/{id}", authProject, f.deleteMCPServer),
		apiOp("POST "+v+"/mcp/servers/{serverId}/instances", authProject, f.createMCPInstance),
		apiOp("GET "+v+"/mcp/servers/{serverId}/instances", authProject, f.listMCPInstances),
		apiOp("DELETE "+v+"/mcp/servers/{serverId}/instances/{instanceId}", authProject, f.deleteMCPInstance),

		// Tool router
		apiOp("POST "+v+"/tool_router/session", authProject, f.createRouterSession),
		apiOp("GET "+session, authProject, f.getRouterSession),
		apiOp("PATCH "+session, authProject, f.patchRouterSession),
		apiOp("DELETE "+session, authProject, f.deleteRouterSession),
		apiOp("POST "+session+"/attach", authProject, f.attachRouterSession),
		apiOp("GET "+session+"/config_history", authProject, f.routerConfigHistory),
		apiOp("POST "+session+"/execute", authProject, f.routerExecute),
		apiOp("POST "+session+"/execute_meta", authProject, f.routerExecuteMeta),
		apiOp("POST "+session+"/proxy_execute", authProjectOrUser, f.routerProxyExecute),
		apiOp("POST "+session+"/search", authProject, f.routerSearch),
		apiOp("GET "+session+"/tools", authProject, f.routerTools),
		apiOp("GET "+session+"/toolkits", authProject, f.routerToolkits),
		apiOp("POST "+session+"/link", authProject, f.routerLinkStart),
		apiOp("GET "+mount+"/items", authProject, f.listMountItems),
		apiOp("POST "+mount+"/upload_url", authProject, f.mountUploadURL),
		apiOp("POST "+mount+"/download_url", authProject, f.mountDownloadURL),
		apiOp("POST "+mount+"/delete", authProject, f.mountDelete),

		// Projects and organizations
		apiOp("POST "+v+"/org/owner/project/new", authOrg, f.createProject),
		apiOp("GET "+v+"/org/owner/project/list", authOrg, f.listOwnerProjects),
		apiOp("GET "+v+"/org/owner/project/{nano_id}", authOrg, f.getProject),
		apiOp("DELETE "+v+"/org/owner/project/{nano_id}", authOrg, f.deleteProject),
		apiOp("POST "+v+"/org/owner/project/{nano_id}/regenerate_api_key", authOrg, f.regenerateAPIKey),
		apiOp("GET "+v+"/org/list", authUser, f.listOrgs),
		apiOp("GET "+v+"/org/project/list", authUser, f.listUserProjects),
		apiOp("POST "+v+"/org/consumer/project/resolve", authUser, f.resolveConsumer),
		apiOp("GET "+v+"/org/consumer/connected_toolkits", authUser, f.consumerToolkits),
		apiOp("GET "+v+"/auth/session/info", authUser, f.sessionInfo),
		apiOp("POST "+v+"/api_key_revocation", authNone, f.revokeAPIKeys),

		// Logs
		apiOp("POST "+v+"/logs/tool_execution", authProject, f.listLogs),
		apiOp("GET "+v+"/logs/tool_execution/{id}", authProject, f.getLog),

		// Usage
		apiOp("POST "+v+"/org/usage/summary", authOrg, f.orgUsageSummary),
		apiOp("POST "+v+"/org/usage/{entity_type}", authOrg, f.orgUsageByEntity),
		apiOp("POST "+v+"/project/usage/summary", authProject, f.projectUsageSummary),
		apiOp("POST "+v+"/project/usage/{entity_type}", authProject, f.projectUsageByEntity),

		// ---- Not the Composio API from here on. ----

		// The realtime side of trigger subscriptions (Pusher).
		sdkEndpoint("GET /api/v3/internal/sdk/realtime/credentials", authProjectOrUser, f.realtimeCredentials),
		sdkEndpoint("POST /api/v3/internal/sdk/realtime/auth", authProjectOrUser, f.realtimeAuth),
		socketURL("GET /app/{key}", f.realtimeSocket),

		// MCP servers' own endpoints (the protocol, not the REST API).
		sdkEndpoint("POST /v3/mcp/{id}", authProject, f.serveMCPServer),
		sdkEndpoint("POST /tool_router/v3/{session_id}/mcp", authProject, f.serveSessionMCP),

		// Pages and URLs the fake hands out; the URL is the credential.
		pageURL("GET /fake/connect/{nanoid}", f.connectPage),
		pageURL("GET /fake/router-link/{token}", f.routerLinkComplete),
		pageURL("PUT "+storagePrefix+"{key...}", f.storagePut), // a signed URL, as with S3
		pageURL("GET "+storagePrefix+"{key...}", f.storageGet),
		pageURL("PUT /fake/router-files/upload/{token}", f.putMountFile),
		pageURL("GET /fake/router-files/download/{token}", f.getMountFile),

		// The admin API (see admin.go).
		adminOp("POST /fake/faults", f.adminAddFault),
		adminOp("GET /fake/faults", f.adminListFaults),
		adminOp("DELETE /fake/faults", f.adminClearFaults),
		adminOp("DELETE /fake/faults/{id}", f.adminRemoveFault),
		adminOp("GET /fake/requests", f.adminRequests),
		adminOp("DELETE /fake/requests", f.adminClearRequests),
		adminOp("POST /fake/users", f.adminSeedUser),
		adminOp("POST /fake/connected_accounts", f.adminSeedAccount),
		adminOp("POST /fake/auth_configs", f.adminSeedAuthConfig),
		adminOp("POST /fake/triggers/fire", f.fireOverHTTP), // delivers without f.mu
		adminOp("POST /fake/reset", f.adminReset),
	}
}
