package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
)

// message is one entry of the conversation, as chat APIs keep it.
type message struct {
	Role       string // user, assistant, tool
	Content    string
	ToolCalls  []composio.ToolCall
	ToolCallID string
}

// scriptedModel stands in for an LLM. It finds its tools by reading the
// OpenAI-shaped schemas it is given (names, enums, required fields), so a
// schema change the real model would notice breaks it too.
type scriptedModel struct{ calls int }

// Complete returns the model's next message: tool calls, or the answer.
func (m *scriptedModel) Complete(tools []composio.OpenAITool, messages []message) (message, error) {
	last := messages[len(messages)-1]
	if last.Role == "user" {
		// One turn, two calls: "6 times 7" and "40 plus 5".
		calc, err := find(tools, "multiply")
		if err != nil {
			return message{}, err
		}
		ops := map[string]string{"times": "multiply", "plus": "add"}
		reply := message{Role: "assistant"}
		for _, q := range regexp.MustCompile(`(\d+) (times|plus) (\d+)`).FindAllStringSubmatch(last.Content, -1) {
			reply.ToolCalls = append(reply.ToolCalls, m.call(calc, fmt.Sprintf(`{"operation":%q,"a":%s,"b":%s}`, ops[q[2]], q[1], q[3])))
		}
		if len(reply.ToolCalls) == 0 {
			return message{Role: "assistant", Content: "I can only multiply and add."}, nil
		}
		return reply, nil
	}

	// After tool results: echo the numbers, then answer with the echo.
	var numbers []string
	for i := len(messages) - 1; i >= 0 && messages[i].Role == "tool"; i-- {
		var result struct {
			Data struct {
				Result *float64 `json:"result"`
				Echo   *struct {
					Message string `json:"message"`
				} `json:"echo"`
			} `json:"data"`
			Error string `json:"error"`
		}
		if err := json.Unmarshal([]byte(messages[i].Content), &result); err != nil {
			return message{}, err
		}
		switch {
		case result.Error != "":
			return message{Role: "assistant", Content: "A tool failed: " + result.Error}, nil
		case result.Data.Echo != nil:
			return message{Role: "assistant", Content: result.Data.Echo.Message}, nil
		case result.Data.Result != nil:
			numbers = append([]string{fmt.Sprintf("%g", *result.Data.Result)}, numbers...)
		}
	}
	echo, err := find(tools, "message")
	if err != nil {
		return message{}, err
	}
	args, _ := json.Marshal(map[string]string{"message": "The answers are " + strings.Join(numbers, " and ") + "."})
	return message{Role: "assistant", ToolCalls: []composio.ToolCall{m.call(echo, string(args))}}, nil
}

func (m *scriptedModel) call(tool, args string) composio.ToolCall {
	m.calls++
	return composio.ToolCall{ID: fmt.Sprintf("call_%d", m.calls), Name: tool, Arguments: args}
}

// find picks the tool whose schema takes what the model wants to pass: an
// "operation" enum holding want, or a property named want that is its only
// one.
func find(tools []composio.OpenAITool, want string) (string, error) {
	for _, t := range tools {
		var schema struct {
			Properties map[string]struct {
				Enum []any `json:"enum"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(t.Function.Parameters, &schema); err != nil {
			return "", err
		}
		_, only := schema.Properties[want]
		if slices.Contains(schema.Properties["operation"].Enum, any(want)) || (only && len(schema.Properties) == 1) {
			return t.Function.Name, nil
		}
	}
	return "", fmt.Errorf("no tool takes %q", want)
}
