package anthropicprovider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
)

// ErrMaxTurns is returned by [Run] when the answer to the last request it
// may send still calls tools (or paused its turn).
var ErrMaxTurns = errors.New("anthropicprovider: the model still calls tools after the last turn")

// Run is the whole tool loop of a conversation: it sends params, runs the
// tool calls of each answer through set and sends their results back,
// until the model answers without calling a tool. It returns that last
// answer and the conversation: params.Messages followed by every message
// of the loop, the last answer included, ready to continue.
//
// When params.Tools is empty, Run sends [Tools](set); set params.Tools
// yourself to add other tools (every tool_use block still goes to set).
// maxTurns bounds the requests sent, at least 1; when the last answer
// still calls tools, Run returns it with [ErrMaxTurns], its calls not run
// (run them with [HandleToolCalls] to go on). An answer that stopped with
// "pause_turn" is sent back as it is, for the model to go on.
// opts apply to every request. Errors of the SDK and of
// [composio.ToolSet.Handle] end the loop, with the answer and conversation
// so far; after an error of Handle, the conversation ends with the results
// message of that answer's calls (those that ran keep their results, the
// others are failures), so it can be sent again without running any call
// twice. A nil set is an error wrapping [composio.ErrInvalidParams], and
// nothing is sent.
func Run(ctx context.Context, client *anthropic.Client, set *composio.ToolSet, params anthropic.MessageNewParams, maxTurns int, opts ...option.RequestOption) (*anthropic.Message, []anthropic.MessageParam, error) {
	if set == nil {
		return nil, nil, errNilSet
	}
	if maxTurns < 1 {
		return nil, nil, fmt.Errorf("anthropicprovider: maxTurns must be at least 1, got %d", maxTurns)
	}
	if len(params.Tools) == 0 {
		params.Tools = Tools(set)
	}
	messages := slices.Clone(params.Messages)
	for turn := 1; ; turn++ {
		params.Messages = messages
		msg, err := client.Messages.New(ctx, params, opts...)
		if err != nil {
			return msg, messages, err
		}
		messages = append(messages, msg.ToParam())
		calls := len(ToolCalls(msg))
		if calls == 0 && msg.StopReason != anthropic.StopReasonPauseTurn {
			return msg, messages, nil
		}
		if turn == maxTurns {
			return msg, messages, ErrMaxTurns
		}
		if calls == 0 {
			continue // pause_turn: send the answer back for the model to go on
		}
		// Appended even on an error: the calls that ran keep their results
		// and the others are marked failed, so the conversation stays well
		// formed and resuming it runs no call twice.
		results, err := HandleToolCalls(ctx, set, msg)
		messages = append(messages, results)
		if err != nil {
			return msg, messages, err
		}
	}
}
