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
	switch last.Role {
	case "user":
		nums := regexp.MustCompile(`\d+`).FindAllString(last.Content, 2)
		if len(nums) < 2 || !strings.Contains(last.Content, "times") {
			return message{Role: "assistant", Content: "I can only multiply."}, nil
		}
		tool, err := find(tools, "multiply")
		if err != nil {
			return message{}, err
		}
		args := fmt.Sprintf(`{"operation":"multiply","a":%s,"b":%s}`, nums[0], nums[1])
		return m.call(tool, args), nil
	case "tool":
		var result struct {
			Data struct {
				Result *float64 `json:"result"`
				Echo   *struct {
					Message string `json:"message"`
				} `json:"echo"`
			} `json:"data"`
			Error string `json:"error"`
		}
		if err := json.Unmarshal([]byte(last.Content), &result); err != nil {
			return message{}, err
		}
		switch {
		case result.Error != "":
			return message{Role: "assistant", Content: "The tool failed: " + result.Error}, nil
		case result.Data.Result != nil:
			tool, err := find(tools, "message")
			if err != nil {
				return message{}, err
			}
			args, _ := json.Marshal(map[string]string{"message": fmt.Sprintf("The answer is %g.", *result.Data.Result)})
			return m.call(tool, string(args)), nil
		case result.Data.Echo != nil:
			return message{Role: "assistant", Content: result.Data.Echo.Message}, nil
		}
	}
	return message{Role: "assistant", Content: "I do not know."}, nil
}

func (m *scriptedModel) call(tool string, args string) message {
	m.calls++
	return message{Role: "assistant", ToolCalls: []composio.ToolCall{{ID: fmt.Sprintf("call_%d", m.calls), Name: tool, Arguments: args}}}
}

// find picks the tool whose schema takes what the model wants to pass: an
// "operation" enum holding want, or a required property named want.
func find(tools []composio.OpenAITool, want string) (string, error) {
	for _, t := range tools {
		var schema struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
			Required []string `json:"required"`
		}
		if err := json.Unmarshal(t.Function.Parameters, &schema); err != nil {
			return "", err
		}
		if slices.Contains(schema.Properties["operation"].Enum, want) ||
			(slices.Contains(schema.Required, want) && len(schema.Required) == 1) {
			return t.Function.Name, nil
		}
	}
	return "", fmt.Errorf("no tool takes %q", want)
}
