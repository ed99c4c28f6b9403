package composio_test

import (
	"context"
	"fmt"
	"log"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleLogsService_ListToolExecutionsAll() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()

	failed := composio.LogListParams{Filters: []composio.LogFilter{
		{Field: composio.LogFieldStatus, Operator: composio.LogOpEquals, Value: string(composio.LogStatusFailed)},
	}}
	for l, err := range client.Logs.ListToolExecutionsAll(context.Background(), failed) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(l.Metadata["tool_slug"], l.Status, l.Message)

		// The full entry holds the tool's input and output.
		d, err := client.Logs.GetToolExecution(context.Background(), l.ID)
		if err != nil {
			log.Fatal(err)
		}
		var data struct {
			Request map[string]any `json:"request"`
		}
		if err := d.Decode(&data); err != nil {
			log.Fatal(err)
		}
		fmt.Println(data.Request["recipient_email"])
	}
	// Output:
	// GMAIL_SEND_EMAIL failed Recipient address rejected: invalid domain
	// bob@invalid
}
