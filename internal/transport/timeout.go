package transport

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// attemptTimeout bounds one HTTP exchange, body included, without the
// per-request timer goroutines and contexts http.Client.Timeout allocates;
// the caller's own deadline, when sooner, needs no timer at all.
type attemptTimeout struct {
	next http.RoundTripper
	d    time.Duration
}

func (a attemptTimeout) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	if deadline, ok := parent.Deadline(); ok && time.Until(deadline) <= a.d {
		return a.next.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(parent, a.d)
	resp, err := a.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if parent.Err() == nil && ctx.Err() != nil {
			return nil, attemptTimedOut{d: a.d, err: err}
		}
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// attemptTimedOut is a net.Error whose Timeout is true, so an idempotent
// request that timed out is retried.
type attemptTimedOut struct {
	d   time.Duration
	err error
}

func (e attemptTimedOut) Error() string {
	return fmt.Sprintf("attempt timed out after %v: %v", e.d, e.err)
}
func (e attemptTimedOut) Unwrap() error   { return e.err }
func (e attemptTimedOut) Timeout() bool   { return true }
func (e attemptTimedOut) Temporary() bool { return true }

// cancelOnClose releases the attempt's timer when the body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
