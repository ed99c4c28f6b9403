package langchainprovider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/tmc/langchaingo/llms"
)

// errNilSet is the error for a nil tool set.
var errNilSet = fmt.Errorf("%w: set: must not be nil", composio.ErrInvalidParams)

// Tools returns the tools of set as LangChainGo function tools, for
// llms.WithTools. Each keeps its [composio.FunctionDefinition] name, so
// [HandleToolCalls] maps the model's calls back to the tools. A nil set
// has no tools: Tools returns nil.
func Tools(set *composio.ToolSet) []llms.Tool {
	if set == nil {
		return nil
	}
	defs := set.Definitions()
	out := make([]llms.Tool, len(defs))
	for i, d := range defs {
		out[i] = tool(d)
	}
	return out
}

// StrictTools is [Tools] in OpenAI's strict form
// ([composio.FunctionDefinitions.Strict]): Strict set, every object closed
// and every property required, the optional ones nullable (the nulls a
// strict model sends for them are dropped by Handle). A tool whose schema
// has no strict form stays as in Tools, Strict unset. For the openai
// backend (and OpenAI-compatible servers); other backends ignore Strict
// but get the changed schemas. A nil set has no tools: StrictTools returns
// nil.
func StrictTools(set *composio.ToolSet) []llms.Tool {
	if set == nil {
		return nil
	}
	defs := set.Definitions().Strict()
	out := make([]llms.Tool, len(defs))
	for i, d := range defs {
		out[i] = tool(d)
	}
	return out
}

// tool renders d as an llms.Tool: the OpenAI form (description cut to
// 1024 characters) with the schema as a map, which every LangChainGo
// backend accepts (googleai requires it).
func tool(d composio.FunctionDefinition) llms.Tool {
	o := d.OpenAI().Function
	return llms.Tool{Type: "function", Function: &llms.FunctionDefinition{
		Name:        o.Name,
		Description: o.Description,
		Parameters:  schemaMap(o.Parameters),
		Strict:      o.IsStrict,
	}}
}

// schemaMap decodes a JSON schema into a map, numbers as json.Number so
// that they marshal back to the same text. A schema that is not an object
// becomes the empty object schema.
func schemaMap(raw json.RawMessage) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return map[string]any{"type": "object", "properties": map[string]any{}}
	}
	return m
}

// AssistantMessage returns the model's turn in choice as the AI message to
// append to the conversation: its text (when not empty) and its tool calls,
// as LangChainGo's clients expect them before the tool results.
func AssistantMessage(choice *llms.ContentChoice) llms.MessageContent {
	msg := llms.MessageContent{Role: llms.ChatMessageTypeAI}
	if choice == nil {
		return msg
	}
	if choice.Content != "" {
		msg.Parts = append(msg.Parts, llms.TextContent{Text: choice.Content})
	}
	for _, tc := range choice.ToolCalls {
		if tc.Type == "" {
			tc.Type = "function"
		}
		msg.Parts = append(msg.Parts, tc)
	}
	return msg
}

// ToolCalls converts the model's tool calls to the calls
// [composio.ToolSet.Handle] runs: the call id, the function name and the
// argument text, unchanged. A call without a function has an empty name,
// which Handle answers as an unknown tool.
func ToolCalls(calls []llms.ToolCall) []composio.ToolCall {
	out := make([]composio.ToolCall, len(calls))
	for i, tc := range calls {
		out[i].ID = tc.ID
		if tc.FunctionCall != nil {
			out[i].Name, out[i].Arguments = tc.FunctionCall.Name, tc.FunctionCall.Arguments
		}
	}
	return out
}

// ToolMessages returns one tool-role message per result, in order, each
// holding a single llms.ToolCallResponse (the form LangChainGo's OpenAI
// client requires) with the result's call id, function name and content.
// A failed tool's content is a JSON document with an "error" member.
func ToolMessages(results []composio.ToolResult) []llms.MessageContent {
	out := make([]llms.MessageContent, len(results))
	for i, r := range results {
		content := r.Content
		if content == "" { // a call Handle did not run
			content = `{"error":"the tool did not run"}`
		}
		out[i] = llms.MessageContent{Role: llms.ChatMessageTypeTool, Parts: []llms.ContentPart{
			llms.ToolCallResponse{ToolCallID: r.CallID, Name: r.Name, Content: content},
		}}
	}
	return out
}

// HandleToolCalls runs every tool call of choice through set.Handle (which
// runs them concurrently, each once) and returns the messages to append to
// the conversation, in order: the
// model's turn ([AssistantMessage]), then one tool message per call
// ([ToolMessages]), paired with it by call id. When choice has no tool
// calls it returns nil: the choice is the model's answer. For a whole
// response, whose backend may split one turn into several choices, use
// [HandleResponse].
//
// Failures the model can fix are tool results (see [ToolMessages]). The
// error is Handle's, for faults of the program (the context ended, the key
// refused, the API unreachable); the messages are returned with it. A nil
// set is an error wrapping [composio.ErrInvalidParams], whatever choice
// holds.
func HandleToolCalls(ctx context.Context, set *composio.ToolSet, choice *llms.ContentChoice) ([]llms.MessageContent, error) {
	if set == nil {
		return nil, errNilSet
	}
	if choice == nil || len(choice.ToolCalls) == 0 {
		return nil, nil
	}
	results, err := set.Handle(ctx, ToolCalls(choice.ToolCalls))
	msgs := make([]llms.MessageContent, 0, 1+len(results))
	msgs = append(msgs, AssistantMessage(choice))
	return append(msgs, ToolMessages(results)...), err
}

// HandleResponse runs the tool calls of every choice of resp through
// set.Handle, in one batch, and returns the messages to append to the
// conversation, in order: the model's turn, one AI message per choice that
// has text or tool calls ([AssistantMessage]), then one tool message per
// call ([ToolMessages]). When no choice calls a tool it returns nil.
//
// It is for backends that split one model turn into several choices:
// LangChainGo's anthropic client gives one choice per content block of
// Claude's answer (a sentence, then each tool_use), so that the first
// choice alone may hold no call at all. A one-choice response gives the
// messages of [HandleToolCalls]. When you asked for alternative candidates
// (llms.WithCandidateCount or llms.WithN above 1), the choices are not one
// turn: pass the one you continue with to HandleToolCalls instead.
//
// Failures and errors (a nil set included) are as for [HandleToolCalls].
func HandleResponse(ctx context.Context, set *composio.ToolSet, resp *llms.ContentResponse) ([]llms.MessageContent, error) {
	if set == nil {
		return nil, errNilSet
	}
	if resp == nil {
		return nil, nil
	}
	return handleTurn(ctx, set, resp.Choices)
}

// handleTurn runs the tool calls of the choices of one model turn and
// returns the turn's messages and the results' (nil when no choice calls a
// tool).
func handleTurn(ctx context.Context, set *composio.ToolSet, turn []*llms.ContentChoice) ([]llms.MessageContent, error) {
	var calls []llms.ToolCall
	for _, c := range turn {
		if c != nil {
			calls = append(calls, c.ToolCalls...)
		}
	}
	if len(calls) == 0 {
		return nil, nil
	}
	results, err := set.Handle(ctx, ToolCalls(calls))
	msgs := appendTurn(make([]llms.MessageContent, 0, len(turn)+len(results)), turn)
	return append(msgs, ToolMessages(results)...), err
}

// appendTurn appends the AI messages of a turn's choices to msgs: one per
// choice, leaving out those with nothing to say when there are several
// (LangChainGo's anthropic client refuses an AI message without parts).
func appendTurn(msgs []llms.MessageContent, turn []*llms.ContentChoice) []llms.MessageContent {
	if len(turn) == 1 {
		return append(msgs, AssistantMessage(turn[0]))
	}
	for _, c := range turn {
		if m := AssistantMessage(c); len(m.Parts) > 0 {
			msgs = append(msgs, m)
		}
	}
	return msgs
}

// turnChoices returns the choices of resp that make up the model's turn:
// every choice, unless the call options ask for alternative candidates,
// which are not one turn; then the first.
func turnChoices(resp *llms.ContentResponse, opts []llms.CallOption) []*llms.ContentChoice {
	var o llms.CallOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.CandidateCount > 1 || o.N > 1 {
		return resp.Choices[:1]
	}
	return resp.Choices
}

// answerChoice is the choice Run returns for a turn without tool calls:
// the one choice, or for a turn split into several, one choice holding
// their text (and the generation info of the first with text).
func answerChoice(turn []*llms.ContentChoice) *llms.ContentChoice {
	if len(turn) == 1 {
		return turn[0]
	}
	var answer *llms.ContentChoice
	var text strings.Builder
	for _, c := range turn {
		if c == nil || c.Content == "" {
			continue
		}
		if answer == nil {
			answer = &llms.ContentChoice{StopReason: c.StopReason, GenerationInfo: c.GenerationInfo}
		}
		text.WriteString(c.Content)
	}
	if answer == nil {
		return turn[0]
	}
	answer.Content = text.String()
	return answer
}

// ErrMaxTurns is returned by [Run] when the model still calls tools after
// the turns it was allowed.
var ErrMaxTurns = errors.New("langchainprovider: the model did not answer within the turns allowed")

// Run is the tool-calling loop: it sends messages to model with the tools
// of set (and opts), runs the tool calls of its answer ([HandleResponse]:
// those of every choice, which some backends split one turn into; only the
// first choice's when opts ask for several candidates) and sends again,
// until the model answers without calling a tool or maxTurns requests were
// made. It returns the conversation (messages followed by every turn, the
// answer last) and the answering choice (for an answer split into several
// choices, one holding their text). messages itself is not changed. opts
// follow the tools, so llms.WithTools([StrictTools](set)) among them sends
// the strict form instead.
//
// The error is the model's, Handle's (see [HandleToolCalls]), or
// [ErrMaxTurns]; the conversation so far is returned with it. A nil set is
// an error wrapping [composio.ErrInvalidParams], and nothing is sent.
func Run(ctx context.Context, model llms.Model, set *composio.ToolSet, messages []llms.MessageContent, maxTurns int, opts ...llms.CallOption) ([]llms.MessageContent, *llms.ContentChoice, error) {
	if set == nil {
		return nil, nil, errNilSet
	}
	if maxTurns < 1 {
		return nil, nil, fmt.Errorf("%w: maxTurns must be at least 1, got %d", composio.ErrInvalidParams, maxTurns)
	}
	history := append([]llms.MessageContent(nil), messages...)
	callOpts := append([]llms.CallOption{llms.WithTools(Tools(set))}, opts...)
	for range maxTurns {
		resp, err := model.GenerateContent(ctx, history, callOpts...)
		if err != nil {
			return history, nil, err
		}
		if resp == nil || len(resp.Choices) == 0 || resp.Choices[0] == nil {
			return history, nil, errors.New("langchainprovider: the model answered with no choice")
		}
		turn := turnChoices(resp, callOpts)
		msgs, err := handleTurn(ctx, set, turn)
		if msgs == nil && err == nil {
			return appendTurn(history, turn), answerChoice(turn), nil
		}
		history = append(history, msgs...)
		if err != nil {
			return history, nil, err
		}
	}
	return history, nil, fmt.Errorf("%w (%d)", ErrMaxTurns, maxTurns)
}
