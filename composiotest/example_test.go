package composiotest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

// The test of the package doc, kept here so that it compiles and passes.
func TestEcho(t *testing.T) {
	srv := composiotest.NewServer(t) // a fake on a loopback port, closed when the test ends
	res, err := srv.Client().Tools.Execute(context.Background(), composiotest.ToolComposioEcho,
		composio.ToolExecuteParams{Version: composiotest.VersionComposio, Arguments: map[string]any{"message": "hi"}})
	if err != nil || !res.Successful {
		t.Fatal(err, res)
	}
}

// A first test: a fake server, its client, and a tool that runs. In a
// test, composiotest.NewServer(t) closes the server for you.
func Example() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client() // all keys set, retry waits in milliseconds

	res, err := client.Tools.Execute(context.Background(), composiotest.ToolComposioEcho, composio.ToolExecuteParams{
		Version:   composiotest.VersionComposio,
		Arguments: map[string]any{"message": "hello"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct {
		Echo struct {
			Message string `json:"message"`
		} `json:"echo"`
	}
	if err := res.Decode(&out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Successful, out.Echo.Message)
	// Output: true hello
}

// An aimed fault: the next disable of any account answers 503 with
// retry-after-ms, as an overloaded API would. The client retries it and
// succeeds; nothing else is touched. Without retries, the error is the
// API's envelope.
func ExampleFake_AddFault() {
	srv := composiotest.Start()
	defer srv.Close()
	ctx := context.Background()
	account := srv.SeedActiveAccount("user_1", composiotest.ToolkitGitHub)

	disable := composiotest.Fault{
		Method: "PATCH", Path: "/connected_accounts/{nanoid}/status",
		Times: 1, Status: http.StatusServiceUnavailable, RetryAfterMs: 5,
	}
	srv.AddFault(disable)
	err := srv.Client().ConnectedAccounts.Disable(ctx, account)
	fmt.Println("disabled after a retry:", err == nil)
	attempts := 0
	for _, r := range srv.Requests() {
		if r.Method == "PATCH" {
			attempts++
		}
	}
	fmt.Println("attempts:", attempts)

	srv.AddFault(disable)
	err = srv.Client().ConnectedAccounts.Enable(ctx, account, composio.WithRequestMaxRetries(0))
	var apiErr *composio.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message, apiErr.RetryAfter)
	}
	// Output:
	// disabled after a retry: true
	// attempts: 2
	// 503 injected failure: 503 Service Unavailable 5ms
}

// Latency: the fake holds the answer longer than the call allows, and the
// call times out.
func ExampleFault_latency() {
	srv := composiotest.Start()
	defer srv.Close()
	srv.AddFault(composiotest.Fault{Path: "/toolkits/{slug}", Latency: time.Minute})

	_, err := srv.Client().Toolkits.Get(context.Background(), composiotest.ToolkitGitHub, composio.ToolkitGetParams{},
		composio.WithRequestTimeout(20*time.Millisecond), composio.WithRequestMaxRetries(0))
	var timeout interface{ Timeout() bool }
	fmt.Println("timed out:", errors.As(err, &timeout) && timeout.Timeout())
	// Output: timed out: true
}

// A connected account in any status, without the connection flow: here an
// expired one, for testing a clean-up job.
func ExampleFake_SeedConnectedAccount() {
	srv := composiotest.Start()
	defer srv.Close()
	srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{
		UserID: "user_1", ToolkitSlug: composiotest.ToolkitGmail, Status: "EXPIRED", Alias: "work",
	})
	srv.SeedActiveAccount("user_1", composiotest.ToolkitGitHub) // ACTIVE

	page, err := srv.Client().ConnectedAccounts.List(context.Background(), composio.ConnectedAccountListParams{
		Statuses: []composio.ConnectedAccountStatus{composio.StatusExpired},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range page.Items {
		fmt.Println(a.UserID, a.Toolkit.Slug, a.Alias, a.Status)
	}
	// Output: user_1 gmail work EXPIRED
}

// A trigger fired to a webhook receiver: the fake signs and delivers the
// event, and composio.WebhookHandler verifies it.
func ExampleFake_FireTrigger() {
	srv := composiotest.Start()
	defer srv.Close()
	ctx := context.Background()

	// The receiver's URL first (the subscription needs it), its handler
	// after (it needs the subscription's secret).
	receiver := httptest.NewUnstartedServer(nil)
	defer receiver.Close()
	sub, err := srv.Client().Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{
		WebhookURL:    "http://" + receiver.Listener.Addr().String(),
		EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	events := make(chan *composio.TriggerEvent, 1)
	receiver.Config.Handler = composio.WebhookHandler(sub.Secret.Value(), func(ctx context.Context, ev *composio.TriggerEvent) error {
		events <- ev
		return nil
	})
	receiver.Start()

	deliveries, err := srv.FireTrigger(ctx, composiotest.FireTriggerParams{
		TriggerSlug: composiotest.TriggerGitHubCommitEvent,
		UserID:      "user_1",
		Data:        map[string]any{"id": "c0ffee", "message": "Fix the build"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev := <-events
	var commit struct {
		Message string `json:"message"`
	}
	_ = ev.Decode(&commit)
	fmt.Println(deliveries[0].StatusCode, ev.TriggerSlug, ev.UserID, commit.Message)
	// Output: 204 GITHUB_COMMIT_EVENT user_1 Fix the build
}

// The request log: what the client sent, as sent.
func ExampleFake_Requests() {
	srv := composiotest.Start()
	defer srv.Close()
	_, _ = srv.Client().ConnectedAccounts.List(context.Background(), composio.ConnectedAccountListParams{
		UserIDs: []string{"user_1"}, Limit: 5,
	})

	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Query)
		fmt.Println("key sent:", r.Header.Get("x-api-key") == srv.APIKey, strings.HasPrefix(r.Header.Get("User-Agent"), "composio-go/"))
	}
	// Output:
	// GET /api/v3.1/connected_accounts user_ids%5B%5D=user_1&limit=5
	// key sent: true true
}

// The README's first test, kept here so that it compiles and passes.
func TestDisableIsRetried(t *testing.T) {
	srv := composiotest.NewServer(t) // closed when the test ends
	client := srv.Client()           // a *composio.Client for it: all keys, millisecond retry waits
	id := srv.SeedActiveAccount("user_1", composiotest.ToolkitGitHub)
	srv.AddFault(composiotest.Fault{ // the next disable fails once; nothing else does
		Method: "PATCH", Path: "/connected_accounts/{nanoid}/status",
		Times: 1, Status: http.StatusServiceUnavailable, RetryAfterMs: 5,
	})
	if err := client.ConnectedAccounts.Disable(context.Background(), id); err != nil {
		t.Fatal(err) // the client waited 5 ms and retried
	}
	for _, r := range srv.Requests() { // everything the server received
		t.Log(r.Method, r.Path, r.Query)
	}
}
