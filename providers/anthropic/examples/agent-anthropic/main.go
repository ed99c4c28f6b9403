// Command agent-anthropic gives Claude a user's Composio tools through the
// Anthropic Go SDK: it sends the Hacker News tools with a question, runs
// the tools Claude calls, sends the results back and prints the answer.
//
// It runs offline by default: Composio is a fake started in this process,
// and Claude a scripted stand-in served in this process too, which picks
// its tool from the tools it is sent. Set COMPOSIO_API_KEY to use the real
// Composio API, and ANTHROPIC_API_KEY to ask the real Claude; the code is
// the same.
//
//	go run ./examples/agent-anthropic
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	anthropicprovider "github.com/ComposioHQ/composio-go/providers/anthropic"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
)

// userID is the Composio user the tools run for; the Hacker News tools
// need no connected account.
const userID = "default"

// maxTurns bounds the conversation: a model that keeps calling tools is
// stopped.
const maxTurns = 5

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "agent-anthropic:", err)
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

// newClaude is the real Claude when ANTHROPIC_API_KEY is set (the SDK reads
// it), and otherwise the scripted model, served in this process until
// closed.
func newClaude() (client anthropic.Client, model anthropic.Model, closeFn func()) {
	if os.Getenv("ANTHROPIC_API_KEY") != "" {
		return anthropic.NewClient(), anthropic.ModelClaudeSonnet5_5, func() {}
	}
	srv := startScriptedModel()
	return anthropic.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("offline")), "scripted-model", srv.Close
}

// run asks Claude about Hacker News with the user's Hacker News tools.
// fake, the Composio fake when offline, is not needed: run does the same
// against either.
func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, out io.Writer) error {
	set, err := client.Tools.ForUser(ctx, userID, composio.ToolSetParams{Toolkits: []string{"hackernews"}})
	if err != nil {
		return fmt.Errorf("fetching the tools: %w", err)
	}
	fmt.Fprintf(out, "giving Claude %d tools\n", len(set.Definitions()))

	claude, model, closeModel := newClaude()
	defer closeModel()

	question := "What are the top 3 stories on Hacker News right now?"
	fmt.Fprintf(out, "user: %s\n", question)
	params := anthropic.MessageNewParams{
		Model:     model,
		MaxTokens: 1024,
		Tools:     anthropicprovider.Tools(set),
		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(question))},
	}
	for range maxTurns {
		msg, err := claude.Messages.New(ctx, params)
		if err != nil {
			return fmt.Errorf("asking Claude: %w", err)
		}
		params.Messages = append(params.Messages, msg.ToParam())

		calls := anthropicprovider.ToolCalls(msg)
		if len(calls) == 0 {
			for _, block := range msg.Content {
				if block.Type == "text" {
					fmt.Fprintf(out, "claude: %s\n", block.Text)
				}
			}
			return nil
		}
		for _, call := range calls {
			fmt.Fprintf(out, "tool call %s: %s %s\n", call.ID, call.Name, call.Arguments)
		}
		// One call of the set for every call of the turn; a failed tool is a
		// result marked is_error for Claude to read, not an error here.
		results, err := set.Handle(ctx, calls)
		if err != nil {
			return fmt.Errorf("running the tools: %w", err)
		}
		for _, r := range results {
			fmt.Fprintf(out, "tool result %s (failed: %t): %s\n", r.CallID, r.IsError, shorten(r.Content, 100))
		}
		params.Messages = append(params.Messages, anthropicprovider.ToolResults(results))
	}
	return fmt.Errorf("no answer after %d turns", maxTurns)
}

// shorten cuts s to n characters for printing.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}
