package composio

// ToolkitListParams filters [ToolkitsService.List]. The zero value lists
// every toolkit.
type ToolkitListParams struct {
	// Category is a category id, such as "developer-tools".
	Category  string            `url:"category,omitempty"`
	ManagedBy ToolkitManagedBy  `url:"managed_by,omitempty"`
	Type      ToolkitTypeFilter `url:"type,omitempty"`
	SortBy    ToolkitSortBy     `url:"sort_by,omitempty"`
	// IncludeDeprecated includes deprecated toolkits when true.
	IncludeDeprecated *bool  `url:"include_deprecated,omitempty"`
	Search            string `url:"search,omitempty"`
	// Limit is the page size.
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// ToolkitGetParams selects what [ToolkitsService.Get] returns.
type ToolkitGetParams struct {
	// Version is a toolkit version such as "20250906_01"; empty means latest.
	Version string `url:"version,omitempty"`
}

// ToolkitListMultiParams is the former name of ToolkitListBySlugsParams.
//
// Deprecated: use ToolkitListBySlugsParams.
type ToolkitListMultiParams = ToolkitListBySlugsParams

// ToolkitListBySlugsParams is the body of [ToolkitsService.ListBySlugs].
type ToolkitListBySlugsParams struct {
	// Toolkits are the slugs to return.
	Toolkits  []string         `json:"toolkits,omitzero"`
	Category  string           `json:"category,omitzero"`
	ManagedBy ToolkitManagedBy `json:"managed_by,omitzero"`
	SortBy    ToolkitSortBy    `json:"sort_by,omitzero"`
	Limit     int              `json:"limit,omitzero"`
	Cursor    string           `json:"cursor,omitzero"`
}

// ToolkitTypeFilter filters lists by [ToolkitType].
type ToolkitTypeFilter string

// Toolkit type filters.
const (
	ToolkitTypeFilterNative ToolkitTypeFilter = "native"
	ToolkitTypeFilterCustom ToolkitTypeFilter = "custom"
	ToolkitTypeFilterAll    ToolkitTypeFilter = "all"
)

// ToolkitManagedBy filters toolkits by who manages their auth.
type ToolkitManagedBy string

// Managed-by filters.
const (
	ManagedByComposio ToolkitManagedBy = "composio"
	ManagedByProject  ToolkitManagedBy = "project"
	ManagedByAll      ToolkitManagedBy = "all"
)

// ToolkitSortBy orders toolkit lists.
type ToolkitSortBy string

// Toolkit orders.
const (
	ToolkitSortByUsage          ToolkitSortBy = "usage"
	ToolkitSortByAlphabetically ToolkitSortBy = "alphabetically"
)
