package composio_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleToolkitsService_ListAll() {
	srv := composiotest.Start() // in your tests: composiotest.NewServer(t)
	defer srv.Close()
	client := srv.Client()

	for tk, err := range client.Toolkits.ListAll(context.Background(), composio.ToolkitListParams{Category: "communication"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tk.Slug, tk.Meta.Version)
	}
	// Output:
	// gmail 20250909_00
	// slack 20250820_00
}

func ExampleError() {
	srv := composiotest.Start()
	defer srv.Close()

	_, err := srv.Client().Toolkits.Get(context.Background(), "no-such-toolkit", composio.ToolkitGetParams{})
	var apiErr *composio.Error
	if errors.Is(err, composio.ErrNotFound) && errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output:
	// 404 Toolkit no-such-toolkit not found
}

func ExampleCollect() {
	srv := composiotest.Start()
	defer srv.Close()

	all, err := composio.Collect(srv.Client().Toolkits.ListAll(context.Background(), composio.ToolkitListParams{Limit: 2}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(all), "toolkits")
	// Output:
	// 8 toolkits
}
