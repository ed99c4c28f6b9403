package composio

import (
	"context"
	"testing"
	"time"
)

// TestWebhookReplayCacheForgetsExpiredIDs: an id is refused until its ttl
// passes, then forgotten, without any goroutine doing it.
func TestWebhookReplayCacheForgetsExpiredIDs(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1757500000, 0)
	c := NewWebhookReplayCache(0)
	c.now = func() time.Time { return now }

	if fresh, _ := c.Claim(ctx, "msg_1", 5*time.Minute); !fresh {
		t.Fatal("first claim refused")
	}
	if fresh, _ := c.Claim(ctx, "msg_2", 10*time.Minute); !fresh {
		t.Fatal("second id refused")
	}
	now = now.Add(5*time.Minute - time.Nanosecond)
	if fresh, _ := c.Claim(ctx, "msg_1", 5*time.Minute); fresh {
		t.Fatal("replay within the ttl accepted")
	}
	now = now.Add(time.Nanosecond)
	if fresh, _ := c.Claim(ctx, "msg_1", 5*time.Minute); !fresh {
		t.Fatal("id kept past its ttl")
	}
	now = now.Add(10 * time.Minute)
	_, _ = c.Claim(ctx, "msg_3", time.Minute)
	if n := c.Len(); n != 1 {
		t.Fatalf("%d ids held after the others expired, want 1", n)
	}
	if n := len(c.byTime); n != 1 {
		t.Fatalf("%d heap items after expiry, want 1", n)
	}
}
