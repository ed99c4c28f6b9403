// Command realtime-triggers receives Composio trigger events as they
// happen, over a websocket: no public URL, no webhook receiver, so it runs
// on a laptop, in CI or behind a firewall.
//
// Offline (no COMPOSIO_API_KEY) it subscribes to a fake Composio server
// started in this process, fires a GitHub commit event there, prints the
// event it receives and exits. With COMPOSIO_API_KEY set it subscribes to
// your project's events and prints them until interrupted (Ctrl-C).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "realtime-triggers:", err)
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

// commit is the data of a GITHUB_COMMIT_EVENT (the trigger type's Payload
// schema).
type commit struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Author  string `json:"author"`
}

func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, out io.Writer) error {
	// Subscribe returns once the subscription is live: an event fired from
	// now on arrives. Filters (toolkits, trigger slugs, user...) are
	// optional; this one keeps every event of the project.
	sub, err := client.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	if err != nil {
		return err
	}
	defer sub.Close()
	fmt.Fprintln(out, "Subscribed to the project's trigger events (no public URL needed)")

	if fake == nil {
		// Online: print events until interrupted. The subscription
		// reconnects by itself after a dropped connection.
		fmt.Fprintln(out, "Waiting for events; press Ctrl-C to stop.")
		for ev, err := range sub.Events() {
			if err != nil {
				return err // the server refused the subscription for good
			}
			printEvent(out, ev)
		}
		return nil // interrupted
	}

	// Offline, the fake plays GitHub: it fires the trigger, and the event
	// reaches every subscriber.
	_, err = fake.FireTrigger(ctx, composiotest.FireTriggerParams{
		TriggerSlug: "GITHUB_COMMIT_EVENT",
		UserID:      "user_123",
		Data:        commit{ID: "c0ffee1", Message: "Fix the flaky test", Author: "ada"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Fired GITHUB_COMMIT_EVENT in the fake server")
	ev, err := sub.Next(ctx)
	if err != nil {
		return err
	}
	printEvent(out, ev)
	return nil
}

func printEvent(out io.Writer, ev *composio.TriggerEvent) {
	fmt.Fprintf(out, "Received a %s event (%s payload)\n", ev.Type, ev.PayloadVersion)
	fmt.Fprintf(out, "  trigger: %s for user %s\n", ev.TriggerSlug, ev.UserID)
	if ev.TriggerSlug == "GITHUB_COMMIT_EVENT" {
		var c commit
		if err := ev.Decode(&c); err == nil {
			fmt.Fprintf(out, "  commit:  %s %q by %s\n", c.ID, c.Message, c.Author)
			return
		}
	}
	fmt.Fprintf(out, "  data:    %s\n", ev.Data)
}
