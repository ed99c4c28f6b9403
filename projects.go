package composio

// ProjectsService calls the Composio API's organizations, projects, usage and API keys operations. Use it through
// [Client].Projects.
type ProjectsService service
