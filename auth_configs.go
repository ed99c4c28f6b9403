package composio

// AuthConfigsService calls the Composio API's auth configs operations. Use it through
// [Client].AuthConfigs.
type AuthConfigsService service
