package composio

// The types of [ToolRouterService.Search].

// SessionSearchParams is the body of [ToolRouterService.Search].
type SessionSearchParams struct {
	// Queries run in parallel; at least one.
	Queries []SearchQuery `json:"queries"`
	// Model hints the model the agent uses, such as "gpt-4o".
	Model        string         `json:"model,omitzero"`
	Experimental *SessionInline `json:"experimental,omitzero"`
}

// SearchQuery is one use case to find tools for.
type SearchQuery struct {
	// UseCase describes the task in detail (at most 1024 characters).
	UseCase string `json:"use_case"`
	// KnownFields are hints such as "channel_name:general" (at most 500
	// characters).
	KnownFields string `json:"known_fields,omitzero"`
}

// SessionSearchResult is the answer of [ToolRouterService.Search].
type SessionSearchResult struct {
	// Success is false when any query failed; Error then says why.
	Success bool   `json:"success"`
	Error   string `json:"error"`
	// Results has one entry per query, in request order.
	Results                   []SearchResult              `json:"results"`
	ToolkitConnectionStatuses []ToolkitConnectionStatus   `json:"toolkit_connection_statuses"`
	ToolSchemas               map[string]SearchToolSchema `json:"tool_schemas"`
	TimeInfo                  SearchTimeInfo              `json:"time_info"`
	Session                   SearchSession               `json:"session"`
	NextStepsGuidance         []string                    `json:"next_steps_guidance"`
}

// SearchResult is the answer to one query.
type SearchResult struct {
	// Index is the 1-based position of the query.
	Index                      int                `json:"index"`
	UseCase                    string             `json:"use_case"`
	ExecutionGuidance          string             `json:"execution_guidance,omitempty"`
	Difficulty                 string             `json:"difficulty,omitempty"`
	RecommendedPlanSteps       []string           `json:"recommended_plan_steps,omitempty"`
	KnownPitfalls              []string           `json:"known_pitfalls,omitempty"`
	ReferenceWorkbenchSnippets []WorkbenchSnippet `json:"reference_workbench_snippets,omitempty"`
	// PrimaryToolSlugs are the best matches; their schemas are in
	// SessionSearchResult.ToolSchemas.
	PrimaryToolSlugs []string `json:"primary_tool_slugs"`
	RelatedToolSlugs []string `json:"related_tool_slugs"`
	Toolkits         []string `json:"toolkits"`
	PlanID           string   `json:"plan_id,omitempty"`
	// Error is set when this query failed.
	Error  string              `json:"error,omitempty"`
	Memory map[string][]string `json:"memory,omitempty"`
}

// WorkbenchSnippet is reference Python code for the workbench.
type WorkbenchSnippet struct {
	Description string `json:"description"`
	Code        string `json:"code"`
}

// ToolkitConnectionStatus tells whether the user can use a toolkit yet.
type ToolkitConnectionStatus struct {
	Toolkit             string             `json:"toolkit"`
	Description         string             `json:"description"`
	HasActiveConnection bool               `json:"has_active_connection"`
	ConnectionDetails   map[string]any     `json:"connection_details,omitempty"`
	CurrentUserInfo     map[string]any     `json:"current_user_info,omitempty"`
	AccountType         SessionAccountType `json:"account_type,omitempty"`
	Accounts            []SearchAccount    `json:"accounts,omitempty"`
	// AccountSelection is "required" when the agent must pick an account.
	AccountSelection string `json:"account_selection,omitempty"`
	StatusMessage    string `json:"status_message"`
}

// SearchAccount is one of the user's accounts of a toolkit (multi-account
// sessions).
type SearchAccount struct {
	ID       string         `json:"id"`
	Alias    string         `json:"alias,omitempty"`
	UserInfo map[string]any `json:"user_info,omitempty"`
	Status   string         `json:"status"`
	// CreatedAt is ISO 8601 text.
	CreatedAt   string             `json:"created_at"`
	IsDefault   bool               `json:"is_default"`
	AccountType SessionAccountType `json:"account_type,omitempty"`
}

// SessionAccountType is the sharing model of a connected account.
type SessionAccountType string

// Account sharing models.
const (
	// SessionAccountPrivate accounts serve only their owner.
	SessionAccountPrivate SessionAccountType = "PRIVATE"
	// SessionAccountShared accounts serve a session only when pinned to it.
	SessionAccountShared SessionAccountType = "SHARED"
)

// SearchToolSchema describes a tool found by a search.
type SearchToolSchema struct {
	Toolkit     string `json:"toolkit"`
	ToolSlug    string `json:"tool_slug"`
	Description string `json:"description,omitempty"`
	// InputSchema is present when HasFullSchema is true; otherwise
	// SchemaRef says how to fetch it.
	InputSchema   map[string]any `json:"input_schema,omitempty"`
	OutputSchema  map[string]any `json:"output_schema,omitempty"`
	HasFullSchema bool           `json:"hasFullSchema,omitempty"`
	SchemaRef     *SchemaRef     `json:"schemaRef,omitempty"`
}

// SchemaRef names the meta tool call that returns a full tool schema.
type SchemaRef struct {
	// Tool is "COMPOSIO_GET_TOOL_SCHEMAS".
	Tool string `json:"tool"`
	Args struct {
		ToolSlugs []string `json:"tool_slugs"`
	} `json:"args"`
	Message string `json:"message,omitempty"`
}

// SearchTimeInfo is the server's clock, for time-aware planning.
type SearchTimeInfo struct {
	// CurrentTimeUTC is ISO 8601 text, meant for the model; the epoch
	// seconds are the exact value.
	CurrentTimeUTC             string `json:"current_time_utc"`
	CurrentTimeUTCEpochSeconds int64  `json:"current_time_utc_epoch_seconds"`
	Message                    string `json:"message"`
}

// SearchSession correlates meta tool calls.
type SearchSession struct {
	ID           string `json:"id"`
	GenerateID   bool   `json:"generate_id"`
	Instructions string `json:"instructions"`
}
