package composiotest

import (
	"net/http"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// The fake's route table: every path it serves, in one place, read top to
// bottom like the API reference. The Composio operations come first, one
// resource after another, each naming its entry of the SDK's operations
// table (internal/ops), which gives its method, path and credential; the
// fake never spells them again. After them, marked as such, the routes
// that are not the Composio API: an MCP server's protocol endpoints, the
// realtime websocket, the pages and URLs the fake hands out (connect pages,
// storage, presigned file URLs), and the admin API under /fake/.
//
// Adding an operation: add its entry to the contract (internal/ops), then
// its line here, in the place the API reference gives it, with its handler
// in the resource's file. TestRouteTableServesEveryOperation fails until
// both are done.

// serving says how a route is served.
type serving int

const (
	// servesAPI is a Composio operation: the credential is checked against
	// its entry's scheme, and the handler runs with f.mu held.
	servesAPI serving = iota
	// servesSDK is an endpoint clients call outside the REST API (an MCP
	// server's protocol endpoint), served like an operation.
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
	op      *ops.Op // the operation served (servesAPI only)
	pattern string  // "METHOD /path", as http.ServeMux reads it
	auth    ops.Auth
	handler http.HandlerFunc
}

// serve is the route of the operation op.
func serve(op *ops.Op, h http.HandlerFunc) route {
	return route{kind: servesAPI, op: op, pattern: op.Pattern(), auth: op.Auth, handler: h}
}

func sdkEndpoint(pattern string, auth ops.Auth, h http.HandlerFunc) route {
	return route{kind: servesSDK, pattern: pattern, auth: auth, handler: h}
}

func pageURL(pattern string, h http.HandlerFunc) route {
	return route{kind: servesPage, pattern: pattern, auth: ops.AuthNone, handler: h}
}

func socketURL(pattern string, h http.HandlerFunc) route {
	return route{kind: servesSocket, pattern: pattern, auth: ops.AuthNone, handler: h}
}

func adminOp(pattern string, h http.HandlerFunc) route {
	return route{kind: servesAdmin, pattern: pattern, auth: ops.AuthProject, handler: h}
}

// routeTable is every route of f.
func routeTable(f *Fake) []route {
	return []route{
		// Tools
		serve(ops.ToolsList, f.listTools),
		serve(ops.ToolsRetrieveEnum, f.toolEnum),
		serve(ops.ToolsRetrieve, f.getTool),
		serve(ops.ToolsExecute, f.executeToolRequest),
		serve(ops.ToolsGetInput, f.generateToolInput),
		serve(ops.ToolsProxy, f.proxyTool),
		serve(ops.ToolsRetrieveRequiredScopes, f.requiredToolScopes),

		// Toolkits
		serve(ops.ToolkitsList, f.listToolkits),
		serve(ops.ToolkitsRetrieveCategories, f.listToolkitCategories),
		serve(ops.ToolkitsRetrieveChangelog, f.toolkitChangelog),
		serve(ops.ToolkitsRetrieve, f.getToolkit),
		serve(ops.ToolkitsRetrieveMulti, f.listToolkitsMulti),

		// Connected accounts
		serve(ops.ConnectedAccountsCreate, f.createConnectedAccount),
		serve(ops.LinkCreate, f.linkConnectedAccount),
		serve(ops.ConnectedAccountsList, f.listConnectedAccounts),
		serve(ops.ConnectedAccountsRetrieve, f.getConnectedAccount),
		serve(ops.ConnectedAccountsPatch, f.updateConnectedAccount),
		serve(ops.ConnectedAccountsDelete, f.deleteConnectedAccount),
		serve(ops.ConnectedAccountsUpdateStatus, f.setConnectedAccountStatus),
		serve(ops.ConnectedAccountsRefresh, f.refreshConnectedAccount),
		serve(ops.ConnectedAccountsRevoke, f.revokeConnectedAccount),

		// Auth configs
		serve(ops.AuthConfigsCreate, f.createAuthConfig),
		serve(ops.AuthConfigsList, f.listAuthConfigs),
		serve(ops.AuthConfigsRetrieve, f.getAuthConfig),
		serve(ops.AuthConfigsUpdate, f.updateAuthConfig),
		serve(ops.AuthConfigsDelete, f.deleteAuthConfig),
		serve(ops.AuthConfigsUpdateStatus, f.setAuthConfigStatus),

		// Triggers
		serve(ops.TriggersTypesList, f.listTriggerTypes),
		serve(ops.TriggersTypesRetrieveEnum, f.triggerTypeEnum),
		serve(ops.TriggersTypesRetrieve, f.getTriggerType),
		serve(ops.TriggerInstancesUpsert, f.upsertTrigger),
		serve(ops.TriggerInstancesListActive, f.listActiveTriggers),
		serve(ops.TriggerInstancesManageUpdate, f.manageTrigger),
		serve(ops.TriggerInstancesManageDelete, f.deleteTrigger),
		// The realtime side of trigger subscriptions: SDK endpoints outside
		// v3.1, entries of the table all the same.
		serve(ops.RealtimeCredentials, f.realtimeCredentials),
		serve(ops.RealtimeAuth, f.realtimeAuth),

		// Webhooks
		serve(ops.WebhookEndpointsList, f.listWebhookEndpoints),
		serve(ops.WebhookEndpointsCreate, f.createWebhookEndpoint),
		serve(ops.WebhookEndpointsRetrieve, f.getWebhookEndpoint),
		serve(ops.WebhookEndpointsUpdate, f.configureWebhookEndpoint(false)),
		serve(ops.WebhookEndpointsReplace, f.configureWebhookEndpoint(true)),
		serve(ops.WebhookSubscriptionsList, f.listWebhookSubscriptions),
		serve(ops.WebhookSubscriptionsCreate, f.createWebhookSubscription),
		serve(ops.WebhookSubscriptionsListEventTypes, f.listWebhookEventTypes),
		serve(ops.WebhookSubscriptionsRetrieve, f.getWebhookSubscription),
		serve(ops.WebhookSubscriptionsUpdate, f.updateWebhookSubscription),
		serve(ops.WebhookSubscriptionsDelete, f.deleteWebhookSubscription),
		serve(ops.WebhookSubscriptionsRotateSecret, f.rotateWebhookSecret),

		// Files
		serve(ops.FilesList, f.listFiles),
		serve(ops.FilesCreatePresignedURL, f.requestUpload),

		// MCP
		serve(ops.MCPCreate, f.createMCPServer),
		serve(ops.MCPCustomCreate, f.createCustomMCPServer),
		serve(ops.MCPGenerateURL, f.generateMCPURL),
		serve(ops.MCPList, f.listMCPServers),
		serve(ops.MCPRetrieveApp, f.listMCPServersForApp),
		serve(ops.MCPRetrieve, f.getMCPServer),
		serve(ops.MCPUpdate, f.updateMCPServer),
		serve(ops.MCPDelete, f.deleteMCPServer),
		serve(ops.MCPCreateInstance, f.createMCPInstance),
		serve(ops.MCPListInstances, f.listMCPInstances),
		serve(ops.MCPDeleteInstance, f.deleteMCPInstance),

		// Tool router
		serve(ops.ToolRouterSessionCreate, f.createRouterSession),
		serve(ops.ToolRouterSessionRetrieve, f.getRouterSession),
		serve(ops.ToolRouterSessionPatch, f.patchRouterSession),
		serve(ops.ToolRouterSessionDelete, f.deleteRouterSession),
		serve(ops.ToolRouterSessionAttach, f.attachRouterSession),
		serve(ops.ToolRouterSessionConfigHistory, f.routerConfigHistory),
		serve(ops.ToolRouterSessionExecute, f.routerExecute),
		serve(ops.ToolRouterSessionExecuteMeta, f.routerExecuteMeta),
		serve(ops.ToolRouterSessionProxyExecute, f.routerProxyExecute),
		serve(ops.ToolRouterSessionSearch, f.routerSearch),
		serve(ops.ToolRouterSessionTools, f.routerTools),
		serve(ops.ToolRouterSessionToolkits, f.routerToolkits),
		serve(ops.ToolRouterSessionLink, f.routerLinkStart),
		serve(ops.ToolRouterSessionFilesList, f.listMountItems),
		serve(ops.ToolRouterSessionFilesCreateUploadURL, f.mountUploadURL),
		serve(ops.ToolRouterSessionFilesCreateDownloadURL, f.mountDownloadURL),
		serve(ops.ToolRouterSessionFilesDelete, f.mountDelete),

		// Projects and organizations
		serve(ops.OrgOwnerProjectCreate, f.createProject),
		serve(ops.OrgOwnerProjectList, f.listOwnerProjects),
		serve(ops.OrgOwnerProjectRetrieve, f.getProject),
		serve(ops.OrgOwnerProjectDelete, f.deleteProject),
		serve(ops.OrgOwnerProjectRegenerateAPIKey, f.regenerateAPIKey),
		serve(ops.OrgList, f.listOrgs),
		serve(ops.OrgProjectList, f.listUserProjects),
		serve(ops.OrgConsumerProjectResolve, f.resolveConsumer),
		serve(ops.OrgConsumerListConnectedToolkits, f.consumerToolkits),
		serve(ops.AuthSessionRetrieveInfo, f.sessionInfo),
		serve(ops.APIKeyRevocationCreate, f.revokeAPIKeys),

		// Logs
		serve(ops.LogsCreateToolExecution, f.listLogs),
		serve(ops.LogsRetrieveToolExecution, f.getLog),

		// Usage
		serve(ops.OrgUsageRetrieveSummary, f.orgUsageSummary),
		serve(ops.OrgUsageRetrieve, f.orgUsageByEntity),
		serve(ops.ProjectUsageRetrieveSummary, f.projectUsageSummary),
		serve(ops.ProjectUsageRetrieve, f.projectUsageByEntity),

		// ---- Not the Composio API from here on: no entry of ops. ----

		// MCP servers' own endpoints (the protocol, not the REST API).
		sdkEndpoint("POST /v3/mcp/{id}", ops.AuthProject, f.serveMCPServer),
		sdkEndpoint("POST /tool_router/v3/{session_id}/mcp", ops.AuthProject, f.serveSessionMCP),

		// The realtime websocket (Pusher's protocol).
		socketURL("GET /app/{key}", f.realtimeSocket),

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

// notServed are the operations of the contract the fake does not serve:
// the ones the table marks non-public, which the SDK does not call. Any
// other operation without a route fails TestRouteTableServesEveryOperation.
var notServed = []*ops.Op{
	ops.CLICreateCodactFailure, ops.CLICreateSession, ops.CLIGetSession,
	ops.CLIRealtimeAuth, ops.CLIRealtimeCredentials,
	ops.LogsToolsListFields, ops.LogsToolsRetrieve, ops.LogsToolsList,
	ops.LogsTriggersRetrieve, ops.LogsTriggersList,
	ops.OrgClankerCreateClaim,
}
