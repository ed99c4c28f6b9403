package composio_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhookReplayWithinToleranceIsRefused(t *testing.T) {
	body := []byte(vectorBody)
	header := vectorHeader("v1," + vectorSignature)
	var calls atomic.Int32
	fn := func(context.Context, *composio.TriggerEvent) error { calls.Add(1); return nil }

	// Without a guard a replay is handled again: the documented default.
	h := composio.WebhookHandler(vectorSecret, fn, atVectorTime())
	assert.Equal(t, http.StatusNoContent, deliver(h, http.MethodPost, header, body).Code)
	assert.Equal(t, http.StatusNoContent, deliver(h, http.MethodPost, header, body).Code)
	assert.Equal(t, int32(2), calls.Load())

	// With one, the replay is acknowledged and fn is not called.
	calls.Store(0)
	h = composio.WebhookHandler(vectorSecret, fn, atVectorTime(), composio.WithWebhookReplayGuard(composio.NewWebhookReplayCache(0)))
	assert.Equal(t, http.StatusNoContent, deliver(h, http.MethodPost, header, body).Code)
	replay := deliver(h, http.MethodPost, header, body)
	assert.Equal(t, http.StatusOK, replay.Code)
	assert.Equal(t, "duplicate delivery ignored\n", replay.Body.String())
	assert.Equal(t, int32(1), calls.Load())

	// A forged or tampered delivery never reaches the guard.
	assert.Equal(t, http.StatusBadRequest, deliver(h, http.MethodPost, vectorHeader("v1,AAAA"), body).Code)
	assert.Equal(t, int32(1), calls.Load())
}

func TestWebhookReplayGuardReleasesFailedDeliveries(t *testing.T) {
	body := []byte(vectorBody)
	header := vectorHeader("v1," + vectorSignature)
	fail := true
	var calls int
	fn := func(context.Context, *composio.TriggerEvent) error {
		calls++
		if fail {
			return errors.New("database down")
		}
		return nil
	}
	cache := composio.NewWebhookReplayCache(0)
	h := composio.WebhookHandler(vectorSecret, fn, atVectorTime(), composio.WithWebhookReplayGuard(cache))
	assert.Equal(t, http.StatusInternalServerError, deliver(h, http.MethodPost, header, body).Code)
	assert.Equal(t, 0, cache.Len(), "a failed delivery is released")
	fail = false
	assert.Equal(t, http.StatusNoContent, deliver(h, http.MethodPost, header, body).Code, "the sender's retry is handled")
	assert.Equal(t, http.StatusOK, deliver(h, http.MethodPost, header, body).Code)
	assert.Equal(t, 2, calls)

	// A panic releases too, and goes on up.
	cache = composio.NewWebhookReplayCache(0)
	h = composio.WebhookHandler(vectorSecret, func(context.Context, *composio.TriggerEvent) error { panic("boom") },
		atVectorTime(), composio.WithWebhookReplayGuard(cache))
	assert.PanicsWithValue(t, "boom", func() { deliver(h, http.MethodPost, header, body) })
	assert.Equal(t, 0, cache.Len())
}

func TestWebhookReplayGuardConcurrentDuplicates(t *testing.T) {
	body := []byte(vectorBody)
	var calls atomic.Int32
	release := make(chan struct{})
	fn := func(context.Context, *composio.TriggerEvent) error {
		calls.Add(1)
		<-release
		return nil
	}
	h := composio.WebhookHandler(vectorSecret, fn, atVectorTime(), composio.WithWebhookReplayGuard(composio.NewWebhookReplayCache(0)))
	codes := make(chan int, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- deliver(h, http.MethodPost, vectorHeader("v1,"+vectorSignature), body).Code
		}()
	}
	// Seven duplicates answer while the first is still running.
	for range 7 {
		assert.Equal(t, http.StatusOK, <-codes)
	}
	close(release)
	wg.Wait()
	assert.Equal(t, http.StatusNoContent, <-codes)
	assert.Equal(t, int32(1), calls.Load())
}

// recordingGuard is a WebhookReplayGuard that records its calls.
type recordingGuard struct {
	mu       sync.Mutex
	claims   []string
	ttls     []time.Duration
	releases []string
	err      error
}

func (g *recordingGuard) Claim(_ context.Context, id string, ttl time.Duration) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.claims, g.ttls = append(g.claims, id), append(g.ttls, ttl)
	return g.err == nil, g.err
}

func (g *recordingGuard) Release(_ context.Context, id string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.releases = append(g.releases, id)
	return nil
}

func TestWebhookReplayGuardKeepsIDsForTheToleranceWindow(t *testing.T) {
	body := []byte(vectorBody)
	ok := func(context.Context, *composio.TriggerEvent) error { return nil }
	for name, tc := range map[string]struct {
		opts []composio.WebhookOption
		ttl  time.Duration
	}{
		// Sent 30 s before the clock: acceptable for 270 s more.
		"default tolerance": {ttl: 270 * time.Second},
		"one minute":        {opts: []composio.WebhookOption{composio.WithWebhookTolerance(time.Minute)}, ttl: 30 * time.Second},
		"check off":         {opts: []composio.WebhookOption{composio.WithWebhookTolerance(0)}, ttl: 270 * time.Second},
		"edge of window":    {opts: []composio.WebhookOption{composio.WithWebhookTolerance(30 * time.Second)}, ttl: time.Second},
	} {
		g := &recordingGuard{}
		opts := append([]composio.WebhookOption{atVectorTime(), composio.WithWebhookReplayGuard(g)}, tc.opts...)
		h := composio.WebhookHandler(vectorSecret, ok, opts...)
		require.Equal(t, http.StatusNoContent, deliver(h, http.MethodPost, vectorHeader("v1,"+vectorSignature), body).Code, name)
		assert.Equal(t, []string{vectorID}, g.claims, name)
		assert.Equal(t, []time.Duration{tc.ttl}, g.ttls, name)
		assert.Empty(t, g.releases, name)
	}

	// A guard that fails makes the sender retry; fn is not called.
	g := &recordingGuard{err: errors.New("redis down")}
	called := false
	h := composio.WebhookHandler(vectorSecret, func(context.Context, *composio.TriggerEvent) error { called = true; return nil },
		atVectorTime(), composio.WithWebhookReplayGuard(g))
	assert.Equal(t, http.StatusInternalServerError, deliver(h, http.MethodPost, vectorHeader("v1,"+vectorSignature), body).Code)
	assert.False(t, called)
}

func TestWebhookReplayGuardOptions(t *testing.T) {
	h := composio.WebhookHandler(vectorSecret, func(context.Context, *composio.TriggerEvent) error { return nil },
		atVectorTime(), composio.WithWebhookReplayGuard(nil))
	assert.Equal(t, http.StatusInternalServerError, deliver(h, http.MethodPost, vectorHeader("v1,"+vectorSignature), []byte(vectorBody)).Code)

	_, err := composio.VerifyWebhook(vectorSecret, vectorHeader("v1,"+vectorSignature), []byte(vectorBody), atVectorTime(),
		composio.WithWebhookReplayGuard(composio.NewWebhookReplayCache(0)))
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "Claim")
}

func TestWebhookReplayCache(t *testing.T) {
	ctx := context.Background()
	c := composio.NewWebhookReplayCache(3)
	for i := range 3 {
		fresh, err := c.Claim(ctx, fmt.Sprint("msg_", i), time.Duration(i+1)*time.Hour)
		require.NoError(t, err)
		assert.True(t, fresh)
	}
	fresh, _ := c.Claim(ctx, "msg_1", time.Hour)
	assert.False(t, fresh, "claimed already")

	// Full: the id closest to expiring goes first.
	fresh, _ = c.Claim(ctx, "msg_3", time.Hour)
	assert.True(t, fresh)
	assert.Equal(t, 3, c.Len())
	fresh, _ = c.Claim(ctx, "msg_0", time.Hour)
	assert.True(t, fresh, "msg_0, the closest to expiring, was evicted")
	fresh, _ = c.Claim(ctx, "msg_2", time.Hour)
	assert.False(t, fresh)

	// Released ids are claimable again, and many releases stay bounded.
	require.NoError(t, c.Release(ctx, "msg_2"))
	fresh, _ = c.Claim(ctx, "msg_2", time.Hour)
	assert.True(t, fresh)
	for i := range 10_000 {
		id := fmt.Sprint("retry_", i%5)
		_, _ = c.Claim(ctx, id, time.Hour)
		_ = c.Release(ctx, id)
	}
	assert.LessOrEqual(t, c.Len(), 3)
}
