// Command custom-tools gives an agent a tool written in Go next to
// Composio's: a local order lookup (LOCAL_LOOKUP_ORDER) that runs in this
// process and is never sent to Composio, and Composio's echo tool, changed
// by modifiers into the "send a note to the customer" step of a support
// agent. One tool set holds both; one Handle call per model turn runs
// them.
//
// The model is a scripted stand-in that reads the schemas it is given.
// Offline by default (an in-process fake); set COMPOSIO_API_KEY to use the
// real API. The echo tool is the fake's (the real composio toolkit holds
// Composio's meta tools instead), so online the scripted model does not
// find the tools of its script and the example stops with an error. For a
// model against real tools, see the providers' examples
// (providers/*/examples).
//
//	go run ./examples/custom-tools
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "custom-tools:", err)
		os.Exit(1)
	}
}

func start(ctx context.Context) error {
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

// OrderQuery is the input of the local tool. The model sees its schema,
// generated from the struct: json names, descriptions from the jsonschema
// tags, and every field without omitempty required.
type OrderQuery struct {
	OrderID string `json:"order_id" jsonschema:"The order number, such as A-1001."`
	// Verbose asks for the items too.
	Verbose bool `json:"verbose,omitempty" jsonschema:"Include the items of the order."`
}

// Order is what the local tool returns; the model reads it as JSON.
type Order struct {
	OrderID string   `json:"order_id"`
	Status  string   `json:"status"`
	Carrier string   `json:"carrier,omitempty"`
	Items   []string `json:"items,omitempty"`
}

// orders stands in for your own database.
var orders = map[string]Order{
	"A-1001": {OrderID: "A-1001", Status: "shipped", Carrier: "DHL", Items: []string{"kettle", "mugs"}},
}

// lookupOrder is a plain Go function; LocalTool turns it into a tool.
// Its error goes back to the model as a failed result, not to the program.
func lookupOrder(ctx context.Context, q OrderQuery) (Order, error) {
	o, ok := orders[strings.ToUpper(q.OrderID)]
	if !ok {
		return Order{}, fmt.Errorf("no order %q; order numbers look like A-1001", q.OrderID)
	}
	if !q.Verbose {
		o.Items = nil
	}
	return o, nil
}

func run(ctx context.Context, client *composio.Client, _ *composiotest.Server, out io.Writer) error {
	set, err := client.Tools.ForUser(ctx, "customer_42", composio.ToolSetParams{Tools: []string{"COMPOSIO_ECHO"}},
		composio.LocalTool("lookup_order", "Looks up the status of one of the customer's orders.", lookupOrder),

		// What the model reads about the echo tool: a note to the customer.
		composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Name = "send_note"
			d.Description = "Sends a short note to the customer."
			return d
		}, "COMPOSIO_ECHO"),

		// Before the note goes out: refuse notes that promise refunds, sign
		// the others.
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			msg, _ := req.Arguments["message"].(string)
			if strings.Contains(strings.ToLower(msg), "refund") {
				return req, errors.New("notes about refunds need a human; tell the customer a colleague will follow up")
			}
			req.Arguments["message"] = msg + " — Acme support"
			return req, nil
		}, "COMPOSIO_ECHO"),
	)
	if err != nil {
		return err
	}
	for _, d := range set.Definitions() {
		fmt.Fprintf(out, "tool %s (%s): %s\n", d.Name, d.ToolSlug, d.Description)
	}

	model := scriptedModel{}
	messages := []message{{Role: "user", Content: "Where is my order a-1001? Send me a note, and a refund for the mugs."}}
	fmt.Fprintf(out, "user: %s\n", messages[0].Content)
	for range 6 {
		reply, err := model.Complete(set.Definitions().OpenAI(), messages)
		if err != nil {
			return err
		}
		messages = append(messages, reply)
		if len(reply.ToolCalls) == 0 {
			fmt.Fprintf(out, "assistant: %s\n", reply.Content)
			return nil
		}
		results, err := set.Handle(ctx, reply.ToolCalls)
		if err != nil {
			return err
		}
		for i, r := range results {
			mark := ""
			if r.IsError {
				mark = " (failed)"
			}
			fmt.Fprintf(out, "%s %s -> %s%s\n", r.Name, reply.ToolCalls[i].Arguments, r.Content, mark)
			messages = append(messages, message{Role: "tool", ToolCallID: r.CallID, Content: r.Content})
		}
	}
	return errors.New("the model did not finish")
}

// message is one entry of the conversation, as chat APIs keep it.
type message struct {
	Role       string // user, assistant, tool
	Content    string
	ToolCalls  []composio.ToolCall
	ToolCallID string
}

// scriptedModel stands in for an LLM: it looks the order up, then sends
// two notes in one turn (one the modifier refuses), then answers.
type scriptedModel struct{ turn int }

func (m *scriptedModel) Complete(tools []composio.OpenAITool, messages []message) (message, error) {
	has := func(name string) bool {
		for _, t := range tools {
			if t.Function.Name == name {
				return true
			}
		}
		return false
	}
	if !has("LOCAL_LOOKUP_ORDER") || !has("send_note") {
		return message{}, errors.New("the tools the model needs are missing")
	}
	m.turn++
	switch m.turn {
	case 1:
		return message{Role: "assistant", ToolCalls: []composio.ToolCall{
			{ID: "call_1", Name: "LOCAL_LOOKUP_ORDER", Arguments: `{"order_id":"a-1001","verbose":true}`},
		}}, nil
	case 2:
		var order struct {
			Data Order `json:"data"`
		}
		if err := json.Unmarshal([]byte(messages[len(messages)-1].Content), &order); err != nil {
			return message{}, err
		}
		note, _ := json.Marshal(map[string]string{"message": fmt.Sprintf("Your order %s has %s with %s.", order.Data.OrderID, order.Data.Status, order.Data.Carrier)})
		return message{Role: "assistant", ToolCalls: []composio.ToolCall{
			{ID: "call_2", Name: "send_note", Arguments: string(note)},
			{ID: "call_3", Name: "send_note", Arguments: `{"message":"Your refund for the mugs is on its way."}`},
		}}, nil
	}
	return message{Role: "assistant", Content: "Your order A-1001 has shipped with DHL; a colleague will follow up about the refund."}, nil
}
