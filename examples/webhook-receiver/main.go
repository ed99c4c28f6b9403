// Command webhook-receiver receives Composio trigger events: it serves
// composio.WebhookHandler on a local port, subscribes that URL to trigger
// events, fires a GitHub commit event through the fake server and prints
// the verified event it receives.
//
// Offline by default (an in-process fake); with COMPOSIO_API_KEY set it
// prints how to receive real events, since Composio cannot reach a
// loopback address.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

// commit is the data of a GITHUB_COMMIT_EVENT (the trigger type's Payload
// schema).
type commit struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Author  string `json:"author"`
	URL     string `json:"url"`
}

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
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
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

// run receives one event offline, from the in-process fake; online (fake
// is nil) it explains how to receive real ones.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, out io.Writer) error {
	if fake == nil {
		return instructions(ctx, client, out)
	}

	// Listen first: the subscription needs the URL, and the handler needs
	// the secret the subscription returns.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	url := "http://" + l.Addr().String() + "/webhooks/composio"
	sub, err := client.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{
		WebhookURL:    url,
		EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage},
		Version:       composio.WebhookV3,
	})
	if err != nil {
		l.Close()
		return err
	}
	fmt.Fprintf(out, "Subscribed the local receiver to %s events (%s payloads)\n", sub.EnabledEvents[0], sub.Version)

	events := make(chan *composio.TriggerEvent, 1)
	mux := http.NewServeMux()
	mux.Handle("/webhooks/composio", composio.WebhookHandler(sub.Secret.Value(), func(ctx context.Context, ev *composio.TriggerEvent) error {
		select {
		case events <- ev:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(l) }()
	defer hs.Close()

	// Offline, the fake plays GitHub: it fires the trigger and delivers a
	// signed event to every subscription.
	deliveries, err := fake.FireTrigger(ctx, composiotest.FireTriggerParams{
		TriggerSlug: "GITHUB_COMMIT_EVENT",
		UserID:      "user_123",
		Data: commit{ID: "c0ffee1", Message: "Fix the flaky test", Author: "ada",
			URL: "https://github.com/composiohq/composio/commit/c0ffee1"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Fired GITHUB_COMMIT_EVENT: the receiver answered %d\n", deliveries[0].StatusCode)

	select {
	case ev := <-events:
		var c commit
		if err := ev.Decode(&c); err != nil {
			return err
		}
		fmt.Fprintf(out, "Received a verified %s event (%s payload)\n", ev.Type, ev.PayloadVersion)
		fmt.Fprintf(out, "  trigger: %s for user %s\n", ev.TriggerSlug, ev.UserID)
		fmt.Fprintf(out, "  commit:  %s %q by %s\n", c.ID, c.Message, c.Author)
	case <-time.After(5 * time.Second):
		return errors.New("no event arrived within 5s")
	}

	// A delivery signed with another secret is refused with 400.
	forged := composio.SignWebhook("not-the-secret", "msg_forged", time.Now(), deliveries[0].Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(deliveries[0].Body))
	if err != nil {
		return err
	}
	req.Header = forged
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	fmt.Fprintf(out, "A forged delivery was answered %d\n", resp.StatusCode)
	return nil
}

// instructions explains how to receive real events: Composio must reach
// the receiver over https, so it cannot run on this machine's loopback.
func instructions(ctx context.Context, client *composio.Client, out io.Writer) error {
	types, err := client.Webhooks.ListEventTypes(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Composio can deliver these events:")
	for _, et := range types.Items {
		fmt.Fprintf(out, "  %s: %s\n", et.EventType, et.Description)
	}
	fmt.Fprint(out, `To receive them:
  1. Expose a receiver over https (a deployed service, or a tunnel to this machine).
  2. Subscribe it once: client.Webhooks.CreateSubscription with its URL and
     composio.WebhookEventTriggerMessage; keep the returned Secret.
  3. Serve composio.WebhookHandler(secret, yourFunc) at that URL.
  4. Switch a trigger on for a connected account: client.Triggers.Upsert.
Run without COMPOSIO_API_KEY to see the whole flow against the built-in fake.
`)
	return nil
}
