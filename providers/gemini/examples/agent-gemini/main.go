// Command agent-gemini gives Gemini a user's Composio tools through the
// Google Gen AI Go SDK: it sends the Hacker News tools with a question,
// runs the functions Gemini calls, sends their responses back and prints
// the answer.
//
// It runs offline by default: Composio is a fake started in this process,
// and Gemini a scripted stand-in served in this process too, which picks
// its function from the declarations it is sent. Set COMPOSIO_API_KEY to
// use the real Composio API, and GEMINI_API_KEY to ask the real Gemini;
// the code is the same.
//
//	go run ./examples/agent-gemini
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	geminiprovider "github.com/ComposioHQ/composio-go/providers/gemini"
	"google.golang.org/genai"
)

// userID is the Composio user the tools run for; the Hacker News tools
// need no connected account.
const userID = "default"

// maxTurns bounds the conversation: a model that keeps calling tools is
// stopped.
const maxTurns = 5

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "agent-gemini:", err)
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

// newGemini is the real Gemini when GEMINI_API_KEY is set, and otherwise
// the scripted model, served in this process until closed.
func newGemini(ctx context.Context) (client *genai.Client, model string, closeFn func(), err error) {
	if key := os.Getenv("GEMINI_API_KEY"); key != "" {
		client, err = genai.NewClient(ctx, &genai.ClientConfig{APIKey: key, Backend: genai.BackendGeminiAPI})
		return client, "gemini-2.5-flash", func() {}, err
	}
	srv := startScriptedModel()
	client, err = genai.NewClient(ctx, &genai.ClientConfig{APIKey: "offline", Backend: genai.BackendGeminiAPI,
		HTTPOptions: genai.HTTPOptions{BaseURL: srv.URL}})
	return client, "scripted-model", srv.Close, err
}

// run asks Gemini about Hacker News with the user's Hacker News tools.
// fake, the Composio fake when offline, is not needed: run does the same
// against either.
func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, out io.Writer) error {
	set, err := client.Tools.ForUser(ctx, userID, composio.ToolSetParams{Toolkits: []string{"hackernews"}})
	if err != nil {
		return fmt.Errorf("fetching the tools: %w", err)
	}
	fmt.Fprintf(out, "giving Gemini %d tools\n", len(set.Definitions()))

	gemini, model, closeModel, err := newGemini(ctx)
	if err != nil {
		return err
	}
	defer closeModel()

	question := "What are the top 3 stories on Hacker News right now?"
	fmt.Fprintf(out, "user: %s\n", question)
	config := &genai.GenerateContentConfig{Tools: []*genai.Tool{geminiprovider.Tool(set)}}
	contents := []*genai.Content{genai.NewContentFromText(question, genai.RoleUser)}
	for range maxTurns {
		resp, err := gemini.Models.GenerateContent(ctx, model, contents, config)
		if err != nil {
			return fmt.Errorf("asking Gemini: %w", err)
		}
		calls := geminiprovider.ToolCalls(resp)
		if len(calls) == 0 {
			fmt.Fprintf(out, "gemini: %s\n", resp.Text())
			return nil
		}
		// The model's content goes back as it came: it carries the thought
		// signatures Gemini expects to see again.
		contents = append(contents, resp.Candidates[0].Content)
		for i, call := range calls {
			fmt.Fprintf(out, "function call %d: %s %s\n", i+1, call.Name, call.Arguments)
		}
		// One call of the set for every call of the turn; a failed tool is a
		// response under "error" for Gemini to read, not an error here.
		results, err := set.Handle(ctx, calls)
		if err != nil {
			return fmt.Errorf("running the tools: %w", err)
		}
		for i, r := range results {
			fmt.Fprintf(out, "function response %d (failed: %t): %s\n", i+1, r.IsError, shorten(r.Content, 100))
		}
		contents = append(contents, geminiprovider.ToolResults(results))
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
