package goopenaiprovider

import (
	"context"
	"fmt"
	"slices"

	composio "github.com/ComposioHQ/composio-go"
	openai "github.com/sashabaranov/go-openai"
)

// Tools returns the tools of set as Chat Completions function tools, for
// [openai.ChatCompletionRequest].Tools. Each schema is sent as defined,
// byte for byte; descriptions longer than the 1024 characters the API
// accepts are cut to fit. With [WithStrict] the tools are in strict mode;
// other options are ignored. A nil set has no tools: Tools returns nil.
func Tools(set *composio.ToolSet, opts ...Option) []openai.Tool {
	if set == nil {
		return nil
	}
	c := newConfig(opts)
	defs := c.definitions(set)
	out := make([]openai.Tool, len(defs))
	for i, d := range defs {
		fn := d.OpenAI().Function
		out[i] = openai.Tool{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
			Name: fn.Name, Description: fn.Description, Strict: fn.IsStrict, Parameters: fn.Parameters,
		}}
	}
	return out
}

// HandleChatCompletion runs every tool call of the response's first choice
// (the one a conversation continues with) through set, and returns one
// tool-role message per call, in the order of the calls, each carrying its
// call's id. Append them after the assistant message itself:
//
//	req.Messages = append(req.Messages, resp.Choices[0].Message)
//	req.Messages = append(req.Messages, results...)
//
// A response without tool calls gives no messages. A tool that failed in a
// way the model can act on (an unknown tool, arguments that are not JSON or
// that the schema refuses, a tool that ran and failed, a user without a
// connection) is answered, since tool messages have no error flag, with a
// JSON document whose "error" member says what went wrong; a call of a
// tool that is not a function (a custom tool) is answered the same way,
// without running.
//
// The error is non-nil only for faults of the program (the context ended,
// the Composio key was refused, the API unreachable; see
// [composio.ToolSet.Handle]). The messages are returned even then, calls
// that did not run answered with an error, so the conversation stays valid.
// A nil set is an error wrapping [composio.ErrInvalidParams], whatever resp
// holds.
func HandleChatCompletion(ctx context.Context, set *composio.ToolSet, resp openai.ChatCompletionResponse) ([]openai.ChatCompletionMessage, error) {
	if set == nil {
		return nil, errNilSet
	}
	if len(resp.Choices) == 0 || len(resp.Choices[0].Message.ToolCalls) == 0 {
		return nil, nil
	}
	tcs := resp.Choices[0].Message.ToolCalls
	calls := make([]call, len(tcs))
	for i, tc := range tcs {
		calls[i] = call{ToolCall: composio.ToolCall{ID: tc.ID, Name: tc.Function.Name, Arguments: tc.Function.Arguments}}
		if tc.Type != "" && tc.Type != openai.ToolTypeFunction {
			calls[i].kind = string(tc.Type)
		}
	}
	contents, err := handle(ctx, set, calls)
	if contents == nil {
		return nil, err
	}
	out := make([]openai.ChatCompletionMessage, len(calls))
	for i, c := range calls {
		out[i] = openai.ChatCompletionMessage{Role: openai.ChatMessageRoleTool, ToolCallID: c.ID, Content: contents[i]}
	}
	return out, err
}

// RunChat runs the tool-calling loop: it sends req with the tools of set
// added to req.Tools, runs the tool calls of each answer through set
// ([HandleChatCompletion]), sends the results back, and repeats until the
// model answers without calling a tool. It makes at most
// [DefaultMaxTurns] requests, or the bound of [WithMaxTurns]; [WithStrict]
// applies to the tools.
//
// It returns the last response and the whole conversation: req.Messages
// followed by each assistant message and its tool messages, ending with the
// final answer, ready to send again with a new user message. Every tool call
// in it is answered by a tool message of set, so functions of your own in
// req.Tools are answered as unknown: add them to the set instead, with
// [composio.LocalTool].
//
// When the model still calls tools on the last turn, those calls run too
// and the error is [ErrMaxTurns]. Other errors come from the client or are
// faults of the program from [HandleChatCompletion]; the conversation so
// far is returned with them.
func RunChat(ctx context.Context, client *openai.Client, set *composio.ToolSet, req openai.ChatCompletionRequest, opts ...Option) (openai.ChatCompletionResponse, []openai.ChatCompletionMessage, error) {
	if client == nil {
		return openai.ChatCompletionResponse{}, nil, fmt.Errorf("%w: client: must not be nil", composio.ErrInvalidParams)
	}
	if set == nil {
		return openai.ChatCompletionResponse{}, nil, errNilSet
	}
	c := newConfig(opts)
	req.Tools = append(slices.Clip(req.Tools), Tools(set, opts...)...)
	messages := slices.Clip(req.Messages)
	var resp openai.ChatCompletionResponse
	for range c.maxTurns {
		req.Messages = messages
		var err error
		resp, err = client.CreateChatCompletion(ctx, req)
		if err != nil {
			return resp, messages, err
		}
		if len(resp.Choices) == 0 {
			return resp, messages, fmt.Errorf("goopenaiprovider: chat completion %s has no choices", resp.ID)
		}
		messages = append(messages, resp.Choices[0].Message)
		results, err := HandleChatCompletion(ctx, set, resp)
		messages = append(messages, results...)
		if err != nil {
			return resp, messages, err
		}
		if len(results) == 0 {
			return resp, messages, nil
		}
	}
	return resp, messages, ErrMaxTurns
}
