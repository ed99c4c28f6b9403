// Command agent-langchaingo runs a LangChainGo tool-calling loop with a
// user's Composio tools: the tools go to the model as llms.Tools, the
// model's tool calls run through Composio, and the results go back as tool
// messages until the model answers.
//
// Offline by default: without COMPOSIO_API_KEY it talks to a fake Composio
// server started in the process, and without OPENAI_API_KEY to a scripted
// model behind the OpenAI wire format (model.go), also in the process. With
// both keys set, the same program uses the real services.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	langchainprovider "github.com/ComposioHQ/composio-go/providers/langchaingo"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/openai"
)

// maxTurns bounds the loop: a model that keeps calling tools is stopped.
const maxTurns = 8

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "agent-langchaingo:", err)
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

// newClient talks to the real API when COMPOSIO_API_KEY is set, and to a
// fake Composio server started in this process otherwise, so the example
// runs offline.
func newClient() (*composio.Client, *composiotest.Server, error) {
	if os.Getenv("COMPOSIO_API_KEY") != "" {
		c, err := composio.NewClient()
		return c, nil, err
	}
	fake := composiotest.Start()
	return fake.Client(), fake, nil
}

// newModel is OpenAI when OPENAI_API_KEY is set, and otherwise the same
// client pointed at a scripted model started in this process. The caller
// calls stop.
func newModel() (llm *openai.LLM, stop func(), err error) {
	if os.Getenv("OPENAI_API_KEY") != "" {
		llm, err := openai.New(openai.WithModel("gpt-4o-mini"))
		return llm, func() {}, err
	}
	model := startScriptedModel()
	llm, err = openai.New(openai.WithBaseURL(model.URL), openai.WithToken("offline"), openai.WithModel("gpt-4o-mini"))
	return llm, model.Close, err
}

// run asks the model a question it answers with the user's tools. fake is
// nil online.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, out io.Writer) error {
	if fake != nil {
		fmt.Fprintln(out, "offline: a fake Composio server")
	}
	set, err := client.Tools.ForUser(ctx, "default", composio.ToolSetParams{Toolkits: []string{"composio"}})
	if err != nil {
		return err
	}
	llm, stop, err := newModel()
	if err != nil {
		return err
	}
	defer stop()

	question := "What is 6 times 7? Use the calculator."
	fmt.Fprintf(out, "user: %s (with %d tools)\n", question, len(set.Definitions()))
	history, answer, err := langchainprovider.Run(ctx, llm, set,
		[]llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, question)}, maxTurns)
	if err != nil {
		return err
	}
	for _, msg := range history[1 : len(history)-1] {
		for _, part := range msg.Parts {
			switch p := part.(type) {
			case llms.ToolCall:
				fmt.Fprintf(out, "tool call %s: %s %s\n", p.ID, p.FunctionCall.Name, p.FunctionCall.Arguments)
			case llms.ToolCallResponse:
				fmt.Fprintf(out, "tool result %s: %s\n", p.ToolCallID, p.Content)
			}
		}
	}
	fmt.Fprintf(out, "assistant: %s\n", answer.Content)
	return nil
}
