package composio

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// LogsService reads the project's tool execution logs. Use it through
// [Client].Logs. (The session behind a user key is
// [ProjectsService.GetSessionInfo]: it describes a key, not a log.)
type LogsService service

// ListToolExecutions returns one page of tool execution logs, newest first,
// matching params.
//
// API: POST /logs/tool_execution
func (s *LogsService) ListToolExecutions(ctx context.Context, params LogListParams, opts ...RequestOption) (*Page[ToolExecutionLog], error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return doPage[ToolExecutionLog](ctx, s.client, request{op: ops.LogsCreateToolExecution, body: params}, opts)
}

// ListToolExecutionsAll iterates over every log ListToolExecutions would
// return, page by page.
//
// API: POST /logs/tool_execution
func (s *LogsService) ListToolExecutionsAll(ctx context.Context, params LogListParams, opts ...RequestOption) iter.Seq2[ToolExecutionLog, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[ToolExecutionLog], error) {
		params.Cursor = cursor
		return s.ListToolExecutions(ctx, params, opts...)
	})
}

// GetToolExecution returns one tool execution log with its inputs, output
// and timings, by log id (the log_id an execution returns).
//
// API: GET /logs/tool_execution/{id}
func (s *LogsService) GetToolExecution(ctx context.Context, logID string, opts ...RequestOption) (*ToolExecutionLogDetails, error) {
	return do[ToolExecutionLogDetails](ctx, s.client, request{op: ops.LogsRetrieveToolExecution, pathArgs: []string{logID}}, opts)
}

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

// ToolExecutionLog is a log entry as lists return it.
type ToolExecutionLog struct {
	ID        string    `json:"id"`
	Timestamp Timestamp `json:"timestamp"`
	// Type is the event type, such as "tool.execution".
	Type    string    `json:"type"`
	Status  LogStatus `json:"status"`
	Level   LogLevel  `json:"level"`
	Message string    `json:"message,omitempty"`
	// Metadata holds what the entry is about (tool_slug, toolkit_slug,
	// user_id, connected_account_id, ...).
	Metadata map[string]any `json:"metadata"`
	// Metrics holds measurements such as duration_ms.
	Metrics map[string]any `json:"metrics"`
	// Parent is the execution that caused this one, if any.
	Parent *LogParent `json:"parent"`
}

// LogParent points at the execution a log entry descends from.
type LogParent struct {
	LogID    string `json:"log_id"`
	ToolSlug string `json:"tool_slug"`
}

// ToolExecutionLogDetails is one log entry in full.
type ToolExecutionLogDetails struct {
	ToolExecutionLog
	Timings *LogTimings `json:"timings,omitempty"`
	Context LogContext  `json:"context"`
	Source  LogSource   `json:"source"`
	// Data holds the execution's request and response, unless the project
	// does not store them.
	Data json.RawMessage `json:"data"`
}

// Decode unmarshals the entry's Data into v. An entry without data (the
// project does not store it) leaves v unchanged.
func (d *ToolExecutionLogDetails) Decode(v any) error {
	if len(d.Data) == 0 {
		return nil
	}
	return json.Unmarshal(d.Data, v)
}

// LogTimings are the start and end of an execution, in Unix milliseconds
// as the API sends them; Start and End convert.
type LogTimings struct {
	StartTime int64 `json:"start_time"`
	EndTime   int64 `json:"end_time"`
}

// UnmarshalJSON accepts fractional milliseconds too (the API types them as
// numbers), truncating them.
func (t *LogTimings) UnmarshalJSON(b []byte) error {
	var raw struct {
		StartTime *float64 `json:"start_time"`
		EndTime   *float64 `json:"end_time"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.StartTime != nil {
		t.StartTime = int64(*raw.StartTime)
	}
	if raw.EndTime != nil {
		t.EndTime = int64(*raw.EndTime)
	}
	return nil
}

// Start is StartTime as a time.
func (t LogTimings) Start() time.Time { return time.UnixMilli(t.StartTime) }

// End is EndTime as a time.
func (t LogTimings) End() time.Time { return time.UnixMilli(t.EndTime) }

// LogContext ties a log entry to its session, trace and request.
type LogContext struct {
	SessionID string `json:"session_id,omitempty"`
	TraceID   string `json:"trace_id,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// LogSource says where the execution was requested from.
type LogSource struct {
	Host      string `json:"host,omitempty"`
	Framework string `json:"framework,omitempty"`
	Language  string `json:"language,omitempty"`
}

// LogStatus is the outcome of a logged execution.
type LogStatus string

// Log statuses.
const (
	LogStatusSuccess LogStatus = "success"
	LogStatusFailed  LogStatus = "failed"
)

// LogLevel is a log entry's severity.
type LogLevel string

// Log levels.
const (
	LogLevelInfo  LogLevel = "info"
	LogLevelWarn  LogLevel = "warn"
	LogLevelError LogLevel = "error"
)
