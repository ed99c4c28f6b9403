package composio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// ToolResult is the outcome of one tool call, ready to send back to the
// model: Content is what the model reads, CallID pairs it with the call.
type ToolResult struct {
	// CallID is the [ToolCall].ID the result answers.
	CallID string
	// Name is the function name the model called.
	Name string
	// ToolSlug is the tool that ran, or would have; empty when the name
	// matches no tool of the set.
	ToolSlug string
	// Content is the text the model reads as the tool's result, a JSON
	// document.
	Content string
	// IsError reports a failure the model can act on: an unknown tool,
	// arguments that are not a JSON object or that the schema rejects, a
	// tool that ran and failed, or an answer about the user's situation (no
	// connected account, an expired connection, a resource not found).
	// Providers mark such results as failures in their vendor's way.
	IsError bool
	// Err is the cause when IsError is set, or when the call did not run
	// because [ToolSet.Handle] stopped (then errors.Is(Err, ErrToolNotRun)).
	Err error
	// Execution is Composio's answer when the tool ran there; nil for local
	// tools and calls that did not run.
	Execution *ToolExecution
}

// ErrToolNotRun marks the result of a call that [ToolSet.Handle] did not
// run because it stopped on a fault of the program (a context that ended,
// a refused key, the API unreachable).
var ErrToolNotRun = errors.New("composio: the tool call did not run")

// Handle runs every tool call of a model turn and returns one result per
// call, in the order of calls, each paired with its call by ID.
//
// Failures the model can fix come back as results with IsError set (see
// [ToolResult.IsError]); Handle returns an error only for faults of the
// program: the context ended, the key was refused (401/403 on the key), or
// the API stayed unreachable after retries. Even then the results are
// returned: calls that finished keep their results, the others carry
// [ErrToolNotRun]. Each call runs at most once.
func (set *ToolSet) Handle(ctx context.Context, calls []ToolCall) ([]ToolResult, error) {
	results := make([]ToolResult, len(calls))
	var stop error
	for i, call := range calls {
		r := &results[i]
		r.CallID, r.Name = call.ID, call.Name
		if stop != nil {
			r.Err = ErrToolNotRun
			continue
		}
		idx, ok := set.byName[call.Name]
		if !ok {
			r.IsError = true
			r.Err = fmt.Errorf("composio: no tool named %q in this tool set", call.Name)
			r.Content = errorContent(r.Err)
			continue
		}
		e := set.entries[idx]
		r.ToolSlug = e.def.ToolSlug
		args, err := parseArguments(call.Arguments)
		if err != nil {
			r.IsError, r.Err = true, fmt.Errorf("%w: ToolCall.Arguments: %w", ErrInvalidParams, err)
			r.Content = errorContent(r.Err)
			continue
		}
		e.nulls.apply(args)
		exec, err := set.client.Tools.execute(ctx, e.def.ToolSlug,
			ToolExecuteParams{UserID: set.userID, Version: e.def.Version, Arguments: args}, nil)
		switch {
		case err == nil:
			r.Execution = exec
			r.Content = exec.ModelOutput()
			if r.IsError = !exec.Successful; r.IsError {
				r.Err = exec.Err()
			}
		case errors.Is(err, ErrInvalidParams):
			r.IsError, r.Err, r.Content = true, err, errorContent(err)
		default:
			stop = err
			r.Err = err
		}
	}
	return results, stop
}

// errorContent renders err as the JSON a model reads.
func errorContent(err error) string {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{err.Error()})
	return string(b)
}
