// Command tool-router creates a tool router session for a user, searches
// its tools, runs one and shows how the session's configuration evolved.
//
// It runs offline against the built-in fake unless COMPOSIO_API_KEY is set.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	client, fake, err := newClient()
	if err == nil {
		if fake != nil {
			fmt.Println("COMPOSIO_API_KEY is not set: using a fake Composio server started in this process.")
		}
		err = run(ctx, client, fake, os.Stdout)
	}
	if fake != nil {
		fake.Close()
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tool-router:", err)
		os.Exit(1)
	}
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

// run is the example; fake is the in-process fake when offline (unused: the
// session needs nothing seeded).
func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, w io.Writer) error {
	session, err := client.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "example-user"})
	if err != nil {
		return fmt.Errorf("creating the session: %w", err)
	}
	defer func() { _, _ = client.ToolRouter.Delete(ctx, session.ID) }()
	fmt.Fprintf(w, "Session %s for example-user (config version %d)\n", session.ID, session.ConfigVersion)
	fmt.Fprintf(w, "MCP clients connect to %s\n", session.MCP.URL)

	// Narrow the session to the keyless utilities: a second config version.
	session, err = client.ToolRouter.Update(ctx, session.ID, composio.SessionUpdateParams{
		Toolkits: &composio.SessionToolkitFilter{Enable: []string{"composio"}},
	})
	if err != nil {
		return fmt.Errorf("updating the session: %w", err)
	}
	fmt.Fprintf(w, "Restricted to toolkits %v (config version %d)\n", session.Config.Toolkits.Enabled, session.ConfigVersion)

	const useCase = "add two numbers"
	found, err := client.ToolRouter.Search(ctx, session.ID, composio.SessionSearchParams{
		Queries: []composio.SearchQuery{{UseCase: useCase}},
	})
	if err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	fmt.Fprintf(w, "Search %q found %v\n", useCase, found.Results[0].PrimaryToolSlugs)

	slug, args, err := pickTool(ctx, client, session.ID)
	if err != nil {
		return err
	}
	exec, err := client.ToolRouter.Execute(ctx, session.ID, composio.SessionExecuteParams{ToolSlug: slug, Arguments: args})
	if err != nil {
		return fmt.Errorf("executing %s: %w", slug, err)
	}
	if err := exec.Err(); err != nil {
		return err
	}
	var data map[string]any
	if err := exec.Decode(&data); err != nil {
		return err
	}
	out, _ := json.Marshal(data)
	fmt.Fprintf(w, "%s(%s) returned %s\n", slug, mustJSON(args), out)

	fmt.Fprintln(w, "Config history, newest first:")
	for entry, err := range client.ToolRouter.ListConfigHistoryAll(ctx, session.ID, composio.SessionConfigHistoryParams{}) {
		if err != nil {
			return fmt.Errorf("reading the config history: %w", err)
		}
		toolkits := "all toolkits"
		if tk := entry.Config.Toolkits; tk != nil && tk.Enabled != nil {
			toolkits = "toolkits " + strings.Join(tk.Enabled, ", ")
		}
		current := ""
		if entry.IsCurrent {
			current = " (current)"
		}
		fmt.Fprintf(w, "  version %d%s: %s\n", entry.Version, current, toolkits)
	}
	return nil
}

// pickTool chooses an arithmetic tool when the session has one (a tool of
// two numeric inputs whose name says it adds), else the echo tool.
func pickTool(ctx context.Context, client *composio.Client, sessionID string) (string, map[string]any, error) {
	for tool, err := range client.ToolRouter.ListToolsAll(ctx, sessionID, composio.SessionToolListParams{}) {
		if err != nil {
			return "", nil, fmt.Errorf("listing the session's tools: %w", err)
		}
		name := strings.ToUpper(tool.Slug + " " + tool.Name)
		if !strings.Contains(name, "ADD") && !strings.Contains(name, "SUM") {
			continue
		}
		if args, ok := twoNumbers(tool.InputParameters, 2, 3); ok {
			return tool.Slug, args, nil
		}
	}
	return "COMPOSIO_ECHO", map[string]any{"message": "hello from the tool router"}, nil
}

// twoNumbers fills a schema of exactly two numeric properties.
func twoNumbers(schema json.RawMessage, a, b float64) (map[string]any, bool) {
	var s struct {
		Properties map[string]struct {
			Type string `json:"type"`
		} `json:"properties"`
	}
	if json.Unmarshal(schema, &s) != nil || len(s.Properties) != 2 {
		return nil, false
	}
	var names []string
	for name, p := range s.Properties {
		if p.Type != "number" && p.Type != "integer" {
			return nil, false
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return map[string]any{names[0]: a, names[1]: b}, true
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
