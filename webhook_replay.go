package composio

import (
	"container/heap"
	"context"
	"fmt"
	"sync"
	"time"
)

// WebhookReplayGuard remembers the deliveries a [WebhookHandler] accepted,
// by webhook-id, so that a delivery sent again (replayed by someone who
// captured it, or delivered twice by the sender) is not handled twice. Set
// one with [WithWebhookReplayGuard]; [NewWebhookReplayCache] is an
// in-memory guard for one process, and a guard over a shared store (such as
// Redis SET NX with an expiry) covers several.
//
// The handler claims an id after the delivery is verified and before the
// callback runs, and releases it when the callback fails, so that the
// sender's retry of a failed delivery (the same webhook-id) is accepted.
// Implementations must be safe for concurrent use.
type WebhookReplayGuard interface {
	// Claim records id for ttl and reports whether it was new. false
	// means id is already claimed: the delivery is a duplicate. An error
	// makes the handler answer 500, so the sender retries later.
	Claim(ctx context.Context, id string, ttl time.Duration) (bool, error)
	// Release forgets id, whose handling failed.
	Release(ctx context.Context, id string) error
}

// WithWebhookReplayGuard makes [WebhookHandler] refuse a delivery whose
// webhook-id guard has already seen: the callback is not called and the
// answer is 200, so that the sender does not retry it. An id is kept for as
// long as its delivery's timestamp passes the tolerance check (after that
// the check refuses the replay), or [DefaultWebhookTolerance] with the
// check off.
//
// [VerifyWebhook] cannot release a claim when your processing fails, so it
// refuses this option: with it, call the guard's Claim after verifying and
// Release when processing fails.
func WithWebhookReplayGuard(guard WebhookReplayGuard) WebhookOption {
	return func(c *webhookConfig) {
		if guard == nil {
			c.err = fmt.Errorf("%w: WithWebhookReplayGuard: nil guard", ErrInvalidParams)
			return
		}
		c.replay = guard
	}
}

// replayTTL is how long a delivery sent at sentAt stays acceptable to the
// timestamp check, from now: until sentAt + tolerance. At least a second,
// so that a delivery at the edge of the window is remembered at all.
func (c webhookConfig) replayTTL(sentAt time.Time) time.Duration {
	tolerance := c.tolerance
	if tolerance <= 0 {
		tolerance = DefaultWebhookTolerance
	}
	return max(sentAt.Add(tolerance).Sub(c.now()), time.Second)
}

// DefaultWebhookReplayCacheSize is how many ids [NewWebhookReplayCache]
// keeps at most when asked for 0.
const DefaultWebhookReplayCacheSize = 100_000

// WebhookReplayCache is an in-memory [WebhookReplayGuard] for one process.
// It keeps each id for its ttl and at most a fixed number of ids: when
// full, it forgets those closest to expiring first. It forgets expired ids
// as it is used, with no goroutine of its own, and is safe for concurrent
// use. Only verified deliveries reach it, so forged ids cannot fill it.
type WebhookReplayCache struct {
	mu      sync.Mutex
	max     int
	now     func() time.Time // for tests
	ids     map[string]replayEntry
	byTime  replayHeap
	counter uint64
}

type replayEntry struct {
	expires time.Time
	seq     uint64 // tells a live heap item from one of a released claim
}

// NewWebhookReplayCache returns an empty cache keeping at most maxIDs ids
// ([DefaultWebhookReplayCacheSize] if maxIDs <= 0).
func NewWebhookReplayCache(maxIDs int) *WebhookReplayCache {
	if maxIDs <= 0 {
		maxIDs = DefaultWebhookReplayCacheSize
	}
	return &WebhookReplayCache{max: maxIDs, now: time.Now, ids: map[string]replayEntry{}}
}

// Claim records id for ttl, reporting false when it is already recorded
// and not expired.
func (c *WebhookReplayCache) Claim(_ context.Context, id string, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	c.expire(now)
	if e, ok := c.ids[id]; ok && now.Before(e.expires) {
		return false, nil
	}
	for len(c.ids) >= c.max && c.evictOne() {
	}
	c.counter++
	e := replayEntry{expires: now.Add(ttl), seq: c.counter}
	c.ids[id] = e
	heap.Push(&c.byTime, replayItem{id: id, replayEntry: e})
	// Items of released claims linger in the heap until they expire;
	// rebuild it before they outnumber the live ones.
	if len(c.byTime) > 2*len(c.ids)+64 {
		c.rebuild()
	}
	return true, nil
}

// Release forgets id.
func (c *WebhookReplayCache) Release(_ context.Context, id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.ids, id)
	return nil
}

// Len returns how many ids the cache holds, expired ones it has not yet
// dropped included.
func (c *WebhookReplayCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ids)
}

// expire drops every id whose time has come.
func (c *WebhookReplayCache) expire(now time.Time) {
	for len(c.byTime) > 0 && !now.Before(c.byTime[0].expires) {
		c.drop(heap.Pop(&c.byTime).(replayItem))
	}
}

// evictOne drops the live id that expires first, reporting whether there
// was one.
func (c *WebhookReplayCache) evictOne() bool {
	for len(c.byTime) > 0 {
		if c.drop(heap.Pop(&c.byTime).(replayItem)) {
			return true
		}
	}
	return false
}

// drop deletes the item's id if the item is the id's live entry,
// reporting whether it did.
func (c *WebhookReplayCache) drop(it replayItem) bool {
	if e, ok := c.ids[it.id]; ok && e.seq == it.seq {
		delete(c.ids, it.id)
		return true
	}
	return false
}

func (c *WebhookReplayCache) rebuild() {
	c.byTime = c.byTime[:0]
	for id, e := range c.ids {
		c.byTime = append(c.byTime, replayItem{id: id, replayEntry: e})
	}
	heap.Init(&c.byTime)
}

type replayItem struct {
	id string
	replayEntry
}

// replayHeap orders items by expiry, the earliest first.
type replayHeap []replayItem

func (h replayHeap) Len() int           { return len(h) }
func (h replayHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h replayHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *replayHeap) Push(x any)        { *h = append(*h, x.(replayItem)) }
func (h *replayHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}
