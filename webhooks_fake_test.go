package composio_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeWebhookSubscriptionLifecycle(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	events := []composio.WebhookEventType{composio.WebhookEventTriggerMessage}

	sub, err := c.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{WebhookURL: "https://example.com/hook", EnabledEvents: events})
	require.NoError(t, err)
	assert.Equal(t, composio.WebhookV3, sub.Version, "V3 is the default")
	assert.NotEmpty(t, sub.Secret)
	assert.False(t, sub.CreatedAt.IsZero())

	_, err = c.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{WebhookURL: "https://example.com/other", EnabledEvents: events})
	assert.ErrorIs(t, err, composio.ErrConflict, "one subscription per project")

	got, err := c.Webhooks.GetSubscription(ctx, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, sub.Secret, got.Secret)

	updated, err := c.Webhooks.UpdateSubscription(ctx, sub.ID, composio.WebhookSubscriptionUpdateParams{
		Version: composio.WebhookV3, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage, composio.WebhookEventConnectionExpired}})
	require.NoError(t, err)
	assert.Len(t, updated.EnabledEvents, 2)
	assert.Equal(t, "https://example.com/hook", updated.WebhookURL, "fields left out are unchanged")
	assert.Equal(t, sub.Secret, updated.Secret)

	_, err = c.Webhooks.UpdateSubscription(ctx, sub.ID, composio.WebhookSubscriptionUpdateParams{Version: composio.WebhookV2})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "connection events exist only in V3")

	rotated, err := c.Webhooks.RotateSecret(ctx, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, sub.ID, rotated.ID)
	assert.NotEqual(t, sub.Secret, rotated.Secret)
	got, err = c.Webhooks.GetSubscription(ctx, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, rotated.Secret, got.Secret)

	all, err := composio.Collect(c.Webhooks.ListSubscriptionsAll(ctx, composio.WebhookSubscriptionListParams{}))
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, sub.ID, all[0].ID)

	types, err := c.Webhooks.ListEventTypes(ctx)
	require.NoError(t, err)
	require.Len(t, types.Items, 2)
	assert.Equal(t, composio.WebhookEventTriggerMessage, types.Items[0].EventType)

	del, err := c.Webhooks.DeleteSubscription(ctx, sub.ID)
	require.NoError(t, err)
	assert.True(t, del.Success)
	_, err = c.Webhooks.GetSubscription(ctx, sub.ID)
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Webhooks.RotateSecret(ctx, sub.ID)
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

func TestFakeWebhookSubscriptionValidation(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	for name, p := range map[string]composio.WebhookSubscriptionCreateParams{
		"plain http off loopback": {WebhookURL: "http://example.com/hook", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}},
		"not a URL":               {WebhookURL: "hook", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}},
		"unknown event":           {WebhookURL: "https://example.com", EnabledEvents: []composio.WebhookEventType{"composio.nope"}},
		"event not in version":    {WebhookURL: "https://example.com", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventConnectionExpired}, Version: composio.WebhookV1},
		"unknown version":         {WebhookURL: "https://example.com", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}, Version: "V9"},
	} {
		_, err := c.Webhooks.CreateSubscription(ctx, p)
		assert.ErrorIs(t, err, composio.ErrBadRequest, name)
	}
	_, err := c.Webhooks.ListSubscriptions(ctx, composio.WebhookSubscriptionListParams{Limit: 51})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	// Webhook operations take only the project key.
	userOnly, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithUserAPIKey(srv.UserAPIKey))
	require.NoError(t, err)
	_, err = userOnly.Webhooks.ListEventTypes(ctx)
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestFakeWebhookEndpoints(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()

	var resp composio.Response
	e, err := c.Webhooks.CreateEndpoint(ctx, composio.WebhookEndpointCreateParams{ToolkitSlug: "slack", ClientID: "123.456"}, composio.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Nil(t, e.Data, "not configured yet")
	assert.True(t, strings.HasPrefix(e.WebhookURL, srv.URL), e.WebhookURL)

	again, err := c.Webhooks.CreateEndpoint(ctx, composio.WebhookEndpointCreateParams{ToolkitSlug: "slack", ClientID: "123.456"}, composio.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "an existing endpoint is returned")
	assert.Equal(t, e.ID, again.ID)

	_, err = c.Webhooks.CreateEndpoint(ctx, composio.WebhookEndpointCreateParams{ToolkitSlug: "github", ClientID: "x"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = c.Webhooks.CreateEndpoint(ctx, composio.WebhookEndpointCreateParams{ToolkitSlug: "nope", ClientID: "x"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	notion, err := c.Webhooks.CreateEndpoint(ctx, composio.WebhookEndpointCreateParams{ToolkitSlug: "notion", ClientID: "n1"})
	require.NoError(t, err)

	_, err = c.Webhooks.ReplaceEndpoint(ctx, e.ID, composio.WebhookEndpointReplaceParams{Data: map[string]string{"app_id": "A1"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "signing_secret is required")
	_, err = c.Webhooks.ReplaceEndpoint(ctx, e.ID, composio.WebhookEndpointReplaceParams{Data: map[string]string{"signing_secret": "s", "color": "red"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "unknown field")

	configured, err := c.Webhooks.ReplaceEndpoint(ctx, e.ID, composio.WebhookEndpointReplaceParams{Data: map[string]string{"signing_secret": "8f2d4c6a1b3e5f70c0ff", "app_id": "A1"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"signing_secret": "****c0ff", "app_id": "A1"}, configured.Data, "secrets are masked")

	patched, err := c.Webhooks.UpdateEndpoint(ctx, e.ID, composio.WebhookEndpointUpdateParams{Data: map[string]string{"app_id": "A2"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"signing_secret": "****c0ff", "app_id": "A2"}, patched.Data, "PATCH merges")

	got, err := c.Webhooks.GetEndpoint(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, patched, got)

	list, err := c.Webhooks.ListEndpoints(ctx, composio.WebhookEndpointListParams{})
	require.NoError(t, err)
	assert.Equal(t, []composio.WebhookEndpointSummary{{ID: e.ID, ToolkitSlug: "slack", ClientID: "123.456"}, {ID: notion.ID, ToolkitSlug: "notion", ClientID: "n1"}}, list.Items)
	list, err = c.Webhooks.ListEndpoints(ctx, composio.WebhookEndpointListParams{ToolkitSlug: "notion"})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, notion.ID, list.Items[0].ID)

	_, err = c.Webhooks.GetEndpoint(ctx, "we_missing")
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

// receiver serves WebhookHandler on a loopback port and records events;
// its first failures answers are 500s (the callback fails).
type receiver struct {
	mu       sync.Mutex
	events   []*composio.TriggerEvent
	failures int
	calls    int
	url      string
}

func newReceiver(t *testing.T, secret string, failures int) *receiver {
	rc := &receiver{failures: failures}
	h := composio.WebhookHandler(secret, func(_ context.Context, ev *composio.TriggerEvent) error {
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.calls++
		if rc.calls <= rc.failures {
			return errors.New("temporarily unavailable")
		}
		rc.events = append(rc.events, ev)
		return nil
	})
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	rc.url = hs.URL + "/webhooks/composio"
	return rc
}

func (rc *receiver) received() []*composio.TriggerEvent {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]*composio.TriggerEvent(nil), rc.events...)
}

func subscribe(t *testing.T, c *composio.Client, url string, version composio.WebhookVersion) *composio.WebhookSubscription {
	t.Helper()
	sub, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
		WebhookURL: url, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}, Version: version})
	require.NoError(t, err)
	return sub
}

func TestFakeFireTriggerEndToEnd(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()

	// The secret exists once subscribed: subscribe, start the receiver with
	// it, then point the subscription at the receiver.
	sub := subscribe(t, c, "http://127.0.0.1:1/unused", composio.WebhookV3)
	rc := newReceiver(t, sub.Secret.Value(), 1) // the first delivery attempt fails
	_, err := c.Webhooks.UpdateSubscription(ctx, sub.ID, composio.WebhookSubscriptionUpdateParams{WebhookURL: rc.url})
	require.NoError(t, err)

	deliveries, err := srv.FireTrigger(ctx, composiotest.FireTriggerParams{
		TriggerSlug: "GITHUB_COMMIT_EVENT", UserID: "user_1",
		Data: map[string]any{"id": "c0ffee", "message": "Fix the build", "author": "ada", "url": "https://github.com/x/y/commit/c0ffee"},
	})
	require.NoError(t, err)
	require.Len(t, deliveries, 1)
	d := deliveries[0]
	assert.True(t, d.Delivered())
	assert.Equal(t, 2, d.Attempts, "retried after the receiver failed")
	assert.Equal(t, http.StatusNoContent, d.StatusCode)
	assert.Equal(t, sub.ID, d.SubscriptionID)

	events := rc.received()
	require.Len(t, events, 1)
	ev := events[0]
	assert.Equal(t, composio.WebhookV3, ev.PayloadVersion)
	assert.Equal(t, composio.WebhookEventTriggerMessage, ev.Type)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)
	assert.Equal(t, "user_1", ev.UserID)
	assert.Equal(t, d.WebhookID, ev.ID)
	assert.Equal(t, d.TriggerID, ev.TriggerID)
	assert.NotEmpty(t, ev.LogID)
	var commit struct{ ID, Message, Author string }
	require.NoError(t, ev.Decode(&commit))
	assert.Equal(t, "Fix the build", commit.Message)

	// After a rotation, a receiver with the old secret rejects deliveries:
	// the sender gives up after its attempts and FireTrigger reports it.
	_, err = c.Webhooks.RotateSecret(ctx, sub.ID)
	require.NoError(t, err)
	deliveries, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", MaxAttempts: 2})
	require.Error(t, err)
	require.Len(t, deliveries, 1)
	assert.False(t, deliveries[0].Delivered())
	assert.Equal(t, http.StatusBadRequest, deliveries[0].StatusCode)
	assert.Equal(t, 2, deliveries[0].Attempts)
	assert.Len(t, rc.received(), 1)
}

func TestFakeFireTriggerPayloadVersions(t *testing.T) {
	for _, version := range []composio.WebhookVersion{composio.WebhookV1, composio.WebhookV2, composio.WebhookV3} {
		t.Run(string(version), func(t *testing.T) {
			srv := composiotest.NewServer(t)
			c := srv.Client()
			sub := subscribe(t, c, "https://example.com/placeholder", version)
			rc := newReceiver(t, sub.Secret.Value(), 0)
			_, err := c.Webhooks.UpdateSubscription(context.Background(), sub.ID, composio.WebhookSubscriptionUpdateParams{WebhookURL: rc.url})
			require.NoError(t, err)

			deliveries, err := srv.FireTrigger(context.Background(), composiotest.FireTriggerParams{TriggerSlug: "slack_receive_message"})
			require.NoError(t, err)
			require.Len(t, deliveries, 1)
			assert.Equal(t, string(version), deliveries[0].Version)
			events := rc.received()
			require.Len(t, events, 1)
			ev := events[0]
			assert.Equal(t, version, ev.PayloadVersion)
			assert.Equal(t, "SLACK_RECEIVE_MESSAGE", ev.TriggerSlug)
			assert.Equal(t, deliveries[0].TriggerID, ev.TriggerID)
			var msg map[string]any
			require.NoError(t, ev.Decode(&msg))
			assert.Equal(t, "sample text", msg["text"], "without Data, a sample from the payload schema is sent")
			assert.NotContains(t, msg, "trigger_nano_id", "routing ids never leak into the data")
		})
	}
}

func TestFakeFireTriggerErrorsAndNoSubscription(t *testing.T) {
	srv := composiotest.NewServer(t)
	ctx := context.Background()
	deliveries, err := srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT"})
	require.NoError(t, err)
	assert.Empty(t, deliveries, "no subscription, no deliveries")

	_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_NOPE"})
	assert.Error(t, err)
	_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerID: "ti_missing"})
	assert.Error(t, err)
	_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{})
	assert.Error(t, err)
	_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", Data: []int{1}})
	assert.Error(t, err)
}

func TestFakeFireOverHTTP(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	sub := subscribe(t, c, "https://example.com/placeholder", composio.WebhookV3)
	rc := newReceiver(t, sub.Secret.Value(), 0)
	_, err := c.Webhooks.UpdateSubscription(context.Background(), sub.ID, composio.WebhookSubscriptionUpdateParams{WebhookURL: rc.url})
	require.NoError(t, err)

	fire := func(key, body string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/fake/triggers/fire", strings.NewReader(body))
		require.NoError(t, err)
		if key != "" {
			req.Header.Set("x-api-key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, body := fire(srv.APIKey, `{"trigger_slug":"LINEAR_ISSUE_CREATED_TRIGGER","user_id":"user_9","data":{"id":"LIN-1","title":"Ship it","state":"Todo"}}`)
	require.Equal(t, http.StatusOK, status, body)
	var out struct {
		Deliveries []struct {
			SubscriptionID string `json:"subscription_id"`
			Delivered      bool   `json:"delivered"`
			Attempts       int    `json:"attempts"`
			StatusCode     int    `json:"status_code"`
		} `json:"deliveries"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	require.Len(t, out.Deliveries, 1)
	assert.True(t, out.Deliveries[0].Delivered)
	assert.Equal(t, sub.ID, out.Deliveries[0].SubscriptionID)
	events := rc.received()
	require.Len(t, events, 1)
	assert.Equal(t, "user_9", events[0].UserID)
	assert.JSONEq(t, `{"id":"LIN-1","title":"Ship it","state":"Todo"}`, string(events[0].Data))

	status, _ = fire("", `{"trigger_slug":"LINEAR_ISSUE_CREATED_TRIGGER"}`)
	assert.Equal(t, http.StatusUnauthorized, status)
	status, _ = fire(srv.APIKey, `{"trigger_slug":"NOPE"}`)
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = fire(srv.APIKey, `{"trigger_id":"ti_nope"}`)
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = fire(srv.APIKey, `{}`)
	assert.Equal(t, http.StatusBadRequest, status)
}
