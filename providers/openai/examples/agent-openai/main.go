// Command agent-openai gives an OpenAI model a user's Composio tools and
// runs the tool calls it makes until it answers: tools rendered for the
// Chat Completions API by openaiprovider.ChatTools, each answer's calls run
// by openaiprovider.HandleChatCompletion, through the official Go SDK.
//
// It runs offline by default: against a fake Composio server and a
// scripted model (model.go) served in this process, which reads the tools
// it is sent to pick its calls, as a real model would. Set COMPOSIO_API_KEY
// to use the real Composio API, and OPENAI_API_KEY to use a real model; the
// code is the same.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	openaiprovider "github.com/ComposioHQ/composio-go/providers/openai"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// userID is the Composio user the tools run for. Hacker News needs no
// connected account, so any user will do.
const userID = "default"

// maxTurns bounds the loop: a model that keeps calling tools is stopped.
const maxTurns = 5

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "agent-openai:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, fake, err := newClient()
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
	}
	llm, closeModel := newModel()
	defer closeModel()
	return run(ctx, client, fake, llm, os.Stdout)
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

// newModel talks to OpenAI when OPENAI_API_KEY is set (the SDK reads it),
// and to the scripted model of model.go, started in this process,
// otherwise. The function returned stops the scripted model.
func newModel() (openai.Client, func()) {
	if os.Getenv("OPENAI_API_KEY") != "" {
		return openai.NewClient(), func() {}
	}
	m := startScriptedModel()
	return openai.NewClient(option.WithBaseURL(m.URL+"/v1/"), option.WithAPIKey("scripted")), m.Close
}

func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, llm openai.Client, out io.Writer) error {
	set, err := client.Tools.ForUser(ctx, userID, composio.ToolSetParams{Toolkits: []string{"hackernews"}})
	if err != nil {
		return err
	}
	var names []string
	for _, d := range set.Definitions() {
		names = append(names, d.Name)
	}
	fmt.Fprintf(out, "tools: %s\n", strings.Join(names, ", "))

	question := "What are the top 3 stories on Hacker News right now?"
	fmt.Fprintf(out, "user: %s\n", question)
	params := openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT5_4Mini,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(question)},
		Tools:    openaiprovider.ChatTools(set),
	}
	// openaiprovider.RunChat runs this same loop in one call; it is spelled
	// out here to show each step.
	for range maxTurns {
		completion, err := llm.Chat.Completions.New(ctx, params)
		if err != nil {
			return err
		}
		if len(completion.Choices) == 0 {
			return fmt.Errorf("the model sent no answer (completion %s)", completion.ID)
		}
		results, err := openaiprovider.HandleChatCompletion(ctx, set, completion)
		if err != nil {
			return err
		}
		msg := completion.Choices[0].Message
		if len(results) == 0 {
			fmt.Fprintf(out, "assistant: %s\n", msg.Content)
			return nil
		}
		for i, call := range msg.ToolCalls {
			fmt.Fprintf(out, "tool call %s: %s %s\n", call.ID, call.Function.Name, call.Function.Arguments)
			fmt.Fprintf(out, "tool result: %s\n", short(results[i].OfTool.Content.OfString.Value))
		}
		params.Messages = append(params.Messages, msg.ToParam())
		params.Messages = append(params.Messages, results...)
	}
	return fmt.Errorf("no answer after %d turns", maxTurns)
}

// short cuts s to a line's worth.
func short(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "..."
	}
	return s
}
