package composio_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleToolSet_Handle() {
	srv := composiotest.Start() // in your tests: composiotest.NewServer(t)
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	set, err := client.Tools.ForUser(ctx, "user_123", composio.ToolSetParams{Toolkits: []string{"composio"}})
	if err != nil {
		log.Fatal(err)
	}
	_ = set.Definitions().Strict().OpenAI() // the tools to send the model

	// The tool calls of one model turn, as the model wrote them.
	calls := []composio.ToolCall{
		{ID: "call_1", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"multiply","a":6,"b":7}`},
		{ID: "call_2", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"divide","a":1,"b":0}`},
		{ID: "call_3", Name: "COMPOSIO_CALCULATOR", Arguments: `{}`},
	}
	results, err := set.Handle(ctx, calls)
	if err != nil {
		log.Fatal(err) // the program's to fix: context, key, API down
	}
	for _, r := range results {
		fmt.Println(r.CallID, r.IsError, r.Content)
	}
	// Output:
	// call_1 false {"data":{"result":42}}
	// call_2 true {"error":"Division by zero","data":{}}
	// call_3 true {"error":"composio: no tool named \"COMPOSIO_CALCULATOR\" in this tool set; call one of the tools you were given"}
}

// WeatherQuery is a local tool's input: its schema is generated from the
// struct.
type WeatherQuery struct {
	City string `json:"city" jsonschema:"The city, such as Lisbon."`
	Unit string `json:"unit,omitempty" jsonschema:"celsius or fahrenheit; celsius when empty."`
}

func ExampleLocalTool() {
	srv := composiotest.Start()
	defer srv.Close()
	ctx := context.Background()

	weather := func(ctx context.Context, q WeatherQuery) (map[string]any, error) {
		info, _ := composio.CallInfoFromContext(ctx) // the user, and the client to call Composio
		return map[string]any{"city": q.City, "celsius": 21, "for": info.UserID}, nil
	}
	set, err := srv.Client().Tools.ForUser(ctx, "user_123", composio.ToolSetParams{Tools: []string{"COMPOSIO_ECHO"}},
		composio.LocalTool("get_weather", "Returns today's weather in a city.", weather),
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			req.Arguments["city"] = strings.TrimSpace(req.Arguments["city"].(string))
			return req, nil
		}, "get_weather"))
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range set.Definitions() {
		fmt.Println(d.Name, string(d.Parameters))
	}
	results, err := set.Handle(ctx, []composio.ToolCall{{ID: "call_1", Name: "LOCAL_GET_WEATHER", Arguments: `{"city":" Lisbon "}`}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(results[0].Content)
	// Output:
	// COMPOSIO_ECHO {"properties":{"message":{"description":"Text to echo back.","examples":["hello"],"title":"Message","type":"string"}},"required":["message"],"title":"EchoRequest","type":"object"}
	// LOCAL_GET_WEATHER {"additionalProperties":false,"properties":{"city":{"description":"The city, such as Lisbon.","type":"string"},"unit":{"description":"celsius or fahrenheit; celsius when empty.","type":"string"}},"required":["city"],"type":"object"}
	// {"data":{"celsius":21,"city":"Lisbon","for":"user_123"}}
}
