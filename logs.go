package composio

import (
	"context"
	"iter"

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
