package composio

// TriggersService calls the Composio API's trigger types and trigger instances operations. Use it through
// [Client].Triggers.
type TriggersService service
