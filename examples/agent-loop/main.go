// Command agent-loop runs the tool-calling loop of an agent: it gives a
// model the Composio tools as function schemas (here in the OpenAI Chat
// Completions shape), executes the tool calls the model makes and feeds
// the results back until the model answers.
//
// The model is a scripted stand-in, so the example runs offline with no
// model key: it reads the schemas it is given to pick tools and arguments,
// just as a real model would. Offline by default (an in-process fake); set
// COMPOSIO_API_KEY to use the real API.
package main

import (
	"context"
	"fmt"
	"io"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/ComposioHQ/composio-go/internal/exampleenv"
)

// maxTurns bounds the loop: a model that keeps calling tools is stopped.
const maxTurns = 8

func main() { exampleenv.Main("agent-loop", run) }

func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, out io.Writer) error {
	tools, err := composio.Collect(client.Tools.ListAll(ctx, composio.ToolListParams{ToolkitSlug: "composio"}))
	if err != nil {
		return err
	}
	defs := composio.ToolDefinitions(tools)
	fmt.Fprintf(out, "giving the model %d tools\n", len(defs))

	model := &scriptedModel{}
	messages := []message{{Role: "user", Content: "What is 6 times 7? Echo the answer back to me."}}
	fmt.Fprintf(out, "user: %s\n", messages[0].Content)
	for range maxTurns {
		reply, err := model.Complete(defs.OpenAI(), messages)
		if err != nil {
			return err
		}
		messages = append(messages, reply)
		if len(reply.ToolCalls) == 0 {
			fmt.Fprintf(out, "assistant: %s\n", reply.Content)
			return nil
		}
		for _, call := range reply.ToolCalls {
			fmt.Fprintf(out, "tool call %s: %s %s\n", call.ID, call.Name, call.Arguments)
			result := `{"error":"no such tool"}`
			if def, ok := defs.Find(call.Name); ok {
				// Run the tool at the version whose schema the model saw: no
				// lookup, and no tool changes under the conversation.
				call.Name = def.ToolSlug
				res, err := client.Tools.ExecuteCall(ctx, call, composio.ToolExecuteParams{UserID: "user_1", Version: def.Version})
				if err != nil {
					return err
				}
				// A failed tool goes back to the model as a result it can act on.
				result = res.ModelOutput()
			}
			fmt.Fprintf(out, "tool result %s: %s\n", call.ID, result)
			messages = append(messages, message{Role: "tool", ToolCallID: call.ID, Content: result})
		}
	}
	return fmt.Errorf("no answer after %d turns", maxTurns)
}
