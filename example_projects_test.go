package composio_test

import (
	"context"
	"fmt"
	"log"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleProjectsService_Create() {
	srv := composiotest.Start()
	defer srv.Close()
	// Owner operations take the organization key (WithOrgAPIKey).
	projects := srv.Client().Projects

	p, err := projects.Create(context.Background(), composio.ProjectCreateParams{Name: "marketing", ShouldCreateAPIKey: true})
	if err != nil {
		log.Fatal(err)
	}
	// The first key is shown only now: store p.APIKey.Value(). Printing or
	// logging it shows REDACTED.
	fmt.Println(p.Name, p.APIKey, len(p.APIKey.Value()) > 0)
	// Output:
	// marketing [REDACTED] true
}

func ExampleProjectsService_GetUsage() {
	srv := composiotest.Start()
	defer srv.Close()
	projects := srv.Client().Projects

	// Tool calls of the last day, per toolkit, in toolkit order.
	u, err := projects.GetUsage(context.Background(), "tool_calls", composio.UsageParams{
		From: time.Now().Add(-24 * time.Hour), GroupBy: "toolkit_slug",
		OrderBy: composio.UsageOrderByKey, OrderDirection: composio.UsageSortAsc,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.TotalQuantity, u.Unit)
	for _, g := range u.Groups {
		fmt.Println(g.Key, g.TotalQuantity)
	}
	// Output:
	// 4 calls
	// composio 1
	// github 1
	// gmail 1
	// slack 1
}
