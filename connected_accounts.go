package composio

// ConnectedAccountsService calls the Composio API's connected accounts operations. Use it through
// [Client].ConnectedAccounts.
type ConnectedAccountsService service
