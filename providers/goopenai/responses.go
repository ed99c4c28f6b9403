package goopenaiprovider

import (
	"context"
	"encoding/json"

	composio "github.com/ComposioHQ/composio-go"
	openai "github.com/sashabaranov/go-openai"
)

// ResponseTools returns the tools of set as Responses API function tools,
// for [openai.CreateResponseRequest].Tools. Unlike
// [openai.NewResponseFunctionTool], which leaves a false strict flag out,
// each tool carries the flag the Responses API requires: false, or true
// with [WithStrict] for each tool that has a strict form (the schema then
// in that form). Other options are ignored. A nil set has no tools:
// ResponseTools returns nil.
func ResponseTools(set *composio.ToolSet, opts ...Option) []openai.ResponseTool {
	if set == nil {
		return nil
	}
	c := newConfig(opts)
	defs := c.definitions(set)
	out := make([]openai.ResponseTool, len(defs))
	for i, d := range defs {
		t := d.OpenAIResponses()
		p := map[string]any{"name": t.Name, "parameters": t.Parameters, "strict": t.Strict}
		if t.Description != "" {
			p["description"] = t.Description
		}
		out[i] = openai.ResponseTool{Type: openai.ToolTypeFunction, Parameters: p}
	}
	return out
}

// HandleResponse runs every function call in resp's output through set and
// returns one output item per call, in the order of the calls, each
// carrying its call's call_id: a function_call_output, or a
// custom_tool_call_output answering a custom tool call (with an error,
// without running it). Send them in the next request's input, after the
// response's own output items (or with PreviousResponseID set to resp.ID).
//
// A response without calls gives no items; output items that are not calls
// (messages, reasoning, hosted tools) are left alone. Failures the model
// can act on are answered, since outputs have no error flag, with a JSON
// document whose "error" member says what went wrong (see
// [HandleChatCompletion]). The error is non-nil only for faults of the
// program; the items are returned even then, calls that did not run
// answered with an error. A nil set is an error wrapping
// [composio.ErrInvalidParams], whatever resp holds.
func HandleResponse(ctx context.Context, set *composio.ToolSet, resp openai.CreateResponseResponse) ([]openai.ResponseFunctionCallOutput, error) {
	if set == nil {
		return nil, errNilSet
	}
	var calls []call
	for _, raw := range resp.Output {
		item, ok := outputItem(raw)
		if !ok {
			continue
		}
		switch item.Type {
		case "function_call":
			calls = append(calls, call{ToolCall: composio.ToolCall{ID: item.CallID, Name: item.Name, Arguments: item.Arguments}})
		case "custom_tool_call":
			calls = append(calls, call{ToolCall: composio.ToolCall{ID: item.CallID, Name: item.Name, Arguments: item.Input}, kind: "custom"})
		}
	}
	if len(calls) == 0 {
		return nil, nil
	}
	contents, err := handle(ctx, set, calls)
	if contents == nil {
		return nil, err
	}
	out := make([]openai.ResponseFunctionCallOutput, len(calls))
	for i, c := range calls {
		typ := "function_call_output"
		if c.kind != "" {
			typ = "custom_tool_call_output"
		}
		out[i] = openai.ResponseFunctionCallOutput{Type: typ, CallID: c.ID, Output: contents[i]}
	}
	return out, err
}

// responseCall is what HandleResponse reads of an output item.
type responseCall struct {
	Type      string `json:"type"`
	CallID    string `json:"call_id"`
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
	Input     string `json:"input"`
}

// outputItem reads an item of [openai.CreateResponseResponse].Output, which
// the SDK decodes into plain maps (or which a caller built as a struct).
func outputItem(raw any) (responseCall, bool) {
	var item responseCall
	b, err := json.Marshal(raw)
	if err != nil {
		return item, false
	}
	return item, json.Unmarshal(b, &item) == nil
}
