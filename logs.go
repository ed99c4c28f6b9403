package composio

// LogsService calls the Composio API's logs and the auth session operations. Use it through
// [Client].Logs.
type LogsService service
