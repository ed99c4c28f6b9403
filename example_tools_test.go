package composio_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleToolsService_Execute() {
	srv := composiotest.Start() // in your tests: composiotest.NewServer(t)
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	res, err := client.Tools.Execute(ctx, "COMPOSIO_CALCULATE", composio.ToolExecuteParams{
		Arguments: map[string]any{"operation": "multiply", "a": 6, "b": 7},
		Version:   "20250901_00", // pinned: an execution never runs at "latest" by accident
	})
	if err != nil {
		log.Fatal(err) // the request failed
	}
	if err := res.Err(); err != nil {
		log.Fatal(err) // the tool ran and failed
	}
	var out struct {
		Result float64 `json:"result"`
	}
	if err := res.Decode(&out); err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Result)
	// Output:
	// 42
}

func ExampleToolDefinitions() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()

	tool, err := client.Tools.Get(context.Background(), "COMPOSIO_ECHO", composio.ToolGetParams{})
	if err != nil {
		log.Fatal(err)
	}
	defs := composio.ToolDefinitions([]composio.Tool{*tool})
	entry, _ := json.Marshal(defs.Anthropic()[0]) // or defs.OpenAI(), defs.Gemini()
	var shape map[string]any
	_ = json.Unmarshal(entry, &shape)
	fmt.Println(shape["name"], shape["input_schema"].(map[string]any)["type"])
	// Output:
	// COMPOSIO_ECHO object
}

func ExampleTriggersService_Upsert() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	srv.SeedActiveAccount("user_1", "github") // in production: the connection flow
	ref, err := client.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{
		UserID:        "user_1",
		TriggerConfig: map[string]any{"owner": "acme", "repo": "web"},
	})
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.Triggers.ListActive(ctx, composio.TriggerListActiveParams{UserIDs: []string{"user_1"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page.Items), page.Items[0].ID == ref.TriggerID)
	// Output:
	// 1 true
}
