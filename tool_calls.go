package composio

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// ToolCall is a model's request to run a tool: the function it names and
// the arguments as the JSON text it wrote.
type ToolCall struct {
	// ID is the provider's id for the call, to pair the result with it.
	// Not sent to Composio.
	ID string
	// Name is the function name the model called. [ToolSet.Handle] maps it
	// back to the tool itself (names shortened or changed by a schema
	// modifier included). [ToolsService.ExecuteCall] takes it as the tool
	// slug: when the name was shortened, set Name to
	// [FunctionDefinition].ToolSlug.
	Name string
	// Arguments is a JSON object; empty means no arguments.
	Arguments string
}

// ExecuteCall runs a model's tool call through [ToolsService.Execute]:
// call.Name is the tool slug and call.Arguments become params.Arguments.
// params carries the rest (UserID, Version, ...); versions resolve as for
// Execute. Set params.Version to the [FunctionDefinition].Version the
// model saw (see [FunctionDefinitions.Find]) to run exactly that schema.
//
// API: POST /tools/execute/{tool_slug}
func (s *ToolsService) ExecuteCall(ctx context.Context, call ToolCall, params ToolExecuteParams, opts ...RequestOption) (*ToolExecution, error) {
	if strings.TrimSpace(call.Name) == "" {
		return nil, invalidParam("ToolCall.Name", "must not be empty")
	}
	if params.Arguments != nil || params.Text != "" {
		return nil, invalidParam("arguments", "come from the tool call; leave params.Arguments and params.Text empty")
	}
	args, err := callArguments(call.Arguments)
	if err != nil {
		return nil, invalidParam("ToolCall.Arguments", err.Error())
	}
	params.Arguments = args
	return s.execute(ctx, call.Name, params, opts)
}

// callArguments decodes a model's argument text, which must be a JSON
// object (or empty). Numbers keep their exact text.
func callArguments(s string) (map[string]any, error) {
	if strings.TrimSpace(s) == "" {
		return map[string]any{}, nil
	}
	var args map[string]any
	if err := decodeNumbers([]byte(s), &args); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	if args == nil {
		args = map[string]any{}
	}
	return args, nil
}

// ModelOutput renders the execution as the text a model reads back as the
// tool's result: the data when it succeeded, else the error with the data.
func (e *ToolExecution) ModelOutput() string {
	if e == nil { // ExecuteCall failed: there is no result to show the model
		return `{"error":"the tool did not run"}`
	}
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	var v any
	if e.Successful {
		v = struct {
			Data json.RawMessage `json:"data"`
		}{data}
	} else {
		v = struct {
			Error string          `json:"error"`
			Data  json.RawMessage `json:"data"`
		}{e.Error, data}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf(`{"error":%q}`, err.Error())
	}
	return string(b)
}
