package composio

import (
	"encoding/json"
	"fmt"
	"time"
)

// LogListParams filters [LogsService.ListToolExecutions]. The zero value
// lists every log. (Page totals are not reported by this endpoint.)
type LogListParams struct {
	// Limit is the page size.
	Limit   int         `json:"limit,omitzero"`
	Cursor  string      `json:"cursor,omitzero"`
	Filters []LogFilter `json:"filters,omitzero"`
	// TimeRange bounds the logs' timestamps.
	TimeRange *LogTimeRange `json:"time_range,omitzero"`
}

func (p LogListParams) validate() error {
	if p.Limit < 0 {
		return invalidParam("limit", "must not be negative")
	}
	for i, f := range p.Filters {
		switch {
		case f.Field == "":
			return invalidParam(fmt.Sprintf("filters[%d].field", i), "must not be empty")
		case f.Operator == "":
			return invalidParam(fmt.Sprintf("filters[%d].operator", i), "must not be empty")
		}
	}
	if r := p.TimeRange; r != nil {
		switch {
		case r.From.IsZero():
			return invalidParam("time_range.from", "must be set")
		case r.To.IsZero():
			return invalidParam("time_range.to", "must be set")
		case r.To.Before(r.From):
			return invalidParam("time_range", "to is before from")
		}
	}
	return nil
}

// LogFilter is one condition on logs; all filters must hold.
type LogFilter struct {
	Field    LogFilterField    `json:"field"`
	Operator LogFilterOperator `json:"operator"`
	Value    string            `json:"value"`
}

// LogFilterField is a field logs can be filtered on.
type LogFilterField string

// Log filter fields.
const (
	LogFieldToolSlug           LogFilterField = "tool_slug"
	LogFieldToolkitSlug        LogFilterField = "toolkit_slug"
	LogFieldConnectedAccountID LogFilterField = "connected_account_id"
	LogFieldAuthConfigID       LogFilterField = "auth_config_id"
	LogFieldStatus             LogFilterField = "status"
	LogFieldUserID             LogFilterField = "user_id"
	LogFieldSessionID          LogFilterField = "session_id"
	LogFieldSandboxID          LogFilterField = "sandbox_id"
	LogFieldRequestID          LogFilterField = "request_id"
	LogFieldLogID              LogFilterField = "log_id"
)

// LogFilterOperator compares a log field with a filter value.
type LogFilterOperator string

// Log filter operators.
const (
	LogOpEquals      LogFilterOperator = "=="
	LogOpNotEquals   LogFilterOperator = "!="
	LogOpContains    LogFilterOperator = "contains"
	LogOpNotContains LogFilterOperator = "not_contains"
)

// LogTimeRange is a time window; both ends are required.
type LogTimeRange struct {
	From time.Time
	To   time.Time
}

// MarshalJSON sends the window as Unix milliseconds, as the API wants.
func (r LogTimeRange) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		From int64 `json:"from"`
		To   int64 `json:"to"`
	}{r.From.UnixMilli(), r.To.UnixMilli()})
}
