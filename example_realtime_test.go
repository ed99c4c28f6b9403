package composio_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleTriggersService_Subscribe() {
	srv := composiotest.Start() // the fake speaks the same protocol as Composio
	defer srv.Close()
	client := srv.Client()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	// Only GitHub events of one user. Subscribe returns once the
	// subscription is live.
	sub, err := client.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{
		Toolkits: []string{"github"},
		UserID:   "user_123",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sub.Close()

	for _, fire := range []composiotest.FireTriggerParams{
		{TriggerSlug: "SLACK_RECEIVE_MESSAGE", UserID: "user_123"}, // filtered out
		{TriggerSlug: "GITHUB_COMMIT_EVENT", UserID: "user_123", Data: map[string]string{"id": "c0ffee", "message": "Fix the build"}},
	} {
		if _, err := srv.FireTrigger(ctx, fire); err != nil {
			fmt.Println(err)
			return
		}
	}

	for ev, err := range sub.Events() {
		if err != nil {
			fmt.Println("ended:", err) // refused for good, e.g. errors.Is(err, composio.ErrRealtimeClosed)
			return
		}
		var commit struct{ ID, Message string }
		if err := ev.Decode(&commit); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(ev.TriggerSlug, ev.UserID, commit.Message)
		break // a real program keeps going until ctx ends
	}

	// Close ends it; Next then says so.
	_ = sub.Close()
	_, err = sub.Next(ctx)
	fmt.Println(errors.Is(err, composio.ErrSubscriptionClosed))
	// Output:
	// GITHUB_COMMIT_EVENT user_123 Fix the build
	// true
}
