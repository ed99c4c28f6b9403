package anthropicprovider

import (
	"context"
	"encoding/json"
	"fmt"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// errNilSet is the error for a nil tool set.
var errNilSet = fmt.Errorf("%w: set: must not be nil", composio.ErrInvalidParams)

// Tools returns the tools of set as Messages API tool params, in the order
// of [composio.ToolSet.Definitions], ready for
// [anthropic.MessageNewParams].Tools. A nil set has no tools: Tools
// returns nil.
func Tools(set *composio.ToolSet) []anthropic.ToolUnionParam {
	if set == nil {
		return nil
	}
	defs := set.Definitions()
	out := make([]anthropic.ToolUnionParam, len(defs))
	for i, d := range defs {
		out[i] = Tool(d)
	}
	return out
}

// Tool returns d as a Messages API custom tool: its name, its description
// (omitted when empty) and its parameters as the input schema.
//
// The input schema is sent as d.Parameters byte for byte, JSON Schema as
// Anthropic takes it: the request is the same on every call (so prompt
// caching of the tool list holds) and number bounds keep their exact text.
// The one exception is a schema with anyOf, oneOf or allOf at its root,
// which the Messages API refuses (failing the whole request): it is sent as
// [composio.FunctionDefinition.Anthropic] folds it, those keywords merged
// into the root.
// The SDK's typed fields of the schema (Properties, Required) stay unset
// then; read the schema from d, and change it with Composio's schema
// modifiers rather than here. d.IsStrict is not sent: that strict form is
// OpenAI's.
func Tool(d composio.FunctionDefinition) anthropic.ToolUnionParam {
	schema := d.Anthropic().InputSchema
	if len(schema) == 0 {
		schema = json.RawMessage(`{"type":"object","properties":{}}`)
	}
	t := anthropic.ToolParam{
		Name:        d.Name,
		InputSchema: param.Override[anthropic.ToolInputSchemaParam](schema),
	}
	if d.Description != "" {
		t.Description = anthropic.String(d.Description)
	}
	return anthropic.ToolUnionParam{OfTool: &t}
}

// ToolCalls returns the tool calls of msg, one per tool_use block of its
// content, in order: the block's id, the tool name the model used and its
// input as the arguments. Other blocks (text, thinking, server tools) are
// skipped. A nil msg has none. Every tool_use block is taken: when the
// request also offered tools of your own, take their calls out before
// [composio.ToolSet.Handle] and add their tool_result blocks to the same
// user message.
func ToolCalls(msg *anthropic.Message) []composio.ToolCall {
	if msg == nil {
		return nil
	}
	var calls []composio.ToolCall
	for _, b := range msg.Content {
		// The union's fields, not AsToolUse: they are set both when the
		// message was decoded and when it was built in code.
		if b.Type != "tool_use" {
			continue
		}
		calls = append(calls, composio.ToolCall{ID: b.ID, Name: b.Name, Arguments: string(b.Input)})
	}
	return calls
}

// ToolResults returns results as the user message that answers the tool
// calls they came from: one tool_result block per result, in order, each
// naming its call by tool_use_id, with the result's Content as text and
// is_error set to true for a failure ([composio.ToolResult].IsError, or a
// call that did not run). Append it after the assistant message that made
// the calls.
func ToolResults(results []composio.ToolResult) anthropic.MessageParam {
	blocks := make([]anthropic.ContentBlockParamUnion, len(results))
	for i, r := range results {
		content, failed := resultContent(r)
		block := anthropic.ToolResultBlockParam{
			ToolUseID: r.CallID,
			Content:   []anthropic.ToolResultBlockParamContentUnion{{OfText: &anthropic.TextBlockParam{Text: content}}},
		}
		if failed {
			block.IsError = anthropic.Bool(true)
		}
		blocks[i] = anthropic.ContentBlockParamUnion{OfToolResult: &block}
	}
	return anthropic.NewUserMessage(blocks...)
}

// resultContent is the text the model reads for r, and whether r is a
// failure. A result without content (a call that did not run) still
// answers its call: the model is told the tool did not run.
func resultContent(r composio.ToolResult) (string, bool) {
	if r.Content != "" {
		return r.Content, r.IsError || r.Err != nil
	}
	msg := composio.ErrToolNotRun.Error()
	if r.Err != nil {
		msg = r.Err.Error()
	}
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{msg})
	return string(b), true
}

// HandleToolCalls runs every tool call of msg through set (see
// [composio.ToolSet.Handle]) and returns the user message of their
// results (see [ToolResults]), to append after msg.ToParam() in the next
// request. Failures the model can act on are results marked is_error, not
// errors.
//
// When msg calls no tool, the message is the zero [anthropic.MessageParam]
// (no role, no content: not to be sent) and the error nil; check
// msg.StopReason or [ToolCalls] first. The error is set only for a fault
// of the program (the context ended, the Composio key was refused, the
// API unreachable); the message is still complete then, the calls that did
// not run marked as failures. A nil set is an error wrapping
// [composio.ErrInvalidParams], whatever msg holds.
func HandleToolCalls(ctx context.Context, set *composio.ToolSet, msg *anthropic.Message) (anthropic.MessageParam, error) {
	if set == nil {
		return anthropic.MessageParam{}, errNilSet
	}
	calls := ToolCalls(msg)
	if len(calls) == 0 {
		return anthropic.MessageParam{}, nil
	}
	results, err := set.Handle(ctx, calls)
	return ToolResults(results), err
}
