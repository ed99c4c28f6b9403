package composio_test

import (
	"context"
	"fmt"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleToolRouterService_Execute() {
	srv := composiotest.Start()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	session, err := client.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "user_123"})
	if err != nil {
		panic(err)
	}
	exec, err := client.ToolRouter.Execute(ctx, session.ID, composio.SessionExecuteParams{
		ToolSlug:  "COMPOSIO_ECHO",
		Arguments: map[string]any{"message": "hello"},
	})
	if err != nil {
		panic(err) // the call failed
	}
	if err := exec.Err(); err != nil {
		panic(err) // the tool ran and failed
	}
	var out struct {
		Echo struct {
			Message string `json:"message"`
		} `json:"echo"`
	}
	if err := exec.Decode(&out); err != nil {
		panic(err)
	}
	fmt.Println(out.Echo.Message)
	// Output: hello
}

func ExampleMCPService_GenerateURL() {
	srv := composiotest.Start()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	server, err := client.MCP.Create(ctx, composio.MCPServerCreateParams{
		Name:       "Utilities",
		NoAuthApps: []string{"composio"},
	})
	if err != nil {
		panic(err)
	}
	urls, err := client.MCP.GenerateURL(ctx, composio.MCPGenerateURLParams{
		ServerID: server.ID,
		UserIDs:  []string{"user_123"},
	})
	if err != nil {
		panic(err)
	}
	u := urls.UserIDURLs[0]
	fmt.Println(strings.HasPrefix(u, server.MCPURL), u[strings.Index(u, "?"):])
	// Output: true ?user_id=user_123
}
