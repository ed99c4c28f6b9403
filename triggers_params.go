package composio

// TriggerTypeListParams filters [TriggersService.ListTypes]. The zero value
// lists every trigger type, at the client's toolkit versions.
type TriggerTypeListParams struct {
	// ToolkitSlugs keeps the trigger types of these toolkits ("github").
	ToolkitSlugs []string `url:"toolkit_slugs,brackets,omitempty"`
	// ToolkitVersions picks the toolkit versions whose trigger types are
	// described: one Version for every toolkit (such as "latest") or one
	// per toolkit slug. Unset, the client's toolkit versions apply.
	ToolkitVersions ToolkitVersions `url:"toolkit_versions,omitempty"`
	// Limit is the page size (the API allows at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// TriggerTypeGetParams selects the version [TriggersService.GetType]
// describes.
type TriggerTypeGetParams struct {
	// ToolkitVersions picks the toolkit version: one Version (such as
	// "latest") or one per toolkit slug. Unset, the client's toolkit
	// versions apply.
	ToolkitVersions ToolkitVersions `url:"toolkit_versions,omitempty"`
}

// TriggerUpsertParams is the body of [TriggersService.Upsert].
type TriggerUpsertParams struct {
	// ConnectedAccountID is the account the trigger watches. Optional when
	// UserID is set: the user's first active account of the trigger's
	// toolkit is used.
	ConnectedAccountID string
	// UserID is the user who owns the connected account.
	UserID string
	// TriggerConfig is the trigger's configuration, matching the
	// [TriggerType] Config schema (for example {"owner": ..., "repo": ...}).
	TriggerConfig map[string]any
	// ToolkitVersions picks the toolkit version the instance runs at: one
	// Version or one per toolkit slug. Unset, the client's toolkit versions
	// apply.
	ToolkitVersions ToolkitVersions
}

// TriggerListActiveParams filters [TriggersService.ListActive]. The zero
// value lists every enabled trigger instance of the project. The API's
// deprecated camelCase spellings of these filters are not offered.
type TriggerListActiveParams struct {
	UserIDs             []string `url:"user_ids,brackets,omitempty"`
	ConnectedAccountIDs []string `url:"connected_account_ids,brackets,omitempty"`
	AuthConfigIDs       []string `url:"auth_config_ids,brackets,omitempty"`
	// TriggerIDs are trigger instance ids.
	TriggerIDs []string `url:"trigger_ids,brackets,omitempty"`
	// TriggerNames are trigger type slugs, matched case-insensitively.
	TriggerNames []string `url:"trigger_names,brackets,omitempty"`
	// ShowDisabled includes disabled instances when true.
	ShowDisabled *bool `url:"show_disabled,omitempty"`
	// DeprecatedConnectedAccountUUIDs and DeprecatedAuthConfigUUIDs filter by
	// the legacy UUIDs of connected accounts and auth configs (their UUID
	// fields), the only filters that take them.
	DeprecatedConnectedAccountUUIDs []string `url:"deprecatedConnectedAccountUuids,brackets,omitempty"`
	DeprecatedAuthConfigUUIDs       []string `url:"deprecatedAuthConfigUuids,brackets,omitempty"`
	// Limit is the page size (the API allows at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// TriggerUpdateParams is the body of [TriggersService.Update].
type TriggerUpdateParams struct {
	Status TriggerStatusAction `json:"status"`
}

// TriggerStatusAction is what [TriggersService.Update] does to an instance.
type TriggerStatusAction string

// Trigger status actions.
const (
	TriggerStatusEnable  TriggerStatusAction = "enable"
	TriggerStatusDisable TriggerStatusAction = "disable"
)
