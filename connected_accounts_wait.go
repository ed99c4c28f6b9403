package composio

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Defaults of [ConnectedAccountsService.WaitForConnection], as in
// @composio/core: poll every second for at most a minute.
const (
	DefaultWaitTimeout  = 60 * time.Second
	DefaultPollInterval = time.Second
)

// ErrConnectionFailed matches every [ConnectionFailedError] with errors.Is.
var ErrConnectionFailed = errors.New("composio: connection failed")

// ConnectionFailedError reports a connection that reached a status from
// which it will not become ACTIVE (FAILED, EXPIRED, REVOKED). Catch it with
// errors.As, or test for ErrConnectionFailed with errors.Is.
type ConnectionFailedError struct {
	ConnectedAccountID string
	Status             ConnectedAccountStatus
	// StatusReason is the API's explanation, when it gave one.
	StatusReason string
}

// Error reads like "composio: connected account ca_1 is FAILED, not ACTIVE
// (reason: OAuth callback failed during token exchange)".
func (e *ConnectionFailedError) Error() string {
	msg := fmt.Sprintf("composio: connected account %s is %s, not ACTIVE", e.ConnectedAccountID, e.Status)
	if e.StatusReason != "" {
		msg += " (reason: " + e.StatusReason + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrConnectionFailed) true.
func (e *ConnectionFailedError) Is(target error) bool { return target == ErrConnectionFailed }

// A WaitOption tunes [ConnectedAccountsService.WaitForConnection].
type WaitOption func(*waitConfig)

type waitConfig struct {
	timeout  time.Duration
	interval time.Duration
}

// WithWaitTimeout bounds the whole wait (default 60 s). It applies only when
// ctx has no earlier deadline; a non-positive d waits until ctx ends.
func WithWaitTimeout(d time.Duration) WaitOption {
	return func(c *waitConfig) { c.timeout = d }
}

// WithPollInterval sets the pause between polls (default 1 s, as in
// @composio/core); a non-positive d keeps the default. Tests use
// milliseconds.
func WithPollInterval(d time.Duration) WaitOption {
	return func(c *waitConfig) {
		if d > 0 {
			c.interval = d
		}
	}
}

// WaitForConnection polls a connected account every second (see
// [WithPollInterval]) until it is ACTIVE and returns it. INITIALIZING,
// INITIATED and INACTIVE keep it waiting. A terminal status (FAILED, EXPIRED, REVOKED) ends the wait
// with a *[ConnectionFailedError]; an unknown id with an *[Error] matching
// [ErrNotFound]. The wait ends after 60 s (see [WithWaitTimeout]) or when
// ctx ends, whichever is first, with an error wrapping the context's error
// (errors.Is(err, context.DeadlineExceeded)) that names the last status.
//
// API: GET /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) WaitForConnection(ctx context.Context, id string, opts ...WaitOption) (*ConnectedAccount, error) {
	if ctx == nil {
		return nil, errNilContext()
	}
	cfg := waitConfig{timeout: DefaultWaitTimeout, interval: DefaultPollInterval}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
		defer cancel()
	}
	var last ConnectedAccountStatus
	timer := time.NewTimer(0)
	defer timer.Stop()
	<-timer.C
	for {
		acct, err := s.Get(ctx, id)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, waitExpired(id, last, ctx.Err())
		case err != nil:
			return nil, err
		case acct.Status == StatusActive:
			return acct, nil
		case acct.Status.Terminal():
			return nil, &ConnectionFailedError{ConnectedAccountID: id, Status: acct.Status, StatusReason: acct.StatusReason}
		}
		last = acct.Status
		timer.Reset(cfg.interval)
		select {
		case <-ctx.Done():
			return nil, waitExpired(id, last, ctx.Err())
		case <-timer.C:
		}
	}
}

func waitExpired(id string, last ConnectedAccountStatus, cause error) error {
	if last == "" {
		return fmt.Errorf("composio: waiting for connected account %s: %w", id, cause)
	}
	return fmt.Errorf("composio: connected account %s still %s when the wait ended: %w", id, last, cause)
}
