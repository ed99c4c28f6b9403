package composiotest

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawDelivery is one request the fake sent, as received.
type rawDelivery struct {
	header http.Header
	body   []byte
}

// TestDeliveriesAreSignedAsDocumented checks the fake's deliveries with an
// independent implementation of the documented scheme (not the SDK's
// verifier): webhook-id, webhook-timestamp in Unix seconds at the fake's
// clock, and "v1," + base64(HMAC-SHA256(secret, id.timestamp.body)). A
// retry keeps the id and body and is signed afresh.
func TestDeliveriesAreSignedAsDocumented(t *testing.T) {
	var (
		mu  sync.Mutex
		got []rawDelivery
	)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, rawDelivery{r.Header.Clone(), body})
		first := len(got) == 1
		mu.Unlock()
		if first {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(hs.Close)

	var clockMu sync.Mutex
	now := time.Unix(1757500000, 0)
	srv := NewServer(t, WithClock(func() time.Time {
		clockMu.Lock()
		defer clockMu.Unlock()
		now = now.Add(time.Second) // each reading of the clock is a second later
		return now
	}))
	c := srv.Client()
	sub, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
		WebhookURL: hs.URL, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)

	deliveries, err := srv.FireTrigger(context.Background(), FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", MaxAttempts: 2})
	require.NoError(t, err)
	require.Len(t, deliveries, 1)
	assert.Equal(t, 2, deliveries[0].Attempts)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, 2)
	for _, d := range got {
		id, ts := d.header.Get("webhook-id"), d.header.Get("webhook-timestamp")
		assert.Equal(t, deliveries[0].WebhookID, id)
		assert.Equal(t, deliveries[0].Body, d.body)
		seconds, err := strconv.ParseInt(ts, 10, 64)
		require.NoError(t, err, "Unix seconds")
		assert.InDelta(t, 1757500000, seconds, 60, "signed at the fake's clock")

		m := hmac.New(sha256.New, []byte(sub.Secret.Value())) // the secret's bytes, as given
		m.Write([]byte(id + "." + ts + "."))
		m.Write(d.body)
		assert.Equal(t, "v1,"+base64.StdEncoding.EncodeToString(m.Sum(nil)), d.header.Get("webhook-signature"))
		assert.Equal(t, "application/json", d.header.Get("Content-Type"))

		var payload struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		}
		require.NoError(t, json.Unmarshal(d.body, &payload))
		assert.Equal(t, id, payload.ID, "a V3 event's id is the delivery's webhook-id")
		assert.Equal(t, "composio.trigger.message", payload.Type)
	}
	assert.NotEqual(t, got[0].header.Get("webhook-timestamp"), got[1].header.Get("webhook-timestamp"), "a retry is signed afresh")
}

// TestDeliveriesDoNotHoldTheLock checks that a receiver can call the fake
// while a delivery is in flight, and that a failing receiver is retried
// meanwhile: the fake holds no lock while it delivers.
func TestDeliveriesDoNotHoldTheLock(t *testing.T) {
	srv := NewServer(t)
	c := srv.Client()
	var (
		mu    sync.Mutex
		calls int
	)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A receiver that looks the trigger up while handling its event.
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if _, err := c.Triggers.ListActive(ctx, composio.TriggerListActiveParams{}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(hs.Close)
	_, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
		WebhookURL: hs.URL, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)

	deliveries, err := srv.FireTrigger(context.Background(), FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT"})
	require.NoError(t, err)
	require.Len(t, deliveries, 1)
	assert.Equal(t, 2, deliveries[0].Attempts)
	assert.Equal(t, http.StatusNoContent, deliveries[0].StatusCode)
}
