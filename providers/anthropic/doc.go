// Package anthropicprovider gives Composio tools to Claude through the
// Anthropic Go SDK (github.com/anthropics/anthropic-sdk-go/v2), in the
// SDK's own types both ways.
//
// [Tools] turns a [composio.ToolSet] into the tool params of a Messages API
// request. [HandleToolCalls] takes the model's [anthropic.Message], runs
// every tool_use block of it through the tool set and returns the user
// message of tool_result blocks that answers them, each paired with its
// call by tool_use_id; a failure the model can act on (bad arguments, a
// tool that failed, a missing connection) is a result marked is_error, not
// a Go error. [ToolCalls] and [ToolResults] are the two halves, for callers
// that run [composio.ToolSet.Handle] themselves.
//
//	set, err := composioClient.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"github"}})
//	...
//	params := anthropic.MessageNewParams{
//		Model:     anthropic.ModelClaudeSonnet5_5,
//		MaxTokens: 1024,
//		Tools:     anthropicprovider.Tools(set),
//		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("Star my newest repository"))},
//	}
//	for {
//		msg, err := claude.Messages.New(ctx, params)
//		...
//		params.Messages = append(params.Messages, msg.ToParam())
//		if msg.StopReason != anthropic.StopReasonToolUse {
//			for _, block := range msg.Content { // thinking blocks may come first
//				fmt.Print(block.Text)
//			}
//			break
//		}
//		results, err := anthropicprovider.HandleToolCalls(ctx, set, msg)
//		...
//		params.Messages = append(params.Messages, results)
//	}
//
// [Run] is that loop in one call, bounded in turns.
//
// # Schemas
//
// Each tool's input schema is the [composio.FunctionDefinition] parameters
// as they are, JSON Schema being what the Messages API takes; see [Tool].
package anthropicprovider
