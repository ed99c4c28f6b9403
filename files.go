package composio

// FilesService calls the Composio API's files operations. Use it through
// [Client].Files.
type FilesService service
