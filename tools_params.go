package composio

// ToolListParams filters [ToolsService.List]. The zero value lists every
// tool (at the client's toolkit versions).
type ToolListParams struct {
	// ToolkitSlug keeps the tools of one toolkit, such as "github".
	ToolkitSlug string `url:"toolkit_slug,omitempty"`
	// ToolSlugs is a comma-separated list of tool slugs
	// ("GITHUB_CREATE_AN_ISSUE,GMAIL_SEND_EMAIL"); it overrides the other
	// filters.
	ToolSlugs string `url:"tool_slugs,omitempty"`
	// AuthConfigIDs keeps the tools of these auth configs' toolkits.
	AuthConfigIDs []string `url:"auth_config_ids,brackets,omitempty"`
	// Important keeps only the featured tools when true.
	Important *bool `url:"important,omitempty"`
	// Tags keeps tools carrying any of these tags (such as "important").
	Tags []string `url:"tags,brackets,omitempty"`
	// Scopes keeps tools that need any of these OAuth scopes.
	Scopes []string `url:"scopes,brackets,omitempty"`
	// Query is a full-text search over name, slug and description.
	Query string `url:"query,omitempty"`
	// Deprecated: use Query.
	Search string `url:"search,omitempty"`
	// IncludeDeprecated includes deprecated tools when true.
	IncludeDeprecated *bool `url:"include_deprecated,omitempty"`
	// ToolkitVersions picks the versions whose schemas are listed; unset,
	// the client's toolkit versions apply ("latest" when none are set).
	ToolkitVersions ToolkitVersions `url:"toolkit_versions,omitempty"`
	// Limit is the page size (at most 1000).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// ToolGetParams selects the version [ToolsService.Get] returns.
type ToolGetParams struct {
	// Version is a toolkit version such as "20250906_01".
	Version string `url:"version,omitempty"`
	// ToolkitVersions is used when Version is empty; unset, the client's
	// toolkit versions apply ("latest" when none are set).
	ToolkitVersions ToolkitVersions `url:"toolkit_versions,omitempty"`
}

// ToolExecuteParams is the body of [ToolsService.Execute]. Set UserID or
// ConnectedAccountID for tools that need an account, and Arguments or Text.
type ToolExecuteParams struct {
	// UserID runs the tool as this user's connected account of the tool's
	// toolkit.
	UserID string `json:"user_id,omitzero"`
	// ConnectedAccountID picks the account explicitly.
	ConnectedAccountID string `json:"connected_account_id,omitzero"`
	// Deprecated: use UserID.
	EntityID string `json:"entity_id,omitzero"`
	// Arguments are the tool's inputs, as its input schema describes them.
	Arguments map[string]any `json:"arguments,omitzero"`
	// Text describes the task in natural language instead of Arguments; the
	// API derives the arguments.
	Text string `json:"text,omitzero"`
	// Version is the toolkit version to run, such as "20250906_01". Empty
	// means the client's setting; see [ToolsService.Execute].
	Version string `json:"version,omitzero"`
	// CustomAuthParams authenticates with your own credentials instead of a
	// connected account.
	CustomAuthParams *CustomAuthParams `json:"custom_auth_params,omitzero"`
	// Deprecated: use CustomAuthParams.
	CustomConnectionData *CustomConnectionData `json:"custom_connection_data,omitzero"`
	// Deprecated: the API ignores it.
	AllowTracing *bool `json:"allow_tracing,omitzero"`

	// DangerouslySkipVersionCheck lets the call run at "latest", so the
	// tool may change between two runs of your program. Not sent.
	DangerouslySkipVersionCheck bool `json:"-"`
	// LLMGatewayHeaders are passed to the LLM provider the API uses for
	// Text; sent as the x-llm-gateway-headers header.
	LLMGatewayHeaders map[string]string `json:"-"`
}

// CustomAuthParams carries credentials for one execution, for tools whose
// toolkit allows it.
type CustomAuthParams struct {
	// BaseURL is the API root requests go to, such as
	// "https://gmail.googleapis.com".
	BaseURL    string                `json:"base_url,omitzero"`
	Parameters []CustomAuthParameter `json:"parameters,omitzero"`
	// Body is sent to the endpoint for authentication; very few apps need it.
	Body map[string]any `json:"body,omitzero"`
}

// CustomAuthParameter is a header or query parameter added to every
// upstream request.
type CustomAuthParameter struct {
	Name string `json:"name"`
	// In is ParameterInHeader or ParameterInQuery.
	In ParameterIn `json:"in"`
	// Value is a string or a number.
	Value any `json:"value"`
}

// ParameterIn says where a parameter goes.
type ParameterIn string

// Parameter locations.
const (
	ParameterInHeader ParameterIn = "header"
	ParameterInQuery  ParameterIn = "query"
)

// CustomConnectionData is a complete connection given inline, such as an
// OAuth2 access token.
type CustomConnectionData struct {
	// AuthScheme is the scheme of Val, such as AuthSchemeOAuth2,
	// AuthSchemeAPIKey, AuthSchemeBearerToken or AuthSchemeBasic.
	AuthScheme  AuthScheme `json:"authScheme"`
	ToolkitSlug string     `json:"toolkitSlug"`
	// Val holds the scheme's fields, such as access_token.
	Val map[string]any `json:"val"`
}

// ToolGenerateInputParams is the body of [ToolsService.GenerateInput].
type ToolGenerateInputParams struct {
	// Text describes what to accomplish. Required.
	Text string `json:"text"`
	// CustomDescription replaces the tool's description for the model.
	CustomDescription string `json:"custom_description,omitzero"`
	SystemPrompt      string `json:"system_prompt,omitzero"`
	// Version is the toolkit version whose schema is used; empty means latest.
	Version string `json:"version,omitzero"`
}

// ToolRequiredScopesParams is the body of [ToolsService.GetRequiredScopes].
type ToolRequiredScopesParams struct {
	// Tools are tool slugs, all of one toolkit. Required.
	Tools []string `json:"tools"`
	// Version is the toolkit version to resolve against.
	Version string `json:"version,omitzero"`
}

// ToolProxyParams is the body of [ToolsService.Proxy].
type ToolProxyParams struct {
	// ConnectedAccountID is the account whose credentials are used.
	ConnectedAccountID string `json:"connected_account_id,omitzero"`
	// Endpoint is an absolute URL or a path relative to the toolkit's base
	// URL, such as "/user/repos". Required.
	Endpoint string `json:"endpoint"`
	// Method is the HTTP method. Required.
	Method ProxyMethod `json:"method"`
	// Body is sent as JSON (POST, PUT, PATCH).
	Body any `json:"body,omitzero"`
	// BinaryBody is sent raw instead of Body.
	BinaryBody *ProxyBinaryBody `json:"binary_body,omitzero"`
	// Parameters are extra headers and query parameters.
	Parameters []ProxyParameter `json:"parameters,omitzero"`
	// Deprecated: connect an account instead.
	CustomConnectionData *CustomConnectionData `json:"custom_connection_data,omitzero"`
}

// ProxyMethod is an HTTP method the proxy accepts.
type ProxyMethod string

// Proxy methods.
const (
	ProxyGet    ProxyMethod = "GET"
	ProxyPost   ProxyMethod = "POST"
	ProxyPut    ProxyMethod = "PUT"
	ProxyDelete ProxyMethod = "DELETE"
	ProxyPatch  ProxyMethod = "PATCH"
	ProxyHead   ProxyMethod = "HEAD"
)

// ProxyBinaryBody is a raw request body: fetched from URL, or given as
// Base64. Set exactly one.
type ProxyBinaryBody struct {
	URL         string `json:"url,omitzero"`
	Base64      string `json:"base64,omitzero"`
	ContentType string `json:"content_type,omitzero"`
}

// ProxyParameter is a header or query parameter of a proxied request.
type ProxyParameter struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Type is ParameterInHeader or ParameterInQuery.
	Type ParameterIn `json:"type"`
}
