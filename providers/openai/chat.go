package openaiprovider

import (
	"context"
	"fmt"
	"slices"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"
)

// ChatTools returns the tools of set as Chat Completions function tools,
// for [openai.ChatCompletionNewParams].Tools. Descriptions longer than the
// 1024 characters the API accepts are cut to fit. With [WithStrict] the
// tools are in strict mode; other options are ignored. A nil set has no
// tools: ChatTools returns nil.
func ChatTools(set *composio.ToolSet, opts ...Option) []openai.ChatCompletionToolUnionParam {
	if set == nil {
		return nil
	}
	c := newConfig(opts)
	defs := c.definitions(set)
	out := make([]openai.ChatCompletionToolUnionParam, len(defs))
	for i, d := range defs {
		fn := d.OpenAI().Function
		p := shared.FunctionDefinitionParam{Name: fn.Name, Parameters: schemaMap(fn.Parameters)}
		if fn.Description != "" {
			p.Description = openai.String(fn.Description)
		}
		if fn.IsStrict {
			p.Strict = openai.Bool(true)
		}
		out[i] = openai.ChatCompletionFunctionTool(p)
	}
	return out
}

// HandleChatCompletion runs every tool call of the completion's first
// choice (the one a conversation continues with) through set, and returns
// one tool message per call, in the order of the calls, each carrying its
// call's id. Append them after the assistant message itself:
//
//	messages = append(messages, completion.Choices[0].Message.ToParam())
//	messages = append(messages, results...)
//
// A completion without tool calls gives no messages. A tool that failed in
// a way the model can act on (an unknown tool, arguments that are not JSON
// or that the schema refuses, a tool that ran and failed, a user without a
// connection) is answered, since tool messages have no error flag, with a
// JSON document whose "error" member says what went wrong; a call of a
// custom (non-function) tool is answered the same way, without running.
//
// The error is non-nil only for faults of the program (the context ended,
// the Composio key was refused, the API unreachable; see
// [composio.ToolSet.Handle]). The messages are returned even then, calls
// that did not run answered with an error, so the conversation stays valid.
// A nil set is an error wrapping [composio.ErrInvalidParams], whatever the
// completion holds.
func HandleChatCompletion(ctx context.Context, set *composio.ToolSet, completion *openai.ChatCompletion) ([]openai.ChatCompletionMessageParamUnion, error) {
	if set == nil {
		return nil, errNilSet
	}
	if completion == nil {
		return nil, fmt.Errorf("%w: completion: must not be nil", composio.ErrInvalidParams)
	}
	calls := chatToolCalls(completion)
	if len(calls) == 0 {
		return nil, nil
	}
	contents, err := handle(ctx, set, calls)
	if contents == nil {
		return nil, err
	}
	out := make([]openai.ChatCompletionMessageParamUnion, len(calls))
	for i, c := range calls {
		out[i] = openai.ToolMessage(contents[i], c.ID)
	}
	return out, err
}

// chatToolCalls returns the tool calls of the completion's first choice.
func chatToolCalls(completion *openai.ChatCompletion) []call {
	if completion == nil || len(completion.Choices) == 0 {
		return nil
	}
	tcs := completion.Choices[0].Message.ToolCalls
	calls := make([]call, 0, len(tcs))
	for _, tc := range tcs {
		switch tc.Type {
		case "custom":
			calls = append(calls, call{ToolCall: composio.ToolCall{ID: tc.ID, Name: tc.Custom.Name, Arguments: tc.Custom.Input}, custom: true})
		default:
			calls = append(calls, call{ToolCall: composio.ToolCall{ID: tc.ID, Name: tc.Function.Name, Arguments: tc.Function.Arguments}})
		}
	}
	return calls
}

// RunChat runs the tool-calling loop on the Chat Completions API: it sends
// params with the tools of set added to params.Tools, runs the tool calls
// of each answer through set ([HandleChatCompletion]), sends the results
// back, and repeats until the model answers without calling a tool. It
// makes at most [DefaultMaxTurns] requests, or the bound of [WithMaxTurns];
// [WithStrict] applies to the tools.
//
// It returns the last completion and the whole conversation: params.Messages
// followed by each assistant message and its tool messages, ending with the
// final answer, ready to send again with a new user message. Every tool call
// in it is answered by a tool message of set, so functions of your own in
// params.Tools are answered as unknown: add them to the set instead, with
// [composio.LocalTool].
//
// When the model still calls tools on the last turn, those calls run too
// and the error is [ErrMaxTurns]. Other errors come from the OpenAI client
// or are faults of the program from [HandleChatCompletion]; the
// conversation so far is returned with them.
func RunChat(ctx context.Context, client openai.Client, set *composio.ToolSet, params openai.ChatCompletionNewParams, opts ...Option) (*openai.ChatCompletion, []openai.ChatCompletionMessageParamUnion, error) {
	if set == nil {
		return nil, nil, errNilSet
	}
	c := newConfig(opts)
	params.Tools = append(slices.Clip(params.Tools), ChatTools(set, opts...)...)
	messages := slices.Clip(params.Messages)
	var completion *openai.ChatCompletion
	for range c.maxTurns {
		params.Messages = messages
		var err error
		completion, err = client.Chat.Completions.New(ctx, params)
		if err != nil {
			return completion, messages, err
		}
		if len(completion.Choices) == 0 {
			return completion, messages, fmt.Errorf("openaiprovider: chat completion %s has no choices", completion.ID)
		}
		messages = append(messages, completion.Choices[0].Message.ToParam())
		results, err := HandleChatCompletion(ctx, set, completion)
		messages = append(messages, results...)
		if err != nil {
			return completion, messages, err
		}
		if len(results) == 0 {
			return completion, messages, nil
		}
	}
	return completion, messages, ErrMaxTurns
}
