package composio

// ToolRouterService calls the Composio API's tool router sessions operations. Use it through
// [Client].ToolRouter.
type ToolRouterService service
