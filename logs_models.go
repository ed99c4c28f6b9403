package composio

import (
	"encoding/json"
	"time"
)

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
