package composio_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleVerifyWebhook() {
	// What Composio sends: a V3 trigger event and its signature headers.
	secret := "whsec_example"
	body := []byte(`{"id":"msg_1","timestamp":"2025-09-10T10:26:40Z","type":"composio.trigger.message",` +
		`"metadata":{"log_id":"log_1","trigger_slug":"GITHUB_COMMIT_EVENT","trigger_id":"ti_1",` +
		`"connected_account_id":"ca_1","auth_config_id":"ac_1","user_id":"user_123"},` +
		`"data":{"id":"c0ffee","message":"Fix the build"}}`)
	header := composio.SignWebhook(secret, "msg_1", time.Now(), body)

	ev, err := composio.VerifyWebhook(secret, header, body)
	if err != nil {
		fmt.Println("rejected:", err)
		return
	}
	var commit struct{ ID, Message string }
	if err := ev.Decode(&commit); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.TriggerSlug, ev.UserID, ev.PayloadVersion, commit.Message)

	// One changed byte and the delivery is refused.
	_, err = composio.VerifyWebhook(secret, header, append(body[:len(body)-1:len(body)-1], ' '))
	fmt.Println(errors.Is(err, composio.ErrWebhookSignatureMismatch), errors.Is(err, composio.ErrWebhookInvalid))
	// Output:
	// GITHUB_COMMIT_EVENT user_123 V3 Fix the build
	// true true
}

func ExampleWebhookHandler() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// The receiver's address is needed to subscribe, and the subscription's
	// secret to verify: listen first, subscribe, then serve.
	receiver := httptest.NewUnstartedServer(nil)
	defer receiver.Close()
	sub, err := client.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{
		WebhookURL:    "http://" + receiver.Listener.Addr().String() + "/webhooks/composio",
		EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	received := make(chan *composio.TriggerEvent, 1)
	receiver.Config.Handler = composio.WebhookHandler(sub.Secret.Value(), func(_ context.Context, ev *composio.TriggerEvent) error {
		received <- ev // WebhookHandler verified the delivery first
		return nil
	})
	receiver.Start()

	// The fake plays the provider and Composio: the trigger fires and a
	// signed event is delivered.
	deliveries, err := srv.FireTrigger(ctx, composiotest.FireTriggerParams{
		TriggerSlug: "SLACK_RECEIVE_MESSAGE",
		Data:        map[string]string{"channel": "C1", "text": "hello", "user": "U1", "ts": "1.0"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev := <-received
	fmt.Println(deliveries[0].StatusCode, ev.TriggerSlug, strings.Contains(string(ev.Data), `"text":"hello"`))
	// Output:
	// 204 SLACK_RECEIVE_MESSAGE true
}
