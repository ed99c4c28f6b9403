package openaiprovider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/packages/param"
	"github.com/openai/openai-go/v3/responses"
)

// ResponsesTools returns the tools of set as Responses API function tools,
// for [responses.ResponseNewParams].Tools. The strict flag, which the API
// requires, is false, or true with [WithStrict] for each tool that has a
// strict form (the schema then in that form). Other options are ignored. A
// nil set has no tools: ResponsesTools returns nil.
func ResponsesTools(set *composio.ToolSet, opts ...Option) []responses.ToolUnionParam {
	if set == nil {
		return nil
	}
	c := newConfig(opts)
	defs := c.definitions(set)
	out := make([]responses.ToolUnionParam, len(defs))
	for i, d := range defs {
		t := d.OpenAIResponses()
		fn := responses.FunctionToolParam{Name: t.Name, Parameters: schemaMap(t.Parameters), Strict: openai.Bool(t.Strict)}
		if t.Description != "" {
			fn.Description = openai.String(t.Description)
		}
		out[i] = responses.ToolUnionParam{OfFunction: &fn}
	}
	return out
}

// HandleResponse runs every function call of resp's output through set and
// returns one function-call output item per call, in the order of the
// calls, each carrying its call's call_id. Send them as the next request's
// input, after the response's own output (or with PreviousResponseID set to
// resp.ID, or in the same conversation):
//
//	input = append(input, openaiprovider.ResponseInput(resp)...)
//	input = append(input, outputs...)
//
// A response without function calls gives no items. A tool that failed in
// a way the model can act on is answered, since function-call outputs have
// no error flag, with a JSON document whose "error" member says what went
// wrong (see [HandleChatCompletion]); a custom tool call is answered with a
// custom-tool-call output of that shape, without running. Output items
// that are not calls (messages, reasoning, hosted tools) are left alone.
//
// The error is non-nil only for faults of the program; the items are
// returned even then, calls that did not run answered with an error. A nil
// set is an error wrapping [composio.ErrInvalidParams], whatever resp holds.
func HandleResponse(ctx context.Context, set *composio.ToolSet, resp *responses.Response) ([]responses.ResponseInputItemUnionParam, error) {
	if set == nil {
		return nil, errNilSet
	}
	if resp == nil {
		return nil, fmt.Errorf("%w: resp: must not be nil", composio.ErrInvalidParams)
	}
	var calls []call
	for _, item := range resp.Output {
		switch item.Type {
		case "function_call":
			fc := item.AsFunctionCall()
			calls = append(calls, call{ToolCall: composio.ToolCall{ID: fc.CallID, Name: fc.Name, Arguments: fc.Arguments}})
		case "custom_tool_call":
			cc := item.AsCustomToolCall()
			calls = append(calls, call{ToolCall: composio.ToolCall{ID: cc.CallID, Name: cc.Name, Arguments: cc.Input}, custom: true})
		}
	}
	if len(calls) == 0 {
		return nil, nil
	}
	contents, err := handle(ctx, set, calls)
	if contents == nil {
		return nil, err
	}
	out := make([]responses.ResponseInputItemUnionParam, len(calls))
	for i, c := range calls {
		if c.custom {
			out[i] = responses.ResponseInputItemParamOfCustomToolCallOutput(c.ID, contents[i])
			continue
		}
		item := responses.ResponseInputItemParamOfFunctionCallOutput(contents[i])
		item.OfFunctionCallOutput.CallID = openai.String(c.ID)
		out[i] = item
	}
	return out, err
}

// ResponseInput returns the output items of resp as input items, exactly as
// the API sent them, to carry a conversation forward without stored
// responses: the next request's input is the previous input, these items,
// and the function-call outputs of [HandleResponse]. Without storage, the
// reasoning items of a reasoning model can be sent back only with their
// encrypted content: ask for it with params.Include
// (reasoning.encrypted_content), or the API answers 404.
func ResponseInput(resp *responses.Response) []responses.ResponseInputItemUnionParam {
	if resp == nil {
		return nil
	}
	out := make([]responses.ResponseInputItemUnionParam, 0, len(resp.Output))
	for _, item := range resp.Output {
		out = append(out, param.Override[responses.ResponseInputItemUnionParam](json.RawMessage(item.RawJSON())))
	}
	return out
}

// RunResponses runs the tool-calling loop on the Responses API: it sends
// params with the tools of set added to params.Tools, runs the function
// calls of each response through set ([HandleResponse]), sends the outputs
// back, and repeats until a response calls no tool. It makes at most
// [DefaultMaxTurns] requests, or the bound of [WithMaxTurns]; [WithStrict]
// applies to the tools.
//
// Each request carries the whole run in its input, as the function-calling
// guide does (params.Input, then each response's output items and the
// outputs answering them), so it works with stored responses or without
// (Store false; with a reasoning model, also set params.Include to
// reasoning.encrypted_content, without which the API refuses the reasoning
// items carried forward, answering 404 "Items are not persisted when store
// is set to false"). In a conversation (params.Conversation set), which keeps
// the items itself, each request sends only the new outputs.
//
// It returns the last response and the input of the whole run, ending with
// the last response's output: append a new user message to go on. Every
// call is answered through set, so functions of your own in params.Tools
// are answered as unknown: add them to the set instead, with
// [composio.LocalTool]. Hosted tools (web search, file search, ...) run at
// OpenAI as usual.
//
// When the model still calls tools on the last turn, those calls run too
// and the error is [ErrMaxTurns]. Other errors come from the OpenAI client
// or are faults of the program from [HandleResponse]; the input so far is
// returned with them.
func RunResponses(ctx context.Context, client openai.Client, set *composio.ToolSet, params responses.ResponseNewParams, opts ...Option) (*responses.Response, responses.ResponseInputParam, error) {
	if set == nil {
		return nil, nil, errNilSet
	}
	c := newConfig(opts)
	params.Tools = append(slices.Clip(params.Tools), ResponsesTools(set, opts...)...)
	var input responses.ResponseInputParam
	switch {
	case !param.IsOmitted(params.Input.OfString):
		input = responses.ResponseInputParam{responses.ResponseInputItemParamOfMessage(params.Input.OfString.Value, responses.EasyInputMessageRoleUser)}
	default:
		input = slices.Clip(params.Input.OfInputItemList)
	}
	inConversation := !param.IsOmitted(params.Conversation)
	next := input // what the next request sends
	var resp *responses.Response
	for range c.maxTurns {
		params.Input = responses.ResponseNewParamsInputUnion{OfInputItemList: next}
		var err error
		resp, err = client.Responses.New(ctx, params)
		if err != nil {
			return resp, input, err
		}
		outputs, err := HandleResponse(ctx, set, resp)
		input = append(input, ResponseInput(resp)...)
		input = append(input, outputs...)
		if err != nil {
			return resp, input, err
		}
		if len(outputs) == 0 {
			return resp, input, nil
		}
		next = input
		if inConversation {
			next = outputs
		}
	}
	return resp, input, ErrMaxTurns
}
