package geminiprovider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	composio "github.com/ComposioHQ/composio-go"
	"google.golang.org/genai"
)

// ErrMaxTurns is returned by [Run] when the answer to the last request it
// may send still calls functions.
var ErrMaxTurns = errors.New("geminiprovider: the model still calls functions after the last turn")

// Run is the whole function-calling loop of a conversation: it sends
// contents to model, runs the function calls of each answer through set
// and sends their responses back, until the model answers without calling
// a function. It returns that last response and the conversation: contents
// followed by every content of the loop (the model's own contents as they
// came, thought signatures included), the last answer included, ready to
// continue.
//
// Run sends a copy of config (nil is the zero config), with the tools
// [Tool](set) when config has none. maxTurns bounds the requests sent, at least 1; when the last
// answer still calls functions, Run returns it with [ErrMaxTurns], its
// calls not run (run them with [HandleToolCalls] to go on). An answer that
// ended in a function call Gemini could not form (finish reason
// MALFORMED_FUNCTION_CALL, no call in it) is not an answer: Run sends the
// same request again, within maxTurns, and leaves it out of the
// conversation (on the last turn, that is [ErrMaxTurns]). Errors of the
// SDK and of [composio.ToolSet.Handle] end the loop, with the response and
// conversation so far; after an error of Handle, the conversation ends
// with the content of that response's function responses (those that ran
// keep their results, the others are under "error"), so it can be sent
// again without running any call twice. A nil set is an error wrapping
// [composio.ErrInvalidParams], and nothing is sent.
func Run(ctx context.Context, client *genai.Client, model string, set *composio.ToolSet, contents []*genai.Content, config *genai.GenerateContentConfig, maxTurns int) (*genai.GenerateContentResponse, []*genai.Content, error) {
	if set == nil {
		return nil, nil, errNilSet
	}
	if maxTurns < 1 {
		return nil, nil, fmt.Errorf("geminiprovider: maxTurns must be at least 1, got %d", maxTurns)
	}
	var cfg genai.GenerateContentConfig
	if config != nil {
		cfg = *config
	}
	if len(cfg.Tools) == 0 {
		cfg.Tools = []*genai.Tool{Tool(set)}
	}
	conversation := slices.Clone(contents)
	for turn := 1; ; turn++ {
		// A copy per request: the SDK fills in defaults of the config.
		req := cfg
		resp, err := client.Models.GenerateContent(ctx, model, conversation, &req)
		if err != nil {
			return resp, conversation, err
		}
		if malformedCall(resp) {
			// The model tried to call a function and could not form the
			// call: its to put right, by answering again.
			if turn == maxTurns {
				return resp, conversation, ErrMaxTurns
			}
			continue
		}
		if len(resp.Candidates) > 0 && resp.Candidates[0] != nil && resp.Candidates[0].Content != nil {
			answer := resp.Candidates[0].Content
			if answer.Role == "" {
				c := *answer
				c.Role = genai.RoleModel
				answer = &c
			}
			conversation = append(conversation, answer)
		}
		if len(ToolCalls(resp)) == 0 {
			return resp, conversation, nil
		}
		if turn == maxTurns {
			return resp, conversation, ErrMaxTurns
		}
		// Appended even on an error: the calls that ran keep their results
		// and the others are answered under "error", so the conversation
		// stays well formed and resuming it runs no call twice.
		results, err := HandleToolCalls(ctx, set, resp)
		conversation = append(conversation, results)
		if err != nil {
			return resp, conversation, err
		}
	}
}

// malformedCall reports whether resp ended in a function call Gemini could
// not form, and holds no call to run.
func malformedCall(resp *genai.GenerateContentResponse) bool {
	return resp != nil && len(resp.Candidates) > 0 && resp.Candidates[0] != nil &&
		resp.Candidates[0].FinishReason == genai.FinishReasonMalformedFunctionCall && len(ToolCalls(resp)) == 0
}
