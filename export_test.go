package composio

import "github.com/ComposioHQ/composio-go/internal/pusher"

// WithRealtimeTuning shortens trigger subscriptions' timeouts and backoff,
// and bounds their chunked events, so that the tests run in milliseconds.
func WithRealtimeTuning(timing pusher.Timing, chunks pusher.Limits) Option {
	return func(c *config) error {
		c.realtime = &realtimeTuning{timing: timing, chunks: chunks}
		return nil
	}
}
