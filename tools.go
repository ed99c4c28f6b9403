package composio

// ToolsService calls the Composio API's tools operations. Use it through
// [Client].Tools.
type ToolsService service
