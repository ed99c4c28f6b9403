// Command agent-loop runs the tool-calling loop of an agent on a tool set:
// it gives a model the tools of one user as function schemas (here in the
// OpenAI Chat Completions shape, strict mode), handles all the tool calls
// of each model turn in one call, and feeds the results back until the
// model answers.
//
// The model is a scripted stand-in, so the example runs offline with no
// model key: it reads the schemas it is given to pick tools and arguments,
// just as a real model would. Offline by default (an in-process fake); set
// COMPOSIO_API_KEY to use the real API. The script wants a calculator and
// an echo tool, which the fake's keyless composio toolkit has and the real
// one (Composio's meta tools) has not, so online the scripted model finds
// no tool for its script and the example stops with an error. For a model
// against real tools, see the providers' examples (providers/*/examples).
//
//	go run ./examples/agent-loop
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

// maxTurns bounds the loop: a model that keeps calling tools is stopped.
const maxTurns = 8

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "agent-loop:", err)
		os.Exit(1)
	}
}

func start(ctx context.Context) error {
	client, fake, err := newClient()
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
	}
	return run(ctx, client, fake, os.Stdout)
}

// newClient talks to the real API when COMPOSIO_API_KEY is set, and to a fake
// Composio server started in this process otherwise, so the example runs offline.
func newClient() (*composio.Client, *composiotest.Server, error) {
	if os.Getenv("COMPOSIO_API_KEY") != "" {
		c, err := composio.NewClient()
		return c, nil, err
	}
	fake := composiotest.Start()
	return fake.Client(), fake, nil
}

func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, out io.Writer) error {
	// The user's tools, each pinned at the version whose schema the model
	// sees.
	set, err := client.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	if err != nil {
		return err
	}
	tools := set.Definitions().Strict().OpenAI()
	fmt.Fprintf(out, "giving the model %d tools\n", len(tools))

	model := &scriptedModel{}
	messages := []message{{Role: "user", Content: "What are 6 times 7 and 40 plus 5? Echo both answers back to me."}}
	fmt.Fprintf(out, "user: %s\n", messages[0].Content)
	for range maxTurns {
		reply, err := model.Complete(tools, messages)
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
		}
		// All the calls of the turn, run concurrently, one result per call
		// in order. A failed tool, bad arguments or an unknown tool come
		// back as results the model reads; err is only for what the model
		// cannot fix (the context ended, the key was refused, the API is
		// down).
		results, err := set.Handle(ctx, reply.ToolCalls)
		if err != nil {
			return err
		}
		for _, r := range results {
			fmt.Fprintf(out, "tool result %s: %s\n", r.CallID, r.Content)
			messages = append(messages, message{Role: "tool", ToolCallID: r.CallID, Content: r.Content})
		}
	}
	return fmt.Errorf("no answer after %d turns", maxTurns)
}
